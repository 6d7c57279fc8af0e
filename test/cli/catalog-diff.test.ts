// `tthc catalog diff`: a temporary git repository with a small catalog in a sub-folder, two
// commits apart (a time limit and a step budget lengthened, a step's unit reassigned, one
// procedure removed and one added), compared in table, json and markdown; the work tree as the
// default head; a side with errors; an unknown revision; a folder outside git.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

/** Runs git in `cwd` without the machine's own configuration; fails the test if git fails. */
function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

const p1 = 'cat/procedures/1.000001.yaml';

/**
 * A repository whose catalog is in `cat/`: commit 1 holds smallCatalog; commit 2 lengthens
 * 1.000001's time limit (2d → 3d) and its appraise step (1d → 1.5d), moves its approve step from
 * so-xd to xa-a, removes 2.000002 and adds 3.000003 (2.000002 under another code and name).
 */
function makeRepo(): string {
  const dir = tempCatalog({
    'cat/calendar.yaml': smallCatalog['calendar.yaml']!,
    'cat/units.yaml': smallCatalog['units.yaml']!,
    [p1]: smallCatalog['procedures/1.000001.yaml']!,
    'cat/procedures/2.000002.yaml': smallCatalog['procedures/2.000002.yaml']!,
    'README.md': 'not part of the catalog\n',
  });
  git(dir, 'init', '-q');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.gov.vn');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'catalog');
  const edit = (file: string, from: string, to: string) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain(from);
    writeFileSync(join(dir, file), text.replace(from, to));
  };
  edit(p1, 'time_limit: 2d', 'time_limit: 3d');
  edit(p1, 'assignee: nva, duration: 1d', 'assignee: nva, duration: 1.5d');
  edit(p1, 'action: approve, unit: so-xd,', 'action: approve, unit: xa-a,');
  rmSync(join(dir, 'cat/procedures/2.000002.yaml'));
  writeFileSync(
    join(dir, 'cat/procedures/3.000003.yaml'),
    smallCatalog['procedures/2.000002.yaml']!.replace('code: "2.000002"', 'code: "3.000003"').replace('name: Chứng thực bản sao từ bản chính', 'name: Chứng thực chữ ký'),
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'changes');
  return dir;
}

const run = (cwd: string, ...args: string[]) => tthc(['--catalog', 'cat', '--as-of', '2026-06-01', ...args], { cwd });

