// The SVG diagrams drawn by Chromium (Debian's chromium, driven by playwright-core): for every
// procedure of the example catalog, with and without a dossier's progress, every line of text as
// drawn lies inside its box, and the title and legend inside the picture; the file asks for
// nothing beyond itself. The widths are Chromium's own, not the program's estimate.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProcedure, listProcedures } from '../../src/catalog/query.js';
import { validateCatalog } from '../../src/catalog/validate.js';
import { stepProgressStates } from '../../src/dossier/view.js';
import { labels } from '../../src/output/labels.js';
import { procedureSvg, type StepProgress } from '../../src/render/svg.js';
import { repoRoot } from '../helpers/cli.js';

const chromiumPath = '/usr/bin/chromium';
const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
const have = existsSync(chromiumPath);
if (!have) console.warn(`tthc: browser tests ${process.env['CI'] ? 'FAIL' : 'skipped'}: ${chromiumPath} is missing (apt-get install chromium)`);

const dir = join(repoRoot, 'procedures');
const catalog = validateCatalog({ paths: [dir], cwd: dir, asOf: new Date('2026-01-01T00:00:00Z') }).catalog;

/** What the page measured of one picture: text boxes that leave their step's box or the picture. */
interface Misfit {
  step: string | null;
  text: string;
}

// Runs in the page (a string: the project's TypeScript has no DOM types). Half a pixel is left
// for anti-aliasing.
const measure = `(() => {
  const root = document.documentElement;
  const width = root.width.baseVal.value;
  const height = root.height.baseVal.value;
  const bad = [];
  for (const t of root.querySelectorAll('text')) {
    const b = t.getBBox();
    const g = t.closest('g.node');
    const r = g ? g.querySelector('rect').getBBox() : { x: 0, y: 0, width, height };
    if (b.x < r.x + 0.5 || b.x + b.width > r.x + r.width - 0.5 || b.y < r.y - 0.5 || b.y + b.height > r.y + r.height + 0.5) {
      bad.push({ step: g ? g.getAttribute('data-step') : null, text: t.textContent });
    }
  }
  return bad;
})()`;

describe.runIf(have || process.env['CI'])('SVG diagrams in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every text as drawn fits its box, and the title and legend the picture; no request beyond the file', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const codes = listProcedures(catalog).map((p) => p.code);
    let checked = 0;
    for (const [k, code] of codes.entries()) {
      for (const lang of ['vi', 'en'] as const) {
        const p = describeProcedure(catalog, code)!;
        // Every other procedure with progress: each step a state in turn, with both times (the longest lines).
        const progress = k % 2 === 0 ? undefined : new Map<string, StepProgress>(p.steps.map((s, i) => [s.id, { state: stepProgressStates[i % 5]!, started_at: '28/12/2026 16:45', completed_at: '04/01/2027 08:00' }]));
        const svg = procedureSvg(p, labels(lang), progress, progress ? { note: `000.00.00.H06-260105-0001 · ${labels(lang).statuses.in_progress}` } : {});
        const file = join(out, `svg-${code}-${lang}.svg`);
        writeFileSync(file, svg);
        await page.goto(pathToFileURL(file).href);
        const misfits = (await page.evaluate(measure)) as Misfit[];
        expect(misfits, `${code} ${lang}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBe(codes.length * 2);
    expect(requests.every((u) => u.startsWith('file://') && u.endsWith('.svg'))).toBe(true);
    await page.close();
  });
});
