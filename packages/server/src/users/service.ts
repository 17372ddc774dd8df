/** User administration, scoped: an admin manages the users bound to units in their subtree. */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  escapeLike,
  isInSubtree,
  LocalizedError,
  msg,
  ROLES,
  toNfc,
  type CreateUserBody,
  type Role,
  type UpdateUserBody,
  type User,
  isUuid,
} from '@binhdang/domain';
import { requireInScope, requirePermission, type Actor } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/password.js';
import { getUnitInScope } from '../org/service.js';

function baseQuery(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.org_unit_id',
      'u.roles',
      'u.locale',
      'u.active',
      'u.created_at',
      'u.version',
      'o.name as org_name',
      'o.code as org_code',
      'o.path as org_path',
    ]);
}
type UserRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function toUserDto(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_name,
    orgUnitCode: r.org_code,
    roles: r.roles.filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
    locale: r.locale === 'en' ? 'en' : 'vi',
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}

export async function getUserById(db: Kysely<DB> | Transaction<DB>, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return baseQuery(db).where('u.id', '=', id).executeTakeFirst();
}

const userNotFound = (): LocalizedError =>
  new LocalizedError('not_found', msg('Không tìm thấy người dùng', 'User not found'));

async function getUserInScope(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: string): Promise<UserRow> {
  const row = await getUserById(db, id);
  if (!row) throw userNotFound();
  requireInScope(actor, row.org_path);
  return row;
}

export async function listUsers(
  db: Kysely<DB>,
  actor: Actor,
  q: { orgUnit?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  requirePermission(actor, 'user.manage');
  let scopePath = actor.orgPath;
  if (q.orgUnit) scopePath = (await getUnitInScope(db, actor, q.orgUnit, 'orgUnit')).path;
  let query = baseQuery(db).where((eb) =>
    eb.or([eb('o.path', '=', scopePath), eb('o.path', 'like', escapeLike(scopePath) + '.%')]),
  );
  if (q.q) {
    const like = '%' + escapeLike(q.q) + '%';
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  const rows = await query.orderBy('o.path').orderBy('u.username').limit(q.limit).offset(q.offset).execute();
  return { items: rows.map(toUserDto) };
}

export async function getUser(db: Kysely<DB>, actor: Actor, id: string) {
  requirePermission(actor, 'user.manage');
  return toUserDto(await getUserInScope(db, actor, id));
}

/** Creates a user; `actor` null means the CLI bootstrap (`binhdang user add`), which has no scope. */
export async function createUser(db: Kysely<DB>, actor: Actor | null, body: CreateUserBody): Promise<User> {
  if (actor) requirePermission(actor, 'user.manage');
  const passwordHash = await hashPassword(body.password);
  return db.transaction().execute(async (trx) => {
    const unit = actor
      ? await getUnitInScope(trx, actor, body.orgUnit, 'orgUnit')
      : await trx
          .selectFrom('org_unit')
          .select(['id', 'path'])
          .where(isUuid(body.orgUnit) ? 'id' : 'code', '=', body.orgUnit)
          .executeTakeFirst();
    if (!unit) {
      throw new LocalizedError('not_found', msg('Không tìm thấy đơn vị', 'Org unit not found'), {
        orgUnit: msg('Không tìm thấy đơn vị', 'Org unit not found'),
      });
    }
    const taken = await trx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', body.username)
      .executeTakeFirst();
    if (taken) {
      throw new LocalizedError('duplicate', msg('Tên đăng nhập đã tồn tại', 'Username is taken'), {
        username: msg('Tên đăng nhập đã tồn tại', 'Username is taken'),
      });
    }
    const id = crypto.randomUUID();
    await trx
      .insertInto('app_user')
      .values({
        id,
        username: body.username,
        display_name: toNfc(body.displayName),
        password_hash: passwordHash,
        org_unit_id: unit.id,
        roles: [...new Set(body.roles)],
        locale: body.locale,
      })
      .execute();
    const dto = toUserDto((await getUserById(trx, id))!);
    await writeAudit(trx, {
      userId: actor?.userId ?? null,
      action: 'create',
      entity: 'user',
      entityId: id,
      orgPath: unit.path,
      after: dto,
    });
    return dto;
  });
}

const staleUser = (current: number): LocalizedError =>
  new LocalizedError(
    'stale_version',
    msg('Người dùng đã được người khác sửa; hãy tải lại', 'The user was changed by someone else; reload it'),
    {
      version: msg(`Phiên bản hiện tại là ${current}`, `Current version is ${current}`),
    },
  );

export async function updateUser(db: Kysely<DB>, actor: Actor, id: string, body: UpdateUserBody): Promise<User> {
  requirePermission(actor, 'user.manage');
  const passwordHash = body.password ? await hashPassword(body.password) : null;
  return db.transaction().execute(async (trx) => {
    const before = await getUserInScope(trx, actor, id);
    if (before.version !== body.version) throw staleUser(before.version);
    // An admin cannot lock themselves out.
    if (before.id === actor.userId && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
      throw new LocalizedError(
        'validation',
        msg(
          'Không thể tự khoá hoặc tự bỏ quyền quản trị',
          'You cannot deactivate yourself or drop your own admin role',
        ),
        {
          [body.active === false ? 'active' : 'roles']: msg(
            'Không thể áp dụng cho chính bạn',
            'Not allowed on yourself',
          ),
        },
      );
    }
    const unit = body.orgUnit ? await getUnitInScope(trx, actor, body.orgUnit, 'orgUnit') : null;
    const updated = await trx
      .updateTable('app_user')
      .set({
        ...(body.displayName !== undefined ? { display_name: toNfc(body.displayName) } : {}),
        ...(unit ? { org_unit_id: unit.id } : {}),
        ...(body.roles ? { roles: [...new Set(body.roles)] } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      // A concurrent update that committed since the read leaves no row at this version: 409, not a lost update.
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleUser(before.version + 1);
    // A reset password or a deactivation ends the user's sessions everywhere.
    if (passwordHash || body.active === false)
      await trx.deleteFrom('user_session').where('user_id', '=', before.id).execute();
    const after = toUserDto((await getUserById(trx, before.id))!);
    const entry = {
      userId: actor.userId,
      action: passwordHash ? 'update+password_reset' : 'update',
      entity: 'user',
      entityId: before.id,
      before: toUserDto(before),
      after,
    };
    await writeAudit(trx, { ...entry, orgPath: unit?.path ?? before.org_path });
    // A user moved out of a unit's subtree leaves a trace there too, so that unit's admins see the departure.
    if (unit && !isInSubtree(unit.path, before.org_path)) {
      await writeAudit(trx, {
        ...entry,
        action: 'transfer_out',
        orgPath: before.org_path,
        after: { orgUnitId: after.orgUnitId },
      });
    }
    return after;
  });
}
