// `dossier show` for a terminal. The views are written by hand (as `dossierView` would give them
// for the calendar of calendar.test.ts: 07:30–11:30 and 13:30–17:30, 480 minutes a day), and the
// expected lines are worked out from them, never taken from the program.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { redactView, type DossierView, type StepView } from '../../src/dossier/view.js';
import { stepRanks } from '../../src/dossier/procedure.js';
import { dossierChart, dossierTimeline, stepProgressState } from '../../src/output/dossier.js';
import { labels } from '../../src/output/labels.js';

const plain = new Chalk({ level: 0 });
const vi = labels('vi');
const en = labels('en');

const base = {
  procedure: '1.009794',
  procedure_version: 1,
  ended_at: null,
  outcome: null,
  overdue: false,
  supplements: 0,
  time_limit: '4d',
  on_supplement: 'pause',
  clock_stopped: false,
  pauses: [],
  apologies: [],
  appointment: null,
  end_reason: null,
  returned_at: null,
  returned_to: null,
  rating: null,
} as const satisfies Partial<DossierView>;

const pending = (id: string, name: string, unit: string, duration: string): StepView => ({
  id,
  status: 'pending',
  unit,
  official: null,
  started_at: null,
  due: null,
  completed_at: null,
  late: false,
  name,
  action: 'approve',
  duration,
  used_minutes: null,
  left_minutes: null,
  note: null,
});

// Received Mon 05/01 09:00; as of Tue 06/01 13:30. Used: Mon 09:00–11:30 (150) + 13:30–17:30 (240)
// + Tue 07:30–11:30 (240) = 630 = 1d 2h 30min. Due 4d (1920) from 09:00 Mon = Fri 09/01 09:00;
// left 1920 − 630 = 1290 = 2d 5h 30min. Appraisal (3d) from 09:00 Mon: due Thu 08/01 09:00, left
// 1440 − 630 = 810 = 1d 5h 30min.
const running: DossierView = {
  ...base,
  code: '000.00.12.H57-260105-0001',
  status: 'in_progress',
  received_at: '2026-01-05T09:00:00+07:00',
  due: '2026-01-09T09:00:00+07:00',
  as_of: '2026-01-06T13:30:00+07:00',
  used_minutes: 630,
  left_minutes: 1290,
  current_steps: ['appraise'],
  steps: [
    {
      id: 'appraise',
      status: 'running',
      unit: 'so-xd',
      official: 'nva',
      started_at: '2026-01-05T09:00:00+07:00',
      due: '2026-01-08T09:00:00+07:00',
      completed_at: null,
      late: false,
      name: 'Thẩm định hồ sơ',
      action: 'appraise',
      duration: '3d',
      used_minutes: 630,
      left_minutes: 810,
      note: null,
    },
    pending('approve', 'Phê duyệt', 'ubnd', '1d'),
  ],
};

/** Lines of the output. */
const lines = (out: string) => out.split('\n');
/** The header line of a label: label and value with the padding collapsed. */
const header = (out: string, label: string) => {
  const line = lines(out).find((x) => x.startsWith(`${label} `));
  return line?.replace(/ {2,}/g, '  ');
};
/** The cells of the grid line holding `text` (first line of a step's row), trimmed. */
const row = (out: string, text: string) => {
  const line = lines(out).find((x) => x.includes('│') && x.includes(text));
  return line?.split('│').map((x) => x.trim());
};

const step = (s: Partial<StepView> & Pick<StepView, 'id' | 'name' | 'unit' | 'duration' | 'status'>): StepView => ({
  official: null,
  started_at: null,
  due: null,
  completed_at: null,
  late: false,
  action: 'appraise',
  used_minutes: null,
  left_minutes: null,
  note: null,
  ...s,
});

