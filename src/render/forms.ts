// The standard forms of Circular 03/2025/TT-VPCP as printable HTML (`tthc dossier form`): 01–06
// for one dossier on A5, 07 (the tracking register of a unit) on A4. Each page is self-contained
// (inline CSS, no script, no font or image from anywhere) and in Vietnamese whatever --lang says:
// the forms are documents handed to applicants. They show applicant data on purpose.
// The markup is also well-formed XML (void elements closed, every value escaped), so that tests
// can parse it and a stray `<` in a name cannot break the page.
import type { WorkingCalendar } from '../calendar/calendar.js';
import { parseDuration } from '../calendar/duration.js';
import { formatInZone } from '../calendar/zone.js';
import type { ProcedureDetail } from '../catalog/query.js';
import type { Catalog, Official, Unit } from '../catalog/model.js';
import { outcomeOf, type Outcome } from '../dossier/clock.js';
import type { Applicant, Channel, DossierEvent, EventOf, EventType } from '../dossier/events.js';
import { isEnded, type DossierState, type DossierStatus, type StepState } from '../dossier/state.js';
import { stepDueAt } from '../dossier/view.js';
import { InputError } from '../errors.js';
import { escapeHtml } from '../output/html.js';

/** The forms of Circular 03/2025, by their number. */
export const formNumbers = ['01', '02', '03', '04', '05', '06', '07'] as const;
/** One of `formNumbers`. */
export type FormNumber = (typeof formNumbers)[number];
/** The forms about one dossier (07 is a unit's register). */
export type DossierFormNumber = Exclude<FormNumber, '07'>;

/** The units and officials of the catalog, for names, parents and phones. */
export type FormDirectory = Pick<Catalog, 'units' | 'officials'>;

/** What forms 01–06 are made of. */
export interface DossierFormInput {
  form: DossierFormNumber;
  state: DossierState;
  /** The dossier's events in order (who refused or stopped it is only there). */
  events: readonly DossierEvent[];
  /** The dossier's calendar: instants are shown in its zone, steps judged by its days. */
  calendar: WorkingCalendar;
  /** The procedure as the catalog describes it (name, components, step units). */
  procedure: ProcedureDetail;
  directory: FormDirectory;
  /** "Now", for the steps still running on form 06. */
  asOf: Date;
}

/** One dossier of the register (form 07). */
export interface RegisterRow {
  code: string;
  procedure: string;
  procedureName: string;
  applicant: Applicant;
  received_at: Date;
  due: Date;
  ended_at: Date | null;
  status: DossierStatus;
  outcome: Outcome | null;
  /** Not ended and past due at as-of. */
  overdue: boolean;
  /** The zone of the dossier's calendar. */
  timeZone: string;
}

/** What form 07 is made of. */
export interface RegisterInput {
  /** The unit whose register it is. */
  unit: string;
  directory: FormDirectory;
  /** The period, `from ≤ received < to`. */
  from: Date;
  to: Date;
  asOf: Date;
  /** The zone of the period and of the date of the register. */
  timeZone: string;
  rows: readonly RegisterRow[];
}

const titles: Record<FormNumber, string> = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Thông báo về việc dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  '07': 'Sổ theo dõi hồ sơ',
};

const channelNames: Record<Channel, string> = { counter: 'Trực tiếp tại Bộ phận Một cửa', online: 'Trực tuyến', post: 'Qua dịch vụ bưu chính' };
const statusNames: Record<DossierStatus, string> = {
  in_progress: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  resolved: 'Đã giải quyết',
  returned: 'Đã trả kết quả',
  refused: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
  stopped: 'Dừng giải quyết',
};
const outcomeNames: Record<Outcome, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** Text made safe for element content and quoted attribute values (also as XML). */
function esc(text: string | number): string {
  return escapeHtml(String(text));
}

/** The local parts of an instant in a zone: 2026-01-05T09:00:00+07:00 → year, month, day, hour, minute. */
function parts(t: Date, zone: string): { y: string; mo: string; d: string; h: string; mi: string } {
  const s = formatInZone(t, zone);
  return { y: s.slice(0, 4), mo: s.slice(5, 7), d: s.slice(8, 10), h: s.slice(11, 13), mi: s.slice(14, 16) };
}

