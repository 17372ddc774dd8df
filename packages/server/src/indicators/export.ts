/**
 * The pivot as a file: GET /api/indicators/pivot/export?format=xlsx|csv&… takes the pivot's own
 * query (same scope checks, same figures) and writes a title, the table and totals where the
 * cells add up (not across audiences, which overlap, nor across indicator values).
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '@binhdang/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PivotQuery, type Lang, type Measure, type PivotDimension, type PivotResponse } from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { langOf } from '../http/lang.js';
import { pivot } from './pivot.js';

const DIMS: Record<PivotDimension, [string, string]> = {
  org: ['Đơn vị', 'Unit'],
  year: ['Năm', 'Year'],
  quarter: ['Quý', 'Quarter'],
  month: ['Tháng', 'Month'],
  target: ['Chỉ tiêu', 'Target'],
  audience: ['Đối tượng', 'Audience'],
  sex: ['Giới tính', 'Sex'],
  kind: ['Loại hoạt động', 'Activity kind'],
  channel: ['Kênh truyền thông', 'Channel'],
};
const MEASURES: Record<Measure, [string, string]> = {
  activities: ['Số hoạt động', 'Activities'],
  sessions: ['Số cuộc truyền thông', 'Communication sessions'],
  news_items: ['Số tin, bài', 'News items'],
  products: ['Số sản phẩm truyền thông', 'Communication products'],
  participants: ['Số người tham dự', 'Participants'],
  participants_female: ['Số người tham dự nữ', 'Female participants'],
  participants_male: ['Số người tham dự nam', 'Male participants'],
  costs: ['Kinh phí (đồng)', 'Costs (VND)'],
};
const TOTAL: [string, string] = ['Tổng', 'Total'];
const PERIOD: [string, string] = ['Kỳ', 'Period'];

export const PivotExportQuery = PivotQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** The language of headers; default: the user's. */
  lang: z.enum(['vi', 'en']).optional(),
});

export interface PivotSheet {
  title: string;
  subtitle: string;
  header: string[];
  rows: (string | number | null)[][];
  /** The totals row, or null when the cells do not add up. */
  totals: (string | number | null)[] | null;
}

/** The pivot as a plain table: one line per row key, one column per column key, totals if additive. */
export function pivotSheet(
  resp: PivotResponse,
  q: { rows: PivotDimension; cols?: PivotDimension; measure: Measure; period?: string; from?: number; to?: number },
  lang: Lang,
): PivotSheet {
  const i = lang === 'en' ? 1 : 0;
  const single = resp.cols.length === 0 || (resp.cols.length === 1 && resp.cols[0]!.key === '' && !q.cols);
  const cols = single ? [{ key: '', label: MEASURES[q.measure][i] }] : resp.cols;
  const value = new Map(resp.cells.map((c) => [`${c.row}\u0000${c.col}`, c.value]));
  const nonAdditive = (d: PivotDimension | undefined) => d === 'audience' || d === 'target';
  const rowTotals = cols.length > 1 && !nonAdditive(q.cols) && q.rows !== 'target';
  const colTotals = !nonAdditive(q.rows) && q.cols !== 'target';
  const rows = resp.rows.map((r) => {
    const vals = cols.map((c) => value.get(`${r.key}\u0000${c.key}`) ?? null);
    const line: (string | number | null)[] = [r.label, ...vals];
    if (rowTotals) line.push(vals.reduce<number>((s, v) => s + (v ?? 0), 0));
    return line;
  });
  let totals: PivotSheet['totals'] = null;
  if (colTotals && rows.length > 0) {
    totals = [TOTAL[i]];
    for (let c = 1; c < rows[0]!.length; c++) {
      totals.push(rows.reduce((s, r) => s + (typeof r[c] === 'number' ? (r[c] as number) : 0), 0));
    }
  }
  const header = [DIMS[q.rows][i], ...cols.map((c) => c.label), ...(rowTotals ? [TOTAL[i]] : [])];
  const title = `${q.rows === 'target' || q.cols === 'target' ? DIMS.target[i] : MEASURES[q.measure][i]} — ${
    DIMS[q.rows][i]
  }${q.cols ? ` × ${DIMS[q.cols][i]}` : ''}`;
  const period = q.from !== undefined || q.to !== undefined ? `${q.from ?? q.to}–${q.to ?? q.from}` : (q.period ?? '');
  const subtitle = `${resp.orgUnit.name} (${resp.orgUnit.code})${period ? ` · ${PERIOD[i]}: ${period}` : ''}`;
  return { title, subtitle, header, rows, totals };
}

