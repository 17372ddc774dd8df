/**
 * Cell parsers for the activity import: each turns what a spreadsheet or CSV cell holds
 * (string, number, Date, boolean, empty) into a typed value or a bilingual message.
 * Empty cells are null; nothing here knows about rows or columns.
 */
import { foldForSearch, isUuid } from '../text.js';

export type CellValue = string | number | boolean | Date | null | undefined;
export interface CellMessage {
  vi: string;
  en: string;
}
export type CellResult<T> = { ok: true; value: T } | { ok: false; error: CellMessage };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (vi: string, en: string): CellResult<never> => ({ ok: false, error: { vi, en } });

/** Text of a cell as the user sees it, for error listings. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

export function isEmptyCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function ymd(y: number, m: number, d: number): CellResult<string> {
  if (m < 1 || m > 12 || d < 1 || d > 31 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d)
    return fail(
      `Ngày không tồn tại (ngày ${d}, tháng ${m}, năm ${y}); nhập dạng dd/mm/yyyy`,
      `No such date (day ${d}, month ${m}, year ${y}); use dd/mm/yyyy`,
    );
  if (y < MIN_YEAR || y > MAX_YEAR)
    return fail(`Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, `The year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

/** An Excel serial day number (1900 date system) as 'YYYY-MM-DD'. */
export function excelSerialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' as an Excel serial day number. */
export function isoToExcelSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH_MS) / DAY_MS);
}

const BAD_DATE: CellMessage = {
  vi: 'Ngày không đúng định dạng; nhập dạng dd/mm/yyyy (ví dụ 25/11/2026)',
  en: 'Not a date; write it as dd/mm/yyyy (e.g. 25/11/2026)',
};

/**
 * Dates: dd/mm/yyyy and d/m/yyyy (also with '-' or '.'), ISO yyyy-mm-dd (a time part is
 * dropped), Excel serial numbers (as numbers or 5-digit text) and Date cells (read in UTC,
 * as exceljs gives them).
 */
export function parseDateCell(v: CellValue): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, error: BAD_DATE };
    return ymd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465) return { ok: false, error: BAD_DATE };
    const iso = excelSerialToIso(v);
    return ymd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
  }
  if (typeof v !== 'string') return { ok: false, error: BAD_DATE };
  const s = v.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(s);
  if (m)
    return fail(
      'Năm phải viết đủ 4 chữ số (dd/mm/yyyy, ví dụ 25/11/2026)',
      'Write the year with 4 digits (dd/mm/yyyy, e.g. 25/11/2026)',
    );
  if (/^\d{5}(\.\d+)?$/.test(s)) return parseDateCell(Number(s));
  return { ok: false, error: BAD_DATE };
}

/**
 * Whole numbers ≥ 0, up to `max`. Text may group thousands with '.', ',' or spaces
 * ("1.500.000", "1,500,000", "1 500 000"); a decimal part of zeros is accepted ("12,00").
 */
export function parseCountCell(v: CellValue, max: number): CellResult<number | null> {
  if (isEmptyCell(v)) return ok(null);
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.replace(/[\s\u00a0\u202f]/g, '');
    const neg = /^[-−–]/.test(s);
    const body = neg ? s.slice(1) : s;
    let digits: string | null = null;
    if (/^\d+$/.test(body)) digits = body;
    else if (/^\d{1,3}(\.\d{3})+(,0+)?$/.test(body)) digits = body.replace(/,0+$/, '').replace(/\./g, '');
    else if (/^\d{1,3}(,\d{3})+(\.0+)?$/.test(body)) digits = body.replace(/\.0+$/, '').replace(/,/g, '');
    else if (/^\d+[.,]0+$/.test(body)) digits = body.replace(/[.,]0+$/, '');
    if (digits === null) {
      if (/^\d+([.,]\d+)?$/.test(body))
        return fail('Phải là số nguyên (không có phần thập phân)', 'Must be a whole number (no decimals)');
      return fail('Không phải là số', 'Not a number');
    }
    n = neg ? -Number(digits) : Number(digits);
  } else return fail('Không phải là số', 'Not a number');
  if (!Number.isFinite(n)) return fail('Không phải là số', 'Not a number');
  if (n < 0) return fail('Không được là số âm', 'Must not be negative');
  if (!Number.isInteger(n))
    return fail('Phải là số nguyên (không có phần thập phân)', 'Must be a whole number (no decimals)');
  if (n > max)
    return fail(
      `Quá lớn (tối đa ${max.toLocaleString('vi-VN')})`,
      `Too large (at most ${max.toLocaleString('en-US')})`,
    );
  return ok(n);
}

/** Trimmed NFC text, empty → null; longer than `max` characters is an error. */
export function parseTextCell(v: CellValue, max: number): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  const s = (v instanceof Date ? cellText(v) : String(v)).normalize('NFC').trim();
  if (s.includes('\u0000'))
    return fail('Không được chứa ký tự NUL (\\u0000)', 'Must not contain the NUL character (\\u0000)');
  if (s.length > max) return fail(`Dài quá ${max} ký tự (${s.length})`, `Longer than ${max} characters (${s.length})`);
  return ok(s);
}

