// Property-based fuzzing of the two parsers that read what users hand in: the catalog's YAML
// reader (validateSources) and the line parser of `dossier import` (parseEventLine). Random and
// mutated inputs must never make them throw: the YAML reader always returns findings with
// positions, the line parser an event or a problem message. A fixed seed and a few hundred runs
// in CI; TTHC_FUZZ_RUNS=100000 npx vitest run test/hostile for a long run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateSources } from '../../src/catalog/validate.js';
import { parseEventLine } from '../../src/db/import.js';

const runs = Number(process.env['TTHC_FUZZ_RUNS'] ?? 300);
const seed = Number(process.env['TTHC_FUZZ_SEED'] ?? 20260109);
const asOf = new Date('2026-01-09T03:00:00Z');
/** Long runs take as long as they need; CI's few hundred take a few seconds. */
const timeout = Math.max(60_000, runs * 50);

const validProcedure = `kind: procedure
code: "9.999001"
name: Thủ tục thử nghiệm
agency: so-xd
field: Xây dựng
mechanism: one-stop
time_limit: 1d
effective_from: 2025-07-01
fees: [{ name: Lệ phí, amount: 0 }]
steps:
  - { id: receive, name: Tiếp nhận, action: receive, unit: ttpvhcc, duration: 1h }
  - { id: return, name: Trả kết quả, action: return, unit: ttpvhcc, duration: 1h }
`;

const validEvent = JSON.stringify({
  id: 'e-1',
  dossier: '000.00.12.H06-260105-0001',
  type: 'received',
  at: '2026-01-05T09:00:00+07:00',
  by: null,
  procedure: '1.000001',
  applicant: { name: 'Nguyễn Văn A', phone: '0222 3822 000' },
  channel: 'counter',
});

/** Pieces that YAML and JSON readers treat specially. */
const tokens = ['&a ', '*a', '<<: ', '- ', '? ', ': ', '[', ']', '{', '}', ',', '"', "'", '!!str ', '!x ', '|', '>', '#', '---\n', '...\n', '\t', '\r', '\r\n', '\n', '\uFEFF', '\u0000', '\\u0000', '\\', '9007199254740993', '1e400', '-1', '2026-02-30', '24:00', '+14:00', 'null', '~', '.nan', 'true', '💥', 'e\u0301'];

/** Bytes: valid UTF-8 text, or any bytes at all (invalid and overlong sequences included). */
const anyBytes = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 400 }),
);

/** `base` with a few edits: a token inserted, a span deleted, or a byte replaced. */
function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom(...tokens)).map(([at, t]) => (s: string) => { const i = at % (s.length + 1); return s.slice(0, i) + t + s.slice(i); }),
    fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]) => (s: string) => { const i = at % (s.length + 1); return s.slice(0, i) + s.slice(i + n); }),
    fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(([at, c]) => (s: string) => { const i = at % (s.length + 1); return s.slice(0, i) + c + s.slice(i + 1); }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => edits.reduce((s, f) => f(s), base));
}

function checkYaml(bytes: Uint8Array): void {
  const r = validateSources({ sources: [{ file: 'fuzz.yaml', bytes }], asOf });
  expect(Array.isArray(r.findings)).toBe(true);
  for (const f of r.findings) {
    expect(f.file).toBe('fuzz.yaml');
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(typeof f.code).toBe('string');
    expect(typeof f.message).toBe('string');
  }
}

/** `text` as the import's line reader hands it over: split at line breaks, here the first line. */
function checkLine(text: string): void {
  const r = parseEventLine(text.split(/\r\n|\r|\n/)[0]!);
  if (typeof r === 'string') {
    expect(r.length).toBeGreaterThan(0);
    expect(r).not.toMatch(/\n/);
  } else {
    expect(typeof r.id).toBe('string');
    expect(r.at).toBeInstanceOf(Date);
    expect(Number.isNaN(r.at.getTime())).toBe(false);
  }
}

describe(`fuzz (${runs} runs each, seed ${seed})`, () => {
  it('the YAML reader returns findings for any bytes', () => {
    fc.assert(fc.property(anyBytes, (b) => checkYaml(b)), { seed, numRuns: runs });
  }, timeout);

  it('the YAML reader returns findings for any token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens, 'kind', 'procedure', 'steps', 'id', 'x'), { maxLength: 80 }), (parts) => checkYaml(new TextEncoder().encode(parts.join('')))), { seed, numRuns: runs });
  }, timeout);

  it('the YAML reader returns findings for a valid procedure after random edits', () => {
    // Unedited, it reads and passes the schema: what it lacks is the rest of a catalog (units, a calendar).
    const clean = validateSources({ sources: [{ file: 'fuzz.yaml', bytes: new TextEncoder().encode(validProcedure) }], asOf });
    expect(clean.catalog.procedures).toHaveLength(1);
    fc.assert(fc.property(mutated(validProcedure), (t) => checkYaml(new TextEncoder().encode(t))), { seed, numRuns: runs });
  }, timeout);

  it('the import line parser gives an event or a problem for any text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json(), fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((p) => p.join(''))), (t) => checkLine(t)), { seed, numRuns: runs });
  }, timeout);

  it('the import line parser gives an event or a problem for a valid event after random edits', () => {
    expect(typeof parseEventLine(validEvent)).toBe('object');
    fc.assert(fc.property(mutated(validEvent), (t) => checkLine(t)), { seed, numRuns: runs });
  }, timeout);

  it('the import line parser gives an event or a problem for events with random field values', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.constantFrom('2026-02-30T09:00:00+07:00', '2026-01-05T24:00:00+07:00', '2026-01-05T09:00:00+14:00', '+275760-09-13T00:00:00Z', "'; DROP TABLE events;--", '../../etc/passwd'));
    const field = fc.constantFrom('id', 'dossier', 'type', 'at', 'by', 'procedure', 'applicant', 'channel', 'step', 'score', 'reason', 'items', 'new_appointment', '__proto__');
    fc.assert(
      fc.property(fc.array(fc.tuple(field, value), { maxLength: 5 }), (edits) => {
        const e = JSON.parse(validEvent) as Record<string, unknown>;
        for (const [k, v] of edits) e[k] = v;
        checkLine(JSON.stringify(e));
      }),
      { seed, numRuns: runs },
    );
  }, timeout);
});
