import { fileURLToPath } from 'node:url';
import type { CommandDef } from '../command.js';
import { packageFile } from '../../package-files.js';

/** The example catalog shipped with tthc. */
export const exampleCatalogDir = fileURLToPath(packageFile('procedures/'));

export const demoCommand: CommandDef = {
  name: 'demo',
  summary: 'tour of tthc on the example catalog',
  formats: ['table'],
  async run(ctx) {
    const { validateCatalog } = await import('../../catalog/validate.js');
    const { findingFormatters } = await import('../../output/findings.js');
    const { listProcedures } = await import('../../catalog/query.js');
    const { procedureListTable } = await import('../../output/procedure.js');
    const r = validateCatalog({ paths: [exampleCatalogDir], cwd: ctx.io.cwd, asOf: ctx.asOf });
    const report = { files: r.files, findings: r.findings, strict: false };
    const c = ctx.color;
    ctx.io.out(c.bold('1. tthc validate procedures\n\n'));
    ctx.io.out(findingFormatters.stylish(report, { color: c, labels: ctx.labels, version: ctx.version }));
    const rows = listProcedures(r.catalog);
    ctx.io.out(c.bold('\n2. tthc catalog list\n\n'));
    ctx.io.out(procedureListTable(rows, ctx.labels, c.level > 0));
    const sample = rows.find((p) => p.mechanism === 'inter-agency') ?? rows[0];
    const l = ctx.labels;
    ctx.io.out(
      [
        '',
        c.bold(l.demoNext),
        ...(sample ? [`  tthc catalog show ${sample.code}          # ${l.demoShow}`] : []),
        '  tthc catalog list --mechanism five-on-the-spot',
        '  tthc validate --format json',
        '',
        c.dim(l.demoLater),
        '',
      ].join('\n'),
    );
    return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
