// The example catalog in procedures/ is what newcomers and the demo see: it must be valid and
// cover what the issue asks of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCatalogFiles } from '../../src/catalog/source.js';
import { repoRoot, tthc } from '../helpers/cli.js';

describe('example catalog', () => {
  it('validates with exit 0 under --strict', () => {
    const r = tthc(['validate', 'procedures', '--strict', '--format', 'json', '--as-of', '2026-06-01']);
    const j = JSON.parse(r.stdout);
    expect(j.errors).toBe(0);
    expect(j.warnings).toBe(0);
    expect(r.status).toBe(0);
  });

  it('covers the mechanisms, levels and units the issue asks for', () => {
    const list = JSON.parse(tthc(['catalog', 'list', '--format', 'json', '--as-of', '2026-06-01']).stdout).procedures as {
      code: string;
      agency: string;
      level: string;
      mechanism: string;
    }[];
    expect(list.length).toBeGreaterThanOrEqual(30);
    expect(new Set(list.map((p) => p.mechanism))).toEqual(new Set(['one-stop', 'inter-agency', 'five-on-the-spot', 'internal']));
    expect(new Set(list.map((p) => p.level))).toEqual(new Set(['province', 'commune']));
    expect(new Set(list.map((p) => p.agency)).size).toBeGreaterThanOrEqual(6);
  });

  it('has at least two inter-agency procedures whose steps branch in parallel and join', () => {
    const list = JSON.parse(tthc(['catalog', 'list', '--mechanism', 'inter-agency', '--format', 'json']).stdout).procedures as { code: string }[];
    let branching = 0;
    for (const { code } of list) {
      const d = JSON.parse(tthc(['catalog', 'show', code, '--format', 'json']).stdout) as { steps: { id: string; next: string[] }[] };
      const fork = d.steps.some((s) => s.next.length > 1);
      const indegree = new Map<string, number>();
      for (const s of d.steps) for (const n of s.next) indegree.set(n, (indegree.get(n) ?? 0) + 1);
      const join = [...indegree.values()].some((n) => n > 1);
      if (fork && join) branching++;
    }
    expect(branching).toBeGreaterThanOrEqual(2);
  });

  it('every file names its schema for editors', () => {
    const files = listCatalogFiles([join(repoRoot, 'procedures')], repoRoot);
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const first = readFileSync(f, 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, f).not.toBeNull();
      // The relative path must reach the schema file from the file's folder.
      expect(() => readFileSync(join(f, '..', m![1]!)), f).not.toThrow();
    }
  });

  it('the 2026 calendar has the announced holidays and swaps', () => {
    const cal = readFileSync(join(repoRoot, 'procedures', 'calendar-2026.yaml'), 'utf8');
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-14', '2026-02-22', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(cal, d).toContain(d);
    }
    expect(cal).toMatch(/working_days:[\s\S]*2026-01-10/);
  });
});
