// The invalid corpus: test/fixtures/invalid/<case>/ is a self-contained catalog with exactly one
// mistake, and expected.json says which finding it must produce and where (positions worked out
// by hand from the fixture text). test/fixtures/valid-minimal/ is the catalog the cases were made
// from, and must validate with no finding at all.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/catalog/finding.js';
import { validateCatalog } from '../../src/catalog/validate.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '../fixtures');
const invalidDir = join(fixtures, 'invalid');
const validDir = join(fixtures, 'valid-minimal');
const binPath = resolve(here, '../../bin/tthc');
const builtMain = resolve(here, '../../dist/cli/main.js');
const asOf = new Date('2026-06-01T00:00:00Z');

interface Expected {
  code: string;
  /** Relative to the case folder. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  /** True for warnings: the case fails only under --strict. */
  strict: boolean;
  note: string;
}

/** Every code the corpus must exercise at least once (not-yet-effective is info: tested apart). */
const requiredCodes = [
  // reading and parsing
  'not-utf8',
  'control-character',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-tab-indent',
  'yaml-alias-limit',
  'empty-file',
  // documents
  'not-a-mapping',
  'missing-kind',
  'unknown-kind',
  // schema
  'missing-property',
  'unknown-property',
  'wrong-type',
  'invalid-value',
  'invalid-id',
  'invalid-date',
  'invalid-hours',
  'invalid-time-limit',
  'invalid-duration',
  'invalid-agency-code',
  'invalid-phone',
  'invalid-email',
  'invalid-length',
  'invalid-count',
  'out-of-range',
  'duplicate-item',
  // cross-references
  'unknown-timezone',
  'no-working-time',
  'invalid-holiday',
  'invalid-date-range',
  'holiday-conflict',
  'duplicate-unit',
  'duplicate-agency-code',
  'unknown-unit',
  'unit-cycle',
  'duplicate-official',
  'duplicate-calendar',
  'duplicate-code',
  'unknown-calendar',
  'no-calendar',
  'ambiguous-calendar',
  'duplicate-step',
  'outside-centre',
  'unknown-official',
  'unknown-step',
  'no-return-step',
  'multiple-return-steps',
  'step-cycle',
  'unreachable-step',
  'budget-exceeds-limit',
  'budget-underused',
];

const caseNames = readdirSync(invalidDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(join(invalidDir, name, 'expected.json'), 'utf8')) as Expected;
}

function validate(dir: string): Finding[] {
  return validateCatalog({ paths: [dir], cwd: dir, asOf }).findings;
}

// The built code (dist/, made by `npm test` before vitest runs) validates with the schemas
// precompiled at build time; src/ compiles them at run time. Both must find the same.
const built = (await import(new URL('../../dist/catalog/validate.js', import.meta.url).href)) as { validateCatalog: typeof validateCatalog };

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** The finding as compared: code, place and severity (the message is free text). */
function key(f: Pick<Finding, 'code' | 'file' | 'line' | 'column' | 'severity'>): string {
  return `${f.code} ${f.file}:${f.line}:${f.column} ${f.severity}`;
}

describe('valid-minimal catalog', () => {
  it('validates with zero findings', () => {
    expect(validate(validDir)).toEqual([]);
  });

  describe('not-yet-effective', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'tthc-not-yet-effective-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('is reported as info (never failing the run) when effective_from is after asOf', () => {
      cpSync(validDir, tmp, { recursive: true });
      const file = join(tmp, 'procedure.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('effective_from: 2025-07-01\n');
      writeFileSync(file, text.replace('effective_from: 2025-07-01\n', 'effective_from: 2026-09-01\n'));
      const findings = validate(tmp);
      // Line 9 is "effective_from: 2026-09-01"; the date starts in column 17.
      expect(findings.map(key)).toEqual(['not-yet-effective procedure.yaml:9:17 info']);
      expect(count(findings, 'error')).toBe(0);
      expect(count(findings, 'warning')).toBe(0);
    });
  });
});

