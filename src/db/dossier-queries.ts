// Reads of the derived dossier rows: `tthc dossier list`, the register of `tthc dossier form --form 07`.
import { sql, type Kysely } from 'kysely';
import type { Duration } from '../calendar/duration.js';
import { isPastDue } from '../dossier/figures.js';
import type { Applicant } from '../dossier/events.js';
import { isEnded, replayEvents } from '../dossier/state.js';
import type { CalendarLookup } from './calendars.js';
import { loadDossier } from './event-store.js';
import type { Database, DossiersTable } from './schema.js';

export interface DossierFilter {
  status?: string;
  /** The procedure's agency, or any unit under it. */
  unit?: string;
  procedure?: string;
  /** Not ended and past due at `asOf` (SPEC.md "overdue"). */
  overdue?: boolean;
  /**
   * In progress, not overdue, with at most this many working minutes left at `asOf` (SPEC.md
   * "due soon"), measured in each dossier's own calendar by `leftMinutes`.
   */
  dueSoon?: { within: number; leftMinutes: (row: DossiersTable) => Promise<number> };
  /** Text in the applicant's name (personal data: the rows never carry it). */
  applicant?: string;
  asOf: Date;
  limit: number;
}

/**
 * The due-soon filter for `within` (working time, "1d" = the calendar's working day; the
 * dossiers of one province share one calendar): working minutes left until each dossier's due,
 * in its own calendar.
 */
export function dueSoonWithin(calendars: CalendarLookup, within: Duration, asOf: Date): NonNullable<DossierFilter['dueSoon']> {
  const day = calendars.dayMinutes();
  return {
    within: Math.round(within.amount * (within.unit === 'd' ? day : 60)),
    leftMinutes: async (r) => {
      const cal = await calendars.ofVersion(r.procedure, r.procedure_version);
      return cal ? cal.between(asOf, new Date(r.due)) : Infinity;
    },
  };
}

/** A unit and every unit under it, to any depth. */
export async function unitsUnder(db: Kysely<Database>, unit: string): Promise<string[]> {
  const units = await db.selectFrom('units').select(['id', 'parent']).execute();
  const below = new Set([unit]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) if (u.parent !== null && below.has(u.parent) && !below.has(u.id)) (below.add(u.id), (grew = true));
  }
  return [...below];
}

