// A large SQLite database of dossiers for the `dossier show` and `record one event` figures:
// built once into bench/work/ (gitignored) and reused while its manifest says the same count,
// seed and format and the file holds that many dossiers.
//
//   node bench/dossier-db.mjs FILE [--dossiers 1000000] [--seed 1] [--force]
//
// How it is built (on the 2-CPU machine of the results files: about 30 s for 100,000 dossiers,
// 6 minutes for 1,000,000 with the machine busy; progress on stderr, the time in the manifest):
//
// 1. `migrateToLatest` and `storeCatalog` (dist/) load the example catalog of procedures/
//    (validated first) into a fresh file, through `openDatabase` as `tthc catalog load` does;
// 2. the procedures a dossier can run in 2026 are read back from `procedure_versions` (the JSON
//    `dossier show` replays with), each with a completion order of its steps found by the real
//    state machine (received, then the first running step completed until resolved, so parallel
//    branches and joins are honoured);
// 3. dossiers are spread evenly over the working days (calendar vn-2026) from 2026-01-05 to
//    2026-11-20: a procedure drawn uniformly, the channel (counter 60 %, online 35 %, post 5 %),
//    the receipt time (within working hours at a counter or by post, any time online), an
//    applicant's name; codes `<agency QCVN code>-YYMMDD-NNNN` numbered per agency and day in
//    receipt order. Each dossier gets a `received` event (payload { procedure, applicant: { name },
//    channel }) and `step-completed` events (payload { step }) in the completion order, each step
//    done after 5 %–110 % of its budget in working time (`WorkingCalendar#due`; a first `receive`
//    step at a counter completes at the receipt instant, as `tthc dossier receive` does); 4 % of
//    dossiers stall at a random step (never completed: overdue backlog); events after
//    2026-11-20 are not recorded yet, so recent dossiers are still running. The dossier's row
//    (status, due from `dossierDue`, outcome…) is computed for its recorded events; every 50th
//    dossier is replayed through `replayEvents` (dist/), which must accept every event and give
//    the same row, else the build aborts;
// 4. the events of all dossiers go into ONE log in time order (a heap, emptied day by day), each
//    with `seq`, `prev_hash` and `hash = eventHash(seq, row)` (dist/db/event-store.js), so that the
//    chain verifies. Three threads: this one draws the data, a hasher thread chains it (eventHash
//    is sequential, and half of the work), a writer thread inserts with raw SQL through
//    better-sqlite3 prepared statements in one transaction, journal off and the secondary indexes
//    dropped while filling, then re-created from their own definitions; finally `chain_head`,
//    `dossier_sequences`, WAL mode, and the file is renamed into place (an interrupted build
//    leaves no half database behind).
//
// Deterministic: the same count and seed give the same data (event ids are UUIDs drawn from the
// seeded generator).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, MessageChannel, parentPort, Worker, workerData } from 'node:worker_threads';
import { dateOfDay, dayNumber, WorkingCalendar } from '../dist/calendar/calendar.js';
import { validateCatalog } from '../dist/catalog/validate.js';
import { storeCatalog } from '../dist/db/catalog-store.js';
import { openDatabase } from '../dist/db/connect.js';
import { eventHash } from '../dist/db/event-store.js';
import { migrateToLatest } from '../dist/db/migrate.js';
import { genesisHash } from '../dist/db/migrations/0002-dossiers.js';
import { dossierDue } from '../dist/dossier/clock.js';
import { dossierFigures } from '../dist/dossier/figures.js';
import { replayEvents, runningSteps } from '../dist/dossier/state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the generated data changes: a database of another format is rebuilt. */
export const DB_FORMAT = 8;
const FIRST_DAY = '2026-01-05';
const LAST_DAY = '2026-11-20';
/** Events after this instant (local midnight ending LAST_DAY) are not recorded yet. */
const END_MS = Date.parse(`${LAST_DAY}T24:00:00+07:00`);
const OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh, UTC+07:00 all year
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const STALL_SHARE = 0.04;
/** workerData.role of the writer thread. */
const WRITER = 'dossier-db-writer';
/** workerData.role of the hasher thread. */
const HASHER = 'dossier-db-hasher';
/** null in a batch string. */
const NULL = '\u0001';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Đào', 'Lưu'];
const MIDDLES = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Thị', 'Thị Thu', 'Thị Minh', 'Thị Kim', 'Ngọc', 'Thị Hồng'];
const GIVENS = ['Anh', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hùng', 'Huy', 'Khánh', 'Long', 'Nam', 'Phúc', 'Sơn', 'Tuấn', 'Chi', 'Dung', 'Hà', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Thảo', 'Trang', 'Yến'];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** @param {string} msg */
const say = (msg) => process.stderr.write(`${msg}\n`);

