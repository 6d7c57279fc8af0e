// The draft working calendar of a year, from the Labour Code 2019 alone: the public holidays of
// art. 112 (solar and lunar dates) and the compensatory days of art. 111(3). The government
// announces each year's actual plan (Tết range, the day beside 2/9, Saturday swaps), so the
// draft is a starting point that a catalog admin must align with that announcement.
import { fromJulianDayNumber, julianDayNumber, lunarToSolar, solarToLunar, type SolarDate } from './lunar.js';

export interface DraftHoliday {
  date?: string;
  from?: string;
  to?: string;
  name: string;
  source: string;
}

export type DraftWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri';

/** Plain data shaped like a `kind: calendar` document (schemas/calendar.schema.json). */
export interface DraftCalendar {
  kind: 'calendar';
  id: string;
  name: string;
  description: string;
  timezone: string;
  week: Record<DraftWeekday, string[]>;
  holidays: DraftHoliday[];
  /** Always empty in a draft: swaps are decided by the government each year. */
  working_days: { date: string; name: string; source?: string }[];
}

export interface DraftCalendarOptions {
  /** Calendar id; default `vn-<year>`. */
  id?: string;
  /** IANA time zone; default Asia/Ho_Chi_Minh. */
  timezone?: string;
  /** Working hours of each weekday, Monday to Friday; default ["07:30-11:30", "13:30-17:00"]. */
  hours?: string[];
}

export interface DraftCalendarYamlOptions extends DraftCalendarOptions {
  /** What the editor modeline points at; default `schemas/calendar.schema.json`. */
  schemaPath?: string;
}

export const defaultDraftHours = ['07:30-11:30', '13:30-17:00'] as const;
export const draftYearRange = { min: 1900, max: 2100 } as const;

const weekdays: readonly DraftWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const dayNames = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'] as const;
const stems = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const branches = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;

const LAW = 'Bộ luật Lao động 2019, Điều 112 khoản 1';
const CHECK = 'BẢN NHÁP: đối chiếu với thông báo của Nhà nước năm';

/**
 * The rule for the day beside Quốc khánh (art. 112(1)(đ) leaves the choice to the Prime
 * Minister each year). The draft takes the neighbour of 2/9 that is a weekday and joins the
 * break to a weekend, as the announcements of 2022–2025 did: 2/9 on Monday or Sunday → 3/9;
 * Tuesday, Friday or Saturday → 1/9; Thursday → 3/9; Wednesday (neither joins) → 1/9, so that
 * one swapped Monday (31/8) would bridge the break to the weekend before.
 */
export const nationalDayRule =
  'Ngày liền kề Quốc khánh: chọn ngày làm việc (thứ Hai–thứ Sáu) cạnh 2/9 nối kỳ nghỉ với ngày nghỉ hằng tuần — 2/9 vào Chủ nhật, thứ Hai hoặc thứ Năm thì nghỉ 3/9; vào thứ Ba, thứ Tư, thứ Sáu hoặc thứ Bảy thì nghỉ 1/9.';

