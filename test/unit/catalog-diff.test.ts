// `diffCatalogs`: what changed between two catalogs, on hand-made catalogs where each change and
// its signed amount is worked out by hand. Also `validateSources`, the in-memory way into the
// loader that `tthc catalog diff` reads git revisions through: it must find what
// `validateCatalog` finds on disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDurations, diffCatalogs, diffCounts, type CatalogDiff } from '../../src/catalog/diff.js';
import type { CalendarDef, Catalog, Official, Procedure, Step, Unit } from '../../src/catalog/model.js';
import type { SourceRef } from '../../src/catalog/source.js';
import { listCatalogFiles } from '../../src/catalog/source.js';
import { validateCatalog, validateSources } from '../../src/catalog/validate.js';
import { catalogDiffMarkdown, durationChangeText, type DiffReport } from '../../src/output/catalog-diff.js';
import { labels } from '../../src/output/labels.js';
import { repoRoot } from '../helpers/cli.js';

function ref(file: string): SourceRef {
  return { src: { file, index: 0, origin: { file, text: '' }, data: null, broken: false }, path: [] };
}

// An 8-hour day: 07:30–11:30 and 13:30–17:30.
const hours = ['07:30-11:30', '13:30-17:30'];
const calendar: CalendarDef = { kind: 'calendar', id: 'vn', timezone: 'Asia/Ho_Chi_Minh', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } };
const units: Unit[] = [
  { id: 'ttpvhcc', name: 'Trung tâm Phục vụ hành chính công', level: 'province' },
  { id: 'so-xd', name: 'Sở Xây dựng', level: 'province' },
  { id: 'xa-a', name: 'UBND xã An Bình', level: 'commune' },
];
const officials: Official[] = [
  { id: 'nva', name: 'Nguyễn Văn A', unit: 'so-xd' },
  { id: 'ttb', name: 'Trần Thị B', unit: 'so-xd' },
];

const steps: Step[] = [
  { id: 'receive', name: 'Tiếp nhận', action: 'receive', unit: 'ttpvhcc', duration: '2h' },
  { id: 'appraise', name: 'Thẩm định', action: 'appraise', unit: 'so-xd', assignee: 'nva', duration: '5d' },
  { id: 'approve', name: 'Phê duyệt', action: 'approve', unit: 'so-xd', duration: '2d' },
  { id: 'stamp', name: 'Đóng dấu', action: 'stamp', unit: 'so-xd', duration: '2h' },
  { id: 'return', name: 'Trả kết quả', action: 'return', unit: 'ttpvhcc', duration: '2h' },
];

function procedure(code: string, over: Partial<Procedure> = {}): Procedure {
  return {
    kind: 'procedure',
    code,
    name: `Thủ tục ${code}`,
    agency: 'so-xd',
    field: 'Xây dựng',
    mechanism: 'one-stop',
    time_limit: '10d',
    effective_from: '2025-07-01',
    fees: [{ name: 'Lệ phí', amount: 150000 }],
    steps,
    ...over,
  };
}

function catalog(procedures: Procedure[]): Catalog {
  return {
    calendars: [{ value: calendar, ref: ref('calendar.yaml') }],
    units: units.map((u) => ({ value: u, ref: ref('units.yaml') })),
    officials: officials.map((o) => ({ value: o, ref: ref('units.yaml') })),
    procedures: procedures.map((p) => ({ value: p, ref: ref(`procedures/${p.code}.yaml`) })),
  };
}

/** The step list with `id` changed by `change` (or removed when it returns undefined). */
function withStep(id: string, change: (s: Step) => Step | undefined, list: Step[] = steps): Step[] {
  return list.flatMap((s) => (s.id === id ? [change(s)].filter((x): x is Step => x !== undefined) : [s]));
}

/** The kinds of change that are not empty. */
function nonEmpty(d: CatalogDiff): string[] {
  return Object.entries(d)
    .filter(([, v]) => (v as unknown[]).length > 0)
    .map(([k]) => k);
}

