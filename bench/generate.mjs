// Generates a realistic, large, VALID catalog for the benchmarks: one calendar, one units file
// (about 60 units, about 400 officials) and N procedure files in one folder per agency.
// Deterministic for a seed: the same seed and count always give byte-identical files.
//
//   node bench/generate.mjs DIR [--procedures N] [--seed S]
//
// Nothing here imports the project: the generator must not share the validator's bugs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Minutes in "1d": the generated calendar says `day: 8h`. */
export const DAY_MINUTES = 480;

/**
 * mulberry32: a tiny, fast, well-mixed 32-bit PRNG. Returns a function giving floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Helpers over one PRNG stream.
 * @param {number} seed
 */
function makeRandom(seed) {
  const next = mulberry32(seed);
  return {
    next,
    /** Integer in [lo, hi] (inclusive). @param {number} lo @param {number} hi */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** One element. @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** True with probability p. @param {number} p */
    chance: (p) => next() < p,
    /** `n` distinct elements, in their original order. @template T @param {readonly T[]} list @param {number} n @returns {T[]} */
    sample(list, n) {
      const idx = list.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, Math.min(n, list.length)).sort((x, y) => x - y).map((i) => list[i]);
    },
  };
}

/** @typedef {ReturnType<typeof makeRandom>} Random */

// ───────────────────────────── YAML writing ─────────────────────────────

const PLAIN_UNSAFE_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const LOOKS_TYPED = /^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan|null|Null|NULL|~|true|True|TRUE|false|False|FALSE|yes|no|on|off|y|n)$/i;

/**
 * A YAML scalar for a string: plain when that reads back as the same string, else double-quoted.
 * @param {string} s
 * @param {boolean} [flow] inside a flow collection ({…} or […]), where ",[]{}" also end a scalar
 */
function q(s, flow = false) {
  return safePlain(s, flow) ? s : JSON.stringify(s);
}

/**
 * @param {string} s
 * @param {boolean} flow
 */
function safePlain(s, flow) {
  if (s.length === 0 || s !== s.trim()) return false;
  if (PLAIN_UNSAFE_START.test(s)) return false;
  if (s.includes(': ') || s.endsWith(':') || s.includes(' #') || s.includes('\n')) return false;
  if (LOOKS_TYPED.test(s)) return false;
  // Anything starting with a digit could be read as a number, date or time: quote it, except
  // dates (YYYY-MM-DD are strings in YAML 1.2 core) and agency codes, which read back as text.
  // Durations ("1.5d", "4h") are strings too.
  if (/^\d/.test(s) && !/^\d{4}-\d{2}-\d{2}$/.test(s) && !/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(s) && !/^\d+(\.\d+)?(d|h|cd)$/.test(s)) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  return true;
}

/**
 * A flow mapping on one line: `{ a: 1, b: x }`. Values are strings, numbers or booleans.
 * @param {Record<string, string | number | boolean | string[] | undefined>} obj
 */
