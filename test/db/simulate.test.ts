// `tthc simulate` in process: the example catalog (procedures/) loaded into a database on every
// engine, read back by simulationCatalog, and a year of dossiers simulated from it. The checks are
// on the output alone (replayed through the state machine, as the import will) and on the model's
// stated parameters (src/dossier/simulate.ts `simulationModel`); no expected number below was read
// off the program's output.
//
// The calendar (procedures/calendar-2026.yaml): Mon–Fri 07:00–11:30 and 13:30–17:00, Asia/Ho_Chi_Minh;
// closed 1–2/1, 14–22/2 (Tết: lunar new year Tue 17/2/2026), 26–27/4, 30/4, 1/5, 1–2/9 of 2026;
// Sat 10/1/2026 worked. No holiday is listed for 2025.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateOfDay, weekdayOfDay } from '../../src/calendar/calendar.js';
import { localDate, parseInstant } from '../../src/calendar/zone.js';
import { validateCatalog } from '../../src/catalog/validate.js';
import { storeCatalog } from '../../src/db/catalog-store.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { simulationCatalog } from '../../src/db/simulation-catalog.js';
import type { DossierEvent } from '../../src/dossier/events.js';
import { eventJsonLine, simulate, simulateJsonLines, simulateWithZones, simulationModel, tetFactor, type SimulationCatalog } from '../../src/dossier/simulate.js';
import { Random } from '../../src/dossier/random.js';
import { applyEvent, type ApplyContext, type DossierState } from '../../src/dossier/state.js';
import { repoRoot } from '../helpers/cli.js';
import { comparedDialects, dialects, sqliteUnderTest } from './dialects.js';

const zone = 'Asia/Ho_Chi_Minh';
const t = (local: string) => parseInstant(local, zone)!;
const from = t('2025-11-21');
const to = t('2026-11-21');

/** The example catalog loaded into a fresh database of the engine, read back for the simulator. */
async function exampleCatalog(dialect: (typeof dialects)[number]): Promise<SimulationCatalog> {
  const d = await openDatabase(await dialect.fresh(), process.cwd());
  try {
    await migrateToLatest(d.db);
    const dir = join(repoRoot, 'procedures');
    await storeCatalog(d, validateCatalog({ paths: [dir], cwd: dir, asOf: t('2026-01-01') }).catalog, t('2026-01-01'));
    return await simulationCatalog(d.db);
  } finally {
    await d.close();
  }
}

/** An event of a JSON line, its instants as Dates: what an import makes of it. */
function parseLine(line: string): DossierEvent {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const at = new Date(raw['at'] as string);
  return (raw['type'] === 'apologized' ? { ...raw, at, new_appointment: new Date(raw['new_appointment'] as string) } : { ...raw, at }) as unknown as DossierEvent;
}

/** The lines of one small simulation per engine: the catalog read back must not depend on it. */
const byEngine = new Map<string, string[]>();

describe.each(comparedDialects)('simulate on $name', (dialect) => {
  let catalog: SimulationCatalog;
  beforeAll(async () => {
    catalog = await exampleCatalog(dialect);
  });
  afterAll(async () => {
    await dialect.cleanup();
  });

  it('reads every procedure of the example catalog, with its agency code and calendar', () => {
    // 34 procedure files; every agency of the example catalog has a QCVN code.
    expect(catalog.procedures).toHaveLength(34);
    expect(catalog.procedures.every((p) => p.agencyCode !== null && p.calendar.id === 'vn-2026')).toBe(true);
    expect(catalog.procedures.find((p) => p.version.code === 'BN.SXD.02')).toMatchObject({ agency: 'so-xd', agencyCode: '000.00.12.H06', effective_from: '2026-01-01', version: { version: 1 } });
  });

  it('the same seed gives the same lines; another seed other lines', () => {
    const opts = { dossiers: 300, from: t('2026-03-01'), to: t('2026-04-01'), seed: 1 };
    const a = [...simulateJsonLines(catalog, opts)];
    expect([...simulateJsonLines(catalog, opts)]).toEqual(a);
    const b = [...simulateJsonLines(catalog, { ...opts, seed: 2 })];
    expect(b).not.toEqual(a);
    // Dossier codes do not depend on the seed's numbers: both start with the first receipt of 2/3.
    expect(a[0]).toContain('"id":"sim-1-1"');
    expect(b[0]).toContain('"id":"sim-2-1"');
    for (const other of byEngine.values()) expect(a).toEqual(other);
    byEngine.set(dialect.name, a);
  });
});

