// Inputs built to hurt a YAML reader end in one clear finding, within bounded time and memory.
import { openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempCatalog, tthc } from '../helpers/cli.js';

function findings(dir: string) {
  const r = tthc(['validate', '.', '--format', 'json'], { cwd: dir });
  return { status: r.status, stderr: r.stderr, json: JSON.parse(r.stdout) as { findings: { code: string; line: number; column: number }[] } };
}

describe('hostile catalog files', () => {
  it('a 50 MB file is refused without being read', () => {
    const dir = tempCatalog({});
    const fd = openSync(join(dir, 'huge.yaml'), 'w');
    const chunk = Buffer.from(`kind: procedure\nname: "${'x'.repeat(1024 * 1024)}"\n`);
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = findings(dir);
    expect(r.status).toBe(1);
    expect(r.json.findings).toEqual([expect.objectContaining({ code: 'file-too-large', line: 1, column: 1 })]);
  });

  it('a billion-laughs alias bomb is stopped', () => {
    let text = 'kind: procedure\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (let i = 0; i < 9; i++) {
      const n = `b${i}`;
      text += `${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    const r = findings(tempCatalog({ 'bomb.yaml': text }));
    expect(r.status).toBe(1);
    expect(r.json.findings.map((f) => f.code)).toEqual(['yaml-alias-limit']);
  });

  it('10,000 aliases of one anchor are refused', () => {
    const text = `kind: procedure\nx: &x a\nlist: [${Array(10000).fill('*x').join(', ')}]\n`;
    const r = findings(tempCatalog({ 'aliases.yaml': text }));
    expect(r.status).toBe(1);
    expect(r.json.findings.map((f) => f.code)).toEqual(['yaml-alias-limit']);
  });

  it.each([
    ['flow', `kind: procedure\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
    // Block sequences nest on one line ("- - - 1"); indented block nesting this deep would be
    // over 50 MB and is refused as too large before parsing.
    ['block', `kind: procedure\nx:\n  ${'- '.repeat(10000)}1\n`],
    ['mapping', `kind: procedure\nx: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`],
  ])('%s nesting 10,000 deep is a finding, not a crash', (_name, text) => {
    const r = findings(tempCatalog({ 'deep.yaml': text }));
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/RangeError|at .*\.js/);
    expect(r.json.findings.map((f) => f.code)).toContain('yaml-too-deep');
  });
});
