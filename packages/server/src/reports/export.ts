/**
 * Exports: the report as an official .docx (Decree 30/2020, type BC), its tables as .xlsx, the
 * completeness matrix as .xlsx, and the figures as a DHIS2 dataValueSets payload.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  formatDateVi,
  OUTLINE,
  vnDate,
  type CompletenessMatrix,
  type Report,
  type ReportIndicator,
  type ReportTable,
} from '@binhdang/domain';
import { buildOfficialDocx, type Block } from '../documents/official-docx.js';
import { issuingBodyOf, type IssuingBody } from '../documents/issuer.js';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

function periodVi(period: string): string {
  if (/^\d{4}$/.test(period)) return `năm ${period}`;
  if (/S1$/.test(period)) return `6 tháng đầu năm ${period.slice(0, 4)}`;
  if (/S2$/.test(period)) return `6 tháng cuối năm ${period.slice(0, 4)}`;
  const q = /Q(\d)$/.exec(period);
  if (q) return `quý ${q[1]} năm ${period.slice(0, 4)}`;
  return `tháng ${Number(period.slice(5, 7))} năm ${period.slice(0, 4)}`;
}

function cellText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return v.toLocaleString('vi-VN');
  return v;
}

/** Text width of the A4 page with Decree 30 margins, in twips. */
const TEXT_WIDTH = 9355;
const STT_WIDTH = 700;

function tableBlock(t: ReportTable): Block[] {
  if (!t.rows.length) return [{ kind: 'paragraph', text: `${t.titleVi}: không có số liệu trong kỳ.` }];
  const rows = [...t.rows, ...(t.total ? [t.total] : [])];
  // Text columns take three shares of the width, number columns one.
  const shares = t.columns.map((c) => (c.type === 'text' ? 3 : 1));
  const unit = (TEXT_WIDTH - STT_WIDTH) / shares.reduce((a, b) => a + b, 0);
  const widths = [STT_WIDTH, ...shares.map((s) => Math.floor(s * unit))];
  return [
    { kind: 'heading', level: 3, text: t.titleVi },
    {
      kind: 'table',
      header: ['STT', ...t.columns.map((c) => c.labelVi)],
      widths,
      align: ['center', ...t.columns.map((c) => (c.type === 'text' ? ('left' as const) : ('right' as const)))],
      boldRows: rows.flatMap((r, i) => (r.key === '_total' ? [i] : [])),
      rows: rows.map((r, i) => [
        r.key === '_total' ? '' : String(i + 1),
        ...t.columns.map((c) => cellText(r.cells[c.key])),
      ]),
    },
  ];
}

function paragraphs(text: string): Block[] {
  const parts = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return [{ kind: 'paragraph', text: '(Chưa có nội dung.)' }];
  return parts.map((p) => (/^[-+•]/.test(p) ? { kind: 'bullet', text: p } : { kind: 'paragraph', text: p }));
}

const STATUS_VI: Record<string, string> = {
  achieved: 'Đạt',
  met: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ',
  off_track: 'Chậm tiến độ',
  behind: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};

const UNIT_VI: Record<string, string> = { sessions: 'cuộc', news_items: 'tin, bài', count: '' };

/** "100%", "2 cuộc", "1.657" — a target or value with the target's unit. */
function withUnit(v: number | null, unit: string): string {
  if (v === null) return '';
  const n = v.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (unit === 'percent') return `${n}%`;
  const word = UNIT_VI[unit] ?? unit.replace(/_/g, ' ');
  return word ? `${n} ${word}` : n;
}

function indicatorTable(items: ReportIndicator[]): Block {
  return {
    kind: 'table',
    header: ['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Đánh giá'],
    widths: [STT_WIDTH, 4655, 1300, 1300, 1400],
    align: ['center', 'left', 'right', 'right', 'left'],
    rows: items.map((i, k) => [
      String(k + 1),
      i.text,
      withUnit(i.target, i.unit),
      withUnit(i.value, i.unit),
      STATUS_VI[i.status] ?? i.status,
    ]),
  };
}

/** Who issues the report and what it answers: from the database (see reportDocContext). */
export interface ReportDocContext {
  body: IssuingBody;
  /** The plan's date and issuer, cited in the opening line when known. */
  planIssuedOn: string | null;
  planIssuer: string | null;
}

