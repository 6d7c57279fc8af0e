import { describe, expect, it } from 'vitest';
import { fixedOffsetZones, localDate, parseInstant, unsupportedYear, zoneOffsetMinutes } from '../../src/calendar/zone.js';

const hcm = 'Asia/Ho_Chi_Minh';

describe('parseInstant', () => {
  it.each([
    // Vietnam is UTC+7 all year: local 09:00 is 02:00 UTC.
    ['2026-01-05T09:00', '2026-01-05T02:00:00.000Z'],
    ['2026-01-05 09:00:30', '2026-01-05T02:00:30.000Z'],
    // A date alone is 00:00 local = 17:00 UTC the day before.
    ['2026-03-31', '2026-03-30T17:00:00.000Z'],
    ['2026-01-05T09:00:00+07:00', '2026-01-05T02:00:00.000Z'],
    ['2026-01-05T09:00:00Z', '2026-01-05T09:00:00.000Z'],
    ['2026-01-05T09:00:00-0500', '2026-01-05T14:00:00.000Z'],
    ['2026-01-05T09:00:00.250+07:00', '2026-01-05T02:00:00.250Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseInstant(text, hcm)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-01-05T24:00', '2026-01-05T09:60', 'yesterday', '2026-01-05T09:00+15:00', ''])('refuses %j', (t) => {
    expect(parseInstant(t, hcm)).toBeUndefined();
  });

  it('uses the zone given, not the machine’s', () => {
    // New York in January is UTC-5: local 09:00 is 14:00 UTC.
    expect(parseInstant('2026-01-05T09:00', 'America/New_York')?.toISOString()).toBe('2026-01-05T14:00:00.000Z');
    // In July it is UTC-4 (daylight saving): 09:00 local is 13:00 UTC.
    expect(parseInstant('2026-07-06T09:00', 'America/New_York')?.toISOString()).toBe('2026-07-06T13:00:00.000Z');
  });
});

describe('zone helpers', () => {
  it('offset and local date', () => {
    expect(zoneOffsetMinutes(new Date('2026-06-01T00:00:00Z'), hcm)).toBe(420);
    // 2026-03-30T17:30Z is 00:30 on the 31st in Vietnam.
    expect(localDate(new Date('2026-03-30T17:30:00Z'), hcm)).toBe('2026-03-31');
  });
});

describe('zones answered without Intl', () => {
  // The tz database behind Intl is the reference: the shortcut must agree with it everywhere it
  // is used. Every 997th hour from 1976 to 2100, plus both sides of each new year in Vietnam.
  const instants: Date[] = [];
  for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2100, 0, 1); t += 997 * 3_600_000) instants.push(new Date(t));
  for (let y = 1976; y < 2100; y += 1) instants.push(new Date(Date.UTC(y, 0, 1) - 7 * 3_600_000 - 1), new Date(Date.UTC(y, 0, 1) - 7 * 3_600_000));
  const viaIntl = (instant: Date, timeZone: string): { offset: number; date: string } => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
        .formatToParts(instant)
        .map((x) => [x.type, Number(x.value)]),
    ) as Record<string, number>;
    const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
    const date = `${String(p['year']).padStart(4, '0')}-${String(p['month']).padStart(2, '0')}-${String(p['day']).padStart(2, '0')}`;
    return { offset: Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000), date };
  };

  it.each(Object.keys(fixedOffsetZones))('%s agrees with Intl, 1976–2100', (zone) => {
    for (const t of instants) {
      const want = viaIntl(t, zone);
      expect([zoneOffsetMinutes(t, zone), localDate(t, zone)]).toEqual([want.offset, want.date]);
    }
  });

  it('before 1976 Intl answers: Saigon was UTC+8 in 1970', () => {
    // tzdata: Asia/Ho_Chi_Minh kept +08 from 1959 until 13 June 1975.
    expect(zoneOffsetMinutes(new Date('1970-06-01T00:00:00Z'), hcm)).toBe(480);
  });
});

describe('unsupportedYear', () => {
  it.each([
    ['0001-01-01', 1],
    ['0000-01-01T00:00:00Z', 0],
    ['1900-12-31T23:59:59+07:00', 1900],
    ['1901-01-01', undefined],
    ['2026-01-05T09:00', undefined],
    ['9999-12-31', undefined],
    ['not a date', undefined],
  ])('%s → %s', (text, year) => {
    expect(unsupportedYear(text)).toBe(year);
  });
});
