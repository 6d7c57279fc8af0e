// Colour from one place: NO_COLOR, FORCE_COLOR, --no-color and whether stdout is a terminal.
import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Whether to colour human output. `--no-color` and NO_COLOR (any non-empty value) turn it off;
 * FORCE_COLOR (other than "0") turns it on; otherwise only on a terminal.
 */
export function colorEnabled(opts: { flag: boolean; isTTY: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  if (!opts.flag) return false;
  if (opts.env['NO_COLOR']) return false;
  const force = opts.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return opts.isTTY;
}

/** A chalk instance that colours only when enabled. */
export function palette(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
