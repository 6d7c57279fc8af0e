// The commander program: global options, and one subcommand per entry of the registry.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { instantArg } from './instant.js';
import { UsageError } from '../errors.js';
import { colorEnabled, palette } from '../output/color.js';
import type { Io } from '../output/io.js';
import { labels, languages, type Lang } from '../output/labels.js';
import type { CommandContext, CommandDef } from './command.js';
import { readConfig } from './config.js';
import { inquirerPrompter, type Prompter } from './prompts.js';
import { commands } from './registry.js';

/** Time zone for --as-of without an offset until a calendar is known (Vietnam has one zone). */
const defaultTimeZone = 'Asia/Ho_Chi_Minh';

export interface GlobalOptions {
  db?: string;
  catalog?: string;
  asOf?: string;
  format?: string;
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  lang: string;
  input: boolean;
}

/** Builds the program; the exit code of the action that ran is passed to `setExit`. */
export function buildProgram(io: Io, version: string, setExit: (code: number) => void, prompter: Prompter = inquirerPrompter): Command {
  const program = new Command('tthc')
    .description('Catalog, deadlines and SLA reports for public-administration service centres (thủ tục hành chính)')
    .version(version, '-V, --version')
    .option('--db <url>', 'database: sqlite:FILE or postgres://… (env TTHC_DB; default sqlite:./tthc.db)')
    .option('--catalog <dir>', 'catalog folder (default: catalog: in tthc.config.yaml, else ./procedures)')
    .option('--as-of <time>', 'the current time, ISO 8601 (default: now)')
    .option('--format <format>', 'output format (each command lists its own)')
    .option('--no-color', 'never colour output')
    .option('--quiet', 'print nothing but the result')
    .option('--verbose', 'more detail, and the stack of internal errors')
    .addOption(new Option('--lang <lang>', 'language of labels in human output').choices(languages).default('vi'))
    .option('--no-input', 'never prompt')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Errors are printed once, as one line, by main().
      outputError: () => {},
    });

  const nouns = new Map<string, Command>();
  for (const def of commands) {
    const words = def.name.split(' ');
    let parent = program;
    if (words.length === 2) {
      const noun = words[0]!;
      let group = nouns.get(noun);
      if (!group) {
        group = program.command(noun).description(`${noun} commands`);
        group.exitOverride().configureOutput(program.configureOutput());
        nouns.set(noun, group);
      }
      parent = group;
    }
    const cmd = parent.command(words[words.length - 1]!).description(def.summary);
    cmd.exitOverride().configureOutput(program.configureOutput());
    for (const a of def.args ?? []) cmd.argument(a);
    for (const o of def.options ?? []) {
      const opt = new Option(o.flags, o.description);
      if (o.choices) opt.choices(o.choices);
      if (o.default !== undefined) opt.default(o.default);
      cmd.addOption(opt);
    }
    cmd.addHelpText('after', `\nFormats: ${def.formats.join(', ')} (default ${def.formats[0]})` + (def.examples ? `\n\nExamples:\n${def.examples.map((e) => `  $ ${e}`).join('\n')}` : ''));
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const opts = self.opts();
      const globals = self.optsWithGlobals() as GlobalOptions;
      const ctx = await makeContext(io, version, def, globals, prompter);
      setExit(await def.run(ctx, params.slice(0, def.args?.length ?? 0), opts));
    });
  }
  return program;
}

async function makeContext(io: Io, version: string, def: CommandDef, g: GlobalOptions, prompter: Prompter): Promise<CommandContext> {
  const config = await readConfig(io.cwd);
  const lang = g.lang as Lang;
  const format = g.format ?? def.formats[0]!;
  if (!def.formats.includes(format)) {
    throw new UsageError(`--format ${format} is not available for "tthc ${def.name}"; choose one of: ${def.formats.join(', ')}`);
  }
  let asOf = new Date();
  if (g.asOf !== undefined) {
    asOf = await instantArg('--as-of', g.asOf, defaultTimeZone, '2026-03-31 or 2026-03-31T17:00:00+07:00');
  }
  const ci = io.env['CI'] !== undefined && io.env['CI'] !== '' && io.env['CI'] !== 'false' && io.env['CI'] !== '0';
  const quiet = g.quiet === true;
  return {
    io,
    lang,
    labels: labels(lang),
    color: palette(colorEnabled({ flag: g.color, isTTY: io.stdoutIsTTY, env: io.env })),
    asOf,
    catalogDir: resolve(io.cwd, g.catalog ?? config.catalog ?? 'procedures'),
    db: g.db ?? io.env['TTHC_DB'] ?? config.db ?? 'sqlite:./tthc.db',
    format,
    quiet,
    verbose: g.verbose === true,
    interactive: g.input && !ci && io.stdinIsTTY && io.stdoutIsTTY,
    prompter,
    version,
    notice: (text) => {
      if (!quiet) io.err(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}
