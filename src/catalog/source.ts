// Reading catalog files into YAML documents that keep their source positions, so that every
// finding, from the schema or from a cross-reference check, points at file:line:column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import type { Finding, Severity } from './finding.js';

/** A path into a document: map keys and sequence indexes, as in a JSON pointer. */
export type Path = readonly (string | number)[];

/** One YAML document of a catalog file, with what is needed to locate its nodes. */
export interface SourceDocument {
  /** The file as shown to users (relative to the working directory). */
  file: string;
  /** 0-based position of the document in its file (files may hold several, split by `---`). */
  index: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data. */
  data: unknown;
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
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out, cwd);
    else if ((e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name)) out.add(full);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error).message;
}

/** The path users see: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Reads and parses every file, returning its documents and the findings of reading and parsing
 * (unreadable or oversized files, invalid UTF-8, control characters, YAML syntax errors,
 * duplicate keys, alias bombs, empty files). A document with such a finding is left out of the
 * documents, so that later checks never see half-parsed data.
 */
export function readCatalog(files: readonly string[], cwd: string): ReadCatalogResult {
  const documents: SourceDocument[] = [];
  const findings: Finding[] = [];
  const shown: string[] = [];
  for (const path of files) {
    const file = displayPath(path, cwd);
    shown.push(file);
    const r = readOne(path, file);
    documents.push(...r.documents);
    findings.push(...r.findings);
  }
  return { files: shown, documents, findings };
}

function fileFinding(file: string, line: number, column: number, code: string, message: string, severity: Severity = 'error'): Finding {
  return { file, line, column, severity, code, message };
}

function readOne(path: string, file: string): { documents: SourceDocument[]; findings: Finding[] } {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > maxFileBytes) {
      return {
        documents: [],
        findings: [fileFinding(file, 1, 1, 'file-too-large', `the file is ${mib(st.size)}; catalog files may be at most ${mib(maxFileBytes)}`)],
      };
    }
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e)}`);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    return { documents: [], findings: [fileFinding(file, text.line, text.column, 'not-utf8', 'the file is not valid UTF-8; save it as UTF-8')] };
  }
  const control = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.exec(text);
  if (control) {
    const { line, column } = lineColumnOfIndex(text, control.index);
    const hex = control[0].charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    return { documents: [], findings: [fileFinding(file, line, column, 'control-character', `control character U+00${hex} is not allowed in YAML`)] };
  }
  return parseText(text, file);
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Decodes UTF-8 (dropping a BOM), or says where the first invalid byte is. */
function decodeUtf8(bytes: Buffer): string | { line: number; column: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    const at = loose.indexOf('\uFFFD');
    return lineColumnOfIndex(loose, Math.max(at, 0));
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

function parseText(text: string, file: string): { documents: SourceDocument[]; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const findings: Finding[] = [];
  const documents: SourceDocument[] = [];
  // An empty stream is an empty array (with an `empty` flag): nothing to report here.
  const list: Document.Parsed[] = [...docs];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      // One finding per error kind: a 10,000-deep nesting would otherwise report thousands.
      const seen = new Set<string>();
      for (const e of doc.errors) {
        if (seen.has(e.code)) continue;
        seen.add(e.code);
        findings.push(yamlError(e, lineCounter, file));
      }
      return;
    }
    if (doc.contents === null) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount });
    } catch (e) {
      const at = lineCounter.linePos(doc.range[0]);
      const msg = e instanceof ReferenceError && /alias/i.test(e.message)
        ? `too many aliases: expanding them would exceed ${maxAliasCount} nodes (is this an alias bomb?)`
        : `cannot read the document: ${(e as Error).message}`;
      findings.push(fileFinding(file, at.line, at.col, 'yaml-alias-limit', msg));
      return;
    }
    documents.push({ file, index, doc, lineCounter, data });
  });
  if (findings.length === 0 && documents.length === 0) {
    findings.push(fileFinding(file, 1, 1, 'empty-file', 'the file holds no YAML document; add one or delete the file'));
  }
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
  let node: unknown = src.doc.contents;
  let offset = node && (node as Node).range ? (node as Node).range![0] : 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isAlias(node)) node = node.resolve(src.doc);
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
  const pos = src.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function scalarKey(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}
