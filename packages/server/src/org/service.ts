/**
 * Org-unit queries and commands. Every function takes the actor and enforces scope:
 * reads see the actor's subtree; writes touch only units strictly below the actor's own.
 */
import crypto from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB, OrgUnitTable } from '@binhdang/db';
import {
  canContain,
  childPath,
  DomainError,
  escapeLike,
  foldForSearch,
  isInSubtree,
  LocalizedError,
  msg,
  provinceCodeOf,
  toNfc,
  type CreateOrgUnitBody,
  type OrgKind,
  type OrgUnit,
  type OrgUnitsQuery,
  isUuid,
} from '@binhdang/domain';
import type { Actor } from '../context.js';
import { requireInScope, requirePermission } from '../context.js';
import { writeAudit } from '../audit/audit.js';

type Row = Pick<
  OrgUnitTable,
  | 'id'
  | 'code'
  | 'name'
  | 'name_en'
  | 'full_name'
  | 'kind'
  | 'unit_type'
  | 'parent_id'
  | 'path'
  | 'province_code'
  | 'valid_from'
  | 'valid_to'
  | 'successor_id'
> & { version: number; child_count?: number | string | null };

const COLUMNS = [
  'o.id',
  'o.code',
  'o.name',
  'o.name_en',
  'o.full_name',
  'o.kind',
  'o.unit_type',
  'o.parent_id',
  'o.path',
  'o.province_code',
  'o.valid_from',
  'o.valid_to',
  'o.successor_id',
  'o.version',
] as const;

export function toOrgUnitDto(r: Row): OrgUnit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    fullName: r.full_name,
    kind: r.kind as OrgKind,
    unitType: r.unit_type,
    parentId: r.parent_id,
    path: r.path,
    provinceCode: r.province_code,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorId: r.successor_id,
    childCount: Number(r.child_count ?? 0),
    version: r.version,
  };
}

export function searchTextOf(u: {
  code: string;
  name: string;
  nameEn?: string | null;
  fullName?: string | null;
}): string {
  return foldForSearch([u.code, u.name, u.fullName ?? '', u.nameEn ?? ''].join(' '));
}

const today = (): string => new Date().toISOString().slice(0, 10);

const notFound = (field?: string): LocalizedError =>
  new LocalizedError(
    'not_found',
    msg('Không tìm thấy đơn vị', 'Org unit not found'),
    field ? { [field]: msg('Không tìm thấy đơn vị', 'Org unit not found') } : {},
  );

/**
 * Finds a unit by UUID or code, without scope checks (callers check). `lock` takes the row lock
 * (SELECT … FOR UPDATE) so that a concurrent writer waits and then sees the new version.
 */
