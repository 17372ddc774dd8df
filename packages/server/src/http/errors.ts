/**
 * One error shape for every failure: { error: { code, message, fields } }, in the user's language.
 * Anything a client can send maps to a 4xx; a 500 means a bug on our side.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { DomainError, ERROR_CODES, ERROR_MESSAGES, LocalizedError, type ErrorCode, type Lang } from '@binhdang/domain';
import { langOf } from './lang.js';
import { fieldsOf, type Issue } from './validation-messages.js';

export function sendError(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  fields: Record<string, string> = {},
  message?: string,
): FastifyReply {
  return reply.status(ERROR_CODES[code]).send({
    error: { code, message: message ?? ERROR_MESSAGES[code][lang], fields },
  });
}

const FASTIFY_CODES: Record<string, { code: ErrorCode; field: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', field: 'body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', field: 'content-type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'validation', field: 'body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'validation', field: 'body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', field: 'content-length' },
  FST_ERR_VALIDATION: { code: 'validation', field: 'body' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', field: 'file' },
  FST_FILES_LIMIT: { code: 'payload_too_large', field: 'file' },
  FST_PARTS_LIMIT: { code: 'payload_too_large', field: 'file' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'unsupported_media_type', field: 'content-type' },
};

/** Field path of the first string (key or value) holding U+0000, which PostgreSQL text cannot store. */
function nulField(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return [...path, k];
    const found = nulField(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

const NUL_MESSAGE = { vi: 'Không được chứa ký tự NUL (\\u0000)', en: 'Must not contain the NUL character (\\u0000)' };

/** PostgreSQL errors a client's data can cause; each is the client's mistake, never a 500. */
const PG_DATA_ERRORS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);
/** Unique constraints, by name, to the request field whose value collided (a race the service's check lost). */
const UNIQUE_FIELDS: Record<string, string> = {
  app_user_username_key: 'username',
  org_unit_code_key: 'code',
  org_unit_path_key: 'code',
};

export function installErrorHandling(app: FastifyInstance): void {
  app.addHook('preValidation', async (req, reply) => {
    for (const [part, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const path = nulField(value, []);
      if (path) {
        const lang = langOf(req);
        return sendError(reply, lang, 'validation', { [path.join('.') || part]: NUL_MESSAGE[lang] });
      }
    }
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = langOf(req);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: Issue[] = err.validation.map((v) => ({
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? '',
        params: v.params as Record<string, unknown>,
      }));
      const ctx = (err as { validationContext?: string }).validationContext ?? 'body';
      return sendError(reply, lang, 'validation', fieldsOf(issues, lang, ctx));
    }
    if (err instanceof ZodError) {
      const issues: Issue[] = err.issues.map((i) => ({
        code: i.code,
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
        params: i as unknown as Record<string, unknown>,
      }));
      return sendError(reply, lang, 'validation', fieldsOf(issues, lang, 'body'));
    }
    if (err instanceof LocalizedError) {
      const r = err.render(lang);
      return sendError(reply, lang, err.code, r.fields, r.message);
    }
    if (err instanceof DomainError) {
      // Its field texts are internal English; the user reads the code's message in their language.
      const text = ERROR_MESSAGES[err.code][lang];
      return sendError(reply, lang, err.code, Object.fromEntries(Object.keys(err.fields).map((k) => [k, text])));
    }
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === '23505') {
      const field = UNIQUE_FIELDS[String((err as { constraint?: unknown }).constraint)];
      return sendError(reply, lang, 'duplicate', field ? { [field]: ERROR_MESSAGES.duplicate[lang] } : {});
    }
    if (typeof pgCode === 'string' && PG_DATA_ERRORS.has(pgCode)) {
      req.log.warn({ err }, 'database refused a value');
      return sendError(reply, lang, 'validation');
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) {
      const msg =
        known.code === 'validation'
          ? lang === 'vi'
            ? 'Nội dung gửi lên không phải JSON hợp lệ'
            : 'The body is not valid JSON'
          : ERROR_MESSAGES[known.code][lang];
      return sendError(reply, lang, known.code, { [known.field]: msg }, msg);
    }
    if (err.statusCode === 429) return sendError(reply, lang, 'rate_limited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, lang, 'bad_request', {}, err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal',
        message: lang === 'vi' ? 'Lỗi hệ thống; đã ghi nhận' : 'Internal error; it has been logged',
        fields: {},
      },
    });
  });
}
