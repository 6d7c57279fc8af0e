// Every question tthc asks at a terminal goes through this interface, so that tests can answer
// them; @inquirer/prompts is loaded only when a question is really asked.
import { InterruptedError } from '../errors.js';

export interface Choice {
  value: string;
  name: string;
  /** A line shown under the list while this choice is highlighted. */
  description?: string;
}

/** Checks an answer: true to accept it, or the message to show before asking again. */
export type Check = (answer: string) => true | string;

export interface InputOptions {
  /** An empty answer is asked again. */
  required?: boolean;
  /** The answer taken when the user just presses Enter (shown in the question). */
  default?: string;
  /** Refuses an answer with a message; the question is asked again. */
  validate?: Check;
  /** Text shown after what the user has typed so far, updated at each key (e.g. the budget left). */
  hint?: (typed: string) => string;
}

export interface Prompter {
  /** Picks one of `choices`, narrowing them as the user types (`filter` decides what matches). */
  search(message: string, choices: readonly Choice[], filter: (term: string, c: Choice) => boolean): Promise<string>;
  /** A line of text; with `required`, an empty answer is asked again. */
  input(message: string, opts?: InputOptions): Promise<string>;
  /** Picks one of `choices` with the arrow keys; `initial` is highlighted first (default: the first). */
  select(message: string, choices: readonly Choice[], initial?: string): Promise<string>;
}

/** The real prompts, on the process's terminal. */
export const inquirerPrompter: Prompter = {
  async search(message, choices, filter) {
    const { search } = await import('@inquirer/prompts');
    return interruptible(() =>
      search<string>({
        message,
        pageSize: 12,
        source: async (term) => choices.filter((c) => term === undefined || term === '' || filter(term, c)).map((c) => ({ value: c.value, name: c.name, description: c.description })),
      }),
    );
  },
  async input(message, opts = {}) {
    const { input } = await import('@inquirer/prompts');
    const { hint, validate } = opts;
    return interruptible(() =>
      input({
        message,
        required: opts.required === true,
        default: opts.default,
        validate: validate && ((v: string) => validate(v)),
        transformer: hint && ((typed: string, { isFinal }: { isFinal: boolean }) => (isFinal ? typed : `${typed}${hint(typed)}`)),
      }),
    );
  },
  async select(message, choices, initial) {
    const { select } = await import('@inquirer/prompts');
    return interruptible(() =>
      select<string>({ message, pageSize: 12, default: initial, choices: choices.map((c) => ({ value: c.value, name: c.name, description: c.description })) }),
    );
  },
};

/**
 * Runs a prompt; Ctrl-C (inquirer's ExitPromptError, recognised by name because inquirer is
 * loaded lazily) becomes an InterruptedError, which main() reports as one line with exit 130.
 */
async function interruptible<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new InterruptedError();
    throw e;
  }
}
