// The dossier state machine and its view. Every due time and outcome below is worked out by hand
// from the calendar (arithmetic in the comments), never taken from the program.
//
// Calendar: Mon–Fri 07:30–11:30 (240) and 13:30–17:30 (240) = 480 minutes a day, Asia/Ho_Chi_Minh,
// Thu 30/4 and Fri 1/5 2026 closed, receipt cut-off 16:00. Mon 27/4/2026 is a Monday, so the
// days after Wed 29/4 that work are Mon 4/5, Tue 5/5, Wed 6/5.
import { describe, expect, it } from 'vitest';
import { testCalendar, t } from '../helpers/calendar.js';
import type { DossierEvent } from '../../src/dossier/events.js';
import type { ProcedureVersion } from '../../src/dossier/procedure.js';
import { applyEvent, replayEvents, type DossierState } from '../../src/dossier/state.js';
import { dossierView } from '../../src/dossier/view.js';

const cal = testCalendar;
const iso = (local: string) => `${local}:00+07:00`;
const show = (d: Date | null | undefined) => (d ? cal.format(d).slice(0, 16) : d);

const linear: ProcedureVersion = {
  code: '1.000001',
  version: 1,
  time_limit: '3d',
  steps: [
    { id: 'receive', name: 'Tiếp nhận', action: 'receive', unit: 'ttpvhcc', duration: '1h' },
    { id: 'appraise', name: 'Thẩm định', action: 'appraise', unit: 'so-xd', assignee: 'nva', duration: '1d' },
    { id: 'approve', name: 'Phê duyệt', action: 'approve', unit: 'so-xd', assignee: 'ldb', duration: '2h' },
    { id: 'return', name: 'Trả kết quả', action: 'return', unit: 'ttpvhcc', duration: '1h' },
  ],
};
const restart: ProcedureVersion = { ...linear, code: '1.000003', on_supplement: 'restart' };
// receive → (fire ∥ land) → approve → return: fire names approve, land reaches it by list order.
const branching: ProcedureVersion = {
  code: '2.000002',
  version: 3,
  time_limit: '3d',
  steps: [
    { id: 'receive', name: 'Tiếp nhận', action: 'receive', unit: 'ttpvhcc', duration: '1h', next: ['fire', 'land'] },
    { id: 'fire', name: 'Thẩm duyệt PCCC', action: 'appraise', unit: 'pccc', assignee: 'ttb', duration: '4h', next: ['approve'] },
    { id: 'land', name: 'Thẩm định đất đai', action: 'appraise', unit: 'so-tnmt', assignee: 'lvc', duration: '1d' },
    { id: 'approve', name: 'Phê duyệt', action: 'approve', unit: 'ubnd', duration: '2h' },
    { id: 'return', name: 'Trả kết quả', action: 'return', unit: 'ttpvhcc', duration: '1h' },
  ],
};

const CODE = '000.00.12.H06-260427-0001';
let seq = 0;
const base = (at: string, by: string | null = 'tnv') => ({ id: `e${++seq}`, dossier: CODE, at: t(at), by });
const ev = {
  received: (at: string, procedure: ProcedureVersion): DossierEvent => ({
    ...base(at),
    type: 'received',
    procedure: procedure.code,
    applicant: { name: 'Trần Thị B' },
    channel: 'counter',
  }),
  done: (step: string, at: string, by = 'tnv'): DossierEvent => ({ ...base(at, by), type: 'step-completed', step }),
  ask: (at: string): DossierEvent => ({ ...base(at, 'nva'), type: 'supplement-requested', reason: 'Thiếu bản vẽ', items: ['Bản vẽ'] }),
  back: (at: string): DossierEvent => ({ ...base(at, null), type: 'supplement-received' }),
  refused: (at: string): DossierEvent => ({ ...base(at), type: 'refused', reason: 'Không đủ điều kiện' }),
  withdrawn: (at: string): DossierEvent => ({ ...base(at, null), type: 'withdrawn' }),
  apologized: (at: string, until: string): DossierEvent => ({ ...base(at), type: 'apologized', reason: 'Chậm thẩm định', new_appointment: t(until) }),
  returned: (at: string): DossierEvent => ({ ...base(at), type: 'returned', to: 'Trần Thị B' }),
  rated: (at: string, score: number): DossierEvent => ({ ...base(at, null), type: 'rated', score }),
};

