/**
 * Reads an uploaded sheet row by row, without holding the whole workbook in memory:
 * .xlsx through exceljs's streaming reader, .csv (UTF-8, with or without BOM; ',' ';' or tab
 * separated, detected from the first line) through csv-parse. Row numbers are the ones Excel
 * shows, so error listings point at the right row.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import type { CellValue } from '@binhdang/domain';

export type SheetFormat = 'xlsx' | 'csv';
export interface SheetRow {
  row: number;
  cells: CellValue[];
}
export interface Sheet {
  format: SheetFormat;
  rows: AsyncIterable<SheetRow>;
}

/** A file the reader cannot read at all (not a sheet, broken CSV quoting, wrong encoding). */
export class SheetFormatError extends Error {
  constructor(
    readonly row: number,
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'SheetFormatError';
  }
}

/** The name of the data sheet in the template; other visible sheets are read only if it is absent. */
export const DATA_SHEET = 'Hoạt động';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export function openSheet(data: Buffer, fileName: string): Sheet {
  if (isZip(data)) return { format: 'xlsx', rows: readXlsx(data) };
  if (isOle(data) || /\.xls$/i.test(fileName))
    throw new SheetFormatError(
      0,
      'Tệp Excel 97-2003 (.xls) không được hỗ trợ; hãy lưu lại dạng .xlsx hoặc .csv',
      'Excel 97-2003 files (.xls) are not supported; save the file as .xlsx or .csv',
    );
  if (/\.(xlsx|xlsm|zip)$/i.test(fileName))
    throw new SheetFormatError(0, 'Tệp .xlsx bị hỏng hoặc không phải Excel', 'The .xlsx file is broken or not Excel');
  return { format: 'csv', rows: readCsv(data) };
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('result' in o) return plainCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v as string);
}

async function* readXlsx(data: Buffer): AsyncIterable<SheetRow> {
  // Styles are needed to tell date cells from numbers.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let chosen = false;
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name?: string; state?: string };
      // The data sheet comes first in the template; a hidden sheet (the lists) is never data.
      if (chosen || sheet.state === 'hidden' || sheet.state === 'veryHidden') {
        for await (const _row of sheet) void _row;
        continue;
      }
      chosen = true;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        yield { row: row.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof SheetFormatError) throw e;
    throw new SheetFormatError(
      0,
      `Không đọc được tệp .xlsx (${(e as Error).message})`,
      `Cannot read the .xlsx file (${(e as Error).message})`,
    );
  }
  if (!chosen) throw new SheetFormatError(0, 'Tệp .xlsx không có sheet dữ liệu', 'The .xlsx file has no data sheet');
}

function detectDelimiter(text: string): string {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  let inQuote = false;
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  for (const ch of first) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![1] > 0
    ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0]
    : ',';
}

const SLICE = 1 << 16;

/** The text in ~64 KB slices, never cutting a surrogate pair. */
function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length;) {
    let end = Math.min(i + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield text.slice(i, end);
    i = end;
  }
}

async function* readCsv(data: Buffer): AsyncIterable<SheetRow> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new SheetFormatError(
      0,
      'Tệp CSV phải dùng bảng mã UTF-8 (trong Excel: Lưu thành → CSV UTF-8)',
      'The CSV file must be UTF-8 (in Excel: Save as → CSV UTF-8)',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  // A plain file (what a spreadsheet writes) is split here, straight from the text; anything
  // else — and every malformed file, for its error message — goes through csv-parse.
  if (isPlainCsv(text, delimiter)) {
    let row = 0;
    for (const record of plainCsvRecords(text, delimiter)) {
      row++;
      yield { row, cells: record };
    }
    return;
  }
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
  });
  // Fed in slices: the parser then yields records as they are read (backpressure), instead of
  // holding every record of a 1,000,000-row file at once.
  Readable.from(slices(text)).pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new SheetFormatError(
      err.lines ?? row + 1,
      `Tệp CSV sai định dạng ở dòng ${err.lines ?? row + 1}: ${err.message}`,
      `Malformed CSV at line ${err.lines ?? row + 1}: ${err.message}`,
    );
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Whether csv-parse (with the options above) would read `text` without an error and with one
 * line ending throughout, so that {@link plainCsvRecords} gives the same records: lines end
 * all in LF or all in CRLF (no other CR); a quote opens a field or not at all; a closing quote
 * is followed by the delimiter, a line end or the end; every quote is closed; a quoted field
 * holds a line break only in an LF file. One pass over the text, no allocation.
 */
export function isPlainCsv(text: string, delimiter: string): boolean {
  if (delimiter.length !== 1) return false;
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  // The line ending, from the first one met: 0 not seen yet, 1 LF, 2 CRLF.
  let ending = 0;
  let fieldStart = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (!fieldStart) return false;
      // A quoted field: to its closing quote ("" is a quote inside).
      for (i++; ; i++) {
        if (i >= n) return false;
        const q = text.charCodeAt(i);
        if (q === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else break;
        } else if (q === CR) return false;
        else if (q === LF) {
          if (ending === 2) return false;
          ending = 1;
        }
      }
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (next !== -1 && next !== d && next !== LF && next !== CR) return false;
      fieldStart = false;
    } else if (c === d) fieldStart = true;
    else if (c === CR) {
      if (ending === 1 || text.charCodeAt(i + 1) !== LF) return false;
      ending = 2;
      fieldStart = true;
      i++;
    } else if (c === LF) {
      if (ending === 2) return false;
      ending = 1;
      fieldStart = true;
    } else fieldStart = false;
  }
  return true;
}

/** The records of a text that {@link isPlainCsv} accepted (one per line; fields as csv-parse reads them). */
export function* plainCsvRecords(text: string, delimiter: string): Generator<string[]> {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const record: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        let escaped = false;
        for (; ; j++) {
          if (text.charCodeAt(j) === QUOTE) {
            if (text.charCodeAt(j + 1) !== QUOTE) break;
            escaped = true;
            j++;
          }
        }
        value = text.slice(i + 1, j);
        if (escaped) value = value.replaceAll('""', '"');
        i = j + 1;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      record.push(value);
      const c = i < n ? text.charCodeAt(i) : -1;
      if (c === d) {
        i++;
        continue;
      }
      // A line end (CRLF or LF) or the end of the text ends the record.
      i += c === CR ? 2 : c === LF ? 1 : 0;
      break;
    }
    yield record;
  }
}
