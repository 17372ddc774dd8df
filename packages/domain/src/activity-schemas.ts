/**
 * Activities (hoạt động) as the API, the offline queue and the file import exchange them.
 * Kind, channel and audience codes are reference data in the database; here they are only
 * shaped (lower-case codes) — the server checks them against the tables and names the field.
 */
import { z } from 'zod';
import { OrgRef } from './schemas.js';

const code = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);
const isoDate = z.iso.date();
const count = z.number().int().min(0).max(100_000_000);
const money = z.number().int().min(0).max(1e15);
const optionalText = (max: number) => z.string().trim().max(max).nullable();

/** Which indicator family a kind feeds. */
export const KIND_COUNTS_AS = ['session', 'news_item', 'product'] as const;
export type KindCountsAs = (typeof KIND_COUNTS_AS)[number];
export const ACTIVITY_SOURCES = ['web', 'offline', 'import', 'api'] as const;

/** The fields a client sets; shared by create, patch and import rows. */
const ActivityFields = {
  kind: code,
  title: z.string().trim().min(1).max(500),
  startDate: isoDate,
  endDate: isoDate,
  /** Where it happened: a 5-digit commune code (may differ from the recording unit's). */
  communeCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/)
    .nullable(),
  channel: code.nullable(),
  audiences: z.array(code).max(30),
  participantsFemale: count.nullable(),
  participantsMale: count.nullable(),
  participantsTotal: count.nullable(),
  ethnicMinorityParticipants: count.nullable(),
  productsCount: count.nullable(),
  reach: z.number().int().min(0).max(1e12).nullable(),
  costStateBudget: money.nullable(),
  costMobilised: money.nullable(),
  costInternational: money.nullable(),
  planId: z.uuid().nullable(),
  taskGroupId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  notes: optionalText(10_000),
};

/** The client-set fields with their values, as every layer (form, import, validator) holds them. */
export type ActivityFieldValues = z.infer<z.ZodObject<typeof ActivityFields>>;

export interface ActivityFieldIssue {
  path: string;
  vi: string;
  en: string;
}

/**
 * Cross-field rules (the single source for server, import and the web form):
 * end ≥ start; total ≥ female + male; ethnic-minority participants ≤ total.
 */
export function activityFieldIssues(a: {
  startDate?: string | null;
  endDate?: string | null;
  participantsFemale?: number | null;
  participantsMale?: number | null;
  participantsTotal?: number | null;
  ethnicMinorityParticipants?: number | null;
}): ActivityFieldIssue[] {
  const issues: ActivityFieldIssue[] = [];
  if (a.startDate && a.endDate && a.endDate < a.startDate)
    issues.push({
      path: 'endDate',
      vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi',
      en: 'End date must not be before the start date',
    });
  const f = a.participantsFemale ?? 0;
  const m = a.participantsMale ?? 0;
  if (a.participantsTotal != null && a.participantsTotal < f + m)
    issues.push({
      path: 'participantsTotal',
      vi: `Tổng số người tham dự (${a.participantsTotal}) nhỏ hơn số nữ + nam (${f + m})`,
      en: `Total participants (${a.participantsTotal}) is less than female + male (${f + m})`,
    });
  const total = a.participantsTotal ?? (a.participantsFemale != null && a.participantsMale != null ? f + m : null);
  if (a.ethnicMinorityParticipants != null && total != null && a.ethnicMinorityParticipants > total)
    issues.push({
      path: 'ethnicMinorityParticipants',
      vi: 'Số người dân tộc thiểu số lớn hơn tổng số người tham dự',
      en: 'Ethnic-minority participants exceed the total',
    });
  return issues;
}

