import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { draftCalendar, draftCalendarYaml, type DraftHoliday } from '../../src/calendar/draft.js';
import { validateCatalog } from '../../src/catalog/validate.js';

/** [from, to] of a holiday entry, as dates YYYY-MM-DD. */
function span(h: DraftHoliday): [string, string] {
  return h.date !== undefined ? [h.date, h.date] : [h.from ?? '', h.to ?? ''];
}

function dates(year: number): string[] {
  return draftCalendar(year).holidays.map((h) => (h.date !== undefined ? h.date : `${h.from}..${h.to}`));
}

describe('draftCalendar 2026 (worked by hand)', () => {
  // Weekdays of 2026: 1/1/2025 was a Wednesday and 2025 has 365 days = 52 weeks + 1, so 1/1/2026
  // is a Thursday. Day n of the year is (n − 1) mod 7 days after a Thursday.
  //   17/2 = day 31 + 17 = 48 → 47 = 6·7 + 5 → Tuesday. Tết (mùng 1) is 17/2 (published table);
  //     the government's 2026 plan counts 14/2 as 27 tháng Chạp, so 16/2 (Monday) is 29 Chạp, the
  //     last day of Ất Tỵ. Five days 16/2–20/2 = Monday–Friday: none on a weekend, no compensation.
  //   26/4 = day 31 + 28 + 31 + 26 = 116 → 115 = 16·7 + 3 → Sunday: Giỗ Tổ (10/3, published
  //     table) falls on a Sunday, so Monday 27/4 is its compensatory day.
  //   30/4 = day 120 → 119 = 17·7 → Thursday; 1/5 → Friday: no compensation.
  //   2/9 = day 243 + 2 = 245 → 244 = 34·7 + 6 → Wednesday: neither neighbour joins a weekend, and
  //     the rule takes the day before, Tuesday 1/9.
  const cal = draftCalendar(2026);

  it('has the holidays of the Labour Code with 2026 dates', () => {
    expect(cal.holidays.map(span)).toEqual([
      ['2026-01-01', '2026-01-01'],
      ['2026-02-16', '2026-02-20'],
      ['2026-04-26', '2026-04-26'],
      ['2026-04-27', '2026-04-27'],
      ['2026-04-30', '2026-04-30'],
      ['2026-05-01', '2026-05-01'],
      ['2026-09-01', '2026-09-01'],
      ['2026-09-02', '2026-09-02'],
    ]);
    expect(cal.holidays[1]).toMatchObject({ from: '2026-02-16', to: '2026-02-20' });
    expect(cal.holidays[1]?.name).toBe('Tết Nguyên Đán Bính Ngọ (từ 29 tháng Chạp năm Ất Tỵ đến mùng 4 tháng Giêng)');
    expect(cal.holidays[2]?.name).toMatch(/^Giỗ Tổ Hùng Vương/);
    expect(cal.holidays[3]?.name).toMatch(/^Nghỉ bù Giỗ Tổ Hùng Vương/);
    expect(cal.holidays[6]?.name).toMatch(/Quốc khánh.*liền kề/);
  });

  it('has the document fields and the defaults', () => {
    expect(cal).toMatchObject({ kind: 'calendar', id: 'vn-2026', timezone: 'Asia/Ho_Chi_Minh', working_days: [] });
    expect(cal.week).toEqual({
      mon: ['07:30-11:30', '13:30-17:00'],
      tue: ['07:30-11:30', '13:30-17:00'],
      wed: ['07:30-11:30', '13:30-17:00'],
      thu: ['07:30-11:30', '13:30-17:00'],
      fri: ['07:30-11:30', '13:30-17:00'],
    });
    expect(cal).not.toHaveProperty('day');
    expect(cal.description).toMatch(/BẢN NHÁP/);
    for (const h of cal.holidays) expect(h.source.length).toBeGreaterThan(0);
  });

  it('takes the options', () => {
    const other = draftCalendar(2026, { id: 'bn-2026', timezone: 'Asia/Bangkok', hours: ['07:00-11:30', '13:30-17:00'] });
    expect(other.id).toBe('bn-2026');
    expect(other.timezone).toBe('Asia/Bangkok');
    expect(other.week.fri).toEqual(['07:00-11:30', '13:30-17:00']);
  });
});

describe('draftCalendar 2027 (worked by hand)', () => {
  // 2026 has 365 days, so 1/1/2027 is a Friday (Thursday + 1).
  //   Tết 6/2 (published table) = day 37 → 36 = 5·7 + 1 → Saturday. Five days 5/2–9/2 =
  //     Friday, Saturday, Sunday, Monday, Tuesday: two on the weekend → compensatory days on the
  //     next working days after the break, Wednesday 10/2 and Thursday 11/2.
  //   16/4 = day 90 + 16 = 106 → 105 = 15·7 → Friday: Giỗ Tổ (published table) on a workday.
  //   30/4 = day 120 → 119 = 17·7 → Friday; 1/5 → Saturday → compensatory Monday 3/5.
  //   2/9 = day 245 → 244 = 34·7 + 6 → Thursday → the day after, Friday 3/9, joins the weekend.
  it('compensates the weekend days of Tết and 1/5', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-05..2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
    ]);
    const names = draftCalendar(2027).holidays.map((h) => h.name);
    expect(names.filter((n) => n.startsWith('Nghỉ bù Tết Nguyên Đán'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('Nghỉ bù Ngày Quốc tế Lao động'))).toHaveLength(1);
  });
});

