// The fast path (js-yaml) and the careful path (yaml, with positions) must read the same data,
// or a finding's path would point at the wrong node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { listCatalogFiles, readCatalog } from '../../src/catalog/source.js';
import { repoRoot, tempCatalog } from '../helpers/cli.js';

function viaJsYaml(text: string): unknown[] {
  return jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA }).filter((v) => v !== null && v !== undefined);
}
function viaYaml(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((v) => v !== null && v !== undefined);
}

describe('js-yaml and yaml agree', () => {
  it('on every file of the example catalog and the valid fixtures', () => {
    const files = listCatalogFiles([join(repoRoot, 'procedures'), join(repoRoot, 'test/fixtures/valid-minimal')], repoRoot);
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(viaJsYaml(text), f).toEqual(viaYaml(text));
    }
  });

  it('on generated documents (property)', () => {
    // Values as a catalog holds them: mappings, lists, strings (Vietnamese, quotes, colons,
    // things that look like numbers, dates or booleans), integers, decimals, booleans, null.
    const scalar = fc.oneof(
      fc.string(),
      fc.constantFrom('1.009794', '2026-01-01', 'yes', 'no', 'on', 'null', '~', '0o17', '0x1F', '.inf', 'Tiếp nhận: "hồ sơ"', '# not a comment', '- a', '{a: b}'),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 6 }), fc.boolean(), (doc, flow) => {
        const text = stringify(doc, { collectionStyle: flow ? 'flow' : 'block' });
        expect(viaJsYaml(text)).toEqual(viaYaml(text));
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });
});

describe('reading files', () => {
  it('places an invalid UTF-8 byte exactly, after a valid U+FFFD and Vietnamese text', () => {
    // Line 2 holds a real U+FFFD (EF BF BD); line 3 "x: Ti" then the overlong C0 AF.
    const bytes = Buffer.concat([Buffer.from('kind: units\n# \uFFFD ok\nname: Tiếp'), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]);
    const dir = tempCatalog({ 'u.yaml': bytes });
    const r = readCatalog(listCatalogFiles([dir], dir), dir);
    // "name: Tiếp" is 10 characters, so the bad byte is the 11th character of line 3.
    expect(r.findings).toEqual([expect.objectContaining({ code: 'not-utf8', line: 3, column: 11 })]);
  });

  it.each([
    ['a surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['a code point beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0xe1, 0xba]],
    ['a lone continuation byte', [0x80]],
  ])('refuses %s', (_name, tail) => {
    const dir = tempCatalog({ 'u.yaml': Buffer.concat([Buffer.from('kind: units\n'), Buffer.from(tail)]) });
    const r = readCatalog(listCatalogFiles([dir], dir), dir);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'not-utf8', line: 2, column: 1 })]);
  });

  it('a BOM is dropped and does not shift columns', () => {
    const dir = tempCatalog({ 'u.yaml': '\uFEFFkind: units\nunits: 3\n' });
    const r = readCatalog(listCatalogFiles([dir], dir), dir);
    expect(r.findings).toEqual([]);
    expect(r.documents[0]!.data).toEqual({ kind: 'units', units: 3 });
  });
});

/** The findings of reading one file `u.yaml` holding `text`. */
function readOne(text: string) {
  const dir = tempCatalog({ 'u.yaml': text });
  return readCatalog(listCatalogFiles([dir], dir), dir);
}
const anchor = 'x: &x 1\n'; // an anchor sends a file down the careful path (`yaml`, with positions)

