// The hostile corpus: every input, what it is, and why it must be refused (or, for the few that a
// careful user may legitimately give, why it is accepted). Small inputs are written inline; big
// ones (100 MB) are generated into the case's folder at test time and never committed.
//
// Each case runs in its own folder laid out as
//   <case>/etc/passwd        a stand-in for a system file (never the real one)
//   <case>/a/work/           the working directory: t.db (a copy of the prepared database),
//                            cat/ (a copy of procedures/ plus the case's catalog files),
//                            and the case's event files
// so that "../../etc/passwd" from the working directory reaches the stand-in.
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type Kind = 'catalog' | 'events' | 'args';

export interface HostileCase {
  kind: Kind;
  name: string;
  /** One line: what is hostile about it and what must happen. */
  why: string;
  /** Arguments after the global options (`--db sqlite:t.db --catalog cat --as-of …`). */
  args: readonly string[];
  /** Global options replacing the defaults of the same name. */
  global?: Readonly<Record<string, string>>;
  /** Files written into the working directory (catalog files go under `cat/`). */
  files?: Readonly<Record<string, string | Buffer>>;
  /** Makes big or special files in the working directory at test time. */
  make?: (work: string) => void;
  /** When set, the input is legitimately accepted (exit 0), and this says why. */
  accepted?: string;
  /**
   * A gap this corpus found and that is not fixed yet: the product accepts what it should refuse.
   * The run must still end cleanly within the bounds with the database intact; it does not count
   * as refused.
   */
  known?: string;
  /** A gap so costly it cannot run within the bounds yet: skipped, with what it costs. */
  skip?: string;
  stdin?: string;
}

/** Dossiers of the prepared database (procedure 1.000656, agency code 000.00.44.H06). */
export const codes = ['000.00.44.H06-260105-0001', '000.00.44.H06-260106-0001', '000.00.44.H06-260107-0001'] as const;
const code = codes[0];

/** A valid procedure file, new to the catalog, with `patch` applied to its text. */
function procedure(patch: Partial<Record<'code' | 'name' | 'time_limit' | 'duration' | 'effective_from' | 'fee' | 'step' | 'extra', string>> = {}): string {
  return `kind: procedure
code: ${patch.code ?? '"9.999001"'}
name: ${patch.name ?? 'Thủ tục thử nghiệm'}
agency: xa-gia-binh
field: Hộ tịch
mechanism: one-stop
calendar: vn-2026
time_limit: ${patch.time_limit ?? '1d'}
effective_from: ${patch.effective_from ?? '2025-07-01'}
fees: [{ name: Lệ phí, amount: ${patch.fee ?? '0'} }]
${patch.extra ?? ''}steps:
  - { id: ${patch.step ?? 'receive'}, name: Tiếp nhận, action: receive, unit: xa-gia-binh-ttpvhcc, duration: ${patch.duration ?? '1h'} }
  - { id: return, name: Trả kết quả, action: return, unit: xa-gia-binh-ttpvhcc, duration: 1h }
`;
}

/** A calendar file with `patch` applied (a second calendar: only its own findings matter). */
function calendar(patch: Partial<Record<'timezone' | 'hours' | 'holiday' | 'cutoff', string>> = {}): string {
  return `kind: calendar
id: hostile-cal
timezone: ${patch.timezone ?? 'Asia/Ho_Chi_Minh'}
week:
  mon: [${patch.hours ?? '"07:30-11:30"'}]
holidays:
  - { date: ${patch.holiday ?? '2026-01-01'}, name: Tết }
${patch.cutoff !== undefined ? `receipt_cutoff: ${patch.cutoff}\n` : ''}`;
}

/** A catalog case: `text` as cat/hostile.yaml (or raw bytes), loaded with `catalog load`. */
function cat(name: string, why: string, text: string | Buffer, extra: Partial<HostileCase> = {}): HostileCase {
  return { kind: 'catalog', name, why, args: ['catalog', 'load'], files: { 'cat/hostile.yaml': text }, ...extra };
}

/** One event object, valid by default: a new dossier received on Thursday 8 January 2026. */
function event(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'h-1',
    dossier: '000.00.44.H06-260108-0001',
    type: 'received',
    at: '2026-01-08T09:00:00+07:00',
    by: null,
    procedure: '1.000656',
    applicant: { name: 'Lê Văn C' },
    channel: 'counter',
    ...patch,
  };
}
const line = (patch: Record<string, unknown> = {}) => JSON.stringify(event(patch));

/** An events case: `text` as events.jsonl (or events.csv), run through `dossier import`. */
function ev(name: string, why: string, text: string | Buffer, extra: Partial<HostileCase> & { csv?: boolean } = {}): HostileCase {
  const file = extra.csv ? 'events.csv' : 'events.jsonl';
  return { kind: 'events', name, why, args: ['dossier', 'import', file], files: { [file]: text }, ...extra };
}
const csvHeader = 'id,dossier,type,at,by,procedure,applicant_name,channel\n';
const csvRow = (cells: Partial<Record<'id' | 'dossier' | 'type' | 'at' | 'by' | 'procedure' | 'name' | 'channel', string>> = {}) =>
  `${cells.id ?? 'h-1'},${cells.dossier ?? '000.00.44.H06-260108-0001'},${cells.type ?? 'received'},${cells.at ?? '2026-01-08T09:00:00+07:00'},${cells.by ?? ''},${cells.procedure ?? '1.000656'},${cells.name ?? 'Lê Văn C'},${cells.channel ?? 'counter'}\n`;

