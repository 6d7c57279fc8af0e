import { describe, expect, it } from 'vitest';
import { formatMinutes, isWholeMinutes, parseDuration, workingMinutes } from '../../src/calendar/duration.js';
import { dayMinutes, parseDayHours, parseHourRange } from '../../src/calendar/hours.js';

describe('parseDuration / workingMinutes', () => {
  // With an 8-hour day (480 min): 3d = 3*480 = 1440; 0.5d = 240; 4h = 240; 1.5h = 90; 0h = 0.
  it.each([
    ['3d', 480, 1440],
    ['0.5d', 480, 240],
    ['4h', 480, 240],
    ['1.5h', 480, 90],
    ['0h', 480, 0],
    // A 7.5-hour day (450 min): 2d = 900.
    ['2d', 450, 900],
  ])('%s with a %i-minute day is %i working minutes', (text, day, minutes) => {
    expect(workingMinutes(parseDuration(text)!, day)).toBe(minutes);
  });

  it('calendar days are not working time', () => {
    expect(parseDuration('15cd')).toEqual({ amount: 15, unit: 'cd' });
    expect(workingMinutes(parseDuration('15cd')!, 480)).toBeUndefined();
  });

  it.each(['', '3', 'd', '3 d', '-1d', '1.d', '.5d', '3w', '3dd', '1e3h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [480, 480, '1d'],
    [1200, 480, '2.5d'], // 1200/480 = 2.5
    [240, 480, '4h'], // less than a day: hours
    [90, 480, '1.5h'],
    [50, 480, '50min'], // 50/60 is not a quarter hour
  ])('formats %i minutes (day %i) as %s', (m, day, text) => {
    expect(formatMinutes(m, day)).toBe(text);
  });
});

describe('hour ranges', () => {
  it('reads a range as minutes of the day', () => {
    // 07:30 = 7*60+30 = 450; 11:30 = 690.
    expect(parseHourRange('07:30-11:30')).toEqual({ start: 450, end: 690 });
    expect(parseHourRange('13:00-24:00')).toEqual({ start: 780, end: 1440 });
  });

  it.each(['11:30-07:30', '08:00-08:00', '24:00-24:30', '07:60-11:00', '7:30-11:30', '13:00-24:01'])('refuses %s', (t) => {
    expect(parseHourRange(t)).toHaveProperty('error');
  });

  it('checks order and overlap within a day and sums the day', () => {
    const ok = parseDayHours(['07:30-11:30', '13:30-17:00']);
    // (11:30-07:30) + (17:00-13:30) = 240 + 210 = 450 minutes.
    expect(Array.isArray(ok) && dayMinutes(ok)).toBe(450);
    expect(parseDayHours(['13:30-17:00', '07:30-11:30'])).toMatchObject({ index: 1 });
    expect(parseDayHours(['07:30-12:00', '11:30-17:00'])).toMatchObject({ index: 1 });
  });
});

describe('isWholeMinutes', () => {
  // Hours: 60 minutes each; days: the calendar's day (480 or 450 minutes here).
  it.each([
    ['0h', 480, true],
    ['0.5h', 480, true], // 30 min
    ['0.25h', 480, true], // 15 min
    ['0.05h', 480, true], // 3 min
    ['0.1h', 480, true], // 6 min, though 0.1 × 60 is not exact in binary
    ['0.7h', 480, true], // 42 min
    ['1.000h', 480, true], // trailing zeros
    ['0.001h', 480, false], // 3.6 s
    ['0.0000001h', 480, false], // 0.006 s: rounds to 0
    ['0.125d', 480, true], // 60 min
    ['0.001d', 480, false], // 0.48 min
    ['0.1d', 450, true], // 45 min of a 7.5-hour day
    ['0.01d', 450, false], // 4.5 min
    [`0.${'0'.repeat(30)}1h`, 480, false], // past 20 decimals
    ['15cd', 480, true], // calendar days: judged elsewhere
    ['abc', 480, true], // not a duration: judged elsewhere
  ])('%s with a %i-minute day: %s', (text, day, whole) => {
    expect(isWholeMinutes(text, day)).toBe(whole);
  });
});
