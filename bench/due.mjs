// The `due() per second` figure: a LIBRARY figure, measured inside one node process (no
// spawning per call). It times `WorkingCalendar#due` (dist/calendar/calendar.js: per-year
// tables of working intervals, binary searches) against a straightforward day-by-day walk, the
// way Znuny and GLPI compute a deadline, on the same pre-generated inputs, after checking that
// both give the same instant for EVERY input (a fast wrong answer is worthless).
//
//   node bench/due.mjs [--n 1000000] [--runs 7] [--seed 1] [--seconds 2] [--json]
//
// --json prints the figure as JSON on stdout (what bench/run.mjs reads); progress goes to
// stderr. Exit 1 when the two implementations disagree on any input, or anything else breaks.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayNumber, WorkingCalendar } from '../dist/calendar/calendar.js';
import { mulberry32 } from './generate.mjs';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/**
 * Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving since 1975). The baseline uses this
 * fixed offset rather than `cal.localToUtc`, which asks Intl for the offset twice per call: the
 * baseline would then measure Intl, not the day-by-day walk. (Znuny and GLPI likewise do plain
 * date arithmetic in one zone.)
 */
const OFFSET_MS = 7 * 3_600_000;
export const FIRST_YEAR = 2026;
export const LAST_YEAR = 2035;

/** Tết (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3), 2026–2035, in Vietnam's reckoning (UTC+7). */
const LUNAR = {
  2026: ['02-17', '04-26'],
  2027: ['02-06', '04-16'],
  2028: ['01-26', '04-04'],
  2029: ['02-13', '04-23'],
  2030: ['02-02', '04-12'],
  2031: ['01-23', '04-01'],
  2032: ['02-11', '04-19'],
  2033: ['01-31', '04-09'],
  2034: ['02-19', '04-28'],
  2035: ['02-08', '04-17'],
};

/** @param {number} day */
const iso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday. @param {number} day */
const weekday = (day) => (((day + 3) % 7) + 7) % 7;

/**
 * The 10-year calendar of the figure, deterministic: Mon–Fri 07:30–11:30 and 13:30–17:30,
 * receipt cut-off 16:00, and per year about 11 holiday entries in the shape of Labour Code 2019
 * art. 112 (New Year, a 9-day Tết range, Hùng Kings, 30/4, 1/5, 2/9 and a neighbouring day,
 * substitute days for those falling on a weekend, two bridge days) and two make-up Saturdays
 * (two weeks after each bridge day). The dates are plausible, not official.
 */
