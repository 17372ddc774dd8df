/**
 * Test harness: a private copy of the template database (PGlite or the PostgreSQL server,
 * chosen by the vitest project), the app on top of it, and helpers to sign in as demo users.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { openDatabase, type Database } from '@binhdang/db';
import { DomainError } from '@binhdang/domain';
import { buildApp, DEMO_PASSWORD, type AppOptions } from '../src/index.js';
import { databaseUrl } from './global-setup-postgres.js';

export const ENGINE: 'pglite' | 'postgres' = inject('dbTemplate').endsWith('.tar') ? 'pglite' : 'postgres';

export async function openTestDatabase(): Promise<Database> {
  const template = inject('dbTemplate');
  if (ENGINE === 'pglite') {
    return openDatabase({ dataDir: null, databaseUrl: '', loadDataDir: new Blob([fs.readFileSync(template)]) });
  }
  const admin = process.env.DATABASE_URL!;
  const name = `bd_t_${template.slice('bd_tmpl_'.length)}_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await client.end();
  }
  const database = await openDatabase({ databaseUrl: databaseUrl(admin, name), poolSize: 4 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Signs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const app = await buildApp({
    database,
    webDist: null,
    loginRateLimit: { max: 1000, timeWindowMs: 60_000 },
    ...options,
  });
  // Server errors are bugs: show them in the test output with their cause.
  app.addHook('onError', async (_req, _reply, err) => {
    const clientError = err instanceof DomainError || err.validation || (err.statusCode && err.statusCode < 500);
    if (!clientError) {
      const cause = (err as { cause?: unknown }).cause;
      console.error('server error:', err.stack, cause ? JSON.stringify(cause).slice(0, 2000) : '');
    }
  });
  const cookies = new Map<string, string>();
  return {
    app,
    database,
    async login(username, password = DEMO_PASSWORD) {
      const key = `${username}:${password}`;
      const cached = cookies.get(key);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = sessionCookie(res);
      cookies.set(key, cookie);
      return cookie;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'bd_session');
  if (!c) throw new Error('no session cookie');
  return `bd_session=${c.value}`;
}

export async function auditCount(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
