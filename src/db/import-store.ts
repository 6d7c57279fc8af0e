// What the bulk import asks of the database, batch by batch, done the fast way on each engine:
// SQLite through prepared statements on the driver's own connection (each statement parsed once
// for the whole import), PostgreSQL through a few statements per batch that take all their rows
// as one JSON parameter (`json_populate_recordset`). Derived rows are written as differences
// from what is stored: a step-completed event changes a handful of columns of the dossier and of
// two steps, so only those rows are updated, and SQLite only those columns (it then maintains
// only the indexes on them). PostgreSQL sets all the columns that can change, one statement per
// table: it makes new index entries for an updated dossier either way.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Db } from './connect.js';
import { fixedDossierColumns, hashBytes, type DerivedRows, type EventRow } from './event-store.js';
import type { Database, DossiersTable, DossierSequencesTable, StepsTable } from './schema.js';

/** An event as stored, but for its place in the chain. */
export type StoredEvent = EventRow;

/** An event row with its place in the chain. */
export interface ChainedRow extends EventRow {
  seq: number;
  prev_hash: string;
  hash: string;
}

/** A dossier's derived rows as stored (undefined: a new dossier) and as they must become. */
export interface DerivedChange {
  before: DerivedRows | undefined;
  after: DerivedRows;
}

/** The operations of one batch, inside its write transaction. */
export interface ImportStore {
  /** The stored events among these ids. */
  storedEvents(ids: readonly string[]): Promise<StoredEvent[]>;
  /** `last_seq` of the stored dossiers among these codes. */
  lastSeqs(codes: readonly string[]): Promise<Map<string, number>>;
  /** A stored dossier's derived rows. */
  derived(code: string): Promise<DerivedRows | undefined>;
  chainHead(): Promise<{ seq: number; hash: string }>;
  /** Appends the rows (in order) and moves the chain head to the last of them. */
  append(rows: readonly ChainedRow[]): Promise<void>;
  writeDerived(changes: readonly DerivedChange[]): Promise<void>;
  /** Raises each (agency, day) code sequence to at least `last`. */
  advanceSequences(rows: readonly DossierSequencesTable[]): Promise<void>;
}

const eventColumns = ['seq', 'id', 'dossier', 'type', 'at', 'by', 'payload', 'prev_hash', 'hash'] as const;
const dossierColumns = ['code', 'procedure', 'procedure_version', 'agency', 'status', 'received_at', 'due', 'ended_at', 'outcome', 'supplements', 'last_seq', 'used_minutes', 'overdue_from', 'last_event_at'] as const;
const stepColumns = ['dossier', 'step', 'position', 'unit', 'official', 'status', 'started_at', 'due', 'completed_at', 'late', 'used_minutes', 'outcome', 'overdue_from'] as const;

type DossierColumn = (typeof dossierColumns)[number];
type StepColumn = (typeof stepColumns)[number];

/** An update of some columns of one row. */
interface Update<R> {
  row: R;
  columns: readonly string[];
}

/** The writes that turn the stored derived rows into the new ones. */
export interface DerivedPlan {
  insertDossiers: DossiersTable[];
  updateDossiers: Update<DossiersTable>[];
  /** Dossiers whose steps are deleted before `insertSteps` (their set of steps changed). */
  rewriteSteps: string[];
  insertSteps: StepsTable[];
  updateSteps: Update<StepsTable>[];
}

function changed<R extends object>(before: R, after: R, columns: readonly (keyof R & string)[]): string[] {
  return columns.filter((c) => before[c] !== after[c]);
}

const mutableDossierColumns = dossierColumns.filter((c) => !fixedDossierColumns.has(c));
const mutableStepColumns = stepColumns.filter((c) => c !== 'dossier' && c !== 'step');

/** The least writes from `before` to `after` for each dossier. */
export function planDerived(changes: readonly DerivedChange[]): DerivedPlan {
  const plan: DerivedPlan = { insertDossiers: [], updateDossiers: [], rewriteSteps: [], insertSteps: [], updateSteps: [] };
  for (const { before, after } of changes) {
    if (!before) {
      plan.insertDossiers.push(after.dossier);
      plan.insertSteps.push(...after.steps);
      continue;
    }
    const columns = changed(before.dossier, after.dossier, mutableDossierColumns);
    if (columns.length > 0) plan.updateDossiers.push({ row: after.dossier, columns });
    const sameSteps = before.steps.length === after.steps.length && before.steps.every((s, i) => s.step === after.steps[i]!.step);
    if (!sameSteps) {
      plan.rewriteSteps.push(after.dossier.code);
      plan.insertSteps.push(...after.steps);
      continue;
    }
    after.steps.forEach((s, i) => {
      const cols = changed(before.steps[i]!, s, mutableStepColumns);
      if (cols.length > 0) plan.updateSteps.push({ row: s, columns: cols });
    });
  }
  return plan;
}