/** A 5-digit commune code; a number that lost its leading zero in Excel (3394) is padded. */
export function parseCommuneCell(v: CellValue): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : cellText(v).trim();
  if (/^\d{1,5}$/.test(s)) return ok(s.padStart(5, '0'));
  return fail('Mã xã phải gồm 5 chữ số (ví dụ 03394)', 'A commune code has 5 digits (e.g. 03394)');
}

/** An org unit code or id as written; numbers that lost a leading zero are padded (12, 03394). */
export function parseOrgCell(v: CellValue): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return ok(String(v).padStart(v < 100 ? 2 : 5, '0'));
  const s = cellText(v).trim();
  if (s.length > 64) return fail('Mã đơn vị quá dài', 'Org unit code too long');
  return ok(s);
}

export function parseUuidCell(v: CellValue): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  const s = cellText(v).trim().toLowerCase();
  if (!isUuid(s)) return fail('Mã (ID) không hợp lệ', 'Not a valid ID (UUID)');
  return ok(s);
}

/** A reference list entry (kind, channel, audience, campaign): matched by code, Vietnamese or English name. */
export interface RefEntry {
  code: string;
  nameVi: string;
  nameEn: string;
  /** What the activity stores (the code, or a campaign's id). */
  value?: string;
}

export class RefIndex {
  private readonly map = new Map<string, string>();
  constructor(readonly entries: readonly RefEntry[]) {
    for (const e of entries) {
      for (const k of [e.value, e.code, e.nameVi, e.nameEn]) {
        if (!k) continue;
        const key = foldForSearch(k);
        if (!this.map.has(key)) this.map.set(key, e.value ?? e.code);
      }
    }
    // A part of a Vietnamese name before or after a comma ("Tờ rơi" of "Tờ rơi, tờ gấp") names
    // its entry too, when no other entry has that part and no whole name is spelled that way.
    const parts = new Map<string, string | null>();
    for (const e of entries) {
      for (const part of e.nameVi.split(',')) {
        const key = foldForSearch(part);
        if (!key || this.map.has(key)) continue;
        const v = e.value ?? e.code;
        parts.set(key, parts.has(key) && parts.get(key) !== v ? null : v);
      }
    }
    for (const [key, v] of parts) if (v !== null) this.map.set(key, v);
  }
  /** Sheets repeat the same few values: remember what each spelling resolved to. */
  private readonly seen = new Map<string, string | undefined>();
  get(text: string): string | undefined {
    if (this.seen.has(text)) return this.seen.get(text);
    const hit = this.map.get(foldForSearch(text));
    if (this.seen.size < 10_000) this.seen.set(text, hit);
    return hit;
  }
  /** The Vietnamese name of a stored value (for export). */
  nameOf(value: string): string | undefined {
    return this.entries.find((e) => (e.value ?? e.code) === value)?.nameVi;
  }
}

export function parseRefCell(v: CellValue, index: RefIndex, what: CellMessage): CellResult<string | null> {
  if (isEmptyCell(v)) return ok(null);
  const s = cellText(v).trim();
  const hit = index.get(s);
  if (hit) return ok(hit);
  return fail(`${what.vi} không có trong danh mục: "${s}"`, `Unknown ${what.en}: "${s}"`);
}

/**
 * Audiences separated by ';' or ','. Names themselves contain commas ("Lãnh đạo, cán bộ quản
 * lý"), so comma-separated pieces are matched greedily, longest run of pieces first.
 */
export function parseAudiencesCell(v: CellValue, index: RefIndex): CellResult<string[]> {
  if (isEmptyCell(v)) return ok([]);
  const out: string[] = [];
  const unknown: string[] = [];
  for (const part of cellText(v).split(/[;\n]/)) {
    const pieces = part.split(',').map((p) => p.trim());
    let i = 0;
    while (i < pieces.length) {
      if (!pieces[i]) {
        i++;
        continue;
      }
      let matched = 0;
      for (let j = pieces.length; j > i; j--) {
        const hit = index.get(pieces.slice(i, j).join(', '));
        if (hit) {
          if (!out.includes(hit)) out.push(hit);
          matched = j - i;
          break;
        }
      }
      if (matched === 0) {
        unknown.push(pieces[i]!);
        i++;
      } else i += matched;
    }
  }
  if (unknown.length)
    return fail(
      `Đối tượng không có trong danh mục: ${unknown.map((u) => `"${u}"`).join(', ')}`,
      `Unknown audience: ${unknown.map((u) => `"${u}"`).join(', ')}`,
    );
  if (out.length > 30) return fail('Quá 30 nhóm đối tượng', 'More than 30 audiences');
  return ok(out);
}
