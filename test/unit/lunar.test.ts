import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fromJulianDayNumber,
  julianDayNumber,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  type SolarDate,
} from '../../src/calendar/lunar.js';

interface Row {
  year: number;
  tet: string;
  hung_kings: string;
}
interface Table {
  source: string;
  rows: Row[];
}

// Both tables are transcribed from a published source (see their "source"), never computed here.
const load = (name: string): Table => JSON.parse(readFileSync(new URL(`../fixtures/lunar/${name}`, import.meta.url), 'utf8')) as Table;
const vietnam = load('tet-hung-kings.json');
const china = load('chinese-new-year.json');

function solar(text: string): SolarDate {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year ?? NaN, month: month ?? NaN, day: day ?? NaN };
}

function plusDays(d: SolarDate, n: number): SolarDate {
  return fromJulianDayNumber(julianDayNumber(d) + n);
}

describe('the published tables', () => {
  it('cover at least 1985–2050 and hold the mandatory anchors', () => {
    const years = new Set(vietnam.rows.map((r) => r.year));
    for (let y = 1985; y <= 2050; y++) expect(years.has(y), `year ${y}`).toBe(true);
    const row = (y: number) => vietnam.rows.find((r) => r.year === y);
    expect(row(1985)?.tet).toBe('1985-01-21');
    expect(row(2007)?.tet).toBe('2007-02-17');
    expect(row(2026)?.tet).toBe('2026-02-17');
    expect(row(2026)?.hung_kings).toBe('2026-04-26');
    expect(vietnam.source).toMatch(/https:\/\//);
  });

  it.each(vietnam.rows)('Vietnam $year: Tết $tet, Giỗ Tổ $hung_kings', (row) => {
    expect(lunarToSolar({ year: row.year, month: 1, day: 1 })).toEqual(solar(row.tet));
    expect(solarToLunar(solar(row.tet))).toEqual({ year: row.year, month: 1, day: 1, leap: false });
    expect(lunarToSolar({ year: row.year, month: 3, day: 10 })).toEqual(solar(row.hung_kings));
    expect(solarToLunar(solar(row.hung_kings))).toEqual({ year: row.year, month: 3, day: 10, leap: false });
    // The eve of Tết is the last day (29 or 30) of month 12, possibly a leap 12, of the year before.
    const eve = solarToLunar(plusDays(solar(row.tet), -1));
    expect(eve.year).toBe(row.year - 1);
    expect(eve.month).toBe(12);
    expect([29, 30]).toContain(eve.day);
    expect(lunarMonthLength({ year: row.year - 1, month: 12, leap: eve.leap })).toBe(eve.day);
  });

  it.each(china.rows)('China (UTC+8) $year: new year $tet, 10/3 $hung_kings', (row) => {
    expect(lunarToSolar({ year: row.year, month: 1, day: 1 }, 8)).toEqual(solar(row.tet));
    expect(lunarToSolar({ year: row.year, month: 3, day: 10 }, 8)).toEqual(solar(row.hung_kings));
    expect(solarToLunar(solar(row.tet), 8)).toEqual({ year: row.year, month: 1, day: 1, leap: false });
  });
});

describe('Vietnam (UTC+7) against China (UTC+8)', () => {
  it('puts Tết 1985 a month apart: 21 January in Vietnam, 20 February in China', () => {
    expect(lunarToSolar({ year: 1985, month: 1, day: 1 })).toEqual({ year: 1985, month: 1, day: 21 });
    expect(lunarToSolar({ year: 1985, month: 1, day: 1 }, 8)).toEqual({ year: 1985, month: 2, day: 20 });
    expect(solarToLunar({ year: 1985, month: 1, day: 21 }, 8)).not.toEqual(solarToLunar({ year: 1985, month: 1, day: 21 }, 7));
  });

  it('puts Tết 2007 a day apart: 17 February in Vietnam, 18 February in China', () => {
    expect(lunarToSolar({ year: 2007, month: 1, day: 1 })).toEqual({ year: 2007, month: 2, day: 17 });
    expect(lunarToSolar({ year: 2007, month: 1, day: 1 }, 8)).toEqual({ year: 2007, month: 2, day: 18 });
    expect(solarToLunar({ year: 2007, month: 2, day: 17 }, 8)).toEqual({ year: 2006, month: 12, day: 30, leap: false });
  });
});

describe('leap months and dates that do not exist', () => {
  // Widely published: năm Canh Tý 2020 nhuận tháng 4, Quý Mão 2023 nhuận tháng 2,
  // Ất Tỵ 2025 nhuận tháng 6; Giáp Thìn 2024 and Bính Ngọ 2026 have no leap month.
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2024, undefined],
    [2026, undefined],
  ])('lunar year %i has leap month %s', (year, leap) => {
    expect(leapMonthOf(year)).toBe(leap);
  });

  it('refuses a leap month the year lacks, and finds the one it has', () => {
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeUndefined();
    expect(lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toBeUndefined();
    const leap6 = lunarToSolar({ year: 2025, month: 6, day: 1, leap: true });
    const plain6 = lunarToSolar({ year: 2025, month: 6, day: 1 });
    expect(leap6).toBeDefined();
    expect(plain6).toBeDefined();
    // The leap month follows the ordinary month of the same number.
    const gap = julianDayNumber(leap6!) - julianDayNumber(plain6!);
    expect([29, 30]).toContain(gap);
    expect(solarToLunar(leap6!)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it('refuses day 30 of a 29-day month', () => {
    // The 2026 holiday plan runs from 14/2 = 27 tháng Chạp to 22/2 = mùng 6 tháng Giêng, and Tết
    // is 17/2: so 16/2 is 29 tháng Chạp and month 12 of Ất Tỵ has 29 days.
    expect(lunarToSolar({ year: 2025, month: 12, day: 29 })).toEqual({ year: 2026, month: 2, day: 16 });
    expect(lunarToSolar({ year: 2025, month: 12, day: 27 })).toEqual({ year: 2026, month: 2, day: 14 });
    expect(lunarToSolar({ year: 2026, month: 1, day: 6 })).toEqual({ year: 2026, month: 2, day: 22 });
    expect(lunarMonthLength({ year: 2025, month: 12 })).toBe(29);
    expect(lunarToSolar({ year: 2025, month: 12, day: 30 })).toBeUndefined();
  });

  it('refuses months and days out of range, and impossible solar dates', () => {
    expect(lunarToSolar({ year: 2026, month: 13, day: 1 })).toBeUndefined();
    expect(lunarToSolar({ year: 2026, month: 0, day: 1 })).toBeUndefined();
    expect(lunarToSolar({ year: 2026, month: 1, day: 0 })).toBeUndefined();
    expect(lunarToSolar({ year: 2026, month: 1, day: 31 })).toBeUndefined();
    expect(lunarToSolar({ year: 2026, month: 1.5, day: 1 })).toBeUndefined();
    expect(lunarMonthLength({ year: 2026, month: 2, leap: true })).toBeUndefined();
    expect(() => solarToLunar({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 2026, month: 2, day: 1 }, 24)).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2026, month: 1, day: 1 }, Number.NaN)).toThrow(RangeError);
  });
});