// Received Mon 28/12/2026 09:00, limit 3d (1440): due Thu 31/12 09:00. Fri 01/01/2027 is a holiday.
// receive 4h from 09:00: 150 to 11:30 + 90 = 15:00; done 10:00, used 60.
// appraise 2d (960) from Mon 10:00: 330 Mon + 480 Tue + 150 Wed = Wed 30/12 10:00; done 14:45:
//   used 960 + 90 (10:00–11:30) + 75 (13:30–14:45) = 1125, late 165 = 2h 45min.
// approve 1d from Wed 14:45: 165 Wed + 315 Thu (240 + 75) = Thu 31/12 14:45; done Thu 11:00:
//   used 165 + 210 = 375 = 6h 15min.
// return 4h from Thu 11:00: 30 + 210 = 17:00; done Mon 04/01/2027 08:00: used 30 + 240 + 30 = 300,
//   late 60 = 1h. The dossier: used 1440 + 150 + 240 + 30 = 1860 = 3d 7h.
const resolvedLate: DossierView = {
  ...base,
  code: '000.00.12.H57-261228-0007',
  time_limit: '3d',
  status: 'resolved',
  received_at: '2026-12-28T09:00:00+07:00',
  due: '2026-12-31T09:00:00+07:00',
  ended_at: '2027-01-04T08:00:00+07:00',
  outcome: 'late',
  as_of: '2027-01-05T09:00:00+07:00',
  used_minutes: 1860,
  left_minutes: null,
  current_steps: [],
  steps: [
    step({ id: 'receive', name: 'Tiếp nhận hồ sơ', unit: 'bp-mc', duration: '4h', status: 'completed', official: 'ttb', started_at: '2026-12-28T09:00:00+07:00', due: '2026-12-28T15:00:00+07:00', completed_at: '2026-12-28T10:00:00+07:00', used_minutes: 60 }),
    step({ id: 'appraise', name: 'Thẩm định hồ sơ', unit: 'so-xd', duration: '2d', status: 'completed', official: 'nva', started_at: '2026-12-28T10:00:00+07:00', due: '2026-12-30T10:00:00+07:00', completed_at: '2026-12-30T14:45:00+07:00', late: true, used_minutes: 1125 }),
    step({ id: 'approve', name: 'Phê duyệt', unit: 'ubnd', duration: '1d', status: 'completed', official: 'lvc', started_at: '2026-12-30T14:45:00+07:00', due: '2026-12-31T14:45:00+07:00', completed_at: '2026-12-31T11:00:00+07:00', used_minutes: 375 }),
    step({ id: 'return', name: 'Trả kết quả', unit: 'bp-mc', duration: '4h', status: 'completed', official: 'ttb', started_at: '2026-12-31T11:00:00+07:00', due: '2026-12-31T17:00:00+07:00', completed_at: '2027-01-04T08:00:00+07:00', late: true, used_minutes: 300 }),
  ],
};

// Received Mon 05/01 09:00, limit 2d: due Wed 07/01 09:00; as of Thu 08/01 10:00.
// Late by Wed 09:00–11:30 150 + 240 + Thu 07:30–10:00 150 = 540 = 1d 1h; used 960 + 540 = 1500.
// appraise 1d from Mon 09:00: due Tue 06/01 09:00; late by 150 + 240 + 480 + 150 = 1020 = 2d 1h.
const overdue: DossierView = {
  ...base,
  code: '000.00.12.H57-260105-0002',
  time_limit: '2d',
  status: 'in_progress',
  received_at: '2026-01-05T09:00:00+07:00',
  due: '2026-01-07T09:00:00+07:00',
  overdue: true,
  as_of: '2026-01-08T10:00:00+07:00',
  used_minutes: 1500,
  left_minutes: -540,
  current_steps: ['appraise'],
  apologies: [{ at: '2026-01-07T10:00:00+07:00', by: 'nva', reason: 'Hồ sơ phức tạp', new_appointment: '2026-01-09T16:00:00+07:00' }],
  appointment: '2026-01-09T16:00:00+07:00',
  steps: [
    step({ id: 'appraise', name: 'Thẩm định hồ sơ', unit: 'so-xd', duration: '1d', status: 'running', official: 'nva', started_at: '2026-01-05T09:00:00+07:00', due: '2026-01-06T09:00:00+07:00', late: true, used_minutes: 1500, left_minutes: -1020 }),
    pending('approve', 'Phê duyệt', 'ubnd', '4h'),
  ],
};

