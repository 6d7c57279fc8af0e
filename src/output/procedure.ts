// Human rendering of `tthc catalog list` and `tthc catalog show`.
import type { ChalkInstance } from 'chalk';
import type { Component } from '../catalog/model.js';
import type { ProcedureDetail, ProcedureSummary } from '../catalog/query.js';
import type { Labels } from './labels.js';
import { renderCsv, renderTable, type Column } from './table.js';

/** Columns of the procedure list; JSON keys as headers for CSV, labels for tables. */
function listColumns(l: Labels, human: boolean): Column<ProcedureSummary>[] {
  const h = (key: string, label: string) => (human ? label : key);
  return [
    { header: h('code', l.code), value: (r) => r.code },
    { header: h('name', l.name), value: (r) => r.name },
    { header: h('agency', l.agency), value: (r) => (human ? r.agency_name : r.agency) },
    { header: h('level', l.level), value: (r) => (human ? (l.levels[r.level ?? ''] ?? r.level) : r.level) },
    { header: h('field', l.field), value: (r) => r.field },
    { header: h('mechanism', l.mechanism), value: (r) => (human ? l.mechanisms[r.mechanism] : r.mechanism) },
    { header: h('time_limit', l.timeLimit), value: (r) => r.time_limit, align: 'right' },
  ];
}

/** The procedure list as a terminal table with a count line. */
export function procedureListTable(rows: readonly ProcedureSummary[], l: Labels, color: boolean): string {
  // Fixed widths (about 160 columns): the output must not depend on the terminal it is run in.
  return renderTable(listColumns(l, true), rows, { color, wordWrap: true, widths: [12, 50, 24, 8, 20, 18, 10] }) + `${rows.length} ${l.procedures}\n`;
}

/** The procedure list as CSV, with the JSON keys as headers. */
export function procedureListCsv(rows: readonly ProcedureSummary[], l: Labels): string {
  const cols = listColumns(l, false);
  cols.splice(3, 0, { header: 'agency_name', value: (r) => r.agency_name });
  return renderCsv(cols, rows);
}

/** An amount of đồng as people read it: "75.000 đ". */
export function money(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} đ`;
}

/** A component with its copies, original or copy, form and whether it is optional: "Đơn (1 bộ, bản chính)". */
export function componentText(comp: Component, l: Labels): string {
  const kind = comp.original === undefined ? '' : comp.original ? l.original : l.copy;
  const extra = [`${comp.copies ?? 1} ${l.copies}`, kind, comp.form ?? '', comp.optional ? l.optional : ''].filter(Boolean).join(', ');
  return `${comp.name} (${extra})`;
}

/** One procedure in full, for a terminal. */
export function procedureDetailText(d: ProcedureDetail, l: Labels, c: ChalkInstance): string {
  const lines: string[] = [];
  const row = (label: string, value: string | null) => {
    if (value !== null && value !== '') lines.push(`${c.dim(label.padEnd(16))} ${value}`);
  };
  lines.push(c.bold(`${d.code}  ${d.name}`), '');
  row(l.agency, `${d.agency.name}${d.agency.code ? ` (${d.agency.code})` : ''}`);
  row(l.field, d.field);
  row(l.mechanism, l.mechanisms[d.mechanism]);
  row(l.timeLimit, d.time_limit);
  const over = d.time_limit_minutes !== null && d.longest_path.minutes > d.time_limit_minutes;
  const verdict = d.time_limit_minutes === null ? '' : over ? c.red(` (${l.overLimit})`) : c.green(` (${l.withinLimit})`);
  row(l.longestPath, `${d.longest_path.duration} ${l.of} ${d.time_limit}${verdict}: ${d.longest_path.steps.join(' → ')}`);
  row(l.effectiveFrom, d.effective_from + (d.effective_to ? ` – ${d.effective_to}` : ''));
  row(l.applicants, d.applicants);
  row(l.result, d.result);
  lines.push('', c.bold(l.steps));
  const stepRows = d.steps.map((s, i) => ({ ...s, n: i + 1 }));
  lines.push(
    renderTable<(typeof stepRows)[number]>(
      [
        { header: '#', value: (s) => s.n, align: 'right' },
        { header: l.step, value: (s) => `${s.name}\n${c.dim(s.id)}` },
        { header: l.action, value: (s) => l.actions[s.action] },
        { header: l.unit, value: (s) => s.unit.name },
        { header: l.official, value: (s) => (s.official ? [s.official.name, s.official.title, s.official.phone, s.official.email].filter(Boolean).join('\n') : '') },
        { header: l.budget, value: (s) => (s.on_longest_path ? c.bold(s.duration) : s.duration), align: 'right' },
        { header: l.next, value: (s) => (s.next.length ? s.next.join(', ') : l.end) },
      ],
      stepRows,
      { color: c.level > 0, wordWrap: true, widths: [4, 30, 13, 26, 36, 11, 14] },
    ).trimEnd(),
  );
  lines.push('', c.bold(l.fees));
  if (d.fees.length === 0) lines.push(`  ${l.free}`);
  for (const f of d.fees) lines.push(`  • ${f.name}: ${money(f.amount)}${f.note ? ` (${f.note})` : ''}`);
  if (d.components.length > 0) {
    lines.push('', c.bold(l.components));
    for (const comp of d.components) lines.push(`  • ${componentText(comp, l)}`);
  }
  if (d.conditions.length > 0) {
    lines.push('', c.bold(l.conditions));
    for (const x of d.conditions) lines.push(`  • ${x}`);
  }
  if (d.legal_basis.length > 0) {
    lines.push('', c.bold(l.legalBasis));
    for (const x of d.legal_basis) lines.push(`  • ${x}`);
  }
  return lines.join('\n') + '\n';
}

