import type { CommandDef } from '../../command.js';
import { periodOptions, previousPeriod, readPeriod, reportZone as zone } from '../../period.js';

export const reportSlaCommand: CommandDef = {
  name: 'report sla',
  summary: 'received, ended, early, on time, late, in progress and overdue per group, with the on-time and Decision 766 rates',
  options: [
    ...periodOptions,
    { flags: '--by <grouping>', description: 'rows per unit, official, procedure, field, mechanism, level or step', default: 'unit', choices: ['unit', 'official', 'procedure', 'field', 'mechanism', 'level', 'step'] },
    { flags: '--unit <id>', description: 'only dossiers of this agency or of units under it' },
    { flags: '--procedure <code>', description: 'only this procedure' },
    { flags: '--mechanism <mechanism>', description: 'only procedures of this mechanism' },
    { flags: '--compare-previous', description: 'add the previous period of the same length (whole months: the months before) and the change' },
    { flags: '--fail-on-overdue', description: 'exit 1 when anything is overdue at the end of the period' },
    { flags: '--bom', description: 'start CSV with a byte-order mark, so that Excel reads the diacritics' },
  ],
  formats: ['table', 'json', 'csv', 'markdown', 'html'],
  examples: ['tthc report sla --from 2026-01-01 --to 2026-04-01 --by unit', 'tthc report sla --by official --format csv --bom > sla.csv', 'tthc report sla --format json --fail-on-overdue', 'tthc report sla --from 2026-02-01 --to 2026-03-01 --compare-previous --format html > sla.html'],
  async run(ctx, _args, opts) {
    const { formatInZone } = await import('../../../calendar/zone.js');
    const { from, to } = await readPeriod(opts, ctx.asOf);
    const { usingDb } = await import('../../../db/connect.js');
    const { slaReport, withPrevious } = await import('../../../report/sla.js');
    const query = {
      by: String(opts['by']) as 'unit',
      ...(opts['unit'] !== undefined ? { unit: String(opts['unit']) } : {}),
      ...(opts['procedure'] !== undefined ? { procedure: String(opts['procedure']) } : {}),
      ...(opts['mechanism'] !== undefined ? { mechanism: String(opts['mechanism']) } : {}),
    };
    const before = opts['comparePrevious'] === true ? await previousPeriod(from, to) : undefined;
    const { workingDayMinutes } = await import('../../../db/calendars.js');
    const { data, dayMinutes } = await usingDb(
      ctx.db,
      ctx.io.cwd,
      async (d) => {
        const now = await slaReport(d.db, { ...query, from, to });
        return {
          data: before ? withPrevious(now, await slaReport(d.db, { ...query, ...before })) : now,
          dayMinutes: await workingDayMinutes(d.db),
        };
      },
      { create: false },
    );
    const out = await import('../../../output/report.js');
    const fmt = (t: Date) => formatInZone(t, zone);
    if (ctx.format === 'json') ctx.io.out(out.slaJson(data, ctx.asOf, fmt));
    else if (ctx.format === 'csv') ctx.io.out(out.slaCsv(data, ctx.labels, { bom: opts['bom'] === true }));
    else if (ctx.format === 'html') ctx.io.out(out.slaHtml(data, ctx.asOf, fmt, ctx.labels, dayMinutes));
    else if (ctx.format === 'markdown') ctx.io.out(out.slaMarkdown(data, ctx.asOf, fmt, ctx.labels, dayMinutes));
    else ctx.io.out(out.slaTable(data, ctx.asOf, fmt, ctx.labels, ctx.color, dayMinutes));
    return opts['failOnOverdue'] === true && data.total.overdue > 0 ? 1 : 0;
  },
};
