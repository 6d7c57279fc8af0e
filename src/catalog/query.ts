// Questions asked of a validated catalog: the list of procedures, and one procedure in full.
import { formatMinutes, parseDuration, workingMinutes } from '../calendar/duration.js';
import { dayLengthMinutes } from '../calendar/calendar.js';
import { successors, longestPath } from './graph.js';
import type { CalendarDef, Catalog, Component, Fee, Mechanism, Official, Procedure, StepAction, Unit } from './model.js';

export interface ProcedureFilter {
  /** Agency id: the procedure's agency or a unit above it. */
  unit?: string;
  mechanism?: Mechanism;
  /** Text contained in the field, ignoring case and diacritics. */
  field?: string;
  /** Level of the agency (province, commune, …). */
  level?: string;
}

/** One line of `tthc catalog list`. */
export interface ProcedureSummary {
  code: string;
  name: string;
  agency: string;
  agency_name: string;
  level: string | null;
  field: string;
  mechanism: Mechanism;
  time_limit: string;
  steps: number;
  effective_from: string;
}

/** Lowercase without diacritics (đ → d), for matching Vietnamese text as people type it. */
export function fold(text: string): string {
  return baseLetters(text).toLowerCase();
}

/** The text's base letters, case kept: diacritics dropped, đ → d, Đ → D. */
export function baseLetters(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\u0111/g, 'd').replace(/\u0110/g, 'D');
}

/** True when every word of `term` appears in `text`, in any order, ignoring case and diacritics ("cap phep" finds "Cấp giấy phép"). */
export function matchesWords(term: string, text: string): boolean {
  const folded = fold(text);
  return fold(term).split(/\s+/).every((w) => folded.includes(w));
}

function unitChain(units: Map<string, Unit>, id: string): string[] {
  const out: string[] = [];
  for (let u = units.get(id); u && !out.includes(u.id); u = u.parent ? units.get(u.parent) : undefined) out.push(u.id);
  return out;
}

