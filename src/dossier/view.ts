// A dossier as `tthc dossier show --format json` prints it (SPEC.md "JSON shapes"): the pinned
// fields first, then extras (time used and left, waits, apologies, rating). Instants are written
// with the calendar's offset; minutes are whole working minutes.
import type { WorkingCalendar } from '../calendar/calendar.js';
import { dossierDue, stepDue, type Outcome } from './clock.js';
import { isPastDue, usedMinutes } from './figures.js';
import type { StepAction, SupplementMode } from './procedure.js';
import { isEnded, runningSteps, type DossierState, type DossierStatus, type StepState, type StepStatus } from './state.js';

/** One step of `dossier show`. */
export interface StepView {
  id: string;
  status: StepStatus;
  unit: string;
  official: string | null;
  started_at: string | null;
  due: string | null;
  completed_at: string | null;
  late: boolean;
  name: string;
  action: StepAction;
  duration: string;
  /** Working minutes the step's clock ran (waits excluded); null before it starts. */
  used_minutes: number | null;
  /** Working minutes from as-of to its due while it runs (negative past due); null otherwise. */
  left_minutes: number | null;
  /** The note of its step-completed event (free text), else null. */
  note: string | null;
}

/**
 * Where a step stands as of a dossier's as-of, for diagrams and charts: completed by its due or
 * after it, running before its due or past it, or not running (not started yet, or cut off when
 * the dossier was refused, withdrawn or stopped).
 */
export const stepProgressStates = ['completed_on_time', 'completed_late', 'running', 'running_overdue', 'pending'] as const;
/** One of `stepProgressStates`. */
export type StepProgressState = (typeof stepProgressStates)[number];

/** `tthc dossier show CODE --format json`. */
export interface DossierView {
  code: string;
  procedure: string;
  procedure_version: number;
  status: DossierStatus;
  received_at: string;
  due: string;
  ended_at: string | null;
  outcome: Outcome | null;
  overdue: boolean;
  supplements: number;
  steps: StepView[];
  as_of: string;
  time_limit: string;
  on_supplement: SupplementMode;
  /** True while waiting for the applicant's supplement. */
  clock_stopped: boolean;
  /** Working minutes the dossier's clock ran until as-of or the end (waits excluded). */
  used_minutes: number;
  /** Working minutes from as-of to due (negative when overdue); null once ended. */
  left_minutes: number | null;
  /** Ids of the running steps. */
  current_steps: string[];
  pauses: { from: string; to: string | null; reason: string; items: string[]; by: string | null }[];
  apologies: { at: string; by: string | null; reason: string; new_appointment: string }[];
  /** The latest apology's new appointment (what the applicant was told), else null. */
  appointment: string | null;
  end_reason: string | null;
  returned_at: string | null;
  /** To whom the result was handed when not the applicant (free text), else null. */
  returned_to: string | null;
  rating: { at: string; score: number; comment: string | null } | null;
}

/**
 * The due time of a dossier as of `asOf`: while it waits for a supplement, moved up to `asOf`
 * (with `restart`, the limit from `asOf`), so the stopped clock cannot make it overdue; otherwise
 * `state.due`. Refuses (RangeError) only what the calendar refuses.
 */
export function dossierDueAt(state: DossierState, asOf: Date, cal: WorkingCalendar): Date {
  return state.status === 'awaiting_supplement' ? dossierDue(cal, state, asOf) : state.due;
}

/** A step's due time as of `asOf` (moved up to `asOf` while the dossier waits), or null before it starts. */
export function stepDueAt(state: DossierState, step: StepState, asOf: Date, cal: WorkingCalendar): Date | null {
  if (step.status === 'running' && step.started_at && state.status === 'awaiting_supplement') {
    return stepDue(cal, state.on_supplement, state.pauses, { started_at: step.started_at, duration: step.duration, receipt_clock: step.receipt_clock }, asOf);
  }
  return step.due;
}

/**
 * The dossier as of `asOf` in the shape of `dossier show --format json`. `overdue`: not ended and
 * past due (see `dossierDueAt`). A step is `late` when it completed after its due time, or, while
 * the dossier has not ended, runs past it as of `asOf`; a step still running when the dossier was
 * refused, withdrawn or stopped is not late. Its `official` is `by` of its step-completed event,
 * else its assignee. `asOf` is meant to be at or after the last event. Refuses nothing.
 */
