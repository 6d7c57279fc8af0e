// The event log: every change to a dossier is an event appended to one hash chain, applied
// through the pure state machine, with the dossier's derived row updated in the same
// transaction. An event that does not fit is refused and nothing is written.
import { hash as digest, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { localDate } from '../calendar/zone.js';
import { eventProblem } from '../catalog/schema.js';
import type { DossierEvent } from '../dossier/events.js';
import type { ProcedureVersion } from '../dossier/procedure.js';
import { dossierFigures } from '../dossier/figures.js';
import { applyEvent, replayEvents, type ApplyContext, type DossierState } from '../dossier/state.js';
import { InputError } from '../errors.js';
import { calendarLookup } from './calendars.js';
import { canonicalJson, contentHash, jsonString } from './canonical.js';
import type { Db } from './connect.js';
import type { Database, DossiersTable, EventsTable, StepsTable } from './schema.js';

/** An event as a command builds it: `id` is made when absent; a `received` needs no `dossier`. */
export type EventInput = DossierEvent extends infer E ? (E extends DossierEvent ? Omit<E, 'id' | 'dossier'> & { id?: string; dossier?: string } : never) : never;

const baseFields = new Set(['id', 'dossier', 'type', 'at', 'by']);
const dateFields = new Set(['new_appointment']);

/** The row of an event (payload: the type's own fields, dates as ISO strings). */
function payloadOf(e: DossierEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = e as unknown as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    const v = fields[k];
    if (baseFields.has(k) || v === undefined) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** The event a row holds. */
export function eventOfRow(r: Pick<EventsTable, 'id' | 'dossier' | 'type' | 'at' | 'by' | 'payload'>): DossierEvent {
  const payload = JSON.parse(r.payload) as Record<string, unknown>;
  for (const k of dateFields) if (typeof payload[k] === 'string') payload[k] = new Date(payload[k] as string);
  return { ...payload, id: r.id, dossier: r.dossier, type: r.type, at: new Date(r.at), by: r.by } as unknown as DossierEvent;
}

/**
 * The hash of an event in the chain: the SHA-256 of the canonical JSON of its sequence number,
 * content and the previous hash. Whatever the order of the keys in the stored payload.
 */
export function eventHash(seq: number, r: Pick<EventsTable, 'id' | 'dossier' | 'type' | 'at' | 'by' | 'payload'> & { prev_hash: string }): string {
  return contentHash({ seq, id: r.id, dossier: r.dossier, type: r.type, at: r.at, by: r.by, payload: JSON.parse(r.payload) as unknown, prev_hash: r.prev_hash });
}

/**
 * eventHash of a row made by `eventRow`, whose payload is canonical JSON already: the same
 * canonical text written out directly (keys in sorted order), without parsing the payload again.
 * The hot path of recording and importing; `test/unit/event-hash.test.ts` holds it equal to eventHash.
 */
export function chainHash(seq: number, r: EventRow & { prev_hash: string }): string {
  const q = (s: string | null) => (s === null ? 'null' : jsonString(s));
  const text = `{"at":${q(r.at)},"by":${q(r.by)},"dossier":${q(r.dossier)},"id":${q(r.id)},"payload":${r.payload},"prev_hash":${q(r.prev_hash)},"seq":${seq},"type":${q(r.type)}}`;
  return digest('sha256', text, 'hex');
}

/** A stored hash (32 bytes) as the hex text the chain's canonical form and its head hold. */
export function hexOf(stored: Uint8Array | string): string {
  return typeof stored === 'string' ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength).toString('hex');
}

/** A hash in hex as stored: its 32 bytes. */
export function hashBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

/** The stored columns of an event, but for its place in the chain (seq, hashes). */
export interface EventRow {
  id: string;
  dossier: string;
  type: DossierEvent['type'];
  at: string;
  by: string | null;
  /** The type's own fields as canonical JSON (sorted keys), so that `chainHash` applies. */
  payload: string;
}

/** The row of an event. */
export function eventRow(e: DossierEvent): EventRow {
  return { id: e.id, dossier: e.dossier, type: e.type, at: isoInstant(e.at), by: e.by, payload: canonicalJson(payloadOf(e)) };
}

/** What a dossier needs to be replayed: its procedure version and calendar. */
export async function contextOf(db: Kysely<Database>, code: string, version: number | undefined): Promise<ApplyContext & { agency: string; agencyCode: string | null }> {
  const proc = await db.selectFrom('procedures').select(['current_version', 'agency']).where('code', '=', code).executeTakeFirst();
  if (!proc) throw new InputError(`no procedure "${code}" in the database; run "tthc catalog load"`);
  const v = version ?? proc.current_version;
  const row = await db.selectFrom('procedure_versions').select('data').where('code', '=', code).where('version', '=', v).executeTakeFirstOrThrow();
  const data = JSON.parse(row.data) as Omit<ProcedureVersion, 'version'> & { calendar?: string; agency: string };
  const calendar = (await calendarLookup(db)).ofProcedure(data);
  if (!calendar) throw new InputError(`procedure "${code}" has no calendar in the database; run "tthc catalog load"`);
  const unit = await db.selectFrom('units').select('code').where('id', '=', data.agency).executeTakeFirst();
  return {
    procedure: { ...data, version: v },
    calendar,
    agency: data.agency,
    agencyCode: unit?.code ?? null,
  };
}

/**
 * A dossier's events in order, with what replaying them needs and its agency (as its row has
 * it); undefined for an unknown code.
 */
export async function loadDossier(db: Kysely<Database>, code: string): Promise<{ events: DossierEvent[]; ctx: ApplyContext & { agency: string }; state: DossierState } | undefined> {
  const row = await db.selectFrom('dossiers').select(['procedure', 'procedure_version', 'agency']).where('code', '=', code).executeTakeFirst();
  if (!row) return undefined;
  const ctx = { ...(await contextOf(db, row.procedure, row.procedure_version)), agency: row.agency };
  const events = (await db.selectFrom('events').select(['id', 'dossier', 'type', 'at', 'by', 'payload']).where('dossier', '=', code).orderBy('seq').execute()).map(eventOfRow);
  const r = replayEvents(events, ctx);
  if (!r.ok || !r.state) throw new Error(`the stored events of dossier ${code} do not replay: ${r.ok ? 'no events' : r.reason}`);
  return { events, ctx, state: r.state };
}

/** The next code `<agency code>-YYMMDD-NNNN` for a receipt at `at` (local date of the calendar). */
async function allocateCode(trx: Kysely<Database>, agencyCode: string, cal: WorkingCalendar, at: Date): Promise<string> {
  const day = localDate(at, cal.timeZone).slice(2).replace(/-/g, '');
  const row = await trx.selectFrom('dossier_sequences').select('last').where('agency_code', '=', agencyCode).where('day', '=', day).executeTakeFirst();
  const next = (row?.last ?? 0) + 1;
  if (next > 9999) throw new InputError(`agency ${agencyCode} has received 9,999 dossiers on ${day}; the code has four digits`);
  if (row) await trx.updateTable('dossier_sequences').set({ last: next }).where('agency_code', '=', agencyCode).where('day', '=', day).execute();
  else await trx.insertInto('dossier_sequences').values({ agency_code: agencyCode, day, last: next }).execute();
  return `${agencyCode}-${day}-${String(next).padStart(4, '0')}`;
}

export interface RecordResult {
  code: string;
  state: DossierState;
  ctx: ApplyContext;
  events: DossierEvent[];
}

/**
 * Records events of one dossier in one write transaction: a leading `received` creates the
 * dossier (its code allocated), later inputs without `dossier` belong to it. Each event must fit
 * the state (refused with InputError, exit 2, naming the dossier, its state and what is
 * allowed); then it is appended to the chain and the dossier's row updated. Nothing is written
 * unless every event fits.
 */
export async function recordEvents(d: Db, inputs: readonly EventInput[]): Promise<RecordResult> {
  return d.write(async (trx) => {
    let code = inputs[0]?.dossier;
    let state: DossierState | undefined;
    let ctx: (ApplyContext & { agency: string }) | undefined;
    if (inputs[0]?.type === 'received') {
      const received = inputs[0];
      const c = await contextOf(trx, received.procedure, undefined);
      if (!c.agencyCode) throw new InputError(`the agency "${c.agency}" of procedure "${received.procedure}" has no QCVN code, needed for dossier codes; add code: to the unit`);
      code = received.dossier ?? (await allocateCode(trx, c.agencyCode, c.calendar, received.at));
      if (await trx.selectFrom('dossiers').select('code').where('code', '=', code).executeTakeFirst()) throw new InputError(`dossier ${code} already exists`);
      ctx = c;
    } else {
      if (code === undefined) throw new InputError('an event needs a dossier code');
      const loaded = await loadDossier(trx, code);
      if (!loaded) throw new InputError(`no dossier ${code}`);
      state = loaded.state;
      ctx = loaded.ctx;
    }
    const head = await trx.selectFrom('chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    let { seq, hash } = head;
    const recorded: DossierEvent[] = [];
    for (const input of inputs) {
      const event = { ...input, id: input.id ?? randomUUID(), dossier: code } as DossierEvent;
      const row = eventRow(event);
      // The same shape an import must have (schemas/event.schema.json): lengths, phone, e-mail.
      const problem = eventProblem({ id: row.id, dossier: row.dossier, type: row.type, at: row.at, by: row.by, ...(JSON.parse(row.payload) as object) });
      if (problem !== undefined) throw new InputError(`the ${event.type} event ${problem}`);
      const r = applyEvent(state, event, ctx);
      // The reason names the dossier, its state and the events allowed now.
      if (!r.ok) throw new InputError(r.reason);
      state = r.state;
      if (await trx.selectFrom('events').select('seq').where('id', '=', event.id).executeTakeFirst()) throw new InputError(`event ${event.id} is already recorded`);
      seq += 1;
      const chained = { seq, ...row, prev_hash: hash };
      hash = chainHash(seq, chained);
      await trx.insertInto('events').values({ ...chained, prev_hash: hashBytes(chained.prev_hash), hash: hashBytes(hash) }).execute();
      recorded.push(event);
    }
    await trx.updateTable('chain_head').set({ seq, hash }).where('id', '=', 1).execute();
    const s = state!;
    await writeDerived(trx, code, s, ctx.calendar, ctx.agency, seq);
    return { code, state: s, ctx, events: recorded };
  });
}

/**
 * Writes the derived rows of a dossier (its row and its step instances) as `state` has them,
 * with the figures the reports aggregate (src/dossier/figures.ts). `lastSeq`: its last event.
 */
export async function writeDerived(trx: Kysely<Database>, code: string, s: DossierState, cal: WorkingCalendar, agency: string, lastSeq: number): Promise<void> {
  await writeDerivedMany(trx, [{ code, state: s, calendar: cal, agency, lastSeq }]);
}

/** A dossier whose derived rows are to be written. */
export interface Derived {
  code: string;
  state: DossierState;
  calendar: WorkingCalendar;
  agency: string;
  lastSeq: number;
}

/** The derived rows of one dossier: its row in `dossiers` and its step instances, in order. */
export interface DerivedRows {
  dossier: DossiersTable;
  steps: StepsTable[];
}

/**
 * The columns of a dossier's row that its receipt fixes: never rewritten by a later event, and
 * leaving them out of updates spares SQLite the upkeep of their indexes.
 */
export const fixedDossierColumns = new Set<string>(['code', 'procedure', 'procedure_version', 'agency', 'received_at']);

/** `00` … `99`. */
const twoDigits = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** `THH:MM:` of each minute of a day. */
const minuteParts = Array.from({ length: 1440 }, (_, i) => `T${twoDigits[Math.floor(i / 60)]}:${twoDigits[i % 60]}:`);

/** `SS.000Z` of each whole second of a minute: nearly every instant of an import. */
const wholeSecondParts = Array.from({ length: 60 }, (_, s) => `${twoDigits[s]}.000Z`);

/** `YYYY-MM-DD` of the days met so far (days since 1970), a few thousand for years of history. */
const dayParts = new Map<number, string>();
const dayPartsLimit = 100_000;

function dayPart(day: number): string {
  let part = dayParts.get(day);
  if (part === undefined) {
    part = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayParts.size < dayPartsLimit) dayParts.set(day, part);
  }
  return part;
}

/**
 * `Date#toISOString` from three shared pieces: the day's date, the minute's `THH:MM:` and the
 * seconds. An import derives a dossier's rows again after each batch that moves it, a score of
 * instants each, and toISOString was a fifth of that work; this is about ten times faster. The
 * result is a rope of those three pieces (two small V8 cons cells over cached strings), not of
 * a dozen fragments, so the thousands the import caches cost little to keep or to walk.
 * `test/unit/event-hash.test.ts` holds it equal to toISOString.
 */
export function isoInstant(d: Date): string {
  const ms = d.getTime();
  if (!Number.isFinite(ms) || ms < 0 || ms >= 253402300800000) return d.toISOString();
  const day = Math.floor(ms / 86_400_000);
  const inDay = ms - day * 86_400_000;
  const minute = Math.floor(inDay / 60_000);
  const inMinute = inDay - minute * 60_000;
  const milli = inMinute % 1000;
  const seconds = milli === 0 ? wholeSecondParts[inMinute / 1000]! : `${twoDigits[(inMinute - milli) / 1000]}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  return dayPart(day) + minuteParts[minute]! + seconds;
}

function iso(d: Date | null): string | null {
  return d === null ? null : isoInstant(d);
}

/** The derived rows of a dossier as `state` has it, with the figures the reports aggregate (figures.ts). */
export function derivedRows({ code, state: s, calendar, agency, lastSeq }: Derived): DerivedRows {
  const f = dossierFigures(s, calendar);
  return {
    dossier: {
      code,
      procedure: s.procedure,
      procedure_version: s.procedure_version,
      agency,
      status: s.status,
      received_at: iso(s.received_at)!,
      due: iso(s.due)!,
      ended_at: iso(s.ended_at),
      outcome: s.outcome,
      supplements: s.supplements,
      last_seq: lastSeq,
      used_minutes: f.used_minutes,
      overdue_from: iso(f.overdue_from),
      last_event_at: iso(f.last_event_at)!,
    },
    steps: s.steps.map((st, position) => ({
      dossier: code,
      step: st.id,
      position,
      unit: st.unit,
      official: st.by ?? st.assignee,
      status: st.status,
      started_at: iso(st.started_at),
      due: iso(st.due),
      completed_at: iso(st.completed_at),
      // Completed after its own due (outcomeOf with no supplements: late exactly then).
      late: f.steps[position]!.outcome === 'late' ? 1 : 0,
      used_minutes: f.steps[position]!.used_minutes,
      outcome: f.steps[position]!.outcome,
      overdue_from: iso(f.steps[position]!.overdue_from),
    })),
  };
}

/** Rows per multi-row statement: 15 columns × 400 rows stays under every engine's parameter limit. */
const chunk = 400;

/** writeDerived for many dossiers in a few statements: an upsert of their rows, their steps rewritten. */
export async function writeDerivedMany(trx: Kysely<Database>, items: readonly Derived[]): Promise<void> {
  const rows = items.map(derivedRows);
  const dossiers = rows.map((r) => r.dossier);
  const steps: Insertable<StepsTable>[] = rows.flatMap((r) => r.steps);
  // What a later event can change: the columns set again on conflict.
  const columns = Object.keys(dossiers[0] ?? {}).filter((c) => !fixedDossierColumns.has(c)) as (keyof DossiersTable)[];
  for (let i = 0; i < dossiers.length; i += chunk) {
    await trx
      .insertInto('dossiers')
      .values(dossiers.slice(i, i + chunk))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  }
  const codes = items.map((x) => x.code);
  for (let i = 0; i < codes.length; i += chunk) await trx.deleteFrom('steps').where('dossier', 'in', codes.slice(i, i + chunk)).execute();
  for (let i = 0; i < steps.length; i += chunk) await trx.insertInto('steps').values(steps.slice(i, i + chunk)).execute();
}

/** The first event of the chain that does not verify, or undefined when the whole chain does. */
export interface ChainBreak {
  seq: number;
  id: string | null;
  dossier: string | null;
  problem: string;
}

/**
 * Recomputes the hash chain from the first event: sequence numbers without gaps, each event's
 * `prev_hash` equal to the previous hash, each hash equal to its recomputation, and the chain
 * head equal to the last event. Returns the number of events checked and the first break.
 */
/** The chain head as `tthc audit export` writes it, to be kept outside the database. */
export interface ExportedHead {
  seq: number;
  /** SHA-256 of event `seq`, in hex (the genesis hash for an empty log). */
  hash: string;
}

/**
 * Recomputes the hash chain from the first event. With `head` (an exported chain head), also
 * checks that the log still holds that event with that hash: a log rewritten whole, hashes and
 * chain head recomputed, then differs from what was kept outside.
 */
export async function verifyChain(db: Kysely<Database>, head?: ExportedHead): Promise<{ events: number; broken?: ChainBreak }> {
  const { genesisHash } = await import('./migrations/0002-dossiers.js');
  let prev = genesisHash;
  let expected = 1;
  let atHead: { id: string; dossier: string; hash: string } | undefined;
  const batch = 5000;
  for (let after = 0; ; ) {
    const rows = await db.selectFrom('events').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    for (const r of rows) {
      const at = { seq: r.seq, id: r.id, dossier: r.dossier };
      const prevHash = hexOf(r.prev_hash);
      const hash = hexOf(r.hash);
      if (r.seq !== expected) return { events: expected - 1, broken: { ...at, problem: `event ${expected} is missing (found ${r.seq} next)` } };
      if (prevHash !== prev) return { events: expected - 1, broken: { ...at, problem: 'its previous hash does not match the event before it (an event was removed, inserted or reordered)' } };
      if (eventHash(r.seq, { ...r, prev_hash: prevHash }) !== hash) return { events: expected - 1, broken: { ...at, problem: 'its content does not match its hash (the event was changed)' } };
      if (head && r.seq === head.seq) atHead = { id: r.id, dossier: r.dossier, hash };
      prev = hash;
      expected++;
    }
    if (rows.length < batch) break;
    after = rows[rows.length - 1]!.seq;
  }
  const stored = await db.selectFrom('chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!stored || stored.seq !== expected - 1 || stored.hash !== prev) {
    return { events: expected - 1, broken: { seq: expected, id: null, dossier: null, problem: `the chain head (${stored?.seq ?? 'none'}) does not match the last event (${expected - 1}): events after it were removed` } };
  }
  if (head && head.seq > expected - 1) {
    return { events: expected - 1, broken: { seq: expected, id: null, dossier: null, problem: `the exported chain head is at event ${head.seq}, but the log ends at ${expected - 1}: events were removed since the export` } };
  }
  const kept = head === undefined ? undefined : head.seq === 0 ? { id: null, dossier: null, hash: genesisHash } : atHead!;
  if (head && kept && kept.hash !== head.hash.toLowerCase()) {
    return { events: expected - 1, broken: { seq: head.seq, id: kept.id, dossier: kept.dossier, problem: 'its hash differs from the exported chain head: the log up to it was rewritten since the export' } };
  }
  return { events: expected - 1 };
}