export async function pivotXlsx(sheet: PivotSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'binhdang';
  const ws = wb.addWorksheet('Pivot', { views: [{ state: 'frozen', ySplit: 4, xSplit: 1 }] });
  ws.addRow([sheet.title]).font = { bold: true, size: 13 };
  ws.addRow([sheet.subtitle]).font = { italic: true };
  ws.addRow([]);
  const head = ws.addRow(sheet.header);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of sheet.rows) ws.addRow(r);
  if (sheet.totals) ws.addRow(sheet.totals).font = { bold: true };
  ws.getColumn(1).width = Math.min(60, Math.max(16, ...sheet.rows.map((r) => String(r[0] ?? '').length + 2)));
  for (let c = 2; c <= sheet.header.length; c++) {
    const col = ws.getColumn(c);
    col.width = Math.max(10, String(sheet.header[c - 1] ?? '').length + 2);
    col.numFmt = '#,##0.##';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly. */
export function pivotCsv(sheet: PivotSheet): string {
  const lines = [sheet.header, ...sheet.rows, ...(sheet.totals ? [sheet.totals] : [])];
  return '\ufeff' + stringify(lines.map((l) => l.map((v) => (v === null ? '' : v))));
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

const SEX: Record<string, [string, string]> = {
  female: ['Nữ', 'Female'],
  male: ['Nam', 'Male'],
  unspecified: ['Không rõ', 'Unspecified'],
};

/** Reference codes (kinds, channels, audiences, sex) and period keys as people read them. */
async function labelled(
  db: Kysely<DB>,
  resp: PivotResponse,
  q: { rows: PivotDimension; cols?: PivotDimension },
  lang: Lang,
) {
  const i = lang === 'en' ? 1 : 0;
  const tables = { kind: 'activity_kind', channel: 'activity_channel', audience: 'audience' } as const;
  const names = async (d: PivotDimension): Promise<(key: string, label: string) => string> => {
    if (d === 'sex') return (k, l) => SEX[k]?.[i] ?? l;
    if (d === 'quarter') return (k, l) => (/^\d{4}Q[1-4]$/.test(k) ? `Q${k.slice(5)}/${k.slice(0, 4)}` : l);
    if (d === 'month') return (k, l) => (/^\d{4}-\d{2}$/.test(k) ? `${k.slice(5)}/${k.slice(0, 4)}` : l);
    if (d === 'kind' || d === 'channel' || d === 'audience') {
      const rows = await db.selectFrom(tables[d]).select(['code', 'name_vi', 'name_en']).execute();
      const m = new Map(rows.map((r) => [r.code, i ? r.name_en : r.name_vi]));
      return (k, l) => m.get(k) ?? (k === '' ? (i ? '(none)' : '(không rõ)') : l);
    }
    return (_k, l) => l;
  };
  const rowName = await names(q.rows);
  const colName = q.cols ? await names(q.cols) : (_k: string, l: string) => l;
  return {
    ...resp,
    rows: resp.rows.map((r) => ({ key: r.key, label: rowName(r.key, r.label) })),
    cols: resp.cols.map((c) => ({ key: c.key, label: colName(c.key, c.label) })),
  };
}

export const indicatorExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/indicators/pivot/export',
    {
      schema: {
        tags: ['indicators'],
        summary: 'The pivot as .xlsx or .csv (same query and scope as /api/indicators/pivot)',
        querystring: PivotExportQuery,
      },
    },
    async (req, reply) => {
      const { format, lang: langParam, ...q } = req.query;
      const lang = langParam ?? langOf(req);
      const resp = await labelled(app.db, (await pivot(app.db, q, requireActor(req))) as PivotResponse, q, lang);
      const sheet = pivotSheet(resp, q, lang);
      const name = `${lang === 'en' ? 'analysis' : 'phan-tich'}-${slug(resp.orgUnit.code)}-${slug(
        q.from !== undefined || q.to !== undefined ? `${q.from ?? q.to}-${q.to ?? q.from}` : (q.period ?? 'nam-nay'),
      )}-${q.rows}${q.cols ? `-${q.cols}` : ''}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(pivotCsv(sheet));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await pivotXlsx(sheet));
    },
  );
};
