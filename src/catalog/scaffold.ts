// The procedure file written by `tthc catalog new`: its YAML text, in the style of the example
// catalog, and the small decisions behind it (step ids and default names, the folder, the
// budget left). The questions themselves are asked by the command; everything here is pure.
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { parseDuration } from '../calendar/duration.js';
import type { Mechanism, Procedure, Sourced, Step, StepAction } from './model.js';

/** A step as `tthc catalog new` asks for it: steps run in list order, so no `next`. */
export type StepDraft = Pick<Step, 'id' | 'name' | 'action' | 'unit' | 'assignee' | 'duration'>;

/** The answers of `tthc catalog new`: the required fields of a procedure, and its calendar. */
export type ProcedureDraft = Pick<Procedure, 'code' | 'name' | 'agency' | 'field' | 'mechanism' | 'calendar' | 'time_limit' | 'effective_from'> & { steps: StepDraft[] };

export interface ProcedureYamlOptions {
  /** The agency's name, for the heading comment. */
  agencyName?: string;
  /** The schema for editors, relative to the new file (a `yaml-language-server` modeline). */
  schema?: string;
  /** The day the file is made (YYYY-MM-DD), for the heading comment. */
  today: string;
}

/** Same pattern as `code` and ids in schemas/procedure.schema.json. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Longest code or id the schema accepts. */
export const idMaxLength = 64;

/** Vietnamese names of the mechanisms, for comments in the file (catalog text is Vietnamese). */
const mechanismNames: Record<Mechanism, string> = {
  'one-stop': 'một cửa',
  'inter-agency': 'một cửa liên thông',
  'five-on-the-spot': '5 tại chỗ',
  internal: 'thủ tục hành chính nội bộ',
};

/** Default step names by action, as the example catalog words them. */
const stepNames: Record<StepAction, string> = {
  receive: 'Tiếp nhận hồ sơ, kiểm tra tính đầy đủ',
  transfer: 'Chuyển hồ sơ đến cơ quan giải quyết',
  appraise: 'Thẩm định hồ sơ',
  approve: 'Lãnh đạo xem xét, ký kết quả',
  stamp: 'Đóng dấu, vào sổ, phát hành văn bản',
  return: 'Trả kết quả cho tổ chức, cá nhân',
  other: 'Xử lý hồ sơ',
};

/** The usual order of a one-stop process; `typicalNextAction` follows it. */
const usualOrder: readonly StepAction[] = ['receive', 'appraise', 'approve', 'stamp', 'return'];

/** The Vietnamese default name of a step doing `action`. */
export function defaultStepName(action: StepAction): string {
  return stepNames[action];
}

/** The action a step usually has after one doing `previous` (receive first; return after stamp). */
export function typicalNextAction(previous: StepAction | undefined): StepAction {
  if (previous === undefined) return 'receive';
  if (previous === 'transfer' || previous === 'other') return 'appraise';
  return usualOrder[Math.min(usualOrder.indexOf(previous) + 1, usualOrder.length - 1)]!;
}

/** A step id from its action, unique among `taken`: "appraise", then "appraise-2", … */
export function stepId(action: StepAction, taken: readonly string[]): string {
  if (!taken.includes(action)) return action;
  let n = 2;
  while (taken.includes(`${action}-${n}`)) n++;
  return `${action}-${n}`;
}

/**
 * Reads a duration as people type it ("4 h", "0,5d", "10D") in the catalog's syntax ("4h",
 * "0.5d", "10d"); returns undefined when it is not one. `calendarDays` also allows "cd".
 */
export function normalizeDuration(typed: string, calendarDays: boolean): string | undefined {
  const text = typed.trim().toLowerCase().replace(',', '.').replace(/^([\d.]+)\s+([a-z]+)$/, '$1$2');
  const d = parseDuration(text);
  if (!d || (d.unit === 'cd' && !calendarDays)) return undefined;
  return text;
}

/**
 * The folder for a new procedure of `agency`: the one that holds most of the agency's
 * procedures (the first by name on a tie), else `<catalogDir>/<agency>`. Absolute.
 */
