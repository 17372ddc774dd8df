/**
 * The report outline and its data tables, assembled from aggregated figures (the server runs the
 * SQL; this file only shapes and sums). Consolidation adds subordinates' snapshots row by row.
 */
import type { ReportColumn, ReportFigures, ReportRow, ReportTable, ReportTotals, TableKey } from './schemas.js';

export interface NamedCode {
  code: string;
  nameVi: string;
  nameEn: string;
}
export interface KindMeta extends NamedCode {
  /** 'session' | 'news_item' | 'product' */
  countsAs: readonly string[];
}

/** One aggregated row: activities in a group and their participants, products and reach. */
export interface Aggregate {
  key: string;
  activities: number;
  female: number;
  male: number;
  total: number;
  products: number;
  reach: number;
}

export interface CampaignAggregate extends Aggregate, NamedCode {
  requiresPlan: boolean;
  planRecorded: boolean;
}

export interface FiguresInput {
  window: { from: string; to: string };
  computedAt: string;
  kinds: readonly KindMeta[];
  channels: readonly NamedCode[];
  audiences: readonly NamedCode[];
  byKind: readonly Aggregate[];
  byChannel: readonly Aggregate[];
  byAudience: readonly Aggregate[];
  campaigns: readonly CampaignAggregate[];
  costs: { stateBudget: number; mobilised: number; international: number };
  indicators: ReportFigures['indicators'];
  sources: ReportFigures['sources'];
}

const col = (key: string, labelVi: string, labelEn: string, type: ReportColumn['type']): ReportColumn => ({
  key,
  labelVi,
  labelEn,
  type,
});
const NAME = col('name', 'Nội dung', 'Item', 'text');
const PARTICIPANT_COLS = [
  col('activities', 'Số hoạt động', 'Activities', 'count'),
  col('female', 'Nữ', 'Female', 'count'),
  col('male', 'Nam', 'Male', 'count'),
  col('total', 'Tổng số người tham dự', 'Total participants', 'count'),
];

function participantRow(a: Aggregate, name: string): ReportRow {
  return {
    key: a.key,
    cells: { name, activities: a.activities, female: a.female, male: a.male, total: a.total },
  };
}

/** Sums every count/money column; text columns read "Tổng cộng". */
export function totalRow(columns: readonly ReportColumn[], rows: readonly ReportRow[]): ReportRow | null {
  if (!rows.length) return null;
  const cells: ReportRow['cells'] = {};
  for (const c of columns) {
    if (c.type === 'count' || c.type === 'money')
      cells[c.key] = rows.reduce(
        (s, r) => s + (typeof r.cells[c.key] === 'number' ? (r.cells[c.key] as number) : 0),
        0,
      );
    else cells[c.key] = c.type === 'text' && c === columns[0] ? 'Tổng cộng' : null;
  }
  return { key: '_total', cells };
}

function table(
  key: TableKey,
  titleVi: string,
  titleEn: string,
  columns: ReportColumn[],
  rows: ReportRow[],
): ReportTable {
  return { key, titleVi, titleEn, columns, rows, total: totalRow(columns, rows) };
}

function named(list: readonly NamedCode[], code: string): string {
  return list.find((x) => x.code === code)?.nameVi ?? code;
}

function ordered(list: readonly NamedCode[], rows: readonly Aggregate[]): Aggregate[] {
  const pos = new Map(list.map((x, i) => [x.code, i]));
  return [...rows].sort((a, b) => (pos.get(a.key) ?? 1e9) - (pos.get(b.key) ?? 1e9) || a.key.localeCompare(b.key));
}

const NO_CHANNEL = '_none';

