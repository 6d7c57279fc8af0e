import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../../errors.js';
import type { CommandDef } from '../command.js';
import { packageFile } from '../../package-files.js';

/** The example catalog shipped with tthc. */
export const exampleCatalogDir = fileURLToPath(packageFile('procedures/'));

/** Event ids of `tthc simulate` start so: a database holding no other events is a demo one. */
const simulatedIdPrefix = 'sim-';

export const demoCommand: CommandDef = {
  name: 'demo',
  summary: 'the whole toolkit in one go: load the example catalog, simulate a year of dossiers, import them, print the SLA report',
  options: [
    { flags: '--dossiers <n>', description: 'dossiers to simulate over the year before --as-of (default 50000)', default: '50000' },
    { flags: '--seed <n>', description: 'seed of the simulation (default 1)', default: '1' },
    { flags: '--force', description: 'replace a SQLite database that holds more than a demo' },
  ],
  formats: ['table'],
  examples: ['tthc demo', 'tthc demo --dossiers 5000 --lang en'],
  async run(ctx, _args, opts) {
    const dossiers = Number(opts['dossiers']);
    if (!Number.isInteger(dossiers) || dossiers < 1 || dossiers > 10_000_000) throw new UsageError(`--dossiers ${String(opts['dossiers'])} must be a whole number from 1 to 10000000`);
    const seed = Number(opts['seed']);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed ${String(opts['seed'])} must be a whole number from 0 to 4294967295`);
    const l = ctx.labels;
    const c = ctx.color;
    const step = (n: number, text: string) => ctx.io.out(c.bold(`\n${n}. ${text}\n`));

    const { usingDb } = await import('../../db/connect.js');
    await clearForDemo(ctx.db, ctx.io.cwd, opts['force'] === true, usingDb);

    // 1. The catalog, validated and loaded.
    const { validateCatalog } = await import('../../catalog/validate.js');
    const r = validateCatalog({ paths: [exampleCatalogDir], cwd: ctx.io.cwd, asOf: ctx.asOf });
    if (r.findings.some((f) => f.severity === 'error')) throw new InputError('the example catalog has errors; run "tthc validate" on it');
    const { migrateToLatest } = await import('../../db/migrate.js');
    const { storeCatalog } = await import('../../db/catalog-store.js');
    const { utf8Lines } = await import('../../db/import-lines.js');
    const { importWithProgress } = await import('../import-run.js');
    const { localDate, formatInZone } = await import('../../calendar/zone.js');
    const zone = 'Asia/Ho_Chi_Minh';
    const to = ctx.asOf;
    const from = new Date(to.getTime() - 365 * 86_400_000);

    step(1, l.demoLoad(r.files.length, r.catalog.procedures.length, ctx.db));
    const summary = await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      await migrateToLatest(d.db);
      await storeCatalog(d, r.catalog, ctx.asOf);
      // 2. A year of dossiers, simulated and imported through the same path as a real export:
      // `tthc simulate | tthc dossier import -`, the simulation in a child process, so that it
      // runs on another CPU while this one imports.
      step(2, l.demoSimulate(dossiers, formatInZone(from, zone).slice(0, 10), formatInZone(to, zone).slice(0, 10), seed));
      const simulation = simulateChild(ctx.db, ctx.io.cwd, { dossiers, from, to, seed });
      try {
        const imported = await importWithProgress(ctx, d, utf8Lines(simulation.stdout), { file: 'simulate', onError: 'stop', batchSize: 10_000, total: null, done: () => 0 });
        await simulation.finished();
        return imported;
      } finally {
        simulation.stop();
      }
    });
    ctx.io.out(l.importSummary(summary.read, summary.imported, summary.duplicates, summary.rejected) + '\n');

    // 3. The reports: the year by unit, then what is overdue now.
    const { slaReport } = await import('../../report/sla.js');
    const { urgentReport } = await import('../../report/urgent.js');
    const out = await import('../../output/report.js');
    const fmt = (t: Date) => formatInZone(t, zone);
    const { parseDuration } = await import('../../calendar/duration.js');
    const { workingDayMinutes } = await import('../../db/calendars.js');
    const { sla, overdue, dayMinutes } = await usingDb(ctx.db, ctx.io.cwd, async (d) => ({
      dayMinutes: await workingDayMinutes(d.db),
      sla: await slaReport(d.db, { from, to, by: 'unit' }),
      overdue: await urgentReport(d.db, 'overdue', { asOf: to, within: parseDuration('1d')! }),
    }));
    step(3, 'tthc report sla --by unit');
    ctx.io.out(out.slaTable(sla, to, fmt, l, c, dayMinutes));
    step(4, 'tthc report overdue');
    ctx.io.out(out.urgentTable({ ...overdue, rows: overdue.rows.slice(0, 10) }, (t) => formatInZone(t, overdue.zone), l, c, dayMinutes));
    if (overdue.rows.length > 10) ctx.io.out(c.dim(l.demoMore(overdue.rows.length - 10)) + '\n');

    const sample = overdue.rows[0]?.code;
    ctx.io.out(
      [
        '',
        c.bold(l.demoNext),
        ...(sample ? [`  tthc dossier show ${sample}`] : []),
        `  tthc report sla --by official --from ${localDate(to, zone).slice(0, 7)}-01 --compare-previous`,
        '  tthc report sla --format html > sla.html',
        '  tthc report offenders',
        '  tthc report steps',
        '  tthc catalog list',
        '',
      ].join('\n'),
    );
    return 0;
  },
};

/**
 * `tthc simulate` of these dossiers on this database, in a child process: its events on
 * `stdout`; `finished()` resolves once it has exited 0, else rejects with its last error line;
 * `stop()` ends it if it is still running (the import failed).
 */
export function simulateChild(db: string, cwd: string, o: { dossiers: number; from: Date; to: Date; seed: number }): { stdout: Readable; finished(): Promise<void>; stop(): void } {
  // The URL goes by the environment, where a password in it is not shown to other users (ps).
  const args = ['--quiet', 'simulate', '--dossiers', String(o.dossiers), '--from', o.from.toISOString(), '--to', o.to.toISOString(), '--seed', String(o.seed)];
  const child = spawn(process.execPath, [fileURLToPath(packageFile('bin/tthc')), ...args], { cwd, env: { ...process.env, TTHC_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    if (stderr.length < 65_536) stderr += t;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  // Awaited by finished(); an import that fails first must not leave it unhandled.
  exit.catch(() => undefined);
  return {
    stdout: child.stdout,
    async finished() {
      const code = await exit.catch((e: unknown) => {
        throw new InputError(`the simulation could not start: ${e instanceof Error ? e.message : String(e)}`);
      });
      if (code !== 0) throw new InputError(`the simulation failed: ${stderr.trim().split('\n').at(-1)?.replace(/^tthc: /, '') ?? `exit ${String(code)}`}`);
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/**
 * Makes room for the demo: a missing database is fine; a SQLite file holding only simulated
 * events (an earlier demo) or, with --force, anything is deleted; otherwise refused.
 */
async function clearForDemo(url: string, cwd: string, force: boolean, usingDb: typeof import('../../db/connect.js').usingDb): Promise<void> {
  const { sql } = await import('kysely');
  const file = url.startsWith('sqlite:') ? resolve(cwd, url.slice('sqlite:'.length)) : undefined;
  if (file !== undefined && !existsSync(file)) return;
  let events = { all: 0, foreign: 0 };
  try {
    events = await usingDb(url, cwd, async (d) => {
      const tables = await d.db.introspection.getTables();
      if (!tables.some((t) => t.name === 'events')) return { all: 0, foreign: 0 };
      const row = await sql<{ all: number; foreign: number }>`select count(*) as "all", sum(case when id like ${simulatedIdPrefix + '%'} then 0 else 1 end) as "foreign" from events`.execute(d.db);
      return { all: Number(row.rows[0]?.all ?? 0), foreign: Number(row.rows[0]?.foreign ?? 0) };
    }, { create: false });
  } catch (e) {
    if (!(e instanceof InputError) || file === undefined) throw e;
    events = { all: 1, foreign: 1 }; // a file tthc cannot open as a database
  }
  if (events.foreign > 0 && !force) throw new InputError(`${url} holds ${events.foreign} event${events.foreign === 1 ? '' : 's'} that ${events.foreign === 1 ? 'is' : 'are'} not from a demo; the demo will not touch it (use --db sqlite:demo.db, or --force to replace it)`);
  if (file === undefined) {
    // A server database is never dropped by the demo: it runs on one without events.
    if (events.all > 0) throw new InputError(`${url} already holds ${events.all} event${events.all === 1 ? '' : 's'}; the demo needs a database without any (create a fresh one for it)`);
    return;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
