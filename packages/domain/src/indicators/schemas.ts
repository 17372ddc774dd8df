/**
 * The indicator API contract: rule parameters a target carries, one computed indicator
 * (IndicatorResult) and the query/response shapes of /api/indicators, /children, /pivot and
 * /explain. Figures always carry numerator and denominator so they can be traced back to the
 * activities or units behind them (see /explain).
 */
import { z } from 'zod';
import { OrgKindSchema, OrgRef } from '../schemas.js';

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

export const INDICATOR_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** What a `units_meeting_count` / `sum` rule counts: kinds whose counts_as holds this family. */
export const COUNTS_AS_FAMILIES = ['session', 'news_item', 'product'] as const;

/** Measures of plain totals (rule `sum`) and of the pivot. */
export const MEASURES = [
  'activities',
  'sessions',
  'news_items',
  'products',
  'participants',
  'participants_female',
  'participants_male',
  'costs',
] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * Rule parameters per kind (discriminated by `kind`, which must equal the target's ruleKind).
 * Units in scope come from the target's scopeKinds, relative to the plan issuer's subtree.
 */
export const UnitsMeetingCountParams = z.strictObject({
  kind: z.literal('units_meeting_count'),
  /** Count activities whose kind feeds this family … */
  countsAs: z.enum(COUNTS_AS_FAMILIES).nullable().default('session'),
  /** … or, when set, exactly these activity kinds. */
  kinds: z.array(code).max(50).nullable().default(null),
  /** The counting period: a unit meets a year when it met the threshold in the year (period
   * 'year') or in every elapsed quarter of it (period 'quarter'). */
  period: z.enum(['year', 'quarter']).default('year'),
  threshold: z.number().int().min(1).max(1_000_000).default(1),
});
export const UnitsWithRecordParams = z.strictObject({
  kind: z.literal('units_with_record'),
  /** Campaign code whose yearly campaign_plan rows count (default: the Action Month). */
  campaign: code.default('action_month'),
});
export const ShareWithStatusParams = z.strictObject({
  kind: z.literal('share_with_status'),
  /** Register name, e.g. 'media_gender_indicators' or 'village_conventions'. */
  register: code,
  /** Ordered statuses, lowest first, e.g. ['none','pilot','official'] or ['flagged','clean']. */
  statuses: z.array(code).min(2).max(10),
  /** An item counts when its status is at or above this one. */
  minStatus: code,
});
export const SurveyChangeParams = z.strictObject({
  kind: z.literal('survey_change'),
  survey: code.default('awareness'),
  baselineYear: z.number().int().min(1990).max(2100).default(2025),
});
export const ReductionShareParams = z.strictObject({
  kind: z.literal('reduction_share'),
  register: code.default('stereotyped_products'),
});
export const SumParams = z.strictObject({
  kind: z.literal('sum'),
  measure: z.enum(MEASURES).default('sessions'),
  /** Restrict to these activity kinds (null: all kinds feeding the measure). */
  kinds: z.array(code).max(50).nullable().default(null),
});

export const RuleParams = z.discriminatedUnion('kind', [
  UnitsMeetingCountParams,
  UnitsWithRecordParams,
  ShareWithStatusParams,
  SurveyChangeParams,
  ReductionShareParams,
  SumParams,
]);
export type RuleParams = z.infer<typeof RuleParams>;
export type UnitsMeetingCountParams = z.infer<typeof UnitsMeetingCountParams>;
export type UnitsWithRecordParams = z.infer<typeof UnitsWithRecordParams>;
export type ShareWithStatusParams = z.infer<typeof ShareWithStatusParams>;
export type SurveyChangeParams = z.infer<typeof SurveyChangeParams>;
export type ReductionShareParams = z.infer<typeof ReductionShareParams>;
export type SumParams = z.infer<typeof SumParams>;

export const IndicatorMilestone = z.object({
  year: z.number().int(),
  value: z.number().nullable(),
  valueMax: z.number().nullable(),
});

export const SeriesPoint = z.object({ period: z.string(), value: z.number().nullable() });

export const IndicatorResult = z.object({
  targetId: z.uuid(),
  planId: z.uuid(),
  targetNumber: z.number().int(),
  targetText: z.string(),
  ruleKind: z.string(),
  /** The parameters actually used (the target's own, or derived defaults). */
  ruleParams: RuleParams.nullable(),
  comparator: z.string(),
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  period: z.string(),
  /** Percent (0–100) for share rules, the plain figure for `sum`, relative change in % for surveys. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** The target's unit ('percent', 'sessions', …). */
  unit: z.string(),
  /** The milestone for the period's year, or the next one ahead; null when none. */
  milestone: IndicatorMilestone.nullable(),
  status: z.enum(INDICATOR_STATUSES),
  /** Linear projection of the value to the milestone year. */
  projection: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  /** Values of earlier periods of the same type (oldest first, the requested one last). */
  series: z.array(SeriesPoint),
  /** Raw totals behind a count rule (matching activities in the subtree and period). */
  totals: z.object({ activities: z.number().int() }).nullable(),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

const periodCode = z
  .string()
  .trim()
  .regex(/^\d{4}(?:Q[1-4]|S[12]|-(?:0[1-9]|1[0-2]))?$/);

export const IndicatorsQuery = z.strictObject({
  /** Defaults to the caller's unit; must be inside the caller's subtree. */
  org: OrgRef.optional(),
  /** Period code ('2026', '2026Q3', '2026S1', '2026-11'); defaults to the current year. */
  period: periodCode.optional(),
  /** One target id; default: every target of the plans that apply to the unit. */
  target: z.uuid().optional(),
  /** Restrict to one plan's targets. */
  plan: z.uuid().optional(),
});
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;

export const IndicatorUnit = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: OrgKindSchema,
  path: z.string(),
  childCount: z.number().int(),
});

export const IndicatorsResponse = z.object({
  orgUnit: IndicatorUnit,
  period: z.string(),
  items: z.array(IndicatorResult),
});
export type IndicatorsResponse = z.infer<typeof IndicatorsResponse>;

export const ChildMatrixQuery = IndicatorsQuery.omit({ target: true });
export type ChildMatrixQuery = z.infer<typeof ChildMatrixQuery>;

export const MatrixTarget = z.object({
  targetId: z.uuid(),
  planId: z.uuid(),
  targetNumber: z.number().int(),
  targetText: z.string(),
  ruleKind: z.string(),
  unit: z.string(),
});

export const MatrixCell = z.object({
  targetId: z.uuid(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(INDICATOR_STATUSES),
});

/** Child units × targets: each row is one child unit (the drill-down). */
export const ChildMatrix = z.object({
  orgUnit: IndicatorUnit,
  period: z.string(),
  targets: z.array(MatrixTarget),
  /** The parent unit's own row (same figures as /api/indicators). */
  total: z.array(MatrixCell),
  rows: z.array(z.object({ orgUnit: IndicatorUnit, cells: z.array(MatrixCell) })),
});
export type ChildMatrix = z.infer<typeof ChildMatrix>;

/** A unit's dashboard in one response: its cards and its child units × targets. */
export const DashboardResponse = z.object({ indicators: IndicatorsResponse, children: ChildMatrix });
export type DashboardResponse = z.infer<typeof DashboardResponse>;

export const PIVOT_DIMENSIONS = [
  'org',
  'year',
  'quarter',
  'month',
  'target',
  'audience',
  'sex',
  'kind',
  'channel',
] as const;
export type PivotDimension = (typeof PIVOT_DIMENSIONS)[number];

const csv = z
  .string()
  .trim()
  .max(1000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * Pivot: rows × cols over activity measures. 'org' = the child units of `org`; 'sex' splits
 * participants (female / male / unspecified) and needs a participants measure; 'audience'
 * counts an activity once in each of its audiences (cells may overlap); 'target' gives
 * indicator values (measure ignored) and pairs only with 'org', 'year', 'quarter' or 'month'.
 */
export const PivotQuery = z.strictObject({
  org: OrgRef.optional(),
  rows: z.enum(PIVOT_DIMENSIONS).default('org'),
  cols: z.enum(PIVOT_DIMENSIONS).optional(),
  measure: z.enum(MEASURES).default('activities'),
  /** Period code or from/to years; default: the current year. */
  period: periodCode.optional(),
  from: z.coerce.number().int().min(1990).max(2100).optional(),
  to: z.coerce.number().int().min(1990).max(2100).optional(),
  kind: csv.optional(),
  channel: csv.optional(),
  audience: csv.optional(),
  plan: z.uuid().optional(),
});
export type PivotQuery = z.infer<typeof PivotQuery>;

export const PivotResponse = z.object({
  orgUnit: IndicatorUnit,
  rows: z.array(z.object({ key: z.string(), label: z.string() })),
  cols: z.array(z.object({ key: z.string(), label: z.string() })),
  measure: z.string(),
  /** Sparse: only non-zero cells; `col` is '' when there is no column dimension. */
  cells: z.array(z.object({ row: z.string(), col: z.string(), value: z.number().nullable() })),
});
export type PivotResponse = z.infer<typeof PivotResponse>;

export const ExplainQuery = z.strictObject({
  target: z.uuid(),
  org: OrgRef.optional(),
  period: periodCode.optional(),
  /** Unit-share rules: only units that did / did not meet the rule. */
  met: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ExplainQuery = z.infer<typeof ExplainQuery>;

export const ExplainActivity = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  kind: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  participantsFemale: z.number().nullable(),
  participantsMale: z.number().nullable(),
  participantsTotal: z.number().nullable(),
  productsCount: z.number().nullable(),
  /** The in-scope unit the activity counts for. */
  countedForCode: z.string().nullable(),
});

export const ExplainUnit = z.object({
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  kind: OrgKindSchema,
  /** Matching activities (count rules) or records (record rules) in the period. */
  count: z.number().int(),
  /** Per counting period for quarterly rules ('2026Q1' → 5). */
  byPeriod: z.record(z.string(), z.number().int()),
  met: z.boolean(),
});

export const ExplainResponse = z.object({
  indicator: IndicatorResult,
  /** Activities behind the numerator (count and sum rules), paginated. */
  activities: z.object({ items: z.array(ExplainActivity), total: z.number().int() }),
  /** Unit-share rules: every in-scope unit (paginated) with its count and whether it met it. */
  units: z.object({ items: z.array(ExplainUnit), total: z.number().int() }).nullable(),
});
export type ExplainResponse = z.infer<typeof ExplainResponse>;
