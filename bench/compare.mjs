// Compares two results files of bench/run.mjs, figure by figure (matched by id).
//
//   node bench/compare.mjs bench/results/OLD.json bench/results/NEW.json
//
// For each figure: the median of ours before and after, the change, and the baseline's change
// (if the baseline moved as much as ours, the machine changed, not the code). Command figures
// are in seconds (lower is better); `record one event` is in milliseconds (`unit: "ms"`, lower is
// better); library figures such as `due() per second` carry `unit: "due/s"` (higher is better,
// the ratio is the speed-up over the baseline).
import { readFileSync } from 'node:fs';

/**
 * @typedef {{ median: number, min: number }} Side
 * @typedef {{ id: string, label: string, unit?: string, ours: Side, baseline: Side, pass: boolean | null }} Figure
 * @typedef {{ timestamp: string, commit_short: string, node: string, cpu: { model: string, count: number }, procedures: number, dossiers?: { show: number | null, record: number | null } | null, runs: number, figures: Figure[] }} Results
 */

/** @param {string} file @returns {Results} */
function load(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`compare: cannot read ${file}: ${/** @type {Error} */ (e).message}\n`);
    process.exit(2);
  }
}

/** @param {number} before @param {number} after */
function change(before, after) {
  const pct = ((after - before) / before) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`;
}

/** A median with its figure's unit (seconds when the file predates units). @param {Figure} f @param {number} v */
const fmt = (f, v) => (f.unit === undefined || f.unit === 's' ? v.toFixed(3) : f.unit === 'ms' ? `${v.toFixed(2)} ms` : `${(v / 1e6).toFixed(2)} M/s`);

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: node bench/compare.mjs OLD.json NEW.json\n');
  process.exit(2);
}
const old = load(a);
const neu = load(b);
const describe = (/** @type {Results} */ r) => `${r.commit_short} ${r.timestamp} (${r.procedures} procedures, ${r.runs} runs, node ${r.node}, ${r.cpu.model} × ${r.cpu.count})`;
const lines = [`old: ${describe(old)}`, `new: ${describe(neu)}`];
if (old.procedures !== neu.procedures || old.cpu.model !== neu.cpu.model || old.node !== neu.node) {
  lines.push('warning: different procedure count, CPU or node version: compare the ratios to the baseline, not the seconds');
}
if (old.dossiers?.show != null && neu.dossiers?.show != null && old.dossiers.show !== neu.dossiers.show) {
  lines.push(`warning: dossier show ran on ${old.dossiers.show} dossiers, then on ${neu.dossiers.show}`);
}
lines.push('', '| figure | old ours | new ours | change | baseline change | old ratio | new ratio | new pass/fail |', '|:--|--:|--:|--:|--:|--:|--:|--:|');
for (const f of neu.figures) {
  const o = old.figures.find((x) => x.id === f.id);
  const pass = f.pass === null ? '—' : f.pass ? 'PASS' : 'FAIL';
  if (!o) {
    lines.push(`| ${f.label} | — | ${fmt(f, f.ours.median)} | new | — | — | ${(f.ours.median / f.baseline.median).toFixed(2)}× | ${pass} |`);
    continue;
  }
  lines.push(
    `| ${f.label} | ${fmt(o, o.ours.median)} | ${fmt(f, f.ours.median)} | ${change(o.ours.median, f.ours.median)} | ${change(o.baseline.median, f.baseline.median)} | ${(o.ours.median / o.baseline.median).toFixed(2)}× | ${(f.ours.median / f.baseline.median).toFixed(2)}× | ${pass} |`,
  );
}
for (const o of old.figures) if (!neu.figures.some((f) => f.id === o.id)) lines.push(`| ${o.label} | ${fmt(o, o.ours.median)} | — | removed | — | — | — | — |`);
process.stdout.write(lines.join('\n') + '\n');
