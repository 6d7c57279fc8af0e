// `procedureSvg`: for every procedure of the example catalog the picture is well-formed XML with
// one box per step and one arrow per successor, boxes that do not overlap each other, the title or
// the legend, and arrows that start and end on their boxes' borders; the longest path is heavier;
// names with XML syntax come back intact; progress colours the boxes. The browser test
// (test/browser/svg.test.ts) checks in Chromium that the drawn text fits its box.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeProcedure, listProcedures, type ProcedureDetail } from '../../src/catalog/query.js';
import { validateCatalog } from '../../src/catalog/validate.js';
import { labels } from '../../src/output/labels.js';
import { procedureSvg, stateColours, textWidth, type StepProgress } from '../../src/render/svg.js';
import { repoRoot, tthc } from '../helpers/cli.js';
import { parseSvg, type Box } from '../helpers/svg.js';

const dir = join(repoRoot, 'procedures');
const catalog = validateCatalog({ paths: [dir], cwd: dir, asOf: new Date('2026-01-01T00:00:00Z') }).catalog;
const vi = labels('vi');

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** On the border of `b`: within `tol` of it, and not deeper inside. */
function onBorder(p: { x: number; y: number }, b: Box, tol = 1.5): boolean {
  const near = p.x >= b.x - tol && p.x <= b.x + b.w + tol && p.y >= b.y - tol && p.y <= b.y + b.h + tol;
  const inside = p.x > b.x + tol && p.x < b.x + b.w - tol && p.y > b.y + tol && p.y < b.y + b.h - tol;
  return near && !inside;
}

const all = listProcedures(catalog).map((p) => describeProcedure(catalog, p.code)!);

