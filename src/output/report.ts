// The formats of `tthc report sla`, each a pure function of the report's data: the pinned JSON,
// a terminal table with coloured rates, CSV (RFC 4180, a BOM on request for Excel) and Markdown.
import type { ChalkInstance } from 'chalk';
import { describeMinutes } from '../calendar/duration.js';
import type { SlaChange, SlaData, SlaRow } from '../report/sla.js';
import type { CoverageRow } from '../report/coverage.js';
import type { OffendersData, OffenderRow } from '../report/offenders.js';
import type { StepTimesData, StepTimeRow } from '../report/steps.js';
import type { UrgentData, UrgentRow } from '../report/urgent.js';
import { shareBars, splitBars } from './charts.js';
import { palette } from './color.js';
import { html, htmlPage, htmlTable, type Html } from './html.js';
import type { Labels } from './labels.js';
import { signed } from './signed.js';
import { renderCsv, renderTable } from './table.js';

/** How instants are written: with the offset of the calendar's zone. */
export type FormatInstant = (t: Date) => string;

const counts = ['received', 'ended', 'early', 'on_time', 'late', 'in_progress', 'overdue'] as const;

/** A row of the report and, with --compare-previous, the same group's row in the previous period. */
type SlaLine = SlaRow & { before?: SlaRow; change?: SlaChange };

function lines(data: SlaData, totalKey: string): SlaLine[] {
  const p = data.previous;
  return [
    ...data.rows.map((r, i) => ({ ...r, ...(p ? { before: p.rows[i]!, change: p.changes[i]! } : {}) })),
    { ...data.total, key: totalKey, name: '', ...(p ? { before: p.total, change: p.totalChange } : {}) },
  ];
}

/** The JSON of SPEC.md "JSON shapes": rates as fractions or null; median in working minutes. */
export function slaJson(data: SlaData, asOf: Date, fmt: FormatInstant): string {
  const fields = (r: SlaRow) => ({ key: r.key, name: r.name, ...Object.fromEntries(counts.map((c) => [c, r[c]])), on_time_rate: r.on_time_rate, rate_766: r.rate_766, median_minutes: r.median_minutes });
  const row = (r: SlaLine) => ({ ...fields(r), ...(r.change ? { change: r.change } : {}) });
  // SPEC.md: the total has the same fields as a row; its key is "total", as in CSV.
  const all = lines(data, 'total');
  const p = data.previous;
  const previous = p ? { previous: { from: fmt(p.from), to: fmt(p.to), rows: p.rows.map(fields), total: fields({ ...p.total, key: 'total', name: '' }) } } : {};
  return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), as_of: fmt(asOf), by: data.by, rows: all.slice(0, -1).map(row), total: row(all.at(-1)!), ...previous }, null, 2) + '\n';
}

/** "97.5 %", or "—" for no denominator. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

/** The class of a rate: good at 95 % or more, warn at 80 % or more, bad below. */
function rateClass(rate: number): 'good' | 'warn' | 'bad' {
  return rate >= 0.95 ? 'good' : rate >= 0.8 ? 'warn' : 'bad';
}

/** Green at 95 % or more, yellow at 80 % or more, red below. */
function paintRate(rate: number | null, c: ChalkInstance): string {
  const text = percent(rate);
  if (rate === null) return c.dim(text);
  return { good: c.green, warn: c.yellow, bad: c.red }[rateClass(rate)](text);
}

interface Col<T = SlaLine, V = string | number | null> {
  header: string;
  label: string;
  value: (r: T) => V;
  align?: 'left' | 'right';
}

/** How each kind of cell is written: rates, a change of a rate or count, the median. */
interface Cells<V> {
  rate: (x: number | null) => V;
  change: (d: number | null, field: 'received' | 'rate') => V;
  median: (m: number | null) => V;
}

