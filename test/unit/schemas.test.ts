// The schemas are for editors as much as for tthc: every property documented, nothing unknown allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../schemas/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));

type Schema = Record<string, unknown>;

/** Every sub-schema with the JSON pointer to it. */
function walk(s: unknown, path: string, out: [string, Schema][]): void {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return;
  out.push([path, s as Schema]);
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'properties' || k === '$defs') {
      for (const [name, sub] of Object.entries(v as Schema)) walk(sub, `${path}/${k}/${name}`, out);
    } else if (k === 'items') walk(v, `${path}/items`, out);
  }
}

describe.each(files)('%s', (file) => {
  const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Schema;
  const all: [string, Schema][] = [];
  walk(schema, '#', all);

  it('is JSON Schema 2020-12 with an $id, a title and a description', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toMatch(/^urn:tthc:schema:/);
    expect(schema['title']).toBeTruthy();
    expect(schema['description']).toBeTruthy();
  });

  it('has a title and a description on every property', () => {
    const props = all.filter(([p]) => /\/properties\/[^/]+$/.test(p));
    expect(props.length).toBeGreaterThan(5);
    for (const [p, s] of props) {
      expect(s['title'], `${file} ${p}`).toBeTruthy();
      expect(s['description'], `${file} ${p}`).toBeTruthy();
    }
  });

  it('refuses unknown properties on every object', () => {
    for (const [p, s] of all) {
      if (s['type'] === 'object') expect(s['additionalProperties'], `${file} ${p}`).toBe(false);
    }
  });
});

describe('patterns pinned by the issue', () => {
  const procedure = JSON.parse(readFileSync(new URL('procedure.schema.json', dir), 'utf8'));
  const units = JSON.parse(readFileSync(new URL('units.schema.json', dir), 'utf8'));
  it('durations and agency codes', () => {
    expect(procedure.$defs.limit.pattern).toBe('^\\d+(\\.\\d+)?(d|h|cd)$');
    expect(units.$defs.agencyCode.pattern).toBe('^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$');
  });
});
