/** Kysely table types; keep in step with migrations/. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgUnitTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  full_name: string | null;
  kind: string;
  unit_type: string | null;
  parent_id: string | null;
  path: string;
  province_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: string | null;
  search_text: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  org_unit_id: string;
  roles: string[];
  locale: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  org_path: string;
  before: unknown;
  after: unknown;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Timestamp;
}

export interface PlanTable {
  id: string;
  org_unit_id: string;
  org_path: string;
  province_code: string | null;
  issuer_name: string | null;
  supervising_body: string | null;
  number: string | null;
  place: string | null;
  issued_on: string | null;
  title: string;
  kind: string;
  status: Generated<string>;
  period_from: number | null;
  period_to: number | null;
  parent_plan_id: string | null;
  parent_documents: Json;
  legal_bases: Json;
  purposes: string;
  budget_text: string;
  budget_sources: Json;
  recipients: Json;
  signer: Json;
  original_text: string | null;
  search_text: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTargetTable {
  id: string;
  plan_id: string;
  ordinal: number;
  number: number;
  code: string | null;
  text: string;
  unit: string;
  comparator: string;
  milestones: Json;
  frequency: string;
  baseline_year: number | null;
  rule_kind: string | null;
  /** Rule parameters (indicators); null: derived from the target at compute time. */
  rule_params: Json | null;
  scope_kinds: string[];
  scope_text: string | null;
  parent_target_id: string | null;
  span: Json | null;
}

export interface PlanTaskGroupTable {
  id: string;
  plan_id: string;
  ordinal: number;
  heading: string;
  method: string | null;
  subtasks: Json;
  span: Json | null;
}

export interface PlanAssignmentTable {
  id: string;
  plan_id: string;
  ordinal: number;
  org_name: string;
  org_unit_id: string | null;
  role: string;
  duties: string;
  target_numbers: number[];
  span: Json | null;
}

export interface PlanReportingRuleTable {
  id: string;
  plan_id: string;
  ordinal: number;
  frequency: string;
  deadline: string;
  cutoff_from: string | null;
  cutoff_to: string | null;
  recipient_name: string | null;
  recipient_org_unit_id: string | null;
  span: Json | null;
}

export interface ActivityKindTable {
  code: string;
  name_vi: string;
  name_en: string;
  counts_as: string[];
  default_channel: string | null;
  ordinal: number;
  active: Generated<boolean>;
}

export interface ActivityChannelTable {
  code: string;
  name_vi: string;
  name_en: string;
  ordinal: number;
  active: Generated<boolean>;
}

export type AudienceTable = ActivityChannelTable;

export interface CampaignTable {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  start_month: number;
  start_day: number;
  end_month: number;
  end_day: number;
  requires_plan: Generated<boolean>;
  legal_basis: string | null;
  ordinal: number;
  active: Generated<boolean>;
}

export interface CampaignThemeTable {
  campaign_id: string;
  year: number;
  theme_vi: string;
  theme_en: string | null;
}

export interface ActivityTable {
  id: string;
  org_unit_id: string;
  org_path: string;
  province_code: string | null;
  kind: string;
  title: string;
  start_date: string;
  end_date: string;
  commune_code: string | null;
  channel: string | null;
  audiences: Generated<string[]>;
  participants_female: number | null;
  participants_male: number | null;
  participants_total: number | null;
  ethnic_minority_participants: number | null;
  products_count: number | null;
  reach: number | null;
  cost_state_budget: number | null;
  cost_mobilised: number | null;
  cost_international: number | null;
  plan_id: string | null;
  task_group_id: string | null;
  campaign_id: string | null;
  notes: string | null;
  source: Generated<string>;
  search_text: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface ActivityEvidenceTable {
  id: string;
  activity_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CampaignPlanTable {
  id: string;
  campaign_id: string;
  org_unit_id: string;
  org_path: string;
  province_code: string | null;
  year: number;
  document_number: string | null;
  issued_on: string | null;
  plan_id: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  storage_key: string | null;
  notes: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportTable {
  id: string;
  org_unit_id: string;
  org_path: string;
  province_code: string | null;
  period: string;
  frequency: string;
  plan_id: string | null;
  rule_id: string | null;
  plan_title: string;
  plan_number: string | null;
  recipient_org_unit_id: string;
  recipient_name: string;
  due_before: string;
  cutoff_from: string;
  cutoff_to: string;
  consolidated: Generated<boolean>;
  status: Generated<string>;
  narrative: Json;
  figures: Json | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  return_comment: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportVersionTable {
  id: string;
  report_id: string;
  number: number;
  action: string;
  status: string;
  narrative: Json;
  figures: Json | null;
  comment: string | null;
  by_user_id: string | null;
  at: Timestamp;
}

/** jsonb: objects and arrays go in as JSON text (see toJsonb), come out parsed. */
export type Json = ColumnType<unknown, string, string>;

export interface DB {
  plan: PlanTable;
  plan_target: PlanTargetTable;
  plan_task_group: PlanTaskGroupTable;
  plan_assignment: PlanAssignmentTable;
  plan_reporting_rule: PlanReportingRuleTable;
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
  activity_kind: ActivityKindTable;
  activity_channel: ActivityChannelTable;
  audience: AudienceTable;
  campaign: CampaignTable;
  campaign_theme: CampaignThemeTable;
  activity: ActivityTable;
  activity_evidence: ActivityEvidenceTable;
  campaign_plan: CampaignPlanTable;
  report: ReportTable;
  report_version: ReportVersionTable;
}