export function assembleFigures(input: FiguresInput): ReportFigures {
  const kindOf = new Map(input.kinds.map((k) => [k.code, k]));
  const byKind = ordered(input.kinds, input.byKind);
  const has = (a: Aggregate, what: string) => kindOf.get(a.key)?.countsAs.includes(what) ?? false;

  const tables: ReportTable[] = [
    table(
      'by_kind',
      'Hoạt động truyền thông theo hình thức',
      'Activities by kind',
      [NAME, ...PARTICIPANT_COLS],
      byKind.map((a) => participantRow(a, named(input.kinds, a.key))),
    ),
    table(
      'by_channel',
      'Hoạt động theo kênh truyền thông',
      'Activities by channel',
      [NAME, ...PARTICIPANT_COLS],
      ordered(input.channels, input.byChannel).map((a) =>
        participantRow(a, a.key === NO_CHANNEL ? 'Không ghi kênh' : named(input.channels, a.key)),
      ),
    ),
    table(
      'by_audience',
      'Hoạt động theo đối tượng (một hoạt động có thể hướng tới nhiều đối tượng)',
      'Activities by audience (an activity may address several)',
      [NAME, ...PARTICIPANT_COLS],
      ordered(input.audiences, input.byAudience).map((a) => participantRow(a, named(input.audiences, a.key))),
    ),
    table(
      'products',
      'Sản phẩm truyền thông',
      'Communication products',
      [
        NAME,
        col('activities', 'Số đợt phát hành', 'Releases', 'count'),
        col('products', 'Số sản phẩm', 'Products', 'count'),
        col('reach', 'Lượt tiếp cận', 'Reach', 'count'),
      ],
      byKind
        .filter((a) => has(a, 'product'))
        .map((a) => ({
          key: a.key,
          cells: { name: named(input.kinds, a.key), activities: a.activities, products: a.products, reach: a.reach },
        })),
    ),
    table(
      'news_items',
      'Tin, bài, chương trình phát sóng',
      'News items and broadcasts',
      [NAME, col('activities', 'Số tin, bài', 'Items', 'count'), col('reach', 'Lượt tiếp cận', 'Reach', 'count')],
      byKind
        .filter((a) => has(a, 'news_item'))
        .map((a) => ({
          key: a.key,
          cells: { name: named(input.kinds, a.key), activities: a.activities, reach: a.reach },
        })),
    ),
    table(
      'campaigns',
      'Kết quả các đợt cao điểm, Tháng hành động',
      'Campaigns and the Action Month',
      [...[NAME, ...PARTICIPANT_COLS], col('planRecorded', 'Có kế hoạch', 'Plan recorded', 'bool')],
      input.campaigns.map((c) => ({
        key: c.code,
        cells: {
          ...participantRow(c, c.nameVi).cells,
          planRecorded: c.requiresPlan ? c.planRecorded : null,
        },
      })),
    ),
    table(
      'costs',
      'Kinh phí thực hiện theo nguồn',
      'Costs by source',
      [col('name', 'Nguồn kinh phí', 'Source', 'text'), col('amount', 'Số tiền (đồng)', 'Amount (VND)', 'money')],
      [
        { key: 'state_budget', cells: { name: 'Ngân sách nhà nước', amount: input.costs.stateBudget } },
        { key: 'mobilised', cells: { name: 'Huy động, xã hội hóa', amount: input.costs.mobilised } },
        { key: 'international', cells: { name: 'Viện trợ quốc tế', amount: input.costs.international } },
      ],
    ),
  ];

  const sum = (f: (a: Aggregate) => number, rows: readonly Aggregate[]) => rows.reduce((s, a) => s + f(a), 0);
  const totals: ReportTotals = {
    activities: sum((a) => a.activities, byKind),
    sessions: sum(
      (a) => a.activities,
      byKind.filter((a) => has(a, 'session')),
    ),
    newsItems: sum(
      (a) => a.activities,
      byKind.filter((a) => has(a, 'news_item')),
    ),
    products: sum(
      (a) => a.products,
      byKind.filter((a) => has(a, 'product')),
    ),
    participantsFemale: sum((a) => a.female, byKind),
    participantsMale: sum((a) => a.male, byKind),
    participantsTotal: sum((a) => a.total, byKind),
    costStateBudget: input.costs.stateBudget,
    costMobilised: input.costs.mobilised,
    costInternational: input.costs.international,
  };

  return {
    window: input.window,
    computedAt: input.computedAt,
    indicators: input.indicators,
    totals,
    tables,
    campaignPlans: input.campaigns
      .filter((c) => c.requiresPlan)
      .map((c) => ({ campaignCode: c.code, nameVi: c.nameVi, nameEn: c.nameEn, recorded: c.planRecorded })),
    sources: input.sources,
  };
}

