import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const launch = fileURLToPath(new URL('../../dist/launch.js', import.meta.url));

/** Runs a snippet in a fresh node that loads the program the way bin/tthc does. */
function probe(body: string): string {
  const script = `import { loadProgram } from ${JSON.stringify(launch)};\n${body}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

describe('start-up', () => {
  it('runs from the one-file bundle with the code cache the build saved, and V8 accepts it', () => {
    const out = probe("const p = await loadProgram(); console.log(JSON.stringify([p.bundled, p.cacheAccepted, await p.main(['--version'], { out: (t) => process.stdout.write(t), err: () => {}, stdoutIsTTY: false, stdinIsTTY: false, env: {}, cwd: '.' })]));");
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(lines[1]!)).toEqual([true, true, 0]);
  });

  it('falls back to the modules of dist/ when there is no bundle', () => {
    const out = probe("const p = await loadProgram('/nonexistent/tthc.cjs'); console.log(JSON.stringify([p.bundled, p.cacheAccepted, typeof p.main]));");
    expect(JSON.parse(out)).toEqual([false, false, 'function']);
  });
});
