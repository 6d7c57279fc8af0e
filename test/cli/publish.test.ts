// `tthc catalog publish` and `tthc dossier export-status` as files on disk: one page per
// procedure and unit, every link resolving inside the site, nothing fetched from elsewhere, no
// applicant data anywhere, and bad --out / --status refused without touching anything.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, tempCatalog, tthc } from '../helpers/cli.js';
import { applicantData, publishExample, type PublishedSite } from '../helpers/site.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

// Counted from the YAML itself, not through tthc: the procedure files and the units of units.yaml.
const procedureFiles = files(join(repoRoot, 'procedures')).filter((f) => /^kind: procedure$/m.test(readFileSync(f, 'utf8')));
const unitIds = (parse(readFileSync(join(repoRoot, 'procedures', 'units.yaml'), 'utf8')) as { units: { id: string }[] }).units.map((u) => u.id);

describe('catalog publish', () => {
  let s: PublishedSite;
  beforeAll(() => {
    s = publishExample();
  }, 60_000);
  afterAll(() => s?.cleanup());

  it('writes an index, a page per procedure and per unit, and the status page', () => {
    const pages = files(s.site).map((f) => relative(s.site, f)).sort();
    expect(pages.filter((p) => p.startsWith('p/'))).toHaveLength(procedureFiles.length);
    expect(pages.filter((p) => p.startsWith('u/')).sort()).toEqual(unitIds.map((id) => `u/${id}.html`).sort());
    expect(pages).toContain('index.html');
    expect(pages).toContain('status.html');
    const index = readFileSync(join(s.site, 'index.html'), 'utf8');
    expect(index.match(/<tr data-k=/g)).toHaveLength(procedureFiles.length);
  });

  it('links only to its own pages, and loads nothing from elsewhere', () => {
    for (const f of files(s.site).filter((x) => x.endsWith('.html'))) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=|url\((?!#)/i); // url(#id): a marker of the same SVG
      expect(text, f).toContain('default-src &#39;none&#39;'); // the browser reads &#39; as '
      for (const [, href] of text.matchAll(/href="([^"]*)"/g)) {
        const target = href!.replace(/#.*$/, '');
        expect(target, `${f}: ${href}`).not.toMatch(/^[a-z]+:|^\/\//i);
        if (target !== '') expect(existsSync(resolve(dirname(f), target)), `${relative(s.site, f)} → ${href}`).toBe(true);
      }
    }
  });

  it('holds no personal data of applicants', () => {
    for (const f of files(s.site)) {
      const text = readFileSync(f, 'utf8');
      for (const d of applicantData) expect(text.includes(d), `${relative(s.site, f)} holds "${d}"`).toBe(false);
    }
  });

  it('a procedure page has its facts, diagram, steps with contacts, fees, components and legal basis', () => {
    const page = readFileSync(join(s.site, 'p', '1.013949.html'), 'utf8');
    const yaml = parse(readFileSync(join(repoRoot, 'procedures', 'ubnd-tinh', '1.013949.yaml'), 'utf8')) as { name: string; steps: unknown[]; legal_basis: string[]; components: { name: string }[] };
    expect(page).toContain('<h1>1.013949 · Giao đất, cho thuê đất');
    expect(page).toContain('<svg');
    expect(page.match(/<tr data-step=/g)).toHaveLength(yaml.steps.length);
    // The receive step's official Trịnh Thị Hoa (qnm-tth) with her work phone from units.yaml.
    expect(page).toContain('Trịnh Thị Hoa');
    expect(page).toContain('0222 3822 140');
    expect(page).toContain('20d');
    for (const law of yaml.legal_basis) expect(page).toContain(law.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    expect(page).toContain(yaml.components[0]!.name.replace(/'/g, '&#39;'));
  });

  it('export-status writes the five public fields of each dossier, nothing else', () => {
    const data = JSON.parse(readFileSync(join(s.dir, 'status.json'), 'utf8')) as { as_of: string; dossiers: Record<string, unknown>[] };
    expect(data.as_of).toBe('2026-01-15T08:00:00+07:00');
    // Received Mon 5 Jan 08:00 and 09:00 with 20 working days (07:00–11:30, 13:30–17:00; Sat 10 Jan
    // worked): Jan 6–9 (4), 10 (5), 12–16 (10), 19–23 (15), 26–30 (20) → due Fri 30 Jan, 08:00 / 09:00.
    expect(data.dossiers).toEqual([
      { code: s.codes[0], procedure: '1.013949', status: 'in_progress', current_steps: ['transfer'], due: '2026-01-30T08:00:00+07:00' },
      { code: s.codes[1], procedure: '1.013949', status: 'in_progress', current_steps: ['cadastre', 'tax'], due: '2026-01-30T09:00:00+07:00' },
    ]);
  });

  it('publishing again replaces the whole folder', () => {
    writeFileSync(join(s.site, 'p', 'stale.html'), 'old');
    const r = tthc(['--catalog', join(repoRoot, 'procedures'), 'catalog', 'publish', '--out', 'site'], { cwd: s.dir });
    expect(r.status).toBe(0);
    expect(existsSync(join(s.site, 'p', 'stale.html'))).toBe(false);
    expect(existsSync(join(s.site, 'status.html'))).toBe(false);
    expect(readdirSync(s.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('catalog publish refuses', () => {
  const catalog = join(repoRoot, 'procedures');
  const cases: [string, Record<string, string>, string[], RegExp][] = [
    ['no --out', {}, [], /^tthc: --out DIR is required/],
    ['a folder it did not write', { 'mine/notes.txt': 'keep me' }, ['--out', 'mine'], /^tthc: mine exists and was not written by tthc/],
    ['a status file that is not JSON', { 's.json': '{"as_of": ' }, ['--out', 'site', '--status', 's.json'], /^tthc: cannot read s\.json: /],
    ['a status file of another shape', { 's.json': '[1, 2]' }, ['--out', 'site', '--status', 's.json'], /^tthc: s\.json: expected \{"as_of"/],
    ['a dossier without a code', { 's.json': '{"as_of": "2026-01-15T08:00:00+07:00", "dossiers": [{"procedure": "1.013949", "status": "in_progress", "due": "x"}]}' }, ['--out', 'site', '--status', 's.json'], /^tthc: s\.json: dossier 1: "code" must be text$/],
    ['a missing status file', {}, ['--out', 'site', '--status', 'none.json'], /^tthc: cannot read none\.json: no such file$/],
  ];
  it.each(cases)('%s: exit 2, one line, nothing written', (_name, given, args, message) => {
    const dir = tempCatalog(given);
    const before = files(dir).map((f) => [f, readFileSync(f, 'utf8')]);
    const r = tthc(['--catalog', catalog, 'catalog', 'publish', ...args], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(files(dir).map((f) => [f, readFileSync(f, 'utf8')])).toEqual(before);
  });

  it('an --out inside a file: exit 2, one line', () => {
    const dir = tempCatalog({ 'file.txt': 'x' });
    mkdirSync(join(dir, 'empty'));
    const r = tthc(['--catalog', catalog, 'catalog', 'publish', '--out', 'file.txt/site'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tthc: cannot write file\.txt\/site: not a folder\n$/);
    // An empty folder is taken.
    expect(tthc(['--catalog', catalog, 'catalog', 'publish', '--out', 'empty'], { cwd: dir }).status).toBe(0);
    expect(existsSync(join(dir, 'empty', 'index.html'))).toBe(true);
  });
});