function flowMap(obj) {
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    parts.push(`${k}: ${scalar(v, true)}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/**
 * @param {string | number | boolean | string[]} v
 * @param {boolean} flow
 * @returns {string}
 */
function scalar(v, flow) {
  if (Array.isArray(v)) return `[${v.map((x) => q(x, true)).join(', ')}]`;
  if (typeof v === 'string') return q(v, flow);
  return String(v);
}

// ───────────────────────────── Names ─────────────────────────────

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Đào', 'Lưu', 'Cao', 'Kiều', 'Tạ', 'Mai', 'Hà'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Xuân', 'Đình', 'Quang', 'Ngọc', 'Mạnh'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Thị Minh', 'Thị Thanh', 'Thị Kim', 'Thu', 'Ngọc', 'Thị Hồng', 'Thị Lan', 'Phương'];
const GIVEN_M = ['Anh', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hải', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Minh', 'Nam', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Trang', 'Vân', 'Yến'];

/**
 * ASCII slug of a Vietnamese text: "Sở Xây dựng" → "so-xay-dung".
 * @param {string} s
 */
export function slug(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ───────────────────────────── Units ─────────────────────────────

/**
 * @typedef {object} Dept
 * @property {string} id
 * @property {string} abbr  used in local procedure codes and official ids
 * @property {string} name
 * @property {number} y     Y1Y2 of the QCVN 102:2016 code
 * @property {string} signer  title of the person who signs results
 * @property {{ field: string, objects: string[], laws: string[] }[]} fields
 */

/** @type {Dept[]} */
const DEPARTMENTS = [
  { id: 'so-xd', abbr: 'SXD', name: 'Sở Xây dựng', y: 12, signer: 'Lãnh đạo Sở Xây dựng', fields: [
    { field: 'Hoạt động xây dựng', objects: ['giấy phép xây dựng công trình cấp II, cấp III', 'chứng chỉ hành nghề hoạt động xây dựng', 'chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III', 'giấy phép di dời công trình', 'thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng'], laws: ['Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)', 'Nghị định 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng', 'Thông tư 38/2022/TT-BTC quy định mức thu, chế độ thu, nộp phí, lệ phí trong lĩnh vực hoạt động xây dựng'] },
    { field: 'Nhà ở', objects: ['công nhận chủ đầu tư dự án nhà ở xã hội', 'thông báo nhà ở hình thành trong tương lai đủ điều kiện bán', 'giấy phép xây dựng nhà ở riêng lẻ'], laws: ['Luật Nhà ở năm 2023', 'Nghị định 95/2024/NĐ-CP quy định chi tiết một số điều của Luật Nhà ở', 'Nghị định 100/2024/NĐ-CP về phát triển và quản lý nhà ở xã hội'] },
    { field: 'Đường bộ', objects: ['giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn', 'giấy phép đào tạo lái xe ô tô', 'chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng đường bộ'], laws: ['Luật Đường bộ năm 2024', 'Luật Trật tự, an toàn giao thông đường bộ năm 2024', 'Nghị định 165/2024/NĐ-CP quy định chi tiết Luật Đường bộ'] },
  ] },
  { id: 'so-tp', abbr: 'STP', name: 'Sở Tư pháp', y: 13, signer: 'Lãnh đạo Sở Tư pháp', fields: [
    { field: 'Lý lịch tư pháp', objects: ['Phiếu lý lịch tư pháp số 1', 'Phiếu lý lịch tư pháp số 2 cho công dân Việt Nam', 'Phiếu lý lịch tư pháp cho người nước ngoài đã cư trú tại Việt Nam'], laws: ['Luật Lý lịch tư pháp năm 2009', 'Nghị định 111/2010/NĐ-CP quy định chi tiết một số điều của Luật Lý lịch tư pháp', 'Thông tư 244/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp'] },
    { field: 'Công chứng', objects: ['giấy phép thành lập Văn phòng công chứng', 'đăng ký hoạt động Văn phòng công chứng', 'đăng ký hành nghề và cấp Thẻ công chứng viên'], laws: ['Luật Công chứng năm 2024', 'Nghị định 104/2025/NĐ-CP quy định chi tiết một số điều của Luật Công chứng'] },
    { field: 'Luật sư', objects: ['đăng ký hoạt động của tổ chức hành nghề luật sư', 'giấy đăng ký hoạt động chi nhánh của tổ chức hành nghề luật sư'], laws: ['Luật Luật sư năm 2006 (sửa đổi, bổ sung năm 2012)', 'Nghị định 123/2013/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Luật sư'] },
  ] },
  { id: 'so-yt', abbr: 'SYT', name: 'Sở Y tế', y: 14, signer: 'Lãnh đạo Sở Y tế', fields: [
    { field: 'Dược phẩm', objects: ['Chứng chỉ hành nghề dược', 'Giấy chứng nhận đủ điều kiện kinh doanh dược', 'giấy xác nhận nội dung quảng cáo thuốc'], laws: ['Luật Dược năm 2016', 'Luật sửa đổi, bổ sung một số điều của Luật Dược năm 2024', 'Nghị định 54/2017/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Dược'] },
    { field: 'Khám bệnh, chữa bệnh', objects: ['giấy phép hành nghề khám bệnh, chữa bệnh', 'giấy phép hoạt động phòng khám đa khoa', 'giấy phép hoạt động phòng khám chuyên khoa'], laws: ['Luật Khám bệnh, chữa bệnh năm 2023', 'Nghị định 96/2023/NĐ-CP quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh'] },
    { field: 'An toàn thực phẩm', objects: ['Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'giấy xác nhận nội dung quảng cáo thực phẩm'], laws: ['Luật An toàn thực phẩm năm 2010', 'Nghị định 15/2018/NĐ-CP quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm'] },
  ] },
  { id: 'so-nnmt', abbr: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', y: 15, signer: 'Lãnh đạo Sở Nông nghiệp và Môi trường', fields: [
    { field: 'Đất đai', objects: ['Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'đăng ký biến động đất đai', 'giao đất, cho thuê đất không qua đấu giá'], laws: ['Luật Đất đai năm 2024', 'Nghị định 101/2024/NĐ-CP quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận', 'Nghị định 102/2024/NĐ-CP quy định chi tiết thi hành một số điều của Luật Đất đai'] },
    { field: 'Môi trường', objects: ['giấy phép môi trường', 'thẩm định báo cáo đánh giá tác động môi trường', 'đăng ký môi trường'], laws: ['Luật Bảo vệ môi trường năm 2020', 'Nghị định 08/2022/NĐ-CP quy định chi tiết một số điều của Luật Bảo vệ môi trường', 'Nghị định 05/2025/NĐ-CP sửa đổi, bổ sung Nghị định 08/2022/NĐ-CP'] },
    { field: 'Thú y', objects: ['Giấy chứng nhận đủ điều kiện vệ sinh thú y', 'chứng chỉ hành nghề thú y'], laws: ['Luật Thú y năm 2015', 'Nghị định 35/2016/NĐ-CP quy định chi tiết một số điều của Luật Thú y'] },
  ] },
  { id: 'so-ct', abbr: 'SCT', name: 'Sở Công Thương', y: 16, signer: 'Lãnh đạo Sở Công Thương', fields: [
    { field: 'Lưu thông hàng hóa trong nước', objects: ['Giấy phép bán lẻ rượu', 'Giấy chứng nhận đủ điều kiện thương nhân kinh doanh xăng dầu', 'Giấy phép bán buôn sản phẩm thuốc lá'], laws: ['Luật Thương mại năm 2005', 'Nghị định 105/2017/NĐ-CP về kinh doanh rượu', 'Nghị định 80/2023/NĐ-CP sửa đổi, bổ sung Nghị định 83/2014/NĐ-CP về kinh doanh xăng dầu'] },
    { field: 'An toàn điện', objects: ['giấy phép hoạt động điện lực', 'thẻ an toàn điện'], laws: ['Luật Điện lực năm 2024', 'Nghị định 61/2025/NĐ-CP quy định chi tiết Luật Điện lực về giấy phép hoạt động điện lực'] },
    { field: 'Hóa chất', objects: ['Giấy chứng nhận đủ điều kiện sản xuất hóa chất sản xuất, kinh doanh có điều kiện', 'xác nhận biện pháp phòng ngừa, ứng phó sự cố hóa chất'], laws: ['Luật Hóa chất năm 2007', 'Nghị định 113/2017/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Hóa chất'] },
  ] },
  { id: 'so-tc', abbr: 'STC', name: 'Sở Tài chính', y: 17, signer: 'Lãnh đạo Sở Tài chính', fields: [
    { field: 'Thành lập và hoạt động của doanh nghiệp', objects: ['Giấy chứng nhận đăng ký doanh nghiệp công ty trách nhiệm hữu hạn', 'đăng ký thay đổi nội dung đăng ký doanh nghiệp', 'đăng ký hoạt động chi nhánh, văn phòng đại diện'], laws: ['Luật Doanh nghiệp năm 2020', 'Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp', 'Thông tư 47/2019/TT-BTC quy định mức thu, chế độ thu, nộp phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp'] },
    { field: 'Đầu tư tại Việt Nam', objects: ['Giấy chứng nhận đăng ký đầu tư', 'điều chỉnh Giấy chứng nhận đăng ký đầu tư', 'chấp thuận chủ trương đầu tư của UBND tỉnh'], laws: ['Luật Đầu tư năm 2020', 'Nghị định 31/2021/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư'] },
    { field: 'Quản lý công sản', objects: ['quyết định điều chuyển tài sản công', 'quyết định thanh lý tài sản công'], laws: ['Luật Quản lý, sử dụng tài sản công năm 2017', 'Nghị định 151/2017/NĐ-CP quy định chi tiết một số điều của Luật Quản lý, sử dụng tài sản công'] },
  ] },
  { id: 'so-nv', abbr: 'SNV', name: 'Sở Nội vụ', y: 18, signer: 'Lãnh đạo Sở Nội vụ', fields: [
    { field: 'Việc làm', objects: ['giấy phép lao động cho người lao động nước ngoài', 'xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động', 'giấy phép hoạt động dịch vụ việc làm'], laws: ['Bộ luật Lao động năm 2019', 'Luật Việc làm năm 2013', 'Nghị định 152/2020/NĐ-CP quy định về người lao động nước ngoài làm việc tại Việt Nam'] },
    { field: 'Thi đua, khen thưởng', objects: ['Bằng khen của Chủ tịch UBND tỉnh', 'danh hiệu Tập thể lao động xuất sắc'], laws: ['Luật Thi đua, khen thưởng năm 2022', 'Nghị định 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng'] },
    { field: 'Người có công', objects: ['giải quyết chế độ trợ cấp ưu đãi đối với thân nhân liệt sĩ', 'cấp lại Bằng Tổ quốc ghi công'], laws: ['Pháp lệnh Ưu đãi người có công với cách mạng năm 2020', 'Nghị định 131/2021/NĐ-CP quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng'] },
  ] },
  { id: 'so-gddt', abbr: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', y: 19, signer: 'Lãnh đạo Sở Giáo dục và Đào tạo', fields: [
    { field: 'Giáo dục và Đào tạo', objects: ['cho phép trường trung học phổ thông hoạt động giáo dục', 'cấp phép hoạt động dạy thêm, học thêm', 'công nhận trường đạt chuẩn quốc gia'], laws: ['Luật Giáo dục năm 2019', 'Nghị định 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục'] },
    { field: 'Văn bằng, chứng chỉ', objects: ['bản sao văn bằng, chứng chỉ từ sổ gốc', 'chỉnh sửa nội dung văn bằng, chứng chỉ', 'công nhận văn bằng tốt nghiệp do cơ sở giáo dục nước ngoài cấp'], laws: ['Thông tư 21/2019/TT-BGDĐT ban hành Quy chế quản lý bằng tốt nghiệp trung học cơ sở, trung học phổ thông', 'Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính'] },
  ] },
  { id: 'so-vhttdl', abbr: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', y: 20, signer: 'Lãnh đạo Sở Văn hóa, Thể thao và Du lịch', fields: [
    { field: 'Du lịch', objects: ['thẻ hướng dẫn viên du lịch nội địa', 'công nhận hạng cơ sở lưu trú du lịch 1 sao, 2 sao', 'giấy phép kinh doanh dịch vụ lữ hành nội địa'], laws: ['Luật Du lịch năm 2017', 'Nghị định 168/2017/NĐ-CP quy định chi tiết một số điều của Luật Du lịch'] },
    { field: 'Văn hóa cơ sở', objects: ['giấy phép tổ chức lễ hội', 'thông báo tổ chức biểu diễn nghệ thuật', 'giấy phép kinh doanh dịch vụ karaoke'], laws: ['Nghị định 110/2018/NĐ-CP quy định về quản lý và tổ chức lễ hội', 'Nghị định 54/2019/NĐ-CP quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường'] },
    { field: 'Thể dục, thể thao', objects: ['Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', 'công nhận câu lạc bộ thể thao chuyên nghiệp'], laws: ['Luật Thể dục, thể thao năm 2006 (sửa đổi, bổ sung năm 2018)', 'Nghị định 36/2019/NĐ-CP quy định chi tiết một số điều của Luật sửa đổi, bổ sung Luật Thể dục, thể thao'] },
  ] },
  { id: 'so-khcn', abbr: 'SKHCN', name: 'Sở Khoa học và Công nghệ', y: 21, signer: 'Lãnh đạo Sở Khoa học và Công nghệ', fields: [
    { field: 'Tiêu chuẩn, đo lường, chất lượng', objects: ['tiếp nhận bản công bố hợp quy', 'chứng nhận đăng ký hoạt động thử nghiệm', 'chỉ định tổ chức kiểm định phương tiện đo'], laws: ['Luật Tiêu chuẩn và Quy chuẩn kỹ thuật năm 2006', 'Luật Đo lường năm 2011', 'Nghị định 132/2008/NĐ-CP quy định chi tiết thi hành một số điều của Luật Chất lượng sản phẩm, hàng hóa'] },
    { field: 'Bưu chính, viễn thông', objects: ['giấy phép bưu chính', 'xác nhận thông báo hoạt động bưu chính'], laws: ['Luật Bưu chính năm 2010', 'Nghị định 47/2011/NĐ-CP quy định chi tiết thi hành một số nội dung của Luật Bưu chính'] },
    { field: 'Báo chí, xuất bản', objects: ['giấy phép xuất bản bản tin', 'giấy phép hoạt động in', 'xác nhận đăng ký hoạt động cơ sở in'], laws: ['Luật Báo chí năm 2016', 'Luật Xuất bản năm 2012', 'Nghị định 60/2014/NĐ-CP quy định về hoạt động in'] },
  ] },
  { id: 'so-dttg', abbr: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', y: 22, signer: 'Lãnh đạo Sở Dân tộc và Tôn giáo', fields: [
    { field: 'Tín ngưỡng, tôn giáo', objects: ['chấp thuận tổ chức cuộc lễ ngoài cơ sở tôn giáo', 'đăng ký sinh hoạt tôn giáo tập trung', 'thông báo tổ chức hội nghị thường niên của tổ chức tôn giáo'], laws: ['Luật Tín ngưỡng, tôn giáo năm 2016', 'Nghị định 95/2023/NĐ-CP quy định chi tiết Luật Tín ngưỡng, tôn giáo'] },
    { field: 'Công tác dân tộc', objects: ['công nhận người có uy tín trong đồng bào dân tộc thiểu số', 'xác nhận thôn đặc biệt khó khăn'], laws: ['Quyết định 12/2018/QĐ-TTg về tiêu chí lựa chọn, công nhận người có uy tín', 'Nghị định 05/2011/NĐ-CP về công tác dân tộc'] },
  ] },
  { id: 'thanh-tra', abbr: 'TTT', name: 'Thanh tra tỉnh', y: 23, signer: 'Chánh Thanh tra tỉnh', fields: [
    { field: 'Giải quyết khiếu nại', objects: ['giải quyết khiếu nại lần hai', 'giải quyết khiếu nại lần đầu'], laws: ['Luật Khiếu nại năm 2011', 'Nghị định 124/2020/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại'] },
    { field: 'Giải quyết tố cáo', objects: ['giải quyết tố cáo', 'tiếp nhận, xử lý đơn phản ánh, kiến nghị'], laws: ['Luật Tố cáo năm 2018', 'Nghị định 31/2019/NĐ-CP quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo'] },
  ] },
  { id: 'ca-tinh', abbr: 'CAT', name: 'Công an tỉnh', y: 24, signer: 'Lãnh đạo Công an tỉnh', fields: [
    { field: 'Đăng ký, quản lý phương tiện giao thông', objects: ['đăng ký xe ô tô lần đầu', 'cấp đổi chứng nhận đăng ký xe', 'thu hồi chứng nhận đăng ký, biển số xe'], laws: ['Luật Trật tự, an toàn giao thông đường bộ năm 2024', 'Thông tư 79/2024/TT-BCA quy định cấp, thu hồi chứng nhận đăng ký, biển số xe cơ giới'] },
    { field: 'Phòng cháy, chữa cháy', objects: ['thẩm duyệt thiết kế về phòng cháy và chữa cháy', 'nghiệm thu về phòng cháy và chữa cháy'], laws: ['Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024', 'Nghị định 105/2025/NĐ-CP quy định chi tiết Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ'] },
    { field: 'Quản lý ngành nghề kinh doanh có điều kiện', objects: ['Giấy chứng nhận đủ điều kiện về an ninh, trật tự', 'giấy phép sử dụng pháo hoa'], laws: ['Nghị định 96/2016/NĐ-CP quy định điều kiện về an ninh, trật tự đối với một số ngành, nghề đầu tư kinh doanh có điều kiện'] },
  ] },
  { id: 'thue-tinh', abbr: 'THUE', name: 'Thuế tỉnh Bắc Ninh', y: 25, signer: 'Lãnh đạo Thuế tỉnh', fields: [
    { field: 'Thuế', objects: ['đăng ký thuế lần đầu đối với tổ chức', 'miễn, giảm tiền thuê đất', 'hoàn thuế giá trị gia tăng'], laws: ['Luật Quản lý thuế năm 2019', 'Nghị định 126/2020/NĐ-CP quy định chi tiết một số điều của Luật Quản lý thuế', 'Thông tư 86/2024/TT-BTC quy định về đăng ký thuế'] },
  ] },
  { id: 'bhxh-tinh', abbr: 'BHXH', name: 'Bảo hiểm xã hội tỉnh Bắc Ninh', y: 26, signer: 'Lãnh đạo Bảo hiểm xã hội tỉnh', fields: [
    { field: 'Bảo hiểm xã hội', objects: ['giải quyết hưởng chế độ ốm đau', 'giải quyết hưởng lương hưu', 'cấp lại sổ bảo hiểm xã hội'], laws: ['Luật Bảo hiểm xã hội năm 2024', 'Nghị định 158/2025/NĐ-CP quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc'] },
    { field: 'Bảo hiểm y tế', objects: ['cấp lại thẻ bảo hiểm y tế', 'thanh toán trực tiếp chi phí khám bệnh, chữa bệnh bảo hiểm y tế'], laws: ['Luật Bảo hiểm y tế năm 2008 (sửa đổi, bổ sung năm 2024)', 'Nghị định 188/2025/NĐ-CP quy định chi tiết Luật Bảo hiểm y tế'] },
  ] },
  { id: 'bql-kcn', abbr: 'BQLKCN', name: 'Ban Quản lý các khu công nghiệp tỉnh', y: 27, signer: 'Lãnh đạo Ban Quản lý các khu công nghiệp', fields: [
    { field: 'Đầu tư trong khu công nghiệp', objects: ['Giấy chứng nhận đăng ký đầu tư trong khu công nghiệp', 'điều chỉnh dự án đầu tư trong khu công nghiệp'], laws: ['Luật Đầu tư năm 2020', 'Nghị định 35/2022/NĐ-CP quy định về quản lý khu công nghiệp và khu kinh tế'] },
    { field: 'Lao động trong khu công nghiệp', objects: ['đăng ký nội quy lao động', 'giấy phép lao động cho người nước ngoài làm việc trong khu công nghiệp'], laws: ['Bộ luật Lao động năm 2019', 'Nghị định 145/2020/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động'] },
  ] },
  { id: 'vpdkdd', abbr: 'VPDK', name: 'Văn phòng Đăng ký đất đai tỉnh', y: 28, signer: 'Giám đốc Văn phòng Đăng ký đất đai', fields: [
    { field: 'Đăng ký đất đai', objects: ['đăng ký thế chấp quyền sử dụng đất', 'xóa đăng ký thế chấp', 'cấp đổi Giấy chứng nhận quyền sử dụng đất', 'đính chính Giấy chứng nhận đã cấp'], laws: ['Luật Đất đai năm 2024', 'Nghị định 99/2022/NĐ-CP về đăng ký biện pháp bảo đảm', 'Nghị định 101/2024/NĐ-CP quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận'] },
  ] },
  { id: 'so-ng', abbr: 'SNG', name: 'Sở Ngoại vụ', y: 29, signer: 'Lãnh đạo Sở Ngoại vụ', fields: [
    { field: 'Hợp tác quốc tế', objects: ['cho phép tổ chức hội nghị, hội thảo quốc tế', 'cho phép sử dụng thẻ đi lại của doanh nhân APEC', 'tiếp nhận viện trợ không hoàn lại không thuộc hỗ trợ phát triển chính thức'], laws: ['Quyết định 06/2020/QĐ-TTg về tổ chức và quản lý hội nghị, hội thảo quốc tế tại Việt Nam', 'Quyết định 45/2019/QĐ-TTg về việc cấp và quản lý thẻ đi lại của doanh nhân APEC'] },
  ] },
];

const COMMUNES = [
  'phường Kinh Bắc', 'phường Võ Cường', 'phường Vũ Ninh', 'phường Hạp Lĩnh', 'phường Nam Sơn', 'phường Từ Sơn',
  'phường Tam Sơn', 'phường Đồng Nguyên', 'phường Phù Khê', 'phường Thuận Thành', 'phường Mão Điền', 'phường Trí Quả',
  'phường Quế Võ', 'phường Bắc Giang', 'phường Đa Mai', 'xã Gia Bình', 'xã Nhân Thắng', 'xã Lương Tài', 'xã Trung Kênh',
  'xã Yên Phong', 'xã Tiên Du', 'xã Phật Tích',
];

/** @type {{ field: string, objects: string[], laws: string[] }[]} */
const COMMUNE_FIELDS = [
  { field: 'Hộ tịch', objects: ['đăng ký khai sinh', 'đăng ký kết hôn', 'đăng ký khai tử', 'đăng ký nhận cha, mẹ, con', 'cấp bản sao trích lục hộ tịch', 'đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'xác nhận tình trạng hôn nhân'], laws: ['Luật Hộ tịch năm 2014', 'Nghị định 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch', 'Thông tư 04/2024/TT-BTP hướng dẫn thi hành một số điều của Luật Hộ tịch'] },
  { field: 'Chứng thực', objects: ['chứng thực bản sao từ bản chính', 'chứng thực chữ ký trong các giấy tờ, văn bản', 'chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản'], laws: ['Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch', 'Thông tư 226/2016/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực'] },
  { field: 'Bảo trợ xã hội', objects: ['trợ cấp xã hội hằng tháng', 'hỗ trợ chi phí mai táng', 'xác định mức độ khuyết tật và cấp Giấy xác nhận khuyết tật'], laws: ['Nghị định 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội', 'Luật Người khuyết tật năm 2010'] },
  { field: 'Thành lập và hoạt động của hộ kinh doanh', objects: ['đăng ký thành lập hộ kinh doanh', 'đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'tạm ngừng kinh doanh của hộ kinh doanh'], laws: ['Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp', 'Luật Doanh nghiệp năm 2020'] },
  { field: 'Đất đai', objects: ['hòa giải tranh chấp đất đai', 'xác nhận nguồn gốc, thời điểm sử dụng đất', 'chuyển mục đích sử dụng đất của hộ gia đình, cá nhân'], laws: ['Luật Đất đai năm 2024', 'Nghị định 102/2024/NĐ-CP quy định chi tiết thi hành một số điều của Luật Đất đai'] },
  { field: 'Xây dựng', objects: ['giấy phép xây dựng nhà ở riêng lẻ', 'giấy phép sửa chữa, cải tạo nhà ở riêng lẻ'], laws: ['Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020)', 'Nghị định 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng'] },
];

const VERBS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Thu hồi', 'Đăng ký', 'Xác nhận', 'Công nhận', 'Thẩm định hồ sơ đề nghị'];
const CASES = ['', '', '', ' (trường hợp bị mất, hư hỏng)', ' (trường hợp thay đổi thông tin)', ' đối với tổ chức', ' đối với cá nhân', ' (thực hiện trực tuyến toàn trình)', ' có yếu tố nước ngoài', ' (lần đầu)'];

const COMPONENTS = [
  ['Đơn đề nghị theo mẫu', 'Mẫu số 01'], ['Tờ khai theo mẫu', 'Mẫu số 02'], ['Bản sao Căn cước hoặc Căn cước công dân của người đề nghị', undefined],
  ['Giấy ủy quyền (trường hợp nộp thay)', undefined], ['Bản sao Giấy chứng nhận đăng ký doanh nghiệp', undefined], ['Bản thuyết minh điều kiện cơ sở vật chất, trang thiết bị', undefined],
  ['Danh sách nhân sự kèm văn bằng chuyên môn', 'Mẫu số 03'], ['Bản vẽ mặt bằng, sơ đồ vị trí', undefined], ['Ảnh màu cỡ 4x6 cm, nền trắng, chụp trong 06 tháng gần nhất', undefined],
  ['Giấy khám sức khỏe do cơ sở y tế có thẩm quyền cấp', undefined], ['Văn bản thẩm định, ý kiến của cơ quan có liên quan', undefined], ['Bản chính giấy phép, chứng chỉ đã cấp', undefined],
  ['Báo cáo kết quả hoạt động trong thời gian được cấp phép', 'Mẫu số 05'], ['Hợp đồng thuê địa điểm hoặc giấy tờ chứng minh quyền sử dụng địa điểm', undefined],
  ['Phiếu lý lịch tư pháp', undefined], ['Biên lai nộp phí, lệ phí (trường hợp nộp trực tuyến)', undefined],
];

const CONDITIONS = [
  'Người đề nghị có năng lực hành vi dân sự đầy đủ.',
  'Cơ sở có địa điểm, trang thiết bị phù hợp với quy mô hoạt động.',
  'Có đội ngũ nhân sự đáp ứng yêu cầu chuyên môn theo quy định.',
  'Không thuộc trường hợp đang bị đình chỉ hoặc thu hồi giấy phép.',
  'Hồ sơ nộp trực tuyến phải được ký số hoặc xác thực điện tử theo quy định.',
];

const APPLICANTS = ['Cá nhân', 'Tổ chức', 'Cá nhân, tổ chức', 'Doanh nghiệp, hợp tác xã', 'Công dân Việt Nam', 'Hộ gia đình, cá nhân', 'Cá nhân, tổ chức trong nước và nước ngoài'];
const FEE_NAMES = ['Lệ phí', 'Phí thẩm định hồ sơ', 'Lệ phí cấp giấy phép', 'Phí thẩm định điều kiện kinh doanh', 'Phí cung cấp thông tin'];
const FEE_AMOUNTS = [10000, 20000, 30000, 50000, 100000, 150000, 200000, 300000, 500000, 1000000, 1500000, 2500000, 3000000];

// ───────────────────────────── Units file ─────────────────────────────

/**
 * @typedef {object} Unit
 * @property {string} id
 * @property {string} name
 * @property {string} [code]
 * @property {string} level
 * @property {string} [parent]
 * @property {boolean} [centre]
 * @property {string} [address]
 * @property {string} [phone]
 * @property {string} [email]
 * @property {string} [website]
 *
 * @typedef {object} Official
 * @property {string} id
 * @property {string} name
 * @property {string} unit
 * @property {string} [title]
 * @property {string} [phone]
 * @property {string} [email]
 *
 * @typedef {object} Agency  a unit that owns procedures
 * @property {string} id
 * @property {string} abbr
 * @property {string} name
 * @property {'province' | 'commune'} level
 * @property {string} [counter]  its counter at the service centre (departments)
 * @property {string} signer
 * @property {{ field: string, objects: string[], laws: string[] }[]} fields
 */

/**
 * Builds the units and officials of the province.
 * @param {Random} rnd
 */
function buildUnits(rnd) {
  /** @type {Unit[]} */
  const units = [];
  /** @type {Official[]} */
  const officials = [];
  /** @type {Agency[]} */
  const agencies = [];
  let phoneSeq = 100;
  const phone = () => `0222 38${String(22 + Math.floor(phoneSeq / 1000)).padStart(2, '0')} ${String(phoneSeq++ % 1000).padStart(3, '0')}`;

  units.push({ id: 'ubnd-tinh', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', code: '000.00.00.H06', level: 'province', address: 'Trung tâm hành chính tỉnh, phường Bắc Giang, tỉnh Bắc Ninh', phone: phone(), email: 'ubnd@example.gov.vn', website: 'https://example.gov.vn/' });
  units.push({ id: 'ttpvhcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh', code: '000.00.01.H06', level: 'province', parent: 'ubnd-tinh', centre: true, address: 'Trung tâm hành chính tỉnh, phường Bắc Giang, tỉnh Bắc Ninh', phone: phone(), email: 'ttpvhcc@example.gov.vn' });
  for (const d of DEPARTMENTS) {
    units.push({ id: d.id, name: d.name, code: `000.00.${d.y}.H06`, level: 'province', parent: 'ubnd-tinh', address: `Trụ sở ${d.name}, phường Kinh Bắc, tỉnh Bắc Ninh`, phone: phone(), email: `${d.abbr.toLowerCase()}@example.gov.vn`, website: `https://${d.abbr.toLowerCase()}.example.gov.vn/` });
  }
  for (const d of DEPARTMENTS) {
    const counter = `ttpvhcc-${d.id}`;
    units.push({ id: counter, name: `Quầy ${d.name} tại Trung tâm Phục vụ hành chính công tỉnh`, level: 'province', parent: 'ttpvhcc', phone: phone() });
    agencies.push({ id: d.id, abbr: d.abbr, name: d.name, level: 'province', counter, signer: d.signer, fields: d.fields });
  }
  COMMUNES.forEach((c, i) => {
    const id = slug(c).replace(/^phuong-/, 'ph-');
    const name = `Ủy ban nhân dân ${c}`;
    units.push({ id, name, code: `000.00.${41 + i}.H06`, level: 'commune', parent: 'ubnd-tinh', address: `Trụ sở UBND ${c}, tỉnh Bắc Ninh`, phone: phone(), email: `${id}@example.gov.vn` });
    agencies.push({ id, abbr: id.replace(/-/g, '').slice(0, 10).toUpperCase(), name, level: 'commune', signer: `Chủ tịch UBND ${c}`, fields: COMMUNE_FIELDS });
  });

  // Officials: ~400, ids unique by construction (unit prefix + initials + sequence).
  const used = new Set();
  /** @param {string} unit @param {string} prefix @param {string[]} titles @param {number} n */
  const staff = (unit, prefix, titles, n) => {
    for (let k = 0; k < n; k++) {
      const female = rnd.chance(0.5);
      const name = `${rnd.pick(SURNAMES)} ${rnd.pick(female ? MIDDLE_F : MIDDLE_M)} ${rnd.pick(female ? GIVEN_F : GIVEN_M)}`;
      const initials = slug(name).split('-').map((w) => w[0]).join('');
      let id = `${prefix}-${initials}`;
      for (let s = 2; used.has(id); s++) id = `${prefix}-${initials}${s}`;
      used.add(id);
      const local = `${slug(name).split('-').slice(0, -1).map((w) => w[0]).join('')}${slug(name).split('-').pop()}`;
      officials.push({ id, name, unit, title: titles[Math.min(k, titles.length - 1)], phone: phone(), email: `${local}.${prefix}@example.gov.vn` });
    }
  };
  staff('ubnd-tinh', 'ubnd', ['Chủ tịch UBND tỉnh', 'Phó Chủ tịch UBND tỉnh', 'Phó Chủ tịch UBND tỉnh', 'Chánh Văn phòng UBND tỉnh', 'Chuyên viên Văn phòng UBND tỉnh'], 6);
  staff('ttpvhcc', 'ttpv', ['Giám đốc Trung tâm', 'Phó Giám đốc Trung tâm', 'Chuyên viên tiếp nhận và trả kết quả'], 6);
  for (const d of DEPARTMENTS) {
    const p = d.abbr.toLowerCase();
    staff(d.id, p, ['Giám đốc', 'Phó Giám đốc', 'Phó Giám đốc', 'Trưởng phòng', 'Phó Trưởng phòng', 'Chuyên viên chính', 'Chuyên viên'], 11);
    staff(`ttpvhcc-${d.id}`, `q${p}`, [`Chuyên viên ${d.name} làm việc tại Trung tâm`, 'Phó Trưởng phòng (được ủy quyền ký tại Trung tâm)'], 2);
  }
  agencies.filter((a) => a.level === 'commune').forEach((a) => {
    staff(a.id, a.id, ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Công chức Văn phòng - Thống kê', 'Công chức Tư pháp - Hộ tịch', 'Công chức Địa chính - Xây dựng', 'Công chức Văn hóa - Xã hội', 'Công chức tiếp nhận và trả kết quả'], 7);
  });
  return { units, officials, agencies };
}

/**
 * The units file: units in block style (as admins write them), officials one per line.
 * @param {Unit[]} units
 * @param {Official[]} officials
 */
function unitsYaml(units, officials) {
  const out = [
    '# Cơ quan, đơn vị và công chức – DỮ LIỆU SINH TỰ ĐỘNG cho đo hiệu năng (bench/generate.mjs).',
    '# Mã định danh theo QCVN 102:2016/BTTTT; địa chỉ, điện thoại, thư điện tử là minh họa (example.gov.vn).',
    'kind: units',
    'units:',
  ];
  for (const u of units) {
    out.push(`  - id: ${q(u.id)}`);
    for (const k of /** @type {const} */ (['name', 'code', 'level', 'parent', 'centre', 'address', 'phone', 'email', 'website'])) {
      const v = u[k];
      if (v !== undefined) out.push(`    ${k}: ${scalar(v, false)}`);
    }
  }
  out.push('officials:');
  for (const o of officials) out.push(`  - ${flowMap({ id: o.id, name: o.name, unit: o.unit, title: o.title, phone: o.phone, email: o.email })}`);
  return out.join('\n') + '\n';
}

// ───────────────────────────── Calendar ─────────────────────────────

/** The 2026 working calendar (holidays per Labour Code 2019 art. 112 and the 2026 swaps). */
function calendarYaml() {
  return `# Lịch làm việc năm 2026 – DỮ LIỆU SINH TỰ ĐỘNG cho đo hiệu năng (bench/generate.mjs).
# Ngày nghỉ lễ, Tết theo Điều 112 Bộ luật Lao động 2019 và phương án nghỉ năm 2026; cần đối chiếu thông báo chính thức.
kind: calendar
id: vn-2026
name: Lịch làm việc năm 2026 – tỉnh Bắc Ninh
description: >-
  Giờ làm việc sáng 07:30–11:30, chiều 13:30–17:30, thứ Hai đến thứ Sáu; một ngày làm việc là 8 giờ.
timezone: Asia/Ho_Chi_Minh
week:
  mon: ["07:30-11:30", "13:30-17:30"]
  tue: ["07:30-11:30", "13:30-17:30"]
  wed: ["07:30-11:30", "13:30-17:30"]
  thu: ["07:30-11:30", "13:30-17:30"]
  fri: ["07:30-11:30", "13:30-17:30"]
day: 8h
receipt_cutoff: "16:00"
holidays:
  - { date: 2026-01-01, name: Tết Dương lịch, source: Bộ luật Lao động 2019 Điều 112 }
  - { date: 2026-01-02, name: Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026) }
  - { from: 2026-02-14, to: 2026-02-22, name: Tết Nguyên Đán Bính Ngọ }
  - { date: 2026-04-26, name: Giỗ Tổ Hùng Vương (10/3 âm lịch) }
  - { date: 2026-04-27, name: Nghỉ bù Giỗ Tổ Hùng Vương }
  - { date: 2026-04-30, name: Ngày Chiến thắng }
  - { date: 2026-05-01, name: Ngày Quốc tế Lao động }
  - { date: 2026-09-01, name: Quốc khánh – ngày nghỉ liền kề }
  - { date: 2026-09-02, name: Quốc khánh }
working_days:
  - { date: 2026-01-10, name: Làm bù cho ngày nghỉ thứ Sáu 02/01/2026 }
`;
}

// ───────────────────────────── Procedures ─────────────────────────────

/**
 * @typedef {object} Step
 * @property {string} id
 * @property {string} name
 * @property {string} action
 * @property {string} unit
 * @property {string} [assignee]
 * @property {number} minutes  budget in working minutes
 * @property {string[]} [next]
 * @property {number} weight   share of the time budget
 */

/**
 * A duration string for a budget in minutes (a multiple of 30): days when it is a whole number
 * of half-days, hours otherwise.
 * @param {number} m
 */
export function formatBudget(m) {
  if (m >= 240 && m % 240 === 0) return `${m / DAY_MINUTES}d`;
  return `${m / 60}h`;
}

/**
 * Minutes of the longest path through the step graph (list order unless `next`), from the
 * first step. Mirrors SPEC.md: a step with `next` goes to those steps, else to the next in the list.
 * @param {Step[]} steps
 */
export function longestPathMinutes(steps) {
  const index = new Map(steps.map((s, i) => [s.id, i]));
  /** @type {Map<string, number>} */
  const memo = new Map();
  /** @param {string} id @returns {number} */
  const best = (id) => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const i = /** @type {number} */ (index.get(id));
    const s = steps[i];
    const succ = s.next ?? (steps[i + 1] ? [steps[i + 1].id] : []);
    const v = s.minutes + Math.max(0, ...succ.map(best));
    memo.set(id, v);
    return v;
  };
  return best(steps[0].id);
}