describe('every day of 1900–2100', () => {
  it('goes solar → lunar → solar unchanged, and the lunar days run in order', () => {
    const first = julianDayNumber({ year: 1900, month: 1, day: 1 });
    const last = julianDayNumber({ year: 2100, month: 12, day: 31 });
    let prev = solarToLunar(fromJulianDayNumber(first));
    let monthsInYear = 0;
    const problems: string[] = [];
    for (let jdn = first + 1; jdn <= last; jdn++) {
      const d = fromJulianDayNumber(jdn);
      const l = solarToLunar(d);
      const back = lunarToSolar(l);
      if (!back || julianDayNumber(back) !== jdn) problems.push(`${JSON.stringify(d)} → ${JSON.stringify(l)} → ${JSON.stringify(back)}`);
      if (l.day === 1) {
        // A new month follows day 29 or 30 of the previous one.
        if (prev.day !== 29 && prev.day !== 30) problems.push(`month before ${JSON.stringify(l)} ended on day ${prev.day}`);
        const expected = l.leap ? prev.month : (prev.month % 12) + 1;
        if (l.month !== expected || (l.leap && prev.leap)) problems.push(`month ${JSON.stringify(l)} after ${JSON.stringify(prev)}`);
        if (l.month === 1 && !l.leap) {
          if (l.year !== prev.year + 1) problems.push(`year ${l.year} after ${prev.year}`);
          if (monthsInYear !== 0 && monthsInYear !== 12 && monthsInYear !== 13) problems.push(`lunar year ${prev.year} had ${monthsInYear} months`);
          monthsInYear = 0;
        }
        monthsInYear++;
      } else if (l.day !== prev.day + 1 || l.month !== prev.month || l.leap !== prev.leap || l.year !== prev.year) {
        problems.push(`${JSON.stringify(l)} after ${JSON.stringify(prev)}`);
      }
      prev = l;
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('finds 29 or 30 days in every month and a leap month only in 13-month years', () => {
    for (let year = 1900; year <= 2099; year++) {
      const leap = leapMonthOf(year);
      for (let month = 1; month <= 12; month++) {
        expect([29, 30]).toContain(lunarMonthLength({ year, month }));
        expect(lunarMonthLength({ year, month, leap: true }) !== undefined).toBe(leap === month);
      }
      const days = julianDayNumber(lunarToSolar({ year: year + 1, month: 1, day: 1 })!) - julianDayNumber(lunarToSolar({ year, month: 1, day: 1 })!);
      expect(leap === undefined ? [353, 354, 355] : [383, 384, 385]).toContain(days);
    }
  });
});
