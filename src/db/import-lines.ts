// The lines of a JSON Lines import, read from bytes: split as readline splits them (LF, CR LF or
// a lone CR) but decoded strictly, so that invalid UTF-8 is a bad line rather than a U+FFFD in
// the database. A chunk is checked once (natively) and decoded at once; only a chunk that fails
// is taken apart line by line to find the bad one.
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { firstInvalidUtf8 } from '../catalog/utf8.js';
import { InputError } from '../errors.js';
import type { ImportLine } from './import.js';

/**
 * Bytes a line may have. An event is a few kilobytes at most; the bound keeps one endless line
 * (a file of a single 100 MB name) from being held in memory, as `maxCsvRecord` does for CSV.
 */
export const maxLineBytes = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const lineEnd = /\r\n|\n|\r/;

/**
 * The lines of `input`, numbered from 1 (empty ones too). A line that is not valid UTF-8, or is
 * longer than `maxLineBytes`, comes with its `problem` and its bytes as read (cut at the bound),
 * which go to the reject file. A CR that ends a chunk waits for the next one, so CR LF is
 * one line end wherever the chunks split. `onBytes` hears of every chunk read (for progress).
 */
export async function* utf8Lines(input: AsyncIterable<Buffer | string>, onBytes?: (n: number) => void): AsyncGenerator<ImportLine> {
  let line = 0;
  /** Bytes of the line under way, before the chunk in hand. */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** True while the line under way is past the bound: its bytes are dropped until its end. */
  let overflow = false;
  for await (const chunk of input) {
    let b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    onBytes?.(b.length);
    if (overflow) {
      const end = b.indexOf(LF);
      if (end < 0) continue;
      yield overlong(++line, pending);
      pending = [];
      pendingBytes = 0;
      overflow = false;
      b = b.subarray(end + 1);
    }
    // Lines end at the last LF of the chunk; what follows waits for the next chunk.
    const cut = b.lastIndexOf(LF) + 1;
    if (cut === 0) {
      if (pendingBytes + b.length > maxLineBytes) {
        pending.push(b.subarray(0, Math.max(0, maxLineBytes - pendingBytes)));
        overflow = true;
      } else {
        pending.push(b);
        pendingBytes += b.length;
      }
      continue;
    }
    const head = pending.length > 0 ? Buffer.concat([...pending, b.subarray(0, cut)]) : b.subarray(0, cut);
    pending = cut < b.length ? [b.subarray(cut)] : [];
    pendingBytes = b.length - cut;
    // The common case: one check and one decoding for the whole chunk.
    if (head.length <= maxLineBytes && isUtf8(head)) {
      const texts = head.toString('utf8').split(lineEnd);
      texts.pop(); // after the final LF
      for (const text of texts) yield { line: ++line, text };
    } else {
      for (const bytes of splitLines(head)) yield lineOf(++line, bytes);
    }
  }
  if (overflow) {
    yield overlong(++line, pending);
  } else if (pendingBytes > 0) {
    for (const bytes of splitLines(Buffer.concat(pending))) yield lineOf(++line, bytes);
  }
}

const tooLong = `the line is longer than ${maxLineBytes / 1024 / 1024} MiB (an event is a few kilobytes); it is cut there in the reject file`;

/** A line over the bound, from its first `maxLineBytes` bytes. */
function overlong(line: number, kept: readonly Buffer[]): ImportLine {
  const raw = Buffer.concat(kept);
  return { line, text: raw.toString('utf8'), problem: tooLong, raw };
}

/** A line from its bytes: its text, or its problem (no byte of the line in the message: it may be personal data). */
function lineOf(line: number, bytes: Buffer): ImportLine {
  if (bytes.length > maxLineBytes) return overlong(line, [bytes.subarray(0, maxLineBytes)]);
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return { line, text };
  const at = firstInvalidUtf8(bytes);
  return { line, text, raw: bytes, problem: `invalid UTF-8 at byte ${at + 1} of the line (0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}); save the file as UTF-8` };
}

/** The lines of `bytes` without their ends (LF, CR LF or CR); a line end at the very end starts no line. */
function splitLines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c !== LF && c !== CR) continue;
    out.push(bytes.subarray(start, i));
    if (c === CR && bytes[i + 1] === LF) i++;
    start = i + 1;
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

/**
 * A pass-through for the CSV import, whose parser decodes leniently: refuses (InputError, the
 * stream's error) the first invalid UTF-8 with its line, `file:N: invalid UTF-8 …`. A record
 * may span lines, so the whole import stops there, whatever --on-error says.
 */
export function strictUtf8(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  const lfs = (b: Buffer) => {
    let n = 0;
    for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) n++;
    return n;
  };
  const refusal = (at: number) => new InputError(`${file}:${at}: invalid UTF-8; save the file as UTF-8`);
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        // The bad byte's line: past a sequence begun in the previous chunk, the first invalid one.
        let start = 0;
        while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
        const bad = Math.min(start + firstInvalidUtf8(chunk.subarray(start)), chunk.length);
        next(refusal(line + lfs(chunk.subarray(0, bad))));
        return;
      }
      line += lfs(chunk);
      next(null, chunk);
    },
    flush(next) {
      try {
        decoder.decode();
        next();
      } catch {
        next(refusal(line));
      }
    },
  });
}
