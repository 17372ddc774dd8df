-- Org units, users, sessions and the audit log: the spine every feature scopes by.

CREATE TABLE org_unit (
  id            uuid PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  name_en       text,
  full_name     text,
  kind          text NOT NULL CHECK (kind IN ('central','province','department','district','commune',
                                              'village','agency','media_agency','mass_org','enterprise')),
  unit_type     text,
  parent_id     uuid REFERENCES org_unit(id),
  -- materialised path of codes, e.g. VN.12.03391; subtree = path = p OR path LIKE p || '.%'
  path          text NOT NULL UNIQUE,
  province_code text,
  valid_from    date,
  valid_to      date,
  successor_id  uuid REFERENCES org_unit(id),
  -- accent-folded, lower-cased name and code for search ("lai chau" finds "Lai Châu")
  search_text   text NOT NULL,
  version       integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX org_unit_path_idx ON org_unit (path text_pattern_ops);
CREATE INDEX org_unit_parent_idx ON org_unit (parent_id);
CREATE INDEX org_unit_kind_idx ON org_unit (kind, path text_pattern_ops);
CREATE INDEX org_unit_province_idx ON org_unit (province_code);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  org_unit_id   uuid NOT NULL REFERENCES org_unit(id),
  roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
  locale        text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi','en')),
  active        boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_org_idx ON app_user (org_unit_id);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE user_session (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Every mutation: who, when, what, before/after. org_path scopes who may read it.
CREATE TABLE audit_event (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  user_id    uuid REFERENCES app_user(id),
  action     text NOT NULL,
  entity     text NOT NULL,
  entity_id  text NOT NULL,
  org_path   text NOT NULL,
  before     jsonb,
  after      jsonb
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_path_idx ON audit_event (org_path text_pattern_ops, id DESC);
