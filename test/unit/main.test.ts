// main() is the one place that turns outcomes into exit codes; tested in-process.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo, type Io } from '../../src/output/io.js';

/** An Io whose stdout breaks, as a bug in a command would. */
function brokenIo(): Io & { stderr: () => string } {
  const io = memoryIo({ cwd: process.cwd() });
  return { ...io, out: () => { throw new TypeError('cannot read properties of undefined'); } };
}

describe('main', () => {
  it('an internal error exits 70 with one line saying it is a bug, no stack', async () => {
    const io = brokenIo();
    const code = await main(['catalog', 'list', '--format', 'json'], io);
    expect(code).toBe(70);
    expect(io.stderr()).toBe('tthc: internal error: cannot read properties of undefined; this is a bug, please report it (run with --verbose for details)\n');
  });

  it('shows the stack with --verbose', async () => {
    const io = brokenIo();
    expect(await main(['catalog', 'list', '--format', 'json', '--verbose'], io)).toBe(70);
    const lines = io.stderr().trimEnd().split('\n');
    expect(lines[0]).toBe('tthc: internal error: cannot read properties of undefined; this is a bug, please report it');
    expect(lines[1]).toMatch(/^TypeError: cannot read properties of undefined/);
    expect(lines.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  it('returns 0 and writes what the command printed', async () => {
    const io = memoryIo({ cwd: process.cwd() });
    expect(await main(['catalog', 'list', '--format', 'json', '--level', 'commune'], io)).toBe(0);
    expect(JSON.parse(io.stdout()).procedures.length).toBeGreaterThanOrEqual(8);
  });
});
