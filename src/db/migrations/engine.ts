// What a migration asks of the engine it runs on: the few that differ between SQLite and
// PostgreSQL (a table rebuilt where SQLite cannot alter it in place) branch on it.
import { SqliteAdapter, type Kysely } from 'kysely';

/** Whether the migration runs on SQLite. */
export const isSqlite = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;