/** "09 giờ 00 phút, ngày 05 tháng 01 năm 2026", as the forms write a time. */
function longTime(t: Date, zone: string): string {
  const p = parts(t, zone);
  return `${p.h} giờ ${p.mi} phút, ngày ${p.d} tháng ${p.mo} năm ${p.y}`;
}

/** "ngày 05 tháng 01 năm 2026". */
function longDate(t: Date, zone: string): string {
  const p = parts(t, zone);
  return `ngày ${p.d} tháng ${p.mo} năm ${p.y}`;
}

/** "09:00 05/01/2026", for tables. */
function shortTime(t: Date | null, zone: string): string {
  if (!t) return '';
  const p = parts(t, zone);
  return `${p.h}:${p.mi} ${p.d}/${p.mo}/${p.y}`;
}

/** "05/01/2026". */
function shortDate(t: Date, zone: string): string {
  const p = parts(t, zone);
  return `${p.d}/${p.mo}/${p.y}`;
}

/**
 * An instant as a `<time>` element (its `datetime` the ISO 8601 text with the zone's offset), in
 * the long words of the forms or, for tables, as time and date on two lines; empty for null.
 */
function when(t: Date | null, zone: string, o: { long?: boolean; field?: string } = {}): string {
  if (!t) return '';
  const text = o.long ? esc(longTime(t, zone)) : esc(shortTime(t, zone)).replace(' ', '</span> <span>');
  return `<time datetime="${formatInZone(t, zone)}"${o.field ? ` data-field="${o.field}"` : ''}>${o.long ? text : `<span>${text}</span>`}</time>`;
}

/** A time limit as people read it: "5 ngày làm việc", "4 giờ làm việc", "15 ngày"; the text itself if it is not a duration. */
function limitText(limit: string): string {
  const d = parseDuration(limit);
  if (!d) return limit;
  const n = String(d.amount).replace('.', ',');
  return d.unit === 'd' ? `${n} ngày làm việc` : d.unit === 'h' ? `${n} giờ làm việc` : `${n} ngày`;
}

/** Names of the catalog's units and officials; an id the catalog lacks stands for itself. */
class Directory {
  private readonly units: Map<string, Unit>;
  private readonly officials: Map<string, Official>;
  constructor(d: FormDirectory) {
    this.units = new Map(d.units.map((u) => [u.value.id, u.value]));
    this.officials = new Map(d.officials.map((o) => [o.value.id, o.value]));
  }
  unit(id: string): Unit {
    return this.units.get(id) ?? { id, name: id, level: '' };
  }
  official(id: string | null): Official | undefined {
    return id === null ? undefined : (this.officials.get(id) ?? { id, name: id, unit: '' });
  }
  /** The unit of an official known to the catalog, else `fallback`. */
  unitOf(official: string | null, fallback: string): Unit {
    const o = official === null ? undefined : this.officials.get(official);
    return this.unit(o && this.units.has(o.unit) ? o.unit : fallback);
  }
}

