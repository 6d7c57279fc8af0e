// Checks beyond the schema (SPEC.md "Catalog files"): references between documents, the step
// graph, budgets against time limits, calendars. Each finding has a stable code.
import { dayLengthMinutes, weekdays } from '../calendar/calendar.js';
import { isWholeMinutes, parseDuration, workingMinutes, formatMinutes } from '../calendar/duration.js';
import { parseDayHours } from '../calendar/hours.js';
import { isKnownTimeZone, localDate } from '../calendar/zone.js';
import type { Finding, Severity } from './finding.js';
import { findCycle, longestPath, reachable, successors } from './graph.js';
import type { CalendarDef, Catalog, Procedure, Sourced } from './model.js';
import { locate, type Path, type SourceRef } from './source.js';
import { didYouMean } from './suggest.js';

/** Ids declared anywhere in the catalog, even in documents that failed the schema, so that one
 * broken units file does not turn every reference to its units into a second error. */
export interface KnownIds {
  units: Map<string, SourceRef>;
  officials: Map<string, SourceRef>;
  calendars: Map<string, SourceRef>;
}

export interface CheckOptions {
  /** The instant of "now", for effective dates. */
  asOf: Date;
}

function at(ref: SourceRef, sub: Path, severity: Severity, code: string, message: string, key = false): Finding {
  const { line, column } = locate(ref.src, [...ref.path, ...sub], key);
  return { file: ref.src.file, line, column, severity, code, message };
}

function where(ref: SourceRef, sub: Path = []): string {
  const { line } = locate(ref.src, [...ref.path, ...sub]);
  return `${ref.src.file}:${line}`;
}

/** Runs every cross-reference and consistency check; returns the findings. */
export function checkCatalog(catalog: Catalog, known: KnownIds, opts: CheckOptions): Finding[] {
  const out: Finding[] = [];
  for (const c of catalog.calendars) out.push(...checkCalendar(c));
  out.push(...checkUnits(catalog, known));
  const calendarById = new Map(catalog.calendars.map((c) => [c.value.id, c.value]));
  const centre = centreUnits(catalog);
  const seenCodes = new Map<string, SourceRef>();
  const todayIn = new Map<string, string>();
  const today = (tz: string): string => {
    let d = todayIn.get(tz);
    if (d === undefined) todayIn.set(tz, (d = localDate(opts.asOf, tz)));
    return d;
  };
  for (const p of catalog.procedures) {
    const first = seenCodes.get(p.value.code);
    if (first) {
      out.push(at(p.ref, ['code'], 'error', 'duplicate-code', `procedure code "${p.value.code}" is already used at ${where(first, ['code'])}; codes must be unique`));
    } else {
      seenCodes.set(p.value.code, p.ref);
    }
    out.push(...checkProcedure(p, known, calendarById, centre, { today }));
  }
  return out;
}

