// A dossier's stored rows (dossiers, steps) against the derivation from its events replayed from
// the log: what the import and concurrent writers must leave behind.
import type { Kysely } from 'kysely';
import { derivedRows, loadDossier, type DerivedRows } from '../../src/db/event-store.js';
import type { Database } from '../../src/db/schema.js';

/** The stored rows of dossier `code` and the rows its events derive, to be compared whole. */
export async function storedAndDerived(db: Kysely<Database>, code: string): Promise<{ stored: DerivedRows; derived: DerivedRows }> {
  const loaded = (await loadDossier(db, code))!;
  const last = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('dossier', '=', code).executeTakeFirstOrThrow();
  const derived = derivedRows({ code, state: loaded.state, calendar: loaded.ctx.calendar, agency: loaded.ctx.agency, lastSeq: Number(last.seq) });
  const dossier = await db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const steps = await db.selectFrom('steps').selectAll().where('dossier', '=', code).orderBy('position').execute();
  return { stored: { dossier, steps }, derived };
}
