// Crash safety, on every engine: `catalog load`, `dossier import` and a loop of dossier verbs,
// each killed with SIGKILL at chosen moments (20 trials each on SQLite, 5 or more on
// PostgreSQL). After every kill the database passes its integrity check (SQLite: PRAGMA
// integrity_check; PostgreSQL: amcheck over every index), the write is all or nothing, `tthc
// audit verify` passes, and running the killed command again ends with the content of a run that
// was never interrupted.
//
// Half the kills come at moments spread over the command's run (start-up, reading, writing,
// after the commit); the other half wait until the process holds the write lock, so that they
// land inside its transaction: on SQLite the WAL write lock, an exclusive POSIX lock on byte 120
// of the -shm file, seen in /proc/locks under the process's pid; on PostgreSQL a backend of the
// process (application_name) that holds a transaction id, that is, has written and not ended.
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { binPath, repoRoot, smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { storedAndDerived } from '../helpers/derived.js';
import { dialects, type DialectUnderTest } from './dialects.js';

// The benchmark's generator (plain JavaScript): a realistic catalog, deterministic for a seed,
// and its seeded random numbers (mulberry32), so that the kill moments are the same every run.
const generator = '../../bench/generate.mjs';
const { generateCatalog, mulberry32: random } = (await import(generator)) as {
  generateCatalog: (dir: string, o: { procedures: number; seed: number }) => void;
  mulberry32: (seed: number) => () => number;
};

const trialsOn = (d: DialectUnderTest) => (d.name === 'sqlite' ? 20 : 6);
const appName = 'tthc_crash_test';

/**
 * When to kill: once the process has held the write lock for `heldMs` without a break, in the
 * `nth` such hold (default the first: inside that transaction); just after the `released`-th
 * hold of at least a millisecond ends (after its commit); or `afterMs` after the start, wherever
 * the run is then.
 */
type Kill = { heldMs: number; nth?: number } | { released: number } | { afterMs: number };

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The process held the write lock the moment it was killed. */
  inWriteAtKill: boolean;
  /** With `measure`: how long each hold of the write lock lasted, in order (ms). */
  holds: number[];
}

/** Whether process `pid` holds the database's write lock (engine-specific, see the top). */
type Holding = (pid: number) => Promise<boolean> | boolean;

function sqliteHolding(pid: number): boolean {
  return new RegExp(`POSIX +ADVISORY +WRITE +${pid} +\\S+ +120 +120\\b`).test(readFileSync('/proc/locks', 'utf8'));
}

/** True once the process has ended (gone, or a zombie its parent has not reaped yet). */
function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The longest hold of the write lock: the command's own write transaction. */
const longest = (holds: number[]) => Math.max(0, ...holds);

