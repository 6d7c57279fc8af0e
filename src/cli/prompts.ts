// Every question tthc asks at a terminal goes through this interface, so that tests can answer
// them; @inquirer/prompts is loaded only when a question is really asked.

export interface Choice {
  value: string;
  name: string;
}

export interface Prompter {
  /** Picks one of `choices`, narrowing them as the user types (`filter` decides what matches). */
  search(message: string, choices: readonly Choice[], filter: (term: string, c: Choice) => boolean): Promise<string>;
  /** A line of text; with `required`, an empty answer is asked again. */
  input(message: string, opts?: { required?: boolean }): Promise<string>;
}

/** The real prompts, on the process's terminal. */
export const inquirerPrompter: Prompter = {
  async search(message, choices, filter) {
    const { search } = await import('@inquirer/prompts');
    return search<string>({
      message,
      pageSize: 12,
      source: async (term) => choices.filter((c) => term === undefined || term === '' || filter(term, c)).map((c) => ({ value: c.value, name: c.name })),
    });
  },
  async input(message, opts = {}) {
    const { input } = await import('@inquirer/prompts');
    return input({ message, required: opts.required === true });
  },
};
