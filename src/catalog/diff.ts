// What changed in a catalog between two versions of it: procedures added, removed and renamed;
// time limits and step budgets lengthened or shortened; steps added, removed or moved; agencies,
// step units and officials reassigned; mechanisms and fees. Pure: two validated catalogs in,
// plain data out (the JSON of `tthc catalog diff`).
import { parseDuration, workingMinutes, type DurationUnit } from '../calendar/duration.js';
import { successors } from './graph.js';
import type { Catalog, Procedure, Step } from './model.js';
import { procedureDayMinutes } from './query.js';

/** A duration before and after, and by how much it grew. */
export interface DurationChange {
  from: string;
  to: string;
  /**
   * The unit of `change`: the unit both sides are written in; working hours (`h`) when one is in
   * working days and the other in hours; null when they cannot be compared (calendar days
   * against working time).
   */
  unit: DurationUnit | null;
  /** to − from in `unit`: positive when lengthened, negative when shortened; null with `unit`. */
  change: number | null;
}

/** A procedure as it stands on one side. */
export interface ProcedureEntry {
  code: string;
  name: string;
  agency: string;
  agency_name: string;
  time_limit: string;
  /** The file that holds it, as shown to users. */
  file: string;
}

export interface RenamedEntry {
  code: string;
  from: string;
  to: string;
}

export interface TimeLimitEntry extends DurationChange {
  code: string;
  name: string;
}

/** A reassignment: ids before and after, with their names (the id when a side has no name for it). */
export interface ReassignedEntry {
  code: string;
  from: string | null;
  to: string | null;
  from_name: string | null;
  to_name: string | null;
}

export interface MechanismEntry {
  code: string;
  from: string;
  to: string;
}

/** A fee by its name: amounts in đồng, null on the side that lacks it. */
export interface FeeEntry {
  code: string;
  fee: string;
  from: number | null;
  to: number | null;
  change: number;
}

/** A step added or removed, as it stands on its side; `position` is 1-based in the step list. */
export interface StepEntry {
  code: string;
  step: string;
  step_name: string;
  position: number;
  unit: string;
  duration: string;
}

/** Where a step stands: its 1-based position and the steps that follow it (list order unless `next`). */
export interface StepPlace {
  position: number;
  next: string[];
}

export interface MovedEntry {
  code: string;
  step: string;
  step_name: string;
  from: StepPlace;
  to: StepPlace;
}

export interface BudgetEntry extends DurationChange {
  code: string;
  step: string;
  step_name: string;
}

export interface StepReassignedEntry extends ReassignedEntry {
  step: string;
  step_name: string;
}

/** Every change, by kind; each list ordered by procedure code, then step position. */
export interface CatalogDiff {
  procedures_added: ProcedureEntry[];
  procedures_removed: ProcedureEntry[];
  procedures_renamed: RenamedEntry[];
  time_limits: TimeLimitEntry[];
  agencies: ReassignedEntry[];
  mechanisms: MechanismEntry[];
  fees: FeeEntry[];
  steps_added: StepEntry[];
  steps_removed: StepEntry[];
  steps_moved: MovedEntry[];
  step_budgets: BudgetEntry[];
  step_units: StepReassignedEntry[];
  step_officials: StepReassignedEntry[];
}

/** The kinds of change, in the order reports show them. */
export const diffKinds = [
  'procedures_added',
  'procedures_removed',
  'procedures_renamed',
  'time_limits',
  'agencies',
  'mechanisms',
  'fees',
  'steps_added',
  'steps_removed',
  'steps_moved',
  'step_budgets',
  'step_units',
  'step_officials',
] as const satisfies readonly (keyof CatalogDiff)[];
export type DiffKind = (typeof diffKinds)[number];

