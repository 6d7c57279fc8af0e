import type { CommandDef } from '../../command.js';
import { loadCatalog } from '../../catalog.js';

export const catalogLoadCommand: CommandDef = {
  name: 'catalog load',
  summary: 'validate the catalog, then load it into the database; a changed procedure becomes a new version',
  formats: ['table', 'json'],
  examples: ['tthc catalog load', 'tthc catalog load --catalog ../bac-ninh/procedures --db postgres://tthc@db.local/tthc'],
  async run(ctx) {
    // A catalog with errors is refused here (exit 1), before the database is touched.
    const catalog = await loadCatalog(ctx);
    const { usingDb } = await import('../../../db/connect.js');
    const { migrateToLatest } = await import('../../../db/migrate.js');
    const { storeCatalog } = await import('../../../db/catalog-store.js');
    const result = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      await migrateToLatest(d.db);
      return storeCatalog(d, catalog, ctx.asOf);
    });
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    const l = ctx.labels;
    const line = (label: string, c: { added: number; changed: number; unchanged: number }, changed: string) =>
      `${label.padEnd(14)} ${c.added} ${l.loadAdded}, ${c.changed} ${changed}, ${c.unchanged} ${l.loadUnchanged}\n`;
    ctx.io.out(line(l.loadProcedures, result.procedures, l.loadNewVersions));
    ctx.io.out(line(l.loadUnits, result.units, l.loadChanged));
    ctx.io.out(line(l.loadOfficials, result.officials, l.loadChanged));
    ctx.io.out(line(l.loadCalendars, result.calendars, l.loadChanged));
    return 0;
  },
};
