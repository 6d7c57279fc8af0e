// Due times of a dossier (or a running step) whose clock stops while the applicant supplements
// the dossier (SPEC.md "Deadlines"): `pause` moves the due time later by the working time spent
// waiting; `restart` computes it again from the moment the complete dossier is received.
import type { WorkingCalendar } from './calendar.js';
import { parseDuration, type Duration } from './duration.js';

/** A wait for the applicant: from the request to supplement until the dossier came back. */
export interface Pause {
  from: Date;
  /** Absent while still waiting. */
  to?: Date;
}

export interface DueOptions {
  /** When the clock started: the dossier's receipt, or the step's start. */
  start: Date;
  /** The time limit: "15d", "4h", "30cd". */
  limit: string;
  /** The receipt cut-off applies to a dossier's receipt, not to a step's start. */
  cutoff: boolean;
  mode: 'pause' | 'restart';
  /** The waits, in order; those before `start` are ignored. */
  pauses: readonly Pause[];
  /** "Now": an open wait counts until then. */
  asOf: Date;
}

/**
 * The due time after the waits for the applicant. With `pause`, the working time inside each
 * wait (an open one until `asOf`) moves the due time later; for a limit in calendar days, the
 * elapsed time of the waits does, then the Civil Code rule applies. With `restart`, the limit
 * runs again from the end of the last wait (from `asOf` while still waiting: the clock is stopped,
 * so the dossier cannot be overdue). Refuses (RangeError) a limit that is not a duration.
 */
export function dueAfterPauses(cal: WorkingCalendar, o: DueOptions): Date {
  const limit = parseDuration(o.limit);
  if (!limit) throw new RangeError(`"${o.limit}" is not a duration like "15d", "4h" or "30cd"`);
  const startMs = o.start.getTime();
  const waits = o.pauses
    .map((p) => ({ from: Math.max(p.from.getTime(), startMs), to: (p.to ?? o.asOf).getTime() }))
    .filter((p) => p.to > p.from);
  if (o.mode === 'restart') {
    const last = o.pauses[o.pauses.length - 1];
    const restartAt = last === undefined || last.from.getTime() < startMs ? o.start : (last.to ?? o.asOf);
    return plain(cal, restartAt, limit, o.cutoff);
  }
  const base = plain(cal, o.start, limit, o.cutoff);
  if (limit.unit === 'cd') {
    const waited = waits.reduce((sum, p) => sum + (p.to - p.from), 0);
    return waited === 0 ? base : cal.addCalendarDays(new Date(base.getTime() + waited), 0);
  }
  const waited = waits.reduce((sum, p) => sum + cal.between(new Date(p.from), new Date(p.to)), 0);
  return waited === 0 ? base : cal.due(base, waited);
}

function plain(cal: WorkingCalendar, start: Date, limit: Duration, cutoff: boolean): Date {
  if (limit.unit === 'cd') return cal.addCalendarDays(start, limit.amount);
  return cal.due(start, Math.round(limit.amount * (limit.unit === 'd' ? cal.dayMinutes : 60)), { cutoff });
}
