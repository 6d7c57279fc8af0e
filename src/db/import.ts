// `tthc dossier import`: JSON Lines of events appended to the log in batches, each batch one
// write transaction. Every line is checked against schemas/event.schema.json and the state
// machine; an event whose id is already stored with the same content is skipped, so a file can
// be run again (after a kill, too) and adds only what is missing. Memory holds one batch and a
// bounded cache of dossier states, whatever the size of the file.
import type { Kysely } from 'kysely';
import { eventProblem } from '../catalog/schema.js';
import type { DossierEvent } from '../dossier/events.js';
import { allowedEvents, applyEvent, isEnded, type ApplyContext, type DossierState } from '../dossier/state.js';
import { InputError, jsonErrorWithoutInput } from '../errors.js';
import { canonicalJson } from './canonical.js';
import type { Db } from './connect.js';
import { chainHash, contextOf, derivedRows, eventRow, loadDossier, type DerivedRows, type EventRow } from './event-store.js';
import { importStore, type ChainedRow, type DerivedChange, type ImportStore } from './import-store.js';
import type { Database, DossierSequencesTable } from './schema.js';

/** One line of the input, numbered from 1. */
export interface ImportLine {
  line: number;
  text: string;
  /** What makes the line unreadable before it is parsed (invalid UTF-8): it is rejected with this. */
  problem?: string;
  /** With a problem: the line's bytes as read, for the reject file (`text` is decoded leniently). */
  raw?: Uint8Array;
}

/** A line that was not imported, and why. */
export interface ImportProblem {
  line: number;
  message: string;
  text: string;
  /** The line's bytes when they are not its text (invalid UTF-8). */
  raw?: Uint8Array;
}

export interface ImportSummary {
  /** Lines read (blank lines not counted). */
  read: number;
  imported: number;
  /** Events whose id was already stored with the same content. */
  duplicates: number;
  rejected: number;
}

export interface ImportOptions {
  /** For messages: `events.jsonl:12: …`. */
  file: string;
  /** `stop`: a bad line rolls back its batch and ends the import (InputError); `skip`: reported and left out. */
  onError: 'stop' | 'skip';
  /** Events per transaction (default 10,000). */
  batchSize?: number;
  onReject?: (p: ImportProblem) => void;
  /** After each committed batch. */
  onBatch?: (s: ImportSummary) => void;
}

/** A dossier as the import holds it between events: its state, what replays it, its last event. */
interface Held {
  state: DossierState;
  ctx: ApplyContext & { agency: string };
  lastSeq: number;
  /** Its derived rows as last written. */
  rows: DerivedRows;
}

/** How many dossier states stay cached between batches (a time-ordered log revisits them). */
const cacheSize = 10_000;

/**
 * How many of them may be ended dossiers. Once ended, a dossier takes at most a `returned` and a
 * `rated` event, and many never get them: without this bound they would crowd the cache (and
 * the heap that the collector walks after every batch) with states that are not used again.
 */
const endedCacheSize = 1_000;

/**
 * Keeps the cache bounded, the least recently written first (Map keeps insertion order): ended
 * dossiers beyond `endedCacheSize`, then any beyond `cacheSize`.
 */
function evict(held: Map<string, Held>): void {
  let ended = 0;
  for (const h of held.values()) if (isEnded(h.state)) ended += 1;
  for (const [code, h] of held) {
    if (ended <= endedCacheSize) break;
    if (!isEnded(h.state)) continue;
    held.delete(code);
    ended -= 1;
  }
  for (const code of held.keys()) {
    if (held.size <= cacheSize) break;
    held.delete(code);
  }
}

const dateFields = ['at', 'new_appointment'] as const;

/** The event of a parsed, schema-valid line (changed in place): instants as Dates. */
function toEvent(value: Record<string, unknown>): DossierEvent {
  for (const k of dateFields) if (typeof value[k] === 'string') value[k] = new Date(value[k] as string);
  return value as unknown as DossierEvent;
}

