// The benchmark harness: builds a large generated catalog once into bench/work/, then times
// each figure as a WHOLE PROCESS (what a user or a CI job waits for), against a baseline, and
// writes the results to bench/results/<timestamp>-<commit>.json.
//
//   node bench/run.mjs [--procedures N] [--runs N] [--quick] [--json-only]
//   npm run bench            (builds first)
//
// Exit 0 even when a target is missed (the table says FAIL); 1 only when the harness itself
// breaks (no build, a command that fails, a catalog that does not validate cleanly).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalog } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const workDir = join(benchDir, 'work');
const resultsDir = join(benchDir, 'results');
/** Seed of the generated catalog: fixed, so that every results file measures the same data. */
const SEED = 1;

/** A failure of the harness itself (not a missed target). */
class HarnessError extends Error {}

/**
 * @typedef {object} Options
 * @property {number} procedures
 * @property {number} runs
 * @property {boolean} quick
 * @property {boolean} jsonOnly
 */

/**
 * @param {string[]} argv
 * @returns {Options}
 */
function parseArgs(argv) {
  /** @type {Options} */
  const o = { procedures: 2000, runs: 7, quick: false, jsonOnly: false };
  let procedures;
  let runs;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = () => {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) throw new HarnessError(`${a} needs a positive whole number`);
      return Number(v);
    };
    if (a === '--procedures') procedures = int();
    else if (a === '--runs') runs = int();
    else if (a === '--quick') o.quick = true;
    else if (a === '--json-only') o.jsonOnly = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/run.mjs [--procedures N (2000)] [--runs N (7)] [--quick (200 procedures, 3 runs)] [--json-only]\n');
      process.exit(0);
    } else throw new HarnessError(`unknown option ${a} (see --help)`);
  }
  if (o.quick) {
    o.procedures = 200;
    o.runs = 3;
  }
  if (procedures !== undefined) o.procedures = procedures;
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
 * @property {string[]} args   arguments after `node`
 * @property {number} [expect] exit status it must end with (default 0)
 */

/**
 * Runs `node …args` once from the project root; returns its wall time in seconds, exit status
 * and output. Refuses an exit status other than the expected one unless `anyStatus`.
 * @param {Command} cmd
 * @param {boolean} [anyStatus]
 */
function runOnce(cmd, anyStatus = false) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
  delete env.FORCE_COLOR;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, cmd.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  const t1 = process.hrtime.bigint();
  if (r.error) throw new HarnessError(`cannot run node ${cmd.args.join(' ')}: ${r.error.message}`);
  const expect = cmd.expect ?? 0;
  if (r.status !== expect && !(anyStatus && r.status !== null)) {
    const err = String(r.stderr).trim().split('\n').slice(-5).join('\n  ');
    throw new HarnessError(`node ${cmd.args.join(' ')} exited ${r.status ?? r.signal} (expected ${expect})${err ? `:\n  ${err}` : ''}`);
  }
  return { seconds: Number(t1 - t0) / 1e9, status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * @typedef {object} Figure
 * @property {string} id       stable key for comparing results files
 * @property {string} label
 * @property {Command} ours
 * @property {Command} baseline
 * @property {number | null} target  seconds the median of ours must stay under, or null
 * @property {(out: { status: number | null, stdout: string, stderr: string }) => void} [check]  asserts on the warm-up run of ours (including its exit status)
 */

/**
 * One warm-up run of each (discarded; `check` looks at ours), then `runs` timed runs,
 * alternating ours and the baseline so that a burst of load hits both alike.
 * @param {Figure} f
 * @param {number} runs
 */
function measure(f, runs) {
  progress(`• ${f.label}: warm-up …`);
  const warm = runOnce(f.ours, f.check !== undefined);
  f.check?.(warm);
  runOnce(f.baseline);
  /** @type {number[]} */ const ours = [];
  /** @type {number[]} */ const base = [];
  for (let i = 0; i < runs; i++) {
    ours.push(runOnce(f.ours).seconds);
    base.push(runOnce(f.baseline).seconds);
    progress(`  run ${i + 1}/${runs}: ours ${ours[i].toFixed(3)} s, baseline ${base[i].toFixed(3)} s`);
  }
  const oursMedian = median(ours);
  const baseMedian = median(base);
  return {
    id: f.id,
    label: f.label,
    ours: { command: `node ${f.ours.args.join(' ')}`, median: oursMedian, min: Math.min(...ours), runs: ours },
    baseline: { command: `node ${f.baseline.args.join(' ')}`, median: baseMedian, min: Math.min(...base), runs: base },
    ratio: oursMedian / baseMedian,
    target: f.target === null ? null : { max_seconds: f.target },
    pass: f.target === null ? null : oursMedian < f.target,
  };
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
 * The table of the figures, aligned for a terminal (and readable as Markdown).
 * @param {ReturnType<typeof measure>[]} figures
 */
function table(figures) {
  const head = ['figure', 'ours (median s)', 'baseline (median s)', 'ratio', 'target', 'pass/fail'];
  const rows = figures.map((f) => [
    f.label,
    secs(f.ours.median),
    secs(f.baseline.median),
    `${f.ratio.toFixed(2)}×`,
    f.target ? `< ${f.target.max_seconds} s` : '—',
    f.pass === null ? '—' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ───────────────────────────── Main ─────────────────────────────

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    throw new HarnessError('dist/ is missing: build first (npx tsc -p tsconfig.build.json), or run "npm run bench", which builds');
  }
  const { catalogDir, oneFile, oneDir } = prepareData(opts.procedures);
  const rel = (/** @type {string} */ p) => relative(root, p);
  const tthc = 'bin/tthc';

  /** @type {{ files: number, errors: number, warnings: number } | undefined} */
  let validateCheck;
  /** @type {Figure[]} */
  const figures = [
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

  const cpuList = cpus();
  const loadBefore = loadavg();
  progress(`node ${process.version}, ${cpuList[0]?.model ?? 'unknown cpu'} × ${cpuList.length}, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; ${opts.runs} runs per figure`);
  const measured = figures.map((f) => measure(f, opts.runs));
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
    seed: SEED,
    runs: opts.runs,
    quick: opts.quick,
    checks: { validate: validateCheck },
    figures: measured,
  };
  mkdirSync(resultsDir, { recursive: true });
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const file = join(resultsDir, `${stamp}-${commit.short}${opts.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

  if (opts.jsonOnly) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
    progress(`results: ${rel(file)}`);
    return;
  }
  const out = [
    '',
    `tthc bench — ${opts.procedures} procedures, ${opts.runs} runs, node ${process.version}, ${results.cpu.model} × ${results.cpu.count}, commit ${commit.short}`,
    '',
    table(measured),
    '',
    `min of ${opts.runs} runs (s): ${measured.map((f) => `${f.label} ${secs(f.ours.min)} vs ${secs(f.baseline.min)}`).join('; ')}`,
    `load average before/after: ${loadBefore[0].toFixed(2)} / ${loadAfter[0].toFixed(2)} on ${cpuList.length} CPUs${loadBefore[0] > cpuList.length * 0.5 ? ' (busy machine: figures are noisy)' : ''}`,
  ];
  if (opts.procedures !== 2000) out.push(`note: the targets are set for 2000 procedures; this run used ${opts.procedures}.`);
  out.push(`results: ${rel(file)}`, '');
  process.stdout.write(out.join('\n'));
}

main().catch((e) => {
  const msg = e instanceof HarnessError ? e.message : `${e?.stack ?? e}`;
  process.stderr.write(`bench: ${msg}\n`);
  process.exitCode = 1;
});
