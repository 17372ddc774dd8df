/** Server-side sessions: the cookie carries a random token; the database keeps only its hash. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { ROLES, type Role } from '@binhdang/domain';
import type { Actor } from '../context.js';

export const SESSION_COOKIE = 'bd_session';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

export async function createSession(db: Kysely<DB>, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db
    .insertInto('user_session')
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** One query per request: session, user and the user's org path. */
export async function actorForToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.org_unit_id', 'u.roles', 'u.locale', 'o.path'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    orgUnitId: row.org_unit_id,
    orgPath: row.path,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    locale: row.locale === 'en' ? 'en' : 'vi',
    sessionHash: tokenHash,
  };
}
