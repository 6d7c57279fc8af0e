// Reading catalog files into YAML documents that keep their source positions, so that every
// finding, from the schema or from a cross-reference check, points at file:line:column.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import jsyaml from 'js-yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, YAMLParseError, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { firstInvalidUtf8 } from './utf8.js';
import type { Finding, Severity } from './finding.js';

/** A path into a document: map keys and sequence indexes, as in a JSON pointer. */
export type Path = readonly (string | number)[];

/** A catalog file's text, and its `yaml` parse with source ranges, made only when needed. */
export interface SourceFile {
  /** The file as shown to users (relative to the working directory). */
  file: string;
  text: string;
  /** Non-empty documents parsed by `yaml` with their positions, built on first use. */
  located?: { docs: Document.Parsed[]; lineCounter: LineCounter };
}

/** One YAML document of a catalog file. */
export interface SourceDocument {
  /** The file as shown to users. */
  file: string;
  /** 0-based position among the file's non-empty documents (files may hold several, split by `---`). */
  index: number;
  origin: SourceFile;
  /** The document as plain data. */
  data: unknown;
  /**
   * True when the file has a reading or syntax finding: the data is a best effort, used only to
   * learn the ids the document declares so that one typo does not cascade into dozens of errors.
   */
  broken: boolean;
}

/** Where a value of the catalog came from: a document and a path inside it. */
export interface SourceRef {
  src: SourceDocument;
  path: Path;
}

/** Files larger than this are refused before parsing: a catalog file is a few kilobytes. */
export const maxFileBytes = 8 * 1024 * 1024;
/** Aliases a document may expand; more is treated as an alias bomb (billion laughs). */
const maxAliasCount = 1000;
/**
 * Entries a list or mapping may have. A catalog's longest lists (officials, holidays, steps) hold
 * hundreds; reading a million-item list with positions takes 20 s and over a gigabyte.
 */
export const maxCollectionEntries = 10_000;
/** Control characters, raw or written as escapes ("\\0", "\\e"): all but tab, LF and CR. */
const controlPattern = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

export interface ReadCatalogResult {
  files: string[];
  documents: SourceDocument[];
  findings: Finding[];
}

/**
 * Lists the YAML files under the given paths (folders are walked recursively, hidden folders and
 * node_modules skipped; a file named explicitly is taken whatever its extension), sorted.
 * Refuses (InputError) a path that does not exist or cannot be read.
 */