describe('draftCalendar 2023 (worked by hand; matches the announced plan outside Tết)', () => {
  // 1/1/2023 is a Sunday → compensatory Monday 2/1 (as announced for 2023).
  //   Tết 22/1 (Sunday; published table); the eve 21/1 is 30 tháng Chạp (Saturday). Five days
  //     21/1–25/1 = Saturday … Wednesday: two weekend days → Thursday 26/1 and Friday 27/1.
  //     (The 2023 plan itself closed 20/1–26/1: the government moves the range; the draft does not.)
  //   Giỗ Tổ 29/4 (published table) = day 119 → 118 = 16·7 + 6 → Saturday; 30/4 Sunday; 1/5 Monday.
  //     Both weekend holidays are owed: Tuesday 2/5 (Giỗ Tổ) and Wednesday 3/5 (30/4), as announced.
  //   2/9 = day 245 → 244 = 34·7 + 6 → Saturday → the day before, Friday 1/9, plus compensatory
  //     Monday 4/9 for 2/9, as announced.
  it('compensates 1/1, Tết, Giỗ Tổ, 30/4 and 2/9', () => {
    expect(dates(2023)).toEqual([
      '2023-01-01',
      '2023-01-02',
      '2023-01-21..2023-01-25',
      '2023-01-26',
      '2023-01-27',
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      '2023-09-01',
      '2023-09-02',
      '2023-09-04',
    ]);
    expect(draftCalendar(2023).holidays[2]?.name).toMatch(/từ 30 tháng Chạp năm Nhâm Dần/);
  });
});

describe('the day beside Quốc khánh', () => {
  // Weekday of 2/9 → the adjacent day the rule takes (2022 Friday → 1/9, 2024 Monday → 3/9,
  // 2025 Tuesday → 1/9, as announced in those years; 2021 Thursday → 3/9 as announced too).
  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
    [2030, '2030-09-03'], // 2/9/2030 is a Monday
    [2029, '2029-09-03'], // 2/9/2029 is a Sunday → 3/9 Monday, and 2/9 owes Tuesday 4/9
  ])('%i → %s', (year, day) => {
    expect(dates(year)).toContain(day);
    expect(dates(year)).toContain(`${year}-09-02`);
  });

  it('owes a day for 2/9 on a Sunday', () => {
    expect(dates(2029).filter((d) => d.startsWith('2029-09'))).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
  });
});

describe('every draft year', () => {
  const table = JSON.parse(readFileSync(new URL('../fixtures/lunar/tet-hung-kings.json', import.meta.url), 'utf8')) as {
    rows: { year: number; tet: string; hung_kings: string }[];
  };

  it('is sorted, never overlaps, and puts Tết and Giỗ Tổ where the published table does', () => {
    for (const row of table.rows) {
      const cal = draftCalendar(row.year);
      const spans = cal.holidays.map(span);
      for (const [i, [from, to]] of spans.entries()) {
        expect(from <= to, `${row.year} ${from}..${to}`).toBe(true);
        const next = spans[i + 1];
        if (next) expect(to < next[0], `${row.year}: ${to} before ${next[0]}`).toBe(true);
      }
      const tet = cal.holidays.find((h) => h.from !== undefined);
      // The range ends on mùng 4: 3 days after Tết.
      const tetDay = new Date(`${row.tet}T00:00:00Z`).getTime();
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      expect(tet?.from).toBe(iso(tetDay - 86_400_000));
      expect(tet?.to).toBe(iso(tetDay + 3 * 86_400_000));
      expect(spans.some(([from]) => from === row.hung_kings)).toBe(true);
    }
  });

  it('refuses years it cannot compute and malformed options', () => {
    expect(() => draftCalendar(1899)).toThrow(RangeError);
    expect(() => draftCalendar(2026.5)).toThrow(RangeError);
    expect(() => draftCalendar(2026, { hours: ['7:30-11:30'] })).toThrow(RangeError);
    expect(() => draftCalendar(2026, { id: 'vn 2026' })).toThrow(RangeError);
    expect(() => draftCalendarYaml(2026, { schemaPath: 'a\nb' })).toThrow(RangeError);
  });
});

describe('draftCalendarYaml', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tthc-draft-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const schema = JSON.parse(readFileSync(new URL('../../schemas/calendar.schema.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020, f: string[]) => void;
  addFormats(ajv, ['date']);
  const validate = ajv.compile(schema);

  it('starts with the modeline and the DRAFT warning', () => {
    const text = draftCalendarYaml(2026);
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=schemas/calendar.schema.json');
    const header = lines.slice(0, lines.findIndex((l) => l.startsWith('kind:')));
    expect(header.every((l) => l.startsWith('#'))).toBe(true);
    expect(header.join('\n')).toMatch(/BẢN NHÁP — DRAFT/);
    expect(header.join('\n')).toMatch(/Điều 112/);
    expect(header.join('\n')).toMatch(/thông báo\s+# chính thức năm 2026|thông báo chính thức năm 2026/);
    expect(header.join('\n')).toMatch(/Quốc khánh/);
    expect(draftCalendarYaml(2026, { schemaPath: '../schemas/calendar.schema.json' }).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schemas/calendar.schema.json',
    );
  });

  it.each([2026, 2027, 2023, 2029, 1985, 2100])('%i parses back to the draft and fits the schema', (year) => {
    const text = draftCalendarYaml(year);
    const data = parse(text) as unknown;
    expect(data).toEqual(draftCalendar(year));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    // One flow mapping per holiday.
    expect(text.split('\n').filter((l) => l.startsWith('  - { ')).length).toBe(draftCalendar(year).holidays.length);
  });

  it('passes tthc validate with no finding at all', () => {
    writeFileSync(join(tmp, 'calendar-2026.yaml'), draftCalendarYaml(2026, { schemaPath: '../schemas/calendar.schema.json' }));
    const { findings } = validateCatalog({ paths: [tmp], cwd: tmp, asOf: new Date('2026-01-01T00:00:00Z') });
    expect(findings).toEqual([]);
  });
});
