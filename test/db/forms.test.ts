// `tthc dossier form` through the built bin, on every engine: the seven forms of Circular
// 03/2025 filled from a fixture whose dates are worked out by hand below; refusals that exit 2
// with one line; --out. The pages are parsed as XML (they are well-formed on purpose), so the
// checks look at elements and attributes, not at whole strings.
//
// Calendar: Mon–Fri 07:30–11:30 and 13:30–17:30 (a day is 480 working minutes), no cut-off.
// Procedure 1.000001, agency so-xd (000.00.12.H06), limit 5d; steps receive 4h (desk quay-xd,
// under the centre) → appraise 2d → approve 1d (so-xd) → return 4h (desk quay-xd).
// Procedure 2.000002, agency xa-a (000.00.41.H06), limit 4h; steps at the centre and at xa-a.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallCatalog, tempCatalog, tthc } from '../helpers/cli.js';
import { dialects } from './dialects.js';

const catalog: Record<string, string> = {
  // The small catalog's calendar: Mon–Fri 07:30–11:30 and 13:30–17:30, 1/1 a holiday.
  'calendar.yaml': smallCatalog['calendar.yaml']!,
  'units.yaml': `kind: units
units:
  - { id: ubnd, name: UBND tỉnh Bắc Ninh, code: 000.00.00.H06, level: province }
  - { id: ttpvhcc, name: Trung tâm Phục vụ hành chính công tỉnh, code: 000.00.01.H06, level: province, parent: ubnd, centre: true }
  - { id: quay-xd, name: Quầy Sở Xây dựng tại Trung tâm, level: province, parent: ttpvhcc, phone: "0222 3822 121" }
  - { id: so-xd, name: Sở Xây dựng, code: 000.00.12.H06, level: province, parent: ubnd }
  - { id: xa-a, name: UBND xã An Bình, code: 000.00.41.H06, level: commune }
officials:
  - { id: qxd, name: Phạm Thị Quầy, unit: quay-xd, title: Chuyên viên }
  - { id: nva, name: Nguyễn Văn A, unit: so-xd, title: Chuyên viên, phone: "0222 3822 000" }
  - { id: ld, name: Lê Đức Duyệt, unit: so-xd, title: Phó Giám đốc }
`,
  'procedures/1.000001.yaml': `kind: procedure
code: "1.000001"
name: Cấp giấy phép xây dựng nhà ở riêng lẻ
agency: so-xd
field: Xây dựng
mechanism: one-stop
time_limit: 5d
effective_from: 2025-07-01
components:
  - { name: Đơn đề nghị cấp giấy phép, copies: 1, original: true }
  - { name: "Bản vẽ thiết kế <A3> & thuyết minh", copies: 2, optional: true }
steps:
  - { id: receive, name: Tiếp nhận, action: receive, unit: quay-xd, assignee: qxd, duration: 4h }
  - { id: appraise, name: Thẩm định, action: appraise, unit: so-xd, assignee: nva, duration: 2d }
  - { id: approve, name: Phê duyệt, action: approve, unit: so-xd, assignee: ld, duration: 1d }
  - { id: return, name: Trả kết quả, action: return, unit: quay-xd, assignee: qxd, duration: 4h }
`,
  'procedures/2.000002.yaml': `kind: procedure
code: "2.000002"
name: Chứng thực bản sao từ bản chính
agency: xa-a
field: Chứng thực
mechanism: one-stop
time_limit: 4h
effective_from: 2025-07-01
steps:
  - { id: receive, name: Tiếp nhận, action: receive, unit: ttpvhcc, duration: 1h }
  - { id: approve, name: Ký chứng thực, action: approve, unit: xa-a, duration: 2h }
  - { id: return, name: Trả kết quả, action: return, unit: ttpvhcc, duration: 1h }
`,
};

/** An element of a parsed page. */
interface El {
  tag: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, htmlEntities: true });

