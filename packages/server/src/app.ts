/** Builds the Fastify app around an open database. Transport only: routes call services. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Database } from '@binhdang/db';
import { Health } from '@binhdang/domain';
import { installErrorHandling, sendError } from './http/errors.js';
import { langOf } from './http/lang.js';
import { installAuth } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { orgRoutes } from './org/routes.js';
import { userRoutes } from './users/routes.js';
import { auditRoutes } from './audit/routes.js';
import { planRoutes } from './plans/routes.js';
import { planImportRoutes } from './plans/import-routes.js';
import { reportRoutes } from './reports/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import { indicatorExportRoutes } from './indicators/export.js';
import multipart from '@fastify/multipart';
import { activityRoutes } from './activities/routes.js';
import { activityTransferRoutes } from './activities/transfer/routes.js';
import { campaignRoutes } from './campaigns/routes.js';
import { defaultBlobStore, type BlobStore } from './storage/blob-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const VERSION = (
  JSON.parse(fs.readFileSync(path.resolve(here, '../../../package.json'), 'utf8')) as { version: string }
).version;
// BINHDANG_WEB_DIST lets parallel e2e runs each build into and serve their own directory.
export const WEB_DIST = process.env.BINHDANG_WEB_DIST
  ? path.resolve(process.env.BINHDANG_WEB_DIST)
  : path.resolve(here, '../../web/dist');

export interface AppOptions {
  database: Database;
  logger?: boolean;
  /** Attempts per client address and account; tests lower it to exercise the limit. */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Directory of the built web app; null serves the API alone. */
  webDist?: string | null;
  bodyLimit?: number;
  /** Where uploaded files live; default: files/ in the data directory. */
  blobStore?: BlobStore;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.database.db);
  app.decorate('dbKind', opts.database.kind);
  app.decorate('blobs', opts.blobStore ?? defaultBlobStore());

  installErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, ctx) => ({
      statusCode: 429,
      error: {
        code: 'rate_limited',
        message:
          langOf(req) === 'vi'
            ? `Quá nhiều lần thử; thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây`
            : `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
        fields: {},
      },
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'binhdang API',
        version: VERSION,
        description: 'Chương trình Truyền thông về bình đẳng giới đến năm 2030',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bd_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Liveness and database kind', security: [], response: { 200: Health } },
    },
    async () => {
      await sql`SELECT 1`.execute(app.db);
      return { status: 'ok' as const, db: opts.database.kind, version: VERSION };
    },
  );

  await app.register(authRoutes, {
    loginRateLimit: opts.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
    secureCookies: process.env.COOKIE_SECURE === '1',
  });
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(planRoutes);
  await app.register(planImportRoutes);
  await app.register(reportRoutes);
  await app.register(indicatorRoutes);
  await app.register(indicatorExportRoutes);
  await app.register(activityRoutes);
  await app.register(activityTransferRoutes);
  await app.register(campaignRoutes);

  const webDist = opts.webDist === undefined ? WEB_DIST : opts.webDist;
  const spa = !!webDist && fs.existsSync(path.join(webDist, 'index.html'));
  if (spa) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  // The SPA owns every other non-API path (client-side routes such as /org/12).
  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/'))
      return reply.type('text/html').sendFile('index.html');
    return sendError(reply, langOf(req), 'not_found');
  });
  return app;
}
