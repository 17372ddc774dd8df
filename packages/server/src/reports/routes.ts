/** Periodic reports API: transport only, the service decides. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkApproveBody,
  BulkApproveResult,
  CompletenessMatrix,
  CompletenessQuery,
  CreateReportBody,
  DueQuery,
  DueReportList,
  ReminderList,
  ReopenBody,
  Report,
  ReportExplain,
  ReportExplainQuery,
  ReportIdParams,
  ReportList,
  ReportPatch,
  ReportsQuery,
  ReportVersion,
  ReturnBody,
  VersionBody,
} from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { completenessXlsx, reportDhis2, reportDocContext, reportDocx, reportXlsx } from './export.js';
import {
  approveReport,
  bulkApprove,
  completeness,
  explainReport,
  getReport,
  listReports,
  openReport,
  patchReport,
  refreshReport,
  reminders,
  reopenReport,
  reportVersions,
  returnReport,
  submitReport,
} from './service.js';

const tags = ['reports'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileName = (r: { orgUnitCode: string; period: string }, ext: string) =>
  `bao-cao-${r.orgUnitCode}-${r.period}.${ext}`.replace(/[^\w.-]+/g, '-');

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Reports a unit owes (incl. due but not started), an inbox, or everything due to a unit',
        querystring: ReportsQuery,
        response: { 200: ReportList },
      },
    },
    async (req) => listReports(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/reports/due',
    {
      schema: {
        tags,
        summary: 'What the unit owes: due reports of this and last year (or the period)',
        querystring: DueQuery,
        response: { 200: DueReportList },
      },
    },
    async (req) => {
      const r = await listReports(app.db, requireActor(req), {
        ...req.query,
        scope: 'own',
        limit: 1000,
        offset: 0,
      });
      return { items: r.items };
    },
  );
  app.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Open the draft for (unit, rule, period); idempotent',
        body: CreateReportBody,
        response: { 200: Report, 201: Report },
      },
    },
    async (req, reply) => {
      const { report, created } = await openReport(app.db, requireActor(req), req.body);
      return reply.status(created ? 201 : 200).send(report);
    },
  );
  app.get(
    '/api/reports/completeness',
    {
      schema: {
        tags,
        summary: 'Subordinate units × periods: on time, late, missing, not expected; rates over expected units',
        querystring: CompletenessQuery,
        response: { 200: CompletenessMatrix },
      },
    },
    async (req) => completeness(app.db, requireActor(req), req.query),
  );
  app.get(
    '/api/reports/completeness.xlsx',
    { schema: { tags, summary: 'The completeness matrix as .xlsx', querystring: CompletenessQuery } },
    async (req, reply) => {
      const m = await completeness(app.db, requireActor(req), req.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="tinh-hinh-bao-cao.xlsx"`)
        .send(await completenessXlsx(m));
    },
  );
  app.get(
    '/api/reports/reminders',
    { schema: { tags, summary: 'Reports due within 7 days, overdue or returned', response: { 200: ReminderList } } },
    async (req) => ({ items: await reminders(app.db, requireActor(req)) }),
  );
  app.post(
    '/api/reports/bulk-approve',
    {
      schema: {
        tags,
        summary: 'Approve several submitted reports; all or nothing',
        body: BulkApproveBody,
        response: { 200: BulkApproveResult },
      },
    },
    async (req) => bulkApprove(app.db, requireActor(req), req.body),
  );
  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'One report (figures live while a draft)',
        params: ReportIdParams,
        response: { 200: Report },
      },
    },
    async (req) => getReport(app.db, requireActor(req), req.params.id),
  );
  app.patch(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'Edit the narrative (409 when locked or stale)',
        params: ReportIdParams,
        body: ReportPatch,
        response: { 200: Report },
      },
    },
    async (req) => patchReport(app.db, requireActor(req), req.params.id, req.body),
  );
  const action = (
    name: string,
    summary: string,
    body: typeof VersionBody | typeof ReturnBody | typeof ReopenBody,
    run: (
      id: string,
      b: { version: number; comment?: string },
      req: Parameters<typeof requireActor>[0],
    ) => Promise<Report>,
  ) =>
    app.post(
      `/api/reports/:id/${name}`,
      { schema: { tags, summary, params: ReportIdParams, body, response: { 200: Report } } },
      async (req) => run(req.params.id, req.body as { version: number; comment?: string }, req),
    );
  action('refresh', 'Recompute the draft figures', VersionBody, (id, b, req) =>
    refreshReport(app.db, requireActor(req), id, b.version),
  );
  action('submit', 'Submit (snapshots the figures)', VersionBody, (id, b, req) =>
    submitReport(app.db, requireActor(req), id, b.version),
  );
  action('return', 'Return with a comment (reviewer)', ReturnBody, (id, b, req) =>
    returnReport(app.db, requireActor(req), id, b.version, b.comment!),
  );
  action('approve', 'Approve and lock (reviewer)', VersionBody, (id, b, req) =>
    approveReport(app.db, requireActor(req), id, b.version),
  );
  action('reopen', 'Reopen an approved report (reviewer; audited)', ReopenBody, (id, b, req) =>
    reopenReport(app.db, requireActor(req), id, b.version, b.comment!),
  );
  app.get(
    '/api/reports/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every workflow step',
        params: ReportIdParams,
        response: { 200: z.array(ReportVersion) },
      },
    },
    async (req) => reportVersions(app.db, requireActor(req), req.params.id),
  );
  app.get(
    '/api/reports/:id/explain',
    {
      schema: {
        tags,
        summary: 'The activities behind the figures',
        params: ReportIdParams,
        querystring: ReportExplainQuery,
        response: { 200: ReportExplain },
      },
    },
    async (req) => explainReport(app.db, requireActor(req), req.params.id, req.query),
  );
  app.get(
    '/api/reports/:id/docx',
    { schema: { tags, summary: 'The report as an official .docx (Decree 30, type BC)', params: ReportIdParams } },
    async (req, reply) => {
      const r = await getReport(app.db, requireActor(req), req.params.id);
      const buf = await reportDocx(r, await reportDocContext(app.db, r));
      return reply
        .type(DOCX)
        .header('content-disposition', `attachment; filename="${fileName(r, 'docx')}"`)
        .send(buf);
    },
  );
  app.get(
    '/api/reports/:id/xlsx',
    { schema: { tags, summary: 'The report tables as .xlsx', params: ReportIdParams } },
    async (req, reply) => {
      const r = await getReport(app.db, requireActor(req), req.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${fileName(r, 'xlsx')}"`)
        .send(await reportXlsx(r));
    },
  );
  app.get(
    '/api/reports/:id/dhis2',
    { schema: { tags, summary: 'The figures as DHIS2 dataValueSets JSON', params: ReportIdParams } },
    async (req) => reportDhis2(await getReport(app.db, requireActor(req), req.params.id)),
  );
};