/** Every element of a page, in document order, each with its text content (descendants' in order). */
function elements(html: string): El[] {
  expect(XMLValidator.validate(html)).toBe(true);
  const all: El[] = [];
  // Returns the elements among `nodes` and the text they hold, in order.
  const walk = (nodes: Record<string, unknown>[]): { els: El[]; text: string } => {
    const els: El[] = [];
    let text = '';
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@');
      if (tag === undefined) continue;
      if (tag === '#text') {
        text += String(n[tag]);
        continue;
      }
      const el: El = { tag, attrs: (n[':@'] ?? {}) as Record<string, string>, children: [], text: '' };
      all.push(el);
      const inner = walk(n[tag] as Record<string, unknown>[]);
      el.children = inner.els;
      el.text = inner.text;
      els.push(el);
      text += inner.text;
    }
    return { els, text };
  };
  walk(parser.parse(html) as Record<string, unknown>[]);
  return all;
}

const byAttr = (els: El[], name: string, value?: string) => els.filter((e) => name in e.attrs && (value === undefined || e.attrs[name] === value));
const field = (els: El[], name: string) => {
  const found = byAttr(els, 'data-field', name);
  expect(found, `data-field=${name}`).toHaveLength(1);
  return found[0]!;
};
const pageSize = (html: string) => /@page\s*\{\s*size:\s*([^;]+);/.exec(html)?.[1];

describe.each(dialects)('$name', (dialect) => {
  const dir = tempCatalog(catalog);
  let url = '';
  const run = (...args: string[]) => tthc(['--db', url, '--catalog', '.', ...args], { cwd: dir });
  const ok = (...args: string[]) => {
    const r = run(...args);
    expect(r.stderr, args.join(' ')).toBe('');
    expect(r.status, args.join(' ')).toBe(0);
    return r.stdout;
  };
  const form = (...args: string[]) => ok('dossier', 'form', ...args);
  const refused = (pattern: RegExp, ...args: string[]) => {
    const r = run('dossier', 'form', ...args);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(pattern);
    expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  };
  /** Form NN of a dossier, parsed, after the checks every such page passes: its size, number and code. */
  const dossierPage = (code: string, nn: string, ...more: string[]) => {
    const html = form(code, '--form', nn, ...more);
    expect(pageSize(html)).toBe(nn === '06' ? 'A5 landscape' : 'A5 portrait');
    const els = elements(html);
    expect(byAttr(els, 'data-form', nn)).toHaveLength(1);
    expect(els.filter((e) => e.attrs['class'] === 'code').map((e) => e.text)).toEqual([`Mã hồ sơ: ${code}`]);
    return { html, els };
  };
  const A = '000.00.12.H06-260105-0001';
  const B = '000.00.12.H06-260106-0001';
  const C = '000.00.12.H06-260107-0001';
  const D = '000.00.41.H06-260107-0001';
  const E = '000.00.12.H06-260202-0001';

  beforeAll(async () => {
    url = await dialect.fresh();
    ok('catalog', 'load');
    // A: received Mon 5/1 09:00 at the desk; `receive` completes the receive step at once.
    ok('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Trần <Thị> & Bình', '--id-number', '001190012345', '--phone', '0912000111', '--address', '12 Ngõ Huế, phường Bắc Giang', '--by', 'qxd', '--at', '2026-01-05T09:00');
    ok('dossier', 'supplement', A, '--reason', 'Thiếu bản vẽ <A3>', '--item', 'Bản vẽ thiết kế', '--item', 'Giấy chứng nhận quyền sử dụng đất', '--by', 'nva', '--at', '2026-01-06T10:00');
    ok('dossier', 'resume', A, '--by', 'qxd', '--at', '2026-01-08T10:00');
    ok('dossier', 'complete', A, '--step', 'appraise', '--by', 'nva', '--at', '2026-01-08T16:00');
    ok('dossier', 'complete', A, '--step', 'approve', '--by', 'ld', '--at', '2026-01-12T08:00');
    ok('dossier', 'apologize', A, '--reason', 'Chờ ý kiến phối hợp', '--new-appointment', '2026-01-16T10:00', '--by', 'ld', '--at', '2026-01-12T08:30');
    ok('dossier', 'complete', A, '--step', 'return', '--by', 'qxd', '--note', 'Đã báo người nộp', '--at', '2026-01-12T11:00');
    // B refused, C stopped (received online, nobody's receipt), D at the commune, E in February.
    ok('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Đỗ Văn Cường', '--by', 'qxd', '--at', '2026-01-06T14:00');
    ok('dossier', 'refuse', B, '--reason', 'Hồ sơ không thuộc thẩm quyền & sai mẫu', '--by', 'nva', '--at', '2026-01-07T10:00');
    ok('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Vũ Thị Dung', '--channel', 'online', '--at', '2026-01-07T09:00');
    ok('dossier', 'stop', C, '--reason', 'Người nộp đề nghị dừng', '--by', 'ld', '--at', '2026-01-08T15:00');
    ok('dossier', 'receive', '--procedure', '2.000002', '--applicant', 'Mai Văn Em', '--at', '2026-01-07T10:00');
    ok('dossier', 'receive', '--procedure', '1.000001', '--applicant', 'Ngô Thị Phương', '--at', '2026-02-02T09:00');
  });
  afterAll(() => dialect.cleanup());

  it('01: the receipt slip with the applicant, components, receipt and appointment', () => {
    const { html, els } = dossierPage(A, '01', '--as-of', '2026-01-20');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(els.find((e) => e.tag === 'h1')!.text).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    // The applicant's name holds "<" and "&": escaped, it comes back as text, never as markup.
    expect(html).not.toContain('<Thị>');
    expect(els.filter((e) => e.attrs['class'] === 'name').map((e) => e.text)).toEqual(['Trần <Thị> & Bình', 'Phạm Thị Quầy']);
    for (const v of ['001190012345', '0912000111', '12 Ngõ Huế, phường Bắc Giang', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '5 ngày làm việc', 'Trực tiếp']) expect(html).toContain(v);
    // The procedure's two components, one a row, the second escaped too.
    const components = byAttr(els, 'data-component');
    expect(components).toHaveLength(2);
    expect(components[1]!.text).toContain('Bản vẽ thiết kế <A3> & thuyết minh');
    // Received Mon 5/1 09:00. Due: 5d = 2400 working minutes from Mon 09:00 (Mon 390, Tue 870,
    // Wed 1350, Thu 1830, Fri 2310, 90 more: Mon 12/1 09:00), moved later by the wait for the
    // supplement Tue 6/1 10:00 → Thu 8/1 10:00 = 90 + 240 + 480 + 150 = 960 minutes, two days:
    // Wed 14/1 09:00. The apology of 12/1 set a new appointment, Fri 16/1 10:00, shown apart.
    expect(field(els, 'received').attrs['datetime']).toBe('2026-01-05T09:00:00+07:00');
    expect(field(els, 'received').text).toBe('09 giờ 00 phút, ngày 05 tháng 01 năm 2026');
    expect(field(els, 'appointment').attrs['datetime']).toBe('2026-01-14T09:00:00+07:00');
    expect(field(els, 'appointment').text).toBe('09 giờ 00 phút, ngày 14 tháng 01 năm 2026');
    expect(field(els, 'new-appointment').attrs['datetime']).toBe('2026-01-16T10:00:00+07:00');
    // Nothing from elsewhere: no script, stylesheet link, font or image.
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:/);
  });

  it('01 of a dossier without an apology shows no new appointment; online receipt names nobody', () => {
    const { els } = dossierPage(C, '01');
    expect(byAttr(els, 'data-field', 'new-appointment')).toHaveLength(0);
    // C: Wed 7/1 09:00 + 5d = Wed 14/1 09:00 (five whole days later, same time).
    expect(field(els, 'appointment').attrs['datetime']).toBe('2026-01-14T09:00:00+07:00');
    expect(els.filter((e) => e.attrs['class'] === 'name').map((e) => e.text)).toEqual(['Vũ Thị Dung', '']);
    expect(els.some((e) => e.tag === 'p' && e.text.includes('Trực tuyến'))).toBe(true);
  });

  it('02: the latest supplement request, its items, reason and official', () => {
    const { html, els } = dossierPage(A, '02');
    expect(els.find((e) => e.tag === 'h1')!.text).toBe('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    expect(byAttr(els, 'data-item').map((e) => e.text)).toEqual(['Bản vẽ thiết kế', 'Giấy chứng nhận quyền sử dụng đất']);
    expect(field(els, 'reason').text).toBe('Thiếu bản vẽ <A3>');
    expect(field(els, 'requested').attrs['datetime']).toBe('2026-01-06T10:00:00+07:00');
    // Asked by nva of so-xd: the form comes from that unit, with its official's phone.
    expect(els.some((e) => e.attrs['class'] === 'agency' && e.text.includes('Sở Xây dựng'))).toBe(true);
    expect(html).toContain('0222 3822 000');
    expect(els.filter((e) => e.attrs['class'] === 'name').map((e) => e.text)).toEqual(['Trần <Thị> & Bình', 'Nguyễn Văn A']);
  });

  it('03: the refusal and its reason; a dossier not refused is refused the form', () => {
    const { els } = dossierPage(B, '03');
    expect(field(els, 'reason').text).toBe('Hồ sơ không thuộc thẩm quyền & sai mẫu');
    expect(field(els, 'refused').attrs['datetime']).toBe('2026-01-07T10:00:00+07:00');
    expect(field(els, 'received').attrs['datetime']).toBe('2026-01-06T14:00:00+07:00');
    refused(new RegExp(`^tthc: dossier ${A.replace(/\./g, '\\.')} is resolved: form 03 is for a refused dossier`), A, '--form', '03');
  });

  it('04: the apology, its reason and new appointment', () => {
    const { els } = dossierPage(A, '04');
    expect(els.find((e) => e.tag === 'h1')!.text).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(field(els, 'reason').text).toBe('Chờ ý kiến phối hợp');
    // The appointment the applicant held (the due time, Wed 14/1 09:00, as worked out for 01) and the new one.
    expect(field(els, 'appointment').attrs['datetime']).toBe('2026-01-14T09:00:00+07:00');
    expect(field(els, 'new-appointment').attrs['datetime']).toBe('2026-01-16T10:00:00+07:00');
    expect(field(els, 'new-appointment').text).toBe('10 giờ 00 phút, ngày 16 tháng 01 năm 2026');
    // Signed by the head of the agency responsible (Sở Xây dựng), whose heading it carries.
    expect(els.filter((e) => e.attrs['class'] === 'role').map((e) => e.text)).toEqual(['Thủ trưởng cơ quan']);
    expect(els.find((e) => e.attrs['class'] === 'agency')!.text).toContain('Sở Xây dựng');
    refused(/^tthc: dossier 000\.00\.12\.H06-260106-0001 is refused: it has no apology for form 04 to print$/, B, '--form', '04');
  });

  it('05: the notice of stop and its reason', () => {
    const { els } = dossierPage(C, '05');
    expect(field(els, 'reason').text).toBe('Người nộp đề nghị dừng');
    expect(field(els, 'stopped').attrs['datetime']).toBe('2026-01-08T15:00:00+07:00');
    refused(/dossier 000\.00\.12\.H06-260105-0001 is resolved: form 05 is for a stopped dossier/, A, '--form', '05');
  });

  it('02 of a dossier never asked to supplement is refused', () => {
    refused(/^tthc: dossier 000\.00\.12\.H06-260106-0001 is refused: it has no supplement request for form 02 to print$/, B, '--form', '02');
  });

  it('06: one row per step with unit, official, times, due and early / on time / late', () => {
    const { els } = dossierPage(A, '06', '--as-of', '2026-01-20');
    const rows = byAttr(els, 'data-step');
    expect(rows.map((r) => r.attrs['data-step'])).toEqual(['receive', 'appraise', 'approve', 'return']);
    const cell = (r: El, col: string) => r.children.find((c) => c.attrs['data-col'] === col)?.children[0]?.attrs['datetime'];
    const result = (r: El) => r.children.find((c) => 'data-result' in c.attrs)!;
    // receive: started Mon 5/1 09:00, 4h = 09:00–11:30 (150) + 13:30–15:00 (90): due Mon 15:00;
    //   completed 09:00 the same day, before due: on time (early needs an earlier day).
    // appraise: started Mon 09:00, 2d = 960; 540 run by the request Tue 10:00 (Mon 390 + Tue
    //   07:30–10:00 150), the clock stopped until Thu 10:00; 420 left: Thu 10:00–11:30 (90),
    //   13:30–17:30 (240), Fri 07:30 + 90 = Fri 9/1 09:00; completed Thu 8/1 16:00, a day before: early.
    // approve: started Thu 16:00, 1d = 480: Thu 90, Fri 07:30–11:30 240, 13:30 + 150 = Fri 9/1
    //   16:00; completed Mon 12/1 08:00: late.
    // return: started Mon 12/1 08:00, 4h = 08:00–11:30 (210) + 13:30–14:00 (30): due Mon 14:00;
    //   completed 11:00 the same day: on time.
    const expected = [
      ['2026-01-05T09:00:00+07:00', '2026-01-05T09:00:00+07:00', '2026-01-05T15:00:00+07:00', 'on_time', 'Đúng hạn'],
      ['2026-01-05T09:00:00+07:00', '2026-01-08T16:00:00+07:00', '2026-01-09T09:00:00+07:00', 'early', 'Trước hạn'],
      ['2026-01-08T16:00:00+07:00', '2026-01-12T08:00:00+07:00', '2026-01-09T16:00:00+07:00', 'late', 'Quá hạn'],
      ['2026-01-12T08:00:00+07:00', '2026-01-12T11:00:00+07:00', '2026-01-12T14:00:00+07:00', 'on_time', 'Đúng hạn'],
    ];
    expect(rows.map((r) => [cell(r, 'started'), cell(r, 'completed'), cell(r, 'due'), result(r).attrs['data-result'], result(r).text])).toEqual(expected);
    // Unit and official of each step: the desk's official received and returned, nva appraised, ld approved.
    expect(rows.map((r) => r.children[2]!.text)).toEqual(['Phạm Thị Quầy', 'Nguyễn Văn A', 'Lê Đức Duyệt', 'Phạm Thị Quầy']);
    expect(rows[1]!.children[1]!.text).toContain('Sở Xây dựng');
    expect(rows[3]!.text).toContain('Đã báo người nộp');
    // The wait and the apology under the table; the dossier ended Mon 12/1 11:00, before Wed 14/1: early.
    expect(byAttr(els, 'data-wait')).toHaveLength(1);
    expect(byAttr(els, 'data-apology')).toHaveLength(1);
    expect(field(els, 'outcome').text).toBe('Trước hạn');
  });

  it('06 of a stopped dossier: the step cut short is marked so, the pending ones blank', () => {
    const { els } = dossierPage(C, '06');
    const marks = byAttr(els, 'data-step').map((r) => r.children.find((c) => 'data-result' in c.attrs)!.attrs['data-result']);
    // C was received online with --by absent: the receive step was still completed at receipt.
    expect(marks).toEqual(['on_time', 'cut', 'pending', 'pending']);
    expect(field(els, 'outcome').text).toBe('Dừng giải quyết');
  });

  it('07: the register of a unit for a period: its dossiers in order of receipt, and no others', () => {
    const register = (unit: string, from: string, to: string) => {
      const html = form('--form', '07', '--unit', unit, '--from', from, '--to', to, '--as-of', '2026-03-01');
      expect(pageSize(html)).toBe('A4 landscape');
      return elements(html);
    };
    const codes = (els: El[]) => byAttr(els, 'data-code').map((e) => e.attrs['data-code']);
    const jan = register('so-xd', '2026-01-01', '2026-02-01');
    expect(codes(jan)).toEqual([A, B, C]);
    expect(field(jan, 'count').text).toBe('3');
    expect(jan.some((e) => e.tag === 'p' && e.text === 'Từ ngày 01/01/2026 đến hết ngày 31/01/2026')).toBe(true);
    const a = byAttr(jan, 'data-code', A)[0]!;
    const at = (col: string) => a.children.find((c) => c.attrs['data-col'] === col)!.children[0]!.attrs['datetime'];
    // Received Mon 5/1 09:00, due Wed 14/1 09:00 (see 01), ended Mon 12/1 11:00: early.
    expect([at('received'), at('due'), at('ended')]).toEqual(['2026-01-05T09:00:00+07:00', '2026-01-14T09:00:00+07:00', '2026-01-12T11:00:00+07:00']);
    expect(a.text).toContain('Trần <Thị> & Bình');
    expect(a.text).toContain('Đã giải quyết – Trước hạn');
    expect(byAttr(jan, 'data-code', B)[0]!.text).toContain('Từ chối');
    // The commune's dossier only in its own register; the centre's lists what its desks received
    // (A, B, C at the Sở Xây dựng desk under it, D at the centre itself); February apart.
    expect(codes(register('xa-a', '2026-01-01', '2026-02-01'))).toEqual([D]);
    expect(codes(register('ttpvhcc', '2026-01-01', '2026-02-01'))).toEqual([A, B, C, D]);
    expect(codes(register('so-xd', '2026-02-01', '2026-03-01'))).toEqual([E]);
    const none = register('xa-a', '2026-02-01', '2026-03-01');
    expect(codes(none)).toEqual([]);
    expect(field(none, 'count').text).toBe('0');
  });

  it('refuses what does not fit: exit 2, one line', () => {
    refused(/form 07 is the register of a unit/, A, '--form', '07', '--unit', 'so-xd');
    refused(/--unit is required for form 07/, '--form', '07');
    refused(/form 01 needs the dossier's code/, '--form', '01');
    refused(/--unit is only for form 07/, A, '--form', '01', '--unit', 'so-xd');
    refused(/--form is required/, A);
    refused(/--unit so-x: no such unit in the catalog; did you mean "so-xd"\?/, '--form', '07', '--unit', 'so-x');
    refused(/no dossier 000\.00\.12\.H06-260105-0999/, '000.00.12.H06-260105-0999', '--form', '01');
    refused(/08/, A, '--form', '08');
    refused(/--from .* must be before --to/, '--form', '07', '--unit', 'so-xd', '--from', '2026-02-01', '--to', '2026-01-01');
  });

  it('--out writes the file, and never over one without --force', () => {
    const out = join(dir, 'phieu-01.html');
    const r = run('dossier', 'form', A, '--form', '01', '--out', 'phieu-01.html');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    // The notice names the file and the form, not the applicant.
    expect(r.stderr).not.toContain('Trần');
    expect(existsSync(out)).toBe(true);
    const els = elements(readFileSync(out, 'utf8'));
    expect(els.some((e) => e.attrs['class'] === 'code' && e.text.includes(A))).toBe(true);
    refused(/phieu-01\.html exists; use --force/, A, '--form', '01', '--out', 'phieu-01.html');
    expect(run('dossier', 'form', A, '--form', '06', '--out', 'phieu-01.html', '--force').status).toBe(0);
    expect(byAttr(elements(readFileSync(out, 'utf8')), 'data-form', '06')).toHaveLength(1);
    refused(/^tthc: cannot write no-such-folder\/x\.html: no such folder$/, A, '--form', '01', '--out', 'no-such-folder/x.html');
  });
});