/** Groups updates by the set of columns they set: one statement shape each. */
function byColumns<R>(updates: readonly Update<R>[]): Map<string, Update<R>[]> {
  const out = new Map<string, Update<R>[]>();
  for (const u of updates) {
    const key = u.columns.join(',');
    const list = out.get(key);
    if (list) list.push(u);
    else out.set(key, [u]);
  }
  return out;
}

/** The import's store for this database: call it with each batch's transaction. */
export function importStore(d: Db): (trx: Kysely<Database>) => ImportStore {
  if (d.sqlite) {
    const store = sqliteStore(d.sqlite);
    return () => store;
  }
  return postgresStore;
}

/** Rows per multi-row INSERT of events: 9 columns × 100 rows, under SQLite's parameter limit. */
const eventsPerInsert = 100;

function sqliteStore(raw: BetterSqlite3.Database): ImportStore {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (text: string) => {
    let s = prepared.get(text);
    if (!s) prepared.set(text, (s = raw.prepare(text)));
    return s;
  };
  const values = (n: number, width: number) => Array.from({ length: n }, () => `(${Array.from({ length: width }, () => '?').join(',')})`).join(',');
  const insertEvents = (n: number) => statement(`insert into events (${eventColumns.join(',')}) values ${values(n, eventColumns.length)}`);
  const insertDossier = statement(`insert into dossiers (${dossierColumns.join(',')}) values ${values(1, dossierColumns.length)}`);
  const insertStep = statement(`insert into steps (${stepColumns.join(',')}) values ${values(1, stepColumns.length)}`);
  const updateOf = (table: string, columns: readonly string[], key: readonly string[]) =>
    statement(`update ${table} set ${columns.map((c) => `${c} = ?`).join(', ')} where ${key.map((k) => `${k} = ?`).join(' and ')}`);
  return {
    async storedEvents(ids) {
      return statement('select id, dossier, type, at, by, payload from events where id in (select value from json_each(?))').all(JSON.stringify(ids)) as StoredEvent[];
    },
    async lastSeqs(codes) {
      const rows = statement('select code, last_seq from dossiers where code in (select value from json_each(?))').all(JSON.stringify(codes)) as { code: string; last_seq: number }[];
      return new Map(rows.map((r) => [r.code, r.last_seq]));
    },
    async derived(code) {
      const dossier = statement('select * from dossiers where code = ?').get(code) as DossiersTable | undefined;
      if (!dossier) return undefined;
      return { dossier, steps: statement('select * from steps where dossier = ? order by position').all(code) as StepsTable[] };
    },
    async chainHead() {
      return statement('select seq, hash from chain_head where id = 1').get() as { seq: number; hash: string };
    },
    async append(rows) {
      const full = rows.length - (rows.length % eventsPerInsert);
      const many = full > 0 ? insertEvents(eventsPerInsert) : undefined;
      const args: unknown[] = [];
      // Each row's prev_hash is the hash of the row before it: converted once for both.
      let lastHex = '';
      let lastBytes: Buffer | undefined;
      const bytes = (hex: string) => (hex === lastHex ? lastBytes! : ((lastHex = hex), (lastBytes = hashBytes(hex))));
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        args.push(r.seq, r.id, r.dossier, r.type, r.at, r.by, r.payload, bytes(r.prev_hash), bytes(r.hash));
        if (i < full && args.length === eventsPerInsert * eventColumns.length) {
          many!.run(args);
          args.length = 0;
        } else if (i >= full) {
          insertEvents(1).run(args);
          args.length = 0;
        }
      }
      const last = rows[rows.length - 1];
      if (last) statement('update chain_head set seq = ?, hash = ? where id = 1').run(last.seq, last.hash);
    },
    async writeDerived(changes) {
      const plan = planDerived(changes);
      for (const r of plan.insertDossiers) insertDossier.run(dossierColumns.map((c) => r[c]));
      for (const [key, list] of byColumns(plan.updateDossiers)) {
        const s = updateOf('dossiers', key.split(','), ['code']);
        for (const { row, columns } of list) s.run([...columns.map((c) => row[c as DossierColumn]), row.code]);
      }
      const removeSteps = statement('delete from steps where dossier = ?');
      for (const code of plan.rewriteSteps) removeSteps.run(code);
      for (const r of plan.insertSteps) insertStep.run(stepColumns.map((c) => r[c]));
      for (const [key, list] of byColumns(plan.updateSteps)) {
        const s = updateOf('steps', key.split(','), ['dossier', 'step']);
        for (const { row, columns } of list) s.run([...columns.map((c) => row[c as StepColumn]), row.dossier, row.step]);
      }
    },
    async advanceSequences(rows) {
      const s = statement('insert into dossier_sequences (agency_code, day, last) values (?, ?, ?) on conflict (agency_code, day) do update set last = max(last, excluded.last)');
      for (const r of rows) s.run(r.agency_code, r.day, r.last);
    },
  };
}

