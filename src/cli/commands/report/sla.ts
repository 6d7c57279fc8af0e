import { UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';

/** Where dates without an offset are read, as --as-of is (the calendars of Vietnam are UTC+7). */
const zone = 'Asia/Ho_Chi_Minh';

export const reportSlaCommand: CommandDef = {
  name: 'report sla',
  summary: 'received, ended, early, on time, late, in progress and overdue per group, with the on-time and Decision 766 rates',
  options: [
    { flags: '--from <date>', description: 'start of the period, included (default: the first day of the --to month)' },
    { flags: '--to <date>', description: 'end of the period, excluded (default: --as-of)' },
    { flags: '--by <grouping>', description: 'rows per unit, official, procedure, field, mechanism, level or step', default: 'unit', choices: ['unit', 'official', 'procedure', 'field', 'mechanism', 'level', 'step'] },
    { flags: '--unit <id>', description: 'only dossiers of this agency or of units under it' },
    { flags: '--procedure <code>', description: 'only this procedure' },
    { flags: '--mechanism <mechanism>', description: 'only procedures of this mechanism' },
    { flags: '--fail-on-overdue', description: 'exit 1 when anything is overdue at the end of the period' },
    { flags: '--bom', description: 'start CSV with a byte-order mark, so that Excel reads the diacritics' },
  ],
  formats: ['table', 'json', 'csv', 'markdown'],
  examples: ['tthc report sla --from 2026-01-01 --to 2026-04-01 --by unit', 'tthc report sla --by official --format csv --bom > sla.csv', 'tthc report sla --format json --fail-on-overdue'],
  async run(ctx, _args, opts) {
    const { formatInZone, localDate, parseInstant } = await import('../../../calendar/zone.js');
    const instant = (name: string, text: string) => {
      const t = parseInstant(text, zone);
      if (!t) throw new UsageError(`--${name} "${text}" is not a date or time in ISO 8601 (for example 2026-03-01 or 2026-03-01T00:00+07:00)`);
      return t;
    };
    const to = opts['to'] !== undefined ? instant('to', String(opts['to'])) : ctx.asOf;
    // By default the month holding the last instant of the period.
    const from = opts['from'] !== undefined ? instant('from', String(opts['from'])) : instant('from', `${localDate(new Date(to.getTime() - 1), zone).slice(0, 7)}-01`);
    if (from.getTime() >= to.getTime()) throw new UsageError(`--from ${formatInZone(from, zone)} must be before --to ${formatInZone(to, zone)}`);
    const { usingDb } = await import('../../../db/connect.js');
    const { slaReport } = await import('../../../report/sla.js');
    const { calendarLookup } = await import('../../../db/calendars.js');
    const { data, dayMinutes } = await usingDb(
      ctx.db,
      ctx.io.cwd,
      async (d) => ({
        data: await slaReport(d.db, {
          from,
          to,
          by: String(opts['by']) as 'unit',
          ...(opts['unit'] !== undefined ? { unit: String(opts['unit']) } : {}),
          ...(opts['procedure'] !== undefined ? { procedure: String(opts['procedure']) } : {}),
          ...(opts['mechanism'] !== undefined ? { mechanism: String(opts['mechanism']) } : {}),
        }),
        dayMinutes: (await calendarLookup(d.db)).first()?.dayMinutes ?? 480,
      }),
      { create: false },
    );
    const out = await import('../../../output/report.js');
    const fmt = (t: Date) => formatInZone(t, zone);
    if (ctx.format === 'json') ctx.io.out(out.slaJson(data, ctx.asOf, fmt));
    else if (ctx.format === 'csv') ctx.io.out(out.slaCsv(data, ctx.labels, { bom: opts['bom'] === true }));
    else if (ctx.format === 'markdown') ctx.io.out(out.slaMarkdown(data, ctx.asOf, fmt, ctx.labels, dayMinutes));
    else ctx.io.out(out.slaTable(data, ctx.asOf, fmt, ctx.labels, ctx.color, dayMinutes));
    return opts['failOnOverdue'] === true && data.total.overdue > 0 ? 1 : 0;
  },
};
