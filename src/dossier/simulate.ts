// `tthc simulate`: a realistic, reproducible stream of dossier events for a loaded catalog, as a
// discrete-event simulation. Arrivals follow each procedure's popularity and a weekday, seasonal
// and Tết rhythm, inside the working hours of the procedure's calendar; each dossier then lives
// its life (steps of log-normal working time around their budgets, slower for a few officials and
// steps, supplements, refusals, withdrawals, stops, apologies, returns and ratings), every event
// applied to the pure state machine before it is given out. The stream is in time order across
// all dossiers (a priority queue holds the next action of each open dossier), and memory holds
// only the dossiers in flight. Pure: the catalog comes in as plain data, time from the options.
import { dateOfDay, weekdayOfDay, type Weekday, type WorkingCalendar } from '../calendar/calendar.js';
import { parseDuration } from '../calendar/duration.js';
import { lunarToSolar } from '../calendar/lunar.js';
import { formatInZone, localDate } from '../calendar/zone.js';
import { InputError } from '../errors.js';
import { channels as allChannels, type Channel, type DossierEvent } from './events.js';
import { stepPredecessors, type ProcedureVersion, type StepAction } from './procedure.js';
import { Random, cumulativeOf, hashString } from './random.js';
import * as texts from './simulate-texts.js';
import { applyEvent, type ApplyContext, type DossierState } from './state.js';

/** A procedure as the simulator needs it: its current version and where and when it applies. */
export interface SimulatedProcedure {
  readonly version: ProcedureVersion;
  /** The unit id responsible for the result. */
  readonly agency: string;
  /** The agency's QCVN code; procedures without one are left out (a dossier code needs it). */
  readonly agencyCode: string | null;
  readonly calendar: WorkingCalendar;
  /** First and last day (YYYY-MM-DD, the calendar's zone) the version applies. */
  readonly effective_from?: string;
  readonly effective_to?: string;
  readonly mechanism?: string;
  /** How it may be filed; all channels when absent. */
  readonly channels?: readonly Channel[];
  /** Names of the dossier's components: what a request to supplement asks for. */
  readonly components?: readonly string[];
}

/** The catalog as plain data: procedures, and the officials who may complete steps. */
export interface SimulationCatalog {
  readonly procedures: readonly SimulatedProcedure[];
  readonly officials: readonly { readonly id: string; readonly unit: string }[];
}

export interface SimulateOptions {
  /** Dossiers received in the period: exactly this many `received` events. */
  readonly dossiers: number;
  /** The period `from ≤ t < to`: nothing happens outside it. */
  readonly from: Date;
  readonly to: Date;
  /** An unsigned 32-bit integer: the same seed and options give the same stream. */
  readonly seed: number;
}

/** An event and the time zone of its dossier's calendar (for writing its instants). */
export interface SimulatedEvent {
  readonly event: DossierEvent;
  readonly timeZone: string;
}

/** What a finished simulation produced. */
export interface SimulationSummary {
  dossiers: number;
  events: number;
  /** Dossiers received and not ended at `to`. */
  in_progress: number;
}

/** The parameters of the model, for the README and for tests that reason about the output. */
export const simulationModel = {
  /** Shares of dossiers asked to supplement once and twice (twice makes a dossier late). */
  supplementOnce: 0.12,
  supplementTwice: 0.03,
  /** Shares of dossiers refused (at the end of appraisal), withdrawn and stopped. */
  refused: 0.03,
  withdrawn: 0.02,
  stopped: 0.004,
  /** Of the withdrawals of a dossier asked to supplement, the share made instead of supplementing. */
  withdrawnWhileWaiting: 0.6,
  /** A step's working time: its budget × log-normal(median, σ) × the official's and step's factors. */
  workMedian: 0.5,
  workSigma: 0.55,
  /** Share of the officials who complete steps (at least one) that is slow, and their factor. */
  slowOfficials: 0.15,
  slowOfficialFactor: [1.8, 2.6],
  normalOfficialFactor: [0.85, 1.15],
  /** Share of (procedure, step) pairs that are bottlenecks, and their factor. */
  bottleneckSteps: 0.1,
  bottleneckFactor: [1.3, 1.7],
  /** Share of the dossiers that, when overdue, get an apology (form 04). */
  apologizeWhenLate: 0.3,
  /** Share of resolved dossiers whose result is collected (`returned`), and of ended ones rated. */
  returned: 0.75,
  ratedResolved: 0.45,
  ratedOther: 0.25,
  /** How dossiers are filed, among the channels the procedure allows. */
  channels: { counter: 0.6, online: 0.35, post: 0.05 } as Record<Channel, number>,
  /** Median calendar days the applicant takes to supplement (and before withdrawing instead). */
  supplementWaitDays: 3,
  withdrawWaitDays: 12,
  /** Arrival rhythm: per weekday, per month (January first), morning and afternoon. */
  weekday: { mon: 1.25, tue: 1.1, wed: 1.0, thu: 0.95, fri: 0.85, sat: 0.6, sun: 0.5 } as Record<Weekday, number>,
  month: [1.1, 0.9, 1.1, 1.0, 0.95, 0.95, 0.9, 0.9, 1.0, 1.05, 1.1, 1.2],
  morning: 1.25,
  afternoon: 0.85,
} as const;

