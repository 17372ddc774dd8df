/**
 * From sheet rows to activity rows: the header row picks the columns, each data row is parsed
 * cell by cell and checked across fields. Every bad cell becomes one ImportCellError; a row
 * with any error yields no activity. Reference checks against the database (org units, scope,
 * commune codes, plans) are the server's; this module is pure.
 */
import { activityFieldIssues, type ActivityFieldValues } from '../activity-schemas.js';
import {
  ACTIVITY_IMPORT_COLUMNS,
  columnForHeader,
  columnLetter,
  headerOf,
  type ImportColumn,
  type ImportField,
} from './columns.js';
import {
  cellText,
  isEmptyCell,
  parseAudiencesCell,
  parseCommuneCell,
  parseCountCell,
  parseDateCell,
  parseOrgCell,
  parseRefCell,
  parseTextCell,
  parseUuidCell,
  RefIndex,
  type CellMessage,
  type CellResult,
  type CellValue,
  type RefEntry,
} from './cells.js';

/** One bad cell: the row number as in the sheet (header = 1), the column letter and header. */
export interface ImportCellError {
  row: number;
  column: string;
  /** The API field ('kind', 'startDate', …); '' for problems of the whole file or row. */
  field: string;
  header: string;
  value: string;
  vi: string;
  en: string;
}

/** An activity as read from one sheet row (the ActivityInput fields, org unit as written). */
export interface ImportedActivity extends Omit<ActivityFieldValues, 'campaignId'> {
  /** Row number in the sheet. */
  row: number;
  orgUnit: string | null;
  /** Undefined (empty cell): the server suggests the campaign whose window holds the start date. */
  campaignId: string | null | undefined;
}

/** What the campaign column holds for "no campaign" (empty means "suggest one"). */
export const NO_CAMPAIGN = { vi: 'Không', en: 'None' } as const;
const NO_CAMPAIGN_VALUE = '-';

export interface ImportRefs {
  kinds: readonly RefEntry[];
  channels: readonly RefEntry[];
  audiences: readonly RefEntry[];
  /** Campaigns: `value` is the id; code and names are accepted. */
  campaigns: readonly RefEntry[];
}

export const COUNT_MAX = 100_000_000;
export const REACH_MAX = 1e12;
export const MONEY_MAX = 1e15;

export interface HeaderMap {
  /** For each sheet column (0-based), the import column it holds, or null (ignored). */
  columns: (ImportColumn | null)[];
  errors: ImportCellError[];
}

/** Reads the header row; unknown headers, duplicates and missing required columns are errors. */
export function mapHeaderRow(cells: readonly CellValue[], headerRow = 1): HeaderMap {
  const columns: (ImportColumn | null)[] = [];
  const errors: ImportCellError[] = [];
  const seen = new Map<ImportField, number>();
  cells.forEach((cell, i) => {
    columns[i] = null;
    if (isEmptyCell(cell)) return;
    const text = cellText(cell).trim();
    const c = columnForHeader(text);
    const at = { row: headerRow, column: columnLetter(i), field: '', header: text, value: text };
    if (c === 'ignore') return;
    if (c === null) {
      errors.push({
        ...at,
        vi: `Tiêu đề cột không nhận ra: "${text}" (xem sheet Hướng dẫn)`,
        en: `Unknown column header: "${text}" (see the instructions sheet)`,
      });
      return;
    }
    const prev = seen.get(c.field);
    if (prev !== undefined) {
      errors.push({
        ...at,
        field: c.field,
        vi: `Cột "${c.vi}" bị lặp (đã có ở cột ${columnLetter(prev)})`,
        en: `Column "${c.en}" appears twice (already in column ${columnLetter(prev)})`,
      });
      return;
    }
    seen.set(c.field, i);
    columns[i] = c;
  });
  for (const c of ACTIVITY_IMPORT_COLUMNS) {
    if (c.required && !seen.has(c.field))
      errors.push({
        row: headerRow,
        column: '',
        field: c.field,
        header: headerOf(c),
        value: '',
        vi: `Thiếu cột bắt buộc "${c.vi}"`,
        en: `Missing required column "${c.en}"`,
      });
  }
  return { columns, errors };
}

export interface RowParseResult {
  /** Null when the row is empty (skipped) or has errors. */
  activity: ImportedActivity | null;
  /**
   * What was read, also for a row with errors: the fields named in `errors` are not to be
   * trusted (the server still checks the others, so that every bad cell is reported at once).
   */
  values: ImportedActivity | null;
  errors: ImportCellError[];
  empty: boolean;
}

