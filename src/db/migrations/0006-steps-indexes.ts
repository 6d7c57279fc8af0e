// The steps table had two secondary indexes, (status, due) and (official, completed_at), that no
// query of tthc reads well: every report and lookup over steps gave the same output without them,
// faster (SQLite chose them for the status = 'completed' prefix, nearly every row), on 100,000
// imported dossiers (bench/README.md, "dossier import"). Both moved with every completed step, so
// the import paid for them on each event; and they took 49 MB per 100,000 dossiers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('steps_status_due').execute();
  await db.schema.dropIndex('steps_official').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('steps_status_due').on('steps').columns(['status', 'due']).execute();
  await db.schema.createIndex('steps_official').on('steps').columns(['official', 'completed_at']).execute();
}
