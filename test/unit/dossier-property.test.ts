// Properties of the dossier state machine over random event sequences on a procedure that
// branches and joins: applyEvent never throws, never mutates its input, accepts every event
// that `allowedEvents` offers (with a running step and a later time), and a resolved dossier
// has every step completed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCalendar } from '../helpers/calendar.js';
import type { DossierEvent } from '../../src/dossier/events.js';
import type { ProcedureVersion } from '../../src/dossier/procedure.js';
import { allowedEvents, applyEvent, isEnded, type DossierState } from '../../src/dossier/state.js';
import { dossierView } from '../../src/dossier/view.js';

const cal = testCalendar;
const branching = (mode: 'pause' | 'restart'): ProcedureVersion => ({
  code: '2.000002',
  version: 1,
  time_limit: '3d',
  on_supplement: mode,
  steps: [
    { id: 'receive', name: 'Tiếp nhận', action: 'receive', unit: 'ttpvhcc', duration: '1h', next: ['fire', 'land', 'tax'] },
    { id: 'fire', name: 'PCCC', action: 'appraise', unit: 'pccc', duration: '4h', next: ['approve'] },
    { id: 'land', name: 'Đất đai', action: 'appraise', unit: 'so-tnmt', duration: '1d', next: ['approve'] },
    { id: 'tax', name: 'Thuế', action: 'other', unit: 'thue', duration: '0h', next: ['return'] },
    { id: 'approve', name: 'Phê duyệt', action: 'approve', unit: 'ubnd', duration: '2h' },
    { id: 'return', name: 'Trả kết quả', action: 'return', unit: 'ttpvhcc', duration: '0.5h' },
  ],
});
const CODE = '000.00.12.H06-260427-0001';
const minute = 60_000;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const op = fc.record({
  pick: fc.nat(),
  step: fc.nat(),
  gap: fc.integer({ min: 0, max: 3 * 1440 }),
  // Some events are deliberately wrong: any step id (or an unknown one), any type, a time earlier
  // than the previous event, a score out of range.
  junk: fc.nat({ max: 9 }),
});

function makeEvent(state: DossierState | undefined, o: { pick: number; step: number; gap: number; junk: number }, at: Date, n: number, procedure: ProcedureVersion): { event: DossierEvent; valid: boolean } {
  const junk = o.junk === 0;
  const types = junk ? (['received', 'step-completed', 'supplement-requested', 'supplement-received', 'refused', 'withdrawn', 'stopped', 'apologized', 'returned', 'rated'] as const) : allowedEvents(state);
  const base = { id: `e${n}`, dossier: CODE, at: junk && o.pick % 3 === 0 ? new Date(at.getTime() - 90 * minute) : at, by: o.pick % 2 === 0 ? 'nva' : null };
  // Mostly progress (a step, a resumption), so that sequences often reach the end by resolution.
  const r = o.pick % 20;
  const prefer = types.find((t) => (r < 14 && t === 'step-completed') || (r < 16 && t === 'supplement-received'));
  const type = prefer ?? types[Math.floor(o.pick / 20) % types.length];
  const running = state ? state.steps.filter((s) => s.status === 'running').map((s) => s.id) : [];
  const anyStep = [...procedure.steps.map((s) => s.id), 'unknown'];
  switch (type) {
    case undefined:
      // Nothing is allowed (an ended, rated dossier): try a rating again.
      return { event: { ...base, type: 'rated', score: 3 }, valid: false };
    case 'received':
      return { event: { ...base, type, procedure: procedure.code, applicant: { name: 'B' }, channel: 'online' }, valid: !junk };
    case 'step-completed': {
      const from = junk || running.length === 0 ? anyStep : running;
      return { event: { ...base, type, step: from[o.step % from.length]! }, valid: !junk };
    }
    case 'supplement-requested':
      return { event: { ...base, type, reason: 'thiếu', items: ['a'] }, valid: !junk };
    case 'apologized':
      return { event: { ...base, type, reason: 'chậm', new_appointment: new Date(at.getTime() + 1440 * minute) }, valid: !junk };
    case 'rated':
      return { event: { ...base, type, score: junk ? o.step % 8 : 1 + (o.step % 5) }, valid: !junk };
    case 'refused':
    case 'stopped':
      return { event: { ...base, type, reason: 'r' }, valid: !junk };
    default:
      return { event: { ...base, type }, valid: !junk };
  }
}

describe('applyEvent on random event sequences', () => {
  it.each(['pause', 'restart'] as const)('never throws, never mutates, and resolves only with every step completed (%s)', (mode) => {
    const procedure = branching(mode);
    const ctx = { procedure, calendar: cal };
    // How often each status was reached, so that the property is known to reach the end.
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 20 }), fc.array(op, { maxLength: 40 }), (offset, ops) => {
        let at = new Date(Date.parse('2026-04-20T00:00:00+07:00') + offset * minute);
        let state: DossierState | undefined;
        let n = 0;
        for (const o of ops) {
          at = new Date(at.getTime() + o.gap * minute);
          const { event, valid } = makeEvent(state, o, at, ++n, procedure);
          const before = structuredClone(state);
          const r = applyEvent(deepFreeze(state), event, ctx);
          expect(state).toEqual(before);
          if (valid) expect(r).toMatchObject({ ok: true });
          if (!r.ok) {
            expect(r.reason).toContain(`dossier ${CODE}`);
            expect(r.allowed).toEqual(allowedEvents(state));
            continue;
          }
          state = r.state;
          seen.set(state.status, (seen.get(state.status) ?? 0) + 1);
          // Invariants of every state.
          const running = state.steps.filter((s) => s.status === 'running');
          for (const s of state.steps) {
            expect(s.status === 'pending').toBe(s.started_at === null);
            expect(s.status === 'completed').toBe(s.completed_at !== null);
            if (s.started_at && s.due) expect(s.due.getTime()).toBeGreaterThanOrEqual(s.started_at.getTime());
          }
          if (state.status === 'resolved' || state.status === 'returned') {
            expect(state.steps.every((s) => s.status === 'completed')).toBe(true);
            expect(state.outcome).not.toBeNull();
          }
          if (state.status === 'in_progress' || state.status === 'awaiting_supplement') expect(running.length).toBeGreaterThan(0);
          expect(isEnded(state)).toBe(state.ended_at !== null);
          if (state.supplements > 1 && state.outcome !== null) expect(state.outcome).toBe('late');
          const v = dossierView(state, new Date(at.getTime() + (o.step % (30 * 1440)) * minute), cal);
          expect(v.steps).toHaveLength(procedure.steps.length);
          if (v.clock_stopped && state.on_supplement === 'restart') expect(v.overdue).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    for (const status of ['in_progress', 'awaiting_supplement', 'resolved', 'returned', 'refused']) expect(seen.get(status) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(0);
  });
});
