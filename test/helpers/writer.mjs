// One writer of test/db/concurrency.test.ts: a real OS process recording events against a shared
// database through the program's own write path (recordEvents of the built dist/, the function
// the dossier commands call), each event in its own write transaction as a clerk's command.
// Like a clerk, it looks at a dossier first (outside the transaction), then records what fits
// what it saw; another writer may have moved the dossier in between, and then the event is
// refused. Prints one JSON object: what it recorded, what was refused and how, what failed.
//
// node test/helpers/writer.mjs '{"url":…,"cwd":…,"writer":0,"events":1000,"start":…,"base":…,"procedures":[…]}'
import { mulberry32 } from '../../bench/generate.mjs';
import { openDatabase } from '../../dist/db/connect.js';
import { recordEvents } from '../../dist/db/event-store.js';
import { TthcError } from '../../dist/errors.js';

const o = JSON.parse(process.argv[2]);

// mulberry32, seeded per writer, so that a run can be repeated.
const random = mulberry32((o.writer + 1) * 0x9e3779b9);
const pick = (list) => list[Math.floor(random() * list.length)];

// Simulated time: one real second is one minute from `base` (a working morning), so that every
// receipt of the run falls on the same day and the writers compete for one code sequence.
const now = () => new Date(Date.parse(o.base) + (Date.now() - o.start) * 60);

const d = await openDatabase(o.url, o.cwd, { create: false });
const recorded = [];
const refused = [];
const failed = [];
let attempts = 0;
try {
  while (recorded.length < o.events && attempts < o.events * 4) {
    attempts++;
    // The open dossiers every writer works on: the 40 most recently received ones, as a
    // clerk's list shows them (their derived rows: no replay outside the write transaction).
    const open = await d.db.selectFrom('dossiers').select(['code', 'status', 'supplements']).where('status', 'in', ['in_progress', 'awaiting_supplement', 'resolved']).orderBy('received_at', 'desc').orderBy('code', 'desc').limit(40).execute();
    let input;
    if (open.length < 20 || random() < 0.12) {
      input = { type: 'received', at: now(), by: null, procedure: pick(o.procedures), applicant: { name: `Người nộp ${o.writer}` }, channel: 'counter' };
    } else {
      const seen = pick(open);
      const running = await d.db.selectFrom('steps').select('step').where('dossier', '=', seen.code).where('status', '=', 'running').execute();
      const at = now();
      if (seen.status === 'awaiting_supplement') input = { type: 'supplement-received' };
      else if (seen.status === 'resolved') input = { type: 'returned' };
      else if (seen.supplements === 0 && random() < 0.1) input = { type: 'supplement-requested', reason: 'thiếu giấy tờ', items: [] };
      else if (random() < 0.02) input = { type: 'refused', reason: 'không đủ điều kiện' };
      // A step that has just completed on another desk: the list shows none running yet.
      else input = { type: 'step-completed', step: running.length > 0 ? pick(running).step : 'receive' };
      input = { ...input, dossier: seen.code, at, by: null };
    }
    try {
      const r = await recordEvents(d, [input]);
      for (const e of r.events) recorded.push({ id: e.id, dossier: r.code, type: e.type });
    } catch (e) {
      if (e instanceof TthcError && e.exitCode === 2) refused.push({ error: e.name, exitCode: e.exitCode, type: input.type, message: e.message });
      else failed.push({ error: e?.name ?? String(e), code: e?.code ?? null, exitCode: e instanceof TthcError ? e.exitCode : 70, message: String(e?.message ?? e) });
    }
  }
} finally {
  await d.close();
}
process.stdout.write(JSON.stringify({ writer: o.writer, attempts, recorded, refused, failed }) + '\n');