/**
 * The rows as a relation `u` typed like the table's rows: one JSON parameter, which PostgreSQL
 * parses natively (faster than the driver's escaping of one array per column).
 */
function recordset(table: keyof Database, rows: readonly unknown[]) {
  return sql`json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) as u`;
}

/** Rows per PostgreSQL statement: the JSON travels as one parameter, so only its size bounds it. */
const pgRows = 10_000;

function postgresStore(trx: Kysely<Database>): ImportStore {
  const insert = async <R>(table: keyof Database, columns: readonly string[], rows: readonly R[]) => {
    const list = sql.join(columns.map((c) => sql.ref(c)));
    for (let i = 0; i < rows.length; i += pgRows) {
      await sql`insert into ${sql.table(table)} (${list}) select ${list} from ${recordset(table, rows.slice(i, i + pgRows))}`.execute(trx);
    }
  };
  const update = async <R>(table: keyof Database, key: readonly string[], updates: readonly Update<R>[]) => {
    for (const [cols, list] of byColumns(updates)) {
      const columns = cols.split(',');
      const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = u.${sql.ref(c)}`));
      const where = sql.join(
        key.map((k) => sql`t.${sql.ref(k)} = u.${sql.ref(k)}`),
        sql` and `,
      );
      const rows = list.map((u) => u.row);
      for (let i = 0; i < rows.length; i += pgRows) {
        await sql`update ${sql.table(table)} as t set ${set} from ${recordset(table, rows.slice(i, i + pgRows))} where ${where}`.execute(trx);
      }
    }
  };
  return {
    async storedEvents(ids) {
      if (ids.length === 0) return [];
      return (await sql<StoredEvent>`select id, dossier, type, at, by, payload from events where id = any(${ids as string[]}::text[])`.execute(trx)).rows;
    },
    async lastSeqs(codes) {
      if (codes.length === 0) return new Map();
      const rows = (await sql<{ code: string; last_seq: number }>`select code, last_seq from dossiers where code = any(${codes as string[]}::text[])`.execute(trx)).rows;
      return new Map(rows.map((r) => [r.code, r.last_seq]));
    },
    async derived(code) {
      const dossier = await trx.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
      if (!dossier) return undefined;
      return { dossier, steps: await trx.selectFrom('steps').selectAll().where('dossier', '=', code).orderBy('position').execute() };
    },
    async chainHead() {
      return trx.selectFrom('chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    },
    async append(rows) {
      // bytea from JSON text: its hex input form.
      await insert('events', eventColumns, rows.map((r) => ({ ...r, prev_hash: `\\x${r.prev_hash}`, hash: `\\x${r.hash}` })));
      const last = rows[rows.length - 1];
      if (last) await trx.updateTable('chain_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
    },
    async writeDerived(changes) {
      const plan = planDerived(changes);
      await insert('dossiers', dossierColumns, plan.insertDossiers);
      // One statement per table, setting every column that can change, rather than one per set
      // of changed columns (a score of shapes a batch): a dossier's update makes new entries in
      // all its indexes anyway (last_event_at is indexed, so no HOT update), and a step column
      // set to its own value does not stop one.
      await update('dossiers', ['code'], plan.updateDossiers.map((u) => ({ row: u.row, columns: mutableDossierColumns })));
      if (plan.rewriteSteps.length > 0) await sql`delete from steps where dossier = any(${plan.rewriteSteps}::text[])`.execute(trx);
      await insert('steps', stepColumns, plan.insertSteps);
      await update('steps', ['dossier', 'step'], plan.updateSteps.map((u) => ({ row: u.row, columns: mutableStepColumns })));
    },
    async advanceSequences(rows) {
      if (rows.length === 0) return;
      await sql`insert into dossier_sequences (agency_code, day, last) select agency_code, day, last from ${recordset('dossier_sequences', rows)}
        on conflict (agency_code, day) do update set last = greatest(dossier_sequences.last, excluded.last)`.execute(trx);
    },
  };
}
