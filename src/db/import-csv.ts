// The CSV form of an import file (README "tthc dossier import"): a header naming columns of the
// list below, one event per record; empty cells are absent fields. Each record becomes the JSON
// object of schemas/event.schema.json and then goes the JSON Lines way.
import { InputError } from '../errors.js';

/** The columns a CSV import may have; the first five are required. */
export const csvColumns = [
  'id', 'dossier', 'type', 'at', 'by',
  'procedure', 'applicant_name', 'applicant_id_number', 'applicant_phone', 'applicant_email', 'applicant_address', 'channel',
  'step', 'note', 'reason', 'items', 'new_appointment', 'to', 'score', 'comment',
] as const;

const required = csvColumns.slice(0, 5);
const applicantFields = ['name', 'id_number', 'phone', 'email', 'address'] as const;
const plainFields = ['procedure', 'channel', 'step', 'note', 'reason', 'new_appointment', 'to', 'comment'] as const;

/**
 * Refuses (InputError) a header with an unknown or missing column, naming it. An unknown column
 * is quoted only when it looks like a column name: a file without a header has a record there,
 * and that may be an applicant's name, phone or address (personal data never reaches stderr).
 */
export function checkCsvHeader(file: string, header: readonly string[]): void {
  const at = header.findIndex((h) => !(csvColumns as readonly string[]).includes(h));
  if (at >= 0) {
    const unknown = header[at]!;
    const shown = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/.test(unknown) ? `"${unknown}"` : `number ${at + 1} (not a column name; does the file lack its header?)`;
    throw new InputError(`${file}:1: unknown column ${shown}; the columns are ${csvColumns.join(', ')}`);
  }
  const missing = required.find((r) => !header.includes(r));
  if (missing !== undefined) throw new InputError(`${file}:1: the header lacks the column "${missing}"`);
}

/** The event object of a record: `by` empty is null; `items` are separated by ";"; `score` a number. */
export function csvRecordToEvent(r: Readonly<Record<string, string>>): Record<string, unknown> {
  const has = (k: string) => r[k] !== undefined && r[k] !== '';
  const out: Record<string, unknown> = { id: r['id'] ?? '', dossier: r['dossier'] ?? '', type: r['type'] ?? '', at: r['at'] ?? '', by: has('by') ? r['by'] : null };
  for (const k of plainFields) if (has(k)) out[k] = r[k];
  if (applicantFields.some((f) => has(`applicant_${f}`))) out['applicant'] = Object.fromEntries(applicantFields.filter((f) => has(`applicant_${f}`)).map((f) => [f, r[`applicant_${f}`]]));
  if (has('items') || r['type'] === 'supplement-requested') out['items'] = (r['items'] ?? '').split(';').map((x) => x.trim()).filter((x) => x !== '');
  if (has('score')) out['score'] = /^\d+$/.test(r['score']!) ? Number(r['score']) : r['score'];
  return out;
}

/**
 * A CSV parser's error message without the field it quotes ('…, value is "…"'): a field of a
 * record may be an applicant's name, phone or address, which must never reach stderr.
 */
export function csvParserProblem(message: string): string {
  return message.replace(/, value is "(?:[^"\\]|\\.)*"/s, '');
}
