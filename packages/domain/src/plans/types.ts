/**
 * The structure `parsePlan` extracts from the text of a plan (Kế hoạch). Every extracted item keeps
 * the span [start, end) of the ORIGINAL input it came from (UTF-16 offsets, as String#slice).
 * Texts are cleaned: NFC, markdown marks stripped, hard line breaks re-joined.
 */

export interface TextSpan {
  start: number;
  end: number;
}

/** A piece of cleaned text and where it came from. */
export interface SpannedText {
  text: string;
  span: TextSpan;
}

export type ParsedPlanKind = 'program' | 'annual' | 'action_month';

export const PLAN_SECTION_KINDS = [
  'basis',
  'purposes',
  'targets',
  'tasks',
  'budget',
  'organisation',
  'reporting',
  'other',
] as const;
export type PlanSectionKind = (typeof PLAN_SECTION_KINDS)[number];

export const TARGET_COMPARATORS = ['gte', 'gt', 'eq', 'lte', 'range'] as const;
/** gte: ít nhất / tối thiểu / từ … trở lên; gt: trên / hơn; lte: không quá / dưới; range: từ 10 - 15%. */
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];

export const PARSED_TARGET_FREQUENCIES = ['annual', 'half_year', 'quarterly', 'monthly', 'by_year', 'once'] as const;
/** annual: hằng năm; quarterly: mỗi quý; by_year: a milestone "đến năm 2030"; once: otherwise. */
export type ParsedTargetFrequency = (typeof PARSED_TARGET_FREQUENCIES)[number];

export const TARGET_RULE_KINDS = [
  'units_meeting_count',
  'units_with_record',
  'survey_change',
  'share_with_status',
  'reduction_share',
  'sum',
] as const;
export type TargetRuleKind = (typeof TARGET_RULE_KINDS)[number];

export interface ParsedTarget {
  /** 1-based, as the plan numbers its targets; two milestones of one target share the number. */
  number: number;
  /** The plan's own label ("1", "2.a") or null for unnumbered bullets. */
  code: string | null;
  /** Verbatim clause (cleaned). */
  text: string;
  value: number | null;
  valueMax: number | null;
  /** 'percent', 'sessions' (cuộc/buổi/lượt), 'news_items' (tin/bài), 'count' or another snake_case noun; null without a value. */
  unit: string | null;
  comparator: TargetComparator | null;
  year: number | null;
  frequency: ParsedTargetFrequency;
  baselineYear: number | null;
  ruleKind: TargetRuleKind | null;
  /** Who the target applies to ("các sở, ban, ngành, địa phương"), best effort. */
  scope: string | null;
  /** "thí điểm" → pilot, "chính thức" → official (media indicator targets). */
  status: 'pilot' | 'official' | null;
  /** Found in the targets list, or elsewhere in the body (a measurable commitment). */
  source: 'targets_section' | 'body';
  span: TextSpan;
}

export interface ParsedParentDocument {
  /** Document number as written: "1790/QĐ-TTg", "34/KH-UBND". */
  number: string;
  /** "Quyết định", "Kế hoạch", "Công văn", "Văn bản", … when stated. */
  docType: string | null;
  /** ISO date of the cited document, when stated. */
  date: string | null;
  /** The whole citation clause. */
  citation: string;
  span: TextSpan;
}

export interface ParsedPlanDate {
  /** YYYY-MM-DD, or null when day or month is missing ("ngày tháng 3 năm 2022"). */
  iso: string | null;
  day: number | null;
  month: number | null;
  year: number | null;
  text: string;
  span: TextSpan;
}

export interface ParsedPlanPeriod {
  from: number | null;
  to: number | null;
  /** Where the years came from. */
  source: 'title' | 'text' | 'inferred';
}

export interface ParsedPurpose extends SpannedText {
  kind: 'purpose' | 'requirement';
}

export interface ParsedSubTask extends SpannedText {
  code: string | null;
  /** Nesting depth below the group (1 = direct child). */
  level: number;
}

export interface ParsedTaskGroup {
  number: number;
  code: string | null;
  heading: string;
  headingSpan: TextSpan;
  /** Text of the group paragraph after its heading sentence. */
  description: SpannedText | null;
  /** "Phương thức thực hiện: …" */
  method: SpannedText | null;
  subtasks: ParsedSubTask[];
  span: TextSpan;
}

export type ParsedAssignmentRole = 'lead' | 'coordinate';

export interface ParsedAssignment {
  org: string;
  orgSpan: TextSpan;
  role: ParsedAssignmentRole;
  /** Label of the paragraph ("2.1"). */
  code: string | null;
  duties: SpannedText[];
  /** 1-based target numbers the body is responsible for ("Mục tiêu 2, 3"). */
  targets: number[];
  span: TextSpan;
}

export type ParsedReportingFrequency = 'annual' | 'half_year' | 'quarterly' | 'monthly';

export interface ParsedReportingRule {
  frequency: ParsedReportingFrequency;
  /** "DD/MM" */
  deadline: string;
  day: number;
  month: number;
  /** Recipient as written: "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)". */
  to: string | null;
  /** Reporting bodies, when the rule sits in one body's duties. */
  from: string[];
  text: string;
  span: TextSpan;
}

export const BUDGET_SOURCE_KINDS = [
  'state_budget',
  'program_integration',
  'socialized',
  'international_aid',
  'other_lawful',
  'unspecified',
] as const;
export type BudgetSourceKind = (typeof BUDGET_SOURCE_KINDS)[number];

export interface ParsedBudgetSource extends SpannedText {
  kind: BudgetSourceKind;
}

export interface ParsedSigner {
  /** All authority lines joined: "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH". */
  authority: string | null;
  authorities: string[];
  title: string | null;
  name: string | null;
  span: TextSpan;
}

export interface ParsedSection {
  kind: PlanSectionKind;
  numeral: string | null;
  title: string;
  span: TextSpan;
}

export interface ParsedIssuer extends SpannedText {
  source: 'header' | 'sentence';
}

export interface ParsedPlan {
  issuer: ParsedIssuer | null;
  /** Document number as written after "Số:" ("183/KH-UBND", "/KH-UBND" when blank). */
  number: SpannedText | null;
  date: ParsedPlanDate | null;
  place: SpannedText | null;
  /** "KẾ HOẠCH", "KẾ HOẠCH HÀNH ĐỘNG". */
  documentType: SpannedText | null;
  title: SpannedText | null;
  kind: ParsedPlanKind;
  period: ParsedPlanPeriod;
  parentDocuments: ParsedParentDocument[];
  sections: ParsedSection[];
  purposes: ParsedPurpose[];
  /** "Mục tiêu chung" paragraphs. */
  generalObjectives: SpannedText[];
  targets: ParsedTarget[];
  taskGroups: ParsedTaskGroup[];
  assignments: ParsedAssignment[];
  reporting: ParsedReportingRule[];
  budgetSources: ParsedBudgetSource[];
  recipients: SpannedText[];
  signer: ParsedSigner | null;
  /** Non-empty paragraphs no extractor claimed. */
  unparsed: SpannedText[];
  /** Internal problems (an extractor failed); the rest of the result is still usable. */
  warnings: string[];
}
