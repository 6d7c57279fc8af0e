import { resolve } from 'node:path';
import { InputError } from '../../../errors.js';
import type { ExportedHead } from '../../../db/event-store.js';
import type { CommandDef } from '../../command.js';
import { readJsonFile } from '../../files.js';

/** The head file of `tthc audit export`; refuses (InputError) anything else, naming the file. */
function readHead(path: string, shown: string): ExportedHead {
  const data = readJsonFile(path, shown);
  const h = data as { seq?: unknown; hash?: unknown };
  if (typeof h !== 'object' || h === null || !Number.isSafeInteger(h.seq) || (h.seq as number) < 0 || typeof h.hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(h.hash)) {
    throw new InputError(`${shown}: expected {"seq": N, "hash": "<64 hex digits>"} as written by "tthc audit export"`);
  }
  return { seq: h.seq as number, hash: h.hash };
}

export const auditVerifyCommand: CommandDef = {
  name: 'audit verify',
  summary: 'recompute the hash chain of the event log; exit 1 and the first broken event if any',
  options: [{ flags: '--head <file>', description: 'also check the log against a chain head kept outside the database ("tthc audit export")' }],
  formats: ['table', 'json'],
  examples: ['tthc audit verify', 'tthc audit verify --head head-2026-11-22.json', 'tthc audit verify --db postgres://auditor@db.local/tthc --format json'],
  async run(ctx, _args, opts) {
    const head = opts['head'] === undefined ? undefined : readHead(resolve(ctx.io.cwd, String(opts['head'])), String(opts['head']));
    const { usingDb } = await import('../../../db/connect.js');
    const { verifyChain } = await import('../../../db/event-store.js');
    const r = await usingDb(ctx.db, ctx.io.cwd, (d) => verifyChain(d.db, head), { create: false });
    if (ctx.format === 'json') ctx.io.out(JSON.stringify({ ok: !r.broken, events: r.events, broken: r.broken ?? null }, null, 2) + '\n');
    else if (!r.broken) ctx.io.out(ctx.color.green(ctx.labels.chainOk(r.events)) + '\n');
    else ctx.io.out(ctx.color.red(ctx.labels.chainBroken(r.broken.seq, r.broken.id, r.broken.dossier, r.broken.problem)) + '\n');
    return r.broken ? 1 : 0;
  },
};