export function benchCalendar() {
  /** @type {{ date?: string, from?: string, to?: string, name: string }[]} */
  const holidays = [];
  /** @type {{ date: string, name: string }[]} */
  const workingDays = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const [tet, hung] = LUNAR[/** @type {keyof typeof LUNAR} */ (y)];
    const tetDay = dayNumber(`${y}-${tet}`);
    const national = dayNumber(`${y}-09-02`);
    /** @type {Set<number>} */
    const closed = new Set();
    /** @param {number} d @param {string} name */
    const single = (d, name) => {
      holidays.push({ date: iso(d), name });
      closed.add(d);
    };
    const singles = [
      [dayNumber(`${y}-01-01`), 'Tết Dương lịch'],
      [dayNumber(`${y}-${hung}`), 'Giỗ Tổ Hùng Vương'],
      [dayNumber(`${y}-04-30`), 'Ngày Chiến thắng'],
      [dayNumber(`${y}-05-01`), 'Ngày Quốc tế Lao động'],
      [national, 'Quốc khánh'],
      // The neighbouring day: 1/9 when 2/9 is a Monday or Tuesday, else 3/9.
      [weekday(national) <= 1 ? national - 1 : national + 1, 'Quốc khánh – ngày liền kề'],
    ];
    holidays.push({ from: iso(tetDay - 3), to: iso(tetDay + 5), name: 'Tết Nguyên đán' });
    for (let d = tetDay - 3; d <= tetDay + 5; d++) closed.add(d);
    for (const [d, name] of singles) single(/** @type {number} */ (d), /** @type {string} */ (name));
    // A holiday on a weekend gives the next free weekday off.
    for (const [d, name] of singles) {
      if (weekday(/** @type {number} */ (d)) < 5) continue;
      let s = /** @type {number} */ (d) + 1;
      while (weekday(s) >= 5 || closed.has(s)) s++;
      single(s, `Nghỉ bù ${name}`);
    }
    // Two bridge days, each worked back on the Saturday two weeks later: the first free weekday
    // after the National Day pair, and 31/12 (or the last free weekday before it).
    let b1 = national + 1;
    while (weekday(b1) >= 5 || closed.has(b1)) b1++;
    let b2 = dayNumber(`${y}-12-31`);
    while (weekday(b2) >= 5 || closed.has(b2)) b2--;
    for (const b of [b1, b2]) {
      single(b, 'Nghỉ hoán đổi');
      const sat = b + 14 + (5 - weekday(b));
      workingDays.push({ date: iso(sat), name: `Làm bù cho ngày ${iso(b)}` });
    }
  }
  return {
    id: 'bench-2026-2035',
    timezone: 'Asia/Ho_Chi_Minh',
    week: {
      mon: ['07:30-11:30', '13:30-17:30'],
      tue: ['07:30-11:30', '13:30-17:30'],
      wed: ['07:30-11:30', '13:30-17:30'],
      thu: ['07:30-11:30', '13:30-17:30'],
      fri: ['07:30-11:30', '13:30-17:30'],
    },
    receipt_cutoff: '16:00',
    holidays,
    working_days: workingDays,
  };
}

/**
 * The baseline: a day-by-day walk, as Znuny (Kernel::System::Time::DestinationTime) and GLPI
 * (Calendar::computeEndDate) do it. From the start instant's local day, take each day's working
 * periods from the calendar (`cal.hoursOfDay`, empty on closed days), consume minutes until the
 * duration is used up. No tables, no binary search. Local time is the fixed +07:00 offset.
 * Same contract as `cal.due`: the start is first moved into working time (past the receipt
 * cut-off with `cutoff`), and a deadline that ends exactly at a period's end stays there.
 * Works in whole milliseconds since local midnight, so that it is exact.
 * @param {WorkingCalendar} cal
 * @param {Date} start
 * @param {number} minutes
 * @param {{ cutoff?: boolean }} [opts]
 * @returns {Date}
 */
export function dueDayByDay(cal, start, minutes, opts = {}) {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`a duration must be a non-negative number of minutes, not ${minutes}`);
  const local = start.getTime() + OFFSET_MS;
  let day = Math.floor(local / DAY_MS);
  let at = local - day * DAY_MS; // milliseconds after local midnight
  // Received after the cut-off: the count starts with the next day.
  if (opts.cutoff === true && cal.cutoffMinutes !== undefined && at > cal.cutoffMinutes * MINUTE_MS) {
    day++;
    at = 0;
  }
  let left = minutes * MINUTE_MS;
  for (let guard = 0; guard < 366 * 200; guard++) {
    const periods = cal.hoursOfDay(day);
    for (let i = 0; i < periods.length; i++) {
      const p = /** @type {{ start: number, end: number }} */ (periods[i]);
      const end = p.end * MINUTE_MS;
      if (end <= at) continue;
      const from = p.start * MINUTE_MS > at ? p.start * MINUTE_MS : at;
      if (left <= end - from) return new Date(day * DAY_MS + from + left - OFFSET_MS);
      left -= end - from;
    }
    day++;
    at = 0;
  }
  throw new RangeError(`calendar "${cal.id}" has no working time within 200 years`);
}

/**
 * N inputs from one seeded stream: a start instant uniform (to the millisecond) over local
 * 2026-01-01 00:00 … 2036-01-01 00:00; a duration of n × dayMinutes working minutes, n uniform
 * in 1..30, plus for half the inputs 1–239 extra minutes; the receipt cut-off on for half.
 * @param {WorkingCalendar} cal
 * @param {number} n
 * @param {number} seed
 */
