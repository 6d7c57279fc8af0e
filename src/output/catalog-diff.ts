// The formats of `tthc catalog diff`: a terminal table per kind of change, and Markdown for a
// pull-request comment. Both are drawn from the same sections, so they always say the same.
import type { ChalkInstance } from 'chalk';
import type { CatalogDiff, DiffKind, DurationChange, StepPlace } from '../catalog/diff.js';
import type { Mechanism } from '../catalog/model.js';
import { renderGrid, wrapWords } from './grid.js';
import type { Labels } from './labels.js';
import { signed } from './signed.js';

/** One side of the comparison: a revision and its commit, or the work tree (both null). */
export interface DiffSide {
  rev: string | null;
  commit: string | null;
}

/** `tthc catalog diff --format json`: the sides, the counts, then every change by kind. */
export interface DiffReport extends CatalogDiff {
  base: DiffSide;
  head: DiffSide;
  /** How many changes in all. */
  changes: number;
  counts: Record<DiffKind, number>;
}

interface Section {
  kind: DiffKind;
  /** `wrap`: in a terminal, break the column's text into lines of at most that many characters. */
  columns: { header: string; align?: 'right'; wrap?: number }[];
  rows: string[][];
}

const money = (amount: number | null, l: Labels) => (amount === null ? '—' : `${amount.toLocaleString(l.lang === 'vi' ? 'vi-VN' : 'en-US')} đ`);

/** "+2 ngày làm việc", "−0.5 working days", "—" with the reason when the units differ too much. */
export function durationChangeText(c: DurationChange, l: Labels): string {
  if (c.change === null || c.unit === null) return `— (${l.diff.notComparable})`;
  return `${signed(c.change, false)} ${l.diff.durationUnits[c.unit](Math.abs(c.change))}`;
}

function placeText(p: StepPlace, l: Labels): string {
  return `#${p.position} → ${p.next.length > 0 ? p.next.join(', ') : l.end}`;
}

/** The non-empty kinds of change as titled rows of text, in the order of `diffKinds`. */
function sections(d: DiffReport, l: Labels): Section[] {
  const t = l.diff;
  const named = (name: string | null, id: string | null) => (id === null ? '—' : name === null || name === id ? id : `${name} (${id})`);
  const step = (r: { step: string; step_name: string }) => `${r.step_name} (${r.step})`;
  const mech = (m: string) => l.mechanisms[m as Mechanism] ?? m;
  const code = { header: l.code };
  const stepColumn = { header: l.step, wrap: 50 };
  const both = [
    { header: t.before, wrap: 40 },
    { header: t.after, wrap: 40 },
  ];
  const change = { header: t.change, align: 'right' as const };
  const procedureColumns = [code, { header: l.name, wrap: 60 }, { header: l.agency, wrap: 40 }, { header: l.timeLimit, align: 'right' as const }];
  const stepColumns = [code, stepColumn, { header: t.position, align: 'right' as const }, { header: l.unit }, { header: l.budget, align: 'right' as const }];
  const all: Section[] = [
    { kind: 'procedures_added', columns: procedureColumns, rows: d.procedures_added.map((r) => [r.code, r.name, r.agency_name, r.time_limit]) },
    { kind: 'procedures_removed', columns: procedureColumns, rows: d.procedures_removed.map((r) => [r.code, r.name, r.agency_name, r.time_limit]) },
    { kind: 'procedures_renamed', columns: [code, ...both], rows: d.procedures_renamed.map((r) => [r.code, r.from, r.to]) },
    { kind: 'time_limits', columns: [code, { header: l.name, wrap: 60 }, ...both, change], rows: d.time_limits.map((r) => [r.code, r.name, r.from, r.to, durationChangeText(r, l)]) },
    { kind: 'agencies', columns: [code, ...both], rows: d.agencies.map((r) => [r.code, named(r.from_name, r.from), named(r.to_name, r.to)]) },
    { kind: 'mechanisms', columns: [code, ...both], rows: d.mechanisms.map((r) => [r.code, mech(r.from), mech(r.to)]) },
    { kind: 'fees', columns: [code, { header: t.fee }, ...both, change], rows: d.fees.map((r) => [r.code, r.fee, money(r.from, l), money(r.to, l), `${signed(r.change, false)} đ`]) },
    { kind: 'steps_added', columns: stepColumns, rows: d.steps_added.map((r) => [r.code, step(r), String(r.position), r.unit, r.duration]) },
    { kind: 'steps_removed', columns: stepColumns, rows: d.steps_removed.map((r) => [r.code, step(r), String(r.position), r.unit, r.duration]) },
    { kind: 'steps_moved', columns: [code, stepColumn, ...both], rows: d.steps_moved.map((r) => [r.code, step(r), placeText(r.from, l), placeText(r.to, l)]) },
    { kind: 'step_budgets', columns: [code, stepColumn, ...both, change], rows: d.step_budgets.map((r) => [r.code, step(r), r.from, r.to, durationChangeText(r, l)]) },
    { kind: 'step_units', columns: [code, stepColumn, ...both], rows: d.step_units.map((r) => [r.code, step(r), named(r.from_name, r.from), named(r.to_name, r.to)]) },
    { kind: 'step_officials', columns: [code, stepColumn, ...both], rows: d.step_officials.map((r) => [r.code, step(r), named(r.from_name, r.from), named(r.to_name, r.to)]) },
  ];
  return all.filter((s) => s.rows.length > 0);
}

