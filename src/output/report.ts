// The formats of `tthc report sla`, each a pure function of the report's data: the pinned JSON,
// a terminal table with coloured rates, CSV (RFC 4180, a BOM on request for Excel) and Markdown.
import type { ChalkInstance } from 'chalk';
import { describeMinutes } from '../calendar/duration.js';
import type { SlaData, SlaRow } from '../report/sla.js';
import type { CoverageRow } from '../report/coverage.js';
import type { OffendersData, OffenderRow } from '../report/offenders.js';
import type { StepTimesData, StepTimeRow } from '../report/steps.js';
import type { UrgentData, UrgentRow } from '../report/urgent.js';
import type { Labels } from './labels.js';
import { renderCsv, renderTable } from './table.js';

/** How instants are written: with the offset of the calendar's zone. */
export type FormatInstant = (t: Date) => string;

const counts = ['received', 'ended', 'early', 'on_time', 'late', 'in_progress', 'overdue'] as const;

/** The JSON of SPEC.md "JSON shapes": rates as fractions or null; median in working minutes. */
export function slaJson(data: SlaData, asOf: Date, fmt: FormatInstant): string {
  const row = (r: SlaRow) => ({ key: r.key, name: r.name, ...Object.fromEntries(counts.map((c) => [c, r[c]])), on_time_rate: r.on_time_rate, rate_766: r.rate_766, median_minutes: r.median_minutes });
  // SPEC.md: the total has the same fields as a row; its key is "total", as in CSV.
  const total = row({ ...data.total, key: 'total', name: '' });
  return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), as_of: fmt(asOf), by: data.by, rows: data.rows.map(row), total }, null, 2) + '\n';
}

/** "97.5 %", or "—" for no denominator. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

/** Green at 95 % or more, yellow at 80 % or more, red below. */
function paintRate(rate: number | null, c: ChalkInstance): string {
  const text = percent(rate);
  if (rate === null) return c.dim(text);
  return rate >= 0.95 ? c.green(text) : rate >= 0.8 ? c.yellow(text) : c.red(text);
}

interface Col {
  header: string;
  label: string;
  value: (r: SlaRow) => string | number | null;
  align?: 'left' | 'right';
}

function columns(data: SlaData, l: Labels, dayMinutes: number, rate: (x: number | null) => string): Col[] {
  const s = l.sla;
  return [
    { header: 'key', label: s.by[data.by], value: (r) => r.key },
    // Mechanisms and levels are named in the language of the labels.
    { header: 'name', label: s.name, value: (r) => (data.by === 'mechanism' ? (l.mechanisms as Record<string, string>)[r.key] : data.by === 'level' ? l.levels[r.key] : undefined) ?? r.name },
    ...counts.map((c): Col => ({ header: c, label: s[c], value: (r) => r[c], align: 'right' })),
    { header: 'on_time_rate', label: s.on_time_rate, value: (r) => rate(r.on_time_rate), align: 'right' },
    { header: 'rate_766', label: s.rate_766, value: (r) => rate(r.rate_766), align: 'right' },
    { header: 'median_minutes', label: s.median, value: (r) => (r.median_minutes === null ? '' : describeMinutes(r.median_minutes, dayMinutes)), align: 'right' },
  ];
}

/** The terminal table: one row per group and a total row; rates coloured. */
export function slaTable(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels, c: ChalkInstance, dayMinutes: number): string {
  const total = { ...data.total, key: l.sla.total, name: '' };
  const table = renderTable(
    columns(data, l, dayMinutes, (x) => paintRate(x, c)).map((col) => ({ ...col, header: col.label })),
    [...data.rows, total],
    { color: c.level > 0 },
  );
  return `${c.bold(l.sla.title)}\n${l.sla.period(fmt(data.from), fmt(data.to), fmt(asOf))}\n${table}`;
}

/** CSV: the JSON keys as header, rates as fractions, the total as a last row keyed "total". */
export function slaCsv(data: SlaData, l: Labels, opts: { bom?: boolean } = {}): string {
  const cols = columns(data, l, 480, (x) => (x === null ? '' : String(x))).map((col) => (col.header === 'median_minutes' ? { ...col, value: (r: SlaRow) => r.median_minutes } : col));
  return renderCsv(cols, [...data.rows, { ...data.total, key: 'total', name: '' }], opts);
}