/**
 * Picks an official of `unit`, sometimes.
 * @param {Random} rnd
 * @param {Map<string, Official[]>} byUnit
 * @param {string} unit
 */
function maybeAssignee(rnd, byUnit, unit) {
  const list = byUnit.get(unit);
  if (!list || list.length === 0 || !rnd.chance(0.55)) return undefined;
  return rnd.pick(list).id;
}

/**
 * The steps of one procedure, without budgets.
 * @param {Random} rnd
 * @param {Agency} ag
 * @param {string} mechanism
 * @param {Agency[]} agencies
 * @param {number} k  number of steps (4–12)
 * @param {boolean} fork  whether part of the process runs in parallel branches
 * @returns {Omit<Step, 'minutes'>[]}
 */
function buildSteps(rnd, ag, mechanism, agencies, k, fork) {
  const depts = agencies.filter((a) => a.level === 'province' && a.id !== ag.id);
  const spot = mechanism === 'five-on-the-spot';
  const internal = mechanism === 'internal';
  const front = spot ? /** @type {string} */ (ag.counter) : internal ? ag.id : ag.counter ?? ag.id;
  const back = spot ? /** @type {string} */ (ag.counter) : ag.id;
  const other = rnd.pick(depts);
  const approver = mechanism === 'inter-agency' && ag.level === 'province' && rnd.chance(0.5) ? 'ubnd-tinh' : back;

  /** @type {Omit<Step, 'minutes'>[]} */
  const mids = [
    { id: 'transfer', name: 'Chuyển hồ sơ đến phòng chuyên môn', action: 'transfer', unit: front, weight: 0.4 },
    { id: 'appraise', name: 'Thẩm định hồ sơ', action: 'appraise', unit: back, weight: 3 },
    { id: 'site-check', name: 'Kiểm tra thực tế tại cơ sở, lập biên bản', action: 'other', unit: back, weight: 2 },
    { id: 'consult', name: `Lấy ý kiến ${other.name}`, action: 'other', unit: mechanism === 'inter-agency' ? other.id : back, weight: 1.5 },
    { id: 'draft', name: 'Tổng hợp, dự thảo kết quả giải quyết', action: 'appraise', unit: back, weight: 1.2 },
    { id: 'review', name: 'Lãnh đạo phòng kiểm tra, trình ký', action: 'other', unit: back, weight: 0.8 },
    { id: 'approve', name: `${approver === 'ubnd-tinh' ? 'Chủ tịch UBND tỉnh' : ag.signer} ký duyệt kết quả`, action: 'approve', unit: approver, weight: 1.2 },
    { id: 'stamp', name: 'Đóng dấu, vào sổ theo dõi', action: 'stamp', unit: back, weight: 0.3 },
    { id: 'update-db', name: 'Cập nhật kết quả vào cơ sở dữ liệu chuyên ngành', action: 'other', unit: back, weight: 0.3 },
    { id: 'send-back', name: 'Chuyển kết quả về bộ phận trả kết quả', action: 'transfer', unit: back, weight: 0.3 },
  ];
  const receive = { id: 'receive', name: 'Tiếp nhận hồ sơ, lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả', action: 'receive', unit: front, weight: 0.4 };
  const ret = { id: 'return', name: 'Trả kết quả cho tổ chức, cá nhân', action: 'return', unit: front, weight: 0.3 };

  if (!fork) {
    const must = new Set(['appraise', 'approve']);
    // "5 tại chỗ" happens entirely at the counter: no site visits, no consultations.
    const optional = mids.filter((m) => !must.has(m.id) && !(spot && (m.id === 'consult' || m.id === 'site-check')));
    const chosen = new Set([...must, ...rnd.sample(optional, k - 2 - must.size).map((m) => m.id)]);
    return [receive, ...mids.filter((m) => chosen.has(m.id)), ret].map((s) => ({ ...s }));
  }

  // Parallel: receive → transfer ⇒ { branches } ⇒ join (draft) → … → return.
  const nBranches = k >= 9 && rnd.chance(0.4) ? 3 : 2;
  const branchPool = [
    [{ id: 'appraise', name: 'Thẩm định hồ sơ', action: 'appraise', unit: back, weight: 3 }, { id: 'appraise-report', name: 'Lập báo cáo thẩm định', action: 'other', unit: back, weight: 1 }],
    [{ id: 'consult', name: `Lấy ý kiến ${other.name}`, action: 'other', unit: other.id, weight: 1.5 }, { id: 'consult-reply', name: `${other.name} trả lời bằng văn bản`, action: 'transfer', unit: other.id, weight: 0.5 }],
    [{ id: 'site-check', name: 'Kiểm tra thực tế tại cơ sở, lập biên bản', action: 'other', unit: back, weight: 2 }],
  ];
  const tail = [
    { id: 'draft', name: 'Tổng hợp ý kiến, dự thảo kết quả giải quyết', action: 'appraise', unit: back, weight: 1 },
    mids[5], mids[6], mids[7], mids[8], mids[9],
  ].map((s) => ({ ...s }));
  // Budget of steps: receive + transfer + branches + tail (≥ draft + approve) + return.
  /** @type {Omit<Step, 'minutes'>[][]} */
  const branches = branchPool.slice(0, nBranches).map((b) => b.map((s) => ({ ...s })));
  const count = () => 3 + branches.reduce((n, b) => n + b.length, 0) + tail.length;
  // Trim optional tail steps (review, stamp, update-db, send-back) and second branch steps to reach k.
  const droppable = ['update-db', 'review', 'send-back', 'stamp'];
  while (count() > k) {
    const d = droppable.find((id) => tail.some((s) => s.id === id));
    if (d && (rnd.chance(0.6) || branches.every((b) => b.length === 1))) {
      tail.splice(tail.findIndex((s) => s.id === d), 1);
    } else {
      const b = branches.find((x) => x.length > 1);
      if (b) b.pop();
      else if (d) tail.splice(tail.findIndex((s) => s.id === d), 1);
      else break;
    }
  }
  const transfer = { id: 'transfer', name: 'Phân công xử lý, chuyển hồ sơ đồng thời đến các bộ phận', action: 'transfer', unit: front, weight: 0.4, next: branches.map((b) => b[0].id) };
  const join = tail[0].id;
  for (const b of branches) b[b.length - 1].next = [join];
  return [receive, transfer, ...branches.flat(), ...tail, ret];
}