/** How many changes of each kind, and in all. */
export function diffCounts(diff: CatalogDiff): { counts: Record<DiffKind, number>; total: number } {
  const counts = Object.fromEntries(diffKinds.map((k) => [k, diff[k].length])) as Record<DiffKind, number>;
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

// Decimal amounts ("0.1d" to "0.3d") must not show binary noise (0.19999999999999998).
const tidy = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * How a duration changed; undefined when it did not (the same amount in the same unit, or the
 * same working time written in other units: "1d" and "8h" on an 8-hour day).
 */
export function compareDurations(from: string, to: string, fromDayMinutes: number, toDayMinutes: number): DurationChange | undefined {
  if (from === to) return undefined;
  const a = parseDuration(from);
  const b = parseDuration(to);
  if (!a || !b) return { from, to, unit: null, change: null };
  if (a.unit === b.unit) return a.amount === b.amount ? undefined : { from, to, unit: a.unit, change: tidy(b.amount - a.amount) };
  const ma = workingMinutes(a, fromDayMinutes);
  const mb = workingMinutes(b, toDayMinutes);
  if (ma === undefined || mb === undefined) return { from, to, unit: null, change: null };
  return ma === mb ? undefined : { from, to, unit: 'h', change: tidy((mb - ma) / 60) };
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Names of units and officials on one side, for showing reassignments. */
interface Side {
  procedures: Map<string, { value: Procedure; file: string }>;
  unitNames: Map<string, string>;
  officialNames: Map<string, string>;
}

function side(catalog: Catalog): Side {
  return {
    procedures: new Map(catalog.procedures.map((p) => [p.value.code, { value: p.value, file: p.ref.src.file }])),
    unitNames: new Map(catalog.units.map((u) => [u.value.id, u.value.name])),
    officialNames: new Map(catalog.officials.map((o) => [o.value.id, o.value.name])),
  };
}

function entry(s: Side, code: string): ProcedureEntry {
  const { value: p, file } = s.procedures.get(code)!;
  return { code, name: p.name, agency: p.agency, agency_name: s.unitNames.get(p.agency) ?? p.agency, time_limit: p.time_limit, file };
}

function reassigned(from: string | null, to: string | null, names: [Map<string, string>, Map<string, string>]): Omit<ReassignedEntry, 'code'> {
  const name = (id: string | null, m: Map<string, string>) => (id === null ? null : (m.get(id) ?? id));
  return { from, to, from_name: name(from, names[0]), to_name: name(to, names[1]) };
}

/**
 * The changes from catalog `base` to catalog `head`, both validated (unique procedure codes and
 * step ids). Procedures are matched by code, steps by id within their procedure.
 */
export function diffCatalogs(base: Catalog, head: Catalog): CatalogDiff {
  const b = side(base);
  const h = side(head);
  const diff: CatalogDiff = {
    procedures_added: [],
    procedures_removed: [],
    procedures_renamed: [],
    time_limits: [],
    agencies: [],
    mechanisms: [],
    fees: [],
    steps_added: [],
    steps_removed: [],
    steps_moved: [],
    step_budgets: [],
    step_units: [],
    step_officials: [],
  };
  for (const code of b.procedures.keys()) if (!h.procedures.has(code)) diff.procedures_removed.push(entry(b, code));
  const codes = [...h.procedures.keys()].sort();
  for (const code of codes) {
    const after = h.procedures.get(code)!.value;
    const before = b.procedures.get(code)?.value;
    if (!before) {
      diff.procedures_added.push(entry(h, code));
      continue;
    }
    if (before.name !== after.name) diff.procedures_renamed.push({ code, from: before.name, to: after.name });
    const days: [number, number] = [procedureDayMinutes(base, before), procedureDayMinutes(head, after)];
    const limit = compareDurations(before.time_limit, after.time_limit, ...days);
    if (limit) diff.time_limits.push({ code, name: after.name, ...limit });
    if (before.agency !== after.agency) diff.agencies.push({ code, ...reassigned(before.agency, after.agency, [b.unitNames, h.unitNames]) });
    if (before.mechanism !== after.mechanism) diff.mechanisms.push({ code, from: before.mechanism, to: after.mechanism });
    diff.fees.push(...feeChanges(code, before, after));
    diffSteps(code, before.steps, after.steps, days, [b, h], diff);
  }
  diff.procedures_removed.sort(byCode);
  return diff;
}

function feeChanges(code: string, before: Procedure, after: Procedure): FeeEntry[] {
  const amounts = (p: Procedure) => {
    const m = new Map<string, number>();
    for (const f of p.fees ?? []) m.set(f.name, (m.get(f.name) ?? 0) + f.amount);
    return m;
  };
  const was = amounts(before);
  const now = amounts(after);
  const names = [...new Set([...was.keys(), ...now.keys()])];
  return names
    .filter((n) => was.get(n) !== now.get(n))
    .map((fee) => {
      const from = was.get(fee) ?? null;
      const to = now.get(fee) ?? null;
      return { code, fee, from, to, change: (to ?? 0) - (from ?? 0) };
    });
}

/**
 * Step changes of one procedure. A step counts as moved when its order among the steps both
 * sides have changed, or when the steps it leads to changed other than by a step added or
 * removed in between: a step inserted after "receive" moves nothing, "receive" still leads to
 * what followed it before, through the new step.
 */
function diffSteps(code: string, before: readonly Step[], after: readonly Step[], days: [number, number], sides: [Side, Side], diff: CatalogDiff): void {
  const [b, h] = sides;
  const afterIds = new Set(after.map((s) => s.id));
  const beforeById = new Map(before.map((s, i) => [s.id, { step: s, position: i + 1 }]));
  const stepEntry = (s: Step, i: number): StepEntry => ({ code, step: s.id, step_name: s.name, position: i + 1, unit: s.unit, duration: s.duration });
  before.forEach((s, i) => {
    if (!afterIds.has(s.id)) diff.steps_removed.push(stepEntry(s, i));
  });
  const common = new Set(after.filter((s) => beforeById.has(s.id)).map((s) => s.id));
  const rank = (steps: readonly Step[]) => new Map(steps.filter((s) => common.has(s.id)).map((s, i) => [s.id, i]));
  const [rankBefore, rankAfter] = [rank(before), rank(after)];
  const [graphBefore, graphAfter] = [successors(before), successors(after)];
  after.forEach((s, i) => {
    const old = beforeById.get(s.id);
    if (!old) {
      diff.steps_added.push(stepEntry(s, i));
      return;
    }
    const was = old.step;
    const movedInList = rankBefore.get(s.id) !== rankAfter.get(s.id);
    if (movedInList || !sameSet(leadsTo(graphBefore, s.id, common), leadsTo(graphAfter, s.id, common))) {
      diff.steps_moved.push({
        code,
        step: s.id,
        step_name: s.name,
        from: { position: old.position, next: graphBefore.get(s.id) ?? [] },
        to: { position: i + 1, next: graphAfter.get(s.id) ?? [] },
      });
    }
    const budget = compareDurations(was.duration, s.duration, ...days);
    if (budget) diff.step_budgets.push({ code, step: s.id, step_name: s.name, ...budget });
    if (was.unit !== s.unit) diff.step_units.push({ code, step: s.id, step_name: s.name, ...reassigned(was.unit, s.unit, [b.unitNames, h.unitNames]) });
    const [o1, o2] = [was.assignee ?? null, s.assignee ?? null];
    if (o1 !== o2) diff.step_officials.push({ code, step: s.id, step_name: s.name, ...reassigned(o1, o2, [b.officialNames, h.officialNames]) });
  });
}

/** The steps of `keep` that `id` leads to directly or through steps outside `keep`. */
function leadsTo(graph: ReadonlyMap<string, readonly string[]>, id: string, keep: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>([id]);
  const stack = [...(graph.get(id) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (keep.has(n)) out.add(n);
    else stack.push(...(graph.get(n) ?? []));
  }
  return out;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
