// Inline SVG charts for the HTML reports: horizontal bars of a share per group, and bars split
// into parts (early / on time / late). Every bar carries its figure as text and a <title>, so the
// chart reads without colour (printed in grey) and with a screen reader.
import { escapeHtml, raw, type Html } from './html.js';

const width = 760;
const labelWidth = 250;
const valueWidth = 80;
const barArea = width - labelWidth - valueWidth;
const rowHeight = 24;
const barHeight = 16;
const top = 24;

/** At most `max` characters, with an ellipsis when cut (the whole text stays in the <title>). */
function clip(text: string, max = 36): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

function svg(height: number, title: string, body: string): Html {
  return raw(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto" font-size="12">` +
      `<title>${escapeHtml(title)}</title>${body}</svg>`,
  );
}

function label(y: number, text: string): string {
  return `<text x="${labelWidth - 8}" y="${y + barHeight - 4}" text-anchor="end" fill="#1f2328">${escapeHtml(clip(text))}</text>`;
}

export interface ShareBar {
  label: string;
  /** A fraction in [0, 1], or null when there is nothing to divide. */
  value: number | null;
  text: string;
  color: string;
}

/** One bar per item, from 0 to 100 %, with dashed guide lines at `guides` (fractions). */
export function shareBars(title: string, items: readonly ShareBar[], guides: readonly number[]): Html {
  const height = top + items.length * rowHeight + 8;
  const x = (f: number) => labelWidth + f * barArea;
  const parts: string[] = [];
  for (const f of [0, 0.25, 0.5, 0.75, 1]) parts.push(`<text x="${x(f).toFixed(1)}" y="14" text-anchor="middle" fill="#57606a">${f * 100} %</text>`);
  items.forEach((it, i) => {
    const y = top + i * rowHeight;
    parts.push(label(y, it.label));
    if (it.value !== null) {
      const w = Math.max(it.value * barArea, it.value > 0 ? 1 : 0);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${it.color}"><title>${escapeHtml(`${it.label}: ${it.text}`)}</title></rect>`);
    }
    parts.push(`<text x="${(x(1) + 6).toFixed(1)}" y="${y + barHeight - 4}" fill="#1f2328">${escapeHtml(it.text)}</text>`);
  });
  for (const g of guides) parts.push(`<line x1="${x(g).toFixed(1)}" x2="${x(g).toFixed(1)}" y1="18" y2="${height - 4}" stroke="#57606a" stroke-dasharray="3 3"/>`);
  parts.push(`<line x1="${labelWidth}" x2="${labelWidth}" y1="18" y2="${height - 4}" stroke="#1f2328"/>`);
  return svg(height, title, parts.join(''));
}

export interface Series {
  name: string;
  color: string;
  /** Text colour on the part: dark on light fills, white on dark ones. */
  ink: string;
}

export interface SplitBar {
  label: string;
  /** One count per series; the bar shows their shares of the sum. */
  counts: readonly number[];
}

/** One full-width bar per item split into the series' shares, with a legend above. */
export function splitBars(title: string, series: readonly Series[], items: readonly SplitBar[]): Html {
  const height = top + items.length * rowHeight + 8;
  const parts: string[] = [];
  let lx = labelWidth;
  for (const s of series) {
    parts.push(`<rect x="${lx}" y="4" width="12" height="12" fill="${s.color}" stroke="#1f2328" stroke-width="0.5"/><text x="${lx + 16}" y="14" fill="#1f2328">${escapeHtml(s.name)}</text>`);
    lx += 24 + [...s.name].length * 7;
  }
  items.forEach((it, i) => {
    const y = top + i * rowHeight;
    parts.push(label(y, it.label));
    const sum = it.counts.reduce((a, b) => a + b, 0);
    if (sum === 0) {
      parts.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 4}" fill="#57606a">—</text>`);
      return;
    }
    let x = labelWidth;
    it.counts.forEach((n, k) => {
      if (n === 0) return;
      const w = (n / sum) * barArea;
      const s = series[k]!;
      const share = `${Math.round((n / sum) * 100)} %`;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${s.color}" stroke="#ffffff" stroke-width="0.5"><title>${escapeHtml(`${it.label}: ${s.name} ${n} (${share})`)}</title></rect>`);
      if (w >= 34) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + barHeight - 4}" text-anchor="middle" fill="${s.ink}">${share}</text>`);
      x += w;
    });
    parts.push(`<text x="${labelWidth + barArea + 6}" y="${y + barHeight - 4}" fill="#1f2328">${sum}</text>`);
  });
  return svg(height, title, parts.join(''));
}
