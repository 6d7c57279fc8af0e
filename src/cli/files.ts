// Writing output files: whole or not at all, and never over a file without --force.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';

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
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    throw new InputError(`cannot write ${opts.shown}: ${why}`);
  }
}
