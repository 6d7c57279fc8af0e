// tthc catalog new, in-process with a scripted Prompter that behaves like the real one: an
// answer its check refuses is shown the message and the next answer is taken; Enter (an empty
// answer) takes the default; a search term picks the first choice it matches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { Choice, InputOptions, Prompter } from '../../src/cli/prompts.js';
import { InterruptedError } from '../../src/errors.js';
import { memoryIo } from '../../src/output/io.js';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { filesUnder, repairPermit } from '../helpers/new-procedure.js';

/** What the user types at each question, in order; `interrupt` is Ctrl-C there. */
type Answer = string | { interrupt: true };

function scripted(answers: Answer[]) {
  const asked: string[] = [];
  const refused: string[] = [];
  const hints: string[] = [];
  const offered = new Map<string, readonly Choice[]>();
  const initials = new Map<string, string | undefined>();
  const next = (message: string): string => {
    asked.push(message);
    const a = answers.shift();
    if (a === undefined) throw new Error(`no answer left for "${message}"`);
    if (typeof a !== 'string') throw new InterruptedError();
    return a;
  };
  const prompter: Prompter = {
    async search(message, choices, filter) {
      offered.set(message, choices);
      const term = next(message);
      const match = choices.find((c) => term === '' || filter(term, c));
      if (!match) throw new Error(`"${term}" matches nothing at "${message}"`);
      return match.value;
    },
    async input(message, opts: InputOptions = {}) {
      for (;;) {
        const typed = next(message);
        const value = typed === '' && opts.default !== undefined ? opts.default : typed;
        if (opts.hint) hints.push(`${typed}${opts.hint(typed)}`);
        if (opts.required && value.trim() === '') continue;
        const verdict = opts.validate ? opts.validate(value) : true;
        if (verdict === true) return value;
        refused.push(verdict);
      }
    },
    async select(message, choices, initial) {
      offered.set(message, choices);
      initials.set(message, initial);
      const typed = next(message);
      const value = typed === '' ? (initial ?? choices[0]!.value) : typed;
      if (!choices.some((c) => c.value === value)) throw new Error(`"${value}" is not a choice at "${message}"`);
      return value;
    },
  };
  return { prompter, asked, refused, hints, offered, initial: initials, left: () => answers.length };
}

const asOf = ['--as-of', '2026-03-02T09:00'];

