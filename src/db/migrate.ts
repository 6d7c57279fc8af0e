// Versioned migrations, compiled into tthc (no folder scanning: they work from dist/ and from
// an installed package alike). Kysely records them in kysely_migration and locks while it runs.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-catalog.js';
import * as m0002 from './migrations/0002-dossiers.js';
import * as m0003 from './migrations/0003-steps.js';
import * as m0004 from './migrations/0004-figures.js';
import * as m0005 from './migrations/0005-minutes-index.js';
import * as m0006 from './migrations/0006-steps-indexes.js';
import * as m0007 from './migrations/0007-binary-hashes.js';
import * as m0008 from './migrations/0008-steps-without-rowid.js';
import * as m0009 from './migrations/0009-partial-last-event-index.js';
import type { Database } from './schema.js';

/** Every migration, in order; names never change once released. */
const all: Record<string, Migration> = {
  '0001-catalog': m0001,
  '0002-dossiers': m0002,
  '0003-steps': m0003,
  '0004-figures': m0004,
  '0005-minutes-index': m0005,
  '0006-steps-indexes': m0006,
  '0007-binary-hashes': m0007,
  '0008-steps-without-rowid': m0008,
  '0009-partial-last-event-index': m0009,
};

const provider: MigrationProvider = { getMigrations: async () => all };

export interface MigrationStatus {
  name: string;
  /** When it was applied (ISO 8601), or null when pending. */
  applied_at: string | null;
}

/** Applies every pending migration; returns the names applied now. Refuses (throws) on failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { Migrator } = await import('kysely');
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every migration with when it was applied. */
export async function migrationStatus(db: Kysely<Database>): Promise<MigrationStatus[]> {
  const { Migrator } = await import('kysely');
  const list = await new Migrator({ db, provider }).getMigrations();
  return list.map((m) => ({ name: m.name, applied_at: m.executedAt ? m.executedAt.toISOString() : null }));
}