function checkCalendar(c: Sourced<CalendarDef>): Finding[] {
  const out: Finding[] = [];
  const cal = c.value;
  if (!isKnownTimeZone(cal.timezone)) {
    out.push(at(c.ref, ['timezone'], 'error', 'unknown-timezone', `time zone "${cal.timezone}" is not an IANA time zone (for example "Asia/Ho_Chi_Minh")`));
  }
  let anyHours = false;
  for (const wd of weekdays) {
    const hours = cal.week[wd];
    if (!hours) continue;
    const r = parseDayHours(hours);
    if (!Array.isArray(r)) out.push(at(c.ref, ['week', wd, r.index], 'error', 'invalid-hours', `${wd}: ${r.error}`));
    else if (r.length > 0) anyHours = true;
  }
  if (!anyHours) {
    out.push(at(c.ref, ['week'], 'error', 'no-working-time', `calendar "${cal.id}" has no working hours on any weekday, so no deadline could ever be reached`));
  }
  (cal.working_days ?? []).forEach((w, i) => {
    if (!w.hours) return;
    const r = parseDayHours(w.hours);
    if (!Array.isArray(r)) out.push(at(c.ref, ['working_days', i, 'hours', r.index], 'error', 'invalid-hours', `working day ${w.date}: ${r.error}`));
  });
  const closed = new Map<string, { name: string; i: number }>();
  (cal.holidays ?? []).forEach((h, i) => {
    if (h.date !== undefined && h.from !== undefined) {
      out.push(at(c.ref, ['holidays', i], 'error', 'invalid-holiday', `holiday "${h.name}" has both "date" and "from"/"to"; give one date or one range`));
      return;
    }
    if (h.date === undefined && h.from === undefined) {
      out.push(at(c.ref, ['holidays', i], 'error', 'invalid-holiday', `holiday "${h.name}" needs either "date" or "from" and "to"`));
      return;
    }
    const from = h.date ?? h.from!;
    const to = h.date ?? h.to!;
    if (to < from) {
      out.push(at(c.ref, ['holidays', i, 'to'], 'error', 'invalid-date-range', `holiday "${h.name}" ends (${to}) before it starts (${from})`));
      return;
    }
    for (const d of daysBetween(from, to)) if (!closed.has(d)) closed.set(d, { name: h.name, i });
  });
  (cal.working_days ?? []).forEach((w, i) => {
    const h = closed.get(w.date);
    if (h) {
      out.push(at(c.ref, ['working_days', i, 'date'], 'error', 'holiday-conflict', `${w.date} is both a make-up working day ("${w.name}") and a holiday ("${h.name}", ${where(c.ref, ['holidays', h.i])})`));
    }
  });
  return out;
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD, UTC arithmetic on dates only). */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  // A range is at most a few weeks; the bound keeps a typo like 2026 → 9999 harmless.
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function checkUnits(catalog: Catalog, known: KnownIds): Finding[] {
  const out: Finding[] = [];
  const unitIds = [...known.units.keys()];
  const firstUnit = new Map<string, SourceRef>();
  const firstCode = new Map<string, SourceRef>();
  for (const u of catalog.units) {
    const prev = firstUnit.get(u.value.id);
    if (prev) out.push(at(u.ref, ['id'], 'error', 'duplicate-unit', `unit id "${u.value.id}" is already defined at ${where(prev, ['id'])}`));
    else firstUnit.set(u.value.id, u.ref);
    if (u.value.code !== undefined) {
      const prevCode = firstCode.get(u.value.code);
      if (prevCode) {
        out.push(at(u.ref, ['code'], 'error', 'duplicate-agency-code', `agency code ${u.value.code} is already used by a unit at ${where(prevCode, ['code'])}; dossier codes would collide`));
      } else firstCode.set(u.value.code, u.ref);
    }
    if (u.value.parent !== undefined) {
      if (!known.units.has(u.value.parent)) {
        out.push(at(u.ref, ['parent'], 'error', 'unknown-unit', `unit "${u.value.id}" has parent "${u.value.parent}", which no units file defines${didYouMean(u.value.parent, unitIds)}`));
      } else if (u.value.parent === u.value.id || parentChainLoops(catalog, u.value.id)) {
        out.push(at(u.ref, ['parent'], 'error', 'unit-cycle', `unit "${u.value.id}" is its own ancestor through "parent"`));
      }
    }
  }
  const firstOfficial = new Map<string, SourceRef>();
  for (const o of catalog.officials) {
    const prev = firstOfficial.get(o.value.id);
    if (prev) out.push(at(o.ref, ['id'], 'error', 'duplicate-official', `official id "${o.value.id}" is already defined at ${where(prev, ['id'])}`));
    else firstOfficial.set(o.value.id, o.ref);
    if (!known.units.has(o.value.unit)) {
      out.push(at(o.ref, ['unit'], 'error', 'unknown-unit', `official "${o.value.id}" works in unit "${o.value.unit}", which no units file defines${didYouMean(o.value.unit, unitIds)}`));
    }
  }
  const firstCal = new Map<string, SourceRef>();
  for (const c of catalog.calendars) {
    const prev = firstCal.get(c.value.id);
    if (prev) out.push(at(c.ref, ['id'], 'error', 'duplicate-calendar', `calendar id "${c.value.id}" is already defined at ${where(prev, ['id'])}`));
    else firstCal.set(c.value.id, c.ref);
  }
  return out;
}

function parentChainLoops(catalog: Catalog, id: string): boolean {
  const parent = new Map(catalog.units.map((u) => [u.value.id, u.value.parent]));
  const seen = new Set<string>([id]);
  for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
    if (p === id) return true;
    if (seen.has(p)) return false; // a loop above this unit, reported on its own members
    seen.add(p);
  }
  return false;
}

