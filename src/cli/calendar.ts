// The calendar a calendar command works with: --calendar ID, or the catalog's only one.
import type { WorkingCalendar } from '../calendar/calendar.js';
import { InputError, UsageError } from '../errors.js';
import type { CommandContext } from './command.js';
import { loadCatalog } from './catalog.js';
import { instantArg as readInstant } from './instant.js';

/** The compiled calendar named by `id`, or the only one; refuses unknown ids and ambiguity. */
export async function pickCalendar(ctx: CommandContext, id: string | undefined): Promise<WorkingCalendar> {
  const catalog = await loadCatalog(ctx);
  const { WorkingCalendar } = await import('../calendar/calendar.js');
  const { didYouMean } = await import('../catalog/suggest.js');
  const ids = catalog.calendars.map((c) => c.value.id).sort();
  let def;
  if (id !== undefined) {
    def = catalog.calendars.find((c) => c.value.id === id)?.value;
    if (!def) throw new InputError(`no calendar "${id}" in the catalog (it has: ${ids.join(', ') || 'none'})${didYouMean(id, ids)}`);
  } else if (catalog.calendars.length === 1) {
    def = catalog.calendars[0]!.value;
  } else if (catalog.calendars.length === 0) {
    throw new InputError('the catalog has no calendar; add a file with kind: calendar');
  } else {
    throw new UsageError(`the catalog has ${ids.length} calendars (${ids.join(', ')}); choose one with --calendar`);
  }
  return WorkingCalendar.compile(def);
}

/** Reads an instant argument in the calendar's zone; refuses anything not ISO 8601 (exit 2). */
export async function instantArg(cal: WorkingCalendar, name: string, text: string): Promise<Date> {
  return readInstant(name, text, cal.timeZone, '2026-01-05 or 2026-01-05T09:00');
}

/**
 * A notice (stderr) for each year an answer touches in which the calendar lists no holiday: its
 * deadlines count every weekday, which is likely a calendar not yet filled in for that year.
 */
export function warnUnfilledYears(ctx: CommandContext, cal: WorkingCalendar, ...instants: Date[]): void {
  const years = new Set<number>();
  for (const t of instants) {
    const { day } = cal.utcToLocal(t.getTime());
    years.add(new Date(day * 86_400_000).getUTCFullYear());
  }
  for (const y of [...years].sort()) {
    if (cal.hasHolidaysIn(y)) continue;
    ctx.notice(
      ctx.lang === 'en'
        ? `note: calendar "${cal.id}" lists no holiday in ${y}; deadlines there count every working weekday (tthc calendar generate ${y} drafts one)`
        : `lưu ý: lịch "${cal.id}" chưa có ngày nghỉ lễ nào trong năm ${y}; hạn trong năm đó tính mọi ngày làm việc trong tuần (tthc calendar generate ${y} tạo bản nháp)`,
    );
  }
}

/** Prints an answer: the JSON object with --format json, else labelled lines for people. */
export async function printAnswer(ctx: CommandContext, json: object, rows: () => [string, string][]): Promise<void> {
  if (ctx.format === 'json') {
    ctx.io.out(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const { labelled } = await import('../output/calendar.js');
  ctx.io.out(labelled(rows(), ctx.color));
}
