// Canonical JSON and its SHA-256: the same value gives the same bytes and hash whatever the
// order of its keys, so content hashes (catalog versions) and event hashes are stable.
import { hash } from 'node:crypto';

/** What JSON.stringify escapes in a string (control characters, `"`, `\\`) or may (a surrogate, if lone). */
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, quicker for the common one that needs no escape. */
export function jsonString(s: string): string {
  return needsEscape.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** JSON with object keys sorted at every level and no white space; `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // The default sort compares UTF-16 code units, as `<` on strings does.
  const record = value as Record<string, unknown>;
  let out = '';
  for (const k of Object.keys(record).sort()) {
    const v = record[k];
    if (v !== undefined) out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/** Hex SHA-256 of the canonical JSON of a value. */
export function contentHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}
