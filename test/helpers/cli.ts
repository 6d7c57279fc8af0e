// Spawning the built bin/tthc, as users and CI run it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'tthc');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tthc ARGS` in `cwd` with a plain environment (no colour, no CI unless given). */
export function tthc(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { PATH: process.env['PATH'] ?? '', TZ: process.env['TZ'] ?? '', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder holding the given files (paths relative to it), removed at exit. */
export function tempCatalog(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A small valid catalog: a calendar, units, and one procedure (code "1.000001"). */
export const smallCatalog: Record<string, string> = {
  'calendar.yaml': `kind: calendar
id: vn
timezone: Asia/Ho_Chi_Minh
week:
  mon: ["07:30-11:30", "13:30-17:30"]
  tue: ["07:30-11:30", "13:30-17:30"]
  wed: ["07:30-11:30", "13:30-17:30"]
  thu: ["07:30-11:30", "13:30-17:30"]
  fri: ["07:30-11:30", "13:30-17:30"]
holidays:
  - { date: 2026-01-01, name: Tết Dương lịch }
`,
  'units.yaml': `kind: units
units:
  - { id: ubnd, name: UBND tỉnh, code: 000.00.00.H06, level: province }
  - { id: ttpvhcc, name: Trung tâm Phục vụ hành chính công, code: 000.00.01.H06, level: province, parent: ubnd, centre: true }
  - { id: so-xd, name: Sở Xây dựng, code: 000.00.12.H06, level: province, parent: ubnd }
  - { id: xa-a, name: UBND xã An Bình, code: 000.00.41.H06, level: commune }
officials:
  - { id: nva, name: Nguyễn Văn A, unit: so-xd, title: Chuyên viên, phone: "0222 3822 000", email: nva@example.gov.vn }
`,
  'procedures/1.000001.yaml': `kind: procedure
code: "1.000001"
name: Cấp giấy phép xây dựng nhà ở riêng lẻ
agency: so-xd
field: Xây dựng
mechanism: one-stop
time_limit: 2d
effective_from: 2025-07-01
fees: [{ name: Lệ phí, amount: 75000 }]
components: [{ name: Đơn đề nghị cấp giấy phép, copies: 1, original: true }]
legal_basis: ["Luật Xây dựng 2014"]
steps:
  - { id: receive, name: Tiếp nhận, action: receive, unit: ttpvhcc, duration: 2h }
  - { id: appraise, name: Thẩm định, action: appraise, unit: so-xd, assignee: nva, duration: 1d }
  - { id: approve, name: Phê duyệt, action: approve, unit: so-xd, duration: 4h }
  - { id: return, name: Trả kết quả, action: return, unit: ttpvhcc, duration: 2h }
`,
  'procedures/2.000002.yaml': `kind: procedure
code: "2.000002"
name: Chứng thực bản sao từ bản chính
agency: xa-a
field: Chứng thực
mechanism: five-on-the-spot
time_limit: 4h
effective_from: 2025-07-01
fees: []
steps:
  - { id: receive, name: Tiếp nhận, action: receive, unit: ttpvhcc, duration: 1h }
  - { id: approve, name: Ký chứng thực, action: approve, unit: ttpvhcc, duration: 2h }
  - { id: return, name: Trả kết quả, action: return, unit: ttpvhcc, duration: 1h }
`,
};
