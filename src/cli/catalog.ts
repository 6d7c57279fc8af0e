// Loading the catalog for commands that read it: validated first, refused when it has errors.
import { FindingsError } from '../errors.js';
import type { Catalog } from '../catalog/model.js';
import type { CommandContext } from './command.js';

/** The validated catalog of --catalog; refuses (FindingsError, exit 1) a catalog with errors. */
export async function loadCatalog(ctx: CommandContext): Promise<Catalog> {
  const { validateCatalog } = await import('../catalog/validate.js');
  const { displayPath } = await import('../catalog/source.js');
  const r = validateCatalog({ paths: [ctx.catalogDir], cwd: ctx.io.cwd, asOf: ctx.asOf });
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = displayPath(ctx.catalogDir, ctx.io.cwd);
    throw new FindingsError(
      `the catalog in ${where} has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${first.file}:${first.line}:${first.column} ${first.message}); run "tthc validate ${where}"`,
    );
  }
  return r.catalog;
}
