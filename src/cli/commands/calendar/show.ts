import { UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { pickCalendar } from '../../calendar.js';

/** A year argument: 1900–2200. */
export function yearArg(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1900 || year > 2200) throw new UsageError(`YEAR "${text}" must be a year from 1900 to 2200`);
  return year;
}

export const calendarShowCommand: CommandDef = {
  name: 'calendar show',
  summary: "the year's holidays, days off and make-up working days, as month grids",
  args: ['<year>'],
  options: [{ flags: '--calendar <id>', description: 'the calendar (needed when the catalog has several)' }],
  formats: ['table', 'json'],
  examples: ['tthc calendar show 2026', 'tthc calendar show 2026 --format json'],
  async run(ctx, [yearText], opts) {
    const year = yearArg(yearText as string);
    const cal = await pickCalendar(ctx, opts['calendar'] as string | undefined);
    const { yearView, isoWeekdayIndex } = await import('../../../calendar/year.js');
    const view = yearView(cal, year);
    const { warnUnfilledYears } = await import('../../calendar.js');
    warnUnfilledYears(ctx, cal, new Date(Date.UTC(year, 6, 1)));
    if (ctx.format === 'json') {
      ctx.io.out(JSON.stringify(view, null, 2) + '\n');
      return 0;
    }
    const { yearGrid } = await import('../../../output/calendar.js');
    ctx.io.out(`${ctx.color.bold(`${ctx.labels.calendar} ${view.calendar} — ${year}`)} (${view.timezone})\n\n`);
    ctx.io.out(yearGrid(view, isoWeekdayIndex, ctx.labels, ctx.color));
    return 0;
  },
};
