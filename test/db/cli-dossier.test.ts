// Dossier commands through the built bin, on every engine: a dossier's life, refusals that
// write nothing, tamper detection, and two processes completing the same step at once.
// Procedure 1.000001 of the small catalog: agency so-xd (000.00.12.H06), limit 2d, steps
// receive 2h → appraise 1d → approve 4h → return 2h; Mon–Fri 07:30–11:30, 13:30–17:30.
import { spawn } from 'node:child_process';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { dialects } from './dialects.js';

describe.each(dialects)('$name', (dialect) => {
  const dir = tempCatalog(smallCatalog);
  let url = '';
  const run = (...args: string[]) => tthc(['--db', url, '--catalog', '.', ...args], { cwd: dir });
  const json = (...args: string[]) => {
    const r = run(...args, '--format', 'json');
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  const receive = (at: string, ...more: string[]) => json('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Trần Thị B', '--by', 'nva', '--at', at, ...more);

  beforeAll(async () => {
    url = await dialect.fresh();
    expect(run('catalog', 'load').status).toBe(0);
  });
  afterAll(() => dialect.cleanup());

  it('a dossier’s life: receive, complete every step, return, rate', () => {
    // Received Mon 2/2/2026 09:00: due 09:00 + 2d (960) = Wed 4/2 09:00. The first step's
    // action is receive, so it completes at once.
    const r = receive('2026-02-02T09:00');
    expect(r).toMatchObject({ code: '000.00.12.H06-260202-0001', status: 'in_progress', due: '2026-02-04T09:00:00+07:00' });
    expect(r.events.map((e: { type: string }) => e.type)).toEqual(['received', 'step-completed']);
    const code = r.code as string;
    json('dossier', 'complete', code, '--step', 'appraise', '--by', 'nva', '--at', '2026-02-02T16:00');
    json('dossier', 'complete', code, '--step', 'approve', '--by', 'nva', '--at', '2026-02-03T10:00');
    const done = json('dossier', 'complete', code, '--step', 'return', '--by', 'nva', '--at', '2026-02-04T09:00');
    expect(done.status).toBe('resolved');
    json('dossier', 'return', code, '--at', '2026-02-05T08:00');
    json('dossier', 'rate', code, '--score', '5', '--at', '2026-02-05T08:05');
    const show = json('dossier', 'show', code, '--as-of', '2026-02-06T00:00');
    // Ended Wed 4/2 09:00, exactly at the due time, on the due day: on time.
    expect(show).toMatchObject({ code, procedure: '1.000001', procedure_version: 1, status: 'returned', outcome: 'on_time', overdue: false, supplements: 0, received_at: '2026-02-02T09:00:00+07:00', due: '2026-02-04T09:00:00+07:00', ended_at: '2026-02-04T09:00:00+07:00' });
    expect(show.steps.map((s: { id: string; status: string; late: boolean }) => [s.id, s.status, s.late])).toEqual([
      ['receive', 'completed', false],
      ['appraise', 'completed', false],
      ['approve', 'completed', false],
      // return starts when approve completes, Tue 10:00; its budget 2h runs 10:00–11:30 (90)
      // and 30 more from 13:30, so its own due is Tue 14:00; completed Wed 09:00: late.
      ['return', 'completed', true],
    ]);
  });

  it('refusals exit 2 with one line and write nothing', () => {
    const { code } = receive('2026-02-09T09:00', '--no-complete');
    const before = json('audit', 'verify').events as number;
    for (const [args, pattern] of [
      [['dossier', 'complete', code, '--step', 'approve', '--by', 'nva'], new RegExp(`${code.replace(/\./g, '\\.')}.*running: receive`)],
      [['dossier', 'complete', '000.00.12.H06-260209-0999', '--step', 'receive'], /no dossier 000\.00\.12\.H06-260209-0999/],
      [['dossier', 'complete', code, '--step', 'receive', '--by', 'nvb'], /--by nvb: no such official in the database; did you mean "nva"\?/],
      [['dossier', 'complete', code, '--by', 'nva'], /--step is required/],
      [['dossier', 'complete', code, '--step', 'receive', '--at', '2026-02-30'], /--at "2026-02-30" is not a date/],
      [['dossier', 'rate', code, '--score', '7'], /--score 7 must be a whole number from 1 to 5/],
      [['dossier', 'show', 'NOPE'], /no dossier NOPE/],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(json('audit', 'verify').events).toBe(before);
  });

  it('two processes completing the same step at once: exactly one wins', async () => {
    const { code } = receive('2026-02-10T09:00');
    const once = () =>
      new Promise<number | null>((resolve) => {
        const p = spawn(process.execPath, [binPath, '--db', url, 'dossier', 'complete', code, '--step', 'appraise', '--by', 'nva', '--at', '2026-02-10T10:00'], { cwd: dir, stdio: 'ignore' });
        p.on('exit', (status) => resolve(status));
      });
    const results = await Promise.all([once(), once(), once(), once()]);
    expect(results.filter((s) => s === 0)).toHaveLength(1);
    expect(results.filter((s) => s === 2)).toHaveLength(3);
    const show = json('dossier', 'show', code, '--as-of', '2026-02-10T11:00');
    expect(show.steps.find((s: { id: string }) => s.id === 'appraise').status).toBe('completed');
    expect(json('audit', 'verify').ok).toBe(true);
  });

  it('audit verify exits 1 naming the first changed event', async () => {
    expect(run('audit', 'verify').status).toBe(0);
    const exec = async (statement: string) => {
      if (dialect.name === 'sqlite') {
        const db = new Database(url.slice('sqlite:'.length));
        db.exec(statement);
        db.close();
      } else {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(statement);
        await c.end();
      }
    };
    await exec("update events set payload = replace(payload, 'Trần Thị B', 'Trần Thị X') where seq = 1");
    const r = run('audit', 'verify', '--lang', 'en');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Hash chain broken at event 1 \(.*, dossier 000\.00\.12\.H06-260202-0001\): its content does not match its hash/);
    // Undone, the chain verifies again.
    await exec("update events set payload = replace(payload, 'Trần Thị X', 'Trần Thị B') where seq = 1");
    expect(run('audit', 'verify').status).toBe(0);
  });

  it('dossier list filters by applicant, overdue, status and unit, earliest due first', () => {
    // Received Mon 2/3 09:00: due Wed 4/3 09:00 (2d).
    const { code } = receive('2026-03-02T09:00');
    const applicant = json('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Lý Văn Đức', '--at', '2026-03-02T10:00').code as string;
    const codes = (...args: string[]) => (json('dossier', 'list', ...args).rows as { code: string }[]).map((r) => r.code);
    expect(codes('--applicant', 'Văn Đức')).toEqual([applicant]);
    // "_" and "%" are the applicant's characters, not patterns: no name holds "V_n" or "%".
    expect(codes('--applicant', 'V_n')).toEqual([]);
    expect(codes('--applicant', '%')).toEqual([]);
    // As of 5/3 every dossier still in progress is overdue: the one received 9/2 (--no-complete,
    // due 11/2), the race's 10/2 (due 12/2), and the two of 2/3 (due 4/3 09:00 and 10:00).
    expect(codes('--overdue', '--as-of', '2026-03-05')).toEqual(['000.00.12.H06-260209-0001', '000.00.12.H06-260210-0001', code, applicant]);
    expect(codes('--overdue', '--as-of', '2026-03-04T09:30')).toEqual(['000.00.12.H06-260209-0001', '000.00.12.H06-260210-0001', code]);
    expect(codes('--status', 'returned')).toEqual(['000.00.12.H06-260202-0001']);
    expect(codes('--unit', 'ubnd', '--limit', '1')).toEqual(['000.00.12.H06-260202-0001']);
    expect(codes('--unit', 'xa-a')).toEqual([]);
    const row = (json('dossier', 'list', '--procedure', '1.000001', '--status', 'returned').rows as { due: string }[])[0]!;
    expect(row.due).toBe('2026-02-04T09:00:00+07:00');
  });

  it('concurrent receipts get distinct codes, numbered without gaps', async () => {
    const once = () =>
      new Promise<string>((resolve) => {
        let out = '';
        const p = spawn(process.execPath, [binPath, '--db', url, 'dossier', 'receive', '--procedure', '1.000001', '--applicant', 'X', '--at', '2026-03-16T09:00', '--format', 'json'], { cwd: dir });
        p.stdout.on('data', (d) => (out += d));
        p.on('exit', () => resolve(JSON.parse(out).code as string));
      });
    const codes = await Promise.all([once(), once(), once(), once(), once(), once()]);
    expect([...codes].sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `000.00.12.H06-260316-000${n}`));
  });

  it('a dossier keeps the procedure version it was received under', () => {
    // Received under version 1 (limit 2d): Mon 23/3 09:00 + 960 = Wed 25/3 09:00.
    const old = receive('2026-03-23T09:00');
    expect(old.due).toBe('2026-03-25T09:00:00+07:00');
    // The catalog changes the limit to 3d; reloading makes version 2.
    const next = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('time_limit: 2d', 'time_limit: 3d') });
    expect(tthc(['--db', url, '--catalog', '.', 'catalog', 'load', '--format', 'json'], { cwd: next }).stdout).toContain('"changed": 1');
    const kept = json('dossier', 'show', old.code, '--as-of', '2026-03-24T09:00');
    expect(kept).toMatchObject({ procedure_version: 1, due: '2026-03-25T09:00:00+07:00' });
    // Completing its steps still follows version 1.
    json('dossier', 'complete', old.code, '--step', 'appraise', '--by', 'nva', '--at', '2026-03-23T15:00');
    // A new dossier gets version 2: Mon 23/3 10:00 + 3d (1440) = Thu 26/3 10:00.
    const fresh = receive('2026-03-23T10:00');
    expect(fresh.due).toBe('2026-03-26T10:00:00+07:00');
    expect(json('dossier', 'show', fresh.code, '--as-of', '2026-03-24T09:00').procedure_version).toBe(2);
  });

  it('dossier list --due-soon: running, not overdue, little working time left', () => {
    const at = (time: string) => json('dossier', 'receive', '--procedure', '2.000002', '--applicant', 'Y', '--at', time).code as string;
    // Procedure 2.000002, limit 4h (240). Received Mon 6/4 09:00: 09:00–11:30 (150) + 90 from
    // 13:30 → due 15:00. Received 13:30: 13:30 + 240 → due 17:30.
    const first = at('2026-04-06T09:00');
    const second = at('2026-04-06T13:30');
    const soon = (within: string) => (json('dossier', 'list', '--due-soon', '--within', within, '--unit', 'xa-a', '--as-of', '2026-04-06T14:00').rows as { code: string }[]).map((r) => r.code);
    // As of 14:00 the first has 60 minutes left, the second 210.
    expect(soon('2h')).toEqual([first]);
    expect(soon('4h')).toEqual([first, second]);
    expect(soon('0.5h')).toEqual([]);
    const bad = run('dossier', 'list', '--due-soon', '--within', '3cd');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('tthc: --within 3cd must be working time like 1d, 0.5d or 4h\n');
  });

  it('supplement and resume move the due by the working time waited; apologize, refuse, withdraw, stop', () => {
    // Since the reload above, 1.000001 is version 2 with a limit of 3d. Received Mon 13/4 09:00
    // (the receive step completes at once): due 09:00 + 1440 = Thu 16/4 09:00; appraise runs
    // from 09:00 with 1d: due Tue 14/4 09:00.
    const { code } = receive('2026-04-13T09:00');
    json('dossier', 'supplement', code, '--reason', 'Thiếu bản vẽ', '--item', 'Bản vẽ mặt bằng', '--by', 'nva', '--at', '2026-04-13T10:00');
    expect(json('dossier', 'show', code, '--as-of', '2026-04-13T11:00').status).toBe('awaiting_supplement');
    json('dossier', 'resume', code, '--at', '2026-04-14T10:00');
    // Waited Mon 10:00–11:30 (90) + 13:30–17:30 (240) + Tue 07:30–10:00 (150) = 480 working
    // minutes: the dossier's due moves to Fri 17/4 09:00, the running appraise's to Wed 15/4 09:00.
    const after = json('dossier', 'show', code, '--as-of', '2026-04-14T11:00');
    expect(after).toMatchObject({ status: 'in_progress', supplements: 1, procedure_version: 2, due: '2026-04-17T09:00:00+07:00' });
    expect(after.steps.find((st: { id: string }) => st.id === 'appraise').due).toBe('2026-04-15T09:00:00+07:00');
    // An apology is recorded and judges nothing.
    json('dossier', 'apologize', code, '--reason', 'Chậm thẩm định', '--new-appointment', '2026-04-20T09:00', '--by', 'nva', '--at', '2026-04-14T11:00');
    expect(json('dossier', 'show', code, '--as-of', '2026-04-14T11:30').due).toBe('2026-04-17T09:00:00+07:00');
    expect(json('dossier', 'refuse', code, '--reason', 'Không đủ điều kiện', '--by', 'nva', '--at', '2026-04-14T14:00').status).toBe('refused');
    const w = receive('2026-04-13T09:05').code as string;
    expect(json('dossier', 'withdraw', w, '--at', '2026-04-13T09:10').status).toBe('withdrawn');
    const st = receive('2026-04-13T09:15').code as string;
    expect(json('dossier', 'stop', st, '--reason', 'Người nộp không bổ sung', '--by', 'nva', '--at', '2026-04-13T09:20').status).toBe('stopped');
    // After the end, only return and rate: a supplement is refused.
    expect(run('dossier', 'supplement', code, '--reason', 'x', '--at', '2026-04-15T09:00').status).toBe(2);
    expect(json('audit', 'verify').ok).toBe(true);
  });
});
