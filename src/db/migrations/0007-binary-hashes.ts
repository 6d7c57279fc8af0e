// Each event's hash and its predecessor's are SHA-256 values, stored until now as 64 hex
// characters each: 98 MB of the 208 MB events table on 100,000 dossiers. Stored as their 32
// bytes (BLOB on SQLite, bytea on PostgreSQL) they take half. The hashes themselves, computed over
// the canonical JSON with `prev_hash` in hex, do not change; the chain head keeps its hex text.
// SQLite cannot change a column's type, so the table is rebuilt in this migration's transaction.
import { sql, type Kysely } from 'kysely';
import { isSqlite } from './engine.js';

async function rebuild(db: Kysely<unknown>, type: 'blob' | 'text', convert: string): Promise<void> {
  await sql.raw(`create table events_new (seq integer primary key, id text not null unique, dossier text not null, type text not null, at text not null, by text, payload text not null, prev_hash ${type} not null, hash ${type} not null)`).execute(db);
  await sql.raw(`insert into events_new (seq, id, dossier, type, at, by, payload, prev_hash, hash) select seq, id, dossier, type, at, by, payload, ${convert.replace('X', 'prev_hash')}, ${convert.replace('X', 'hash')} from events order by seq`).execute(db);
  await sql`drop table events`.execute(db);
  await sql`alter table events_new rename to events`.execute(db);
  await sql`create index events_dossier on events (dossier, seq)`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await rebuild(db, 'blob', 'unhex(X)');
  else await sql`alter table events alter column prev_hash type bytea using decode(prev_hash, 'hex'), alter column hash type bytea using decode(hash, 'hex')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await rebuild(db, 'text', 'lower(hex(X))');
  else await sql`alter table events alter column prev_hash type text using encode(prev_hash, 'hex'), alter column hash type text using encode(hash, 'hex')`.execute(db);
}
