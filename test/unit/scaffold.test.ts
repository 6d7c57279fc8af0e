// The pure parts of `tthc catalog new`: durations as typed, step ids, the YAML text, and
// validating a text that stands for a file not written yet.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalizeDuration, procedureFolder, procedureYaml, schemaPathFor, stepId, typicalNextAction, type ProcedureDraft } from '../../src/catalog/scaffold.js';
import { validateCatalog } from '../../src/catalog/validate.js';
import { smallCatalog, tempCatalog } from '../helpers/cli.js';

describe('normalizeDuration', () => {
  it.each([
    ['4h', false, '4h'],
    ['4 h', false, '4h'],
    [' 10D ', false, '10d'],
    ['0,5d', false, '0.5d'],
    ['0h', false, '0h'],
    ['30cd', true, '30cd'],
    ['30 CD', true, '30cd'],
    // Calendar days are a time limit, never a step's budget.
    ['30cd', false, undefined],
    // Two numbers are not one: "4 3d" is not 43d.
    ['4 3d', false, undefined],
    ['-1d', false, undefined],
    ['d', false, undefined],
    ['2 days', true, undefined],
  ])('%j (calendar days %s) → %s', (typed, cd, expected) => {
    expect(normalizeDuration(typed, cd)).toBe(expected);
  });
});

describe('step ids and actions', () => {
  it.each([
    ['appraise', [], 'appraise'],
    ['appraise', ['receive', 'appraise'], 'appraise-2'],
    ['appraise', ['appraise', 'appraise-2'], 'appraise-3'],
  ] as const)('%s among %j → %s', (action, taken, expected) => {
    expect(stepId(action, taken)).toBe(expected);
  });

  it.each([
    [undefined, 'receive'],
    ['receive', 'appraise'],
    ['transfer', 'appraise'],
    ['appraise', 'approve'],
    ['approve', 'stamp'],
    ['stamp', 'return'],
    ['other', 'appraise'],
  ] as const)('after %s comes %s', (previous, expected) => {
    expect(typicalNextAction(previous)).toBe(expected);
  });
});

const draft: ProcedureDraft = {
  code: '1.000099',
  name: 'Cấp phép: sửa chữa # cải tạo',
  agency: 'so-xd',
  field: 'Xây dựng',
  mechanism: 'one-stop',
  calendar: 'vn',
  time_limit: '1d',
  effective_from: '2026-03-02',
  steps: [
    { id: 'receive', name: 'Tiếp nhận', action: 'receive', unit: 'ttpvhcc', duration: '4h' },
    { id: 'return', name: 'yes', action: 'return', unit: 'ttpvhcc', assignee: 'nva', duration: '4.5h' },
  ],
};

describe('procedureYaml', () => {
  it('reads back as the draft, whatever the names hold (colon, hash, a YAML 1.1 boolean)', () => {
    const text = procedureYaml(draft, { today: '2026-03-02', agencyName: 'Sở Xây dựng' });
    expect(parse(text)).toEqual({ kind: 'procedure', ...draft });
    // The code is always quoted, as "1.000099" unquoted would be a number.
    expect(text).toContain('code: "1.000099"\n');
    expect(text.startsWith('# Cấp phép: sửa chữa # cải tạo – Sở Xây dựng, một cửa.\n')).toBe(true);
    expect(text).toContain('time_limit: 1d  # 1 ngày làm việc\n');
  });

  it('starts with the schema modeline when given one', () => {
    const text = procedureYaml(draft, { today: '2026-03-02', schema: '../../schemas/procedure.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/procedure.schema.json');
  });
});

describe('validateCatalog with texts', () => {
  it('validates a text as the file it will be, against the rest of the catalog, without that file existing', () => {
    const dir = tempCatalog(smallCatalog);
    const target = join(dir, 'procedures', 'new.yaml');
    // 4h + 4.5h = 8.5h, over the 1d (8h) limit of the calendar vn; "nva" is a known official.
    const text = procedureYaml(draft, { today: '2026-03-02' });
    const r = validateCatalog({ paths: [target], context: [dir], cwd: dir, asOf: new Date('2026-03-02T02:00:00Z'), texts: new Map([[target, text]]) });
    expect(existsSync(target)).toBe(false);
    expect(r.files).toEqual(['procedures/new.yaml']);
    const line = text.split('\n').findIndex((l) => l.startsWith('time_limit:')) + 1;
    expect(r.findings.map((f) => `${f.file}:${f.line} ${f.code}`)).toEqual([`procedures/new.yaml:${line} budget-exceeds-limit`]);
  });
});

describe('where the new file goes, and its schema modeline', () => {
  it("uses the agency's folder, else one named after the agency; the modeline is re-pointed from a neighbour's", () => {
    const modeline = '# yaml-language-server: $schema=../schemas/procedure.schema.json\n';
    const dir = tempCatalog({ ...smallCatalog, 'procedures/1.000001.yaml': modeline + smallCatalog['procedures/1.000001.yaml']! });
    const { catalog } = validateCatalog({ paths: [dir], cwd: dir, asOf: new Date('2026-03-02T02:00:00Z') });
    // so-xd's procedure is in procedures/; ubnd has none.
    expect(procedureFolder(catalog.procedures, 'so-xd', dir, dir)).toBe(join(dir, 'procedures'));
    expect(procedureFolder(catalog.procedures, 'ubnd', dir, dir)).toBe(join(dir, 'ubnd'));
    // The neighbour's ../schemas/… from procedures/ is <dir>/schemas/…: the same from ubnd/.
    expect(schemaPathFor(catalog.procedures, join(dir, 'procedures'), dir)).toBe('../schemas/procedure.schema.json');
    expect(schemaPathFor(catalog.procedures, join(dir, 'ubnd', 'xa'), dir)).toBe('../../schemas/procedure.schema.json');
  });
});
