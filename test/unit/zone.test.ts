import { describe, expect, it } from 'vitest';
import { localDate, parseInstant, zoneOffsetMinutes } from '../../src/calendar/zone.js';

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