describe('diffCatalogs', () => {
  it('finds nothing between a catalog and itself', () => {
    const c = catalog([procedure('1.000001'), procedure('2.000002')]);
    const d = diffCatalogs(c, c);
    expect(nonEmpty(d)).toEqual([]);
    expect(diffCounts(d).total).toBe(0);
  });

  it('procedures added, removed and renamed (same code, new name), ordered by code', () => {
    const base = catalog([procedure('1.000001'), procedure('2.000002'), procedure('3.000003')]);
    const head = catalog([procedure('3.000003'), procedure('1.000001', { name: 'Tên mới' }), procedure('0.000009', { agency: 'xa-a', time_limit: '4h' })]);
    const d = diffCatalogs(base, head);
    expect(d.procedures_added).toEqual([{ code: '0.000009', name: 'Thủ tục 0.000009', agency: 'xa-a', agency_name: 'UBND xã An Bình', time_limit: '4h', file: 'procedures/0.000009.yaml' }]);
    expect(d.procedures_removed).toEqual([{ code: '2.000002', name: 'Thủ tục 2.000002', agency: 'so-xd', agency_name: 'Sở Xây dựng', time_limit: '10d', file: 'procedures/2.000002.yaml' }]);
    expect(d.procedures_renamed).toEqual([{ code: '1.000001', from: 'Thủ tục 1.000001', to: 'Tên mới' }]);
    // An added procedure's steps are not also "steps added".
    expect(nonEmpty(d)).toEqual(['procedures_added', 'procedures_removed', 'procedures_renamed']);
    expect(diffCounts(d).counts).toMatchObject({ procedures_added: 1, procedures_removed: 1, procedures_renamed: 1, time_limits: 0 });
    expect(diffCounts(d).total).toBe(3);
  });

  it.each([
    // 10 working days → 12: +2 working days.
    ['10d', '12d', 'd', 2],
    // 2 working days → 1.5: −0.5.
    ['2d', '1.5d', 'd', -0.5],
    // 0.1d → 0.3d: +0.2 exactly, not 0.19999999999999998.
    ['0.1d', '0.3d', 'd', 0.2],
    // 4 working hours → 6: +2 hours.
    ['4h', '6h', 'h', 2],
    // 30 calendar days → 45: +15 calendar days.
    ['30cd', '45cd', 'cd', 15],
    // 1 working day is 8 h on this calendar; → 6h: 6 − 8 = −2 working hours.
    ['1d', '6h', 'h', -2],
    // 4h → 1.5d: 1.5 × 8 = 12 h, 12 − 4 = +8 working hours.
    ['4h', '1.5d', 'h', 8],
    // Working days against calendar days cannot be compared.
    ['10d', '15cd', null, null],
  ])('time limit %s → %s: %s %s', (from, to, unit, change) => {
    const d = diffCatalogs(catalog([procedure('1.000001', { time_limit: from })]), catalog([procedure('1.000001', { time_limit: to })]));
    expect(d.time_limits).toEqual([{ code: '1.000001', name: 'Thủ tục 1.000001', from, to, unit, change }]);
    expect(nonEmpty(d)).toEqual(['time_limits']);
  });

  it('the same time written otherwise is no change: 1d is 8h on an 8-hour day, 2d is 2.0d', () => {
    expect(compareDurations('1d', '8h', 480, 480)).toBeUndefined();
    expect(compareDurations('2d', '2.0d', 480, 480)).toBeUndefined();
    // On a 7.5-hour day (450 min) 1d is 450 min and 8h is 480: +30 min = +0.5 working hours.
    expect(compareDurations('1d', '8h', 450, 450)).toEqual({ from: '1d', to: '8h', unit: 'h', change: 0.5 });
  });

  it('step budgets lengthened and shortened, per step id', () => {
    // appraise 5d → 6d: +1 working day; stamp 2h → 1h: −1 working hour.
    const after = withStep('stamp', (s) => ({ ...s, duration: '1h' }), withStep('appraise', (s) => ({ ...s, duration: '6d' })));
    const d = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { steps: after })]));
    expect(d.step_budgets).toEqual([
      { code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: '5d', to: '6d', unit: 'd', change: 1 },
      { code: '1.000001', step: 'stamp', step_name: 'Đóng dấu', from: '2h', to: '1h', unit: 'h', change: -1 },
    ]);
    expect(nonEmpty(d)).toEqual(['step_budgets']);
  });

  it('a step inserted or removed moves no other step', () => {
    // "check" goes in after receive, at position 2; stamp (position 4) goes.
    const check: Step = { id: 'check', name: 'Kiểm tra', action: 'other', unit: 'so-xd', duration: '1h' };
    const after = withStep('stamp', () => undefined, [steps[0]!, check, ...steps.slice(1)]);
    const d = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { steps: after })]));
    expect(d.steps_added).toEqual([{ code: '1.000001', step: 'check', step_name: 'Kiểm tra', position: 2, unit: 'so-xd', duration: '1h' }]);
    expect(d.steps_removed).toEqual([{ code: '1.000001', step: 'stamp', step_name: 'Đóng dấu', position: 4, unit: 'so-xd', duration: '2h' }]);
    // receive now leads to check, but through it still to appraise; approve to return instead of stamp, which is gone.
    expect(d.steps_moved).toEqual([]);
    expect(nonEmpty(d)).toEqual(['steps_added', 'steps_removed']);
  });

  it('steps moved: swapped in the list, or leading elsewhere through `next`', () => {
    // approve and stamp swap: receive, appraise, stamp, approve, return.
    // approve was #3 → stamp, is #4 → return; stamp was #4 → return, is #3 → approve; appraise
    // stays #2 but now leads to stamp instead of approve.
    const swapped = [steps[0]!, steps[1]!, steps[3]!, steps[2]!, steps[4]!];
    const d = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { steps: swapped })]));
    expect(d.steps_moved).toEqual([
      { code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: { position: 2, next: ['approve'] }, to: { position: 2, next: ['stamp'] } },
      { code: '1.000001', step: 'stamp', step_name: 'Đóng dấu', from: { position: 4, next: ['return'] }, to: { position: 3, next: ['approve'] } },
      { code: '1.000001', step: 'approve', step_name: 'Phê duyệt', from: { position: 3, next: ['stamp'] }, to: { position: 4, next: ['return'] } },
    ]);
    // appraise now starts approve and stamp side by side (next: [approve, stamp]); the list is unchanged.
    const branching = withStep('appraise', (s) => ({ ...s, next: ['approve', 'stamp'] }));
    const e = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { steps: branching })]));
    expect(e.steps_moved).toEqual([{ code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: { position: 2, next: ['approve'] }, to: { position: 2, next: ['approve', 'stamp'] } }]);
    // Writing out the order the list already gives (next: [approve]) moves nothing.
    const explicit = withStep('appraise', (s) => ({ ...s, next: ['approve'] }));
    expect(diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { steps: explicit })])).steps_moved).toEqual([]);
  });

  it('units and officials reassigned: the agency, a step unit, a step official', () => {
    const after = withStep('appraise', (s) => ({ ...s, unit: 'xa-a', assignee: 'ttb' }), withStep('approve', (s) => ({ ...s, assignee: 'nva' })));
    const d = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { agency: 'xa-a', steps: after })]));
    expect(d.agencies).toEqual([{ code: '1.000001', from: 'so-xd', to: 'xa-a', from_name: 'Sở Xây dựng', to_name: 'UBND xã An Bình' }]);
    expect(d.step_units).toEqual([{ code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: 'so-xd', to: 'xa-a', from_name: 'Sở Xây dựng', to_name: 'UBND xã An Bình' }]);
    expect(d.step_officials).toEqual([
      { code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: 'nva', to: 'ttb', from_name: 'Nguyễn Văn A', to_name: 'Trần Thị B' },
      // approve had no assignee.
      { code: '1.000001', step: 'approve', step_name: 'Phê duyệt', from: null, to: 'nva', from_name: null, to_name: 'Nguyễn Văn A' },
    ]);
    expect(nonEmpty(d)).toEqual(['agencies', 'step_units', 'step_officials']);
  });

  it('mechanism and fees by name', () => {
    const before = procedure('1.000001', { fees: [{ name: 'Lệ phí', amount: 150000 }, { name: 'Phí thẩm định', amount: 500000 }] });
    const after = procedure('1.000001', { mechanism: 'five-on-the-spot', fees: [{ name: 'Lệ phí', amount: 200000 }, { name: 'Phí cấp bản sao', amount: 5000 }] });
    const d = diffCatalogs(catalog([before]), catalog([after]));
    expect(d.mechanisms).toEqual([{ code: '1.000001', from: 'one-stop', to: 'five-on-the-spot' }]);
    expect(d.fees).toEqual([
      // 200,000 − 150,000 = +50,000 đồng.
      { code: '1.000001', fee: 'Lệ phí', from: 150000, to: 200000, change: 50000 },
      { code: '1.000001', fee: 'Phí thẩm định', from: 500000, to: null, change: -500000 },
      { code: '1.000001', fee: 'Phí cấp bản sao', from: null, to: 5000, change: 5000 },
    ]);
  });
});

