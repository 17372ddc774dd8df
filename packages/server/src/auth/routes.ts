import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordBody,
  hasPermission,
  LocalizedError,
  LoginBody,
  Me,
  msg,
  UpdateMeBody,
  type Permission,
} from '@binhdang/domain';
import { writeAudit } from '../audit/audit.js';
import { getUserById, toUserDto } from '../users/service.js';
import { activeChildCount, findUnit, toOrgUnitDto } from '../org/service.js';
import { hashPassword, verifyPassword } from './password.js';
import { requireActor } from './plugin.js';
import { createSession, SESSION_COOKIE, SESSION_TTL_MS } from './sessions.js';

export interface AuthRouteOptions {
  loginRateLimit: { max: number; timeWindowMs: number };
  secureCookies: boolean;
}

const ALL_PERMISSIONS: Permission[] = [
  'org.read',
  'org.manage',
  'user.manage',
  'audit.read',
  'plan.write',
  'activity.write',
  'report.write',
  'report.review',
];

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: opts.secureCookies };

  async function meOf(userId: string) {
    const row = (await getUserById(app.db, userId))!;
    const unit = (await findUnit(app.db, row.org_unit_id))!;
    const user = toUserDto(row);
    return {
      user,
      orgUnit: toOrgUnitDto({ ...unit, child_count: await activeChildCount(app.db, unit.id) }),
      permissions: ALL_PERMISSIONS.filter((p) => hasPermission(user.roles, p)),
    };
  }

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the HttpOnly session cookie',
        body: LoginBody,
        response: { 200: Me },
      },
      config: {
        public: true,
        rateLimit: {
          max: opts.loginRateLimit.max,
          timeWindow: opts.loginRateLimit.timeWindowMs,
          // Counted per client address and account, after the body is parsed.
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const username = req.body.username.toLowerCase();
      const user = await app.db
        .selectFrom('app_user')
        .select(['id', 'password_hash', 'active', 'org_unit_id'])
        .where('username', '=', username)
        .executeTakeFirst();
      const ok = await verifyPassword(user?.active ? user.password_hash : null, req.body.password);
      if (!user || !ok) {
        req.log.info({ username }, 'login failed');
        throw new LocalizedError(
          'invalid_credentials',
          msg('Tên đăng nhập hoặc mật khẩu không đúng', 'Wrong username or password'),
        );
      }
      const session = await createSession(app.db, user.id);
      const unit = (await findUnit(app.db, user.org_unit_id))!;
      await writeAudit(app.db, {
        userId: user.id,
        action: 'login',
        entity: 'session',
        entityId: user.id,
        orgPath: unit.path,
      });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
      return meOf(user.id);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out; ends this session',
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      if (req.actor) {
        await app.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('user_session').where('token_hash', '=', req.actor!.sessionHash).execute();
          await writeAudit(trx, {
            userId: req.actor!.userId,
            action: 'logout',
            entity: 'session',
            entityId: req.actor!.userId,
            orgPath: req.actor!.orgPath,
          });
        });
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, their unit and permissions', response: { 200: Me } } },
    async (req) => {
      return meOf(requireActor(req).userId);
    },
  );

  app.patch(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'Save the interface language', body: UpdateMeBody, response: { 200: Me } } },
    async (req) => {
      const actor = requireActor(req);
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ locale: req.body.locale, updated_at: new Date() })
          .where('id', '=', actor.userId)
          .execute();
        await writeAudit(trx, {
          userId: actor.userId,
          action: 'set_locale',
          entity: 'user',
          entityId: actor.userId,
          orgPath: actor.orgPath,
          before: { locale: actor.locale },
          after: { locale: req.body.locale },
        });
      });
      return meOf(actor.userId);
    },
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change own password; other sessions end',
        body: ChangePasswordBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
      config: { rateLimit: { max: opts.loginRateLimit.max, timeWindow: opts.loginRateLimit.timeWindowMs } },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await app.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(row.password_hash, req.body.currentPassword))) {
        throw new LocalizedError('validation', msg('Mật khẩu hiện tại không đúng', 'The current password is wrong'), {
          currentPassword: msg('Mật khẩu hiện tại không đúng', 'The current password is wrong'),
        });
      }
      const newHash = await hashPassword(req.body.newPassword);
      await app.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({ password_hash: newHash, updated_at: new Date() })
          .where('id', '=', actor.userId)
          .execute();
        await trx
          .deleteFrom('user_session')
          .where('user_id', '=', actor.userId)
          .where('token_hash', '!=', actor.sessionHash)
          .execute();
        await writeAudit(trx, {
          userId: actor.userId,
          action: 'change_password',
          entity: 'user',
          entityId: actor.userId,
          orgPath: actor.orgPath,
        });
      });
      return { ok: true as const };
    },
  );
};