/** The procedures matching every filter given, ordered by code. */
export function listProcedures(catalog: Catalog, filter: ProcedureFilter = {}): ProcedureSummary[] {
  const units = new Map(catalog.units.map((u) => [u.value.id, u.value]));
  const field = filter.field === undefined ? undefined : fold(filter.field);
  return catalog.procedures
    .map((p) => p.value)
    .filter((p) => filter.unit === undefined || unitChain(units, p.agency).includes(filter.unit))
    .filter((p) => filter.mechanism === undefined || p.mechanism === filter.mechanism)
    .filter((p) => field === undefined || fold(p.field).includes(field))
    .filter((p) => filter.level === undefined || units.get(p.agency)?.level === filter.level)
    .map((p) => ({
      code: p.code,
      name: p.name,
      agency: p.agency,
      agency_name: units.get(p.agency)?.name ?? p.agency,
      level: units.get(p.agency)?.level ?? null,
      field: p.field,
      mechanism: p.mechanism,
      time_limit: p.time_limit,
      steps: p.steps.length,
      effective_from: p.effective_from,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export interface StepDetail {
  id: string;
  name: string;
  action: StepAction;
  unit: { id: string; name: string; phone: string | null; email: string | null };
  official: { id: string; name: string; title: string | null; phone: string | null; email: string | null } | null;
  duration: string;
  minutes: number;
  next: string[];
  on_longest_path: boolean;
}

/** `tthc catalog show CODE`: the procedure with its units, contacts and budgets resolved. */
export interface ProcedureDetail {
  code: string;
  name: string;
  agency: { id: string; name: string; code: string | null; level: string | null };
  field: string;
  mechanism: Mechanism;
  calendar: string | null;
  time_limit: string;
  /** Working minutes of the time limit; null for calendar days. */
  time_limit_minutes: number | null;
  on_supplement: 'pause' | 'restart';
  effective_from: string;
  effective_to: string | null;
  applicants: string | null;
  channels: string[];
  result: string | null;
  /** The heaviest chain of step budgets, which must fit in the time limit. */
  longest_path: { steps: string[]; minutes: number; duration: string };
  day_minutes: number;
  steps: StepDetail[];
  fees: Fee[];
  components: Component[];
  conditions: string[];
  legal_basis: string[];
  notes: string | null;
}

/** The calendar a procedure runs on among `calendars`: the one it names, else the first. */
function calendarFor(calendars: readonly CalendarDef[], p: Procedure): CalendarDef | undefined {
  return p.calendar !== undefined ? calendars.find((c) => c.id === p.calendar) : calendars[0];
}

/** Working minutes of "1d" on a calendar: a validated catalog always has one; 8 hours, the legal day, otherwise. */
function dayMinutesOf(cal: CalendarDef | undefined): number {
  return (cal && dayLengthMinutes(cal)) ?? 480;
}

/** The calendar a procedure runs on: the one it names, else the catalog's only one. */
export function procedureCalendar(catalog: Catalog, p: Procedure): CalendarDef | undefined {
  return calendarFor(catalog.calendars.map((c) => c.value), p);
}

/** Working minutes of "1d" for a procedure: its calendar's day. */
export function procedureDayMinutes(catalog: Catalog, p: Procedure): number {
  return dayMinutesOf(procedureCalendar(catalog, p));
}

/** The procedure with `code`, resolved; undefined when the catalog has none. */
export function describeProcedure(catalog: Catalog, code: string): ProcedureDetail | undefined {
  const p: Procedure | undefined = catalog.procedures.find((x) => x.value.code === code)?.value;
  if (!p) return undefined;
  const values = <T>(docs: readonly { value: T }[]) => docs.map((d) => d.value);
  return describeProcedureWith(p, { calendars: values(catalog.calendars), units: values(catalog.units), officials: values(catalog.officials) });
}

/** What a procedure's units, officials and calendar are looked up in. */
export interface ProcedureSurroundings {
  calendars: readonly CalendarDef[];
  units: readonly Unit[];
  officials: readonly Official[];
}

/**
 * `p` resolved against `around` (a catalog's documents, or the rows stored in a database for a
 * loaded version): its own calendar, else the first one. Refuses nothing: an unknown unit or
 * official shows by its id, or not at all.
 */
export function describeProcedureWith(p: Procedure, around: ProcedureSurroundings): ProcedureDetail {
  const units = new Map(around.units.map((u) => [u.id, u]));
  const officials = new Map<string, Official>(around.officials.map((o) => [o.id, o]));
  const cal = calendarFor(around.calendars, p);
  const day = dayMinutesOf(cal);
  const minutesOf = (text: string) => workingMinutes(parseDuration(text) ?? { amount: 0, unit: 'h' }, day) ?? 0;
  const budget = new Map(p.steps.map((s) => [s.id, minutesOf(s.duration)]));
  const graph = successors(p.steps);
  const longest = longestPath(graph, p.steps[0]!.id, (id) => budget.get(id) ?? 0) ?? { total: 0, path: [] };
  const limit = parseDuration(p.time_limit);
  const agency = units.get(p.agency);
  return {
    code: p.code,
    name: p.name,
    agency: { id: p.agency, name: agency?.name ?? p.agency, code: agency?.code ?? null, level: agency?.level ?? null },
    field: p.field,
    mechanism: p.mechanism,
    calendar: cal?.id ?? null,
    time_limit: p.time_limit,
    time_limit_minutes: limit ? (workingMinutes(limit, day) ?? null) : null,
    on_supplement: p.on_supplement ?? 'pause',
    effective_from: p.effective_from,
    effective_to: p.effective_to ?? null,
    applicants: p.applicants ?? null,
    channels: p.channels ?? [],
    result: p.result ?? null,
    longest_path: { steps: longest.path, minutes: longest.total, duration: formatMinutes(longest.total, day) },
    day_minutes: day,
    steps: p.steps.map((s) => {
      const u = units.get(s.unit);
      const o = s.assignee !== undefined ? officials.get(s.assignee) : undefined;
      return {
        id: s.id,
        name: s.name,
        action: s.action,
        unit: { id: s.unit, name: u?.name ?? s.unit, phone: u?.phone ?? null, email: u?.email ?? null },
        official: o ? { id: o.id, name: o.name, title: o.title ?? null, phone: o.phone ?? null, email: o.email ?? null } : null,
        duration: s.duration,
        minutes: budget.get(s.id) ?? 0,
        next: graph.get(s.id) ?? [],
        on_longest_path: longest.path.includes(s.id),
      };
    }),
    fees: p.fees ?? [],
    components: p.components ?? [],
    conditions: p.conditions ?? [],
    legal_basis: p.legal_basis ?? [],
    notes: p.notes ?? null,
  };
}
