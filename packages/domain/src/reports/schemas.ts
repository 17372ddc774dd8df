/**
 * Periodic reports (báo cáo định kỳ) as the API and the web app exchange them.
 *
 * A report is owed by one org unit, for one period ('2026', '2026S1', '2026Q3', '2026-11'),
 * under one reporting rule of one plan. Its figures are computed live while it is a draft and
 * snapshotted on each submission; approved reports are locked.
 *
 * Routes (all under /api, session cookie):
 *   GET    /reports?org=&period=&status=&scope=&limit=&offset=  ReportList (incl. due-but-not-started items)
 *   GET    /reports/due?org=&period=                             DueReportList (what the caller's units owe)
 *   POST   /reports                 CreateReportBody → Report (open the draft; idempotent: 200 existing / 201 new)
 *   GET    /reports/completeness?org=&period=&frequency=         CompletenessMatrix
 *   GET    /reports/completeness.xlsx?org=&period=&frequency=    the matrix as .xlsx
 *   GET    /reports/reminders                                    ReminderList (due within 7 days and overdue)
 *   GET    /reports/:id                                          Report (figures live for drafts)
 *   PATCH  /reports/:id             ReportPatch → Report (narrative; 409 when locked or stale)
 *   POST   /reports/:id/refresh     VersionBody → Report (recompute the draft's figures now)
 *   POST   /reports/:id/submit      VersionBody → Report
 *   POST   /reports/:id/return      ReturnBody → Report (comment required)
 *   POST   /reports/:id/approve     VersionBody → Report
 *   POST   /reports/:id/reopen      ReopenBody → Report (approved → returned, audited)
 *   POST   /reports/bulk-approve    BulkApproveBody → BulkApproveResult
 *   GET    /reports/:id/versions                                 ReportVersion[] (every submission)
 *   GET    /reports/:id/explain?table=&row=                      ReportExplain (activities behind a figure)
 *   GET    /reports/:id/docx                                     official Decree 30 .docx (type BC)
 *   GET    /reports/:id/xlsx                                     the report's tables as .xlsx
 *   GET    /reports/:id/dhis2                                    DHIS2 dataValueSets JSON
 */
import { z } from 'zod';
import { OrgRef } from '../schemas.js';
import { REPORT_FREQUENCIES } from '../plan-schemas.js';

