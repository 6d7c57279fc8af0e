// `tthc report steps`: per procedure and step, the steps completed in the period, the median and
// 90th-percentile working time they took, the share completed late, against the step's budget:
// where the time goes, and which budgets are unrealistic.
import { sql, type Kysely } from 'kysely';
import { parseDuration, workingMinutes } from '../calendar/duration.js';
import { currentSteps } from '../db/catalog-store.js';
import type { Database } from '../db/schema.js';

export interface StepTimeRow {
  procedure: string;
  step: string;
  name: string;
  completed: number;
  /** Nearest rank: the ⌈n/2⌉-th and ⌈0.9·n⌉-th smallest working minutes. */
  median_minutes: number;
  p90_minutes: number;
  late: number;
  /** late / completed. */
  late_share: number;
  /** The budget in the current version, in working minutes (null for calendar days). */
  budget_minutes: number | null;
}

export interface StepTimesData {
  from: Date;
  to: Date;
  rows: StepTimeRow[];
}

/** Rows by procedure, then step order. `dayMinutes`: the working day, to turn "1d" into minutes. */
export async function stepTimesReport(db: Kysely<Database>, q: { from: Date; to: Date; procedure?: string; dayMinutes: number }): Promise<StepTimesData> {
  const F = q.from.toISOString();
  const T = q.to.toISOString();
  const only = q.procedure === undefined ? sql`` : sql` and d.procedure = ${q.procedure}`;
  const ranked = await sql<{ procedure: string; step: string; n: number; late: number; median: number; p90: number }>`
    select procedure, step, max(n) as n, max(late) as late,
      max(case when rn = (n + 1) / 2 then m end) as median,
      max(case when rn = (9 * n + 9) / 10 then m end) as p90
    from (
      select d.procedure as procedure, s.step as step, s.used_minutes as m,
        row_number() over (partition by d.procedure, s.step order by s.used_minutes) as rn,
        count(*) over (partition by d.procedure, s.step) as n,
        sum(case when s.outcome = 'late' then 1 else 0 end) over (partition by d.procedure, s.step) as late
      from steps s join dossiers d on d.code = s.dossier
      where s.status = 'completed' and s.used_minutes is not null and s.completed_at >= ${F} and s.completed_at < ${T}${only}
    ) x
    group by procedure, step`.execute(db);
  const steps = await currentSteps(db, [...new Set(ranked.rows.map((r) => r.procedure))]);
  const rows = ranked.rows.map((r): StepTimeRow => {
    const s = steps.get(`${r.procedure}/${r.step}`);
    const budget = s ? parseDuration(s.duration) : undefined;
    const n = Number(r.n);
    return {
      procedure: r.procedure,
      step: r.step,
      name: s?.name ?? r.step,
      completed: n,
      median_minutes: Number(r.median),
      p90_minutes: Number(r.p90),
      late: Number(r.late),
      late_share: Number(r.late) / n,
      budget_minutes: (budget && workingMinutes(budget, q.dayMinutes)) ?? null,
    };
  });
  const pos = (r: StepTimeRow) => steps.get(`${r.procedure}/${r.step}`)?.position ?? 0;
  rows.sort((a, b) => (a.procedure < b.procedure ? -1 : a.procedure > b.procedure ? 1 : pos(a) - pos(b)));
  return { from: q.from, to: q.to, rows };
}
