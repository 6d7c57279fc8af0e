// The calendar of the engine's and the dossiers' unit tests: Mon–Fri 07:30–11:30 and
// 13:30–17:30 (8 h = 480 minutes a day), Asia/Ho_Chi_Minh, 30/4–1/5/2026 closed, receipt cut-off 16:00.
import { WorkingCalendar } from '../../src/calendar/calendar.js';

const hours = ['07:30-11:30', '13:30-17:30'];

export const testCalendar = WorkingCalendar.compile({
  id: 'vn',
  timezone: 'Asia/Ho_Chi_Minh',
  week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
  holidays: [{ from: '2026-04-30', to: '2026-05-01', name: '30/4 và 1/5' }],
  receipt_cutoff: '16:00',
});

/** An instant written in Vietnam's local time, "2026-03-02T09:00". */
export const t = (local: string): Date => new Date(`${local}:00+07:00`);