export async function findUnit(db: Kysely<DB> | Transaction<DB>, ref: string, lock = false): Promise<Row | undefined> {
  const query = db
    .selectFrom('org_unit as o')
    .select(COLUMNS)
    .where(isUuid(ref) ? 'o.id' : 'o.code', '=', ref);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** A unit the actor may see; 404 when it does not exist, 403 when it lies outside the subtree. */
export async function getUnitInScope(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  ref: string,
  field?: string,
  lock = false,
): Promise<Row> {
  const unit = await findUnit(db, ref, lock);
  if (!unit) throw notFound(field);
  requireInScope(actor, unit.path, field);
  return unit;
}

function activeFilter(status: 'active' | 'closed' | 'all') {
  const d = today();
  return (eb: ExpressionBuilder<DB & { o: OrgUnitTable }, 'o'>) => {
    if (status === 'all') return eb.lit(true);
    if (status === 'active') return eb.or([eb('o.valid_to', 'is', null), eb('o.valid_to', '>', d)]);
    return eb.and([eb('o.valid_to', 'is not', null), eb('o.valid_to', '<=', d)]);
  };
}

const KIND_RANK = sql<number>`CASE o.kind WHEN 'central' THEN 0 WHEN 'province' THEN 1 WHEN 'department' THEN 2
  WHEN 'district' THEN 3 WHEN 'commune' THEN 4 WHEN 'media_agency' THEN 5 WHEN 'agency' THEN 6
  WHEN 'mass_org' THEN 7 WHEN 'enterprise' THEN 8 ELSE 9 END`;

export async function listUnits(db: Kysely<DB>, actor: Actor, q: OrgUnitsQuery) {
  requirePermission(actor, 'org.read');
  let query = db
    .selectFrom('org_unit as o')
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('org_unit as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'o.id')
        .where((e2) => e2.or([e2('c.valid_to', 'is', null), e2('c.valid_to', '>', today())]))
        .as('child_count'),
    )
    .select(sql<number>`count(*) over ()`.as('total'))
    .where((eb) => eb.or([eb('o.path', '=', actor.orgPath), eb('o.path', 'like', escapeLike(actor.orgPath) + '.%')]))
    .where(activeFilter(q.status));
  if (q.parent) {
    const parent = await getUnitInScope(db, actor, q.parent, 'parent');
    query = query.where('o.parent_id', '=', parent.id);
  }
  if (q.under) {
    const root = await getUnitInScope(db, actor, q.under, 'under');
    query = query.where((eb) =>
      eb.or([eb('o.path', '=', root.path), eb('o.path', 'like', escapeLike(root.path) + '.%')]),
    );
  }
  if (q.kind) query = query.where('o.kind', '=', q.kind);
  if (q.q) query = query.where('o.search_text', 'like', '%' + escapeLike(foldForSearch(q.q)) + '%');
  const rows = await query.orderBy(KIND_RANK).orderBy('o.code').limit(q.limit).offset(q.offset).execute();
  const total = rows.length > 0 ? Number(rows[0]!.total) : await countOnly(db, actor, q);
  return { items: rows.map(toOrgUnitDto), total, limit: q.limit, offset: q.offset };
}

// Past the last page the window count is gone; this is the rare case, so a second query is fine.
async function countOnly(db: Kysely<DB>, actor: Actor, q: OrgUnitsQuery): Promise<number> {
  if (q.offset === 0) return 0;
  const all = await listUnits(db, actor, { ...q, offset: 0, limit: 1 });
  return all.total;
}

/** Active direct sub-units of a unit. */
export async function activeChildCount(db: Kysely<DB> | Transaction<DB>, id: string): Promise<number> {
  const r = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today())]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function getUnit(db: Kysely<DB>, actor: Actor, ref: string) {
  requirePermission(actor, 'org.read');
  const unit = await getUnitInScope(db, actor, ref);
  const childCount = { n: await activeChildCount(db, unit.id) };
  // Breadcrumb: ancestors from the actor's own unit down, never above it.
  const segments = unit.path.split('.');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('.')).filter((p) => p !== unit.path);
  const visible = prefixes.filter((p) => isInSubtree(p, actor.orgPath));
  const ancestors = visible.length
    ? await db
        .selectFrom('org_unit')
        .select(['id', 'code', 'name', 'kind', 'path'])
        .where('path', 'in', visible)
        .orderBy(sql`length(path)`)
        .execute()
    : [];
  return {
    ...toOrgUnitDto({ ...unit, child_count: childCount.n }),
    ancestors: ancestors.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind as OrgKind })),
  };
}

/** Writes go strictly below the actor's own unit: an admin cannot rename or move the unit they belong to. */
function requireManageable(actor: Actor, path: string, field?: string): void {
  requirePermission(actor, 'org.manage');
  if (path === actor.orgPath || !isInSubtree(path, actor.orgPath)) {
    throw new DomainError('out_of_scope', 'outside scope', field ? { [field]: 'out of scope' } : {});
  }
}

function requireVersion(unit: Row, version: number): void {
  if (unit.version !== version) {
    throw new LocalizedError(
      'stale_version',
      msg('Đơn vị đã được người khác sửa; hãy tải lại', 'The unit was changed by someone else; reload it'),
      {
        version: msg(`Phiên bản hiện tại là ${unit.version}`, `Current version is ${unit.version}`),
      },
    );
  }
}

function requireContainable(parentKind: string, kind: string, field: string): void {
  if (!canContain(parentKind as OrgKind, kind as OrgKind)) {
    throw new LocalizedError(
      'validation',
      msg('Loại đơn vị không phù hợp với đơn vị cấp trên', 'This kind of unit cannot sit under that parent'),
      {
        [field]: msg(
          `Đơn vị loại ${kind} không thể trực thuộc đơn vị loại ${parentKind}`,
          `A ${kind} cannot be placed under a ${parentKind}`,
        ),
      },
    );
  }
}

