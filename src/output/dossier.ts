// Human rendering of `tthc dossier show CODE`: a header, then the steps as a timeline.
import type { ChalkInstance } from 'chalk';
import { describeMinutes, parseDuration, workingMinutes } from '../calendar/duration.js';
import type { DossierView, StepProgressState, StepView } from '../dossier/view.js';
import type { Labels } from './labels.js';
import { displayWidth, renderGrid, wrapWords } from './grid.js';

/** Minutes of a working day when the caller does not say (8 hours, the civil service's day). */
const defaultDayMinutes = 480;

/**
 * The dossier for a terminal: code, procedure, status, received, due (red with OVERDUE when
 * overdue), end and outcome, supplements, working time used and left ("2d 3h 15min"), the latest
 * apology's appointment, then one row of aligned columns per step with a mark (green ✓ on time, red ✗ late,
 * yellow ▶ running, red ▶ running past due, dim · pending). Instants are shown as "dd/mm HH:MM" in
 * the offset they carry, with the year when it is not the received year. The latest supplement
 * reason and items, apology reason, end reason, the `to` of the return, the rating, and each
 * step's note are shown as the view holds them (free texts: `redactView` hides them first under
 * --redact). `dayMinutes` is the calendar's working day (the view does not carry it). Colour only
 * through `c`. Refuses nothing.
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
  // The free texts (redacted by `redactView` under --redact): the latest of each kind.
  const pause = view.pauses[view.pauses.length - 1];
  if (pause) rows.push([l.supplementReason, pause.items.length > 0 ? `${pause.reason} (${pause.items.join('; ')})` : pause.reason]);
  const apology = view.apologies[view.apologies.length - 1];
  if (apology) rows.push([l.apologyReason, apology.reason]);
  if (view.end_reason !== null) rows.push([l.endReason, view.end_reason]);
  if (view.returned_to !== null) rows.push([l.returnedTo, view.returned_to]);
  if (view.rating) rows.push([l.rating, view.rating.comment === null ? `${view.rating.score}/5` : `${view.rating.score}/5 · ${view.rating.comment}`]);
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
          mark(s, view, c),
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
      ...view.steps.filter((s) => s.note !== null).map((s) => `${c.dim(`${l.stepNote} ${s.id}:`)} ${s.note}`),
      c.dim(l.stepLegend),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * "05/01 09:00" from "2026-01-05T09:00:00+07:00" (the wall time of the offset it carries, which
 * `dossierView` gives in the calendar's zone); "05/01/2027 09:00" outside `year`, and always
 * with the year when `year` is not given.
 */
export function instant(iso: string, year?: string): string {
  const y = iso.slice(0, 4);
  const date = `${iso.slice(8, 10)}/${iso.slice(5, 7)}${y === year ? '' : `/${y}`}`;
  return `${date} ${iso.slice(11, 16)}`;
}

/** Working time left, or how late in red once negative. */
function left(minutes: number, span: (m: number) => string, l: Labels, c: ChalkInstance): string {
  return minutes < 0 ? c.red(l.lateBy(span(-minutes))) : span(minutes);
}

/**
 * Where a step of `view` stands: completed on time or late (`late`: after its due), running or
 * running past its due as of the view's as-of, else pending (not started, or cut off when the
 * dossier ended by a refusal, withdrawal or stop: neither running nor late any more).
 */
export function stepProgressState(s: StepView, view: Pick<DossierView, 'ended_at'>): StepProgressState {
  if (s.status === 'completed') return s.late ? 'completed_late' : 'completed_on_time';
  if (s.status === 'running' && view.ended_at === null) return s.late ? 'running_overdue' : 'running';
  return 'pending';
}

/** The mark of each state, and its colour. */
const stateMarks: Record<StepProgressState, { symbol: string; paint: (c: ChalkInstance) => ChalkInstance }> = {
  completed_on_time: { symbol: '✓', paint: (c) => c.green },
  completed_late: { symbol: '✗', paint: (c) => c.red },
  running: { symbol: '▶', paint: (c) => c.yellow },
  running_overdue: { symbol: '▶', paint: (c) => c.red },
  pending: { symbol: '·', paint: (c) => c.dim },
};

