// Tamper evidence and least privilege, on every engine: any single event row edited, deleted,
// inserted or moved is named by `tthc audit verify`; a log rewritten whole (hashes and chain head
// recomputed, as someone with write access could) passes the plain check but not the check
// against a head exported before (`audit export`, `audit verify --head`); and on PostgreSQL a
// role given `db grant-reporting` reads everything and writes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { eventHash, hashBytes, hexOf, verifyChain } from '../../src/db/event-store.js';
import type { EventsTable } from '../../src/db/schema.js';
import { repoRoot, tthc } from '../helpers/cli.js';
import { dialects } from './dialects.js';

type Row = EventsTable;

describe.each(dialects)('$name', (dialect) => {
  let url: string;
  let d: Db;
  let rows: Row[];
  const dir = mkdtempSync(join(tmpdir(), 'tthc-audit-'));
  const run = (args: string[], input?: string) => tthc(['--db', url, '--catalog', join(repoRoot, 'procedures'), ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });
  const all = async () => (await d.db.selectFrom('events').selectAll().orderBy('seq').execute()) as Row[];
  /** Puts the log back as it was before a mutation. */
  const restore = async () => {
    await d.db.deleteFrom('events').execute();
    for (const r of rows) await d.db.insertInto('events').values(r).execute();
  };

  beforeAll(async () => {
    url = await dialect.fresh();
    expect(run(['catalog', 'load']).status).toBe(0);
    const sim = run(['--quiet', 'simulate', '--dossiers', '4', '--seed', '11', '--from', '2026-03-02', '--to', '2026-03-20']);
    expect(run(['--quiet', 'dossier', 'import', '-'], sim.stdout).status).toBe(0);
    d = await openDatabase(url, dir);
    rows = await all();
  }, 60_000);
  afterAll(async () => {
    await d?.close();
    await dialect.cleanup();
  });

  it('the log as imported verifies', async () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(await verifyChain(d.db)).toEqual({ events: rows.length });
  });

  // Each single-row mutation at every position, and the event it must be named at:
  // - edit (payload, at, by or type): the row's own hash no longer matches → the row itself;
  // - delete in the middle: the next row finds seq k missing → k + 1; delete the last: the chain
  //   head still says k → k (the first event not there);
  // - insert a forged row, hashed correctly on top of row k, with the rows after moved up by one:
  //   the old k + 1 (now k + 2) still points at row k's hash, not the forgery's → k + 2;
  // - swap rows k and k + 1 (content moved, sequence numbers kept): row k now carries the old
  //   k + 1's previous hash, row k's own → k.
  const edits: [string, (r: Row) => Partial<Row>][] = [
    ['payload', (r) => ({ payload: r.payload.replace(/}$/, ',"x":1}') })],
    ['at', (r) => ({ at: new Date(new Date(r.at).getTime() - 60_000).toISOString() })],
    ['by', (r) => ({ by: r.by === 'someone-else' ? 'another' : 'someone-else' })],
    ['type', (r) => ({ type: r.type === 'rated' ? 'returned' : 'rated' })],
  ];
  it.each(edits)('an edited %s is named at its own event', async (_field, change) => {
    for (const r of rows) {
      await d.db.updateTable('events').set(change(r)).where('seq', '=', r.seq).execute();
      expect((await verifyChain(d.db)).broken, `event ${r.seq}`).toMatchObject({ seq: r.seq, problem: expect.stringContaining('changed') });
      await d.db.updateTable('events').set(r).where('seq', '=', r.seq).execute();
    }
    expect((await verifyChain(d.db)).broken).toBeUndefined();
  });

  it('a deleted event is named: the next one, or the chain head after the last', async () => {
    for (const r of rows) {
      await d.db.deleteFrom('events').where('seq', '=', r.seq).execute();
      const last = r.seq === rows.length;
      expect((await verifyChain(d.db)).broken, `event ${r.seq}`).toMatchObject(last ? { seq: r.seq, problem: expect.stringContaining('chain head') } : { seq: r.seq + 1, problem: `event ${r.seq} is missing (found ${r.seq + 1} next)` });
      await d.db.insertInto('events').values(r).execute();
    }
  });

  it('an inserted event, hashed correctly on top of its predecessor, is named at the one after it', async () => {
    for (const r of rows.slice(0, -1)) {
      await d.db.deleteFrom('events').where('seq', '>', r.seq).execute();
      const forged = { ...r, seq: r.seq + 1, id: `forged-${r.seq}`, prev_hash: r.hash };
      const hash = eventHash(forged.seq, { ...forged, prev_hash: hexOf(r.hash) });
      await d.db.insertInto('events').values({ ...forged, hash: hashBytes(hash) }).execute();
      for (const later of rows.filter((x) => x.seq > r.seq)) await d.db.insertInto('events').values({ ...later, seq: later.seq + 1 }).execute();
      expect((await verifyChain(d.db)).broken, `after event ${r.seq}`).toMatchObject({ seq: r.seq + 2, problem: expect.stringContaining('previous hash') });
      await restore();
    }
  });

  it('two events swapped are named at the first', async () => {
    for (const [a, b] of rows.slice(0, -1).map((r, i) => [r, rows[i + 1]!] as const)) {
      await d.db.deleteFrom('events').where('seq', 'in', [a.seq, b.seq]).execute();
      await d.db.insertInto('events').values([{ ...b, seq: a.seq }, { ...a, seq: b.seq }]).execute();
      expect((await verifyChain(d.db)).broken, `events ${a.seq} and ${b.seq}`).toMatchObject({ seq: a.seq, problem: expect.stringContaining('previous hash') });
      await restore();
    }
    expect((await verifyChain(d.db)).broken).toBeUndefined();
  });

  it('tthc audit verify exits 1 naming the event; 0 on an intact log', async () => {
    expect(run(['audit', 'verify']).status).toBe(0);
    const victim = rows[2]!;
    await d.db.updateTable('events').set({ payload: victim.payload.replace(/}$/, ',"x":1}') }).where('seq', '=', victim.seq).execute();
    const r = run(['--lang', 'en', 'audit', 'verify']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`Hash chain broken at event 3 (${victim.id}, dossier ${victim.dossier}): its content does not match its hash (the event was changed)\n`);
    await restore();
  });

  it('a head exported before catches a log rewritten whole, and events removed since', async () => {
    const head = run(['--as-of', '2026-03-20T12:00', 'audit', 'export', '--out', 'head.json']);
    expect(head.status).toBe(0);
    expect(run(['audit', 'verify', '--head', 'head.json']).status).toBe(0);
    // New events after the export are fine: the exported one is still there, unchanged.
    const more = run(['--quiet', 'simulate', '--dossiers', '1', '--seed', '12', '--from', '2026-03-23', '--to', '2026-03-24']);
    expect(run(['--quiet', 'dossier', 'import', '-'], more.stdout).status).toBe(0);
    expect(run(['audit', 'verify', '--head', 'head.json']).status).toBe(0);
    // Rewrite: change event 2, then recompute every hash after it and the chain head.
    const now = await all();
    let prev = hexOf(now[0]!.hash);
    for (const r of now.slice(1)) {
      const payload = r.seq === 2 ? r.payload.replace(/}$/, ',"x":1}') : r.payload;
      const hash = eventHash(r.seq, { ...r, payload, prev_hash: prev });
      await d.db.updateTable('events').set({ payload, prev_hash: hashBytes(prev), hash: hashBytes(hash) }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
    await d.db.updateTable('chain_head').set({ hash: prev }).where('id', '=', 1).execute();
    expect(run(['audit', 'verify']).status).toBe(0); // consistent again: only the kept head can tell
    const r = run(['--lang', 'en', 'audit', 'verify', '--head', 'head.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Hash chain broken at event ${rows.length} (${rows[rows.length - 1]!.id}`);
    expect(r.stdout).toContain('its hash differs from the exported chain head');
    // Removed since the export: the log cut back before the exported event, chain head too.
    await restore();
    await d.db.deleteFrom('events').where('seq', '>=', rows.length).execute();
    await d.db.updateTable('chain_head').set({ seq: rows.length - 1, hash: hexOf(rows[rows.length - 2]!.hash) }).where('id', '=', 1).execute();
    expect(run(['audit', 'verify']).status).toBe(0);
    const cut = run(['--lang', 'en', 'audit', 'verify', '--head', 'head.json']);
    expect(cut.status).toBe(1);
    expect(cut.stdout).toContain(`the exported chain head is at event ${rows.length}, but the log ends at ${rows.length - 1}`);
  });

  it('refuses a head file of another shape, and exports nothing from a broken log', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"seq": 3, "hash": "abc"}');
    const r = run(['audit', 'verify', '--head', 'bad.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tthc: bad.json: expected {"seq": N, "hash": "<64 hex digits>"} as written by "tthc audit export"\n');
    await d.db.updateTable('events').set({ by: 'someone-else' }).where('seq', '=', 1).execute();
    const e = run(['audit', 'export']);
    expect(e.status).toBe(1);
    expect(e.stdout).toBe('');
    expect(e.stderr).toMatch(/^tthc: Chuỗi băm bị phá vỡ tại sự kiện thứ 1 .*; nothing exported\n$/);
  });
});

