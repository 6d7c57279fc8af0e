// A 2 GB import file streams through `tthc dossier import` in bounded memory. The file repeats 100
// events with long notes (about 2 kB a line) ten thousand times; the first copy is imported
// beforehand, so each of the 1,000,000 lines is read, parsed, checked against the schema and
// found already stored with the same content, which keeps the run within a minute. The peak
// resident memory (/usr/bin/time) must stay under 300 MB: the file is never held whole.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

const D = '000.00.12.H06-260202-0001';
const note = 'Đã kiểm tra hồ sơ và đối chiếu bản gốc. '.repeat(45).slice(0, 1900);

/** Receipt, then 99 apologies (allowed any number of times while in progress), each with the long note as reason. */
function events(): string[] {
  const lines = [JSON.stringify({ id: 'big-0', dossier: D, type: 'received', at: '2026-02-02T09:00:00+07:00', by: 'nva', procedure: '1.000001', applicant: { name: 'Phạm Thị Lan' }, channel: 'counter' })];
  for (let i = 1; i < 100; i++) {
    const at = new Date(Date.parse('2026-02-02T02:10:00Z') + i * 60_000).toISOString();
    lines.push(JSON.stringify({ id: `big-${i}`, dossier: D, type: 'apologized', at, by: 'nva', reason: note, new_appointment: '2026-02-10T09:00:00+07:00' }));
  }
  return lines;
}

describe('dossier import of a 2 GB file', () => {
  it('streams a million lines in bounded memory', () => {
    const dir = tempCatalog(smallCatalog);
    const db = `sqlite:${join(dir, 'big.db')}`;
    expect(tthc(['--db', db, '--catalog', dir, 'catalog', 'load'], { cwd: dir }).status).toBe(0);
    const lines = events();
    const block = lines.join('\n') + '\n';
    writeFileSync(join(dir, 'once.jsonl'), block);
    expect(JSON.parse(tthc(['--db', db, '--format', 'json', 'dossier', 'import', 'once.jsonl'], { cwd: dir }).stdout)).toMatchObject({ imported: 100 });
    // 10,000 copies of the 100 lines: 1,000,000 lines, over 2 GB (each copy ≥ 200 kB).
    const big = join(dir, 'big.jsonl');
    const fd = openSync(big, 'w');
    const buf = Buffer.from(block.repeat(50));
    for (let i = 0; i < 200; i++) writeSync(fd, buf);
    closeSync(fd);
    const size = statSync(big).size;
    expect(size).toBeGreaterThan(2_000_000_000);
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, binPath, '--db', db, '--quiet', '--format', 'json', 'dossier', 'import', 'big.jsonl'], { cwd: dir, encoding: 'utf8' });
    rmSync(big);
    expect(r.status, r.stderr).toBe(0);
    // Every line read, every one already stored with the same content.
    expect(JSON.parse(r.stdout)).toEqual({ read: 1_000_000, imported: 0, duplicates: 1_000_000, rejected: 0 });
    const peakMb = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
    expect(peakMb).toBeLessThan(300);
  }, 300_000);
});
