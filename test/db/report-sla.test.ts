// `tthc report sla` on every engine, on dossiers recorded through the event log. Procedure
// 1.000001 of the small catalog (test/helpers/cli.ts): agency so-xd, limit 2d (960 min), steps
// receive 2h → appraise 1d → approve 4h → return 2h; 2.000002: agency xa-a, limit 4h, steps
// receive 1h → approve 2h → return 1h. Calendar Mon–Fri 07:30–11:30, 13:30–17:30 (480 a day),
// no receipt cut-off. The period is February 2026: from 1/2 00:00 to 1/3 00:00 (UTC+7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../src/catalog/validate.js';
import { storeCatalog } from '../../src/db/catalog-store.js';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { recordEvents, type EventInput } from '../../src/db/event-store.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { slaReport } from '../../src/report/sla.js';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { dialects } from './dialects.js';

const t = (local: string) => new Date(`${local}:00+07:00`);
const by = 'nva';
const from = t('2026-02-01T00:00');
const to = t('2026-03-01T00:00');

/** Receives a dossier and records the events after it (steps by id, or whole events). */
async function life(d: Db, procedure: string, at: string, after: (string | [string, string] | EventInput)[] = []): Promise<string> {
  const { code } = await recordEvents(d, [{ type: 'received', at: t(at), by, procedure, applicant: { name: 'Lê Thị C' }, channel: 'counter' }]);
  for (const e of after) {
    const input: EventInput = Array.isArray(e) ? { type: 'step-completed', dossier: code, step: e[0], at: t(e[1]), by } : typeof e === 'string' ? { type: 'step-completed', dossier: code, step: 'receive', at: t(e), by } : { ...e, dossier: code };
    await recordEvents(d, [input]);
  }
  return code;
}

const all = (r: string, a: string, p: string, ret: string): [string, string][] => [['receive', r], ['appraise', a], ['approve', p], ['return', ret]];