/** Parses and checks a line alone; a problem message, or the event. Never throws. */
export function parseEventLine(text: string): DossierEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${jsonErrorWithoutInput(e).replace(/^(Unexpected|Expected)/, (w) => w.toLowerCase())})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const problem = eventProblem(value, text);
  return problem ?? toEvent(value as Record<string, unknown>);
}

/** What two events with one id must share to be the same event: everything but the chain. */
function contentOf(r: { id: string; dossier: string; type: string; at: string; by: string | null; payload: string }): string {
  return canonicalJson({ id: r.id, dossier: r.dossier, type: r.type, at: r.at, by: r.by, payload: JSON.parse(r.payload) as unknown });
}

/** A line of a batch: its event, or what is wrong with it alone. */
type Parsed = { line: number; text: string; raw?: Uint8Array | undefined } & ({ event: DossierEvent; problem?: undefined } | { problem: string; event?: undefined });

/** `<agency code>-YYMMDD-NNNN`: the parts a receipt's code gives the code sequences. */
const codePattern = /^(.+)-(\d{6})-(\d{4})$/;

/**
 * Imports the lines. Returns the summary; with `onError: 'stop'`, the first bad line throws an
 * InputError `file:line: message` after its batch was rolled back (earlier batches stay).
 */
export async function importEvents(d: Db, lines: AsyncIterable<ImportLine>, opts: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, imported: 0, duplicates: 0, rejected: 0 };
  const size = opts.batchSize ?? 10_000;
  const held = new Map<string, Held>();
  const store = importStore(d);
  const contexts = new Map<string, ApplyContext & { agency: string; agencyCode: string | null }>();
  const reject = (p: ImportProblem) => {
    if (opts.onError === 'stop') throw new InputError(`${opts.file}:${p.line}: ${p.message}`);
    summary.rejected += 1;
    opts.onReject?.(p);
  };

  let batch: Parsed[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const counts = await d.write((trx) => writeBatch(trx, store(trx), batch, held, contexts, reject));
    summary.imported += counts.imported;
    summary.duplicates += counts.duplicates;
    evict(held);
    batch = [];
    opts.onBatch?.({ ...summary });
  };
  try {
    for await (const { line, text, problem, raw } of lines) {
      if (problem === undefined && text.trim() === '') continue;
      summary.read += 1;
      // A line's own problem is reported in its turn, with the batch, so messages keep line order.
      const parsed = problem ?? parseEventLine(text);
      batch.push(typeof parsed === 'string' ? { line, text, raw, problem: parsed } : { line, text, event: parsed });
      if (batch.length >= size) await flush();
    }
    await flush();
  } catch (e) {
    // A rolled-back batch may have moved cached states on: forget them all.
    held.clear();
    throw e;
  }
  return summary;
}

