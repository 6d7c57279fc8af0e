// `dossier show --diagram svg` and the text chart of `dossier show`, through the built bin, on every
// engine: each step's state as of --as-of worked out by hand, the picture of the version the
// dossier was received under (not the catalog's newer one), and --format json refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateColours } from '../../src/render/svg.js';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { parseSvg } from '../helpers/svg.js';
import { dialects } from './dialects.js';

// Limit 4d; after appraisal two branches (fire 2d, env 4h) meet again at approval. Longest path:
// 2h + 1d + 2d + 4h + 2h = 4d.
const branching = `kind: procedure
code: "3.000003"
name: Thẩm định thiết kế xây dựng & phòng cháy <PCCC>
agency: so-xd
field: Xây dựng
mechanism: inter-agency
time_limit: 4d
effective_from: 2025-07-01
fees: []
steps:
  - { id: receive, name: Tiếp nhận hồ sơ, action: receive, unit: ttpvhcc, duration: 2h }
  - { id: appraise, name: Thẩm định hồ sơ, action: appraise, unit: so-xd, assignee: nva, duration: 1d, next: [fire, env] }
  - { id: fire, name: Thẩm duyệt PCCC, action: appraise, unit: so-xd, duration: 2d, next: [approve] }
  - { id: env, name: Ý kiến môi trường, action: appraise, unit: so-xd, duration: 4h, next: [approve] }
  - { id: approve, name: Phê duyệt, action: approve, unit: so-xd, duration: 4h }
  - { id: return, name: Trả kết quả, action: return, unit: ttpvhcc, duration: 2h }
`;

