// One command per event type after receipt, from one table: each adds its own options and
// builds its event; recording, refusing and printing are shared.
import type { EventInput } from '../../../db/event-store.js';
import { UsageError } from '../../../errors.js';
import type { CommandDef, OptionDef } from '../../command.js';
import { atOption, printRecorded, recordWith } from '../../dossier.js';

interface Verb {
  name: string;
  summary: string;
  options: OptionDef[];
  /** The event's own fields from the options; refuses what is missing (UsageError). */
  build(opts: Record<string, unknown>, at: (text: unknown, name: string) => Promise<Date>): Promise<Record<string, unknown>>;
  type: EventInput['type'];
}

function need(opts: Record<string, unknown>, key: string, flag: string): string {
  const v = opts[key];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`${flag} is required`);
  return v;
}

const verbs: Verb[] = [
  { name: 'complete', type: 'step-completed', summary: 'a running step is completed; the steps it leads to start', options: [{ flags: '--step <id>', description: 'the step (required)' }, { flags: '--note <text>', description: 'a note' }], build: async (o) => ({ step: need(o, 'step', '--step'), ...(o['note'] !== undefined ? { note: String(o['note']) } : {}) }) },
  { name: 'supplement', type: 'supplement-requested', summary: 'ask the applicant to supplement the dossier; the clock stops (form 02)', options: [{ flags: '--reason <text>', description: 'why (required)' }, { flags: '--item <text...>', description: 'what is missing (repeatable)' }], build: async (o) => ({ reason: need(o, 'reason', '--reason'), items: (o['item'] as string[] | undefined) ?? [] }) },
  { name: 'resume', type: 'supplement-received', summary: 'the supplemented dossier is back; the clock resumes (or restarts)', options: [], build: async () => ({}) },
  { name: 'refuse', type: 'refused', summary: 'refuse the dossier (form 03); it ends', options: [{ flags: '--reason <text>', description: 'why (required)' }], build: async (o) => ({ reason: need(o, 'reason', '--reason') }) },
  { name: 'withdraw', type: 'withdrawn', summary: 'the applicant withdraws the dossier; it ends', options: [{ flags: '--reason <text>', description: 'why' }], build: async (o) => (o['reason'] !== undefined ? { reason: String(o['reason']) } : {}) },
  { name: 'stop', type: 'stopped', summary: 'stop processing (form 05); it ends', options: [{ flags: '--reason <text>', description: 'why (required)' }], build: async (o) => ({ reason: need(o, 'reason', '--reason') }) },
  { name: 'apologize', type: 'apologized', summary: 'an apology with a new appointment (form 04); it does not change how the dossier is judged', options: [{ flags: '--reason <text>', description: 'why (required)' }, { flags: '--new-appointment <time>', description: 'the new appointment, ISO 8601 (required)' }], build: async (o, at) => ({ reason: need(o, 'reason', '--reason'), new_appointment: await at(need(o, 'newAppointment', '--new-appointment'), '--new-appointment') }) },
  { name: 'return', type: 'returned', summary: 'the result is handed to the applicant', options: [{ flags: '--to <text>', description: 'to whom, if not the applicant' }], build: async (o) => (o['to'] !== undefined ? { to: String(o['to']) } : {}) },
  { name: 'rate', type: 'rated', summary: 'a satisfaction vote, 1–5', options: [{ flags: '--score <n>', description: '1 to 5 (required)' }, { flags: '--comment <text>', description: 'a comment' }], build: async (o) => {
    const score = Number(need(o, 'score', '--score'));
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new UsageError(`--score ${String(o['score'])} must be a whole number from 1 to 5`);
    return { score, ...(o['comment'] !== undefined ? { comment: String(o['comment']) } : {}) };
  } },
];

/** `tthc dossier complete|supplement|resume|refuse|withdraw|stop|apologize|return|rate CODE`. */
export const dossierVerbCommands: CommandDef[] = verbs.map((v) => ({
  name: `dossier ${v.name}`,
  summary: v.summary,
  args: ['<code>'],
  options: [...v.options, { flags: '--at <time>', description: 'when (ISO 8601; default now)' }, { flags: '--by <official>', description: 'the official who did it' }],
  formats: ['table', 'json'],
  examples: [`tthc dossier ${v.name} 000.00.12.H06-260105-0001${v.name === 'complete' ? ' --step appraise --by nva' : ''}`],
  async run(ctx, [code], opts) {
    const fields = await v.build(opts, (text, name) => atOption(ctx, text, name));
    const at = await atOption(ctx, opts['at']);
    const r = await recordWith(ctx, opts['by'], async (_db, by) => [{ type: v.type, dossier: code as string, at, by, ...fields } as EventInput]);
    printRecorded(ctx, r);
    return 0;
  },
}));