/** One batch in one transaction: duplicates skipped, the rest applied, appended and derived. */
async function writeBatch(
  trx: Kysely<Database>,
  store: ImportStore,
  batch: readonly Parsed[],
  held: Map<string, Held>,
  contexts: Map<string, ApplyContext & { agency: string; agencyCode: string | null }>,
  reject: (p: ImportProblem) => void,
): Promise<{ imported: number; duplicates: number }> {
  // Which ids are stored already, with what content.
  const stored = new Map<string, string>();
  const ids = new Set<string>();
  const codes = new Set<string>();
  for (const b of batch) {
    if (!b.event) continue;
    ids.add(b.event.id);
    codes.add(b.event.dossier);
  }
  for (const r of await store.storedEvents([...ids])) stored.set(r.id, contentOf(r));
  // The dossiers' stored last events: a cached state is used only if nothing was added since.
  const lastSeq = await store.lastSeqs([...codes]);
  for (const code of codes) if (held.has(code) && lastSeq.get(code) !== held.get(code)!.lastSeq) held.delete(code);

  let { seq, hash } = await store.chainHead();
  const rows: ChainedRow[] = [];
  /** The dossiers this batch moves on: their state now and their derived rows as stored before it. */
  const touched = new Map<string, Omit<Held, 'rows'> & { before: DerivedRows | undefined }>();
  const sequences = new Map<string, DossierSequencesTable>();
  let duplicates = 0;
  const seen = new Map<string, EventRow>();
  for (const { line, text, raw, event, problem } of batch) {
    if (problem !== undefined) {
      reject({ line, message: problem, text, ...(raw ? { raw } : {}) });
      continue;
    }
    const row = eventRow(event);
    const earlier = seen.get(event.id);
    const before = stored.get(event.id) ?? (earlier ? contentOf(earlier) : undefined);
    if (before !== undefined) {
      if (before === contentOf(row)) duplicates += 1;
      else reject({ line, message: `event ${event.id} is already recorded with a different content (a conflict, not a duplicate)`, text });
      continue;
    }
    let current = touched.get(event.dossier);
    if (!current) {
      const h = held.get(event.dossier);
      if (h) current = { state: h.state, ctx: h.ctx, lastSeq: h.lastSeq, before: h.rows };
    }
    if (event.type === 'received') {
      if (current || lastSeq.has(event.dossier)) {
        reject({ line, message: `dossier ${event.dossier} already exists`, text });
        continue;
      }
      let ctx = contexts.get(event.procedure);
      if (!ctx) {
        try {
          ctx = await contextOf(trx, event.procedure, undefined);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          reject({ line, message: e.message, text });
          continue;
        }
        contexts.set(event.procedure, ctx);
      }
      current = { state: undefined as unknown as DossierState, ctx, lastSeq: 0, before: undefined };
      const m = codePattern.exec(event.dossier);
      if (m && m[1] === ctx.agencyCode) {
        const key = `${m[1]}/${m[2]}`;
        const s = sequences.get(key);
        sequences.set(key, { agency_code: m[1], day: m[2]!, last: Math.max(s?.last ?? 0, Number(m[3])) });
      }
    } else if (!current) {
      const loaded = lastSeq.has(event.dossier) ? await loadDossier(trx, event.dossier) : undefined;
      const rowsBefore = loaded ? await store.derived(event.dossier) : undefined;
      if (!loaded || !rowsBefore) {
        reject({ line, message: `no dossier ${event.dossier} (its "received" event must come first)`, text });
        continue;
      }
      current = { state: loaded.state, ctx: loaded.ctx, lastSeq: lastSeq.get(event.dossier)!, before: rowsBefore };
    }
    const r = applyEvent(event.type === 'received' ? undefined : current.state, event, current.ctx);
    if (!r.ok) {
      reject({ line, message: r.reason, text });
      continue;
    }
    seq += 1;
    const chained: ChainedRow = { id: row.id, dossier: row.dossier, type: row.type, at: row.at, by: row.by, payload: row.payload, seq, prev_hash: hash, hash: '' };
    chained.hash = hash = chainHash(seq, chained);
    rows.push(chained);
    seen.set(event.id, row);
    current.state = r.state;
    current.lastSeq = seq;
    touched.set(event.dossier, current);
  }
  await store.append(rows);
  const changes: DerivedChange[] = [];
  const written = new Map<string, Held>();
  for (const [code, { state, ctx, lastSeq: last, before }] of touched) {
    const after = derivedRows({ code, state, calendar: ctx.calendar, agency: ctx.agency, lastSeq: last });
    changes.push({ before, after });
    written.set(code, { state, ctx, lastSeq: last, rows: after });
  }
  await store.writeDerived(changes);
  // Cached once written, newest last (the cache evicts from the front). A dossier that no event
  // can move any more (ended and rated) is left out: a later event for it is refused all the
  // same, from its stored events, and the cache keeps room (and the collector less to walk) for
  // the dossiers still in flight.
  for (const [code, h] of written) {
    held.delete(code);
    if (allowedEvents(h.state).length > 0) held.set(code, h);
  }
  await store.advanceSequences([...sequences.values()]);
  return { imported: rows.length, duplicates };
}
