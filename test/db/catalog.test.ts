// Migrations and catalog loading, on every engine.
import { afterAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../src/catalog/validate.js';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { storeCatalog } from '../../src/db/catalog-store.js';
import { migrateToLatest, migrationStatus } from '../../src/db/migrate.js';
import { smallCatalog, tempCatalog } from '../helpers/cli.js';
import { dialects, skippedDialects } from './dialects.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const catalogOf = (files: Record<string, string>) => {
  const dir = tempCatalog(files);
  const r = validateCatalog({ paths: [dir], cwd: dir, asOf });
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return r.catalog;
};

/** Every row of every catalog table, to compare before and after. */
async function snapshot(d: Db) {
  return {
    units: await d.db.selectFrom('units').selectAll().orderBy('id').execute(),
    officials: await d.db.selectFrom('officials').selectAll().orderBy('id').execute(),
    calendars: await d.db.selectFrom('calendars').selectAll().orderBy('id').execute(),
    procedures: await d.db.selectFrom('procedures').selectAll().orderBy('code').execute(),
    versions: await d.db.selectFrom('procedure_versions').selectAll().orderBy('code').orderBy('version').execute(),
  };
}

describe.each(dialects)('$name', (dialect) => {
  afterAll(() => dialect.cleanup());

  async function freshDb(): Promise<Db> {
    const d = await openDatabase(await dialect.fresh(), process.cwd());
    return d;
  }

  it('migrates up from empty, once', async () => {
    const d = await freshDb();
    try {
      expect(await migrationStatus(d.db)).toEqual([
        { name: '0001-catalog', applied_at: null },
        { name: '0002-dossiers', applied_at: null },
        { name: '0003-steps', applied_at: null },
        { name: '0004-figures', applied_at: null },
        { name: '0005-minutes-index', applied_at: null },
        { name: '0006-steps-indexes', applied_at: null },
        { name: '0007-binary-hashes', applied_at: null },
        { name: '0008-steps-without-rowid', applied_at: null },
        { name: '0009-partial-last-event-index', applied_at: null },
      ]);
      expect(await migrateToLatest(d.db)).toEqual(['0001-catalog', '0002-dossiers', '0003-steps', '0004-figures', '0005-minutes-index', '0006-steps-indexes', '0007-binary-hashes', '0008-steps-without-rowid', '0009-partial-last-event-index']);
      expect(await migrateToLatest(d.db)).toEqual([]);
      const [m] = await migrationStatus(d.db);
      expect(m!.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    } finally {
      await d.close();
    }
  });

  it('a migration that fails half-way leaves nothing of itself: each is one transaction', async () => {
    const d = await freshDb();
    try {
      const { Migrator } = await import('kysely');
      const upTo3 = {
        '0001-catalog': await import('../../src/db/migrations/0001-catalog.js'),
        '0002-dossiers': await import('../../src/db/migrations/0002-dossiers.js'),
        '0003-steps': await import('../../src/db/migrations/0003-steps.js'),
      };
      const r = await new Migrator({ db: d.db, provider: { getMigrations: async () => upTo3 } }).migrateToLatest();
      expect(r.error).toBeUndefined();
      // An index of a name 0004 creates makes its ninth statement fail, after six columns and
      // two indexes were added.
      await d.db.schema.createIndex('dossiers_received_at').on('units').column('name').execute();
      await expect(migrateToLatest(d.db)).rejects.toThrow(/dossiers_received_at/);
      const columns = async (table: string) => (await d.db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
      expect(await columns('dossiers')).not.toContain('used_minutes');
      expect(await columns('steps')).not.toContain('outcome');
      expect((await migrationStatus(d.db)).map((m) => m.applied_at !== null)).toEqual([true, true, true, false, false, false, false, false, false]);
      // Once the obstacle is gone it applies whole.
      await d.db.schema.dropIndex('dossiers_received_at').execute();
      expect(await migrateToLatest(d.db)).toEqual(['0004-figures', '0005-minutes-index', '0006-steps-indexes', '0007-binary-hashes', '0008-steps-without-rowid', '0009-partial-last-event-index']);
      expect(await columns('dossiers')).toContain('used_minutes');
    } finally {
      await d.close();
    }
  });

  it('loads a catalog, writes nothing when it has not changed, and versions a changed procedure', async () => {
    const d = await freshDb();
    try {
      await migrateToLatest(d.db);
      // The small catalog: 4 units, 1 official, 1 calendar, 2 procedures.
      const first = await storeCatalog(d, catalogOf(smallCatalog), new Date('2026-01-01T00:00:00Z'));
      expect(first).toEqual({
        units: { added: 4, changed: 0, unchanged: 0 },
        officials: { added: 1, changed: 0, unchanged: 0 },
        calendars: { added: 1, changed: 0, unchanged: 0 },
        procedures: { added: 2, changed: 0, unchanged: 0 },
      });
      const before = await snapshot(d);
      const again = await storeCatalog(d, catalogOf(smallCatalog), new Date('2026-02-01T00:00:00Z'));
      expect(again.procedures).toEqual({ added: 0, changed: 0, unchanged: 2 });
      expect(await snapshot(d)).toEqual(before);

      // A longer time limit: procedure 1.000001 becomes version 2; version 1 stays as it was.
      const changed = {
        ...smallCatalog,
        'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('time_limit: 2d', 'time_limit: 3d'),
        'units.yaml': smallCatalog['units.yaml']!.replace('name: Sở Xây dựng,', 'name: Sở Xây dựng tỉnh,'),
      };
      const third = await storeCatalog(d, catalogOf(changed), new Date('2026-03-01T00:00:00Z'));
      expect(third.procedures).toEqual({ added: 0, changed: 1, unchanged: 1 });
      expect(third.units).toEqual({ added: 0, changed: 1, unchanged: 3 });
      const versions = await d.db.selectFrom('procedure_versions').select(['version', 'data', 'loaded_at']).where('code', '=', '1.000001').orderBy('version').execute();
      expect(versions.map((v) => [v.version, JSON.parse(v.data).time_limit, v.loaded_at])).toEqual([
        [1, '2d', '2026-01-01T00:00:00.000Z'],
        [2, '3d', '2026-03-01T00:00:00.000Z'],
      ]);
      const proc = await d.db.selectFrom('procedures').selectAll().where('code', '=', '1.000001').executeTakeFirstOrThrow();
      expect(proc.current_version).toBe(2);
    } finally {
      await d.close();
    }
  });

  it('a load that fails half-way leaves the database as it was', async () => {
    const d = await freshDb();
    try {
      await migrateToLatest(d.db);
      await storeCatalog(d, catalogOf(smallCatalog), asOf);
      const before = await snapshot(d);
      // Two procedures with one code (validation would refuse it; here it makes the second
      // insert fail inside the transaction, after units and a procedure were written).
      const catalog = catalogOf({ ...smallCatalog, 'units.yaml': smallCatalog['units.yaml']!.replace('Sở Xây dựng,', 'Sở Xây dựng mới,') });
      const dup = { ...catalog.procedures[0]!, value: { ...catalog.procedures[1]!.value, code: 'NEW-1' } };
      catalog.procedures.push(dup, { ...dup });
      await expect(storeCatalog(d, catalog, asOf)).rejects.toThrow();
      expect(await snapshot(d)).toEqual(before);
    } finally {
      await d.close();
    }
  });
});

describe.skipIf(skippedDialects.length === 0).each(skippedDialects)('%s: skipped here (TTHC_TEST_PG, TTHC_TEST_ENGINES)', () => {
  it.skip('the same suite', () => {});
});
