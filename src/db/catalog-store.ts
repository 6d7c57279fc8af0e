// Loading a validated catalog into the database: one transaction; a procedure whose content
// changed becomes a new version (dossiers keep the version they were received under); content
// that did not change writes nothing.
import type { Kysely } from 'kysely';
import type { CalendarDef, Catalog, Official, Procedure, Unit } from '../catalog/model.js';
import { contentHash } from './canonical.js';
import type { Db } from './connect.js';
import type { Database } from './schema.js';

export interface LoadCounts {
  added: number;
  changed: number;
  unchanged: number;
}

/** What `tthc catalog load` did. */
export interface LoadCatalogResult {
  units: LoadCounts;
  officials: LoadCounts;
  calendars: LoadCounts;
  /** `changed` procedures got a new version. */
  procedures: LoadCounts;
}

/**
 * Stores the catalog in one write transaction (Db#write: processes loading at once take turns,
 * the later ones finding the catalog stored); returns the counts. Units, officials and calendars
 * absent from the catalog are kept (dossiers refer to them). Refuses nothing itself: validate first.
 */
export async function storeCatalog(d: Db, catalog: Catalog, at: Date): Promise<LoadCatalogResult> {
  return d.write(async (trx) => ({
    units: await upsertSimple(trx, 'units', catalog.units.map((u) => ({
      id: u.value.id,
      name: u.value.name,
      code: u.value.code ?? null,
      level: u.value.level,
      parent: u.value.parent ?? null,
      centre: u.value.centre ? 1 : 0,
      data: JSON.stringify(u.value),
      content_hash: contentHash(u.value),
    }))),
    officials: await upsertSimple(trx, 'officials', catalog.officials.map((o) => ({
      id: o.value.id,
      name: o.value.name,
      unit: o.value.unit,
      data: JSON.stringify(o.value),
      content_hash: contentHash(o.value),
    }))),
    calendars: await upsertSimple(trx, 'calendars', catalog.calendars.map((c) => ({
      id: c.value.id,
      data: JSON.stringify(c.value),
      content_hash: contentHash(c.value),
    }))),
    procedures: await storeProcedures(trx, catalog, at),
  }));
}

type Simple = 'units' | 'officials' | 'calendars';

/** The columns of the three simple tables, the ones a table lacks left out (nullable = optional). */
interface SimpleRow {
  id: string;
  content_hash: string;
  data: string;
  name: string | null;
  code: string | null;
  level: string | null;
  parent: string | null;
  centre: number | null;
  unit: string | null;
}

async function upsertSimple(trx: Kysely<Database>, table: Simple, rows: ({ id: string; content_hash: string; data: string } & Partial<SimpleRow>)[]): Promise<LoadCounts> {
  // The three tables share id, data and content_hash; one loose view of them serves all three.
  const t = trx as unknown as Kysely<Record<'simple', SimpleRow>>;
  const from = table as unknown as 'simple';
  const existing = new Map<string, string>();
  for (const r of await t.selectFrom(from).select(['id', 'content_hash']).execute()) existing.set(r.id, r.content_hash);
  const counts: LoadCounts = { added: 0, changed: 0, unchanged: 0 };
  const inserts = [];
  for (const row of rows) {
    const old = existing.get(row.id);
    if (old === undefined) {
      inserts.push(row);
      counts.added++;
    } else if (old !== row.content_hash) {
      await t.updateTable(from).set(row).where('id', '=', row.id).execute();
      counts.changed++;
    } else counts.unchanged++;
  }
  // Batches keep each statement under SQLite's limit on bound parameters.
  for (let i = 0; i < inserts.length; i += 100) await t.insertInto(from).values(inserts.slice(i, i + 100)).execute();
  return counts;
}