export async function createUnit(db: Kysely<DB>, actor: Actor, body: CreateOrgUnitBody) {
  requirePermission(actor, 'org.manage');
  if (body.validFrom !== undefined) requireStorableDate(body.validFrom, 'validFrom');
  return db.transaction().execute(async (trx) => {
    const parent = await getUnitInScope(trx, actor, body.parent, 'parent');
    requireContainable(parent.kind, body.kind, 'kind');
    if (parent.valid_to !== null && parent.valid_to <= today()) {
      throw new LocalizedError('validation', msg('Đơn vị cấp trên đã giải thể', 'The parent unit is closed'), {
        parent: msg('Đơn vị cấp trên đã giải thể', 'The parent unit is closed'),
      });
    }
    const exists = await trx.selectFrom('org_unit').select('id').where('code', '=', body.code).executeTakeFirst();
    if (exists) {
      throw new LocalizedError('duplicate', msg('Mã đơn vị đã tồn tại', 'The code is taken'), {
        code: msg('Mã đơn vị đã tồn tại', 'The code is taken'),
      });
    }
    const path = childPath(parent.path, body.code);
    const values = {
      id: crypto.randomUUID(),
      code: body.code,
      name: toNfc(body.name),
      name_en: body.nameEn ?? null,
      full_name: body.fullName ? toNfc(body.fullName) : null,
      kind: body.kind,
      unit_type: body.unitType ?? null,
      parent_id: parent.id,
      path,
      province_code: provinceCodeOf(path),
      valid_from: body.validFrom ?? null,
      valid_to: null,
      successor_id: null,
      search_text: searchTextOf({ code: body.code, name: body.name, nameEn: body.nameEn, fullName: body.fullName }),
    };
    await trx.insertInto('org_unit').values(values).execute();
    const created = (await findUnit(trx, values.id))!;
    const dto = toOrgUnitDto(created);
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'create',
      entity: 'org_unit',
      entityId: dto.id,
      orgPath: path,
      after: dto,
    });
    return dto;
  });
}