describe('catalog diff output', () => {
  const vi = labels('vi');
  const en = labels('en');

  it.each([
    [{ from: '10d', to: '12d', unit: 'd', change: 2 }, '+2 ngày làm việc', '+2 working days'],
    [{ from: '2d', to: '1.5d', unit: 'd', change: -0.5 }, '−0.5 ngày làm việc', '−0.5 working days'],
    [{ from: '2d', to: '3d', unit: 'd', change: 1 }, '+1 ngày làm việc', '+1 working day'],
    [{ from: '1h', to: '4h', unit: 'h', change: 3 }, '+3 giờ làm việc', '+3 working hours'],
    [{ from: '30cd', to: '20cd', unit: 'cd', change: -10 }, '−10 ngày theo lịch', '−10 calendar days'],
    [{ from: '10d', to: '15cd', unit: null, change: null }, '— (không so sánh được)', '— (not comparable)'],
  ] as const)('%j reads "%s" / "%s"', (c, textVi, textEn) => {
    expect(durationChangeText(c, vi)).toBe(textVi);
    expect(durationChangeText(c, en)).toBe(textEn);
  });

  it('markdown: a heading naming both sides, a count line, a table per kind; a clear text when nothing changed', () => {
    const d = diffCatalogs(catalog([procedure('1.000001')]), catalog([procedure('1.000001', { time_limit: '12d' }), procedure('2.000002')]));
    const { counts, total } = diffCounts(d);
    const report: DiffReport = { base: { rev: 'main', commit: 'a'.repeat(40) }, head: { rev: null, commit: null }, changes: total, counts, ...d };
    expect(catalogDiffMarkdown(report, en).split('\n')).toEqual([
      '### Catalog changes: `main` (aaaaaaa) → work tree',
      '',
      '**2 changes**: Procedures added 1 · Time limits 1',
      '',
      '#### Procedures added',
      '',
      '| Code | Procedure | Agency | Time limit |',
      '| --- | --- | --- | ---: |',
      '| 2.000002 | Thủ tục 2.000002 | Sở Xây dựng | 10d |',
      '',
      '#### Time limits',
      '',
      '| Code | Procedure | Before | After | Change |',
      '| --- | --- | --- | --- | ---: |',
      // 10d → 12d: +2.
      '| 1.000001 | Thủ tục 1.000001 | 10d | 12d | +2 working days |',
      '',
    ]);
    const none = diffCatalogs(catalog([]), catalog([]));
    const empty: DiffReport = { base: { rev: 'HEAD~1', commit: 'b'.repeat(40) }, head: { rev: 'HEAD', commit: 'c'.repeat(40) }, ...diffCounts(none), changes: 0, ...none };
    expect(catalogDiffMarkdown(empty, vi)).toBe('### Thay đổi danh mục thủ tục: `HEAD~1` (bbbbbbb) → `HEAD` (ccccccc)\n\nKhông có thay đổi nào trong danh mục.\n');
  });
});

