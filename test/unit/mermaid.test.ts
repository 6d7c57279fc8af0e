// `tthc catalog show CODE --diagram mermaid`: the flowchart of every procedure of the example
// catalog is held to a small grammar of the Mermaid it writes (front matter with the title, the
// flowchart line, quoted node labels, arrows, the longest-path class), with one node per step and
// one arrow per successor; one procedure with parallel branches is checked by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProcedure, listProcedures } from '../../src/catalog/query.js';
import { validateCatalog } from '../../src/catalog/validate.js';
import { procedureMermaid } from '../../src/render/mermaid.js';
import { repoRoot, tthc } from '../helpers/cli.js';

const dir = join(repoRoot, 'procedures');
const catalog = validateCatalog({ paths: [dir], cwd: dir, asOf: new Date('2026-01-01T00:00:00Z') }).catalog;
const labels = { timeLimit: 'Thời hạn', longestPath: 'Đường dài nhất' };

/** The parts of a diagram, or the first line that is none of them. */
function parse(text: string) {
  const lines = text.split('\n');
  expect(lines.slice(0, 4).map((l, i) => (i === 1 ? /^title: "[^"]*"$/.test(l) : l))).toEqual(['---', true, '---', 'flowchart TD']);
  expect(lines.at(-1)).toBe('');
  const nodes = new Map<string, string>();
  const edges: [string, string][] = [];
  let longest: string[] = [];
  for (const line of lines.slice(4, -1)) {
    const node = /^ {2}(s\d+)\["([^"]*)"\]$/.exec(line);
    const edge = /^ {2}(s\d+) --> (s\d+)$/.exec(line);
    const cls = /^ {2}class ((?:s\d+,)*s\d+) longest$/.exec(line);
    if (node) nodes.set(node[1]!, node[2]!);
    else if (edge) edges.push([edge[1]!, edge[2]!]);
    else if (cls) longest = cls[1]!.split(',');
    else expect(line).toBe('  classDef longest stroke-width:3px');
  }
  return { title: lines[1]!, nodes, edges, longest };
}

describe('procedureMermaid', () => {
  it('every example procedure: one node per step, one arrow per successor, the longest path marked', () => {
    const codes = listProcedures(catalog).map((p) => p.code);
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const p = describeProcedure(catalog, code)!;
      const d = parse(procedureMermaid(p, labels));
      expect(d.nodes.size).toBe(p.steps.length);
      expect(d.edges.length).toBe(p.steps.reduce((n, s) => n + s.next.length, 0));
      for (const [a, b] of d.edges) expect([d.nodes.has(a), d.nodes.has(b)]).toEqual([true, true]);
      expect(d.longest.length).toBe(p.steps.filter((s) => s.on_longest_path).length);
      expect(d.title).toContain(p.time_limit);
    }
  });

  it('1.013949: the branches after the decision meet again, and the longer one is on the path', () => {
    // procedures/ubnd-tinh/1.013949.yaml: approve (s5) → cadastre 2d (s6) and tax 3d (s7) → contract
    // (s8) → return (s9). Longest: 0.5 + 0.5 + 6 + 1 + 3 + 3 (tax) + 1.5 + 0.5 = 16d of 20d.
    const d = parse(procedureMermaid(describeProcedure(catalog, '1.013949')!, labels));
    expect(d.edges).toEqual([
      ['s1', 's2'],
      ['s2', 's3'],
      ['s3', 's4'],
      ['s4', 's5'],
      ['s5', 's6'],
      ['s5', 's7'],
      ['s6', 's8'],
      ['s7', 's8'],
      ['s8', 's9'],
    ]);
    expect(d.longest).toEqual(['s1', 's2', 's3', 's4', 's5', 's7', 's8', 's9']);
    expect(d.title).toContain('Thời hạn 20d · Đường dài nhất 16d');
    expect(d.nodes.get('s7')).toBe('7. Xác định và thông báo tiền sử dụng đất, tiền thuê đất<br/>Thuế tỉnh Bắc Ninh<br/>3d');
  });

  it('characters Mermaid reads as syntax become entity codes', () => {
    const p = describeProcedure(catalog, '1.009794')!;
    const odd = { ...p, steps: p.steps.map((s, i) => (i === 0 ? { ...s, name: 'Nhận "bản gốc" #1 <A> & B' } : s)) };
    const d = parse(procedureMermaid(odd, labels));
    expect(d.nodes.get('s1')).toMatch(/^1\. Nhận #34;bản gốc#34; #35;1 #60;A#62; #38; B<br\/>/);
  });

  it('from the command line; another kind or --format json is refused with exit 2', () => {
    const ok = tthc(['--catalog', 'procedures', 'catalog', 'show', '1.013949', '--diagram', 'mermaid'], { cwd: repoRoot });
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(parse(ok.stdout).nodes.size).toBe(9);
    const svg = tthc(['--catalog', 'procedures', 'catalog', 'show', '1.013949', '--diagram', 'png'], { cwd: repoRoot });
    expect(svg.status).toBe(2);
    expect(svg.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const json = tthc(['--catalog', 'procedures', '--format', 'json', 'catalog', 'show', '1.013949', '--diagram', 'mermaid'], { cwd: repoRoot });
    expect([json.status, json.stderr]).toEqual([2, 'tthc: --diagram prints the diagram itself; leave out --format json\n']);
  });
});
