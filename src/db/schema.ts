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

export interface Database {
  units: UnitsTable;
  officials: OfficialsTable;
  calendars: CalendarsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
}
