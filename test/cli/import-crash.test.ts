// `tthc dossier import` killed with SIGKILL at moments spread over its run, ten times on SQLite:
// after each kill the database passes PRAGMA integrity_check, and running the import again ends
// with exactly the content of an uninterrupted import (events with their chain, dossiers, steps).
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, tempCatalog, tthc } from '../helpers/cli.js';

const asOf = '2026-11-21T17:00';

/** Everything the import writes, as one string: equal strings, equal databases. */
function content(db: string): { integrity: string; events: number; digest: string } {
  const d = new Database(db, { readonly: true });
  try {
    const integrity = d.pragma('integrity_check', { simple: true }) as string;
    const events = (d.prepare('select count(*) n from events').get() as { n: number }).n;
    const rows = (sql: string) => JSON.stringify(d.prepare(sql).raw().all());
    const digest = [
      rows('select seq, id, dossier, type, at, by, payload, prev_hash, hash from events order by seq'),
      rows('select * from chain_head'),
      rows('select * from dossiers order by code'),
      rows('select * from steps order by dossier, position'),
      rows('select * from dossier_sequences order by agency_code, day'),
    ].join('\n');
    return { integrity, events, digest };
  } finally {
    d.close();
  }
}

/** Runs the import; with `killAfterMs`, SIGKILLs it that long after it started. */
function runImport(dir: string, db: string, killAfterMs?: number): Promise<{ status: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [binPath, '--db', `sqlite:${db}`, '--quiet', 'dossier', 'import', 'events.jsonl', '--batch', '500'], { cwd: dir, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('exit', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ status, signal });
    });
  });
}

describe('dossier import killed with SIGKILL', () => {
  let dir: string;
  let reference: ReturnType<typeof content>;
  let fullMs = 0;
  beforeAll(async () => {
    dir = tempCatalog({});
    const db = join(dir, 'empty.db');
    expect(tthc(['--db', `sqlite:${db}`, '--catalog', join(process.cwd(), 'procedures'), 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    const sim = tthc(['--db', `sqlite:${db}`, '--as-of', asOf, 'simulate', '--dossiers', '1500', '--seed', '3'], { cwd: dir });
    expect(sim.status).toBe(0);
    writeFileSync(join(dir, 'events.jsonl'), sim.stdout);
    // The uninterrupted run, on a copy of the catalog-only database.
    copyFileSync(db, join(dir, 'reference.db'));
    const t0 = Date.now();
    expect((await runImport(dir, join(dir, 'reference.db'))).status).toBe(0);
    fullMs = Date.now() - t0;
    reference = content(join(dir, 'reference.db'));
    expect(reference.events).toBe(sim.stdout.trim().split('\n').length);
  });

  it('ten kills: each leaves a sound database, and a re-run completes it to the reference', async () => {
    const outcomes: string[] = [];
    let midway = 0;
    for (let trial = 0; trial < 10; trial++) {
      const db = join(dir, `trial-${trial}.db`);
      copyFileSync(join(dir, 'empty.db'), db);
      // Kill moments spread from 10 % to 95 % of an uninterrupted run's time.
      const r = await runImport(dir, db, Math.round(fullMs * (0.1 + (0.85 * trial) / 9)));
      const after = content(db);
      expect(after.integrity, `trial ${trial}`).toBe('ok');
      expect(after.events).toBeLessThanOrEqual(reference.events);
      outcomes.push(r.signal === 'SIGKILL' ? `killed at ${after.events} events` : `finished (${r.status})`);
      if (r.signal === 'SIGKILL' && after.events > 0 && after.events < reference.events) midway += 1;
      expect((await runImport(dir, db)).status, `trial ${trial} re-run`).toBe(0);
      const done = content(db);
      expect(done.integrity).toBe('ok');
      expect(done.digest === reference.digest, `trial ${trial}: ${outcomes.at(-1)}`).toBe(true);
    }
    // Most kills must land inside the import, some of them after batches were committed and before
    // the last (the rest came before the first commit, or after the end on a fast machine).
    expect(outcomes.filter((o) => o.startsWith('killed')).length, outcomes.join('; ')).toBeGreaterThanOrEqual(5);
    expect(midway, outcomes.join('; ')).toBeGreaterThanOrEqual(3);
  });
});
