// The `record one event` figure: a LIBRARY figure, measured inside one node process. On a SQLite
// database file that already holds many dossiers (a COPY of a bench/dossier-db.mjs build: this
// script writes to it), it records `step-completed` events one by one with `recordEvents`
// (dist/db/event-store.js: load and replay the dossier, check the event, append it to the hash
// chain, update the dossier's row, all in one BEGIN IMMEDIATE transaction), each on a different
// running dossier, and times each call. The baseline, the floor of any durable write, is one
// single-row INSERT (a row shaped like an event, into a table shaped like `events`) in a
// transaction through the same connection (`Db.write`, kysely over better-sqlite3, WAL).
//
//   node bench/record.mjs DB [--events 2000] [--warmup 50] [--json]
//
// Ours and the baseline alternate, one call each, so that a burst of load hits both alike.
// Checked, untimed: every call returns the dossier with the step completed; afterwards the chain
// head moved by exactly the events recorded, and every new event's hash and previous hash
// recompute (eventHash) from the head before the run. Exit 1 when anything does not hold.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../dist/db/connect.js';
import { eventHash, hexOf, loadDossier, recordEvents } from '../dist/db/event-store.js';
import { runningSteps } from '../dist/dossier/state.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} msg */
const say = (msg) => process.stderr.write(`${msg}\n`);

/**
 * The p-th percentile (nearest rank) of sorted values.
 * @param {number[]} sorted
 * @param {number} p
 */