export async function renameUnit(
  db: Kysely<DB>,
  actor: Actor,
  ref: string,
  body: {
    name?: string | undefined;
    nameEn?: string | null | undefined;
    fullName?: string | null | undefined;
    version: number;
  },
) {
  return db.transaction().execute(async (trx) => {
    const unit = await getUnitInScope(trx, actor, ref, undefined, true);
    requireManageable(actor, unit.path);
    requireVersion(unit, body.version);
    const name = body.name !== undefined ? toNfc(body.name) : unit.name;
    const nameEn = body.nameEn !== undefined ? body.nameEn : unit.name_en;
    const fullName = body.fullName !== undefined ? body.fullName && toNfc(body.fullName) : unit.full_name;
    await trx
      .updateTable('org_unit')
      .set({
        name,
        name_en: nameEn,
        full_name: fullName,
        search_text: searchTextOf({ code: unit.code, name, nameEn, fullName }),
        version: unit.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', unit.id)
      .execute();
    return audited(trx, actor, 'rename', unit);
  });
}

async function audited(trx: Transaction<DB>, actor: Actor, action: string, before: Row): Promise<OrgUnit> {
  const after = toOrgUnitDto((await findUnit(trx, before.id))!);
  await writeAudit(trx, {
    userId: actor.userId,
    action,
    entity: 'org_unit',
    entityId: before.id,
    orgPath: after.path,
    before: toOrgUnitDto(before),
    after,
  });
  return after;
}

/** Re-roots a unit and its whole subtree under a new parent, in one statement. */
async function reparent(trx: Transaction<DB>, unit: Row, newParent: Row): Promise<void> {
  const newPath = childPath(newParent.path, unit.code);
  const oldLen = unit.path.length;
  await sql`
    UPDATE org_unit SET
      path = ${newPath} || substr(path, ${oldLen + 1}),
      province_code = CASE WHEN split_part(${newPath} || substr(path, ${oldLen + 1}), '.', 2) ~ '^[0-9]{2}$'
                           THEN split_part(${newPath} || substr(path, ${oldLen + 1}), '.', 2) ELSE NULL END,
      updated_at = now()
    WHERE path = ${unit.path} OR path LIKE ${escapeLike(unit.path) + '.%'}`.execute(trx);
  await trx.updateTable('org_unit').set({ parent_id: newParent.id }).where('id', '=', unit.id).execute();
}

function requireNotInside(unit: Row, target: Row, field: string): void {
  if (isInSubtree(target.path, unit.path)) {
    throw new LocalizedError(
      'validation',
      msg('Không thể chuyển đơn vị vào chính nó hoặc đơn vị con của nó', 'A unit cannot be placed inside itself'),
      {
        [field]: msg(
          'Không thể chọn chính đơn vị này hoặc đơn vị con của nó',
          'Cannot be the unit itself or one of its descendants',
        ),
      },
    );
  }
}

export async function moveUnit(db: Kysely<DB>, actor: Actor, ref: string, body: { parent: string; version: number }) {
  return db.transaction().execute(async (trx) => {
    const unit = await getUnitInScope(trx, actor, ref, undefined, true);
    requireManageable(actor, unit.path);
    requireVersion(unit, body.version);
    const parent = await getUnitInScope(trx, actor, body.parent, 'parent');
    requireNotInside(unit, parent, 'parent');
    requireContainable(parent.kind, unit.kind, 'parent');
    await reparent(trx, unit, parent);
    await trx
      .updateTable('org_unit')
      .set({ version: unit.version + 1 })
      .where('id', '=', unit.id)
      .execute();
    return audited(trx, actor, 'move', unit);
  });
}

/** PostgreSQL has no year 0, yet the ISO date pattern lets "0000-…" through: refuse it here, naming the field. */
function requireStorableDate(value: string, field: string): void {
  if (value < '0001-01-01') {
    throw new LocalizedError('validation', msg('Ngày không hợp lệ', 'Invalid date'), {
      [field]: msg('Năm phải từ 0001 trở đi', 'The year must be 0001 or later'),
    });
  }
}

function requireValidTo(unit: Row, validTo: string): void {
  requireStorableDate(validTo, 'validTo');
  if (unit.valid_from !== null && validTo <= unit.valid_from) {
    throw new LocalizedError(
      'validation',
      msg('Ngày kết thúc phải sau ngày bắt đầu', 'The end date must be after the start date'),
      {
        validTo: msg(`Phải sau ${unit.valid_from}`, `Must be after ${unit.valid_from}`),
      },
    );
  }
  if (unit.valid_to !== null) {
    throw new LocalizedError('conflict', msg('Đơn vị đã giải thể', 'The unit is already closed'), {
      validTo: msg(`Đã giải thể từ ${unit.valid_to}`, `Closed since ${unit.valid_to}`),
    });
  }
}

export async function closeUnit(db: Kysely<DB>, actor: Actor, ref: string, body: { validTo: string; version: number }) {
  return db.transaction().execute(async (trx) => {
    const unit = await getUnitInScope(trx, actor, ref, undefined, true);
    requireManageable(actor, unit.path);
    requireVersion(unit, body.version);
    requireValidTo(unit, body.validTo);
    const openChildren = await trx
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', unit.id)
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(openChildren.n) > 0) {
      throw new LocalizedError(
        'conflict',
        msg('Đơn vị còn đơn vị trực thuộc đang hoạt động', 'The unit still has active sub-units'),
        {
          validTo: msg(
            `Còn ${openChildren.n} đơn vị trực thuộc; hãy chuyển, giải thể hoặc sáp nhập chúng trước`,
            `${openChildren.n} sub-units are still active; move, close or merge them first`,
          ),
        },
      );
    }
    await trx
      .updateTable('org_unit')
      .set({ valid_to: body.validTo, version: unit.version + 1, updated_at: new Date() })
      .where('id', '=', unit.id)
      .execute();
    return audited(trx, actor, 'close', unit);
  });
}

/**
 * Merge: the unit closes, names its successor, and moves under the successor with its history,
 * so every subtree query on the successor includes the merged unit's past. Its active sub-units
 * move directly under the successor.
 */
export async function mergeUnit(
  db: Kysely<DB>,
  actor: Actor,
  ref: string,
  body: { successor: string; validTo: string; version: number },
) {
  return db.transaction().execute(async (trx) => {
    const unit = await getUnitInScope(trx, actor, ref, undefined, true);
    requireManageable(actor, unit.path);
    requireVersion(unit, body.version);
    requireValidTo(unit, body.validTo);
    const successor = await getUnitInScope(trx, actor, body.successor, 'successor');
    requireNotInside(unit, successor, 'successor');
    if (successor.valid_to !== null) {
      throw new LocalizedError('validation', msg('Đơn vị tiếp nhận đã giải thể', 'The successor is closed'), {
        successor: msg('Đơn vị tiếp nhận đã giải thể', 'The successor is closed'),
      });
    }
    const children = await trx
      .selectFrom('org_unit as o')
      .select(COLUMNS)
      .where('o.parent_id', '=', unit.id)
      .where('o.valid_to', 'is', null)
      .execute();
    for (const child of children) {
      await reparent(trx, child, successor);
      await audited(trx, actor, 'move', child); // each moved sub-unit has its own trail
    }
    await reparent(trx, unit, successor);
    await trx
      .updateTable('org_unit')
      .set({ valid_to: body.validTo, successor_id: successor.id, version: unit.version + 1, updated_at: new Date() })
      .where('id', '=', unit.id)
      .execute();
    return audited(trx, actor, 'merge', unit);
  });
}
