// Human rendering of `tthc calendar …`.
import type { ChalkInstance } from 'chalk';
import type { YearDay, YearView } from '../calendar/year.js';
import type { Labels } from './labels.js';

/** Twelve month grids, three abreast, closed days red, make-up days green, rest days dim. */
export function yearGrid(v: YearView, weekdayIndex: (date: string) => number, l: Labels, c: ChalkInstance): string {
  const months: string[][] = [];
  for (let m = 1; m <= 12; m++) {
    const days = v.days.filter((d) => Number(d.date.slice(5, 7)) === m);
    const lines = [center(`${l.month(m)} ${v.year}`, 20), l.weekdaysShort.map((w) => w.padStart(2)).join(' ')];
    let cells: string[] = Array.from({ length: weekdayIndex(days[0]!.date) }, () => '  ');
    for (const d of days) {
      cells.push(paint(d, c));
      if (cells.length === 7) {
        lines.push(cells.join(' '));
        cells = [];
      }
    }
    if (cells.length > 0) lines.push(cells.join(' ') + ' '.repeat((7 - cells.length) * 3));
    while (lines.length < 8) lines.push(' '.repeat(20));
    months.push(lines);
  }
  const out: string[] = [];
  for (let row = 0; row < 4; row++) {
    const block = months.slice(row * 3, row * 3 + 3);
    for (let i = 0; i < 8; i++) out.push(block.map((m) => m[i] ?? '').join('   ').trimEnd());
    out.push('');
  }
  out.push(c.dim(l.legend), '');
  if (v.closed.length > 0) {
    out.push(c.bold(l.closedDays));
    for (const r of ranges(v.closed)) out.push(`  ${c.red(r.from === r.to ? r.from.padEnd(23) : `${r.from} – ${r.to}`)}  ${r.name}`);
    out.push('');
  }
  if (v.make_up.length > 0) {
    out.push(c.bold(l.makeUpDays));
    for (const d of v.make_up) out.push(`  ${c.green(d.date)}  ${d.name}`);
    out.push('');
  }
  out.push(l.yearSummary(v.working_days, Math.round((v.working_minutes / 60) * 100) / 100));
  return out.join('\n') + '\n';
}

/** Consecutive dates with one name, as ranges (dates are YYYY-MM-DD, in order). */
function ranges(days: readonly { date: string; name: string }[]): { from: string; to: string; name: string }[] {
  const out: { from: string; to: string; name: string }[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    const next = last ? new Date(Date.parse(`${last.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined;
    if (last && last.name === d.name && next === d.date) last.to = d.date;
    else out.push({ from: d.date, to: d.date, name: d.name });
  }
  return out;
}

function paint(d: YearDay, c: ChalkInstance): string {
  const text = String(Number(d.date.slice(8, 10))).padStart(2);
  if (d.kind === 'holiday') return c.red.bold(text);
  if (d.kind === 'make-up') return c.green.bold(text);
  if (d.kind === 'rest') return c.dim(text);
  return text;
}

function center(s: string, width: number): string {
  const left = Math.max(0, Math.floor((width - s.length) / 2));
  return (' '.repeat(left) + s).padEnd(width);
}

/** Lines "label value" aligned, for `calendar due` and `calendar between`. */
export function labelled(rows: readonly [string, string][], c: ChalkInstance): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${c.dim(k.padEnd(width))}  ${v}`).join('\n') + '\n';
}
