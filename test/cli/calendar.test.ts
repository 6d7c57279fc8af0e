// `tthc calendar …` as users run it. The calendar is the small one of test/helpers/cli.ts:
// Mon–Fri 07:30–11:30 and 13:30–17:30 (8 h), Asia/Ho_Chi_Minh, 1/1/2026 a holiday, no cut-off.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

const one = tempCatalog({ ...smallCatalog });
const two = tempCatalog({
  ...smallCatalog,
  'calendar-b.yaml': smallCatalog['calendar.yaml']!.replace('id: vn', 'id: vn-b'),
  // With two calendars, procedures must say which they use.
  'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('time_limit: 2d', 'calendar: vn\ntime_limit: 2d'),
  'procedures/2.000002.yaml': smallCatalog['procedures/2.000002.yaml']!.replace('time_limit: 4h', 'calendar: vn\ntime_limit: 4h'),
});
const run = (cwd: string, ...args: string[]) => tthc(['--catalog', '.', ...args], { cwd });
const json = (cwd: string, ...args: string[]) => JSON.parse(run(cwd, ...args, '--format', 'json').stdout);

describe('tthc calendar due', () => {
  it('working days, with the pinned JSON shape', () => {
    // Mon 5/1 09:00 + 3d (1440): three full working days later, Thu 8/1 09:00.
    expect(json(one, 'calendar', 'due', '2026-01-05T09:00', '3d')).toEqual({
      from: '2026-01-05T09:00:00+07:00',
      duration: '3d',
      minutes: 1440,
      due: '2026-01-08T09:00:00+07:00',
    });
  });

  it('over the holiday, from an instant with an offset', () => {
    // 2025-12-31 08:30Z is 15:30 in Vietnam: 120 left that day; 1/1 holiday, 2/1 Fri 480 (600);
    // 3–4/1 weekend; 1d = 480 is reached on Fri 2/1 at 07:30 + 360 = 15:30.
    expect(json(one, 'calendar', 'due', '2025-12-31T08:30:00Z', '1d').due).toBe('2026-01-02T15:30:00+07:00');
  });

  it('calendar days follow the Civil Code rule, minutes null', () => {
    // Fri 6/3 + 2 = Sun 8/3: the end of Mon 9/3, 17:30.
    expect(json(one, 'calendar', 'due', '2026-03-06T10:00', '2cd')).toEqual({
      from: '2026-03-06T10:00:00+07:00',
      duration: '2cd',
      minutes: null,
      due: '2026-03-09T17:30:00+07:00',
    });
  });

  it('prints Vietnamese labels by default', () => {
    const r = run(one, 'calendar', 'due', '2026-01-05T09:00', '3d');
    expect(r.stdout).toContain('Hạn');
    expect(r.stdout).toContain('2026-01-08T09:00:00+07:00 (thứ Năm)');
    expect(r.status).toBe(0);
  });

  it('gives the same answer whatever the machine’s time zone', () => {
    const outs = ['UTC', 'Asia/Ho_Chi_Minh', 'America/New_York'].map(
      (TZ) => tthc(['--catalog', '.', 'calendar', 'due', '2026-02-13T15:30', '1d', '--format', 'json'], { cwd: one, env: { TZ } }).stdout,
    );
    expect(new Set(outs).size).toBe(1);
    // Fri 13/2 15:30–17:30 = 120; 360 left on Mon 16/2 (no Tết in this calendar): 07:30 + 240
    // = 11:30, 120 from 13:30 → 15:30.
    expect(JSON.parse(outs[0]!).due).toBe('2026-02-16T15:30:00+07:00');
  });
});

describe('tthc calendar between', () => {
  it('working minutes across lunch', () => {
    // 11:00–11:30 (30) + 13:30–14:00 (30) = 60.
    expect(json(one, 'calendar', 'between', '2026-01-05T11:00', '2026-01-05T14:00')).toEqual({
      from: '2026-01-05T11:00:00+07:00',
      to: '2026-01-05T14:00:00+07:00',
      minutes: 60,
      duration: '1h',
    });
  });

  it('days, hours and minutes', () => {
    // Mon 5/1 09:00 → Thu 8/1 16:15: 390 + 480 + 480 + (240 + 165) = 1755;
    // 1755 - 3 × 480 = 315 = 5h 15min.
    const r = json(one, 'calendar', 'between', '2026-01-05T09:00', '2026-01-08T16:15');
    expect(r.minutes).toBe(1755);
    expect(r.duration).toBe('3d 5h 15min');
  });
});

describe('tthc calendar show', () => {
  it('json: totals, closed and make-up days', () => {
    const v = json(one, 'calendar', 'show', '2026');
    // 2026 has 365 days starting on a Thursday: 52 weeks (260 weekdays) + Thu 31/12 = 261
    // weekdays; minus the holiday Thu 1/1 = 260 working days × 480 = 124,800 minutes.
    expect(v.working_days).toBe(260);
    expect(v.working_minutes).toBe(124800);
    expect(v.closed).toEqual([{ date: '2026-01-01', name: 'Tết Dương lịch' }]);
    expect(v.make_up).toEqual([]);
    expect(v.days).toHaveLength(365);
  });

  it('draws month grids', () => {
    const r = run(one, 'calendar', 'show', '2026', '--lang', 'en');
    expect(r.stdout).toContain('January 2026');
    expect(r.stdout).toContain('Mo Tu We Th Fr Sa Su');
    expect(r.stdout).toContain('260 working days, 2080 hours');
  });
});