/** Replays events that must all fit. */
function run(procedure: ProcedureVersion, events: DossierEvent[]): DossierState {
  const r = replayEvents(events, { procedure, calendar: cal });
  if (!r.ok) throw new Error(`event ${r.index} refused: ${r.reason}`);
  if (!r.state) throw new Error('no state');
  return r.state;
}
const step = (s: DossierState, id: string) => s.steps.find((x) => x.id === id)!;
const apply = (s: DossierState | undefined, e: DossierEvent, procedure = linear) => applyEvent(s, e, { procedure, calendar: cal });

describe('received', () => {
  it('creates the dossier, computes its due time and starts only the first step', () => {
    const s = run(linear, [ev.received('2026-04-27T09:00', linear)]);
    // 3d = 1440 from Mon 27/4 09:00: Mon 09:00–11:30 150 + 13:30–17:30 240 = 390, Tue 28 → 870,
    // Wed 29 → 1350; Thu 30/4 and Fri 1/5 closed, weekend; 90 left: Mon 4/5 07:30 + 90 = 09:00.
    expect(show(s.due)).toBe('2026-05-04T09:00');
    expect(s.status).toBe('in_progress');
    expect(s.steps.map((x) => x.status)).toEqual(['running', 'pending', 'pending', 'pending']);
    // receive: 09:00 + 60 = 10:00.
    expect(show(step(s, 'receive').due)).toBe('2026-04-27T10:00');
    expect(s.procedure_version).toBe(1);
  });

  it('after the receipt cut-off the dossier and its first step start the next working morning', () => {
    const s = run(linear, [ev.received('2026-04-27T16:30', linear)]);
    // 16:30 > 16:00: the clock starts Tue 28/4 07:30. 1440 = Tue 480 + Wed 480 = 960, Thu/Fri
    // closed, Mon 4/5 480 → 1440 exactly at 17:30, the end of a period, where it stays.
    expect(show(s.due)).toBe('2026-05-04T17:30');
    // receive: Tue 28/4 07:30 + 60 = 08:30.
    expect(show(step(s, 'receive').due)).toBe('2026-04-28T08:30');
    expect(show(s.received_at)).toBe('2026-04-27T16:30');
  });
});

