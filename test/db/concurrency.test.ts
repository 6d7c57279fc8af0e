// Many writers on one database, on every engine: 8 OS processes (test/helpers/writer.mjs) record
// 1,000 events each through recordEvents, the write path of the dossier commands, on the same
// few open dossiers of the small catalog, while receiving new ones of two agencies on one day.
// Afterwards nothing is lost or duplicated, codes are unique and gap-free per agency and day,
// every refusal was a clean exit-2 error, every dossier's rows equal the replay of its events,
// and the chain verifies. Real `bin/tthc dossier complete` processes race on one step, and 8
// processes start on a fresh database at once (migrations, catalog load).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { binPath, repoRoot, smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { storedAndDerived } from '../helpers/derived.js';
import { dialects } from './dialects.js';

const writers = 8;
// TTHC_CONCURRENCY_EVENTS changes the figure for a shorter or a longer run by hand.
const eventsEach = Number(process.env['TTHC_CONCURRENCY_EVENTS'] ?? 1000);
const writerPath = join(repoRoot, 'test', 'helpers', 'writer.mjs');

/** Runs `node ARGS` without waiting: its exit code and output when it ends. */
function start(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd, env: { PATH: process.env['PATH'] ?? '', TZ: process.env['TZ'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface WriterReport {
  writer: number;
  attempts: number;
  recorded: { id: string; dossier: string; type: string }[];
  refused: { error: string; exitCode: number; type: string; message: string }[];
  failed: { error: string; code: string | null; exitCode: number; message: string }[];
}

describe.each(dialects)('$name', (dialect) => {
  const dir = tempCatalog(smallCatalog);
  afterAll(() => dialect.cleanup());

  it('8 processes starting on a fresh database at once: migrations and catalog load succeed', async () => {
    const url = await dialect.fresh();
    const runs = await Promise.all(Array.from({ length: writers }, () => start([binPath, '--db', url, '--catalog', '.', '--quiet', 'catalog', 'load'], dir)));
    expect(runs.map((r) => [r.status, r.stderr])).toEqual(runs.map(() => [0, '']));
    const d = await openDatabase(url, dir);
    try {
      // The small catalog has two procedures: each loaded once, as version 1.
      const versions = await d.db.selectFrom('procedure_versions').select(['code', 'version']).orderBy('code').execute();
      expect(versions).toEqual([
        { code: '1.000001', version: 1 },
        { code: '2.000002', version: 1 },
      ]);
    } finally {
      await d.close();
    }
  }, 60_000);

  it(`${writers} writers × ${eventsEach} events on overlapping dossiers: nothing lost, duplicated or broken`, async () => {
    const url = await dialect.fresh();
    expect(tthc(['--db', url, '--catalog', '.', '--quiet', 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    const began = Date.now();
    // Mon 2/3/2026 07:30: receipts of the whole run fall on that day (1 s of the run = 1 min).
    const common = { url, cwd: dir, events: eventsEach, start: began, base: '2026-03-02T00:30:00Z', procedures: ['1.000001', '2.000002'] };
    const runs = await Promise.all(Array.from({ length: writers }, (_, writer) => start([writerPath, JSON.stringify({ ...common, writer })], dir)));
    const seconds = (Date.now() - began) / 1000;
    expect(runs.map((r) => [r.status, r.stderr])).toEqual(runs.map(() => [0, '']));
    const reports = runs.map((r) => JSON.parse(r.stdout) as WriterReport);
    const recorded = reports.flatMap((r) => r.recorded);
    const refused = reports.flatMap((r) => r.refused);
    // Anything but a clean refusal (SQLITE_BUSY, a serialization failure, a deadlock, an
    // internal error) fails the test.
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    for (const r of reports) expect(r.recorded.length).toBe(eventsEach);
    // Every refusal is what the CLI turns into exit 2 with one line.
    expect(refused.filter((r) => r.exitCode !== 2 || !['InputError', 'UsageError'].includes(r.error) || r.message.includes('\n'))).toEqual([]);
    // The writers do collide: several looked at the same dossier and one of them was refused.
    expect(refused.length).toBeGreaterThan(0);

    const d = await openDatabase(url, dir);
    try {
      const events = await d.db.selectFrom('events').select(['seq', 'id', 'dossier', 'type']).orderBy('seq').execute();
      // None lost, none duplicated, none made up: the log holds exactly what the writers were told was recorded.
      expect(events.length).toBe(writers * eventsEach);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(events.map((e) => `${e.id} ${e.dossier} ${e.type}`).sort()).toEqual(recorded.map((e) => `${e.id} ${e.dossier} ${e.type}`).sort());
      expect(events.map((e) => Number(e.seq))).toEqual(events.map((_, i) => i + 1));

      // Codes: unique (the primary key) and, per agency and day, numbered 1, 2, … n without gaps.
      const codes = (await d.db.selectFrom('dossiers').select('code').execute()).map((r) => r.code);
      const receipts = recorded.filter((e) => e.type === 'received').map((e) => e.dossier);
      expect(new Set(receipts).size).toBe(receipts.length);
      expect([...codes].sort()).toEqual([...receipts].sort());
      const byDay = new Map<string, number[]>();
      for (const c of codes) {
        const m = /^(.+)-(\d{6})-(\d{4})$/.exec(c)!;
        const key = `${m[1]} ${m[2]}`;
        byDay.set(key, [...(byDay.get(key) ?? []), Number(m[3])]);
      }
      // Two agencies (so-xd 000.00.12.H06, xa-a 000.00.41.H06), all receipts on Mon 2/3/2026.
      expect([...byDay.keys()].sort()).toEqual(['000.00.12.H06 260302', '000.00.41.H06 260302']);
      for (const [key, numbers] of byDay) {
        expect([key, numbers.sort((a, b) => a - b)]).toEqual([key, numbers.map((_, i) => i + 1)]);
        const seq = await d.db.selectFrom('dossier_sequences').select('last').where('agency_code', '=', key.split(' ')[0]!).where('day', '=', key.split(' ')[1]!).executeTakeFirstOrThrow();
        expect(seq.last).toBe(numbers.length);
      }

      // Every dossier's stored rows equal the replay of its events.
      for (const code of codes) {
        const { stored, derived } = await storedAndDerived(d.db, code);
        expect(stored).toEqual(derived);
      }
      const why = new Map<string, number>();
      for (const r of refused) {
        const key = `${r.type}: ${r.message.replace(/^.*?: /, '').replace(/[\d.:T+-]{10,}/g, '…').slice(0, 50)}`;
        why.set(key, (why.get(key) ?? 0) + 1);
      }
      console.log(`${dialect.name}: ${writers} writers, ${events.length} events, ${codes.length} dossiers, ${refused.length} refusals, ${seconds.toFixed(1)} s`, Object.fromEntries(why));
    } finally {
      await d.close();
    }

    const verify = tthc(['--db', url, '--format', 'json', 'audit', 'verify'], { cwd: dir });
    expect([verify.status, verify.stderr]).toEqual([0, '']);
    expect(JSON.parse(verify.stdout).events).toBe(writers * eventsEach);
    if (dialect.name === 'sqlite') {
      const db = new Database(url.slice('sqlite:'.length), { readonly: true });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        db.close();
      }
    }
  }, 400_000);

  it('8 `tthc dossier complete` processes on one step: one succeeds, the others exit 2 with one line', async () => {
    const url = await dialect.fresh();
    const run = (...args: string[]) => tthc(['--db', url, '--catalog', '.', ...args], { cwd: dir });
    expect(run('--quiet', 'catalog', 'load').status).toBe(0);
    // 1.000001: receive (completed at receipt) → appraise → approve → return; each round races on the next step.
    const received = run('--format', 'json', 'dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Trần Thị B', '--at', '2026-03-02T08:00');
    expect(received.status).toBe(0);
    const code = JSON.parse(received.stdout).code as string;
    for (const [step, at] of [['appraise', '2026-03-02T09:00'], ['approve', '2026-03-02T10:00'], ['return', '2026-03-02T11:00']] as const) {
      const runs = await Promise.all(Array.from({ length: writers }, () => start([binPath, '--db', url, 'dossier', 'complete', code, '--step', step, '--at', at], dir)));
      const won = runs.filter((r) => r.status === 0);
      const lost = runs.filter((r) => r.status !== 0);
      expect(won.length).toBe(1);
      expect(won[0]!.stderr).toBe('');
      expect(lost.map((r) => r.status)).toEqual(lost.map(() => 2));
      // One line naming the dossier and that the step is no longer running.
      for (const r of lost) expect(r.stderr).toMatch(new RegExp(`^tthc: dossier ${code.replace(/\./g, '\\.')}[^\\n]*${step}[^\\n]*\\n$`));
    }
    const verify = run('--format', 'json', 'audit', 'verify');
    expect(verify.status).toBe(0);
    // received + receive completed at receipt + 3 completions.
    expect(JSON.parse(verify.stdout).events).toBe(5);
  }, 120_000);

  it.runIf(dialect.name === 'sqlite')('a writer that waits longer than the busy timeout exits 2 with one line; nothing written', async () => {
    const url = await dialect.fresh();
    const run = (...args: string[]) => tthc(['--db', url, '--catalog', '.', ...args], { cwd: dir });
    expect(run('--quiet', 'catalog', 'load').status).toBe(0);
    const code = JSON.parse(run('--format', 'json', 'dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Trần Thị B', '--at', '2026-03-02T08:00').stdout).code as string;
    // Another process holds the write lock for longer than the 5 s busy timeout.
    const holder = new Database(url.slice('sqlite:'.length));
    holder.exec('begin immediate');
    try {
      const r = await start([binPath, '--db', url, 'dossier', 'complete', code, '--step', 'appraise', '--at', '2026-03-02T09:00'], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^tthc: [^\n]* is busy: another process held it longer than 5 s [^\n]*nothing was written, run the command again\n$/);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    // Once the lock is released, the same command records the event: received, receive completed, appraise completed.
    expect(run('dossier', 'complete', code, '--step', 'appraise', '--at', '2026-03-02T09:00').status).toBe(0);
    expect(JSON.parse(run('--format', 'json', 'audit', 'verify').stdout).events).toBe(3);
  }, 60_000);
});