async function storeProcedures(trx: Kysely<Database>, catalog: Catalog, at: Date): Promise<LoadCounts> {
  const current = new Map<string, { version: number; hash: string }>();
  const rows = await trx
    .selectFrom('procedures')
    .innerJoin('procedure_versions', (j) => j.onRef('procedure_versions.code', '=', 'procedures.code').onRef('procedure_versions.version', '=', 'procedures.current_version'))
    .select(['procedures.code', 'procedures.current_version', 'procedure_versions.content_hash'])
    .execute();
  for (const r of rows) current.set(r.code, { version: r.current_version, hash: r.content_hash });
  const counts: LoadCounts = { added: 0, changed: 0, unchanged: 0 };
  const loadedAt = at.toISOString();
  const newProcedures = [];
  const newVersions = [];
  for (const { value: p } of catalog.procedures) {
    const hash = contentHash(p);
    const old = current.get(p.code);
    const summary = { name: p.name, agency: p.agency, field: p.field, mechanism: p.mechanism };
    if (old === undefined) {
      newProcedures.push({ code: p.code, current_version: 1, ...summary });
      newVersions.push({ code: p.code, version: 1, content_hash: hash, data: JSON.stringify(p), loaded_at: loadedAt });
      counts.added++;
    } else if (old.hash !== hash) {
      const version = old.version + 1;
      newVersions.push({ code: p.code, version, content_hash: hash, data: JSON.stringify(p), loaded_at: loadedAt });
      await trx.updateTable('procedures').set({ current_version: version, ...summary }).where('code', '=', p.code).execute();
      counts.changed++;
    } else counts.unchanged++;
  }
  for (let i = 0; i < newProcedures.length; i += 100) await trx.insertInto('procedures').values(newProcedures.slice(i, i + 100)).execute();
  for (let i = 0; i < newVersions.length; i += 100) await trx.insertInto('procedure_versions').values(newVersions.slice(i, i + 100)).execute();
  return counts;
}

/** A step of a procedure's current version: its name, budget and place in the step order. */
export interface CurrentStep {
  name: string;
  duration: string;
  position: number;
}

/** The steps of the current versions of these procedures, keyed "<code>/<step id>". */
export async function currentSteps(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, CurrentStep>> {
  const out = new Map<string, CurrentStep>();
  if (codes.length === 0) return out;
  const versions = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'v.code').onRef('p.current_version', '=', 'v.version'))
    .select(['v.code', 'v.data'])
    .where('v.code', 'in', [...codes])
    .execute();
  for (const v of versions) {
    const data = JSON.parse(v.data) as { steps?: { id: string; name: string; duration: string }[] };
    (data.steps ?? []).forEach((s, position) => out.set(`${v.code}/${s.id}`, { name: s.name, duration: s.duration, position }));
  }
  return out;
}

/** A stored procedure version with the stored units, officials and calendars it names. */
export interface StoredVersion {
  procedure: Procedure;
  calendars: CalendarDef[];
  units: Unit[];
  officials: Official[];
}

/**
 * Version `version` of procedure `code` as it was loaded, with the units, officials and calendars
 * it names as they are stored now (those tables keep one row per id, not versions); undefined when
 * the version is not stored.
 */
export async function storedProcedureVersion(db: Kysely<Database>, code: string, version: number): Promise<StoredVersion | undefined> {
  const row = await db.selectFrom('procedure_versions').select('data').where('code', '=', code).where('version', '=', version).executeTakeFirst();
  if (!row) return undefined;
  const procedure = JSON.parse(row.data) as Procedure;
  const unitIds = [...new Set([procedure.agency, ...procedure.steps.map((s) => s.unit)])];
  const officialIds = [...new Set(procedure.steps.flatMap((s) => (s.assignee !== undefined ? [s.assignee] : [])))];
  const parse = <T>(rows: { data: string }[]) => rows.map((r) => JSON.parse(r.data) as T);
  // Every stored calendar, in id order: a version without `calendar:` uses the only one.
  const calendars = parse<CalendarDef>(await db.selectFrom('calendars').select('data').orderBy('id').execute());
  const units = parse<Unit>(await db.selectFrom('units').select('data').where('id', 'in', unitIds).orderBy('id').execute());
  const officials = officialIds.length === 0 ? [] : parse<Official>(await db.selectFrom('officials').select('data').where('id', 'in', officialIds).orderBy('id').execute());
  return { procedure, calendars, units, officials };
}
