// The event log with its hash chain, the dossiers derived from it, and dossier code sequences.
import { sql, type Kysely } from 'kysely';

/** The hash before the first event. */
export const genesisHash = '0'.repeat(64);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('dossier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_dossier').on('events').columns(['dossier', 'seq']).execute();
  // One row: the last event's sequence number and hash. Writers lock it, so appends are serial.
  await db.schema
    .createTable('chain_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into chain_head (id, seq, hash) values (1, 0, ${genesisHash})`.execute(db);
  await db.schema
    .createTable('dossiers')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('supplements', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossiers_status_due').on('dossiers').columns(['status', 'due']).execute();
  await db.schema.createIndex('dossiers_agency').on('dossiers').columns(['agency', 'received_at']).execute();
  await db.schema
    .createTable('dossier_sequences')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_sequences_pk', ['agency_code', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['dossier_sequences', 'dossiers', 'chain_head', 'events']) await db.schema.dropTable(t).execute();
}
