// A process killed in the middle of a write leaves the database as before the command: SQLite
// with WAL, `catalog load` of a large catalog killed with SIGKILL at moments spread over its run.
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { binPath, tthc } from '../helpers/cli.js';

const procedures = 1000;

// The benchmark's generator (plain JavaScript): a realistic catalog, deterministic for a seed.
const generator = '../../bench/generate.mjs';
const { generateCatalog } = (await import(generator)) as { generateCatalog: (dir: string, o: { procedures: number; seed: number }) => void };

/**
 * Runs catalog load; with `killInWrite`, SIGKILLs it once the database's write-ahead log has grown
 * past what the migrations write, that is inside the load's one transaction, after `delayMs` more.
 */
function load(dir: string, db: string, killInWrite?: { delayMs: number }): Promise<{ status: number | null; signal: NodeJS.Signals | null; ms: number; killedInWrite: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const p = spawn(process.execPath, [binPath, '--catalog', 'catalog', '--db', `sqlite:${db}`, 'catalog', 'load', '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let killedInWrite = false;
    const poll = killInWrite
      ? setInterval(() => {
          let size = 0;
          try {
            size = statSync(`${db}-wal`).size;
          } catch {
            return;
          }
          if (size > 256 * 1024 && !killedInWrite) {
            killedInWrite = true;
            clearInterval(poll);
            setTimeout(() => p.kill('SIGKILL'), killInWrite.delayMs);
          }
        }, 2)
      : undefined;
    p.on('exit', (status, signal) => {
      if (poll) clearInterval(poll);
      resolve({ status, signal, ms: Date.now() - start, killedInWrite: killedInWrite && signal === 'SIGKILL', stderr });
    });
  });
}

/** The catalog tables' content, or null when the database has none (killed before migrating). */
function content(db: string): { integrity: string; procedures: number; versions: number; units: number; digest: string } | null {
  const d = new Database(db);
  try {
    const integrity = (d.pragma('integrity_check', { simple: true }) as string) ?? '';
    const hasTable = d.prepare("select count(*) n from sqlite_master where name = 'procedure_versions'").get() as { n: number };
    if (hasTable.n === 0) return { integrity, procedures: 0, versions: 0, units: 0, digest: '' };
    const count = (t: string) => (d.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
    const digest = (d.prepare("select group_concat(code || ':' || content_hash, ',') h from (select code, content_hash from procedure_versions order by code)").get() as { h: string | null }).h ?? '';
    return { integrity, procedures: count('procedures'), versions: count('procedure_versions'), units: count('units'), digest };
  } finally {
    d.close();
  }
}

describe('kill -9 during catalog load (SQLite)', () => {
  it('leaves all or nothing, a sound database, and a re-run completes to the same content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tthc-crash-'));
    generateCatalog(join(dir, 'catalog'), { procedures, seed: 7 });
    // An uninterrupted run: the reference content and how long a run takes.
    const reference = join(dir, 'reference.db');
    const full = await load(dir, reference);
    expect(full.status, full.stderr).toBe(0);
    const want = content(reference)!;
    expect(want.procedures).toBe(procedures);

    // Kills once the transaction is writing, at different depths into it (some land after the
    // commit: the transaction takes only tens of milliseconds).
    const trials = 6;
    let inside = 0;
    for (let i = 0; i < trials; i++) {
      const db = join(dir, `trial-${i}.db`);
      const run = await load(dir, db, { delayMs: [0, 0, 0, 2, 5, 10][i]! });
      const after = content(db);
      if (process.env['TTHC_DEBUG_CRASH']) console.log(`trial ${i}: killed in write ${run.killedInWrite}, exit ${run.status ?? run.signal}, procedures ${after?.procedures}`);
      expect(after!.integrity, `trial ${i}`).toBe('ok');
      // All or nothing: never a part of the catalog.
      expect([0, procedures], `trial ${i}`).toContain(after!.procedures);
      expect(after!.versions).toBe(after!.procedures);
      // Killed while the log was growing, and nothing committed: it died inside the transaction.
      if (run.killedInWrite && after!.procedures === 0) inside++;
      // Running it again completes, to exactly the content of an uninterrupted run.
      const again = await load(dir, db);
      expect(again.status, again.stderr).toBe(0);
      expect(content(db)).toEqual(want);
    }
    // The test is only worth something if kills did land inside the transaction (the three
    // immediate kills nearly always do; one is enough to prove the point).
    expect(inside).toBeGreaterThanOrEqual(1);
    expect(tthc(['--db', `sqlite:${reference}`, 'db', 'status', '--format', 'json'], { cwd: dir }).status).toBe(0);
  }, 240_000);
});
