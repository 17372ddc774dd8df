/**
 * The structured plan (Kế hoạch) as the API and the web app exchange it: header, targets with
 * milestones, task groups, assignments and reporting rules. Children carry ids when they exist,
 * so an edit keeps the links other records hold to them (parent targets, later indicators).
 */
import { z } from 'zod';
import { OrgKindSchema, OrgRef } from './schemas.js';
import { RuleParams } from './indicators/schemas.js';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const year = z.number().int().min(1990).max(2100);

export const PLAN_KINDS = ['program', 'annual', 'action_month'] as const;
export const PLAN_STATUSES = ['draft', 'issued'] as const;
export const TARGET_FREQUENCIES = ['annual', 'half_year', 'quarterly', 'monthly', 'by_year', 'once'] as const;
export const COMPARATORS = ['gte', 'gt', 'eq', 'lte', 'range'] as const;
export const RULE_KINDS = [
  'units_meeting_count',
  'units_with_record',
  'share_with_status',
  'survey_change',
  'reduction_share',
  'sum',
] as const;
export const REPORT_FREQUENCIES = ['half_year', 'annual', 'quarterly', 'monthly'] as const;
export const ASSIGNMENT_ROLES = ['lead', 'coordinate'] as const;

export const Span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const Milestone = z.strictObject({
  year,
  value: z.number().min(0).max(1e12).nullable(),
  valueMax: z.number().min(0).max(1e12).nullable().default(null),
});
export type Milestone = z.infer<typeof Milestone>;

export const TargetInput = z.strictObject({
  id: z.uuid().optional(),
  number: z.number().int().min(1).max(999),
  code: text(20).nullable().default(null),
  text: text(4000).min(1),
  unit: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .default('count'),
  comparator: z.enum(COMPARATORS).default('gte'),
  milestones: z.array(Milestone).max(20).default([]),
  frequency: z.enum(TARGET_FREQUENCIES).default('once'),
  baselineYear: year.nullable().default(null),
  ruleKind: z.enum(RULE_KINDS).nullable().default(null),
  /** Parameters of the rule (its `kind` must equal ruleKind); null: derived defaults. */
  ruleParams: RuleParams.nullable().optional(),
  scopeKinds: z.array(OrgKindSchema).max(10).default([]),
  scopeText: text(1000).nullable().default(null),
  parentTargetId: z.uuid().nullable().default(null),
  span: Span.nullable().default(null),
});
export type TargetInput = z.infer<typeof TargetInput>;

export const TaskGroupInput = z.strictObject({
  id: z.uuid().optional(),
  ordinal: z.number().int().min(1).max(999),
  heading: text(1000).min(1),
  method: text(20000).nullable().default(null),
  subtasks: z.array(text(5000)).max(200).default([]),
  span: Span.nullable().default(null),
});
export type TaskGroupInput = z.infer<typeof TaskGroupInput>;

export const AssignmentInput = z.strictObject({
  id: z.uuid().optional(),
  orgName: text(500).min(1),
  /** The unit in the system when known; a group such as "UBND các xã, phường" has none. */
  orgUnit: OrgRef.nullable().default(null),
  role: z.enum(ASSIGNMENT_ROLES).default('lead'),
  duties: text(20000).default(''),
  targetNumbers: z.array(z.number().int().min(1).max(999)).max(50).default([]),
  span: Span.nullable().default(null),
});
export type AssignmentInput = z.infer<typeof AssignmentInput>;

const dayMonth = z.string().regex(/^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/);

export const ReportingRuleInput = z.strictObject({
  id: z.uuid().optional(),
  frequency: z.enum(REPORT_FREQUENCIES),
  /** 'DD/MM' — the report is due before this day each period. */
  deadline: dayMonth,
  /** Data cut-off as 'DD/MM'–'DD/MM'; null uses Decree 09/2019 defaults for the frequency. */
  cutoffFrom: dayMonth.nullable().default(null),
  cutoffTo: dayMonth.nullable().default(null),
  recipientName: text(500).nullable().default(null),
  recipientOrgUnit: OrgRef.nullable().default(null),
  span: Span.nullable().default(null),
});
export type ReportingRuleInput = z.infer<typeof ReportingRuleInput>;