describe('invalid corpus', () => {
  it('has at least 45 cases', () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(45);
  });

  it('covers every code', () => {
    const covered = new Set(caseNames.map((n) => expectedOf(n).code));
    expect(requiredCodes.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('has well-formed expectations that name a file of the case', () => {
    for (const name of caseNames) {
      const e = expectedOf(name);
      expect(typeof e.note === 'string' && e.note.length > 0, `${name}: note`).toBe(true);
      expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1, `${name}: position`).toBe(true);
      expect(e.strict, `${name}: strict goes with warning`).toBe(e.severity === 'warning');
      expect(existsSync(join(invalidDir, name, e.file)), `${name}: ${e.file} exists`).toBe(true);
      expect(e.code, `${name}: not-yet-effective does not belong here`).not.toBe('not-yet-effective');
    }
  });

  // One mistake should give one finding: a typo must not cascade into a page of errors. These
  // cases rightly give more (codes in order of position).
  const moreThanOne: Record<string, string[]> = {
    // A document without a kind declares nothing, so the calendar it holds is missing too.
    'missing-kind': ['missing-kind', 'no-calendar'],
    // The typo is both an unknown property and the absence of the real one.
    'multi-document-second-broken': ['missing-property', 'unknown-property'],
    'unknown-property-step-typo': ['missing-property', 'unknown-property'],
    // The second document cannot be read at all, so the officials it lists are unknown.
    'multi-document-second-syntax': ['yaml-syntax', 'unknown-official', 'unknown-official'],
    // Three steps outside the centre; both units of a loop of two.
    'outside-centre': ['outside-centre', 'outside-centre', 'outside-centre'],
    'unit-cycle': ['unit-cycle', 'unit-cycle'],
    // Steps after an unknown `next` are indeed never reached.
    'unknown-step': ['unknown-step', 'unreachable-step', 'unreachable-step'],
    // The yaml library reports the tab, then the mapping it breaks.
    'yaml-tab-indent': ['yaml-tab-indent', 'yaml-syntax'],
  };

  for (const name of caseNames) {
    const e = expectedOf(name);
    it(`${name}: ${key(e)}`, () => {
      const findings = validate(join(invalidDir, name));
      const dir = join(invalidDir, name);
      expect(built.validateCatalog({ paths: [dir], cwd: dir, asOf }).findings, 'precompiled validators').toEqual(findings);
      expect(findings.map(key)).toContain(key(e));
      expect(findings.map((f) => f.code)).toEqual(moreThanOne[name] ?? [e.code]);
      if (e.strict) {
        // A warning case fails only under --strict.
        expect(count(findings, 'error')).toBe(0);
        expect(count(findings, 'warning')).toBeGreaterThan(0);
      } else {
        expect(count(findings, 'error')).toBeGreaterThan(0);
      }
    });
  }
});

describe('tthc validate (built CLI) on the invalid corpus', () => {
  const cliCases = [
    'wrong-type-code-number',
    'not-utf8-latin1',
    'yaml-alias-bomb',
    'empty-file',
    'duplicate-code',
    'unknown-unit-agency',
    'budget-underused',
    'outside-centre',
  ];

  function run(caseDir: string, strict: boolean) {
    const r = spawnSync(process.execPath, [binPath, 'validate', caseDir, '--format', 'json', ...(strict ? ['--strict'] : [])], {
      cwd: caseDir,
      encoding: 'utf8',
    });
    return r;
  }

  it('has a built CLI (run "npm run build" first)', () => {
    expect(existsSync(builtMain)).toBe(true);
  });

  for (const name of cliCases) {
    it(`${name}: exits 1 and reports ${expectedOf(name).code}`, () => {
      const e = expectedOf(name);
      const caseDir = join(invalidDir, name);
      const r = run(caseDir, e.strict);
      expect(r.error).toBeUndefined();
      expect(r.status, r.stderr).toBe(1);
      const report = JSON.parse(r.stdout) as { findings: Finding[]; errors: number; warnings: number };
      expect(report.findings.map(key)).toContain(key(e));
      if (e.strict) expect(report.warnings).toBeGreaterThan(0);
      else expect(report.errors).toBeGreaterThan(0);
    });
  }

  it('a warning-only case exits 0 without --strict', () => {
    const r = run(join(invalidDir, 'budget-underused'), false);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { errors: number; warnings: number };
    expect(report.errors).toBe(0);
    expect(report.warnings).toBeGreaterThan(0);
  });

  it('the valid-minimal catalog exits 0', () => {
    const r = run(validDir, true);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: Finding[] }).findings).toEqual([]);
  });
});