/** An arguments case. */
function arg(name: string, why: string, args: readonly string[], extra: Partial<HostileCase> = {}): HostileCase {
  return { kind: 'args', name, why, args, ...extra };
}

/** Writes `size` bytes to `path`: `head`, then `fill` repeated, then `tail`, in 1 MB chunks. */
function bigFile(path: string, head: string, fill: string, size: number, tail: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const chunk = Buffer.from(fill.repeat(Math.ceil((1024 * 1024) / fill.length)).slice(0, 1024 * 1024));
    for (let n = 0; n < size; n += chunk.length) writeSync(fd, chunk);
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}
const MB100 = 100 * 1024 * 1024;

const bomb = (() => {
  let text = 'kind: procedure\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 0; i < 9; i++) text += `b${i}: &b${i} [${Array(9).fill(i === 0 ? '*a' : `*b${i - 1}`).join(',')}]\n`;
  return text;
})();

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
/** `text` with its first `find` replaced by raw bytes (built from strings and byte lists). */
const splice = (text: string, find: string, ...with_: (string | number[])[]) => {
  const at = text.indexOf(find);
  return bytes(text.slice(0, at), ...with_, text.slice(at + find.length));
};
const latin = (s: string) => Buffer.from(s, 'latin1');

export const cases: HostileCase[] = [
  // ---------------------------------------------------------------- catalog YAML (catalog load)
  cat('alias-bomb', 'billion laughs: 9 levels of 9 aliases expand to 387 million nodes', bomb),
  cat('alias-10000', '10,000 aliases of one anchor: linear in text, but a reader that expands them pays per alias', `kind: procedure\nx: &x a\nl: [${Array(10000).fill('*x').join(', ')}]\n`),
  cat('alias-merge-bomb', 'merge keys (<<) chaining anchors, the billion laughs by another road', (() => {
    let t = 'kind: procedure\na0: &a0 {k0: 1, k1: 2, k2: 3, k3: 4}\n';
    for (let i = 1; i < 12; i++) t += `a${i}: &a${i} {<<: [${Array(8).fill(`*a${i - 1}`).join(', ')}], m${i}: 1}\n`;
    return t;
  })()),
  cat('alias-undefined', 'an alias to an anchor that does not exist', 'kind: procedure\ncode: *nowhere\n'),
  cat('alias-recursive', 'an anchor whose value contains its own alias', 'kind: procedure\nx: &x [1, *x]\n'),
  cat('deep-flow-seq', '10,000 nested flow sequences: a recursive reader overflows its stack', `kind: procedure\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n`),
  cat('deep-flow-map', '10,000 nested flow mappings', `kind: procedure\nx: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`),
  cat('deep-block-seq', '10,000 nested block sequences on one line', `kind: procedure\nx:\n  ${'- '.repeat(10000)}1\n`),
  cat('deep-indented-map', '2,500 nested block mappings, each indented one step more (deeper would pass the 8 MB limit)', `kind: procedure\n${Array.from({ length: 2500 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`),
  cat('deep-steps', '10,000 nested lists where a step is expected', procedure({ extra: `applicants: ${'['.repeat(10000)}${']'.repeat(10000)}\n` })),
  cat('scalar-100mb', 'a 100 MB scalar in a procedure name: refused by size before it is read', '', { make: (w) => bigFile(join(w, 'cat/hostile.yaml'), 'kind: procedure\nname: "', 'x', MB100, '"\n') }),
  cat('scalar-7mb', 'a 7 MB name, under the 8 MB file limit: parsed, then refused by the schema', procedure({ name: `"${'n'.repeat(7 * 1024 * 1024)}"` })),
  cat('many-documents', '20,000 empty YAML documents in one file', `${'---\n'.repeat(20000)}`),
  cat('many-keys', '200,000 unknown keys in one mapping: refused by the 10,000-entry bound before it is read with positions', `kind: procedure\n${Array.from({ length: 200000 }, (_, i) => `k${i}: 1`).join('\n')}\n`),
  cat('long-flow-list', 'a one-line list of a million numbers where a list of legal bases is expected: refused by the 10,000-entry bound', procedure({ extra: `legal_basis: [${Array(1000000).fill('1').join(',')}]\n` })),
  cat('anchored-long-list', 'a 200,000-item list in a file with an anchor (which takes the careful reader, with positions)', `kind: procedure\nx: &x 1\nl: [${Array(200000).fill('1').join(',')}]\n`),
  cat('keys-10001', '10,001 keys in one mapping, one past the bound', `kind: procedure\n${Array.from({ length: 10001 }, (_, i) => `k${i}: 1`).join('\n')}\n`),
  cat('invalid-utf8-ff', 'a 0xFF byte (never valid in UTF-8) inside a name', bytes('kind: procedure\nname: Th', [0xff], 'u tuc\n')),
  cat('overlong-2byte', 'an overlong 2-byte encoding of "/" (C0 AF), the classic filter bypass', bytes('kind: procedure\ncode: "..', [0xc0, 0xaf], '..', [0xc0, 0xaf], 'etc"\n')),
  cat('overlong-3byte', 'an overlong 3-byte encoding of "/" (E0 80 AF)', bytes('kind: procedure\ncode: "a', [0xe0, 0x80, 0xaf], 'b"\n')),
  cat('utf8-surrogate', 'a UTF-16 surrogate encoded in UTF-8 (ED A0 80, CESU-8)', bytes('kind: procedure\nname: "a', [0xed, 0xa0, 0x80], 'b"\n')),
  cat('utf8-truncated', 'a multi-byte sequence cut off at the end of the file', bytes('kind: procedure\nname: Th', [0xe1, 0xbb])),
  cat('latin1', 'Vietnamese text saved as Windows-1258/Latin-1 instead of UTF-8', latin('kind: procedure\nname: "Th\xf9 t\xfac"\n')),
  cat('utf16-bom', 'a UTF-16 LE file with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: procedure\ncode: "9.999001"\n', 'utf16le')])),
  cat('utf32-bom', 'a UTF-32 LE BOM before UTF-8 text', bytes([0xff, 0xfe, 0x00, 0x00], 'kind: procedure\n')),
  cat('bom-middle', 'a byte order mark in the middle of a file, before a key', `kind: procedure\n\uFEFFcode: "9.999001"\n`),
  cat('bom-then-error', 'a UTF-8 BOM, then a procedure with an unknown property: the BOM must not shift positions or hide the finding', `\uFEFF${procedure({ extra: 'colour: red\n' })}`),
  cat('nul-in-scalar', 'a NUL byte inside a name', bytes('kind: procedure\nname: "a', [0], 'b"\n')),
  cat('nul-in-key', 'a NUL byte inside a key', bytes('kind: procedure\nco', [0], 'de: "1"\n')),
  cat('nul-escape', 'a NUL written as the YAML escape "\\0" in a quoted name', procedure({ name: '"a\\0b"' })),
  cat('escape-control', 'an ESC control character (terminal escape sequence) in a name', procedure({ name: '"\\e[31mred\\e[0m"' })),
  cat('escape-unicode-control', 'a BEL written as the escape "\\u0007" in a quoted result', procedure({ extra: 'result: "ding\\u0007"\n' })),
  cat('escape-in-key', 'an ESC written as an escape in a mapping key', procedure({ extra: '"\\e[2J": x\n' })),
  cat('crlf-error', 'CRLF line ends with an unknown property on line 3: refused, not confused by the CRs', procedure({ extra: 'colour: red\n' }).replace(/\n/g, '\r\n')),
  cat('mixed-line-ends', 'LF, CRLF and lone CR line ends mixed in one file', 'kind: procedure\r\ncode: "9.999001"\rname: x\n'),
  cat('tab-indent', 'tabs used for indentation', 'kind: procedure\nsteps:\n\t- id: a\n'),
  cat('fee-beyond-2^53', 'a fee of 2^53 + 1 đồng, which a double cannot hold exactly', procedure({ fee: '9007199254740993' })),
  cat('fee-1e400', 'a fee of 1e400, Infinity as a double', procedure({ fee: '1e400' })),
  cat('fee-negative', 'a negative fee', procedure({ fee: '-1' })),
  cat('fee-nan', 'a fee of .nan', procedure({ fee: '.nan' })),
  cat('time-limit-negative', 'a negative time limit', procedure({ time_limit: '-1d' })),
  cat('time-limit-enormous', 'a time limit of 10^20 working days', procedure({ time_limit: '100000000000000000000d' })),
  cat('time-limit-exp', 'a time limit in exponent notation (1e3d)', procedure({ time_limit: '1e3d' })),
  cat('duration-negative', 'a negative step duration', procedure({ duration: '-2h' })),
  cat('duration-huge', 'a step duration of 10^309 hours (Infinity)', procedure({ duration: `1${'0'.repeat(309)}h` })),
  cat('duration-tiny', 'a step duration of 10^-7 hours, not a whole minute', procedure({ duration: '0.0000001h' })),
  cat('duration-fraction-minute', 'a step duration of 0.001 hours (3.6 seconds)', procedure({ duration: '0.001h' })),
  cat('time-limit-fraction-minute', 'a time limit of 0.0001 working days (2.88 seconds of an 8-hour day)', procedure({ time_limit: '0.0001d' })),
  cat('date-feb-30', 'effective from 30 February 2026, a date that does not exist', procedure({ effective_from: '2026-02-30' })),
  cat('date-year-0', 'effective from the year 0000', procedure({ effective_from: '0000-01-01' })),
  cat('date-year-1900', 'effective from 31 December 1900, before the time-zone data', procedure({ effective_from: '1900-12-31' })),
  cat('holiday-year-0', 'a holiday in the year 0000', calendar({ holiday: '0000-01-01' })),
  cat('date-5-digit-year', 'effective from the year 20260', procedure({ effective_from: '20260-01-01' })),
  cat('holiday-feb-30', 'a holiday on 30 February', calendar({ holiday: '2026-02-30' })),
  cat('hours-24', 'working hours ending at 24:00', calendar({ hours: '"07:30-24:00"' }), { accepted: 'a period may end at 24:00, the end of the day (ISO 8601)' }),
  cat('hours-25', 'working hours from 24:00 to 25:00', calendar({ hours: '"24:00-25:00"' })),
  cat('cutoff-24', 'a receipt cut-off at 24:00', calendar({ cutoff: '"24:00"' })),
  cat('cutoff-offset', 'a receipt cut-off with an offset (16:00+14:00)', calendar({ cutoff: '"16:00+14:00"' })),
  cat('timezone-offset', 'a time zone given as +14:00 instead of an IANA name', calendar({ timezone: '"+14:00"' })),
  cat('timezone-traversal', 'a time zone naming a path out of the zone database', calendar({ timezone: '"../../../../etc/passwd"' })),
  cat('code-sql', 'a procedure code that reads as SQL', procedure({ code: `"1'; DROP TABLE procedures;--"` })),
  cat('code-10000', 'a 10,000-character procedure code', procedure({ code: `"${'1'.repeat(10000)}"` })),
  cat('name-100000', 'a 100,000-character procedure name', procedure({ name: 'x'.repeat(100000) })),
  cat('step-id-10000', 'a 10,000-character step id', procedure({ step: 'a'.repeat(10000) })),
  cat('unit-id-emoji', 'a unit id made of emoji (ids are ASCII words)', 'kind: units\nunits:\n  - { id: "🏛️", name: Ủy ban, code: 000.00.99.H06, level: commune }\n'),
  cat('proto-key', 'a "__proto__" key that would pollute a naive object merge', procedure({ extra: '__proto__: { polluted: true }\n' })),
  cat('constructor-key', 'a "constructor" key', procedure({ extra: 'constructor: { prototype: 1 }\n' })),
  cat('tag-js-function', 'a !!js/function tag (code execution in unsafe loaders)', procedure({ extra: 'result: !!js/function "function () { return 1 }"\n' }), { accepted: 'an unknown tag is read as plain text: nothing runs; the text is stored as the result' }),
  cat('tag-include', 'an !include tag pointing out of the catalog (path traversal by include)', procedure({ extra: 'result: !include ../../etc/passwd\n' }), { accepted: 'an unknown tag is read as plain text: nothing is included; the path is stored as text' }),
  cat('tag-binary', 'a !!binary scalar where text is expected', procedure({ extra: 'result: !!binary aGVsbG8=\n' })),
  cat('complex-key', 'a complex (sequence) mapping key', 'kind: procedure\n? [a, b]\n: c\n'),
  cat('duplicate-key', 'the same key twice, the second silently winning in lax readers', procedure({ extra: 'field: Khác\n' })),
  cat('symlink-passwd', 'a catalog file that is a symlink out of the catalog, to ../../etc/passwd', '', {
    files: {},
    make: (w) => symlinkSync('../../../etc/passwd', join(w, 'cat/passwd.yaml')),
  }),
  cat('symlink-folder-yaml', 'a symlink named like YAML pointing to a folder', '', { files: {}, make: (w) => symlinkSync('..', join(w, 'cat/up.yaml')) }),
  cat('fifo', 'a named pipe named hostile.yaml: reading it would block for ever', '', {
    files: {},
    make: (w) => {
      const r = spawnSync('mkfifo', [join(w, 'cat/hostile.yaml')]);
      if (r.status !== 0) throw new Error('mkfifo failed');
    },
    accepted: 'a pipe is not a regular file: the folder walk passes it by, as it passes sockets' }),
  cat('validate-dev-zero', '`validate /dev/zero`: a device that never ends and reports size 0', '', { files: {}, args: ['validate', '/dev/zero', '--format', 'json'] }),
  cat('validate-traversal', '`validate ../../etc/passwd`: a non-YAML file reached by traversal', '', { files: {}, args: ['validate', '../../etc/passwd', '--format', 'json'] }),
  cat('validate-bomb-json', 'the alias bomb through `validate --format json`: findings on stdout, bounded', bomb, { args: ['validate', 'cat/hostile.yaml', '--format', 'json'] }),
  cat('validate-deep-sarif', '10,000-deep nesting through `validate --format sarif`', `kind: procedure\nx: ${'['.repeat(10000)}${']'.repeat(10000)}\n`, { args: ['validate', 'cat/hostile.yaml', '--format', 'sarif'] }),
  cat('name-emoji', 'a procedure name with emoji', procedure({ name: 'Đăng ký 🏠 nhà ở 🇻🇳' }), { accepted: 'names are free Unicode text; emoji are stored and shown as given' }),
  cat('name-combining', 'a name in decomposed form (NFD: base letters plus combining diacritics)', procedure({ name: 'Đăng ký khai tử'.normalize('NFD') }), { accepted: 'NFD Vietnamese is still Vietnamese: stored as given' }),
  cat('name-sql', 'a procedure name that reads as SQL', procedure({ name: `"Robert'); DROP TABLE procedures;--"` }), { accepted: 'a name is data: it is stored verbatim through bound parameters and the tables stay' }),

  // ---------------------------------------------------------------- event files (dossier import)
  ev('line-100mb', 'one 100 MB JSON line (an applicant name of 100 MB)', '', { make: (w) => bigFile(join(w, 'events.jsonl'), line({ applicant: { name: '' } }).replace('"name":""', '"name":"'), 'x', MB100, '"}}\n') }),
  ev('csv-cell-100mb', 'one 100 MB CSV cell', '', { csv: true, make: (w) => bigFile(join(w, 'events.csv'), `${csvHeader}h-1,000.00.44.H06-260108-0001,received,2026-01-08T09:00:00+07:00,,1.000656,`, 'x', MB100, ',counter\n') }),
  ev('csv-open-quote', 'a CSV quote opened and never closed, over 20 MB', '', { csv: true, make: (w) => bigFile(join(w, 'events.csv'), `${csvHeader}h-1,"`, 'x,\n', 20 * 1024 * 1024, '') }),
  ev('dev-zero', '`dossier import /dev/zero`: an endless line of NUL bytes', '', { files: {}, args: ['dossier', 'import', '/dev/zero'] }),
  ev('dev-urandom', '`dossier import /dev/urandom`: endless random bytes', '', { files: {}, args: ['dossier', 'import', '/dev/urandom'] }),
  ev('traversal-file', '`dossier import ../../etc/passwd`', '', { files: {}, args: ['dossier', 'import', '../../etc/passwd'] }),
  ev('folder', '`dossier import .`: a folder', '', { files: {}, args: ['dossier', 'import', '.'] }),
  ev('invalid-utf8', 'a 0xFF byte inside an applicant name', splice(`${line()}\n`, 'Văn', 'V', [0xff], 'n')),
  ev('overlong-code', 'an overlong "/" (C0 AF) inside a dossier code', splice(`${line()}\n`, '-260108-', '..', [0xc0, 0xaf], '..')),
  ev('surrogate-utf8', 'a UTF-16 surrogate encoded in UTF-8 (ED A0 80) inside a name', splice(`${line()}\n`, 'Văn', 'V', [0xed, 0xa0, 0x80], 'n')),
  ev('invalid-utf8-skip', 'a 0xFF byte with --on-error skip: the line goes to the reject file, nothing is written', splice(`${line()}\n`, 'Văn', 'V', [0xff], 'n'), { args: ['dossier', 'import', 'events.jsonl', '--on-error', 'skip'] }),
  ev('csv-invalid-utf8', 'a 0xFF byte inside a CSV cell: the whole file is refused, naming its line', splice(`${csvHeader}${csvRow()}`, 'Văn', 'V', [0xff], 'n'), { csv: true }),
  ev('invalid-utf8-line-3', 'two blank lines, then a line with a truncated sequence at its end', bytes('\n\n', line(), [0xe1, 0xba], '\n')),
  ev('bom', 'a UTF-8 BOM before the first JSON line', `\uFEFF${line()}\n${line({ id: 'h-2', type: 'step-completed', step: 'nope', procedure: undefined, applicant: undefined, channel: undefined })}\n`),
  ev('nul-raw', 'a raw NUL byte inside a JSON string', splice(`${line()}\n`, 'Văn', 'V', [0], 'n')),
  ev('nul-escaped', 'a \\u0000 escape inside an applicant name', `${line({ applicant: { name: 'a\u0000b' } })}\n`),
  ev('bidi-override', 'a right-to-left override (U+202E) in an applicant name, to spoof what officials read', `${line({ applicant: { name: 'abc\u202Efdp.exe' } })}\n`, { accepted: 'format characters belong in names written in right-to-left scripts; they are stored as given' }),
  ev('crlf-then-bad', 'CRLF lines, the second refers to a step the procedure lacks', `${line()}\r\n${line({ id: 'h-2', type: 'step-completed', step: 'no-such-step', procedure: undefined, applicant: undefined, channel: undefined })}\r\n`),
  ev('lone-cr', 'two events separated by a lone CR, the second broken', `${line()}\r{"id":\n`),
  ev('score-2^53', 'a rating score of 2^53 + 1', `${line({ id: 'h-r', dossier: code, type: 'rated', score: 0, procedure: undefined, applicant: undefined, channel: undefined }).replace('"score":0', '"score":9007199254740993')}\n`),
  ev('score-1e400', 'a rating score of 1e400', `${line({ id: 'h-r', dossier: code, type: 'rated', score: 0, procedure: undefined, applicant: undefined, channel: undefined }).replace('"score":0', '"score":1e400')}\n`),
  ev('score-fraction', 'a rating score of 4.5', `${line({ id: 'h-r', dossier: code, type: 'rated', score: 4.5, procedure: undefined, applicant: undefined, channel: undefined })}\n`),
  ev('at-feb-30', 'received on 30 February', `${line({ at: '2026-02-30T09:00:00+07:00' })}\n`),
  ev('at-24h', 'received at 24:00', `${line({ at: '2026-01-08T24:00:00+07:00' })}\n`),
  ev('at-offset-15', 'an offset of +15:00, beyond the largest real one (+14:00)', `${line({ at: '2026-01-08T09:00:00+15:00' })}\n`, { accepted: 'RFC 3339 allows offsets up to ±23:59; the instant is well defined' }),
  ev('at-no-offset', 'a time without an offset', `${line({ at: '2026-01-08T09:00:00' })}\n`),
  ev('at-year-1', 'received in the year 1, long before any procedure version', `${line({ at: '0001-01-01T00:00:00Z', dossier: '000.00.44.H06-010101-0001' })}\n`),
  ev('at-year-1900', 'received on the last day of 1900, before the time-zone data', `${line({ at: '1900-12-31T23:00:00+07:00', dossier: '000.00.44.H06-001231-0001' })}\n`),
  ev('appointment-year-1', 'an apology with a new appointment in the year 1', `${line({ id: 'h-a', dossier: code, type: 'apologized', reason: 'r', new_appointment: '0001-01-01T00:00:00Z', procedure: undefined, applicant: undefined, channel: undefined })}\n`),
  ev('at-extended-year', 'an extended year +275760, the last instant JavaScript can hold', `${line({ at: '+275760-09-13T00:00:00Z' })}\n`),
  ev('at-leap-second', 'a leap second 23:59:60 in the middle of a day', `${line({ at: '2026-01-08T09:59:60+07:00' })}\n`),
  ev('appointment-enormous', 'an apology with a new appointment in the year 9999 and a reason of 1 MB', `${line({ id: 'h-a', dossier: code, type: 'apologized', reason: 'r'.repeat(1024 * 1024), new_appointment: '9999-12-31T23:59:59Z', procedure: undefined, applicant: undefined, channel: undefined })}\n`),
  ev('dossier-sql', 'a dossier code that reads as SQL (no spaces, so past the pattern)', `${line({ dossier: "x';DROP/**/TABLE/**/dossiers;--" })}\n`, { accepted: 'an imported code is data: stored verbatim through bound parameters; the tables stay' }),
  ev('dossier-traversal', 'a dossier code like a path, ../../etc/passwd', `${line({ dossier: '../../etc/passwd' })}\n`, { accepted: 'an imported code is data, never a path: stored verbatim' }),
  ev('dossier-10000', 'a 10,000-character dossier code', `${line({ dossier: 'A'.repeat(10000) })}\n`),
  ev('id-10000', 'a 10,000-character event id', `${line({ id: 'i'.repeat(10000) })}\n`),
  ev('name-1mb', 'a 1 MB applicant name', `${line({ applicant: { name: 'n'.repeat(1024 * 1024) } })}\n`),
  ev('proto', 'a "__proto__" field in an event', `${line().replace('{', '{"__proto__":{"polluted":true},')}\n`),
  ev('deep-json', '10,000 nested arrays in an applicant', `${line().replace('"Lê Văn C"', `${'['.repeat(10000)}${']'.repeat(10000)}`)}\n`),
  ev('deeper-json', '1,000,000 nested arrays: JSON.parse itself runs out of stack', `${line().replace('"Lê Văn C"', `${'['.repeat(1000000)}${']'.repeat(1000000)}`)}\n`),
  ev('duplicate-field', 'the field "type" twice, the second turning a receipt into a refusal', `${line().replace('"type":"received"', '"type":"received","type":"refused"')}\n`),
  ev('unknown-dossier', 'a step completed on a dossier that does not exist', `${line({ type: 'step-completed', step: 'appraise', procedure: undefined, applicant: undefined, channel: undefined, dossier: '000.00.44.H06-990101-0001' })}\n`),
  ev('wrong-state', 'completing a step that is not running on an existing dossier', `${line({ id: 'h-s', dossier: code, type: 'step-completed', step: 'return', procedure: undefined, applicant: undefined, channel: undefined })}\n`),
  ev('good-then-bad', 'a valid receipt then a broken line in the same batch: nothing of the batch is written', `${line()}\n{"id": "h-2", "dossier": \n`),
  ev('not-object', 'lines that are JSON but not objects', '[1,2,3]\n"text"\nnull\n'),
  ev('csv-unknown-column', 'a CSV header with an unknown column', 'id,dossier,type,at,by,password\n1,2,3,4,5,6\n', { csv: true }),
  ev('csv-nul', 'a NUL byte inside a CSV cell', splice(`${csvHeader}${csvRow()}`, 'Văn', 'V', [0], 'n'), { csv: true }),
  ev('csv-formula', 'a CSV cell starting with "=" (spreadsheet formula injection) as the channel', `${csvHeader}${csvRow({ channel: "=cmd|' /C calc'!A0" })}`, { csv: true }),
  ev('csv-crlf-bad-date', 'CSV with CRLF record ends and a date of 30 February', `${csvHeader}${csvRow({ at: '2026-02-30T09:00:00+07:00' })}`.replace(/\n/g, '\r\n'), { csv: true }),
  ev('csv-ragged', 'a CSV record with more cells than the header', `${csvHeader}${csvRow().replace('\n', ',extra,cells\n')}`, { csv: true }),
  ev('applicant-emoji', 'an applicant named with emoji and combining diacritics', `${line({ applicant: { name: '👩‍👩‍👧 Nguyễn Thị Ánh'.normalize('NFD') } })}\n`, { accepted: 'an applicant name is free Unicode text; it is stored as given' }),
  ev('at-offset-14', 'received at 09:00+14:00 (Kiribati), a real offset: 02:00 in Hà Nội', `${line({ at: '2026-01-08T09:00:00+14:00' })}\n`, { accepted: '+14:00 is a valid ISO 8601 offset; the instant is kept' }),
  ev('empty-file', 'an empty file', '', { accepted: 'an empty import imports nothing: exit 0, the database unchanged' }),
  ev('csv-bom', 'a CSV file with a UTF-8 BOM (as Excel saves it)', `\uFEFF${csvHeader}${csvRow()}`, { csv: true, accepted: 'spreadsheets write a BOM; the header is read without it' }),

  // ---------------------------------------------------------------- command-line arguments
  arg('due-feb-30', 'calendar due from 30 February', ['calendar', 'due', '2026-02-30', '1d']),
  arg('due-24h', 'calendar due from 24:00', ['calendar', 'due', '2026-01-05T24:00', '1d']),
  arg('due-25h', 'calendar due from 25:00', ['calendar', 'due', '2026-01-05T25:00', '1d']),
  arg('due-offset-15', 'calendar due from a +15:00 offset', ['calendar', 'due', '2026-01-05T09:00+15:00', '1d']),
  arg('due-negative', 'a negative duration', ['calendar', 'due', '2026-01-05', '-1d']),
  arg('due-enormous', 'a duration of 10^20 working days', ['calendar', 'due', '2026-01-05', '100000000000000000000d']),
  arg('due-million-days', 'a duration of a million working days (4,000 years past the calendar)', ['calendar', 'due', '2026-01-05', '1000000d']),
  arg('due-infinity', 'a duration of Infinity days', ['calendar', 'due', '2026-01-05', 'Infinityd']),
  arg('due-hex', 'a duration in hexadecimal', ['calendar', 'due', '2026-01-05', '0x10d']),
  arg('due-year-9999', 'calendar due from the year 9999', ['calendar', 'due', '9999-12-31T16:00', '1d'], { accepted: 'a far date is still a date: the answer comes with notes that the years have no holidays' }),
  arg('between-millennia', 'working minutes between year 1 and year 9999', ['calendar', 'between', '0001-01-01', '9999-12-31']),
  arg('due-year-1900', 'calendar due from a day in 1900', ['calendar', 'due', '1900-06-01', '1d']),
  arg('due-tiny-duration', 'calendar due of 10^-7 hours, not a whole minute', ['calendar', 'due', '2026-01-05T09:00', '0.0000001h']),
  arg('as-of-year-1', '--as-of in the year 1', ['dossier', 'list'], { global: { '--as-of': '0001-01-01' } }),
  arg('report-from-year-0', 'report sla --from the year 0000', ['report', 'sla', '--from', '0000-01-01']),
  arg('show-year-huge', 'calendar show for the year 10^15', ['calendar', 'show', '1000000000000000']),
  arg('show-year-negative', 'calendar show for the year -1', ['calendar', 'show', '--', '-1']),
  arg('as-of-feb-30', '--as-of 30 February', ['dossier', 'list'], { global: { '--as-of': '2026-02-30' } }),
  arg('as-of-sql', '--as-of as SQL', ['dossier', 'list'], { global: { '--as-of': "'; DROP TABLE dossiers;--" } }),
  arg('as-of-epoch-max', '--as-of beyond the last instant JavaScript can hold', ['report', 'overdue'], { global: { '--as-of': '+275761-01-01T00:00:00Z' } }),
  arg('show-sql', 'dossier show with an SQL-looking code', ['dossier', 'show', "'; DROP TABLE dossiers;--"]),
  arg('show-traversal', 'dossier show ../../etc/passwd', ['dossier', 'show', '../../etc/passwd']),
  arg('show-code-100k', 'dossier show with a 100,000-character code', ['dossier', 'show', 'A'.repeat(100000)]),
  arg('catalog-show-sql', 'catalog show with an SQL-looking code', ['catalog', 'show', "1' OR '1'='1"]),
  arg('receive-procedure-sql', 'receive for a procedure code that reads as SQL', ['dossier', 'receive', '--procedure', "1' OR '1'='1", '--applicant', 'A']),
  arg('receive-at-feb-30', 'receive at 30 February', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--at', '2026-02-30T09:00']),
  arg('receive-at-24h', 'receive at 24:00', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--at', '2026-01-08T24:00:00+07:00']),
  arg('receive-name-100k', 'receive with a 100,000-character applicant name', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'n'.repeat(100000), '--at', '2026-01-08T09:00']),
  arg('receive-name-blank', 'receive with a blank applicant name', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', '   ', '--at', '2026-01-08T09:00']),
  arg('receive-email-sql', 'an e-mail that reads as SQL', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--email', "a@b.vn'; DROP TABLE events;--", '--at', '2026-01-08T09:00']),
  arg('receive-phone-letters', 'a phone number of letters', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--phone', 'call me maybe', '--at', '2026-01-08T09:00']),
  arg('receive-by-traversal', 'an official id like a path', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--by', '../../etc/passwd', '--at', '2026-01-08T09:00']),
  arg('receive-channel-sql', 'a channel that reads as SQL', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A', '--channel', "counter'; --", '--at', '2026-01-08T09:00']),
  arg('complete-step-traversal', 'a step id like a path', ['dossier', 'complete', code, '--step', '../../etc/passwd', '--by', 'gb-tth']),
  arg('complete-before-receipt', 'completing a step in 1970, before the dossier was received', ['dossier', 'complete', code, '--step', 'appraise', '--by', 'gb-tth', '--at', '1970-01-01T00:00:00Z']),
  arg('apologize-feb-30', 'an apology with a new appointment on 30 February', ['dossier', 'apologize', code, '--reason', 'r', '--new-appointment', '2026-02-30']),
  arg('rate-2^53', 'a score of 2^53 + 1', ['dossier', 'rate', code, '--score', '9007199254740993']),
  arg('rate-negative', 'a score of -1', ['dossier', 'rate', code, '--score', '-1']),
  arg('list-limit-negative', 'a list limit of -1', ['dossier', 'list', '--limit', '-1']),
  arg('list-limit-huge', 'a list limit of 10^20', ['dossier', 'list', '--limit', '100000000000000000000']),
  arg('list-within-negative', 'a due-soon window of -1d', ['dossier', 'list', '--due-soon', '--within', '-1d']),
  arg('form-traversal', 'a form number like a path', ['dossier', 'form', code, '--form', '../../etc/passwd']),
  arg('form-out-traversal', 'a form written over ../../etc/passwd', ['dossier', 'form', code, '--form', '01', '--out', '../../etc/passwd']),
  arg('report-out-traversal', 'an SLA report written over ../../etc/passwd', ['report', 'sla', '--format', 'csv', '--out', '../../etc/passwd']),
  arg('report-out-missing-folder', 'an SLA report written into ../../no/such/folder', ['report', 'sla', '--format', 'csv', '--out', '../../no/such/folder/r.csv']),
  arg('report-from-feb-30', 'an SLA report from 30 February', ['report', 'sla', '--from', '2026-02-30']),
  arg('report-reversed', 'an SLA report whose period ends before it starts', ['report', 'sla', '--from', '2026-12-01', '--to', '2026-01-01']),
  arg('report-by-sql', 'an SLA report grouped by an SQL-looking key', ['report', 'sla', '--by', "unit; DROP TABLE events"]),
  arg('publish-out-traversal', 'a site published over ../../etc, a folder tthc did not write', ['catalog', 'publish', '--out', '../../etc']),
  arg('publish-out-file', 'a site published onto a file', ['catalog', 'publish', '--out', '../../etc/passwd']),
  arg('audit-head-traversal', 'an audit head read from ../../etc/passwd', ['audit', 'verify', '--head', '../../etc/passwd']),
  arg('audit-export-traversal', 'an audit export written over ../../etc/passwd', ['audit', 'export', '--out', '../../etc/passwd']),
  arg('catalog-traversal', '--catalog ../../etc/passwd, a file, for catalog load', ['catalog', 'load'], { global: { '--catalog': '../../etc/passwd' } }),
  arg('catalog-missing', '--catalog ../../no/such/folder for catalog load', ['catalog', 'load'], { global: { '--catalog': '../../no/such/folder' } }),
  arg('db-traversal', '--db sqlite:../../etc/passwd, a text file, for a write', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', 'A'], { global: { '--db': 'sqlite:../../etc/passwd' } }),
  arg('db-not-url', '--db of an unknown scheme', ['dossier', 'list'], { global: { '--db': 'mysql://root@localhost/x' } }),
  arg('db-password', '--db of a PostgreSQL server that refuses, with a password that must not be shown', ['dossier', 'list'], { global: { '--db': 'postgres://u:s3cret@127.0.0.1:1/x' } }),
  arg('simulate-huge', 'simulate 10^12 dossiers', ['simulate', '--dossiers', '1000000000000']),
  arg('import-batch-2^53', 'an import batch of 2^53 + 1', ['dossier', 'import', '../../etc/passwd', '--batch', '9007199254740993']),
  arg('unknown-command-long', 'an unknown command of 100,000 characters', ['x'.repeat(100000)]),
  arg('lang-traversal', '--lang ../../etc/passwd', ['dossier', 'list'], { global: { '--lang': '../../etc/passwd' } }),
  arg('format-traversal', '--format ../../etc/passwd', ['dossier', 'list', '--format', '../../etc/passwd']),
  arg('receive-name-sql', 'an applicant named as SQL', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', "Robert'); DROP TABLE events;--", '--at', '2026-01-08T09:00'], { accepted: 'a name is data: stored verbatim through bound parameters; the tables stay' }),
  arg('receive-name-emoji', 'an applicant named with emoji and combining diacritics', ['dossier', 'receive', '--procedure', '1.000656', '--applicant', '🙂 Trần Thị Ngọc'.normalize('NFD'), '--at', '2026-01-08T09:00'], { accepted: 'names are free Unicode text' }),
  arg('due-offset-14', 'calendar due from 09:00+14:00, a real offset', ['calendar', 'due', '2026-01-05T09:00+14:00', '1d'], { accepted: '+14:00 is valid ISO 8601: the instant is 02:00 in Hà Nội, snapped to 07:30' }),
  arg('list-applicant-like', 'an applicant filter made of LIKE wildcards and SQL', ['dossier', 'list', '--applicant', "%' OR 1=1 --"], { accepted: 'a filter is data: it matches nobody and changes nothing' }),
];

/** Makes the stand-in system file and the folders a case expects. */
export function layout(caseDir: string): string {
  mkdirSync(join(caseDir, 'etc'), { recursive: true });
  writeFileSync(join(caseDir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  const work = join(caseDir, 'a', 'work');
  mkdirSync(work, { recursive: true });
  return work;
}
