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
