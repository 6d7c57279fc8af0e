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
  const { formatInZone, localDate, parseInstant } = await import('../calendar/zone.js');
  const instant = (name: string, text: string) => {
    const t = parseInstant(text, reportZone);
    if (!t) throw new UsageError(`--${name} "${text}" is not a date or time in ISO 8601 (for example 2026-03-01 or 2026-03-01T00:00+07:00)`);
    return t;
  };
  const to = opts['to'] !== undefined ? instant('to', String(opts['to'])) : asOf;
  const from = opts['from'] !== undefined ? instant('from', String(opts['from'])) : instant('from', `${localDate(new Date(to.getTime() - 1), reportZone).slice(0, 7)}-01`);
  if (from.getTime() >= to.getTime()) throw new UsageError(`--from ${formatInZone(from, reportZone)} must be before --to ${formatInZone(to, reportZone)}`);
  return { from, to };
}
