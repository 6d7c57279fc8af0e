// tthc catalog new at a real terminal: the built bin/tthc runs in a tmux pane (a pseudo-terminal)
// and the test types at its prompts as a person would, waiting for each question to appear on
// the screen (polling, never fixed sleeps). Each test has its own tmux server (-S), killed after.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { binPath, smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { filesUnder, repairPermit } from '../helpers/new-procedure.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('test/cli/catalog-new.test.ts: tmux is not installed, so the pseudo-terminal tests of "tthc catalog new" are SKIPPED');

// What the program in the pane sees: no CI variable (it would forbid prompts), a UTF-8 locale.
const paneEnv = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', LANG: 'C.UTF-8', TERM: 'xterm-256color', TZ: process.env['TZ'] ?? '' };

/** A program running in a detached tmux session of its own server. */
class Pane {
  // A private server: its socket lives in a temporary folder (not tmux's shared one, where
  // -L would leave a dead socket file behind after kill-server), removed with the folder.
  readonly socket = join(mkdtempSync(join(tmpdir(), 'tthc-tmux-')), 'socket');

  constructor(dir: string, args: readonly string[]) {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    // The exit code is printed after the program, and the pane stays open to be read.
    const command = `cd ${quote(dir)} && ${[process.execPath, binPath, ...args].map(quote).join(' ')}; echo "[exit $?]"; sleep 600`;
    this.tmux('-f', '/dev/null', '-u', 'new-session', '-d', '-x', '200', '-y', '50', '-s', 'main', command);
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { env: paneEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Text typed as it is (UTF-8 included). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Named keys: Enter, Down, C-c, C-u. */
  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...names);
  }