function columns<V>(data: SlaData, l: Labels, cells: Cells<V>): Col<SlaLine, V | string | number | null>[] {
  const s = l.sla;
  const cmp = data.previous !== undefined;
  // With --compare-previous: the previous period's figure and the change, beside the figure.
  const compared = (f: 'received' | 'on_time_rate' | 'rate_766', shown: (x: number | null) => V | number | null): Col<SlaLine, V | string | number | null>[] =>
    cmp
      ? [
          { header: `previous_${f}`, label: `${s.previous}`, value: (r) => shown(r.before![f]), align: 'right' },
          { header: `change_${f}`, label: f === 'received' ? '±' : `± ${s.points}`, value: (r) => cells.change(r.change![f], f === 'received' ? 'received' : 'rate'), align: 'right' },
        ]
      : [];
  return [
    { header: 'key', label: s.by[data.by], value: (r) => r.key },
    // Mechanisms and levels are named in the language of the labels.
    { header: 'name', label: s.name, value: (r) => (data.by === 'mechanism' ? (l.mechanisms as Record<string, string>)[r.key] : data.by === 'level' ? l.levels[r.key] : undefined) ?? r.name },
    ...counts.flatMap((c): Col<SlaLine, V | string | number | null>[] => [{ header: c, label: s[c], value: (r) => r[c], align: 'right' }, ...(c === 'received' ? compared(c, (x) => x) : [])]),
    { header: 'on_time_rate', label: s.on_time_rate, value: (r) => cells.rate(r.on_time_rate), align: 'right' },
    ...compared('on_time_rate', cells.rate),
    { header: 'rate_766', label: s.rate_766, value: (r) => cells.rate(r.rate_766), align: 'right' },
    ...compared('rate_766', cells.rate),
    { header: 'median_minutes', label: s.median, value: (r) => cells.median(r.median_minutes), align: 'right' },
  ];
}

/** Cells as text for people: rates in per cent, changes signed, the median in working days. */
function textCells(dayMinutes: number, rate: (x: number | null) => string, paint: (d: number | null, text: string) => string = (_d, t) => t): Cells<string> {
  return {
    rate,
    change: (d, field) => paint(field === 'rate' ? d : null, signed(d, field === 'rate')),
    median: (m) => (m === null ? '' : describeMinutes(m, dayMinutes)),
  };
}

function periodLine(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels): string {
  const p = data.previous;
  return l.sla.period(fmt(data.from), fmt(data.to), fmt(asOf)) + (p ? `\n${l.sla.previousPeriod(fmt(p.from), fmt(p.to))}` : '');
}

/** The terminal table: one row per group and a total row; rates coloured. */
export function slaTable(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels, c: ChalkInstance, dayMinutes: number): string {
  const paint = (d: number | null, t: string) => (d === null || d === 0 ? t : d > 0 ? c.green(t) : c.red(t));
  const cols = columns(data, l, textCells(dayMinutes, (x) => paintRate(x, c), paint));
  const table = renderTable(cols.map((col) => ({ ...col, header: col.label })), lines(data, l.sla.total), { color: c.level > 0 });
  return `${c.bold(l.sla.title)}\n${periodLine(data, asOf, fmt, l)}\n${table}`;
}

/** CSV: the JSON keys as header, rates as fractions, the total as a last row keyed "total". */
export function slaCsv(data: SlaData, l: Labels, opts: { bom?: boolean } = {}): string {
  const cols = columns(data, l, { rate: (x) => x, change: (d) => d, median: (m) => m }).filter((col) => !col.header.startsWith('previous_') && !col.header.startsWith('change_'));
  // With --compare-previous, every figure of the previous period and every change follow.
  const fields = data.previous ? (Object.keys(data.previous.totalChange) as (keyof SlaChange)[]) : [];
  const extra: Col[] = [...fields.map((f): Col => ({ header: `previous_${f}`, label: '', value: (r) => r.before![f] })), ...fields.map((f): Col => ({ header: `change_${f}`, label: '', value: (r) => r.change![f] }))];
  return renderCsv([...cols, ...extra], lines(data, 'total'), opts);
}

/** A Markdown table (for a pull request, a wiki, a mail), numbers right-aligned. */
export function slaMarkdown(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels, dayMinutes: number): string {
  const cols = columns(data, l, textCells(dayMinutes, percent));
  const cell = (v: string | number | null) => String(v ?? '').replace(/\|/g, '\\|');
  const rows = lines(data, `**${l.sla.total}**`);
  return [
    `### ${l.sla.title}`,
    '',
    ...periodLine(data, asOf, fmt, l).split('\n').flatMap((x) => [x, '']),
    `| ${cols.map((col) => cell(col.label)).join(' | ')} |`,
    `| ${cols.map((col) => (col.align === 'right' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((col) => cell(col.value(r))).join(' | ')} |`),
    '',
  ].join('\n');
}

/** The most groups a chart draws; a longer report charts those with the most dossiers ended. */
export const chartLimit = 40;

/**
 * One self-contained page: the on-time rate per group as bars (guides at 80 % and 95 %), the
 * split of ended dossiers into early / on time / late, then the whole table.
 */
