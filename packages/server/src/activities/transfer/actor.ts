/** Actors for in-process callers (CLI, bench): a named user, or the system scoped to the whole tree. */
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { LocalizedError, msg, ROLES, type Role } from '@binhdang/domain';
import type { Actor } from '../../context.js';

/** The actor of an active user, as a session would give it; a clear error when there is none. */
export async function actorForUsername(db: Kysely<DB>, username: string): Promise<Actor> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.org_unit_id', 'u.roles', 'u.locale', 'o.path'])
    .where('u.username', '=', username)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row)
    throw new LocalizedError('not_found', msg(`Không có người dùng "${username}"`, `No active user "${username}"`), {
      as: msg(`Không có người dùng "${username}"`, `No active user "${username}"`),
    });
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    orgUnitId: row.org_unit_id,
    orgPath: row.path,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    locale: row.locale === 'en' ? 'en' : 'vi',
    sessionHash: '',
  };
}

/** The system reading the whole tree (export from the command line without --as). */
export async function systemReader(db: Kysely<DB>): Promise<Actor> {
  const root = await db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'system',
    displayName: 'system',
    orgUnitId: root.id,
    orgPath: root.path,
    roles: ['viewer'],
    locale: 'vi',
    sessionHash: '',
  };
}
