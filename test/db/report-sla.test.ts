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
import { comparedDialects, dialects, type DialectUnderTest } from './dialects.js';

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

/** Each engine's JSON of every report on the same fixture, compared once both have run. */
const outputs = new Map<string, Record<string, string>>();

/** A new database on the engine, migrated, holding the catalog of these files as of 1/1/2026. */
async function withCatalog(dialect: DialectUnderTest, files: Record<string, string>): Promise<{ d: Db; url: string }> {
  const url = await dialect.fresh();
  const d = await openDatabase(url, process.cwd());
  await migrateToLatest(d.db);
  const dir = tempCatalog(files);
  await storeCatalog(d, validateCatalog({ paths: [dir], cwd: dir, asOf: t('2026-01-01T00:00') }).catalog, t('2026-01-01T00:00'));
  return { d, url };
}

const all = (r: string, a: string, p: string, ret: string): [string, string][] => [['receive', r], ['appraise', a], ['approve', p], ['return', ret]];

// Every engine compared: their outputs are held side by side below.
describe.each(comparedDialects)('$name', (dialect) => {
  let d: Db;
  let url: string;
  beforeAll(async () => {
    ({ d, url } = await withCatalog(dialect, smallCatalog));
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

  it('--compare-previous: February beside January, with the change', () => {
    const args = ['--db', url, '--as-of', '2026-03-10', '--format', 'json', 'report', 'sla', '--from', '2026-02-01', '--to', '2026-03-01', '--compare-previous'];
    const r = JSON.parse(tthc(args).stdout) as { rows: { key: string; change: Record<string, number | null> }[]; total: { change: Record<string, number | null> }; previous: { from: string; to: string; rows: Record<string, unknown>[]; total: Record<string, unknown> } };
    // February is a whole month, so the previous period is January, 1/1 00:00 to 1/2 00:00.
    expect([r.previous.from, r.previous.to]).toEqual(['2026-01-01T00:00:00+07:00', '2026-02-01T00:00:00+07:00']);
    // January: only I, received Thu 29/1, in progress at 1/2 and not overdue (due Mon 2/2 09:00):
    // so-xd received 1, ended 0, in progress 1; on-time rate null (0 ended), rate 766 (0 + 1 − 0)
    // / (0 + 1) = 1. xa-a had nothing in January: a row of zeros, both rates null.
    const zeros = { received: 0, ended: 0, early: 0, on_time: 0, late: 0, in_progress: 0, overdue: 0 };
    expect(r.previous.rows).toEqual([
      { key: 'so-xd', name: 'Sở Xây dựng', ...zeros, received: 1, in_progress: 1, on_time_rate: null, rate_766: 1, median_minutes: null },
      { key: 'xa-a', name: 'UBND xã An Bình', ...zeros, on_time_rate: null, rate_766: null, median_minutes: null },
    ]);
    // so-xd changes: received 11 − 1 = 10, ended 7 − 0 = 7, early 3, on time 2, late 2, in
    // progress 5 − 1 = 4, overdue 3; rate 766 7/12 − 1 = −5/12; on-time rate and median: January
    // has none, so null.
    expect(r.rows[0]!.change).toEqual({ received: 10, ended: 7, early: 3, on_time: 2, late: 2, in_progress: 4, overdue: 3, on_time_rate: null, rate_766: 7 / 12 - 1, median_minutes: null });
    // Total: received 12 − 1 = 11, in progress 5 − 1 = 4, rate 766 8/13 − 1.
    expect(r.total.change).toMatchObject({ received: 11, ended: 8, in_progress: 4, rate_766: 8 / 13 - 1, on_time_rate: null });
    // The table shows both periods and the change in percentage points: 58.3 % − 100 % = −41.7.
    const table = tthc(['--db', url, '--as-of', '2026-03-10', '--lang', 'en', 'report', 'sla', '--from', '2026-02-01', '--to', '2026-03-01', '--compare-previous']).stdout;
    expect(table).toContain('Compared with: from 2026-01-01T00:00:00+07:00 to before 2026-02-01T00:00:00+07:00');
    expect(table).toMatch(/58\.3 % +│ +100\.0 % +│ +−41\.7 /);
    // CSV: previous_ and change_ columns after the row's own.
    const csv = tthc([...args.filter((a) => a !== 'json' && a !== '--format'), '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toContain(',median_minutes,previous_received,');
    expect(csv[0]!.endsWith(',change_rate_766,change_median_minutes')).toBe(true);
    // A period that is not whole months compares with the same span just before: 10 days.
    const span = JSON.parse(tthc(['--db', url, '--format', 'json', 'report', 'sla', '--from', '2026-02-11', '--to', '2026-02-21', '--compare-previous']).stdout) as { previous: { from: string; to: string } };
    expect([span.previous.from, span.previous.to]).toEqual(['2026-02-01T00:00:00+07:00', '2026-02-11T00:00:00+07:00']);
  });

  it('--format html: one page, no network, two charts and the table', () => {
    const page = tthc(['--db', url, '--as-of', '2026-03-10', 'report', 'sla', '--from', '2026-02-01', '--to', '2026-03-01', '--format', 'html']);
    expect(page.status).toBe(0);
    const h = page.stdout;
    expect(h.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(h).toContain('<html lang="vi">');
    // Self-contained: no script, no external resource; the only URL is the SVG namespace.
    expect(h).not.toMatch(/<script|<link|\bsrc=|@import|url\(/i);
    expect((h.match(/https?:\/\/[^"\s]*/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    // Two charts: on-time bars for so-xd (5/7 = 71.4 %, red: below 80 %), xa-a (100 %) and the total (75.0 %).
    expect(h.match(/<svg /g)).toHaveLength(2);
    expect(h).toContain('<title>Sở Xây dựng: 71.4 %</title>');
    expect(h).toContain('<title>Tổng cộng: 75.0 %</title>');
    // The split of so-xd's 7 ended: early 3 (43 %), on time 2 (29 %), late 2 (29 %).
    expect(h).toContain('<title>Sở Xây dựng: Trước hạn 3 (43 %)</title>');
    expect(h).toContain('<title>Sở Xây dựng: Quá hạn 2 (29 %)</title>');
    // The table, its total row, and the rate coloured by class.
    expect(h).toContain('<td class="num"><span class="bad">71.4 %</span></td>');
    expect(h).toMatch(/<tr class="total"><td class="key">Tổng cộng<\/td>/);
    outputs.set(dialect.name, { ...outputs.get(dialect.name), html: h });
  });

  it('--format html for the other reports: a page each, with their rows', () => {
    const base = ['--db', url, '--as-of', '2026-03-10T09:00', '--format', 'html', 'report'];
    const feb = ['--from', '2026-02-01', '--to', '2026-03-01'];
    const page = (args: string[]) => {
      const r = tthc([...base, ...args]);
      expect([r.status, r.stdout.slice(0, 15)]).toEqual([args.includes('--fail-on-overdue') ? 1 : 0, '<!DOCTYPE html>']);
      expect(r.stdout).not.toMatch(/<script|\u001b\[/);
      return r.stdout;
    };
    // G is late 4320 working minutes = 9 days of 480.
    const overdue = page(['overdue', '--fail-on-overdue']);
    expect(overdue).toContain('<title>Hồ sơ quá hạn</title>');
    expect(overdue).toContain('Quá hạn: 3 · Sắp quá hạn: 1 · Chưa đến hạn: 0');
    expect(overdue).toMatch(/<td class="key">000\.00\.12\.H06-260223-0001<\/td>.*<td class="num">9d<\/td>/);
    expect(page(['due-soon'])).toContain('000.00.12.H06-260309-0001');
    // Offenders: nva, 5 late steps; the dossiers joined by commas.
    expect(page(['offenders', ...feb])).toMatch(/<td class="num">5<\/td><td>000\.00\.12\.H06-260129-0001, 000\.00\.12\.H06-260202-0001, /);
    // Steps: 1.000001 return, 90th percentile 301 min = 5h 1min, over its 2h budget (no colour codes).
    expect(page(['steps', ...feb])).toContain('<td class="num">5h 1min</td>');
    // Coverage: the total row, 2 procedures, half five-on-the-spot.
    expect(page(['coverage'])).toMatch(/<tr class="total"><td class="key">Tổng cộng<\/td><td><\/td><td class="num">2<\/td>.*<td class="num">50\.0 %<\/td><\/tr>/);
  });

  it('collects every report as JSON, to compare the engines', () => {
    const base = ['--db', url, '--as-of', '2026-03-10T09:00', '--format', 'json', 'report'];
    const feb = ['--from', '2026-02-01', '--to', '2026-03-01'];
    const got: Record<string, string> = { ...outputs.get(dialect.name) };
    for (const g of ['unit', 'official', 'procedure', 'field', 'mechanism', 'level', 'step']) got[`sla-${g}`] = tthc([...base, 'sla', ...feb, '--by', g, '--compare-previous']).stdout;
    for (const r of [['overdue'], ['due-soon'], ['offenders', ...feb, '--min-late', '1'], ['steps', ...feb], ['coverage']]) got[r[0]!] = tthc([...base, ...r]).stdout;
    for (const [k, v] of Object.entries(got)) expect(v.length, k).toBeGreaterThan(20);
    outputs.set(dialect.name, got);
  });
});

describe('both engines', () => {
  // Runs when PostgreSQL is under test too (TTHC_TEST_PG, as .ci/run sets it).
  it.runIf(comparedDialects.length > 1)('give byte-identical output for every report', () => {
    const [a, b] = comparedDialects.map((x) => outputs.get(x.name)!);
    expect(Object.keys(a!).length).toBe(13);
    for (const k of Object.keys(a!)) expect(b![k], k).toBe(a![k]);
  });
});

// A second catalog: the same, with Tết 2026 closed (Mon 16/2 – Fri 20/2) and a second official,
// ttb, in so-xd. Period February 2026 again, as of 1/3 00:00.
const tetCatalog = {
  ...smallCatalog,
  'calendar.yaml': smallCatalog['calendar.yaml']! + '  - { from: 2026-02-16, to: 2026-02-20, name: Tết Nguyên đán }\n',
  'units.yaml': smallCatalog['units.yaml']! + '  - { id: ttb, name: Trần Thị B, unit: so-xd, title: Chuyên viên }\n',
};

describe.each(dialects)('$name: across Tết', (dialect) => {
  let d: Db;
  beforeAll(async () => {
    ({ d } = await withCatalog(dialect, tetCatalog));
    const ttb = (step: string, at: string): EventInput => ({ type: 'step-completed', step, at: t(at), by: 'ttb' });
    // T: Thu 12/2 09:00 (2d = 960). Receive (due 11:00) done 09:30 by nva: on time, 30 min.
    //    Supplement asked Thu 10:00, back Mon 23/2 08:00: the wait spans Tết. Left at the request
    //    960 − 60 = 900, from Mon 08:00: Mon 450 + Tue 24/2 450 (07:30–11:30, 13:30–17:00) → due
    //    Tue 17:00. Appraise (1d) from 09:30: 30 used before the wait, 450 left from Mon 08:00 →
    //    due Mon 17:30, done by ttb Mon 14:00: on time, used 30 + 210 + 30 = 270. Approve (4h)
    //    from Mon 14:00: 210 + Tue 30 → due Tue 08:00, done by ttb Mon 15:00, a day before: early,
    //    60. Return (2h) from Mon 15:00 → due Mon 17:00, done by nva Tue 08:00: late, 150 + 30 =
    //    180. The dossier ends Tue 08:00, the due day, before 17:00: on time; used 60 + 450 + 30 = 540.
    await life(d, '1.000001', '2026-02-12T09:00', [
      '2026-02-12T09:30',
      { type: 'supplement-requested', at: t('2026-02-12T10:00'), by, reason: 'Thiếu bản vẽ', items: ['Bản vẽ'] },
      { type: 'supplement-received', at: t('2026-02-23T08:00'), by },
      ttb('appraise', '2026-02-23T14:00'),
      ttb('approve', '2026-02-23T15:00'),
      ['return', '2026-02-24T08:00'],
    ]);
    // U: Fri 13/2 09:00, no wait: due Fri 390 + Mon 23/2 480 + Tue 90 = Tue 24/2 09:00 (Tết
    //    skipped; counted as working days it would have been Tue 17/2). Receive done 09:30 by
    //    nva: on time, 30. Appraise from 09:30: Fri 360 + Mon 120 → due Mon 23/2 09:30, done by ttb
    //    09:00: on time, 360 + 90 = 450. Approve from Mon 09:00 → due 15:00, done by ttb 10:00: on
    //    time, 60. Return from 10:00 → due 14:00, done by nva Tue 08:30: late, 90 + 240 + 60 = 390.
    //    The dossier ends Tue 08:30, its due day, before 09:00: on time; used 390 + 480 + 60 = 930.
    await life(d, '1.000001', '2026-02-13T09:00', ['2026-02-13T09:30', ttb('appraise', '2026-02-23T09:00'), ttb('approve', '2026-02-23T10:00'), ['return', '2026-02-24T08:30']]);
    // V: Thu 12/2 09:00, receive done 09:30 by nva (on time, 30), supplement asked 10:00 and
    //    never brought: at 1/3 in progress and, its clock stopped before its due, not overdue; its
    //    appraise step (assignee nva) likewise.
    await life(d, '1.000001', '2026-02-12T09:00', ['2026-02-12T09:30', { type: 'supplement-requested', at: t('2026-02-12T10:00'), by, reason: 'Thiếu giấy tờ', items: ['CCCD'] }]);
  });
  afterAll(async () => {
    await d.close();
    await dialect.cleanup();
  });

  it('by unit: the waits and Tết excluded from dues and working time', async () => {
    const r = await slaReport(d.db, { from, to, by: 'unit' });
    // so-xd: received T U V = 3; ended T U = 2, both on time; in progress V = 1, not overdue.
    // On-time rate 2/2; rate 766 (2 + 1 − 0) / (2 + 1) = 1; median of 540, 930 → the 1st = 540.
    expect(r.rows).toEqual([{ key: 'so-xd', name: 'Sở Xây dựng', received: 3, ended: 2, early: 0, on_time: 2, late: 0, in_progress: 1, overdue: 0, on_time_rate: 1, rate_766: 1, median_minutes: 540 }]);
  });

  it('by official: steps, each by who completed it (or its assignee while it runs)', async () => {
    const r = await slaReport(d.db, { from, to, by: 'official' });
    // nva: T, U, V receive (on time, 30 each), T return (late, 180), U return (late, 390), V
    // appraise running (assignee): started 6, ended 5 (on time 3, late 2), in progress 1, not
    // overdue. On-time rate 3/5; rate 766 (3 + 1 − 0) / (5 + 1) = 2/3; median of 30 30 30 180 390
    // → the 3rd = 30.
    const nva = { key: 'nva', name: 'Nguyễn Văn A', received: 6, ended: 5, early: 0, on_time: 3, late: 2, in_progress: 1, overdue: 0, on_time_rate: 3 / 5, rate_766: 2 / 3, median_minutes: 30 };
    // ttb: T appraise (on time, 270), T approve (early, 60), U appraise (on time, 450), U approve
    // (on time, 60): 4 started and ended, early 1, on time 3; median of 60 60 270 450 → 2nd = 60.
    const ttb = { key: 'ttb', name: 'Trần Thị B', received: 4, ended: 4, early: 1, on_time: 3, late: 0, in_progress: 0, overdue: 0, on_time_rate: 1, rate_766: 1, median_minutes: 60 };
    expect(r.rows).toEqual([nva, ttb]);
    // Total: 10 started, 9 ended (early 1, on time 6, late 2), 1 in progress; on-time rate 7/9;
    // rate 766 (7 + 1) / (9 + 1) = 0.8; median of 30 30 30 60 60 180 270 390 450 → the 5th = 60.
    expect(r.total).toEqual({ key: '', name: '', received: 10, ended: 9, early: 1, on_time: 6, late: 2, in_progress: 1, overdue: 0, on_time_rate: 7 / 9, rate_766: 0.8, median_minutes: 60 });
  });
});