describe('tthc catalog diff BASE HEAD', () => {
  let repo = '';
  let base = '';
  let head = '';
  beforeAll(() => {
    repo = makeRepo();
    base = git(repo, 'rev-parse', 'HEAD~1');
    head = git(repo, 'rev-parse', 'HEAD');
  });

  it('json: exactly the changes made, with signed amounts', () => {
    const r = run(repo, 'catalog', 'diff', 'HEAD~1', 'HEAD', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base).toEqual({ rev: 'HEAD~1', commit: base });
    expect(j.head).toEqual({ rev: 'HEAD', commit: head });
    expect(j.procedures_added).toEqual([{ code: '3.000003', name: 'Chứng thực chữ ký', agency: 'xa-a', agency_name: 'UBND xã An Bình', time_limit: '4h', file: 'cat/procedures/3.000003.yaml' }]);
    expect(j.procedures_removed).toEqual([{ code: '2.000002', name: 'Chứng thực bản sao từ bản chính', agency: 'xa-a', agency_name: 'UBND xã An Bình', time_limit: '4h', file: 'cat/procedures/2.000002.yaml' }]);
    // 2 working days → 3: +1.
    expect(j.time_limits).toEqual([{ code: '1.000001', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', from: '2d', to: '3d', unit: 'd', change: 1 }]);
    // appraise 1 working day → 1.5: +0.5.
    expect(j.step_budgets).toEqual([{ code: '1.000001', step: 'appraise', step_name: 'Thẩm định', from: '1d', to: '1.5d', unit: 'd', change: 0.5 }]);
    expect(j.step_units).toEqual([{ code: '1.000001', step: 'approve', step_name: 'Phê duyệt', from: 'so-xd', to: 'xa-a', from_name: 'Sở Xây dựng', to_name: 'UBND xã An Bình' }]);
    for (const kind of ['procedures_renamed', 'agencies', 'mechanisms', 'fees', 'steps_added', 'steps_removed', 'steps_moved', 'step_officials']) expect(j[kind], kind).toEqual([]);
    expect(j.changes).toBe(5);
    expect(j.counts).toMatchObject({ procedures_added: 1, procedures_removed: 1, time_limits: 1, step_budgets: 1, step_units: 1, fees: 0 });
  });

  it('table (Vietnamese by default): the count line and a table per kind of change', () => {
    const r = run(repo, 'catalog', 'diff', 'HEAD~1', 'HEAD');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').map((l) => l.trimEnd());
    expect(lines[0]).toBe(`Thay đổi danh mục thủ tục: HEAD~1 (${base.slice(0, 7)}) → HEAD (${head.slice(0, 7)})`);
    expect(lines[1]).toBe('5 thay đổi: Thủ tục mới 1 · Thủ tục bị bãi bỏ 1 · Thời hạn giải quyết 1 · Thời gian các bước 1 · Đơn vị xử lý bước 1');
    const row = (title: string) => {
      const at = lines.indexOf(title);
      expect(at, title).toBeGreaterThan(1);
      // The title, the header, the rule, then the first row; cells are split on the bars.
      return lines[at + 3]!.split('│').map((c) => c.trim());
    };
    expect(row('Thủ tục mới')).toEqual(['3.000003', 'Chứng thực chữ ký', 'UBND xã An Bình', '4h']);
    expect(row('Thủ tục bị bãi bỏ')).toEqual(['2.000002', 'Chứng thực bản sao từ bản chính', 'UBND xã An Bình', '4h']);
    expect(row('Thời hạn giải quyết')).toEqual(['1.000001', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '2d', '3d', '+1 ngày làm việc']);
    expect(row('Thời gian các bước')).toEqual(['1.000001', 'Thẩm định (appraise)', '1d', '1.5d', '+0.5 ngày làm việc']);
    expect(row('Đơn vị xử lý bước')).toEqual(['1.000001', 'Phê duyệt (approve)', 'Sở Xây dựng (so-xd)', 'UBND xã An Bình (xa-a)']);
  });

  it('markdown (--lang en): a heading, the count line, one table per kind', () => {
    const r = run(repo, '--lang', 'en', 'catalog', 'diff', 'HEAD~1', 'HEAD', '--format', 'markdown');
    expect(r.status).toBe(0);
    const md = r.stdout.split('\n');
    expect(md.slice(0, 3)).toEqual([
      `### Catalog changes: \`HEAD~1\` (${base.slice(0, 7)}) → \`HEAD\` (${head.slice(0, 7)})`,
      '',
      '**5 changes**: Procedures added 1 · Procedures removed 1 · Time limits 1 · Step budgets 1 · Step units 1',
    ]);
    expect(md.filter((l) => l.startsWith('#### '))).toEqual(['#### Procedures added', '#### Procedures removed', '#### Time limits', '#### Step budgets', '#### Step units']);
    expect(md).toContain('| 1.000001 | Cấp giấy phép xây dựng nhà ở riêng lẻ | 2d | 3d | +1 working day |');
    expect(md).toContain('| 1.000001 | Thẩm định (appraise) | 1d | 1.5d | +0.5 working days |');
    expect(md).toContain('| 1.000001 | Phê duyệt (approve) | Sở Xây dựng (so-xd) | UBND xã An Bình (xa-a) |');
    expect(md).toContain('| 3.000003 | Chứng thực chữ ký | UBND xã An Bình | 4h |');
  });

  it('the same revision twice: no changes, said plainly, exit 0', () => {
    const t = run(repo, 'catalog', 'diff', 'HEAD', 'HEAD');
    expect(t.status).toBe(0);
    expect(t.stdout.split('\n')[1]).toBe('Không có thay đổi nào trong danh mục.');
    const m = run(repo, '--lang', 'en', 'catalog', 'diff', 'HEAD', 'HEAD', '--format', 'markdown');
    expect(m.stdout).toBe(`### Catalog changes: \`HEAD\` (${head.slice(0, 7)}) → \`HEAD\` (${head.slice(0, 7)})\n\nNo changes to the catalog.\n`);
  });

  it('an unknown revision: one line, exit 2', () => {
    // After "--", a revision that looks like an option reaches git's turn and must not become one.
    for (const rev of ['no-such-branch', '--output=x']) {
      const r = run(repo, 'catalog', 'diff', 'HEAD~1', '--', rev);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^tthc: unknown git revision "${rev}" [^\\n]*\\n$`));
    }
  });
});

describe('tthc catalog diff against the work tree', () => {
  it('no argument: HEAD against the files on disk; one argument: that revision against them', () => {
    const repo = makeRepo();
    // Not committed: 3.000003's time limit 4 working hours → 6: +2 hours.
    const p3 = join(repo, 'cat/procedures/3.000003.yaml');
    writeFileSync(p3, readFileSync(p3, 'utf8').replace('time_limit: 4h', 'time_limit: 6h'));
    const r = run(repo, 'catalog', 'diff', '--format', 'json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base).toEqual({ rev: 'HEAD', commit: git(repo, 'rev-parse', 'HEAD') });
    expect(j.head).toEqual({ rev: null, commit: null });
    expect(j.time_limits).toEqual([{ code: '3.000003', name: 'Chứng thực chữ ký', from: '4h', to: '6h', unit: 'h', change: 2 }]);
    expect(j.changes).toBe(1);
    const t = run(repo, 'catalog', 'diff');
    expect(t.stdout.split('\n')[0]).toBe(`Thay đổi danh mục thủ tục: HEAD (${git(repo, 'rev-parse', '--short=7', 'HEAD')}) → thư mục làm việc`);
    expect(t.stdout).toMatch(/^3\.000003 +│ Chứng thực chữ ký +│ 4h +│ 6h +│ +\+2 giờ làm việc$/m);

    // From the first commit to the work tree: commit 2's five changes, 3.000003 added with 6h.
    const one = JSON.parse(run(repo, 'catalog', 'diff', 'HEAD~1', '--format', 'json').stdout);
    expect(one.changes).toBe(5);
    expect(one.procedures_added.map((p: { code: string; time_limit: string }) => [p.code, p.time_limit])).toEqual([['3.000003', '6h']]);
  });

  it('a side with catalog errors is refused in one line naming it and its first error (exit 1)', () => {
    const repo = makeRepo();
    // Line 15 of 1.000001.yaml is approve's step; "unit: " ends at column 59, so the value is at 60.
    const broken = readFileSync(join(repo, p1), 'utf8').replace('action: approve, unit: xa-a,', 'action: approve, unit: xa-b,');
    writeFileSync(join(repo, p1), broken);
    const w = run(repo, 'catalog', 'diff');
    expect(w.status).toBe(1);
    expect(w.stdout).toBe('');
    expect(w.stderr).toMatch(/^tthc: the catalog in cat has 1 error \(first: cat\/procedures\/1\.000001\.yaml:15:60 step "approve" runs in unit "xa-b", which no units file defines[^\n]*\n$/);
    git(repo, 'commit', '-q', '-am', 'broken');
    const c = run(repo, 'catalog', 'diff', 'HEAD~1', 'HEAD');
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/^tthc: the catalog in cat at HEAD has 1 error \(first: cat\/procedures\/1\.000001\.yaml:15:60 step "approve" runs in unit "xa-b"[^\n]*\n$/);
  });

  it('a revision before the catalog existed is an empty catalog; no catalog files on either side exits 2', () => {
    const repo = tempCatalog({ 'README.md': 'no catalog yet\n', 'cat/notes.txt': 'not YAML\n' });
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.name', 'Test');
    git(repo, 'config', 'user.email', 'test@example.gov.vn');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'empty');
    const none = run(repo, 'catalog', 'diff');
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('tthc: no catalog files (*.yaml, *.yml) in cat at HEAD nor in the work tree\n');
    for (const [name, text] of Object.entries(smallCatalog)) {
      const file = join(repo, 'cat', name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    // Everything in the work tree is new: both procedures added, nothing else.
    const j = JSON.parse(run(repo, 'catalog', 'diff', '--format', 'json').stdout);
    expect(j.procedures_added.map((p: { code: string }) => p.code)).toEqual(['1.000001', '2.000002']);
    expect(j.changes).toBe(2);
  });

  it('a folder outside any git repository: one line, exit 2', () => {
    const dir = tempCatalog({ 'cat/calendar.yaml': smallCatalog['calendar.yaml']!, 'cat/units.yaml': smallCatalog['units.yaml']!, [p1]: smallCatalog['procedures/1.000001.yaml']! });
    // git must not find a repository above the temporary folder either.
    const r = tthc(['--catalog', 'cat', 'catalog', 'diff'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dirname(dir) } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tthc: cat is not in a git repository [^\n]*\n$/);
  });
});
