// What the dossier commands share: instants of --at, checking --by, printing what was recorded.
import type { Kysely } from 'kysely';
import type { Duration } from '../calendar/duration.js';
import type { Database } from '../db/schema.js';
import type { EventInput, RecordResult } from '../db/event-store.js';
import { InputError, UsageError } from '../errors.js';
import type { CommandContext, OptionDef } from './command.js';

/** `--redact` of `dossier show` and `dossier list` (README "Personal data"). */
export const redactOption: OptionDef = {
  flags: '--redact',
  description: 'show free texts that may quote the applicant (reasons, requested items, notes, comments, to whom returned) as [ẩn] / [redacted]',
};

/** Vietnam has one zone; instants without an offset are read there (as --as-of). */
const zone = 'Asia/Ho_Chi_Minh';

/** --at (or "now" = --as-of); refuses anything not ISO 8601 (exit 2). */
export async function atOption(ctx: CommandContext, text: unknown, name = '--at'): Promise<Date> {
  if (text === undefined) return ctx.asOf;
  const { instantArg } = await import('./instant.js');
  return instantArg(name, String(text), zone, '2026-01-05T09:00');
}

/** --by must name an official of the loaded catalog; refuses others with the nearest id. */
export async function officialOption(db: Kysely<Database>, by: unknown): Promise<string | null> {
  if (by === undefined) return null;
  const id = String(by);
  const found = await db.selectFrom('officials').select('id').where('id', '=', id).executeTakeFirst();
  if (found) return id;
  const { didYouMean } = await import('../catalog/suggest.js');
  const all = (await db.selectFrom('officials').select('id').execute()).map((o) => o.id);
  throw new InputError(`--by ${id}: no such official in the database${didYouMean(id, all)}`);
}

/** `--within` of the due-soon lists: working time such as 1d, 0.5d or 4h (default 1d). */
export async function withinOption(text: unknown): Promise<Duration> {
  const { parseDuration } = await import('../calendar/duration.js');
  const value = String(text ?? '1d');
  const within = parseDuration(value);
  if (!within || within.unit === 'cd') throw new UsageError(`--within ${value} must be working time like 1d, 0.5d or 4h`);
  return within;
}

/**
 * Opens the database (never creating one), applies pending migrations, checks --by, records the
 * events `build` makes in one transaction, and closes. Refuses what recordEvents refuses.
 */
export async function recordWith(ctx: CommandContext, by: unknown, build: (db: Kysely<Database>, by: string | null) => Promise<EventInput[]>): Promise<RecordResult> {
  const { usingDb } = await import('../db/connect.js');
  const { migrateToLatest } = await import('../db/migrate.js');
  const { recordEvents } = await import('../db/event-store.js');
  return usingDb(
    ctx.db,
    ctx.io.cwd,
    async (d) => {
      await migrateToLatest(d.db);
      return recordEvents(d, await build(d.db, await officialOption(d.db, by)));
    },
    { create: false },
  );
}

/** Prints what was recorded: JSON, or one line for people. */
export function printRecorded(ctx: CommandContext, r: RecordResult): void {
  const cal = r.ctx.calendar;
  const out = {
    code: r.code,
    events: r.events.map((e) => ({ id: e.id, type: e.type, at: cal.format(e.at) })),
    status: r.state.status,
    due: cal.format(r.state.due),
  };
  if (ctx.format === 'json') {
    ctx.io.out(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  const l = ctx.labels;
  ctx.io.out(`${ctx.color.bold(r.code)}  ${r.events.map((e) => e.type).join(', ')}  ${l.statuses[r.state.status]}  ${l.due} ${out.due}\n`);
}
