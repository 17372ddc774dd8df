import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CascadeBody, Plan, PlanInput, PlansQuery, PlanSummary, PlanUpdate } from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { cascadePlan, planTree } from './cascade.js';
import { planDocx, planTargetsXlsx } from './export.js';
import { deletePlan, getPlan, listPlans, originalText, setPlanStatus, updatePlan, createPlan } from './service.js';
import { supervisingBodyOf } from './supervising.js';

const Params = z.strictObject({ id: z.uuid() });
const VersionBody = z.strictObject({ version: z.number().int().min(0) });
const BIG_BODY = 4 * 1024 * 1024; // plan texts with their original wording
const TreeNode: z.ZodType<unknown> = z.lazy(() =>
  z.object({
    id: z.uuid(),
    title: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    orgUnitCode: z.string(),
    orgUnitName: z.string(),
    children: z.array(TreeNode),
  }),
);

function attachmentName(plan: { number: string | null; title: string }, ext: string): string {
  const base = (plan.number?.replace(/[^\w-]+/g, '-') || 'ke-hoach').replace(/^-+|-+$/g, '') || 'ke-hoach';
  return `${base}.${ext}`;
}

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/plans',
    {
      schema: {
        tags: ['plans'],
        summary: 'Plans visible to the caller (own subtree and superiors)',
        querystring: PlansQuery,
        response: { 200: z.object({ items: z.array(PlanSummary), total: z.number().int() }) },
      },
    },
    async (req) => listPlans(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'One plan with targets, task groups, assignments and reporting rules',
        params: Params,
        response: { 200: Plan },
      },
    },
    async (req) => getPlan(app.db, requireActor(req), req.params.id),
  );
  app.get(
    '/api/plans/:id/tree',
    {
      schema: {
        tags: ['plans'],
        summary: 'Plans implementing this one, and the units below the issuer without one',
        params: Params,
        response: {
          200: z.object({
            children: z.array(TreeNode),
            unitsWithoutPlan: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.string() })),
          }),
        },
      },
    },
    async (req) => planTree(app.db, requireActor(req), req.params.id),
  );
  app.get(
    '/api/plans/:id/original-text',
    {
      schema: {
        tags: ['plans'],
        summary: 'The text the plan was imported from',
        params: Params,
        response: { 200: z.object({ text: z.string() }) },
      },
    },
    async (req) => ({ text: await originalText(app.db, requireActor(req), req.params.id) }),
  );
  app.post(
    '/api/plans',
    {
      bodyLimit: BIG_BODY,
      schema: {
        tags: ['plans'],
        summary: 'Create a plan (planner, issuing unit in scope)',
        body: PlanInput,
        response: { 201: Plan },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(app.db, requireActor(req), req.body)),
  );
  app.put(
    '/api/plans/:id',
    {
      bodyLimit: BIG_BODY,
      schema: {
        tags: ['plans'],
        summary: 'Replace a draft plan’s content (needs the version)',
        params: Params,
        body: PlanUpdate,
        response: { 200: Plan },
      },
    },
    async (req) => updatePlan(app.db, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/api/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: 'Delete a draft plan',
        params: Params,
        querystring: z.strictObject({ version: z.coerce.number().int().min(0) }),
      },
    },
    async (req, reply) => {
      await deletePlan(app.db, requireActor(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/plans/:id/issue',
    {
      schema: {
        tags: ['plans'],
        summary: 'Mark the plan issued (locks edits)',
        params: Params,
        body: VersionBody,
        response: { 200: Plan },
      },
    },
    async (req) => setPlanStatus(app.db, requireActor(req), req.params.id, 'issued', req.body.version),
  );
  app.post(
    '/api/plans/:id/reopen',
    {
      schema: {
        tags: ['plans'],
        summary: 'Back to draft for edits',
        params: Params,
        body: VersionBody,
        response: { 200: Plan },
      },
    },
    async (req) => setPlanStatus(app.db, requireActor(req), req.params.id, 'draft', req.body.version),
  );
  app.post(
    '/api/plans/:id/cascade',
    {
      schema: {
        tags: ['plans'],
        summary: 'Draft a plan for a unit below the issuer from this plan',
        params: Params,
        body: CascadeBody,
        response: { 201: Plan },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await cascadePlan(app.db, requireActor(req), req.params.id, req.body.orgUnit)),
  );
  app.get(
    '/api/plans/:id/export.docx',
    { schema: { tags: ['plans'], summary: 'The plan as an official .docx (Decree 30/2020 layout)', params: Params } },
    async (req, reply) => {
      const actor = requireActor(req);
      const plan = await getPlan(app.db, actor, req.params.id);
      const buf = await planDocx(plan, await supervisingBodyOf(app.db, plan.orgUnitId));
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${attachmentName(plan, 'docx')}"`)
        .send(buf);
    },
  );
  app.get(
    '/api/plans/:id/targets.xlsx',
    { schema: { tags: ['plans'], summary: 'The plan’s targets and milestones as .xlsx', params: Params } },
    async (req, reply) => {
      const plan = await getPlan(app.db, requireActor(req), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${attachmentName(plan, 'xlsx').replace(/\.xlsx$/, '-chi-tieu.xlsx')}"`,
        )
        .send(await planTargetsXlsx(plan));
    },
  );
};
