// What a command file exports, and the context its action receives.
import type { ChalkInstance } from 'chalk';
import type { Io } from '../output/io.js';
import type { Labels, Lang } from '../output/labels.js';
import type { Prompter } from './prompts.js';

export interface OptionDef {
  /** Commander flags, e.g. "--unit <id>". */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string | boolean;
}

/** The options of a command whose output goes to stdout or, with --out, to a file (files.ts, writeOutput). */
export const outFileOptions: readonly OptionDef[] = [
  { flags: '--out <file>', description: 'write to this file instead of stdout' },
  { flags: '--force', description: 'overwrite --out if it exists' },
];

/** Everything an action needs from the command line and the environment, already checked. */
export interface CommandContext {
  io: Io;
  lang: Lang;
  labels: Labels;
  /** Colours when enabled, plain text otherwise. */
  color: ChalkInstance;
  /** "Now" (--as-of), an instant. */
  asOf: Date;
  /** The catalog folder (--catalog, tthc.config.yaml, or ./procedures). */
  catalogDir: string;
  /** The database URL (--db, TTHC_DB, tthc.config.yaml, or sqlite:./tthc.db). */
  db: string;
  /** The output format chosen, checked against the command's formats. */
  format: string;
  quiet: boolean;
  verbose: boolean;
  /** True when prompting is allowed (TTY both ways, no --no-input, not CI). */
  interactive: boolean;
  /** Asks questions at the terminal (only when `interactive`). */
  prompter: Prompter;
  version: string;
  /** Progress and notices for people, on stderr, silenced by --quiet. */
  notice(text: string): void;
}

export interface CommandDef {
  /** "validate", or "noun verb" like "catalog list". */
  name: string;
  summary: string;
  /** Commander argument syntax: "[paths...]", "<code>". */
  args?: readonly string[];
  options?: readonly OptionDef[];
  /** Accepted --format values; the first is the default. */
  formats: readonly string[];
  /** Example lines for --help. */
  examples?: readonly string[];
  /** Parses nothing itself: gets checked context, positional arguments and options; returns the exit code. */
  run(ctx: CommandContext, args: readonly unknown[], opts: Record<string, unknown>): Promise<number>;
}