/**
 * Gives the steps budgets so that the longest path uses 60–95 % of `limitMinutes`.
 * Returns false when the rounding cannot land in [50 %, 100 %] (the caller retries).
 * @param {Random} rnd
 * @param {Omit<Step, 'minutes'>[]} raw
 * @param {number} limitMinutes
 * @returns {Step[] | undefined}
 */
function budgetSteps(rnd, raw, limitMinutes) {
  const steps = /** @type {Step[]} */ (raw.map((s) => ({ ...s, minutes: 0 })));
  const target = limitMinutes * (0.6 + rnd.next() * 0.35);
  // Clerical steps (receive, transfer, stamp, return) get short budgets: half an hour to a day.
  const light = (/** @type {Step} */ s) => ['receive', 'transfer', 'stamp', 'return'].includes(s.action);
  const lightCap = limitMinutes <= DAY_MINUTES ? 60 : limitMinutes <= 5 * DAY_MINUTES ? 240 : DAY_MINUTES;
  for (const s of steps) if (light(s)) s.minutes = Math.max(30, Math.round((lightCap * (0.3 + rnd.next() * 0.7)) / 30) * 30);
  // The rest of the target goes to the substantive steps, by weight along the heaviest path.
  const lightOnPath = longestPathMinutes(steps);
  const left = Math.max(0, target - lightOnPath);
  steps.forEach((s) => (s.weight = light(s) ? 0 : s.weight * (0.6 + rnd.next() * 0.8)));
  const unitsOfWork = pathWeight(steps) || 1;
  for (const s of steps) {
    if (light(s)) continue;
    const m = (left * s.weight) / unitsOfWork;
    // Large budgets in half-days, small ones in half-hours; never below 30 minutes.
    s.minutes = m > DAY_MINUTES ? Math.round(m / 240) * 240 : Math.max(30, Math.round(m / 30) * 30);
  }
  const total = longestPathMinutes(steps);
  if (total > limitMinutes || total * 2 < limitMinutes) return undefined;
  return steps;
}

