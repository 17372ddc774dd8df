/**
 * Bulk import/export routes.
 *
 * POST /api/activities/import?mode=dry-run|commit[&orgUnit=CODE]
 *   body: multipart (field "file": .xlsx or .csv; optional field "orgUnit") or a raw CSV body
 *   (Content-Type text/csv). Up to 100 MB on this route only.
 *   - dry-run: 200 with the report; `ok` false and `errors` listing every bad cell when the file
 *     has any (a preview that found errors is still a successful preview). Writes nothing.
 *   - commit: 200 with the report when every row was written in one transaction; 422 with the
 *     usual error shape plus the report ({ error: { code: 'validation', message, fields,
 *     report } }) when any row is bad — then nothing is written.
 * GET /api/activities/template?format=xlsx|csv — the empty template.
 * GET /api/activities/export?format=xlsx|csv&<the filters of GET /api/activities>.
 */
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivitiesQuery,
  ActivityImportQuery,
  ActivityImportReport,
  LocalizedError,
  msg,
  SheetFormatQuery,
} from '@binhdang/domain';
import { requireActor } from '../../auth/plugin.js';
import { langOf } from '../../http/lang.js';
import { attachmentHeader } from '../../storage/files.js';
import { exportActivities, SHEET_CONTENT_TYPES, writeTemplate } from './export.js';
import { importActivities } from './import.js';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
const ExportQuery = ActivitiesQuery.omit({ sort: true, limit: true, offset: true }).extend({
  format: SheetFormatQuery.default('xlsx'),
});
const noFile = () =>
  new LocalizedError('validation', msg('Chưa chọn tệp', 'No file was sent'), {
    file: msg('Chưa chọn tệp .xlsx hoặc .csv', 'No .xlsx or .csv file was sent'),
  });

const today = () => new Date().toISOString().slice(0, 10);

export const activityTransferRoutes: FastifyPluginAsyncZod = async (app) => {
  // Raw CSV bodies (curl --data-binary @file.csv -H 'Content-Type: text/csv'), for this plugin's routes only.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/activities/template',
    {
      schema: {
        tags: ['activities'],
        summary: 'The empty import template (.xlsx with drop-downs and instructions, or .csv with BOM)',
        querystring: z.strictObject({ format: SheetFormatQuery.default('xlsx') }),
      },
    },
    async (req, reply) => {
      requireActor(req);
      const out = new PassThrough();
      const done = writeTemplate(app.db, req.query.format, out);
      reply
        .header('content-type', SHEET_CONTENT_TYPES[req.query.format])
        .header('content-disposition', attachmentHeader(`mau-nhap-hoat-dong.${req.query.format}`));
      void done.catch((e: unknown) => out.destroy(e as Error));
      return reply.send(out);
    },
  );

  app.get(
    '/api/activities/export',
    {
      schema: {
        tags: ['activities'],
        summary: 'The filtered activity list as .xlsx or .csv, in the import template’s layout',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { format, ...filters } = req.query;
      const out = new PassThrough();
      // Filters and scope are checked before the response starts; errors after that end the stream.
      let started!: () => void;
      const ready = new Promise<void>((r) => (started = r));
      const job = exportActivities(app.db, actor, filters, format, out, started);
      await Promise.race([ready, job]);
      reply
        .header('content-type', SHEET_CONTENT_TYPES[format])
        .header('content-disposition', attachmentHeader(`hoat-dong-${today()}.${format}`));
      void job.catch((e: unknown) => {
        req.log.error({ err: e }, 'export failed mid-stream');
        out.destroy(e as Error);
      });
      return reply.send(out);
    },
  );

  app.post(
    '/api/activities/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['activities'],
        summary:
          'Import activities from .xlsx/.csv (multipart field "file", or a raw text/csv body). dry-run: 200 with every bad cell; commit: all rows in one transaction, or 422 with the report and nothing written',
        querystring: ActivityImportQuery,
        response: {
          200: ActivityImportReport,
          422: z.object({
            error: z.object({
              code: z.string(),
              message: z.string(),
              fields: z.record(z.string(), z.string()),
              report: ActivityImportReport,
            }),
          }),
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      let data: Buffer;
      let fileName = req.query.fileName ?? 'import.csv';
      let orgUnit = req.query.orgUnit;
      if (req.isMultipart()) {
        const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
        if (!file) throw noFile();
        data = await file.toBuffer();
        fileName = file.filename || fileName;
        const field = file.fields.orgUnit;
        const value = field && !Array.isArray(field) && 'value' in field ? field.value : undefined;
        if (typeof value === 'string' && value.trim()) orgUnit = value.trim();
      } else if (Buffer.isBuffer(req.body)) {
        data = req.body;
      } else throw noFile();
      if (!data.length) throw noFile();
      const report = await importActivities(app.db, actor, data, {
        mode: req.query.mode,
        fileName,
        ...(orgUnit ? { orgUnit } : {}),
      });
      if (req.query.mode === 'commit' && !report.ok) {
        const lang = langOf(req);
        const fields: Record<string, string> = {};
        for (const e of report.errors.slice(0, 20))
          fields[`row ${e.row}${e.column ? ' ' + e.column : ''}${e.header ? ' (' + e.header + ')' : ''}`] = e[lang];
        return reply.status(422).send({
          error: {
            code: 'validation',
            message:
              lang === 'vi'
                ? `Tệp có ${report.errorCount} ô lỗi ở ${report.errorRows} dòng; không ghi dòng nào`
                : `The file has ${report.errorCount} bad cells in ${report.errorRows} rows; nothing was written`,
            fields,
            report,
          },
        });
      }
      return report;
    },
  );
};