  /** The whole pane, scrolled-off lines included, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
  }

  /**
   * Waits until `text` is on the screen (after the last `after`, when given: the question being
   * answered, so that an earlier question's text does not count); returns the screen.
   */
  async waitFor(text: string | RegExp, after?: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      const from = after === undefined ? 0 : screen.lastIndexOf(after);
      const tail = from < 0 ? '' : screen.slice(from);
      if (typeof text === 'string' ? tail.includes(text) : text.test(tail)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the program to end; returns its exit code and the screen. */
  async exit(): Promise<{ code: number; screen: string }> {
    const screen = await this.waitFor(/\[exit \d+\]/);
    return { code: Number(/\[exit (\d+)\]/.exec(screen)![1]), screen };
  }

  kill(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { env: paneEnv });
    rmSync(dirname(this.socket), { recursive: true, force: true });
  }
}

const asOf = ['--as-of', '2026-03-02T09:00'];
const unitQuestion = (n: number) => `Bước ${n} · đơn vị thực hiện (gõ tên hoặc mã để tìm):`;

/** Answers a question: waits for it, types the answer, presses Enter. */
async function answer(p: Pane, question: string, typed: string): Promise<void> {
  await p.waitFor(question);
  if (typed !== '') p.type(typed);
  p.keys('Enter');
}

/** Searches a list and picks the match once it is highlighted (the list filters asynchronously). */
async function pick(p: Pane, question: string, term: string, highlighted: string): Promise<void> {
  await p.waitFor(question);
  p.type(term);
  await p.waitFor(`❯ ${highlighted}`, question);
  p.keys('Enter');
}

/** Moves down a list `times` and picks the highlighted choice once it is `highlighted`. */
async function choose(p: Pane, question: string, times: number, highlighted: string): Promise<void> {
  await p.waitFor(question);
  for (let i = 0; i < times; i++) p.keys('Down');
  await p.waitFor(`❯ ${highlighted}`, question);
  p.keys('Enter');
}

/** The questions up to the end of step 1 (2h of a 2d limit). */
async function answerUpToStep2(p: Pane): Promise<void> {
  // A code already in the catalog is refused in place; Ctrl-U clears it.
  await answer(p, 'Mã thủ tục', '1.000001');
  await p.waitFor('Mã 1.000001 đã có trong catalog (procedures/1.000001.yaml)');
  p.keys('C-u');
  p.type('1.000099');
  p.keys('Enter');
  await answer(p, 'Tên thủ tục:', 'Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ');
  // Typed without diacritics.
  await pick(p, 'Cơ quan chịu trách nhiệm (gõ tên hoặc mã để tìm):', 'so xay', 'Sở Xây dựng (so-xd)');
  // Enter keeps the agency's usual field, shown as the default.
  await p.waitFor('Lĩnh vực: (Xây dựng)');
  p.keys('Enter');
  await choose(p, 'Cơ chế giải quyết:', 1, 'Một cửa liên thông');
  await answer(p, 'Thời hạn giải quyết', '2d');
  await answer(p, 'Có hiệu lực từ ngày (YYYY-MM-DD):', '');
  await answer(p, 'Bước 1 · việc:', '');
  await answer(p, 'Bước 1 · tên bước:', '');
  await pick(p, unitQuestion(1), 'trung tam', 'Trung tâm Phục vụ hành chính công (ttpvhcc)');
  await p.waitFor('Bước 1 · thời gian (còn lại 2d):');
  p.type('2h');
  // The budget left is shown while typing: 2d = 16h, 16h − 2h = 14h = 1d 6h.
  await p.waitFor('2h  → còn lại 1d 6h', 'Bước 1 · thời gian');
  p.keys('Enter');
  await p.waitFor('Bước 2 — đã dùng 2h, còn lại 1d 6h của thời hạn 2d');
}

describe.skipIf(!hasTmux)('tthc catalog new at a terminal (tmux)', () => {
  let pane: Pane | undefined;
  afterEach(() => {
    pane?.kill();
    pane = undefined;
  });

  it('answers every question; the file is written where the agency keeps its procedures, with the answers, and validates', async () => {
    const dir = tempCatalog(smallCatalog);
    const p = (pane = new Pane(dir, ['--catalog', '.', ...asOf, 'catalog', 'new']));
    await answerUpToStep2(p);
    await answer(p, 'Bước 2 · việc:', ''); // appraise, after receive
    await answer(p, 'Bước 2 · tên bước:', 'Thẩm định hồ sơ, kiểm tra hiện trường');
    await pick(p, unitQuestion(2), 'xay dung', 'Sở Xây dựng (so-xd)');
    await choose(p, 'Bước 2 · người xử lý:', 1, 'Nguyễn Văn A, Chuyên viên (nva)');
    await answer(p, 'Bước 2 · thời gian (còn lại 1d 6h):', '1d');
    // 2h + 1d (8h) = 10h used, 6h left.
    await p.waitFor('Bước 3 — đã dùng 1d 2h, còn lại 6h của thời hạn 2d');
    // approve is highlighted after appraise; two down is return, which ends the list.
    await choose(p, 'Bước 3 · việc:', 2, 'Trả kết quả');
    await answer(p, 'Bước 3 · tên bước:', '');
    await pick(p, unitQuestion(3), 'trung tam', 'Trung tâm Phục vụ hành chính công (ttpvhcc)');
    await answer(p, 'Bước 3 · thời gian (còn lại 6h):', '6h');

    const { code, screen } = await p.exit();
    expect(code).toBe(0);
    expect(screen).toContain('Đã tạo procedures/1.000099.yaml: 3 bước, thời hạn 2d.');
    expect(parse(readFileSync(join(dir, 'procedures', '1.000099.yaml'), 'utf8'))).toEqual(repairPermit('6h'));
    const v = tthc(['--catalog', '.', ...asOf, 'validate'], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
  }, 180_000);

  it('Ctrl-C in the middle of the steps: one line, exit 130, no file and no temporary file left', async () => {
    const dir = tempCatalog(smallCatalog);
    const before = filesUnder(dir);
    const p = (pane = new Pane(dir, ['--catalog', '.', ...asOf, 'catalog', 'new']));
    await answerUpToStep2(p);
    await answer(p, 'Bước 2 · việc:', '');
    await p.waitFor('Bước 2 · tên bước:');
    p.keys('C-c');
    const { code, screen } = await p.exit();
    expect(code).toBe(130);
    const after = screen.slice(screen.lastIndexOf('Bước 2 · tên bước:'));
    expect(after.split('\n').filter((l) => l.startsWith('tthc:'))).toEqual(['tthc: interrupted (Ctrl-C); nothing was written']);
    // No stack trace, no inquirer error name.
    expect(screen).not.toMatch(/^\s+at /m);
    expect(screen).not.toContain('ExitPromptError');
    expect(screen).not.toContain('internal error');
    expect(filesUnder(dir)).toEqual(before);
  }, 180_000);
});

describe('tthc catalog new without a terminal', () => {
  it('refuses with exit 2 and one line naming the schema and an example file to copy', () => {
    const dir = tempCatalog(smallCatalog);
    const before = filesUnder(dir);
    // Piped stdin and stdout, as in a script.
    const r = tthc(['--catalog', '.', 'catalog', 'new'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(2); // one line and the final newline
    const m = /follow (\S+schemas\/procedure\.schema\.json) and copy (\S+\.yaml)$/.exec(lines[0]!);
    expect(m).not.toBeNull();
    // Both files named exist, and the example is a procedure.
    expect(readFileSync(m![1]!, 'utf8')).toContain('"title": "tthc administrative procedure"');
    expect(parse(readFileSync(m![2]!, 'utf8')).kind).toBe('procedure');
    expect(filesUnder(dir)).toEqual(before);
  });
});