export function procedureFolder(procedures: readonly Sourced<Procedure>[], agency: string, catalogDir: string, cwd: string): string {
  const counts = new Map<string, number>();
  for (const p of procedures) {
    if (p.value.agency !== agency) continue;
    const dir = dirname(resolve(cwd, p.ref.src.file));
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : join(resolve(cwd, catalogDir), agency);
}

const modeline = /^# yaml-language-server: \$schema=(\S+)/;

/**
 * The schema path for a new file in `folder`, taken from the `yaml-language-server` modeline of
 * an existing procedure file (one in the same folder first) and made relative to `folder`;
 * undefined when no procedure file has one, or it names a URL.
 */
export function schemaPathFor(procedures: readonly Sourced<Procedure>[], folder: string, cwd: string): string | undefined {
  const files = [...new Set(procedures.map((p) => p.ref.src.origin))];
  files.sort((a, b) => Number(dirname(resolve(cwd, b.file)) === folder) - Number(dirname(resolve(cwd, a.file)) === folder));
  for (const f of files) {
    const m = modeline.exec(f.text);
    if (!m) continue;
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
    const abs = isAbsolute(target) ? target : resolve(dirname(resolve(cwd, f.file)), target);
    const rel = relative(folder, abs);
    return sep === '/' ? rel : rel.split(sep).join('/');
  }
  return undefined;
}

/** A scalar as YAML writes it: plain when that reads back the same, quoted otherwise. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function amount(n: number): string {
  return String(n).replace('.', ',');
}

function limitComment(limit: string): string {
  const d = parseDuration(limit);
  if (!d) return '';
  if (d.unit === 'cd') return `${amount(d.amount)} ngày, tính theo ngày lịch`;
  return `${amount(d.amount)} ${d.unit === 'd' ? 'ngày' : 'giờ'} làm việc`;
}

/**
 * The YAML text of a new procedure file: a modeline for editors, a heading comment saying what to
 * complete, the required fields, and the steps in list order, one key per line.
 */
export function procedureYaml(draft: ProcedureDraft, opts: ProcedureYamlOptions): string {
  const lines: string[] = [];
  if (opts.schema !== undefined) lines.push(`# yaml-language-server: $schema=${opts.schema}`);
  lines.push(`# ${draft.name}${opts.agencyName ? ` – ${opts.agencyName}` : ''}, ${mechanismNames[draft.mechanism]}.`);
  lines.push(`# Tạo bằng "tthc catalog new" ngày ${opts.today}. Bổ sung trước khi công bố: applicants (đối tượng), result (kết quả),`);
  lines.push('# channels, fees (phí, lệ phí), components (thành phần hồ sơ), conditions, legal_basis (căn cứ pháp lý).');
  lines.push('kind: procedure');
  lines.push(`code: ${JSON.stringify(draft.code)}`);
  lines.push(`name: ${scalar(draft.name)}`);
  lines.push(`agency: ${scalar(draft.agency)}`);
  lines.push(`field: ${scalar(draft.field)}`);
  lines.push(`mechanism: ${draft.mechanism}  # ${mechanismNames[draft.mechanism]}`);
  if (draft.calendar !== undefined) lines.push(`calendar: ${scalar(draft.calendar)}`);
  lines.push(`time_limit: ${draft.time_limit}  # ${limitComment(draft.time_limit)}`);
  lines.push(`effective_from: ${draft.effective_from}`);
  lines.push('steps:  # chạy lần lượt theo danh sách; thêm "next: [id, …]" vào một bước để rẽ nhánh hoặc chạy song song');
  for (const s of draft.steps) {
    lines.push(`  - id: ${scalar(s.id)}`);
    lines.push(`    name: ${scalar(s.name)}`);
    lines.push(`    action: ${s.action}`);
    lines.push(`    unit: ${scalar(s.unit)}`);
    if (s.assignee !== undefined) lines.push(`    assignee: ${scalar(s.assignee)}`);
    lines.push(`    duration: ${s.duration}`);
  }
  return `${lines.join('\n')}\n`;
}