const REQUIRED: CellMessage = { vi: 'Bắt buộc nhập', en: 'Required' };
const NO_FIELDS: ReadonlySet<string> = new Set();
/** A row's parsed cells, every field present from the start (one object shape for all rows). */
const blankValues = (): Record<ImportField, unknown> => ({
  orgUnit: undefined,
  kind: undefined,
  title: undefined,
  startDate: undefined,
  endDate: undefined,
  communeCode: undefined,
  channel: undefined,
  audiences: undefined,
  participantsFemale: undefined,
  participantsMale: undefined,
  participantsTotal: undefined,
  ethnicMinorityParticipants: undefined,
  productsCount: undefined,
  reach: undefined,
  costStateBudget: undefined,
  costMobilised: undefined,
  costInternational: undefined,
  campaign: undefined,
  planId: undefined,
  taskGroupId: undefined,
  notes: undefined,
});
const numberOf = (values: Partial<Record<ImportField, unknown>>, f: ImportField): number | null =>
  (values[f] as number | null | undefined) ?? null;

/** Builds a parser for data rows under a header map; the reference indexes are built once. */
export function createRowParser(
  header: HeaderMap,
  refs: ImportRefs,
): (cells: readonly CellValue[], row: number) => RowParseResult {
  const kinds = new RefIndex(refs.kinds);
  const channels = new RefIndex(refs.channels);
  const audiences = new RefIndex(refs.audiences);
  const campaigns = new RefIndex([
    ...refs.campaigns,
    { code: 'none', value: NO_CAMPAIGN_VALUE, nameVi: NO_CAMPAIGN.vi, nameEn: NO_CAMPAIGN.en },
    { code: 'khong_thuoc', value: NO_CAMPAIGN_VALUE, nameVi: 'Không thuộc', nameEn: '-' },
  ]);
  const KIND = { vi: 'Loại hoạt động', en: 'activity kind' };
  const CHANNEL = { vi: 'Kênh truyền thông', en: 'channel' };
  const CAMPAIGN = { vi: 'Đợt cao điểm, chiến dịch', en: 'campaign' };
  const byField = new Map<ImportField, number>();
  header.columns.forEach((c, i) => {
    if (c) byField.set(c.field, i);
  });
  const colOf = (field: ImportField): ImportColumn => ACTIVITY_IMPORT_COLUMNS.find((c) => c.field === field)!;

  const audienceCells = new Map<string, CellResult<string[]>>();
  const parseCell = (c: ImportColumn, v: CellValue): CellResult<unknown> => {
    switch (c.type) {
      case 'org':
        return parseOrgCell(v);
      case 'kind':
        return parseRefCell(v, kinds, KIND);
      case 'channel':
        return parseRefCell(v, channels, CHANNEL);
      case 'campaign':
        return parseRefCell(v, campaigns, CAMPAIGN);
      case 'text':
        return parseTextCell(v, c.maxLength ?? 1000);
      case 'date':
        return parseDateCell(v);
      case 'commune':
        return parseCommuneCell(v);
      case 'audiences': {
        // Sheets repeat the same few audience lists: each distinct cell text is parsed once.
        if (typeof v !== 'string') return parseAudiencesCell(v, audiences);
        let r = audienceCells.get(v);
        if (!r) {
          r = parseAudiencesCell(v, audiences);
          if (audienceCells.size < 10_000) audienceCells.set(v, r);
        }
        return r.ok ? { ok: true, value: r.value.slice() } : r;
      }
      case 'count':
        return parseCountCell(v, COUNT_MAX);
      case 'bigcount':
        return parseCountCell(v, REACH_MAX);
      case 'money':
        return parseCountCell(v, MONEY_MAX);
      case 'uuid':
        return parseUuidCell(v);
    }
  };

  // The columns the sheet has, in sheet order (an ignored column is skipped once, here).
  const present: { index: number; column: ImportColumn }[] = [];
  header.columns.forEach((c, i) => {
    if (c) present.push({ index: i, column: c });
  });
  const required = ACTIVITY_IMPORT_COLUMNS.filter((c) => c.required);
  const cellError = (row: number, field: ImportField, value: string, m: CellMessage): ImportCellError => {
    const i = byField.get(field);
    return {
      row,
      column: i === undefined ? '' : columnLetter(i),
      field,
      header: colOf(field).vi,
      value,
      vi: m.vi,
      en: m.en,
    };
  };

  // Called once per data row: no closures or sets are made for a row without errors.
  return (cells, row) => {
    let empty = true;
    for (let i = 0; i < cells.length; i++)
      if (!isEmptyCell(cells[i])) {
        empty = false;
        break;
      }
    if (empty) return { activity: null, values: null, errors: [], empty: true };
    const errors: ImportCellError[] = [];
    const values = blankValues();
    for (let k = 0; k < present.length; k++) {
      const { index, column } = present[k]!;
      const v = cells[index];
      const r = parseCell(column, v);
      if (r.ok) values[column.field] = r.value;
      else errors.push(cellError(row, column.field, cellText(v), r.error));
    }
    // Cells beyond the header (a value with no column) would be silently lost: refuse them.
    for (let i = header.columns.length; i < cells.length; i++) {
      if (!isEmptyCell(cells[i]))
        errors.push({
          row,
          column: columnLetter(i),
          field: '',
          header: '',
          value: cellText(cells[i]),
          vi: 'Ô có dữ liệu nhưng cột không có tiêu đề',
          en: 'A value in a column without a header',
        });
    }
    for (const c of required) {
      if (values[c.field] == null && !errors.some((e) => e.field === c.field))
        errors.push(
          cellError(row, c.field, cellText(byField.has(c.field) ? cells[byField.get(c.field)!] : null), REQUIRED),
        );
    }
    const startDate = (values.startDate as string | null | undefined) ?? null;
    const endDate = (values.endDate as string | null | undefined) ?? startDate;
    const failed = errors.length ? new Set(errors.map((e) => e.field)) : NO_FIELDS;
    // Cross-field rules only on fields that parsed: one message per cause.
    for (const issue of activityFieldIssues({
      startDate: failed.has('startDate') ? null : startDate,
      endDate: failed.has('endDate') ? null : endDate,
      participantsFemale: failed.has('participantsFemale') ? null : numberOf(values, 'participantsFemale'),
      participantsMale: failed.has('participantsMale') ? null : numberOf(values, 'participantsMale'),
      participantsTotal: failed.has('participantsTotal') ? null : numberOf(values, 'participantsTotal'),
      ethnicMinorityParticipants: failed.has('ethnicMinorityParticipants')
        ? null
        : numberOf(values, 'ethnicMinorityParticipants'),
    })) {
      const field = issue.path as ImportField;
      const i = byField.get(field);
      errors.push(cellError(row, field, i === undefined ? '' : cellText(cells[i]), issue));
    }
    const activity: ImportedActivity = {
      row,
      orgUnit: (values.orgUnit as string | null | undefined) ?? null,
      kind: values.kind as string,
      title: values.title as string,
      startDate: startDate!,
      endDate: endDate!,
      communeCode: (values.communeCode as string | null | undefined) ?? null,
      channel: (values.channel as string | null | undefined) ?? null,
      audiences: (values.audiences as string[] | undefined) ?? [],
      participantsFemale: numberOf(values, 'participantsFemale'),
      participantsMale: numberOf(values, 'participantsMale'),
      participantsTotal: numberOf(values, 'participantsTotal'),
      ethnicMinorityParticipants: numberOf(values, 'ethnicMinorityParticipants'),
      productsCount: numberOf(values, 'productsCount'),
      reach: numberOf(values, 'reach'),
      costStateBudget: numberOf(values, 'costStateBudget'),
      costMobilised: numberOf(values, 'costMobilised'),
      costInternational: numberOf(values, 'costInternational'),
      campaignId:
        values.campaign === NO_CAMPAIGN_VALUE ? null : ((values.campaign as string | null | undefined) ?? undefined),
      planId: (values.planId as string | null | undefined) ?? null,
      taskGroupId: (values.taskGroupId as string | null | undefined) ?? null,
      notes: (values.notes as string | null | undefined) ?? null,
    };
    return { activity: errors.length ? null : activity, values: activity, errors, empty: false };
  };
}