export function slaHtml(data: SlaData, asOf: Date, fmt: FormatInstant, l: Labels, dayMinutes: number): string {
  const s = l.sla;
  const rated = (x: number | null) => (x === null ? percent(x) : html`<span class="${rateClass(x)}">${percent(x)}</span>`);
  const cells: Cells<string | Html> = {
    rate: rated,
    change: (d, field) => {
      const text = signed(d, field === 'rate');
      return field === 'rate' && d !== null && d !== 0 ? html`<span class="${d > 0 ? 'good' : 'bad'}">${text}</span>` : text;
    },
    median: (m) => (m === null ? '' : describeMinutes(m, dayMinutes)),
  };
  const cols = columns(data, l, cells);
  const name = cols[1]!.value;
  const all = lines(data, s.total);
  const charted = data.rows.length <= chartLimit ? data.rows : [...data.rows].sort((a, b) => b.ended - a.ended || (a.key < b.key ? -1 : 1)).slice(0, chartLimit);
  const labelOf = (r: SlaRow) => {
    const n = String(name(r) ?? '');
    return n && n !== r.key ? n : r.key;
  };
  const caption = data.rows.length > chartLimit ? html`<figcaption>${s.chartTop(chartLimit, data.rows.length)}</figcaption>` : null;
  const bars = shareBars(
    s.on_time_rate,
    [...charted, { ...data.total, key: s.total, name: s.total }].map((r) => ({ label: labelOf(r), value: r.on_time_rate, text: percent(r.on_time_rate), color: r.on_time_rate === null ? '#d0d7de' : { good: '#2da44e', warn: '#d4a72c', bad: '#cf222e' }[rateClass(r.on_time_rate)] })),
    [0.8, 0.95],
  );
  const split = splitBars(
    s.splitTitle,
    [
      { name: s.early, color: '#116329', ink: '#ffffff' },
      { name: s.on_time, color: '#8fd19e', ink: '#1f2328' },
      { name: s.late, color: '#cf222e', ink: '#ffffff' },
    ],
    [...charted, { ...data.total, key: s.total, name: s.total }].map((r) => ({ label: labelOf(r), counts: [r.early, r.on_time, r.late] })),
  );
  const table = htmlTable(
    cols.map((col, i) => ({ label: col.label, value: col.value, align: col.align ?? 'left', ...(i === 0 ? { kind: 'key' as const } : i === 1 ? { kind: 'text' as const } : {}) })),
    all.slice(0, -1),
    { totals: all.slice(-1) },
  );
  return htmlPage({
    lang: l.lang,
    title: `${s.title} — ${s.by[data.by]}`,
    subtitle: periodLine(data, asOf, fmt, l).replace('\n', ' · '),
    body: [
      html`<h2>${s.on_time_rate}</h2><figure>${bars}${caption}</figure>`,
      html`<h2>${s.splitTitle}</h2><figure>${split}${caption}</figure>`,
      html`<h2>${s.tableTitle}</h2>`,
      table,
      html`<p class="sub">${s.definitions}</p>`,
    ],
    footer: s.generated(fmt(asOf)),
  });
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

/** The list as a page: the three counts, then the dossiers. */
export function urgentHtml(data: UrgentData, fmt: FormatInstant, l: Labels, dayMinutes: number): string {
  const { overdue, due_soon, not_yet_due } = data.counts;
  const cols = urgentColumns(data, l, fmt, (m) => describeMinutes(m, dayMinutes));
  return htmlPage({
    lang: l.lang,
    title: data.kind === 'overdue' ? l.sla.overdueTitle : l.sla.dueSoonTitle,
    subtitle: `${l.sla.urgentCounts(overdue, due_soon, not_yet_due)} (${fmt(data.asOf)})`,
    body: htmlTable(cols.map((c, i) => ({ ...c, ...(i === 0 ? { kind: 'key' as const } : {}) })), data.rows),
    footer: l.sla.generated(fmt(data.asOf)),
  });
}

/** CSV of the list: JSON keys as header, minutes as numbers. */
export function urgentCsv(data: UrgentData, l: Labels, fmt: FormatInstant, opts: { bom?: boolean } = {}): string {
  return renderCsv(urgentColumns(data, l, fmt, (m) => String(m)), data.rows, opts);
}

/** What a report's heading says: its title and, under it, the period. */
interface Heading {
  lang: string;
  title: string;
  subtitle?: string;
  footer?: string;
}

/** A heading naming the period (and its end as the time the figures hold for). */
function periodHeading(l: Labels, title: string, data: { from: Date; to: Date }, fmt: FormatInstant): Heading {
  return { lang: l.lang, title, subtitle: l.sla.period(fmt(data.from), fmt(data.to), fmt(data.to)) };
}

/**
 * A table for the terminal under its heading; CSV with the JSON keys as header (a BOM on
 * request); or a page. Rows after `body` of them are totals.
 */
function tableOrCsv<T>(format: string, head: Heading, cols: { header: string; label: string; value: (r: T) => string | number | null; align?: 'left' | 'right' }[], rows: readonly T[], c: ChalkInstance, bom: boolean, body = rows.length): string {
  if (format === 'csv') return renderCsv(cols, rows, { bom });
  if (format === 'html') {
    const table = htmlTable(cols.map((col, i) => ({ ...col, ...(i === 0 ? { kind: 'key' as const } : {}) })), rows.slice(0, body), { totals: rows.slice(body) });
    return htmlPage({ lang: head.lang, title: head.title, ...(head.subtitle !== undefined ? { subtitle: head.subtitle } : {}), body: table, ...(head.footer !== undefined ? { footer: head.footer } : {}) });
  }
  const table = renderTable(cols.map((col) => ({ ...col, header: col.label })), rows, { color: c.level > 0 });
  return `${c.bold(head.title)}\n${head.subtitle !== undefined ? `${head.subtitle}\n` : ''}${table}`;
}

/** How many dossier codes a cell of the offenders table lists before "… and N more". */
const shownCodes = 5;

/** `report offenders`: JSON as SPEC.md pins it (plus `apologized`), or a table / CSV. */
export function offendersOutput(data: OffendersData, format: string, fmt: FormatInstant, l: Labels, c: ChalkInstance, bom = false): string {
  if (format === 'json') return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), min_late: data.minLate, rows: data.rows }, null, 2) + '\n';
  // The terminal shows the first few codes of a long list (JSON, CSV and HTML have them all).
  const list = (xs: string[]) => (format === 'csv' ? xs.join(' ') : format === 'html' ? xs.join(', ') : xs.length <= shownCodes ? xs.join('\n') : [...xs.slice(0, shownCodes), l.sla.andMore(xs.length - shownCodes)].join('\n'));
  const cols = [
    { header: 'official', label: l.official, value: (r: OffenderRow) => r.official },
    { header: 'name', label: l.sla.name, value: (r: OffenderRow) => r.name },
    { header: 'unit', label: l.unit, value: (r: OffenderRow) => r.unit },
    { header: 'late_steps', label: l.sla.lateSteps, value: (r: OffenderRow) => r.late_steps, align: 'right' as const },
    { header: 'dossiers', label: l.sla.dossiers, value: (r: OffenderRow) => list(r.dossiers) },
    { header: 'apologized', label: l.sla.apologized, value: (r: OffenderRow) => list(r.apologized) },
  ];
  return tableOrCsv(format, periodHeading(l, l.sla.offendersTitle(data.minLate), data, fmt), cols, data.rows, c, bom);
}

