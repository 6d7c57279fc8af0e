// Which compiled calendar a procedure version uses: its `calendar`, else the only one stored.
import type { Kysely } from 'kysely';
import { WorkingCalendar, type CalendarInput } from '../calendar/calendar.js';
import type { Database } from './schema.js';

// Compiling a calendar builds its interval tables; a process recording many events reuses them.
const compiledByContent = new Map<string, WorkingCalendar>();

function compiled(data: string): WorkingCalendar {
  let cal = compiledByContent.get(data);
  if (!cal) {
    cal = WorkingCalendar.compile(JSON.parse(data) as CalendarInput);
    compiledByContent.set(data, cal);
  }
  return cal;
}

/** A lookup of procedure versions' calendars for one connection: undefined when none applies. */
export interface CalendarLookup {
  /** The calendar of a procedure version's data (`calendar:`, else the only stored calendar). */
  ofProcedure(data: { calendar?: string }): WorkingCalendar | undefined;
  /** The first stored calendar, if any. */
  first(): WorkingCalendar | undefined;
  /**
   * The working minutes of a day, for writing durations as days: the first stored calendar's
   * (the dossiers of one province share one), 480 when none is stored.
   */
  dayMinutes(): number;
  /** The calendar of a stored procedure version. */
  ofVersion(code: string, version: number): Promise<WorkingCalendar | undefined>;
}

/** CalendarLookup#dayMinutes of a database. */
export async function workingDayMinutes(db: Kysely<Database>): Promise<number> {
  return (await calendarLookup(db)).dayMinutes();
}

/** Loads the stored calendars once; versions are looked up on demand and remembered. */
export async function calendarLookup(db: Kysely<Database>): Promise<CalendarLookup> {
  const rows = await db.selectFrom('calendars').select(['id', 'data']).execute();
  const byId = new Map(rows.map((r) => [r.id, r.data]));
  const ofProcedure = (data: { calendar?: string }): WorkingCalendar | undefined => {
    const raw = data.calendar !== undefined ? byId.get(data.calendar) : rows.length === 1 ? rows[0]!.data : undefined;
    return raw === undefined ? undefined : compiled(raw);
  };
  const versions = new Map<string, WorkingCalendar | undefined>();
  return {
    ofProcedure,
    first: () => (rows[0] ? compiled(rows[0].data) : undefined),
    dayMinutes: () => (rows[0] ? compiled(rows[0].data).dayMinutes : 480),
    async ofVersion(code, version) {
      const key = `${code}@${version}`;
      if (!versions.has(key)) {
        const row = await db.selectFrom('procedure_versions').select('data').where('code', '=', code).where('version', '=', version).executeTakeFirst();
        versions.set(key, row ? ofProcedure(JSON.parse(row.data) as { calendar?: string }) : undefined);
      }
      return versions.get(key);
    },
  };
}