describe('control characters written as escapes', () => {
  it.each([
    ['"\\0" in a quoted value (fast path)', 'kind: units\nname: "a\\0b"\n', 2, 7, 'U+0000'],
    ['"\\e" in a list item', "kind: units\nl:\n  - 'single \\e is text'\n  - \"esc \\e[0m\"\n", 4, 5, 'U+001B'],
    ['"\\u0007" in a key', 'kind: units\n"x\\u0007y": 1\n', 2, 1, 'U+0007'],
    ['"\\x7F" on the careful path', `kind: units\n${anchor}b: "\\x7F"\n`, 3, 4, 'U+007F'],
  ])('refuses %s at the scalar', (_name, text, line, column, cp) => {
    const r = readOne(text);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'control-character', line, column, message: expect.stringContaining(cp) })]);
    expect(r.documents.every((d) => d.broken)).toBe(true);
  });

  it('lets tab, LF and CR escapes through, as the raw-text check does', () => {
    const r = readOne('kind: units\nname: "a\\tb\\r\\nc"\n');
    expect(r.findings).toEqual([]);
    expect(r.documents[0]!.data).toEqual({ kind: 'units', name: 'a\tb\r\nc' });
  });

  it('ends on an alias inside its own anchor (a cycle in the data)', () => {
    expect(readOne('kind: units\nx: &x [1, *x]\n').findings.map((f) => f.code)).not.toContain('control-character');
  });
});

describe('lists and mappings over 10,000 entries', () => {
  const list = (n: number) => `[${Array(n).fill('1').join(', ')}]`;

  it('takes 10,000 items', () => {
    expect(readOne(`kind: units\nl: ${list(10000)}\n`).findings).toEqual([]);
  });

  it('refuses 10,001 items at the list, without reading it with positions', () => {
    const r = readOne(`kind: units\nl: ${list(10001)}\n`);
    // "l: " is 3 characters: the list opens in column 4 of line 2.
    expect(r.findings).toEqual([expect.objectContaining({ code: 'yaml-too-large', line: 2, column: 4, message: 'a list of 10001 items; a list or mapping may have at most 10000 entries' })]);
    expect(r.documents[0]!.origin.located).toBeUndefined();
  });

  it('refuses a block mapping of 10,001 keys at its first key', () => {
    const keys = Array.from({ length: 10001 }, (_, i) => `  k${i}: 1`).join('\n');
    expect(readOne(`kind: units\nm:\n${keys}\n`).findings).toEqual([expect.objectContaining({ code: 'yaml-too-large', line: 3, column: 3, message: expect.stringMatching(/^a mapping of 10001 keys/) })]);
  });

  it('refuses 10,001 items on the careful path too, at the list', () => {
    expect(readOne(`kind: units\n${anchor}l: ${list(10001)}\n`).findings).toEqual([expect.objectContaining({ code: 'yaml-too-large', line: 3, column: 4 })]);
  });

  it('refuses a careful-path file of over 100,000 line ends and commas before reading it', () => {
    const r = readOne(`kind: units\n${anchor}l: [${Array(100001).fill('1').join(',')}]\n`);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'yaml-too-large', line: 1, column: 1, message: expect.stringMatching(/^the file has 100003 line ends and commas/) })]);
    expect(r.documents).toEqual([]);
  });
});

describe('duplicate keys on the careful path', () => {
  it('are found at the second key, in a flow mapping', () => {
    // "y: {a: 1, a: 2}": the second "a" is column 11.
    expect(readOne(`kind: units\n${anchor}y: {a: 1, a: 2}\n`).findings).toEqual([expect.objectContaining({ code: 'yaml-duplicate-key', line: 3, column: 11, message: 'YAML: Map keys must be unique' })]);
  });

  it('are found among 20,000 keys in linear time (pair by pair took 20 s)', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `  k${i}: 1`).join('\n');
    // Line 1 kind, 2 the anchor, 3 "m:", 4–20003 the keys, 20004 the second k5.
    const r = readOne(`kind: units\n${anchor}m:\n${keys}\n  k5: 2\n`);
    expect(r.findings.filter((f) => f.code === 'yaml-duplicate-key')).toEqual([expect.objectContaining({ line: 20004, column: 3 })]);
  });

  it('do not confuse 1 and "1" (equal values only, as yaml compares them)', () => {
    expect(readOne(`kind: units\n${anchor}m: {1: a, "1": b}\n`).findings.map((f) => f.code)).not.toContain('yaml-duplicate-key');
  });
});