/** A Markdown table (for a pull request, a wiki, a mail), numbers right-aligned. */
export function slaMarkdown(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels, dayMinutes: number): string {
  const cols = columns(data, l, dayMinutes, percent);
  const cell = (v: string | number | null) => String(v ?? '').replace(/\|/g, '\\|');
  const rows = [...data.rows, { ...data.total, key: `**${l.sla.total}**`, name: '' }];
  return [
    `### ${l.sla.title}`,
    '',
    l.sla.period(fmt(data.from), fmt(data.to), fmt(asOf)),
    '',
    `| ${cols.map((col) => cell(col.label)).join(' | ')} |`,
    `| ${cols.map((col) => (col.align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((col) => cell(col.value(r))).join(' | ')} |`),
    '',
  ].join('\n');
}

/** `report overdue|due-soon --format json`: SPEC.md's shape, `late_minutes` or `left_minutes`. */
export function urgentJson(data: UrgentData, fmt: FormatInstant): string {
  const minutes = data.kind === 'overdue' ? 'late_minutes' : 'left_minutes';
  const rows = data.rows.map((r) => ({ code: r.code, procedure: r.procedure, unit: r.unit, step: r.step, official: r.official, due: fmt(r.due), [minutes]: r.minutes }));
  return JSON.stringify({ as_of: fmt(data.asOf), counts: data.counts, rows }, null, 2) + '\n';
}

function urgentColumns(data: UrgentData, l: Labels, fmt: FormatInstant, span: (m: number) => string) {
  return [
    { header: 'code', label: l.code, value: (r: UrgentRow) => r.code },
    { header: 'procedure', label: l.procedure, value: (r: UrgentRow) => r.procedure },
    { header: 'unit', label: l.unit, value: (r: UrgentRow) => r.unit },
    { header: 'step', label: l.step, value: (r: UrgentRow) => r.step },
    { header: 'official', label: l.official, value: (r: UrgentRow) => r.official },
    { header: 'due', label: l.due, value: (r: UrgentRow) => fmt(r.due) },
    { header: data.kind === 'overdue' ? 'late_minutes' : 'left_minutes', label: data.kind === 'overdue' ? l.sla.lateBy : l.sla.left, value: (r: UrgentRow) => span(r.minutes), align: 'right' as const },
  ];
}

/** The terminal list: a header with the three counts, then the dossiers, most urgent first. */
export function urgentTable(data: UrgentData, fmt: FormatInstant, l: Labels, c: ChalkInstance, dayMinutes: number): string {
  const { overdue, due_soon, not_yet_due } = data.counts;
  const title = data.kind === 'overdue' ? l.sla.overdueTitle : l.sla.dueSoonTitle;
  const head = `${c.bold(title)}\n${l.sla.urgentCounts(overdue, due_soon, not_yet_due)} (${fmt(data.asOf)})\n`;
  if (data.rows.length === 0) return head;
  const paint = data.kind === 'overdue' ? c.red : c.yellow;
  const cols = urgentColumns(data, l, fmt, (m) => paint(describeMinutes(m, dayMinutes))).map((col) => ({ ...col, header: col.label }));
  return head + renderTable(cols, data.rows, { color: c.level > 0 });
}

/** CSV of the list: JSON keys as header, minutes as numbers. */
export function urgentCsv(data: UrgentData, l: Labels, fmt: FormatInstant, opts: { bom?: boolean } = {}): string {
  return renderCsv(urgentColumns(data, l, fmt, (m) => String(m)), data.rows, opts);
}

/** A table for the terminal, or CSV with the JSON keys as header (a BOM on request). */
function tableOrCsv<T>(format: string, cols: { header: string; label: string; value: (r: T) => string | number | null; align?: 'left' | 'right' }[], rows: readonly T[], c: ChalkInstance, bom: boolean): string {
  if (format === 'csv') return renderCsv(cols, rows, { bom });
  return renderTable(cols.map((col) => ({ ...col, header: col.label })), rows, { color: c.level > 0 });
}

