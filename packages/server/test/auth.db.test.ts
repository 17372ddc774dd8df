import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/index.js';
import { auditCount, sessionCookie, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginRateLimit: { max: 5, timeWindowMs: 60_000 } });
});
afterAll(async () => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user with their unit', async () => {
    const res = await login('tinh.laichau', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'bd_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const body = res.json<{
      user: { username: string; roles: string[] };
      orgUnit: { code: string };
      permissions: string[];
    }>();
    expect(body.user.username).toBe('tinh.laichau');
    expect(body.user.roles).toEqual(['planner', 'reviewer']);
    expect(body.orgUnit.code).toBe('12');
    expect(body.permissions).toContain('report.review');
    expect(body.permissions).not.toContain('user.manage');
    expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
  });

  it('keeps only a hash of the token in the database', async () => {
    const cookie = sessionCookie(await login('xem.laichau', DEMO_PASSWORD));
    const token = cookie.split('=')[1]!;
    const rows = await t.database.db.selectFrom('user_session').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('says the same thing for a wrong password and an unknown user, in Vietnamese by default', async () => {
    const a = await login('tinh.laichau', 'wrong-password');
    const b = await login('khong.ton.tai', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    const en = await login('khong.ton.tai', 'x', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('limits attempts per address and account with 429, while other accounts still sign in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('snv.laichau', 'guess-' + i)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password is refused while limited.
    const right = await login('snv.laichau', DEMO_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
    expect((await login('syt.thanhhoa', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('session', () => {
  it('GET /api/me needs a session; logout ends it and is audited', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const cookie = sessionCookie(await login('bnv', DEMO_PASSWORD));
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().orgUnit.code).toBe('BNV');
    const before = await auditCount(t.database);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect(await auditCount(t.database)).toBe(before + 1);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a forged or expired cookie is not a session', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'bd_session=forged' } })).statusCode,
    ).toBe(401);
    const cookie = sessionCookie(await login('admin', DEMO_PASSWORD));
    await t.database.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('saves the language and answers errors in it', async () => {
    const cookie = sessionCookie(await login('xa.laichau', DEMO_PASSWORD));
    const r = await t.app.inject({ method: 'PATCH', url: '/api/me', payload: { locale: 'en' }, headers: { cookie } });
    expect(r.json().user.locale).toBe('en');
    const denied = await t.app.inject({ method: 'GET', url: '/api/org-units/01', headers: { cookie } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('This org unit is outside your scope');
  });
});

describe('password change', () => {
  it('needs the current password, ends other sessions, keeps this one, and the new password works', async () => {
    const first = sessionCookie(await login('admin.laichau', DEMO_PASSWORD));
    const second = sessionCookie(await login('admin.laichau', DEMO_PASSWORD));
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'nope', newPassword: 'mat-khau-moi-2026' },
      headers: { cookie: first },
    });
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(wrong.json().error.fields)).toEqual(['currentPassword']);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
      headers: { cookie: first },
    });
    expect(short.statusCode).toBe(400);
    expect(Object.keys(short.json().error.fields)).toEqual(['newPassword']);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'mat-khau-moi-2026' },
      headers: { cookie: first },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await login('admin.laichau', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('admin.laichau', 'mat-khau-moi-2026')).statusCode).toBe(200);
  });
});

describe('system routes', () => {
  it('health reports the database kind and version', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: t.database.kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('publishes OpenAPI with the routes and a docs page', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/api/health', '/api/auth/login', '/api/org-units', '/api/org-units/{idOrCode}', '/api/users'])
      expect(spec.paths).toHaveProperty([p]);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('an unknown API path is a 404 in the error shape', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
  });
});
