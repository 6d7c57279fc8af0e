// The one seam to the database: a URL in, a Kysely<Database> out, with what differs between
// engines stated as capabilities rather than tested by name in callers.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConnection, Kysely } from 'kysely';
import { InputError } from '../errors.js';
import type { Database } from './schema.js';

export const engines = ['sqlite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

/** An open database. `close()` must be called; `usingDb` does it. */
export interface Db {
  db: Kysely<Database>;
  engine: Engine;
  /** What the user named, with any password hidden: for messages. */
  shown: string;
  /**
   * Runs `fn` in a transaction that holds the write lock from its start (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: a row lock on the chain head), so that appends are serial and a
   * read-then-write inside it cannot race another process. Rolls back when `fn` throws.
   */
  write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * SQLite only: the driver's own connection, the one kysely uses, for the prepared statements of
   * the bulk import (src/db/import-store.ts); inside `write` they run in its transaction.
   */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** What a database URL says. */
export type DbTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/**
 * Reads `sqlite:FILE` (relative to `cwd`; `sqlite::memory:` for a throw-away database) or
 * `postgres://…` / `postgresql://…`. Refuses anything else (InputError).
 */
export function parseDbUrl(url: string, cwd: string): DbTarget {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new InputError(`--db ${url}: name a file, as in sqlite:./tthc.db`);
    return { engine: 'sqlite', file: file === ':memory:' ? file : resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  throw new InputError(`--db ${hidePassword(url)} is not a database URL; use sqlite:FILE or postgres://USER@HOST/DB`);
}

/** The URL with its password replaced by "***". */
export function hidePassword(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/**
 * Opens the database (drivers are loaded here, not at start-up). SQLite gets WAL, a busy
 * timeout and foreign keys; PostgreSQL a small pool. With `create: false` a missing SQLite file
 * is refused rather than created. Refuses (InputError) a database that cannot be opened.
 */
export async function openDatabase(url: string, cwd: string, opts: { create?: boolean } = {}): Promise<Db> {
  const target = parseDbUrl(url, cwd);
  const { Kysely } = await import('kysely');
  const shown = hidePassword(url);
  if (target.engine === 'sqlite') {
    // CommonJS: under NodeNext the constructor is the module's default export.
    type Ctor = typeof import('better-sqlite3');
    const mod = (await import('better-sqlite3')) as unknown as { default?: Ctor };
    const SQLite = (mod.default ?? mod) as Ctor;
    const { CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver } = await import('kysely');
    // SQLite runs DDL inside transactions, but kysely's adapter says it cannot, so its Migrator
    // would commit a migration statement by statement and a crash could leave one half applied
    // (the next run then fails on a column that already exists). Each migration is one
    // transaction here, as on PostgreSQL.
    class Adapter extends SqliteAdapter {
      override get supportsTransactionalDdl(): boolean {
        return true;
      }
    }
    // kysely begins its transactions (migrations, catalog load) with a deferred BEGIN: the first
    // write must then upgrade a read lock, and SQLite refuses that at once with SQLITE_BUSY when
    // another process wrote meanwhile, whatever the busy timeout. BEGIN IMMEDIATE takes the write
    // lock up front and waits its turn: eight processes starting on a fresh file all succeed.
    class Driver extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    }
    class Dialect extends SqliteDialect {
      readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
      constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
        super(config);
        this.#config = config;
      }
      override createAdapter(): Adapter {
        return new Adapter();
      }
      override createDriver(): Driver {
        return new Driver(this.#config);
      }
    }
    let raw;
    try {
      // Commands that only read never create an empty database file as a side effect.
      if (opts.create === false && target.file !== ':memory:' && !existsSync(target.file)) {
        throw new Error('no such database; "tthc catalog load" creates it');
      }
      raw = new SQLite(target.file);
      // The busy timeout first: switching a fresh file to WAL waits for other processes too.
      raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('synchronous = NORMAL');
    } catch (e) {
      raw?.close();
      throw new InputError(`cannot open ${shown}: ${(e as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new Dialect({ database: raw }) });
    const { sql } = await import('kysely');
    const write = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const r = await fn(conn);
          await sql`commit`.execute(conn);
          return r;
        } catch (e) {
          await sql`rollback`.execute(conn);
          throw e;
        }
      });
    return { db, engine: 'sqlite', shown, write, sqlite: raw, close: () => db.destroy() };
  }
  const pgModule = (await import('pg')) as unknown as { default?: typeof import('pg') };
  const pg = (pgModule.default ?? pgModule) as typeof import('pg');
  const { PostgresDialect } = await import('kysely');
  const pool = new pg.Pool({ connectionString: target.url, max: 4, connectionTimeoutMillis: 10_000 });
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new InputError(`cannot connect to ${shown}: ${(e as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const write = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await trx.selectFrom('chain_head').select('seq').where('id', '=', 1).forUpdate().execute();
      return fn(trx);
    });
  return { db, engine: 'postgres', shown, write, close: () => db.destroy() };
}

/** How long a SQLite writer waits for another process's write transaction to end. */
export const busyTimeoutMs = 5000;

/**
 * An error code saying the database was busy rather than anything wrong with the command:
 * SQLITE_BUSY (and its extended codes), SQLITE_LOCKED, or PostgreSQL's serialization failure,
 * deadlock and lock not available.
 */
export function isBusy(code: unknown): boolean {
  return typeof code === 'string' && (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '40001' || code === '40P01' || code === '55P03');
}

/** SQLite's "no such table/column", PostgreSQL's undefined_table (42P01) and undefined_column (42703). */
function isMissingRelation(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === '42P01' || code === '42703' || (code === 'SQLITE_ERROR' && /^no such (table|column)/.test((e as Error).message));
}

/** Every migration with when it was applied (loaded only on this error path). */
async function migrationStatus(db: Db): Promise<import('./migrate.js').MigrationStatus[]> {
  const migrate = await import('./migrate.js');
  return migrate.migrationStatus(db.db);
}

/** Opens the database, runs `fn`, and always closes it. */
export async function usingDb<T>(url: string, cwd: string, fn: (db: Db) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const db = await openDatabase(url, cwd, opts);
  try {
    return await fn(db);
  } catch (e) {
    // A role that may only read (tthc db grant-reporting), or a read-only SQLite file: the
    // write was refused and its transaction rolled back.
    const code = (e as { code?: unknown }).code;
    if (code === '42501' || code === 'SQLITE_READONLY') throw new InputError(`${db.shown}: permission denied (${(e as Error).message}); nothing was written`);
    // Another process held the database longer than the busy timeout (SQLite), or PostgreSQL
    // gave up on a lock: the transaction was rolled back and running the command again works.
    if (isBusy(code)) throw new InputError(`${db.shown} is busy: another process held it longer than ${busyTimeoutMs / 1000} s (${(e as Error).message}); nothing was written, run the command again`);
    // A table or column the command reads is missing: a file that never got tthc's tables (a
    // catalog load killed before its migrations committed, an empty file) or an older schema.
    // Said as such when migrations are indeed pending; otherwise it is a bug, reported as one.
    if (isMissingRelation(e)) {
      const status = await migrationStatus(db).catch(() => null);
      const pending = status?.filter((m) => m.applied_at === null).length ?? 0;
      if (status && pending > 0) throw new InputError(`${db.shown} ${pending === status.length ? 'holds no tthc tables' : `lacks ${pending} of tthc's ${status.length} schema migrations`}; "tthc db migrate" or "tthc catalog load" sets them up`);
    }
    throw e;
  } finally {
    await db.close();
  }
}