function sideText(s: DiffSide, l: Labels, code: (text: string) => string): string {
  return s.rev === null ? l.diff.workTree : `${code(s.rev)}${s.commit && !s.commit.startsWith(s.rev) ? ` (${s.commit.slice(0, 7)})` : ''}`;
}

/** "7 thay đổi: Thủ tục mới 1 · Thời hạn giải quyết 2", or the no-change sentence. */
function summary(d: DiffReport, l: Labels, strong: (text: string) => string): string {
  if (d.changes === 0) return l.diff.noChanges;
  const parts = (Object.keys(d.counts) as DiffKind[]).filter((k) => d.counts[k] > 0).map((k) => `${l.diff.kinds[k]} ${d.counts[k]}`);
  return `${strong(l.diff.changes(d.changes))}: ${parts.join(' · ')}`;
}

/** The changes for a terminal: a title, the counts, then one table per kind of change. */
export function catalogDiffTable(d: DiffReport, l: Labels, c: ChalkInstance): string {
  const out = [c.bold(`${l.diff.title}: ${sideText(d.base, l, (x) => x)} → ${sideText(d.head, l, (x) => x)}`), summary(d, l, (x) => x)];
  for (const s of sections(d, l)) {
    const rows = s.rows.map((r) => r.map((text, i) => (s.columns[i]?.wrap ? wrapWords(text, s.columns[i]!.wrap!) : text)));
    out.push('', c.bold(l.diff.kinds[s.kind]), renderGrid(s.columns, rows, (h) => c.bold(h)).trimEnd());
  }
  return out.join('\n') + '\n';
}

/** The changes as Markdown for a pull-request comment: a heading, the counts, a table per kind. */
export function catalogDiffMarkdown(d: DiffReport, l: Labels): string {
  const cell = (v: string) => v.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  const out = [`### ${l.diff.title}: ${sideText(d.base, l, (x) => `\`${x}\``)} → ${sideText(d.head, l, (x) => `\`${x}\``)}`, '', summary(d, l, (x) => `**${x}**`)];
  for (const s of sections(d, l)) {
    out.push(
      '',
      `#### ${l.diff.kinds[s.kind]}`,
      '',
      `| ${s.columns.map((col) => cell(col.header)).join(' | ')} |`,
      `| ${s.columns.map((col) => (col.align === 'right' ? '---:' : '---')).join(' | ')} |`,
      ...s.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    );
  }
  return out.join('\n') + '\n';
}
