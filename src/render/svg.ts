// A procedure as a self-contained SVG picture (`tthc catalog show CODE --diagram svg`, `tthc
// dossier show CODE --diagram svg`, and the pages of the published catalog): one box per step
// with its number, name, unit, official and budget; an arrow per successor; the layout by dagre
// (ranks top to bottom, so parallel branches stand side by side); the longest path heavier; a
// title with the time limit and the longest path. Given a dossier's progress, each box is filled
// with its step's state, shows when it started and completed, and a legend explains the colours.
// No fonts, stylesheets, images or scripts are fetched: the file stands alone.
import { Graph, layout } from '@dagrejs/dagre';
import { baseLetters, type ProcedureDetail } from '../catalog/query.js';
import { stepRanks } from '../dossier/procedure.js';
import type { StepProgressState } from '../dossier/view.js';

/** The words of a diagram, in the output's language (src/output/labels.ts has them). */
export interface SvgLabels {
  timeLimit: string;
  longestPath: string;
  budget: string;
  started: string;
  completed: string;
  /** The legend's name of each state. */
  stepStates: Readonly<Record<StepProgressState, string>>;
}

/** A step of a dossier as the diagram shows it; times are display text formatted by the caller. */
export interface StepProgress {
  state: StepProgressState;
  started_at: string | null;
  completed_at: string | null;
}

/** More for a diagram: a line under the title (a dossier's code and as-of, for example). */
export interface SvgOptions {
  note?: string;
}

/** Fill and border of a box in each state; boxes without progress are white. */
export const stateColours: Readonly<Record<StepProgressState, { fill: string; stroke: string }>> = {
  completed_on_time: { fill: '#c8e6c9', stroke: '#2e7d32' },
  completed_late: { fill: '#ffcdd2', stroke: '#c62828' },
  running: { fill: '#fff59d', stroke: '#b28704' },
  running_overdue: { fill: '#ff8a80', stroke: '#8e0000' },
  pending: { fill: '#eceff1', stroke: '#78909c' },
};
const plainBox = { fill: '#ffffff', stroke: '#546e7a' };
const legendOrder: readonly StepProgressState[] = ['completed_on_time', 'completed_late', 'running', 'running_overdue', 'pending'];

const font = 'DejaVu Sans, Noto Sans, Segoe UI, Arial, Helvetica, sans-serif';
const boxWidth = 280;
const padX = 12;
const padY = 10;
const margin = 20;
const minWidth = 600;
/** Stroke widths: the longest path's boxes and arrows, and the others. */
const heavy = 3;
const light = 1.25;

/** One line of text: its size, weight and colour. */
interface Line {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  colour?: string;
}

const lineHeight = (l: Pick<Line, 'size'>) => Math.round(l.size * 1.3);

// Widths in em of common sans-serif faces (DejaVu Sans, the widest usual fallback, rounded up),
// so that estimated lines are never shorter than drawn ones.
const narrow = new Set([...".,:;'!|ijl`"]);
const semi = new Set([...'ftrI()[]-/ "*']);
function charEm(ch: string): number {
  if (narrow.has(ch)) return 0.32;
  if (semi.has(ch)) return 0.44;
  if (ch === 'm') return 1.0;
  if (ch === 'w') return 0.84;
  if (ch === 'M' || ch === 'W') return 1.02;
  if (/[A-Z]/.test(ch)) return 0.8;
  if (/[0-9a-z]/.test(ch)) return 0.66;
  return 0.84;
}

/** Estimated drawn width of `text` in pixels: diacritics take no room of their own; bold is wider. */
export function textWidth(text: string, size: number, bold = false): number {
  // Base letters only: "ệ" is as wide as "e", "Đ" as "D".
  const base = baseLetters(text);
  let em = 0;
  for (const ch of base) em += charEm(ch);
  return em * size * (bold ? 1.1 : 1);
}

