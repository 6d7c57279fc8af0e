// Typed errors carrying an exit code (SPEC.md "Exit codes"). Only `main()` turns them into
// exit codes; everything else throws.

/** Exit codes pinned by SPEC.md. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 70,
  /** The user pressed Ctrl-C at a prompt (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of the errors a user can act on: its message is shown as is, without a stack. */
export class TthcError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A wrong option, argument or combination of them (exit 2). */
export class UsageError extends TthcError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Input that cannot be used: an unreadable file, an unknown code (exit 2). Nothing was written. */
export class InputError extends TthcError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** The command ran and found problems (validation errors, a broken chain) (exit 1). */
export class FindingsError extends TthcError {
  constructor(message: string) {
    super(message, ExitCode.findings);
  }
}

/** The user pressed Ctrl-C at a prompt (exit 130): one line, no stack, nothing written. */
export class InterruptedError extends TthcError {
  constructor(message = 'interrupted (Ctrl-C); nothing was written') {
    super(message, ExitCode.interrupted);
  }
}

/**
 * A JSON.parse error's message without the input V8 quotes in it ('Unexpected token 'N',
 * "Nguyễn Th"... is not valid JSON'): the input may hold an applicant's name, phone or address,
 * which never reaches stderr (README "Personal data"). Refuses nothing.
 */
export function jsonErrorWithoutInput(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
}
