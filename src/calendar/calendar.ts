// The working-time engine (SPEC.md "Deadlines"): a calendar compiled into sorted working
// intervals with cumulative working time, built lazily per year, so that `due` and `between`
// are binary searches rather than walks over days. Instants are UTC epoch milliseconds inside;
// the calendar's IANA zone is used only to place local working hours on the time line.
import { parseDuration, workingMinutes } from './duration.js';
import { dayMinutes as sumMinutes, parseDayHours, type HourRange } from './hours.js';
import { formatInZone, isKnownTimeZone, zoneOffsetMinutes } from './zone.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** What the engine needs of a calendar document (schemas/calendar.schema.json). */
export interface CalendarInput {
  id: string;
  timezone: string;
  week: Partial<Record<Weekday, string[]>>;
  day?: string;
  holidays?: readonly { date?: string; from?: string; to?: string; name: string }[];
  working_days?: readonly { date: string; name: string; hours?: string[] }[];
  receipt_cutoff?: string;
}

/**
 * Working minutes of "1d": the calendar's `day`, else its longest weekday. Undefined when there
 * is no working hour at all or `day` is not a positive number of hours.
 */
export function dayLengthMinutes(input: Pick<CalendarInput, 'week' | 'day'>): number | undefined {
  if (input.day !== undefined) {
    const d = parseDuration(input.day);
    const m = d && d.unit === 'h' ? workingMinutes(d, 0) : undefined;
    return m !== undefined && m > 0 ? m : undefined;
  }
  let longest = 0;
  for (const wd of weekdays) {
    const r = parseDayHours(input.week[wd] ?? []);
    if (Array.isArray(r)) longest = Math.max(longest, sumMinutes(r));
  }
  return longest > 0 ? longest : undefined;
}

/** What kind of day a local date is. */
export type DayKind = 'working' | 'rest' | 'holiday' | 'make-up';

const dayMs = 86_400_000;
const minuteMs = 60_000;
/** How far `due` may look for working time before it gives up (a calendar with none). */
const maxYearsAhead = 200;

/** Days since 1970-01-01 of a local date written YYYY-MM-DD. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs;
}

/** YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): Weekday {
  return weekdays[(((day + 3) % 7) + 7) % 7]!;
}

/** One year of working intervals, in UTC milliseconds. */
interface YearTable {
  /** UTC instants of local 1 January 00:00 of this year and of the next. */
  startMs: number;
  endMs: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Working milliseconds before interval i within the year. */
  before: Float64Array;
  /** The receipt cut-off instant of interval i's local day (Infinity without a cut-off). */
  cutoffs: Float64Array;
  /** Index of the first interval of the next working day after interval i's day (length when none). */
  nextDay: Int32Array;
  total: number;
}

