// Where tthc's own files are (package.json, schemas/, procedures/), found the same way whether the
// code runs from src/, from dist/ or from the one-file bundle dist/tthc.cjs.
import { existsSync } from 'node:fs';

let root: URL | undefined;

/** The folder holding tthc's package.json: the nearest one above this module. */
export function packageRoot(): URL {
  if (root) return root;
  let dir = new URL('./', import.meta.url);
  for (;;) {
    if (existsSync(new URL('package.json', dir))) return (root = dir);
    const up = new URL('../', dir);
    if (up.href === dir.href) throw new Error(`no package.json above ${import.meta.url}`);
    dir = up;
  }
}

/** A file or folder of the package, by its path from the package root (a folder ends in "/"). */
export function packageFile(path: string): URL {
  return new URL(path, packageRoot());
}
