import type { CommandDef } from '../../command.js';

export const dbMigrateCommand: CommandDef = {
  name: 'db migrate',
  summary: 'apply pending schema migrations (commands that write do it themselves)',
  formats: ['table', 'json'],
  examples: ['tthc db migrate', 'tthc db migrate --db postgres://tthc@db.local/tthc'],
  async run(ctx) {
    const { usingDb } = await import('../../../db/connect.js');
    const { migrateToLatest } = await import('../../../db/migrate.js');
    const applied = await usingDb(ctx.db, ctx.io.cwd, (d) => migrateToLatest(d.db));
    if (ctx.format === 'json') ctx.io.out(JSON.stringify({ applied }, null, 2) + '\n');
    else ctx.io.out(applied.length === 0 ? `${ctx.labels.dbUpToDate}\n` : applied.map((m) => `${ctx.labels.dbApplied} ${m}\n`).join(''));
    return 0;
  },
};
