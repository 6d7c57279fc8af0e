// Writing output files: whole or not at all, and never over a file without --force.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, jsonErrorWithoutInput } from '../errors.js';

/**
 * Writes `text` to `path` through a temporary file in the same folder and a rename, so that a
 * reader never sees half a file. Refuses (InputError) an existing file without `force`, and a
 * folder that does not exist or cannot be written.
 */
export function writeFileAtomic(path: string, text: string, opts: { force: boolean; shown: string }): void {
  if (existsSync(path) && !opts.force) throw new InputError(`${opts.shown} exists; use --force to overwrite it`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(opts.shown, e);
  }
}

/** The file that marks a folder as written by writeFolderAtomic, so that it may be replaced. */
const siteMark = '.tthc-site';

function writeError(shown: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'not a folder' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
  return new InputError(`cannot write ${shown}: ${why}`);
}

/**
 * Writes `files` (relative paths with "/") as the folder `path`, whole or not at all: into a new
 * folder beside it, then renamed into place. An existing folder is replaced only when it is empty
 * or was written here before (it holds the mark file); anything else is refused (InputError), so
 * that a mistyped --out never deletes someone's files.
 */
export function writeFolderAtomic(path: string, files: readonly { path: string; text: string }[], shown: string): void {
  let replace = false;
  if (existsSync(path)) {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch (e) {
      throw writeError(shown, e);
    }
    if (entries.length > 0 && !entries.includes(siteMark)) throw new InputError(`${shown} exists and was not written by tthc; choose a new or empty folder`);
    replace = true;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const old = join(dirname(path), `.${basename(path)}.${process.pid}.old`);
  try {
    mkdirSync(tmp);
    writeFileSync(join(tmp, siteMark), 'Written by tthc; the next publication replaces this folder whole.\n');
    for (const f of files) {
      const target = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.text);
    }
    if (replace) renameSync(path, old);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { recursive: true, force: true });
    } catch {
      // Nothing was made where nothing can be made (a path through a file).
    }
    if (replace && existsSync(old) && !existsSync(path)) renameSync(old, path);
    throw writeError(shown, e);
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * A command's text to stdout, or with --out to that file (atomically; an existing file only with
 * --force), then `what` as a notice on stderr, e.g. "status.json: 120 dossiers".
 */
export function writeOutput(ctx: { io: { cwd: string; out(text: string): void }; notice(text: string): void }, opts: Record<string, unknown>, text: string, what: string): void {
  if (opts['out'] === undefined) {
    ctx.io.out(text);
    return;
  }
  const shown = String(opts['out']);
  writeFileAtomic(resolve(ctx.io.cwd, shown), text, { force: opts['force'] === true, shown });
  ctx.notice(`${shown}: ${what}`);
}

/** The JSON of a file given on the command line; refuses (InputError) an unreadable file or bad JSON, naming it. */
export function readJsonFile(path: string, shown: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : jsonErrorWithoutInput(e)}`);
  }
}
