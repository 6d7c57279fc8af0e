import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';

// One valid catalog, and a copy with one error (unknown unit on line 14) and one warning.
const good = tempCatalog(smallCatalog);
const brokenProcedure = smallCatalog['procedures/1.000001.yaml']!.replace('unit: so-xd, assignee: nva', 'unit: so-xd2, assignee: nva');
const warnProcedure = smallCatalog['procedures/2.000002.yaml']!.replace('name: Ký chứng thực, action: approve, unit: ttpvhcc', 'name: Ký chứng thực, action: approve, unit: so-xd');
const bad = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': brokenProcedure, 'procedures/2.000002.yaml': warnProcedure });
const asOf = ['--as-of', '2026-06-01'];

describe('tthc validate exit codes', () => {
  it('exits 0 on a valid catalog with a summary', () => {
    const r = tthc(['validate', '.', '--lang', 'en', ...asOf], { cwd: good });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('No problems in 4 files');
    expect(r.status).toBe(0);
  });

  it('defaults to the catalog folder ./procedures, with Vietnamese labels', () => {
    // Here ./procedures holds only the 2 procedure files; the units and calendar sit beside it,
    // outside the catalog folder, so every unit reference is unknown and no calendar exists.
    const r = tthc(['validate', ...asOf], { cwd: good });
    expect(r.status).toBe(1);
    // 1.000001: no-calendar + agency + 4 step units + the assignee nva = 7;
    // 2.000002: no-calendar + agency + 3 step units = 5; 7 + 5 = 12.
    expect(r.stdout).toContain('12 lỗi, 0 cảnh báo trong 2/2 tệp');
  });

  it('exits 1 on errors, names file:line:column, and counts', () => {
    const r = tthc(['validate', '.', '--lang', 'en', ...asOf], { cwd: bad });
    expect(r.status).toBe(1);
    // Line 14 of 1.000001.yaml is the appraise step; "so-xd2" starts at column 62, after
    // "  - " (4) + "{ " (2) + "id: appraise, " (14) + "name: Thẩm định, " (17)
    // + "action: appraise, " (18) + "unit: " (6) = 61 characters.
    expect(r.stdout).toContain('procedures/1.000001.yaml\n  14:62');
    expect(r.stdout).toContain('step "appraise" runs in unit "so-xd2", which no units file defines; did you mean "so-xd"?');
    expect(r.stdout).toContain('1 error, 1 warning in 2 of 4 files');
  });

  it('a warning fails only under --strict', () => {
    const cat = tempCatalog({ ...smallCatalog, 'procedures/2.000002.yaml': warnProcedure });
    expect(tthc(['validate', '.', ...asOf], { cwd: cat }).status).toBe(0);
    expect(tthc(['validate', '.', '--strict', ...asOf], { cwd: cat }).status).toBe(1);
  });

  it('checks one file against the rest of its catalog', () => {
    const cat = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': brokenProcedure });
    // The units come from the catalog folder given by --catalog (the default ./procedures holds
    // only procedures here), so point it at the root.
    const r2 = tthc(['validate', 'procedures/1.000001.yaml', '--catalog', '.', '--format', 'json', ...asOf], { cwd: cat });
    expect(r2.status).toBe(1);
    const j = JSON.parse(r2.stdout);
    expect(j.files).toBe(1);
    expect(j.findings.map((f: { code: string }) => f.code)).toEqual(['unknown-unit']);
  });

  it.each([
    [['validate', 'nope'], /^tthc: cannot read nope: no such file or directory\n$/],
    [['validate', '--bogus'], /^tthc: unknown option '--bogus'/],
    [['validate', '--format', 'xml'], /^tthc: --format xml is not available for "tthc validate"/],
    [['validate', '--as-of', '2026-02-30'], /^tthc: --as-of "2026-02-30" is not a date/],
    [['validate', '--lang', 'fr'], /^tthc: option '--lang <lang>' argument 'fr' is invalid/],
    [['frobnicate'], /^tthc: unknown command 'frobnicate'/],
  ])('usage errors exit 2 with one line: %j', (args, pattern) => {
    const r = tthc(args, { cwd: good });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('help and version exit 0', () => {
    expect(tthc(['--help']).status).toBe(0);
    expect(tthc(['validate', '--help']).stdout).toContain('--strict');
    const v = tthc(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });
});

describe('tthc validate formats', () => {
  it('json has the pinned shape and only JSON on stdout', () => {
    const r = tthc(['validate', '.', '--format', 'json', '--lang', 'en', ...asOf], { cwd: bad });
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ files: 4, errors: 1, warnings: 1 });
    expect(j.findings[0]).toEqual({
      file: 'procedures/1.000001.yaml',
      line: 14,
      column: 62,
      severity: 'error',
      code: 'unknown-unit',
      message: 'step "appraise" runs in unit "so-xd2", which no units file defines; did you mean "so-xd"?',
    });
    // The summary goes to stderr.
    expect(r.stderr).toBe('1 error, 1 warning in 2 of 4 files\n');
  });

  it('github prints workflow annotations', () => {
    const r = tthc(['validate', '.', '--format', 'github', '--quiet', ...asOf], { cwd: bad });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '::error file=procedures/1.000001.yaml,line=14,col=62,title=unknown-unit::step "appraise" runs in unit "so-xd2", which no units file defines; did you mean "so-xd"?',
    );
    expect(lines[1]).toMatch(/^::warning file=procedures\/2\.000002\.yaml,line=\d+,col=\d+,title=outside-centre::/);
    expect(r.stderr).toBe('');
  });

  it('junit is well-formed XML with one testcase per file', () => {
    const r = tthc(['validate', '.', '--format', 'junit', ...asOf], { cwd: bad });
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testcase' }).parse(r.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite['@_tests']).toBe('4');
    expect(suite['@_failures']).toBe('1');
    const cases = suite.testcase as { '@_name': string; failure?: unknown }[];
    expect(cases.map((c) => c['@_name'])).toEqual(['calendar.yaml', 'procedures/1.000001.yaml', 'procedures/2.000002.yaml', 'units.yaml']);
    expect(cases.filter((c) => c.failure !== undefined).map((c) => c['@_name'])).toEqual(['procedures/1.000001.yaml']);
  });

  it('junit counts warnings as failures under --strict', () => {
    const r = tthc(['validate', '.', '--format', 'junit', '--strict', ...asOf], { cwd: bad });
    const doc = new XMLParser({ ignoreAttributes: false }).parse(r.stdout);
    expect(doc.testsuites.testsuite['@_failures']).toBe('2');
  });

  it('sarif is valid SARIF 2.1.0', () => {
    const r = tthc(['validate', '.', '--format', 'sarif', ...asOf], { cwd: bad });
    const log = JSON.parse(r.stdout);
    const require = createRequire(import.meta.url);
    const schemaPath = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    // Both packages are CommonJS: under NodeNext their default export is the module object.
    type Ajv04 = typeof ajvDraft04.default;
    const Ajv04Class = ((ajvDraft04 as unknown as { default?: Ajv04 }).default ?? ajvDraft04) as Ajv04;
    const ajv = new Ajv04Class({ allErrors: true, strict: false, unicodeRegExp: false });
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: InstanceType<Ajv04>) => void;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(2);
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'unknown-unit',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'procedures/1.000001.yaml' }, region: { startLine: 14, startColumn: 62 } } }],
    });
  });

  it('colours only when asked', () => {
    const plain = tthc(['validate', '.', ...asOf], { cwd: bad });
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = tthc(['validate', '.', ...asOf], { cwd: bad, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[31m/);
    const off = tthc(['validate', '.', '--no-color', ...asOf], { cwd: bad, env: { FORCE_COLOR: '1' } });
    expect(off.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('tthc validate refuses to pass on nothing', () => {
  it('an empty folder exits 2', () => {
    const empty = tempCatalog({ 'README.txt': 'not yaml' });
    const r = tthc(['validate', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tthc: no catalog files (*.yaml, *.yml) in ${empty}\n`);
  });
});
