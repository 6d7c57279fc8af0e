import { closeSync, createReadStream, openSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../../errors.js';
import type { ImportLine } from '../../../db/import.js';
import type { CommandDef } from '../../command.js';

/** Messages about rejected lines printed on stderr before the rest go to the reject file only. */
const shownRejects = 10;

export const dossierImportCommand: CommandDef = {
  name: 'dossier import',
  summary: 'append events from JSON Lines (FILE, or - for stdin) in batches; idempotent: ids already stored are skipped',
  args: ['<file>'],
  options: [
    { flags: '--on-error <mode>', description: 'stop: a bad line writes nothing of its batch and stops (exit 2); skip: it goes to the reject file and the import goes on (exit 1 at the end)', default: 'stop', choices: ['stop', 'skip'] },
    { flags: '--rejects <file>', description: 'with --on-error skip: where rejected lines go (default FILE.rejects.jsonl, or import.rejects.jsonl for stdin)' },
    { flags: '--input <format>', description: 'jsonl or csv (default: csv for a .csv file, else jsonl)', choices: ['jsonl', 'csv'] },
    { flags: '--batch <n>', description: 'events per transaction (default 10000)', default: '10000' },
  ],
  formats: ['table', 'json'],
  examples: ['tthc dossier import events.jsonl', 'tthc dossier import export.csv', 'tthc simulate --dossiers 1000 | tthc dossier import -', 'tthc dossier import export.jsonl --on-error skip --rejects bad.jsonl'],
  async run(ctx, args, opts) {
    const file = String(args[0]);
    const batchSize = Number(opts['batch']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new UsageError(`--batch ${String(opts['batch'])} must be a whole number from 1 to 100000`);
    const onError = opts['onError'] === 'skip' ? 'skip' : 'stop';
    const stdin = file === '-';
    const path = stdin ? undefined : resolve(ctx.io.cwd, file);
    let total: number | null = null;
    if (path) {
      try {
        const st = statSync(path);
        if (!st.isFile()) throw new InputError(`${file} is not a file`);
        total = st.size;
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      }
    }
    // The line reader and its iterator are made now, before anything awaits: a stream left
    // flowing while the database opens would pass its lines by. The iterator pauses the stream
    // while lines wait, so memory stays bounded however large the file.
    const input = path ? createReadStream(path) : process.stdin;
    const csv = opts['input'] === 'csv' || (opts['input'] === undefined && /\.csv$/i.test(file));
    const name = stdin ? 'stdin' : file;
    let bytes = 0;
    const count = (n: number) => (bytes += n);
    let reader: AsyncIterator<ImportLine>;
    if (csv) {
      reader = await csvLines(input, name);
      input.on('data', (chunk: Buffer | string) => count(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
    } else {
      const chunks = chunksOf(input);
      const { utf8Lines } = await import('../../../db/import-lines.js');
      reader = utf8Lines(chunks, count);
    }
    async function* numbered() {
      for (let r = await reader.next(); !r.done; r = await reader.next()) yield r.value;
    }

    const rejectsPath = resolve(ctx.io.cwd, opts['rejects'] !== undefined ? String(opts['rejects']) : stdin ? 'import.rejects.jsonl' : `${file}.rejects.jsonl`);
    let rejectsFd: number | undefined;
    let rejected = 0;

    const { usingDb } = await import('../../../db/connect.js');
    const { migrateToLatest } = await import('../../../db/migrate.js');
    const { importWithProgress } = await import('../../import-run.js');
    let summary;
    try {
      summary = await usingDb(
        ctx.db,
        ctx.io.cwd,
        async (d) => {
          await migrateToLatest(d.db);
          return importWithProgress(ctx, d, numbered(), {
            file: name,
            onError,
            batchSize,
            total,
            done: () => bytes,
            onReject: (p) => {
              rejected += 1;
              rejectsFd ??= openSync(rejectsPath, 'w');
              if (p.raw) writeSync(rejectsFd, Buffer.concat([p.raw, Buffer.from('\n')]));
              else writeSync(rejectsFd, p.text + '\n');
              if (rejected <= shownRejects) ctx.io.err(`tthc: ${name}:${p.line}: ${p.message} (skipped)\n`);
            },
          });
        },
        { create: false },
      );
    } finally {
      if (rejectsFd !== undefined) closeSync(rejectsFd);
    }
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify({ ...summary, ...(rejected > 0 ? { rejects_file: rejectsPath } : {}) }, null, 2) + '\n');
    } else {
      ctx.io.out(ctx.labels.importSummary(summary.read, summary.imported, summary.duplicates, summary.rejected) + '\n');
      if (rejected > 0) ctx.io.out(ctx.labels.importRejects(rejectsPath) + '\n');
    }
    return summary.rejected > 0 ? 1 : 0;
  },
};

/**
 * The chunks of a stream, its iterator made at once (before anything awaits), as the stream
 * must not flow while the database opens; it pauses while chunks wait.
 */
function chunksOf(input: NodeJS.ReadableStream): AsyncIterable<Buffer | string> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return { [Symbol.asyncIterator]: () => it };
}

/**
 * Characters a CSV record may hold: far above any valid event (its longest fields are a few
 * thousand characters), and a stop for an unclosed quote or a 100 MB cell held in memory.
 */
const maxCsvRecord = 1024 * 1024;

/**
 * The records of a CSV import as numbered JSON lines (the line of each record's end). Made
 * before anything else awaits, like the line reader; the header is checked on the first record.
 */
async function csvLines(input: NodeJS.ReadableStream, name: string): Promise<AsyncIterator<{ line: number; text: string }>> {
  const { parse } = await import('csv-parse');
  const { checkCsvHeader, csvParserProblem, csvRecordToEvent } = await import('../../../db/import-csv.js');
  const { strictUtf8 } = await import('../../../db/import-lines.js');
  const checked = input.pipe(strictUtf8(name));
  const parser = checked.pipe(parse({ columns: (header: string[]) => (checkCsvHeader(name, header), header), bom: true, info: true, skip_empty_lines: true, max_record_size: maxCsvRecord }));
  // The parser may fail (a bad header) before the records are asked for: keep the error for then.
  let failure: unknown;
  parser.on('error', (e) => (failure ??= e));
  // pipe() does not pass an error on: invalid UTF-8 ends the parser with it.
  checked.on('error', (e) => parser.destroy(e));
  const asInputError = (e: unknown) => (e instanceof InputError ? e : new InputError(`${name}: ${csvParserProblem((e as Error).message)}`));
  async function* records() {
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { line: info.lines, text: JSON.stringify(csvRecordToEvent(record)) };
    } catch (e) {
      throw asInputError(failure ?? e);
    }
    if (failure !== undefined) throw asInputError(failure);
  }
  return records();
}