/** `text` broken at spaces into lines no wider than `width` (a word wider than that is cut). */
function wrap(text: string, width: number, size: number, bold = false): string[] {
  const fits = (t: string) => textWidth(t, size, bold) <= width;
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    // A word wider than the box is cut where it stops fitting.
    while (!fits(word)) {
      let cut = 1;
      while (cut < word.length && fits(word.slice(0, cut + 1))) cut++;
      lines.push(word.slice(0, cut));
      word = word.slice(cut);
    }
    line = word;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `text` for XML content or a quoted attribute; characters XML 1.0 forbids are dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with at most one decimal, the same bytes on every run. */
const n = (x: number) => String(Math.round(x * 10) / 10);

/** The lines of text of a box, wrapped to its width. */
function boxLines(p: ProcedureDetail, index: number, labels: SvgLabels, progress: StepProgress | undefined): Line[][] {
  const s = p.steps[index]!;
  const inner = boxWidth - 2 * padX;
  const block = (text: string, size: number, more: Omit<Line, 'text' | 'size'> = {}): Line[] => wrap(text, inner, size, more.bold).map((t) => ({ text: t, size, ...more }));
  const blocks: Line[][] = [block(`${index + 1}. ${s.name}`, 13, { bold: true })];
  const details = [...block(s.unit.name, 11.5, { colour: '#37474f' })];
  if (s.official) details.push(...block(s.official.name, 11.5, { italic: true, colour: '#37474f' }));
  details.push(...block(`${labels.budget}: ${s.duration}`, 11.5, { colour: '#37474f' }));
  blocks.push(details);
  if (progress) {
    const times = block(labels.stepStates[progress.state], 11.5, { bold: true });
    if (progress.started_at) times.push(...block(`${labels.started}: ${progress.started_at}`, 11.5));
    if (progress.completed_at) times.push(...block(`${labels.completed}: ${progress.completed_at}`, 11.5));
    blocks.push(times);
  }
  return blocks;
}

const blockGap = 6;
const blocksHeight = (blocks: Line[][]) => blocks.reduce((h, b) => h + b.reduce((x, l) => x + lineHeight(l), 0), 0) + blockGap * (blocks.length - 1);

/** `<text>` elements of `lines`, centred on `cx`, the first line's top at `top`. */
function texts(lines: readonly Line[], cx: number, top: number, anchor: 'middle' | 'start' = 'middle'): { svg: string[]; bottom: number } {
  const svg: string[] = [];
  let y = top;
  for (const l of lines) {
    const h = lineHeight(l);
    // The baseline sits about 0.8 of a line down.
    const attrs = [`x="${n(cx)}"`, `y="${n(y + h * 0.78)}"`, `font-size="${l.size}"`];
    if (anchor === 'middle') attrs.push('text-anchor="middle"');
    if (l.bold) attrs.push('font-weight="bold"');
    if (l.italic) attrs.push('font-style="italic"');
    if (l.colour) attrs.push(`fill="${l.colour}"`);
    svg.push(`<text ${attrs.join(' ')}>${xmlEscape(l.text)}</text>`);
    y += h;
  }
  return { svg, bottom: y };
}

/**
 * The SVG document of procedure `p`: boxes (`<g class="node" data-step="ID">`) and arrows
 * (`<path class="edge" data-from data-to>`) laid out by dagre, the longest path drawn heavier, a
 * title with the code, name, time limit and longest path. With `progress` (by step id; a step
 * missing from it counts as pending), each box is filled with its state's colour and shows its
 * started and completed times, and a legend names the colours. Same input, same bytes. Refuses
 * nothing: `p` comes from a validated procedure (acyclic, every `next` known).
 */
export function procedureSvg(p: ProcedureDetail, labels: SvgLabels, progress?: ReadonlyMap<string, StepProgress>, options: SvgOptions = {}): string {
  const pending: StepProgress = { state: 'pending', started_at: null, completed_at: null };
  const progressOf = (id: string) => (progress ? (progress.get(id) ?? pending) : undefined);
  const content = p.steps.map((s, i) => boxLines(p, i, labels, progressOf(s.id)));

  const g = new Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  p.steps.forEach((s, i) => g.setNode(s.id, { width: boxWidth, height: Math.ceil(blocksHeight(content[i]!) + 2 * padY) }));
  const onPath = new Set(p.steps.filter((s) => s.on_longest_path).map((s) => s.id));
  const pathEdge = (from: string, to: string) => {
    const i = p.longest_path.steps.indexOf(from);
    return i >= 0 && p.longest_path.steps[i + 1] === to;
  };
  for (const s of p.steps) for (const to of s.next) g.setEdge(s.id, to);
  // Steps that may run side by side stand left to right in the procedure's order (dagre alone
  // tends to reverse them).
  const ranks = stepRanks(p.steps);
  const constraints = p.steps.flatMap((s, i) => {
    const right = p.steps.slice(i + 1).find((t) => ranks.get(t.id) !== undefined && ranks.get(t.id) === ranks.get(s.id));
    return right ? [{ left: s.id, right: right.id }] : [];
  });
  layout(g, { constraints });
  const graphWidth = (g.graph() as { width?: number }).width ?? boxWidth;
  const graphHeight = (g.graph() as { height?: number }).height ?? 0;

  const width = Math.ceil(Math.max(graphWidth + 2 * margin, minWidth));
  const inner = width - 2 * margin;
  const title: Line[] = [
    ...wrap(`${p.code} · ${p.name}`, inner, 16, true).map((text) => ({ text, size: 16, bold: true })),
    ...wrap(`${labels.timeLimit} ${p.time_limit} · ${labels.longestPath} ${p.longest_path.duration}`, inner, 13).map((text) => ({ text, size: 13 })),
    ...(options.note ? wrap(options.note, inner, 13).map((text) => ({ text, size: 13, colour: '#455a64' })) : []),
  ];
  const head = texts(title, margin, margin, 'start');
  const top = head.bottom + 16;
  const left = (width - graphWidth) / 2;

  const body: string[] = [];
  for (const e of g.edges()) {
    const points = (g.edge(e) as { points?: { x: number; y: number }[] }).points ?? [];
    const pts = points.map((q) => ({ x: q.x + left, y: q.y + top }));
    const main = pathEdge(e.v, e.w);
    body.push(
      `<path class="edge" data-from="${xmlEscape(e.v)}" data-to="${xmlEscape(e.w)}" d="${curve(pts)}" fill="none" stroke="${main ? '#263238' : '#78909c'}" stroke-width="${main ? heavy : light}" marker-end="url(#${main ? 'tthc-arrow-heavy' : 'tthc-arrow'})"/>`,
    );
  }
  p.steps.forEach((s, i) => {
    const node = g.node(s.id) as { x: number; y: number; width: number; height: number };
    const x = node.x - node.width / 2 + left;
    const y = node.y - node.height / 2 + top;
    const state = progressOf(s.id)?.state;
    const colours = state ? stateColours[state] : plainBox;
    const main = onPath.has(s.id);
    const parts = [`<g class="node" data-step="${xmlEscape(s.id)}"${state ? ` data-state="${state}"` : ''}>`, `<title>${xmlEscape(`${i + 1}. ${s.name}`)}</title>`];
    parts.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(node.width)}" height="${n(node.height)}" rx="6" fill="${colours.fill}" stroke="${main ? (state ? colours.stroke : '#263238') : colours.stroke}" stroke-width="${main ? heavy : light}"/>`,
    );
    let lineTop = y + padY;
    content[i]!.forEach((block, b) => {
      const t = texts(block, x + node.width / 2, lineTop);
      parts.push(...t.svg);
      lineTop = t.bottom + (b < content[i]!.length - 1 ? blockGap : 0);
    });
    parts.push('</g>');
    body.push(parts.join(''));
  });

  const legend = legendItems(labels, progress !== undefined, inner, margin, top + graphHeight + 24);
  const height = Math.ceil(legend.bottom + margin);
  const defs = [
    '<defs>',
    '<marker id="tthc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#78909c"/></marker>',
    '<marker id="tthc-arrow-heavy" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#263238"/></marker>',
    '</defs>',
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlEscape(font)}" fill="#212121" role="img">`,
    `<title>${xmlEscape(title.map((l) => l.text).join(' '))}</title>`,
    ...defs,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...head.svg,
    ...body,
    ...legend.svg,
    '</svg>',
    '',
  ].join('\n');
}

