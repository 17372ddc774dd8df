-- Periodic reports (báo cáo định kỳ): one per (org unit, reporting rule, period).
-- The rule's terms (deadline, cut-off, recipient, plan title) are copied onto the report when it is
-- opened, so editing or removing a plan's rule later never rewrites a report already written.

CREATE TABLE report (
  id                    uuid PRIMARY KEY,
  org_unit_id           uuid NOT NULL REFERENCES org_unit(id),
  -- the owing unit's path at write time: subtree scope without a join
  org_path              text NOT NULL,
  province_code         text,
  period                text NOT NULL,
  frequency             text NOT NULL CHECK (frequency IN ('half_year','annual','quarterly','monthly')),
  plan_id               uuid REFERENCES plan(id) ON DELETE SET NULL,
  rule_id               uuid REFERENCES plan_reporting_rule(id) ON DELETE SET NULL,
  plan_title            text NOT NULL,
  plan_number           text,
  recipient_org_unit_id uuid NOT NULL REFERENCES org_unit(id),
  recipient_name        text NOT NULL,
  -- due before 00:00 Asia/Ho_Chi_Minh of this day
  due_before            date NOT NULL,
  cutoff_from           date NOT NULL,
  cutoff_to             date NOT NULL,
  -- drafted from subordinates' approved reports plus the unit's own activities
  consolidated          boolean NOT NULL DEFAULT false,
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','approved')),
  narrative             jsonb NOT NULL DEFAULT '{}',
  -- the figures as last submitted (null while never submitted; drafts compute them live)
  figures               jsonb,
  first_submitted_at    timestamptz,
  submitted_at          timestamptz,
  submitted_by          uuid REFERENCES app_user(id),
  approved_at           timestamptz,
  approved_by           uuid REFERENCES app_user(id),
  return_comment        text,
  version               integer NOT NULL DEFAULT 0,
  created_by            uuid REFERENCES app_user(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (cutoff_to >= cutoff_from),
  UNIQUE (org_unit_id, rule_id, period)
);
CREATE INDEX report_path_idx ON report (org_path text_pattern_ops, period);
CREATE INDEX report_recipient_idx ON report (recipient_org_unit_id, period, status);
CREATE INDEX report_rule_idx ON report (rule_id, period);

-- Every workflow step keeps a version: the narrative and figures as they were at that step.
CREATE TABLE report_version (
  id          uuid PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  number      integer NOT NULL,
  action      text NOT NULL CHECK (action IN ('submit','return','approve','reopen')),
  status      text NOT NULL CHECK (status IN ('draft','submitted','returned','approved')),
  narrative   jsonb NOT NULL,
  figures     jsonb,
  comment     text,
  by_user_id  uuid REFERENCES app_user(id),
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, number)
);
