// The only place that writes to stdout and stderr. Commands get an Io so that tests can run
// them in-process and read what they wrote.

/** Where a command writes: its standard output and error, and what they are connected to. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (colour, tables, prompts). */
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The process's own streams. */
export function processIo(): Io {
  // A reader that goes away (`tthc simulate | head`) is not an error of ours: what is left to
  // write has nowhere to go, and the broken pipe must not end in a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An Io that keeps what is written, for tests. */
export function memoryIo(opts: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdoutIsTTY: opts.tty ?? false,
    stdinIsTTY: opts.tty ?? false,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    stdout: () => out,
    stderr: () => err,
  };
}
