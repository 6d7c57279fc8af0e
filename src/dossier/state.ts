// The dossier state machine (SPEC.md "Dossiers and events"): (state, event) → the next state, or
// a refusal naming the dossier, its state and what is allowed. Pure: time comes from the events,
// the procedure version and the calendar from the caller; nothing is mutated, nothing thrown for
// an event that does not fit.
import type { WorkingCalendar } from '../calendar/calendar.js';
import { dossierDue, outcomeOf, stepDue, type Outcome, type SupplementWait } from './clock.js';
import { isEventType, type Applicant, type Channel, type DossierEvent, type EventType, type ReceivedEvent } from './events.js';
import { procedureProblem, stepPredecessors, type ProcedureVersion, type StepAction, type SupplementMode } from './procedure.js';

/** The statuses of a dossier (SPEC.md `dossier show`). */
export const dossierStatuses = ['in_progress', 'awaiting_supplement', 'resolved', 'returned', 'refused', 'withdrawn', 'stopped'] as const;
/** One of `dossierStatuses`. */
export type DossierStatus = (typeof dossierStatuses)[number];

/** Statuses of a dossier that has ended (`returned` follows `resolved`). */
export const endedStatuses = ['resolved', 'returned', 'refused', 'withdrawn', 'stopped'] as const satisfies readonly DossierStatus[];

/** The statuses of a dossier's step. */
export const stepStatuses = ['pending', 'running', 'completed'] as const;
/** One of `stepStatuses`. */
export type StepStatus = (typeof stepStatuses)[number];

/** One step of a dossier, with what the procedure says of it copied in, so views need no catalog. */
export interface StepState {
  readonly id: string;
  readonly name: string;
  readonly action: StepAction;
  readonly unit: string;
  readonly assignee: string | null;
  /** The step's budget, as in the procedure: "4h". */
  readonly duration: string;
  readonly status: StepStatus;
  readonly started_at: Date | null;
  /**
   * Fixed when the step starts; moved when a wait for the applicant ends. While the dossier
   * waits, the value in force when the clock stopped (`stepDueAt` moves it up to an as-of); a
   * step still running when the dossier was refused, withdrawn or stopped keeps the value at the end.
   */
  readonly due: Date | null;
  readonly completed_at: Date | null;
  /** `by` of the step-completed event. */
  readonly by: string | null;
  readonly note: string | null;
  /** True for the steps started by `received`: the receipt cut-off delays their clock too. */
  readonly receipt_clock: boolean;
}

/** An apology with a new appointment (form 04). */
export interface Apology {
  readonly at: Date;
  readonly by: string | null;
  readonly reason: string;
  readonly new_appointment: Date;
}

/** The applicant's satisfaction vote. */
export interface Rating {
  readonly at: Date;
  readonly by: string | null;
  readonly score: number;
  readonly comment: string | null;
}

/** A dossier as its events left it. */
export interface DossierState {
  readonly code: string;
  readonly procedure: string;
  readonly procedure_version: number;
  readonly time_limit: string;
  readonly on_supplement: SupplementMode;
  readonly status: DossierStatus;
  readonly received_at: Date;
  readonly received_by: string | null;
  readonly applicant: Applicant;
  readonly channel: Channel;
  /**
   * The dossier's due time after the waits that have ended. While it waits for a supplement, the
   * value in force when the clock stopped (`dossierDueAt` moves it up to an as-of); once ended,
   * the value at the end (an open wait counted until then).
   */
  readonly due: Date;
  readonly pauses: readonly SupplementWait[];
  /** Number of supplement requests. */
  readonly supplements: number;
  /** In the procedure's step order. */
  readonly steps: readonly StepState[];
  readonly apologies: readonly Apology[];
  readonly ended_at: Date | null;
  /** Reason of the refused, withdrawn or stopped event. */
  readonly end_reason: string | null;
  /** Fixed when the dossier ends; null before. */
  readonly outcome: Outcome | null;
  readonly returned_at: Date | null;
  readonly returned_to: string | null;
  readonly rating: Rating | null;
  /** `at` of the latest event: no later event may be earlier. */
  readonly last_event_at: Date;
  /** Number of events applied. */
  readonly events: number;
}

/** What applying an event needs besides the state: the dossier's procedure version and calendar. */
export interface ApplyContext {
  readonly procedure: ProcedureVersion;
  readonly calendar: WorkingCalendar;
}

