import type { CommandDef } from '../../command.js';
import { instantArg, pickCalendar, printAnswer, warnUnfilledYears } from '../../calendar.js';

export const calendarBetweenCommand: CommandDef = {
  name: 'calendar between',
  summary: 'working time from FROM to TO',
  args: ['<from>', '<to>'],
  options: [{ flags: '--calendar <id>', description: 'the calendar (needed when the catalog has several)' }],
  formats: ['table', 'json'],
  examples: ['tthc calendar between 2026-01-05T09:00 2026-01-08T16:00', 'tthc calendar between 2026-02-13 2026-02-24 --format json'],
  async run(ctx, [from, to], opts) {
    const cal = await pickCalendar(ctx, opts['calendar'] as string | undefined);
    const a = await instantArg(cal, 'FROM', from as string);
    const b = await instantArg(cal, 'TO', to as string);
    const { describeMinutes } = await import('../../../calendar/duration.js');
    const minutes = cal.between(a, b);
    const result = { from: cal.format(a), to: cal.format(b), minutes, duration: describeMinutes(minutes, cal.dayMinutes) };
    warnUnfilledYears(ctx, cal, a, b);
    const l = ctx.labels;
    await printAnswer(ctx, result, () => [
      [l.from, result.from],
      [l.to, result.to],
      [l.workingTime, ctx.color.bold(`${result.duration} = ${minutes} ${l.workingMinutes}`)],
    ]);
    return 0;
  },
};
