import type { CommandDef } from '../../command.js';
import { withinOption } from '../../dossier.js';

function urgentCommand(kind: 'overdue' | 'due-soon'): CommandDef {
  return {
    name: `report ${kind}`,
    summary:
      kind === 'overdue'
        ? 'dossiers past due, most late first, with unit, current step, official and working time late'
        : 'dossiers not yet due with at most --within of working time left, least left first',
    options: [
      ...(kind === 'due-soon' ? [{ flags: '--within <duration>', description: 'working time left (default 1d)', default: '1d' }] : []),
      { flags: '--unit <id>', description: 'only dossiers of this agency or of units under it' },
      { flags: '--procedure <code>', description: 'only this procedure' },
      { flags: '--fail-on-overdue', description: 'exit 1 when any dossier is overdue (for cron and CI alerting)' },
      { flags: '--bom', description: 'start CSV with a byte-order mark, so that Excel reads the diacritics' },
    ],
    formats: ['table', 'json', 'csv', 'html'],
    examples: kind === 'overdue' ? ['tthc report overdue', 'tthc report overdue --unit so-xd --format json --fail-on-overdue'] : ['tthc report due-soon --within 4h'],
    async run(ctx, _args, opts) {
      const within = await withinOption(opts['within']);
      const { usingDb } = await import('../../../db/connect.js');
      const { workingDayMinutes } = await import('../../../db/calendars.js');
      const { urgentReport } = await import('../../../report/urgent.js');
      const { data, dayMinutes } = await usingDb(
        ctx.db,
        ctx.io.cwd,
        async (d) => {
          const day = await workingDayMinutes(d.db);
          const data = await urgentReport(d.db, kind, {
            asOf: ctx.asOf,
            within,
            ...(opts['unit'] !== undefined ? { unit: String(opts['unit']) } : {}),
            ...(opts['procedure'] !== undefined ? { procedure: String(opts['procedure']) } : {}),
          });
          return { data, dayMinutes: day };
        },
        { create: false },
      );
      const { formatInZone } = await import('../../../calendar/zone.js');
      const fmt = (t: Date) => formatInZone(t, data.zone);
      const out = await import('../../../output/report.js');
      if (ctx.format === 'json') ctx.io.out(out.urgentJson(data, fmt));
      else if (ctx.format === 'html') ctx.io.out(out.urgentHtml(data, fmt, ctx.labels, dayMinutes));
      else if (ctx.format === 'csv') ctx.io.out(out.urgentCsv(data, ctx.labels, fmt, { bom: opts['bom'] === true }));
      else ctx.io.out(out.urgentTable(data, fmt, ctx.labels, ctx.color, dayMinutes));
      return opts['failOnOverdue'] === true && data.counts.overdue > 0 ? 1 : 0;
    },
  };
}

export const reportOverdueCommand = urgentCommand('overdue');
export const reportDueSoonCommand = urgentCommand('due-soon');