/** Runs `tthc ARGS`; with `kill`, SIGKILLs it as that says; with `measure`, times its holds of the write lock. */
function run(args: string[], cwd: string, holding: Holding, opts: { kill?: Kill; measure?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const p = spawn(process.execPath, [binPath, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', TZ: process.env['TZ'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let inWriteAtKill = false;
    const holds: number[] = [];
    const pid = p.pid!;
    const k = opts.kill;
    const watch = (async () => {
      if (k && 'afterMs' in k) {
        await pause(k.afterMs);
      } else if (k || opts.measure) {
        // Watches the lock from the start: each time it is taken and let go.
        let held = false;
        let since = 0n;
        let counted = false;
        let long = 0;
        let released = 0;
        for (;;) {
          const h = await holding(pid);
          const now = process.hrtime.bigint();
          const ms = Number(now - since) / 1e6;
          if (h && !held) {
            since = now;
            counted = false;
          } else if (h && k && 'heldMs' in k && !counted && ms >= k.heldMs) {
            counted = true;
            long += 1;
            if (long === (k.nth ?? 1)) break;
          } else if (!h && held) {
            holds.push(ms);
            if (ms >= 1) released += 1;
            if (k && 'released' in k && released === k.released) break;
          }
          held = h;
          if (ended(pid)) {
            if (held) holds.push(ms);
            return;
          }
        }
      }
      if (!k) return;
      inWriteAtKill = await holding(pid);
      p.kill('SIGKILL');
    })();
    p.on('error', reject);
    p.on('close', (status, signal) => {
      void watch.then(() => resolve({ status, signal, stdout, stderr, ms: Date.now() - start, inWriteAtKill, holds }));
    });
  });
}

/** The same kind of kill, earlier: for a run that ended before the kill came (a faster machine moment). */
function sooner(k: Kill): Kill {
  if ('afterMs' in k) return { afterMs: k.afterMs / 2 };
  if ('heldMs' in k) return { heldMs: Math.max(0.5, k.heldMs / 2), nth: Math.max(1, Math.floor((k.nth ?? 1) / 2)) };
  return { released: Math.max(1, Math.floor(k.released / 2)) };
}

/**
 * Runs a command on a new copy of its starting database and kills it; when it ended before the
 * kill came, tries again on another copy with the kill earlier (at most 4 runs): every trial
 * counted is a kill.
 */
async function killedRun(base: () => Promise<string>, go: (url: string, kill: Kill) => Promise<Run>, kill: Kill): Promise<{ url: string; r: Run }> {
  for (let attempt = 1; ; attempt++) {
    const url = await base();
    const r = await go(url, kill);
    if (r.signal === 'SIGKILL' || attempt === 4) return { url, r };
    kill = sooner(kill);
  }
}

/** The engine's integrity check of the whole database: '' when sound, else what it found. */
async function integrity(url: string): Promise<string> {
  if (url.startsWith('sqlite:')) {
    const d = new Database(url.slice('sqlite:'.length), { readonly: true });
    try {
      const r = d.pragma('integrity_check', { simple: true }) as string;
      return r === 'ok' ? '' : r;
    } finally {
      d.close();
    }
  }
  // amcheck: every B-tree index of the database against its own invariants and its table.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('create extension if not exists amcheck');
    const r = await c.query(`select c.relname, bt_index_check(index => c.oid, heapallindexed => true) from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace where am.amname = 'btree' and n.nspname = 'public'`);
    return r.rowCount! > 0 ? '' : 'no index was checked';
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end();
  }
}

const hex = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v);

/**
 * Everything tthc stores, as one string per table: equal strings, equal databases. Without
 * `ids`, events are compared without their random ids and the hashes that cover them (the
 * dossier verbs give each event a new UUID; `audit verify` checks their chain instead).
 */
async function content(url: string, cwd: string, opts: { ids: boolean }): Promise<Record<string, string>> {
  const d = await openDatabase(url, cwd, { create: false });
  try {
    const rows = async (query: string) => JSON.stringify((await sql.raw(query).execute(d.db)).rows.map((r) => Object.values(r as Record<string, unknown>).map(hex)));
    const events = opts.ids ? 'seq, id, dossier, type, at, by, payload, prev_hash, hash' : 'seq, dossier, type, at, by, payload';
    return {
      units: await rows('select id, content_hash from units order by id'),
      officials: await rows('select id, content_hash from officials order by id'),
      calendars: await rows('select id, content_hash from calendars order by id'),
      procedures: await rows('select code, current_version, name, agency from procedures order by code'),
      versions: await rows('select code, version, content_hash from procedure_versions order by code, version'),
      events: await rows(`select ${events} from events order by seq`),
      head: await rows(opts.ids ? 'select seq, hash from chain_head' : 'select seq from chain_head'),
      dossiers: await rows('select * from dossiers order by code'),
      steps: await rows('select * from steps order by dossier, position'),
      sequences: await rows('select * from dossier_sequences order by agency_code, day'),
    };
  } finally {
    await d.close();
  }
}

async function count(url: string, cwd: string, table: 'events' | 'procedures' | 'procedure_versions'): Promise<number> {
  const d = await openDatabase(url, cwd, { create: false });
  try {
    const r = await d.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await d.close();
  }
}

/** Every dossier's stored rows against the replay of its events. */
async function derivedMismatches(url: string, cwd: string): Promise<string[]> {
  const d = await openDatabase(url, cwd, { create: false });
  try {
    const codes = await d.db.selectFrom('dossiers').select('code').orderBy('code').execute();
    const bad: string[] = [];
    for (const { code } of codes) {
      const { stored, derived } = await storedAndDerived(d.db, code);
      if (JSON.stringify(stored) !== JSON.stringify(derived)) bad.push(code);
    }
    return bad;
  } finally {
    await d.close();
  }
}

