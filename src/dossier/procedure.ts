// What the state machine needs of a procedure version, written structurally so that src/dossier
// does not depend on src/catalog (ARCHITECTURE.md): a catalog procedure with its loaded version
// number fits this shape as it is.
import { parseDuration } from '../calendar/duration.js';

/** What a step does, as in the catalog's schema. */
export const stepActions = ['receive', 'transfer', 'appraise', 'approve', 'stamp', 'return', 'other'] as const;
/** One of `stepActions`. */
export type StepAction = (typeof stepActions)[number];

/** What a supplement does to the clocks: `pause` moves due times, `restart` runs them again. */
export const supplementModes = ['pause', 'restart'] as const;
/** One of `supplementModes`. */
export type SupplementMode = (typeof supplementModes)[number];

/** One step of a procedure version, as in the catalog's YAML. */
export interface ProcedureStep {
  readonly id: string;
  readonly name: string;
  readonly action: StepAction;
  readonly unit: string;
  readonly assignee?: string;
  /** The step's budget: "4h", "0.5d", "0h". */
  readonly duration: string;
  /** Steps that start when this one completes; default: the next step in the list; [] ends. */
  readonly next?: readonly string[];
}

/** A procedure as loaded into the database: its code, version number, limit and steps. */
export interface ProcedureVersion {
  readonly code: string;
  readonly version: number;
  /** "15d", "4h", "30cd". */
  readonly time_limit: string;
  /** Default `pause` (Decision 766). */
  readonly on_supplement?: SupplementMode;
  readonly steps: readonly ProcedureStep[];
}

/**
 * Successor ids of each step: its `next`, else the following step in the list (the last step
 * has none). Unknown ids are kept, so that `procedureProblem` can name them.
 */
export function stepSuccessors(steps: readonly Pick<ProcedureStep, 'id' | 'next'>[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  steps.forEach((s, i) => {
    const following = steps[i + 1];
    if (!out.has(s.id)) out.set(s.id, s.next ?? (following ? [following.id] : []));
  });
  return out;
}

/** Predecessor ids of each step: the steps that name it as a successor, in step order. */
export function stepPredecessors(steps: readonly Pick<ProcedureStep, 'id' | 'next'>[]): ReadonlyMap<string, readonly string[]> {
  // Asked at every event of a dossier: computed once per steps list (a version's is never changed).
  const known = predecessorsOf.get(steps);
  if (known) return known;
  const out = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const [id, next] of stepSuccessors(steps)) {
    for (const n of next) {
      const preds = out.get(n);
      if (preds && !preds.includes(id)) preds.push(id);
    }
  }
  predecessorsOf.set(steps, out);
  return out;
}

/**
 * Each step's rank: 0 for a step nothing leads to, else one more than its highest-ranked
 * predecessor; steps of one rank never wait for each other, so they may run side by side. A step
 * on a cycle gets no rank (a loaded version has none).
 */
export function stepRanks(steps: readonly Pick<ProcedureStep, 'id' | 'next'>[]): Map<string, number> {
  const succ = stepSuccessors(steps);
  const preds = stepPredecessors(steps);
  const waiting = new Map([...preds].map(([id, ps]) => [id, ps.length]));
  const todo = steps.filter((s) => waiting.get(s.id) === 0).map((s) => s.id);
  const rank = new Map(todo.map((id) => [id, 0]));
  // Kahn's order: a step is ranked once every predecessor has been.
  for (let i = 0; i < todo.length; i++) {
    const id = todo[i]!;
    for (const n of succ.get(id) ?? []) {
      const left = waiting.get(n);
      if (left === undefined) continue;
      waiting.set(n, left - 1);
      if (left !== 1) continue;
      rank.set(n, 1 + Math.max(...(preds.get(n) ?? []).map((p) => rank.get(p) ?? 0)));
      todo.push(n);
    }
  }
  return rank;
}

const predecessorsOf = new WeakMap<readonly object[], ReadonlyMap<string, readonly string[]>>();
const problemOf = new WeakMap<ProcedureVersion, { problem: string | undefined }>();

/**
 * Why a dossier cannot run this procedure version (undefined when it can): no steps, a duplicate
 * or unknown step id, a cycle, a step unreachable from the first (it could never start, so the
 * dossier could never be resolved), a time limit or step budget that is not a duration.
 */
export function procedureProblem(p: ProcedureVersion): string | undefined {
  const known = problemOf.get(p);
  if (known) return known.problem;
  const problem = findProcedureProblem(p);
  problemOf.set(p, { problem });
  return problem;
}

function findProcedureProblem(p: ProcedureVersion): string | undefined {
  const where = `procedure ${p.code} version ${p.version}`;
  if (!parseDuration(p.time_limit)) return `${where}: time limit "${p.time_limit}" is not a duration`;
  const first = p.steps[0];
  if (!first) return `${where} has no steps`;
  const ids = new Set<string>();
  for (const s of p.steps) {
    if (ids.has(s.id)) return `${where}: step id "${s.id}" is used twice`;
    ids.add(s.id);
    if (!parseDuration(s.duration)) return `${where}: step "${s.id}" has a budget "${s.duration}" that is not a duration`;
  }
  const succ = stepSuccessors(p.steps);
  for (const [id, next] of succ) {
    const unknown = next.find((n) => !ids.has(n));
    if (unknown !== undefined) return `${where}: step "${id}" names an unknown next step "${unknown}"`;
  }
  // Kahn's algorithm from the first step: what it never reaches is unreachable or on a cycle.
  const preds = stepPredecessors(p.steps);
  const waiting = new Map([...preds].map(([id, ps]) => [id, ps.length]));
  if ((waiting.get(first.id) ?? 0) > 0) return `${where}: the first step "${first.id}" is named as a next step (a cycle)`;
  const done = new Set<string>();
  const todo = [first.id];
  while (todo.length > 0) {
    const id = todo.pop()!;
    done.add(id);
    for (const n of succ.get(id) ?? []) {
      const left = (waiting.get(n) ?? 0) - 1;
      waiting.set(n, left);
      if (left === 0) todo.push(n);
    }
  }
  const stuck = p.steps.find((s) => !done.has(s.id));
  if (stuck) return `${where}: step "${stuck.id}" can never start (unreachable from "${first.id}", or on a cycle)`;
  return undefined;
}
