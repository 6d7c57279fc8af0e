import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FindingsError, InputError, UsageError } from '../../../errors.js';
import { packageFile } from '../../../package-files.js';
import type { CommandDef } from '../../command.js';

export const catalogNewCommand: CommandDef = {
  name: 'catalog new',
  summary: 'write a new procedure file by answering questions at a terminal; it passes "tthc validate" as written',
  formats: ['table', 'json'],
  examples: ['tthc catalog new', 'tthc --catalog ./procedures catalog new'],
  async run(ctx) {
    const { displayPath } = await import('../../../catalog/source.js');
    if (!ctx.interactive) {
      // Scripts and CI get the two files a person needs to write the procedure by hand.
      const shown = (path: string) => displayPath(fileURLToPath(packageFile(path)), ctx.io.cwd);
      throw new UsageError(
        `"catalog new" asks questions and needs a terminal (no pipe, --no-input or CI=true); to write a procedure by hand, follow ${shown('schemas/procedure.schema.json')} and copy ${shown('procedures/so-xay-dung/1.009794.yaml')}`,
      );
    }
    const { validateCatalog } = await import('../../../catalog/validate.js');
    const { procedureFolder, procedureYaml, schemaPathFor } = await import('../../../catalog/scaffold.js');
    const { localDate } = await import('../../../calendar/zone.js');
    const { askProcedureDraft } = await import('../../new-procedure.js');
    const { writeFileAtomic } = await import('../../files.js');
    const cwd = ctx.io.cwd;
    const where = displayPath(ctx.catalogDir, cwd);
    const { catalog } = validateCatalog({ paths: [ctx.catalogDir], cwd, asOf: ctx.asOf });

    const draft = await askProcedureDraft(ctx, catalog, where);

    const folder = procedureFolder(catalog.procedures, draft.agency, ctx.catalogDir, cwd);
    const target = join(folder, `${draft.code}.yaml`);
    const file = displayPath(target, cwd);
    const calendar = catalog.calendars.find((c) => c.value.id === draft.calendar)!.value;
    const text = procedureYaml(draft, {
      agencyName: catalog.units.find((u) => u.value.id === draft.agency)?.value.name,
      schema: schemaPathFor(catalog.procedures, folder, cwd),
      today: localDate(ctx.asOf, calendar.timezone),
    });
    // The same checks as "tthc validate", on the text, against the rest of the catalog, before
    // anything is written.
    const r = validateCatalog({ paths: [target], context: [ctx.catalogDir], cwd, asOf: ctx.asOf, texts: new Map([[target, text]]) });
    const error = r.findings.find((f) => f.severity === 'error');
    if (error) throw new FindingsError(`the new file would not pass validation (${error.file}:${error.line}:${error.column} ${error.message}); nothing was written`);
    if (existsSync(target)) throw new InputError(`${file} already exists; nothing was written`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, text, { force: false, shown: file });

    if (ctx.format === 'json') {
      ctx.io.out(`${JSON.stringify({ file, code: draft.code, steps: draft.steps.length, findings: r.findings }, null, 2)}\n`);
      return 0;
    }
    ctx.io.out(`${ctx.labels.scaffold.created(file, draft.steps.length, draft.time_limit)}\n`);
    if (r.findings.length > 0) {
      const { findingFormatters } = await import('../../../output/findings.js');
      ctx.notice(findingFormatters.stylish({ files: r.files, findings: r.findings, strict: false }, { color: ctx.color, labels: ctx.labels, version: ctx.version }));
    }
    ctx.notice(ctx.labels.scaffold.next(file));
    return 0;
  },
};
