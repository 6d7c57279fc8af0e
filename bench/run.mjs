// The benchmark harness: builds a large generated catalog once into bench/work/, then times
// each command figure as a WHOLE PROCESS (what a user or a CI job waits for), against a
// baseline, plus one library figure (`due() per second`, bench/due.mjs, measured inside one
// process), and writes the results to bench/results/<timestamp>-<commit>.json. Two figures use a
// database of dossiers built once by bench/dossier-db.mjs: `dossier show` (a whole process on
// 1,000,000 dossiers) and `record one event` (in process, bench/record.mjs, on a copy).
//
//   node bench/run.mjs [--procedures N] [--dossiers N] [--runs N] [--quick] [--only validate,startup,one,due,show,record,sla,sla-pg,import,import-pg] [--json-only]
//   npm run bench            (builds first)
//
// Exit 0 even when a target is missed (the table says FAIL); 1 only when the harness itself
// breaks (no build, a command that fails, a catalog that does not validate cleanly, due()
// answers that differ from the baseline's).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { DB_FORMAT, ensureDossierDb } from './dossier-db.mjs';
import { fmtRate } from './due.mjs';
import { generateCatalog } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const workDir = join(benchDir, 'work');
const resultsDir = join(benchDir, 'results');
/** Seed of the generated catalog: fixed, so that every results file measures the same data. */
const SEED = 1;

/** A path as shown and passed to commands: relative to the project root. @param {string} p */
const rel = (p) => relative(root, p);

/** 1M, 100k, 2500: a count for a label. @param {number} n */
const shortCount = (n) => (n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** The database of `count` dossiers built by bench/dossier-db.mjs. @param {number} count */
const dossierDbFile = (count) => join(workDir, `dossiers-${count}.db`);

/** A failure of the harness itself (not a missed target). */
class HarnessError extends Error {}

/** The figures `--only` can pick, by short name, with their results ids. */
const FIGURE_NAMES = { validate: 'validate-catalog', startup: 'startup', one: 'validate-one', due: 'due-rate', show: 'dossier-show', record: 'record-event', sla: 'report-sla', 'sla-pg': 'report-sla-pg', import: 'import', 'import-pg': 'import-pg' };
/** Calls of `due` per timed run (and inputs checked against the baseline). */
const DUE_CALLS = 1_000_000;
const DUE_CALLS_QUICK = 100_000;
/** Dossiers in the database of `dossier show` (--quick: the smaller one). */
const SHOW_DOSSIERS = 1_000_000;
const SHOW_DOSSIERS_QUICK = 100_000;
/** Dossiers in the database that `record one event` copies, and the events it times. */
const RECORD_DOSSIERS = 100_000;
/** Dossiers simulated for the import figure (about 7.7 events each; --quick: the smaller). */
const IMPORT_DOSSIERS = 100_000;
const IMPORT_DOSSIERS_QUICK = 10_000;
const RECORD_EVENTS = 2000;
/** `report sla` must take less than this many times the sqlite3 shell running the same counts. */
const SLA_MAX_RATIO = 1.5;

/** `dossier show` must take less than this many times an empty node process. */
const SHOW_MAX_RATIO = 2.0;
/** `record one event`: median milliseconds. */
const RECORD_MAX_MS = 5;

/**
 * @typedef {object} Options
 * @property {number} procedures
 * @property {number} dossiers  dossiers of the `dossier show` database
 * @property {number} runs
 * @property {boolean} quick
 * @property {boolean} jsonOnly
 * @property {string[] | null} only  figure ids to run (null: all)
 */

/**
 * @param {string[]} argv
 * @returns {Options}
 */
function parseArgs(argv) {
  /** @type {Options} */
  const o = { procedures: 2000, dossiers: SHOW_DOSSIERS, runs: 7, quick: false, jsonOnly: false, only: null };
  let procedures;
  let dossiers;
  let runs;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) throw new HarnessError(`${a} needs a positive whole number`);
      return Number(v);
    };
    if (a === '--procedures') procedures = int();
    else if (a === '--dossiers') dossiers = int();
    else if (a === '--runs') runs = int();
    else if (a === '--quick') o.quick = true;
    else if (a === '--json-only') o.jsonOnly = true;
    else if (a === '--only') {
      const v = argv[++i] ?? '';
      const names = v.split(',').map((x) => x.trim()).filter(Boolean);
      const ids = Object.entries(FIGURE_NAMES);
      o.only = names.map((n) => {
        const hit = ids.find(([name, id]) => n === name || n === id);
        if (!hit) throw new HarnessError(`--only takes ${Object.keys(FIGURE_NAMES).join(', ')} (comma-separated), not "${n}"`);
        return hit[1];
      });
      if (o.only.length === 0) throw new HarnessError(`--only needs a figure: ${Object.keys(FIGURE_NAMES).join(', ')}`);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: node bench/run.mjs [--procedures N (2000)] [--dossiers N (1000000)] [--runs N (7)] [--quick (200 procedures, 100,000 dossiers, 3 runs, 100,000 due calls)] [--only validate,startup,one,due,show,record,sla,sla-pg,import,import-pg] [--json-only]\n',
      );
      process.exit(0);
    } else throw new HarnessError(`unknown option ${a} (see --help)`);
  }
  if (o.quick) {
    o.procedures = 200;
    o.dossiers = SHOW_DOSSIERS_QUICK;
    o.runs = 3;
  }
  if (procedures !== undefined) o.procedures = procedures;
  if (dossiers !== undefined) o.dossiers = dossiers;
  if (runs !== undefined) o.runs = runs;
  return o;
}

/** @param {string} msg */
const progress = (msg) => process.stderr.write(`${msg}\n`);

// ───────────────────────────── Data ─────────────────────────────

/**
 * Generates the catalog into bench/work/catalog unless the same one (same count, seed and
 * generator source) is already there; also a small catalog for the one-file figure.
 * @param {number} procedures
 */