export function dossierView(state: DossierState, asOf: Date, cal: WorkingCalendar): DossierView {
  const fmt = (d: Date) => cal.format(d);
  const fmtOrNull = (d: Date | null) => (d ? cal.format(d) : null);
  const ended = isEnded(state);
  const until = state.ended_at ?? asOf;
  const due = dossierDueAt(state, asOf, cal);
  const clockStart = cal.nextWorkingInstant(state.received_at, { cutoff: true });
  const used = (from: Date, to: Date) => usedMinutes(cal, state, from, to);
  const steps = state.steps.map((s): StepView => {
    const stepDueNow = stepDueAt(state, s, asOf, cal);
    const running = s.status === 'running' && !ended;
    const late =
      s.status === 'completed' && s.completed_at && s.due ? s.completed_at.getTime() > s.due.getTime() : running && s.due !== null && isPastDue(state, s.due, asOf);
    const start = s.started_at ? cal.nextWorkingInstant(s.started_at, { cutoff: s.receipt_clock }) : null;
    return {
      id: s.id,
      status: s.status,
      unit: s.unit,
      official: s.status === 'completed' ? s.by : s.assignee,
      started_at: fmtOrNull(s.started_at),
      due: fmtOrNull(stepDueNow),
      completed_at: fmtOrNull(s.completed_at),
      late,
      name: s.name,
      action: s.action,
      duration: s.duration,
      used_minutes: start ? used(start, s.completed_at ?? until) : null,
      left_minutes: running && stepDueNow ? Math.round(cal.between(asOf, stepDueNow)) : null,
      note: s.note,
    };
  });
  const lastApology = state.apologies[state.apologies.length - 1];
  return {
    code: state.code,
    procedure: state.procedure,
    procedure_version: state.procedure_version,
    status: state.status,
    received_at: fmt(state.received_at),
    due: fmt(due),
    ended_at: fmtOrNull(state.ended_at),
    outcome: state.outcome,
    overdue: !ended && isPastDue(state, state.due, asOf),
    supplements: state.supplements,
    steps,
    as_of: fmt(asOf),
    time_limit: state.time_limit,
    on_supplement: state.on_supplement,
    clock_stopped: state.status === 'awaiting_supplement',
    used_minutes: used(clockStart, until),
    left_minutes: ended ? null : Math.round(cal.between(asOf, due)),
    current_steps: ended ? [] : runningSteps(state),
    pauses: state.pauses.map((p) => ({ from: fmt(p.from), to: fmtOrNull(p.to), reason: p.reason, items: [...p.items], by: p.by })),
    apologies: state.apologies.map((a) => ({ at: fmt(a.at), by: a.by, reason: a.reason, new_appointment: fmt(a.new_appointment) })),
    appointment: lastApology ? fmt(lastApology.new_appointment) : null,
    end_reason: state.end_reason,
    returned_at: fmtOrNull(state.returned_at),
    returned_to: state.returned_to,
    rating: state.rating ? { at: fmt(state.rating.at), score: state.rating.score, comment: state.rating.comment } : null,
  };
}

/**
 * The view with every free text that people type, and that may quote the applicant, replaced by
 * `marker`: supplement reasons and each requested item, apology reasons, the end (refusal, stop,
 * withdrawal) reason, step notes, the `to` of the return and the rating's comment. Keys, nulls
 * (no text given), counts and everything else stay as they are. Refuses nothing.
 */
export function redactView(view: DossierView, marker: string): DossierView {
  const hide = (text: string | null) => (text === null ? null : marker);
  return {
    ...view,
    steps: view.steps.map((s) => ({ ...s, note: hide(s.note) })),
    pauses: view.pauses.map((p) => ({ ...p, reason: marker, items: p.items.map(() => marker) })),
    apologies: view.apologies.map((a) => ({ ...a, reason: marker })),
    end_reason: hide(view.end_reason),
    returned_to: hide(view.returned_to),
    rating: view.rating ? { ...view.rating, comment: hide(view.rating.comment) } : null,
  };
}