const pgUrl = process.env['TTHC_TEST_PG'];
const pgDialect = dialects.find((x) => x.name === 'postgres');

describe.runIf(pgDialect)('db grant-reporting (PostgreSQL)', () => {
  const role = `tthc_report_${process.pid}`;
  let url: string;
  let readerUrl: string;
  const dir = mkdtempSync(join(tmpdir(), 'tthc-grant-'));
  const run = (db: string, args: string[]) => tthc(['--db', db, '--catalog', join(repoRoot, 'procedures'), ...args], { cwd: dir });
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    url = await pgDialect!.fresh();
    await admin((c) => c.query(`CREATE ROLE ${role} LOGIN`));
    const u = new URL(url);
    u.username = role;
    readerUrl = u.toString();
    expect(run(url, ['catalog', 'load']).status).toBe(0);
    expect(run(url, ['dossier', 'receive', '--procedure', '1.009794', '--applicant', 'Nguyễn Văn An', '--by', 'qxd-nvh', '--at', '2026-01-05T09:00']).status).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await pgDialect!.cleanup();
    await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  });

  it('before the grant the role reads nothing; after it, reports and lookups run', () => {
    expect(run(readerUrl, ['dossier', 'list']).status).toBe(2);
    expect(run(url, ['db', 'grant-reporting', role])).toMatchObject({ status: 0, stdout: `${role}: SELECT\n` });
    const sla = run(readerUrl, ['--as-of', '2026-01-10', 'report', 'sla', '--format', 'json']);
    expect(sla.status).toBe(0);
    // The one dossier: received 5 Jan 09:00 with a 1d limit, still running on the 10th.
    expect(JSON.parse(sla.stdout).total).toMatchObject({ received: 1, in_progress: 1, overdue: 1 });
    expect(run(readerUrl, ['dossier', 'show', '000.00.12.H06-260105-0001']).status).toBe(0);
    expect(run(readerUrl, ['audit', 'verify']).status).toBe(0);
  });

  it('every write is refused in one line, and nothing changes', async () => {
    const count = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query('select count(*)::int as n from events')).rows[0].n as number;
      } finally {
        await c.end();
      }
    };
    const before = await count();
    for (const args of [
      ['dossier', 'receive', '--procedure', '1.009794', '--applicant', 'Trần Thị B', '--by', 'qxd-nvh', '--at', '2026-01-06T09:00'],
      ['dossier', 'complete', '000.00.12.H06-260105-0001', '--step', 'appraise', '--by', 'qxd-nvh', '--at', '2026-01-05T10:00'],
    ]) {
      const r = run(readerUrl, args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^tthc: postgres:\/\/.*: permission denied \(permission denied for .*\); nothing was written\n$/);
    }
    expect(await count()).toBe(before);
  });

  it('refuses SQLite, an unknown role, and a role that does not own the tables', () => {
    // Granting needs the tables' owner: the reader's own attempt would grant nothing.
    expect(run(readerUrl, ['db', 'grant-reporting', role])).toMatchObject({ status: 2, stderr: `tthc: db grant-reporting must run as the owner of tthc's tables (postgres), not ${role}\n` });
    expect(run(`sqlite:${join(dir, 'x.db')}`, ['db', 'grant-reporting', role]).stderr).toMatch(/^tthc: db grant-reporting is for PostgreSQL/);
    const r = run(url, ['db', 'grant-reporting', 'no_such_role_here']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tthc: no role "no_such_role_here" on this server; create it first (CREATE ROLE no_such_role_here LOGIN PASSWORD '…')\n`);
  });
});
