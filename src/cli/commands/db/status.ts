import type { CommandDef } from '../../command.js';

export const dbStatusCommand: CommandDef = {
  name: 'db status',
  summary: 'the database engine and which migrations are applied or pending',
  formats: ['table', 'json'],
  examples: ['tthc db status', 'TTHC_DB=postgres://tthc@db.local/tthc tthc db status --format json'],
  async run(ctx) {
    const { usingDb } = await import('../../../db/connect.js');
    const { migrationStatus } = await import('../../../db/migrate.js');
    const { engine, shown, migrations } = await usingDb(ctx.db, ctx.io.cwd, async (d) => ({ engine: d.engine, shown: d.shown, migrations: await migrationStatus(d.db) }), { create: false });
    const pending = migrations.filter((m) => m.applied_at === null).length;
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify({ db: shown, engine, pending, migrations }, null, 2) + '\n');
      return 0;
    }
    const l = ctx.labels;
    ctx.io.out(`${shown} (${engine})\n`);
    for (const m of migrations) ctx.io.out(`  ${m.applied_at === null ? ctx.color.yellow(l.dbPending.padEnd(12)) : ctx.color.green(m.applied_at.slice(0, 19).replace('T', ' '))}  ${m.name}\n`);
    return 0;
  },
};
