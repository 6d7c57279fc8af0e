// A year of a calendar, day by day: what `tthc calendar show` prints.
import { dateOfDay, dayNumber, weekdayOfDay, type DayKind, type WorkingCalendar } from './calendar.js';
import { dayMinutes } from './hours.js';

export interface YearDay {
  date: string;
  kind: DayKind;
  name?: string;
  /** Working minutes of the day. */
  minutes: number;
}

/** `tthc calendar show YEAR --format json`. */
export interface YearView {
  calendar: string;
  year: number;
  timezone: string;
  day_minutes: number;
  working_days: number;
  working_minutes: number;
  /** Holidays and days off, with their names. */
  closed: { date: string; name: string }[];
  /** Days worked although normally closed. */
  make_up: { date: string; name: string }[];
  days: YearDay[];
}

/** Every day of `year` in the calendar, with totals and the lists of closed and make-up days. */
export function yearView(cal: WorkingCalendar, year: number): YearView {
  const days: YearDay[] = [];
  for (let d = dayNumber(`${year}-01-01`); d < dayNumber(`${year + 1}-01-01`); d++) {
    const date = dateOfDay(d);
    const k = cal.dayKind(date);
    days.push({ date, kind: k.kind, ...(k.name !== undefined ? { name: k.name } : {}), minutes: dayMinutes(cal.hoursOfDay(d)) });
  }
  const working = days.filter((d) => d.minutes > 0);
  return {
    calendar: cal.id,
    year,
    timezone: cal.timeZone,
    day_minutes: cal.dayMinutes,
    working_days: working.length,
    working_minutes: working.reduce((s, d) => s + d.minutes, 0),
    closed: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name ?? '' })),
    make_up: days.filter((d) => d.kind === 'make-up').map((d) => ({ date: d.date, name: d.name ?? '' })),
    days,
  };
}

/** 0 = Monday … 6 = Sunday, for month grids. */
export function isoWeekdayIndex(date: string): number {
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOfDay(dayNumber(date)));
}
