// Conversions between UTC instants and a calendar's IANA time zone, used only at the edges.

/**
 * Zones whose UTC offset has not changed since 1976 in the tz database, answered without Intl:
 * the first Intl.DateTimeFormat of a process costs 15–20 ms (ICU starting up), as much as the
 * rest of `tthc dossier show`. test/unit/zone.test.ts checks each against Intl, 1976–2100.
 * Before 1976, and for every other zone, Intl answers.
 */
export const fixedOffsetZones: Readonly<Record<string, number>> = {
  'Asia/Ho_Chi_Minh': 420,
  'Asia/Saigon': 420,
  'Asia/Bangkok': 420,
  'Asia/Phnom_Penh': 420,
  'Asia/Vientiane': 420,
  UTC: 0,
  'Etc/UTC': 0,
};
const fixedSince = Date.UTC(1976, 0, 1);

function fixedOffset(instant: Date, timeZone: string): number | undefined {
  const offset = fixedOffsetZones[timeZone];
  return offset !== undefined && instant.getTime() >= fixedSince ? offset : undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (Object.hasOwn(fixedOffsetZones, timeZone)) return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. Refuses unknown zones (RangeError). */
export function localDate(instant: Date, timeZone: string): string {
  const fixed = fixedOffset(instant, timeZone);
  if (fixed !== undefined) return new Date(instant.getTime() + fixed * 60000).toISOString().slice(0, 10);
  return formatter(timeZone).format(instant);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes that a time zone is ahead of UTC at an instant (420 for Asia/Ho_Chi_Minh). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const fixed = fixedOffset(instant, timeZone);
  if (fixed !== undefined) return fixed;
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The years a date or instant may be written with, the same as the schemas' dates: the time-zone
 * data starts in 1901 (earlier instants would be read as 1901), and years have four digits.
 */
export const supportedYears = { min: 1901, max: 9999 } as const;

/** The year written at the start of a date or instant when it is outside supportedYears; else undefined. */
export function unsupportedYear(text: string): number | undefined {
  const m = /^\s*(\d{4})-/.exec(text);
  const year = m ? Number(m[1]) : undefined;
  return year !== undefined && (year < supportedYears.min || year > supportedYears.max) ? year : undefined;
}

const instantPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an instant written in ISO 8601: a date, a date and time, with or without an offset.
 * Without an offset it is read in `timeZone` (a date alone means 00:00 there). Returns undefined
 * for anything else, including impossible dates (2026-02-30) and times (24:00).
 */
export function parseInstant(text: string, timeZone: string): Date | undefined {
  const m = instantPattern.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const local = Date.UTC(y!, mo! - 1, d!, h, mi, s, ms);
  if (new Date(local).getUTCDate() !== d) return undefined; // 2026-02-30 rolls over
  const zone = m[8];
  if (zone !== undefined) {
    if (zone === 'Z') return new Date(local);
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 14 || om > 59) return undefined;
    return new Date(local - sign * (oh * 60 + om) * 60000);
  }
  // Two passes find the offset in force at the local time itself (exact outside DST gaps).
  let t = local - zoneOffsetMinutes(new Date(local), timeZone) * 60000;
  t = local - zoneOffsetMinutes(new Date(t), timeZone) * 60000;
  return new Date(t);
}

/** ISO 8601 to the second with the zone's offset at that instant: 2026-01-05T09:00:00+07:00. */
export function formatInZone(t: Date, timeZone: string): string {
  const off = zoneOffsetMinutes(t, timeZone);
  const local = new Date(t.getTime() + off * 60000).toISOString().slice(0, 19);
  const abs = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
