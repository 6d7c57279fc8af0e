// The entry point: runs the program and turns every outcome into an exit code. The only catch.
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { ExitCode, TthcError } from '../errors.js';
import { packageFile } from '../package-files.js';
import { processIo, type Io } from '../output/io.js';
import type { Prompter } from './prompts.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Runs tthc with the arguments after the program name; returns the exit code. Never throws.
 * Tests may pass their own Io and Prompter.
 */
export async function main(argv: readonly string[], io: Io = processIo(), prompter?: Prompter): Promise<number> {
  const verbose = argv.includes('--verbose');
  let code: number = ExitCode.ok;
  try {
    const { buildProgram } = await import('./program.js');
    const program = buildProgram(
      io,
      packageVersion(),
      (c) => {
        code = c;
      },
      prompter,
    );
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return report(e, io, verbose);
  }
}

function report(e: unknown, io: Io, verbose: boolean): number {
  if (e instanceof CommanderError) {
    // Help and version end with exit code 0; everything else commander refuses is a usage error.
    if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.ok;
    if (e.code === 'commander.help') return ExitCode.usage;
    io.err(`tthc: ${oneLine(e.message.replace(/^error: /, '').split('\n')[0]!)} (see tthc --help)\n`);
    return ExitCode.usage;
  }
  if (e instanceof TthcError) {
    io.err(`tthc: ${oneLine(e.message)}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`tthc: internal error: ${oneLine(err.message)}; this is a bug, please report it${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && err.stack) io.err(`${err.stack}\n`);
  return ExitCode.internal;
}

/** Characters of a message shown at most: an echoed 100 KB argument must not become a 100 KB line. */
const maxMessage = 1000;

/** The message on one line, cut to `maxMessage` characters with "…". */
function oneLine(s: string): string {
  const line = s.replace(/\s*\n\s*/g, ' ').trim();
  return line.length > maxMessage ? `${line.slice(0, maxMessage)}…` : line;
}