describe.each(dialects)('kill -9 on $name', (dialect) => {
  const trials = trialsOn(dialect);
  // The process's connections carry a name on PostgreSQL, so that the test finds its backends.
  const named = (url: string) => (dialect.name === 'postgres' ? `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}` : url);
  let watcher: pg.Client | undefined;
  const holding: Holding =
    dialect.name === 'sqlite'
      ? sqliteHolding
      : async () => {
          const r = await watcher!.query('select 1 from pg_stat_activity where application_name = $1 and backend_xid is not null', [appName]);
          return r.rowCount! > 0;
        };
  /** A database to start from: SQLite copies a file, PostgreSQL runs the setup again. */
  const fromBase = async (setup: (url: string) => void): Promise<() => Promise<string>> => {
    const url = await dialect.fresh();
    setup(url);
    if (dialect.name === 'sqlite') {
      const file = url.slice('sqlite:'.length);
      return async () => {
        const copy = await dialect.fresh();
        copyFileSync(file, copy.slice('sqlite:'.length));
        return copy;
      };
    }
    return async () => {
      const fresh = await dialect.fresh();
      setup(fresh);
      return fresh;
    };
  };

  beforeAll(async () => {
    if (dialect.name === 'postgres') {
      watcher = new pg.Client({ connectionString: await dialect.fresh() });
      await watcher.connect();
    }
  });
  afterAll(async () => {
    await watcher?.end();
    await dialect.cleanup();
  });

  it('killed before its first migration committed: reading commands say the database holds no tthc tables (exit 2), and a load sets it up', async () => {
    const dir = tempCatalog(smallCatalog);
    const url = await dialect.fresh();
    // SQLite: the file a killed first run leaves, empty; PostgreSQL: a database without tables.
    if (dialect.name === 'sqlite') writeFileSync(url.slice('sqlite:'.length), '');
    for (const args of [['audit', 'verify'], ['audit', 'export'], ['dossier', 'list'], ['dossier', 'show', '000.00.12.H06-260302-0001'], ['report', 'sla', '--from', '2026-03-01', '--to', '2026-03-31']]) {
      const r = tthc(['--db', url, ...args], { cwd: dir });
      expect([r.status, r.stderr.split('\n').filter(Boolean)], args.join(' ')).toEqual([2, [`tthc: ${url} holds no tthc tables; "tthc db migrate" or "tthc catalog load" sets them up`]]);
    }
    expect(tthc(['--db', url, '--catalog', '.', '--quiet', 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    expect(tthc(['--db', url, 'audit', 'verify'], { cwd: dir }).status).toBe(0);
  });

  it(`catalog load of 300 procedures, ${trials} kills: all or nothing, and a re-run completes it`, async () => {
    const procedures = 300;
    const dir = tempCatalog({});
    generateCatalog(join(dir, 'catalog'), { procedures, seed: 7 });
    // Killed during its migrations the file would hold no tables, and audit verify would say so
    // (exit 2): the trials start from a migrated, empty database and kill inside the load.
    const base = await fromBase((url) => expect(tthc(['--db', url, 'db', 'migrate'], { cwd: dir }).status).toBe(0));
    const load = (url: string, o: { kill?: Kill; measure?: boolean } = {}) => run(['--catalog', 'catalog', '--db', named(url), '--quiet', 'catalog', 'load'], dir, holding, o);

    const reference = await base();
    const full = await load(reference, { measure: true });
    expect(full.status, full.stderr).toBe(0);
    // Its own transaction is the longest hold of the write lock (migrations take it briefly).
    const hold = longest(full.holds);
    if (process.env['TTHC_DEBUG_CRASH']) console.log(`${dialect.name} load holds: ${full.holds.map((h) => h.toFixed(2)).join(' ')}`);
    expect(hold, 'the load was seen holding the write lock').toBeGreaterThan(0);
    const want = await content(reference, dir, { ids: true });
    expect(await count(reference, dir, 'procedures')).toBe(procedures);

    const rnd = random(11);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < trials; i++) {
      // Even trials: inside the transaction, from 1 ms into it to 80 % of its length; odd ones:
      // anywhere from 10 % to 90 % of an uninterrupted run's time (mostly before it writes).
      const kill: Kill = i % 2 === 0 ? { heldMs: 1 + hold * rnd() * 0.8 } : { afterMs: full.ms * (0.1 + 0.8 * rnd()) };
      const { url, r } = await killedRun(base, (u, k) => load(u, { kill: k }), kill);
      const n = await count(url, dir, 'procedures');
      outcomes.push(outcome(r, n));
      const what = `trial ${i}: ${show(outcomes.at(-1)!)}`;
      expect(await integrity(url), what).toBe('');
      // All or nothing: never a part of the catalog.
      expect([0, procedures], what).toContain(n);
      expect(await count(url, dir, 'procedure_versions'), what).toBe(n);
      const verify = tthc(['--db', url, 'audit', 'verify'], { cwd: dir });
      expect(verify.status, `${what}: ${verify.stderr}`).toBe(0);
      const again = await load(url);
      expect(again.status, again.stderr).toBe(0);
      expect(await content(url, dir, { ids: true }), what).toEqual(want);
    }
    report(`${dialect.name} load`, outcomes);
    // Kills that came while the load held the write lock and left nothing: inside the transaction.
    expect(outcomes.filter((o) => o.killed).length, outcomes.map(show).join('; ')).toBe(trials);
    expect(outcomes.filter((o) => o.inWrite && o.n === 0).length, outcomes.map(show).join('; ')).toBeGreaterThanOrEqual(trials / 4);
  }, 600_000);

  it(`dossier import of 4,600 events of 600 dossiers, ${trials} kills: whole batches only, and a re-run completes it`, async () => {
    const dir = tempCatalog({});
    const batch = 250;
    const base = await fromBase((url) => expect(tthc(['--db', url, '--catalog', join(repoRoot, 'procedures'), '--quiet', 'catalog', 'load'], { cwd: dir }).status).toBe(0));
    const sim = tthc(['--db', (await base()), '--as-of', '2026-11-21T17:00', 'simulate', '--dossiers', '600', '--seed', '3'], { cwd: dir });
    expect(sim.status, sim.stderr).toBe(0);
    writeFileSync(join(dir, 'events.jsonl'), sim.stdout);
    const total = sim.stdout.trim().split('\n').length;
    const runImport = (url: string, o: { kill?: Kill; measure?: boolean } = {}) => run(['--db', named(url), '--quiet', 'dossier', 'import', 'events.jsonl', '--batch', String(batch)], dir, holding, o);

    const reference = await base();
    const full = await runImport(reference, { measure: true });
    expect(full.status, full.stderr).toBe(0);
    const want = await content(reference, dir, { ids: true });
    expect(await count(reference, dir, 'events')).toBe(total);
    // One hold per batch (fewer when a gap between two batches was too short to see).
    const holds = full.holds.filter((h) => h >= 1).length;
    if (process.env['TTHC_DEBUG_CRASH']) console.log(`${dialect.name} import holds: ${full.holds.map((h) => h.toFixed(2)).join(' ')}`);
    expect(holds).toBeGreaterThan(2);

    const rnd = random(13);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < trials; i++) {
      // Batches spread over the run: on even trials the kill comes 1 to 4 ms into that batch's
      // transaction, on odd ones just after its commit.
      const nth = 1 + Math.floor((i * (holds - 1)) / (trials - 1));
      const kill: Kill = i % 2 === 0 ? { heldMs: 1 + 3 * rnd(), nth } : { released: nth };
      const { url, r } = await killedRun(base, (u, k) => runImport(u, { kill: k }), kill);
      const n = await count(url, dir, 'events');
      outcomes.push(outcome(r, n));
      const what = `trial ${i}: ${show(outcomes.at(-1)!)}`;
      expect(await integrity(url), what).toBe('');
      // Whole batches of the file, in its order, or all of it.
      expect(n % batch === 0 || n === total, what).toBe(true);
      const verify = tthc(['--db', url, 'audit', 'verify'], { cwd: dir });
      expect(verify.status, `${what}: ${verify.stderr}`).toBe(0);
      const again = await runImport(url);
      expect(again.status, `${what}: ${again.stderr}`).toBe(0);
      expect(await content(url, dir, { ids: true }), what).toEqual(want);
    }
    // Kills that left the import between its first and last commit.
    report(`${dialect.name} import`, outcomes);
    const seen = outcomes.map(show).join('; ');
    expect(outcomes.filter((o) => o.killed).length, seen).toBe(trials);
    expect(outcomes.filter((o) => o.killed && o.n > 0 && o.n < total).length, seen).toBeGreaterThanOrEqual(trials / 4);
    expect(outcomes.filter((o) => o.inWrite).length, seen).toBeGreaterThanOrEqual(trials / 4);
  }, 600_000);

  // Three kinds of kill in turn: 9 on PostgreSQL, so that each kind comes three times.
  const verbTrials = dialect.name === 'sqlite' ? trials : 9;
  it(`a loop of dossier verbs, ${verbTrials} of its commands killed: each all or nothing, and the loop completes as if never killed`, async () => {
    const dir = tempCatalog(smallCatalog);
    const base = await fromBase((url) => expect(tthc(['--db', url, '--catalog', '.', '--quiet', 'catalog', 'load'], { cwd: dir }).status).toBe(0));
    const plan = verbPlan();

    // The uninterrupted loop: the events after each command, and each receipt's code.
    const reference = await base();
    const after: number[] = [];
    const codes: string[] = [];
    const ms: number[] = [];
    const holds: number[][] = [];
    for (const step of plan) {
      const r = await run(['--db', named(reference), '--format', 'json', ...step.args(codes)], dir, holding, { measure: true });
      expect(r.status, `${step.args(codes).join(' ')}: ${r.stderr}`).toBe(0);
      if (step.receives) codes.push((JSON.parse(r.stdout) as { code: string }).code);
      after.push(await count(reference, dir, 'events'));
      ms.push(r.ms);
      holds.push(r.holds);
    }
    const want = await content(reference, dir, { ids: false });
    if (process.env['TTHC_DEBUG_CRASH']) console.log(`${dialect.name} verb holds: ${holds.map((h) => h.map((x) => x.toFixed(2)).join('/')).join(' ')}`);

    // The same loop on a fresh database, with `trials` of its commands killed, spread over it.
    const url = await base();
    const rnd = random(17);
    const killed = new Set(Array.from({ length: verbTrials }, (_, i) => Math.floor(((i + 0.5) * plan.length) / verbTrials)));
    const outcomes: (Outcome & { command: string; before: number })[] = [];
    for (const [k, step] of plan.entries()) {
      const args = ['--db', named(url), '--format', 'json', ...step.args(codes)];
      if (killed.has(k)) {
        // In turn: inside the command's write transaction (0.5 to 5 ms into it, at most a third
        // of its length in the uninterrupted run), just after its first commit, and anywhere.
        const mode = outcomes.length % 3;
        const kill: Kill = mode === 0 ? { heldMs: 0.5 + rnd() * Math.min(5, 0.3 * longest(holds[k]!)) } : mode === 1 ? { released: 1 } : { afterMs: ms[k]! * rnd() };
        const r = await run(args, dir, holding, { kill });
        const n = await count(url, dir, 'events');
        const before = k === 0 ? 0 : after[k - 1]!;
        const done = n === after[k];
        // Ended before the kill came: the next command not already to be killed gets it, so
        // that every trial is a kill (adding k + 1 when it was already planned lost one).
        if (r.signal !== 'SIGKILL') {
          expect([r.status, n], r.stderr).toEqual([0, after[k]]);
          let next = k + 1;
          while (killed.has(next)) next += 1;
          killed.add(next);
          continue;
        }
        outcomes.push({ ...outcome(r, n), command: `${k} ${step.args(codes)[1]}`, before });
        const what = `command ${show(outcomes.at(-1)!)} (before ${before}, after ${after[k]})`;
        expect(await integrity(url), what).toBe('');
        // All or nothing: the events of the commands before, with or without this one's.
        expect([before, after[k]], what).toContain(n);
        expect(await derivedMismatches(url, dir), what).toEqual([]);
        const verify = tthc(['--db', url, 'audit', 'verify'], { cwd: dir });
        expect(verify.status, `${what}: ${verify.stderr}`).toBe(0);
        // As a clerk would after a crash: look, and do again what is not there.
        if (done) continue;
      }
      const r = await run(args, dir, holding);
      expect(r.status, `command ${k} ${args.join(' ')}: ${r.stderr}`).toBe(0);
      // A receipt killed before its commit gives its code back: the same code as in the reference.
      if (step.receives) expect((JSON.parse(r.stdout) as { code: string }).code).toBe(codes[plan.slice(0, k).filter((s) => s.receives).length]);
    }
    expect(await content(url, dir, { ids: false })).toEqual(want);
    expect(tthc(['--db', url, 'audit', 'verify'], { cwd: dir }).status).toBe(0);
    report(`${dialect.name} verbs`, outcomes);
    // Kills inside a write transaction: the lock held, the command's events not there.
    expect(outcomes.length, outcomes.map(show).join('; ')).toBe(verbTrials);
    const inside = outcomes.filter((o) => o.inWrite && o.n === o.before);
    // At least half the kills meant for the inside landed there (a third of all kills).
    expect(inside.length, outcomes.map(show).join('; ')).toBeGreaterThanOrEqual(Math.floor(Math.ceil(verbTrials / 3) / 2));
  }, 600_000);
});

/** How a killed run ended: killed or not, holding the write lock then, and the rows it left. */
interface Outcome {
  killed: boolean;
  inWrite: boolean;
  n: number;
  exit: string;
}

function outcome(r: Run, n: number): Outcome {
  return { killed: r.signal === 'SIGKILL', inWrite: r.inWriteAtKill, n, exit: String(r.signal ?? r.status) };
}

/** TTHC_DEBUG_CRASH=1 prints how every kill ended. */
function report(name: string, outcomes: Outcome[]): void {
  if (process.env['TTHC_DEBUG_CRASH']) console.log(`${name}: ${outcomes.map(show).join('; ')}`);
}

const show = (o: Outcome & { command?: string }) => `${o.command ? `${o.command} ` : ''}${o.exit}${o.inWrite ? ' in write' : ''}: ${o.n}`;

interface PlanStep {
  /** The command after the global options; `codes` holds the codes received so far, in order. */
  args: (codes: string[]) => string[];
  receives?: boolean;
}

/**
 * A week at a one-stop counter of the small catalog (Mon 2/3 to Fri 6/3/2026): each morning two
 * dossiers are received, one of each procedure, and taken through their steps; some wait for a
 * supplement, one is refused, one withdrawn, results are handed over and rated.
 */
function verbPlan(): PlanStep[] {
  const plan: PlanStep[] = [];
  for (let day = 0; day < 5; day++) {
    const date = `2026-03-0${2 + day}`;
    const at = (hhmm: string) => `${date}T${hhmm}:00+07:00`;
    const licence = plan.filter((s) => s.receives).length;
    plan.push({ receives: true, args: () => ['dossier', 'receive', '--procedure', '1.000001', '--applicant', `Người nộp ${day}a`, '--at', at('08:00')] });
    plan.push({ receives: true, args: () => ['dossier', 'receive', '--procedure', '2.000002', '--applicant', `Người nộp ${day}b`, '--at', at('08:30'), '--channel', 'online'] });
    const a = (c: string[]) => c[licence]!;
    const b = (c: string[]) => c[licence + 1]!;
    // The certification (2.000002): approved and returned within the morning.
    plan.push({ args: (c) => ['dossier', 'complete', b(c), '--step', 'approve', '--at', at('09:15')] });
    plan.push({ args: (c) => ['dossier', 'complete', b(c), '--step', 'return', '--at', at('09:45')] });
    plan.push({ args: (c) => ['dossier', 'return', b(c), '--at', at('10:00')] });
    if (day === 3) {
      plan.push({ args: (c) => ['dossier', 'refuse', a(c), '--reason', 'Không đủ điều kiện', '--at', at('10:30')] });
      continue;
    }
    if (day === 4) {
      plan.push({ args: (c) => ['dossier', 'withdraw', a(c), '--at', at('10:30')] });
      continue;
    }
    // The licence (1.000001): appraised, sometimes after a supplement, approved, returned, rated.
    if (day % 2 === 1) {
      plan.push({ args: (c) => ['dossier', 'supplement', a(c), '--reason', 'Thiếu bản vẽ', '--item', 'Bản vẽ thiết kế', '--at', at('09:00')] });
      plan.push({ args: (c) => ['dossier', 'resume', a(c), '--at', at('14:00')] });
    }
    plan.push({ args: (c) => ['dossier', 'complete', a(c), '--step', 'appraise', '--by', 'nva', '--at', at('15:00')] });
    plan.push({ args: (c) => ['dossier', 'complete', a(c), '--step', 'approve', '--at', at('16:00')] });
    plan.push({ args: (c) => ['dossier', 'complete', a(c), '--step', 'return', '--at', at('17:00')] });
    plan.push({ args: (c) => ['dossier', 'return', a(c), '--at', at('17:15')] });
    plan.push({ args: (c) => ['dossier', 'rate', a(c), '--score', String(3 + (day % 3)), '--at', at('17:20')] });
  }
  return plan;
}