/** The next state, or why the event does not fit and which event types would. */
export type ApplyResult = { ok: true; state: DossierState } | { ok: false; reason: string; allowed: EventType[] };

/** True when the dossier has ended (resolved, returned, refused, withdrawn or stopped). */
export function isEnded(state: Pick<DossierState, 'status'>): boolean {
  return (endedStatuses as readonly string[]).includes(state.status);
}

/** Ids of the running steps, in step order. */
export function runningSteps(state: Pick<DossierState, 'steps'>): string[] {
  return state.steps.filter((s) => s.status === 'running').map((s) => s.id);
}

/**
 * The event types that fit the dossier now (ignoring time order): `received` for a dossier that
 * does not exist; after the end only `returned` (once, after resolution) and `rated` (once).
 */
export function allowedEvents(state: DossierState | undefined): EventType[] {
  if (!state) return ['received'];
  const rate: EventType[] = state.rating ? [] : ['rated'];
  switch (state.status) {
    case 'in_progress':
      return ['step-completed', 'supplement-requested', 'refused', 'withdrawn', 'stopped', 'apologized', ...rate];
    case 'awaiting_supplement':
      return ['supplement-received', 'refused', 'withdrawn', 'stopped', 'apologized', ...rate];
    case 'resolved':
      return ['returned', ...rate];
    default:
      return rate;
  }
}

/**
 * The state after `event`, or a refusal (never a throw) when it does not fit: a dossier that
 * does not exist yet (only `received`) or already does (`received` again), an event of another
 * dossier or for another procedure version, an event earlier than the previous one, a type the
 * status does not allow (`allowedEvents`), a step that is not running or that the procedure lacks,
 * a score outside 1–5, a procedure version a dossier cannot run (`procedureProblem`). The input
 * state is never mutated.
 */
export function applyEvent(state: DossierState | undefined, event: DossierEvent, ctx: ApplyContext): ApplyResult {
  try {
    return apply(state, event, ctx);
  } catch (e) {
    // A calendar with no working time ahead, or a limit that is not a duration: a refusal,
    // as the event cannot be given a due time. Anything else is a bug and propagates.
    if (e instanceof RangeError) return refuse(state, dossierOf(event), `cannot compute a due time: ${e.message}`);
    throw e;
  }
}

/** The result of replaying a log from nothing: the final state, or the first refusal with its index. */
export type ReplayResult =
  | { ok: true; state: DossierState | undefined }
  | { ok: false; index: number; reason: string; allowed: EventType[]; state: DossierState | undefined };

/**
 * Folds `applyEvent` over a dossier's events in order; the state is undefined for an empty log.
 * Refuses at the first event that does not fit, returning its index and the state before it.
 */
export function replayEvents(events: readonly DossierEvent[], ctx: ApplyContext): ReplayResult {
  let state: DossierState | undefined;
  for (let i = 0; i < events.length; i++) {
    const r = applyEvent(state, events[i]!, ctx);
    if (!r.ok) return { ok: false, index: i, reason: r.reason, allowed: r.allowed, state };
    state = r.state;
  }
  return { ok: true, state };
}

function dossierOf(event: unknown): string {
  const d = typeof event === 'object' && event !== null ? (event as { dossier?: unknown }).dossier : undefined;
  return typeof d === 'string' ? d : '(unknown)';
}

function describe(state: DossierState | undefined, code: string): string {
  if (!state) return `dossier ${code} does not exist`;
  const running = runningSteps(state);
  return `dossier ${state.code} is ${state.status}${running.length > 0 ? ` (running: ${running.join(', ')})` : ''}`;
}

function refuse(state: DossierState | undefined, code: string, why: string): ApplyResult {
  const allowed = allowedEvents(state);
  return { ok: false, reason: `${describe(state, code)}: ${why}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'}`, allowed };
}

const isDate = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());

