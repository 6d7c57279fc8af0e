// The HTML report opened in headless Chromium (Debian's chromium, driven by playwright-core): it
// loads with no request beyond its own file, draws both charts with a bar per group, fits the
// width of an A4 page when printed, and prints to PDF. Screenshots go to test/browser/out/ to be
// looked at. The data are built by hand: the formatter is a pure function of them.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInZone } from '../../src/calendar/zone.js';
import { labels } from '../../src/output/labels.js';
import { slaHtml } from '../../src/output/report.js';
import { withPrevious, withRates, type SlaData } from '../../src/report/sla.js';

const chromiumPath = '/usr/bin/chromium';
const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
const have = existsSync(chromiumPath);
if (!have) {
  // npm test installs Debian's chromium where it can (scripts/ensure-chromium.mjs); CI requires it.
  console.warn(`tthc: browser tests ${process.env['CI'] ? 'FAIL' : 'skipped'}: ${chromiumPath} is missing (apt-get install chromium)`);
}

const fmt = (t: Date) => formatInZone(t, 'Asia/Ho_Chi_Minh');
const feb = { from: new Date('2026-02-01T00:00:00+07:00'), to: new Date('2026-03-01T00:00:00+07:00') };
const jan = { from: new Date('2026-01-01T00:00:00+07:00'), to: feb.from };

/** A unit's row from its counts: received, early, on time, late, in progress, overdue. */
function unit(key: string, name: string, [received, early, onTime, late, inProgress, overdue]: number[], median: number | null) {
  return withRates(key, name, { received: received!, ended: early! + onTime! + late!, early: early!, on_time: onTime!, late: late!, in_progress: inProgress!, overdue: overdue! }, median);
}

function report(period: { from: Date; to: Date }, rows: ReturnType<typeof unit>[]): SlaData {
  const sum = (k: 'received' | 'early' | 'on_time' | 'late' | 'in_progress' | 'overdue') => rows.reduce((t, r) => t + r[k], 0);
  return { ...period, by: 'unit', rows, total: unit('', '', [sum('received'), sum('early'), sum('on_time'), sum('late'), sum('in_progress'), sum('overdue')], 960) };
}

const now = report(feb, [
  unit('so-xd', 'Sở Xây dựng tỉnh Bắc Ninh', [120, 40, 50, 10, 30, 4], 1800),
  unit('so-tp', 'Sở Tư pháp tỉnh Bắc Ninh', [300, 200, 90, 2, 25, 0], 480),
  unit('so-nnmt', 'Quầy Sở Nông nghiệp và Môi trường, Văn phòng Đăng ký đất đai tại Trung tâm Phục vụ hành chính công tỉnh', [80, 10, 40, 30, 60, 22], 4300),
  unit('xa-gb', 'UBND xã Gia Bình', [0, 0, 0, 0, 1, 1], null),
]);
const data = withPrevious(now, report(jan, [unit('so-xd', 'Sở Xây dựng tỉnh Bắc Ninh', [100, 30, 50, 20, 20, 5], 2000), unit('so-tp', 'Sở Tư pháp tỉnh Bắc Ninh', [280, 150, 100, 10, 30, 1], 500)]));

describe.runIf(have || process.env['CI'])('report sla --format html in Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    file = join(out, 'sla.html');
    writeFileSync(file, slaHtml(data, feb.to, fmt, labels('vi'), 480));
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no other request, and draws a bar per unit and the total', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('h1').textContent()).toBe('Báo cáo giải quyết hồ sơ — Đơn vị');
    const charts = page.locator('svg');
    expect(await charts.count()).toBe(2);
    // On-time bars: so-xd (40 + 50) / 100 = 90 %, so-tp 290/292, so-nnmt 50/80 = 62.5 %, the total
    // 430/472; xa-gb ended nothing: no bar, "—". So 4 bars.
    expect(await charts.nth(0).locator('rect').count()).toBe(4);
    expect(await charts.nth(0).textContent()).toContain('62.5 %');
    // Split bars: so-xd 3 parts, so-tp 3, so-nnmt 3, total 3; xa-gb none; plus 3 legend squares.
    expect(await charts.nth(1).locator('rect').count()).toBe(15);
    // The long name is cut in the chart but whole in the table.
    expect(await charts.nth(0).textContent()).toContain('Quầy Sở Nông nghiệp và Môi trường, …') // 35 characters and the ellipsis;
    expect(await page.locator('table').textContent()).toContain('Văn phòng Đăng ký đất đai tại Trung tâm Phục vụ hành chính công tỉnh');
    // The table: 4 units and the total; the previous period and the change beside each rate.
    expect(await page.locator('tbody tr').count()).toBe(5);
    expect(await page.locator('tr.total td').first().textContent()).toBe('Tổng cộng');
    // so-xd on-time rate 90/100 = 90.0 % against January's 80/100 = 80.0 %: +10.0 points; rate 766
    // (90 + 30 − 4) / 130 = 89.2 % against (80 + 20 − 5) / 120 = 79.2 %: +10.1 points; both green
    // (a rise), while the rates themselves are yellow (≥ 80 %) but January's 79.2 % red.
    const first = page.locator('tbody tr', { hasText: 'so-xd' });
    expect(await first.locator('span.good').allTextContents()).toEqual(['+10.0', '+10.1']);
    expect(await first.locator('span.warn').allTextContents()).toEqual(['90.0 %', '80.0 %', '89.2 %']);
    expect(await first.locator('span.bad').allTextContents()).toEqual(['79.2 %']);
    await page.screenshot({ path: join(out, 'sla-screen.png'), fullPage: true });
  });

  it('prints: charts and table fit a landscape A4 page, and the PDF renders', async () => {
    // A4 landscape less the 10 mm margins: (297 − 20) mm at 96 px per 25.4 mm ≈ 1047 px.
    const page = await browser.newPage({ viewport: { width: 1047, height: 718 } });
    await page.goto(pathToFileURL(file).href);
    await page.emulateMedia({ media: 'print' });
    const rights = await page.locator('svg, table').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(rights).toHaveLength(3);
    for (const r of rights) expect(r).toBeLessThanOrEqual(1047);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1047);
    await page.screenshot({ path: join(out, 'sla-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