function iso(jdn: number): string {
  const d = fromJulianDayNumber(jdn);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function dmy(jdn: number): string {
  const d = fromJulianDayNumber(jdn);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(jdn: number): number {
  return (jdn + 1) % 7;
}

function isWeekend(jdn: number): boolean {
  const w = weekday(jdn);
  return w === 0 || w === 6;
}

function dayName(jdn: number): string {
  return dayNames[weekday(jdn)] ?? '';
}

function jdnOf(year: number, month: number, day: number): number {
  return julianDayNumber({ year, month, day });
}

function lunarJdn(date: SolarDate | undefined, what: string): number {
  // Every lunar year has months 1 and 3 without a leap flag, so this is a bug if it happens.
  if (!date) throw new Error(`no solar date for ${what}`);
  return julianDayNumber(date);
}

/** The sexagenary (can chi) name of lunar year `year`, e.g. "Bính Ngọ" for 2026. */
export function canChiYear(year: number): string {
  return `${stems[(((year + 6) % 10) + 10) % 10] ?? ''} ${branches[(((year + 8) % 12) + 12) % 12] ?? ''}`;
}

interface Closure {
  days: number[];
  name: string;
  source: string;
  range: boolean;
  /** Short name used in the compensatory days' names. */
  short: string;
}

const hourRangePattern = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const zonePattern = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/** The statutory closures of a year, in date order, before compensation. */
function statutoryClosures(year: number): Closure[] {
  const newYear = jdnOf(year, 1, 1);

  const tet = lunarJdn(lunarToSolar({ year, month: 1, day: 1 }), `Tết ${year}`);
  const eve = tet - 1;
  const eveLunar = solarToLunar(fromJulianDayNumber(eve));
  const tetName = `Tết Nguyên Đán ${canChiYear(year)} (từ ${eveLunar.day} tháng Chạp${eveLunar.leap ? ' nhuận' : ''} năm ${canChiYear(year - 1)} đến mùng 4 tháng Giêng)`;

  const hungKings = lunarJdn(lunarToSolar({ year, month: 3, day: 10 }), `10/3 âm lịch ${year}`);

  const nationalDay = jdnOf(year, 9, 2);
  const w = weekday(nationalDay);
  // See nationalDayRule: Sunday, Monday and Thursday look forward, the rest look back.
  const beside = w === 0 || w === 1 || w === 4 ? nationalDay + 1 : nationalDay - 1;

  const closures: Closure[] = [
    { days: [newYear], name: 'Tết Dương lịch', short: 'Tết Dương lịch', source: `${LAW} điểm a`, range: false },
    {
      days: [eve, eve + 1, eve + 2, eve + 3, eve + 4],
      name: tetName,
      short: 'Tết Nguyên Đán',
      source: `${LAW} điểm b (05 ngày Tết Âm lịch) và khoản 3 (Thủ tướng Chính phủ quyết định cụ thể) — ${CHECK} ${year}`,
      range: true,
    },
    {
      days: [hungKings],
      name: `Giỗ Tổ Hùng Vương (10/3 âm lịch, ${dayName(hungKings)})`,
      short: 'Giỗ Tổ Hùng Vương',
      source: `${LAW} điểm e`,
      range: false,
    },
    { days: [jdnOf(year, 4, 30)], name: 'Ngày Chiến thắng (30/4)', short: 'Ngày Chiến thắng 30/4', source: `${LAW} điểm c`, range: false },
    { days: [jdnOf(year, 5, 1)], name: 'Ngày Quốc tế Lao động (1/5)', short: 'Ngày Quốc tế Lao động 1/5', source: `${LAW} điểm d`, range: false },
    {
      days: [beside],
      name: `Quốc khánh – ngày liền kề (${fromJulianDayNumber(beside).day}/9)`,
      short: 'Quốc khánh',
      source: `${LAW} điểm đ (02 ngày: 2/9 và 01 ngày liền kề trước hoặc sau) và khoản 3 (Thủ tướng Chính phủ quyết định ngày liền kề) — ${CHECK} ${year}`,
      range: false,
    },
    { days: [nationalDay], name: 'Quốc khánh (2/9)', short: 'Quốc khánh', source: `${LAW} điểm đ`, range: false },
  ];
  return closures.sort((a, b) => (a.days[0] ?? 0) - (b.days[0] ?? 0));
}

/**
 * The draft calendar of `year`: Monday–Friday working hours, the public holidays of the Labour
 * Code 2019 art. 112 with their lunar dates computed, one compensatory day (art. 111(3)) on the
 * next working day after the holiday for each holiday day that falls on a Saturday or Sunday or
 * on another holiday, and no make-up working days. Refuses (RangeError) a year outside
 * 1900–2100, hours not written HH:MM-HH:MM, an id or a time zone the schema would reject.
 */
export function draftCalendar(year: number, opts: DraftCalendarOptions = {}): DraftCalendar {
  if (!Number.isInteger(year) || year < draftYearRange.min || year > draftYearRange.max) {
    throw new RangeError(`the draft calendar covers the years ${draftYearRange.min}–${draftYearRange.max}, not ${year}`);
  }
  const hours = opts.hours ?? [...defaultDraftHours];
  const badHours = hours.find((h) => !hourRangePattern.test(h));
  if (badHours !== undefined) throw new RangeError(`working hours must be written HH:MM-HH:MM, not "${badHours}"`);
  const id = opts.id ?? `vn-${year}`;
  if (!idPattern.test(id) || id.length > 64) throw new RangeError(`not a calendar id: "${id}"`);
  const timezone = opts.timezone ?? 'Asia/Ho_Chi_Minh';
  if (!zonePattern.test(timezone) || timezone.length > 64) throw new RangeError(`not an IANA time zone name: "${timezone}"`);

  const closures = statutoryClosures(year);
  const closed = new Set<number>();
  const kept: Closure[] = [];
  // Days a holiday gives up to the weekend or to another holiday, each owed back (art. 111(3)).
  const owed: { after: number; short: string; day: number; why: string }[] = [];
  for (const c of closures) {
    const own = c.days.filter((d) => !closed.has(d));
    const last = c.days[c.days.length - 1] ?? 0;
    for (const d of c.days) {
      if (closed.has(d)) owed.push({ after: last, short: c.short, day: d, why: `trùng ngày nghỉ lễ khác` });
      else if (isWeekend(d)) owed.push({ after: last, short: c.short, day: d, why: `là ngày nghỉ hằng tuần` });
      closed.add(d);
    }
    if (own.length === 0) {
      // A holiday wholly inside another (10/3 âm lịch on 30/4) keeps no entry of its own.
      const host = kept.find((k) => k.days.includes(c.days[0] ?? 0));
      if (host) host.name = `${host.name}; trùng ${c.name}`;
      continue;
    }
    kept.push({ ...c, days: own });
  }

  const compensations: Closure[] = [];
  for (const o of owed) {
    let d = o.after + 1;
    while (isWeekend(d) || closed.has(d)) d++;
    closed.add(d);
    compensations.push({
      days: [d],
      name: `Nghỉ bù ${o.short} (${dayName(o.day)} ${dmy(o.day)} ${o.why})`,
      short: o.short,
      source: `Bộ luật Lao động 2019, Điều 111 khoản 3 (ngày nghỉ lễ trùng ngày nghỉ hằng tuần thì được nghỉ bù vào ngày làm việc kế tiếp) — ${CHECK} ${year}`,
      range: false,
    });
  }

  const all = [...kept, ...compensations].sort((a, b) => (a.days[0] ?? 0) - (b.days[0] ?? 0));
  const holidays = all.map((c): DraftHoliday => {
    const first = c.days[0] ?? 0;
    const last = c.days[c.days.length - 1] ?? 0;
    return c.range && last !== first
      ? { from: iso(first), to: iso(last), name: c.name, source: c.source }
      : { date: iso(first), name: c.name, source: c.source };
  });

  const week = Object.fromEntries(weekdays.map((w) => [w, [...hours]])) as Record<DraftWeekday, string[]>;
  return {
    kind: 'calendar',
    id,
    name: `Lịch làm việc năm ${year} (BẢN NHÁP)`,
    description:
      `BẢN NHÁP tính từ Điều 112 Bộ luật Lao động 2019 (ngày lễ, Tết; ngày âm lịch tính theo múi giờ UTC+7) ` +
      `và Điều 111 khoản 3 (nghỉ bù khi ngày lễ trùng thứ Bảy, Chủ nhật), làm việc thứ Hai đến thứ Sáu. ` +
      `Chưa có ngày làm bù. Trước khi dùng để tính hạn, phải đối chiếu với thông báo chính thức năm ${year} ` +
      `(khoảng nghỉ Tết Âm lịch, ngày liền kề Quốc khánh, hoán đổi ngày làm việc) và sửa lại. ${nationalDayRule}`,
    timezone,
    week,
    holidays,
    working_days: [],
  };
}

function quote(text: string): string {
  // JSON strings are YAML double-quoted scalars; they keep commas and colons inside flow mappings.
  return JSON.stringify(text);
}

function folded(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/**
 * The draft calendar of `year` as YAML text: an editor modeline, a loud DRAFT warning, then the
 * document of draftCalendar(year, opts) with one flow mapping per holiday. Refuses what
 * draftCalendar refuses, and a schema path holding a line break (RangeError).
 */
export function draftCalendarYaml(year: number, opts: DraftCalendarYamlOptions = {}): string {
  const schemaPath = opts.schemaPath ?? 'schemas/calendar.schema.json';
  if (/[\r\n]/.test(schemaPath)) throw new RangeError('the schema path must be one line');
  const cal = draftCalendar(year, opts);
  const out: string[] = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# ======================================================================================`,
    `# BẢN NHÁP — DRAFT. KHÔNG DÙNG ĐỂ TÍNH HẠN TRƯỚC KHI ĐỐI CHIẾU. DO NOT USE UNREVIEWED.`,
    `# ======================================================================================`,
    `# Lịch năm ${year} này do tthc tính từ Bộ luật Lao động 2019, Điều 112 (ngày lễ, Tết) và`,
    `# Điều 111 khoản 3 (nghỉ bù), với ngày âm lịch tính theo thiên văn ở múi giờ UTC+7.`,
    `# Nhà nước công bố lịch nghỉ thực tế từng năm: quản trị viên PHẢI đối chiếu với thông báo`,
    `# chính thức năm ${year} (Thủ tướng Chính phủ / Bộ Nội vụ; văn bản của UBND tỉnh) và sửa:`,
    `#   - khoảng nghỉ Tết Âm lịch (bản nháp: 05 ngày, từ ngày cuối năm âm lịch đến mùng 4);`,
    `#   - ngày liền kề Quốc khánh 2/9 (bản nháp theo quy tắc dưới đây);`,
    `#   - các ngày hoán đổi, làm bù thứ Bảy (working_days; bản nháp để trống);`,
    `#   - giờ làm việc của địa phương (week) và độ dài ngày làm việc (day).`,
    ...folded(nationalDayRule, '# '),
    `# This is a DRAFT computed from Labour Code 2019 art. 112 and art. 111(3); align it with the`,
    `# government's announcement for ${year} (Tết range, the day beside 2/9, Saturday swaps).`,
    `kind: calendar`,
    `id: ${quote(cal.id)}`,
    `name: ${quote(cal.name)}`,
    `description: >-`,
    ...folded(cal.description, '  '),
    `timezone: ${quote(cal.timezone)}`,
    `week:`,
    ...weekdays.map((w) => `  ${w}: [${cal.week[w].map(quote).join(', ')}]`),
    `holidays:`,
    ...cal.holidays.map((h) => {
      const when = h.date !== undefined ? `date: ${h.date}` : `from: ${h.from ?? ''}, to: ${h.to ?? ''}`;
      return `  - { ${when}, name: ${quote(h.name)}, source: ${quote(h.source)} }`;
    }),
    `working_days: []`,
  ];
  return `${out.join('\n')}\n`;
}