/** `report steps`: JSON, or a table / CSV; a 90th percentile over the budget is red. */
export function stepTimesOutput(data: StepTimesData, format: string, fmt: FormatInstant, l: Labels, color: ChalkInstance, dayMinutes: number, bom = false): string {
  if (format === 'json') return JSON.stringify({ from: fmt(data.from), to: fmt(data.to), rows: data.rows }, null, 2) + '\n';
  const csv = format === 'csv';
  const c = format === 'html' ? palette(false) : color;
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
  return tableOrCsv(format, periodHeading(l, l.sla.stepsTitle, data, fmt), cols, data.rows, c, bom);
}

/** `report coverage`: JSON, or a table / CSV with a column per mechanism and a total row. */
export function coverageOutput(data: { rows: CoverageRow[]; total: CoverageRow }, mechanisms: readonly string[], format: string, l: Labels, color: ChalkInstance, bom = false): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  const csv = format === 'csv';
  const c = format === 'html' ? palette(false) : color;
  const cols = [
    { header: 'unit', label: l.unit, value: (r: CoverageRow) => r.unit },
    { header: 'name', label: l.sla.name, value: (r: CoverageRow) => r.name },
    { header: 'procedures', label: l.sla.procedures, value: (r: CoverageRow) => r.procedures, align: 'right' as const },
    ...mechanisms.map((m) => ({ header: m, label: (l.mechanisms as Record<string, string>)[m] ?? m, value: (r: CoverageRow) => r.by_mechanism[m] ?? 0, align: 'right' as const })),
    { header: 'five_on_the_spot_share', label: l.sla.fiveShare, value: (r: CoverageRow) => (csv ? r.five_on_the_spot_share : paintRate(r.five_on_the_spot_share, c)), align: 'right' as const },
  ];
  const rows = [...data.rows, { ...data.total, unit: csv ? 'total' : l.sla.total }];
  return tableOrCsv(format, { lang: l.lang, title: l.sla.coverageTitle }, cols, rows, c, bom, data.rows.length);
}
