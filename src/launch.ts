// Starts the command-line program. Node 20 keeps no compiled code between runs of ES modules, and
// compiling tthc's few hundred modules (kysely alone has 236) took longer than node's own start.
// So the build (scripts/build-bundle.mjs) joins them into one CommonJS file, dist/tthc.cjs, and
// saves V8's code cache of it, dist/tthc.cjs.cache, after running typical commands; here that
// file is compiled with the cache. A cache V8 rejects (another Node version) only costs the
// compile. Without the bundle (only tsc was run) the modules of dist/ are imported as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { main as Main } from './cli/main.js';
import { packageFile } from './package-files.js';

export interface Program {
  main: typeof Main;
  /** True when it runs from dist/tthc.cjs. */
  bundled: boolean;
  /** Whether V8 accepted the saved code cache (false also when there was none). */
  cacheAccepted: boolean;
  /** Saves the code cache of everything compiled so far (the build does, after a warm-up). */
  saveCodeCache(): void;
}

export async function loadProgram(bundleFile = fileURLToPath(packageFile('dist/tthc.cjs'))): Promise<Program> {
  if (!existsSync(bundleFile)) {
    const { main } = await import('./cli/main.js');
    return { main, bundled: false, cacheAccepted: false, saveCodeCache: () => undefined };
  }
  const cacheFile = `${bundleFile}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: V8 compiles as usual.
  }
  const script = new Script(Module.wrap(readFileSync(bundleFile, 'latin1')), {
    filename: bundleFile,
    cachedData,
  });
  const module = { exports: {} as { main: typeof Main } };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));
  return {
    main: module.exports.main,
    bundled: true,
    cacheAccepted: cachedData !== undefined && !script.cachedDataRejected,
    saveCodeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}
