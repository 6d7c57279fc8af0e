// The loaded catalog as the simulator (src/dossier/simulate.ts) takes it: the current version of
// every procedure with its agency's code and compiled calendar, and the officials by unit.
import type { Kysely } from 'kysely';
import type { Channel } from '../dossier/events.js';
import type { ProcedureVersion } from '../dossier/procedure.js';
import type { SimulatedProcedure, SimulationCatalog } from '../dossier/simulate.js';
import { InputError } from '../errors.js';
import { calendarLookup } from './calendars.js';
import type { Database } from './schema.js';

const noCatalog = 'the database holds no catalog; run "tthc catalog load" first';

/** What a stored procedure version holds beyond what the state machine reads. */
type StoredProcedure = Omit<ProcedureVersion, 'version'> & {
  agency: string;
  calendar?: string;
  mechanism?: string;
  effective_from?: string;
  effective_to?: string;
  channels?: Channel[];
  components?: { name: string }[];
};

/**
 * The catalog of the database for `simulate`, procedures ordered by code. Refuses (InputError) a
 * database without a loaded catalog, and a procedure whose calendar is not stored.
 */
export async function simulationCatalog(db: Kysely<Database>): Promise<SimulationCatalog> {
  const tables = new Set((await db.introspection.getTables()).map((t) => t.name));
  if (!['procedures', 'procedure_versions', 'units', 'officials', 'calendars'].every((t) => tables.has(t))) throw new InputError(noCatalog);
  const rows = await db
    .selectFrom('procedures')
    .innerJoin('procedure_versions', (j) => j.onRef('procedure_versions.code', '=', 'procedures.code').onRef('procedure_versions.version', '=', 'procedures.current_version'))
    .select(['procedures.code', 'procedures.current_version', 'procedure_versions.data'])
    .orderBy('procedures.code')
    .execute();
  if (rows.length === 0) throw new InputError(noCatalog);
  const codes = new Map((await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.id, u.code]));
  const officials = await db.selectFrom('officials').select(['id', 'unit']).orderBy('id').execute();
  const calendars = await calendarLookup(db);
  const procedures = rows.map((r): SimulatedProcedure => {
    const data = JSON.parse(r.data) as StoredProcedure;
    const calendar = calendars.ofProcedure(data);
    if (!calendar) throw new InputError(`procedure "${r.code}" has no calendar in the database; run "tthc catalog load"`);
    return {
      version: { ...data, version: r.current_version },
      agency: data.agency,
      agencyCode: codes.get(data.agency) ?? null,
      calendar,
      ...(data.effective_from !== undefined ? { effective_from: data.effective_from } : {}),
      ...(data.effective_to !== undefined ? { effective_to: data.effective_to } : {}),
      ...(data.mechanism !== undefined ? { mechanism: data.mechanism } : {}),
      ...(data.channels !== undefined ? { channels: data.channels } : {}),
      components: (data.components ?? []).map((c) => c.name),
    };
  });
  return { procedures, officials };
}