/** What is wrong with the event's shape (it may come from JSON), or undefined. */
function malformed(e: DossierEvent): string | undefined {
  if (typeof e !== 'object' || e === null) return 'an event must be an object';
  if (!isEventType(e.type)) return `"${String((e as { type?: unknown }).type)}" is not an event type`;
  if (typeof e.dossier !== 'string' || e.dossier === '') return 'the event names no dossier';
  if (!isDate(e.at)) return `the ${e.type} event has no valid time`;
  if (e.by !== null && typeof e.by !== 'string') return `the ${e.type} event's "by" must be an official id or null`;
  switch (e.type) {
    case 'received':
      return typeof e.procedure === 'string' ? undefined : 'the received event names no procedure';
    case 'step-completed':
      return typeof e.step === 'string' ? undefined : 'the step-completed event names no step';
    case 'apologized':
      return isDate(e.new_appointment) ? undefined : 'the apologized event has no valid new appointment';
    case 'rated':
      return Number.isInteger(e.score) && e.score >= 1 && e.score <= 5 ? undefined : `a score must be a whole number from 1 to 5, not ${String(e.score)}`;
    default:
      return undefined;
  }
}

function apply(state: DossierState | undefined, e: DossierEvent, ctx: ApplyContext): ApplyResult {
  const cal = ctx.calendar;
  const bad = malformed(e);
  if (bad) return refuse(state, dossierOf(e), bad);
  if (!state) {
    if (e.type !== 'received') return refuse(state, e.dossier, `a ${e.type} event needs a received dossier first`);
    return receive(e, ctx);
  }
  const code = state.code;
  if (e.dossier !== code) return refuse(state, code, `the ${e.type} event is for dossier ${e.dossier}`);
  if (ctx.procedure.code !== state.procedure || ctx.procedure.version !== state.procedure_version) {
    return refuse(state, code, `it runs procedure ${state.procedure} version ${state.procedure_version}, not ${ctx.procedure.code} version ${ctx.procedure.version}`);
  }
  if (e.at.getTime() < state.last_event_at.getTime()) {
    return refuse(state, code, `the ${e.type} event at ${cal.format(e.at)} is before the previous event at ${cal.format(state.last_event_at)}`);
  }
  if (!allowedEvents(state).includes(e.type)) return refuse(state, code, notAllowed(state, e.type, cal));
  const base = { last_event_at: e.at, events: state.events + 1 };
  switch (e.type) {
    case 'received':
      // Unreachable: allowedEvents refuses it for an existing dossier.
      return refuse(state, code, notAllowed(state, e.type, cal));
    case 'step-completed': {
      const step = state.steps.find((s) => s.id === e.step);
      if (!step) {
        return refuse(state, code, `procedure ${state.procedure} version ${state.procedure_version} has no step "${e.step}" (steps: ${state.steps.map((s) => s.id).join(', ')})`);
      }
      if (step.status !== 'running') return refuse(state, code, `step "${e.step}" is ${step.status}, not running`);
      const completed = state.steps.map((s) => (s.id === e.step ? { ...s, status: 'completed' as const, completed_at: e.at, by: e.by, note: e.note ?? null } : s));
      const steps = startReady(completed, ctx, state.on_supplement, state.pauses, e.at, false);
      if (steps.every((s) => s.status === 'completed')) {
        return ok({ ...state, ...base, steps, status: 'resolved', ended_at: e.at, outcome: outcomeOf(cal, e.at, state.due, state.supplements) });
      }
      return ok({ ...state, ...base, steps });
    }
    case 'supplement-requested':
      return ok({
        ...state,
        ...base,
        status: 'awaiting_supplement',
        supplements: state.supplements + 1,
        pauses: [...state.pauses, { from: e.at, to: null, reason: e.reason, items: [...(e.items ?? [])], by: e.by }],
      });
    case 'supplement-received': {
      const pauses = state.pauses.map((p, i) => (i === state.pauses.length - 1 ? { ...p, to: e.at } : p));
      return ok({ ...moveDues({ ...state, pauses }, e.at, cal), ...base, status: 'in_progress' });
    }
    case 'refused':
    case 'withdrawn':
    case 'stopped': {
      // Ending while waiting counts the open wait until the end, for the dossier and its steps.
      const moved = state.status === 'awaiting_supplement' ? moveDues(state, e.at, cal) : state;
      return ok({ ...moved, ...base, status: e.type, ended_at: e.at, end_reason: e.reason ?? null, outcome: outcomeOf(cal, e.at, moved.due, state.supplements) });
    }
    case 'apologized':
      return ok({ ...state, ...base, apologies: [...state.apologies, { at: e.at, by: e.by, reason: e.reason, new_appointment: e.new_appointment }] });
    case 'returned':
      return ok({ ...state, ...base, status: 'returned', returned_at: e.at, returned_to: e.to ?? null });
    case 'rated':
      return ok({ ...state, ...base, rating: { at: e.at, by: e.by, score: e.score, comment: e.comment ?? null } });
  }
}

