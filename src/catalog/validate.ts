// Validation of a catalog as a whole: read, shape-check each document, then cross-check.
import { resolve } from 'node:path';
import type { KnownIds } from './checks.js';
import { checkCatalog } from './checks.js';
import { compareFindings, type Finding } from './finding.js';
import type { CalendarDef, Catalog, Official, Procedure, Unit, UnitsDoc } from './model.js';
import { documentKind, schemaFindings } from './schema.js';
import { InputError } from '../errors.js';
import {
  displayPath,
  listCatalogFiles,
  readCatalog,
  readCatalogSources,
  type CatalogSource,
  type ReadCatalogResult,
  type SourceDocument,
  type SourceRef,
} from './source.js';

export interface ValidateOptions {
  /** Files and folders to validate. */
  paths: readonly string[];
  /**
   * Further files and folders read only to resolve references (a single procedure file is
   * checked against the units and calendars of its catalog); their own findings are not reported.
   */
  context?: readonly string[];
  /** Working directory that file names are shown relative to. */
  cwd: string;
  /** "Now", for effective dates. */
  asOf: Date;
  /**
   * Texts standing for files, by absolute path: such a file is validated as if it held the text,
   * whether or not it exists yet (`tthc catalog new` checks its file before writing it).
   */
  texts?: ReadonlyMap<string, string>;
}

export interface ValidateResult {
  /** The files validated, as shown in findings. */
  files: string[];
  findings: Finding[];
  catalog: Catalog;
}

/**
 * Validates the catalog files under `paths`; returns every finding, sorted by file and position,
 * and the catalog built from the documents that passed the schema. Refuses (InputError) paths
 * that do not exist or cannot be read, and paths that hold no YAML file.
 */
export function validateCatalog(opts: ValidateOptions): ValidateResult {
  const isText = (p: string) => opts.texts?.has(resolve(opts.cwd, p)) === true;
  const onDisk = opts.paths.filter((p) => !isText(p));
  const files = [...(onDisk.length > 0 ? listCatalogFiles(onDisk, opts.cwd) : []), ...opts.paths.filter(isText)];
  // A catalog job pointed at the wrong folder must not pass on nothing.
  if (files.length === 0) {
    throw new InputError(`no catalog files (*.yaml, *.yml) in ${opts.paths.map((p) => displayPath(p, opts.cwd)).join(', ')}`);
  }
  const own = new Set(files.map((f) => resolve(f)));
  const contextFiles = opts.context ? listCatalogFiles(opts.context, opts.cwd).filter((f) => !own.has(resolve(f))) : [];
  const read = readCatalog([...files, ...contextFiles], opts.cwd, opts.texts);
  return checkRead(read, files.length, opts.asOf);
}

export interface ValidateSourcesOptions {
  /** The catalog's files, already in memory (from a git revision, say). */
  sources: readonly CatalogSource[];
  /** "Now", for effective dates. */
  asOf: Date;
}

/**
 * Validates a catalog whose files are in memory, exactly as `validateCatalog` validates files on
 * disk; returns every finding and the catalog built from the documents that passed the schema.
 * An empty list is an empty catalog: whether that is acceptable is the caller's call.
 */
export function validateSources(opts: ValidateSourcesOptions): ValidateResult {
  return checkRead(readCatalogSources(opts.sources), opts.sources.length, opts.asOf);
}

/** Shape-checks and cross-checks what was read; only the first `own` files are reported. */
function checkRead(read: ReadCatalogResult, own: number, asOf: Date): ValidateResult {
  const shown = new Set(read.files.slice(0, own));
  const catalog: Catalog = { calendars: [], units: [], officials: [], procedures: [] };
  const known: KnownIds = { units: new Map(), officials: new Map(), calendars: new Map() };
  const findings = [...read.findings];
  for (const src of read.documents) {
    const kind = documentKind(src);
    if (src.broken) {
      // Its file already has a finding: learn its ids, report nothing more about it.
      if (typeof kind === 'string') collectIds(src, kind, known);
      continue;
    }
    if (typeof kind !== 'string') {
      findings.push(kind);
      continue;
    }
    collectIds(src, kind, known);
    const problems = schemaFindings(src, kind);
    findings.push(...problems);
    if (problems.length > 0) continue;
    const ref = (path: (string | number)[]) => ({ src, path });
    if (kind === 'calendar') catalog.calendars.push({ value: src.data as CalendarDef, ref: ref([]) });
    if (kind === 'procedure') catalog.procedures.push({ value: src.data as Procedure, ref: ref([]) });
    if (kind === 'units') {
      const doc = src.data as UnitsDoc;
      (doc.units ?? []).forEach((u: Unit, i) => catalog.units.push({ value: u, ref: ref(['units', i]) }));
      (doc.officials ?? []).forEach((o: Official, i) => catalog.officials.push({ value: o, ref: ref(['officials', i]) }));
    }
  }
  findings.push(...checkCatalog(catalog, known, { asOf }));
  return {
    files: [...shown],
    findings: findings.filter((f) => shown.has(f.file)).sort(compareFindings),
    catalog,
  };
}

/** Records the ids a document declares, leniently: whatever has a string id counts. */
function collectIds(src: SourceDocument, kind: string, known: KnownIds): void {
  const data = src.data as Record<string, unknown>;
  const add = (map: Map<string, SourceRef>, list: unknown, name: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      const id = (item as Record<string, unknown> | null)?.['id'];
      if (typeof id === 'string' && !map.has(id)) map.set(id, { src, path: [name, i] });
    });
  };
  if (kind === 'units') {
    add(known.units, data['units'], 'units');
    add(known.officials, data['officials'], 'officials');
  } else if (kind === 'calendar' && typeof data['id'] === 'string' && !known.calendars.has(data['id'])) {
    known.calendars.set(data['id'], { src, path: [] });
  }
}
