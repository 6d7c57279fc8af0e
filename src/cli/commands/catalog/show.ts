import { InputError, UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { loadCatalog } from '../../catalog.js';

export const catalogShowCommand: CommandDef = {
  name: 'catalog show',
  summary: 'one procedure: steps with units, contacts and budgets, the longest path, fees, components, legal basis',
  args: ['<code>'],
  options: [
    {
      flags: '--diagram <kind>',
      description: 'the steps as a diagram instead: mermaid (flowchart text for GitHub and GitLab markdown) or svg (a self-contained picture)',
      choices: ['mermaid', 'svg'],
    },
  ],
  formats: ['table', 'json'],
  examples: ['tthc catalog show 1.009794', 'tthc catalog show 1.009794 --format json', 'tthc catalog show 1.009794 --diagram mermaid > 1.009794.mmd', 'tthc catalog show 1.013949 --diagram svg > 1.013949.svg'],
  async run(ctx, [code], opts) {
    if (opts['diagram'] !== undefined && ctx.format === 'json') throw new UsageError('--diagram prints the diagram itself; leave out --format json');
    const catalog = await loadCatalog(ctx);
    const { describeProcedure, listProcedures } = await import('../../../catalog/query.js');
    const { didYouMean } = await import('../../../catalog/suggest.js');
    const detail = describeProcedure(catalog, code as string);
    if (!detail) {
      const codes = listProcedures(catalog).map((p) => p.code);
      throw new InputError(`no procedure with code "${String(code)}" in the catalog${didYouMean(code as string, codes)}`);
    }
    if (opts['diagram'] === 'mermaid') {
      const { procedureMermaid } = await import('../../../render/mermaid.js');
      ctx.io.out(procedureMermaid(detail, ctx.labels));
    } else if (opts['diagram'] === 'svg') {
      const { procedureSvg } = await import('../../../render/svg.js');
      ctx.io.out(procedureSvg(detail, ctx.labels));
    } else if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(detail, null, 2) + '\n');
    } else {
      const { procedureDetailText } = await import('../../../output/procedure.js');
      ctx.io.out(procedureDetailText(detail, ctx.labels, ctx.color));
    }
    return 0;
  },
};