/**
 * Sum of weights along the heaviest path (same graph rule as longestPathMinutes).
 * @param {Step[]} steps
 */
function pathWeight(steps) {
  const saved = steps.map((s) => s.minutes);
  steps.forEach((s) => (s.minutes = s.weight));
  const w = longestPathMinutes(steps);
  steps.forEach((s, i) => (s.minutes = saved[i]));
  return w;
}

/**
 * One procedure file's text.
 * @param {Random} rnd
 * @param {number} i  index in the catalog (makes the code unique)
 * @param {Agency} ag
 * @param {number} seqInAgency
 * @param {Agency[]} agencies
 * @param {Map<string, Official[]>} byUnit
 * @returns {{ code: string, text: string }}
 */
function procedureYaml(rnd, i, ag, seqInAgency, agencies, byUnit) {
  const fieldDef = rnd.pick(ag.fields);
  const object = rnd.pick(fieldDef.objects);
  const verb = rnd.pick(VERBS);
  const name = `${verb} ${object}${rnd.pick(CASES)}`;
  const local = rnd.chance(0.2);
  const code = local ? `BN.${ag.abbr}.${String(seqInAgency).padStart(3, '0')}` : `${rnd.chance(0.75) ? 1 : 2}.${String(1000 + i * 3).padStart(6, '0')}`;

  /** @type {string} */
  let mechanism;
  const r = rnd.next();
  if (ag.level === 'province') mechanism = r < 0.55 ? 'one-stop' : r < 0.75 ? 'inter-agency' : r < 0.92 ? 'five-on-the-spot' : 'internal';
  else mechanism = r < 0.8 ? 'one-stop' : r < 0.93 ? 'inter-agency' : 'internal';

  const spot = mechanism === 'five-on-the-spot';
  const k = spot ? rnd.int(4, 6) : rnd.int(4, 12);
  const fork = !spot && k >= 7 && rnd.chance(0.45);
  // Time limit: long enough for k steps of at least 30 minutes at 60 % use.
  const limits = spot ? ['4h', '8h', '1d', '1.5d', '2d', '3d'] : ag.level === 'commune' ? ['1d', '2d', '3d', '5d', '7d', '10d', '15d'] : ['3d', '5d', '7d', '10d', '12d', '15d', '20d', '25d', '30d'];
  const minMinutes = Math.ceil((k * 30) / 0.55);
  const fit = limits.filter((l) => limitToMinutes(l) >= minMinutes);
  const timeLimit = rnd.pick(fit.length > 0 ? fit : [limits[limits.length - 1]]);
  const limitMinutes = limitToMinutes(timeLimit);

  let steps;
  for (let attempt = 0; !steps; attempt++) {
    if (attempt > 50) throw new Error(`generator: cannot budget procedure ${code} (${k} steps, ${timeLimit})`);
    steps = budgetSteps(rnd, buildSteps(rnd, ag, mechanism, agencies, k, fork), limitMinutes);
  }
  for (const s of steps) s.assignee = maybeAssignee(rnd, byUnit, s.unit);

  const effectiveFrom = `${rnd.pick(['2024', '2025', '2025'])}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
  const fees = rnd.chance(0.3) ? [] : rnd.sample(FEE_NAMES, rnd.int(1, 2)).map((n) => ({ name: n, amount: rnd.pick(FEE_AMOUNTS) }));
  const components = rnd.sample(COMPONENTS, rnd.int(2, 5));
  const laws = rnd.sample(fieldDef.laws, rnd.int(Math.min(2, fieldDef.laws.length), fieldDef.laws.length));
  const conditions = rnd.chance(0.5) ? rnd.sample(CONDITIONS, rnd.int(1, 2)) : [];

  const L = [];
  L.push(`# ${name} – ${ag.name}, ${mechanismLabel(mechanism)}.`);
  L.push('# DỮ LIỆU SINH TỰ ĐỘNG cho đo hiệu năng (bench/generate.mjs); không dùng làm danh mục thật.');
  L.push('kind: procedure');
  L.push(`code: ${q(code)}`);
  L.push(`name: ${q(name)}`);
  L.push(`agency: ${ag.id}`);
  L.push(`field: ${q(fieldDef.field)}`);
  L.push(`mechanism: ${mechanism}`);
  if (rnd.chance(0.5)) L.push('calendar: vn-2026');
  L.push(`time_limit: ${timeLimit}`);
  if (rnd.chance(0.1)) L.push('on_supplement: restart');
  L.push(`effective_from: ${effectiveFrom}`);
  L.push(`applicants: ${q(rnd.pick(APPLICANTS))}`);
  L.push(`channels: [${rnd.pick([['counter', 'online', 'post'], ['counter', 'online'], ['counter'], ['online']]).join(', ')}]`);
  L.push(`result: ${q(`${verb === 'Thu hồi' ? 'Quyết định thu hồi' : 'Kết quả giải quyết'}: ${object}`)}`);
  if (fees.length === 0) L.push('fees: []');
  else {
    L.push('fees:');
    for (const f of fees) {
      L.push(`  - name: ${q(f.name)}`);
      L.push(`    amount: ${f.amount}`);
      if (rnd.chance(0.4)) L.push(`    note: ${q('Theo biểu phí, lệ phí của Bộ Tài chính; kiểm tra mức áp dụng.')}`);
    }
  }
  L.push('components:');
  for (const [cname, form] of components) {
    L.push(`  - name: ${q(/** @type {string} */ (cname))}`);
    L.push(`    copies: ${rnd.int(1, 2)}`);
    L.push(`    original: ${rnd.chance(0.5)}`);
    if (form) L.push(`    form: ${q(form)}`);
  }
  if (conditions.length > 0) {
    L.push('conditions:');
    for (const c of conditions) L.push(`  - ${q(c)}`);
  }
  L.push('legal_basis:');
  for (const l of laws) L.push(`  - ${q(l)}`);
  L.push('steps:');
  // Block style keeps files readable; long processes use one line per step (as in SPEC.md)
  // so that a file stays within 40–80 lines.
  const blockLines = steps.reduce((n, s) => n + 5 + (s.assignee ? 1 : 0) + (s.next ? 1 : 0), 0);
  const flow = L.length + blockLines > 80;
  for (const s of steps) {
    const fields = { id: s.id, name: s.name, action: s.action, unit: s.unit, assignee: s.assignee, duration: formatBudget(s.minutes), next: s.next };
    if (flow) {
      L.push(`  - ${flowMap(fields)}`);
      continue;
    }
    L.push(`  - id: ${fields.id}`);
    for (const [key, v] of Object.entries(fields)) {
      if (key === 'id' || v === undefined) continue;
      L.push(`    ${key}: ${scalar(v, false)}`);
    }
  }
  if (L.length < 40) {
    L.push(`notes: ${q(`Hồ sơ nộp trực tuyến qua Cổng Dịch vụ công quốc gia được tiếp nhận trong giờ hành chính; thời hạn ${timeLimit} tính theo ngày làm việc.`)}`);
  }
  return { code, text: L.join('\n') + '\n' };
}