/** Adds row b into row a: numbers summed, other cells kept from a (or b when a lacks the row). */
function addRows(a: ReportRow, b: ReportRow, columns: readonly ReportColumn[]): ReportRow {
  const cells = { ...a.cells };
  for (const c of columns) {
    if (c.type === 'count' || c.type === 'money') {
      const x = typeof a.cells[c.key] === 'number' ? (a.cells[c.key] as number) : 0;
      const y = typeof b.cells[c.key] === 'number' ? (b.cells[c.key] as number) : 0;
      cells[c.key] = x + y;
    }
  }
  return { key: a.key, cells };
}

export interface SubordinateSnapshot {
  reportId: string;
  orgUnitCode: string;
  orgUnitName: string;
  status: string;
  figures: ReportFigures;
}

const TOTAL_KEYS: (keyof ReportTotals)[] = [
  'activities',
  'sessions',
  'newsItems',
  'products',
  'participantsFemale',
  'participantsMale',
  'participantsTotal',
  'costStateBudget',
  'costMobilised',
  'costInternational',
];

/**
 * A consolidated report: the unit's own figures plus each approved subordinate report's snapshot,
 * table by table and row by row, and a table with one row per subordinate unit. The own unit's
 * Action Month plan status stays its own; indicators stay the unit's own (computed over its subtree).
 */
export function consolidateFigures(own: ReportFigures, subs: readonly SubordinateSnapshot[]): ReportFigures {
  const tables = own.tables.map((t) => {
    const rows = new Map(t.rows.map((r) => [r.key, r]));
    for (const s of subs) {
      const st = s.figures.tables.find((x) => x.key === t.key);
      for (const r of st?.rows ?? []) {
        const mine = rows.get(r.key);
        rows.set(r.key, mine ? addRows(mine, r, t.columns) : { key: r.key, cells: { ...r.cells } });
      }
    }
    const merged = [...rows.values()];
    return { ...t, rows: merged, total: totalRow(t.columns, merged) };
  });
  const totals = { ...own.totals };
  for (const s of subs) for (const k of TOTAL_KEYS) totals[k] += s.figures.totals[k] ?? 0;

  const subColumns = [
    col('name', 'Đơn vị', 'Unit', 'text'),
    col('activities', 'Số hoạt động', 'Activities', 'count'),
    col('sessions', 'Số cuộc truyền thông', 'Sessions', 'count'),
    col('newsItems', 'Tin, bài', 'News items', 'count'),
    col('female', 'Nữ', 'Female', 'count'),
    col('male', 'Nam', 'Male', 'count'),
    col('total', 'Tổng số người tham dự', 'Total participants', 'count'),
    col('cost', 'Kinh phí (đồng)', 'Cost (VND)', 'money'),
  ];
  const subRows: ReportRow[] = subs.map((s) => ({
    key: s.orgUnitCode,
    cells: {
      name: s.orgUnitName,
      activities: s.figures.totals.activities,
      sessions: s.figures.totals.sessions,
      newsItems: s.figures.totals.newsItems,
      female: s.figures.totals.participantsFemale,
      male: s.figures.totals.participantsMale,
      total: s.figures.totals.participantsTotal,
      cost: s.figures.totals.costStateBudget + s.figures.totals.costMobilised + s.figures.totals.costInternational,
    },
  }));
  tables.push(
    table('subordinates', 'Kết quả của các đơn vị trực thuộc', 'Results by subordinate unit', subColumns, subRows),
  );

  return {
    ...own,
    tables,
    totals,
    sources: { ...own.sources, subordinateReportIds: subs.map((s) => s.reportId) },
  };
}

export function emptyNarrative(): { results: string; limitations: string; recommendations: string; nextTasks: string } {
  return { results: '', limitations: '', recommendations: '', nextTasks: '' };
}

/** Section headings of the report outline (đề cương), in order. */
export const OUTLINE = [
  { key: 'figures', vi: 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', en: 'INDICATORS' },
  { key: 'results', vi: 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ', en: 'RESULTS' },
  { key: 'limitations', vi: 'HẠN CHẾ, NGUYÊN NHÂN', en: 'LIMITATIONS AND CAUSES' },
  { key: 'recommendations', vi: 'KIẾN NGHỊ, ĐỀ XUẤT', en: 'RECOMMENDATIONS' },
  { key: 'nextTasks', vi: 'NHIỆM VỤ TRỌNG TÂM KỲ TỚI', en: "NEXT PERIOD'S TASKS" },
] as const;
