// `tthc dossier import` on every engine: a JSON Lines file of events by hand, imported through the
// built CLI; re-runs add nothing; bad lines are refused with their line numbers, in stop mode
// with nothing of their batch written, in skip mode into the reject file. Procedure 1.000001 of
// the small catalog (test/helpers/cli.ts): agency so-xd (code 000.00.12.H06), limit 2d,
// steps receive 2h → appraise 1d → approve 4h → return 2h; Mon–Fri 07:30–11:30, 13:30–17:30.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { dialects } from './dialects.js';

const A = '000.00.12.H06-260202-0001';
const B = '000.00.12.H06-260202-0002';
const ev = (id: string, dossier: string, type: string, at: string, by: string | null, rest: Record<string, unknown> = {}) => JSON.stringify({ id, dossier, type, at: `${at}:00+07:00`, by, ...rest });
const received = (id: string, dossier: string, at: string) => ev(id, dossier, 'received', at, 'nva', { procedure: '1.000001', applicant: { name: 'Trần Văn Bình', phone: '0912 345 678' }, channel: 'counter' });
const done = (id: string, dossier: string, step: string, at: string) => ev(id, dossier, 'step-completed', at, 'nva', { step });

// A: Mon 2/2 09:00, due Wed 4/2 09:00 (Mon 150 + 240, Tue 480, Wed 90 = 960); resolved Tue 3/2
// 09:00, a calendar day before the due day: early. B: received Mon 2/2 10:00, receive done,
// supplement asked 11:00 and still awaited. Interleaved in time order, as a real export is.
const good = [
  received('a1', A, '2026-02-02T09:00'),
  done('a2', A, 'receive', '2026-02-02T09:30'),
  received('b1', B, '2026-02-02T10:00'),
  done('b2', B, 'receive', '2026-02-02T10:30'),
  ev('b3', B, 'supplement-requested', '2026-02-02T11:00', 'nva', { reason: 'Thiếu bản vẽ', items: ['Bản vẽ thiết kế'] }),
  done('a3', A, 'appraise', '2026-02-02T14:00'),
  done('a4', A, 'approve', '2026-02-02T15:00'),
  done('a5', A, 'return', '2026-02-03T09:00'),
];