describe.each(dialects)('$name', (dialect) => {
  const dir = tempCatalog({ ...smallCatalog, 'procedures/3.000003.yaml': branching });
  let url = '';
  let code = '';
  const run = (...args: string[]) => tthc(['--db', url, '--catalog', '.', ...args], { cwd: dir });
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect([r.status, r.stderr]).toEqual([0, '']);
    return r.stdout;
  };

  // Mon–Fri 07:30–11:30, 13:30–17:30 (480 a day). Received Mon 2/2/2026 09:00.
  // receive (action receive) completes at receipt, 09:00, before its due (11:00): on time.
  // appraise 1d from Mon 09:00: 150 (to 11:30) + 240 (13:30–17:30) = 390, Tue 07:30 + 90 → due
  //   Tue 3/2 09:00; completed Tue 10:00: late. fire and env start Tue 10:00.
  // env 4h: 90 (10:00–11:30) + 150 from 13:30 → due Tue 16:00; as of Wed 4/2 09:00 still
  //   running: overdue.
  // fire 2d (960): Tue 90 + 240 = 330, Wed 480 (810), Thu 07:30 + 150 → due Thu 5/2 10:00: as of
  //   Wed 09:00 running, not overdue. approve waits for both: pending.
  // The dossier: 4d (1920) from Mon 09:00: 390 + 480 + 480 + 480 = 1830, Fri 07:30 + 90 → Fri
  //   6/2 09:00: not overdue.
  const asOf = '2026-02-04T09:00';
  const expected = {
    receive: 'completed_on_time',
    appraise: 'completed_late',
    fire: 'running',
    env: 'running_overdue',
    approve: 'pending',
    return: 'pending',
  } as const;

  beforeAll(async () => {
    url = await dialect.fresh();
    ok('catalog', 'load');
    const r = JSON.parse(ok('dossier', 'receive', '--procedure', '3.000003', '--applicant', 'Trần Thị B', '--by', 'nva', '--at', '2026-02-02T09:00', '--format', 'json'));
    code = r.code as string;
    ok('dossier', 'complete', code, '--step', 'appraise', '--by', 'nva', '--at', '2026-02-03T10:00');
  });
  afterAll(() => dialect.cleanup());

  it('--diagram svg: every box coloured by its step’s state as of --as-of, with its times', () => {
    const d = parseSvg(ok('--as-of', asOf, 'dossier', 'show', code, '--diagram', 'svg'));
    expect(d.nodes.map((n) => [n.id, n.state, n.rect['fill']])).toEqual(Object.entries(expected).map(([id, s]) => [id, s, stateColours[s].fill]));
    expect(d.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['receive→appraise', 'appraise→fire', 'appraise→env', 'fire→approve', 'env→approve', 'approve→return']);
    const texts = (id: string) => d.nodes.find((n) => n.id === id)!.texts.map((t) => t['#text']);
    // Times in the calendar's zone (UTC+7), whatever TZ the process has.
    expect(texts('appraise')).toEqual(expect.arrayContaining(['Xong trễ hạn', 'Bắt đầu: 02/02/2026 09:00', 'Hoàn thành: 03/02/2026 10:00']));
    expect(texts('env')).toEqual(expect.arrayContaining(['Đang xử lý, quá hạn', 'Bắt đầu: 03/02/2026 10:00']));
    expect(texts('approve')).toContain('Chưa xử lý');
    expect(texts('approve').some((t) => /Bắt đầu|Hoàn thành/.test(t))).toBe(false);
    expect(d.titleTexts.join(' ')).toContain('Thẩm định thiết kế xây dựng & phòng cháy <PCCC>');
    expect(d.titleTexts).toContain(`${code} · Đang xử lý · Tính đến 04/02/2026 09:00`);
  });

  it('earlier, as of Tue 14:00, env is running on time and appraise is still late', () => {
    // env's due is Tue 16:00 (above): at 14:00 it runs on time.
    const d = parseSvg(ok('--as-of', '2026-02-03T14:00', 'dossier', 'show', code, '--diagram', 'svg'));
    expect(Object.fromEntries(d.nodes.map((n) => [n.id, n.state]))).toEqual({ ...expected, env: 'running' });
  });

  it('the text chart: a mark, the time used against the budget and the state in words per step; the branches bracketed', () => {
    const out = ok('--as-of', asOf, 'dossier', 'show', code);
    const chart = out.slice(out.indexOf('\nTiến trình\n') + 1).split('\n');
    // Bars of 10 cells: appraise used 390 + 150 (Tue 07:30–10:00) = 540 of 480, full; env used
    // 90 + 240 + 90 (Wed 07:30–09:00) = 420 of 240, full; fire 420 of 960 = 4.4 cells → 4;
    // receive 0 of 120 → none.
    const line = (n: number) => chart.find((l) => l.includes(` ${n}. `))!.replace(/ {2,}/g, '  ');
    expect(line(1)).toBe('  ✓ 1. Tiếp nhận hồ sơ  ░░░░░░░░░░  02/02 09:00 → 02/02 09:00  Xong đúng hạn');
    expect(line(2)).toBe('  ✗ 2. Thẩm định hồ sơ  ██████████  02/02 09:00 → 03/02 10:00  Xong trễ hạn');
    expect(line(3)).toBe('┌ ▶ 3. Thẩm duyệt PCCC  ████░░░░░░  03/02 10:00 →  Đang xử lý');
    expect(line(4)).toBe('└ ▶ 4. Ý kiến môi trường  ██████████  03/02 10:00 →  Đang xử lý, quá hạn');
    expect(line(5)).toBe('  · 5. Phê duyệt  ░░░░░░░░░░  Chưa xử lý');
    expect(line(6)).toBe('  · 6. Trả kết quả  ░░░░░░░░░░  Chưa xử lý');
    expect(chart).toContain('┌ └ các bước làm song song');
    // The timeline above is still there.
    expect(out.indexOf('│ Bước')).toBeGreaterThan(0);
    expect(out.indexOf('│ Bước')).toBeLessThan(out.indexOf('\nTiến trình\n'));
    const en = ok('--as-of', asOf, '--lang', 'en', 'dossier', 'show', code);
    expect(en).toMatch(/└ ▶ 4\. Ý kiến môi trường +█{10} +03\/02 10:00 → +Running, overdue\n/);
  });

  it('draws the version the dossier was received under, not the catalog’s newer one', () => {
    const file = join(dir, 'procedures/3.000003.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Thẩm duyệt PCCC', 'name: Thẩm duyệt phòng cháy'));
    ok('catalog', 'load');
    const names = (svg: string) => parseSvg(svg).nodes.flatMap((n) => n.texts.map((t) => t['#text']));
    expect(names(ok('catalog', 'show', '3.000003', '--diagram', 'svg'))).toContain('3. Thẩm duyệt phòng cháy');
    const shown = names(ok('--as-of', asOf, 'dossier', 'show', code, '--diagram', 'svg'));
    expect(shown).toContain('3. Thẩm duyệt PCCC');
    expect(shown).not.toContain('3. Thẩm duyệt phòng cháy');
  });

  it('--diagram with --format json is refused with exit 2, one line', () => {
    const r = run('dossier', 'show', code, '--diagram', 'svg', '--format', 'json');
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'tthc: --diagram prints the diagram itself; leave out --format json\n']);
  });
});