describe('a linear procedure to the end', () => {
  // Shared start: received Mon 27/4 09:00 (due Mon 4/5 09:00), receive done 09:30, so appraise
  // runs from 09:30 with 1d: Mon 09:30–11:30 120 + 240 = 360, Tue 07:30 + 120 = 09:30.
  const start = () => [ev.received('2026-04-27T09:00', linear), ev.done('receive', '2026-04-27T09:30')];

  it('resolved early: ends on a day before the day of due', () => {
    const s = run(linear, [
      ...start(),
      ev.done('appraise', '2026-04-28T09:00', 'nva'), // approve: Tue 09:00 + 120 = 11:00
      ev.done('approve', '2026-04-28T10:00', 'ldb'), // return: 10:00 + 60 = 11:00
      ev.done('return', '2026-04-28T10:30'),
    ]);
    expect(show(step(s, 'appraise').due)).toBe('2026-04-28T09:30');
    expect(show(step(s, 'approve').due)).toBe('2026-04-28T11:00');
    expect(show(step(s, 'return').due)).toBe('2026-04-28T11:00');
    expect(s.status).toBe('resolved');
    expect(show(s.ended_at)).toBe('2026-04-28T10:30');
    // Tue 28/4 is before Mon 4/5, the day of due.
    expect(s.outcome).toBe('early');
    expect(s.steps.every((x) => x.status === 'completed')).toBe(true);
  });

  // appraise done Wed 29/4 15:00 (after its due Tue 09:30: late); approve from 15:00 + 120:
  // 15:00–17:30 has 150, so 17:00; done 16:00; return from 16:00 + 60 = 17:00.
  const slow = (returnAt: string) => [
    ...start(),
    ev.done('appraise', '2026-04-29T15:00', 'nva'),
    ev.done('approve', '2026-04-29T16:00', 'ldb'),
    ev.done('return', returnAt),
  ];

  it.each([
    // Mon 4/5 09:00 is the due time itself: the day of due, at due.
    ['on time: ended at the due time itself', '2026-05-04T09:00', 'on_time'],
    // Mon 4/5 08:00: the day of due, before due.
    ['on time: ended on the day of due, before it', '2026-05-04T08:00', 'on_time'],
    // Mon 4/5 09:01 > 09:00.
    ['late: ended a minute after due', '2026-05-04T09:01', 'late'],
  ])('%s', (_name, returnAt, outcome) => {
    const s = run(linear, slow(returnAt));
    expect(show(step(s, 'approve').due)).toBe('2026-04-29T17:00');
    expect(show(step(s, 'return').due)).toBe('2026-04-29T17:00');
    expect(s.outcome).toBe(outcome);
    const v = dossierView(s, t('2026-05-05T00:00'), cal);
    expect(v.steps.map((x) => [x.id, x.late])).toEqual([
      ['receive', false], // 09:30 ≤ 10:00
      ['appraise', true], // Wed 29/4 15:00 > Tue 28/4 09:30
      ['approve', false], // 16:00 ≤ 17:00
      ['return', true], // Mon 4/5 > Wed 29/4 17:00
    ]);
    expect(v.outcome).toBe(outcome);
    expect(v.overdue).toBe(false);
  });

  it('an apology records a new appointment and changes nothing about judging', () => {
    const events = slow('2026-05-04T09:01');
    const withApology = [...events.slice(0, 3), ev.apologized('2026-04-29T15:30', '2026-05-05T17:00'), ...events.slice(3)];
    const s = run(linear, withApology);
    expect(show(s.due)).toBe('2026-05-04T09:00');
    expect(s.outcome).toBe('late');
    const v = dossierView(s, t('2026-05-04T10:00'), cal);
    expect(v.appointment).toBe(iso('2026-05-05T17:00'));
    expect(v.apologies).toHaveLength(1);
    expect(v.due).toBe(iso('2026-05-04T09:00'));
  });

  it('returned after resolution: the status changes, the judgement does not; then rated once', () => {
    const resolved = run(linear, slow('2026-05-04T08:00'));
    const r = apply(resolved, ev.returned('2026-05-06T09:00'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.status).toBe('returned');
    expect(show(r.state.returned_at)).toBe('2026-05-06T09:00');
    expect(show(r.state.ended_at)).toBe('2026-05-04T08:00');
    expect(r.state.outcome).toBe('on_time');
    const rated = apply(r.state, ev.rated('2026-05-06T09:05', 5));
    expect(rated.ok && rated.state.rating?.score).toBe(5);
  });
});

describe('a procedure that branches and joins', () => {
  // Received Mon 27/4 08:00: 1440 = Mon 08:00–11:30 210 + 240 = 450, Tue → 930, Wed → 1410;
  // 30 left on Mon 4/5: 07:30 + 30 = 08:00. receive done 08:30 starts fire and land together:
  // fire 4h: 08:30–11:30 180, 60 from 13:30 = 14:30; land 1d: 180 + 240 = 420, Tue 07:30 + 60 = 08:30.
  const start = () => [ev.received('2026-04-27T08:00', branching), ev.done('receive', '2026-04-27T08:30')];

  it('starts both branches at once, each with its own due time', () => {
    const s = run(branching, start());
    expect(show(s.due)).toBe('2026-05-04T08:00');
    expect(s.steps.map((x) => [x.id, x.status, show(x.started_at), show(x.due)])).toEqual([
      ['receive', 'completed', '2026-04-27T08:00', '2026-04-27T09:00'],
      ['fire', 'running', '2026-04-27T08:30', '2026-04-27T14:30'],
      ['land', 'running', '2026-04-27T08:30', '2026-04-28T08:30'],
      ['approve', 'pending', null, null],
      ['return', 'pending', null, null],
    ]);
  });

  it('the join waits for both branches, whichever ends first', () => {
    const afterFire = run(branching, [...start(), ev.done('fire', '2026-04-27T14:00', 'ttb')]);
    expect(step(afterFire, 'approve').status).toBe('pending');
    const afterLand = run(branching, [...start(), ev.done('land', '2026-04-27T16:00', 'lvc')]);
    expect(step(afterLand, 'approve').status).toBe('pending');
    // land first, fire at Mon 16:30: approve from 16:30 + 120: 16:30–17:30 60, Tue 07:30 + 60 = 08:30.
    const joined = run(branching, [...start(), ev.done('land', '2026-04-27T16:00', 'lvc'), ev.done('fire', '2026-04-27T16:30', 'ttb')]);
    expect(step(joined, 'approve').status).toBe('running');
    expect(show(step(joined, 'approve').started_at)).toBe('2026-04-27T16:30');
    expect(show(step(joined, 'approve').due)).toBe('2026-04-28T08:30');
  });

  it('resolves when the last step completes', () => {
    const s = run(branching, [
      ...start(),
      ev.done('fire', '2026-04-27T14:00', 'ttb'),
      ev.done('land', '2026-04-28T09:00', 'lvc'), // approve: Tue 09:00 + 120 = 11:00
      ev.done('approve', '2026-04-28T10:30'), // return: 10:30 + 60 = 11:30
      ev.done('return', '2026-04-28T11:00'),
    ]);
    expect(show(step(s, 'approve').due)).toBe('2026-04-28T11:00');
    expect(show(step(s, 'return').due)).toBe('2026-04-28T11:30');
    expect(s.status).toBe('resolved');
    // Tue 28/4 before Mon 4/5.
    expect(s.outcome).toBe('early');
    const v = dossierView(s, t('2026-04-28T12:00'), cal);
    // land done Tue 09:00 > its due Tue 08:30.
    expect(v.steps.filter((x) => x.late).map((x) => x.id)).toEqual(['land']);
    expect(v.steps.map((x) => x.official)).toEqual(['tnv', 'ttb', 'lvc', 'tnv', 'tnv']);
  });
});

describe('waiting for a supplement', () => {
  // Received Mon 27/4 09:00 (due Mon 4/5 09:00); receive done 09:30, appraise due Tue 28/4 09:30;
  // the supplement is asked for Mon 27/4 14:00.
  const start = (p: ProcedureVersion) => [ev.received('2026-04-27T09:00', p), ev.done('receive', '2026-04-27T09:30'), ev.ask('2026-04-27T14:00')];

  it('pause: the dossier and its running step move by the working time waited', () => {
    // Back Tue 28/4 10:00: waited Mon 14:00–17:30 210 + Tue 07:30–10:00 150 = 360.
    const s = run(linear, [...start(linear), ev.back('2026-04-28T10:00')]);
    // Mon 4/5 09:00 + 360: 09:00–11:30 150, 210 from 13:30 = 17:00.
    expect(show(s.due)).toBe('2026-05-04T17:00');
    // appraise Tue 28/4 09:30 + 360: 09:30–11:30 120, 13:30–17:30 240: exactly 17:30.
    expect(show(step(s, 'appraise').due)).toBe('2026-04-28T17:30');
    expect(s.status).toBe('in_progress');
    expect(s.supplements).toBe(1);
    // A step that starts after the wait is not moved by it: appraise done Tue 17:00, approve
    // from 17:00 + 120: 17:00–17:30 30, Wed 07:30 + 90 = 09:00.
    const next = run(linear, [...start(linear), ev.back('2026-04-28T10:00'), ev.done('appraise', '2026-04-28T17:00', 'nva')]);
    expect(step(next, 'appraise').completed_at).not.toBeNull();
    expect(show(step(next, 'approve').due)).toBe('2026-04-29T09:00');
  });

  it('while waiting, the view shows the due times moved up to as-of and nothing overdue', () => {
    const s = run(linear, start(linear));
    expect(s.status).toBe('awaiting_supplement');
    // As of Tue 28/4 08:00: waited Mon 14:00–17:30 210 + Tue 07:30–08:00 30 = 240.
    const v = dossierView(s, t('2026-04-28T08:00'), cal);
    // Mon 4/5 09:00 + 240: 150 to 11:30, 90 from 13:30 = 15:00.
    expect(v.due).toBe(iso('2026-05-04T15:00'));
    // appraise Tue 28/4 09:30 + 240: 120 to 11:30, 120 from 13:30 = 15:30.
    expect(v.steps[1]!.due).toBe(iso('2026-04-28T15:30'));
    expect(v.overdue).toBe(false);
    expect(v.clock_stopped).toBe(true);
    // Left from Tue 08:00 to Mon 4/5 15:00: Tue 210 + 240 = 450, Wed 480 → 930, Mon 240 + 90 →
    // 1260; the same as when the clock stopped: Mon 14:00 → 210 + Tue 480 + Wed 480 + Mon 90 = 1260.
    expect(v.left_minutes).toBe(1260);
    // Used: Mon 09:00–14:00 = 150 + 30 = 180; 180 + 1260 = 1440, the limit.
    expect(v.used_minutes).toBe(180);
  });

  it('restart: the dossier and its running step run their whole time again from the resumption', () => {
    const s = run(restart, [...start(restart), ev.back('2026-04-29T10:00')]);
    // Wed 29/4 10:00 + 1440: Wed 90 + 240 = 330, Thu/Fri closed, Mon 4/5 → 810, Tue 5/5 → 1290,
    // Wed 6/5 07:30 + 150 = 10:00.
    expect(show(s.due)).toBe('2026-05-06T10:00');
    // appraise: Wed 29/4 10:00 + 480: 330 on Wed, Mon 4/5 07:30 + 150 = 10:00.
    expect(show(step(s, 'appraise').due)).toBe('2026-05-04T10:00');
  });

  it('restart after the receipt cut-off starts the next working morning', () => {
    const s = run(restart, [...start(restart), ev.back('2026-04-29T16:30')]);
    // Wed 16:30 > 16:00: the clock starts Mon 4/5 07:30 (Thu/Fri closed, weekend); 1440 = Mon,
    // Tue, Wed 6/5 all day: 17:30. appraise: Mon 4/5 07:30 + 480 = 17:30.
    expect(show(s.due)).toBe('2026-05-06T17:30');
    expect(show(step(s, 'appraise').due)).toBe('2026-05-04T17:30');
  });

  it('two supplement requests make it late even when it ended in time', () => {
    const s = run(linear, [
      ev.received('2026-04-27T09:00', linear),
      ev.done('receive', '2026-04-27T09:30'),
      ev.ask('2026-04-27T10:00'),
      ev.back('2026-04-27T10:30'), // 30
      ev.ask('2026-04-27T11:00'),
      ev.back('2026-04-27T11:15'), // 15
      ev.done('appraise', '2026-04-27T15:00', 'nva'),
      ev.done('approve', '2026-04-27T15:30', 'ldb'),
      ev.done('return', '2026-04-27T16:00'),
    ]);
    // 45 waited: Mon 4/5 09:00 + 45 = 09:45; appraise Tue 28/4 09:30 + 45 = 10:15.
    expect(show(s.due)).toBe('2026-05-04T09:45');
    expect(show(step(s, 'appraise').due)).toBe('2026-04-28T10:15');
    expect(s.supplements).toBe(2);
    // Ended Mon 27/4 16:00, days before the due: early by the clock, late by the second request.
    expect(s.outcome).toBe('late');
  });

  it('refused while waiting: the open wait counts until the end', () => {
    const s = run(linear, [...start(linear), ev.refused('2026-04-28T10:00')]);
    expect(s.status).toBe('refused');
    // Waited 360 (as above): Mon 4/5 17:00; ended Tue 28/4: early.
    expect(show(s.due)).toBe('2026-05-04T17:00');
    expect(s.outcome).toBe('early');
    expect(s.end_reason).toBe('Không đủ điều kiện');
  });
});

describe('events that do not fit are refused', () => {
  const received = () => run(linear, [ev.received('2026-04-27T09:00', linear), ev.done('receive', '2026-04-27T09:30')]);
  const resolved = () =>
    run(linear, [
      ev.received('2026-04-27T09:00', linear),
      ev.done('receive', '2026-04-27T09:30'),
      ev.done('appraise', '2026-04-28T09:00'),
      ev.done('approve', '2026-04-28T10:00'),
      ev.done('return', '2026-04-28T10:30'),
    ]);
  const joined = () => run(branching, [ev.received('2026-04-27T08:00', branching), ev.done('receive', '2026-04-27T08:30'), ev.done('fire', '2026-04-27T14:00')]);
  const waiting = () => run(linear, [ev.received('2026-04-27T09:00', linear), ev.done('receive', '2026-04-27T09:30'), ev.ask('2026-04-27T14:00')]);
  const refused = () => run(linear, [ev.received('2026-04-27T09:00', linear), ev.refused('2026-04-27T10:00')]);
  const inProgress = ['step-completed', 'supplement-requested', 'refused', 'withdrawn', 'stopped', 'apologized', 'rated'];

  it.each<[string, () => DossierState | undefined, DossierEvent, ProcedureVersion, string[], string[]]>([
    ['completing a pending step', joined, ev.done('approve', '2026-04-27T15:00'), branching, ['is in_progress (running: land)', 'step "approve" is pending, not running'], inProgress],
    ['completing a completed step', received, ev.done('receive', '2026-04-27T10:00'), linear, ['(running: appraise)', 'step "receive" is completed'], inProgress],
    ['a step the procedure lacks', received, ev.done('stamp', '2026-04-27T10:00'), linear, ['has no step "stamp"', 'receive, appraise, approve, return'], inProgress],
    ['an event before the previous one', received, ev.done('appraise', '2026-04-27T09:15'), linear, ['is before the previous event at 2026-04-27T09:30:00+07:00'], inProgress],
    ['a step after the end', resolved, ev.done('return', '2026-04-29T09:00'), linear, ['is resolved', 'cannot follow the end'], ['returned', 'rated']],
    ['a supplement request after the end', resolved, ev.ask('2026-04-29T09:00'), linear, ['is resolved'], ['returned', 'rated']],
    ['returned after a refusal', refused, ev.returned('2026-04-28T09:00'), linear, ['is refused'], ['rated']],
    ['returned before resolution', received, ev.returned('2026-04-27T10:00'), linear, ['is in_progress', 'only after the dossier is resolved'], inProgress],
    ['received twice', received, ev.received('2026-04-27T10:00', linear), linear, ['already received at 2026-04-27T09:00:00+07:00'], inProgress],
    ['a step before receipt', () => undefined, ev.done('receive', '2026-04-27T09:00'), linear, ['does not exist', 'needs a received dossier first'], ['received']],
    ['a step while waiting for a supplement', waiting, ev.done('appraise', '2026-04-27T15:00'), linear, ['is awaiting_supplement', 'clock is stopped'], ['supplement-received', 'refused', 'withdrawn', 'stopped', 'apologized', 'rated']],
    ['a resumption without a request', received, ev.back('2026-04-27T10:00'), linear, ['no supplement was requested'], inProgress],
    ['a score outside 1–5', received, ev.rated('2026-04-27T10:00', 6), linear, ['from 1 to 5'], inProgress],
    ['an event of another dossier', received, { ...ev.done('appraise', '2026-04-27T10:00'), dossier: 'X-260427-0002' }, linear, ['for dossier X-260427-0002'], inProgress],
    ['another procedure version', received, ev.done('appraise', '2026-04-27T10:00'), { ...linear, version: 2 }, ['runs procedure 1.000001 version 1, not 1.000001 version 2'], inProgress],
  ])('%s', (_name, before, event, procedure, phrases, allowed) => {
    const state = before();
    const r = applyEvent(state, event, { procedure, calendar: cal });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    if (state) expect(r.reason).toContain(`dossier ${CODE} is ${state.status}`);
    for (const p of phrases) expect(r.reason).toContain(p);
    expect(r.allowed).toEqual(allowed);
    expect(r.reason).toContain(`allowed: ${allowed.join(', ')}`);
  });

  it('returned and rated only once', () => {
    const r1 = apply(resolved(), ev.returned('2026-04-29T09:00'));
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    const r2 = apply(r1.state, ev.returned('2026-04-29T10:00'));
    expect(r2.ok === false && r2.reason).toContain('already returned at 2026-04-29T09:00:00+07:00');
    const rated = apply(r1.state, ev.rated('2026-04-29T10:00', 4));
    expect(rated.ok).toBe(true);
    if (!rated.ok) return;
    const again = apply(rated.state, ev.rated('2026-04-29T11:00', 1));
    expect(again.ok === false && again.reason).toContain('already rated');
    expect(again.ok === false && again.allowed).toEqual([]);
  });

  it('a procedure version a dossier cannot run: a cycle, or a step that can never start', () => {
    const cyclic: ProcedureVersion = { ...linear, steps: linear.steps.map((s) => (s.id === 'return' ? { ...s, next: ['approve'] } : s)) };
    const r = applyEvent(undefined, ev.received('2026-04-27T09:00', cyclic), { procedure: cyclic, calendar: cal });
    expect(r.ok === false && r.reason).toContain('can never start');
    const orphan: ProcedureVersion = { ...linear, steps: linear.steps.map((s) => (s.id === 'receive' ? { ...s, next: ['approve'] } : s)) };
    const o = applyEvent(undefined, ev.received('2026-04-27T09:00', orphan), { procedure: orphan, calendar: cal });
    expect(o.ok === false && o.reason).toContain('step "appraise" can never start');
  });

  it('an event that arrives malformed from JSON is refused, not thrown', () => {
    const bad = { ...ev.done('appraise', '2026-04-27T10:00'), at: new Date('nonsense') };
    const r = apply(received(), bad);
    expect(r.ok === false && r.reason).toContain('no valid time');
    const unknown = { ...ev.done('appraise', '2026-04-27T10:00'), type: 'approved' } as unknown as DossierEvent;
    expect(apply(received(), unknown).ok).toBe(false);
  });
});

describe('dossierView', () => {
  const s = run(linear, [ev.received('2026-04-27T09:00', linear), ev.done('receive', '2026-04-27T09:30', 'tnv')]);

  it('has the pinned shape of dossier show --format json', () => {
    const v = dossierView(s, t('2026-04-27T10:00'), cal);
    expect(v).toMatchObject({
      code: CODE,
      procedure: '1.000001',
      procedure_version: 1,
      status: 'in_progress',
      received_at: iso('2026-04-27T09:00'),
      due: iso('2026-05-04T09:00'),
      ended_at: null,
      outcome: null,
      overdue: false,
      supplements: 0,
    });
    expect(v.steps[1]).toMatchObject({
      id: 'appraise',
      status: 'running',
      unit: 'so-xd',
      official: 'nva', // the assignee while it runs
      started_at: iso('2026-04-27T09:30'),
      due: iso('2026-04-28T09:30'),
      completed_at: null,
      late: false,
    });
    expect(v.steps[0]!.official).toBe('tnv'); // by of its step-completed event
    expect(v.steps[2]).toMatchObject({ id: 'approve', status: 'pending', official: 'ldb', started_at: null, due: null, late: false });
    // Used Mon 09:00–10:00 = 60; left Mon 10:00 → Mon 4/5 09:00: 90 + 240 + 480 + 480 + 90 = 1380.
    expect(v.used_minutes).toBe(60);
    expect(v.left_minutes).toBe(1380);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it.each([
    // as-of equal to due: not yet overdue (as_of > due is required).
    ['2026-05-04T09:00', false, 0],
    // a minute later: overdue by 1 working minute.
    ['2026-05-04T09:01', true, -1],
  ])('as of %s overdue is %s', (asOf, overdue, left) => {
    const v = dossierView(s, t(asOf), cal);
    expect(v.overdue).toBe(overdue);
    expect(v.left_minutes).toBe(left);
    // appraise, due Tue 28/4 09:30, still running: late as of either.
    expect(v.steps[1]!.late).toBe(true);
    expect(v.outcome).toBeNull();
  });
});
