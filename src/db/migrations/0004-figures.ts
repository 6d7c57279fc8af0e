// The figures reports aggregate in SQL (src/dossier/figures.ts): working minutes used by each
// ended dossier and completed step, each step's outcome, and from when a running dossier or step
// is overdue. Dossiers recorded before this migration get them by replaying their events.
import type { Kysely } from 'kysely';
import { loadDossier, writeDerived } from '../event-store.js';
import type { Database } from '../schema.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dossiers').addColumn('used_minutes', 'integer').execute();
  await db.schema.alterTable('dossiers').addColumn('overdue_from', 'text').execute();
  await db.schema.alterTable('dossiers').addColumn('last_event_at', 'text').execute();
  for (const column of ['used_minutes', 'outcome', 'overdue_from'] as const) {
    await db.schema.alterTable('steps').addColumn(column, column === 'used_minutes' ? 'integer' : 'text').execute();
  }
  await db.schema.createIndex('dossiers_overdue_from').on('dossiers').column('overdue_from').execute();
  await db.schema.createIndex('dossiers_ended_at').on('dossiers').column('ended_at').execute();
  await db.schema.createIndex('dossiers_received_at').on('dossiers').column('received_at').execute();
  // Reports find the few dossiers with events after a period's end by it.
  await db.schema.createIndex('dossiers_last_event_at').on('dossiers').column('last_event_at').execute();
  const typed = db as unknown as Kysely<Database>;
  for (let after = ''; ; ) {
    const rows = await typed.selectFrom('dossiers').select(['code', 'agency', 'last_seq']).where('code', '>', after).orderBy('code').limit(1000).execute();
    for (const r of rows) {
      const loaded = await loadDossier(typed, r.code);
      if (loaded) await writeDerived(typed, r.code, loaded.state, loaded.ctx.calendar, r.agency, r.last_seq);
    }
    if (rows.length < 1000) break;
    after = rows[rows.length - 1]!.code;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['dossiers_overdue_from', 'dossiers_ended_at', 'dossiers_received_at', 'dossiers_last_event_at']) await db.schema.dropIndex(index).execute();
  for (const column of ['used_minutes', 'overdue_from', 'last_event_at']) await db.schema.alterTable('dossiers').dropColumn(column).execute();
  for (const column of ['used_minutes', 'outcome', 'overdue_from']) await db.schema.alterTable('steps').dropColumn(column).execute();
}
