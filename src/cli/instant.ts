// Instants given as arguments and options (FROM, --at, --as-of, --from, --to): one reading, one
// refusal, so that every command names the argument and the supported years alike.
import { UsageError } from '../errors.js';

/**
 * The instant `text` read in ISO 8601 in `timeZone` (a date alone is 00:00 there). Refuses
 * (UsageError, exit 2, naming `name`) anything else, and years outside 1901–9999: before 1901 the
 * time-zone data would silently read the year as 1901.
 */
export async function instantArg(name: string, text: string, timeZone: string, example: string): Promise<Date> {
  const { parseInstant, supportedYears, unsupportedYear } = await import('../calendar/zone.js');
  const t = parseInstant(text, timeZone);
  if (!t) throw new UsageError(`${name} "${text}" is not a date or time in ISO 8601 (for example ${example})`);
  const year = unsupportedYear(text);
  if (year !== undefined) throw new UsageError(`${name} "${text}" is in the year ${year}; dates must be from ${supportedYears.min} to ${supportedYears.max}`);
  return t;
}
