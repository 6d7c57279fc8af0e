// The Vietnamese lunisolar calendar (âm lịch), computed from the positions of the Sun and the
// Moon: a month starts on the local day of a new moon; month 11 is the one holding the winter
// solstice; in a year of 13 months between two months 11, the first month holding no major
// solar term (trung khí, a multiple of 30° of the Sun's longitude) is the leap month and repeats
// the number of the month before it. Vietnam reckons days at UTC+7 (since 1968; earlier almanacs
// followed China at UTC+8), which is why some years' Tết differs from China's.
//
// Astronomy after Jean Meeus, "Astronomical Algorithms" (2nd ed.): new moons from chapter 49,
// the Sun's apparent longitude from chapter 25 (accurate to about 0.01°), ΔT from the
// polynomial fits of Espenak & Meeus. Days are Julian day numbers (JDN): integers, one per
// civil day, so that calendar arithmetic never meets a time zone of the machine.

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

export interface LunarDate {
  /** Lunar year, numbered as the Gregorian year in which its month 1 begins. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the leap (nhuận) month that repeats `month`. */
  leap: boolean;
}

export interface LunarDateInput {
  year: number;
  month: number;
  day: number;
  leap?: boolean;
}

/** Vietnam's civil time zone, in hours east of UTC. */
export const vietnamTimeZoneHours = 7;

const RAD = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
// Mean new moon of k = 0 (2000-01-06), Meeus (49.1), as a Julian ephemeris day.
const NEW_MOON_EPOCH = 2451550.09766;

/** The Julian day number of a Gregorian date (proleptic); refuses nothing, checks nothing. */
export function julianDayNumber(date: SolarDate): number {
  const a = Math.floor((14 - date.month) / 12);
  const y = date.year + 4800 - a;
  const m = date.month + 12 * a - 3;
  return date.day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** The Gregorian date of a Julian day number; refuses non-integers (RangeError). */
export function fromJulianDayNumber(jdn: number): SolarDate {
  if (!Number.isInteger(jdn)) throw new RangeError(`not a Julian day number: ${jdn}`);
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus fits; plausible 1800–2150). */
function deltaTSeconds(year: number): number {
  if (year >= 2050 && year < 2150) return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year >= 1860 && year < 1900) {
    const t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u;
}

function sinDeg(x: number): number {
  return Math.sin(x * RAD);
}

// Periodic terms of the true new moon, Meeus table 49.A: [coefficient, power of E, M, M', F, Ω].
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Planetary arguments of the new moon, Meeus (49.4 ff.): [coefficient, A at k = 0, rate per lunation].
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** The instant (Julian date, UT) of the k-th new moon after 2000-01-06 (k may be negative). */
function newMoonUt(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const jde = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  let correction = 0;
  for (const [c, ePower, cm, cmp, cf, co] of NEW_MOON_TERMS) {
    correction += c * e ** ePower * sinDeg(cm * m + cmp * mp + cf * f + co * omega);
  }
  for (const [i, [c, a0, rate]] of PLANETARY_TERMS.entries()) {
    // A1 alone has a secular term in T².
    const a = a0 + rate * k - (i === 0 ? 0.009173 * t2 : 0);
    correction += c * sinDeg(a);
  }
  const jdeTrue = jde + correction;
  return jdeTrue - deltaTSeconds(2000 + k / 12.3685) / 86400;
}

/** The Sun's apparent geocentric longitude in degrees [0, 360) at a Julian date in UT. */
function sunLongitude(jdUt: number): number {
  const year = 2000 + (jdUt - 2451545) / 365.25;
  const t = (jdUt + deltaTSeconds(year) / 86400 - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDeg(m) + (0.019993 - 0.000101 * t) * sinDeg(2 * m) + 0.000289 * sinDeg(3 * m);
  const omega = 125.04 - 1934.136 * t;
  const apparent = l0 + c - 0.00569 - 0.00478 * sinDeg(omega);
  return ((apparent % 360) + 360) % 360;
}

function checkTimeZone(timeZoneHours: number): void {
  if (!Number.isFinite(timeZoneHours) || timeZoneHours < -12 || timeZoneHours > 14) {
    throw new RangeError(`time zone must be hours east of UTC between -12 and 14, not ${timeZoneHours}`);
  }
}

const newMoonDays = new Map<string, number>();

/** The JDN of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, tz: number): number {
  const key = `${tz}:${k}`;
  let day = newMoonDays.get(key);
  if (day === undefined) {
    day = Math.floor(newMoonUt(k) + 0.5 + tz / 24);
    newMoonDays.set(key, day);
  }
  return day;
}

/** Which 30° sector the Sun is in at the local midnight that begins day `jdn`. */
function majorTermSector(jdn: number, tz: number): number {
  return Math.floor(sunLongitude(jdn - 0.5 - tz / 24) / 30);
}

/** The index k of the lunation whose month contains local day `jdn`. */
function lunationOf(jdn: number, tz: number): number {
  let k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k + 1, tz) <= jdn) k++;
  while (newMoonDay(k, tz) > jdn) k--;
  return k;
}

const month11Cache = new Map<string, number>();

/** The lunation index of month 11 (the month holding the winter solstice) of Gregorian `year`. */
function month11(year: number, tz: number): number {
  const key = `${tz}:${year}`;
  let k = month11Cache.get(key);
  if (k === undefined) {
    k = lunationOf(julianDayNumber({ year, month: 12, day: 31 }), tz);
    // A month that begins with the Sun already past 270° begins after the solstice.
    if (sunLongitude(newMoonDay(k, tz) - 0.5 - tz / 24) >= 270) k--;
    month11Cache.set(key, k);
  }
  return k;
}