/** What the export writes for one activity, in column order (dates as 'YYYY-MM-DD' strings). */
export interface ExportableActivity {
  orgUnitCode: string;
  kind: string;
  title: string;
  startDate: string;
  endDate: string;
  communeCode: string | null;
  channel: string | null;
  audiences: readonly string[];
  participantsFemale: number | null;
  participantsMale: number | null;
  participantsTotal: number | null;
  ethnicMinorityParticipants: number | null;
  productsCount: number | null;
  reach: number | null;
  costStateBudget: number | null;
  costMobilised: number | null;
  costInternational: number | null;
  campaignId: string | null;
  planId: string | null;
  taskGroupId: string | null;
  notes: string | null;
}

/**
 * One activity as sheet cells in ACTIVITY_IMPORT_COLUMNS order: references by Vietnamese
 * name (so the drop-downs show them), no campaign as "Không" (an empty cell would ask for one), audiences joined with '; ', dates as 'YYYY-MM-DD' (the
 * caller formats them: a Date cell in .xlsx, dd/mm/yyyy text in .csv). Reading these cells back
 * with createRowParser gives the same activity.
 */
export function activityToCells(a: ExportableActivity, refs: ImportRefs): (string | number | null)[] {
  const name = (list: readonly RefEntry[], v: string | null): string | null =>
    v === null ? null : (list.find((e) => (e.value ?? e.code) === v)?.nameVi ?? v);
  const special: Partial<Record<ImportField, string | null>> = {
    orgUnit: a.orgUnitCode,
    kind: name(refs.kinds, a.kind),
    channel: name(refs.channels, a.channel),
    audiences: a.audiences.length ? a.audiences.map((x) => name(refs.audiences, x)).join('; ') : null,
    campaign: a.campaignId === null ? NO_CAMPAIGN.vi : name(refs.campaigns, a.campaignId),
  };
  return ACTIVITY_IMPORT_COLUMNS.map((c): string | number | null =>
    c.field in special
      ? special[c.field]!
      : (a[c.field as Exclude<ImportField, 'orgUnit' | 'campaign'>] as string | number | null),
  );
}