export function makeInputs(cal, n, seed) {
  const rnd = mulberry32(seed);
  const lo = cal.localToUtc(dayNumber(`${FIRST_YEAR}-01-01`), 0);
  const hi = cal.localToUtc(dayNumber(`${LAST_YEAR + 1}-01-01`), 0);
  /** @type {Date[]} */
  const starts = new Array(n);
  const minutes = new Float64Array(n);
  const cutoff = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = new Date(lo + Math.floor(rnd() * (hi - lo)));
    const days = 1 + Math.floor(rnd() * 30);
    const extra = rnd() < 0.5 ? 0 : 1 + Math.floor(rnd() * 239);
    minutes[i] = days * cal.dayMinutes + extra;
    cutoff[i] = rnd() < 0.5 ? 1 : 0;
  }
  return { starts, minutes, cutoff };
}

const WITH_CUTOFF = Object.freeze({ cutoff: true });
const WITHOUT_CUTOFF = Object.freeze({ cutoff: false });

// One loop per implementation, so that each call site stays monomorphic. Each returns the sum
// of the answers' epoch milliseconds, checked against the sum of the verified answers (the same
// additions in the same order), so the timed runs are also proven to give the right instants.

/** @param {WorkingCalendar} cal @param {ReturnType<typeof makeInputs>} inp @param {number} count */
function loopOurs(cal, inp, count) {
  const { starts, minutes, cutoff } = inp;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += cal.due(starts[i], minutes[i], cutoff[i] ? WITH_CUTOFF : WITHOUT_CUTOFF).getTime();
  return sum;
}

/** @param {WorkingCalendar} cal @param {ReturnType<typeof makeInputs>} inp @param {number} count */
function loopBaseline(cal, inp, count) {
  const { starts, minutes, cutoff } = inp;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += dueDayByDay(cal, starts[i], minutes[i], cutoff[i] ? WITH_CUTOFF : WITHOUT_CUTOFF).getTime();
  return sum;
}

/** @param {WorkingCalendar} cal @param {Date[]} starts @param {Date[]} ends @param {number} count */
function loopBetween(cal, starts, ends, count) {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += cal.between(starts[i], ends[i]);
  return sum;
}

