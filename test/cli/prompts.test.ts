// dossier receive asks for what is missing on a terminal, and never elsewhere. In-process with a
// scripted Prompter (the real one is @inquirer/prompts on the process's terminal).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Choice, Prompter } from '../../src/cli/prompts.js';
import { memoryIo } from '../../src/output/io.js';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

function scripted(answers: { search?: string; inputs?: string[] }) {
  const asked: string[] = [];
  let offered: { choices: readonly Choice[]; filter: (t: string, c: Choice) => boolean } | undefined;
  const prompter: Prompter = {
    async search(message, choices, filter) {
      asked.push(message);
      offered = { choices, filter };
      // The user types a search term without diacritics and picks the only match.
      const matches = choices.filter((c) => filter(answers.search ?? '', c));
      if (matches.length !== 1) throw new Error(`expected one match, got ${matches.length}`);
      return matches[0]!.value;
    },
    async input(message) {
      asked.push(message);
      return answers.inputs?.shift() ?? '';
    },
    async select(message) {
      asked.push(message);
      throw new Error('dossier receive asks no multiple-choice question');
    },
  };
  return { prompter, asked, offered: () => offered };
}

describe('dossier receive prompts', () => {
  const dir = tempCatalog(smallCatalog);
  expect(tthc(['--catalog', '.', 'catalog', 'load'], { cwd: dir }).status).toBe(0);

  it('asks for the procedure (searchable without diacritics) and the applicant on a terminal', async () => {
    const s = scripted({ search: 'thuc chung', inputs: ['Đỗ Thị Hoa', '', '0912 345 678'] });
    const io = memoryIo({ cwd: dir, tty: true });
    const code = await main(['dossier', 'receive', '--at', '2026-03-02T09:00', '--format', 'json'], io, s.prompter);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    expect(s.asked).toEqual(['Thủ tục (gõ mã hoặc tên để tìm):', 'Họ tên người nộp hồ sơ:', 'Số định danh cá nhân / CCCD (có thể bỏ trống):', 'Số điện thoại (có thể bỏ trống):']);
    expect(s.offered()!.choices.map((c) => c.value)).toEqual(['1.000001', '2.000002']);
    // "thuc chung" (both words, any order, no diacritics) found only "2.000002  Chứng thực bản
    // sao từ bản chính"; its agency xa-a has the code 000.00.41.H06.
    expect(JSON.parse(io.stdout()).code).toBe('000.00.41.H06-260302-0001');
    // The answers are stored in the received event (never printed): no ID number, the phone.
    const db = new Database(join(dir, 'tthc.db'), { readonly: true });
    const payload = JSON.parse((db.prepare("select payload from events where type = 'received'").get() as { payload: string }).payload);
    db.close();
    expect(payload.applicant).toEqual({ name: 'Đỗ Thị Hoa', phone: '0912 345 678' });
    expect(io.stdout()).not.toContain('0912');
  });

  it.each([
    ['not a terminal', { tty: false, env: {} }, []],
    ['CI=true', { tty: true, env: { CI: 'true' } }, []],
    ['--no-input', { tty: true, env: {} }, ['--no-input']],
  ])('never asks when %s: exit 2', async (_name, o, extra) => {
    const s = scripted({});
    const io = memoryIo({ cwd: dir, ...o });
    expect(await main(['dossier', 'receive', ...extra], io, s.prompter)).toBe(2);
    expect(io.stderr()).toBe('tthc: --procedure is required\n');
    expect(s.asked).toEqual([]);
  });
});