const isoDate = z.iso.date();
const periodCode = z
  .string()
  .trim()
  .regex(/^\d{4}(S[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$/);
const narrativeText = z.string().max(50_000);
const version = z.number().int().min(0);

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** A list item may be owed but not yet opened. */
export const REPORT_LIST_STATUSES = ['not_started', ...REPORT_STATUSES] as const;
export type ReportListStatus = (typeof REPORT_LIST_STATUSES)[number];

/**
 * Timeliness of a (unit, period) cell: on_time / late (by daysLate days) by the first submission;
 * missing = not submitted and the deadline passed; pending = not submitted, deadline ahead;
 * not_expected = the unit did not exist (closed, merged, not yet created) at the period's cut-off end.
 */
export const TIMELINESS = ['on_time', 'late', 'missing', 'pending', 'not_expected'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const ReportFrequency = z.enum(REPORT_FREQUENCIES);

/** The four sections the unit writes itself. */
export const NARRATIVE_KEYS = ['results', 'limitations', 'recommendations', 'nextTasks'] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export const Narrative = z.strictObject({
  /** Kết quả thực hiện */
  results: narrativeText,
  /** Hạn chế, nguyên nhân */
  limitations: narrativeText,
  /** Kiến nghị, đề xuất */
  recommendations: narrativeText,
  /** Nhiệm vụ kỳ tới */
  nextTasks: narrativeText,
});
export type Narrative = z.infer<typeof Narrative>;

/** A data table of the report (kind, channel, audience, products, campaigns, costs, per subordinate…). */
export const TABLE_KEYS = [
  'by_kind',
  'by_channel',
  'by_audience',
  'products',
  'news_items',
  'campaigns',
  'costs',
  'subordinates',
] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export const ReportColumn = z.object({
  key: z.string(),
  labelVi: z.string(),
  labelEn: z.string(),
  /** text: a label; count: an integer; money: whole đồng; bool: yes/no. */
  type: z.enum(['text', 'count', 'money', 'bool']),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportRow = z.object({
  /** Stable key of the row (a kind code, channel code, campaign code, unit code…); explain uses it. */
  key: z.string(),
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportTable = z.object({
  key: z.enum(TABLE_KEYS),
  titleVi: z.string(),
  titleEn: z.string(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /** Column totals (counts and money); null cells where a sum means nothing. */
  total: ReportRow.nullable(),
});
export type ReportTable = z.infer<typeof ReportTable>;

/** One target of the plan with its computed value (indicator engine), or unavailable. */
export const ReportIndicator = z.object({
  targetId: z.uuid(),
  number: z.number().int(),
  code: z.string().nullable(),
  text: z.string(),
  unit: z.string(),
  /** The milestone for the period's year, when the plan has one. */
  target: z.number().nullable(),
  value: z.number().nullable(),
  /** As the indicator engine says (e.g. met, on_track, behind, no_data). */
  status: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type ReportIndicator = z.infer<typeof ReportIndicator>;

export const ReportTotals = z.object({
  activities: z.number().int(),
  sessions: z.number().int(),
  newsItems: z.number().int(),
  products: z.number().int(),
  participantsFemale: z.number().int(),
  participantsMale: z.number().int(),
  participantsTotal: z.number().int(),
  costStateBudget: z.number().int(),
  costMobilised: z.number().int(),
  costInternational: z.number().int(),
});
export type ReportTotals = z.infer<typeof ReportTotals>;

/** The figures of a report: live for a draft, the snapshot for a submitted/approved one. */
export const ReportFigures = z.object({
  /** The data cut-off window the figures cover (inclusive dates). */
  window: z.object({ from: isoDate, to: isoDate }),
  computedAt: z.string(),
  indicators: z.object({
    available: z.boolean(),
    /** Why the list is empty or partial, in both languages. */
    noteVi: z.string().nullable(),
    noteEn: z.string().nullable(),
    items: z.array(ReportIndicator),
  }),
  totals: ReportTotals,
  tables: z.array(ReportTable),
  /** Action Month (and other plan-requiring campaigns): whether the unit recorded its plan for the year. */
  campaignPlans: z.array(
    z.object({ campaignCode: z.string(), nameVi: z.string(), nameEn: z.string(), recorded: z.boolean() }),
  ),
  /** Traceability: what the figures were computed from. */
  sources: z.object({
    /** The org units whose activities count (the unit and units merged into it within the window). */
    orgUnitIds: z.array(z.uuid()),
    activityIds: z.array(z.uuid()),
    activityCount: z.number().int(),
    /** Consolidated reports: the approved subordinate reports whose snapshots were used. */
    subordinateReportIds: z.array(z.uuid()),
  }),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportVersion = z.object({
  number: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  action: z.enum(['submit', 'return', 'approve', 'reopen']),
  at: z.string(),
  byUserId: z.uuid().nullable(),
  byName: z.string().nullable(),
  comment: z.string().nullable(),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

/** Fields shared by a report and a due-report list item (who owes what to whom, by when). */
const DueFields = {
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  frequency: ReportFrequency,
  planId: z.uuid(),
  planTitle: z.string(),
  planNumber: z.string().nullable(),
  ruleId: z.uuid(),
  recipientOrgUnitId: z.uuid(),
  recipientName: z.string(),
  /** Due before 00:00 Asia/Ho_Chi_Minh of this date ('trước ngày 01/12'). */
  dueBefore: isoDate,
  /** The same instant as an ISO timestamp with +07:00. */
  dueAt: z.string(),
  cutoffFrom: isoDate,
  cutoffTo: isoDate,
};

export const Report = z.object({
  id: z.uuid(),
  ...DueFields,
  status: z.enum(REPORT_STATUSES),
  timeliness: z.enum(TIMELINESS),
  /** Days late of the first submission (0 when on time or not submitted). */
  daysLate: z.number().int(),
  /** True when drafted from subordinates' approved reports (the unit reviews others under this rule). */
  consolidated: z.boolean(),
  narrative: Narrative,
  figures: ReportFigures,
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.uuid().nullable(),
  /** The reviewer's comment of the last return. */
  returnComment: z.string().nullable(),
  versions: z.array(ReportVersion),
  /** What the caller may do now (the server checks again). */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    reopen: z.boolean(),
  }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

/** A row of "my reports" / the inbox: an opened report or one that is due but not started. */
export const ReportSummary = z.object({
  /** Null for a due report nobody has opened yet. */
  id: z.uuid().nullable(),
  ...DueFields,
  status: z.enum(REPORT_LIST_STATUSES),
  timeliness: z.enum(TIMELINESS),
  daysLate: z.number().int(),
  consolidated: z.boolean(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

/** A due-report list item (GET /reports/due): the same shape. */
export const DueReport = ReportSummary;
export type DueReport = ReportSummary;

export const ReportList = z.object({
  items: z.array(ReportSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ReportList = z.infer<typeof ReportList>;
export const DueReportList = z.object({ items: z.array(ReportSummary) });

export const ReportsQuery = z.strictObject({
  /** The unit whose reports (and, for reviewers, whose subtree's reports) to list; default the caller's. */
  org: OrgRef.optional(),
  /** own: reports the unit owes; inbox: reports sent to the unit for review (submitted first); all: subtree. */
  scope: z.enum(['own', 'inbox', 'all']).default('own'),
  period: periodCode.optional(),
  /** Also the year of the period ('2026' lists 2026 and 2026S1 …). */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  status: z.enum(REPORT_LIST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ReportsQuery = z.infer<typeof ReportsQuery>;

export const DueQuery = z.strictObject({
  org: OrgRef.optional(),
  period: periodCode.optional(),
});

export const CreateReportBody = z.strictObject({
  /** The unit that owes the report; default the caller's own unit. */
  orgUnit: OrgRef.optional(),
  period: periodCode,
  ruleId: z.uuid(),
});
export type CreateReportBody = z.infer<typeof CreateReportBody>;

/** PATCH: any narrative section(s) plus the version the client last saw. */
export const ReportPatch = z.strictObject({
  narrative: Narrative.partial(),
  version,
});
export type ReportPatch = z.infer<typeof ReportPatch>;

export const VersionBody = z.strictObject({ version });
export const ReturnBody = z.strictObject({ version, comment: z.string().trim().min(1).max(5000) });
export const ReopenBody = z.strictObject({ version, comment: z.string().trim().min(1).max(5000) });
export const BulkApproveBody = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.uuid(), version }))
    .min(1)
    .max(1000),
});
export type BulkApproveBody = z.infer<typeof BulkApproveBody>;
/** All or nothing: on any failure nothing is approved and the error names items.N. */
export const BulkApproveResult = z.object({ approved: z.number().int(), items: z.array(ReportSummary) });

export const ReportIdParams = z.strictObject({ id: z.uuid() });

export const CompletenessQuery = z.strictObject({
  /** The reviewing unit; default the caller's. Rows are the units that owe it reports. */
  org: OrgRef.optional(),
  /** One period, or a year ('2026' also takes '2025' … with `years`); default the current year. */
  period: periodCode.optional(),
  /** How many periods back to include (columns), default 2. */
  periods: z.coerce.number().int().min(1).max(12).default(2),
  frequency: ReportFrequency.optional(),
});
export type CompletenessQuery = z.infer<typeof CompletenessQuery>;

export const CompletenessCell = z.object({
  period: z.string(),
  ruleId: z.uuid(),
  timeliness: z.enum(TIMELINESS),
  daysLate: z.number().int(),
  status: z.enum(REPORT_LIST_STATUSES),
  reportId: z.uuid().nullable(),
  dueBefore: isoDate,
  firstSubmittedAt: z.string().nullable(),
});
export type CompletenessCell = z.infer<typeof CompletenessCell>;

export const CompletenessRate = z.object({
  period: z.string(),
  ruleId: z.uuid(),
  /** Only expected units count: rates are numerators over this, never above 1. */
  expected: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  pending: z.number().int(),
  notExpected: z.number().int(),
  /** (onTime + late) / expected, 0–1; null when nobody is expected. */
  completenessRate: z.number().min(0).max(1).nullable(),
  /** onTime / expected, 0–1; null when nobody is expected. */
  timelinessRate: z.number().min(0).max(1).nullable(),
});
export type CompletenessRate = z.infer<typeof CompletenessRate>;

export const CompletenessMatrix = z.object({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  /** Column headers: one per (period, rule). */
  columns: z.array(
    z.object({
      period: z.string(),
      ruleId: z.uuid(),
      frequency: ReportFrequency,
      planTitle: z.string(),
      dueBefore: isoDate,
    }),
  ),
  rows: z.array(
    z.object({
      orgUnitId: z.uuid(),
      orgUnitCode: z.string(),
      orgUnitName: z.string(),
      kind: z.string(),
      validTo: z.string().nullable(),
      cells: z.array(CompletenessCell),
    }),
  ),
  rates: z.array(CompletenessRate),
});
export type CompletenessMatrix = z.infer<typeof CompletenessMatrix>;

export const Reminder = ReportSummary.extend({
  kind: z.enum(['due_soon', 'overdue', 'returned']),
  /** Whole days until the deadline (negative when overdue). */
  daysLeft: z.number().int(),
});
export type Reminder = z.infer<typeof Reminder>;
export const ReminderList = z.object({ items: z.array(Reminder) });

export const ReportExplainQuery = z.strictObject({
  table: z.enum(TABLE_KEYS).optional(),
  row: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const ReportExplain = z.object({
  window: z.object({ from: isoDate, to: isoDate }),
  total: z.number().int(),
  activities: z.array(
    z.object({
      id: z.uuid(),
      orgUnitCode: z.string(),
      kind: z.string(),
      title: z.string(),
      startDate: z.string(),
      participantsFemale: z.number().nullable(),
      participantsMale: z.number().nullable(),
      participantsTotal: z.number().nullable(),
    }),
  ),
});
export type ReportExplain = z.infer<typeof ReportExplain>;
