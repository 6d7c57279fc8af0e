// `tthc report coverage`: per agency, its procedures by mechanism in the catalog loaded into the
// database, and the share run as five-on-the-spot (the provinces' target was 100 %).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export const mechanisms = ['five-on-the-spot', 'one-stop', 'inter-agency', 'internal'] as const;

export interface CoverageRow {
  unit: string;
  name: string;
  procedures: number;
  /** Procedures per mechanism (every mechanism present, 0 when none). */
  by_mechanism: Record<string, number>;
  /** five-on-the-spot / procedures. */
  five_on_the_spot_share: number;
}

export async function coverageReport(db: Kysely<Database>): Promise<{ rows: CoverageRow[]; total: CoverageRow }> {
  const counts = await db
    .selectFrom('procedures as p')
    .leftJoin('units as u', 'u.id', 'p.agency')
    .select((e) => ['p.agency', 'u.name', 'p.mechanism', e.fn.countAll<number>().as('n')])
    .groupBy(['p.agency', 'u.name', 'p.mechanism'])
    .execute();
  const rows = new Map<string, CoverageRow>();
  const empty = () => Object.fromEntries(mechanisms.map((m) => [m, 0])) as Record<string, number>;
  const total: CoverageRow = { unit: '', name: '', procedures: 0, by_mechanism: empty(), five_on_the_spot_share: 0 };
  for (const c of counts) {
    let r = rows.get(c.agency);
    if (!r) rows.set(c.agency, (r = { unit: c.agency, name: c.name ?? c.agency, procedures: 0, by_mechanism: empty(), five_on_the_spot_share: 0 }));
    for (const x of [r, total]) {
      x.procedures += Number(c.n);
      x.by_mechanism[c.mechanism] = (x.by_mechanism[c.mechanism] ?? 0) + Number(c.n);
    }
  }
  for (const x of [...rows.values(), total]) x.five_on_the_spot_share = x.procedures === 0 ? 0 : (x.by_mechanism['five-on-the-spot'] ?? 0) / x.procedures;
  return { rows: [...rows.values()].sort((a, b) => (a.unit < b.unit ? -1 : 1)), total };
}
