import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEvent, AuditQuery, escapeLike } from '@binhdang/domain';
import { requirePermission } from '../context.js';
import { requireActor } from '../auth/plugin.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log of mutations in the caller’s subtree (admin)',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEvent) }) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requirePermission(actor, 'audit.read');
      const q = req.query;
      let query = app.db
        .selectFrom('audit_event as a')
        .leftJoin('app_user as u', 'u.id', 'a.user_id')
        .select([
          'a.id',
          'a.at',
          'a.user_id',
          'u.username',
          'a.action',
          'a.entity',
          'a.entity_id',
          'a.before',
          'a.after',
        ])
        .where((eb) =>
          eb.or([eb('a.org_path', '=', actor.orgPath), eb('a.org_path', 'like', escapeLike(actor.orgPath) + '.%')]),
        );
      if (q.entity) query = query.where('a.entity', '=', q.entity);
      if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
      const rows = await query.orderBy('a.id', 'desc').limit(q.limit).offset(q.offset).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          userId: r.user_id,
          username: r.username,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
        })),
      };
    },
  );
};