/** @param {string} mechanism */
function mechanismLabel(mechanism) {
  return { 'one-stop': 'một cửa', 'inter-agency': 'một cửa liên thông', 'five-on-the-spot': '"5 tại chỗ"', internal: 'TTHC nội bộ' }[mechanism] ?? mechanism;
}

/**
 * Working minutes of a time limit ("15d", "0.5d", "4h").
 * @param {string} limit
 */
export function limitToMinutes(limit) {
  const m = /^(\d+(?:\.\d+)?)(d|h)$/.exec(limit);
  if (!m) throw new Error(`generator: unsupported limit ${limit}`);
  return Number(m[1]) * (m[2] === 'd' ? DAY_MINUTES : 60);
}

/**
 * Writes a catalog into `dir` (emptied first): calendar-2026.yaml, units.yaml and
 * `procedures` procedure files in one subfolder per agency.
 * @param {string} dir
 * @param {{ procedures?: number, seed?: number }} [options]
 * @returns {{ dir: string, files: number, procedures: number, procedureFiles: string[], unitCount: number, officialCount: number }}
 */
export function generateCatalog(dir, { procedures = 2000, seed = 1 } = {}) {
  const rnd = makeRandom(seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { units, officials, agencies } = buildUnits(rnd);
  writeFileSync(join(dir, 'calendar-2026.yaml'), calendarYaml());
  writeFileSync(join(dir, 'units.yaml'), unitsYaml(units, officials));

  /** @type {Map<string, Official[]>} */
  const byUnit = new Map();
  for (const o of officials) byUnit.set(o.unit, [...(byUnit.get(o.unit) ?? []), o]);

  // About two thirds of the procedures belong to departments, the rest to communes.
  const depts = agencies.filter((a) => a.level === 'province');
  const communes = agencies.filter((a) => a.level === 'commune');
  /** @type {Map<string, number>} */
  const seq = new Map();
  const codes = new Set();
  /** @type {string[]} */
  const procedureFiles = [];
  for (let i = 0; i < procedures; i++) {
    const ag = rnd.chance(0.65) ? rnd.pick(depts) : rnd.pick(communes);
    const n = (seq.get(ag.id) ?? 0) + 1;
    seq.set(ag.id, n);
    const { code, text } = procedureYaml(rnd, i, ag, n, agencies, byUnit);
    if (codes.has(code)) throw new Error(`generator: duplicate code ${code}`);
    codes.add(code);
    const sub = join(dir, ag.id);
    if (n === 1) mkdirSync(sub, { recursive: true });
    const file = join(sub, `${code}.yaml`);
    writeFileSync(file, text);
    procedureFiles.push(file);
  }
  return { dir, files: procedures + 2, procedures, procedureFiles, unitCount: units.length, officialCount: officials.length };
}

// CLI: node bench/generate.mjs DIR [--procedures N] [--seed S]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  const opt = (/** @type {string} */ name, /** @type {number} */ dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  if (!dir) {
    process.stderr.write('usage: node bench/generate.mjs DIR [--procedures N] [--seed S]\n');
    process.exit(2);
  }
  const r = generateCatalog(resolve(dir), { procedures: opt('--procedures', 2000), seed: opt('--seed', 1) });
  process.stdout.write(`generated ${r.files} files (${r.procedures} procedures, ${r.unitCount} units, ${r.officialCount} officials) in ${r.dir}\n`);
}
