// The words of simulated dossiers: fictional applicants (Vietnamese names built from common family,
// middle and given names; ID and phone numbers of the right shape, made up) and the reasons
// officials write. Nothing here names a real person of the catalog.
import type { Applicant } from './events.js';
import type { Random } from './random.js';

// Family names roughly by how common they are in Vietnam (Nguyễn about a third).
const families: readonly (readonly [string, number])[] = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 7], ['Hoàng', 5], ['Huỳnh', 1], ['Phan', 4], ['Vũ', 4], ['Võ', 1],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Hồ', 1], ['Ngô', 1], ['Dương', 1], ['Lý', 1], ['Đào', 1], ['Đinh', 1], ['Trịnh', 1], ['Mai', 1], ['Cao', 1], ['Lương', 1], ['Tạ', 1], ['Chu', 1],
];
const familyNames = families.flatMap(([name, n]) => Array<string>(n).fill(name));
const middles = {
  male: ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành', 'Ngọc', 'Xuân', 'Công', 'Đình', 'Mạnh', 'Tuấn', 'Trọng'],
  female: ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Thùy', 'Phương', 'Hồng', 'Kim', 'Bích', 'Hải', 'Diệu'],
};
const givens = {
  male: ['Hùng', 'Dũng', 'Tuấn', 'Minh', 'Nam', 'Long', 'Sơn', 'Hải', 'Phong', 'Quân', 'Trung', 'Khoa', 'Bảo', 'Huy', 'Đạt', 'Thắng', 'Tùng', 'Việt', 'Cường', 'Hiếu', 'Kiên', 'Lâm', 'Phúc', 'Quý', 'Toàn', 'Vinh', 'Hưng', 'Duy', 'An', 'Khánh'],
  female: ['Lan', 'Hương', 'Hoa', 'Mai', 'Linh', 'Trang', 'Thảo', 'Ngọc', 'Hà', 'Yến', 'Nhung', 'Phương', 'Anh', 'Hằng', 'Vy', 'Châu', 'Giang', 'Hạnh', 'Huyền', 'Loan', 'Nga', 'Oanh', 'Quỳnh', 'Tâm', 'Thủy', 'Uyên', 'Xuân', 'Dung', 'Hiền', 'My'],
};
// Province codes that open a citizen ID (CCCD): mostly the province itself (Bắc Ninh 027, and
// Bắc Giang 024, merged into it in 2025), some from elsewhere.
const provinceCodes = ['027', '027', '027', '027', '027', '027', '027', '024', '024', '001', '019', '022', '030', '033', '079'];
const mobilePrefixes = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '081', '082', '083', '084', '085', '088', '091', '094', '070', '076', '077', '078', '079', '089', '090', '093', '056', '058', '059'];

function digits(rng: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

/**
 * A fictional applicant: a name with diacritics; usually a 12-digit citizen ID number (province,
 * sex and century, two digits of the birth year, six at random) and a 10-digit mobile number.
 */
export function fakeApplicant(rng: Random): Applicant {
  const sex = rng.chance(0.5) ? 'male' : 'female';
  const name = `${rng.pick(familyNames)} ${rng.pick(middles[sex])} ${rng.pick(givens[sex])}`;
  const born = 1950 + rng.int(57);
  const century = born >= 2000 ? 2 : 0;
  const out: { name: string; id_number?: string; phone?: string } = { name };
  if (rng.chance(0.85)) out.id_number = `${rng.pick(provinceCodes)}${century + (sex === 'male' ? 0 : 1)}${String(born % 100).padStart(2, '0')}${digits(rng, 6)}`;
  if (rng.chance(0.75)) out.phone = `${rng.pick(mobilePrefixes)}${digits(rng, 7)}`;
  return out;
}

export const supplementReasons = [
  'Hồ sơ chưa đầy đủ thành phần theo quy định',
  'Thông tin trong tờ khai chưa khớp với giấy tờ kèm theo',
  'Bản sao chưa được chứng thực hoặc không rõ nội dung',
  'Tờ khai thiếu chữ ký, thiếu ngày tháng của người đề nghị',
  'Cần bổ sung giấy tờ chứng minh theo yêu cầu của cơ quan thẩm định',
] as const;

/** Items asked for when the procedure lists no components. */
export const genericItems = ['Bản sao giấy tờ tùy thân', 'Tờ khai (bản chính, có chữ ký)', 'Giấy ủy quyền (nếu nộp thay)'] as const;

export const refusalReasons = [
  'Hồ sơ không đủ điều kiện giải quyết theo quy định',
  'Yêu cầu không thuộc thẩm quyền giải quyết của cơ quan',
  'Giấy tờ trong hồ sơ không hợp lệ',
] as const;

/** A refusal after a request to supplement. */
export const refusalAfterSupplement = 'Hồ sơ bổ sung vẫn không đáp ứng yêu cầu';

export const withdrawalReasons = ['Người nộp đề nghị rút hồ sơ để hoàn thiện lại', 'Không còn nhu cầu giải quyết', 'Nộp nhầm thủ tục'] as const;

export const stopReasons = ['Có văn bản đề nghị tạm dừng của cơ quan có thẩm quyền', 'Phát sinh tranh chấp, khiếu nại liên quan đến hồ sơ'] as const;

export const apologyReasons = [
  'Hồ sơ cần xác minh thêm, chưa giải quyết được đúng hẹn',
  'Phải lấy ý kiến của cơ quan liên quan',
  'Số lượng hồ sơ tăng cao trong thời gian này',
] as const;

export const ratingComments = {
  good: ['Cán bộ hướng dẫn tận tình', 'Giải quyết nhanh, đúng hẹn', 'Thủ tục rõ ràng'],
  bad: ['Thời gian giải quyết còn dài', 'Trả kết quả trễ hẹn', 'Phải đi lại nhiều lần'],
} as const;

/** Someone collecting the result for the applicant. */
export const returnedToProxy = 'Người được ủy quyền';
