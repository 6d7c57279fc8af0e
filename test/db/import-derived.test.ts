// The import writes each dossier's derived rows as differences from what is stored (a few columns
// of the dossier and of the steps an event changed). Here the result is held to the whole
// derivation: a simulated stream of the example catalog is imported in small batches (so that
// dossiers span many batches) and in two processes (so that the second one loads the dossiers
// the first left running from the database, with no cache); then every dossier's stored row and
// steps must equal `derivedRows` of its events replayed from the log, on every engine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { repoRoot, tthc } from '../helpers/cli.js';
import { storedAndDerived } from '../helpers/derived.js';
import { dialects } from './dialects.js';

const dir = mkdtempSync(join(tmpdir(), 'tthc-import-derived-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(dialects)('$name', (dialect) => {
  afterAll(async () => {
    await dialect.cleanup();
  });

  it('imported dossiers and steps equal their full derivation from the log', async () => {
    const url = await dialect.fresh();
    const run = (args: string[]) => tthc(['--db', url, ...args], { cwd: repoRoot });
    expect(run(['--catalog', 'procedures', '--quiet', 'catalog', 'load']).status).toBe(0);
    const sim = run(['--quiet', 'simulate', '--dossiers', '300', '--seed', '7', '--from', '2026-03-02', '--to', '2026-06-01']);
    expect(sim.status).toBe(0);
    const lines = sim.stdout.trim().split('\n');
    const half = Math.floor(lines.length / 2);
    const first = join(dir, `${dialect.name}-1.jsonl`);
    const second = join(dir, `${dialect.name}-2.jsonl`);
    writeFileSync(first, lines.slice(0, half).join('\n') + '\n');
    writeFileSync(second, lines.slice(half).join('\n') + '\n');
    for (const f of [first, second]) {
      const r = run(['--format', 'json', 'dossier', 'import', f, '--batch', '53']);
      expect([r.status, r.stderr]).toEqual([0, '']);
    }
    expect(readFileSync(first, 'utf8').split('\n').length + readFileSync(second, 'utf8').split('\n').length - 2).toBe(lines.length);

    const d = await openDatabase(url, repoRoot);
    try {
      const codes = (await d.db.selectFrom('dossiers').select('code').orderBy('code').execute()).map((r) => r.code);
      // Every simulated dossier was received, so every one has a row.
      expect(codes.length).toBe(300);
      let stepsCompared = 0;
      for (const code of codes) {
        const { stored, derived } = await storedAndDerived(d.db, code);
        expect(stored).toEqual(derived);
        stepsCompared += stored.steps.length;
      }
      // The example procedures have 3 to 7 steps each.
      expect(stepsCompared).toBeGreaterThanOrEqual(3 * 300);
    } finally {
      await d.close();
    }
  }, 120_000);
});
