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

export interface DB {
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
}
