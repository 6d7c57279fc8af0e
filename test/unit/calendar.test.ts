// The working-time engine. Expected instants are worked out by hand from the calendar below
// (arithmetic in the comments), never taken from the program.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOfDay, WorkingCalendar, type CalendarInput } from '../../src/calendar/calendar.js';

const hours = ['07:30-11:30', '13:30-17:30']; // 240 + 240 = 480 minutes = 1d
const vn: CalendarInput = {
  id: 'vn',
  timezone: 'Asia/Ho_Chi_Minh',
  week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-01-02', name: 'Nghỉ bù' },
    { from: '2026-02-14', to: '2026-02-22', name: 'Tết Nguyên Đán' },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ' },
    { from: '2026-04-30', to: '2026-05-01', name: '30/4 và 1/5' },
  ],
  working_days: [{ date: '2026-01-10', name: 'Làm bù' }],
  receipt_cutoff: '16:00',
};
const cal = WorkingCalendar.compile(vn);
// Instants are written in Vietnam's time (+07:00).
const t = (local: string) => new Date(`${local}:00+07:00`);
const show = (d: Date) => cal.format(d).slice(0, 16);

describe('due', () => {
  it.each([
    // Mon 09:00 + 1d (480): 09:00–11:30 = 150, 13:30–17:30 = 240 (390), 90 left: Tue 07:30 + 90 = 09:00.
    ['a working day later at the same time', '2026-01-05T09:00', 480, '2026-01-06T09:00'],
    // A start in the lunch break counts from 13:30: 13:30 + 120 = 15:30.
    ['a start in the lunch break', '2026-01-05T12:00', 120, '2026-01-05T15:30'],
    // A start at 11:30, the end of the morning, counts from 13:30: 13:30 + 60 = 14:30.
    ['a start at the end of the morning', '2026-01-05T11:30', 60, '2026-01-05T14:30'],
    // 13:30 + 4h = 17:30 exactly: the deadline stays at the period's end, not Tue 07:30.
    ['a deadline at the end of the day', '2026-01-05T13:30', 240, '2026-01-05T17:30'],
    // 07:30 + 0.5d (240) = 11:30, the end of the morning.
    ['a half day', '2026-01-05T07:30', 240, '2026-01-05T11:30'],
    // Thu 1/1 and Fri 2/1 are holidays, 3–4/1 the weekend: Mon 5/1 07:30 + 60 = 08:30.
    ['a start on a holiday', '2026-01-01T09:00', 60, '2026-01-05T08:30'],
    // Fri 9/1 15:30–17:30 = 120, 120 left on the make-up Saturday 10/1: 07:30 + 120 = 09:30.
    ['a make-up Saturday', '2026-01-09T15:30', 240, '2026-01-10T09:30'],
    // Fri 13/2 15:30–17:30 = 120; Tết closes Sat 14/2 to Sun 22/2; Mon 23/2 morning 240 (360),
    // 120 left: 13:30 + 120 = 15:30.
    ['Tết spanning two weekends', '2026-02-13T15:30', 480, '2026-02-23T15:30'],
    // Wed 31/12/2025 15:30–17:30 = 120; 1–2/1 holidays, 3–4/1 weekend; Mon 5/1 morning 240 (360),
    // 120 left: 15:30.
    ['across the year boundary', '2025-12-31T15:30', 480, '2026-01-05T15:30'],
    // Wed 29/4 07:30 + 2d (960): Wed 480; Thu 30/4 and Fri 1/5 holidays, 2–3/5 weekend;
    // Mon 4/5 480 more: 17:30 (the end of the day, where it stays).
    ['30/4 and 1/5 with the weekend', '2026-04-29T07:30', 960, '2026-05-04T17:30'],
    // Duration 0: a working instant stays put; a rest day snaps to Mon 07:30; 11:30 to 13:30.
    ['0 minutes in working time', '2026-01-05T10:00', 0, '2026-01-05T10:00'],
    ['0 minutes on a Saturday', '2026-01-03T10:00', 0, '2026-01-05T07:30'],
    ['0 minutes at the end of the morning', '2026-01-05T11:30', 0, '2026-01-05T13:30'],
    // 15d = 15 × 480 = 7200 from Mon 5/1 08:00: Mon gives 210 + 240 = 450; then 14 full days
    // (Tue 6/1–Fri 9/1, the make-up Sat 10/1, 12/1–16/1, 19/1–22/1) give 14 × 480 = 6720, total
    // 7170; 30 left on Fri 23/1: 07:30 + 30 = 08:00.
    ['fifteen working days over a make-up Saturday', '2026-01-05T08:00', 15 * 480, '2026-01-23T08:00'],
  ])('%s', (_name, from, minutes, want) => {
    expect(show(cal.due(t(from), minutes))).toBe(want);
  });

  it('applies the receipt cut-off only when asked', () => {
    // 16:30 is after the 16:00 cut-off: the clock starts Tue 07:30; + 60 = 08:30.
    expect(show(cal.due(t('2026-01-05T16:30'), 60, { cutoff: true }))).toBe('2026-01-06T08:30');
    // Without it: 16:30 + 60 = 17:30, the end of the day.
    expect(show(cal.due(t('2026-01-05T16:30'), 60))).toBe('2026-01-05T17:30');
    // Exactly 16:00 is not after the cut-off: 16:00 + 60 = 17:00.
    expect(show(cal.due(t('2026-01-05T16:00'), 60, { cutoff: true }))).toBe('2026-01-05T17:00');
    // After hours on Fri 9/1 with the cut-off: the next working day is the make-up Saturday.
    expect(show(cal.due(t('2026-01-09T16:01'), 60, { cutoff: true }))).toBe('2026-01-10T08:30');
  });

  it('refuses negative and non-finite durations', () => {
    expect(() => cal.due(t('2026-01-05T09:00'), -1)).toThrow(RangeError);
    expect(() => cal.due(t('2026-01-05T09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => cal.due(t('2026-01-05T09:00'), Infinity)).toThrow(RangeError);
  });

  it('keeps seconds', () => {
    // 09:00:30 + 60 minutes = 10:00:30.
    expect(cal.due(new Date('2026-01-05T09:00:30+07:00'), 60).toISOString()).toBe('2026-01-05T03:00:30.000Z');
  });
});

describe('between', () => {
  it.each([
    // 11:00–11:30 (30) + 13:30–14:00 (30) = 60.
    ['across lunch', '2026-01-05T11:00', '2026-01-05T14:00', 60],
    ['backwards is negative', '2026-01-05T14:00', '2026-01-05T11:00', -60],
    // Fri 9/1 17:00 to Mon 12/1 08:00: Fri 30 + make-up Sat 480 + Mon 30 = 540.
    ['over a make-up Saturday', '2026-01-09T17:00', '2026-01-12T08:00', 540],
    // Wed 31/12 15:30 to Mon 5/1 15:30: 120 + 240 + 120 = 480.
    ['across the year boundary', '2025-12-31T15:30', '2026-01-05T15:30', 480],
    // A whole week of Tết: nothing.
    ['inside Tết', '2026-02-14T08:00', '2026-02-22T17:00', 0],
    ['an empty interval', '2026-01-05T09:00', '2026-01-05T09:00', 0],
  ])('%s', (_name, a, b, minutes) => {
    expect(cal.between(t(a), t(b))).toBe(minutes);
  });
});

describe('addCalendarDays (Civil Code 2015 art. 148)', () => {
  it.each([
    // Mon 2/3 10:00 + 15 days = Tue 17/3 10:00, a working day: kept.
    ['a working day', '2026-03-02T10:00', 15, '2026-03-17T10:00'],
    // Fri 6/3 + 2 = Sun 8/3, closed: the end of the next working day, Mon 9/3 17:30.
    ['a Sunday', '2026-03-06T10:00', 2, '2026-03-09T17:30'],
    // Wed 22/4 + 8 = Thu 30/4, a holiday; Fri 1/5 holiday, 2–3/5 weekend: Mon 4/5 17:30.
    ['a holiday before a weekend', '2026-04-22T10:00', 8, '2026-05-04T17:30'],
    // Fri 2/1 (a holiday) + 8 = Sat 10/1, a make-up working day: kept at 10:00.
    ['a make-up Saturday', '2026-01-02T10:00', 8, '2026-01-10T10:00'],
    ['zero days on a working day', '2026-03-02T10:00', 0, '2026-03-02T10:00'],
  ])('%s', (_name, from, days, want) => {
    expect(show(cal.addCalendarDays(t(from), days))).toBe(want);
  });

  it('refuses negative and fractional days', () => {
    expect(() => cal.addCalendarDays(t('2026-03-02T10:00'), -1)).toThrow(RangeError);
    expect(() => cal.addCalendarDays(t('2026-03-02T10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('working instants', () => {
  it.each([
    ['2026-01-05T07:30', true],
    ['2026-01-05T11:29', true],
    ['2026-01-05T11:30', false], // a period's end is not inside it
    ['2026-01-05T12:00', false],
    ['2026-01-10T08:00', true], // the make-up Saturday
    ['2026-01-17T08:00', false], // an ordinary Saturday
    ['2026-02-16T08:00', false], // Tết
  ])('isWorking(%s) is %s', (at, want) => {
    expect(cal.isWorking(t(at))).toBe(want);
  });

  it('nextWorkingInstant', () => {
    expect(show(cal.nextWorkingInstant(t('2026-01-05T12:00')))).toBe('2026-01-05T13:30');
    expect(show(cal.nextWorkingInstant(t('2026-01-05T09:10')))).toBe('2026-01-05T09:10');
    expect(show(cal.nextWorkingInstant(t('2026-02-13T18:00')))).toBe('2026-02-23T07:30');
  });

  it('dayKind', () => {
    expect(cal.dayKind('2026-01-01')).toEqual({ kind: 'holiday', name: 'Tết Dương lịch' });
    expect(cal.dayKind('2026-01-10')).toEqual({ kind: 'make-up', name: 'Làm bù' });
    expect(cal.dayKind('2026-01-11')).toEqual({ kind: 'rest' });
    expect(cal.dayKind('2026-01-12')).toEqual({ kind: 'working' });
  });

  it('formats with the calendar offset', () => {
    expect(cal.format(new Date('2026-01-05T02:00:00Z'))).toBe('2026-01-05T09:00:00+07:00');
  });

  it('refuses a calendar without working time', () => {
    expect(() => WorkingCalendar.compile({ ...vn, week: {} })).toThrow(/no working hours/);
    expect(() => WorkingCalendar.compile({ ...vn, timezone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});

// ---- Properties over random calendars --------------------------------------------------------

const zones = ['Asia/Ho_Chi_Minh', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];

/** A day's hours: up to three ordered ranges on a 15-minute grid. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 })
  .map((xs) => xs.sort((a, b) => a - b))
  .map((xs) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const hm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
      out.push(`${hm(xs[i]!)}-${hm(xs[i + 1]!)}`);
    }
    return out;
  });

const dayIn2026 = fc.integer({ min: 0, max: 364 }).map((n) => dateOfDay(20454 + n)); // 20454 = 2026-01-01

const calendarArb = fc
  .record({
    timezone: fc.constantFrom(...zones),
    mon: dayHours,
    tue: dayHours,
    wed: dayHours,
    thu: dayHours,
    fri: dayHours,
    sat: dayHours,
    holidays: fc.uniqueArray(dayIn2026, { maxLength: 20 }),
    makeUp: fc.uniqueArray(dayIn2026, { maxLength: 5 }),
  })
  .filter((r) => [r.mon, r.tue, r.wed, r.thu, r.fri, r.sat].some((d) => d.length > 0))
  .map((r) =>
    WorkingCalendar.compile({
      id: 'random',
      timezone: r.timezone,
      week: { mon: r.mon, tue: r.tue, wed: r.wed, thu: r.thu, fri: r.fri, sat: r.sat },
      holidays: r.holidays.filter((d) => !r.makeUp.includes(d)).map((date) => ({ date, name: 'h' })),
      working_days: r.makeUp.map((date) => ({ date, name: 'w' })),
    }),
  );

// Instants from late 2025 to early 2027, to the minute.
const instant = fc.integer({ min: Date.UTC(2025, 10, 1) / 60000, max: Date.UTC(2027, 1, 1) / 60000 }).map((m) => new Date(m * 60000));
const minutes = fc.integer({ min: 0, max: 30 * 600 });

/** A straightforward reference: walk day by day, period by period. */
function naiveDue(c: WorkingCalendar, start: Date, m: number): Date {
  let left = m * 60000;
  const { day } = c.utcToLocal(start.getTime());
  let from = start.getTime();
  for (let d = day - 1; ; d++) {
    for (const h of c.hoursOfDay(d)) {
      const s = Math.max(c.localToUtc(d, h.start), from);
      const e = c.localToUtc(d, h.end);
      if (e <= s) continue;
      if (left === 0) return new Date(s);
      if (e - s >= left) return new Date(s + left);
      left -= e - s;
      from = e;
    }
  }
}

describe('properties', () => {
  const opts = { seed: 20261121, numRuns: 150 };

  it('between(t, due(t, m)) is m', () => {
    fc.assert(fc.property(calendarArb, instant, minutes, (c, at, m) => c.between(at, c.due(at, m)) === m), opts);
  });

  it('due is monotonic in the duration and in the start', () => {
    fc.assert(
      fc.property(calendarArb, instant, instant, minutes, minutes, (c, a, b, m1, m2) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [x, y] = m1 <= m2 ? [m1, m2] : [m2, m1];
        return c.due(t1, x) <= c.due(t1, y) && c.due(t1, x) <= c.due(t2, x);
      }),
      opts,
    );
  });

  it('a due time is never inside a closed period unless it ends a working one', () => {
    fc.assert(
      fc.property(calendarArb, instant, minutes.filter((m) => m > 0), (c, at, m) => {
        const d = c.due(at, m);
        // The minute before the deadline was worked: it is inside working time or at its end.
        return c.isWorking(new Date(d.getTime() - 60000));
      }),
      opts,
    );
  });

  it('between is additive', () => {
    fc.assert(
      fc.property(calendarArb, instant, instant, instant, (c, a, b, x) => {
        return Math.abs(c.between(a, b) + c.between(b, x) - c.between(a, x)) < 1e-9;
      }),
      opts,
    );
  });

  it('agrees with a day-by-day walk', () => {
    fc.assert(fc.property(calendarArb, instant, minutes, (c, at, m) => c.due(at, m).getTime() === naiveDue(c, at, m).getTime()), opts);
  });
});