const style = (page: string) => `
* { box-sizing: border-box; }
html { background: #d9d9d9; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "Nimbus Roman", "DejaVu Serif", "Noto Serif", serif; font-size: 11pt; line-height: 1.3; color: #000; }
.page { background: #fff; margin: 8mm auto; padding: ${page === 'A4 landscape' ? '12mm 12mm 12mm 15mm' : '10mm 10mm 10mm 14mm'}; width: ${page === 'A4 landscape' ? '297mm' : page === 'A5 landscape' ? '210mm' : '148mm'}; min-height: ${page === 'A4 landscape' ? '210mm' : page === 'A5 landscape' ? '148mm' : '210mm'}; box-shadow: 0 1px 4px rgba(0, 0, 0, .35); }
.form-no { text-align: right; font-size: 10pt; font-style: italic; margin: 0 0 2mm; }
table.heading { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
table.heading td { vertical-align: top; text-align: center; padding: 0 1mm; font-size: ${page === 'A4 landscape' ? '11pt' : '9pt'}; }
table.heading td.agency { width: 42%; }
.code { white-space: nowrap; margin-top: 1mm; }
.upper { text-transform: uppercase; }
.rule { width: 30%; margin: 1mm auto 0; border-top: 1px solid #000; }
.motto .rule { width: 55%; }
.date { font-style: italic; }
h1 { font-size: 12.5pt; text-align: center; text-transform: uppercase; margin: 2mm 0 1mm; }
p.sub { text-align: center; margin: 0 0 4mm; font-style: italic; }
p { margin: 1mm 0; text-align: justify; }
ol.items { margin: 1mm 0 1mm 6mm; padding-left: 4mm; }
.label { white-space: nowrap; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 2mm 0; font-size: 10pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; }
table.grid th { font-weight: bold; text-align: center; }
table.grid td.c { text-align: center; }
table.grid td.t { white-space: nowrap; font-variant-numeric: tabular-nums; text-align: center; }
table.grid td.t time span { display: block; }
table.grid td.empty { text-align: center; font-style: italic; }
td small, p small { display: block; font-size: 8.5pt; font-style: italic; }
.late { font-weight: bold; }
table.signatures { width: 100%; border-collapse: collapse; margin-top: 4mm; break-inside: avoid; }
table.signatures td { width: 50%; text-align: center; vertical-align: top; padding: 0 2mm; }
table.signatures .role { font-weight: bold; text-transform: uppercase; }
table.signatures .hint { font-style: italic; font-size: 10pt; }
table.signatures .space { height: 16mm; }
table.signatures .name { font-weight: bold; }
.form-06 { font-size: 10pt; }
.form-06 p { margin: 0.5mm 0; }
.form-06 table.heading { margin-bottom: 2mm; }
.form-06 table.grid { font-size: 8.5pt; margin: 1.5mm 0; }
.form-06 table.grid th, .form-06 table.grid td { padding: 0.5mm 1mm; line-height: 1.2; }
.form-06 h1 { margin-top: 1mm; }
@page { size: ${page}; margin: ${page === 'A4 landscape' ? '12mm 12mm 12mm 15mm' : '10mm 10mm 10mm 14mm'}; }
@media print {
  html { background: none; }
  body { font-size: 10.5pt; }
  .form-06 { font-size: 9.5pt; }
  .page { margin: 0; padding: 0; width: auto; min-height: 0; box-shadow: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.grid thead { display: table-header-group; }
  table.grid tr { break-inside: avoid; }
}
`;

