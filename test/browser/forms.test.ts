// The standard forms (`tthc dossier form`) opened in headless Chromium: each loads with no request
// beyond its own file, prints on the paper its @page names (A5 portrait, A5 landscape, A4
// landscape), and a short form fits one sheet. Screenshots go to test/browser/out/ to be looked at.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

const chromiumPath = '/usr/bin/chromium';
const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
const have = existsSync(chromiumPath);

/** Points of the paper sizes, width × height (1 mm = 72 / 25.4 pt): A5 148 × 210 mm, A4 210 × 297 mm. */
const pt = (mm: number) => Math.round((mm * 72) / 25.4);
const paper = { 'A5 portrait': [pt(148), pt(210)], 'A5 landscape': [pt(210), pt(148)], 'A4 landscape': [pt(297), pt(210)] } as const;

/** The page sizes and the number of pages of a PDF, read from its page objects. */
function pdfPages(pdf: Buffer): { sizes: number[][]; pages: number } {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
  return { sizes: boxes, pages: (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length };
}

describe.runIf(have || process.env['CI'])('dossier form in Chromium', () => {
  let browser: Browser;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    const dir = tempCatalog(smallCatalog);
    const run = (...args: string[]) => {
      const r = tthc(['--db', 'sqlite:forms.db', '--catalog', '.', ...args], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
    };
    const code = '000.00.12.H06-260105-0001';
    run('catalog', 'load');
    run('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Nguyễn Thị Lan', '--phone', '0912000111', '--by', 'nva', '--at', '2026-01-05T09:00');
    run('dossier', 'supplement', code, '--reason', 'Thiếu bản vẽ', '--item', 'Bản vẽ mặt bằng', '--by', 'nva', '--at', '2026-01-05T10:00');
    run('dossier', 'resume', code, '--at', '2026-01-06T08:00');
    run('dossier', 'complete', code, '--step', 'appraise', '--by', 'nva', '--at', '2026-01-06T16:00');
    for (const [name, args] of [
      ['form01', [code, '--form', '01']],
      ['form02', [code, '--form', '02']],
      ['form06', [code, '--form', '06']],
      ['form07', ['--form', '07', '--unit', 'so-xd', '--from', '2026-01-01', '--to', '2026-02-01']],
    ] as const) {
      files[name] = join(out, `${name}.html`);
      run('--as-of', '2026-01-07', 'dossier', 'form', ...args, '--out', files[name]!, '--force');
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['form01', 'A5 portrait'],
    ['form02', 'A5 portrait'],
    ['form06', 'A5 landscape'],
    ['form07', 'A4 landscape'],
  ] as const)('%s loads alone and prints on %s, its tables within the sheet', async (name, size) => {
    const file = files[name]!;
    const [w, h] = paper[size];
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(out, `${name}-screen.png`), fullPage: true });
    const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true }));
    for (const s of pdf.sizes) expect(s).toEqual([w, h]);
    // The short forms of this dossier fit one sheet.
    expect(pdf.pages).toBe(1);
    // In print, at the sheet's width less its margins (14 + 10 mm on A5, 15 + 12 mm on A4), nothing overflows sideways.
    const width = Math.floor(((w * 25.4) / 72 - (size.startsWith('A5') ? 24 : 27)) * (96 / 25.4));
    const print = await browser.newPage({ viewport: { width, height: 800 } });
    await print.goto(pathToFileURL(file).href);
    await print.emulateMedia({ media: 'print' });
    expect(await print.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    const rights = await print.locator('table').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    for (const r of rights) expect(r).toBeLessThanOrEqual(width);
    expect(readFileSync(file, 'utf8')).toContain('Mẫu số');
  });
});
