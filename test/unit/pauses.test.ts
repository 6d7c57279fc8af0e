// Due times with waits for the applicant (SPEC.md "Deadlines"), worked out by hand.
import { describe, expect, it } from 'vitest';
import { testCalendar, t } from '../helpers/calendar.js';
import { dueAfterPauses } from '../../src/calendar/pauses.js';

const cal = testCalendar;
const show = (d: Date) => cal.format(d).slice(0, 16);
const base = { start: t('2026-03-02T09:00'), limit: '3d', cutoff: true, asOf: t('2026-03-31T00:00') };

describe('dueAfterPauses', () => {
  it('without waits, the plain due time', () => {
    // Mon 2/3 09:00 + 3d = Thu 5/3 09:00.
    expect(show(dueAfterPauses(cal, { ...base, mode: 'pause', pauses: [] }))).toBe('2026-03-05T09:00');
  });

  it('pause moves the due time by the working time waited, not the wall-clock time', () => {
    // Waiting from Tue 3/3 15:30 to Mon 9/3 08:30: Tue 120 + Wed–Fri 3 × 480 + Mon 60 = 1620
    // working minutes (the weekend costs nothing). Thu 5/3 09:00 + 1620: Thu 150 + 240 = 390,
    // Fri 6/3 480 (870), Mon 9/3 480 (1350); 270 left on Tue 10/3: 07:30 + 240 = 11:30 (1590),
    // 30 more from 13:30 → 14:00.
    const pauses = [{ from: t('2026-03-03T15:30'), to: t('2026-03-09T08:30') }];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'pause', pauses }))).toBe('2026-03-10T14:00');
  });

  it('an open wait counts until as-of', () => {
    // Waiting since Wed 4/3 09:00, as of Wed 4/3 11:00: 120 minutes. 5/3 09:00 + 120 = 11:00.
    const pauses = [{ from: t('2026-03-04T09:00') }];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'pause', pauses, asOf: t('2026-03-04T11:00') }))).toBe('2026-03-05T11:00');
  });

  it('two waits add up', () => {
    // 60 (Mon 2/3 10:00–11:00) + 60 (Tue 3/3 14:00–15:00) = 120: Thu 5/3 09:00 + 120 = 11:00.
    const pauses = [
      { from: t('2026-03-02T10:00'), to: t('2026-03-02T11:00') },
      { from: t('2026-03-03T14:00'), to: t('2026-03-03T15:00') },
    ];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'pause', pauses }))).toBe('2026-03-05T11:00');
  });

  it('restart runs the whole limit again from the complete dossier', () => {
    // Received again Mon 9/3 10:00: + 3d = Thu 12/3 10:00.
    const pauses = [{ from: t('2026-03-03T15:30'), to: t('2026-03-09T10:00') }];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'restart', pauses }))).toBe('2026-03-12T10:00');
  });

  it('restart applies the cut-off to the complete dossier received late in the day', () => {
    // Received again Mon 9/3 16:30, after the 16:00 cut-off: the clock starts Tue 10/3 07:30;
    // 3d = 1440 = Tue, Wed, Thu × 480, so it ends Thu 12/3 17:30, the end of a period.
    const pauses = [{ from: t('2026-03-03T15:30'), to: t('2026-03-09T16:30') }];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'restart', pauses }))).toBe('2026-03-12T17:30');
  });

  it('restart while still waiting: not due before the limit from as-of', () => {
    const pauses = [{ from: t('2026-03-03T15:30') }];
    // As of Fri 20/3 09:00 + 3d = Wed 25/3 09:00.
    expect(show(dueAfterPauses(cal, { ...base, mode: 'restart', pauses, asOf: t('2026-03-20T09:00') }))).toBe('2026-03-25T09:00');
  });

  it('waits before the clock started do not count (a step that starts later)', () => {
    const pauses = [{ from: t('2026-02-23T09:00'), to: t('2026-02-27T09:00') }];
    expect(show(dueAfterPauses(cal, { ...base, mode: 'pause', pauses }))).toBe('2026-03-05T09:00');
  });

  it('calendar-day limits move by the time waited, then the Civil Code rule', () => {
    // Mon 20/4 10:00 + 7cd = Mon 27/4 10:00; a wait of 3 days (Tue 21/4 10:00 – Fri 24/4 10:00)
    // moves it to Thu 30/4 10:00, a holiday; Fri 1/5 holiday, weekend: end of Mon 4/5, 17:30.
    const pauses = [{ from: t('2026-04-21T10:00'), to: t('2026-04-24T10:00') }];
    expect(show(dueAfterPauses(cal, { ...base, start: t('2026-04-20T10:00'), limit: '7cd', mode: 'pause', pauses }))).toBe('2026-05-04T17:30');
  });

  it('refuses a limit that is not a duration', () => {
    expect(() => dueAfterPauses(cal, { ...base, limit: '3 days', mode: 'pause', pauses: [] })).toThrow(RangeError);
  });
});
