// The engines every database test runs on: SQLite always; PostgreSQL when TTHC_TEST_PG names a
// server (each test file gets a fresh database there, dropped afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface DialectUnderTest {
  name: 'sqlite' | 'postgres';
  /** A URL of a new, empty database. */
  fresh(): Promise<string>;
  /** Drops what fresh() made. */
  cleanup(): Promise<void>;
}

const pgUrl = process.env['TTHC_TEST_PG'];

function sqlite(): DialectUnderTest {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tthc-db-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'tthc.db')}`;
    },
    cleanup: async () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgres(admin: string): DialectUnderTest {
  const made: string[] = [];
  return {
    name: 'postgres',
    fresh: async () => {
      const name = `tthc_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      made.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        for (const name of made) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

if (!pgUrl) {
  // A visible notice: the PostgreSQL half of the suite did not run.
  console.warn('tthc: PostgreSQL database tests skipped: set TTHC_TEST_PG=postgres://USER@HOST:PORT/DB to run them (.ci/run does)');
}

// TTHC_TEST_ENGINES=postgres runs the PostgreSQL half alone: .ci/run's PostgreSQL pass, after
// the SQLite half has run in its other passes.
const only = process.env['TTHC_TEST_ENGINES']?.split(',').map((e) => e.trim());
const sqliteToo = !only || only.includes('sqlite');
if (!sqliteToo) console.warn(`tthc: SQLite database tests skipped: TTHC_TEST_ENGINES=${only!.join(',')}`);

/** The engines to test on, and the ones skipped (shown as skipped tests). */
export const dialects: DialectUnderTest[] = [...(sqliteToo ? [sqlite()] : []), ...(pgUrl ? [postgres(pgUrl)] : [])];
export const skippedDialects: string[] = [...(sqliteToo ? [] : ['sqlite']), ...(pgUrl ? [] : ['postgres'])];
/** Whether SQLite is under test (not left out by TTHC_TEST_ENGINES). */
export const sqliteUnderTest = sqliteToo;
/**
 * For the tests that compare the engines' outputs: SQLite and PostgreSQL whenever PostgreSQL is
 * under test, whatever TTHC_TEST_ENGINES says; else the engines under test.
 */
export const comparedDialects: DialectUnderTest[] = pgUrl ? [sqlite(), postgres(pgUrl)] : dialects;
