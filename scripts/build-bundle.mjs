// Joins dist/cli/main.js and everything it imports (but the native better-sqlite3) into one
// CommonJS file, dist/tthc.cjs, then runs typical commands in this process against a temporary
// database and saves V8's code cache of what they compiled, dist/tthc.cjs.cache. src/launch.ts
// explains why; bench/README.md has the figures. A command failing here fails the build: it is
// also a smoke test of the bundle.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const bundle = join(dist, 'tthc.cjs');
rmSync(`${bundle}.cache`, { force: true });

await build({
  entryPoints: [join(dist, 'cli', 'main.js')],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // better-sqlite3 is a native addon; pg-native is pg's optional, never-installed binding.
  external: ['better-sqlite3', 'pg-native'],
  // import.meta is empty in CommonJS; the code only asks it where the module is.
  define: { 'import.meta.url': '__tthcModuleUrl' },
  banner: { js: "const __tthcModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // import() becomes require(): a script run by node:vm has no loader for import().
  supported: { 'dynamic-import': false },
  // Less to read at every start; names are kept, so a --verbose stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // Non-ASCII characters are escaped (esbuild's default), so src/launch.ts may read it as latin1.
  charset: 'ascii',
  logLevel: 'warning',
});
// esbuild cannot escape the characters of regular-expression literals and tagged templates, and
// src/launch.ts reads the bundle as latin1. So every non-ASCII UTF-16 unit left becomes a \uXXXX
// escape, which means the same character in a string, a template's cooked text, a regular
// expression (a surrogate pair included, with or without the u flag) and an identifier; only a
// template's raw text (String.raw) would differ, and the program reads none.
const text = readFileSync(bundle, 'utf8');
writeFileSync(bundle, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
// src/catalog/schema.ts looks for the precompiled validators beside the module that asks.
copyFileSync(join(dist, 'catalog', 'validators.generated.cjs'), join(dist, 'validators.generated.cjs'));

const { loadProgram } = await import('../dist/launch.js');
const program = await loadProgram(bundle);
const work = mkdtempSync(join(tmpdir(), 'tthc-build-'));
try {
  const catalog = join(root, 'procedures');
  const db = ['--db', `sqlite:${join(work, 'warm-up.db')}`, '--catalog', catalog];
  const code = '000.00.12.H06-260105-0001';
  const runs = [
    ['--version'],
    ['--help'],
    ['validate', catalog],
    ['catalog', 'list', '--catalog', catalog],
    ['catalog', 'show', '1.009794', '--catalog', catalog],
    ['calendar', 'due', '2026-01-05T09:00', '3d', '--catalog', catalog],
    [...db, 'catalog', 'load'],
    [...db, 'dossier', 'receive', '--procedure', '1.009794', '--applicant', 'Nguyễn Văn An', '--by', 'qxd-nvh', '--at', '2026-01-05T09:00'],
    [...db, 'dossier', 'complete', code, '--step', 'appraise', '--by', 'qxd-nvh', '--at', '2026-01-05T11:00'],
    [...db, 'dossier', 'show', code, '--as-of', '2026-01-05T11:30'],
    [...db, 'dossier', 'show', code, '--as-of', '2026-01-05T11:30', '--format', 'json'],
    [...db, 'dossier', 'list', '--as-of', '2026-01-05T11:30'],
    [...db, 'audit', 'verify'],
  ];
  for (const argv of runs) {
    let err = '';
    const io = { out: () => undefined, err: (t) => (err += t), stdoutIsTTY: false, stdinIsTTY: false, env: {}, cwd: work };
    const exit = await program.main(['--no-input', ...argv], io);
    if (exit !== 0) throw new Error(`build-bundle: warm-up "tthc ${argv.join(' ')}" exited ${exit}: ${err.trim()}`);
  }
  program.saveCodeCache();
} finally {
  rmSync(work, { recursive: true, force: true });
}