export function listCatalogFiles(paths: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read ${displayPath(p, cwd)}: ${describeFsError(e)}`);
    }
    if (st.isDirectory()) walk(p, out, cwd);
    else out.add(p);
  }
  return [...out].sort();
}

function walk(dir: string, out: Set<string>, cwd: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(`cannot read ${displayPath(dir, cwd)}: ${describeFsError(e)}`);
  }
  for (const e of entries) {
    if (skippedName(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out, cwd);
    else if ((e.isFile() || e.isSymbolicLink()) && yamlName(e.name)) out.add(full);
  }
}

const skippedName = (name: string) => name.startsWith('.') || name === 'node_modules';
const yamlName = (name: string) => /\.ya?ml$/i.test(name);

/**
 * Whether a path inside a catalog folder (forward slashes, relative to it) is a catalog file, by
 * the rule of the folder walk: a YAML name, and no hidden or node_modules folder on the way.
 */
export function isCatalogPath(relativePath: string): boolean {
  const parts = relativePath.split('/');
  return parts.every((p) => p !== '' && !skippedName(p)) && yamlName(parts[parts.length - 1]!);
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message;
}

/** The path users see: relative to the working directory when inside it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const inside = relative(cwd, abs);
  const rel = inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? abs : inside;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Reads and parses every file, returning its documents and the findings of reading and parsing
 * (unreadable or oversized files, invalid UTF-8, control characters, YAML syntax errors,
 * duplicate keys, alias bombs, empty files). A document with such a finding is left out of the
 * documents, so that later checks never see half-parsed data. A file whose absolute path is a
 * key of `texts` is not read: that text stands for it (a file about to be written).
 */
export function readCatalog(files: readonly string[], cwd: string, texts?: ReadonlyMap<string, string>): ReadCatalogResult {
  const documents: SourceDocument[] = [];
  const findings: Finding[] = [];
  const shown: string[] = [];
  for (const path of files) {
    const file = displayPath(path, cwd);
    shown.push(file);
    const text = texts?.get(resolve(cwd, path));
    const r = text !== undefined ? parseText(text, file) : readOne(path, file);
    documents.push(...r.documents);
    findings.push(...r.findings);
  }
  return { files: shown, documents, findings };
}

function fileFinding(file: string, line: number, column: number, code: string, message: string, severity: Severity = 'error'): Finding {
  return { file, line, column, severity, code, message };
}

/** A catalog file already in memory (read from git, say): its name as shown to users and its bytes. */
export interface CatalogSource {
  file: string;
  bytes: Uint8Array;
}

/**
 * Parses files already in memory exactly as `readCatalog` parses files on disk: the same
 * documents and the same findings (oversized files included), in the order given.
 */
export function readCatalogSources(sources: readonly CatalogSource[]): ReadCatalogResult {
  const documents: SourceDocument[] = [];
  const findings: Finding[] = [];
  for (const { file, bytes } of sources) {
    const r = bytes.length > maxFileBytes ? tooLarge(file, bytes.length) : parseBytes(bytes, file);
    documents.push(...r.documents);
    findings.push(...r.findings);
  }
  return { files: sources.map((s) => s.file), documents, findings };
}

/** The finding of a file over the limit; `size` undefined when it was not read to its end. */
function tooLarge(file: string, size: number | undefined): { documents: SourceDocument[]; findings: Finding[] } {
  const is = size === undefined ? `over ${mib(maxFileBytes)}` : mib(size);
  return { documents: [], findings: [fileFinding(file, 1, 1, 'file-too-large', `the file is ${is}; catalog files may be at most ${mib(maxFileBytes)}`)] };
}

function readOne(path: string, file: string): { documents: SourceDocument[]; findings: Finding[] } {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > maxFileBytes) return tooLarge(file, st.size);
    // A device or pipe reports size 0 whatever it holds (/dev/zero never ends): read one byte
    // past the limit at most.
    bytes = readAtMost(path, maxFileBytes + 1);
    if (bytes.length > maxFileBytes) return tooLarge(file, undefined);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  return parseBytes(bytes, file);
}

/** The first `limit` bytes of a file (all of it when shorter). */
function readAtMost(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(limit, 64 * 1024));
    const parts: Buffer[] = [];
    let total = 0;
    for (let n; total < limit && (n = readSync(fd, buf, 0, Math.min(buf.length, limit - total), null)) > 0; total += n) parts.push(Buffer.from(buf.subarray(0, n)));
    return Buffer.concat(parts, total);
  } finally {
    closeSync(fd);
  }
}

function parseBytes(bytes: Uint8Array, file: string): { documents: SourceDocument[]; findings: Finding[] } {
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt !== undefined) {
    const { line, column } = lineColumnOfIndex(decoded.text, decoded.invalidAt);
    return careful(decoded.text, file, [fileFinding(file, line, column, 'not-utf8', 'the file is not valid UTF-8; save it as UTF-8')]);
  }
  return parseText(decoded.text, file);
}

/** Parses a catalog file's text, already decoded. */
function parseText(text: string, file: string): { documents: SourceDocument[]; findings: Finding[] } {
  // js-yaml refuses control characters, so a file it reads has none to look for.
  const read = fast(text, file);
  if (read) return read;
  const control = controlPattern.exec(text);
  if (control) {
    const { line, column } = lineColumnOfIndex(text, control.index);
    const hex = control[0].charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    return careful(text, file, [fileFinding(file, line, column, 'control-character', `control character U+00${hex} is not allowed in YAML`)]);
  }
  return careful(text, file, []);
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Decodes UTF-8, dropping a BOM. For invalid input, the text is decoded up to the first invalid
 * byte and `invalidAt` is where that byte falls in it.
 */
function decodeUtf8(bytes: Uint8Array): { text: string; invalidAt?: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, bad));
    const whole = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    return { text: whole, invalidAt: before.length };
  }
}

function lineColumnOfIndex(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: index - start + 1 };
}

const yamlCodes: Record<string, string> = {
  DUPLICATE_KEY: 'yaml-duplicate-key',
  TAB_AS_INDENT: 'yaml-tab-indent',
  RESOURCE_EXHAUSTION: 'yaml-too-deep',
};

// Anchors make aliases possible, and aliases can multiply a document (billion laughs): such a
// file takes the careful path, which counts them.
const anchorPattern = /(?:^|[\s[{,:?-])&[^\s,[\]{}]/m;

/**
 * The fast path: js-yaml reads a clean file several times faster than the `yaml` library's
 * composer, and positions are only needed for files with findings (see `locate`). Both read YAML
 * 1.2 with the core schema (no timestamps, no merge keys), so they give the same data. Returns
 * undefined for anything js-yaml refuses or that holds anchors: the careful path decides then.
 */
function fast(text: string, file: string): { documents: SourceDocument[]; findings: Finding[] } | undefined {
  if (anchorPattern.test(text)) return undefined;
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, filename: file });
  } catch {
    return undefined;
  }
  const origin: SourceFile = { file, text };
  const documents = values
    .filter((v) => v !== null && v !== undefined)
    .map((data, index) => ({ file, index, origin, data, broken: false }));
  if (documents.length === 0) return { documents, findings: [emptyFile(file)] };
  const findings = valueFindings(documents, () => oversizedAt(text, file));
  for (const d of documents) d.broken = findings.length > 0;
  return { documents, findings };
}

/** What is wrong inside a document's values, found by `valueProblem`. */
type ValueProblem = { path: (string | number)[]; key: boolean } & ({ control: string } | { entries: number; list: boolean });

/**
 * The first value of a document (in document order) that is a string or key holding a control
 * character (an escape in a quoted scalar: the raw-text check cannot see it), or a list or
 * mapping of more than `maxCollectionEntries` entries. A walk with its own stack: data may nest
 * thousands deep; and it visits each list or mapping once: aliases share them, and an alias
 * inside its own anchor makes a cycle.
 */
function valueProblem(data: unknown): ValueProblem | undefined {
  interface Visit {
    value: unknown;
    seg: string | number | undefined;
    parent: Visit | undefined;
  }
  const pathOf = (v: Visit | undefined, last?: string) => {
    const p: (string | number)[] = last === undefined ? [] : [last];
    for (let x = v; x && x.seg !== undefined; x = x.parent) p.push(x.seg);
    return p.reverse();
  };
  const stack: Visit[] = [{ value: data, seg: undefined, parent: undefined }];
  const seen = new Set<object>();
  for (let v = stack.pop(); v; v = stack.pop()) {
    const value = v.value;
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (typeof value === 'string') {
      const c = controlPattern.exec(value);
      if (c) return { path: pathOf(v), key: false, control: c[0] };
    } else if (Array.isArray(value)) {
      if (value.length > maxCollectionEntries) return { path: pathOf(v), key: false, entries: value.length, list: true };
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], seg: i, parent: v });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length > maxCollectionEntries) return { path: pathOf(v), key: false, entries: keys.length, list: false };
      for (const k of keys) {
        const c = controlPattern.exec(k);
        if (c) return { path: pathOf(v, k), key: true, control: c[0] };
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], seg: keys[i]!, parent: v });
    }
  }
  return undefined;
}

/**
 * The findings of `valueProblem` for each document (one per file: the first). An oversized
 * collection is placed by `oversized` when given (the fast path: positions from js-yaml, since
 * reading it again with `yaml` is the cost the limit avoids), else by `locate`.
 */
function valueFindings(documents: readonly SourceDocument[], oversized?: () => Finding | undefined): Finding[] {
  for (const src of documents) {
    const p = valueProblem(src.data);
    if (!p) continue;
    if ('control' in p) {
      const at = locate(src, p.path, p.key);
      const hex = p.control.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
      return [fileFinding(src.file, at.line, at.column, 'control-character', `control character U+${hex} (written as an escape) is not allowed in ${p.key ? 'a key' : 'a value'}`)];
    }
    const found = oversized?.();
    if (found) return [found];
    const at = locate(src, p.path);
    return [tooLargeFinding(src.file, at.line, at.column, p.entries, p.list)];
  }
  return [];
}

function tooLargeFinding(file: string, line: number, column: number, entries: number, list: boolean): Finding {
  const what = list ? `a list of ${entries} items` : `a mapping of ${entries} keys`;
  return fileFinding(file, line, column, 'yaml-too-large', `${what}; a list or mapping may have at most ${maxCollectionEntries} entries`);
}

/**
 * Where the first list or mapping over the limit starts, from a second js-yaml reading that
 * tracks where each node opens (as cheap as the first: no positions kept beyond a stack).
 */
function oversizedAt(text: string, file: string): Finding | undefined {
  const open: number[] = [];
  let found: Finding | undefined;
  jsyaml.loadAll(text, undefined, {
    schema: jsyaml.CORE_SCHEMA,
    listener(event, state) {
      if (event === 'open') {
        open.push(state.position);
        return;
      }
      const start = open.pop() ?? 0;
      if (found || (state.kind !== 'sequence' && state.kind !== 'mapping')) return;
      const entries = Array.isArray(state.result) ? state.result.length : Object.keys(state.result as object).length;
      if (entries <= maxCollectionEntries) return;
      // From where the node's reading starts to its first character: past spaces and line ends.
      let at = start;
      while (at < text.length && /\s/.test(text[at]!)) at++;
      const { line, column } = lineColumnOfIndex(text, at);
      found = tooLargeFinding(file, line, column, entries, state.kind === 'sequence');
    },
  });
  return found;
}

function emptyFile(file: string): Finding {
  return fileFinding(file, 1, 1, 'empty-file', 'the file holds no YAML document; add one or delete the file');
}

/** Parses with `yaml` keeping source ranges, so that every syntax error has its position. */
function parseWithPositions(text: string): { docs: Document.Parsed[]; all: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // `yaml` checks each key against every earlier one of its map (200,000 keys: 9 minutes), so
  // duplicates are found here instead, with a set per map.
  const all: Document.Parsed[] = [...parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true })];
  for (const doc of all) duplicateKeys(doc);
  // Empty documents (nothing, or a null) do not count, as on the fast path.
  const docs = all.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
  return { docs, all, lineCounter };
}

/**
 * Adds to `doc.errors` the DUPLICATE_KEY error that `yaml` gives with `uniqueKeys: true`, at the
 * second key: scalar keys are the same when their values are (===), others never.
 */
function duplicateKeys(doc: Document.Parsed): void {
  const found: number[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (keys.has(key.value)) found.push(key.range?.[0] ?? 0);
          keys.add(key.value);
        } else stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  // In the order of the text, as `yaml` reports them.
  for (const at of found.sort((a, b) => a - b)) doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
}

/**
 * Line ends and commas the careful path may meet: each may start a node, and `yaml` keeps about
 * a kilobyte per node with its position (a million-item list: 20 s, 1.2 GB). The fast path
 * measures lists and mappings exactly; this bounds files that take the careful path (anchors,
 * syntax errors) before they are read.
 */
const maxSeparators = 100_000;

function separatorCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) n++;
  }
  return n;
}

/**
 * The careful path: `yaml` with positions, for files that js-yaml refuses or that hold anchors,
 * and for files already known to be broken (`findings` given). Every syntax error becomes a
 * finding; documents of a file with any finding are kept as broken (for their ids only).
 */
function careful(text: string, file: string, findings: Finding[]): { documents: SourceDocument[]; findings: Finding[] } {
  const separators = separatorCount(text);
  if (separators > maxSeparators) {
    const message = `the file has ${separators} line ends and commas, too many to read with positions (at most ${maxSeparators}); a list or mapping may have at most ${maxCollectionEntries} entries`;
    return { documents: [], findings: [...findings, fileFinding(file, 1, 1, 'yaml-too-large', message)] };
  }
  const { docs, all, lineCounter } = parseWithPositions(text);
  const origin: SourceFile = { file, text, located: { docs, lineCounter } };
  // A file that could not even be read as text has one finding; syntax errors from the
  // replacement characters would only repeat it.
  const unreadable = findings.length > 0;
  for (const doc of unreadable ? [] : all) {
    // One finding per error kind: a 10,000-deep nesting would otherwise report thousands.
    const seen = new Set<string>();
    for (const e of doc.errors) {
      if (seen.has(e.code)) continue;
      seen.add(e.code);
      findings.push(yamlError(e, lineCounter, file));
    }
  }
  const documents: SourceDocument[] = [];
  docs.forEach((doc, index) => {
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount });
    } catch (e) {
      if (doc.errors.length > 0) return; // already reported; no usable data
      const at = lineCounter.linePos(doc.range[0]);
      const msg = e instanceof ReferenceError && /alias/i.test(e.message)
        ? `too many aliases: expanding them would exceed ${maxAliasCount} nodes (is this an alias bomb?)`
        : `cannot read the document: ${(e as Error).message}`;
      findings.push(fileFinding(file, at.line, at.col, 'yaml-alias-limit', msg));
      return;
    }
    documents.push({ file, index, origin, data, broken: false });
  });
  if (findings.length === 0) findings.push(...valueFindings(documents));
  if (findings.length > 0) for (const d of documents) d.broken = true;
  if (findings.length === 0 && documents.length === 0) findings.push(emptyFile(file));
  return { documents, findings };
}

function yamlError(e: { code: string; message: string; pos: [number, number] }, lc: LineCounter, file: string): Finding {
  const at = lc.linePos(e.pos[0]);
  const first = e.message.split('\n')[0] ?? e.message;
  const message = e.code === 'RESOURCE_EXHAUSTION' ? 'the document is nested too deeply to read' : first.replace(/ at line \d+, column \d+:?$/, '');
  return fileFinding(file, at.line, at.col, yamlCodes[e.code] ?? 'yaml-syntax', `YAML: ${message}`);
}

/**
 * Finds the 1-based line and column of the node at `path` in a document. With `key`, the
 * position of the map key that holds the last segment. A path that leaves the document
 * stops at the deepest node that exists, so a finding always has a position.
 */
export function locate(src: SourceDocument, path: Path, key = false): { line: number; column: number } {
  const origin = src.origin;
  origin.located ??= parseWithPositions(origin.text);
  const { docs, lineCounter } = origin.located;
  const doc = docs[src.index];
  if (!doc) return { line: 1, column: 1 };
  let node: unknown = doc.contents;
  let offset = node && (node as Node).range ? (node as Node).range![0] : 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(seg));
      if (pair) {
        keyNode = pair.key;
        next = pair.value ?? pair.key;
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    if (!next) break;
    const last = i === path.length - 1;
    const target = last && key && keyNode ? keyNode : next;
    const range = (target as Node).range;
    if (range) offset = range[0];
    node = next;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function scalarKey(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}