/** A compiled calendar: every deadline question answered in the calendar's own time zone. */
export class WorkingCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** Working minutes of "1d". */
  readonly dayMinutes: number;
  /** Minutes after local midnight after which a receipt starts the next working day. */
  readonly cutoffMinutes: number | undefined;
  private readonly week: Map<Weekday, HourRange[]>;
  private readonly closed: Map<number, string>;
  private readonly makeUp: Map<number, { name: string; hours: HourRange[] }>;
  private readonly years = new Map<number, YearTable>();
  private last: { year: number; table: YearTable } | undefined;

  private constructor(input: CalendarInput, week: Map<Weekday, HourRange[]>, dayMinutes: number) {
    this.id = input.id;
    this.timeZone = input.timezone;
    this.week = week;
    this.dayMinutes = dayMinutes;
    this.cutoffMinutes = input.receipt_cutoff ? Number(input.receipt_cutoff.slice(0, 2)) * 60 + Number(input.receipt_cutoff.slice(3, 5)) : undefined;
    this.closed = new Map();
    for (const h of input.holidays ?? []) {
      const from = h.date ?? h.from;
      const to = h.date ?? h.to;
      if (from === undefined || to === undefined) continue;
      for (let d = dayNumber(from); d <= dayNumber(to); d++) if (!this.closed.has(d)) this.closed.set(d, h.name);
    }
    this.makeUp = new Map();
    for (const w of input.working_days ?? []) {
      const hours = w.hours ? parseDayHours(w.hours) : (week.get('mon') ?? []);
      this.makeUp.set(dayNumber(w.date), { name: w.name, hours: Array.isArray(hours) ? hours : [] });
    }
  }

  /**
   * Compiles a calendar document. Refuses (RangeError) one that validation would refuse:
   * malformed hours, an unknown time zone, no working hours on any weekday, a bad `day`.
   */
  static compile(input: CalendarInput): WorkingCalendar {
    if (!isKnownTimeZone(input.timezone)) {
      throw new RangeError(`calendar "${input.id}": unknown time zone "${input.timezone}"`);
    }
    const week = new Map<Weekday, HourRange[]>();
    for (const wd of weekdays) {
      const r = parseDayHours(input.week[wd] ?? []);
      if (!Array.isArray(r)) throw new RangeError(`calendar "${input.id}": ${wd}: ${r.error}`);
      week.set(wd, r);
    }
    const day = dayLengthMinutes(input);
    if (day === undefined) throw new RangeError(`calendar "${input.id}" has no working hours on any weekday, or a "day" that is not a number of hours`);
    return new WorkingCalendar(input, week, day);
  }

  /** True when the calendar lists at least one holiday in the year (else it is likely not filled in). */
  hasHolidaysIn(year: number): boolean {
    const first = dayNumber(`${year}-01-01`);
    const last = dayNumber(`${year + 1}-01-01`);
    for (const d of this.closed.keys()) if (d >= first && d < last) return true;
    return false;
  }

  /** The kind of a local date (YYYY-MM-DD), and the holiday's or make-up day's name. */
  dayKind(date: string): { kind: DayKind; name?: string } {
    const d = dayNumber(date);
    const holiday = this.closed.get(d);
    if (holiday !== undefined) return { kind: 'holiday', name: holiday };
    const makeUp = this.makeUp.get(d);
    if (makeUp) return { kind: 'make-up', name: makeUp.name };
    return { kind: (this.week.get(weekdayOfDay(d)) ?? []).length > 0 ? 'working' : 'rest' };
  }

  /** Working periods of a local day, in minutes after local midnight. */
  hoursOfDay(day: number): readonly HourRange[] {
    if (this.closed.has(day)) return [];
    return this.makeUp.get(day)?.hours ?? this.week.get(weekdayOfDay(day)) ?? [];
  }

  /** UTC milliseconds of a local day and minute, in the calendar's zone (exact outside DST gaps). */
  localToUtc(day: number, minute: number): number {
    const local = day * dayMs + minute * minuteMs;
    let t = local - zoneOffsetMinutes(new Date(local), this.timeZone) * minuteMs;
    t = local - zoneOffsetMinutes(new Date(t), this.timeZone) * minuteMs;
    return t;
  }

  /** The local day number and minute of an instant. */
  utcToLocal(ms: number): { day: number; minute: number } {
    const local = ms + zoneOffsetMinutes(new Date(ms), this.timeZone) * minuteMs;
    const day = Math.floor(local / dayMs);
    return { day, minute: (local - day * dayMs) / minuteMs };
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (!t) {
      t = this.buildYear(year);
      this.years.set(year, t);
    }
    return t;
  }

  private buildYear(year: number): YearTable {
    const first = Date.UTC(year, 0, 1) / dayMs;
    const last = Date.UTC(year + 1, 0, 1) / dayMs;
    const starts: number[] = [];
    const ends: number[] = [];
    const cutoffs: number[] = [];
    const dayOf: number[] = [];
    // A zone with one offset all year (Vietnam) needs no look-up per day: weekly samples find any
    // change (daylight saving lasts months; even Ramadan suspensions last weeks).
    let fixed: number | undefined = zoneOffsetMinutes(new Date(first * dayMs), this.timeZone);
    for (let d = first + 7; d <= last && fixed !== undefined; d += 7) {
      if (zoneOffsetMinutes(new Date(Math.min(d, last) * dayMs), this.timeZone) !== fixed) fixed = undefined;
    }
    for (let d = first; d < last; d++) {
      const hours = this.hoursOfDay(d);
      if (hours.length === 0) continue;
      // One zone offset for the whole day unless the day has a transition (DST zones).
      const off0 = fixed ?? zoneOffsetMinutes(new Date(d * dayMs), this.timeZone);
      const off1 = fixed ?? zoneOffsetMinutes(new Date((d + 1) * dayMs - minuteMs), this.timeZone);
      const at = (minute: number): number => (off0 === off1 ? d * dayMs + (minute - off0) * minuteMs : this.localToUtc(d, minute));
      const cutoff = this.cutoffMinutes === undefined ? Infinity : at(this.cutoffMinutes);
      for (const h of hours) {
        // In zones with daylight saving a local range may fall into the skipped hour: keep the
        // time line strictly ordered and drop what is left empty.
        const s0 = Math.max(at(h.start), ends.length > 0 ? ends[ends.length - 1]! : -Infinity);
        const e0 = at(h.end);
        if (e0 <= s0) continue;
        starts.push(s0);
        ends.push(e0);
        cutoffs.push(cutoff);
        dayOf.push(d);
      }
    }
    const n = starts.length;
    const before = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      before[i] = total;
      total += ends[i]! - starts[i]!;
    }
    const nextDay = new Int32Array(n);
    let next = n;
    for (let i = n - 1; i >= 0; i--) {
      nextDay[i] = next;
      if (i > 0 && dayOf[i - 1] !== dayOf[i]) next = i;
    }
    return {
      startMs: this.localToUtc(first, 0),
      endMs: this.localToUtc(last, 0),
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
      before,
      cutoffs: Float64Array.from(cutoffs),
      nextDay,
      total,
    };
  }

  /** The table of the local year that holds the instant. */
  private tableAt(ms: number): { year: number; table: YearTable } {
    // Most questions fall in the year of the previous one.
    const last = this.last;
    if (last && ms >= last.table.startMs && ms < last.table.endMs) return last;
    let year = new Date(ms).getUTCFullYear();
    let table = this.table(year);
    if (ms < table.startMs) table = this.table(--year);
    else if (ms >= table.endMs) table = this.table(++year);
    this.last = { year, table };
    return this.last;
  }

  /** Index of the first interval of a table ending after `ms` (length when none). */
  private static after(t: YearTable, ms: number): number {
    let lo = 0;
    let hi = t.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t.ends[mid]! > ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Working milliseconds of the year before `ms`. */
  private static position(t: YearTable, ms: number): number {
    const i = WorkingCalendar.after(t, ms);
    if (i === t.ends.length) return t.total;
    return t.before[i]! + Math.max(0, ms - t.starts[i]!);
  }

  /** The instant at which `work` milliseconds of the year have been worked (work > 0). */
  private static at(t: YearTable, work: number): number {
    // First interval whose end reaches the target: a deadline at a period's end stays there.
    let lo = 0;
    let hi = t.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t.before[mid]! + (t.ends[mid]! - t.starts[mid]!) >= work) hi = mid;
      else lo = mid + 1;
    }
    return t.starts[lo]! + (work - t.before[lo]!);
  }

  /**
   * The first working instant at or after `start` (the start itself inside working time; 11:30
   * becomes 13:30). With `cutoff`, an instant after the receipt cut-off of its day moves to the
   * next working day's start. Refuses (RangeError) a calendar with no working time ahead.
   */
  nextWorkingInstant(start: Date, opts: { cutoff?: boolean } = {}): Date {
    return new Date(this.snap(start.getTime(), opts.cutoff === true).at);
  }

  /** The first working instant at or after `ms`, with its year, table and interval index. */
  private snap(ms: number, cutoff: boolean): { at: number; year: number; table: YearTable; i: number } {
    let { year, table } = this.tableAt(ms);
    let i = WorkingCalendar.after(table, ms);
    for (let n = 0; i === table.ends.length; n++) {
      if (n > maxYearsAhead) throw new RangeError(`calendar "${this.id}" has no working time within ${maxYearsAhead} years`);
      table = this.table(++year);
      i = 0;
    }
    if (cutoff && ms > table.cutoffs[i]!) {
      i = table.nextDay[i]!;
      for (let n = 0; i === table.ends.length; n++) {
        if (n > maxYearsAhead) throw new RangeError(`calendar "${this.id}" has no working time within ${maxYearsAhead} years`);
        table = this.table(++year);
        i = 0;
      }
      return { at: table.starts[i]!, year, table, i };
    }
    return { at: Math.max(ms, table.starts[i]!), year, table, i };
  }

  /** True when the instant lies inside a working period (its start included, its end not). */
  isWorking(t: Date): boolean {
    const ms = t.getTime();
    const { table } = this.tableAt(ms);
    const i = WorkingCalendar.after(table, ms);
    return i < table.ends.length && table.starts[i]! <= ms;
  }

  /**
   * The instant when `minutes` working minutes have passed since `start`, which is first snapped
   * into working time (and, with `cutoff`, past the receipt cut-off). A deadline that ends exactly
   * at a period's end stays there. 0 minutes gives the snapped start. Refuses (RangeError)
   * negative or non-finite minutes.
   */
  due(start: Date, minutes: number, opts: { cutoff?: boolean } = {}): Date {
    if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`a duration must be a non-negative number of minutes, not ${minutes}`);
    const from = this.snap(start.getTime(), opts.cutoff === true);
    if (minutes === 0) return new Date(from.at);
    let { year, table } = from;
    let target = table.before[from.i]! + (from.at - table.starts[from.i]!) + minutes * minuteMs;
    for (let n = 0; target > table.total; n++) {
      if (n > maxYearsAhead) throw new RangeError(`calendar "${this.id}" has no working time within ${maxYearsAhead} years`);
      target -= table.total;
      table = this.table(++year);
    }
    return new Date(WorkingCalendar.at(table, target));
  }

  /** Working minutes from `a` to `b` (negative when `b` is earlier); exact, may be fractional. */
  between(a: Date, b: Date): number {
    const am = a.getTime();
    const bm = b.getTime();
    if (bm < am) return -this.between(b, a);
    const x = this.tableAt(am);
    const y = this.tableAt(bm);
    let work = WorkingCalendar.position(y.table, bm) - WorkingCalendar.position(x.table, am);
    for (let year = x.year; year < y.year; year++) work += this.table(year).total;
    return work / minuteMs;
  }

  /**
   * `start` plus whole calendar days at the same local time (SPEC.md: Civil Code 2015 art. 148):
   * when that falls on a day without working hours (a rest day or holiday), the end of the next
   * working day. Refuses (RangeError) negative or fractional days.
   */
  addCalendarDays(start: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`calendar days must be a whole number ≥ 0, not ${days}`);
    const { day, minute } = this.utcToLocal(start.getTime());
    const target = day + days;
    if (this.hoursOfDay(target).length > 0) return new Date(this.localToUtc(target, minute));
    for (let d = target + 1; d <= target + 366 * maxYearsAhead; d++) {
      const hours = this.hoursOfDay(d);
      if (hours.length > 0) return new Date(this.localToUtc(d, hours[hours.length - 1]!.end));
    }
    throw new RangeError(`calendar "${this.id}" has no working day within ${maxYearsAhead} years`);
  }

  /** Working minutes of a catalog duration ("3d", "4h"); undefined for calendar days or junk. */
  minutesOf(text: string): number | undefined {
    const d = parseDuration(text);
    return d ? workingMinutes(d, this.dayMinutes) : undefined;
  }

  /** ISO 8601 with the calendar's offset, to the second: 2026-01-05T09:00:00+07:00. */
  format(t: Date): string {
    return formatInZone(t, this.timeZone);
  }
}