describe('tthc catalog new (scripted answers)', () => {
  it('asks for the procedure and its steps, checks each answer, and writes a file that validates', async () => {
    const dir = tempCatalog(smallCatalog);
    const s = scripted([
      // Code: malformed, then taken, then a new one.
      '1 000',
      '1.000001',
      '1.000099',
      'Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ',
      // Agency, searched without diacritics.
      'so xay',
      // Field: Enter keeps the agency's usual field (1.000001 of so-xd is "Xây dựng").
      '',
      'inter-agency',
      // Time limit: a typo, then "2 d" as people type it.
      '2 days',
      '2 d',
      // Effective from: Enter takes the --as-of date.
      '',
      // Step 1: receive (Enter), default name, the centre, 2h.
      '',
      '',
      'trung tam',
      '2h',
      // Step 2: appraise (Enter), own name, so-xd with official nva, 3d refused (1d 6h left), then 1d.
      '',
      'Thẩm định hồ sơ, kiểm tra hiện trường',
      'xay dung',
      'nva',
      '3d',
      '1d',
      // Step 3: return ends the list; default name; the centre; 7h refused (6h left), then 0,5d.
      'return',
      '',
      'trung tam',
      '7h',
      '0,5d',
    ]);
    const io = memoryIo({ cwd: dir, tty: true });
    const code = await main(['--catalog', '.', ...asOf, 'catalog', 'new'], io, s.prompter);
    expect(io.stderr()).not.toContain('tthc:');
    expect(code).toBe(0);

    expect(s.refused).toEqual([
      'Mã chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới, bắt đầu bằng chữ hoặc số, tối đa 64 ký tự',
      'Mã 1.000001 đã có trong catalog (procedures/1.000001.yaml)',
      'Viết số và đơn vị: 10d, 0.5d, 4h hoặc 30cd',
      // 2d = 16h; after 2h and before step 2: 14h = 1d 6h left.
      'Vượt thời hạn: chỉ còn 1d 6h',
      // After 2h + 1d (8h) = 10h: 16h − 10h = 6h left.
      'Vượt thời hạn: chỉ còn 6h',
    ]);
    expect(s.left()).toBe(0);

    // The unit list offers every unit, the previous step's unit first (Enter keeps it).
    expect(s.offered.get('Bước 2 · đơn vị thực hiện (gõ tên hoặc mã để tìm):')!.map((c) => c.value)[0]).toBe('ttpvhcc');
    // Officials are offered for so-xd only (nva works there); the centre has none, so no question.
    expect(s.asked.filter((m) => m.includes('người xử lý'))).toEqual(['Bước 2 · người xử lý:']);
    // The budget left, shown before each step and while typing its duration.
    expect(io.stderr()).toContain('Bước 1 — đã dùng 0min, còn lại 2d của thời hạn 2d');
    expect(io.stderr()).toContain('Bước 2 — đã dùng 2h, còn lại 1d 6h của thời hạn 2d');
    expect(io.stderr()).toContain('Bước 3 — đã dùng 1d 2h, còn lại 6h của thời hạn 2d');
    expect(s.hints).toContain('3d  → vượt 1d 2h'); // 24h − 14h = 10h = 1d 2h over
    expect(s.hints).toContain('1d  → còn lại 6h'); // 14h − 8h
    expect(s.hints).toContain('0,5d  → còn lại 2h'); // 6h − 4h

    const file = join(dir, 'procedures', '1.000099.yaml');
    expect(io.stdout()).toBe('Đã tạo procedures/1.000099.yaml: 3 bước, thời hạn 2d.\n');
    expect(parse(readFileSync(file, 'utf8'))).toEqual(repairPermit('0.5d'));
    expect(filesUnder(dir)).toEqual(['calendar.yaml', 'procedures/1.000001.yaml', 'procedures/1.000099.yaml', 'procedures/2.000002.yaml', 'units.yaml']);
    const v = tthc(['--catalog', '.', ...asOf, 'validate'], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
  });
});

describe('tthc catalog new: budgets, calendars and folders', () => {
  it('ends with a 0h return step once the time limit is used up', async () => {
    const dir = tempCatalog(smallCatalog);
    // ubnd has no procedure yet: its file goes to a folder named after it.
    const s = scripted(['BN.UBND.01', 'Tiếp công dân', 'ubnd', 'Tiếp công dân', 'five-on-the-spot', '4h', '2026-07-01', '', '', 'trung tam', '4h', 'Trả kết quả tại chỗ', 'trung tam']);
    const io = memoryIo({ cwd: dir, tty: true });
    expect(await main(['--catalog', '.', ...asOf, 'catalog', 'new'], io, s.prompter)).toBe(0);
    expect(s.left()).toBe(0);
    // 4h − 4h = 0: step 2 asks neither its action nor its duration.
    expect(io.stderr()).toContain('Bước 2 — đã dùng 4h, còn lại 0min của thời hạn 4h\nĐã dùng hết thời hạn: bước cuối là trả kết quả, thời gian 0h.\n');
    expect(s.asked.filter((m) => m.startsWith('Bước 2'))).toEqual(['Bước 2 · tên bước:', 'Bước 2 · đơn vị thực hiện (gõ tên hoặc mã để tìm):']);
    const doc = parse(readFileSync(join(dir, 'ubnd', 'BN.UBND.01.yaml'), 'utf8'));
    expect(doc.steps).toEqual([
      { id: 'receive', name: 'Tiếp nhận hồ sơ, kiểm tra tính đầy đủ', action: 'receive', unit: 'ttpvhcc', duration: '4h' },
      { id: 'return', name: 'Trả kết quả tại chỗ', action: 'return', unit: 'ttpvhcc', duration: '0h' },
    ]);
    // effective_from 2026-07-01 is after --as-of: validate reports it as information only.
    expect(doc.effective_from).toBe('2026-07-01');
    expect(io.stderr()).toContain('not-yet-effective');
    expect(tthc(['--catalog', '.', ...asOf, 'validate'], { cwd: dir }).status).toBe(0);
  });

  it('asks for the calendar when there are several, and counts no budget for calendar days', async () => {
    const second = smallCatalog['calendar.yaml']!.replace('id: vn', 'id: vn-sat').replace('  fri:', '  sat: ["07:30-11:30"]\n  fri:');
    const dir = tempCatalog({ ...smallCatalog, 'calendar-sat.yaml': second, 'procedures/1.000001.yaml': smallCatalog['procedures/1.000001.yaml']!.replace('mechanism: one-stop', 'mechanism: one-stop\ncalendar: vn'), 'procedures/2.000002.yaml': smallCatalog['procedures/2.000002.yaml']!.replace('mechanism:', 'calendar: vn\nmechanism:') });
    const s = scripted(['2.000003', 'Đăng ký kết hôn', 'an binh', 'Hộ tịch', '', 'vn-sat', '30CD', '', '', '', '', '5d', 'other', 'Niêm yết công khai', '', '7 d', 'return', '', '', '1d']);
    const io = memoryIo({ cwd: dir, tty: true });
    expect(await main(['--catalog', '.', ...asOf, '--format', 'json', 'catalog', 'new'], io, s.prompter)).toBe(0);
    expect(s.left()).toBe(0);
    // Calendar days have no budget to check, and 2026-03-02 is --as-of's day: no finding.
    expect(JSON.parse(io.stdout())).toEqual({ file: 'procedures/2.000003.yaml', code: '2.000003', steps: 3, findings: [] });
    expect(s.offered.get('Lịch làm việc:')!.map((c) => c.value)).toEqual(['vn', 'vn-sat']);
    expect(s.initial.get('Lịch làm việc:')).toBe('vn'); // what both procedures use
    // Calendar days have no working-time budget: the steps' total is shown instead, in days of vn-sat (8h).
    expect(io.stderr()).toContain('Bước 3 — các bước đã dùng 12d (thời hạn 30cd tính theo ngày lịch)');
    expect(s.asked).toContain('Bước 3 · thời gian (1d, 4h, 0.5h):');
    const doc = parse(readFileSync(join(dir, 'procedures', '2.000003.yaml'), 'utf8'));
    expect([doc.agency, doc.mechanism, doc.calendar, doc.time_limit]).toEqual(['xa-a', 'one-stop', 'vn-sat', '30cd']);
    expect(doc.steps.map((st: { id: string; unit: string; duration: string }) => `${st.id}@${st.unit}:${st.duration}`)).toEqual(['receive@xa-a:5d', 'other@xa-a:7d', 'return@xa-a:1d']);
    const v = tthc(['--catalog', '.', ...asOf, 'validate'], { cwd: dir });
    expect(v.stdout).not.toContain('lỗi  ');
    expect(v.status).toBe(0);
  });
});

describe('tthc catalog new: interrupted or without a terminal', () => {
  it('Ctrl-C at a step: exit 130, one line, nothing written', async () => {
    const dir = tempCatalog(smallCatalog);
    const before = filesUnder(dir);
    const s = scripted(['1.000099', 'Thủ tục thử', 'so xay', '', '', '2d', '', '', '', 'trung tam', '2h', '', { interrupt: true }]);
    const io = memoryIo({ cwd: dir, tty: true });
    expect(await main(['--catalog', '.', ...asOf, 'catalog', 'new'], io, s.prompter)).toBe(130);
    expect(s.asked[s.asked.length - 1]).toBe('Bước 2 · tên bước:');
    expect(io.stderr().split('\n').filter((l) => l.startsWith('tthc:'))).toEqual(['tthc: interrupted (Ctrl-C); nothing was written']);
    expect(io.stdout()).toBe('');
    expect(filesUnder(dir)).toEqual(before);
  });

  it('asks in English with --lang en', async () => {
    const dir = tempCatalog(smallCatalog);
    const s = scripted(['1.000099', { interrupt: true }]);
    const io = memoryIo({ cwd: dir, tty: true });
    expect(await main(['--catalog', '.', '--lang', 'en', 'catalog', 'new'], io, s.prompter)).toBe(130);
    expect(s.asked).toEqual(['Procedure code (a national code such as 1.009794, or a local one):', 'Procedure name:']);
  });

  it.each([
    ['not a terminal', { tty: false, env: {} }, []],
    ['CI=true', { tty: true, env: { CI: 'true' } }, []],
    ['--no-input', { tty: true, env: {} }, ['--no-input']],
  ])('refuses when %s: exit 2, pointing to the schema and an example', async (_name, o, extra) => {
    const dir = tempCatalog(smallCatalog);
    const s = scripted([]);
    const io = memoryIo({ cwd: dir, ...o });
    expect(await main(['--catalog', '.', ...extra, 'catalog', 'new'], io, s.prompter)).toBe(2);
    expect(s.asked).toEqual([]);
    expect(io.stderr()).toMatch(/^tthc: "catalog new" asks questions and needs a terminal .*follow \S*schemas\/procedure\.schema\.json and copy \S*procedures\/so-xay-dung\/1\.009794\.yaml\n$/);
  });
});