/**
 * A 32-bit generator (mulberry32) with helpers.
 * @param {number} seed
 */
function rng(seed) {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const float = () => u32() / 4294967296;
  const hex8 = () => {
    const x = u32();
    return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
  };
  return {
    float,
    /** @param {number} n */
    int: (n) => Math.floor(float() * n),
    /** @template T @param {readonly T[]} xs @returns {T} */
    pick: (xs) => /** @type {any} */ (xs[Math.floor(float() * xs.length)]),
    /** A version-4 UUID from the stream. */
    uuid() {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}

/**
 * A binary min-heap of pending events by time, first in first out among equal times.
 * @typedef {{ atMs: number, n: number, type: string, by: string | null, payload: string, dossier: Dossier, last: boolean }} Pending
 * @typedef {{ code: string, row: Record<string, unknown> }} Dossier
 */
class Heap {
  /** @type {Pending[]} */ items = [];
  /** @param {Pending} a @param {Pending} b */
  static less = (a, b) => a.atMs < b.atMs || (a.atMs === b.atMs && a.n < b.n);
  get size() {
    return this.items.length;
  }
  /** @returns {Pending | undefined} */
  peek() {
    return this.items[0];
  }
  /** @param {Pending} x */
  push(x) {
    const h = this.items;
    let i = h.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!Heap.less(x, /** @type {Pending} */ (h[p]))) break;
      h[i] = /** @type {Pending} */ (h[p]);
      i = p;
    }
    h[i] = x;
  }
  /** @returns {Pending} */
  pop() {
    const h = this.items;
    const top = /** @type {Pending} */ (h[0]);
    const last = /** @type {Pending} */ (h.pop());
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && Heap.less(/** @type {Pending} */ (h[r]), /** @type {Pending} */ (h[l])) ? r : l;
        if (!Heap.less(/** @type {Pending} */ (h[c]), last)) break;
        h[i] = /** @type {Pending} */ (h[c]);
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

/**
 * The manifest of a built database, or undefined.
 * @param {string} file
 */
function readManifest(file) {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Reuses FILE when its manifest says the same count, seed and format and the file holds that many
 * dossiers; else builds it (progress on stderr). Returns the manifest.
 * @param {string} file
 * @param {{ dossiers: number, seed?: number, force?: boolean, log?: (msg: string) => void }} opts
 */
export async function ensureDossierDb(file, { dossiers, seed = 1, force = false, log = say }) {
  const m = readManifest(file);
  if (!force && m && m.format === DB_FORMAT && m.dossiers === dossiers && m.seed === seed && existsSync(file)) {
    const mod = /** @type {any} */ (await import('better-sqlite3'));
    const SQLite = mod.default ?? mod;
    // Not read-only: a read-only connection to a WAL database leaves its -wal and -shm behind.
    const raw = new SQLite(file, { fileMustExist: true });
    try {
      const n = raw.prepare('select count(*) as n from dossiers').get().n;
      if (n === dossiers) {
        log(`reusing ${file} (${dossiers.toLocaleString('en-US')} dossiers, ${m.events.toLocaleString('en-US')} events, built in ${m.build_seconds.toFixed(0)} s)`);
        return m;
      }
      log(`${file} holds ${n} dossiers, not ${dossiers}: rebuilding`);
    } finally {
      raw.close();
    }
  }
  return buildDossierDb(file, { dossiers, seed, log });
}

/**
 * Builds the database into FILE (replacing it) and writes FILE.json, its manifest.
 * @param {string} file
 * @param {{ dossiers: number, seed?: number, log?: (msg: string) => void }} opts
 */
export async function buildDossierDb(file, { dossiers, seed = 1, log = say }) {
  const t0 = performance.now();
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
  log(`building ${file}: ${dossiers.toLocaleString('en-US')} dossiers (seed ${seed}) …`);

  // 1. Schema and catalog, the way `tthc catalog load` does it.
  const catalogDir = join(root, 'procedures');
  const v = validateCatalog({ paths: [catalogDir], cwd: root, asOf: new Date(`${FIRST_DAY}T00:00:00+07:00`) });
  const errors = v.findings.filter((/** @type {any} */ f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`the catalog in procedures/ has ${errors.length} errors (first: ${errors[0].file}:${errors[0].line} ${errors[0].message})`);
  const d = await openDatabase(`sqlite:${tmp}`, root);
  try {
    await migrateToLatest(d.db);
    await storeCatalog(d.db, v.catalog, new Date(`${FIRST_DAY}T00:00:00+07:00`));
  } finally {
    await d.close();
  }

  const mod = /** @type {any} */ (await import('better-sqlite3'));
  const SQLite = mod.default ?? mod;

  // 2. The procedures, as stored, with a completion order of their steps.
  const setup = new SQLite(tmp, { readonly: true });
  const calendars = new Map(setup.prepare('select id, data from calendars').all().map((/** @type {any} */ c) => [c.id, WorkingCalendar.compile(JSON.parse(c.data))]));
  const unitCodes = new Map(setup.prepare('select id, code from units').all().map((/** @type {any} */ u) => [u.id, u.code]));
  const versions = setup.prepare('select pv.code, pv.version, pv.data from procedures p join procedure_versions pv on pv.code = p.code and pv.version = p.current_version order by pv.code').all();
  setup.close();
  const procedures = [];
  for (const r of versions) {
    const data = JSON.parse(r.data);
    if (data.effective_from > FIRST_DAY || (data.effective_to !== undefined && data.effective_to < LAST_DAY)) continue;
    const agencyCode = unitCodes.get(data.agency);
    const calendar = data.calendar !== undefined ? calendars.get(data.calendar) : calendars.size === 1 ? [...calendars.values()][0] : undefined;
    if (!agencyCode || !calendar) continue;
    const ctx = { procedure: { ...data, version: r.version }, calendar };
    const order = completionOrder(ctx);
    if (!order) continue;
    const steps = new Map(data.steps.map((/** @type {any} */ s) => [s.id, s]));
    procedures.push({
      code: r.code,
      version: r.version,
      agency: data.agency,
      agencyCode,
      ctx,
      calendar,
      clock: { time_limit: data.time_limit, on_supplement: data.on_supplement ?? 'pause', pauses: [] },
      order: order.map((id) => {
        const s = steps.get(id);
        return { id, action: s.action, by: s.assignee ?? null, minutes: calendar.minutesOf(s.duration) ?? 240, payload: JSON.stringify({ step: id }) };
      }),
      receivedBy: data.steps[0].assignee ?? null,
    });
  }
  if (procedures.length === 0) throw new Error('no procedure of procedures/ can receive dossiers in 2026');
  if (procedures.some((p) => p.calendar.timeZone !== 'Asia/Ho_Chi_Minh')) throw new Error('the builder assumes calendars in Asia/Ho_Chi_Minh (UTC+07:00)');
  const cal = procedures[0].calendar;

  // 3 and 4. Dossiers day by day; events through the heap into one chain. A pipeline of three
  // threads: this one draws the data and orders the events; a hasher thread chains them with
  // eventHash (sequential by nature, and half of all the work); a writer thread inserts the rows
  // it gets from the hasher and tells this thread when a batch is in.
  const { port1, port2 } = new MessageChannel();
  const here = fileURLToPath(import.meta.url);
  const hasher = new Worker(here, { workerData: { role: HASHER, port: port1 }, transferList: [port1] });
  const writer = new Worker(here, { workerData: { role: WRITER, file: tmp, port: port2 }, transferList: [port2] });
  /** @type {Map<number, { resolve: (x: any) => void, reject: (e: unknown) => void }>} */
  const waiting = new Map();
  /** @type {unknown} */
  let threadError;
  let asked = 0;
  for (const w of [hasher, writer]) {
    w.on('message', (/** @type {any} */ m) => {
      const x = waiting.get(m.n);
      waiting.delete(m.n);
      x?.resolve(m);
    });
    w.on('error', (e) => {
      threadError = e;
      for (const x of waiting.values()) x.reject(e);
      waiting.clear();
    });
  }
  /**
   * Sends a message into the pipeline; resolves with the answer (rows: the writer's, once they
   * are in). @param {Worker} to @param {any} msg @returns {Promise<any>}
   */
  const ask = (to, msg) =>
    new Promise((resolve, reject) => {
      if (threadError) return reject(threadError);
      const n = ++asked;
      waiting.set(n, { resolve, reject });
      to.postMessage({ ...msg, n });
    });
  /** @type {Promise<any>[]} */
  let inFlight = [];
  let indexStart = 0;
  /** Time this thread waited for the hasher and writer. */
  let waitedMs = 0;
  try {

    const r = rng(seed);
    const days = [];
    for (let day = dayNumber(FIRST_DAY); day <= dayNumber(LAST_DAY); day++) {
      const hours = cal.hoursOfDay(day);
      if (hours.length > 0) days.push({ day, hours });
    }
    const heap = new Heap();
    /** @type {Map<string, number>} */
    const sequences = new Map();
    let seq = 0;
    let made = 0;
    let written = 0;
    let replayed = 0;
    let n = 0;
    let nextReport = 0;
    // Rows go down the pipeline as one string per batch (fields separated by NUL, null as SOH):
    // one copy, where a structured clone of many small arrays costs more than the inserts.
    /** @type {string[]} */ let eventBatch = [];
    /** @type {string[]} */ let dossierBatch = [];
    /** Numbers every pending event before `untilMs`, in time order, into the batches. */
    const emit = (/** @type {number} */ untilMs) => {
      while (heap.size > 0 && /** @type {Pending} */ (heap.peek()).atMs < untilMs) {
        const e = heap.pop();
        seq += 1;
        eventBatch.push(`${seq}\0${r.uuid()}\0${e.dossier.code}\0${e.type}\0${new Date(e.atMs).toISOString()}\0${e.by ?? NULL}\0${e.payload}`);
        if (e.last) {
          const x = e.dossier.row;
          dossierBatch.push(`${e.dossier.code}\0${x.procedure}\0${x.procedure_version}\0${x.agency}\0${x.status}\0${x.received_at}\0${x.due}\0${x.ended_at ?? NULL}\0${x.outcome ?? NULL}\0${x.supplements}\0${seq}\0${x.used_minutes ?? NULL}\0${x.overdue_from ?? NULL}\0${x.last_event_at}`);
          written++;
        }
      }
    };
    /** Hands the batches to the pipeline, keeping at most three in flight. */
    const flush = async () => {
      if (eventBatch.length === 0 && dossierBatch.length === 0) return;
      inFlight.push(ask(hasher, { kind: 'rows', events: eventBatch.join('\0'), dossiers: dossierBatch.join('\0') }));
      eventBatch = [];
      dossierBatch = [];
      if (inFlight.length > 3) {
      const w0 = performance.now();
      await inFlight.shift();
      waitedMs += performance.now() - w0;
    }
    };

    const perDay = Math.floor(dossiers / days.length);
    const extra = dossiers % days.length;
    for (let di = 0; di < days.length; di++) {
      const { day, hours } = /** @type {{ day: number, hours: readonly { start: number, end: number }[] }} */ (days[di]);
      const count = perDay + (di < extra ? 1 : 0);
      const midnight = day * DAY_MS - OFFSET_MS;
      const yymmdd = dateOfDay(day).slice(2).replace(/-/g, '');
      const receipts = [];
      for (let i = 0; i < count; i++) {
        const p = r.pick(procedures);
        const c = r.float();
        const channel = c < 0.6 ? 'counter' : c < 0.95 ? 'online' : 'post';
        let minute;
        if (channel === 'online') minute = r.float() * 1440;
        else {
          const h = r.pick(hours);
          minute = h.start + r.float() * (h.end - h.start);
        }
        receipts.push({ p, channel, atMs: midnight + Math.floor(minute * 60) * 1000 });
      }
      receipts.sort((a, b) => a.atMs - b.atMs);
      for (const rc of receipts) {
        const { p, channel, atMs } = rc;
        const key = `${p.agencyCode}|${yymmdd}`;
        const number = (sequences.get(key) ?? 0) + 1;
        if (number > 9999) throw new Error(`more than 9,999 dossiers for ${p.agencyCode} on ${yymmdd}: too many dossiers for the days; lower --dossiers`);
        sequences.set(key, number);
        const code = `${p.agencyCode}-${yymmdd}-${String(number).padStart(4, '0')}`;
        const name = `${r.pick(SURNAMES)} ${r.pick(MIDDLES)} ${r.pick(GIVENS)}`;
        const by = channel === 'counter' ? p.receivedBy : null;
        /** @type {{ atMs: number, type: string, by: string | null, payload: string, step?: string }[]} */
        const evs = [{ atMs, type: 'received', by, payload: JSON.stringify({ procedure: p.code, applicant: { name }, channel }) }];
        const completing = r.float() < STALL_SHARE ? r.int(p.order.length) : p.order.length;
        let t = atMs;
        for (let k = 0; k < completing; k++) {
          const s = p.order[k];
          if (!(k === 0 && s.action === 'receive' && channel === 'counter')) {
            const minutes = Math.max(5, s.minutes * (0.05 + 1.05 * r.float()));
            t = p.calendar.due(new Date(t), Math.round(minutes)).getTime();
          }
          if (t >= END_MS) break;
          evs.push({ atMs: t, type: 'step-completed', by: s.by, payload: s.payload, step: s.id });
        }
        // The row: with no supplement, the due time is fixed at receipt and the dossier is resolved
        // when its last step completes. Every 50th dossier is replayed through the state machine,
        // which must give the same row (and accept every event).
        const receivedAt = new Date(atMs);
        const due = dossierDue(p.calendar, { ...p.clock, received_at: receivedAt }, receivedAt);
        const resolved = evs.length === p.order.length + 1;
        const endedAt = resolved ? new Date(/** @type {{ atMs: number }} */ (evs[evs.length - 1]).atMs) : null;
        const row = {
          procedure: p.code,
          procedure_version: p.version,
          agency: p.agency,
          status: resolved ? 'resolved' : 'in_progress',
          received_at: receivedAt.toISOString(),
          due: due.toISOString(),
          ended_at: endedAt?.toISOString() ?? null,
          outcome: endedAt ? outcome(endedAt.getTime(), due.getTime()) : null,
          supplements: 0,
          // The figures of src/dossier/figures.ts; no waits here, so time used is plain working time.
          used_minutes: endedAt ? Math.max(0, Math.round(p.calendar.between(p.calendar.nextWorkingInstant(receivedAt, { cutoff: true }), endedAt))) : null,
          overdue_from: endedAt ? null : due.toISOString(),
          last_event_at: new Date(/** @type {{ atMs: number }} */ (evs[evs.length - 1]).atMs).toISOString(),
        };
        if (made % 50 === 0) {
          const state = replayState(code, p, evs, name, channel);
          const f = dossierFigures(state, p.calendar);
          const replayedRow = { ...row, status: state.status, received_at: state.received_at.toISOString(), due: state.due.toISOString(), ended_at: state.ended_at?.toISOString() ?? null, outcome: state.outcome, supplements: state.supplements, used_minutes: f.used_minutes, overdue_from: f.overdue_from?.toISOString() ?? null, last_event_at: f.last_event_at.toISOString() };
          if (JSON.stringify(replayedRow) !== JSON.stringify(row)) throw new Error(`internal: the row of ${code} differs from its replay: ${JSON.stringify(row)} vs ${JSON.stringify(replayedRow)}`);
          replayed++;
        }
        /** @type {Dossier} */
        const dossier = { code, row };
        evs.forEach((e, i) => heap.push({ atMs: e.atMs, n: n++, type: e.type, by: e.by, payload: e.payload, dossier, last: i === evs.length - 1 }));
        made++;
      }
      emit(midnight + DAY_MS);
      await flush();
      if (made >= nextReport || di === days.length - 1) {
        const s = (performance.now() - t0) / 1000;
        const eta = made > 0 ? (s / made) * (dossiers - made) : 0;
        log(`  ${dateOfDay(day)}: ${made.toLocaleString('en-US')}/${dossiers.toLocaleString('en-US')} dossiers (${Math.round((100 * made) / dossiers)} %), ${seq.toLocaleString('en-US')} events, ${s.toFixed(0)} s${made < dossiers ? `, about ${eta.toFixed(0)} s to go` : ''}`);
        nextReport = made + Math.max(1, Math.round(dossiers / 20));
      }
    }
    emit(END_MS); // nothing pending should remain before the end; later events are dropped
    await flush();
    await Promise.all(inFlight);
    inFlight = [];
    if (written !== dossiers) throw new Error(`internal: ${written} dossier rows written for ${dossiers} dossiers`);

    log(`  writing the chain head and code sequences, re-creating the indexes …`);
    indexStart = performance.now();
    const head = await ask(hasher, { kind: 'head' });
    if (head.seq !== seq) throw new Error(`internal: the hasher chained ${head.seq} events of ${seq}`);
    const hash = head.hash;
    const done = await ask(writer, { kind: 'end', seq, hash, sequences: [...sequences].map(([key, last]) => [...key.split('|'), last]) });
    const statuses = done.statuses;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    renameSync(tmp, file);
    const seconds = (performance.now() - t0) / 1000;
    const manifest = {
      format: DB_FORMAT,
      dossiers,
      seed,
      events: seq,
      chain_head: hash,
      statuses,
      replayed,
      procedures: procedures.length,
      receipt_days: { first: FIRST_DAY, last: LAST_DAY, working_days: days.length },
      build_seconds: seconds,
      index_seconds: (performance.now() - indexStart) / 1000,
      waited_for_pipeline_seconds: waitedMs / 1000,
      built_at: new Date().toISOString(),
      node: process.version,
    };
    writeFileSync(`${file}.json`, JSON.stringify(manifest, null, 2) + '\n');
    log(`built ${file} in ${seconds.toFixed(1)} s: ${dossiers.toLocaleString('en-US')} dossiers (${Object.entries(statuses).map(([k, x]) => `${x} ${k}`).join(', ')}), ${seq.toLocaleString('en-US')} events; ${replayed.toLocaleString('en-US')} dossiers replayed through the state machine`);
    return manifest;
  } finally {
    await Promise.all([hasher.terminate(), writer.terminate()]);
  }
}

/**
 * The hasher thread: gives each event of a batch its `prev_hash` and `hash` (eventHash, in
 * sequence), and passes the batch on to the writer through `port`; answers `head` with the
 * chain's last sequence number and hash.
 * @param {import('node:worker_threads').MessagePort} port
 */
function hasherThread(port) {
  const parent = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
  let seq = 0;
  let prev = genesisHash;
  parent.on('message', (/** @type {any} */ m) => {
    if (m.kind === 'head') {
      parent.postMessage({ n: m.n, seq, hash: prev });
      return;
    }
    const e = m.events === '' ? [] : m.events.split('\0');
    /** @type {string[]} */
    const out = [];
    for (let i = 0; i < e.length; i += 7) {
      const s = Number(e[i]);
      if (s !== seq + 1) throw new Error(`internal: event ${s} came after ${seq}`);
      const by = e[i + 5] === NULL ? null : /** @type {string} */ (e[i + 5]);
      const row = { id: /** @type {string} */ (e[i + 1]), dossier: /** @type {string} */ (e[i + 2]), type: /** @type {string} */ (e[i + 3]), at: /** @type {string} */ (e[i + 4]), by, payload: /** @type {string} */ (e[i + 6]), prev_hash: prev };
      prev = eventHash(s, row);
      seq = s;
      out.push(`${e[i]}\0${row.id}\0${row.dossier}\0${row.type}\0${row.at}\0${e[i + 5]}\0${row.payload}\0${row.prev_hash}\0${prev}`);
    }
    port.postMessage({ kind: 'rows', n: m.n, events: out.join('\0'), dossiers: m.dossiers });
  });
}

/**
 * The writer thread: inserts the rows the hasher sends through `port`, in one transaction, with
 * the journal off and the secondary indexes dropped, and tells the main thread when a batch is
 * in; at `end` re-creates the indexes, writes the chain head and the code sequences, and turns
 * WAL on.
 * @param {string} file
 * @param {import('node:worker_threads').MessagePort} fromHasher
 */
async function writerThread(file, fromHasher) {
  const mod = /** @type {any} */ (await import('better-sqlite3'));
  const SQLite = mod.default ?? mod;
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -4194304'); // 4 GiB
  const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name in ('events', 'dossiers') and sql is not null").all();
  for (const ix of indexes) db.exec(`drop index ${ix.name}`);
  const insertEvent = db.prepare('insert into events (seq, id, dossier, type, at, by, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertDossier = db.prepare(
    'insert into dossiers (code, procedure, procedure_version, agency, status, received_at, due, ended_at, outcome, supplements, last_seq, used_minutes, overdue_from, last_event_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // ONE transaction for the whole fill: a commit per batch would write out every page the random
  // event ids touched in the unique index of events.id, again and again as it grows.
  db.exec('begin');
  const field = (/** @type {string | undefined} */ x) => (x === NULL ? null : x);
  const rows = (/** @type {string} */ events, /** @type {string} */ dossiers) => {
    const e = events === '' ? [] : events.split('\0');
    // The hashes are stored as their 32 bytes (migration 0007).
    for (let i = 0; i < e.length; i += 9) insertEvent.run(Number(e[i]), e[i + 1], e[i + 2], e[i + 3], e[i + 4], field(e[i + 5]), e[i + 6], Buffer.from(/** @type {string} */ (e[i + 7]), 'hex'), Buffer.from(/** @type {string} */ (e[i + 8]), 'hex'));
    const d = dossiers === '' ? [] : dossiers.split('\0');
    for (let i = 0; i < d.length; i += 14) {
      const used = field(d[i + 11]);
      insertDossier.run(d[i], d[i + 1], Number(d[i + 2]), d[i + 3], d[i + 4], d[i + 5], d[i + 6], field(d[i + 7]), field(d[i + 8]), Number(d[i + 9]), Number(d[i + 10]), used === null ? null : Number(used), field(d[i + 12]), d[i + 13]);
    }
  };
  const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
  fromHasher.on('message', (/** @type {any} */ m) => {
    rows(m.events, m.dossiers);
    port.postMessage({ n: m.n });
  });
  port.on('message', (/** @type {any} */ m) => {
    db.exec('commit');
    db.pragma('threads = 2'); // sorting for CREATE INDEX on two threads
    for (const ix of indexes) db.exec(ix.sql);
    db.transaction(() => {
      db.prepare('update chain_head set seq = ?, hash = ? where id = 1').run(m.seq, m.hash);
      const ins = db.prepare('insert into dossier_sequences (agency_code, day, last) values (?, ?, ?)');
      for (const s of m.sequences) ins.run(s);
    })();
    const statuses = Object.fromEntries(db.prepare('select status, count(*) as n from dossiers group by status order by status').all().map((/** @type {any} */ x) => [x.status, x.n]));
    db.pragma('locking_mode = NORMAL');
    db.pragma('journal_mode = WAL');
    db.close();
    port.postMessage({ n: m.n, statuses });
  });
}

/**
 * `outcomeOf` of dist/dossier/clock.js for a dossier without supplements, with the fixed +07:00
 * of Asia/Ho_Chi_Minh instead of asking Intl twice per dossier (most of the building time
 * otherwise); the replayed sample checks that both agree.
 * @param {number} endedMs
 * @param {number} dueMs
 */
function outcome(endedMs, dueMs) {
  if (endedMs > dueMs) return 'late';
  return Math.floor((endedMs + OFFSET_MS) / DAY_MS) < Math.floor((dueMs + OFFSET_MS) / DAY_MS) ? 'early' : 'on_time';
}

/**
 * The order in which a dossier of this procedure completes its steps: the first running step each
 * time, as the state machine starts them; undefined when it cannot run.
 * @param {any} ctx
 * @returns {string[] | undefined}
 */
function completionOrder(ctx) {
  const at = new Date(`${FIRST_DAY}T09:00:00+07:00`);
  const events = [{ type: 'received', id: 'x0', dossier: 'X', at, by: null, procedure: ctx.procedure.code, applicant: { name: 'x' }, channel: 'online' }];
  const order = [];
  for (let i = 0; i < 1000; i++) {
    const r = replayEvents(events, ctx);
    if (!r.ok || !r.state) return undefined;
    if (r.state.status === 'resolved') return order;
    const next = runningSteps(r.state)[0];
    if (next === undefined) return undefined;
    order.push(next);
    events.push({ type: 'step-completed', id: `x${i + 1}`, dossier: 'X', at, by: null, step: next });
  }
  return undefined;
}

/**
 * The state the dossier's events leave, through the real state machine; throws if they do not replay.
 * @param {string} code
 * @param {any} p
 * @param {{ atMs: number, type: string, by: string | null, step?: string }[]} evs
 * @param {string} name
 * @param {string} channel
 */
function replayState(code, p, evs, name, channel) {
  const events = evs.map((e, i) =>
    e.type === 'received'
      ? { type: 'received', id: `e${i}`, dossier: code, at: new Date(e.atMs), by: e.by, procedure: p.code, applicant: { name }, channel }
      : { type: 'step-completed', id: `e${i}`, dossier: code, at: new Date(e.atMs), by: e.by, step: e.step },
  );
  const r = replayEvents(events, p.ctx);
  if (!r.ok || !r.state) throw new Error(`internal: the generated events of ${code} do not replay: ${r.ok ? 'no events' : r.reason}`);
  return r.state;
}

// ───────────────────────────── CLI ─────────────────────────────

if (!isMainThread && workerData?.role === WRITER) {
  writerThread(workerData.file, workerData.port).catch((e) => {
    throw e;
  });
} else if (!isMainThread && workerData?.role === HASHER) {
  hasherThread(workerData.port);
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  let file;
  let dossiers = 1_000_000;
  let seed = 1;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dossiers') dossiers = Number(argv[++i]);
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--force') force = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/dossier-db.mjs FILE [--dossiers 1000000] [--seed 1] [--force]\n');
      process.exit(0);
    } else if (file === undefined && a !== undefined && !a.startsWith('-')) file = a;
    else {
      process.stderr.write(`dossier-db: unknown argument ${a}\n`);
      process.exit(1);
    }
  }
  if (file === undefined || !Number.isInteger(dossiers) || dossiers < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/dossier-db.mjs FILE [--dossiers 1000000] [--seed 1] [--force]\n');
    process.exit(1);
  }
  ensureDossierDb(resolve(file), { dossiers, seed, force }).then(
    (m) => process.stdout.write(JSON.stringify(m, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`dossier-db: ${e?.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
