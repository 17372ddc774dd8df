import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalizedError, msg } from '@binhdang/domain';
import { requireActor } from '../auth/plugin.js';
import { requirePermission } from '../context.js';
import { extractText, MAX_UPLOAD_BYTES } from '../documents/extract-text.js';
import { parseToDraft, PlanParseResponse } from './import.js';

const PasteBody = z.strictObject({ text: z.string().min(1).max(2_000_000) });

export const planImportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/plans/parse',
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['plans'],
        summary:
          'Parse a plan from pasted text (JSON {text}) or an uploaded .txt/.docx/.pdf (multipart field "file"); writes nothing',
        response: { 200: PlanParseResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requirePermission(actor, 'plan.write');
      let text: string;
      if (req.isMultipart()) {
        const file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
        if (!file)
          throw new LocalizedError('validation', msg('Chưa chọn tệp', 'No file was sent'), {
            file: msg('Chưa chọn tệp', 'No file was sent'),
          });
        text = await extractText(file.filename, await file.toBuffer());
      } else {
        text = PasteBody.parse(req.body).text.normalize('NFC');
      }
      return parseToDraft(app.db, actor, text);
    },
  );
};