describe.each(dialects)('$name', (dialect) => {
  let d: Db;
  let url: string;
  beforeAll(async () => {
    url = await dialect.fresh();
    d = await openDatabase(url, process.cwd());
    await migrateToLatest(d.db);
    const dir = tempCatalog(smallCatalog);
    await storeCatalog(d.db, validateCatalog({ paths: [dir], cwd: dir, asOf: t('2026-01-01T00:00') }).catalog, t('2026-01-01T00:00'));
    // I: received Thu 29/1 09:00 (before the period); due Thu 390 + Fri 480 + Mon 2/2 90 = Mon
    //    09:00; resolved Mon 2/2 08:00, the due day, before due: on_time. Used 390 + 480 + 30 = 900.
    await life(d, '1.000001', '2026-01-29T09:00', all('2026-01-29T09:30', '2026-01-30T09:00', '2026-01-30T14:00', '2026-02-02T08:00'));
    // A: Mon 2/2 09:00, due Wed 4/2 09:00; resolved Tue 3/2 09:00, a day before: early. Used
    //    Mon 150 + 240 + Tue 90 = 480.
    await life(d, '1.000001', '2026-02-02T09:00', all('2026-02-02T09:30', '2026-02-02T14:00', '2026-02-02T15:00', '2026-02-03T09:00'));
    // E: Mon 2/2 09:00, two supplement requests (waits 10:00–11:00 and 13:30–14:00); resolved
    //    Tue 09:00, before its due day, but more than one request: late. Used 480 − 60 − 30 = 390.
    await life(d, '1.000001', '2026-02-02T09:00', [
      '2026-02-02T09:30',
      { type: 'supplement-requested', at: t('2026-02-02T10:00'), by, reason: 'Thiếu bản vẽ', items: ['Bản vẽ'] },
      { type: 'supplement-received', at: t('2026-02-02T11:00'), by },
      { type: 'supplement-requested', at: t('2026-02-02T13:30'), by, reason: 'Thiếu chữ ký', items: ['Đơn'] },
      { type: 'supplement-received', at: t('2026-02-02T14:00'), by },
      ['appraise', '2026-02-02T14:30'],
      ['approve', '2026-02-02T15:00'],
      ['return', '2026-02-03T09:00'],
    ]);
    // D: Tue 3/2 09:00 (due Thu 5/2), refused 10:00: ended two days before its due day: early.
    await life(d, '1.000001', '2026-02-03T09:00', [{ type: 'refused', at: t('2026-02-03T10:00'), by, reason: 'Không thuộc thẩm quyền' }]);
    // F: Wed 4/2 09:00 (due Fri 6/2), withdrawn 09:30: early.
    await life(d, '1.000001', '2026-02-04T09:00', [{ type: 'withdrawn', at: t('2026-02-04T09:30'), by }]);
    // B: Mon 9/2 09:00, due Wed 11/2 09:00; resolved Wed 08:59: on_time. Used 390 + 480 + 89 = 959.
    await life(d, '1.000001', '2026-02-09T09:00', all('2026-02-09T09:30', '2026-02-10T09:00', '2026-02-10T14:00', '2026-02-11T08:59'));
    // C: Mon 16/2 09:00, due Wed 18/2 09:00; resolved 09:01: late by a minute. Used 390 + 480 + 91 = 961.
    //    An apology (form 04) is recorded on Tue 17/2 16:30, before the end; it judges nothing.
    await life(d, '1.000001', '2026-02-16T09:00', [
      ...all('2026-02-16T09:30', '2026-02-17T09:00', '2026-02-17T14:00', '2026-02-18T09:01').slice(0, 3),
      { type: 'apologized', at: t('2026-02-17T16:30'), by, reason: 'Chậm chuyển kết quả', new_appointment: t('2026-02-18T10:00') },
      ['return', '2026-02-18T09:01'],
    ]);
    // G: Mon 23/2 09:00, due Wed 25/2 09:00, still running: in progress and overdue at 1/3.
    await life(d, '1.000001', '2026-02-23T09:00', ['2026-02-23T09:30']);
    // L: Mon 23/2 10:00, due Wed 25/2 10:00, resolved Mon 2/3 (after the period): at 1/3 in
    //    progress and overdue.
    await life(d, '1.000001', '2026-02-23T10:00', all('2026-02-23T10:30', '2026-02-24T10:00', '2026-02-24T14:00', '2026-03-02T09:00'));
    // M: Tue 24/2 09:00, due Thu 26/2 09:00; a supplement asked Wed 4/3, after the period: the rows
    //    say "waiting" now, so the report replays it: at 1/3 in progress and overdue.
    await life(d, '1.000001', '2026-02-24T09:00', ['2026-02-24T09:30', { type: 'supplement-requested', at: t('2026-03-04T09:00'), by, reason: 'Thiếu giấy tờ', items: ['CCCD'] }]);
    // K: Thu 26/2 09:00, due Thu 390 + Fri 480 + Mon 2/3 90 = Mon 2/3 09:00; resolved Tue 3/3: at
    //    1/3 in progress, not overdue.
    await life(d, '1.000001', '2026-02-26T09:00', all('2026-02-26T09:30', '2026-02-27T09:00', '2026-02-27T14:00', '2026-03-03T10:00'));
    // H: Fri 27/2 09:00, due Fri 390 + Mon 480 + Tue 3/3 90 = Tue 3/3 09:00: in progress, not overdue.
    await life(d, '1.000001', '2026-02-27T09:00', ['2026-02-27T09:30']);
    // N (xa-a, 2.000002): Mon 2/2 09:00, due 09:00 + 240 = 09:00–11:30 (150) + 13:30–15:00 (90)
    //    = 15:00; steps done 09:10 (receive), 09:40 (approve), 10:00 (return): on the due day,
    //    before due: on_time. Used 60; steps 10, 30, 20, each on time against its own due.
    await life(d, '2.000002', '2026-02-02T09:00', [['receive', '2026-02-02T09:10'], ['approve', '2026-02-02T09:40'], ['return', '2026-02-02T10:00']]);
    // P: Mon 9/3 09:00 (after February), due Wed 11/3 09:00; running.
    await life(d, '1.000001', '2026-03-09T09:00', ['2026-03-09T09:30']);
  });
  afterAll(async () => {
    await d.close();
    await dialect.cleanup();
  });

  it('by unit: every definition of SPEC.md, by hand', async () => {
    const r = await slaReport(d.db, { from, to, by: 'unit' });
    // so-xd: received in February: A B C D E F G H K L M = 11 (I came in January);
    // ended in February: I A E D F B C = 7 — early A, D (refused), F (withdrawn) = 3; on_time I, B
    // = 2; late E (two requests), C (a minute) = 2; in progress at 1/3: G H K L M = 5, overdue G L
    // M = 3. On-time rate (3 + 2) / 7; rate 766 (5 + (5 − 3)) / (7 + 5) = 7/12. Median of the
    // resolved: 390 480 900 959 961 → the 3rd of 5 = 900.
    const soXd = { key: 'so-xd', name: 'Sở Xây dựng', received: 11, ended: 7, early: 3, on_time: 2, late: 2, in_progress: 5, overdue: 3, on_time_rate: 5 / 7, rate_766: 7 / 12, median_minutes: 900 };
    const xaA = { key: 'xa-a', name: 'UBND xã An Bình', received: 1, ended: 1, early: 0, on_time: 1, late: 0, in_progress: 0, overdue: 0, on_time_rate: 1, rate_766: 1, median_minutes: 60 };
    expect(r.rows).toEqual([soXd, xaA]);
    // Total: received 12, ended 8 (early 3, on_time 3, late 2), in progress 5, overdue 3; on-time
    // rate 6/8; rate 766 (6 + 2) / (8 + 5) = 8/13; median of 60 390 480 900 959 961 → 3rd of 6 = 480.
    expect(r.total).toEqual({ key: '', name: '', received: 12, ended: 8, early: 3, on_time: 3, late: 2, in_progress: 5, overdue: 3, on_time_rate: 6 / 8, rate_766: 8 / 13, median_minutes: 480 });
  });

  it('by step, one procedure: steps are counted, each against its own due', async () => {
    const r = await slaReport(d.db, { from, to, by: 'step', procedure: '2.000002' });
    // N's steps: receive 09:00–09:10 (due 10:00), approve 09:10–09:40 (due 11:10), return
    // 09:40–10:00 (due 10:40): each started and completed in February, on time, the due day.
    const step = (key: string, name: string, used: number) => ({ key, name, received: 1, ended: 1, early: 0, on_time: 1, late: 0, in_progress: 0, overdue: 0, on_time_rate: 1, rate_766: 1, median_minutes: used });
    expect(r.rows).toEqual([step('2.000002/approve', 'Ký chứng thực', 30), step('2.000002/receive', 'Tiếp nhận', 10), step('2.000002/return', 'Trả kết quả', 20)]);
    // Median of 10 20 30 → the 2nd = 20.
    expect(r.total).toMatchObject({ received: 3, ended: 3, on_time: 3, median_minutes: 20 });
  });

  it('filters by unit and mechanism; a period with nothing in it has null rates', async () => {
    expect((await slaReport(d.db, { from, to, by: 'unit', unit: 'xa-a' })).rows.map((x) => x.key)).toEqual(['xa-a']);
    expect((await slaReport(d.db, { from, to, by: 'mechanism', mechanism: 'one-stop' })).rows).toMatchObject([{ key: 'one-stop', received: 11 }]);
    const empty = await slaReport(d.db, { from: t('2025-06-01T00:00'), to: t('2025-07-01T00:00'), by: 'unit' });
    expect(empty.rows).toEqual([]);
    expect(empty.total).toMatchObject({ received: 0, on_time_rate: null, rate_766: null, median_minutes: null });
  });

  it('report overdue and due-soon: as of Tue 10/3 09:00, with the three counts', () => {
    // Not ended now: G, H, M (waiting since 4/3; the clock pauses, and its due had passed before
    // the wait) and P. Overdue: G (due Wed 25/2 09:00), M (Thu 26/2 09:00), H (Tue 3/3 09:00).
    // Working time late as of Tue 10/3 09:00:
    //   G: Wed 25/2 390 + Thu, Fri 960 + 2–6/3 2400 + Mon 9/3 480 + Tue 07:30–09:00 90 = 4320;
    //   M: Thu 26/2 390 + Fri 480 + 2400 + 480 + 90 = 3840;
    //   H: Tue 3/3 390 + Wed–Fri 1440 + Mon 480 + 90 = 2400.
    // P: due Wed 11/3 09:00, left Tue 390 + Wed 90 = 480 = 1d: due soon (at most 1d left).
    const args = ['--db', url, '--as-of', '2026-03-10T09:00', '--format', 'json'];
    const overdue = tthc([...args, 'report', 'overdue', '--fail-on-overdue']);
    expect(overdue.status).toBe(1);
    const o = JSON.parse(overdue.stdout) as { as_of: string; counts: unknown; rows: { code: string; step: string; official: string; due: string; late_minutes: number; unit: string }[] };
    expect(o.as_of).toBe('2026-03-10T09:00:00+07:00');
    expect(o.counts).toEqual({ overdue: 3, due_soon: 1, not_yet_due: 0 });
    expect(o.rows.map((r) => [r.code.slice(-11), r.unit, r.step, r.official, r.due, r.late_minutes])).toEqual([
      ['260223-0001', 'so-xd', 'appraise', 'nva', '2026-02-25T09:00:00+07:00', 4320],
      ['260224-0001', 'so-xd', 'appraise', 'nva', '2026-02-26T09:00:00+07:00', 3840],
      ['260227-0001', 'so-xd', 'appraise', 'nva', '2026-03-03T09:00:00+07:00', 2400],
    ]);
    const soon = tthc([...args, 'report', 'due-soon']);
    expect(soon.status).toBe(0);
    const s = JSON.parse(soon.stdout) as { rows: { code: string; left_minutes: number; due: string }[] };
    expect(s.rows).toEqual([{ code: '000.00.12.H06-260309-0001', procedure: '1.000001', unit: 'so-xd', step: 'appraise', official: 'nva', due: '2026-03-11T09:00:00+07:00', left_minutes: 480 }]);
    // With 7h 59min of window, 480 minutes left is not due soon.
    expect(JSON.parse(tthc([...args, 'report', 'due-soon', '--within', '7.98h']).stdout).rows).toEqual([]);
    // dossier list --overdue agrees, M included though its clock is stopped (earliest due first).
    const list = JSON.parse(tthc([...args, 'dossier', 'list', '--overdue']).stdout) as { rows: { code: string; overdue: boolean }[] };
    expect(list.rows.map((r) => [r.code.slice(-11), r.overdue])).toEqual([['260223-0001', true], ['260224-0001', true], ['260227-0001', true]]);
    const table = tthc(['--db', url, '--as-of', '2026-03-10T09:00', 'report', 'overdue']).stdout;
    expect(table).toContain('Quá hạn: 3 · Sắp quá hạn: 1 · Chưa đến hạn: 0');
    expect(table).toContain('9d');
  });

  it('report offenders, steps and coverage', () => {
    const feb = ['--db', url, '--format', 'json'];
    const period = ['--from', '2026-02-01', '--to', '2026-03-01'];
    // Late steps completed in February, all by nva: the return steps of I (due Fri 30/1 16:00,
    // done Mon 2/2 08:00), A (due Mon 2/2 17:00, done Tue 09:00), E (likewise), B (due Tue 10/2
    // 16:00, done Wed 08:59) and C (due Tue 17/2 16:00, done Wed 09:01): 5; every other step
    // was done within its due. C has an apology.
    const off = JSON.parse(tthc([...feb, 'report', 'offenders', ...period]).stdout) as { min_late: number; rows: unknown[] };
    expect(off.min_late).toBe(2);
    expect(off.rows).toEqual([
      {
        official: 'nva',
        name: 'Nguyễn Văn A',
        unit: 'so-xd',
        late_steps: 5,
        dossiers: ['000.00.12.H06-260129-0001', '000.00.12.H06-260202-0001', '000.00.12.H06-260202-0002', '000.00.12.H06-260209-0001', '000.00.12.H06-260216-0001'],
        apologized: ['000.00.12.H06-260216-0001'],
      },
    ]);
    expect(JSON.parse(tthc([...feb, 'report', 'offenders', ...period, '--min-late', '6']).stdout).rows).toEqual([]);
    // The return step (budget 2h = 120) completed in February, working minutes from its start:
    // I Fri 30/1 14:00–17:30 210 + Mon 07:30–08:00 30 = 240; A and E Mon 15:00–17:30 150 + Tue
    // 07:30–09:00 90 = 240; B Tue 14:00–17:30 210 + Wed 89 = 299; C 210 + 91 = 301. Sorted 240 240
    // 240 299 301: median the 3rd = 240, 90th percentile the ⌈4.5⌉ = 5th = 301; all 5 late.
    const steps = JSON.parse(tthc([...feb, 'report', 'steps', ...period, '--procedure', '1.000001']).stdout) as { rows: { step: string }[] };
    expect(steps.rows.find((r) => r.step === 'return')).toEqual({ procedure: '1.000001', step: 'return', name: 'Trả kết quả', completed: 5, median_minutes: 240, p90_minutes: 301, late: 5, late_share: 1, budget_minutes: 120 });
    // 2.000002 (N): receive 10 min of 1h, approve 30 of 2h, return 20 of 1h, in step order.
    const n = JSON.parse(tthc([...feb, 'report', 'steps', ...period, '--procedure', '2.000002']).stdout) as { rows: { step: string; median_minutes: number; p90_minutes: number; budget_minutes: number; late: number }[] };
    expect(n.rows.map((r) => [r.step, r.median_minutes, r.p90_minutes, r.budget_minutes, r.late])).toEqual([['receive', 10, 10, 60, 0], ['approve', 30, 30, 120, 0], ['return', 20, 20, 60, 0]]);
    // The catalog: so-xd runs 1.000001 (one-stop), xa-a 2.000002 (five-on-the-spot): shares 0, 1, and 1/2 in all.
    const cov = JSON.parse(tthc(['--db', url, '--format', 'json', 'report', 'coverage']).stdout) as { rows: { unit: string; procedures: number; five_on_the_spot_share: number }[]; total: { procedures: number; five_on_the_spot_share: number } };
    expect(cov.rows.map((r) => [r.unit, r.procedures, r.five_on_the_spot_share])).toEqual([['so-xd', 1, 0], ['xa-a', 1, 1]]);
    expect([cov.total.procedures, cov.total.five_on_the_spot_share]).toEqual([2, 0.5]);
    expect(tthc(['--db', url, 'report', 'coverage', '--format', 'csv']).stdout.split('\r\n')[0]).toBe('unit,name,procedures,five-on-the-spot,one-stop,inter-agency,internal,five_on_the_spot_share');
  });

  it('the command: json as pinned, csv with a BOM, markdown, and --fail-on-overdue', () => {
    const args = ['--db', url, 'report', 'sla', '--from', '2026-02-01', '--to', '2026-03-01', '--as-of', '2026-03-10'];
    const json = tthc([...args, '--format', 'json']);
    expect(json.status).toBe(0);
    const body = JSON.parse(json.stdout) as { from: string; to: string; as_of: string; by: string; rows: { key: string; rate_766: number }[]; total: Record<string, unknown> };
    expect([body.from, body.to, body.as_of, body.by]).toEqual(['2026-02-01T00:00:00+07:00', '2026-03-01T00:00:00+07:00', '2026-03-10T00:00:00+07:00', 'unit']);
    expect(body.rows.map((x) => [x.key, x.rate_766])).toEqual([['so-xd', 7 / 12], ['xa-a', 1]]);
    // The total has a row's fields (SPEC.md), keyed "total" as in CSV.
    expect(Object.keys(body.total)).toEqual(Object.keys(body.rows[0]!));
    expect(body.total).toMatchObject({ key: 'total', name: '', received: 12, overdue: 3 });
    const csv = tthc([...args, '--format', 'csv', '--bom']).stdout;
    expect(csv.startsWith('\uFEFFkey,name,received,ended,early,on_time,late,in_progress,overdue,on_time_rate,rate_766,median_minutes\r\n')).toBe(true);
    expect(csv).toContain('\r\nxa-a,UBND xã An Bình,1,1,0,1,0,0,0,1,1,60\r\n');
    const md = tthc([...args, '--format', 'markdown']).stdout;
    expect(md).toContain('| so-xd | Sở Xây dựng | 11 | 7 | 3 | 2 | 2 | 5 | 3 | 71.4 % | 58.3 % | 1d 7h |');
    // Three overdue at the end of February: exit 1; in January nothing was: exit 0.
    expect(tthc([...args, '--fail-on-overdue', '--format', 'json']).status).toBe(1);
    expect(tthc(['--db', url, 'report', 'sla', '--from', '2026-01-01', '--to', '2026-01-29T10:00', '--fail-on-overdue', '--format', 'json']).status).toBe(0);
    const bad = tthc(['--db', url, 'report', 'sla', '--from', '2026-03-01', '--to', '2026-02-01']);
    expect([bad.status, bad.stderr]).toEqual([2, 'tthc: --from 2026-03-01T00:00:00+07:00 must be before --to 2026-02-01T00:00:00+07:00\n']);
  });
});
