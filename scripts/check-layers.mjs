// Checks the layers of ../shared/ARCHITECTURE.md: which folder of src/ may import which, and
// that the domain core reaches no terminal, process or printing. Prints one line per breach;
// exits 1 when there is any. Run by `npm run lint` and by the test suite.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

// Folder → folders of src/ it must never import ("*" = any other project folder).
const forbidden = {
  calendar: ['*'],
  catalog: ['db', 'cli', 'output', 'dossier', 'report', 'render'],
  dossier: ['db', 'cli', 'output', 'catalog', 'report', 'render'],
  db: ['cli', 'output', 'report', 'render'],
  report: ['cli', 'output', 'render'],
  render: ['cli', 'db'],
  output: ['db', 'cli', 'render'],
};
// Shared by all: typed errors, and where the package's own files are.
const everywhere = new Set(['errors.ts', 'package-files.ts']);
const core = new Set(['calendar', 'catalog', 'dossier', 'report']);
const coreBanned = ['commander', 'chalk', '@inquirer/prompts', 'cli-table3', 'node:process'];

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const problems = [];
for (const file of files(src)) {
  const rel = relative(src, file);
  const layer = rel.includes('/') ? rel.split('/')[0] : undefined;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `src/${rel}:${i + 1}`;
    for (const m of line.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const typeOnly = /^\s*import\s+type\b/.test(line);
      if (spec.startsWith('.')) {
        const target = relative(src, resolve(dirname(file), spec));
        const targetLayer = target.includes('/') ? target.split('/')[0] : undefined;
        if (!layer || !targetLayer || targetLayer === layer || everywhere.has(target.replace(/\.js$/, '.ts'))) continue;
        const banned = forbidden[layer] ?? [];
        if (banned.includes('*') || banned.includes(targetLayer)) problems.push(`${where}: ${layer}/ must not import ${targetLayer}/ (${spec})`);
        if (layer === 'output' && !typeOnly && ['catalog', 'dossier', 'calendar', 'report'].includes(targetLayer) && !/calendar\/duration/.test(target)) {
          problems.push(`${where}: output/ may import only types of the domain (${spec})`);
        }
      } else if (layer && core.has(layer) && coreBanned.some((b) => spec === b || spec.startsWith(`${b}/`))) {
        problems.push(`${where}: the domain core must not import ${spec}`);
      }
    }
    if (layer && core.has(layer) && /\bprocess\.(env|exit|stdout|stderr|argv|cwd)\b|\bconsole\./.test(line)) {
      problems.push(`${where}: the domain core must not read the process or print (${line.trim()})`);
    }
    if (layer !== 'output' && /\bconsole\.\w+\(/.test(line)) problems.push(`${where}: console.* outside src/output/`);
    if (layer && core.has(layer) && /\bnew Date\(\)/.test(line)) problems.push(`${where}: new Date() in the core; take the time as a parameter`);
  });
}
for (const p of problems) console.log(p);
process.exit(problems.length > 0 ? 1 : 0);