/** A smooth path through dagre's points, starting and ending on them (the boxes' borders). */
function curve(pts: readonly { x: number; y: number }[]): string {
  if (pts.length === 0) return '';
  const first = pts[0]!;
  const out = [`M${n(first.x)},${n(first.y)}`];
  for (let i = 1; i < pts.length - 1; i++) {
    const here = pts[i]!;
    const after = pts[i + 1]!;
    const mid = i === pts.length - 2 ? after : { x: (here.x + after.x) / 2, y: (here.y + after.y) / 2 };
    out.push(`Q${n(here.x)},${n(here.y)} ${n(mid.x)},${n(mid.y)}`);
  }
  const last = pts[pts.length - 1]!;
  if (pts.length === 2) out.push(`L${n(last.x)},${n(last.y)}`);
  return out.join(' ');
}

/** The legend: the longest path's heavy line, then (with progress) a swatch per state; wrapped to `width`. */
function legendItems(labels: SvgLabels, withStates: boolean, width: number, left: number, top: number): { svg: string[]; bottom: number } {
  const size = 12;
  const items: { mark: (x: number, y: number) => string; text: string }[] = [
    { mark: (x, y) => `<line x1="${n(x)}" y1="${n(y + 7)}" x2="${n(x + 22)}" y2="${n(y + 7)}" stroke="#263238" stroke-width="${heavy}"/>`, text: labels.longestPath },
  ];
  if (withStates) {
    for (const state of legendOrder) {
      const c = stateColours[state];
      items.push({ mark: (x, y) => `<rect x="${n(x)}" y="${n(y)}" width="22" height="14" rx="3" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${light}"/>`, text: labels.stepStates[state] });
    }
  }
  const svg: string[] = ['<g class="legend">'];
  let x = left;
  let y = top;
  for (const item of items) {
    const w = 22 + 6 + textWidth(item.text, size) + 20;
    if (x > left && x + w > left + width) {
      x = left;
      y += 22;
    }
    svg.push(item.mark(x, y), `<text x="${n(x + 28)}" y="${n(y + 11.5)}" font-size="${size}">${xmlEscape(item.text)}</text>`);
    x += w;
  }
  svg.push('</g>');
  return { svg, bottom: y + 16 };
}
