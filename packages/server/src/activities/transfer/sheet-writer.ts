/**
 * Writes the activity sheet — empty (the template) or filled (the export) — as .xlsx or .csv,
 * streaming rows so a large export never sits whole in memory.
 *
 * .xlsx: sheet "Hoạt động" (Vietnamese headers, required ones marked *, frozen header row,
 * column widths, dd/mm/yyyy date columns, code columns as text, drop-down lists for kind,
 * channel, audience and campaign), sheet "Hướng dẫn" (instructions in Vietnamese with English
 * lines) and the hidden sheet "Danh mục" the drop-downs read from.
 * .csv: UTF-8 with BOM (so Excel shows Vietnamese correctly), comma separated, same headers.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import {
  ACTIVITY_IMPORT_COLUMNS,
  columnLetter,
  formatDateVi,
  headerOf,
  NO_CAMPAIGN,
  type ImportRefs,
  type ImportField,
} from '@binhdang/domain';
import { DATA_SHEET } from './read.js';

export const LISTS_SHEET = 'Danh mục';
export const GUIDE_SHEET = 'Hướng dẫn';
const MAX_ROW = 1_048_576;
/** Rows below the data that keep the drop-downs (room to type more). */
const SPARE_ROWS = 2000;

export type SheetCells = (string | number | null)[];
export interface SheetWriter {
  /** One activity's cells in ACTIVITY_IMPORT_COLUMNS order, dates as 'YYYY-MM-DD'. */
  add(cells: SheetCells): void;
  finish(): Promise<void>;
}

const fieldIndex = (f: ImportField) => ACTIVITY_IMPORT_COLUMNS.findIndex((c) => c.field === f);
const DATE_COLUMNS = new Set([fieldIndex('startDate'), fieldIndex('endDate')]);
const TEXT_COLUMNS = new Set([fieldIndex('orgUnit'), fieldIndex('communeCode')]);

function listsOf(refs: ImportRefs): [ImportField, string, { code: string; nameVi: string }[]][] {
  return [
    ['kind', 'Loại hoạt động', [...refs.kinds]],
    ['channel', 'Kênh truyền thông', [...refs.channels]],
    ['audiences', 'Đối tượng', [...refs.audiences]],
    ['campaign', 'Đợt cao điểm, chiến dịch', [{ code: 'none', nameVi: NO_CAMPAIGN.vi }, ...refs.campaigns]],
  ];
}

/** Where the lists sheet holds each list: one name column (and its code beside it) per list. */
function listRanges(refs: ImportRefs): Record<string, string> {
  return Object.fromEntries(
    listsOf(refs).map(([field, , items], i) => {
      const letter = columnLetter(i * 2);
      return [field, `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${items.length + 1}`];
    }),
  );
}

function writeLists(wb: ExcelJS.stream.xlsx.WorkbookWriter, refs: ImportRefs): void {
  const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const lists = listsOf(refs);
  const longest = Math.max(...lists.map((l) => l[2].length));
  ws.columns = lists.flatMap(() => [{ width: 40 }, { width: 20 }]);
  ws.addRow(lists.flatMap(([, title]) => [title, 'Mã / code'])).commit();
  for (let i = 0; i < longest; i++) {
    ws.addRow(lists.flatMap(([, , items]) => [items[i]?.nameVi ?? null, items[i]?.code ?? null])).commit();
  }
  ws.commit();
}

function writeGuide(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 34 }, { width: 10 }, { width: 70 }, { width: 60 }, { width: 28 }];
  const line = (text: string, opts: { bold?: boolean; italic?: boolean; size?: number } = {}) => {
    const r = ws.addRow([text]);
    r.font = { bold: !!opts.bold, italic: !!opts.italic, size: opts.size ?? 11 };
    r.commit();
  };
  line('HƯỚNG DẪN NHẬP HOẠT ĐỘNG TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI TỪ TỆP EXCEL', { bold: true, size: 13 });
  line('How to import gender-equality communication activities from this workbook', { italic: true });
  line('');
  const steps: [string, string][] = [
    [
      `1. Mỗi dòng của sheet "${DATA_SHEET}" là một hoạt động. Giữ nguyên dòng tiêu đề; cột có dấu * là bắt buộc.`,
      `Each row of the "${DATA_SHEET}" sheet is one activity. Keep the header row; columns marked * are required.`,
    ],
    [
      '2. Ngày viết dạng dd/mm/yyyy (ví dụ 25/11/2026); cũng nhận yyyy-mm-dd và ô kiểu ngày của Excel.',
      'Dates as dd/mm/yyyy (e.g. 25/11/2026); yyyy-mm-dd and Excel date cells are accepted too.',
    ],
    [
      '3. Loại hoạt động, kênh, đối tượng, chiến dịch: chọn trong danh sách thả xuống (hoặc gõ tên/mã). Nhiều đối tượng: cách nhau bằng dấu chấm phẩy (;).',
      'Kind, channel, audience, campaign: pick from the drop-down (or type the name or code). Several audiences: separate them with semicolons (;).',
    ],
    [
      '4. Số người và kinh phí là số nguyên ≥ 0 (có thể có dấu chấm ngăn cách hàng nghìn). Tổng số người tham dự không nhỏ hơn nữ + nam.',
      'Counts and costs are whole numbers ≥ 0 (thousands separators allowed). Total participants must be at least female + male.',
    ],
    [
      '5. Khi tải tệp lên, hệ thống kiểm tra TẤT CẢ các dòng trước. Nếu có ô sai, không dòng nào được ghi: sửa các ô được báo rồi tải lại.',
      'On upload every row is checked first. If any cell is wrong, nothing is written: fix the cells listed and upload again.',
    ],
    [
      '6. Tệp .csv: bảng mã UTF-8, phân cách bằng dấu phẩy, cùng tiêu đề cột như sheet này (trong Excel: Lưu thành → CSV UTF-8).',
      'CSV files: UTF-8, comma separated, the same headers as this sheet (in Excel: Save as → CSV UTF-8).',
    ],
  ];
  for (const [vi, en] of steps) {
    line(vi);
    line('    ' + en, { italic: true });
  }
  line('');
  const head = ws.addRow(['Cột / Column', 'Bắt buộc', 'Hướng dẫn', 'Guidance', 'English header (accepted)']);
  head.font = { bold: true };
  head.commit();
  for (const c of ACTIVITY_IMPORT_COLUMNS) {
    const r = ws.addRow([c.vi, c.required ? 'Có (*)' : '', c.hintVi, c.hintEn, c.en]);
    r.alignment = { wrapText: true, vertical: 'top' };
    r.commit();
  }
  line('');
  line('Ví dụ một dòng / Example row:', { bold: true });
  const example: Partial<Record<ImportField, string | number>> = {
    orgUnit: '03394',
    kind: 'Hội nghị',
    title: 'Hội nghị tuyên truyền Luật Bình đẳng giới năm 2026',
    startDate: '25/11/2026',
    endDate: '25/11/2026',
    communeCode: '03394',
    channel: 'Trực tiếp',
    audiences: 'Phụ nữ; Người dân',
    participantsFemale: 45,
    participantsMale: 30,
    participantsTotal: 80,
    costStateBudget: '1.500.000',
    campaign: 'Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
  };
  ws.addRow(ACTIVITY_IMPORT_COLUMNS.map(headerOf)).commit();
  ws.addRow(ACTIVITY_IMPORT_COLUMNS.map((c) => example[c.field] ?? null)).commit();
  ws.commit();
}

