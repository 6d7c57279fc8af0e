// The tables of tthc, as kysely sees them. JSON is stored as text and booleans as 0/1 on both
// engines, so that one set of queries serves SQLite and PostgreSQL.
import type { ColumnType, Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  name: string;
  code: string | null;
  level: string;
  parent: string | null;
  centre: number;
  /** The whole unit as written in the catalog (JSON). */
  data: string;
  content_hash: string;
}

export interface OfficialsTable {
  id: string;
  name: string;
  unit: string;
  data: string;
  content_hash: string;
}

export interface CalendarsTable {
  id: string;
  data: string;
  content_hash: string;
}

export interface ProceduresTable {
  code: string;
  /** The version that new dossiers get. */
  current_version: number;
  name: string;
  agency: string;
  field: string;
  mechanism: string;
}

export interface ProcedureVersionsTable {
  code: string;
  version: number;
  content_hash: string;
  /** The procedure as written in the catalog (JSON), steps included. */
  data: string;
  /** When this version was loaded (ISO 8601, UTC). */
  loaded_at: string;
}

export interface MigrationsTable {
  name: string;
  applied_at: ColumnType<string, string, never>;
  seq: Generated<number>;
}

export interface EventsTable {
  /** Position in the log, from 1, without gaps. */
  seq: number;
  id: string;
  dossier: string;
  type: string;
  /** ISO 8601, UTC. */
  at: string;
  by: string | null;
  /** The type's own fields (JSON). */
  payload: string;
  /** The previous event's SHA-256, its 32 bytes (`hexOf` gives the hex of the canonical form). */
  prev_hash: Buffer;
  /** This event's SHA-256 (see `eventHash`), its 32 bytes. */
  hash: Buffer;
}

export interface ChainHeadTable {
  id: number;
  seq: number;
  /** The last event's hash, in hex. */
  hash: string;
}

export interface DossiersTable {
  code: string;
  procedure: string;
  procedure_version: number;
  /** The procedure's agency (unit id), for reports by unit. */
  agency: string;
  status: string;
  received_at: string;
  due: string;
  ended_at: string | null;
  outcome: string | null;
  supplements: number;
  last_seq: number;
  /** Working minutes from receipt to end, waits excluded; null until it ends. */
  used_minutes: number | null;
  /** While not ended: the instant after which it is overdue as things stand (figures.ts). */
  overdue_from: string | null;
  /** `at` of its latest event. */
  last_event_at: string | null;
}

export interface DossierSequencesTable {
  agency_code: string;
  /** YYMMDD in the calendar's zone. */
  day: string;
  last: number;
}

export interface StepsTable {
  dossier: string;
  step: string;
  /** Order of the step in its procedure. */
  position: number;
  unit: string;
  /** Who completed it, else its assignee. */
  official: string | null;
  status: string;
  started_at: string | null;
  due: string | null;
  completed_at: string | null;
  /** 1 when completed after its own due. */
  late: number;
  /** Working minutes from start to completion, waits excluded; null until completed. */
  used_minutes: number | null;
  /** early | on_time | late against its own due, once completed. */
  outcome: string | null;
  /** While it runs: the instant after which it is overdue as things stand. */
  overdue_from: string | null;
}

export interface Database {
  steps: StepsTable;
  events: EventsTable;
  chain_head: ChainHeadTable;
  dossiers: DossiersTable;
  dossier_sequences: DossierSequencesTable;
  units: UnitsTable;
  officials: OfficialsTable;
  calendars: CalendarsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
}
