// Dossiers in the database, on every engine. The procedure is 1.000001 of the small catalog
// (test/helpers/cli.ts): agency so-xd (000.00.12.H06), limit 2d; steps receive 2h → appraise 1d →
// approve 4h → return 2h; calendar Mon–Fri 07:30–11:30, 13:30–17:30 (480 min a day), 1/1/2026
// a holiday, no cut-off.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCatalog } from '../../src/catalog/validate.js';
import { storeCatalog } from '../../src/db/catalog-store.js';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { recordEvents, verifyChain, type EventInput } from '../../src/db/event-store.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { smallCatalog, tempCatalog } from '../helpers/cli.js';
import { dialects } from './dialects.js';

const t = (local: string) => new Date(`${local}:00+07:00`);
const applicant = { name: 'Trần Thị B' };
const receive = (at: string): EventInput => ({ type: 'received', at: t(at), by: 'nva', procedure: '1.000001', applicant, channel: 'counter' });
const complete = (code: string, step: string, at: string): EventInput => ({ type: 'step-completed', dossier: code, step, at: t(at), by: 'nva' });

describe.each(dialects)('$name', (dialect) => {
  let d: Db;
  beforeAll(async () => {
    d = await openDatabase(await dialect.fresh(), process.cwd());
    await migrateToLatest(d.db);
    const dir = tempCatalog(smallCatalog);
    await storeCatalog(d, validateCatalog({ paths: [dir], cwd: dir, asOf: t('2026-01-01T00:00') }).catalog, t('2026-01-01T00:00'));
  });
  afterAll(async () => {
    await d.close();
    await dialect.cleanup();
  });

  it('codes are <agency code>-YYMMDD-NNNN, per agency and local day', async () => {
    expect((await recordEvents(d, [receive('2026-01-05T09:00')])).code).toBe('000.00.12.H06-260105-0001');
    expect((await recordEvents(d, [receive('2026-01-05T16:00')])).code).toBe('000.00.12.H06-260105-0002');
    // 06:30 on the 6th in Vietnam is still the 5th in UTC: the day is the local one.
    expect((await recordEvents(d, [receive('2026-01-06T06:30')])).code).toBe('000.00.12.H06-260106-0001');
  });

  it('a dossier runs through its steps and ends early', async () => {
    // Received Mon 12/1 09:00; due = 09:00 + 2d (960) = Wed 14/1 09:00 (02:00 UTC).
    const { code } = await recordEvents(d, [receive('2026-01-12T09:00'), { ...complete('', 'receive', '2026-01-12T09:30'), dossier: undefined }]);
    for (const [step, at] of [['appraise', '2026-01-12T16:00'], ['approve', '2026-01-13T10:00'], ['return', '2026-01-13T15:00']] as const) {
      await recordEvents(d, [complete(code, step, at)]);
    }
    // The step rows: receive 09:00 → due 11:00 (2h), done 09:30; appraise from 09:30, 1d →
    // Tue 13/1 09:30, done Mon 16:00; approve from 16:00, 4h: 16:00–17:30 (90) + 150 from Tue
    // 07:30 → 10:00, done Tue 10:00 (on time); return from 10:00, 2h: 10:00–11:30 (90) + 30 from
    // 13:30 → 14:00, done 15:00: late.
    const steps = await d.db.selectFrom('steps').select(['step', 'status', 'due', 'completed_at', 'late', 'official']).where('dossier', '=', code).orderBy('position').execute();
    expect(steps).toEqual([
      { step: 'receive', status: 'completed', due: '2026-01-12T04:00:00.000Z', completed_at: '2026-01-12T02:30:00.000Z', late: 0, official: 'nva' },
      { step: 'appraise', status: 'completed', due: '2026-01-13T02:30:00.000Z', completed_at: '2026-01-12T09:00:00.000Z', late: 0, official: 'nva' },
      { step: 'approve', status: 'completed', due: '2026-01-13T03:00:00.000Z', completed_at: '2026-01-13T03:00:00.000Z', late: 0, official: 'nva' },
      { step: 'return', status: 'completed', due: '2026-01-13T07:00:00.000Z', completed_at: '2026-01-13T08:00:00.000Z', late: 1, official: 'nva' },
    ]);
    const row = await d.db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    // Resolved Tue 13/1, a calendar day before the due day (Wed 14/1): early.
    expect(row).toMatchObject({ status: 'resolved', outcome: 'early', due: '2026-01-14T02:00:00.000Z', ended_at: '2026-01-13T08:00:00.000Z', agency: 'so-xd', procedure_version: 1 });
    // The figures reports aggregate (src/dossier/figures.ts), by hand:
    // receive 09:00–09:30 = 30 min, done the due day before its due (11:00): on_time;
    // appraise Mon 09:30–11:30 (120) + 13:30–16:00 (150) = 270, done Mon, due Tue: early;
    // approve Mon 16:00–17:30 (90) + Tue 07:30–10:00 (150) = 240, done at its due: on_time;
    // return Tue 10:00–11:30 (90) + 13:30–15:00 (90) = 180, after its due 14:00: late.
    // The dossier: Mon 09:00–11:30 (150) + 13:30–17:30 (240) + Tue 07:30–11:30 (240) +
    // 13:30–15:00 (90) = 720; ended, so never overdue; last event Tue 15:00 = 08:00 UTC.
    const figures = await d.db.selectFrom('steps').select(['step', 'used_minutes', 'outcome', 'overdue_from']).where('dossier', '=', code).orderBy('position').execute();
    expect(figures).toEqual([
      { step: 'receive', used_minutes: 30, outcome: 'on_time', overdue_from: null },
      { step: 'appraise', used_minutes: 270, outcome: 'early', overdue_from: null },
      { step: 'approve', used_minutes: 240, outcome: 'on_time', overdue_from: null },
      { step: 'return', used_minutes: 180, outcome: 'late', overdue_from: null },
    ]);
    expect(row).toMatchObject({ used_minutes: 720, overdue_from: null, last_event_at: '2026-01-13T08:00:00.000Z' });
  });

  it('a running dossier is overdue after its due, its running step after the step’s; migration 0004 recomputes both', async () => {
    // Received Thu 15/1 09:00 and its receive step done 09:30: due 09:00 + 2d = Mon 19/1 09:00
    // (02:00 UTC); appraise from 09:30 for 1d = Fri 16/1 09:30 (02:30 UTC).
    const { code } = await recordEvents(d, [receive('2026-01-15T09:00'), { ...complete('', 'receive', '2026-01-15T09:30'), dossier: undefined }]);
    const expected = {
      dossier: { used_minutes: null, overdue_from: '2026-01-19T02:00:00.000Z', last_event_at: '2026-01-15T02:30:00.000Z' },
      steps: [
        { step: 'receive', used_minutes: 30, outcome: 'on_time', overdue_from: null },
        { step: 'appraise', used_minutes: null, outcome: null, overdue_from: '2026-01-16T02:30:00.000Z' },
        { step: 'approve', used_minutes: null, outcome: null, overdue_from: null },
        { step: 'return', used_minutes: null, outcome: null, overdue_from: null },
      ],
    };
    const read = async () => ({
      dossier: await d.db.selectFrom('dossiers').select(['used_minutes', 'overdue_from', 'last_event_at']).where('code', '=', code).executeTakeFirstOrThrow(),
      steps: await d.db.selectFrom('steps').select(['step', 'used_minutes', 'outcome', 'overdue_from']).where('dossier', '=', code).orderBy('position').execute(),
    });
    expect(await read()).toEqual(expected);
    // A database made before 0004: its columns are added and filled by replaying the events.
    const m = await import('../../src/db/migrations/0004-figures.js');
    const m5 = await import('../../src/db/migrations/0005-minutes-index.js');
    const m9 = await import('../../src/db/migrations/0009-partial-last-event-index.js');
    const raw = d.db as unknown as Parameters<typeof m.up>[0];
    // Their indexes cover columns of 0004, or replace one of its indexes.
    await m9.down(raw);
    await m5.down(raw);
    await m.down(raw);
    await m.up(raw);
    await m5.up(raw);
    await m9.up(raw);
    expect(await read()).toEqual(expected);
  });

  it('an event that does not fit is refused, naming the dossier and what is allowed; nothing is written', async () => {
    const { code } = await recordEvents(d, [receive('2026-01-15T09:00')]);
    const count = async () => Number((await d.db.selectFrom('events').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const head = await d.db.selectFrom('chain_head').selectAll().executeTakeFirstOrThrow();
    // The running step is "receive"; "approve" is pending.
    await expect(recordEvents(d, [complete(code, 'approve', '2026-01-15T10:00')])).rejects.toThrow(new RegExp(`${code.replace(/\./g, '\\.')}.*allowed: .*step-completed`));
    await expect(recordEvents(d, [complete('000.00.12.H06-260115-0999', 'receive', '2026-01-15T10:00')])).rejects.toThrow('no dossier 000.00.12.H06-260115-0999');
    // Two events in one call: the second does not fit, so neither is written.
    await expect(recordEvents(d, [complete(code, 'receive', '2026-01-15T09:30'), complete(code, 'return', '2026-01-15T09:40')])).rejects.toThrow();
    expect(await count()).toBe(before);
    expect(await d.db.selectFrom('chain_head').selectAll().executeTakeFirstOrThrow()).toEqual(head);
  });

  it('hashes are stored as their 32 bytes; migration 0007 turns older hex into them and back', async () => {
    const second = await d.db.selectFrom('events').select(['prev_hash', 'hash']).where('seq', '=', 2).executeTakeFirstOrThrow();
    const first = await d.db.selectFrom('events').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow();
    expect([Buffer.isBuffer(second.hash), second.hash.length, second.prev_hash.length]).toEqual([true, 32, 32]);
    // Event 2 continues event 1.
    expect(second.prev_hash.equals(first.hash)).toBe(true);
    const head = await d.db.selectFrom('chain_head').select('hash').executeTakeFirstOrThrow();
    const lastHash = async () => (await sql<{ hash: unknown }>`select hash from events order by seq desc limit 1`.execute(d.db)).rows[0]!.hash;
    expect(Buffer.from(head.hash, 'hex').equals(await lastHash() as Buffer)).toBe(true);
    const m7 = await import('../../src/db/migrations/0007-binary-hashes.js');
    const raw = d.db as unknown as Parameters<typeof m7.up>[0];
    // Down: the hex text of a database made before 0007, equal to the chain head's.
    await m7.down(raw);
    expect(await lastHash()).toBe(head.hash);
    expect((await verifyChain(d.db)).broken).toBeUndefined();
    await m7.up(raw);
    expect(await lastHash()).toEqual(Buffer.from(head.hash, 'hex'));
    expect((await verifyChain(d.db)).broken).toBeUndefined();
  });

  it('steps are kept by their key (on SQLite WITHOUT ROWID); migration 0008 keeps every row, down and up', async () => {
    const read = () => d.db.selectFrom('steps').selectAll().orderBy('dossier').orderBy('position').execute();
    const definition = async () => (await sql<{ sql: string }>`select sql from sqlite_schema where name = 'steps'`.execute(d.db)).rows[0]!.sql;
    const before = await read();
    // The dossiers received above, four steps each.
    expect(before.length).toBeGreaterThanOrEqual(16);
    const m8 = await import('../../src/db/migrations/0008-steps-without-rowid.js');
    const raw = d.db as unknown as Parameters<typeof m8.up>[0];
    if (dialect.name === 'sqlite') expect(await definition()).toMatch(/\) without rowid$/);
    await m8.down(raw);
    expect(await read()).toEqual(before);
    if (dialect.name === 'sqlite') expect(await definition()).not.toMatch(/without rowid/);
    await m8.up(raw);
    expect(await read()).toEqual(before);
    if (dialect.name === 'sqlite') expect(await definition()).toMatch(/\) without rowid$/);
    // The key still refuses a second row for a (dossier, step).
    await expect(d.db.insertInto('steps').values(before[0]!).execute()).rejects.toThrow(/unique|duplicate/i);
  });

  it('migration 0009: the index on last_event_at holds only dossiers that waited for a supplement, and the replay query uses it', async () => {
    if (dialect.name === 'sqlite') {
      const index = (await sql<{ sql: string }>`select sql from sqlite_schema where name = 'dossiers_waited_last_event_at'`.execute(d.db)).rows[0]?.sql;
      expect(index).toBe('CREATE INDEX dossiers_waited_last_event_at on dossiers (last_event_at) where supplements > 0');
      // report sla's query for the dossiers to replay (src/report/sla.ts) reads it, not the table.
      const plan = (await sql<{ detail: string }>`explain query plan select d.code from dossiers d where d.supplements > 0 and d.last_event_at > ${'2026-01-01T00:00:00.000Z'}`.execute(d.db)).rows.map((r) => r.detail);
      expect(plan.join('; ')).toMatch(/USING INDEX dossiers_waited_last_event_at \(last_event_at>\?\)/);
      expect((await sql`select 1 from sqlite_schema where name = 'dossiers_last_event_at'`.execute(d.db)).rows).toEqual([]);
    } else {
      const index = (await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'dossiers_waited_last_event_at'`.execute(d.db)).rows[0]?.indexdef;
      expect(index).toMatch(/ON public\.dossiers USING btree \(last_event_at\) WHERE \(supplements > 0\)$/);
      expect((await sql`select 1 from pg_indexes where indexname = 'dossiers_last_event_at'`.execute(d.db)).rows).toEqual([]);
    }
  });

  it('the hash chain verifies, and any tampering is found', async () => {
    const ok = await verifyChain(d.db);
    expect(ok.broken).toBeUndefined();
    expect(ok.events).toBeGreaterThan(5);
    // Change one event's payload.
    const victim = await d.db.selectFrom('events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await d.db.updateTable('events').set({ payload: victim.payload.replace('Trần Thị B', 'Trần Thị C') }).where('seq', '=', 3).execute();
    expect((await verifyChain(d.db)).broken).toMatchObject({ seq: 3, problem: expect.stringContaining('changed') });
    await d.db.updateTable('events').set({ payload: victim.payload }).where('seq', '=', 3).execute();
    expect((await verifyChain(d.db)).broken).toBeUndefined();
    // Remove the last event: only the chain head shows it.
    const last = await d.db.selectFrom('events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await d.db.deleteFrom('events').where('seq', '=', last.seq).execute();
    expect((await verifyChain(d.db)).broken).toMatchObject({ seq: last.seq, problem: expect.stringContaining('chain head') });
    await d.db.insertInto('events').values(last).execute();
    expect((await verifyChain(d.db)).broken).toBeUndefined();
    // Remove an event in the middle.
    await d.db.deleteFrom('events').where('seq', '=', 4).execute();
    expect((await verifyChain(d.db)).broken).toMatchObject({ seq: 5, problem: expect.stringContaining('event 4 is missing') });
  });
});
