// Human rendering of `tthc dossier show CODE`: a header, then the steps as a timeline.
import type { ChalkInstance } from 'chalk';
import { describeMinutes, parseDuration, workingMinutes } from '../calendar/duration.js';
import type { DossierView, StepView } from '../dossier/view.js';
import type { Labels } from './labels.js';
import { renderGrid, wrapWords } from './grid.js';

/** Minutes of a working day when the caller does not say (8 hours, the civil service's day). */
const defaultDayMinutes = 480;

/**
 * The dossier for a terminal: code, procedure, status, received, due (red with OVERDUE when
 * overdue), end and outcome, supplements, working time used and left ("2d 3h 15min"), the latest
 * apology's appointment, then one row of aligned columns per step with a mark (green ✓ on time, red ✗ late,
 * yellow ▶ running, red ▶ running past due, dim · pending). Instants are shown as "dd/mm HH:MM" in
 * the offset they carry, with the year when it is not the received year. `dayMinutes` is the
 * calendar's working day (the view does not carry it). Colour only through `c`. Refuses nothing.
 */
export function dossierTimeline(view: DossierView, l: Labels, c: ChalkInstance, dayMinutes: number = defaultDayMinutes): string {
  const year = view.received_at.slice(0, 4);
  const at = (iso: string | null) => (iso ? instant(iso, year) : '');
  const span = (m: number) => describeMinutes(m, dayMinutes);
  const ended = view.ended_at !== null;

  const rows: [string, string][] = [];
  rows.push([l.procedure, `${view.procedure} (${l.version(view.procedure_version)})`]);
  rows.push([l.status, c.bold(l.statuses[view.status])]);
  rows.push([l.receivedAt, at(view.received_at)]);
  rows.push([l.due, view.overdue ? c.red.bold(`${at(view.due)}  ${l.overdue}`) : at(view.due)]);
  if (view.ended_at) rows.push([l.endedAt, at(view.ended_at)]);
  if (view.outcome) rows.push([l.outcome, view.outcome === 'late' ? c.red(l.outcomes.late) : c.green(l.outcomes[view.outcome])]);
  rows.push([l.supplementRequests, l.times(view.supplements)]);
  const open = view.clock_stopped ? view.pauses.find((p) => p.to === null) : undefined;
  if (open) rows.push([l.clockStopped, c.yellow(at(open.from))]);
  rows.push([l.timeUsed, span(view.used_minutes)]);
  if (view.left_minutes !== null) rows.push([l.timeLeft, left(view.left_minutes, span, l, c)]);
  if (view.appointment) rows.push([l.newAppointment, c.yellow(at(view.appointment))]);
  if (!ended) rows.push([l.asOf, c.dim(at(view.as_of))]);

  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [c.bold(view.code), ...rows.map(([k, v]) => `${c.dim(k.padEnd(width))}  ${v}`), ''];
  if (view.steps.length > 0) {
    lines.push(
      renderGrid(
        [
          { header: '' },
          { header: l.step },
          { header: l.unit },
          { header: l.official },
          { header: l.started },
          { header: l.due },
          { header: l.completed },
          { header: l.timeUsed, align: 'right' },
          { header: l.timeLeft, align: 'right' },
        ],
        view.steps.map((s) => [
          mark(s, ended, c),
          // The name wraps at 28 characters, the step's id under it.
          `${wrapWords(s.name, 28)}\n${c.dim(s.id)}`,
          s.unit,
          s.official ?? '',
          at(s.started_at),
          s.late && s.status === 'running' ? c.red(at(s.due)) : at(s.due),
          at(s.completed_at),
          s.used_minutes === null ? '' : span(s.used_minutes),
          stepLeft(s, dayMinutes, span, l, c),
        ]),
        (h) => c.bold(h),
      ).trimEnd(),
      c.dim(l.stepLegend),
    );
  }
  return lines.join('\n') + '\n';
}

/** "05/01 09:00" from "2026-01-05T09:00:00+07:00"; "05/01/2027 09:00" outside `year`. */
function instant(iso: string, year: string): string {
  const y = iso.slice(0, 4);
  const date = `${iso.slice(8, 10)}/${iso.slice(5, 7)}${y === year ? '' : `/${y}`}`;
  return `${date} ${iso.slice(11, 16)}`;
}

/** Working time left, or how late in red once negative. */
function left(minutes: number, span: (m: number) => string, l: Labels, c: ChalkInstance): string {
  return minutes < 0 ? c.red(l.lateBy(span(-minutes))) : span(minutes);
}

function mark(s: StepView, ended: boolean, c: ChalkInstance): string {
  if (s.status === 'completed') return s.late ? c.red('✗') : c.green('✓');
  if (s.status === 'pending') return c.dim('·');
  // A step cut off by a refusal, withdrawal or stop is neither running nor late any more.
  if (ended) return c.dim('▶');
  return s.late ? c.red('▶') : c.yellow('▶');
}

/** A running step's time left (late in red); how late a step that completed late was; else blank. */
function stepLeft(s: StepView, dayMinutes: number, span: (m: number) => string, l: Labels, c: ChalkInstance): string {
  if (s.left_minutes !== null) return left(s.left_minutes, span, l, c);
  if (s.status !== 'completed' || !s.late) return '';
  const late = lateness(s, dayMinutes);
  return late === null ? c.red(l.lateBy('?')) : c.red(l.lateBy(late));
}

/**
 * How late a completed step was. In working time (time used past the budget) when the budget is
 * in working days or hours, since its due was fixed as start + budget; otherwise (calendar-day
 * budgets, or a due run again after a supplement) in calendar time from due to completion, as
 * "1cd 2h". Null when nothing positive comes out.
 */
function lateness(s: StepView, dayMinutes: number): string | null {
  const budget = parseDuration(s.duration);
  const minutes = budget ? workingMinutes(budget, dayMinutes) : undefined;
  if (minutes !== undefined && s.used_minutes !== null && s.used_minutes > minutes) return describeMinutes(s.used_minutes - minutes, dayMinutes);
  if (!s.due || !s.completed_at) return null;
  const over = Math.round((Date.parse(s.completed_at) - Date.parse(s.due)) / 60_000);
  return over > 0 ? describeMinutes(over, 1440).replace(/^(\d+)d\b/, '$1cd') : null;
}