// Received Mon 05/01 09:00, limit 4d; supplement asked Tue 06/01 10:00, as of Wed 07/01 09:00.
// Used: 390 Mon + 150 Tue = 540; left 1920 − 540 = 1380 = 2d 7h; due moved up to as of + 1380:
// Wed 390 + Thu 480 + Fri 480 = 1350, Mon 12/01 07:30 + 30 = 08:00. appraise 3d: 1440 − 540 = 900
// left, from Wed 09:00: 390 + 480 + 30 = Fri 09/01 08:00.
const awaiting: DossierView = {
  ...base,
  code: '000.00.12.H57-260105-0003',
  status: 'awaiting_supplement',
  received_at: '2026-01-05T09:00:00+07:00',
  due: '2026-01-12T08:00:00+07:00',
  supplements: 1,
  clock_stopped: true,
  pauses: [{ from: '2026-01-06T10:00:00+07:00', to: null, reason: 'Thiếu bản vẽ', items: ['Bản vẽ mặt bằng'], by: 'nva' }],
  as_of: '2026-01-07T09:00:00+07:00',
  used_minutes: 540,
  left_minutes: 1380,
  current_steps: ['appraise'],
  steps: [
    step({ id: 'appraise', name: 'Thẩm định hồ sơ', unit: 'so-xd', duration: '3d', status: 'running', official: 'nva', started_at: '2026-01-05T09:00:00+07:00', due: '2026-01-09T08:00:00+07:00', used_minutes: 540, left_minutes: 900 }),
    pending('approve', 'Phê duyệt', 'ubnd', '1d'),
  ],
};

// Received Mon 05/01 09:00, limit 4d, as of Tue 06/01 09:00: used 390 + 90 = 480 = 1d, left 3d.
// receive done 09:30 (30min). From 09:30 two branches: fire 2d (960: 360 Mon + 480 Tue + 120 Wed
// = Wed 07/01 09:30), used 360 + 90 = 450 = 7h 30min, left 510 = 1d 30min; env 1d (Tue 06/01
// 09:30), used 450, left 30min.
const parallel: DossierView = {
  ...base,
  code: '000.00.12.H57-260105-0004',
  status: 'in_progress',
  received_at: '2026-01-05T09:00:00+07:00',
  due: '2026-01-09T09:00:00+07:00',
  as_of: '2026-01-06T09:00:00+07:00',
  used_minutes: 480,
  left_minutes: 1440,
  current_steps: ['fire', 'env'],
  steps: [
    step({ id: 'receive', name: 'Tiếp nhận hồ sơ', unit: 'bp-mc', duration: '4h', status: 'completed', official: 'ttb', started_at: '2026-01-05T09:00:00+07:00', due: '2026-01-05T15:00:00+07:00', completed_at: '2026-01-05T09:30:00+07:00', used_minutes: 30 }),
    step({ id: 'fire', name: 'Thẩm duyệt PCCC', unit: 'cong-an', duration: '2d', status: 'running', official: 'pvd', started_at: '2026-01-05T09:30:00+07:00', due: '2026-01-07T09:30:00+07:00', used_minutes: 450, left_minutes: 510 }),
    step({ id: 'env', name: 'Ý kiến môi trường', unit: 'so-tnmt', duration: '1d', status: 'running', started_at: '2026-01-05T09:30:00+07:00', due: '2026-01-06T09:30:00+07:00', used_minutes: 450, left_minutes: 30 }),
    pending('approve', 'Phê duyệt', 'ubnd', '1d'),
  ],
};

