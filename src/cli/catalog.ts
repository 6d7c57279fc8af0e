// Loading the catalog for commands that read it: validated first, refused when it has errors.
import { statSync } from 'node:fs';
import { FindingsError, InputError } from '../errors.js';
import type { Finding } from '../catalog/finding.js';
import type { Catalog } from '../catalog/model.js';
import type { CommandContext } from './command.js';

/** The validated catalog of --catalog; refuses (FindingsError, exit 1) a catalog with errors. */
export async function loadCatalog(ctx: CommandContext): Promise<Catalog> {
  const { validateCatalog } = await import('../catalog/validate.js');
  const { displayPath } = await import('../catalog/source.js');
  const r = validateCatalog({ paths: [ctx.catalogDir], cwd: ctx.io.cwd, asOf: ctx.asOf });
  const where = displayPath(ctx.catalogDir, ctx.io.cwd);
  refuseErrors(r.findings, `in ${where}`, `run "tthc validate ${where}"`);
  return r.catalog;
}

/**
 * Throws a one-line FindingsError (exit 1) naming the catalog ("in procedures", "at HEAD~1"),
 * how many errors it has and the first with its file:line:column, when `findings` hold errors.
 */
export function refuseErrors(findings: readonly Finding[], which: string, hint: string): void {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0]!;
  throw new FindingsError(
    `the catalog ${which} has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${first.file}:${first.line}:${first.column} ${first.message}); ${hint}`,
  );
}

/** One side of `tthc catalog diff`: a revision (its commit) or the work tree (commit null). */
export interface CatalogSide {
  /** The revision as given, or null for the work tree. */
  rev: string | null;
  commit: string | null;
  catalog: Catalog;
  /** How many catalog files it has. */
  files: number;
}

/**
 * The catalog of --catalog at a git revision, or in the work tree when `rev` is null, validated;
 * refuses (FindingsError) a side with errors and (InputError) an unknown revision, a folder
 * outside git, a missing folder. A side without catalog files is an empty catalog.
 */
export async function loadCatalogSides(ctx: CommandContext, revs: readonly (string | null)[]): Promise<CatalogSide[]> {
  const { listCatalogFiles, displayPath, isCatalogPath } = await import('../catalog/source.js');
  const { validateCatalog, validateSources } = await import('../catalog/validate.js');
  const { catalogFilesAt, catalogRepo, resolveCommit } = await import('./git.js');
  const where = displayPath(ctx.catalogDir, ctx.io.cwd);
  // The folder must exist in the work tree: git is asked from inside it where the repository is.
  const workFiles = listCatalogFiles([ctx.catalogDir], ctx.io.cwd);
  if (!statSync(ctx.catalogDir).isDirectory()) throw new InputError(`${where} is not a folder; --catalog names the catalog folder`);
  const repo = await catalogRepo(ctx.catalogDir, where, ctx.io.env);
  const commits = await Promise.all(revs.map((rev) => (rev === null ? null : resolveCommit(repo, rev))));
  const sides: CatalogSide[] = [];
  for (const [i, rev] of revs.entries()) {
    const commit = commits[i] ?? null;
    if (rev === null || commit === null) {
      const r = workFiles.length === 0 ? undefined : validateCatalog({ paths: [ctx.catalogDir], cwd: ctx.io.cwd, asOf: ctx.asOf });
      refuseErrors(r?.findings ?? [], `in ${where}`, `run "tthc validate ${where}"`);
      sides.push({ rev: null, commit: null, catalog: r?.catalog ?? emptyCatalog(), files: workFiles.length });
      continue;
    }
    const files = await catalogFilesAt(repo, commit, isCatalogPath);
    // Named as the work tree names the same file, so that both sides speak of the same paths.
    const sources = files.map((f) => ({ file: displayPath(`${ctx.catalogDir}/${f.path}`, ctx.io.cwd), bytes: f.bytes }));
    const r = validateSources({ sources, asOf: ctx.asOf });
    refuseErrors(r.findings, `in ${where} at ${rev}`, `check it out and run "tthc validate ${where}"`);
    sides.push({ rev, commit, catalog: r.catalog, files: files.length });
  }
  return sides;
}

function emptyCatalog(): Catalog {
  return { calendars: [], units: [], officials: [], procedures: [] };
}