/** A whole page: the form number, the heading of the issuing unit and the national motto, the title, then `body`. */
function page(o: { form: FormNumber; size: string; title: string; issuer: Unit; parent: Unit | undefined; code: string | null; dated: string; body: string }): string {
  const left = [
    o.parent ? `<div class="upper">${esc(o.parent.name)}</div>` : '',
    `<div class="upper"><b>${esc(o.issuer.name)}</b></div>`,
    '<div class="rule"></div>',
    o.code ? `<div class="code">Mã hồ sơ: <b>${esc(o.code)}</b></div>` : '',
  ].join('');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${esc(`Mẫu số ${o.form} – ${titles[o.form]}${o.code ? ` – ${o.code}` : ''}`)}</title>
<style>${style(o.size)}</style>
</head>
<body>
<main class="page form-${o.form}" data-form="${o.form}">
<p class="form-no">Mẫu số ${o.form}</p>
<table class="heading"><tr>
<td class="agency">${left}</td>
<td class="motto"><div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></div><div><b>Độc lập - Tự do - Hạnh phúc</b></div><div class="rule"></div><div class="date">${esc(o.dated)}</div></td>
</tr></table>
<h1>${esc(o.title)}</h1>
${o.body}
</main>
</body>
</html>
`;
}

/** Two signature blocks side by side (either may be empty): role, hint, room to sign, the name when known. */
function signatures(left: Signature | null, right: Signature | null): string {
  const cell = (s: Signature | null) =>
    s ? `<td><div class="role">${esc(s.role)}</div><div class="hint">${esc(s.hint)}</div><div class="space"></div><div class="name">${esc(s.name ?? '')}</div></td>` : '<td></td>';
  return `<table class="signatures"><tr>${cell(left)}${cell(right)}</tr></table>`;
}

interface Signature {
  role: string;
  hint: string;
  name?: string | undefined;
}

const signHint = '(Ký và ghi rõ họ tên)';
const headHint = '(Ký, ghi rõ họ tên và đóng dấu)';

/** A labelled line: "Label: value" (the value escaped unless given as markup). */
function line(label: string, value: string, markup = false): string {
  return `<p><span class="label">${esc(label)}:</span> ${markup ? value : esc(value)}</p>`;
}

/** The applicant's lines: name, then the ID number, address, phone and e-mail that were given. */
function applicantLines(a: Applicant, lead: string): string {
  return [
    line(lead, `<b>${esc(a.name)}</b>`, true),
    a.id_number ? line('Số định danh cá nhân', a.id_number) : '',
    a.address ? line('Địa chỉ', a.address) : '',
    a.phone ? line('Số điện thoại', a.phone) : '',
    a.email ? line('Thư điện tử', a.email) : '',
  ].join('\n');
}

/** The latest event of a type, or undefined. */
function latest<T extends EventType>(events: readonly DossierEvent[], type: T): EventOf<T> | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === type) return events[i] as EventOf<T>;
  return undefined;
}

/** Refuses a form whose event the dossier lacks: one line naming the dossier, its status and what is needed. */
function need<T>(value: T | undefined, state: DossierState, why: string): T {
  if (value === undefined) throw new InputError(`dossier ${state.code} is ${state.status}: ${why}`);
  return value;
}

/**
 * Form `input.form` (01–06) of one dossier as a self-contained HTML page, A5: 01–05 portrait, 06
 * landscape (its table of steps). Refuses (InputError) a form whose event the dossier lacks: 02
 * without a supplement request, 03 not refused, 04 without an apology, 05 not stopped.
 */
export function renderDossierForm(input: DossierFormInput): string {
  const { form, state, events, calendar, procedure } = input;
  const zone = calendar.timeZone;
  const dir = new Directory(input.directory);
  const desk = state.steps[0]?.unit ?? procedure.agency.id;
  const agency = dir.unit(procedure.agency.id);
  const wants = `<b>${esc(procedure.name)}</b> (mã thủ tục ${esc(procedure.code)})`;
  const make = (issuer: Unit, dated: Date, body: string) =>
    page({ form, size: form === '06' ? 'A5 landscape' : 'A5 portrait', title: titles[form], issuer, parent: issuer.parent ? dir.unit(issuer.parent) : undefined, code: state.code, dated: longDate(dated, zone), body });
  const receivedBy = dir.official(state.received_by);
  const receivedLine = (issuer: Unit) => `<p>Ngày ${esc(longDate(state.received_at, zone).slice('ngày '.length))}, ${esc(issuer.name)} tiếp nhận hồ sơ của ông/bà, mã hồ sơ <b>${esc(state.code)}</b>, đề nghị giải quyết: ${wants}.</p>`;

  switch (form) {
    case '01': {
      const issuer = dir.unitOf(state.received_by, desk);
      const apology = state.apologies[state.apologies.length - 1];
      const back = procedure.steps.find((s) => s.action === 'return');
      const components = procedure.components.length
        ? `<table class="grid"><colgroup><col style="width: 9%"/><col style="width: 59%"/><col style="width: 19%"/><col style="width: 13%"/></colgroup><thead><tr><th>STT</th><th>Tên giấy tờ</th><th>Bản chính / bản sao</th><th>Số lượng</th></tr></thead><tbody>${procedure.components
            .map((c, i) => `<tr data-component="${i + 1}"><td class="c">${i + 1}</td><td>${esc(c.name)}${c.optional ? '<small>(nếu có)</small>' : ''}</td><td class="c">${c.original ? 'Bản chính' : 'Bản sao'}</td><td class="c">${esc(c.copies ?? 1)}</td></tr>`)
            .join('')}</tbody></table>`
        : '<p><i>(Danh mục thủ tục không liệt kê thành phần hồ sơ.)</i></p>';
      const body = [
        `<p>${esc(issuer.name)} tiếp nhận hồ sơ của:</p>`,
        applicantLines(state.applicant, 'Ông/bà'),
        line('Nội dung yêu cầu giải quyết', wants, true),
        '<p>1. Thành phần hồ sơ nộp gồm:</p>',
        components,
        line('2. Số lượng hồ sơ', '01 bộ'),
        line('3. Thời gian giải quyết hồ sơ theo quy định', limitText(procedure.time_limit)),
        `<p><span class="label">4. Thời gian nhận hồ sơ:</span> ${when(state.received_at, zone, { long: true, field: 'received' })}</p>`,
        `<p><span class="label">5. Thời gian trả kết quả giải quyết hồ sơ:</span> ${when(state.due, zone, { long: true, field: 'appointment' })}${
          state.status === 'awaiting_supplement' ? '<small>Hồ sơ đang chờ bổ sung: thời gian trả kết quả sẽ được tính lại khi nhận đủ hồ sơ.</small>' : ''
        }</p>`,
        apology
          ? `<p><span class="label">Hẹn lại theo Phiếu xin lỗi ${esc(longDate(apology.at, zone))}:</span> ${when(apology.new_appointment, zone, { long: true, field: 'new-appointment' })}</p>`
          : '',
        line('6. Hình thức nộp hồ sơ', channelNames[state.channel]),
        back ? line('7. Nơi nhận kết quả', back.unit.name) : '',
        signatures({ role: 'Người nộp hồ sơ', hint: signHint, name: state.applicant.name }, { role: 'Người tiếp nhận hồ sơ', hint: signHint, name: receivedBy?.name }),
      ].join('\n');
      return make(issuer, state.received_at, body);
    }
    case '02': {
      const e = need(latest(events, 'supplement-requested'), state, 'it has no supplement request for form 02 to print');
      const by = dir.official(e.by);
      const issuer = dir.unitOf(e.by, desk);
      const contact = by?.phone ?? issuer.phone;
      const body = [
        applicantLines(state.applicant, 'Hồ sơ của'),
        line('Nội dung yêu cầu giải quyết', wants, true),
        line('Thời gian nhận hồ sơ', when(state.received_at, zone, { long: true, field: 'received' }), true),
        `<p>Vào ${when(e.at, zone, { long: true, field: 'requested' })}, ${esc(issuer.name)} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:</p>`,
        e.items.length ? `<ol class="items">${e.items.map((it) => `<li data-item="">${esc(it)}</li>`).join('')}</ol>` : '<p><i>(Không nêu giấy tờ cụ thể.)</i></p>',
        `<p><span class="label">Lý do:</span> <span data-field="reason">${esc(e.reason)}</span></p>`,
        `<p>${state.on_supplement === 'restart' ? 'Thời gian giải quyết hồ sơ được tính lại từ đầu khi nhận đủ hồ sơ bổ sung.' : 'Thời gian giải quyết hồ sơ tạm dừng từ thời điểm này đến khi nhận đủ hồ sơ bổ sung.'}</p>`,
        by || contact
          ? `<p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${by ? `với ông/bà <b>${esc(by.name)}</b>${by.title ? ` (${esc(by.title)})` : ''}` : `với ${esc(issuer.name)}`}${contact ? `, số điện thoại ${esc(contact)},` : ''} để được hướng dẫn.</p>`
          : '',
        signatures({ role: 'Người nộp hồ sơ', hint: signHint, name: state.applicant.name }, { role: 'Người hướng dẫn', hint: signHint, name: by?.name }),
      ].join('\n');
      return make(issuer, e.at, body);
    }
    case '03': {
      const e = need(state.status === 'refused' ? latest(events, 'refused') : undefined, state, 'form 03 is for a refused dossier');
      const by = dir.official(e.by);
      const issuer = dir.unitOf(e.by, desk);
      const body = [
        `<p>${esc(issuer.name)} tiếp nhận hồ sơ của:</p>`,
        applicantLines(state.applicant, 'Ông/bà'),
        line('Nội dung yêu cầu giải quyết', wants, true),
        line('Thời gian nhận hồ sơ', when(state.received_at, zone, { long: true, field: 'received' }), true),
        `<p>Qua xem xét, ${esc(issuer.name)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:</p>`,
        `<p data-field="reason"><b>${esc(e.reason)}</b></p>`,
        line('Thời điểm từ chối', when(e.at, zone, { long: true, field: 'refused' }), true),
        '<p>Xin thông báo để ông/bà được biết và thực hiện.</p>',
        signatures({ role: 'Người nộp hồ sơ', hint: signHint, name: state.applicant.name }, { role: 'Người tiếp nhận hồ sơ', hint: signHint, name: by?.name }),
      ].join('\n');
      return make(issuer, e.at, body);
    }
    case '04': {
      const e = need(latest(events, 'apologized'), state, 'it has no apology for form 04 to print');
      // What the applicant held before this apology: the previous apology's date, else the due time.
      const before = state.apologies.filter((a) => a.at.getTime() < e.at.getTime()).pop();
      const body = [
        line('Kính gửi', `<b>${esc(state.applicant.name)}</b>`, true),
        state.applicant.address ? line('Địa chỉ', state.applicant.address) : '',
        receivedLine(dir.unit(desk)),
        `<p><span class="label">Thời gian hẹn trả kết quả giải quyết hồ sơ:</span> ${when(before?.new_appointment ?? state.due, zone, { long: true, field: 'appointment' })}.</p>`,
        `<p>Tuy nhiên đến nay, ${esc(agency.name)} chưa trả kết quả giải quyết hồ sơ cho ông/bà.</p>`,
        `<p><span class="label">Lý do:</span> <span data-field="reason">${esc(e.reason)}</span></p>`,
        `<p>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ông/bà. ${esc(agency.name)} xin lỗi ông/bà và hẹn lại thời gian trả kết quả: <b>${when(e.new_appointment, zone, { long: true, field: 'new-appointment' })}</b>.</p>`,
        '<p>Xin trân trọng cảm ơn.</p>',
        signatures(null, { role: 'Thủ trưởng cơ quan', hint: headHint }),
      ].join('\n');
      return make(agency, e.at, body);
    }
    case '05': {
      const e = need(state.status === 'stopped' ? latest(events, 'stopped') : undefined, state, 'form 05 is for a stopped dossier');
      const body = [
        line('Kính gửi', `<b>${esc(state.applicant.name)}</b>`, true),
        state.applicant.address ? line('Địa chỉ', state.applicant.address) : '',
        receivedLine(dir.unit(desk)),
        `<p>${esc(agency.name)} thông báo dừng giải quyết hồ sơ nêu trên kể từ <b>${when(e.at, zone, { long: true, field: 'stopped' })}</b>.</p>`,
        `<p><span class="label">Lý do:</span> <span data-field="reason">${esc(e.reason)}</span></p>`,
        '<p>Xin thông báo để ông/bà được biết.</p>',
        signatures(null, { role: 'Thủ trưởng cơ quan', hint: headHint }),
      ].join('\n');
      return make(agency, e.at, body);
    }
    case '06':
      return make(dir.unit(desk), state.received_at, controlSheet(input, dir, wants));
  }
}

/** A step's mark on form 06: how it completed against its own due, else where it stands. */
type StepMark = Outcome | 'running' | 'overdue' | 'pending' | 'cut';

function stepMark(input: DossierFormInput, s: StepState): { mark: StepMark; due: Date | null } {
  const { state, calendar, asOf } = input;
  const due = stepDueAt(state, s, asOf, calendar);
  // SPEC.md's early / on time / late, applied to the step's own due (supplements do not count here).
  if (s.status === 'completed' && s.completed_at && s.due) return { mark: outcomeOf(calendar, s.completed_at, s.due, 0), due: s.due };
  if (s.status === 'running' && isEnded(state)) return { mark: 'cut', due };
  if (s.status === 'running') return { mark: state.status !== 'awaiting_supplement' && due && asOf.getTime() > due.getTime() ? 'overdue' : 'running', due };
  return { mark: 'pending', due };
}

const markNames: Record<StepMark, string> = { ...outcomeNames, running: 'Đang giải quyết', overdue: 'Đang giải quyết, đã quá hạn', pending: '', cut: 'Dừng (hồ sơ đã kết thúc)' };

/** Form 06: the dossier's steps, each a hand-over with unit, official, times, due and mark. */
function controlSheet(input: DossierFormInput, dir: Directory, wants: string): string {
  const { state, calendar, procedure } = input;
  const zone = calendar.timeZone;
  const coordinating = [...new Set(state.steps.map((s) => s.unit))].filter((u) => u !== procedure.agency.id).map((u) => dir.unit(u).name);
  const rows = state.steps.map((s, i) => {
    const { mark, due } = stepMark(input, s);
    const official = dir.official(s.status === 'completed' ? s.by : s.assignee);
    return [
      `<tr data-step="${esc(s.id)}">`,
      `<td class="c">${i + 1}</td>`,
      `<td>${esc(s.name)}<small>${esc(dir.unit(s.unit).name)}</small></td>`,
      `<td>${esc(official?.name ?? '')}</td>`,
      `<td class="t" data-col="started">${when(s.started_at, zone)}</td>`,
      `<td class="t" data-col="completed">${when(s.completed_at, zone)}</td>`,
      `<td class="t" data-col="due">${when(due, zone)}</td>`,
      `<td class="c${mark === 'late' || mark === 'overdue' ? ' late' : ''}" data-result="${mark}">${esc(markNames[mark])}</td>`,
      `<td>${esc(s.note ?? '')}</td>`,
      '<td></td>',
      '</tr>',
    ].join('');
  });
  const waits = state.pauses.map(
    (p) => `<p data-wait=""><span class="label">Chờ bổ sung hồ sơ:</span> từ ${esc(shortTime(p.from, zone))} ${p.to ? `đến ${esc(shortTime(p.to, zone))}` : '(chưa nhận đủ)'} – ${esc(p.reason)}</p>`,
  );
  const apologies = state.apologies.map((a) => `<p data-apology=""><span class="label">Xin lỗi, hẹn lại:</span> ${esc(shortTime(a.new_appointment, zone))} (phiếu ngày ${esc(shortDate(a.at, zone))}) – ${esc(a.reason)}</p>`);
  const ended = state.ended_at
    ? `<p><span class="label">Kết quả giải quyết hồ sơ:</span> <b data-field="outcome">${esc(state.outcome && (state.status === 'resolved' || state.status === 'returned') ? outcomeNames[state.outcome] : statusNames[state.status])}</b>, lúc ${esc(shortTime(state.ended_at, zone))}</p>`
    : `<p><span class="label">Tình trạng:</span> <b data-field="outcome">${esc(statusNames[state.status])}</b></p>`;
  return [
    `<p class="sub">(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ ${esc(state.code)})</p>`,
    line('Người nộp hồ sơ', state.applicant.name),
    line('Thủ tục', wants, true),
    line('Cơ quan giải quyết hồ sơ', procedure.agency.name),
    coordinating.length ? line('Cơ quan, đơn vị phối hợp', coordinating.join('; ')) : '',
    `<p><span class="label">Nhận hồ sơ:</span> ${when(state.received_at, zone, { field: 'received' })} · <span class="label">Hẹn trả kết quả:</span> ${when(state.due, zone, { field: 'appointment' })} · <span class="label">Thời hạn:</span> ${esc(limitText(procedure.time_limit))}</p>`,
    '<table class="grid steps"><colgroup><col style="width: 5%"/><col style="width: 24%"/><col style="width: 13%"/><col style="width: 10%"/><col style="width: 10%"/><col style="width: 10%"/><col style="width: 10%"/><col style="width: 9%"/><col style="width: 9%"/></colgroup><thead><tr><th>STT</th><th>Bước xử lý, đơn vị</th><th>Cán bộ</th><th>Giao hồ sơ</th><th>Hoàn thành</th><th>Hạn xử lý</th><th>Kết quả</th><th>Ghi chú</th><th>Ký nhận</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
    ...waits,
    ...apologies,
    ended,
  ].join('\n');
}

/** "Từ ngày 01/01/2026 đến hết ngày 31/01/2026" (or with times, when the ends are not midnights). */
function periodText(from: Date, to: Date, zone: string): string {
  const midnight = (t: Date) => formatInZone(t, zone).slice(11, 19) === '00:00:00';
  if (midnight(from) && midnight(to)) return `Từ ngày ${shortDate(from, zone)} đến hết ngày ${shortDate(new Date(to.getTime() - 1), zone)}`;
  return `Từ ${shortTime(from, zone)} đến trước ${shortTime(to, zone)}`;
}

/** Form 07, the register of a unit: one row per dossier received in the period, A4 landscape. Refuses nothing. */
export function renderRegister(input: RegisterInput): string {
  const dir = new Directory(input.directory);
  const unit = dir.unit(input.unit);
  const result = (r: RegisterRow) => {
    const done = (r.status === 'resolved' || r.status === 'returned') && r.outcome ? ` – ${outcomeNames[r.outcome]}` : '';
    return `${statusNames[r.status]}${done}${r.overdue ? ' – quá hạn' : ''}`;
  };
  const rows = input.rows.map((r, i) => {
    const z = r.timeZone;
    const contact = [r.applicant.address, r.applicant.phone].filter((x): x is string => !!x);
    return [
      `<tr data-code="${esc(r.code)}">`,
      `<td class="c">${i + 1}</td>`,
      `<td>${esc(r.code).replace(/-/g, '-<wbr/>')}</td>`,
      `<td>${esc(r.procedureName)}<small>${esc(r.procedure)}</small></td>`,
      `<td>${esc(r.applicant.name)}${contact.length ? `<small>${esc(contact.join(' · '))}</small>` : ''}</td>`,
      `<td class="t" data-col="received">${when(r.received_at, z)}</td>`,
      `<td class="t" data-col="due">${when(r.due, z)}</td>`,
      `<td class="t" data-col="ended">${when(r.ended_at, z)}</td>`,
      `<td class="${r.outcome === 'late' || r.overdue ? 'late' : ''}">${esc(result(r))}</td>`,
      '<td></td>',
      '</tr>',
    ].join('');
  });
  const body = [
    `<p class="sub">${esc(periodText(input.from, input.to, input.timeZone))}</p>`,
    '<table class="grid register"><colgroup><col style="width: 4%"/><col style="width: 12%"/><col style="width: 22%"/><col style="width: 18%"/><col style="width: 8%"/><col style="width: 8%"/><col style="width: 8%"/><col style="width: 10%"/><col style="width: 10%"/></colgroup><thead><tr><th>STT</th><th>Mã hồ sơ</th><th>Thủ tục hành chính</th><th>Người nộp hồ sơ</th><th>Nhận hồ sơ</th><th>Hẹn trả kết quả</th><th>Kết thúc</th><th>Kết quả</th><th>Ký nhận, ghi chú</th></tr></thead>',
    `<tbody>${rows.length ? rows.join('\n') : '<tr><td class="empty" colspan="9">Không có hồ sơ nào được tiếp nhận trong kỳ.</td></tr>'}</tbody></table>`,
    `<p><span class="label">Tổng số:</span> <b data-field="count">${input.rows.length}</b> hồ sơ · lập lúc ${esc(shortTime(input.asOf, input.timeZone))}</p>`,
  ].join('\n');
  return page({ form: '07', size: 'A4 landscape', title: titles['07'], issuer: unit, parent: unit.parent ? dir.unit(unit.parent) : undefined, code: null, dated: longDate(input.asOf, input.timeZone), body });
}
