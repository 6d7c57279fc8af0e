// tthc.config.yaml in the working directory: defaults for --catalog and --db.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';

export interface Config {
  catalog?: string;
  db?: string;
}

export const configFile = 'tthc.config.yaml';

/** Reads tthc.config.yaml from `cwd`, or {} when there is none. Refuses a malformed file. */
export async function readConfig(cwd: string): Promise<Config> {
  const path = join(cwd, configFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new InputError(`cannot read ${configFile}: ${(e as Error).message}`);
  }
  // The YAML parser is loaded only when there is a config file, to keep start-up light.
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 10 });
  } catch (e) {
    throw new InputError(`${configFile}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${configFile}: expected a mapping of settings`);
  const out: Config = {};
  for (const [k, v] of Object.entries(data)) {
    if (k !== 'catalog' && k !== 'db') throw new InputError(`${configFile}: unknown setting "${k}" (known: catalog, db)`);
    if (typeof v !== 'string') throw new InputError(`${configFile}: "${k}" must be text`);
    out[k] = v;
  }
  return out;
}
