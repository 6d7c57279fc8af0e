// `tthc report sla`: received, ended, early, on time, late, in progress and overdue per group,
// with the on-time and Decision 766 rates and the median working time to resolve, following
// SPEC.md "Definitions used by every report". The counting runs in SQL on both engines; only the
// few dossiers whose state at the period's end the stored rows cannot tell (a supplement wait
// and events after the end) are replayed, one by one.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { currentSteps } from '../db/catalog-store.js';
import { overdueAt, unitsUnder } from '../db/dossier-queries.js';
import type { Database } from '../db/schema.js';

export const slaGroupings = ['unit', 'official', 'procedure', 'field', 'mechanism', 'level', 'step'] as const;
export type SlaGrouping = (typeof slaGroupings)[number];

export interface SlaCounts {
  received: number;
  ended: number;
  early: number;
  on_time: number;
  late: number;
  in_progress: number;
  overdue: number;
}

export interface SlaRow extends SlaCounts {
  key: string;
  name: string;
  /** (early + on_time) / ended; null when nothing ended. */
  on_time_rate: number | null;
  /** (early + on_time + in progress and not overdue) / (ended + in progress); null when 0 / 0. */
  rate_766: number | null;
  /** Median working minutes from receipt to end of the dossiers (steps) resolved in the period. */
  median_minutes: number | null;
}

export interface SlaQuery {
  from: Date;
  to: Date;
  by: SlaGrouping;
  unit?: string;
  procedure?: string;
  mechanism?: string;
}

export interface SlaData {
  from: Date;
  to: Date;
  by: SlaGrouping;
  rows: SlaRow[];
  total: SlaRow;
  /** With --compare-previous: the previous period, its rows in the order and with the keys of `rows`. */
  previous?: SlaPrevious;
}

export interface SlaPrevious {
  from: Date;
  to: Date;
  rows: SlaRow[];
  total: SlaRow;
  /** Each row's change (this period minus the previous), in the order of `rows`. */
  changes: SlaChange[];
  totalChange: SlaChange;
}

/** The figures of a row that a comparison subtracts: every count, both rates and the median. */
const comparedFields = ['received', 'ended', 'early', 'on_time', 'late', 'in_progress', 'overdue', 'on_time_rate', 'rate_766', 'median_minutes'] as const;
export type SlaChange = Record<(typeof comparedFields)[number], number | null>;

/** This period minus the previous one, field by field; null where either side has no figure. */
export function slaChange(now: SlaRow, before: SlaRow): SlaChange {
  return Object.fromEntries(comparedFields.map((f) => [f, now[f] === null || before[f] === null ? null : now[f] - before[f]])) as SlaChange;
}

/**
 * The report with the previous period beside it. A group present in only one period gets a row of
 * zeros in the other, so that both lists have the same keys in the same order.
 */
