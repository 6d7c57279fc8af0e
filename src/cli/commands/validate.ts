import { existsSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import type { CommandDef } from '../command.js';

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export const validateCommand: CommandDef = {
  name: 'validate',
  summary: 'check catalog files against the schemas and each other; exit 1 on errors',
  args: ['[paths...]'],
  options: [{ flags: '--strict', description: 'fail on warnings too' }],
  formats: ['stylish', 'json', 'github', 'junit', 'sarif'],
  examples: ['tthc validate', 'tthc validate procedures/so-xay-dung --format github', 'tthc validate --strict --format junit > report.xml'],
  async run(ctx, [paths], opts) {
    const { validateCatalog } = await import('../../catalog/validate.js');
    const { findingFormatters, failed, summaryLine } = await import('../../output/findings.js');
    const given = (paths as string[]).map((p) => resolve(ctx.io.cwd, p));
    const targets = given.length > 0 ? given : [ctx.catalogDir];
    // Files inside the catalog are checked against the rest of it (units, calendars).
    const context = targets.every((t) => isInside(t, ctx.catalogDir)) && existsSync(ctx.catalogDir) ? [ctx.catalogDir] : undefined;
    const r = validateCatalog({ paths: targets, context, cwd: ctx.io.cwd, asOf: ctx.asOf });
    const report = { files: r.files, findings: r.findings, strict: opts['strict'] === true };
    const format = ctx.format as keyof typeof findingFormatters;
    ctx.io.out(findingFormatters[format](report, { color: ctx.color, labels: ctx.labels, version: ctx.version }));
    if (format !== 'stylish') ctx.notice(summaryLine(report, ctx.labels));
    return failed(report) ? 1 : 0;
  },
};