describe.each(dialects)('$name', (dialect) => {
  let url: string;
  let dir: string;
  const run = (args: string[], input?: string) => tthc(['--db', url, ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });
  const count = () => (JSON.parse(run(['--format', 'json', 'dossier', 'list', '--limit', '1000']).stdout) as { rows: unknown[] }).rows.length;
  beforeAll(async () => {
    url = await dialect.fresh();
    dir = tempCatalog(smallCatalog);
    expect(run(['--catalog', dir, 'catalog', 'load']).status).toBe(0);
  });
  afterAll(async () => {
    await dialect.cleanup();
  });

  it('imports, derives the dossiers, and a re-run adds nothing', () => {
    writeFileSync(join(dir, 'events.jsonl'), good.join('\n') + '\n');
    const first = run(['--format', 'json', 'dossier', 'import', 'events.jsonl']);
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(JSON.parse(first.stdout)).toEqual({ read: 8, imported: 8, duplicates: 0, rejected: 0 });
    const a = JSON.parse(run(['--format', 'json', 'dossier', 'show', A]).stdout) as { status: string; outcome: string; due: string };
    expect([a.status, a.outcome, a.due]).toEqual(['resolved', 'early', '2026-02-04T09:00:00+07:00']);
    const b = JSON.parse(run(['--format', 'json', 'dossier', 'show', B]).stdout) as { status: string; supplements: number };
    expect([b.status, b.supplements]).toEqual(['awaiting_supplement', 1]);
    expect(run(['audit', 'verify']).status).toBe(0);
    // Again: every id is stored with the same content, so all 8 are skipped.
    const again = run(['--format', 'json', 'dossier', 'import', 'events.jsonl']);
    expect(JSON.parse(again.stdout)).toEqual({ read: 8, imported: 0, duplicates: 8, rejected: 0 });
    // The next receipt of so-xd that day continues the imported numbering: 0003.
    const next = run(['--format', 'json', '--as-of', '2026-02-02T16:00', 'dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Lê Thị Hoa', '--by', 'nva', '--at', '2026-02-02T16:00']);
    expect((JSON.parse(next.stdout) as { code: string }).code).toBe('000.00.12.H06-260202-0003');
    // From stdin, the table summary, in Vietnamese.
    const piped = run(['dossier', 'import', '-'], good.slice(0, 2).join('\n'));
    expect(piped.stdout).toBe('Đã đọc 2 sự kiện · đã nhập 0 · bỏ qua vì đã có 2 · bị loại 0\n');
  });

  it('bad lines: each named by line; stop writes nothing of the batch, skip keeps the rest', () => {
    const C = '000.00.12.H06-260205-0001';
    const lines = [
      received('c1', C, '2026-02-05T09:00'), // 1: fine
      '{"id": "c2", "dossier"', // 2: not JSON (cut off)
      ev('c3', C, 'teleported', '2026-02-05T09:10', 'nva'), // 3: unknown type
      ev('c4', '000.00.12.H06-260205-0002', 'received', '2026-02-05T09:20', 'nva', { procedure: '9.999999', applicant: { name: 'X' }, channel: 'counter' }), // 4: unknown procedure
      done('c5', '000.00.12.H06-260205-0099', 'receive', '2026-02-05T09:30'), // 5: unknown dossier
      done('c6', C, 'approve', '2026-02-05T09:40'), // 6: out of order (receive is running)
      ev('a1', A, 'received', '2026-02-02T09:00', 'nva', { procedure: '1.000001', applicant: { name: 'Someone else' }, channel: 'counter' }), // 7: id a1 with other content
      JSON.stringify({ id: 'c8', dossier: C, type: 'step-completed', at: '2026-02-05T09:50:00', by: 'nva', step: 'receive' }), // 8: no offset
      done('c9', C, 'receive', '2026-02-05T10:00'), // 9: fine
      '{"id": "c10", "dossier": "' + C + '", "type": "step-co', // 10: truncated last line
    ];
    writeFileSync(join(dir, 'bad.jsonl'), lines.join('\n'));
    const before = count();
    const stop = run(['dossier', 'import', 'bad.jsonl']);
    expect(stop.status).toBe(2);
    expect(stop.stderr).toMatch(/^tthc: bad\.jsonl:2: not valid JSON \(.*\)\n$/);
    expect(count()).toBe(before); // line 1 shared the batch: not written
    const skip = run(['--format', 'json', 'dossier', 'import', 'bad.jsonl', '--on-error', 'skip']);
    expect(skip.status).toBe(1);
    // Lines 1 and 9 imported; 2–8 and 10 rejected, each named; the first 10 messages are shown.
    expect(JSON.parse(skip.stdout)).toMatchObject({ read: 10, imported: 2, duplicates: 0, rejected: 8 });
    const messages = skip.stderr.trim().split('\n');
    expect(messages.map((m) => m.match(/^tthc: bad\.jsonl:(\d+): /)?.[1])).toEqual(['2', '3', '4', '5', '6', '7', '8', '10']);
    expect(messages[1]).toContain('"type" must be one of "received", "step-completed"');
    expect(messages[2]).toContain('no procedure "9.999999"');
    expect(messages[3]).toContain('no dossier 000.00.12.H06-260205-0099');
    expect(messages[4]).toMatch(new RegExp(`${C.replace(/\./g, '\\.')}.*approve`));
    expect(messages[5]).toContain('event a1 is already recorded with a different content');
    expect(messages[6]).toContain('"at" must be a date and time with its offset');
    expect(readFileSync(join(dir, 'bad.jsonl.rejects.jsonl'), 'utf8').split('\n')).toEqual([...[1, 2, 3, 4, 5, 6, 7, 9].map((i) => lines[i]), '']);
    expect(count()).toBe(before + 1);
    expect(run(['audit', 'verify']).status).toBe(0);
  });

  it('CSV with the documented header: the same events, named by line', () => {
    const D = '000.00.12.H06-260206-0001';
    // Fri 6/2 09:00, received online (by empty: null), receive done 09:20; two supplement items
    // separated by ";"; a quoted name with a comma.
    const csv = [
      'id,dossier,type,at,by,procedure,applicant_name,applicant_phone,channel,step,reason,items',
      `d1,${D},received,2026-02-06T09:00:00+07:00,,1.000001,"Công ty TNHH An Bình, chi nhánh 2",0912 000 111,online,,,`,
      `d2,${D},step-completed,2026-02-06T09:20:00+07:00,nva,,,,,receive,,`,
      `d3,${D},supplement-requested,2026-02-06T10:00:00+07:00,nva,,,,,,Thiếu hồ sơ,Bản vẽ; Giấy phép cũ`,
      `d4,${D},refused,2026-02-06T10:30:00+07:00,nva,,,,,receive,Không đủ điều kiện,`,
    ].join('\r\n');
    writeFileSync(join(dir, 'export.csv'), '\uFEFF' + csv + '\r\n');
    const r = run(['--format', 'json', 'dossier', 'import', 'export.csv', '--on-error', 'skip']);
    // Line 5 gives a refusal a "step": a field that type does not take; the other three import.
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tthc: export.csv:5: has a field "step" that a "refused" event does not take (skipped)\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ read: 4, imported: 3, rejected: 1 });
    const d = JSON.parse(run(['--format', 'json', 'dossier', 'show', D]).stdout) as { status: string; supplements: number };
    expect([d.status, d.supplements]).toEqual(['awaiting_supplement', 1]);
    // A header with a column of another name is refused at line 1.
    writeFileSync(join(dir, 'odd.csv'), 'id,dossier,kind,at,by\n');
    expect(run(['dossier', 'import', 'odd.csv'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^tthc: odd\.csv:1: unknown column "kind"; the columns are id, dossier, type, at, by, /) as unknown });
  });

  it('refuses a missing file and a bad option with exit 2', () => {
    expect(run(['dossier', 'import', 'nothing.jsonl'])).toMatchObject({ status: 2, stderr: 'tthc: cannot read nothing.jsonl: no such file\n' });
    expect(run(['dossier', 'import', '-', '--batch', '0'], '')).toMatchObject({ status: 2, stderr: 'tthc: --batch 0 must be a whole number from 1 to 100000\n' });
  });
});
