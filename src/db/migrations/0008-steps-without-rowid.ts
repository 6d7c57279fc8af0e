// On SQLite the steps table kept its rows by a hidden rowid and, beside them, an index of its key
// (dossier, step) pointing to that rowid: every step was written twice, and found through two
// b-trees. Rebuilt WITHOUT ROWID, the rows are stored in the order of their key, once: 7 % less
// file on an import (70.3 MB instead of 75.8 for 20,000 dossiers), and one b-tree
// to change when the import inserts or updates a step (bench/README.md, "dossier import").
// Rows of about 170 bytes suit it (SQLite advises it below a twentieth of a page). PostgreSQL
// has no rowid: nothing changes there. Same columns, same order, same content.
import { sql, type Kysely } from 'kysely';
import { isSqlite } from './engine.js';

const columns = 'dossier, step, position, unit, official, status, started_at, due, completed_at, late, used_minutes, outcome, overdue_from';

async function rebuild(db: Kysely<unknown>, withoutRowid: boolean): Promise<void> {
  await sql
    .raw(
      `create table steps_new (dossier text not null, step text not null, position integer not null, unit text not null, official text, status text not null, started_at text, due text, completed_at text, late integer not null, used_minutes integer, outcome text, overdue_from text, constraint steps_pk primary key (dossier, step))${withoutRowid ? ' without rowid' : ''}`,
    )
    .execute(db);
  await sql.raw(`insert into steps_new (${columns}) select ${columns} from steps order by dossier, step`).execute(db);
  await sql`drop table steps`.execute(db);
  await sql`alter table steps_new rename to steps`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await rebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await rebuild(db, false);
}
