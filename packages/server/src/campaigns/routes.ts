import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Campaign,
  CampaignPlan,
  CampaignPlanCoverage,
  CampaignPlanInput,
  CampaignPlanPatch,
  CampaignThemeInput,
  LocalizedError,
  msg,
  OrgRef,
} from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { attachmentHeader, MAX_FILE_BYTES } from '../storage/files.js';
import {
  attachCampaignPlanFile,
  campaignPlanCoverage,
  campaignPlanFile,
  listCampaigns,
  recordCampaignPlan,
  setCampaignTheme,
  thisYear,
  updateCampaignPlan,
} from './service.js';

const Year = z.coerce.number().int().min(1990).max(2100);
const Params = z.strictObject({ id: z.uuid() });
const PlanParams = z.strictObject({ id: z.uuid(), planId: z.uuid() });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'The yearly campaigns with their windows and theme in a year (default: this year)',
        querystring: z.strictObject({ year: Year.optional() }),
        response: { 200: z.array(Campaign) },
      },
    },
    async (req) => {
      requireActor(req);
      return listCampaigns(app.db, req.query.year ?? thisYear());
    },
  );
  app.get(
    '/api/campaigns/:id/plans',
    {
      schema: {
        tags: ['campaigns'],
        summary:
          'Which units (the chosen unit and its direct child units, in scope) have recorded their plan for the campaign in a year, and which have not',
        params: Params,
        querystring: z.strictObject({ year: Year.optional(), org: OrgRef.optional() }),
        response: { 200: CampaignPlanCoverage },
      },
    },
    async (req) =>
      campaignPlanCoverage(app.db, requireActor(req), req.params.id, req.query.year ?? thisYear(), req.query.org),
  );
  app.post(
    '/api/campaigns/:id/plans',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'A unit records its plan for the campaign in a year (document number, date, optional plan link)',
        params: Params,
        body: CampaignPlanInput,
        response: { 201: CampaignPlan },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordCampaignPlan(app.db, requireActor(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/campaigns/:id/plans/:planId',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Change a recorded campaign plan (needs the version)',
        params: PlanParams,
        body: CampaignPlanPatch,
        response: { 200: CampaignPlan },
      },
    },
    async (req) => updateCampaignPlan(app.db, requireActor(req), req.params.id, req.params.planId, req.body),
  );
  app.post(
    '/api/campaigns/:id/plans/:planId/file',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Attach the plan document (multipart field "file"; PDF, JPEG, PNG or WebP; ≤ 10 MB)',
        params: PlanParams,
        response: { 200: CampaignPlan },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const noFile = () =>
        new LocalizedError('validation', msg('Chưa chọn tệp', 'No file was sent'), {
          file: msg('Chưa chọn tệp', 'No file was sent'),
        });
      if (!req.isMultipart()) throw noFile();
      const file = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (!file) throw noFile();
      const bytes = await file.toBuffer();
      return attachCampaignPlanFile(app.db, app.blobs, actor, req.params.id, req.params.planId, {
        name: file.filename,
        bytes,
      });
    },
  );
  app.get(
    '/api/campaigns/:id/plans/:planId/file',
    { schema: { tags: ['campaigns'], summary: 'Download the plan document', params: PlanParams } },
    async (req, reply) => {
      const f = await campaignPlanFile(app.db, app.blobs, requireActor(req), req.params.id, req.params.planId);
      return reply
        .type(f.type)
        .header('content-disposition', attachmentHeader(f.name))
        .header('x-content-type-options', 'nosniff')
        .send(f.bytes);
    },
  );
  app.put(
    '/api/campaigns/:id/themes/:year',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Set the campaign’s theme for a year (administrator or central planner)',
        params: z.strictObject({ id: z.uuid(), year: Year }),
        body: CampaignThemeInput,
        response: { 200: Campaign },
      },
    },
    async (req) => setCampaignTheme(app.db, requireActor(req), req.params.id, req.params.year, req.body),
  );
};
