// What the reports need of a dossier besides its status, computed once when an event is recorded
// and kept beside the derived rows, so that reports aggregate in SQL without replaying the log.
import type { WorkingCalendar } from '../calendar/calendar.js';
import { outcomeOf, waitedMinutes, type Outcome } from './clock.js';
import { isEnded, type DossierState, type StepState } from './state.js';

/**
 * Working minutes from `from` to `to` in `cal`, less the waits for the applicant in between;
 * never negative.
 */
export function usedMinutes(cal: WorkingCalendar, state: Pick<DossierState, 'pauses'>, from: Date, to: Date): number {
  return Math.max(0, Math.round(cal.between(from, to) - waitedMinutes(cal, state.pauses, from, to)));
}

/**
 * The instant after which a due time counts as passed, given the dossier's state now (SPEC.md
 * "overdue": `as_of > due`). While the clock is stopped for a supplement, a due time is not passed
 * unless it had already passed when the wait began and the procedure pauses (rather than
 * restarts) the clock: then it stays passed. Null when it can never be, as things stand.
 */
export function overdueFrom(state: DossierState, frozenDue: Date): Date | null {
  const open = state.pauses[state.pauses.length - 1];
  if (state.status === 'awaiting_supplement' && open) return state.on_supplement === 'pause' && frozenDue.getTime() < open.from.getTime() ? frozenDue : null;
  return frozenDue;
}

/** Whether a due time counts as passed at `at`, given the dossier's state (see `overdueFrom`). */
export function isPastDue(state: DossierState, frozenDue: Date, at: Date): boolean {
  const from = overdueFrom(state, frozenDue);
  return from !== null && at.getTime() > from.getTime();
}

export interface StepFigures {
  /** Working minutes from its start to its completion, waits excluded; null until completed. */
  used_minutes: number | null;
  /** early | on_time | late once completed (against its own due), else null. */
  outcome: Outcome | null;
  /** While it runs: the instant after which it is overdue (see `overdueFrom`); else null. */
  overdue_from: Date | null;
}

export interface DossierFigures {
  /** Working minutes from the start of its clock to its end, waits excluded; null until it ends. */
  used_minutes: number | null;
  /** While not ended: the instant after which it is overdue; else null. */
  overdue_from: Date | null;
  last_event_at: Date;
  /** In the order of `state.steps`. */
  steps: StepFigures[];
}

/**
 * The figures of completed steps, per step object and calendar. A completed step never changes:
 * later states share its object, and no wait can begin before its completion (events are in time
 * order and no step completes while the dossier waits), so its figures are final. An import
 * derives a dossier's figures after every batch that moves it; this spares the calendar work.
 */
const completedFigures = new WeakMap<StepState, { cal: WorkingCalendar; figures: StepFigures }>();

/** The figures of a dossier as its events left it. Refuses nothing. */
export function dossierFigures(state: DossierState, cal: WorkingCalendar): DossierFigures {
  const ended = isEnded(state);
  return {
    used_minutes: state.ended_at ? usedMinutes(cal, state, cal.nextWorkingInstant(state.received_at, { cutoff: true }), state.ended_at) : null,
    overdue_from: ended ? null : overdueFrom(state, state.due),
    last_event_at: state.last_event_at,
    steps: state.steps.map((s) => {
      const done = s.status === 'completed' && s.started_at && s.completed_at;
      if (done) {
        const known = completedFigures.get(s);
        if (known?.cal === cal) return known.figures;
      }
      const figures: StepFigures = {
        used_minutes: done ? usedMinutes(cal, state, cal.nextWorkingInstant(s.started_at!, { cutoff: s.receipt_clock }), s.completed_at!) : null,
        outcome: done && s.due ? outcomeOf(cal, s.completed_at!, s.due, 0) : null,
        overdue_from: !ended && s.status === 'running' && s.due ? overdueFrom(state, s.due) : null,
      };
      if (done) completedFigures.set(s, { cal, figures });
      return figures;
    }),
  };
}
