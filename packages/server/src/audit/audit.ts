import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';

export interface AuditEntry {
  userId: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** Path of the org unit the change belongs to; decides who may read the entry. */
  orgPath: string;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function writeAudit(trx: Transaction<DB> | Kysely<DB>, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      org_path: e.orgPath,
      before: e.before === undefined ? null : toJson(e.before),
      after: e.after === undefined ? null : toJson(e.after),
    })
    .execute();
}

// Dates become strings; both drivers then serialise the object the same way.
function toJson(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}