/**
 * The arrival factor of a day `offset` days after Tết (lunar 1/1; negative before): a rush three
 * weeks before, a lull in the last week and the Tết week (mostly closed anyway), then two weeks
 * of recovery.
 */
export function tetFactor(offset: number): number {
  if (offset >= -21 && offset <= -8) return 1.15;
  if (offset >= -7 && offset <= -1) return 0.55;
  if (offset >= 0 && offset <= 6) return 0.25;
  if (offset >= 7 && offset <= 20) return 0.5 + (0.5 * (offset - 7)) / 14;
  return 1;
}

/** The JSON line of an event (no newline): SPEC.md's fields in order, instants with the zone's offset. */
export function eventJsonLine(e: DossierEvent, timeZone: string): string {
  return jsonLine(e, (t) => formatInZone(t, timeZone));
}

function jsonLine(e: DossierEvent, format: (t: Date) => string): string {
  const q = JSON.stringify;
  let line = `{"id":${q(e.id)},"dossier":${q(e.dossier)},"type":${q(e.type)},"at":"${format(e.at)}","by":${e.by === null ? 'null' : q(e.by)}`;
  for (const k in e) {
    if (k === 'id' || k === 'dossier' || k === 'type' || k === 'at' || k === 'by') continue;
    const v = (e as unknown as Record<string, unknown>)[k];
    if (v !== undefined) line += `,${q(k)}:${v instanceof Date ? `"${format(v)}"` : q(v)}`;
  }
  return `${line}}`;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `formatInZone` for a stream of instants, faster: the date and the offset are worked out once
 * per local day (when the offset is the same all that day, as in Vietnam), the time of day by
 * arithmetic.
 */
function dayFormatter(timeZone: string): (t: Date) => string {
  let start = Number.NaN;
  let head = '';
  let tail = '';
  return (t) => {
    const ms = t.getTime();
    if (!(ms >= start && ms < start + dayMs)) {
      const text = formatInZone(t, timeZone);
      const first = ms - (((ms % 1000) + 1000) % 1000) - (Number(text.slice(11, 13)) * 3600 + Number(text.slice(14, 16)) * 60 + Number(text.slice(17, 19))) * 1000;
      const last = formatInZone(new Date(first + dayMs - 1000), timeZone);
      if (last.slice(0, 10) !== text.slice(0, 10) || last.slice(19) !== text.slice(19)) return text;
      start = first;
      head = text.slice(0, 11);
      tail = text.slice(19);
    }
    const sec = Math.floor((ms - start) / 1000);
    return `${head}${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}${tail}`;
  };
}

/**
 * The events of the simulation, in time order (ties: the dossier received first). Returns the
 * summary when done. Refuses (InputError) a catalog with no procedure whose agency has a code,
 * or none in force in working hours of the period; (RangeError) options out of range.
 */
export function* simulateWithZones(catalog: SimulationCatalog, options: SimulateOptions): Generator<SimulatedEvent, SimulationSummary> {
  const sim = new Simulation(catalog, options);
  for (let e = sim.next(); e !== undefined; e = sim.next()) yield e;
  return sim.summary();
}

/** The events of the simulation, in time order; see `simulateWithZones`. */
export function* simulate(catalog: SimulationCatalog, options: SimulateOptions): Generator<DossierEvent, SimulationSummary> {
  const sim = new Simulation(catalog, options);
  for (let e = sim.next(); e !== undefined; e = sim.next()) yield e.event;
  return sim.summary();
}

/** The JSON lines of the simulation (no newlines), in time order; see `simulateWithZones`. */
export function* simulateJsonLines(catalog: SimulationCatalog, options: SimulateOptions): Generator<string, SimulationSummary> {
  const sim = new Simulation(catalog, options);
  const formats = new Map<string, (t: Date) => string>();
  for (let e = sim.next(); e !== undefined; e = sim.next()) {
    let format = formats.get(e.timeZone);
    if (!format) formats.set(e.timeZone, (format = dayFormatter(e.timeZone)));
    yield jsonLine(e.event, format);
  }
  return sim.summary();
}

const dayMs = 86_400_000;
const minuteMs = 60_000;
const ceilSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;

interface StepPlan {
  readonly id: string;
  readonly action: StepAction;
  /** Working minutes of its budget. */
  readonly budget: number;
  /** Who may complete it: its assignee, else the officials of its unit (none: `by` null). */
  readonly officials: readonly string[];
  /** > 1 for a bottleneck. */
  readonly factor: number;
  /** Indices of the steps it waits for. */
  readonly preds: readonly number[];
}

interface ProcPlan {
  readonly sp: SimulatedProcedure;
  readonly cal: WorkingCalendar;
  /** What the state machine needs, made once. */
  readonly ctx: ApplyContext;
  readonly agencyCode: string;
  readonly steps: readonly StepPlan[];
  readonly weight: number;
  /** The step during which supplements are asked and refusals made. */
  readonly appraise: number;
  /** The step whose official hands the result over. */
  readonly returnStep: number;
  readonly channels: readonly Channel[];
  readonly channelCum: Float64Array;
  readonly items: readonly string[];
}

type HookKind = 'supplement' | 'refuse' | 'stop' | 'withdraw' | 'complete';
const hookRank: Record<HookKind, number> = { supplement: 0, refuse: 1, stop: 1, withdraw: 1, complete: 2 };

interface Hook {
  /** Working minutes into the step. */
  readonly offset: number;
  readonly kind: HookKind;
}

/** A step of a dossier as planned: its working time, who does it, what happens on the way. */
interface StepRun {
  readonly work: number;
  readonly official: string | null;
  readonly hooks: Hook[];
  next: number;
  /** Working minutes done before `segStart`. */
  done: number;
  /** When its clock last (re)started; NaN while not running or while the dossier waits. */
  segStart: number;
  /** Cached instant of its next hook; NaN when unknown. */
  at: number;
}

type Action = 'hook' | 'resume' | 'withdraw-waiting' | 'apologize' | 'return' | 'rate' | 'none';

interface Open {
  readonly index: number;
  readonly code: string;
  readonly p: ProcPlan;
  readonly rng: Random;
  state: DossierState;
  readonly runs: StepRun[];
  supplementsLeft: number;
  withdrawInWait: boolean;
  waitUntil: number;
  waitEndsInWithdrawal: boolean;
  /** Working minutes after the due time an apology comes; negative: never. */
  apologyDelay: number;
  apologyFor: number;
  apologyAt: number;
  returnAt: number;
  rateAt: number;
  /** The next action: when, what, on which step. */
  at: number;
  action: Action;
  step: number;
}

/** The day factor of the arrival rhythm: weekday × month × Tết. */
function dayFactor(day: number, tetDay: (year: number) => number): number {
  const date = dateOfDay(day);
  const year = Number(date.slice(0, 4));
  const m = simulationModel.month[Number(date.slice(5, 7)) - 1]!;
  // The days before next year's Tết (late January at the earliest) may fall in December.
  const a = day - tetDay(year);
  const b = day - tetDay(year + 1);
  return simulationModel.weekday[weekdayOfDay(day)] * m * tetFactor(Math.abs(a) <= Math.abs(b) ? a : b);
}

/** Arrivals on one calendar's working intervals, as sorted uniform order statistics. */
class ArrivalStream {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly cum: number[] = [];
  private readonly sets: number[] = [];
  private readonly setProcs: ProcPlan[][] = [];
  private readonly setCum: Float64Array[] = [];
  private count = 0;
  private made = 0;
  private x = 0;
  private pos = 0;
  private readonly rng: Random;

  constructor(cal: WorkingCalendar, procs: readonly ProcPlan[], from: number, to: number, rng: Random, tetDay: (year: number) => number) {
    this.rng = rng;
    const setIndex = new Map<string, number>();
    let total = 0;
    const firstDay = cal.utcToLocal(from).day;
    const lastDay = cal.utcToLocal(to - 1).day;
    for (let d = firstDay; d <= lastDay; d++) {
      const hours = cal.hoursOfDay(d);
      if (hours.length === 0) continue;
      const date = dateOfDay(d);
      const inForce = procs.filter((p) => (p.sp.effective_from ?? '') <= date && (p.sp.effective_to === undefined || date <= p.sp.effective_to));
      if (inForce.length === 0) continue;
      const key = inForce.map((p) => p.sp.version.code).join('\n');
      let set = setIndex.get(key);
      if (set === undefined) {
        set = this.setProcs.length;
        setIndex.set(key, set);
        this.setProcs.push(inForce);
        this.setCum.push(cumulativeOf(inForce.map((p) => p.weight)));
      }
      const f = dayFactor(d, tetDay) * this.setCum[set]![inForce.length - 1]!;
      for (const h of hours) {
        // Whole seconds only: the events are written to the second.
        const s = ceilSecond(Math.max(cal.localToUtc(d, h.start), from));
        const e = Math.min(cal.localToUtc(d, h.end), to);
        if (s >= e) continue;
        total += ((e - s) / minuteMs) * f * (h.start < 12 * 60 ? simulationModel.morning : simulationModel.afternoon);
        this.starts.push(s);
        this.ends.push(e);
        this.cum.push(total);
        this.sets.push(set);
      }
    }
  }

  /** The total arrival weight: how much of the period's arrivals this calendar gets. */
  get weight(): number {
    return this.cum.length > 0 ? this.cum[this.cum.length - 1]! : 0;
  }

  /** Sets how many arrivals the stream makes. */
  plan(count: number): void {
    this.count = count;
  }

  /** The next arrival: its instant (whole seconds, ascending) and procedure; undefined when done. */
  next(): { at: number; p: ProcPlan } | undefined {
    if (this.made >= this.count) return undefined;
    // The smallest of the m uniforms left on (x, 1) is x + (1 − x)(1 − U^(1/m)): sorted uniforms
    // one by one in O(1) memory (Bentley & Saxe, "Generating sorted lists of random numbers", 1980).
    this.x += (1 - this.x) * (1 - Math.pow(this.rng.positive(), 1 / (this.count - this.made)));
    this.made++;
    const target = this.x * this.weight;
    const last = this.cum.length - 1;
    while (this.pos < last && this.cum[this.pos]! <= target) this.pos++;
    const i = this.pos;
    const before = i > 0 ? this.cum[i - 1]! : 0;
    const frac = Math.min(1, Math.max(0, (target - before) / (this.cum[i]! - before)));
    const s = this.starts[i]!;
    const lastSecond = Math.ceil(this.ends[i]! / 1000) * 1000 - 1000;
    const at = Math.min(Math.max(Math.floor((s + frac * (this.ends[i]! - s)) / 1000) * 1000, s), lastSecond);
    const set = this.sets[i]!;
    return { at, p: this.setProcs[set]![this.rng.weighted(this.setCum[set]!)]! };
  }
}

/** The next-action queue: a binary heap on (instant, dossier number). */
class Queue {
  private readonly items: Open[] = [];

  peek(): Open | undefined {
    return this.items[0];
  }

  private static less(a: Open, b: Open): boolean {
    return a.at < b.at || (a.at === b.at && a.index < b.index);
  }

  push(o: Open): void {
    const h = this.items;
    let i = h.length;
    h.push(o);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!Queue.less(o, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = o;
  }

  pop(): Open | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && Queue.less(h[r]!, h[l]!) ? r : l;
      if (!Queue.less(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

class Simulation {
  private readonly seed: number;
  /**
   * Seeds the arrivals and the dossiers' lives: the seed with the period, so that another period
   * brings other people. The officials' and steps' speeds depend on the seed alone.
   */
  private readonly periodSeed: number;
  private readonly from: number;
  private readonly to: number;
  private readonly streams: ArrivalStream[] = [];
  private readonly heads: ({ at: number; p: ProcPlan } | undefined)[] = [];
  private readonly queue = new Queue();
  private readonly sequences = new Map<string, number>();
  private sequenceDay = '';
  /** Working-time factor of each official who completes steps (> 1: slow). */
  private officialFactor = new Map<string, number>();
  private received = 0;
  private endedCount = 0;
  private emitted = 0;

  constructor(catalog: SimulationCatalog, o: SimulateOptions) {
    if (!Number.isSafeInteger(o.dossiers) || o.dossiers < 0) throw new RangeError(`the number of dossiers must be a whole number ≥ 0, not ${o.dossiers}`);
    if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new RangeError(`the seed must be a whole number from 0 to 4294967295, not ${o.seed}`);
    if (!(o.from.getTime() < o.to.getTime())) throw new RangeError('the period must start before it ends');
    this.seed = o.seed;
    this.periodSeed = hashString(`${o.seed} ${o.from.toISOString()} ${o.to.toISOString()}`);
    this.from = o.from.getTime();
    this.to = o.to.getTime();
    const plans = this.plans(catalog);
    const byCalendar = new Map<WorkingCalendar, ProcPlan[]>();
    for (const p of plans) byCalendar.set(p.cal, [...(byCalendar.get(p.cal) ?? []), p]);
    const tets = new Map<number, number>();
    const tetDay = (year: number): number => {
      let d = tets.get(year);
      if (d === undefined) {
        const s = lunarToSolar({ year, month: 1, day: 1 });
        d = s ? Date.UTC(s.year, s.month - 1, s.day) / dayMs : Number.NaN;
        tets.set(year, d);
      }
      return d;
    };
    let stream = 2;
    for (const [cal, procs] of byCalendar) this.streams.push(new ArrivalStream(cal, procs, this.from, this.to, new Random(this.periodSeed, stream++), tetDay));
    const total = this.streams.reduce((s, a) => s + a.weight, 0);
    if (!(total > 0)) {
      const zone = plans[0]?.cal.timeZone ?? 'UTC';
      throw new InputError(`no procedure with an agency code is in force in working hours between ${formatInZone(o.from, zone)} and ${formatInZone(o.to, zone)}`);
    }
    // Each calendar gets its share of the dossiers, rounded by largest remainder so they add up.
    const exact = this.streams.map((s) => (o.dossiers * s.weight) / total);
    const counts = exact.map(Math.floor);
    const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
    for (let k = 0, left = o.dossiers - counts.reduce((s, c) => s + c, 0); k < left; k++) counts[order[k]!.i]! += 1;
    this.streams.forEach((s, i) => {
      s.plan(counts[i]!);
      this.heads.push(s.next());
    });
  }

  /** The procedures that can get dossiers, with their steps' budgets, officials and factors. */
  private plans(catalog: SimulationCatalog): ProcPlan[] {
    const rng = new Random(this.seed, 1);
    const m = simulationModel;
    const byUnit = new Map<string, string[]>();
    for (const o of [...catalog.officials].sort((a, b) => (a.id < b.id ? -1 : 1))) byUnit.set(o.unit, [...(byUnit.get(o.unit) ?? []), o.id]);
    const procs = catalog.procedures.filter((p) => p.agencyCode !== null && p.version.steps.length > 0).sort((a, b) => (a.version.code < b.version.code ? -1 : 1));
    if (procs.length === 0) throw new InputError('no procedure of the catalog has an agency with a QCVN code (code: of the unit), which dossier codes need');
    // Slow officials: among those who complete steps, shuffled by the seed.
    const doers = [...new Set(procs.flatMap((p) => p.version.steps.flatMap((s) => (s.assignee !== undefined ? [s.assignee] : (byUnit.get(s.unit) ?? [])))))].sort();
    for (let i = doers.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [doers[i], doers[j]] = [doers[j]!, doers[i]!];
    }
    const slow = Math.max(1, Math.round(doers.length * m.slowOfficials));
    this.officialFactor = new Map(doers.map((id, i) => [id, i < slow ? rng.between(m.slowOfficialFactor[0], m.slowOfficialFactor[1]) : rng.between(m.normalOfficialFactor[0], m.normalOfficialFactor[1])]));
    return procs.map((sp) => {
      const v = sp.version;
      const cal = sp.calendar;
      // A duration in calendar days counts five working days a week.
      const minutes = (text: string): number => cal.minutesOf(text) ?? Math.round(((parseDuration(text)?.amount ?? 0) * cal.dayMinutes * 5) / 7);
      const index = new Map(v.steps.map((s, i) => [s.id, i]));
      const predIds = stepPredecessors(v.steps);
      const steps: StepPlan[] = v.steps.map((s) => ({
        id: s.id,
        action: s.action,
        budget: minutes(s.duration),
        officials: s.assignee !== undefined ? [s.assignee] : (byUnit.get(s.unit) ?? []),
        factor: rng.chance(m.bottleneckSteps) ? rng.between(m.bottleneckFactor[0], m.bottleneckFactor[1]) : 1,
        preds: (predIds.get(s.id) ?? []).map((id) => index.get(id)!),
      }));
      // Popularity: stable per procedure (its code), higher for quick procedures.
      const u = hashString(v.code) / 4294967296;
      const limit = minutes(v.time_limit);
      const weight = (0.2 + 2 * u * u * u) * (limit <= cal.dayMinutes ? 3 : limit <= 5 * cal.dayMinutes ? 1.5 : limit >= 15 * cal.dayMinutes ? 0.6 : 1) * (sp.mechanism === 'internal' ? 0.3 : 1);
      const appraise = steps.findIndex((s) => s.action === 'appraise');
      const ret = steps.findIndex((s) => s.action === 'return');
      const chans = allChannels.filter((c) => (sp.channels ?? allChannels).includes(c));
      const channelList = chans.length > 0 ? chans : (['counter'] as Channel[]);
      return {
        sp,
        cal,
        ctx: { procedure: v, calendar: cal },
        agencyCode: sp.agencyCode!,
        steps,
        weight,
        appraise: appraise >= 0 ? appraise : steps.length > 2 ? 1 : 0,
        returnStep: ret >= 0 ? ret : steps.length - 1,
        channels: channelList,
        channelCum: cumulativeOf(channelList.map((c) => m.channels[c])),
        items: sp.components && sp.components.length > 0 ? sp.components : texts.genericItems,
      };
    });
  }

  /** The next event, or undefined when the period is over. */
  next(): SimulatedEvent | undefined {
    let s = -1;
    for (let i = 0; i < this.heads.length; i++) {
      const h = this.heads[i];
      if (h && (s < 0 || h.at < this.heads[s]!.at)) s = i;
    }
    const top = this.queue.peek();
    const arrival = s >= 0 ? this.heads[s] : undefined;
    // On a tie the open dossier goes first: it was received earlier.
    if (arrival && (!top || arrival.at < top.at)) {
      this.heads[s] = this.streams[s]!.next();
      return this.receive(arrival.at, arrival.p);
    }
    if (!top || top.at >= this.to) return undefined;
    this.queue.pop();
    const e = this.act(top);
    this.schedule(top);
    return e;
  }

  summary(): SimulationSummary {
    return { dossiers: this.received, events: this.emitted, in_progress: this.received - this.endedCount };
  }

  /** The code of a dossier received at `at`: numbered per agency and local day, as the database does. */
  private allocate(p: ProcPlan, at: number): string {
    const date = localDate(new Date(at), p.cal.timeZone);
    const day = date.slice(2).replace(/-/g, '');
    if (day !== this.sequenceDay) {
      // Keep this day's and the day before's counters (calendars in other zones may lag a day).
      for (const k of this.sequences.keys()) if (!k.endsWith(day) && !k.endsWith(this.sequenceDay)) this.sequences.delete(k);
      this.sequenceDay = day;
    }
    const key = `${p.agencyCode}-${day}`;
    const n = (this.sequences.get(key) ?? 0) + 1;
    if (n > 9999) throw new InputError(`agency ${p.agencyCode} would receive more than 9,999 dossiers on ${date} (a dossier code numbers them with four digits); simulate fewer dossiers or a longer period`);
    this.sequences.set(key, n);
    return `${key}-${String(n).padStart(4, '0')}`;
  }

  /** Applies the event to the dossier (a refusal is a bug of the simulator) and gives it out. */
  private emit(o: Open, event: DossierEvent): SimulatedEvent {
    const r = applyEvent(o.state as DossierState | undefined, event, o.p.ctx);
    if (!r.ok) throw new Error(`the simulator made an event the state machine refuses: ${r.reason}`);
    o.state = r.state;
    this.emitted++;
    return { event, timeZone: o.p.cal.timeZone };
  }

  private id(): string {
    return `sim-${this.seed}-${this.emitted + 1}`;
  }

  private receive(at: number, p: ProcPlan): SimulatedEvent {
    const m = simulationModel;
    const index = this.received++;
    const rng = new Random(this.periodSeed, index + 16);
    const channel = p.channels[rng.weighted(p.channelCum)]!;
    const code = this.allocate(p, at);
    const runs: StepRun[] = p.steps.map((s, i) => {
      const official = s.officials.length > 0 ? rng.pick(s.officials) : null;
      let work: number;
      if (i === 0 && s.action === 'receive' && channel === 'counter') work = rng.int(16);
      else if (s.budget === 0) work = rng.chance(0.85) ? 0 : 1 + rng.int(30);
      else work = Math.max(1, Math.round(s.budget * rng.logNormal(m.workMedian, m.workSigma) * (official ? (this.officialFactor.get(official) ?? 1) : 1) * s.factor));
      return { work, official, hooks: [{ offset: work, kind: 'complete' }], next: 0, done: 0, segStart: Number.NaN, at: Number.NaN };
    });
    // The dossier's fate: supplements on the appraisal step, then perhaps an ending.
    const r = rng.next();
    const supplements = r < m.supplementTwice ? 2 : r < m.supplementTwice + m.supplementOnce ? 1 : 0;
    const a = runs[p.appraise]!;
    if (supplements === 1) a.hooks.push({ offset: Math.round(a.work * rng.between(0.1, 0.5)), kind: 'supplement' });
    if (supplements === 2) {
      a.hooks.push({ offset: Math.round(a.work * rng.between(0.1, 0.3)), kind: 'supplement' });
      a.hooks.push({ offset: Math.round(a.work * rng.between(0.3, 0.5)), kind: 'supplement' });
    }
    const u = rng.next();
    let withdrawInWait = false;
    const anywhere = () => rng.int(Math.max(1, runs.length - 1));
    if (u < m.refused) a.hooks.push({ offset: Math.round(a.work * rng.between(0.6, 1)), kind: 'refuse' });
    else if (u < m.refused + m.withdrawn) {
      if (supplements > 0 && rng.chance(m.withdrawnWhileWaiting)) withdrawInWait = true;
      else {
        const w = runs[anywhere()]!;
        w.hooks.push({ offset: Math.round(w.work * rng.next()), kind: 'withdraw' });
      }
    } else if (u < m.refused + m.withdrawn + m.stopped) {
      const w = runs[runs.length > 2 ? 1 + rng.int(runs.length - 2) : 0]!;
      w.hooks.push({ offset: Math.round(w.work * rng.between(0.2, 0.9)), kind: 'stop' });
    }
    for (const run of runs) run.hooks.sort((x, y) => x.offset - y.offset || hookRank[x.kind] - hookRank[y.kind]);
    const o: Open = {
      index,
      code,
      p,
      rng,
      // No state before the received event; `emit` makes it.
      state: undefined as unknown as DossierState,
      runs,
      supplementsLeft: supplements,
      withdrawInWait,
      waitUntil: Number.NaN,
      waitEndsInWithdrawal: false,
      apologyDelay: rng.chance(m.apologizeWhenLate) ? rng.int(240) : -1,
      apologyFor: Number.NaN,
      apologyAt: Number.NaN,
      returnAt: Number.NaN,
      rateAt: Number.NaN,
      at: at,
      action: 'none',
      step: -1,
    };
    const event: DossierEvent = {
      id: this.id(),
      dossier: code,
      type: 'received',
      at: new Date(at),
      by: channel === 'counter' ? runs[0]!.official : null,
      procedure: p.sp.version.code,
      applicant: texts.fakeApplicant(rng),
      channel,
    };
    const e = this.emit(o, event);
    this.started(o, undefined, at);
    this.schedule(o);
    return e;
  }

  /** Starts the clocks of the steps that `o.state` runs and `before` did not. */
  private started(o: Open, before: DossierState | undefined, at: number): void {
    const steps = o.state.steps;
    for (let i = 0; i < steps.length; i++) {
      if (steps[i]!.status === 'running' && (!before || before.steps[i]!.status === 'pending')) {
        const run = o.runs[i]!;
        run.segStart = at;
        run.done = 0;
        run.at = Number.NaN;
      }
    }
  }

  /** Works out the dossier's next action and queues it, unless it falls after the period. */
  private schedule(o: Open): void {
    const s = o.state;
    const now = s.last_event_at.getTime();
    o.action = 'none';
    o.at = Infinity;
    if (s.status === 'awaiting_supplement') {
      o.at = o.waitUntil;
      o.action = o.waitEndsInWithdrawal ? 'withdraw-waiting' : 'resume';
    } else if (s.status === 'in_progress') {
      for (let i = 0; i < s.steps.length; i++) {
        if (s.steps[i]!.status !== 'running') continue;
        const t = this.hookAt(o, i);
        if (t < o.at) {
          o.at = t;
          o.action = 'hook';
          o.step = i;
        }
      }
      if (o.apologyDelay >= 0) {
        if (o.apologyFor !== s.due.getTime()) {
          o.apologyFor = s.due.getTime();
          o.apologyAt = ceilSecond(o.p.cal.due(s.due, o.apologyDelay).getTime());
        }
        const t = Math.max(now, o.apologyAt);
        if (t < o.at) {
          o.at = t;
          o.action = 'apologize';
        }
      }
    } else if (!Number.isNaN(o.returnAt)) {
      o.at = o.returnAt;
      o.action = 'return';
    } else if (!Number.isNaN(o.rateAt)) {
      o.at = o.rateAt;
      o.action = 'rate';
    }
    if (o.at < this.to) this.queue.push(o);
  }

  /** The instant of a running step's next hook. */
  private hookAt(o: Open, i: number): number {
    const run = o.runs[i]!;
    if (Number.isNaN(run.at)) {
      const h = run.hooks[run.next]!;
      run.at = ceilSecond(o.p.cal.due(new Date(run.segStart), Math.max(0, Math.round(h.offset - run.done))).getTime());
    }
    return run.at;
  }

  /** Does the dossier's next action: one event. */
  private act(o: Open): SimulatedEvent {
    const at = new Date(o.at);
    const rng = o.rng;
    // Literals in the order of the JSON line (id, dossier, type, at, by, the type's own fields);
    // no spreads, so that every event of a type has one shape.
    const id = this.id();
    const dossier = o.code;
    switch (o.action) {
      case 'hook': {
        const run = o.runs[o.step]!;
        const hook = run.hooks[run.next++]!;
        run.at = Number.NaN;
        const by = run.official;
        switch (hook.kind) {
          case 'complete': {
            const before = o.state;
            run.segStart = Number.NaN;
            const e = this.emit(o, { id, dossier, type: 'step-completed', at, by, step: o.p.steps[o.step]!.id });
            this.started(o, before, o.at);
            if (o.state.ended_at !== null) this.ended(o);
            return e;
          }
          case 'supplement':
            return this.pause(o, by, id, at);
          case 'refuse': {
            const reason = o.state.supplements > 0 ? texts.refusalAfterSupplement : rng.pick(texts.refusalReasons);
            const e = this.emit(o, { id, dossier, type: 'refused', at, by, reason });
            this.ended(o);
            return e;
          }
          case 'stop': {
            const e = this.emit(o, { id, dossier, type: 'stopped', at, by, reason: rng.pick(texts.stopReasons) });
            this.ended(o);
            return e;
          }
          case 'withdraw':
            return this.withdraw(o, id, at);
        }
        break;
      }
      case 'resume': {
        const e = this.emit(o, { id, dossier, type: 'supplement-received', at, by: null });
        // The running steps' clocks go on from here.
        for (let i = 0; i < o.runs.length; i++) {
          if (o.state.steps[i]!.status !== 'running') continue;
          o.runs[i]!.segStart = o.at;
          o.runs[i]!.at = Number.NaN;
        }
        return e;
      }
      case 'withdraw-waiting':
        return this.withdraw(o, id, at);
      case 'apologize': {
        o.apologyDelay = -1;
        const first = o.state.steps.findIndex((s) => s.status === 'running');
        const by = first >= 0 ? o.runs[first]!.official : null;
        return this.emit(o, { id, dossier, type: 'apologized', at, by, reason: rng.pick(texts.apologyReasons), new_appointment: this.newAppointment(o) });
      }
      case 'return': {
        o.returnAt = Number.NaN;
        const by = o.runs[o.p.returnStep]!.official;
        return this.emit(o, rng.chance(0.05) ? { id, dossier, type: 'returned', at, by, to: texts.returnedToProxy } : { id, dossier, type: 'returned', at, by });
      }
      case 'rate': {
        o.rateAt = Number.NaN;
        const score = this.score(o);
        const comment = rng.chance(0.15) ? rng.pick(score >= 4 ? texts.ratingComments.good : texts.ratingComments.bad) : undefined;
        return this.emit(o, comment !== undefined ? { id, dossier, type: 'rated', at, by: null, score, comment } : { id, dossier, type: 'rated', at, by: null, score });
      }
      case 'none':
        break;
    }
    throw new Error(`the simulator has no action for dossier ${o.code}`);
  }

  /** A request to supplement: every running step's clock stops until the applicant comes back. */
  private pause(o: Open, by: string | null, id: string, at: Date): SimulatedEvent {
    const rng = o.rng;
    const items = [rng.pick(o.p.items)];
    const other = rng.pick(o.p.items);
    if (rng.chance(0.35) && other !== items[0]) items.push(other);
    const e = this.emit(o, { id, dossier: o.code, type: 'supplement-requested', at, by, reason: rng.pick(texts.supplementReasons), items });
    for (let i = 0; i < o.runs.length; i++) {
      if (o.state.steps[i]!.status !== 'running') continue;
      const run = o.runs[i]!;
      run.done += o.p.cal.between(new Date(run.segStart), at);
      run.segStart = Number.NaN;
      run.at = Number.NaN;
    }
    o.supplementsLeft--;
    o.waitEndsInWithdrawal = o.supplementsLeft === 0 && o.withdrawInWait;
    const days = rng.logNormal(o.waitEndsInWithdrawal ? simulationModel.withdrawWaitDays : simulationModel.supplementWaitDays, 0.8);
    // The applicant comes back at some moment of a working day, not all at opening time.
    o.waitUntil = ceilSecond(o.p.cal.due(new Date(o.at + days * dayMs), rng.int(o.p.cal.dayMinutes)).getTime());
    return e;
  }

  private withdraw(o: Open, id: string, at: Date): SimulatedEvent {
    const e = this.emit(o, o.rng.chance(0.7) ? { id, dossier: o.code, type: 'withdrawn', at, by: null, reason: o.rng.pick(texts.withdrawalReasons) } : { id, dossier: o.code, type: 'withdrawn', at, by: null });
    this.ended(o);
    return e;
  }

  /** After the end: perhaps the result is collected, perhaps the applicant rates the service. */
  private ended(o: Open): void {
    this.endedCount++;
    const m = simulationModel;
    const rng = o.rng;
    const cal = o.p.cal;
    let after = o.state.ended_at!;
    if (o.state.status === 'resolved' && rng.chance(m.returned)) {
      after = cal.due(after, Math.round(rng.logNormal(240, 1)));
      o.returnAt = ceilSecond(after.getTime());
    }
    if (rng.chance(o.state.status === 'resolved' ? m.ratedResolved : m.ratedOther)) o.rateAt = ceilSecond(cal.due(after, Math.round(rng.logNormal(10, 1.2))).getTime());
  }

  /** A score 1–5: most are content with a dossier on time, fewer with a late or refused one. */
  private score(o: Open): number {
    const s = o.state;
    const weights = s.status === 'refused' || s.status === 'stopped' ? [25, 25, 30, 15, 5] : s.status === 'withdrawn' ? [5, 10, 35, 30, 20] : s.outcome === 'late' ? [10, 15, 30, 25, 20] : [1, 2, 7, 30, 60];
    return 1 + o.rng.weighted(cumulativeOf(weights));
  }

  /**
   * The new appointment of an apology: the end of the working day by which the work left on the
   * longest path would be done, with half a day to spare.
   */
  private newAppointment(o: Open): Date {
    const cal = o.p.cal;
    const at = new Date(o.at);
    const finish: number[] = [];
    const left = (i: number): number => {
      if (finish[i] !== undefined) return finish[i]!;
      const s = o.state.steps[i]!;
      const run = o.runs[i]!;
      let v = 0;
      if (s.status === 'running') v = Math.max(0, run.work - run.done - (Number.isNaN(run.segStart) ? 0 : cal.between(new Date(run.segStart), at)));
      else if (s.status === 'pending') v = Math.max(0, ...o.p.steps[i]!.preds.map(left)) + run.work;
      finish[i] = v;
      return v;
    };
    const work = Math.max(...o.state.steps.map((_, i) => left(i)));
    const t = cal.due(at, Math.round(work + cal.dayMinutes / 2));
    const { day } = cal.utcToLocal(t.getTime());
    const hours = cal.hoursOfDay(day);
    return hours.length > 0 ? new Date(Math.max(t.getTime(), cal.localToUtc(day, hours[hours.length - 1]!.end))) : t;
  }
}