function prepareData(procedures) {
  const catalogDir = join(workDir, 'catalog');
  const manifestFile = join(workDir, 'manifest.json');
  const generator = createHash('sha256').update(readFileSync(join(benchDir, 'generate.mjs'))).digest('hex').slice(0, 16);
  const wanted = { procedures, seed: SEED, generator };
  /** @type {{ procedures: number, seed: number, generator: string, oneFile: string } | undefined} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    manifest = undefined;
  }
  if (!manifest || manifest.procedures !== procedures || manifest.seed !== SEED || manifest.generator !== generator || !existsSync(manifest.oneFile)) {
    progress(`generating ${procedures} procedures (seed ${SEED}) into ${relative(root, catalogDir)}/ …`);
    mkdirSync(workDir, { recursive: true });
    rmSync(manifestFile, { force: true });
    const r = generateCatalog(catalogDir, { procedures, seed: SEED });
    // The one-file figure: a procedure in a catalog of its own with the units and calendar it
    // refers to (so that tthc validates it cleanly), and a folder holding only that file for
    // the baseline.
    const oneDir = join(workDir, 'one');
    rmSync(oneDir, { recursive: true, force: true });
    mkdirSync(join(oneDir, 'proc'), { recursive: true });
    copyFileSync(join(catalogDir, 'units.yaml'), join(oneDir, 'units.yaml'));
    copyFileSync(join(catalogDir, 'calendar-2026.yaml'), join(oneDir, 'calendar-2026.yaml'));
    const pick = r.procedureFiles[Math.floor(r.procedureFiles.length / 2)];
    const oneFile = join(oneDir, 'proc', basename(pick));
    copyFileSync(pick, oneFile);
    manifest = { ...wanted, oneFile };
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  } else {
    progress(`reusing ${relative(root, catalogDir)}/ (${procedures} procedures, seed ${SEED})`);
  }
  return { catalogDir, oneFile: manifest.oneFile, oneDir: join(workDir, 'one') };
}

// ───────────────────────────── Timing ─────────────────────────────

/**
 * @typedef {object} Command
 * @property {string[]} args   arguments after `node` (or after `program`)
 * @property {number} [expect] exit status it must end with (default 0)
 * @property {string} [program] another program than node (the sqlite3 shell)
 * @property {string} [input]  what to write to its standard input
 */

/**
 * Runs `node …args` (or `program …args`) once from the project root; returns its wall time in seconds, exit status
 * and output. Refuses an exit status other than the expected one unless `anyStatus`.
 * @param {Command} cmd
 * @param {boolean} [anyStatus]
 */
function runOnce(cmd, anyStatus = false) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
  delete env.FORCE_COLOR;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.program ?? process.execPath, cmd.args, { input: cmd.input, cwd: root, env, stdio: [cmd.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const t1 = process.hrtime.bigint();
  if (r.error) throw new HarnessError(`cannot run ${cmd.program ?? 'node'} ${cmd.args.join(' ')}: ${r.error.message}`);
  const expect = cmd.expect ?? 0;
  if (r.status !== expect && !(anyStatus && r.status !== null)) {
    const err = String(r.stderr).trim().split('\n').slice(-5).join('\n  ');
    throw new HarnessError(`${cmd.program ?? 'node'} ${cmd.args.join(' ')} exited ${r.status ?? r.signal} (expected ${expect})${err ? `:\n  ${err}` : ''}`);
  }
  return { seconds: Number(t1 - t0) / 1e9, status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * The hand-written equivalent of the counts of "report sla --by unit" (SPEC.md definitions) over
 * the whole of the generated data, 1 January to 21 November 2026 (UTC+7).
 * @param {'sqlite' | 'postgres'} engine
 */
function slaQuery(engine) {
  const F = new Date('2026-01-01T00:00:00+07:00').toISOString();
  const T = new Date('2026-11-21T00:00:00+07:00').toISOString();
  const open = `(d.received_at < '${T}' and (d.ended_at is null or d.ended_at >= '${T}'))`;
  const endedIn = `(d.ended_at >= '${F}' and d.ended_at < '${T}')`;
  const n = (/** @type {string} */ cond) => (engine === 'sqlite' ? `sum(${cond})` : `sum(case when ${cond} then 1 else 0 end)`);
  return `select d.agency, u.name,
  ${n(`d.received_at >= '${F}' and d.received_at < '${T}'`)}, ${n(endedIn)},
  ${n(`${endedIn} and d.outcome = 'early'`)}, ${n(`${endedIn} and d.outcome = 'on_time'`)}, ${n(`${endedIn} and d.outcome = 'late'`)},
  ${n(open)}, ${n(`${open} and ((d.ended_at is null and d.overdue_from < '${T}') or (d.ended_at >= '${T}' and d.due < '${T}'))`)}
from dossiers d join units u on u.id = d.agency
where (d.received_at >= '${F}' and d.received_at < '${T}') or ${endedIn} or ${open}
group by d.agency, u.name order by d.agency;
`;
}

/**
 * Ours must give the hand-written query's counts, unit by unit (this data has no supplement
 * waits, so the stored rows tell everything and nothing is replayed).
 * @param {{ stdout: string }} out @param {string} baseline rows of "agency|name|counts…"
 */
function sameCounts(out, baseline) {
  const base = baseline.trim().split('\n').map((l) => l.split('|'));
  /** @type {{ rows: Record<string, any>[] }} */
  const ours = JSON.parse(out.stdout);
  const fields = ['received', 'ended', 'early', 'on_time', 'late', 'in_progress', 'overdue'];
  const want = base.map((b) => [b[0], ...b.slice(2).map(Number)]);
  const got = ours.rows.map((r) => [r.key, ...fields.map((f) => r[f])]);
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new HarnessError(`report sla differs from the hand-written query: ${JSON.stringify(got).slice(0, 300)} vs ${JSON.stringify(want).slice(0, 300)}`);
  return { units: got.length, dossiers_counted: ours.rows.reduce((t, r) => t + r.received, 0) };
}

/**
 * A PostgreSQL database for the report figure: tthc's schema (\`tthc db migrate\`) holding the
 * units and dossiers of the SQLite bench database, copied with psql's \\copy from the sqlite3
 * shell's CSV, then VACUUM ANALYZE. Reused while its bench_manifest row names the same file
 * and count. The server: TTHC_BENCH_PG, else postgres://postgres@127.0.0.1:5432/test.
 * @param {string} dbFile @param {number} count
 */
function pgBenchDatabase(dbFile, count) {
  const admin = process.env.TTHC_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `tthc_bench_${count}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const psqlIn = (/** @type {string} */ db, /** @type {string} */ sql) => spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', db, '-c', sql], { encoding: 'utf8' });
  const stamp = `${basename(dbFile)} ${count} format ${DB_FORMAT}`;
  const have = psqlIn(url.toString(), 'select note from bench_manifest');
  if (have.status === 0 && have.stdout.trim() === stamp) return url.toString();
  progress(`• loading ${rel(dbFile)} into PostgreSQL database ${name} (units and dossiers, psql \\copy) …`);
  const t0 = Date.now();
  const drop = psqlIn(admin, `drop database if exists ${name} with (force)`);
  if (drop.status !== 0) throw new HarnessError(`cannot reach PostgreSQL at ${admin} (set TTHC_BENCH_PG): ${drop.stderr.trim()}`);
  const create = psqlIn(admin, `create database ${name}`);
  if (create.status !== 0) throw new HarnessError(`cannot create ${name}: ${create.stderr.trim()}`);
  runOnce({ args: ['bin/tthc', '--db', url.toString(), 'db', 'migrate'] });
  for (const table of ['units', 'dossiers']) {
    const cols = spawnSync('sqlite3', ['-readonly', dbFile, `select group_concat(name, ',') from pragma_table_info('${table}')`], { encoding: 'utf8' }).stdout.trim();
    const copy = spawnSync('sh', ['-c', `sqlite3 -readonly -csv '${dbFile}' "select ${cols} from ${table}" | psql -X -q -v ON_ERROR_STOP=1 '${url}' -c "\\copy ${table}(${cols}) from stdin with (format csv)"`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (copy.status !== 0) throw new HarnessError(`copying ${table} into ${name} failed: ${copy.stderr.trim()}`);
  }
  const vacuum = psqlIn(url.toString(), 'vacuum analyze');
  const analyze = vacuum.status !== 0 ? vacuum : psqlIn(url.toString(), `create table bench_manifest (note text); insert into bench_manifest values ('${stamp}')`);
  if (analyze.status !== 0) throw new HarnessError(`preparing ${name} failed: ${analyze.stderr.trim()}`);
  progress(`  loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return url.toString();
}

/** The sqlite3 shell, installed from Debian's packages when missing (the report baseline). */
function sqliteShell() {
  const which = () => spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();
  let path = which();
  if (!path) {
    progress('• installing the sqlite3 shell (apt-get install -y sqlite3) …');
    spawnSync('sh', ['-c', 'apt-get install -y -qq sqlite3 >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq sqlite3 >/dev/null 2>&1)'], { stdio: 'inherit' });
    path = which();
  }
  if (!path) throw new HarnessError('the report baseline needs the sqlite3 shell: apt-get install sqlite3');
  return path;
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** What a results file keeps of a figure's runs. @param {number[]} xs */
function runStats(xs) {
  return { median: median(xs), min: Math.min(...xs), runs: xs };
}

/**
 * @typedef {object} Figure
 * @property {string} id       stable key for comparing results files
 * @property {string} label
 * @property {Command} ours
 * @property {Command} baseline
 * @property {number | null} target  seconds the median of ours must stay under, or null
 * @property {number} [maxRatio]  instead of `target`: the ratio ours / baseline (medians) must stay under it
 * @property {(out: { status: number | null, stdout: string, stderr: string }) => void} [check]  asserts on the warm-up run of ours (including its exit status)
 * @property {(run: number) => Command} [oursFor]  ours for each run (-1: the warm-up), when it varies; `ours` then shows its form
 * @property {(out: { status: number | null, stdout: string, stderr: string }, run: number) => void} [checkEach]  asserts on every timed run of ours, after timing it
 * @property {Record<string, unknown>} [details]  more to record in the results (filled in while measuring)
 */

/**
 * One warm-up run of each (discarded; `check` looks at ours), then `runs` timed runs,
 * alternating ours and the baseline so that a burst of load hits both alike.
 * @param {Figure} f
 * @param {number} runs
 */
function measure(f, runs) {
  progress(`• ${f.label}: warm-up …`);
  const warm = runOnce(f.oursFor?.(-1) ?? f.ours, f.check !== undefined);
  f.check?.(warm);
  runOnce(f.baseline);
  /** @type {number[]} */ const ours = [];
  /** @type {number[]} */ const base = [];
  for (let i = 0; i < runs; i++) {
    const out = runOnce(f.oursFor?.(i) ?? f.ours);
    f.checkEach?.(out, i);
    ours.push(out.seconds);
    base.push(runOnce(f.baseline).seconds);
    progress(`  run ${i + 1}/${runs}: ours ${ours[i].toFixed(3)} s, baseline ${base[i].toFixed(3)} s`);
  }
  const oursMedian = median(ours);
  const baseMedian = median(base);
  const ratio = oursMedian / baseMedian;
  return {
    id: f.id,
    label: f.label,
    unit: 's',
    ours: { command: `node ${f.ours.args.join(' ')}`, ...runStats(ours) },
    baseline: { command: `${f.baseline.program ? basename(f.baseline.program) : 'node'} ${f.baseline.args.join(' ')}${f.baseline.input ? ' < query.sql' : ''}`, ...runStats(base) },
    ratio,
    target: f.maxRatio !== undefined ? { max_ratio: f.maxRatio } : f.target === null ? null : { max_seconds: f.target },
    pass: f.maxRatio !== undefined ? ratio < f.maxRatio : f.target === null ? null : oursMedian < f.target,
    ...f.details,
  };
}

/**
 * The library figure: `node bench/due.mjs --json` measures ours and the baseline in ONE process
 * (its progress shows on stderr) and aborts when any answer differs from the baseline's.
 * @param {number} calls
 * @param {number} runs
 */
function measureDue(calls, runs) {
  progress(`• due() per second: ${calls.toLocaleString('en-US')} inputs, ${runs} runs, in one process …`);
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1' };
  const args = ['bench/due.mjs', '--json', '--n', String(calls), '--runs', String(runs), '--seed', String(SEED)];
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new HarnessError(`cannot run node ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new HarnessError(`node ${args.join(' ')} exited ${r.status ?? r.signal}: the due() figure is not reported (see the message above)`);
  try {
    return JSON.parse(String(r.stdout));
  } catch {
    throw new HarnessError(`node ${args.join(' ')} did not print JSON: ${String(r.stdout).slice(0, 300)}`);
  }
}

/**
 * The `record one event` figure: copies the built database (the copy is written to, then
 * deleted) and runs `node bench/record.mjs COPY --json` (its progress shows on stderr).
 * @param {string} dbFile  a bench/dossier-db.mjs build
 * @param {number} events
 */
function measureRecord(dbFile, events) {
  const copy = join(workDir, 'record.db');
  const sidecars = (/** @type {string} */ f) => [f, `${f}-wal`, `${f}-shm`];
  for (const f of sidecars(copy)) rmSync(f, { force: true });
  const t0 = process.hrtime.bigint();
  for (const [from, to] of sidecars(dbFile).map((f, i) => [f, /** @type {string} */ (sidecars(copy)[i])])) if (existsSync(from)) copyFileSync(from, to);
  progress(`• record one event: copied ${rel(dbFile)} to ${rel(copy)} in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  try {
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env, NO_COLOR: '1' };
    const args = ['bench/record.mjs', rel(copy), '--json', '--events', String(events)];
    const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new HarnessError(`cannot run node ${args.join(' ')}: ${r.error.message}`);
    if (r.status !== 0) throw new HarnessError(`node ${args.join(' ')} exited ${r.status ?? r.signal}: the record figure is not reported (see the message above)`);
    try {
      return JSON.parse(String(r.stdout));
    } catch {
      throw new HarnessError(`node ${args.join(' ')} did not print JSON: ${String(r.stdout).slice(0, 300)}`);
    }
  } finally {
    for (const f of sidecars(copy)) rmSync(f, { force: true });
  }
}

/**
 * The import figure: events/s of \`tthc dossier import\` into a fresh SQLite database holding the
 * example catalog, against the sqlite3 shell's \`.import\` of the same rows (the floor for loading).
 * The events come from \`tthc simulate --dossiers N --seed 1\` (made once, kept in bench/work).
 * @param {number} dossiers @param {number} runs
 */
function measureImport(dossiers, runs) {
  const dir = join(workDir, `import-${dossiers}`);
  mkdirSync(dir, { recursive: true });
  const catalogDb = join(dir, 'catalog.db');
  const events = join(dir, 'events.jsonl');
  const csv = join(dir, 'events.csv');
  const stamp = join(dir, 'made.json');
  const made = existsSync(stamp) ? JSON.parse(readFileSync(stamp, 'utf8')) : null;
  if (!made || made.dossiers !== dossiers || !existsSync(events) || !existsSync(csv)) {
    progress(`• import: simulating ${dossiers.toLocaleString('en-US')} dossiers into ${rel(events)} …`);
    for (const f of [catalogDb, `${catalogDb}-wal`, `${catalogDb}-shm`]) rmSync(f, { force: true });
    runOnce({ args: ['bin/tthc', '--db', `sqlite:${rel(catalogDb)}`, '--catalog', 'procedures', '--quiet', 'catalog', 'load'] });
    const sim = spawnSync('sh', ['-c', `node bin/tthc --db 'sqlite:${rel(catalogDb)}' --quiet simulate --dossiers ${dossiers} --from 2025-11-21 --to 2026-11-21 --seed 1 > '${rel(events)}'`], { cwd: root, stdio: 'inherit' });
    if (sim.status !== 0) throw new HarnessError('tthc simulate failed: the import figure is not reported');
    // The same rows for the shell, as the events table holds them (payload: the type's fields).
    const base = new Set(['id', 'dossier', 'type', 'at', 'by']);
    const q = (/** @type {string} */ v) => `"${v.replace(/"/g, '""')}"`;
    const lines = readFileSync(events, 'utf8').split('\n').filter((l) => l !== '');
    const rows = ['seq,id,dossier,type,at,by,payload'];
    lines.forEach((l, i) => {
      const e = JSON.parse(l);
      const payload = Object.fromEntries(Object.entries(e).filter(([k]) => !base.has(k)));
      rows.push([String(i + 1), q(e.id), q(e.dossier), q(e.type), q(new Date(e.at).toISOString()), e.by === null ? '' : q(e.by), q(JSON.stringify(payload))].join(','));
    });
    writeFileSync(csv, rows.join('\n') + '\n');
    writeFileSync(stamp, JSON.stringify({ dossiers, events: lines.length }));
  }
  const count = JSON.parse(readFileSync(stamp, 'utf8')).events;
  const sqlite3 = sqliteShell();
  const runDb = join(dir, 'run.db');
  const baseDb = join(dir, 'shell.db');
  const clear = (/** @type {string} */ f) => [f, `${f}-wal`, `${f}-shm`].forEach((x) => rmSync(x, { force: true }));
  const shellSql = `create table events (seq integer primary key, id text not null unique, dossier text not null, type text not null, at text not null, by text, payload text not null);
create index events_dossier on events (dossier, seq);
.import --csv --skip 1 '${rel(csv)}' events
`;
  /** @type {number[]} */ const ours = [];
  /** @type {number[]} */ const base = [];
  let peak = 0;
  let dbBytes = 0;
  for (let i = 0; i < runs; i++) {
    clear(runDb);
    copyFileSync(catalogDb, runDb);
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/tthc', '--db', `sqlite:${rel(runDb)}`, '--quiet', '--format', 'json', 'dossier', 'import', rel(events), '--batch', '10000'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new HarnessError(`tthc dossier import exited ${r.status}: ${String(r.stderr).trim().split('\n').slice(-3).join(' ')}`);
    const summary = JSON.parse(r.stdout);
    if (summary.imported !== count) throw new HarnessError(`tthc dossier import imported ${summary.imported} of ${count} events`);
    peak = Math.max(peak, Number(String(r.stderr).trim().split('\n').at(-1)) / 1024);
    dbBytes = [runDb, `${runDb}-wal`].reduce((t, f) => t + (existsSync(f) ? statSync(f).size : 0), 0);
    ours.push(count / seconds);
    clear(baseDb);
    const b0 = process.hrtime.bigint();
    const b = spawnSync(sqlite3, [rel(baseDb)], { cwd: root, input: shellSql, encoding: 'utf8' });
    const bs = Number(process.hrtime.bigint() - b0) / 1e9;
    if (b.status !== 0 || b.stderr.trim() !== '') throw new HarnessError(`sqlite3 .import failed: ${b.stderr.trim()}`);
    base.push(count / bs);
    progress(`  import run ${i + 1}/${runs}: ours ${Math.round(count / seconds).toLocaleString('en-US')} events/s (${seconds.toFixed(1)} s), sqlite3 .import ${Math.round(count / bs).toLocaleString('en-US')} events/s (${bs.toFixed(1)} s)`);
  }
  clear(runDb);
  clear(baseDb);
  const oursMedian = median(ours);
  const baseMedian = median(base);
  const ratio = oursMedian / baseMedian;
  return {
    id: 'import',
    label: `dossier import, SQLite (${shortCount(dossiers)} dossiers)`,
    unit: 'events/s',
    ours: runStats(ours),
    baseline: runStats(base),
    ratio,
    target: { min_per_second: 100_000, min_ratio: 0.5 },
    pass: oursMedian >= 100_000 && ratio >= 0.5 && peak < 300,
    check: { dossiers, events: count, peak_rss_mb: Math.round(peak), db_mb: Math.round(dbBytes / 1e6), db_gb_per_million: (dbBytes / 1e9) * (1e6 / dossiers) },
  };
}

/**
 * The import figure on PostgreSQL: \`tthc dossier import\` of the events of the SQLite figure
 * (made by measureImport's first part when missing) into a fresh database holding the example
 * catalog, against psql's \`\\copy\` of the same rows (CSV) into a table shaped like events. The
 * server: TTHC_BENCH_PG, else postgres://postgres@127.0.0.1:5432/test.
 * @param {number} dossiers @param {number} runs
 */
function measureImportPg(dossiers, runs) {
  const dir = join(workDir, `import-${dossiers}`);
  if (!existsSync(join(dir, 'made.json'))) measureImport(dossiers, 1);
  const count = JSON.parse(readFileSync(join(dir, 'made.json'), 'utf8')).events;
  const admin = process.env.TTHC_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const url = new URL(admin);
  url.pathname = '/tthc_bench_import';
  const psqlIn = (/** @type {string} */ db, /** @type {string} */ sql) => spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', db, '-c', sql], { encoding: 'utf8' });
  const fresh = () => {
    const drop = psqlIn(admin, 'drop database if exists tthc_bench_import with (force)');
    if (drop.status !== 0) throw new HarnessError(`cannot reach PostgreSQL at ${admin} (set TTHC_BENCH_PG): ${drop.stderr.trim()}`);
    psqlIn(admin, 'create database tthc_bench_import');
  };
  /** @type {number[]} */ const ours = [];
  /** @type {number[]} */ const base = [];
  for (let i = 0; i < runs; i++) {
    fresh();
    runOnce({ args: ['bin/tthc', '--db', url.toString(), '--catalog', 'procedures', '--quiet', 'catalog', 'load'] });
    const t0 = process.hrtime.bigint();
    const r = runOnce({ args: ['bin/tthc', '--db', url.toString(), '--quiet', '--format', 'json', 'dossier', 'import', rel(join(dir, 'events.jsonl')), '--batch', '10000'] });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (JSON.parse(r.stdout).imported !== count) throw new HarnessError('tthc dossier import into PostgreSQL did not import every event');
    ours.push(count / seconds);
    fresh();
    psqlIn(url.toString(), 'create table events (seq bigint primary key, id text not null unique, dossier text not null, type text not null, at text not null, by text, payload text not null); create index events_dossier on events (dossier, seq)');
    const b0 = process.hrtime.bigint();
    const b = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url.toString(), '-c', `\\copy events from '${join(dir, 'events.csv')}' with (format csv, header true)`], { encoding: 'utf8' });
    const bs = Number(process.hrtime.bigint() - b0) / 1e9;
    if (b.status !== 0) throw new HarnessError(`psql \\copy failed: ${b.stderr.trim()}`);
    base.push(count / bs);
    progress(`  import into PostgreSQL, run ${i + 1}/${runs}: ours ${Math.round(count / seconds).toLocaleString('en-US')} events/s (${seconds.toFixed(1)} s), psql \\copy ${Math.round(count / bs).toLocaleString('en-US')} events/s (${bs.toFixed(1)} s)`);
  }
  psqlIn(admin, 'drop database if exists tthc_bench_import with (force)');
  const oursMedian = median(ours);
  const baseMedian = median(base);
  return {
    id: 'import-pg',
    label: `dossier import, PostgreSQL (${shortCount(dossiers)} dossiers)`,
    unit: 'events/s',
    ours: runStats(ours),
    baseline: runStats(base),
    ratio: oursMedian / baseMedian,
    target: { min_per_second: 50_000 },
    pass: oursMedian >= 50_000,
    check: { dossiers, events: count },
  };
}

/**
 * `count` different dossier codes drawn at random from a built database, and the one in the
 * middle of the table (for the warm-up and its check).
 * @param {string} dbFile
 * @param {number} count
 */
async function pickCodes(dbFile, count) {
  const mod = /** @type {any} */ (await import('better-sqlite3'));
  const SQLite = mod.default ?? mod;
  // Not read-only: a read-only connection to a WAL database leaves its -wal and -shm behind.
  const db = new SQLite(dbFile, { fileMustExist: true });
  try {
    const n = db.prepare('select max(rowid) as n from dossiers').get().n;
    const at = db.prepare('select code from dossiers where rowid = ?');
    const middle = at.get(Math.ceil(n / 2))?.code;
    if (!middle) throw new HarnessError(`${rel(dbFile)}: no dossier in the middle of the table; delete it to rebuild`);
    /** @type {Set<string>} */
    const codes = new Set();
    for (let tries = 0; codes.size < count && tries < count * 20; tries++) {
      const code = at.get(randomInt(1, n + 1))?.code;
      if (code && code !== middle) codes.add(code);
    }
    if (codes.size < count) throw new HarnessError(`${rel(dbFile)}: cannot draw ${count} dossier codes`);
    return { middle, codes: [...codes] };
  } finally {
    db.close();
  }
}

// ───────────────────────────── Report ─────────────────────────────

/**
 * The commit of the work tree, read from .git without running git; "nogit" when there is none.
 * @returns {{ sha: string | null, short: string }}
 */
function gitCommit() {
  try {
    let gitDir = join(root, '.git');
    if (!existsSync(join(gitDir, 'HEAD'))) {
      // A worktree or submodule: .git is a file "gitdir: …".
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(gitDir, 'utf8'));
      if (!m) return { sha: null, short: 'nogit' };
      gitDir = join(root, m[1].trim());
    }
    const common = existsSync(join(gitDir, 'commondir')) ? join(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    let sha = head;
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (ref) {
      const loose = [join(gitDir, ref), join(common, ref)].find((p) => existsSync(p));
      if (loose) sha = readFileSync(loose, 'utf8').trim();
      else {
        const packed = existsSync(join(common, 'packed-refs')) ? readFileSync(join(common, 'packed-refs'), 'utf8') : '';
        sha = packed.split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0] ?? '';
      }
    }
    return /^[0-9a-f]{40,64}$/.test(sha) ? { sha, short: sha.slice(0, 7) } : { sha: null, short: 'nogit' };
  } catch {
    return { sha: null, short: 'nogit' };
  }
}

/** @param {number} s */
const secs = (s) => s.toFixed(3);

/**
 * A measured figure: a command timed in seconds (`unit` "s"; ratio = ours / baseline, lower is
 * better), a library call timed in milliseconds (`unit` "ms", likewise) or a library rate
 * (`unit` "due/s"; ratio = ours / baseline, the speed-up).
 * @typedef {{ id: string, label: string, unit: string, ours: { median: number, min: number, max?: number, p95?: number }, baseline: { median: number, min: number, max?: number, p95?: number }, ratio: number, target: { max_seconds?: number, min_per_second?: number, max_ratio?: number, max_ms?: number, min_ratio?: number } | null, pass: boolean | null, between?: { median: number } }} Measured
 */

/** A value with the unit of its row. @param {Measured} f @param {number} v */
const value = (f, v) => (f.unit === 's' ? `${secs(v)} s` : f.unit === 'ms' ? `${v.toFixed(2)} ms` : f.unit === 'events/s' ? `${Math.round(v).toLocaleString('en-US')} ev/s` : fmtRate(v));

/** The target cell. @param {Measured} f */
function targetText(f) {
  if (!f.target) return '—';
  if (f.target.max_seconds !== undefined) return `< ${f.target.max_seconds} s`;
  if (f.target.max_ratio !== undefined) return `ratio < ${f.target.max_ratio.toFixed(1)}`;
  if (f.target.max_ms !== undefined) return `< ${f.target.max_ms} ms`;
  if (f.target.min_ratio === undefined && f.unit === 'events/s') return `≥ ${(/** @type {number} */ (f.target.min_per_second) / 1000).toFixed(0)} k ev/s`;
  if (f.target.min_ratio !== undefined) return `≥ ${(/** @type {number} */ (f.target.min_per_second) / 1000).toFixed(0)} k ev/s, ratio ≥ ${f.target.min_ratio}`;
  return `≥ ${fmtRate(/** @type {number} */ (f.target.min_per_second)).replace('.00 ', ' ')}`;
}

/**
 * The table of the figures, aligned for a terminal (and readable as Markdown). Each row carries
 * its own unit: seconds for commands, calls per second for library figures.
 * @param {Measured[]} figures
 */
function table(figures) {
  const head = ['figure', 'ours (median)', 'baseline (median)', 'ratio', 'target', 'pass/fail'];
  const rows = figures.map((f) => [
    f.label,
    value(f, f.ours.median),
    value(f, f.baseline.median),
    f.unit === 's' || f.unit === 'ms' || f.unit === 'events/s' ? `${f.ratio.toFixed(2)}×` : `${f.ratio.toFixed(2)}× faster`,
    targetText(f),
    f.pass === null ? '—' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ───────────────────────────── Main ─────────────────────────────

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const wanted = (/** @type {string} */ id) => opts.only === null || opts.only.includes(id);
  const processFigures = ['validate-catalog', 'startup', 'validate-one'].some(wanted);
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')) || !existsSync(join(root, 'dist', 'calendar', 'calendar.js'))) {
    throw new HarnessError('dist/ is missing: build first (npm run build), or run "npm run bench", which builds');
  }
  const { catalogDir, oneFile, oneDir } = processFigures
    ? prepareData(opts.procedures)
    : { catalogDir: join(workDir, 'catalog'), oneFile: '', oneDir: join(workDir, 'one') };
  const tthc = 'bin/tthc';

  /** @type {{ files: number, errors: number, warnings: number } | undefined} */
  let validateCheck;
  /** @type {Figure[]} */
  const allFigures = [
    {
      id: 'validate-catalog',
      label: `validate ${opts.procedures} files`,
      ours: { args: [tthc, 'validate', rel(catalogDir), '--format', 'json'] },
      baseline: { args: ['bench/schema-only.mjs', rel(catalogDir)] },
      target: 1.5,
      check({ status, stdout, stderr }) {
        let r;
        try {
          r = JSON.parse(stdout);
        } catch {
          throw new HarnessError(`tthc validate --format json exited ${status} without printing JSON: ${(stdout || stderr).slice(0, 300)}`);
        }
        const expected = opts.procedures + 2;
        if (status !== 0 || r.errors !== 0 || r.files !== expected) {
          const first = (r.findings ?? []).slice(0, 5).map((/** @type {any} */ f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`);
          throw new HarnessError(`the generated catalog must validate cleanly, but tthc exited ${status} with ${r.errors} errors in ${r.files} files (expected exit 0 and 0 errors in ${expected} files); if bench/work/ was edited, delete it to regenerate${first.length ? `:\n  ${first.join('\n  ')}` : ''}`);
        }
        validateCheck = { files: r.files, errors: r.errors, warnings: r.warnings };
      },
    },
    {
      id: 'startup',
      label: 'start-up',
      ours: { args: [tthc, '--version'] },
      baseline: { args: ['-e', '0'] },
      target: 0.3,
    },
    {
      id: 'validate-one',
      label: 'validate one file',
      ours: { args: ['bin/tthc', 'validate', rel(oneFile), '--catalog', rel(oneDir), '--format', 'json'] },
      baseline: { args: ['bench/schema-only.mjs', rel(join(oneDir, 'proc'))] },
      target: null,
    },
  ];
  const figures = allFigures.filter((f) => wanted(f.id));
  const dueCalls = opts.quick ? DUE_CALLS_QUICK : DUE_CALLS;

  // The dossier databases: built once (minutes for 1,000,000 dossiers), then reused.
  /** @type {Record<string, any>} */
  const builds = {};
  for (const [id, count] of /** @type {[string, number][]} */ ([['dossier-show', opts.dossiers], ['report-sla', opts.dossiers], ['report-sla-pg', opts.dossiers], ['record-event', RECORD_DOSSIERS]])) {
    if (!wanted(id) || builds[count]) continue;
    mkdirSync(workDir, { recursive: true });
    try {
      const m = await ensureDossierDb(dossierDbFile(count), { dossiers: count, seed: SEED, log: progress });
      builds[count] = { file: rel(dossierDbFile(count)), dossiers: m.dossiers, events: m.events, statuses: m.statuses, build_seconds: m.build_seconds, built_at: m.built_at };
    } catch (e) {
      throw new HarnessError(`cannot build ${rel(dossierDbFile(count))}: ${/** @type {Error} */ (e)?.stack ?? e}`);
    }
  }
  /** @type {{ dossiers: number, warmup_code: string, runs_checked: number } | undefined} */
  let showCheck;
  /** @type {Figure | undefined} */
  let showFigure;
  if (wanted('dossier-show')) {
    const dbFile = dossierDbFile(opts.dossiers);
    const db = `sqlite:${rel(dbFile)}`;
    const { middle, codes } = await pickCodes(dbFile, opts.runs);
    const args = (/** @type {string} */ code) => [tthc, '--db', db, 'dossier', 'show', code, '--format', 'json'];
    const codeOf = (/** @type {{ status: number | null, stdout: string, stderr: string }} */ out, /** @type {string} */ code) => {
      let v;
      try {
        v = JSON.parse(out.stdout);
      } catch {
        v = undefined;
      }
      if (out.status !== 0 || v?.code !== code || !Array.isArray(v?.steps) || v.steps.length === 0) {
        throw new HarnessError(`tthc dossier show ${code} --format json exited ${out.status} without the dossier (expected exit 0 and code ${code}): ${(out.stderr || out.stdout).slice(0, 300)}`);
      }
    };
    showCheck = { dossiers: opts.dossiers, warmup_code: middle, runs_checked: 0 };
    const check = showCheck;
    showFigure = {
      id: 'dossier-show',
      label: `dossier show (${shortCount(opts.dossiers)} dossiers)`,
      ours: { args: args('CODE') },
      oursFor: (i) => ({ args: args(i < 0 ? middle : /** @type {string} */ (codes[i])) }),
      baseline: { args: ['-e', '0'] },
      target: null,
      maxRatio: SHOW_MAX_RATIO,
      check: (out) => codeOf(out, middle),
      checkEach: (out, i) => {
        codeOf(out, /** @type {string} */ (codes[i]));
        check.runs_checked++;
      },
      details: { dossiers: opts.dossiers, codes },
    };
  }

  /** @type {Figure | undefined} */
  let slaFigure;
  /** @type {{ units: number, dossiers_counted: number } | undefined} */
  let slaCheck;
  if (wanted('report-sla')) {
    const dbFile = dossierDbFile(opts.dossiers);
    const sqlite3 = sqliteShell();
    const query = slaQuery('sqlite');
    const args = [tthc, '--db', `sqlite:${rel(dbFile)}`, '--as-of', '2026-11-21T00:00', 'report', 'sla', '--by', 'unit', '--from', '2026-01-01', '--to', '2026-11-21', '--format', 'json'];
    slaCheck = { units: 0, dossiers_counted: 0 };
    const check = slaCheck;
    slaFigure = {
      id: 'report-sla',
      label: `report sla --by unit (${shortCount(opts.dossiers)})`,
      ours: { args },
      baseline: { program: sqlite3, args: ['-readonly', rel(dbFile)], input: query },
      target: null,
      maxRatio: SLA_MAX_RATIO,
      // Ours must give the shell's counts, unit by unit (this data has no supplement waits, so
      // the stored rows tell everything and nothing is replayed).
      check: (out) => Object.assign(check, sameCounts(out, runOnce({ program: sqlite3, args: ['-readonly', rel(dbFile)], input: query }).stdout)),
      details: { dossiers: opts.dossiers, query },
    };
  }

  /** @type {Figure | undefined} */
  let slaPgFigure;
  /** @type {{ units: number, dossiers_counted: number, database?: string } | undefined} */
  let slaPgCheck;
  if (wanted('report-sla-pg')) {
    const url = pgBenchDatabase(dossierDbFile(opts.dossiers), opts.dossiers);
    const query = slaQuery('postgres');
    const psql = { program: 'psql', args: ['-X', '-q', '-A', '-t', '-F', '|', url], input: query };
    slaPgCheck = { units: 0, dossiers_counted: 0, database: url };
    const check = slaPgCheck;
    slaPgFigure = {
      id: 'report-sla-pg',
      label: `report sla --by unit, PostgreSQL (${shortCount(opts.dossiers)})`,
      ours: { args: [tthc, '--db', url, '--as-of', '2026-11-21T00:00', 'report', 'sla', '--by', 'unit', '--from', '2026-01-01', '--to', '2026-11-21', '--format', 'json'] },
      baseline: psql,
      target: null,
      maxRatio: SLA_MAX_RATIO,
      check: (out) => Object.assign(check, sameCounts(out, runOnce(psql).stdout)),
      details: { dossiers: opts.dossiers, query },
    };
  }

  const cpuList = cpus();
  const loadBefore = loadavg();
  progress(`node ${process.version}, ${cpuList[0]?.model ?? 'unknown cpu'} × ${cpuList.length}, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; ${opts.runs} runs per figure`);
  /** @type {Measured[]} */
  const measured = figures.map((f) => measure(f, opts.runs));
  /** @type {any} */
  let due;
  if (wanted('due-rate')) {
    due = measureDue(dueCalls, opts.runs);
    measured.push(due);
  }
  if (showFigure) measured.push(measure(showFigure, opts.runs));
  if (slaFigure) measured.push(measure(slaFigure, opts.runs));
  if (slaPgFigure) measured.push(measure(slaPgFigure, opts.runs));
  /** @type {any} */
  let record;
  /** @type {any} */
  let importFig;
  if (wanted('import')) {
    importFig = measureImport(opts.quick ? IMPORT_DOSSIERS_QUICK : IMPORT_DOSSIERS, Math.min(opts.runs, 3));
    measured.push(importFig);
  }
  /** @type {any} */
  let importPgFig;
  if (wanted('import-pg')) {
    importPgFig = measureImportPg(opts.quick ? IMPORT_DOSSIERS_QUICK : IMPORT_DOSSIERS, Math.min(opts.runs, 3));
    measured.push(importPgFig);
  }
  if (wanted('record-event')) {
    record = measureRecord(dossierDbFile(RECORD_DOSSIERS), RECORD_EVENTS);
    measured.push(record);
  }
  const loadAfter = loadavg();

  const commit = gitCommit();
  const now = new Date();
  const results = {
    format: 'tthc-bench/1',
    timestamp: now.toISOString(),
    commit: commit.sha,
    commit_short: commit.short,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: { model: cpuList[0]?.model ?? 'unknown', count: cpuList.length },
    loadavg: { before: loadBefore, after: loadAfter },
    procedures: opts.procedures,
    dossiers: wanted('dossier-show') || wanted('record-event') ? { show: wanted('dossier-show') ? opts.dossiers : null, record: wanted('record-event') ? RECORD_DOSSIERS : null, builds: Object.values(builds) } : null,
    seed: SEED,
    runs: opts.runs,
    quick: opts.quick,
    only: opts.only,
    checks: { import: importFig?.check, import_pg: importPgFig?.check, validate: validateCheck, due: due?.check, show: showCheck, sla: slaCheck, sla_pg: slaPgCheck, record: record?.check },
    figures: measured,
  };
  mkdirSync(resultsDir, { recursive: true });
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const onlyTag = opts.only ? `-only-${Object.entries(FIGURE_NAMES).filter(([, id]) => opts.only?.includes(id)).map(([n]) => n).join('-')}` : '';
  const file = join(resultsDir, `${stamp}-${commit.short}${opts.quick ? '-quick' : ''}${onlyTag}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

  if (opts.jsonOnly) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    progress(`results: ${rel(file)}`);
    return;
  }
  const what = [
    processFigures ? `${opts.procedures} procedures` : '',
    due ? `${dueCalls.toLocaleString('en-US')} due() inputs` : '',
    showCheck || slaCheck || slaPgCheck ? `${opts.dossiers.toLocaleString('en-US')} dossiers` : '',
  ].filter(Boolean).join(', ');
  const out = [
    '',
    `tthc bench — ${what}, ${opts.runs} runs, node ${process.version}, ${results.cpu.model} × ${results.cpu.count}, commit ${commit.short}`,
    '',
    table(measured),
    '',
    // Best run: the shortest time of a command, the highest rate of a library figure.
    `best of ${opts.runs} runs: ${measured.filter((f) => f.unit !== 'ms').map((f) => `${f.label} ${f.unit === 's' ? `${value(f, f.ours.min)} vs ${value(f, f.baseline.min)}` : `${value(f, f.ours.max ?? f.ours.median)} vs ${value(f, f.baseline.max ?? f.baseline.median)}`}`).join('; ')}`,
  ];
  if (showCheck) {
    out.push(`dossier show: ${showCheck.runs_checked} random codes of ${showCheck.dossiers.toLocaleString('en-US')} (one per run, and ${showCheck.warmup_code} for the warm-up), each answered with its dossier; target ratio < ${SHOW_MAX_RATIO.toFixed(1)} to node -e 0`);
  }
  if (slaCheck) {
    out.push(`report sla: the counts of ${slaCheck.units} units (${slaCheck.dossiers_counted.toLocaleString('en-US')} dossiers received) equal the sqlite3 shell's hand-written GROUP BY, which the baseline runs alone (ours also computes the medians); target ratio < ${SLA_MAX_RATIO.toFixed(1)}`);
  }
  if (importFig) {
    const c = importFig.check;
    out.push(`import: ${c.events.toLocaleString('en-US')} events of ${c.dossiers.toLocaleString('en-US')} simulated dossiers (tthc simulate --seed 1) into SQLite with tthc dossier import --batch 10000, against the sqlite3 shell's .import of the same rows as CSV into a table like events (its unique id and (dossier, seq) indexes); peak RSS of the import ${c.peak_rss_mb} MB (target < 300 MB); database ${c.db_mb} MB, ${c.db_gb_per_million.toFixed(2)} GB per million dossiers (target < 2 GB)`);
  }
  if (importPgFig) {
    const c = importPgFig.check;
    out.push(`import into PostgreSQL: the same ${c.events.toLocaleString('en-US')} events with tthc dossier import --batch 10000 into a fresh database holding the example catalog, against psql's \\copy of the same rows as CSV into a table like events; target ≥ 50,000 events/s`);
  }
  if (slaPgCheck) {
    out.push(`report sla on PostgreSQL (${slaPgCheck.database?.replace(/\/\/[^@]*@/, '//')}): the counts of ${slaPgCheck.units} units (${slaPgCheck.dossiers_counted.toLocaleString('en-US')} dossiers received) equal psql running the same GROUP BY; target ratio < ${SLA_MAX_RATIO.toFixed(1)}`);
  }
  if (record) {
    out.push(
      `record one event: ${record.check.timed.toLocaleString('en-US')} step-completed events (after ${record.check.warmup} untimed), each on a different running dossier of ${record.dossiers.toLocaleString('en-US')}, ` +
        `all chained onto the log; p95 ${value(record, record.ours.p95)} vs ${value(record, record.baseline.p95)}, p99 ${value(record, record.ours.p99)} vs ${value(record, record.baseline.p99)}`,
    );
  }
  if (due) {
    out.push(
      `due(): all ${due.check.inputs.toLocaleString('en-US')} answers equal to the day-by-day baseline's (baseline timed on ${due.baseline.calls.toLocaleString('en-US')} of them per run); ` +
        `between() on the same pairs (ours only, informational): ${fmtRate(due.between.median)} median`,
    );
  }
  out.push(`load average before/after: ${loadBefore[0].toFixed(2)} / ${loadAfter[0].toFixed(2)} on ${cpuList.length} CPUs${loadBefore[0] > cpuList.length * 0.5 ? ' (busy machine: figures are noisy)' : ''}`);
  if (processFigures && opts.procedures !== 2000) out.push(`note: the targets are set for 2000 procedures; this run used ${opts.procedures}.`);
  if (showCheck && opts.dossiers !== SHOW_DOSSIERS) out.push(`note: dossier show is meant for ${SHOW_DOSSIERS.toLocaleString('en-US')} dossiers; this run used ${opts.dossiers.toLocaleString('en-US')}.`);
  if (opts.quick && due) out.push(`note: --quick times due() on ${DUE_CALLS_QUICK.toLocaleString('en-US')} inputs; the figure is meant for ${DUE_CALLS.toLocaleString('en-US')}.`);
  out.push(`results: ${rel(file)}`, '');
  process.stdout.write(out.join('\n'));
}

main().catch((e) => {
  const msg = e instanceof HarnessError ? e.message : `${e?.stack ?? e}`;
  process.stderr.write(`bench: ${msg}\n`);
  process.exitCode = 1;
});