/** Units that belong to a service centre: those marked `centre` and all their descendants. */
function centreUnits(catalog: Catalog): Set<string> {
  const parent = new Map(catalog.units.map((u) => [u.value.id, u.value.parent]));
  const marked = new Set(catalog.units.filter((u) => u.value.centre).map((u) => u.value.id));
  const out = new Set<string>();
  for (const id of parent.keys()) {
    const seen = new Set<string>();
    for (let p: string | undefined = id; p !== undefined && !seen.has(p); p = parent.get(p)) {
      seen.add(p);
      if (marked.has(p)) {
        out.add(id);
        break;
      }
    }
  }
  return out;
}

function checkProcedure(
  p: Sourced<Procedure>,
  known: KnownIds,
  calendars: Map<string, CalendarDef>,
  centre: Set<string>,
  opts: { today: (timeZone: string) => string },
): Finding[] {
  const out: Finding[] = [];
  const proc = p.value;
  const unitIds = [...known.units.keys()];
  const name = `procedure "${proc.code}"`;
  if (!known.units.has(proc.agency)) {
    out.push(at(p.ref, ['agency'], 'error', 'unknown-unit', `${name} names agency "${proc.agency}", which no units file defines${didYouMean(proc.agency, unitIds)}`));
  }

  // The calendar: named, or the only one.
  let cal: CalendarDef | undefined;
  if (proc.calendar !== undefined) {
    cal = calendars.get(proc.calendar);
    if (!known.calendars.has(proc.calendar)) {
      out.push(at(p.ref, ['calendar'], 'error', 'unknown-calendar', `${name} uses calendar "${proc.calendar}", which no calendar file defines${didYouMean(proc.calendar, known.calendars.keys())}`));
    }
  } else if (known.calendars.size === 1) {
    cal = [...calendars.values()][0];
  } else if (known.calendars.size === 0) {
    out.push(at(p.ref, [], 'error', 'no-calendar', `${name} needs a working calendar, and the catalog has none; add a file with kind: calendar`));
  } else {
    out.push(at(p.ref, [], 'error', 'ambiguous-calendar', `${name} does not say which calendar it uses, and the catalog has ${known.calendars.size} (${[...known.calendars.keys()].join(', ')}); add "calendar:"`));
  }

  const limit = parseDuration(proc.time_limit);
  if (limit && limit.unit === 'cd' && !Number.isInteger(limit.amount)) {
    out.push(at(p.ref, ['time_limit'], 'error', 'invalid-time-limit', `${name} has a time limit of ${proc.time_limit}; calendar days must be whole (Civil Code 2015 art. 148)`));
  }
  // Durations are whole working minutes (STYLE: integer minutes after parsing); a fraction of a
  // minute would be rounded away, 0.0000001h to an instant step.
  const day = cal ? dayLengthMinutes(cal) : undefined;
  // Working days are judged only when the calendar's day length is known.
  const whole = (text: string) => (day === undefined && /\dd$/.test(text)) || isWholeMinutes(text, day ?? 0);
  if (limit && !whole(proc.time_limit)) {
    out.push(at(p.ref, ['time_limit'], 'error', 'invalid-time-limit', `${name} has a time limit of ${proc.time_limit}, which is not a whole number of working minutes`));
  }
  proc.steps.forEach((s, i) => {
    if (parseDuration(s.duration) && !whole(s.duration)) {
      out.push(at(p.ref, ['steps', i, 'duration'], 'error', 'invalid-duration', `step "${s.id}" of ${name} has a budget of ${s.duration}, which is not a whole number of working minutes`));
    }
  });
  if (proc.effective_to !== undefined && proc.effective_to < proc.effective_from) {
    out.push(at(p.ref, ['effective_to'], 'error', 'invalid-date-range', `${name} stops applying (${proc.effective_to}) before it starts (${proc.effective_from})`));
  }
  const today = opts.today(cal && isKnownTimeZone(cal.timezone) ? cal.timezone : 'Asia/Ho_Chi_Minh');
  if (proc.effective_from > today) {
    out.push(at(p.ref, ['effective_from'], 'info', 'not-yet-effective', `${name} takes effect on ${proc.effective_from}, after today (${today})`));
  }

  // Steps: ids, references, the graph.
  const stepIds = proc.steps.map((s) => s.id);
  const firstIndex = new Map<string, number>();
  proc.steps.forEach((s, i) => {
    const prev = firstIndex.get(s.id);
    if (prev !== undefined) {
      out.push(at(p.ref, ['steps', i, 'id'], 'error', 'duplicate-step', `${name} has two steps with id "${s.id}" (steps ${prev + 1} and ${i + 1})`));
    } else firstIndex.set(s.id, i);
    if (!known.units.has(s.unit)) {
      out.push(at(p.ref, ['steps', i, 'unit'], 'error', 'unknown-unit', `step "${s.id}" runs in unit "${s.unit}", which no units file defines${didYouMean(s.unit, unitIds)}`));
    } else if (proc.mechanism === 'five-on-the-spot' && !centre.has(s.unit)) {
      out.push(at(p.ref, ['steps', i, 'unit'], 'warning', 'outside-centre', `${name} is five-on-the-spot, but step "${s.id}" runs in unit "${s.unit}", outside the service centre (no unit above it has centre: true)`));
    }
    if (s.assignee !== undefined && !known.officials.has(s.assignee)) {
      out.push(at(p.ref, ['steps', i, 'assignee'], 'error', 'unknown-official', `step "${s.id}" is assigned to "${s.assignee}", whom no units file lists among the officials${didYouMean(s.assignee, known.officials.keys())}`));
    }
    (s.next ?? []).forEach((n, j) => {
      if (!stepIds.includes(n)) {
        out.push(at(p.ref, ['steps', i, 'next', j], 'error', 'unknown-step', `step "${s.id}" continues to "${n}", which is not a step of ${name}${didYouMean(n, stepIds)}`));
      }
    });
  });

  const returns = proc.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.action === 'return');
  if (returns.length === 0) {
    out.push(at(p.ref, ['steps'], 'error', 'no-return-step', `${name} has no step with action "return"; the result must be returned to the applicant`, true));
  } else if (returns.length > 1) {
    const second = returns[1]!;
    out.push(at(p.ref, ['steps', second.i, 'action'], 'error', 'multiple-return-steps', `${name} returns the result twice: steps "${returns[0]!.s.id}" and "${second.s.id}" both have action "return"`));
  }

  // With two steps of one id the graph is not defined; the duplicate is the finding.
  if (firstIndex.size < proc.steps.length) return out;
  const graph = successors(proc.steps);
  const cycle = findCycle(graph);
  if (cycle) {
    const closing = cycle[cycle.length - 2]!;
    const i = firstIndex.get(closing)!;
    const explicit = proc.steps[i]!.next !== undefined;
    out.push(at(p.ref, explicit ? ['steps', i, 'next'] : ['steps', i], 'error', 'step-cycle', `the steps of ${name} go round in a circle: ${cycle.join(' → ')}`));
    return out;
  }
  const start = proc.steps[0]!.id;
  const seen = reachable(graph, start);
  proc.steps.forEach((s, i) => {
    if (!seen.has(s.id) && firstIndex.get(s.id) === i) {
      out.push(at(p.ref, ['steps', i, 'id'], 'error', 'unreachable-step', `step "${s.id}" can never run: no step leads to it from the first step "${start}"`));
    }
  });

  out.push(...checkBudget(p, cal, graph, start));
  return out;
}

