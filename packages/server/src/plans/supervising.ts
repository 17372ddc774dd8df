import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';

/**
 * The supervising body printed above the issuer (Decree 30): a province's departments sit
 * under "UBND TỈNH …"; communes and provinces have none printed.
 */
export async function supervisingBodyOf(db: Kysely<DB>, orgUnitId: string): Promise<string | null> {
  const unit = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.kind', 'p.kind as parent_kind', 'p.full_name as parent_full_name', 'p.name as parent_name'])
    .where('o.id', '=', orgUnitId)
    .executeTakeFirst();
  if (!unit || unit.kind === 'province' || unit.kind === 'commune' || !unit.parent_kind) return null;
  if (unit.parent_kind === 'province' || unit.parent_kind === 'commune' || unit.parent_kind === 'district') {
    return `UBND ${unit.parent_full_name ?? unit.parent_name ?? ''}`.toUpperCase();
  }
  return (unit.parent_full_name ?? unit.parent_name ?? '').toUpperCase() || null;
}
