// `tthc report overdue` and `tthc report due-soon`: the dossiers past due, most late first, and
// those with little working time left, least left first, each with its running steps and their
// officials, and the working time late or left in its own calendar. Both read the derived rows
// as they are now, so `as_of` should be at or after the latest event (the default, now).
import type { Kysely } from 'kysely';
import type { Duration } from '../calendar/duration.js';
import { calendarLookup } from '../db/calendars.js';
import { dueSoonWithin, listDossiers, unitsUnder } from '../db/dossier-queries.js';
import type { Database, DossiersTable } from '../db/schema.js';

export interface UrgentRow {
  code: string;
  procedure: string;
  unit: string;
  /** The running steps' ids, joined by ", " (parallel branches), or "" while none runs. */
  step: string;
  /** Their officials, likewise. */
  official: string;
  due: Date;
  /** Working minutes since the due (overdue) or until it (due soon). */
  minutes: number;
}

export interface UrgentData {
  asOf: Date;
  kind: 'overdue' | 'due-soon';
  rows: UrgentRow[];
  /** Dossiers not ended: past due, due within the window, and the rest ("not yet due"). */
  counts: { overdue: number; due_soon: number; not_yet_due: number };
  /** The time zone of the first calendar, for writing instants. */
  zone: string;
}

export interface UrgentQuery {
  asOf: Date;
  /** The due-soon window, working time (SPEC.md: default 1d). */
  within: Duration;
  unit?: string;
  procedure?: string;
}

/** Both lists' counts, and the rows of one of them. */
export async function urgentReport(db: Kysely<Database>, kind: UrgentData['kind'], q: UrgentQuery): Promise<UrgentData> {
  const asOf = q.asOf.toISOString();
  const calendars = await calendarLookup(db);
  const units = q.unit !== undefined ? await unitsUnder(db, q.unit) : undefined;
  let overdueQ = db.selectFrom('dossiers').selectAll().where('overdue_from', '<', asOf);
  let openQ = db.selectFrom('dossiers').select((e) => e.fn.countAll<number>().as('n')).where('ended_at', 'is', null);
  if (units) (overdueQ = overdueQ.where('agency', 'in', units)), (openQ = openQ.where('agency', 'in', units));
  if (q.procedure !== undefined) (overdueQ = overdueQ.where('procedure', '=', q.procedure)), (openQ = openQ.where('procedure', '=', q.procedure));
  const overdue = await overdueQ.execute();
  const soon = await listDossiers(db, {
    ...(q.unit !== undefined ? { unit: q.unit } : {}),
    ...(q.procedure !== undefined ? { procedure: q.procedure } : {}),
    asOf: q.asOf,
    limit: Number.MAX_SAFE_INTEGER,
    dueSoon: dueSoonWithin(calendars, q.within, q.asOf),
  });
  const open = Number((await openQ.executeTakeFirstOrThrow()).n);
  const picked: DossiersTable[] = kind === 'overdue' ? overdue : soon;
  const running = new Map<string, { step: string; official: string | null }[]>();
  for (let i = 0; i < picked.length; i += 500) {
    const codes = picked.slice(i, i + 500).map((r) => r.code);
    const steps = await db.selectFrom('steps').select(['dossier', 'step', 'official']).where('dossier', 'in', codes).where('status', '=', 'running').orderBy('dossier').orderBy('position').execute();
    for (const s of steps) running.set(s.dossier, [...(running.get(s.dossier) ?? []), s]);
  }
  const rows: UrgentRow[] = [];
  for (const r of picked) {
    const cal = await calendars.ofVersion(r.procedure, r.procedure_version);
    const due = new Date(r.due);
    const minutes = cal ? Math.round(kind === 'overdue' ? cal.between(due, q.asOf) : cal.between(q.asOf, due)) : 0;
    const steps = running.get(r.code) ?? [];
    rows.push({ code: r.code, procedure: r.procedure, unit: r.agency, step: steps.map((s) => s.step).join(', '), official: steps.map((s) => s.official ?? '').join(', '), due, minutes });
  }
  // Most urgent first: most late, or least left; then by code.
  rows.sort((a, b) => (kind === 'overdue' ? b.minutes - a.minutes : a.minutes - b.minutes) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    asOf: q.asOf,
    kind,
    rows,
    counts: { overdue: overdue.length, due_soon: soon.length, not_yet_due: open - overdue.length - soon.length },
    zone: calendars.first()?.timeZone ?? 'Asia/Ho_Chi_Minh',
  };
}