/** @param {() => number} fn @returns {[number, number]} seconds and the loop's result */
function timed(fn) {
  const t0 = process.hrtime.bigint();
  const r = fn();
  const t1 = process.hrtime.bigint();
  return [Number(t1 - t0) / 1e9, r];
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** @param {Float64Array} xs @param {number} count */
function sumOf(xs, count) {
  let s = 0;
  for (let i = 0; i < count; i++) s += xs[i];
  return s;
}

/** A figure that is not met (a wrong answer): bench/run.mjs reports it and aborts. */
export class MismatchError extends Error {}

/**
 * Builds the calendar and inputs, checks ours against the baseline on every input (this pass is
 * also the warm-up), then `runs` timed rounds of: ours on all N inputs, the baseline on as many
 * as fit in about `seconds` (all N when they fit), `between` on the N (start, due) pairs.
 * @param {{ n?: number, runs?: number, seed?: number, seconds?: number, log?: (msg: string) => void }} [o]
 */
export function measureDue({ n = 1_000_000, runs = 7, seed = 1, seconds = 2, log = () => {} } = {}) {
  const input = benchCalendar();
  const cal = WorkingCalendar.compile(input);
  const inp = makeInputs(cal, n, seed);

  // The baseline itself, against answers worked out by hand (Friday 9 January 2026, then the
  // weekend, then Monday 12 January): so that a bug shared by both cannot pass unseen.
  for (const [start, min, cut, want] of /** @type {const} */ ([
    ['2026-01-09T16:30:00+07:00', 480, true, '2026-01-12T17:30:00+07:00'], // after the cut-off: all of Monday
    ['2026-01-09T16:30:00+07:00', 480, false, '2026-01-12T16:30:00+07:00'], // 60 min Friday, 420 Monday
    ['2026-01-09T10:00:00+07:00', 90, false, '2026-01-09T11:30:00+07:00'], // ends at a period's end: stays
    ['2026-01-09T12:00:00+07:00', 0, false, '2026-01-09T13:30:00+07:00'], // lunch break: snapped
    ['2026-01-09T16:00:00+07:00', 60, true, '2026-01-09T17:00:00+07:00'], // at the cut-off: still today
  ])) {
    const got = dueDayByDay(cal, new Date(start), min, { cutoff: cut });
    if (got.getTime() !== Date.parse(want)) throw new MismatchError(`baseline self-test: ${start} + ${min} min${cut ? ' (cutoff)' : ''} gave ${cal.format(got)}, expected ${want}`);
  }

  // Warm-up 1: build every year table the inputs can reach (the ones before and after the 10
  // years too: lookups near 1 January and deadlines running into 2036 touch them).
  for (let y = FIRST_YEAR - 1; y <= LAST_YEAR + 1; y++) cal.due(new Date(Date.UTC(y, 5, 1)), 1);

  // Warm-up 2 and the check: every input through both, compared to the millisecond.
  log(`  checking ours against the day-by-day baseline on all ${n.toLocaleString('en-US')} inputs …`);
  const ours = new Float64Array(n);
  /** @type {Date[]} */
  const oursDates = new Array(n);
  const base = new Float64Array(n);
  const { starts, minutes, cutoff } = inp;
  const [checkOursSeconds] = timed(() => {
    for (let i = 0; i < n; i++) {
      const d = cal.due(starts[i], minutes[i], cutoff[i] ? WITH_CUTOFF : WITHOUT_CUTOFF);
      oursDates[i] = d;
      ours[i] = d.getTime();
    }
    return 0;
  });
  const [checkBaseSeconds] = timed(() => {
    for (let i = 0; i < n; i++) base[i] = dueDayByDay(cal, starts[i], minutes[i], cutoff[i] ? WITH_CUTOFF : WITHOUT_CUTOFF).getTime();
    return 0;
  });
  /** @type {string[]} */
  const diffs = [];
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    if (ours[i] === base[i]) continue;
    mismatches++;
    if (diffs.length < 5) {
      const f = (/** @type {number} */ ms) => {
        if (!Number.isFinite(ms)) return String(ms);
        const t = cal.format(new Date(ms)); // 2026-01-05T09:00:00+07:00, to the second
        return `${t.slice(0, 19)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}${t.slice(19)}`;
      };
      diffs.push(`#${i}: start ${f(starts[i].getTime())}, ${minutes[i]} min${cutoff[i] ? ', cutoff' : ''}: ours ${f(ours[i])}, baseline ${f(base[i])}`);
    }
  }
  if (mismatches > 0) {
    throw new MismatchError(`due(): ours and the day-by-day baseline differ on ${mismatches} of ${n} inputs; not timing a wrong answer:\n  ${diffs.join('\n  ')}`);
  }
  // between(start, due(start, m)) must give m back when the cut-off did not move the start.
  let betweenBad = 0;
  for (let i = 0; i < n; i++) {
    const w = cal.between(starts[i], oursDates[i]);
    if (cutoff[i] ? w < minutes[i] : w !== minutes[i]) betweenBad++;
  }
  if (betweenBad > 0) throw new MismatchError(`between(start, due(start, m)) is not m (or, with the cut-off, not ≥ m) on ${betweenBad} of ${n} inputs`);
  log(`  all ${n.toLocaleString('en-US')} answers equal; between() gives the durations back`);

  // The baseline's share: as many inputs as fit in about `seconds`, judged from its check pass.
  const baseCount = Math.min(n, Math.max(1000, Math.floor((n * seconds) / checkBaseSeconds)));
  const expectOurs = sumOf(ours, n);
  const expectBase = sumOf(base, baseCount);
  /** @type {number[]} */ const oursRates = [];
  /** @type {number[]} */ const baseRates = [];
  /** @type {number[]} */ const betweenRates = [];
  for (let r = 0; r < runs; r++) {
    const [so, sumO] = timed(() => loopOurs(cal, inp, n));
    const [sb, sumB] = timed(() => loopBaseline(cal, inp, baseCount));
    const [sw] = timed(() => loopBetween(cal, starts, oursDates, n));
    if (sumO !== expectOurs || sumB !== expectBase) throw new MismatchError(`due(): a timed run gave different answers from the checked ones (run ${r + 1})`);
    oursRates.push(n / so);
    baseRates.push(baseCount / sb);
    betweenRates.push(n / sw);
    log(`  run ${r + 1}/${runs}: ours ${fmtRate(oursRates[r])}, baseline ${fmtRate(baseRates[r])} (${baseCount.toLocaleString('en-US')} calls), between ${fmtRate(betweenRates[r])}`);
  }
  const side = (/** @type {string} */ command, /** @type {number} */ calls, /** @type {number[]} */ rates) => ({
    command,
    calls,
    median: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    runs: rates,
  });
  const oursSide = side('WorkingCalendar#due (dist/calendar/calendar.js), in process', n, oursRates);
  const baseSide = side('dueDayByDay (bench/due.mjs: day-by-day walk over cal.hoursOfDay, fixed +07:00), in process', baseCount, baseRates);
  return {
    id: 'due-rate',
    label: 'due() per second',
    unit: 'due/s',
    ours: oursSide,
    baseline: baseSide,
    ratio: oursSide.median / baseSide.median,
    target: { min_per_second: 1_000_000 },
    pass: oursSide.median >= 1_000_000,
    check: { inputs: n, equal: n - mismatches, mismatches, between_gives_back: n - betweenBad },
    between: { ...side('WorkingCalendar#between(start, due) on the same pairs', n, betweenRates), unit: 'between/s' },
    inputs: {
      seed,
      calendar: { id: input.id, years: [FIRST_YEAR, LAST_YEAR], timezone: input.timezone, holiday_entries: input.holidays.length, make_up_days: input.working_days.length, day_minutes: cal.dayMinutes, receipt_cutoff: input.receipt_cutoff },
      starts: `uniform to the ms over local ${FIRST_YEAR}-01-01 … ${LAST_YEAR + 1}-01-01`,
      minutes: 'n × dayMinutes, n uniform 1..30, + 1–239 for half the inputs',
      cutoff: 'on for half the inputs',
    },
    warmup_seconds: { ours: checkOursSeconds, baseline: checkBaseSeconds },
  };
}

