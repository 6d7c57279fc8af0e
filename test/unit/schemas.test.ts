// The schemas are for editors as much as for tthc: every property documented, nothing unknown allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventProblem } from '../../src/catalog/schema.js';

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

  it('dates from 1901 to 9999', () => {
    const date = new RegExp(procedure.$defs.date.pattern as string);
    for (const ok of ['1901-01-01', '1999-12-31', '2026-01-01', '9999-12-31']) expect(date.test(ok), ok).toBe(true);
    for (const bad of ['0000-01-01', '0001-01-01', '1000-01-01', '1900-12-31', '19010-01-01']) expect(date.test(bad), bad).toBe(false);
  });
});

describe('event instants from 1901 to 9999', () => {
  const received = { id: 'e-1', dossier: '000.00.44.H06-260108-0001', type: 'received', at: '2026-01-08T09:00:00+07:00', by: null, procedure: '1.000656', applicant: { name: 'Lê Văn C' }, channel: 'counter' };
  const apologized = { id: 'e-2', dossier: '000.00.44.H06-260108-0001', type: 'apologized', at: '2026-01-08T09:00:00+07:00', by: null, reason: 'r', new_appointment: '2026-01-20T09:00:00+07:00' };
  it.each([
    [received, undefined],
    [{ ...received, at: '1901-01-01T00:00:00+07:00' }, undefined],
    [{ ...received, at: '9999-12-31T23:59:59Z' }, undefined],
    [{ ...received, at: '0001-01-01T00:00:00Z' }, '"at" is in the year 1; instants must be from 1901 to 9999'],
    [{ ...received, at: '1900-12-31T23:00:00+07:00' }, '"at" is in the year 1900; instants must be from 1901 to 9999'],
    [apologized, undefined],
    [{ ...apologized, new_appointment: '0001-01-01T00:00:00Z' }, '"new_appointment" is in the year 1; instants must be from 1901 to 9999'],
  ])('%j → %s', (event, problem) => {
    expect(eventProblem(event)).toBe(problem);
  });
});
