// The import's line reader: lines as readline splits them (LF, CR LF, lone CR, wherever the
// chunks are cut), invalid UTF-8 as a bad line with its bytes kept, and a bound on line length.
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxLineBytes, strictUtf8, utf8Lines } from '../../src/db/import-lines.js';
import type { ImportLine } from '../../src/db/import.js';

async function read(chunks: (string | number[])[]): Promise<ImportLine[]> {
  const out: ImportLine[] = [];
  const bufs = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)));
  for await (const l of utf8Lines(Readable.from(bufs))) out.push(l);
  return out;
}

const texts = (lines: ImportLine[]) => lines.map((l) => l.text);

describe('utf8Lines', () => {
  it('splits at LF, CR LF and a lone CR, numbering empty lines too', async () => {
    expect(await read(['a\nb\r\nc\rd\n\ne'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
      { line: 4, text: 'd' },
      { line: 5, text: '' },
      { line: 6, text: 'e' },
    ]);
  });

  it('keeps CR LF one line end when the chunks split between them, and a multi-byte letter split across chunks whole', async () => {
    // "ệ" is E1 BB 87: its first byte ends the second chunk.
    expect(texts(await read(['Vi', [0xe1], [0xbb, 0x87], 't\r', '\nNam\r', '\n']))).toEqual(['Việt', 'Nam']);
  });

  it('ends without a last empty line after a final line end, CR or LF', async () => {
    expect(texts(await read(['a\n']))).toEqual(['a']);
    expect(texts(await read(['a\r']))).toEqual(['a']);
    expect(texts(await read(['a']))).toEqual(['a']);
    expect(await read([])).toEqual([]);
  });

  it('agrees with readline on random text cut into random chunks (property)', async () => {
    const piece = fc.constantFrom('a', 'ệ', '{"x":1}', '\n', '\r', '\r\n', ' ');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), async (pieces, cuts) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const n = cuts[i % cuts.length]!;
          chunks.push(bytes.subarray(at, at + n));
          at += n;
        }
        const ours: string[] = [];
        for await (const l of utf8Lines(Readable.from(chunks))) ours.push(l.text);
        const theirs: string[] = [];
        for await (const l of createInterface({ input: Readable.from([bytes]), crlfDelay: Infinity })) theirs.push(l);
        expect(ours).toEqual(theirs);
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('gives a line with invalid UTF-8 its problem, the 1-based byte and the bytes as read; the other lines are read', async () => {
    const lines = await read(['ok\n', 'V', [0xff], 'n\n', 'fine\n']);
    expect(lines[0]).toEqual({ line: 1, text: 'ok' });
    expect(lines[1]).toMatchObject({ line: 2, problem: 'invalid UTF-8 at byte 2 of the line (0xFF); save the file as UTF-8' });
    expect(Buffer.from(lines[1]!.raw!)).toEqual(Buffer.from([0x56, 0xff, 0x6e]));
    expect(lines[2]).toEqual({ line: 3, text: 'fine' });
  });

  it.each([
    ['an overlong "/" (C0 AF)', [0x2e, 0xc0, 0xaf], 2, 'C0'],
    ['a surrogate (ED A0 80)', [0xed, 0xa0, 0x80], 1, 'ED'],
    ['a sequence cut by the line end (E1 BB)', [0x61, 0x62, 0xe1, 0xbb], 3, 'E1'],
  ])('refuses %s', async (_name, bytes, at, hex) => {
    const lines = await read([bytes, '\n']);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.problem).toBe(`invalid UTF-8 at byte ${at} of the line (0x${hex}); save the file as UTF-8`);
  });

  it('places a bad line that follows lone CRs in a chunk that also holds good lines', async () => {
    const lines = await read(['a\rb\r', [0xc3], '\nc\n']);
    expect(lines.map((l) => [l.line, l.problem === undefined])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, true],
    ]);
  });

  it('refuses a line longer than the bound without holding it, keeping its first bytes, and reads on after it', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const count = Math.ceil((3 * maxLineBytes) / chunk.length);
    const lines = await read(['first\n', ...Array<string>(count).fill(chunk), '\nlast\n']);
    expect(texts(lines).map((t) => t.length)).toEqual([5, maxLineBytes, 4]);
    expect(lines[1]).toMatchObject({ line: 2, problem: expect.stringContaining('longer than 1 MiB') });
    expect(lines[1]!.raw!.length).toBe(maxLineBytes);
    expect(lines[2]).toEqual({ line: 3, text: 'last' });
  });
});

describe('strictUtf8 (the CSV import)', () => {
  async function pass(chunks: (string | number[])[]): Promise<string> {
    const out: Buffer[] = [];
    for await (const b of Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)))).pipe(strictUtf8('e.csv'))) out.push(b as Buffer);
    return Buffer.concat(out).toString('utf8');
  }

  it('passes valid UTF-8 through unchanged, a letter split across chunks included', async () => {
    expect(await pass(['a,b\nVi', [0xe1, 0xbb], [0x87], 't\n'])).toBe('a,b\nViệt\n');
  });

  it.each([
    ['a 0xFF on line 3', ['a\nb\nc', [0xff], '\n'], 3],
    ['an overlong C0 AF on line 2, in the second chunk', ['a\n', 'b', [0xc0, 0xaf], '\n'], 2],
    ['a bad byte after a sequence begun in the previous chunk', ['a\n', [0xe1, 0xbb], [0x87, 0x0a, 0x0a, 0xff]], 4],
    ['a sequence cut by the end of the file', ['a\nb', [0xe1]], 2],
  ])('refuses %s, naming the line', async (_name, chunks, line) => {
    await expect(pass(chunks as (string | number[])[])).rejects.toThrow(`e.csv:${line}: invalid UTF-8; save the file as UTF-8`);
  });
});
