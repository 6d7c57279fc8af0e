import type { EventInput } from '../../../db/event-store.js';
import { channels } from '../../../dossier/events.js';
import { UsageError } from '../../../errors.js';
import type { CommandContext, CommandDef } from '../../command.js';
import { atOption, printRecorded, recordWith } from '../../dossier.js';

export const dossierReceiveCommand: CommandDef = {
  name: 'dossier receive',
  summary: 'record a received dossier: prints its new code and due time',
  options: [
    { flags: '--procedure <code>', description: 'the procedure (required)' },
    { flags: '--applicant <name>', description: "the applicant's name (required; personal data, never published)" },
    { flags: '--id-number <text>', description: "the applicant's ID number" },
    { flags: '--phone <text>', description: "the applicant's phone" },
    { flags: '--email <text>', description: "the applicant's e-mail" },
    { flags: '--address <text>', description: "the applicant's address" },
    { flags: '--channel <channel>', description: 'how it came in', choices: channels, default: 'counter' },
    { flags: '--at <time>', description: 'when (ISO 8601; default now)' },
    { flags: '--by <official>', description: 'the official who received it' },
    { flags: '--no-complete', description: 'do not also complete a first step whose action is receive' },
  ],
  formats: ['table', 'json'],
  examples: ['tthc dossier receive --procedure 1.009794 --applicant "Nguyễn Văn An" --by qxd-nvh'],
  async run(ctx, _args, opts) {
    let procedure = opts['procedure'];
    let name = opts['applicant'];
    // On a terminal, ask for what is missing; elsewhere (pipes, CI, --no-input) refuse.
    if (typeof procedure !== 'string') {
      if (!ctx.interactive) throw new UsageError('--procedure is required');
      procedure = await askProcedure(ctx);
    }
    let asked: Record<string, string> = {};
    if (typeof name !== 'string' || name.trim() === '') {
      if (!ctx.interactive) throw new UsageError('--applicant is required');
      name = await ctx.prompter.input(ctx.labels.askApplicant, { required: true });
      // The other applicant fields are optional: asked once, an empty answer skips them.
      for (const [key, label] of [['id_number', ctx.labels.askIdNumber], ['phone', ctx.labels.askPhone]] as const) {
        const v = (await ctx.prompter.input(label)).trim();
        if (v !== '') asked[key] = v;
      }
    }
    if (typeof procedure !== 'string' || typeof name !== 'string' || name.trim() === '') throw new UsageError('--procedure and --applicant are required');
    const applicant: Record<string, string> = { name, ...asked };
    for (const [opt, key] of [['idNumber', 'id_number'], ['phone', 'phone'], ['email', 'email'], ['address', 'address']] as const) {
      if (typeof opts[opt] === 'string') applicant[key] = opts[opt] as string;
    }
    const at = await atOption(ctx, opts['at']);
    const r = await recordWith(ctx, opts['by'], async (db, by) => {
      const version = await db
        .selectFrom('procedures')
        .innerJoin('procedure_versions', (j) => j.onRef('procedure_versions.code', '=', 'procedures.code').onRef('procedure_versions.version', '=', 'procedures.current_version'))
        .select('procedure_versions.data')
        .where('procedures.code', '=', procedure)
        .executeTakeFirst();
      const first = version ? (JSON.parse(version.data) as { steps: { id: string; action: string }[] }).steps[0] : undefined;
      const events: EventInput[] = [{ type: 'received', at, by, procedure, applicant: applicant as { name: string }, channel: opts['channel'] as 'counter' }];
      // SPEC: unless --no-complete, a first step that is the receipt itself completes at once.
      if (opts['complete'] !== false && first?.action === 'receive') events.push({ type: 'step-completed', at, by, step: first.id });
      return events;
    });
    printRecorded(ctx, r);
    return 0;
  },
};

/** The procedure picked from a searchable list of the loaded catalog (code or name words, diacritics optional). */
async function askProcedure(ctx: CommandContext): Promise<string> {
  const { usingDb } = await import('../../../db/connect.js');
  const { matchesWords } = await import('../../../catalog/query.js');
  const rows = await usingDb(ctx.db, ctx.io.cwd, (d) => d.db.selectFrom('procedures').select(['code', 'name']).orderBy('code').execute(), { create: false });
  if (rows.length === 0) throw new UsageError('the database has no procedure; run "tthc catalog load" first');
  const choices = rows.map((r) => ({ value: r.code, name: `${r.code}  ${r.name}` }));
  return ctx.prompter.search(ctx.labels.askProcedure, choices, (term, c) => matchesWords(term, c.name));
}
