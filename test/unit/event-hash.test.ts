// The import's fast paths against the general definitions they stand in for: `chainHash` (the
// canonical text written out directly) must equal `eventHash` (canonicalJson of the parsed row)
// for every row `eventRow` makes, `isoInstant` must equal `Date#toISOString`, `jsonString` must
// equal JSON.stringify and `canonicalJson` JSON.stringify with sorted keys. Property-based
// (fast-check, fixed seed), over arbitrary strings, nested payloads and instants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonString } from '../../src/db/canonical.js';
import { chainHash, eventHash, eventRow, isoInstant } from '../../src/db/event-store.js';
import type { DossierEvent } from '../../src/dossier/events.js';

const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
const json = fc.jsonValue({ maxDepth: 3 });
/** Any UTF-16 text: control characters, quotes, backslashes, lone and paired surrogates. */
const anyText = fc.string({ unit: 'binary' });
const text = fc.oneof(fc.string(), anyText, fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'a', 'é') }));

describe('chainHash', () => {
  it('equals eventHash for the rows eventRow makes', () => {
    fc.assert(
      fc.property(
        fc.record({ id: text, dossier: text, at: instant, by: fc.option(text, { nil: null }), seq: fc.nat(), prev: fc.string({ minLength: 64, maxLength: 64 }) }),
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
    // Whole seconds and whole minutes, which the import meets nearly always.
    fc.assert(
      fc.property(instant, fc.constantFrom(1000, 60_000), (d, unit) => {
        const whole = new Date(Math.floor(d.getTime() / unit) * unit);
        expect(isoInstant(whole)).toBe(whole.toISOString());
      }),
      { seed: 6, numRuns: 20_000 },
    );
    // Edges by hand: the epoch, a leap day, the last millisecond of a year, and year 9999.
    for (const s of ['1970-01-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2025-12-31T23:59:59.999Z', '2000-03-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z']) {
      expect(isoInstant(new Date(s))).toBe(s);
    }
  });
});

describe('jsonString', () => {
  it('equals JSON.stringify', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
      }),
      { seed: 6, numRuns: 20_000 },
    );
  });
});

/** The definition canonicalJson stands for: JSON.stringify with every object's keys sorted. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

describe('canonicalJson', () => {
  it('equals JSON.stringify with sorted keys', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }), (v) => {
        expect(canonicalJson(v)).toBe(sortedJson(v));
      }),
      { seed: 6, numRuns: 5_000 },
    );
    // By hand: keys in UTF-16 order at every level, undefined members dropped.
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: undefined }, B: true })).toBe('{"B":true,"a":{"d":[2,{"e":"x","f":null}]},"b":1}');
  });
});
