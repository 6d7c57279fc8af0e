// The import's fast paths against the general definitions they stand in for: `chainHash` (the
// canonical text written out directly) must equal `eventHash` (canonicalJson of the parsed row)
// for every row `eventRow` makes, and `isoInstant` must equal `Date#toISOString`. Property-based
// (fast-check, fixed seed), over arbitrary strings, nested payloads and instants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, eventHash, eventRow, isoInstant } from '../../src/db/event-store.js';
import type { DossierEvent } from '../../src/dossier/events.js';

const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
const json = fc.jsonValue({ maxDepth: 3 });

describe('chainHash', () => {
  it('equals eventHash for the rows eventRow makes', () => {
    fc.assert(
      fc.property(
        fc.record({ id: fc.string(), dossier: fc.string(), at: instant, by: fc.option(fc.string(), { nil: null }), seq: fc.nat(), prev: fc.string({ minLength: 64, maxLength: 64 }) }),
        fc.dictionary(fc.string().filter((k) => !['id', 'dossier', 'type', 'at', 'by'].includes(k)), json, { maxKeys: 5 }),
        ({ id, dossier, at, by, seq, prev }, extra) => {
          const event = { ...extra, id, dossier, type: 'step-completed', at, by } as unknown as DossierEvent;
          const row = { ...eventRow(event), prev_hash: prev };
          expect(chainHash(seq, row)).toBe(eventHash(seq, row));
        },
      ),
      { seed: 6, numRuns: 2000 },
    );
  });

  it('changes when any part of the event or the chain changes', () => {
    const event = { id: 'e1', dossier: 'D', type: 'step-completed', at: new Date('2026-02-02T02:00:00Z'), by: 'nva', step: 'appraise' } as DossierEvent;
    const row = { ...eventRow(event), prev_hash: '0'.repeat(64) };
    const base = chainHash(1, row);
    expect(chainHash(2, row)).not.toBe(base);
    expect(chainHash(1, { ...row, prev_hash: '1'.repeat(64) })).not.toBe(base);
    expect(chainHash(1, { ...row, payload: '{"step":"approve"}' })).not.toBe(base);
    expect(chainHash(1, { ...row, by: null })).not.toBe(base);
  });
});

describe('isoInstant', () => {
  it('equals Date#toISOString', () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(isoInstant(d)).toBe(d.toISOString());
      }),
      { seed: 6, numRuns: 20_000 },
    );
    // Edges by hand: the epoch, a leap day, the last millisecond of a year, and year 9999.
    for (const s of ['1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2025-12-31T23:59:59.999Z', '2000-03-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z']) {
      expect(isoInstant(new Date(s))).toBe(s);
    }
  });
});