function percentile(sorted, p) {
  return /** @type {number} */ (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
}

/** @param {number[]} ms */
function summary(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const m = s.length >> 1;
  return {
    median: s.length % 2 ? /** @type {number} */ (s[m]) : (/** @type {number} */ (s[m - 1]) + /** @type {number} */ (s[m])) / 2,
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    min: /** @type {number} */ (s[0]),
    max: /** @type {number} */ (s[s.length - 1]),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    count: s.length,
  };
}

/**
 * Measures on FILE (which it modifies). Returns the figure.
 * @param {string} file
 * @param {{ events: number, warmup: number }} opts
 */
export async function measureRecord(file, { events, warmup }) {
  const d = await openDatabase(`sqlite:${file}`, root, { create: false });
  try {
    const { sql } = await import('kysely');
    const dossiers = Number((await sql`select count(*) as n from dossiers`.execute(d.db)).rows[0]?.n ?? 0);
    const want = events + warmup;
    /** @type {{ code: string }[]} */
    const picked = (await sql`select code from dossiers where status = 'in_progress' order by random() limit ${want}`.execute(d.db)).rows;
    if (picked.length < want) throw new Error(`${file} has ${picked.length} running dossiers; ${want} are needed (--events + --warmup)`);
    say(`• record one event: ${dossiers.toLocaleString('en-US')} dossiers in ${file}; preparing ${want} step-completed events (untimed) …`);

    // Untimed: each dossier's running step and an instant after its last event.
    const inputs = [];
    for (const { code } of picked) {
      const loaded = await loadDossier(d.db, code);
      if (!loaded) throw new Error(`dossier ${code} does not load`);
      const step = runningSteps(loaded.state)[0];
      if (step === undefined) throw new Error(`dossier ${code} is in progress but has no running step`);
      const by = loaded.state.steps.find((s) => s.id === step)?.assignee ?? null;
      const at = new Date(loaded.state.last_event_at.getTime() + 60_000);
      inputs.push({ code, step, input: { type: /** @type {const} */ ('step-completed'), dossier: code, at, by, step } });
    }
    // The baseline's table: the shape of `events`, with its unique id and its index.
    await sql`create table if not exists bench_floor (seq integer primary key, id text not null unique, dossier text not null, type text not null, at text not null, by text, payload text not null, prev_hash blob not null, hash blob not null)`.execute(d.db);
    await sql`create index if not exists bench_floor_dossier on bench_floor (dossier, seq)`.execute(d.db);
    const floorRows = inputs.map((x, i) => ({
      seq: i + 1,
      id: randomUUID(),
      dossier: x.code,
      type: 'step-completed',
      at: x.input.at.toISOString(),
      by: x.input.by,
      payload: JSON.stringify({ step: x.step }),
      prev_hash: Buffer.alloc(32),
      hash: Buffer.from(randomUUID().replace(/-/g, '').repeat(2), 'hex'),
    }));
    const head0 = (await sql`select seq, hash from chain_head where id = 1`.execute(d.db)).rows[0];
    if (!head0) throw new Error('no chain head');

    /** @type {number[]} */ const ours = [];
    /** @type {number[]} */ const base = [];
    const t0 = performance.now();
    for (let i = 0; i < want; i++) {
      const x = /** @type {(typeof inputs)[number]} */ (inputs[i]);
      const row = floorRows[i];
      const a = process.hrtime.bigint();
      const r = await recordEvents(d, [x.input]);
      const b = process.hrtime.bigint();
      await d.write((trx) => /** @type {any} */ (trx).insertInto('bench_floor').values(row).execute());
      const c = process.hrtime.bigint();
      if (r.code !== x.code || r.events.length !== 1 || r.state.steps.find((s) => s.id === x.step)?.status !== 'completed') {
        throw new Error(`recordEvents on ${x.code} did not complete step ${x.step}`);
      }
      if (i >= warmup) {
        ours.push(Number(b - a) / 1e6);
        base.push(Number(c - b) / 1e6);
      }
      if ((i + 1) % 500 === 0) say(`  ${i + 1}/${want} (${i < warmup ? 'warm-up' : 'timed'}), ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }

    // Untimed: the chain grew by exactly these events, and they chain onto the old head.
    const head1 = (await sql`select seq, hash from chain_head where id = 1`.execute(d.db)).rows[0];
    if (!head1 || head1.seq !== head0.seq + want) throw new Error(`the chain head moved from ${head0.seq} to ${head1?.seq}, not by ${want}`);
    const added = await d.db.selectFrom('events').selectAll().where('seq', '>', head0.seq).orderBy('seq').execute();
    let prev = head0.hash;
    for (const e of added) {
      const prevHash = hexOf(e.prev_hash);
      if (prevHash !== prev || eventHash(e.seq, { ...e, prev_hash: prevHash }) !== hexOf(e.hash)) throw new Error(`event ${e.seq} does not chain onto the log`);
      prev = hexOf(e.hash);
    }
    if (added.length !== want || prev !== head1.hash) throw new Error('the new events do not end at the chain head');

    const o = summary(ours);
    const bl = summary(base);
    return {
      id: 'record-event',
      label: `record one event (SQLite, ${dossiers >= 1000 ? `${Math.round(dossiers / 1000)}k` : dossiers} dossiers)`,
      unit: 'ms',
      dossiers,
      events_before: head0.seq,
      ours: { what: 'recordEvents(db, [step-completed]) on a running dossier, dist/db/event-store.js', ...o },
      baseline: { what: 'Db.write: one single-row INSERT (an event-shaped row) in a transaction, same connection', ...bl },
      ratio: o.median / bl.median,
      target: { max_ms: 5 },
      pass: o.median < 5,
      check: { recorded: want, warmup, timed: events, chain_from: head0.seq, chain_to: head1.seq, chained: true },
    };
  } finally {
    await d.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  let file;
  let events = 2000;
  let warmup = 50;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--events') events = Number(argv[++i]);
    else if (a === '--warmup') warmup = Number(argv[++i]);
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node bench/record.mjs DB [--events 2000] [--warmup 50] [--json]   (DB is modified: use a copy)\n');
      process.exit(0);
    } else if (file === undefined && a !== undefined && !a.startsWith('-')) file = a;
    else {
      process.stderr.write(`record: unknown argument ${a}\n`);
      process.exit(1);
    }
  }
  if (file === undefined || !Number.isInteger(events) || events < 1 || !Number.isInteger(warmup) || warmup < 0) {
    process.stderr.write('usage: node bench/record.mjs DB [--events 2000] [--warmup 50] [--json]\n');
    process.exit(1);
  }
  measureRecord(resolve(file), { events, warmup }).then(
    (f) => {
      if (json) process.stdout.write(JSON.stringify(f, null, 2) + '\n');
      else process.stdout.write(`${f.label}: median ${f.ours.median.toFixed(3)} ms, p95 ${f.ours.p95.toFixed(3)} ms; baseline median ${f.baseline.median.toFixed(3)} ms, p95 ${f.baseline.p95.toFixed(3)} ms; ratio ${f.ratio.toFixed(2)}×; ${f.pass ? 'PASS' : 'FAIL'} (< 5 ms)\n`);
    },
    (e) => {
      process.stderr.write(`record: ${e?.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