function checkBudget(p: Sourced<Procedure>, cal: CalendarDef | undefined, graph: Map<string, string[]>, start: string): Finding[] {
  const proc = p.value;
  const limit = parseDuration(proc.time_limit);
  const day = cal ? dayLengthMinutes(cal) : undefined;
  if (!limit || limit.unit === 'cd' || day === undefined) return [];
  const limitMinutes = workingMinutes(limit, day)!;
  const budget = new Map(proc.steps.map((s) => [s.id, workingMinutes(parseDuration(s.duration) ?? { amount: 0, unit: 'h' }, day) ?? 0]));
  const longest = longestPath(graph, start, (id) => budget.get(id) ?? 0);
  if (!longest) return [];
  const path = longest.path.join(' → ');
  const fmt = (m: number): string => formatMinutes(m, day);
  if (longest.total > limitMinutes) {
    return [at(p.ref, ['time_limit'], 'error', 'budget-exceeds-limit', `the step budgets of procedure "${proc.code}" add up to ${fmt(longest.total)} along ${path}, more than its time limit of ${proc.time_limit} (${fmt(limitMinutes)})`)];
  }
  if (longest.total * 2 < limitMinutes) {
    return [at(p.ref, ['time_limit'], 'warning', 'budget-underused', `the step budgets of procedure "${proc.code}" use only ${fmt(longest.total)} of its time limit of ${proc.time_limit} (${fmt(limitMinutes)}) along ${path}; shorten the limit or give the steps their real budgets`)];
  }
  return [];
}
