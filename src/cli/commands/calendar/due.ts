import { UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';
import { instantArg, pickCalendar, printAnswer, warnUnfilledYears } from '../../calendar.js';

/** The longest duration `calendar due` takes: about a hundred years of working days. */
const maxDurationDays = 36_500;

export const calendarDueCommand: CommandDef = {
  name: 'calendar due',
  summary: 'when a duration started at FROM is due (working days, hours, or calendar days)',
  args: ['<from>', '<duration>'],
  options: [
    { flags: '--calendar <id>', description: 'the calendar (needed when the catalog has several)' },
    { flags: '--no-cutoff', description: 'ignore the receipt cut-off (a step starting late in the day)' },
  ],
  formats: ['table', 'json'],
  examples: ['tthc calendar due 2026-01-05T09:00 3d', 'tthc calendar due "2026-02-13 15:30" 1d --format json', 'tthc calendar due 2026-04-22T10:00 8cd'],
  async run(ctx, [from, duration], opts) {
    const cal = await pickCalendar(ctx, opts['calendar'] as string | undefined);
    const start = await instantArg(cal, 'FROM', from as string);
    const { isWholeMinutes, parseDuration, workingMinutes } = await import('../../../calendar/duration.js');
    const d = parseDuration(duration as string);
    if (!d) throw new UsageError(`DURATION "${String(duration)}" is not a duration like 3d, 0.5d, 4h or 15cd`);
    if (d.unit === 'cd' && !Number.isInteger(d.amount)) throw new UsageError(`DURATION "${String(duration)}": calendar days must be whole`);
    if (!isWholeMinutes(duration as string, cal.dayMinutes)) throw new UsageError(`DURATION "${String(duration)}" is not a whole number of working minutes`);
    const minutes = workingMinutes(d, cal.dayMinutes) ?? null;
    // A deadline a century away is a typo; walking to it would also pass the calendar's horizon.
    if ((minutes ?? d.amount * cal.dayMinutes) > maxDurationDays * cal.dayMinutes) throw new UsageError(`DURATION "${String(duration)}" is more than ${maxDurationDays} days`);
    const due = minutes === null ? cal.addCalendarDays(start, d.amount) : cal.due(start, minutes, { cutoff: opts['cutoff'] !== false });
    const result = { from: cal.format(start), duration: duration as string, minutes, due: cal.format(due) };
    warnUnfilledYears(ctx, cal, start, due);
    const l = ctx.labels;
    const day = (t: Date) => l.weekdayNames[(cal.utcToLocal(t.getTime()).day + 3) % 7]!;
    await printAnswer(ctx, result, () => [
      [l.from, `${result.from} (${day(start)})`],
      [l.duration, minutes === null ? result.duration : `${result.duration} = ${minutes} ${l.workingMinutes}`],
      [l.due, ctx.color.bold(`${result.due} (${day(due)})`)],
    ]);
    return 0;
  },
};
