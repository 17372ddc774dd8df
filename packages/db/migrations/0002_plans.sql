-- Plans (Kế hoạch) as data: header, targets with milestones, task groups, assignments,
-- reporting rules. A plan implements a parent plan (in the system or only cited by number).

CREATE TABLE plan (
  id                uuid PRIMARY KEY,
  org_unit_id       uuid NOT NULL REFERENCES org_unit(id),
  -- the issuing unit's path at write time; scope and subtree queries use it without a join
  org_path          text NOT NULL,
  province_code     text,
  issuer_name       text,
  supervising_body  text,
  number            text,
  place             text,
  issued_on         date,
  title             text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('program','annual','action_month')),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','issued')),
  period_from       integer,
  period_to         integer,
  parent_plan_id    uuid REFERENCES plan(id) ON DELETE SET NULL,
  parent_documents  jsonb NOT NULL DEFAULT '[]',
  legal_bases       jsonb NOT NULL DEFAULT '[]',
  purposes          text NOT NULL DEFAULT '',
  budget_text       text NOT NULL DEFAULT '',
  budget_sources    jsonb NOT NULL DEFAULT '[]',
  recipients        jsonb NOT NULL DEFAULT '[]',
  signer            jsonb NOT NULL DEFAULT '{}',
  original_text     text,
  search_text       text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 0,
  created_by        uuid REFERENCES app_user(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)
);
CREATE INDEX plan_path_idx ON plan (org_path text_pattern_ops);
CREATE INDEX plan_org_idx ON plan (org_unit_id);
CREATE INDEX plan_parent_idx ON plan (parent_plan_id);

CREATE TABLE plan_target (
  id                uuid PRIMARY KEY,
  plan_id           uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal           integer NOT NULL,
  number            integer NOT NULL,
  code              text,
  text              text NOT NULL,
  unit              text NOT NULL,
  comparator        text NOT NULL CHECK (comparator IN ('gte','gt','eq','lte','range')),
  milestones        jsonb NOT NULL DEFAULT '[]',
  frequency         text NOT NULL CHECK (frequency IN ('annual','half_year','quarterly','monthly','by_year','once')),
  baseline_year     integer,
  rule_kind         text,
  scope_kinds       text[] NOT NULL DEFAULT '{}',
  scope_text        text,
  parent_target_id  uuid REFERENCES plan_target(id) ON DELETE SET NULL,
  span              jsonb
);
CREATE INDEX plan_target_plan_idx ON plan_target (plan_id, ordinal);
CREATE INDEX plan_target_parent_idx ON plan_target (parent_target_id);

CREATE TABLE plan_task_group (
  id        uuid PRIMARY KEY,
  plan_id   uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal   integer NOT NULL,
  heading   text NOT NULL,
  method    text,
  subtasks  jsonb NOT NULL DEFAULT '[]',
  span      jsonb
);
CREATE INDEX plan_task_group_plan_idx ON plan_task_group (plan_id, ordinal);

CREATE TABLE plan_assignment (
  id             uuid PRIMARY KEY,
  plan_id        uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal        integer NOT NULL,
  org_name       text NOT NULL,
  org_unit_id    uuid REFERENCES org_unit(id),
  role           text NOT NULL CHECK (role IN ('lead','coordinate')),
  duties         text NOT NULL DEFAULT '',
  target_numbers integer[] NOT NULL DEFAULT '{}',
  span           jsonb
);
CREATE INDEX plan_assignment_plan_idx ON plan_assignment (plan_id, ordinal);
CREATE INDEX plan_assignment_org_idx ON plan_assignment (org_unit_id);

CREATE TABLE plan_reporting_rule (
  id                    uuid PRIMARY KEY,
  plan_id               uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ordinal               integer NOT NULL,
  frequency             text NOT NULL CHECK (frequency IN ('half_year','annual','quarterly','monthly')),
  deadline              text NOT NULL,   -- 'DD/MM'
  cutoff_from           text,            -- 'DD/MM', null = Decree 09/2019 default
  cutoff_to             text,
  recipient_name        text,
  recipient_org_unit_id uuid REFERENCES org_unit(id),
  span                  jsonb
);
CREATE INDEX plan_reporting_rule_plan_idx ON plan_reporting_rule (plan_id, ordinal);