function mark(s: StepView, view: DossierView, c: ChalkInstance): string {
  // A step cut off when the dossier ended keeps the running mark, dimmed.
  if (view.ended_at !== null && s.status === 'running') return c.dim('▶');
  const m = stateMarks[stepProgressState(s, view)];
  return m.paint(c)(m.symbol);
}

/**
 * The steps as a compact chart, one line each, in the order they can run (by `ranks`, from
 * `stepRanks`; then in procedure order): the state's mark and colour, the step's number and
 * name, a bar of the time used against its budget (10 cells, full when over), started → completed,
 * and the state in words, so that it reads without colour. Steps of one rank (which may run side
 * by side) are joined by a bracket ┌ │ └. Names are cut to 34 columns. Colour only through `c`.
 * Refuses nothing; a step without a rank goes last.
 */
export function dossierChart(view: DossierView, ranks: ReadonlyMap<string, number>, l: Labels, c: ChalkInstance, dayMinutes: number = defaultDayMinutes): string {
  const year = view.received_at.slice(0, 4);
  const rankOf = (id: string) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  const order = view.steps.map((s, i) => ({ s, i })).sort((a, b) => rankOf(a.s.id) - rankOf(b.s.id) || a.i - b.i);
  const perRank = new Map<number, number>();
  // Unranked steps are not known to run side by side.
  for (const { s } of order) if (ranks.has(s.id)) perRank.set(rankOf(s.id), (perRank.get(rankOf(s.id)) ?? 0) + 1);
  const nameWidth = 34;
  const lines = [c.bold(l.progressChart)];
  let parallel = false;
  order.forEach(({ s, i }, k) => {
    const rank = rankOf(s.id);
    const same = (j: number) => order[j] !== undefined && rankOf(order[j]!.s.id) === rank;
    const bracket = (perRank.get(rank) ?? 0) < 2 ? ' ' : !same(k - 1) ? '┌' : !same(k + 1) ? '└' : '│';
    if (bracket !== ' ') parallel = true;
    const state = stepProgressState(s, view);
    const paint = stateMarks[state].paint(c);
    const name = cut(`${i + 1}. ${s.name}`, nameWidth);
    const times = s.started_at ? `${instant(s.started_at, year)} → ${s.completed_at ? instant(s.completed_at, year) : ''}` : '';
    const cells = [`${bracket} ${paint(stateMarks[state].symbol)} ${name}${' '.repeat(nameWidth - displayWidth(name))}`, bar(s, view, state, c, dayMinutes), times.padEnd(25), paint(l.stepStates[state])];
    lines.push(cells.join('  ').trimEnd());
  });
  if (parallel) lines.push(c.dim(`┌ └ ${l.parallelSteps}`));
  return lines.join('\n') + '\n';
}

/** `text` cut to `width` columns with "…". */
function cut(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Ten cells of the time a step used against its budget, painted by its state: working minutes
 * for budgets in days or hours, calendar time from start to completion (or as-of) for budgets
 * in calendar days. Empty cells for a step not started.
 */
function bar(s: StepView, view: DossierView, state: StepProgressState, c: ChalkInstance, dayMinutes: number): string {
  const budget = parseDuration(s.duration);
  let share = 0;
  if (budget && s.started_at) {
    const working = workingMinutes(budget, dayMinutes);
    const used = working !== undefined ? (s.used_minutes ?? 0) : (Date.parse(s.completed_at ?? view.ended_at ?? view.as_of) - Date.parse(s.started_at)) / 60_000;
    const whole = working ?? budget.amount * 1440;
    share = whole > 0 ? used / whole : 1;
  }
  const full = Math.max(0, Math.min(10, Math.round(share * 10)));
  return stateMarks[state].paint(c)('█'.repeat(full)) + c.dim('░'.repeat(10 - full));
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
