// The floor of the benchmarks, "ajv-cli style": parse every YAML document with js-yaml, as
// ajv-cli does (plain parse, no source positions) and validate it against the compiled schema of its `kind` with ajv
// (JSON Schema 2020-12, ajv-formats, allErrors). No cross-reference checks, no positions: this
// is about the least work any schema validator of the catalog must do.
//
//   node bench/schema-only.mjs PATH…   (folders are walked for *.yaml / *.yml)
//
// Prints one line with the counts; exits 1 when a document is invalid, 2 on bad input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import jsyaml from 'js-yaml';

const schemaDir = new URL('../schemas/', import.meta.url);
const kinds = ['calendar', 'units', 'procedure'];

/**
 * Every YAML file under the given paths, sorted (hidden folders and node_modules skipped).
 * @param {string[]} paths
 * @returns {string[]}
 */
function listFiles(paths) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(e.name)) out.push(full);
    }
  };
  for (const p of paths) {
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return out.sort();
}

/** Compiles one validator per kind, as ajv-cli does for each schema it is given. */
function compileValidators() {
  const ajv = new Ajv2020({ allErrors: true });
  const addFormats = /** @type {(a: Ajv2020) => void} */ (/** @type {any} */ (addFormatsModule).default ?? addFormatsModule);
  addFormats(ajv);
  /** @type {Record<string, import('ajv').ValidateFunction>} */
  const v = {};
  for (const kind of kinds) v[kind] = ajv.compile(JSON.parse(readFileSync(new URL(`${kind}.schema.json`, schemaDir), 'utf8')));
  return v;
}

function main() {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    process.stderr.write('usage: node bench/schema-only.mjs PATH…\n');
    return 2;
  }
  let files;
  try {
    files = listFiles(paths);
  } catch (e) {
    process.stderr.write(`schema-only: ${/** @type {Error} */ (e).message}\n`);
    return 2;
  }
  const validators = compileValidators();
  let documents = 0;
  let invalid = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let values;
    try {
      values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA });
    } catch (e) {
      invalid++;
      process.stderr.write(`${file}: YAML: ${/** @type {Error} */ (e).message.split('\n')[0]}\n`);
      continue;
    }
    for (const data of values) {
      documents++;
      const validate = data && typeof data === 'object' ? validators[data.kind] : undefined;
      if (!validate) {
        invalid++;
        process.stderr.write(`${file}: unknown or missing kind\n`);
        continue;
      }
      if (!validate(data)) {
        invalid++;
        const e = validate.errors?.[0];
        process.stderr.write(`${file}: ${e?.instancePath || '/'} ${e?.message} (${validate.errors?.length} errors)\n`);
      }
    }
  }
  process.stdout.write(`schema-only: ${files.length} files, ${documents} documents, ${invalid} invalid\n`);
  return invalid > 0 ? 1 : 0;
}

process.exitCode = main();