export function withPrevious(now: SlaData, before: SlaData): SlaData {
  const zero = (r: SlaRow) => withRates(r.key, r.name, Object.fromEntries(countNames.map((c) => [c, 0])) as unknown as SlaCounts, null);
  const nowBy = new Map(now.rows.map((r) => [r.key, r]));
  const beforeBy = new Map(before.rows.map((r) => [r.key, r]));
  const keys = [...new Set([...nowBy.keys(), ...beforeBy.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = keys.map((k) => nowBy.get(k) ?? zero(beforeBy.get(k)!));
  const previous = keys.map((k) => beforeBy.get(k) ?? zero(nowBy.get(k)!));
  return {
    ...now,
    rows,
    previous: { from: before.from, to: before.to, rows: previous, total: before.total, changes: rows.map((r, i) => slaChange(r, previous[i]!)), totalChange: slaChange(now.total, before.total) },
  };
}

const countNames = ['received', 'ended', 'early', 'on_time', 'late', 'in_progress', 'overdue'] as const;

/** The rates of a row of counts (SPEC.md). */
export function withRates(key: string, name: string, c: SlaCounts, median: number | null): SlaRow {
  const good = c.early + c.on_time;
  return {
    key,
    name,
    ...c,
    on_time_rate: c.ended === 0 ? null : good / c.ended,
    rate_766: c.ended + c.in_progress === 0 ? null : (good + c.in_progress - c.overdue) / (c.ended + c.in_progress),
    median_minutes: median,
  };
}

/** Steps (by official and by step) or dossiers (every other grouping) are what a row counts. */
function countsSteps(by: SlaGrouping): boolean {
  return by === 'official' || by === 'step';
}

/** The SQL of the group key; step keys are "<procedure>/<step id>". */
function keyOf(by: SlaGrouping): RawBuilder<string> {
  const keys: Record<SlaGrouping, string> = {
    unit: 'd.agency',
    procedure: 'd.procedure',
    field: 'p.field',
    mechanism: 'p.mechanism',
    level: 'u.level',
    official: "coalesce(s.official, '')",
    step: "d.procedure || '/' || s.step",
  };
  return sql.raw<string>(keys[by]);
}

/**
 * The report. For dossiers: received = received in the period; ended (and early, on_time, late
 * by outcome) = ended in it; in_progress = received before its end and not ended by then; overdue
 * = of those, past due at its end. For steps the same with started / completed and each step's
 * own due and outcome; a step cut off by a refusal, withdrawal or stop is not in progress.
 */
export async function slaReport(db: Kysely<Database>, q: SlaQuery): Promise<SlaData> {
  const F = q.from.toISOString();
  const T = q.to.toISOString();
  const steps = countsSteps(q.by);
  const key = keyOf(q.by);
  const units = q.unit !== undefined ? await unitsUnder(db, q.unit) : undefined;
  const filters: RawBuilder<unknown>[] = [];
  if (units) filters.push(sql`d.agency in (${sql.join(units)})`);
  if (q.procedure !== undefined) filters.push(sql`d.procedure = ${q.procedure}`);
  if (q.mechanism !== undefined) filters.push(sql`p.mechanism = ${q.mechanism}`);
  const filter = filters.length === 0 ? sql`` : sql` and ${sql.join(filters, sql` and `)}`;

  // What a row is: a dossier, or a step of one. start/end: when it began and ended (null: not yet).
  const start = steps ? sql.raw('s.started_at') : sql.raw('d.received_at');
  const end = steps ? sql.raw('s.completed_at') : sql.raw('d.ended_at');
  const outcome = steps ? sql.raw('s.outcome') : sql.raw('d.outcome');
  const due = steps ? sql.raw('s.due') : sql.raw('d.due');
  const overdueFromCol = steps ? sql.raw('s.overdue_from') : sql.raw('d.overdue_from');
  // Joined only when the key or a filter needs them.
  const needP = q.by === 'field' || q.by === 'mechanism' || q.mechanism !== undefined;
  const joins = sql.raw(`${needP ? ' join procedures p on p.code = d.procedure' : ''}${q.by === 'level' ? ' join units u on u.id = d.agency' : ''}`);
  const from = steps ? sql`from steps s join dossiers d on d.code = s.dossier${joins}` : sql`from dossiers d${joins}`;
  // Still running at T: begun before T, not ended by T, and (a step) its dossier not ended by T.
  const open = steps
    ? sql`(${start} < ${T} and (${end} is null or ${end} >= ${T}) and (d.ended_at is null or d.ended_at >= ${T}))`
    : sql`(${start} < ${T} and (${end} is null or ${end} >= ${T}))`;
  // The stored rows tell the state at T unless the dossier waited for a supplement and has events
  // after T: those are replayed (below).
  const replay = sql`(d.supplements > 0 and d.last_event_at > ${T})`;
  // Open at T (required with this): still open now → its stored overdue_from; since ended → its due.
  const openNow = steps ? sql`(${end} is null and d.ended_at is null)` : sql`(${end} is null)`;
  const overdueAtT = sql`(not ${replay} and ((${openNow} and ${overdueFromCol} < ${T}) or (not ${openNow} and ${due} < ${T})))`;
  const endedIn = sql`(${end} >= ${F} and ${end} < ${T})`;
  const n = (cond: RawBuilder<unknown>) => sql<number>`cast(sum(case when ${cond} then 1 else 0 end) as integer)`;

  // The counts and the minutes are independent queries: on PostgreSQL they run at once, on two
  // connections of the pool (SQLite runs them one after the other).
  const groupedQuery = sql<{ key: string } & SlaCounts>`
    select ${key} as key,
      ${n(sql`(${start} >= ${F} and ${start} < ${T})`)} as received,
      ${n(endedIn)} as ended,
      ${n(sql`${endedIn} and ${outcome} = 'early'`)} as early,
      ${n(sql`${endedIn} and ${outcome} = 'on_time'`)} as on_time,
      ${n(sql`${endedIn} and ${outcome} = 'late'`)} as late,
      ${n(open)} as in_progress,
      ${n(sql`${open} and ${overdueAtT}`)} as overdue
    ${from}
    where ((${start} >= ${F} and ${start} < ${T}) or ${endedIn} or ${open})${filter}
    group by ${key}`.execute(db);
  // How many of those resolved in the period (steps: completed) took m working minutes, per key:
  // one row per distinct minute and group, whose medians follow without sorting the dossiers in
  // memory. One query per final status, the period counted in the sum rather than the WHERE:
  // SQLite then reads each (agency, minutes) count off the index dossiers_status_minutes in
  // order, covering the query (migration 0005).
  const used = steps ? sql.raw('s.used_minutes') : sql.raw('d.used_minutes');
  const histograms = Promise.all(
    (steps ? ['completed'] : ['resolved', 'returned']).map(
      (status) => sql<{ key: string; m: number; n: number }>`
      select ${key} as key, ${used} as m, ${n(endedIn)} as n
      ${from} where ${steps ? sql.raw('s.status') : sql.raw('d.status')} = ${status} and ${used} is not null${filter}
      group by 1, 2`.execute(db),
    ),
  );
  const [grouped, histogramRows] = await Promise.all([groupedQuery, histograms]);
  const counts = new Map<string, SlaCounts>();
  for (const r of grouped.rows) counts.set(r.key, Object.fromEntries(countNames.map((c) => [c, Number(r[c])])) as unknown as SlaCounts);

  const minutes = new Map<string, Map<number, number>>();
  for (const histogram of histogramRows) {
    for (const r of histogram.rows) {
      if (Number(r.n) === 0) continue;
      const h = minutes.get(r.key) ?? new Map<number, number>();
      h.set(Number(r.m), (h.get(Number(r.m)) ?? 0) + Number(r.n));
      minutes.set(r.key, h);
    }
  }

  // The dossiers the rows cannot tell: replay their events before T.
  // Found through the partial index on last_event_at of the dossiers that waited (migration
  // 0009; few dossiers have events after a period's end);
  // only their codes and keys are held, and they are replayed one by one.
  const toReplay = await sql<{ code: string; key: string }>`
    select distinct d.code as code, ${key} as key ${from}
    where ${replay} and ${open}${filter}`.execute(db);
  const byCode = new Map<string, string[]>();
  for (const r of toReplay.rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.key]);
  for (const [code, keys] of byCode) {
    const at = await overdueAt(db, code, q.to);
    if (!at || at.dossier === null) continue;
    if (!steps) {
      if (at.dossier) bump(counts, keys[0]!);
      continue;
    }
    for (const s of at.steps) {
      const k = q.by === 'official' ? s.official : `${at.procedure}/${s.step}`;
      if (keys.includes(k)) bump(counts, k);
    }
  }

  // The median (nearest rank: the ⌈n/2⌉-th value) of each group, and of all groups together.
  const medians = new Map([...minutes].map(([k, h]) => [k, nearestRankMedian(h)]));
  const all = new Map<number, number>();
  for (const h of minutes.values()) for (const [m, c] of h) all.set(m, (all.get(m) ?? 0) + c);

  const names = await namesOf(db, q.by, [...counts.keys()]);
  const rows = [...counts.entries()]
    .map(([k, c]) => withRates(k, names.get(k) ?? k, c, medians.get(k) ?? null))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sum = Object.fromEntries(countNames.map((c) => [c, rows.reduce((t, r) => t + r[c], 0)])) as unknown as SlaCounts;
  return { from: q.from, to: q.to, by: q.by, rows, total: withRates('', '', sum, nearestRankMedian(all)) };
}

/** The ⌈n/2⌉-th smallest of a multiset given as value → how many; null when it is empty. */
export function nearestRankMedian(counts: ReadonlyMap<number, number>): number | null {
  const n = [...counts.values()].reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  let seen = 0;
  for (const m of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(m)!;
    if (seen >= Math.ceil(n / 2)) return m;
  }
  return null;
}

function bump(counts: Map<string, SlaCounts>, key: string): void {
  const c = counts.get(key);
  if (c) c.overdue += 1;
}

/** The display name of each key: unit, procedure, official or step name; the key itself otherwise. */
async function namesOf(db: Kysely<Database>, by: SlaGrouping, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  if (by === 'unit') for (const r of await db.selectFrom('units').select(['id', 'name']).where('id', 'in', keys).execute()) out.set(r.id, r.name);
  if (by === 'procedure') for (const r of await db.selectFrom('procedures').select(['code', 'name']).where('code', 'in', keys).execute()) out.set(r.code, r.name);
  if (by === 'official') for (const r of await db.selectFrom('officials').select(['id', 'name']).where('id', 'in', keys).execute()) out.set(r.id, r.name);
  if (by === 'step') {
    const steps = await currentSteps(db, [...new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/'))))]);
    for (const [k, s] of steps) out.set(k, s.name);
  }
  return out;
}
