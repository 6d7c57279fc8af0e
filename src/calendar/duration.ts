// Durations as written in the catalog ("3d", "0.5d", "4h", "15cd") and their working minutes.

export const durationUnits = ['d', 'h', 'cd'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** A parsed duration: an amount of working days, working hours or calendar days. */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const durationPattern = /^(\d+(?:\.\d+)?)(d|h|cd)$/;

/** Parses "3d", "0.5d", "4h", "15cd", "0h"; returns undefined for anything else. */
export function parseDuration(text: string): Duration | undefined {
  const m = durationPattern.exec(text);
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (!Number.isFinite(amount)) return undefined;
  return { amount, unit: m[2] as DurationUnit };
}

/**
 * Whether a duration as written comes to a whole number of working minutes ("0.25h", "0.5d" of
 * a 480-minute day: yes; "0.0000001h": no, it would round to 0), judged from its decimal digits
 * rather than a binary fraction. True for calendar days and for text that is not a duration:
 * those are judged elsewhere.
 */
export function isWholeMinutes(text: string, dayMinutes: number): boolean {
  const m = durationPattern.exec(text);
  if (!m || m[2] === 'cd') return true;
  const fraction = (m[1]!.split('.')[1] ?? '').replace(/0+$/, '');
  if (fraction === '') return true;
  // amount × unit is whole when fraction × unit is a multiple of 10^digits. A unit of minutes
  // has few factors 2 and 5, so past 20 digits it never is (and BigInt stays small).
  if (fraction.length > 20) return false;
  const unit = BigInt(m[2] === 'd' ? dayMinutes : 60);
  return (BigInt(fraction) * unit) % 10n ** BigInt(fraction.length) === 0n;
}

/**
 * Working minutes of a duration in working days or hours, rounded to the minute, given how
 * many minutes a working day has; undefined for calendar days, which are not working time.
 */
export function workingMinutes(d: Duration, dayMinutes: number): number | undefined {
  if (d.unit === 'cd') return undefined;
  return Math.round(d.amount * (d.unit === 'd' ? dayMinutes : 60));
}

/** Writes working minutes for people: whole or quarter days ("1d", "2.5d"), else hours ("4h", "0.5h"), else minutes. */
export function formatMinutes(minutes: number, dayMinutes: number): string {
  if (dayMinutes > 0 && minutes >= dayMinutes && (minutes * 4) % dayMinutes === 0) return `${minutes / dayMinutes}d`;
  const hours = minutes / 60;
  return Number.isInteger(hours * 4) ? `${hours}h` : `${minutes}min`;
}

/** Working minutes for people as days, hours and minutes: "2d 3h 30min", "-45min", "0min". */
export function describeMinutes(minutes: number, dayMinutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  let left = Math.round(Math.abs(minutes));
  const parts: string[] = [];
  const d = Math.floor(left / dayMinutes);
  left -= d * dayMinutes;
  const h = Math.floor(left / 60);
  const m = left - h * 60;
  if (d > 0) parts.push(`${d}d`);
  if (h > 0) parts.push(`${h}h`);
  if (m > 0 || parts.length === 0) parts.push(`${m}min`);
  return sign + parts.join(' ');
}