interface LunarYearShape {
  /** Lunation index of month 11 of the previous lunar year: the first month of the span. */
  start: number;
  /** Months from that month 11 to the next one: 12 or 13. */
  months: number;
  /** Index in the span (1–12) of the leap month, when there are 13 months. */
  leapIndex: number | undefined;
}

/** The months from month 11 before lunar year `year`'s month 1 to month 11 of that year. */
function lunarYearShape(year: number, tz: number): LunarYearShape {
  const start = month11(year - 1, tz);
  const end = month11(year, tz);
  const months = end - start;
  let leapIndex: number | undefined;
  if (months === 13) {
    for (let i = 1; i < 13; i++) {
      if (majorTermSector(newMoonDay(start + i, tz), tz) === majorTermSector(newMoonDay(start + i + 1, tz), tz)) {
        leapIndex = i;
        break;
      }
    }
  }
  return { start, months, leapIndex };
}

/** Month number of the i-th month of a span that starts at month 11, ignoring any leap month. */
function monthNumber(i: number): number {
  return ((i + 10) % 12) + 1;
}

function isSolarDate(d: SolarDate): boolean {
  if (![d.year, d.month, d.day].every(Number.isInteger) || d.month < 1 || d.month > 12 || d.day < 1) return false;
  const back = fromJulianDayNumber(julianDayNumber(d));
  return back.year === d.year && back.month === d.month && back.day === d.day;
}

/**
 * The Vietnamese lunar date of a Gregorian date, reckoned at `timeZoneHours` east of UTC
 * (7 for Vietnam, 8 for China's calendar). Refuses (RangeError) dates that do not exist and
 * time zones outside −12…14.
 */
export function solarToLunar(date: SolarDate, timeZoneHours = vietnamTimeZoneHours): LunarDate {
  checkTimeZone(timeZoneHours);
  if (!isSolarDate(date)) throw new RangeError(`not a Gregorian date: ${JSON.stringify(date)}`);
  const jdn = julianDayNumber(date);
  const k = lunationOf(jdn, timeZoneHours);
  const day = jdn - newMoonDay(k, timeZoneHours) + 1;
  let year = date.year;
  if (k >= month11(year, timeZoneHours)) year++;
  const shape = lunarYearShape(year, timeZoneHours);
  const i = k - shape.start;
  let month: number;
  let leap = false;
  if (shape.leapIndex !== undefined && i >= shape.leapIndex) {
    month = monthNumber(i - 1);
    leap = i === shape.leapIndex;
  } else {
    month = monthNumber(i);
  }
  // Months 11 and 12 at the head of the span still belong to the previous lunar year.
  return { year: month >= 11 ? year - 1 : year, month, day, leap };
}

/** The lunation index of a lunar month, or undefined when the year has no such month. */
function lunationOfMonth(lunar: { year: number; month: number; leap?: boolean }, tz: number): number | undefined {
  const { year, month } = lunar;
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) return undefined;
  // Months 11 and 12 of `year` sit at the head of the span that leads to month 1 of year + 1.
  const shape = lunarYearShape(month >= 11 ? year + 1 : year, tz);
  const offset = month >= 11 ? month - 11 : month + 1;
  if (lunar.leap === true) {
    return shape.leapIndex === offset + 1 ? shape.start + offset + 1 : undefined;
  }
  return shape.start + (shape.leapIndex !== undefined && offset >= shape.leapIndex ? offset + 1 : offset);
}

/**
 * The number of days (29 or 30) of a lunar month; undefined when the year has no such month
 * (a leap month it lacks, a month outside 1–12). Refuses (RangeError) time zones outside −12…14.
 */
export function lunarMonthLength(
  lunar: { year: number; month: number; leap?: boolean },
  timeZoneHours = vietnamTimeZoneHours,
): number | undefined {
  checkTimeZone(timeZoneHours);
  const k = lunationOfMonth(lunar, timeZoneHours);
  return k === undefined ? undefined : newMoonDay(k + 1, timeZoneHours) - newMoonDay(k, timeZoneHours);
}

/**
 * Which month of lunar year `year` is leap (1–12), or undefined in a common year. Refuses
 * (RangeError) time zones outside −12…14.
 */
export function leapMonthOf(year: number, timeZoneHours = vietnamTimeZoneHours): number | undefined {
  checkTimeZone(timeZoneHours);
  if (!Number.isInteger(year)) return undefined;
  // A leap month after month 10 repeats 11 or 12 and so belongs to the lunar year that those
  // months end; look in both spans that hold months of `year`.
  const here = lunarYearShape(year, timeZoneHours);
  if (here.leapIndex !== undefined && here.leapIndex >= 3) return monthNumber(here.leapIndex - 1);
  const next = lunarYearShape(year + 1, timeZoneHours);
  if (next.leapIndex !== undefined && next.leapIndex <= 2) return monthNumber(next.leapIndex - 1);
  return undefined;
}

/**
 * The Gregorian date of a lunar date reckoned at `timeZoneHours` east of UTC; undefined when
 * the lunar date does not exist (a leap month the year lacks, day 30 of a 29-day month, a
 * month outside 1–12). Refuses (RangeError) time zones outside −12…14.
 */
export function lunarToSolar(lunar: LunarDateInput, timeZoneHours = vietnamTimeZoneHours): SolarDate | undefined {
  checkTimeZone(timeZoneHours);
  if (!Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > 30) return undefined;
  const k = lunationOfMonth(lunar, timeZoneHours);
  if (k === undefined) return undefined;
  const first = newMoonDay(k, timeZoneHours);
  if (lunar.day > newMoonDay(k + 1, timeZoneHours) - first) return undefined;
  return fromJulianDayNumber(first + lunar.day - 1);
}
