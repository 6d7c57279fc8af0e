// The clocks of a dossier and of its steps (SPEC.md "Deadlines"): due times fixed at the start,
// moved by the waits for the applicant (`pause`) or run again from the end of the last wait
// (`restart`), and the outcome of an ended dossier (SPEC.md "Definitions used by every report").
import type { WorkingCalendar } from '../calendar/calendar.js';
import { dueAfterPauses, type Pause } from '../calendar/pauses.js';
import type { SupplementMode } from './procedure.js';

/** How an ended dossier is judged (SPEC.md definitions); null before the end. */
export const outcomes = ['early', 'on_time', 'late'] as const;
/** One of `outcomes`. */
export type Outcome = (typeof outcomes)[number];

/** A wait for the applicant's supplement: from the request until the complete dossier came back. */
export interface SupplementWait {
  readonly from: Date;
  /** Null while still waiting. */
  readonly to: Date | null;
  readonly reason: string;
  readonly items: readonly string[];
  /** The official who asked. */
  readonly by: string | null;
}

function asPauses(waits: readonly SupplementWait[]): Pause[] {
  return waits.map((w) => (w.to ? { from: w.from, to: w.to } : { from: w.from }));
}

/** What the dossier's clock needs. */
export interface DossierClock {
  readonly received_at: Date;
  readonly time_limit: string;
  readonly on_supplement: SupplementMode;
  readonly pauses: readonly SupplementWait[];
}

/**
 * The dossier's due time: the time limit from the receipt (after the receipt cut-off), moved by
 * the waits (an open one counts until `asOf`), or, with `restart`, the limit from the end of the
 * last wait (from `asOf` while waiting). Refuses (RangeError) a limit that is not a duration.
 */
export function dossierDue(cal: WorkingCalendar, d: DossierClock, asOf: Date): Date {
  return dueAfterPauses(cal, { start: d.received_at, limit: d.time_limit, cutoff: true, mode: d.on_supplement, pauses: asPauses(d.pauses), asOf });
}

/** What a step's clock needs. */
export interface StepClock {
  readonly started_at: Date;
  readonly duration: string;
  /** The step started with the dossier at receipt, so the receipt cut-off delays its clock too. */
  readonly receipt_clock: boolean;
}

/**
 * A running step's due time: its budget from its start, moved by the waits that began after it
 * started; with `restart`, its budget from the end of the last such wait, which, like the
 * dossier's, honours the receipt cut-off (the complete dossier is received again). Refuses
 * (RangeError) a budget that is not a duration.
 */
export function stepDue(cal: WorkingCalendar, mode: SupplementMode, pauses: readonly SupplementWait[], s: StepClock, asOf: Date): Date {
  const restarted = mode === 'restart' && pauses.some((p) => p.from.getTime() >= s.started_at.getTime());
  return dueAfterPauses(cal, { start: s.started_at, limit: s.duration, cutoff: s.receipt_clock || restarted, mode, pauses: asPauses(pauses), asOf });
}

/** Working minutes spent waiting for the applicant between `from` and `until` (an open wait lasts until `until`). */
export function waitedMinutes(cal: WorkingCalendar, pauses: readonly SupplementWait[], from: Date, until: Date): number {
  let sum = 0;
  for (const p of pauses) {
    const a = Math.max(p.from.getTime(), from.getTime());
    const b = Math.min((p.to ?? until).getTime(), until.getTime());
    if (b > a) sum += cal.between(new Date(a), new Date(b));
  }
  return sum;
}

/**
 * How an ended dossier is judged: `late` when it ended after `due` or had more than one
 * supplement request; else `early` when it ended on a calendar day (the calendar's zone) before
 * the day of `due`; else `on_time`. Refuses nothing.
 */
export function outcomeOf(cal: WorkingCalendar, endedAt: Date, due: Date, supplements: number): Outcome {
  if (supplements > 1 || endedAt.getTime() > due.getTime()) return 'late';
  return cal.utcToLocal(endedAt.getTime()).day < cal.utcToLocal(due.getTime()).day ? 'early' : 'on_time';
}
