// The published catalog in headless Chromium (Debian's chromium, driven by playwright-core), from
// file:// as a visitor would open it: the search folds diacritics, a procedure page shows its
// diagram, the status lookup answers by code, and no page asks for anything beyond its own file.
// Screenshots go to test/browser/out/ to be looked at.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishExample, type PublishedSite } from '../helpers/site.js';

const chromiumPath = '/usr/bin/chromium';
const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
const have = existsSync(chromiumPath);
if (!have) console.warn(`tthc: browser tests of the site ${process.env['CI'] ? 'FAIL' : 'skipped'}: ${chromiumPath} is missing (apt-get install chromium)`);

describe.runIf(have || process.env['CI'])('the published catalog in Chromium', () => {
  let browser: Browser;
  let s: PublishedSite;
  const requests: string[] = [];
  const url = (path: string) => pathToFileURL(join(s.site, path)).href;
  async function open(path: string, search = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => requests.push(`error: ${e.message}`));
    await page.goto(url(path) + search);
    return page;
  }
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    s = publishExample();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    s?.cleanup();
  });

  // The procedures whose name, field or units hold both "cap" and "phep" once folded, read off
  // procedures/: "Cấp giấy phép xây dựng mới …" (1.013225), "Cấp Giấy phép bán lẻ rượu"
  // (BN.CX.01), "Cấp lại Giấy phép bán buôn rượu …" (BN.SCT.01), "Cấp giấy phép môi trường"
  // (BN.SNNMT.01). No unit name holds "phép".
  const licences = ['1.013225', 'BN.CX.01', 'BN.SCT.01', 'BN.SNNMT.01'];
  const visibleCodes = (page: Page) => page.locator('#procedures tbody tr:visible td:first-child').allTextContents();

  it.each([['cap phep'], ['Cấp phép'], ['CAP   PHÉP']])('searching "%s" finds the licences, with or without diacritics', async (query) => {
    const page = await open('index.html');
    expect(await page.locator('#procedures tbody tr:visible').count()).toBe(34); // every procedure file
    await page.locator('#q').fill(query);
    expect(await visibleCodes(page)).toEqual(licences);
    expect(await page.locator('#count').textContent()).toBe('4 / 34 thủ tục');
    if (query === 'cap phep') await page.screenshot({ path: join(out, 'site-search.png'), fullPage: false });
    await page.close();
  });

  it('searches the unit and the field too, takes ?q= from the address, and says when nothing matches', async () => {
    // "đất đai" is the field of 1.013831, 1.013949 and 1.013978 (grep "field: Đất đai"), and is in
    // the name of the counter ttpvhcc-so-nnmt ("… Văn phòng Đăng ký đất đai tại Trung tâm …"),
    // where BN.SNNMT.01 is received.
    const page = await open('index.html', '?q=dat+dai');
    expect(await page.locator('#q').inputValue()).toBe('dat dai');
    expect(await visibleCodes(page)).toEqual(['1.013831', '1.013949', '1.013978', 'BN.SNNMT.01']);
    expect(await page.locator('#none').isVisible()).toBe(false);
    await page.locator('#q').fill('khong co thu tuc nao nhu the');
    expect(await visibleCodes(page)).toEqual([]);
    expect(await page.locator('#none').isVisible()).toBe(true);
    await page.close();
  });

  it('a procedure page, reached by its link, shows its diagram and steps', async () => {
    const page = await open('index.html');
    await page.locator('#q').fill('giao dat');
    await page.locator('a', { hasText: '1.013949' }).click();
    expect(page.url()).toBe(url('p/1.013949.html'));
    const svg = page.locator('figure.diagram svg');
    expect(await svg.count()).toBe(1);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(100);
    // One box per step of 1.013949 (9 steps), each with its step's name.
    expect(await svg.locator('g.node').count()).toBe(9);
    expect(await page.locator('#steps tbody tr').count()).toBe(9);
    await page.screenshot({ path: join(out, 'site-procedure.png'), fullPage: true });
    await page.close();
  });

  it('the status page answers by code, in any case, and says when a code is unknown', async () => {
    const page = await open('status.html');
    await page.locator('#code').fill(` ${s.codes[1].toLowerCase()} `);
    await page.locator('button[type=submit]').click();
    const result = page.locator('#result');
    // The second dossier waits at the two parallel steps after approval; due 09:00 on 30 Jan
    // (20 working days from Mon 5 Jan 09:00, Sat 10 Jan worked: see test/cli/publish.test.ts).
    expect(await result.locator('dd').allTextContents()).toEqual([
      '1.013949 · Giao đất, cho thuê đất, chuyển mục đích sử dụng đất đối với trường hợp giao đất, cho thuê đất không đấu giá quyền sử dụng đất, không đấu thầu lựa chọn nhà đầu tư thực hiện dự án có sử dụng đất',
      'Đang xử lý',
      'Chỉnh lý hồ sơ địa chính, chuyển thông tin địa chính cho cơ quan thuế; Xác định và thông báo tiền sử dụng đất, tiền thuê đất',
      '09:00 30/01/2026',
    ]);
    await page.screenshot({ path: join(out, 'site-status.png') });
    await page.locator('#code').fill('000.00.00.H06-260105-9999');
    await page.locator('button[type=submit]').click();
    expect(await result.textContent()).toBe('Không có hồ sơ mã 000.00.00.H06-260105-9999 trong dữ liệu tra cứu.');
    await page.close();
  });

  it('asked for nothing but its own files, and ran without a script error', () => {
    const own = pathToFileURL(s.site).href + '/';
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith(own))).toEqual([]);
  });
});
