// `tthc simulate` as users run it: the built bin on a database loaded from the example catalog
// (procedures/). Calendar: Mon–Fri 07:00–11:30, 13:30–17:00 (UTC+7); Tết closes 14–22/2/2026.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/calendar/zone.js';
import { binPath, repoRoot, tempCatalog, tthc } from '../helpers/cli.js';

const t = (local: string) => parseInstant(local, 'Asia/Ho_Chi_Minh')!.getTime();

describe('tthc simulate', () => {
  let dir: string;
  let db: string[];
  beforeAll(() => {
    dir = tempCatalog({});
    db = ['--db', `sqlite:${join(dir, 'tthc.db')}`];
    const r = tthc([...db, '--catalog', join(repoRoot, 'procedures'), 'catalog', 'load'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
  });

  const simulate = (...args: string[]) => tthc([...db, 'simulate', ...args], { cwd: dir });

  it('the same seed and options give the same bytes; another seed other bytes', () => {
    const args = ['--dossiers', '400', '--from', '2026-03-02', '--to', '2026-04-01', '--seed', '7'];
    const a = simulate(...args);
    expect(a.status, a.stderr).toBe(0);
    expect(simulate(...args).stdout).toBe(a.stdout);
    const b = simulate(...args.slice(0, -1), '8');
    expect(b.status).toBe(0);
    expect(b.stdout).not.toBe(a.stdout);
    // Every dossier is received once: 400 received events, all in the period, in time order.
    const events = a.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; at: string; id: string });
    expect(events.filter((e) => e.type === 'received')).toHaveLength(400);
    const times = events.map((e) => new Date(e.at).getTime());
    expect(times.every((x, i) => x >= t('2026-03-02') && x < t('2026-04-01') && (i === 0 || x >= times[i - 1]!))).toBe(true);
    expect(events[0]!.id).toBe('sim-7-1');
    // The summary: one line on stderr.
    expect(a.stderr).toMatch(/^[^\n]+\n$/);
  });

  it('prints the summary in the chosen language, and nothing with --quiet', () => {
    const en = simulate('--dossiers', '20', '--from', '2026-03-02', '--to', '2026-03-09', '--lang', 'en');
    expect(en.stderr).toMatch(/^Simulated 20 dossiers · \d+ events · \d+ still open at the end \(2026-03-02T00:00:00\+07:00 – 2026-03-09T00:00:00\+07:00, seed 1\)\n$/);
    const vi = simulate('--dossiers', '20', '--from', '2026-03-02', '--to', '2026-03-09');
    expect(vi.stderr).toMatch(/^Đã mô phỏng 20 hồ sơ · [\d.]+ sự kiện · \d+ hồ sơ còn đang xử lý lúc kết thúc \(.+, seed 1\)\n$/);
    expect(vi.stdout).toBe(en.stdout);
    const quiet = simulate('--dossiers', '20', '--from', '2026-03-02', '--to', '2026-03-09', '--quiet');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(en.stdout);
  });

  it('--to defaults to --as-of and --from to one year before it', () => {
    const r = tthc([...db, '--as-of', '2026-03-01T12:00', 'simulate', '--dossiers', '60', '--lang', 'en'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('(2025-03-01T12:00:00+07:00 – 2026-03-01T12:00:00+07:00, seed 1)');
    const times = r.stdout.trimEnd().split('\n').map((l) => new Date((JSON.parse(l) as { at: string }).at).getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(t('2025-03-01T12:00'));
    expect(Math.max(...times)).toBeLessThan(t('2026-03-01T12:00'));
  });

  it.each([
    [['--dossiers', '0'], '--dossiers 0 must be a whole number from 1 to 100,000,000'],
    [['--dossiers', '1.5'], '--dossiers 1.5 must be a whole number'],
    [['--dossiers', 'many'], '--dossiers many must be a whole number'],
    [['--seed', '-1'], '--seed -1 must be a whole number from 0 to 4,294,967,295'],
    [['--seed', '4294967296'], '--seed 4294967296 must be a whole number'],
    [['--from', '2026-13-01'], '--from "2026-13-01" is not a date or time in ISO 8601'],
    [['--to', 'tomorrow'], '--to "tomorrow" is not a date or time in ISO 8601'],
    [['--from', '2026-05-01', '--to', '2026-04-01'], '--from 2026-05-01T00:00:00+07:00 must be before --to 2026-04-01T00:00:00+07:00'],
    [['--format', 'json'], '--format json is not available for "tthc simulate"'],
    [['--dossier', '5'], "unknown option '--dossier'"],
  ])('refuses %j with exit 2 and one line naming the option', (args, message) => {
    const r = simulate(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^tthc: /);
    expect(r.stderr).toContain(message);
  });

  it('refuses a period without working time (Tết) with exit 2', () => {
    const r = simulate('--from', '2026-02-14', '--to', '2026-02-23');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tthc: no procedure with an agency code is in force in working hours between 2026-02-14T00:00:00+07:00 and 2026-02-23T00:00:00+07:00\n');
  });

  it('without a catalog in the database, says to run "tthc catalog load" (exit 2)', () => {
    const empty = tempCatalog({});
    const missing = tthc(['--db', `sqlite:${join(empty, 'none.db')}`, 'simulate'], { cwd: empty });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^tthc: cannot open sqlite:.*none\.db: no such database; "tthc catalog load" creates it\n$/);
    // A file that is no tthc database yet, and one migrated but without a catalog.
    writeFileSync(join(empty, 'blank.db'), '');
    const blank = tthc(['--db', `sqlite:${join(empty, 'blank.db')}`, 'simulate'], { cwd: empty });
    expect([blank.status, blank.stderr]).toEqual([2, 'tthc: the database holds no catalog; run "tthc catalog load" first\n']);
    expect(tthc(['--db', `sqlite:${join(empty, 'migrated.db')}`, 'db', 'migrate'], { cwd: empty }).status).toBe(0);
    const migrated = tthc(['--db', `sqlite:${join(empty, 'migrated.db')}`, 'simulate'], { cwd: empty });
    expect([migrated.status, migrated.stderr, migrated.stdout]).toEqual([2, 'tthc: the database holds no catalog; run "tthc catalog load" first\n', '']);
  });

  it('stops quietly when the reader goes away (tthc simulate | head -1)', async () => {
    // About 150,000 lines: far more than a pipe holds, so the writer is still busy when it closes.
    const child = spawn(process.execPath, [binPath, ...db, 'simulate', '--dossiers', '20000', '--to', '2026-11-21'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(String(d))));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(first).toMatch(/^\{"id":"sim-1-1",/);
    expect([code, err]).toEqual([0, '']);
  });

  it('pipes into tthc dossier import: every event is accepted', () => {
    const out = simulate('--dossiers', '300', '--from', '2026-02-02', '--to', '2026-03-16', '--seed', '3', '--quiet');
    expect(out.status).toBe(0);
    const r = tthc([...db, 'dossier', 'import', '-', '--lang', 'en'], { cwd: dir, input: out.stdout });
    expect(r.status, r.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split('\n').length;
    expect(r.stdout + r.stderr).toContain(`Read ${lines.toLocaleString('en-US')} events · imported ${lines.toLocaleString('en-US')} · skipped as already stored 0 · rejected 0`);
  });
});