/** The .xlsx sheet writer: data rows stream into "Hoạt động"; the guide and lists follow. */
export function xlsxSheetWriter(out: Writable, refs: ImportRefs): SheetWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'binhdang';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ACTIVITY_IMPORT_COLUMNS.map((c, i) => ({
    key: c.field,
    width: c.width,
    style: DATE_COLUMNS.has(i)
      ? { numFmt: 'dd/mm/yyyy' }
      : TEXT_COLUMNS.has(i)
        ? { numFmt: '@' }
        : c.type === 'money'
          ? { numFmt: '#,##0' }
          : {},
  }));
  const header = ws.addRow(ACTIVITY_IMPORT_COLUMNS.map(headerOf));
  header.height = 32;
  header.eachCell((cell, col) => {
    const c = ACTIVITY_IMPORT_COLUMNS[col - 1]!;
    cell.font = { bold: true, color: c.required ? { argb: 'FF9C0006' } : { argb: 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.note = `${c.hintVi}\n(${c.en}: ${c.hintEn})`;
  });
  header.commit();
  let rows = 1;
  return {
    add(cells) {
      const values = cells.map((v, i) =>
        DATE_COLUMNS.has(i) && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v,
      );
      ws.addRow(values).commit();
      rows++;
    },
    async finish() {
      const last = Math.min(MAX_ROW, rows + SPARE_ROWS);
      // Drop-downs: the lists live on a hidden sheet (a long inline list breaks Excel's 255-character limit).
      const ranges = listRanges(refs);
      // Present on the streaming worksheet, missing from exceljs's type declarations.
      const validations = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } })
        .dataValidations;
      for (const field of ['kind', 'channel', 'audiences', 'campaign'] as const) {
        const letter = columnLetter(fieldIndex(field));
        validations.add(`${letter}2:${letter}${last}`, {
          type: 'list',
          allowBlank: true,
          formulae: [ranges[field]!],
          // Several audiences are typed "A; B": only a warning for that column.
          showErrorMessage: true,
          errorStyle: field === 'audiences' ? 'warning' : 'stop',
          errorTitle: 'Giá trị không có trong danh sách',
          error: 'Chọn một giá trị trong danh sách thả xuống (Pick a value from the list)',
        });
      }
      for (const field of ['startDate', 'endDate'] as const) {
        const letter = columnLetter(fieldIndex(field));
        validations.add(`${letter}2:${letter}${last}`, {
          type: 'date',
          operator: 'between',
          allowBlank: true,
          formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: 'Ngày không hợp lệ',
          error: 'Nhập ngày dạng dd/mm/yyyy (Enter a date as dd/mm/yyyy)',
        });
      }
      ws.commit();
      writeGuide(wb);
      writeLists(wb, refs);
      await wb.commit();
    },
  };
}

/** The .csv writer: BOM, header line, one line per activity; dates dd/mm/yyyy. */
export function csvSheetWriter(out: Writable): SheetWriter {
  out.write('\ufeff' + stringify([ACTIVITY_IMPORT_COLUMNS.map(headerOf)]));
  let batch: SheetCells[] = [];
  const flush = () => {
    if (batch.length) out.write(stringify(batch));
    batch = [];
  };
  return {
    add(cells) {
      batch.push(cells.map((v, i) => (DATE_COLUMNS.has(i) && typeof v === 'string' ? formatDateVi(v) : v)));
      if (batch.length >= 1000) flush();
    },
    async finish() {
      flush();
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    },
  };
}
