/**
 * The columns of the activity import/export sheet (template, import and export share them).
 * Headers are Vietnamese; on import the English headers, the API field names and a few common
 * variants are accepted too, compared accent- and case-insensitively, '*' and '(…)' ignored.
 */
import { foldForSearch } from '../text.js';

export type ImportField =
  | 'orgUnit'
  | 'kind'
  | 'title'
  | 'startDate'
  | 'endDate'
  | 'communeCode'
  | 'channel'
  | 'audiences'
  | 'participantsFemale'
  | 'participantsMale'
  | 'participantsTotal'
  | 'ethnicMinorityParticipants'
  | 'productsCount'
  | 'reach'
  | 'costStateBudget'
  | 'costMobilised'
  | 'costInternational'
  | 'campaign'
  | 'planId'
  | 'taskGroupId'
  | 'notes';

export type ImportColumnType =
  | 'org'
  | 'kind'
  | 'text'
  | 'date'
  | 'commune'
  | 'channel'
  | 'audiences'
  | 'count'
  | 'bigcount'
  | 'money'
  | 'campaign'
  | 'uuid';

export interface ImportColumn {
  field: ImportField;
  type: ImportColumnType;
  /** Header in the template and the export (without the '*' of required columns). */
  vi: string;
  en: string;
  required: boolean;
  /** Other headers accepted on import. */
  aliases: readonly string[];
  /** Column width in characters in the .xlsx template. */
  width: number;
  /** One line for the instructions sheet. */
  hintVi: string;
  hintEn: string;
  /** Longest text accepted (text columns). */
  maxLength?: number;
}

const col = (c: Omit<ImportColumn, 'aliases'> & { aliases?: readonly string[] }): ImportColumn => ({
  aliases: [],
  ...c,
});