export const ActivityInput = z.strictObject({
  /** A client-generated UUID makes a retried or replayed create idempotent. */
  id: z.uuid().optional(),
  /** The recording unit; defaults to the caller's own unit. */
  orgUnit: OrgRef.optional(),
  ...ActivityFields,
  communeCode: ActivityFields.communeCode.default(null),
  channel: ActivityFields.channel.default(null),
  audiences: ActivityFields.audiences.default([]),
  participantsFemale: ActivityFields.participantsFemale.default(null),
  participantsMale: ActivityFields.participantsMale.default(null),
  participantsTotal: ActivityFields.participantsTotal.default(null),
  ethnicMinorityParticipants: ActivityFields.ethnicMinorityParticipants.default(null),
  productsCount: ActivityFields.productsCount.default(null),
  reach: ActivityFields.reach.default(null),
  costStateBudget: ActivityFields.costStateBudget.default(null),
  costMobilised: ActivityFields.costMobilised.default(null),
  costInternational: ActivityFields.costInternational.default(null),
  planId: ActivityFields.planId.default(null),
  taskGroupId: ActivityFields.taskGroupId.default(null),
  /** Absent: the server suggests the campaign whose window holds the start date. Null: none. */
  campaignId: ActivityFields.campaignId.optional(),
  notes: ActivityFields.notes.default(null),
  source: z.enum(ACTIVITY_SOURCES).optional(),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

/** PATCH: any subset of the fields plus the version the client last saw. */
export const ActivityPatch = z
  .strictObject(ActivityFields)
  .partial()
  .extend({ version: z.number().int().min(0) });
export type ActivityPatch = z.infer<typeof ActivityPatch>;

export const Activity = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  ...ActivityFields,
  source: z.enum(ACTIVITY_SOURCES),
  evidenceCount: z.number().int(),
  version: z.number().int(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedBy: z.uuid().nullable(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

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

export const ActivitiesQuery = z.strictObject({
  /** The subtree root (defaults to the caller's unit); must be inside the caller's scope. */
  org: OrgRef.optional(),
  /** A period code ('2026', '2026S1', '2026Q4', '2026-11') or from/to dates. */
  period: z.string().trim().max(10).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: csv.optional(),
  channel: csv.optional(),
  audience: csv.optional(),
  campaign: z.uuid().optional(),
  plan: z.uuid().optional(),
  /** Accent-insensitive: every word must occur in the title, notes or unit name. */
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['startDate', '-startDate', 'updatedAt', '-updatedAt']).default('-startDate'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ActivitiesQuery = z.infer<typeof ActivitiesQuery>;

/** The totals row of a filtered list (over all matching rows, not only the page). */
export const ActivityTotals = z.object({
  activities: z.number().int(),
  sessions: z.number().int(),
  newsItems: z.number().int(),
  products: z.number().int(),
  participantsFemale: z.number().int(),
  participantsMale: z.number().int(),
  participantsTotal: z.number().int(),
  costTotal: z.number().int(),
});
export type ActivityTotals = z.infer<typeof ActivityTotals>;

export const ActivityList = z.object({
  items: z.array(Activity),
  total: z.number().int(),
  totals: ActivityTotals,
});
export type ActivityList = z.infer<typeof ActivityList>;

export const ActivityKind = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  countsAs: z.array(z.enum(KIND_COUNTS_AS)),
  defaultChannel: z.string().nullable(),
});
export type ActivityKind = z.infer<typeof ActivityKind>;

export const CodeName = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });
export type CodeName = z.infer<typeof CodeName>;

export const Campaign = z.object({
  id: z.uuid(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  /** 'DD/MM' each year; a window may cross the new year. */
  start: z.string(),
  end: z.string(),
  requiresPlan: z.boolean(),
  legalBasis: z.string().nullable(),
  /** The window and theme in the requested year (default: this year). */
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  themeVi: z.string().nullable(),
  themeEn: z.string().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignPlanInput = z.strictObject({
  orgUnit: OrgRef.optional(),
  year: z.number().int().min(1990).max(2100),
  documentNumber: z.string().trim().max(100).nullable().default(null),
  issuedOn: isoDate.nullable().default(null),
  planId: z.uuid().nullable().default(null),
  notes: optionalText(5000).default(null),
});
export type CampaignPlanInput = z.infer<typeof CampaignPlanInput>;

export const CampaignPlan = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  year: z.number().int(),
  documentNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  planId: z.uuid().nullable(),
  fileName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type CampaignPlan = z.infer<typeof CampaignPlan>;

/** PATCH of a recorded campaign plan: any of its fields plus the version the client saw. */
export const CampaignPlanPatch = z
  .strictObject({
    documentNumber: z.string().trim().max(100).nullable(),
    issuedOn: isoDate.nullable(),
    planId: z.uuid().nullable(),
    notes: optionalText(5000),
  })
  .partial()
  .extend({ version: z.number().int().min(0) });
export type CampaignPlanPatch = z.infer<typeof CampaignPlanPatch>;

/** A unit expected to record its plan for a campaign, with the plan when it has. */
export const CampaignPlanUnit = z.object({
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  kind: z.string(),
  plan: CampaignPlan.nullable(),
});
export type CampaignPlanUnit = z.infer<typeof CampaignPlanUnit>;

/**
 * Which units have recorded their plan for a campaign in a year (target T2): the chosen unit
 * itself and its direct child units (departments, communes, agencies, mass organisations…).
 */
export const CampaignPlanCoverage = z.object({
  campaignId: z.uuid(),
  year: z.number().int(),
  orgUnitId: z.uuid(),
  expected: z.number().int(),
  recorded: z.number().int(),
  units: z.array(CampaignPlanUnit),
});
export type CampaignPlanCoverage = z.infer<typeof CampaignPlanCoverage>;

/** The yearly theme of a campaign (set by an admin or a central planner). */
export const CampaignThemeInput = z.strictObject({
  themeVi: z.string().trim().min(1).max(1000),
  themeEn: z.string().trim().max(1000).nullable().default(null),
});
export type CampaignThemeInput = z.infer<typeof CampaignThemeInput>;
