import type { CommandDef } from '../../command.js';

export const auditVerifyCommand: CommandDef = {
  name: 'audit verify',
  summary: 'recompute the hash chain of the event log; exit 1 and the first broken event if any',
  formats: ['table', 'json'],
  examples: ['tthc audit verify', 'tthc audit verify --db postgres://auditor@db.local/tthc --format json'],
  async run(ctx) {
    const { usingDb } = await import('../../../db/connect.js');
    const { verifyChain } = await import('../../../db/event-store.js');
    const r = await usingDb(ctx.db, ctx.io.cwd, (d) => verifyChain(d.db), { create: false });
    if (ctx.format === 'json') ctx.io.out(JSON.stringify({ ok: !r.broken, events: r.events, broken: r.broken ?? null }, null, 2) + '\n');
    else if (!r.broken) ctx.io.out(ctx.color.green(ctx.labels.chainOk(r.events)) + '\n');
    else ctx.io.out(ctx.color.red(ctx.labels.chainBroken(r.broken.seq, r.broken.id, r.broken.dossier, r.broken.problem)) + '\n');
    return r.broken ? 1 : 0;
  },
};