export const ACTIVITY_IMPORT_COLUMNS: readonly ImportColumn[] = [
  col({
    field: 'orgUnit',
    type: 'org',
    vi: 'Mã đơn vị thực hiện',
    en: 'Org unit code',
    required: false,
    aliases: ['Mã đơn vị', 'Đơn vị', 'Org unit', 'Unit code'],
    width: 16,
    hintVi: 'Mã đơn vị ghi nhận hoạt động (ví dụ 03394, 12-SNV); để trống = đơn vị được chọn khi nhập',
    hintEn: 'Code of the recording unit (e.g. 03394, 12-SNV); empty = the unit chosen for the import',
  }),
  col({
    field: 'kind',
    type: 'kind',
    vi: 'Loại hoạt động',
    en: 'Kind',
    required: true,
    aliases: ['Loại', 'Activity kind', 'Kind code'],
    width: 30,
    hintVi: 'Chọn trong danh sách (tên tiếng Việt, tiếng Anh hoặc mã, ví dụ "Hội nghị" hoặc conference)',
    hintEn: 'Pick from the list (Vietnamese or English name, or the code, e.g. conference)',
  }),
  col({
    field: 'title',
    type: 'text',
    vi: 'Tên hoạt động',
    en: 'Title',
    required: true,
    aliases: ['Nội dung', 'Tên', 'Activity title'],
    width: 45,
    maxLength: 500,
    hintVi: 'Tên, nội dung hoạt động (tối đa 500 ký tự)',
    hintEn: 'Title of the activity (at most 500 characters)',
  }),
  col({
    field: 'startDate',
    type: 'date',
    vi: 'Ngày bắt đầu',
    en: 'Start date',
    required: true,
    aliases: ['Từ ngày', 'Ngày', 'From', 'Date'],
    width: 14,
    hintVi: 'Ngày dạng dd/mm/yyyy (ví dụ 25/11/2026); cũng nhận yyyy-mm-dd và ô ngày của Excel',
    hintEn: 'Date as dd/mm/yyyy (e.g. 25/11/2026); yyyy-mm-dd and Excel date cells are accepted too',
  }),
  col({
    field: 'endDate',
    type: 'date',
    vi: 'Ngày kết thúc',
    en: 'End date',
    required: false,
    aliases: ['Đến ngày', 'To'],
    width: 14,
    hintVi: 'Để trống nếu hoạt động diễn ra trong một ngày (= ngày bắt đầu)',
    hintEn: 'Leave empty for a one-day activity (= the start date)',
  }),
  col({
    field: 'communeCode',
    type: 'commune',
    vi: 'Mã xã nơi tổ chức',
    en: 'Commune code',
    required: false,
    aliases: ['Mã xã', 'Địa bàn', 'Commune', 'Location'],
    width: 14,
    hintVi: 'Mã xã/phường 5 chữ số theo Quyết định 19/2025/QĐ-TTg (ví dụ 03394)',
    hintEn: '5-digit commune code from Decision 19/2025/QĐ-TTg (e.g. 03394)',
  }),
  col({
    field: 'channel',
    type: 'channel',
    vi: 'Kênh truyền thông',
    en: 'Channel',
    required: false,
    aliases: ['Kênh', 'Hình thức'],
    width: 26,
    hintVi: 'Chọn trong danh sách (ví dụ "Trực tiếp")',
    hintEn: 'Pick from the list (e.g. "Face to face")',
  }),
  col({
    field: 'audiences',
    type: 'audiences',
    vi: 'Đối tượng',
    en: 'Audiences',
    required: false,
    aliases: ['Nhóm đối tượng', 'Audience'],
    width: 34,
    hintVi: 'Một hoặc nhiều nhóm đối tượng, cách nhau bằng dấu chấm phẩy (;)',
    hintEn: 'One or more audiences separated by semicolons (;)',
  }),
  col({
    field: 'participantsFemale',
    type: 'count',
    vi: 'Số người tham dự nữ',
    en: 'Female participants',
    required: false,
    aliases: ['Nữ', 'Số nữ', 'Female'],
    width: 12,
    hintVi: 'Số nguyên ≥ 0; để trống nếu không rõ',
    hintEn: 'Whole number ≥ 0; empty if unknown',
  }),
  col({
    field: 'participantsMale',
    type: 'count',
    vi: 'Số người tham dự nam',
    en: 'Male participants',
    required: false,
    aliases: ['Nam', 'Số nam', 'Male'],
    width: 12,
    hintVi: 'Số nguyên ≥ 0; để trống nếu không rõ',
    hintEn: 'Whole number ≥ 0; empty if unknown',
  }),
  col({
    field: 'participantsTotal',
    type: 'count',
    vi: 'Tổng số người tham dự',
    en: 'Total participants',
    required: false,
    aliases: ['Tổng số', 'Tổng', 'Total'],
    width: 12,
    hintVi: 'Không nhỏ hơn nữ + nam (có thể có người không rõ giới tính)',
    hintEn: 'At least female + male (some participants may be of unknown sex)',
  }),
  col({
    field: 'ethnicMinorityParticipants',
    type: 'count',
    vi: 'Số người dân tộc thiểu số',
    en: 'Ethnic minority participants',
    required: false,
    aliases: ['Dân tộc thiểu số', 'DTTS', 'Số người DTTS', 'Ethnic minorities'],
    width: 12,
    hintVi: 'Không lớn hơn tổng số người tham dự',
    hintEn: 'At most the total participants',
  }),
  col({
    field: 'productsCount',
    type: 'count',
    vi: 'Số sản phẩm phát hành',
    en: 'Products distributed',
    required: false,
    aliases: ['Số sản phẩm', 'Products', 'Products count'],
    width: 12,
    hintVi: 'Số tờ rơi, áp phích, tài liệu… đã phát hành',
    hintEn: 'Leaflets, posters, handbooks… distributed',
  }),
  col({
    field: 'reach',
    type: 'bigcount',
    vi: 'Số lượt tiếp cận ước tính',
    en: 'Estimated reach',
    required: false,
    aliases: ['Lượt tiếp cận', 'Reach'],
    width: 14,
    hintVi: 'Số lượt người tiếp cận ước tính (nghe, xem, đọc)',
    hintEn: 'Estimated number of people reached (listeners, viewers, readers)',
  }),
  col({
    field: 'costStateBudget',
    type: 'money',
    vi: 'Kinh phí ngân sách nhà nước (đồng)',
    en: 'State budget cost (VND)',
    required: false,
    aliases: ['Kinh phí NSNN', 'Ngân sách nhà nước', 'State budget'],
    width: 16,
    hintVi: 'Số tiền nguyên đồng, có thể có dấu chấm ngăn cách hàng nghìn (1.500.000)',
    hintEn: 'Whole đồng; thousands separators allowed (1.500.000 or 1,500,000)',
  }),
  col({
    field: 'costMobilised',
    type: 'money',
    vi: 'Kinh phí xã hội hóa (đồng)',
    en: 'Mobilised funds (VND)',
    required: false,
    aliases: ['Kinh phí huy động', 'Xã hội hóa', 'Mobilised'],
    width: 16,
    hintVi: 'Kinh phí huy động, xã hội hóa (đồng)',
    hintEn: 'Mobilised / socialised funds (đồng)',
  }),
  col({
    field: 'costInternational',
    type: 'money',
    vi: 'Kinh phí viện trợ quốc tế (đồng)',
    en: 'International aid (VND)',
    required: false,
    aliases: ['Viện trợ quốc tế', 'International aid', 'International'],
    width: 16,
    hintVi: 'Kinh phí từ viện trợ, tài trợ quốc tế (đồng)',
    hintEn: 'Funds from international aid (đồng)',
  }),
  col({
    field: 'campaign',
    type: 'campaign',
    vi: 'Đợt cao điểm, chiến dịch',
    en: 'Campaign',
    required: false,
    aliases: ['Chiến dịch', 'Đợt cao điểm', 'Campaign code'],
    width: 30,
    hintVi:
      'Chọn trong danh sách; để trống = hệ thống gợi ý theo ngày bắt đầu (ví dụ 20/11 → Tháng hành động); "Không" = không thuộc đợt nào',
    hintEn:
      'Pick from the list; empty = suggested from the start date (e.g. 20/11 → Action Month); "Không" (none) = no campaign',
  }),
  col({
    field: 'planId',
    type: 'uuid',
    vi: 'Mã kế hoạch (ID)',
    en: 'Plan ID',
    required: false,
    aliases: ['Kế hoạch', 'Plan'],
    width: 20,
    hintVi: 'Mã (UUID) của kế hoạch liên quan, nếu có; thường để trống',
    hintEn: 'ID (UUID) of the related plan, if any; usually empty',
  }),
  col({
    field: 'taskGroupId',
    type: 'uuid',
    vi: 'Mã nhóm nhiệm vụ (ID)',
    en: 'Task group ID',
    required: false,
    aliases: ['Nhóm nhiệm vụ', 'Task group'],
    width: 20,
    hintVi: 'Mã (UUID) của nhóm nhiệm vụ trong kế hoạch, nếu có',
    hintEn: 'ID (UUID) of the plan task group, if any',
  }),
  col({
    field: 'notes',
    type: 'text',
    vi: 'Ghi chú',
    en: 'Notes',
    required: false,
    aliases: ['Mô tả', 'Kết quả', 'Description'],
    width: 40,
    maxLength: 10_000,
    hintVi: 'Ghi chú, kết quả (tối đa 10.000 ký tự)',
    hintEn: 'Notes, results (at most 10,000 characters)',
  }),
];

