// The hostile corpus's harness: a prepared SQLite database, a content checksum of it, and a
// child-process runner that measures the child's peak memory (VmHWM) and CPU time from /proc,
// and from what the child says of itself as it exits (report-usage.cjs).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { binPath, repoRoot } from '../helpers/cli.js';

export interface Measured {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds from spawn to exit. */
  wallMs: number;
  /** User + system CPU milliseconds of the child, as last seen in /proc (0 if never seen). */
  cpuMs: number;
  /** Peak resident memory of the child in bytes (VmHWM), as last seen in /proc. */
  peakBytes: number;
  /** True when the hang guard killed it. */
  killed: boolean;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
const ticks = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** What /proc says of a running process now; undefined once it is gone (or a zombie without memory). */
function sample(pid: number): { peak: number; cpuMs: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (!hwm) return undefined;
    // Fields after the command name "(…)": state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(rest[11]) + Number(rest[12])) / ticks;
    return { peak: Number(hwm[1]) * 1024, cpuMs: cpu * 1000 };
  } catch {
    return undefined;
  }
}

/**
 * Preloaded into the child: at exit it writes its own peak memory and CPU time to descriptor 3.
 * Polling alone missed runs of 150 ms when the test's thread was busy (copying a database,
 * writing a 100 MB file) on a loaded machine; polling still measures a child killed at the hang
 * guard, which never gets to report.
 */
const reporter = fileURLToPath(new URL('./report-usage.cjs', import.meta.url));

/** Bytes of output kept per stream: enough to judge, bounded whatever the child prints. */
const keep = 1024 * 1024;

/**
 * Runs `node bin/tthc ARGS` in `cwd`, polling its peak memory and CPU time every 10 ms; kills it
 * after `hangMs` (a hang guard, far above what any case should need).
 */
export function measure(args: readonly string[], opts: { cwd: string; hangMs: number; stdin?: string }): Promise<Measured> {
  return new Promise((done, fail) => {
    const start = Date.now();
    const child = spawn(process.execPath, ['--require', reporter, binPath, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env['PATH'] ?? '', TZ: process.env['TZ'] ?? '', CI: 'true' },
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const usage: Buffer[] = [];
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => usage.push(b));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      if (outBytes < keep) out.push(b);
      outBytes += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errBytes < keep) err.push(b);
      errBytes += b.length;
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
    let peak = 0;
    let cpuMs = 0;
    let killed = false;
    const poll = setInterval(() => {
      const s = child.pid === undefined ? undefined : sample(child.pid);
      if (s) {
        peak = Math.max(peak, s.peak);
        cpuMs = Math.max(cpuMs, s.cpuMs);
      }
    }, 10);
    const guard = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.hangMs);
    child.on('error', fail);
    child.on('close', (status, signal) => {
      clearInterval(poll);
      clearTimeout(guard);
      try {
        const own = JSON.parse(Buffer.concat(usage).toString('utf8')) as { peakBytes: number; cpuMs: number };
        peak = Math.max(peak, own.peakBytes);
        cpuMs = Math.max(cpuMs, own.cpuMs);
      } catch {
        // Killed before it could say (the hang guard): what polling saw stands.
      }
      done({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8') + (outBytes > keep ? `\n[${outBytes} bytes in all]` : ''),
        stderr: Buffer.concat(err).toString('utf8') + (errBytes > keep ? `\n[${errBytes} bytes in all]` : ''),
        wallMs: Date.now() - start,
        cpuMs,
        peakBytes: peak,
        killed,
      });
    });
  });
}

/** Runs the built bin synchronously in the repository (for preparing databases); throws unless it exits 0. */
export function tthcOk(args: readonly string[], cwd = repoRoot): string {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', TZ: process.env['TZ'] ?? '', CI: 'true' } });
  if (r.status !== 0) throw new Error(`tthc ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return r.stdout;
}

export interface DbState {
  /** SHA-256 over every table's rows, tables by name, rows in a stable order. */
  checksum: string;
  integrity: string;
  /** Rows per table, for messages and for accepted inputs. */
  counts: Record<string, number>;
}

/** The content of a SQLite database file: a checksum of every row, the integrity check, row counts. */
export function dbState(file: string): DbState {
  const db = new Database(file);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const rows = (db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
      counts[t] = rows.length;
      hash.update(`${t}\n${rows.join('\n')}\n`);
    }
    return { checksum: hash.digest('hex'), integrity, counts };
  } finally {
    db.close();
  }
}