/** `report offenders`: JSON as SPEC.md pins it (plus `apologized`), or a table / CSV. */
export function offendersOutput(data: OffendersData, format: string, fmt: FormatInstant, l: Labels, c: ChalkInstance, bom = false): string {
  if (format === 'json') return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), min_late: data.minLate, rows: data.rows }, null, 2) + '\n';
  const list = (xs: string[]) => (format === 'csv' ? xs.join(' ') : xs.join('\n'));
  const cols = [
    { header: 'official', label: l.official, value: (r: OffenderRow) => r.official },
    { header: 'name', label: l.sla.name, value: (r: OffenderRow) => r.name },
    { header: 'unit', label: l.unit, value: (r: OffenderRow) => r.unit },
    { header: 'late_steps', label: l.sla.lateSteps, value: (r: OffenderRow) => r.late_steps, align: 'right' as const },
    { header: 'dossiers', label: l.sla.dossiers, value: (r: OffenderRow) => list(r.dossiers) },
    { header: 'apologized', label: l.sla.apologized, value: (r: OffenderRow) => list(r.apologized) },
  ];
  const body = tableOrCsv(format, cols, data.rows, c, bom);
  return format === 'csv' ? body : `${c.bold(l.sla.offendersTitle(data.minLate))}\n${l.sla.period(fmt(data.from), fmt(data.to), fmt(data.to))}\n${body}`;
}

/** `report steps`: JSON, or a table / CSV; a 90th percentile over the budget is red. */
export function stepTimesOutput(data: StepTimesData, format: string, fmt: FormatInstant, l: Labels, c: ChalkInstance, dayMinutes: number, bom = false): string {
  if (format === 'json') return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), rows: data.rows }, null, 2) + '\n';
  const csv = format === 'csv';
  const span = (m: number | null) => (m === null ? '' : csv ? m : describeMinutes(m, dayMinutes));
  const cols = [
    { header: 'procedure', label: l.procedure, value: (r: StepTimeRow) => r.procedure },
    { header: 'step', label: l.step, value: (r: StepTimeRow) => r.step },
    { header: 'name', label: l.sla.name, value: (r: StepTimeRow) => r.name },
    { header: 'completed', label: l.sla.completed, value: (r: StepTimeRow) => r.completed, align: 'right' as const },
    { header: 'median_minutes', label: l.sla.median, value: (r: StepTimeRow) => span(r.median_minutes), align: 'right' as const },
    { header: 'p90_minutes', label: l.sla.p90, value: (r: StepTimeRow) => (!csv && r.budget_minutes !== null && r.p90_minutes > r.budget_minutes ? c.red(String(span(r.p90_minutes))) : span(r.p90_minutes)), align: 'right' as const },
    { header: 'late_share', label: l.sla.lateShare, value: (r: StepTimeRow) => (csv ? r.late_share : percent(r.late_share)), align: 'right' as const },
    { header: 'budget_minutes', label: l.sla.budget, value: (r: StepTimeRow) => span(r.budget_minutes), align: 'right' as const },
  ];
  const body = tableOrCsv(format, cols, data.rows, c, bom);
  return csv ? body : `${c.bold(l.sla.stepsTitle)}\n${l.sla.period(fmt(data.from), fmt(data.to), fmt(data.to))}\n${body}`;
}

/** `report coverage`: JSON, or a table / CSV with a column per mechanism and a total row. */
export function coverageOutput(data: { rows: CoverageRow[]; total: CoverageRow }, mechanisms: readonly string[], format: string, l: Labels, c: ChalkInstance, bom = false): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  const csv = format === 'csv';
  const cols = [
    { header: 'unit', label: l.unit, value: (r: CoverageRow) => r.unit },
    { header: 'name', label: l.sla.name, value: (r: CoverageRow) => r.name },
    { header: 'procedures', label: l.sla.procedures, value: (r: CoverageRow) => r.procedures, align: 'right' as const },
    ...mechanisms.map((m) => ({ header: m, label: (l.mechanisms as Record<string, string>)[m] ?? m, value: (r: CoverageRow) => r.by_mechanism[m] ?? 0, align: 'right' as const })),
    { header: 'five_on_the_spot_share', label: l.sla.fiveShare, value: (r: CoverageRow) => (csv ? r.five_on_the_spot_share : paintRate(r.five_on_the_spot_share, c)), align: 'right' as const },
  ];
  const rows = [...data.rows, { ...data.total, unit: csv ? 'total' : l.sla.total }];
  const body = tableOrCsv(format, cols, rows, c, bom);
  return csv ? body : `${c.bold(l.sla.coverageTitle)}\n${body}`;
}
