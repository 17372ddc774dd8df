import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivitiesQuery,
  Activity,
  ActivityInput,
  ActivityKind,
  ActivityList,
  ActivityPatch,
  CodeName,
  LocalizedError,
  msg,
} from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { langOf } from '../http/lang.js';
import { attachmentHeader, MAX_FILE_BYTES } from '../storage/files.js';
import { addEvidence, deleteEvidence, getEvidence, listEvidence } from './evidence.js';
import {
  ActivityConflict,
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  patchActivity,
  referenceData,
} from './service.js';

const Params = z.strictObject({ id: z.uuid() });
const EvidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });
const Evidence = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

/** 409 with the current record beside the usual error shape: { error: { code, message, fields, current } }. */
async function withConflict<T>(req: FastifyRequest, reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof ActivityConflict)) throw e;
    const r = e.render(langOf(req));
    return reply.status(409).send({
      error: { code: e.code, message: r.message, fields: r.fields, current: e.current },
    }) as never;
  }
}

export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/activity-kinds',
    {
      schema: {
        tags: ['activities'],
        summary: 'Activity kinds with their names and the indicator families they count in',
        response: { 200: z.array(ActivityKind) },
      },
    },
    async () => (await referenceData(app.db)).kinds,
  );
  app.get(
    '/api/activity-channels',
    {
      schema: { tags: ['activities'], summary: 'Communication channels', response: { 200: z.array(CodeName) } },
    },
    async () => (await referenceData(app.db)).channels,
  );
  app.get(
    '/api/audiences',
    { schema: { tags: ['activities'], summary: 'Target audiences', response: { 200: z.array(CodeName) } } },
    async () => (await referenceData(app.db)).audiences,
  );

  app.get(
    '/api/activities',
    {
      schema: {
        tags: ['activities'],
        summary: 'Activities in the caller’s subtree, filtered, with a totals row over all matching rows',
        querystring: ActivitiesQuery,
        response: { 200: ActivityList },
      },
    },
    async (req) => listActivities(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/activities/:id',
    { schema: { tags: ['activities'], summary: 'One activity', params: Params, response: { 200: Activity } } },
    async (req) => getActivity(app.db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/activities',
    {
      schema: {
        tags: ['activities'],
        summary:
          'Record an activity. With a client id it is idempotent: the same id and content again returns the record (200) without a duplicate; the id of another or a deleted record is 409',
        body: ActivityInput,
        response: { 200: Activity, 201: Activity },
      },
    },
    async (req, reply) =>
      withConflict(req, reply, async () => {
        const r = await createActivity(app.db, requireActor(req), req.body);
        return reply.status(r.created ? 201 : 200).send(r.activity);
      }),
  );
  app.patch(
    '/api/activities/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'Change fields of an activity; needs the version (stale: 409 with error.current)',
        params: Params,
        body: ActivityPatch,
        response: { 200: Activity },
      },
    },
    async (req, reply) =>
      withConflict(req, reply, () => patchActivity(app.db, requireActor(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/activities/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'Delete an activity (soft); needs the version as ?version= or in the body',
        params: Params,
        querystring: z.strictObject({ version: z.coerce.number().int().min(0).optional() }),
        body: z.strictObject({ version: z.number().int().min(0) }).nullish(),
      },
    },
    async (req, reply) =>
      withConflict(req, reply, async () => {
        const version = req.query.version ?? req.body?.version;
        if (version === undefined) {
          throw new LocalizedError('validation', msg('Thiếu phiên bản', 'The version is missing'), {
            version: msg('Bắt buộc (phiên bản đã xem)', 'Required (the version you saw)'),
          });
        }
        await deleteActivity(app.db, requireActor(req), req.params.id, version);
        return reply.status(204).send();
      }),
  );

  app.get(
    '/api/activities/:id/evidence',
    {
      schema: {
        tags: ['activities'],
        summary: 'Evidence files of an activity',
        params: Params,
        response: { 200: z.array(Evidence) },
      },
    },
    async (req) => listEvidence(app.db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/activities/:id/evidence',
    {
      schema: {
        tags: ['activities'],
        summary: 'Attach an evidence file (multipart field "file"): JPEG, PNG, WebP or PDF, ≤ 10 MB, ≤ 20 per activity',
        params: Params,
        response: { 201: Evidence },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const noFile = () =>
        new LocalizedError('validation', msg('Chưa chọn tệp', 'No file was sent'), {
          file: msg('Chưa chọn tệp', 'No file was sent'),
        });
      if (!req.isMultipart()) throw noFile();
      const file = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (!file) throw noFile();
      const bytes = await file.toBuffer();
      const ev = await addEvidence(app.db, app.blobs, actor, req.params.id, { name: file.filename, bytes });
      return reply.status(201).send(ev);
    },
  );
  app.get(
    '/api/activities/:id/evidence/:evidenceId',
    { schema: { tags: ['activities'], summary: 'Download an evidence file', params: EvidenceParams } },
    async (req, reply) => {
      const { evidence, bytes } = await getEvidence(
        app.db,
        app.blobs,
        requireActor(req),
        req.params.id,
        req.params.evidenceId,
      );
      return reply
        .type(evidence.contentType)
        .header('content-disposition', attachmentHeader(evidence.fileName, evidence.contentType !== 'application/pdf'))
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
  app.delete(
    '/api/activities/:id/evidence/:evidenceId',
    { schema: { tags: ['activities'], summary: 'Remove an evidence file', params: EvidenceParams } },
    async (req, reply) => {
      await deleteEvidence(app.db, app.blobs, requireActor(req), req.params.id, req.params.evidenceId);
      return reply.status(204).send();
    },
  );
};
