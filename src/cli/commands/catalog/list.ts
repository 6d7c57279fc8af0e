import { mechanisms, type Mechanism } from '../../../catalog/model.js';
import type { CommandDef } from '../../command.js';
import { loadCatalog } from '../../catalog.js';

export const catalogListCommand: CommandDef = {
  name: 'catalog list',
  summary: 'list the procedures of the catalog',
  options: [
    { flags: '--unit <id>', description: 'procedures of this agency (or of units under it)' },
    { flags: '--mechanism <mechanism>', description: 'one mechanism', choices: mechanisms },
    { flags: '--field <text>', description: 'fields containing this text (diacritics optional)' },
    { flags: '--level <level>', description: 'agencies of this level (province, commune, …)' },
  ],
  formats: ['table', 'json', 'csv'],
  examples: ['tthc catalog list --level commune', 'tthc catalog list --mechanism five-on-the-spot --format csv > 5taicho.csv'],
  async run(ctx, _args, opts) {
    const catalog = await loadCatalog(ctx);
    const { listProcedures } = await import('../../../catalog/query.js');
    const rows = listProcedures(catalog, {
      unit: opts['unit'] as string | undefined,
      mechanism: opts['mechanism'] as Mechanism | undefined,
      field: opts['field'] as string | undefined,
      level: opts['level'] as string | undefined,
    });
    const out = await import('../../../output/procedure.js');
    if (ctx.format === 'json') ctx.io.out(JSON.stringify({ procedures: rows }, null, 2) + '\n');
    else if (ctx.format === 'csv') ctx.io.out(out.procedureListCsv(rows, ctx.labels));
    else ctx.io.out(out.procedureListTable(rows, ctx.labels, ctx.color.level > 0));
    return 0;
  },
};
