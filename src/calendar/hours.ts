// Working-hour ranges ("07:30-11:30") as minutes of the day.

/** A working period of a day, in minutes since midnight; end is exclusive and may be 1440. */
export interface HourRange {
  start: number;
  end: number;
}

const rangePattern = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

/**
 * Parses "HH:MM-HH:MM". Returns the range, or a reason it is malformed: a time beyond 24:00,
 * minutes beyond 59, or an end not after the start.
 */
export function parseHourRange(text: string): HourRange | { error: string } {
  const m = rangePattern.exec(text);
  if (!m) return { error: `"${text}" is not a range of hours like "07:30-11:30"` };
  const [sh, sm, eh, em] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (sm > 59 || em > 59 || sh > 23 || eh > 24 || (eh === 24 && em > 0)) {
    return { error: `"${text}" is not a time of day (hours 00–24, minutes 00–59)` };
  }
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (end <= start) return { error: `"${text}" ends before it starts` };
  return { start, end };
}

/**
 * Parses a day's ranges and checks that they are in order and do not overlap; returns the ranges
 * or the index and reason of the first bad one.
 */
export function parseDayHours(texts: readonly string[]): HourRange[] | { index: number; error: string } {
  const out: HourRange[] = [];
  for (let i = 0; i < texts.length; i++) {
    const r = parseHourRange(texts[i]!);
    if ('error' in r) return { index: i, error: r.error };
    const prev = out[out.length - 1];
    if (prev && r.start < prev.end) {
      return { index: i, error: `"${texts[i]}" overlaps or comes before the previous range; list ranges in order` };
    }
    out.push(r);
  }
  return out;
}

/** Total minutes of a day's ranges. */
export function dayMinutes(ranges: readonly HourRange[]): number {
  return ranges.reduce((sum, r) => sum + r.end - r.start, 0);
}
