// Shared by the tests of `tthc catalog new`: the scripted one (in-process) and the one at a real
// terminal type the same answers on the small catalog, so they expect the same file.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, hidden ones too, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/**
 * The file written for the answers both tests give: code 1.000099, agency so-xd (searched as
 * "so xay"), field kept ("Xây dựng", as 1.000001 of so-xd), inter-agency, 2d from 2026-03-02;
 * receive at the centre 2h (default name), appraise at so-xd by nva 1d (own name), then return
 * at the centre (default name) in `returnDuration`.
 */
export function repairPermit(returnDuration: string): Record<string, unknown> {
  return {
    kind: 'procedure',
    code: '1.000099',
    name: 'Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ',
    agency: 'so-xd',
    field: 'Xây dựng',
    mechanism: 'inter-agency',
    calendar: 'vn',
    time_limit: '2d',
    effective_from: '2026-03-02',
    steps: [
      { id: 'receive', name: 'Tiếp nhận hồ sơ, kiểm tra tính đầy đủ', action: 'receive', unit: 'ttpvhcc', duration: '2h' },
      { id: 'appraise', name: 'Thẩm định hồ sơ, kiểm tra hiện trường', action: 'appraise', unit: 'so-xd', assignee: 'nva', duration: '1d' },
      { id: 'return', name: 'Trả kết quả cho tổ chức, cá nhân', action: 'return', unit: 'ttpvhcc', duration: returnDuration },
    ],
  };
}