/** The plan title without a leading "Kế hoạch" / "Thực hiện" (they read doubled after "Kết quả thực hiện"). */
function planSubject(title: string): string {
  return title
    .trim()
    .replace(/^Kế hoạch\s+/iu, '')
    .replace(/^thực hiện\s+/iu, '');
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const shortIssuer = (s: string): string => s.replace(/^Ủy ban nhân dân\s+/iu, 'UBND ');
const hasNumber = (r: Report): boolean => !!r.planNumber && /^\d/.test(r.planNumber);

/** "Thực hiện Kế hoạch số 95/KH-UBND ngày 12/08/2025 của UBND tỉnh Lai Châu về …" or "Thực hiện …". */
function planCitation(r: Report, ctx: ReportDocContext | null): string {
  if (!hasNumber(r)) return `Thực hiện ${planSubject(r.planTitle)}`;
  const date = ctx?.planIssuedOn ? ` ngày ${formatDateVi(ctx.planIssuedOn)}` : '';
  const by = ctx?.planIssuer ? ` của ${shortIssuer(ctx.planIssuer)}` : '';
  const subject = lowerFirst(r.planTitle.trim().replace(/^Kế hoạch\s+/iu, ''));
  return `Thực hiện Kế hoạch số ${r.planNumber}${date}${by} về ${subject}`;
}

export function reportBody(r: Report, ctx: ReportDocContext | null = null): Block[] {
  const vi = (n: number) => n.toLocaleString('vi-VN');
  const body: Block[] = [
    {
      kind: 'paragraph',
      text:
        `${planCitation(r, ctx)}, ${ctx?.body.shortName ?? r.orgUnitName} báo cáo kết quả thực hiện ${periodVi(r.period)} ` +
        `(số liệu từ ngày ${formatDateVi(r.figures.window.from)} đến ngày ${formatDateVi(r.figures.window.to)}) như sau:`,
    },
  ];
  let n = 0;
  const heading = (text: string): Block => ({ kind: 'heading', level: 1, text: `${ROMAN[n++]}. ${text}` });
  const f = r.figures;
  for (const section of OUTLINE) {
    if (section.key === 'figures') {
      body.push(heading(section.vi));
      const t = f.totals;
      body.push({
        kind: 'paragraph',
        text:
          `Trong kỳ, đơn vị tổ chức ${vi(t.activities)} hoạt động truyền thông, trong đó ${vi(t.sessions)} cuộc truyền thông ` +
          `với ${vi(t.participantsTotal)} lượt người tham dự (nữ ${vi(t.participantsFemale)}, ` +
          `nam ${vi(t.participantsMale)}); ${vi(t.newsItems)} tin, bài; ${vi(t.products)} sản phẩm truyền thông; ` +
          `kinh phí ${vi(t.costStateBudget + t.costMobilised + t.costInternational)} đồng.`,
      });
      if (f.indicators.available && f.indicators.items.length) body.push(indicatorTable(f.indicators.items));
      else if (f.indicators.noteVi) body.push({ kind: 'paragraph', text: f.indicators.noteVi });
      for (const cp of f.campaignPlans)
        body.push({
          kind: 'paragraph',
          text: `${cp.nameVi}: ${cp.recorded ? 'đơn vị đã xây dựng kế hoạch' : 'đơn vị chưa ghi nhận kế hoạch'}.`,
        });
      for (const t of f.tables) body.push(...tableBlock(t));
      continue;
    }
    body.push(heading(section.vi), ...paragraphs(r.narrative[section.key]));
  }
  return body;
}

/** The issuing body of the reporting unit and the plan's date and issuer. */
export async function reportDocContext(db: Kysely<DB>, r: Report): Promise<ReportDocContext> {
  const plan = await db
    .selectFrom('plan')
    .select(['issued_on', 'issuer_name'])
    .where('id', '=', r.planId)
    .executeTakeFirst();
  return {
    body: await issuingBodyOf(db, r.orgUnitId),
    planIssuedOn: plan?.issued_on ?? null,
    planIssuer: plan?.issuer_name ?? null,
  };
}

/** "Kết quả thực hiện Kế hoạch số 95/KH-UBND năm 2026", or the plan's subject and the period. */
function summaryOf(r: Report): string {
  if (hasNumber(r)) return `Kết quả thực hiện Kế hoạch số ${r.planNumber} ${periodVi(r.period)}`;
  const subject = planSubject(r.planTitle);
  return subject.includes(periodVi(r.period))
    ? `Kết quả thực hiện ${subject}`
    : `Kết quả thực hiện ${subject} ${periodVi(r.period)}`;
}

export async function reportDocx(r: Report, ctx: ReportDocContext): Promise<Buffer> {
  const b = ctx.body;
  return buildOfficialDocx({
    supervisingBody: b.supervisingBody,
    issuer: b.issuer,
    // Decree 30: the number is left blank until registered ("Số:      /BC-UBND").
    numberSymbol: `\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC${b.abbreviation ? `-${b.abbreviation}` : ''}`,
    place: b.place,
    date: r.submittedAt ? vnDate(r.submittedAt) : null,
    typeName: 'Báo cáo',
    summary: summaryOf(r),
    addressee: r.recipientName,
    body: reportBody(r, ctx),
    recipients: ['Như trên', 'Lưu: VT'],
    signer: b.signer,
  });
}

function addTableSheet(wb: ExcelJS.Workbook, t: ReportTable, used: Set<string>): void {
  let name = t.titleVi.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  while (used.has(name)) name = `${name.slice(0, 26)}_${used.size}`;
  used.add(name);
  const ws = wb.addWorksheet(name);
  ws.columns = t.columns.map((c) => ({ header: c.labelVi, key: c.key, width: c.type === 'text' ? 40 : 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) {
    const row = ws.addRow(
      Object.fromEntries(
        t.columns.map((c) => {
          const v = r.cells[c.key];
          return [c.key, typeof v === 'boolean' ? (v ? 'Có' : 'Không') : (v ?? null)];
        }),
      ),
    );
    if (r.key === '_total') row.font = { bold: true };
  }
  for (const c of t.columns) if (c.type === 'money' || c.type === 'count') ws.getColumn(c.key).numFmt = '#,##0';
}

export async function reportXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'binhdang';
  const info = wb.addWorksheet('Thông tin');
  info.columns = [
    { header: 'Mục', key: 'k', width: 28 },
    { header: 'Giá trị', key: 'v', width: 70 },
  ];
  info.getRow(1).font = { bold: true };
  const t = r.figures.totals;
  for (const [k, v] of [
    ['Đơn vị', `${r.orgUnitName} (${r.orgUnitCode})`],
    ['Kỳ báo cáo', r.period],
    ['Kế hoạch', r.planTitle],
    ['Gửi', r.recipientName],
    ['Hạn nộp (trước ngày)', formatDateVi(r.dueBefore)],
    ['Số liệu từ ngày', formatDateVi(r.figures.window.from)],
    ['Số liệu đến ngày', formatDateVi(r.figures.window.to)],
    ['Trạng thái', r.status],
    ['Số hoạt động', t.activities],
    ['Số cuộc truyền thông', t.sessions],
    ['Người tham dự: nữ', t.participantsFemale],
    ['Người tham dự: nam', t.participantsMale],
    ['Người tham dự: tổng', t.participantsTotal],
  ] as const)
    info.addRow({ k, v });
  const used = new Set<string>(['Thông tin']);
  for (const table of r.figures.tables) addTableSheet(wb, table, used);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const TIMELINESS_VI: Record<string, string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa nộp (quá hạn)',
  pending: 'Chưa đến hạn',
  not_expected: 'Không phải nộp',
};

export async function completenessXlsx(m: CompletenessMatrix): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'binhdang';
  const ws = wb.addWorksheet('Tình hình báo cáo');
  ws.columns = [
    { header: 'Mã', key: 'code', width: 12 },
    { header: 'Đơn vị', key: 'name', width: 44 },
    ...m.columns.map((c, i) => ({
      header: `${c.period} (hạn trước ${formatDateVi(c.dueBefore)})`,
      key: `c${i}`,
      width: 24,
    })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  for (const r of m.rows)
    ws.addRow({
      code: r.orgUnitCode,
      name: r.orgUnitName,
      ...Object.fromEntries(
        r.cells.map((c, i) => [
          `c${i}`,
          c.timeliness === 'late' ? `Muộn ${c.daysLate} ngày` : (TIMELINESS_VI[c.timeliness] ?? c.timeliness),
        ]),
      ),
    });
  ws.addRow({});
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  for (const [label, f] of [
    ['Số đơn vị phải nộp', (i: number) => String(m.rates[i]!.expected)],
    ['Tỷ lệ đã nộp', (i: number) => pct(m.rates[i]!.completenessRate)],
    ['Tỷ lệ đúng hạn', (i: number) => pct(m.rates[i]!.timelinessRate)],
  ] as const) {
    const row = ws.addRow({ name: label, ...Object.fromEntries(m.columns.map((_, i) => [`c${i}`, f(i)])) });
    row.font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * DHIS2 dataValueSets: one data value per table row and numeric column. Data elements are named
 * `BD_<TABLE>_<COLUMN>` and category option combos by the row key; a DHIS2 instance maps them.
 */
export function reportDhis2(r: Report) {
  const dataValues: {
    dataElement: string;
    period: string;
    orgUnit: string;
    categoryOptionCombo: string;
    value: string;
  }[] = [];
  for (const t of r.figures.tables)
    for (const row of t.rows)
      for (const c of t.columns) {
        const v = row.cells[c.key];
        if (typeof v !== 'number') continue;
        dataValues.push({
          dataElement: `BD_${t.key}_${c.key}`.toUpperCase(),
          period: r.period,
          orgUnit: r.orgUnitCode,
          categoryOptionCombo: row.key,
          value: String(v),
        });
      }
  return {
    dataSet: 'BD_REPORT',
    period: r.period,
    orgUnit: r.orgUnitCode,
    completeDate: r.submittedAt ? vnDate(r.submittedAt) : null,
    dataValues,
  };
}
