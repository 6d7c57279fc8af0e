// `report sla` gives each group's median working time to resolve. This index holds, by status,
// the agency, the minutes used and the end, in that order: for one status ("resolved",
// "returned", …) the count of each (agency, minutes) pair in a period is read off it in order,
// covering the query, with no sort of a million rows (bench/README.md, "report sla").
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('dossiers_status_minutes').on('dossiers').columns(['status', 'agency', 'used_minutes', 'ended_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_status_minutes').execute();
}
