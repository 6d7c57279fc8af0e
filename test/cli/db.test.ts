// catalog load and db commands through the built bin, on SQLite files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

describe('tthc catalog load', () => {
  it('loads, then finds nothing changed', () => {
    const dir = tempCatalog(smallCatalog);
    const first = tthc(['--catalog', '.', 'catalog', 'load', '--format', 'json'], { cwd: dir });
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).procedures).toEqual({ added: 2, changed: 0, unchanged: 0 });
    expect(existsSync(join(dir, 'tthc.db'))).toBe(true);
    const again = tthc(['--catalog', '.', 'catalog', 'load', '--lang', 'en'], { cwd: dir });
    expect(again.stdout).toContain('Procedures     0 added, 0 new versions, 2 unchanged');
  });

  it('refuses a catalog with errors before touching the database', () => {
    const dir = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('agency: so-xd', 'agency: so-x') });
    const r = tthc(['--catalog', '.', 'catalog', 'load'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tthc: the catalog in \. has 1 error/);
    expect(existsSync(join(dir, 'tthc.db'))).toBe(false);
  });

  it('honours TTHC_DB', () => {
    const dir = tempCatalog(smallCatalog);
    expect(tthc(['--catalog', '.', 'catalog', 'load'], { cwd: dir, env: { TTHC_DB: 'sqlite:other.db' } }).status).toBe(0);
    expect(existsSync(join(dir, 'other.db'))).toBe(true);
    expect(existsSync(join(dir, 'tthc.db'))).toBe(false);
  });
});

describe('tthc db', () => {
  it('status lists migrations; migrate applies them once', () => {
    const dir = tempCatalog({});
    expect(tthc(['db', 'migrate', '--format', 'json'], { cwd: dir }).stdout).toBe('{\n  "applied": [\n    "0001-catalog",\n    "0002-dossiers",\n    "0003-steps",\n    "0004-figures",\n    "0005-minutes-index",\n    "0006-steps-indexes",\n    "0007-binary-hashes",\n    "0008-steps-without-rowid",\n    "0009-partial-last-event-index"\n  ]\n}\n');
    expect(tthc(['db', 'migrate', '--lang', 'en'], { cwd: dir }).stdout).toBe('The database is up to date.\n');
    const s = JSON.parse(tthc(['db', 'status', '--format', 'json'], { cwd: dir }).stdout);
    expect(s).toMatchObject({ db: 'sqlite:./tthc.db', engine: 'sqlite', pending: 0 });
  });

  it.each([
    [['db', 'status'], 'tthc: cannot open sqlite:./tthc.db: no such database; "tthc catalog load" creates it\n'],
    [['db', 'status', '--db', 'mysql://x'], 'tthc: --db mysql://x is not a database URL; use sqlite:FILE or postgres://USER@HOST/DB\n'],
    [['db', 'status', '--db', 'postgres://u:secret@127.0.0.1:1/x'], /^tthc: cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: /],
  ])('%j exits 2 with one line (and never shows a password)', (args, want) => {
    const dir = tempCatalog({});
    const r = tthc(args, { cwd: dir });
    expect(r.status).toBe(2);
    if (typeof want === 'string') expect(r.stderr).toBe(want);
    else expect(r.stderr).toMatch(want);
    expect(r.stderr).not.toContain('secret');
    expect(existsSync(join(dir, 'tthc.db'))).toBe(false);
  });
});
