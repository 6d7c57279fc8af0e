// The reporting period of the report commands: --from and --to, read as --as-of is.
import { UsageError } from '../errors.js';
import type { OptionDef } from './command.js';

/** Where dates without an offset are read, as --as-of is (the calendars of Vietnam are UTC+7). */
export const reportZone = 'Asia/Ho_Chi_Minh';

export const periodOptions: OptionDef[] = [
  { flags: '--from <date>', description: 'start of the period, included (default: the first day of the --to month)' },
  { flags: '--to <date>', description: 'end of the period, excluded (default: --as-of)' },
];

/**
 * The period `from ≤ t < to`: `--to` defaults to `asOf`; `--from` to the first day of the month
 * holding the period's last instant. Refuses (UsageError) unreadable dates and an empty period.
 */
export async function readPeriod(opts: Record<string, unknown>, asOf: Date): Promise<{ from: Date; to: Date }> {
  const { formatInZone, localDate } = await import('../calendar/zone.js');
  const { instantArg } = await import('./instant.js');
  const instant = (name: string, text: string) => instantArg(`--${name}`, text, reportZone, '2026-03-01 or 2026-03-01T00:00+07:00');
  const to = opts['to'] !== undefined ? await instant('to', String(opts['to'])) : asOf;
  const from = opts['from'] !== undefined ? await instant('from', String(opts['from'])) : await instant('from', `${localDate(new Date(to.getTime() - 1), reportZone).slice(0, 7)}-01`);
  if (from.getTime() >= to.getTime()) throw new UsageError(`--from ${formatInZone(from, reportZone)} must be before --to ${formatInZone(to, reportZone)}`);
  return { from, to };
}

/**
 * The period of the same length just before `from ≤ t < to`. Whole calendar months (both ends at
 * 00:00 on a 1st, in the report zone) compare with as many whole months before, so that February
 * compares with January; any other period with the same span of time ending at `from`.
 */
export async function previousPeriod(from: Date, to: Date): Promise<{ from: Date; to: Date }> {
  const { localDate, parseInstant } = await import('../calendar/zone.js');
  const monthStart = (t: Date) => {
    const d = localDate(t, reportZone);
    return d.endsWith('-01') && parseInstant(d, reportZone)!.getTime() === t.getTime() ? Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 : undefined;
  };
  const a = monthStart(from);
  const b = monthStart(to);
  if (a !== undefined && b !== undefined) {
    const m = a - (b - a);
    const first = `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}-01`;
    return { from: parseInstant(first, reportZone)!, to: from };
  }
  return { from: new Date(from.getTime() - (to.getTime() - from.getTime())), to: from };
}
