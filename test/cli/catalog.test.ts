import { describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

const cat = tempCatalog({ 'catalog/calendar.yaml': smallCatalog['calendar.yaml']!, 'catalog/units.yaml': smallCatalog['units.yaml']!, 'catalog/p/1.yaml': smallCatalog['procedures/1.000001.yaml']!, 'catalog/p/2.yaml': smallCatalog['procedures/2.000002.yaml']! });
const run = (...args: string[]) => tthc(['--catalog', 'catalog', '--as-of', '2026-06-01', ...args], { cwd: cat });

describe('tthc catalog list', () => {
  it('lists every procedure as JSON', () => {
    const r = run('catalog', 'list', '--format', 'json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.procedures.map((p: { code: string }) => p.code)).toEqual(['1.000001', '2.000002']);
    expect(j.procedures[1]).toEqual({
      code: '2.000002',
      name: 'Chứng thực bản sao từ bản chính',
      agency: 'xa-a',
      agency_name: 'UBND xã An Bình',
      level: 'commune',
      field: 'Chứng thực',
      mechanism: 'five-on-the-spot',
      time_limit: '4h',
      steps: 3,
      effective_from: '2025-07-01',
    });
  });

  it.each([
    [['--level', 'commune'], ['2.000002']],
    [['--mechanism', 'one-stop'], ['1.000001']],
    // Field match ignores case and diacritics: "xay dung" finds "Xây dựng".
    [['--field', 'xay dung'], ['1.000001']],
    // A unit matches the procedures of units under it: so-xd is under ubnd.
    [['--unit', 'ubnd'], ['1.000001']],
    [['--unit', 'so-xd', '--level', 'commune'], []],
  ])('filters %j', (filter, codes) => {
    const j = JSON.parse(run('catalog', 'list', '--format', 'json', ...filter).stdout);
    expect(j.procedures.map((p: { code: string }) => p.code)).toEqual(codes);
  });

  it('folds đ as d in the built program too: "dat dai" finds the field "Đất đai"', () => {
    // The three procedure files of the example catalog with "field: Đất đai" (grep -r).
    const r = tthc(['--catalog', 'procedures', 'catalog', 'list', '--field', 'dat dai', '--format', 'json']);
    expect(JSON.parse(r.stdout).procedures.map((p: { code: string }) => p.code)).toEqual(['1.013831', '1.013949', '1.013978']);
  });

  it('writes CSV with a header and CRLF line ends', () => {
    const r = run('catalog', 'list', '--format', 'csv');
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('code,name,agency,agency_name,level,field,mechanism,time_limit');
    expect(lines[1]).toBe('1.000001,Cấp giấy phép xây dựng nhà ở riêng lẻ,so-xd,Sở Xây dựng,province,Xây dựng,one-stop,2d');
    expect(lines).toHaveLength(4); // header, 2 rows, and the empty string after the last CRLF
  });

  it('prints a table with Vietnamese labels, English with --lang en', () => {
    const vi = run('catalog', 'list');
    expect(vi.stdout).toContain('Tên thủ tục');
    expect(vi.stdout).toContain('5 tại chỗ');
    expect(vi.stdout).toContain('2 thủ tục');
    const en = run('catalog', 'list', '--lang', 'en');
    expect(en.stdout).toContain('Five on the spot');
    expect(en.stdout).toContain('2 procedures');
  });

  it('refuses a catalog with errors (exit 1, one line)', () => {
    const broken = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('agency: so-xd', 'agency: so-x') });
    const r = tthc(['--catalog', '.', 'catalog', 'list'], { cwd: broken });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tthc: the catalog in \. has 1 error \(first: procedures\/1\.000001\.yaml:4:9 .*\); run "tthc validate \."\n$/);
  });
});

describe('tthc catalog show', () => {
  it('resolves units, contacts and the longest path', () => {
    const r = run('catalog', 'show', '1.000001', '--format', 'json');
    expect(r.status).toBe(0);
    const d = JSON.parse(r.stdout);
    // Budgets 2h + 1d + 4h + 2h with an 8-hour day: 120 + 480 + 240 + 120 = 960 minutes = 2d,
    // exactly the time limit of 2d = 960 minutes.
    expect(d.longest_path).toEqual({ steps: ['receive', 'appraise', 'approve', 'return'], minutes: 960, duration: '2d' });
    expect(d.time_limit_minutes).toBe(960);
    expect(d.agency).toEqual({ id: 'so-xd', name: 'Sở Xây dựng', code: '000.00.12.H06', level: 'province' });
    expect(d.steps[1].official).toEqual({ id: 'nva', name: 'Nguyễn Văn A', title: 'Chuyên viên', phone: '0222 3822 000', email: 'nva@example.gov.vn' });
    expect(d.fees).toEqual([{ name: 'Lệ phí', amount: 75000 }]);
    expect(d.legal_basis).toEqual(['Luật Xây dựng 2014']);
  });

  it('prints steps, contacts, fees and legal basis for people', () => {
    const r = run('catalog', 'show', '1.000001');
    expect(r.stdout).toContain('1.000001  Cấp giấy phép xây dựng nhà ở riêng lẻ');
    expect(r.stdout).toContain('2d trên 2d (trong thời hạn): receive → appraise → approve → return');
    expect(r.stdout).toContain('0222 3822 000');
    expect(r.stdout).toContain('Lệ phí: 75.000 đ');
    expect(r.stdout).toContain('Luật Xây dựng 2014');
  });

  it('an unknown code exits 2 with a suggestion', () => {
    const r = run('catalog', 'show', '1.000011');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tthc: no procedure with code "1.000011" in the catalog; did you mean "1.000001"?\n');
  });
});