// The model's checks need one engine: the block above shows that every engine reads the catalog
// so that the simulation writes the same lines.
describe.runIf(sqliteUnderTest)('a year of dossiers on SQLite (seed 1)', () => {
  const dialect = dialects[0]!;
  const n = 20_000;
  let catalog: SimulationCatalog;
  let lines: string[];
  let events: DossierEvent[];
  let summary: { dossiers: number; events: number; in_progress: number };
  const states = new Map<string, DossierState>();
  /** Per official (by of step-completed): steps completed, and how many after their own due. */
  const officials = new Map<string, { steps: number; late: number }>();
  let refusals: string[] = [];

  beforeAll(async () => {
    catalog = await exampleCatalog(dialect);
    const gen = simulateJsonLines(catalog, { dossiers: n, from, to, seed: 1 });
    lines = [];
    let r = gen.next();
    for (; !r.done; r = gen.next()) lines.push(r.value);
    summary = r.value;
    events = lines.map(parseLine);
    // Replayed in file order through the state machine, each dossier with its procedure's version.
    const byCode = new Map(catalog.procedures.map((p) => [p.version.code, { procedure: p.version, calendar: p.calendar } satisfies ApplyContext]));
    const ctxOf = new Map<string, ApplyContext>();
    refusals = [];
    for (const [i, e] of events.entries()) {
      if (e.type === 'received') ctxOf.set(e.dossier, byCode.get(e.procedure)!);
      const res = applyEvent(states.get(e.dossier), e, ctxOf.get(e.dossier)!);
      if (!res.ok) {
        refusals.push(`line ${i + 1}: ${res.reason}`);
        continue;
      }
      states.set(e.dossier, res.state);
      if (e.type === 'step-completed') {
        const step = res.state.steps.find((s) => s.id === e.step)!;
        const o = officials.get(e.by ?? '') ?? { steps: 0, late: 0 };
        o.steps++;
        if (step.completed_at!.getTime() > step.due!.getTime()) o.late++;
        officials.set(e.by ?? '', o);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await dialect.cleanup();
  });

  const received = () => events.filter((e): e is Extract<DossierEvent, { type: 'received' }> => e.type === 'received');
  const share = (count: number) => count / n;

  it('every event fits the state machine when replayed in file order', () => {
    expect(refusals.slice(0, 3)).toEqual([]);
    expect(states.size).toBe(n);
  });

  it('exactly --dossiers dossiers are received, and the summary counts what was written', () => {
    expect(received()).toHaveLength(n);
    expect(summary).toEqual({ dossiers: n, events: lines.length, in_progress: [...states.values()].filter((s) => s.ended_at === null).length });
  });

  it('lines have the fields in order, instants with the calendar offset, ids from the seed and a counter', () => {
    for (const [i, line] of lines.entries()) {
      expect(line).toMatch(/^\{"id":"sim-1-\d+","dossier":"[^"]+","type":"[a-z-]+","at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00","by":(null|"[a-z0-9-]+")[,}]/);
      if (!line.startsWith(`{"id":"sim-1-${i + 1}",`)) throw new Error(`line ${i + 1} has id ${line.slice(7, 30)}`);
    }
    // The fast writer of simulateJsonLines writes what eventJsonLine writes.
    const some = [...simulateWithZones(catalog, { dossiers: 500, from: t('2026-02-01'), to: t('2026-03-15'), seed: 3 })];
    expect([...simulateJsonLines(catalog, { dossiers: 500, from: t('2026-02-01'), to: t('2026-03-15'), seed: 3 })]).toEqual(some.map((e) => eventJsonLine(e.event, e.timeZone)));
    expect(some.map((e) => e.event)).toEqual([...simulate(catalog, { dossiers: 500, from: t('2026-02-01'), to: t('2026-03-15'), seed: 3 })]);
  });

  it('events are in time order, inside [from, to)', () => {
    let last = from.getTime();
    for (const [i, e] of events.entries()) {
      const at = e.at.getTime();
      if (at < last || at >= to.getTime()) throw new Error(`line ${i + 1} at ${lines[i]!.slice(0, 120)} is out of order or outside the period`);
      last = at;
    }
  });

  it('dossier codes are unique, <agency code>-YYMMDD-NNNN with the local receipt date, numbered 1, 2, … per agency and day', () => {
    const last = new Map<string, number>();
    const agency = new Map(catalog.procedures.map((p) => [p.version.code, p.agencyCode!]));
    for (const e of received()) {
      const m = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$/.exec(e.dossier);
      expect(m, e.dossier).not.toBeNull();
      expect(m![1]).toBe(agency.get(e.procedure));
      expect(m![2]).toBe(localDate(e.at, zone).slice(2).replace(/-/g, ''));
      const key = `${m![1]}-${m![2]}`;
      expect(Number(m![3])).toBe((last.get(key) ?? 0) + 1);
      last.set(key, Number(m![3]));
    }
  });

  it('arrivals only in working hours, never on closed days, only for procedures in force', () => {
    const effective = new Map(catalog.procedures.map((p) => [p.version.code, p.effective_from!]));
    const cal = catalog.procedures[0]!.calendar;
    for (const e of received()) {
      expect(cal.isWorking(e.at), lines[events.indexOf(e)]).toBe(true);
      expect(['working', 'make-up']).toContain(cal.dayKind(localDate(e.at, zone)).kind);
      expect(localDate(e.at, zone) >= effective.get(e.procedure)!).toBe(true);
    }
    // BN.SXD.02 takes effect on 1/1/2026, so within the period; BN.STP.02 on 1/1/2027, after it.
    const codes = new Set(received().map((e) => e.procedure));
    expect(codes.has('BN.SXD.02')).toBe(true);
    expect(codes.has('BN.STP.02')).toBe(false);
    for (const p of catalog.procedures) if (p.effective_from! >= '2026-11-21') expect(codes.has(p.version.code)).toBe(false);
  });

  it('arrivals have a weekday, a seasonal and a Tết rhythm', () => {
    const cal = catalog.procedures[0]!.calendar;
    const perDay = new Map<number, number>();
    for (const e of received()) {
      const day = cal.utcToLocal(e.at.getTime()).day;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    // Mean arrivals per working day of a set of days (a working day without arrivals counts 0).
    const mean = (keep: (day: number) => boolean) => {
      let days = 0;
      let sum = 0;
      for (let d = cal.utcToLocal(from.getTime()).day; d < cal.utcToLocal(to.getTime()).day; d++) {
        if (cal.hoursOfDay(d).length === 0 || !keep(d)) continue;
        days++;
        sum += perDay.get(d) ?? 0;
      }
      return sum / days;
    };
    // Weekday factors 1.25 (Mon) and 0.85 (Fri): Mondays get about 1.47× Fridays' arrivals.
    expect(mean((d) => weekdayOfDay(d) === 'mon')).toBeGreaterThan(1.25 * mean((d) => weekdayOfDay(d) === 'fri'));
    // Month factors 1.2 (December) and 0.9 (July): about 1.33×.
    const month = (m: string) => (d: number) => dateOfDay(d).slice(5, 7) === m;
    expect(mean(month('12'))).toBeGreaterThan(1.15 * mean(month('07')));
    // Tết (17/2/2026): the offices reopen on Mon 23/2 (day 6, factor 0.25) and recover linearly to
    // day 20; 23/2–3/3 average about 0.56 of a normal day (and February's factor is 0.9), against
    // 16–27/3, after the recovery, in March (1.1).
    const between = (a: string, b: string) => (d: number) => dateOfDay(d) >= a && dateOfDay(d) <= b;
    expect(mean(between('2026-02-23', '2026-03-03'))).toBeLessThan(0.7 * mean(between('2026-03-16', '2026-03-27')));
    expect(tetFactor(0)).toBeLessThan(tetFactor(10));
    expect(tetFactor(10)).toBeLessThan(tetFactor(30));
  });

  it('shares of supplements, refusals, withdrawals and stops are those of the model', () => {
    const all = [...states.values()];
    // Every share is of all dossiers: the model draws it at receipt, and only the few dossiers
    // received in the last weeks of the period may not have reached the moment yet, so each share
    // is at most the model's and a little under it. Binomial standard deviations for 20,000
    // dossiers: 0.25 % (15 %), 0.12 % (3 %), 0.1 % (2 %), 0.045 % (0.4 %).
    const once = all.filter((s) => s.supplements >= 1).length;
    const twice = all.filter((s) => s.supplements === 2).length;
    expect(share(once)).toBeGreaterThan(0.135);
    expect(share(once)).toBeLessThan(0.16);
    expect(share(twice)).toBeGreaterThan(0.024);
    expect(share(twice)).toBeLessThan(0.036);
    expect(all.every((s) => s.supplements <= 2)).toBe(true);
    const status = (x: string) => all.filter((s) => s.status === x).length;
    expect(share(status('refused'))).toBeGreaterThan(0.025);
    expect(share(status('refused'))).toBeLessThan(0.034);
    expect(share(status('withdrawn'))).toBeGreaterThan(0.016);
    expect(share(status('withdrawn'))).toBeLessThan(0.024);
    expect(share(status('stopped'))).toBeGreaterThan(0.002);
    expect(share(status('stopped'))).toBeLessThan(0.006);
    expect(simulationModel.refused + simulationModel.withdrawn + simulationModel.stopped).toBeLessThan(0.06);
  });

  it('some dossiers are late, some apologized for, results returned, services rated 1–5', () => {
    const all = [...states.values()];
    const ended = all.filter((s) => s.outcome !== null);
    const late = ended.filter((s) => s.outcome === 'late').length / ended.length;
    // Twice-supplemented dossiers (3 %) are late by definition; slow officials and bottlenecks add more;
    // most steps take about half their budget, so most dossiers end early or on time.
    expect(late).toBeGreaterThan(0.03);
    expect(late).toBeLessThan(0.25);
    const apologized = all.filter((s) => s.apologies.length > 0);
    expect(apologized.length).toBeGreaterThan(0);
    // Apologies (form 04) go to dossiers past their due time, with a later appointment.
    for (const s of apologized) {
      expect(s.apologies[0]!.at.getTime()).toBeGreaterThan(s.due.getTime() - 1);
      expect(s.apologies[0]!.new_appointment.getTime()).toBeGreaterThan(s.apologies[0]!.at.getTime());
    }
    const resolved = all.filter((s) => s.status === 'resolved' || s.status === 'returned');
    // 75 % of resolved results are collected, some after the period's end.
    expect(resolved.filter((s) => s.status === 'returned').length / resolved.length).toBeGreaterThan(0.65);
    expect(resolved.filter((s) => s.status === 'returned').length / resolved.length).toBeLessThan(0.76);
    const scores = all.flatMap((s) => (s.rating ? [s.rating.score] : []));
    expect(new Set(scores)).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('late steps are concentrated on a few officials', () => {
    // Officials with enough completed steps to have a share: 30.
    const shares = [...officials].filter(([id, o]) => id !== '' && o.steps >= 30).map(([, o]) => o.late / o.steps).sort((a, b) => a - b);
    const median = shares[Math.floor(shares.length / 2)]!;
    const most = shares[shares.length - 1]!;
    // A step takes budget × log-normal(median 0.5, σ 0.55) × factors: late when the product
    // passes 1. A normal official (factor ≤ 1.15) is late on at most P(Z > ln(1/0.575)/0.55) ≈ 16 %
    // of steps (about 10 % at factor 1); a slow one (≥ 1.8) on P(Z > ln(1/0.9)/0.55) ≈ 42 %. The
    // slow are 15 % of the officials, so the median official is a normal one.
    expect(median).toBeLessThan(0.2);
    expect(most).toBeGreaterThan(0.35);
    expect(most).toBeGreaterThan(2 * median);
    // Step-completed by an official who may complete the step: its assignee, else one of its unit.
    const units = new Map(catalog.officials.map((o) => [o.id, o.unit]));
    const procs = new Map(catalog.procedures.map((p) => [p.version.code, p.version]));
    for (const e of events) {
      if (e.type !== 'step-completed' || e.by === null) continue;
      const step = procs.get(states.get(e.dossier)!.procedure)!.steps.find((s) => s.id === e.step)!;
      if (step.assignee !== undefined) expect(e.by).toBe(step.assignee);
      else expect(units.get(e.by)).toBe(step.unit);
    }
  });

  it('applicants have Vietnamese names, and ID numbers and phones of the right shape', () => {
    const procs = new Map(catalog.procedures.map((p) => [p.version.code, p.version]));
    for (const e of received().slice(0, 2000)) {
      expect(e.applicant.name).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u);
      if (e.applicant.id_number !== undefined) expect(e.applicant.id_number).toMatch(/^\d{12}$/);
      if (e.applicant.phone !== undefined) expect(e.applicant.phone).toMatch(/^0\d{9}$/);
      // Received at the counter by the first step's official; online and by post by nobody.
      const first = procs.get(e.procedure)!.steps[0]!;
      if (e.channel !== 'counter') expect(e.by).toBeNull();
      else if (first.assignee !== undefined) expect(e.by).toBe(first.assignee);
    }
  });
});

describe('Random (sfc32)', () => {
  it('is fixed by seed and stream, and roughly uniform', () => {
    const a = new Random(1, 5);
    const b = new Random(1, 5);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(new Random(1, 6).next()).not.toBe(xs[0]);
    // Ten bins of 1,000 expected each: a standard deviation of about 30.
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    for (const c of bins) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });
});
