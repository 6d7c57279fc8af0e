// Shape checks with ajv against schemas/*.schema.json, and the mapping of ajv's errors to
// findings a catalog admin understands, each at the file:line:column of the offending node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageFile } from '../package-files.js';
import { ajvFormats, ajvOptions } from './ajv-options.js';
import type { Finding } from './finding.js';
import { locate, type Path, type SourceDocument } from './source.js';
import { didYouMean } from './suggest.js';

export const documentKinds = ['calendar', 'units', 'procedure'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The folder of the JSON Schemas, beside src/ and dist/. */
export const schemaDir = packageFile('schemas/');

type Validators = Record<DocumentKind | 'event', ValidateFunction>;
let validators: Validators | undefined;

/**
 * The validator of each kind: precompiled at build time when dist/ has them, else compiled
 * once per process.
 */
function getValidators(): Validators {
  if (validators) return validators;
  try {
    const require = createRequire(import.meta.url);
    validators = require('./validators.generated.cjs') as Validators;
    return validators;
  } catch {
    // Not built (tests run from src/): compile.
  }
  const ajv = new Ajv2020({ ...ajvOptions });
  // ajv-formats is CommonJS; its default export arrives as the module object under NodeNext.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020, f: string[]) => void;
  addFormats(ajv, ajvFormats);
  const compile = (kind: DocumentKind | 'event'): ValidateFunction =>
    ajv.compile(JSON.parse(readFileSync(new URL(`${kind}.schema.json`, schemaDir), 'utf8')) as object);
  validators = { calendar: compile('calendar'), units: compile('units'), procedure: compile('procedure'), event: compile('event') };
  return validators;
}

/** Whether any text inside `value` holds U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * Checks one event of an import against schemas/event.schema.json: undefined when it conforms,
 * else one sentence naming the first offending field. `json`, the text the value was parsed
 * from, spares the search of its strings for U+0000 when it holds no `\\u0000` escape (JSON can
 * carry the character no other way).
 */
export function eventProblem(value: unknown, json?: string): string | undefined {
  const validate = getValidators().event;
  if (validate(value)) return (json === undefined || json.includes('\\u0000')) && holdsNul(value) ? 'holds a NUL character (\\u0000), which PostgreSQL text cannot store' : undefined;
  const errors = validate.errors ?? [];
  // The most specific error: a field's own problem before the "if/then" wrappers around it.
  const named = errors.find((x) => x.keyword === 'propertyNames');
  if (named) return `has a field "${(named.params as { propertyName: string }).propertyName}" that a "${String((value as { type?: unknown }).type)}" event does not take`;
  const e = errors.find((x) => x.keyword !== 'if') ?? errors[0];
  if (!e) return 'does not match schemas/event.schema.json';
  const where = e.instancePath === '' ? '' : `"${e.instancePath.slice(1).replace(/\//g, '.')}" `;
  if (e.keyword === 'required') return `${where}lacks "${(e.params as { missingProperty: string }).missingProperty}"`.trimStart();
  if (e.keyword === 'unevaluatedProperties') return `${where}has an unknown field "${(e.params as { unevaluatedProperty: string }).unevaluatedProperty}"`.trimStart();
  if (e.keyword === 'additionalProperties') return `${where}has an unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`.trimStart();
  if (e.keyword === 'enum') return `${where}must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'format' && (e.params as { format: string }).format === 'date-time') return `${where}must be a date and time with its offset, like "2026-01-05T09:00:00+07:00"`;
  if (e.keyword === 'pattern' && typeof e.data === 'string' && /^\d{4}-/.test(e.data)) return `${where}is in the year ${Number(e.data.slice(0, 4))}; instants must be from 1901 to 9999`;
  if (e.keyword === 'anyOf' && e.instancePath === '/by') return `"by" must be an official id or null`;
  return `${where}${e.message ?? 'is invalid'}`;
}

/** `steps[2].unit` for ["steps", 2, "unit"]; the document itself is "the document". */
export function humanPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? 'the document' : out;
}

function finding(src: SourceDocument, path: Path, code: string, message: string, key = false): Finding {
  const { line, column } = locate(src, path, key);
  return { file: src.file, line, column, severity: 'error', code, message };
}

function typeName(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'true/false';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  return typeof v;
}

const wantedType: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** The kind of a document, or a finding saying why it has none we know. */
export function documentKind(src: SourceDocument): DocumentKind | Finding {
  const data = src.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return finding(src, [], 'not-a-mapping', `a catalog document must be a mapping with a "kind", not ${typeName(data)}`);
  }
  const kind = (data as Record<string, unknown>)['kind'];
  if (kind === undefined) {
    return finding(src, [], 'missing-kind', `the document has no "kind"; add one of: ${documentKinds.join(', ')}`);
  }
  if (typeof kind !== 'string' || !(documentKinds as readonly string[]).includes(kind)) {
    const shown = typeof kind === 'string' ? `"${kind}"` : typeName(kind);
    const hint = typeof kind === 'string' ? didYouMean(kind, documentKinds) : '';
    return finding(src, ['kind'], 'unknown-kind', `kind ${shown} is not one of ${documentKinds.join(', ')}${hint}`);
  }
  return kind as DocumentKind;
}

// Which $defs a failing pattern or format belongs to tells what the value should look like.
const defCodes: Record<string, { code: string; want: string }> = {
  id: { code: 'invalid-id', want: 'an identifier of letters, digits, ".", "-" or "_" (for example "so-xd")' },
  date: { code: 'invalid-date', want: 'a real date from 1901 to 9999 written YYYY-MM-DD (for example 2026-01-01)' },
  hourRange: { code: 'invalid-hours', want: 'a range of hours like "07:30-11:30"' },
  limit: { code: 'invalid-time-limit', want: 'a time limit like "15d", "0.5d", "8h" or "30cd"' },
  duration: { code: 'invalid-duration', want: 'a working-time budget like "1d", "0.5d" or "4h" (calendar days are not allowed for steps)' },
  agencyCode: { code: 'invalid-agency-code', want: 'a QCVN 102:2016 agency code like "000.00.12.H06"' },
  phone: { code: 'invalid-phone', want: 'a phone number like "0222 3822 000"' },
  email: { code: 'invalid-email', want: 'an e-mail address' },
};

function defOf(schemaPath: string): string | undefined {
  return /^#\/\$defs\/([^/]+)\//.exec(schemaPath)?.[1];
}

function pathOf(e: ErrorObject): (string | number)[] {
  if (e.instancePath === '') return [];
  return e.instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function toFinding(src: SourceDocument, e: ErrorObject): Finding | undefined {
  const path = pathOf(e);
  const where = humanPath(path);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
    case 'dependentRequired': {
      const missing = String(p['missingProperty']);
      const because = e.keyword === 'dependentRequired' ? ` (it goes with "${String(p['property'])}")` : '';
      return finding(src, path, 'missing-property', `${where} is missing the required property "${missing}"${because}`);
    }
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return finding(src, [...path, extra], 'unknown-property', `unknown property "${extra}" in ${where}${didYouMean(extra, allowed)}`, true);
    }
    case 'type': {
      const want = String(p['type']).split(',').map((t) => wantedType[t] ?? t).join(' or ');
      const hint = typeof e.data === 'number' && p['type'] === 'string' ? `; quote it: "${String(e.data)}"` : '';
      return finding(src, path, 'wrong-type', `${where} must be ${want}, not ${typeName(e.data)}${hint}`);
    }
    case 'const':
      return finding(src, path, 'invalid-value', `${where} must be ${show(p['allowedValue'])}`);
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return finding(src, path, 'invalid-value', `${where} is ${show(e.data)}, which is not one of: ${allowed.join(', ')}${hint}`);
    }
    case 'pattern':
    case 'format': {
      const def = defOf(e.schemaPath);
      const known = def ? defCodes[def] : undefined;
      const desc = (e.parentSchema as { description?: string } | undefined)?.description;
      const want = known?.want ?? (desc ? `as described: ${desc}` : `in the form ${String(p['pattern'] ?? p['format'])}`);
      return finding(src, path, known?.code ?? 'invalid-format', `${where} is ${show(e.data)}; it must be ${want}`);
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(p['limit']);
      const text = e.keyword === 'minLength' && limit === 1 ? 'must not be empty' : `must have ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters`;
      return finding(src, path, 'invalid-length', `${where} ${text}`);
    }
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(p['limit']);
      const least = e.keyword.startsWith('min');
      return finding(src, path, 'invalid-count', `${where} must have ${least ? 'at least' : 'at most'} ${limit} ${e.keyword.endsWith('Items') ? 'items' : 'entries'}`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return finding(src, path, 'out-of-range', `${where} is ${show(e.data)}; it must be ${String(p['comparison'])} ${String(p['limit'])}`);
    case 'uniqueItems':
      return finding(src, [...path, Number(p['i'])], 'duplicate-item', `${where} lists the same value twice (items ${Number(p['j']) + 1} and ${Number(p['i']) + 1})`);
    default:
      return finding(src, path, 'schema', `${where} ${e.message ?? 'is invalid'}`);
  }
}

/** Schema findings reported per document at most. */
const maxSchemaFindings = 100;

/**
 * Checks a document against its kind's schema; returns one finding per problem (the first 100), at the node
 * that has it. At most one finding per value and problem kind (ajv may report a date's pattern
 * and format both).
 */
export function schemaFindings(src: SourceDocument, kind: DocumentKind): Finding[] {
  const validate = getValidators()[kind];
  if (validate(src.data)) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    // Each finding is located by a walk of the document: a file of 200,000 unknown keys would
    // take minutes. The first hundred say enough to start fixing.
    if (out.length >= maxSchemaFindings) break;
    const valueProblem = ['pattern', 'format', 'type', 'enum', 'const'].includes(e.keyword);
    const key = valueProblem ? `${e.instancePath}|value` : `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const f = toFinding(src, e);
    if (f) out.push(f);
  }
  return out;
}