/** Dossier rows matching every filter, most urgent (earliest due) first. */
export async function listDossiers(db: Kysely<Database>, f: DossierFilter): Promise<DossiersTable[]> {
  let q = db.selectFrom('dossiers').selectAll();
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.procedure !== undefined) q = q.where('procedure', '=', f.procedure);
  if (f.unit !== undefined) q = q.where('agency', 'in', await unitsUnder(db, f.unit));
  // Not ended and past due, a stopped clock counted as figures.ts says (exact for an as-of at or
  // after the dossier's last event).
  if (f.overdue) q = q.where('overdue_from', '<', f.asOf.toISOString());
  if (f.applicant !== undefined) {
    const needle = `%${f.applicant.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // ESCAPE names the backslash on both engines (SQLite has no LIKE escape by default).
    q = q.where('code', 'in', (sub) => sub.selectFrom('events').select('dossier').where('type', '=', 'received').where(sql<boolean>`payload like ${needle} escape '\\'`));
  }
  if (!f.dueSoon) return q.orderBy('due').orderBy('code').limit(f.limit).execute();
  // Due soon: scan the running dossiers not yet due, earliest first, keeping those with little
  // working time left; a page with none left that close ends the scan (time left grows with due).
  const out: DossiersTable[] = [];
  const page = 500;
  for (let offset = 0; out.length < f.limit; offset += page) {
    const rows = await q.where('status', '=', 'in_progress').where('due', '>=', f.asOf.toISOString()).orderBy('due').orderBy('code').limit(page).offset(offset).execute();
    let close = 0;
    for (const r of rows) {
      if ((await f.dueSoon.leftMinutes(r)) <= f.dueSoon.within) {
        close++;
        if (out.length < f.limit) out.push(r);
      }
    }
    if (rows.length < page || close === 0) break;
  }
  return out;
}


/** What was overdue of a dossier at an instant: itself, and which of its running steps. */
export interface OverdueAt {
  procedure: string;
  /** Null when the dossier had not been received or had ended by then. */
  dossier: boolean | null;
  /** The steps running then and past their due, with their official (by, else assignee). */
  steps: { step: string; official: string }[];
}

/**
 * Replays a dossier's events before `t` to tell what was overdue at `t` (SPEC.md "overdue":
 * not ended and `t` past due; a stopped clock as src/dossier/figures.ts says). For reports of a
 * past period whose stored rows have moved on since. Undefined for an unknown code.
 */
export async function overdueAt(db: Kysely<Database>, code: string, t: Date): Promise<OverdueAt | undefined> {
  const loaded = await loadDossier(db, code);
  if (!loaded) return undefined;
  const r = replayEvents(loaded.events.filter((e) => e.at.getTime() < t.getTime()), loaded.ctx);
  if (!r.ok || !r.state || isEnded(r.state)) return { procedure: loaded.state.procedure, dossier: null, steps: [] };
  const state = r.state;
  const past = (d: Date | null) => d !== null && isPastDue(state, d, t);
  return {
    procedure: state.procedure,
    dossier: past(state.due),
    steps: state.steps.filter((s) => s.status === 'running' && past(s.due)).map((s) => ({ step: s.id, official: s.by ?? s.assignee ?? '' })),
  };
}

/** One dossier of `tthc dossier export-status`: what a public status lookup may show, no more. */
export interface StatusRow {
  code: string;
  procedure: string;
  procedure_version: number;
  status: string;
  due: string;
  /** Ids of the running steps, in the procedure's order. */
  current_steps: string[];
}

/** Every dossier received at or after `since` (all when undefined), by code, with its running steps. */
export async function statusRows(db: Kysely<Database>, since?: Date): Promise<StatusRow[]> {
  let q = db.selectFrom('dossiers').select(['code', 'procedure', 'procedure_version', 'status', 'due']);
  if (since !== undefined) q = q.where('received_at', '>=', since.toISOString());
  const rows = await q.orderBy('code').execute();
  const running = await db.selectFrom('steps').select(['dossier', 'step']).where('status', '=', 'running').orderBy('dossier').orderBy('position').execute();
  const steps = new Map<string, string[]>();
  for (const r of running) {
    const list = steps.get(r.dossier);
    if (list) list.push(r.step);
    else steps.set(r.dossier, [r.step]);
  }
  return rows.map((r) => ({ ...r, current_steps: steps.get(r.code) ?? [] }));
}

/** A dossier of a unit's tracking register (form 07): its row and the applicant of its receipt. */
export interface RegisterDossier extends DossiersTable {
  /** Personal data: for the forms, which go to the applicant, and nothing else. */
  applicant: Applicant;
}

/** Codes per `in (…)` list: well under every engine's parameter limit. */
const codesPerQuery = 500;

/**
 * The dossiers received in `from ≤ received_at < to` that concern one of `units`: their
 * procedure's agency is one of them, or one of their steps started in one of them (the desk that
 * received it, a unit that took part). In order of receipt, then code.
 */
export async function registerDossiers(db: Kysely<Database>, f: { units: readonly string[]; from: Date; to: Date }): Promise<RegisterDossier[]> {
  const units = [...f.units];
  const rows = await db
    .selectFrom('dossiers')
    .selectAll()
    .where('received_at', '>=', f.from.toISOString())
    .where('received_at', '<', f.to.toISOString())
    .where((eb) => eb.or([eb('agency', 'in', units), eb('code', 'in', eb.selectFrom('steps').select('dossier').where('unit', 'in', units).where('started_at', 'is not', null))]))
    .orderBy('received_at')
    .orderBy('code')
    .execute();
  const applicants = new Map<string, Applicant>();
  for (let i = 0; i < rows.length; i += codesPerQuery) {
    const codes = rows.slice(i, i + codesPerQuery).map((r) => r.code);
    const received = await db.selectFrom('events').select(['dossier', 'payload']).where('type', '=', 'received').where('dossier', 'in', codes).execute();
    for (const e of received) applicants.set(e.dossier, (JSON.parse(e.payload) as { applicant: Applicant }).applicant);
  }
  return rows.map((r) => ({ ...r, applicant: applicants.get(r.code) ?? { name: '' } }));
}