describe('dossierTimeline, plain', () => {
  it('prints a running dossier: header, the running step with time left, the pending step', () => {
    const out = dossierTimeline(running, vi, plain);
    expect(lines(out)[0]).toBe('000.00.12.H57-260105-0001');
    expect(header(out, 'Thủ tục')).toBe('Thủ tục  1.009794 (phiên bản 1)');
    expect(header(out, 'Trạng thái')).toBe('Trạng thái  Đang xử lý');
    expect(header(out, 'Tiếp nhận')).toBe('Tiếp nhận  05/01 09:00');
    expect(header(out, 'Hạn')).toBe('Hạn  09/01 09:00');
    expect(header(out, 'Yêu cầu bổ sung')).toBe('Yêu cầu bổ sung  0 lần');
    expect(header(out, 'Đã dùng')).toBe('Đã dùng  1d 2h 30min');
    expect(header(out, 'Còn lại')).toBe('Còn lại  2d 5h 30min');
    expect(header(out, 'Tính đến')).toBe('Tính đến  06/01 13:30');
    for (const absent of ['Kết thúc', 'Tiến độ', 'Hẹn trả mới', 'Dừng tính giờ từ']) expect(header(out, absent)).toBeUndefined();
    expect(row(out, 'Bước')).toEqual(['', 'Bước', 'Đơn vị', 'Người xử lý', 'Bắt đầu', 'Hạn', 'Hoàn thành', 'Đã dùng', 'Còn lại']);
    expect(row(out, 'Thẩm định hồ sơ')).toEqual(['▶', 'Thẩm định hồ sơ', 'so-xd', 'nva', '05/01 09:00', '08/01 09:00', '', '1d 2h 30min', '1d 5h 30min']);
    expect(row(out, 'appraise')?.[1]).toBe('appraise');
    expect(row(out, 'Phê duyệt')).toEqual(['·', 'Phê duyệt', 'ubnd', '', '', '', '', '', '']);
    expect(out.indexOf('Thẩm định')).toBeLessThan(out.indexOf('Phê duyệt'));
    expect(out).not.toMatch(/\u001b\[/);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('prints a resolved late dossier: end, outcome, no time left, late steps with how late, years that differ', () => {
    const out = dossierTimeline(resolvedLate, vi, plain);
    expect(header(out, 'Trạng thái')).toBe('Trạng thái  Đã giải quyết');
    expect(header(out, 'Tiếp nhận')).toBe('Tiếp nhận  28/12 09:00');
    expect(header(out, 'Hạn')).toBe('Hạn  31/12 09:00');
    expect(header(out, 'Kết thúc')).toBe('Kết thúc  04/01/2027 08:00');
    expect(header(out, 'Tiến độ')).toBe('Tiến độ  Quá hạn');
    expect(header(out, 'Đã dùng')).toBe('Đã dùng  3d 7h');
    expect(header(out, 'Còn lại')).toBeUndefined();
    expect(header(out, 'Tính đến')).toBeUndefined();
    expect(row(out, 'Tiếp nhận hồ sơ')).toEqual(['✓', 'Tiếp nhận hồ sơ', 'bp-mc', 'ttb', '28/12 09:00', '28/12 15:00', '28/12 10:00', '1h', '']);
    expect(row(out, 'Thẩm định hồ sơ')).toEqual(['✗', 'Thẩm định hồ sơ', 'so-xd', 'nva', '28/12 10:00', '30/12 10:00', '30/12 14:45', '2d 2h 45min', 'trễ 2h 45min']);
    expect(row(out, 'Phê duyệt')).toEqual(['✓', 'Phê duyệt', 'ubnd', 'lvc', '30/12 14:45', '31/12 14:45', '31/12 11:00', '6h 15min', '']);
    expect(row(out, 'Trả kết quả')).toEqual(['✗', 'Trả kết quả', 'bp-mc', 'ttb', '31/12 11:00', '31/12 17:00', '04/01/2027 08:00', '5h', 'trễ 1h']);
  });

  it('prints an overdue dossier: OVERDUE on the due line, how late, the apology, the step running late', () => {
    const out = dossierTimeline(overdue, vi, plain);
    expect(header(out, 'Trạng thái')).toBe('Trạng thái  Đang xử lý');
    expect(header(out, 'Hạn')).toBe('Hạn  07/01 09:00  QUÁ HẠN');
    expect(header(out, 'Đã dùng')).toBe('Đã dùng  3d 1h');
    expect(header(out, 'Còn lại')).toBe('Còn lại  trễ 1d 1h');
    expect(header(out, 'Hẹn trả mới')).toBe('Hẹn trả mới  09/01 16:00');
    expect(header(out, 'Lý do xin lỗi')).toBe('Lý do xin lỗi  Hồ sơ phức tạp');
    expect(row(out, 'Thẩm định hồ sơ')).toEqual(['▶', 'Thẩm định hồ sơ', 'so-xd', 'nva', '05/01 09:00', '06/01 09:00', '', '3d 1h', 'trễ 2d 1h']);
    expect(row(out, 'Phê duyệt')?.[0]).toBe('·');
  });

  it('prints a dossier awaiting a supplement: the status, the count, since when the clock stopped', () => {
    const out = dossierTimeline(awaiting, vi, plain);
    expect(header(out, 'Trạng thái')).toBe('Trạng thái  Chờ bổ sung');
    expect(header(out, 'Hạn')).toBe('Hạn  12/01 08:00');
    expect(header(out, 'Yêu cầu bổ sung')).toBe('Yêu cầu bổ sung  1 lần');
    expect(header(out, 'Dừng tính giờ từ')).toBe('Dừng tính giờ từ  06/01 10:00');
    expect(header(out, 'Đã dùng')).toBe('Đã dùng  1d 1h');
    expect(header(out, 'Còn lại')).toBe('Còn lại  2d 7h');
    expect(header(out, 'Lý do bổ sung')).toBe('Lý do bổ sung  Thiếu bản vẽ (Bản vẽ mặt bằng)');
    expect(row(out, 'Thẩm định hồ sơ')).toEqual(['▶', 'Thẩm định hồ sơ', 'so-xd', 'nva', '05/01 09:00', '09/01 08:00', '', '1d 1h', '1d 7h']);
  });

  it('prints parallel branches as two running steps', () => {
    const out = dossierTimeline(parallel, vi, plain);
    expect(header(out, 'Đã dùng')).toBe('Đã dùng  1d');
    expect(header(out, 'Còn lại')).toBe('Còn lại  3d');
    expect(row(out, 'Tiếp nhận hồ sơ')).toEqual(['✓', 'Tiếp nhận hồ sơ', 'bp-mc', 'ttb', '05/01 09:00', '05/01 15:00', '05/01 09:30', '30min', '']);
    expect(row(out, 'Thẩm duyệt PCCC')).toEqual(['▶', 'Thẩm duyệt PCCC', 'cong-an', 'pvd', '05/01 09:30', '07/01 09:30', '', '7h 30min', '1d 30min']);
    expect(row(out, 'Ý kiến môi trường')).toEqual(['▶', 'Ý kiến môi trường', 'so-tnmt', '', '05/01 09:30', '06/01 09:30', '', '7h 30min', '30min']);
    expect(row(out, 'Phê duyệt')?.[0]).toBe('·');
  });

  it('prints English labels with --lang en', () => {
    const out = dossierTimeline(running, en, plain);
    expect(header(out, 'Procedure')).toBe('Procedure  1.009794 (version 1)');
    expect(header(out, 'Status')).toBe('Status  In progress');
    expect(header(out, 'Received')).toBe('Received  05/01 09:00');
    expect(header(out, 'Due')).toBe('Due  09/01 09:00');
    expect(header(out, 'Supplement requests')).toBe('Supplement requests  0');
    expect(header(out, 'Time used')).toBe('Time used  1d 2h 30min');
    expect(header(out, 'Time left')).toBe('Time left  2d 5h 30min');
    expect(row(out, 'Step')).toEqual(['', 'Step', 'Unit', 'Official', 'Started', 'Due', 'Completed', 'Time used', 'Time left']);
    const late = dossierTimeline(overdue, en, plain);
    expect(header(late, 'Due')).toBe('Due  07/01 09:00  OVERDUE');
    expect(header(late, 'Time left')).toBe('Time left  1d 1h late');
    expect(header(late, 'New appointment')).toBe('New appointment  09/01 16:00');
    expect(header(dossierTimeline(resolvedLate, en, plain), 'Outcome')).toBe('Outcome  Late');
    expect(header(dossierTimeline(awaiting, en, plain), 'Status')).toBe('Status  Awaiting supplement');
  });

  it('has a word for every status and outcome in both languages', () => {
    const statuses = ['in_progress', 'awaiting_supplement', 'resolved', 'returned', 'refused', 'withdrawn', 'stopped'] as const;
    expect(statuses.map((s) => vi.statuses[s])).toEqual(['Đang xử lý', 'Chờ bổ sung', 'Đã giải quyết', 'Đã trả kết quả', 'Từ chối', 'Rút hồ sơ', 'Dừng xử lý']);
    expect((['early', 'on_time', 'late'] as const).map((o) => vi.outcomes[o])).toEqual(['Trước hạn', 'Đúng hạn', 'Quá hạn']);
    for (const s of statuses) expect(header(dossierTimeline({ ...running, status: s }, en, plain), 'Status')).toBe(`Status  ${en.statuses[s]}`);
  });
});

// The resolved late dossier with every free text set: a refusal-like end reason, a note on a
// step, the return to someone else, a rating comment, a closed wait and an apology.
const withTexts: DossierView = {
  ...resolvedLate,
  supplements: 1,
  pauses: [{ from: '2026-12-28T11:00:00+07:00', to: '2026-12-28T13:30:00+07:00', reason: 'Thiếu sổ đỏ', items: ['Sổ đỏ bản sao', 'CCCD'], by: 'ttb' }],
  apologies: [{ at: '2026-12-31T10:00:00+07:00', by: 'nva', reason: 'Chờ ý kiến', new_appointment: '2027-01-04T08:00:00+07:00' }],
  appointment: '2027-01-04T08:00:00+07:00',
  end_reason: 'Đã xong',
  returned_to: 'Con trai ông An',
  rating: { at: '2027-01-05T08:00:00+07:00', score: 4, comment: 'Cán bộ nhiệt tình' },
  steps: resolvedLate.steps.map((s) => (s.id === 'appraise' ? { ...s, note: 'Đã gọi cho ông An' } : s)),
};
const texts = ['Thiếu sổ đỏ', 'Sổ đỏ bản sao', 'CCCD', 'Chờ ý kiến', 'Đã xong', 'Con trai ông An', 'Cán bộ nhiệt tình', 'Đã gọi cho ông An'];

describe('free texts and --redact (redactView)', () => {
  it('shows the latest supplement reason with its items, the apology reason, end reason, to whom, rating and step notes', () => {
    const out = dossierTimeline(withTexts, vi, plain);
    expect(header(out, 'Lý do bổ sung')).toBe('Lý do bổ sung  Thiếu sổ đỏ (Sổ đỏ bản sao; CCCD)');
    expect(header(out, 'Lý do xin lỗi')).toBe('Lý do xin lỗi  Chờ ý kiến');
    expect(header(out, 'Lý do kết thúc')).toBe('Lý do kết thúc  Đã xong');
    expect(header(out, 'Trả cho')).toBe('Trả cho  Con trai ông An');
    expect(header(out, 'Đánh giá')).toBe('Đánh giá  4/5 · Cán bộ nhiệt tình');
    expect(lines(out)).toContain('Ghi chú appraise: Đã gọi cho ông An');
  });

  it('replaces every free text by the marker, keeps keys, nulls, counts and the rest', () => {
    const r = redactView(withTexts, '[ẩn]');
    expect(r.pauses).toEqual([{ ...withTexts.pauses[0]!, reason: '[ẩn]', items: ['[ẩn]', '[ẩn]'] }]);
    expect(r.apologies).toEqual([{ ...withTexts.apologies[0]!, reason: '[ẩn]' }]);
    expect([r.end_reason, r.returned_to, r.rating]).toEqual(['[ẩn]', '[ẩn]', { ...withTexts.rating!, comment: '[ẩn]' }]);
    expect(r.steps.map((s) => s.note)).toEqual([null, '[ẩn]', null, null]);
    expect(Object.keys(r)).toEqual(Object.keys(withTexts));
    const { steps, pauses, apologies, end_reason, returned_to, rating, ...rest } = r;
    const { steps: s0, pauses: p0, apologies: a0, end_reason: e0, returned_to: t0, rating: r0, ...rest0 } = withTexts;
    expect(rest).toEqual(rest0);
    // Nothing to hide stays null: a dossier without texts is unchanged.
    expect(redactView(resolvedLate, '[ẩn]')).toEqual(resolvedLate);
    const json = JSON.stringify(r);
    for (const t of texts) expect(json).not.toContain(t);
  });

  it('the terminal shows the marker in place of each text, in both languages', () => {
    const out = dossierTimeline(redactView(withTexts, vi.redacted), vi, plain);
    for (const t of texts) expect(out).not.toContain(t);
    expect(header(out, 'Lý do bổ sung')).toBe('Lý do bổ sung  [ẩn] ([ẩn]; [ẩn])');
    expect(header(out, 'Đánh giá')).toBe('Đánh giá  4/5 · [ẩn]');
    expect(lines(out)).toContain('Ghi chú appraise: [ẩn]');
    const en_ = dossierTimeline(redactView(withTexts, en.redacted), en, plain);
    expect(header(en_, 'End reason')).toBe('End reason  [redacted]');
  });
});

describe('dossierTimeline, in colour', () => {
  const color = new Chalk({ level: 1 });
  const red = '\u001b[31m';
  const dueLine = (out: string) => lines(out).find((x) => x.includes('Hạn') && !x.startsWith('│'))!;

  it('paints the due of an overdue dossier red, and its late running step red', () => {
    const out = dossierTimeline(overdue, vi, color);
    expect(dueLine(out)).toContain(`${red}`);
    expect(dueLine(out).indexOf(red)).toBeLessThan(dueLine(out).indexOf('07/01 09:00'));
    expect(dueLine(out)).toContain('QUÁ HẠN');
    expect(lines(out).find((x) => x.includes('Thẩm định'))).toContain(`${red}▶`);
  });

  it('leaves the due of a dossier on time uncoloured, the running mark yellow, pending dim', () => {
    const out = dossierTimeline(running, vi, color);
    expect(dueLine(out)).not.toContain(red);
    expect(lines(out).find((x) => x.includes('Thẩm định'))).toContain('\u001b[33m▶');
    expect(lines(out).find((x) => x.includes('Phê duyệt'))).toContain('\u001b[2m·');
  });

  it('marks steps done on time green and late red', () => {
    const out = dossierTimeline(resolvedLate, vi, color);
    expect(lines(out).find((x) => x.includes('Phê duyệt'))).toContain('\u001b[32m✓');
    expect(lines(out).find((x) => x.includes('Thẩm định'))).toContain(`${red}✗`);
  });
});

describe('dossierChart: one line per step, in the order steps can run', () => {
  /** The chart's line of step `n`, spaces collapsed. */
  const chartLine = (out: string, n: number) => lines(out).find((x) => x.includes(` ${n}. `))?.replace(/ {2,}/g, '  ');

  it('brackets parallel branches; bars of time used against the budget; the state in words', () => {
    const ranks = new Map([['receive', 0], ['fire', 1], ['env', 1], ['approve', 2]]);
    const out = dossierChart(parallel, ranks, vi, plain);
    expect(lines(out)[0]).toBe('Tiến trình');
    // receive: 30 of 4h (240) = 1.25 cells → 1; fire: 450 of 2d (960) = 4.7 → 5; env: 450 of
    // 1d (480) = 9.4 → 9; approve not started.
    expect(chartLine(out, 1)).toBe('  ✓ 1. Tiếp nhận hồ sơ  █░░░░░░░░░  05/01 09:00 → 05/01 09:30  Xong đúng hạn');
    expect(chartLine(out, 2)).toBe('┌ ▶ 2. Thẩm duyệt PCCC  █████░░░░░  05/01 09:30 →  Đang xử lý');
    expect(chartLine(out, 3)).toBe('└ ▶ 3. Ý kiến môi trường  █████████░  05/01 09:30 →  Đang xử lý');
    expect(chartLine(out, 4)).toBe('  · 4. Phê duyệt  ░░░░░░░░░░  Chưa xử lý');
    expect(lines(out)).toContain('┌ └ các bước làm song song');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('orders by rank, then by the procedure’s order; no bracket line without parallel steps', () => {
    // approve listed second but ranked after appraise.
    const view: DossierView = { ...running, steps: [running.steps[1]!, running.steps[0]!] };
    const out = dossierChart(view, new Map([['appraise', 0], ['approve', 1]]), en, plain);
    const [first, second] = lines(out).slice(1, 3);
    expect(first).toMatch(/^ {2}▶ 2\. Thẩm định hồ sơ/);
    expect(second).toMatch(/^ {2}· 1\. Phê duyệt .*Not being worked on$/);
    expect(out).not.toContain('parallel');
  });

  it('states: late completions and overdue running steps; a step cut off by a refusal is not running', () => {
    expect(resolvedLate.steps.map((x) => stepProgressState(x, resolvedLate))).toEqual(['completed_on_time', 'completed_late', 'completed_on_time', 'completed_late']);
    expect(overdue.steps.map((x) => stepProgressState(x, overdue))).toEqual(['running_overdue', 'pending']);
    const refused: DossierView = { ...overdue, status: 'refused', ended_at: '2026-01-08T10:00:00+07:00', overdue: false };
    expect(stepProgressState(refused.steps[0]!, refused)).toBe('pending');
    // appraise 1d: 1500 used of 480, full; overdue.
    expect(chartLine(dossierChart(overdue, new Map(), vi, plain), 1)).toBe('  ▶ 1. Thẩm định hồ sơ  ██████████  05/01 09:00 →  Đang xử lý, quá hạn');
    // The timeline keeps its dim ▶ for the cut-off step.
    expect(row(dossierTimeline(refused, vi, plain), 'Thẩm định hồ sơ')?.[0]).toBe('▶');
  });

  it('a budget in calendar days is measured in calendar time; long names are cut', () => {
    // Started Mon 05/01 09:00, as of Tue 06/01 13:30: 28.5 h of 2cd (48 h) = 5.9 cells → 6.
    const name = 'Niêm yết công khai tại trụ sở Ủy ban nhân dân xã và nhà văn hóa thôn';
    const view: DossierView = { ...running, steps: [step({ id: 'post', name, unit: 'xa', duration: '2cd', status: 'running', started_at: '2026-01-05T09:00:00+07:00', used_minutes: 630 })] };
    const line = chartLine(dossierChart(view, new Map(), vi, plain), 1)!;
    expect(line).toBe('  ▶ 1. Niêm yết công khai tại trụ sở…  ██████░░░░  05/01 09:00 →  Đang xử lý');
  });

  it('in colour: the mark, bar and words of an overdue step are red, a pending step dim', () => {
    const out = dossierChart(overdue, new Map(), vi, new Chalk({ level: 1 }));
    const red = '\u001b[31m';
    const late = lines(out).find((x) => x.includes('Thẩm định'))!;
    expect(late).toContain(`${red}▶`);
    expect(late).toContain(`${red}██████████`);
    expect(late).toContain(`${red}Đang xử lý, quá hạn`);
    expect(lines(out).find((x) => x.includes('Phê duyệt'))).toContain('\u001b[2m·');
  });
});

describe('stepRanks', () => {
  it('ranks each step one below its latest predecessor', () => {
    // receive → appraise → (fire, env); fire → approve; env → check → approve; approve → return.
    const steps = [
      { id: 'receive' },
      { id: 'appraise', next: ['fire', 'env'] },
      { id: 'fire', next: ['approve'] },
      { id: 'env', next: ['check'] },
      { id: 'check', next: ['approve'] },
      { id: 'approve' },
      { id: 'return' },
    ];
    expect(Object.fromEntries(stepRanks(steps))).toEqual({ receive: 0, appraise: 1, fire: 2, env: 2, check: 3, approve: 4, return: 5 });
    // A cycle leaves its steps unranked.
    expect([...stepRanks([{ id: 'a', next: ['b'] }, { id: 'b', next: ['c'] }, { id: 'c', next: ['b'] }]).keys()]).toEqual(['a']);
  });
});