export const ParentDocument = z.strictObject({
  number: text(100).min(1),
  date: isoDate.nullable().default(null),
  text: text(2000).default(''),
  /** Set when the document is a plan in the system. */
  planId: z.uuid().nullable().default(null),
});

export const Signer = z.strictObject({
  authority: text(100).nullable().default(null),
  title: text(200).nullable().default(null),
  name: text(200).nullable().default(null),
});

export const PlanInput = z.strictObject({
  orgUnit: OrgRef,
  issuerName: text(300).nullable().default(null),
  supervisingBody: text(300).nullable().default(null),
  number: text(100).nullable().default(null),
  place: text(100).nullable().default(null),
  issuedOn: isoDate.nullable().default(null),
  title: text(1000).min(1),
  kind: z.enum(PLAN_KINDS).default('program'),
  periodFrom: year.nullable().default(null),
  periodTo: year.nullable().default(null),
  parentPlanId: z.uuid().nullable().default(null),
  parentDocuments: z.array(ParentDocument).max(50).default([]),
  legalBases: z.array(text(2000)).max(50).default([]),
  purposes: text(50000).default(''),
  budgetText: text(50000).default(''),
  budgetSources: z.array(text(500)).max(20).default([]),
  recipients: z.array(text(500)).max(100).default([]),
  signer: Signer.default({ authority: null, title: null, name: null }),
  /** Verbatim (never trimmed): spans index into it. */
  originalText: z.string().max(2_000_000).nullable().default(null),
  targets: z.array(TargetInput).max(200).default([]),
  taskGroups: z.array(TaskGroupInput).max(100).default([]),
  assignments: z.array(AssignmentInput).max(200).default([]),
  reportingRules: z.array(ReportingRuleInput).max(20).default([]),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanUpdate = PlanInput.omit({ orgUnit: true }).extend({ version: z.number().int().min(0) });
export type PlanUpdate = z.infer<typeof PlanUpdate>;

const withId = { id: z.uuid() };
export const Plan = z.object({
  id: z.uuid(),
  orgUnitId: z.uuid(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  issuerName: z.string().nullable(),
  supervisingBody: z.string().nullable(),
  number: z.string().nullable(),
  place: z.string().nullable(),
  issuedOn: z.string().nullable(),
  title: z.string(),
  kind: z.enum(PLAN_KINDS),
  status: z.enum(PLAN_STATUSES),
  periodFrom: z.number().nullable(),
  periodTo: z.number().nullable(),
  parentPlanId: z.uuid().nullable(),
  parentDocuments: z.array(ParentDocument),
  legalBases: z.array(z.string()),
  purposes: z.string(),
  budgetText: z.string(),
  budgetSources: z.array(z.string()),
  recipients: z.array(z.string()),
  signer: Signer,
  hasOriginalText: z.boolean(),
  targets: z.array(TargetInput.extend({ ...withId, parentTargetText: z.string().nullable() })),
  taskGroups: z.array(TaskGroupInput.extend(withId)),
  assignments: z.array(
    AssignmentInput.extend({ ...withId, orgUnitId: z.uuid().nullable(), orgUnitName: z.string().nullable() }),
  ),
  reportingRules: z.array(ReportingRuleInput.extend({ ...withId, recipientOrgUnitId: z.uuid().nullable() })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof Plan>;

export const PlanSummary = Plan.pick({
  id: true,
  orgUnitId: true,
  orgUnitCode: true,
  orgUnitName: true,
  number: true,
  issuedOn: true,
  title: true,
  kind: true,
  status: true,
  periodFrom: true,
  periodTo: true,
  parentPlanId: true,
  version: true,
}).extend({ targetCount: z.number().int() });
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlansQuery = z.strictObject({
  org: OrgRef.optional(),
  /** subtree: plans of the unit and below; superiors: plans of the units above the caller (to implement). */
  scope: z.enum(['visible', 'subtree', 'superiors']).default('visible'),
  kind: z.enum(PLAN_KINDS).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PlansQuery = z.infer<typeof PlansQuery>;

export const CascadeBody = z.strictObject({ orgUnit: OrgRef.optional() });
