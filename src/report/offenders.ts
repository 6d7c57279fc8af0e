// `tthc report offenders`: officials with at least `minLate` steps completed late in the period
// (the rule that an official late twice without justification is reviewed), their dossiers, and
// which of those dossiers have an apology (form 04) recorded.
import type { Kysely } from 'kysely';
import { unitsUnder } from '../db/dossier-queries.js';
import type { Database } from '../db/schema.js';

export interface OffenderRow {
  official: string;
  name: string;
  unit: string;
  late_steps: number;
  /** The dossiers of those late steps, in code order. */
  dossiers: string[];
  /** Of those, the ones with an apology recorded (at any time). */
  apologized: string[];
}

export interface OffendersData {
  from: Date;
  to: Date;
  minLate: number;
  rows: OffenderRow[];
}

/** Most late steps first, then by official id. A step with no official is left out. */
export async function offendersReport(db: Kysely<Database>, q: { from: Date; to: Date; minLate: number; unit?: string }): Promise<OffendersData> {
  const F = q.from.toISOString();
  const T = q.to.toISOString();
  let late = db
    .selectFrom('steps as s')
    .innerJoin('dossiers as d', 'd.code', 's.dossier')
    .select(['s.official', 's.dossier'])
    .where('s.outcome', '=', 'late')
    .where('s.completed_at', '>=', F)
    .where('s.completed_at', '<', T)
    .where('s.official', 'is not', null);
  if (q.unit !== undefined) late = late.where('s.unit', 'in', await unitsUnder(db, q.unit));
  const counts = await db
    .selectFrom(late.as('l'))
    .select((e) => ['l.official', e.fn.countAll<number>().as('n')])
    .groupBy('l.official')
    .having((e) => e.fn.countAll(), '>=', q.minLate)
    .execute();
  const officials = counts.map((c) => c.official!);
  if (officials.length === 0) return { from: q.from, to: q.to, minLate: q.minLate, rows: [] };
  const pairs = await late.where('s.official', 'in', officials).orderBy('s.dossier').execute();
  const codes = [...new Set(pairs.map((p) => p.dossier))];
  const apologized = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db.selectFrom('events').select('dossier').distinct().where('type', '=', 'apologized').where('dossier', 'in', codes.slice(i, i + 500)).execute();
    for (const r of rows) apologized.add(r.dossier);
  }
  const info = new Map((await db.selectFrom('officials').select(['id', 'name', 'unit']).where('id', 'in', officials).execute()).map((o) => [o.id, o]));
  const rows = counts.map((c): OffenderRow => {
    const dossiers = [...new Set(pairs.filter((p) => p.official === c.official).map((p) => p.dossier))];
    return {
      official: c.official!,
      name: info.get(c.official!)?.name ?? '',
      unit: info.get(c.official!)?.unit ?? '',
      late_steps: Number(c.n),
      dossiers,
      apologized: dossiers.filter((d) => apologized.has(d)),
    };
  });
  rows.sort((a, b) => b.late_steps - a.late_steps || (a.official < b.official ? -1 : 1));
  return { from: q.from, to: q.to, minLate: q.minLate, rows };
}
