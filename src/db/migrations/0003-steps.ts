// Step instances of every dossier, derived from the events like the dossier rows: reports of
// running and late steps by unit and official read them without replaying the log.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('steps')
    .addColumn('dossier', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('official', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('due', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('steps_pk', ['dossier', 'step'])
    .execute();
  await db.schema.createIndex('steps_status_due').on('steps').columns(['status', 'due']).execute();
  await db.schema.createIndex('steps_official').on('steps').columns(['official', 'completed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('steps').execute();
}