/** Headers of columns the import skips (row numbers that every Vietnamese sheet starts with). */
const IGNORED_HEADERS = ['stt', 'tt', 'so tt', 'so thu tu', 'no', 'no.', '#'];

/** The header as written in the template: required columns carry a trailing '*'. */
export function headerOf(c: ImportColumn): string {
  return c.required ? `${c.vi} *` : c.vi;
}

/** 'A', 'B', … 'Z', 'AA' … for a 0-based column index. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Folded header key: accents, case, '*', '(…)' and punctuation at the ends dropped. */
export function headerKey(h: string): string {
  return foldForSearch(
    h
      .replace(/\(.*?\)/g, ' ')
      .replace(/\*/g, ' ')
      .replace(/[:.]+\s*$/, ''),
  );
}

const BY_HEADER: Map<string, ImportColumn> = (() => {
  const m = new Map<string, ImportColumn>();
  for (const c of ACTIVITY_IMPORT_COLUMNS) {
    for (const h of [c.vi, c.en, c.field, ...c.aliases]) {
      const k = headerKey(h);
      if (!m.has(k)) m.set(k, c);
    }
  }
  return m;
})();

/** The column a header names, 'ignore' for row-number columns, null when unknown. */
export function columnForHeader(h: string): ImportColumn | 'ignore' | null {
  const k = headerKey(h);
  if (IGNORED_HEADERS.includes(k)) return 'ignore';
  return BY_HEADER.get(k) ?? null;
}