/** "1.23 M/s". @param {number} r */
export function fmtRate(r) {
  return `${(r / 1e6).toFixed(r >= 1e5 ? 2 : 3)} M/s`;
}

async function cli() {
  const argv = process.argv.slice(2);
  const o = { n: 1_000_000, runs: 7, seed: 1, seconds: 2, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!(v > 0)) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--n') o.n = Math.floor(num());
    else if (a === '--runs') o.runs = Math.floor(num());
    else if (a === '--seed') o.seed = Math.floor(num());
    else if (a === '--seconds') o.seconds = num();
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a}; usage: node bench/due.mjs [--n N] [--runs N] [--seed S] [--seconds S] [--json]`);
  }
  const fig = measureDue({ ...o, log: (m) => process.stderr.write(`${m}\n`) });
  if (o.json) process.stdout.write(JSON.stringify(fig) + '\n');
  else {
    process.stdout.write(
      `due() per second: ours ${fmtRate(fig.ours.median)}, baseline ${fmtRate(fig.baseline.median)}, ${fig.ratio.toFixed(1)}× faster, ` +
        `target ≥ 1 M/s: ${fig.pass ? 'PASS' : 'FAIL'}; between ${fmtRate(fig.between.median)}; ${fig.check.equal}/${fig.check.inputs} answers equal\n`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((e) => {
    process.stderr.write(`bench/due.mjs: ${e instanceof MismatchError ? e.message : (e?.stack ?? e)}\n`);
    process.exitCode = 1;
  });
}