describe('procedureSvg', () => {
  it('every example procedure: one box per step, one arrow per successor, nothing overlaps, arrows touch their boxes', () => {
    expect(all.length).toBeGreaterThan(30);
    for (const p of all) {
      const svg = procedureSvg(p, vi);
      const d = parseSvg(svg);
      const where = p.code;
      expect(d.root['xmlns'], where).toBe('http://www.w3.org/2000/svg');
      const [width, height] = [Number(d.root['width']), Number(d.root['height'])];
      expect(d.root['viewBox'], where).toBe(`0 0 ${width} ${height}`);
      expect(d.nodes.map((n) => n.id), where).toEqual(p.steps.map((s) => s.id));
      const arrows = p.steps.flatMap((s) => s.next.map((to) => `${s.id}→${to}`));
      expect(d.edges.map((e) => `${e.from}→${e.to}`).sort(), where).toEqual(arrows.sort());
      const boxes = new Map(d.nodes.map((n) => [n.id, n.box]));
      // The title's last line and the legend's first item bound the graph.
      const titleBottom = Math.max(...d.root.text.map((t) => Number(t['y'])));
      // (A legend item's text has its baseline 11.5 below the item's top.)
      const legendTop = Math.min(...d.legend.text!.map((t) => Number(t['y']) - 11.5));
      for (const [i, a] of d.nodes.entries()) {
        expect(a.box.x >= 0 && a.box.y > titleBottom && a.box.x + a.box.w <= width && a.box.y + a.box.h < legendTop, `${where} ${a.id} inside the picture`).toBe(true);
        for (const b of d.nodes.slice(i + 1)) expect(overlap(a.box, b.box), `${where}: ${a.id} and ${b.id} overlap`).toBe(false);
      }
      for (const e of d.edges) {
        expect(onBorder(e.start, boxes.get(e.from)!), `${where} ${e.from}→${e.to} starts on ${e.from}`).toBe(true);
        expect(onBorder(e.end, boxes.get(e.to)!), `${where} ${e.from}→${e.to} ends on ${e.to}`).toBe(true);
      }
      expect(d.titleTexts.join(' '), where).toContain(`${vi.timeLimit} ${p.time_limit} · ${vi.longestPath} ${p.longest_path.duration}`);
    }
  });

  it('every text line of every box fits its box by the width estimate', () => {
    for (const p of all) {
      for (const n of parseSvg(procedureSvg(p, vi)).nodes) {
        for (const t of n.texts) {
          const w = textWidth(t['#text'], Number(t['font-size']), t['font-weight'] === 'bold');
          expect(w, `${p.code} ${n.id}: ${t['#text']}`).toBeLessThanOrEqual(n.box.w - 20);
          // Centred on the box.
          expect(Number(t['x'])).toBeCloseTo(n.box.x + n.box.w / 2, 0);
          expect(Number(t['y']) > n.box.y && Number(t['y']) < n.box.y + n.box.h).toBe(true);
        }
      }
    }
  });

  it('1.013949: the branches after approval stand side by side; the longest path is heavier', () => {
    // approve (3d) → cadastre (2d) and tax (3d) → contract. Longest: every step but cadastre
    // (0.5 + 0.5 + 6 + 1 + 3 + 3 + 1.5 + 0.5 = 16d).
    const p = describeProcedure(catalog, '1.013949')!;
    const d = parseSvg(procedureSvg(p, vi));
    const box = (id: string) => d.nodes.find((n) => n.id === id)!.box;
    const mid = (b: Box) => b.y + b.h / 2;
    expect(mid(box('cadastre'))).toBeCloseTo(mid(box('tax')), 5);
    // Side by side in the procedure's order: 6 (cadastre) on the left of 7 (tax).
    expect(box('cadastre').x + box('cadastre').w).toBeLessThanOrEqual(box('tax').x);
    expect(box('approve').y + box('approve').h).toBeLessThan(Math.min(box('cadastre').y, box('tax').y));
    expect(Math.max(box('cadastre').y + box('cadastre').h, box('tax').y + box('tax').h)).toBeLessThan(box('contract').y);
    const heavyNodes = d.nodes.filter((n) => n.rect['stroke-width'] === '3').map((n) => n.id);
    expect(heavyNodes).toEqual(['receive', 'transfer', 'appraise', 'submit', 'approve', 'tax', 'contract', 'return']);
    const heavyEdges = d.edges.filter((e) => e.attrs['stroke-width'] === '3').map((e) => `${e.from}→${e.to}`);
    expect(heavyEdges.sort()).toEqual(['appraise→submit', 'approve→tax', 'contract→return', 'receive→transfer', 'submit→approve', 'tax→contract', 'transfer→appraise']);
    expect(d.edges.filter((e) => e.attrs['stroke-width'] !== '3').map((e) => `${e.from}→${e.to}`).sort()).toEqual(['approve→cadastre', 'cadastre→contract']);
    // Box 7 holds its number and name (wrapped), unit and budget; box 1 also its official.
    const lines = (id: string) => d.nodes.find((n) => n.id === id)!.texts.map((t) => t['#text']);
    expect(lines('tax').join(' ')).toBe('7. Xác định và thông báo tiền sử dụng đất, tiền thuê đất Thuế tỉnh Bắc Ninh Thời gian: 3d');
    expect(lines('receive')).toContain('Trịnh Thị Hoa');
    expect(d.titleTexts[0]).toMatch(/^1\.013949 · Giao đất/);
  });

  it('any acyclic graph of up to 12 steps: every box and arrow, no overlap, arrows on their borders', () => {
    const base = describeProcedure(catalog, '1.009794')!;
    const template = base.steps[0]!;
    // Step i may lead to any later steps: acyclic by construction.
    const graphs = fc.integer({ min: 1, max: 12 }).chain((count) =>
      fc.tuple(
        ...Array.from({ length: count }, (_, i) =>
          fc.record({ name: fc.string({ unit: 'grapheme', maxLength: 90 }), next: fc.subarray(Array.from({ length: count - i - 1 }, (_, k) => `s${i + k + 1}`), { maxLength: Math.min(3, count - i - 1) }) }),
        ),
      ),
    );
    fc.assert(
      fc.property(graphs, (steps) => {
        const p: ProcedureDetail = { ...base, steps: steps.map((s, i) => ({ ...template, id: `s${i}`, name: s.name, next: s.next, on_longest_path: false })) };
        const d = parseSvg(procedureSvg(p, vi));
        expect(d.nodes).toHaveLength(steps.length);
        expect(d.edges).toHaveLength(steps.reduce((n, s) => n + s.next.length, 0));
        const boxes = new Map(d.nodes.map((n) => [n.id, n.box]));
        for (const [i, a] of d.nodes.entries()) for (const b of d.nodes.slice(i + 1)) expect(overlap(a.box, b.box)).toBe(false);
        for (const e of d.edges) expect([onBorder(e.start, boxes.get(e.from)!), onBorder(e.end, boxes.get(e.to)!)]).toEqual([true, true]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('escapes names holding & < > " and keeps them intact; stands alone; same input, same bytes', () => {
    const p = describeProcedure(catalog, '1.009794')!;
    const name = 'Nhận "bản gốc" <A> & B\'s';
    const odd: ProcedureDetail = { ...p, name: `${p.name} <&>`, steps: p.steps.map((s, i) => (i === 0 ? { ...s, name, unit: { ...s.unit, name: 'Tổ <một> & "cửa"' } } : s)) };
    const svg = procedureSvg(odd, vi);
    expect(svg).toContain('1. Nhận &quot;bản gốc&quot; &lt;A&gt; &amp; B&apos;s');
    const d = parseSvg(svg);
    const first = d.nodes[0]!;
    expect(first.title).toBe(`1. ${name}`);
    expect(first.texts.map((t) => t['#text'])).toContain('Tổ <một> & "cửa"');
    expect(d.titleTexts.join(' ')).toContain('<&>');
    // Nothing fetched: no scripts, styles, images, links or outside references.
    expect(svg).not.toMatch(/<script|<style|<image|<foreignObject|href=|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    for (const m of svg.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#tthc-arrow/);
    expect(procedureSvg(odd, vi)).toBe(svg);
  });

  it('wraps a long name and cuts a word wider than the box', () => {
    const p = describeProcedure(catalog, '1.009794')!;
    const long = `${'Thẩm định hồ sơ đề nghị cấp giấy chứng nhận '.repeat(5)}${'Đ'.repeat(60)} cuối`;
    const d = parseSvg(procedureSvg({ ...p, steps: p.steps.map((s, i) => (i === 0 ? { ...s, name: long } : s)) }, vi));
    const box = d.nodes[0]!;
    const bold = box.texts.filter((t) => t['font-weight'] === 'bold').map((t) => t['#text']);
    expect(bold.length).toBeGreaterThan(5);
    // The lines joined give the name back, once the pieces of the cut word are joined again.
    expect(bold.join(' ').replace(/(?<=Đ) (?=Đ)/g, '')).toBe(`1. ${long}`);
    expect(bold.filter((t) => /^Đ+$/.test(t)).length).toBeGreaterThan(0);
    for (const t of bold) expect(textWidth(t, 13, true)).toBeLessThanOrEqual(box.box.w - 24);
  });

  it('with progress: each box filled by its state, its times, and a legend of the colours', () => {
    const p = describeProcedure(catalog, '1.013949')!;
    const states: [string, StepProgress][] = [
      ['receive', { state: 'completed_on_time', started_at: '05/01/2026 09:00', completed_at: '05/01/2026 09:00' }],
      ['appraise', { state: 'completed_late', started_at: '05/01/2026 15:00', completed_at: '15/01/2026 10:00' }],
      ['cadastre', { state: 'running', started_at: '19/01/2026 09:00', completed_at: null }],
      ['tax', { state: 'running_overdue', started_at: '19/01/2026 09:00', completed_at: null }],
      ['contract', { state: 'pending', started_at: null, completed_at: null }],
    ];
    const d = parseSvg(procedureSvg(p, vi, new Map(states), { note: 'Hồ sơ 000.00.00.H06-260105-0001' }));
    for (const [id, s] of states) {
      const n = d.nodes.find((x) => x.id === id)!;
      expect([n.state, n.rect['fill']], id).toEqual([s.state, stateColours[s.state].fill]);
      const texts = n.texts.map((t) => t['#text']);
      expect(texts).toContain(vi.stepStates[s.state]);
      if (s.started_at) expect(texts).toContain(`Bắt đầu: ${s.started_at}`);
      if (s.completed_at) expect(texts).toContain(`Hoàn thành: ${s.completed_at}`);
      else expect(texts.some((t) => t.startsWith('Hoàn thành'))).toBe(false);
    }
    // A step missing from the map is pending.
    expect(d.nodes.find((x) => x.id === 'return')!.state).toBe('pending');
    expect(d.legend.text!.map((t) => t['#text'])).toEqual(['Đường dài nhất', 'Xong đúng hạn', 'Xong trễ hạn', 'Đang xử lý', 'Đang xử lý, quá hạn', 'Chưa xử lý']);
    expect(d.legend.rect!.map((r) => r['fill'])).toEqual(['#c8e6c9', '#ffcdd2', '#fff59d', '#ff8a80', '#eceff1']);
    expect(d.titleTexts).toContain('Hồ sơ 000.00.00.H06-260105-0001');
    // The five fills differ from each other and from a box without progress.
    expect(new Set([...Object.values(stateColours).map((c) => c.fill), '#ffffff']).size).toBe(6);
    const plain = parseSvg(procedureSvg(p, vi));
    expect(plain.nodes.every((n) => n.rect['fill'] === '#ffffff' && n.state === undefined)).toBe(true);
    expect(plain.legend.text!.map((t) => t['#text'])).toEqual(['Đường dài nhất']);
  });

  it('from the command line: catalog show --diagram svg; with --format json, exit 2', () => {
    const ok = tthc(['--catalog', 'procedures', '--lang', 'en', 'catalog', 'show', '1.013949', '--diagram', 'svg'], { cwd: repoRoot });
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    const d = parseSvg(ok.stdout);
    expect(d.nodes).toHaveLength(9);
    expect(d.edges).toHaveLength(9);
    expect(d.titleTexts.join(' ')).toContain('Time limit 20d · Longest path 16d');
    const json = tthc(['--catalog', 'procedures', '--format', 'json', 'catalog', 'show', '1.013949', '--diagram', 'svg'], { cwd: repoRoot });
    expect([json.status, json.stdout, json.stderr]).toEqual([2, '', 'tthc: --diagram prints the diagram itself; leave out --format json\n']);
  });
});