describe('bad input exits 2 with one line', () => {
  it.each([
    [[one, 'calendar', 'due', '2026-13-01', '1d'], /^tthc: FROM "2026-13-01" is not a date or time in ISO 8601/],
    // A leading dash reads as an option; after "--" it reaches the duration check.
    [[one, 'calendar', 'due', '2026-01-05', '-1d'], /^tthc: unknown option '-1d'/],
    [[one, 'calendar', 'due', '2026-01-05', '--', '-1d'], /^tthc: DURATION "-1d" is not a duration/],
    [[one, 'calendar', 'due', '2026-01-05', '3 days'], /^tthc: DURATION "3 days" is not a duration/],
    [[one, 'calendar', 'due', '2026-01-05', '1.5cd'], /^tthc: DURATION "1.5cd": calendar days must be whole/],
    [[one, 'calendar', 'between', '2026-01-05', '2026-02-30'], /^tthc: TO "2026-02-30" is not a date/],
    [[one, 'calendar', 'show', '20x6'], /^tthc: YEAR "20x6" must be a year from 1900 to 2200/],
    [[one, 'calendar', 'due', '2026-01-05', '1d', '--calendar', 'vm'], /^tthc: no calendar "vm" in the catalog \(it has: vn\); did you mean "vn"\?/],
    [[two, 'calendar', 'due', '2026-01-05', '1d'], /^tthc: the catalog has 2 calendars \(vn, vn-b\); choose one with --calendar/],
  ])('%j', ([cwd, ...args], pattern) => {
    const r = run(cwd as string, ...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--calendar picks one of several', () => {
    expect(json(two, 'calendar', 'due', '2026-01-05T09:00', '1h', '--calendar', 'vn-b').due).toBe('2026-01-05T10:00:00+07:00');
  });
});

describe('tthc calendar generate', () => {
  it('prints a draft that validates and says it is a draft', () => {
    const r = tthc(['calendar', 'generate', '2026']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=\S*schemas\/calendar\.schema\.json\n/);
    expect(r.stdout).toContain('DRAFT');
    // Giỗ Tổ 10/3 lunar is Sunday 26/4/2026: the draft closes it and Monday 27/4.
    expect(r.stdout).toMatch(/date: 2026-04-26/);
    expect(r.stdout).toMatch(/date: 2026-04-27/);
    const dir = tempCatalog({ 'cal.yaml': r.stdout });
    expect(tthc(['validate', 'cal.yaml', '--strict'], { cwd: dir }).status).toBe(0);
  });

  it('writes --out whole, with a modeline that reaches the schema, and never overwrites without --force', () => {
    const dir = tempCatalog({});
    expect(tthc(['calendar', 'generate', '2027', '--out', 'sub/../cal.yaml'], { cwd: dir }).status).toBe(0);
    const first = readFileSync(join(dir, 'cal.yaml'), 'utf8').split('\n')[0]!;
    const schema = first.replace('# yaml-language-server: $schema=', '');
    expect(JSON.parse(readFileSync(join(dir, schema), 'utf8')).$id).toBe('urn:tthc:schema:calendar');
    const again = tthc(['calendar', 'generate', '2027', '--out', 'cal.yaml'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toBe('tthc: cal.yaml exists; use --force to overwrite it\n');
    expect(tthc(['calendar', 'generate', '2027', '--out', 'cal.yaml', '--force'], { cwd: dir }).status).toBe(0);
    const missing = tthc(['calendar', 'generate', '2027', '--out', 'no/such/dir/cal.yaml'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('tthc: cannot write no/such/dir/cal.yaml: no such folder\n');
  });

  it('refuses a year outside 1900–2100', () => {
    const r = tthc(['calendar', 'generate', '2101']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tthc: YEAR "2101" must be a year from 1900 to 2100\n');
  });
});

describe('a year the calendar has not filled in', () => {
  it('is said on stderr, and the answer still counts weekdays', () => {
    // The small calendar lists a holiday only in 2026. Mon 1/3/2027 09:00 + 1d = Tue 2/3 09:00.
    const r = run(one, 'calendar', 'due', '2027-03-01T09:00', '1d', '--format', 'json', '--lang', 'en');
    expect(JSON.parse(r.stdout).due).toBe('2027-03-02T09:00:00+07:00');
    expect(r.stderr).toBe('note: calendar "vn" lists no holiday in 2027; deadlines there count every working weekday (tthc calendar generate 2027 drafts one)\n');
    expect(run(one, 'calendar', 'due', '2026-03-02T09:00', '1d').stderr).toBe('');
  });
});