describe('validateSources', () => {
  it('finds in memory what validateCatalog finds on disk, with the same file names and catalog', () => {
    // The invalid corpus holds every kind of finding, reading and syntax errors included.
    for (const [dir, some] of [['test/fixtures/valid-minimal', false], ['test/fixtures/invalid', true], ['procedures', false]] as const) {
      const files = listCatalogFiles([join(repoRoot, dir)], repoRoot);
      const onDisk = validateCatalog({ paths: [join(repoRoot, dir)], cwd: repoRoot, asOf: new Date('2026-06-01T00:00:00Z') });
      const sources = files.map((f) => ({ file: f.slice(repoRoot.length), bytes: readFileSync(f) }));
      const inMemory = validateSources({ sources, asOf: new Date('2026-06-01T00:00:00Z') });
      expect(onDisk.findings.some((f) => f.severity === 'error')).toBe(some);
      expect(inMemory.findings).toEqual(onDisk.findings);
      expect(inMemory.files).toEqual(onDisk.files);
      expect(inMemory.catalog.procedures.map((p) => p.value)).toEqual(onDisk.catalog.procedures.map((p) => p.value));
    }
  });

  it('refuses an oversized file as a finding, not by reading it', () => {
    const r = validateSources({ sources: [{ file: 'big.yaml', bytes: new Uint8Array(9 * 1024 * 1024) }], asOf: new Date() });
    expect(r.findings.map((f) => [f.file, f.code])).toEqual([['big.yaml', 'file-too-large']]);
  });
});