function ok(state: DossierState): ApplyResult {
  return { ok: true, state };
}

function notAllowed(state: DossierState, type: EventType, cal: WorkingCalendar): string {
  const since = (d: Date | null | undefined) => (d ? ` at ${cal.format(d)}` : '');
  if (type === 'received') return `it was already received${since(state.received_at)}`;
  if (type === 'rated' && state.rating) return `it was already rated${since(state.rating.at)}`;
  if (type === 'returned' && state.status === 'returned') return `its result was already returned${since(state.returned_at)}`;
  if (type === 'returned' && !isEnded(state)) return 'a result can be returned only after the dossier is resolved';
  if (isEnded(state)) return `a ${type} event cannot follow the end (${state.status}${since(state.ended_at)}); only returned (after resolution, once) and rated are allowed`;
  const open = state.pauses[state.pauses.length - 1];
  if (state.status === 'awaiting_supplement') {
    if (type === 'supplement-requested') return `it has waited for a supplement since ${cal.format(open!.from)}`;
    return `the clock is stopped waiting for a supplement since ${cal.format(open!.from)}; a ${type} event must wait for supplement-received`;
  }
  if (type === 'supplement-received') return 'no supplement was requested';
  return `a ${type} event does not fit`;
}

/** Moves the dossier's and its running steps' due times to account for the waits as of `asOf`. */
function moveDues(state: DossierState, asOf: Date, cal: WorkingCalendar): DossierState {
  const steps = state.steps.map((s) =>
    s.status === 'running' && s.started_at ? { ...s, due: stepDue(cal, state.on_supplement, state.pauses, { started_at: s.started_at, duration: s.duration, receipt_clock: s.receipt_clock }, asOf) } : s,
  );
  return { ...state, due: dossierDue(cal, state, asOf), steps };
}

/**
 * Starts every pending step whose predecessors have all completed (an AND-join), at `at`;
 * a step with no predecessor is the first step, started by `received`.
 */
function startReady(steps: readonly StepState[], ctx: ApplyContext, mode: SupplementMode, pauses: readonly SupplementWait[], at: Date, receipt: boolean): StepState[] {
  const preds = stepPredecessors(ctx.procedure.steps);
  const completed = new Set(steps.filter((s) => s.status === 'completed').map((s) => s.id));
  return steps.map((s) => {
    if (s.status !== 'pending' || !(preds.get(s.id) ?? []).every((p) => completed.has(p))) return s;
    const clock = { started_at: at, duration: s.duration, receipt_clock: receipt };
    return { ...s, status: 'running' as const, started_at: at, due: stepDue(ctx.calendar, mode, pauses, clock, at), receipt_clock: receipt };
  });
}

function receive(e: ReceivedEvent, ctx: ApplyContext): ApplyResult {
  const p = ctx.procedure;
  const cal = ctx.calendar;
  const problem = procedureProblem(p);
  if (problem) return refuse(undefined, e.dossier, problem);
  if (e.procedure !== p.code) return refuse(undefined, e.dossier, `the received event names procedure ${e.procedure}, but the version given is of ${p.code}`);
  const mode = p.on_supplement ?? 'pause';
  const pending: StepState[] = p.steps.map((s) => ({
    id: s.id,
    name: s.name,
    action: s.action,
    unit: s.unit,
    assignee: s.assignee ?? null,
    duration: s.duration,
    status: 'pending',
    started_at: null,
    due: null,
    completed_at: null,
    by: null,
    note: null,
    receipt_clock: false,
  }));
  const state: DossierState = {
    code: e.dossier,
    procedure: p.code,
    procedure_version: p.version,
    time_limit: p.time_limit,
    on_supplement: mode,
    status: 'in_progress',
    received_at: e.at,
    received_by: e.by,
    applicant: { ...e.applicant },
    channel: e.channel,
    due: dossierDue(cal, { received_at: e.at, time_limit: p.time_limit, on_supplement: mode, pauses: [] }, e.at),
    pauses: [],
    supplements: 0,
    steps: startReady(pending, ctx, mode, [], e.at, true),
    apologies: [],
    ended_at: null,
    end_reason: null,
    outcome: null,
    returned_at: null,
    returned_to: null,
    rating: null,
    last_event_at: e.at,
    events: 1,
  };
  return ok(state);
}
