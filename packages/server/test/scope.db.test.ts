/**
 * Nobody sees what they should not: every API route against every demo user (and nobody),
 * targets outside the caller's subtree, and list results checked item by item.
 * A refused request must leave the database exactly as it was.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInSubtree } from '@binhdang/domain';
import { DEMO_PASSWORD } from '../src/index.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;

const USERS = [
  'admin',
  'bnv',
  'tinh.laichau',
  'admin.laichau',
  'xem.laichau',
  'snv.laichau',
  'xa.laichau',
  'syt.thanhhoa',
] as const;
type Username = (typeof USERS)[number];
const ADMINS: readonly Username[] = ['admin', 'admin.laichau'];
const HOME: Record<Username, string> = {
  admin: 'VN',
  bnv: 'BNV',
  'tinh.laichau': '12',
  'admin.laichau': '12',
  'xem.laichau': '12',
  'snv.laichau': '12-SNV',
  'xa.laichau': '03394',
  'syt.thanhhoa': '38-SYT',
};
const HOME_PATH: Record<Username, string> = {
  admin: 'VN',
  bnv: 'VN.BNV',
  'tinh.laichau': 'VN.12',
  'admin.laichau': 'VN.12',
  'xem.laichau': 'VN.12',
  'snv.laichau': 'VN.12.12-SNV',
  'xa.laichau': 'VN.12.03394',
  'syt.thanhhoa': 'VN.38.38-SYT',
};

const userId = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  // Sign-ins are audited: sign everyone in first so that later counts see only the request under test.
  for (const u of USERS) await t.login(u);
  for (const r of await t.database.db.selectFrom('app_user').select(['id', 'username']).execute()) {
    userId.set(r.username, r.id);
  }
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
interface Req {
  method: Method;
  url: string;
  payload?: Record<string, unknown>;
}
interface ErrorBody {
  error: { code: string; message: string; fields: Record<string, string> };
}

async function call(user: Username | null, req: Req) {
  const res = await t.app.inject({
    method: req.method,
    url: req.url,
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
    headers: user ? { cookie: await t.login(user) } : {},
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

/** Row counts and a digest of every row of the tables a request could touch. */
async function snapshot() {
  const r = await sql<Record<string, string>>`SELECT
      (SELECT count(*) FROM audit_event)::text AS audit,
      (SELECT count(*) FROM org_unit)::text AS units,
      (SELECT count(*) FROM app_user)::text AS users,
      (SELECT count(*) FROM user_session)::text AS sessions,
      (SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM org_unit o) AS unit_digest,
      (SELECT md5(string_agg(u::text, ',' ORDER BY u.id)) FROM app_user u) AS user_digest,
      (SELECT md5(string_agg(s::text, ',' ORDER BY s.token_hash)) FROM user_session s) AS session_digest`.execute(
    t.database.db,
  );
  return r.rows[0]!;
}

async function unitRow(code: string) {
  return t.database.db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirst();
}
async function userRow(id: string) {
  return t.database.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}
async function pathOfCode(code: string): Promise<string> {
  return (await t.database.db.selectFrom('org_unit').select('path').where('code', '=', code).executeTakeFirstOrThrow())
    .path;
}

let fixtureNo = 0;
/** A fresh agency (and a sibling to move or merge it into) under a unit, made by the national admin. */
async function fixtureUnits(parent: string): Promise<{ unit: string; sibling: string }> {
  const n = ++fixtureNo;
  const unit = `FX-${n}`;
  const sibling = `FX-${n}-S`;
  for (const code of [unit, sibling]) {
    const r = await call('admin', {
      method: 'POST',
      url: '/api/org-units',
      payload: { code, name: `Đơn vị thử ${code}`, kind: 'agency', parent },
    });
    expect(r.status).toBe(201);
  }
  return { unit, sibling };
}
async function fixtureUser(orgUnit: string): Promise<string> {
  const r = await call('admin', {
    method: 'POST',
    url: '/api/users',
    payload: {
      username: `fx.user.${++fixtureNo}`,
      displayName: 'Người dùng thử',
      password: 'fixture-pass-1',
      orgUnit,
      roles: ['viewer'],
    },
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

interface Target {
  home: string;
  unit: string;
  sibling: string;
  user: string;
}
interface RouteSpec {
  route: string;
  /** Who gets the success status; everyone else signed in gets 403. */
  allowed: readonly Username[] | 'all';
  ok: number;
  /** Writes add exactly one audit row when they succeed. */
  write: boolean;
  needsUnit?: boolean;
  needsUser?: boolean;
  req: (x: Target) => Req;
}

let newNo = 0;
const ROUTES: RouteSpec[] = [
  {
    route: 'GET /api/org-units',
    allowed: 'all',
    ok: 200,
    write: false,
    req: () => ({ method: 'GET', url: '/api/org-units?status=all&limit=5000' }),
  },
  {
    route: 'GET /api/org-units/:idOrCode',
    allowed: 'all',
    ok: 200,
    write: false,
    needsUnit: true,
    req: (x) => ({ method: 'GET', url: `/api/org-units/${x.unit}` }),
  },
  {
    route: 'POST /api/org-units',
    allowed: ADMINS,
    ok: 201,
    write: true,
    req: (x) => ({
      method: 'POST',
      url: '/api/org-units',
      payload: { code: `NEW-${++newNo}`, name: 'Đơn vị mới', kind: 'agency', parent: x.home },
    }),
  },
  {
    route: 'PATCH /api/org-units/:idOrCode',
    allowed: ADMINS,
    ok: 200,
    write: true,
    needsUnit: true,
    req: (x) => ({ method: 'PATCH', url: `/api/org-units/${x.unit}`, payload: { name: 'Tên mới', version: 0 } }),
  },
  {
    route: 'POST /api/org-units/:idOrCode/move',
    allowed: ADMINS,
    ok: 200,
    write: true,
    needsUnit: true,
    req: (x) => ({ method: 'POST', url: `/api/org-units/${x.unit}/move`, payload: { parent: x.sibling, version: 0 } }),
  },
  {
    route: 'POST /api/org-units/:idOrCode/close',
    allowed: ADMINS,
    ok: 200,
    write: true,
    needsUnit: true,
    req: (x) => ({
      method: 'POST',
      url: `/api/org-units/${x.unit}/close`,
      payload: { validTo: '2026-12-31', version: 0 },
    }),
  },
  {
    route: 'POST /api/org-units/:idOrCode/merge',
    allowed: ADMINS,
    ok: 200,
    write: true,
    needsUnit: true,
    req: (x) => ({
      method: 'POST',
      url: `/api/org-units/${x.unit}/merge`,
      payload: { successor: x.sibling, validTo: '2026-12-31', version: 0 },
    }),
  },
  {
    route: 'GET /api/users',
    allowed: ADMINS,
    ok: 200,
    write: false,
    req: () => ({ method: 'GET', url: '/api/users?limit=1000' }),
  },
  {
    route: 'GET /api/users/:id',
    allowed: ADMINS,
    ok: 200,
    write: false,
    needsUser: true,
    req: (x) => ({ method: 'GET', url: `/api/users/${x.user}` }),
  },
  {
    route: 'POST /api/users',
    allowed: ADMINS,
    ok: 201,
    write: true,
    req: (x) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `new.user.${++newNo}`,
        displayName: 'Người dùng mới',
        password: 'new-user-pass',
        orgUnit: x.home,
        roles: ['viewer'],
      },
    }),
  },
  {
    route: 'PATCH /api/users/:id',
    allowed: ADMINS,
    ok: 200,
    write: true,
    needsUser: true,
    req: (x) => ({ method: 'PATCH', url: `/api/users/${x.user}`, payload: { displayName: 'Tên mới', version: 0 } }),
  },
  {
    route: 'GET /api/audit',
    allowed: ADMINS,
    ok: 200,
    write: false,
    req: () => ({ method: 'GET', url: '/api/audit?limit=500' }),
  },
  { route: 'GET /api/me', allowed: 'all', ok: 200, write: false, req: () => ({ method: 'GET', url: '/api/me' }) },
  // Every signed-in user, a viewer too, may set their own language and password.
  {
    route: 'PATCH /api/me',
    allowed: 'all',
    ok: 200,
    write: true,
    req: () => ({ method: 'PATCH', url: '/api/me', payload: { locale: 'vi' } }),
  },
  {
    route: 'POST /api/me/password',
    allowed: 'all',
    ok: 200,
    write: true,
    req: () => ({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD },
    }),
  },
];

async function targetFor(spec: RouteSpec, home: string): Promise<Target> {
  const units = spec.needsUnit ? await fixtureUnits(home) : { unit: home, sibling: home };
  const user = spec.needsUser ? await fixtureUser(home) : '';
  return { home, ...units, user };
}

/** Re-reads what a request aimed at, to compare before and after. */
async function readTarget(spec: RouteSpec, x: Target) {
  return {
    unit: spec.needsUnit ? await unitRow(x.unit) : null,
    sibling: spec.needsUnit ? await unitRow(x.sibling) : null,
    user: spec.needsUser ? await userRow(x.user) : null,
  };
}

describe('every route, every role', () => {
  describe.each(ROUTES)('$route', (spec) => {
    it('refuses a request without a session, or with a forged one, with 401 and writes nothing', async () => {
      const x = await targetFor(spec, '12');
      const before = await snapshot();
      const target = await readTarget(spec, x);
      const anon = await call(null, spec.req(x));
      expect(anon.status).toBe(401);
      expect((anon.body as unknown as ErrorBody).error.code).toBe('unauthenticated');
      const forged = await t.app.inject({
        method: spec.req(x).method,
        url: spec.req(x).url,
        ...(spec.req(x).payload ? { payload: spec.req(x).payload } : {}),
        headers: { cookie: 'bd_session=forged-token' },
      });
      expect(forged.statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
      expect(await readTarget(spec, x)).toEqual(target);
    });

    it.each(USERS)('as %s', async (user) => {
      const allowed = spec.allowed === 'all' || spec.allowed.includes(user);
      const x = await targetFor(spec, HOME[user]);
      const before = await snapshot();
      const target = await readTarget(spec, x);
      const res = await call(user, spec.req(x));
      if (!allowed) {
        expect(res.status).toBe(403);
        // The target lies inside the caller's subtree, so the refusal is about the role, not the scope.
        expect((res.body as unknown as ErrorBody).error.code).toBe('forbidden');
        expect(await snapshot()).toEqual(before);
        expect(await readTarget(spec, x)).toEqual(target);
        return;
      }
      expect(res.status).toBe(spec.ok);
      const after = await snapshot();
      expect(Number(after.audit)).toBe(Number(before.audit) + (spec.write ? 1 : 0));
      if (!spec.write) expect(after).toEqual(before);
      await expectInScope(user, spec.route, res.body);
    });
  });
});

/** Every item a list returns lies in the caller's subtree. */
async function expectInScope(user: Username, route: string, body: Record<string, unknown>) {
  const scope = HOME_PATH[user];
  if (route === 'GET /api/org-units') {
    const items = body.items as { path: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const u of items) expect(isInSubtree(u.path, scope), `${u.path} outside ${scope}`).toBe(true);
  }
  if (
    route === 'GET /api/org-units/:idOrCode' ||
    route.startsWith('POST /api/org-units') ||
    route.startsWith('PATCH /api/org-units')
  ) {
    expect(isInSubtree(body.path as string, scope)).toBe(true);
  }
  if (route === 'GET /api/users') {
    const items = body.items as { orgUnitCode: string; username: string }[];
    expect(items.map((u) => u.username)).toContain(user);
    for (const u of items) expect(isInSubtree(await pathOfCode(u.orgUnitCode), scope), u.username).toBe(true);
  }
  if (route === 'GET /api/audit') {
    const items = body.items as { id: number }[];
    expect(items.length).toBeGreaterThan(0);
    await expectAuditInScope(items, scope);
  }
}

async function expectAuditInScope(items: { id: number }[], scope: string) {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select(['id', 'org_path'])
    .where(
      'id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  expect(rows.length).toBe(items.length);
  for (const r of rows) expect(isInSubtree(r.org_path, scope), `event ${r.id} at ${r.org_path}`).toBe(true);
}

interface Outside {
  who: Username;
  what: string;
  req: () => Req;
  code: 'out_of_scope' | 'forbidden';
  field?: string;
  unit?: string;
  user?: string;
}
const uid = (name: string) => userId.get(name)!;

const OUTSIDE: Outside[] = [
  // A province planner reads nothing of other provinces or above their province.
  ...['01', '38', '38-SYT', '38-SYT-CDC', 'VN', 'BNV', '07339'].map((code): Outside => ({
    who: 'tinh.laichau',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  ...['01', '38-SYT'].map((code): Outside => ({
    who: 'tinh.laichau',
    what: `lists children of ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units?parent=${code}` }),
    code: 'out_of_scope',
    field: 'parent',
  })),
  {
    who: 'tinh.laichau',
    what: 'renames 01',
    req: () => ({ method: 'PATCH', url: '/api/org-units/01', payload: { name: 'X', version: 0 } }),
    code: 'out_of_scope',
    unit: '01',
  },
  {
    who: 'tinh.laichau',
    what: 'closes 38-SYT',
    req: () => ({ method: 'POST', url: '/api/org-units/38-SYT/close', payload: { validTo: '2026-12-31', version: 0 } }),
    code: 'out_of_scope',
    unit: '38-SYT',
  },
  {
    who: 'tinh.laichau',
    what: 'reads a Thanh Hóa user',
    req: () => ({ method: 'GET', url: `/api/users/${uid('syt.thanhhoa')}` }),
    code: 'forbidden',
  },
  {
    who: 'tinh.laichau',
    what: 'updates a Thanh Hóa user',
    req: () => ({
      method: 'PATCH',
      url: `/api/users/${uid('syt.thanhhoa')}`,
      payload: { roles: ['admin'], version: 0 },
    }),
    code: 'forbidden',
    user: 'syt.thanhhoa',
  },
  // A province admin manages below their unit, never their own unit, never elsewhere.
  ...['01', '38-SYT', '38-SYT-CDC', 'VN', 'BNV'].map((code): Outside => ({
    who: 'admin.laichau',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  {
    who: 'admin.laichau',
    what: 'lists children of 38',
    req: () => ({ method: 'GET', url: '/api/org-units?parent=38' }),
    code: 'out_of_scope',
    field: 'parent',
  },
  ...['01', '38-SYT', 'VN'].map((parent): Outside => ({
    who: 'admin.laichau',
    what: `creates a unit under ${parent}`,
    req: () => ({
      method: 'POST',
      url: '/api/org-units',
      payload: { code: 'OUT-1', name: 'Ngoài phạm vi', kind: 'agency', parent },
    }),
    code: 'out_of_scope',
    field: 'parent',
    unit: parent,
  })),
  {
    who: 'admin.laichau',
    what: 'renames 38-SYT',
    req: () => ({ method: 'PATCH', url: '/api/org-units/38-SYT', payload: { name: 'X', version: 0 } }),
    code: 'out_of_scope',
    unit: '38-SYT',
  },
  {
    who: 'admin.laichau',
    what: 'renames its own unit 12',
    req: () => ({ method: 'PATCH', url: '/api/org-units/12', payload: { name: 'Lai Châu mới', version: 0 } }),
    code: 'out_of_scope',
    unit: '12',
  },
  {
    who: 'admin.laichau',
    what: 'moves its own unit 12',
    req: () => ({ method: 'POST', url: '/api/org-units/12/move', payload: { parent: 'VN', version: 0 } }),
    code: 'out_of_scope',
    unit: '12',
  },
  {
    who: 'admin.laichau',
    what: 'closes its own unit 12',
    req: () => ({ method: 'POST', url: '/api/org-units/12/close', payload: { validTo: '2026-12-31', version: 0 } }),
    code: 'out_of_scope',
    unit: '12',
  },
  {
    who: 'admin.laichau',
    what: 'merges its own unit 12 into one of its communes',
    req: () => ({
      method: 'POST',
      url: '/api/org-units/12/merge',
      payload: { successor: '03394', validTo: '2026-12-31', version: 0 },
    }),
    code: 'out_of_scope',
    unit: '12',
  },
  {
    who: 'admin.laichau',
    what: 'moves a Lai Châu unit under 01',
    req: () => ({ method: 'POST', url: '/api/org-units/12-STC/move', payload: { parent: '01', version: 0 } }),
    code: 'out_of_scope',
    field: 'parent',
    unit: '12-STC',
  },
  {
    who: 'admin.laichau',
    what: 'merges a Lai Châu unit into a unit of 38',
    req: () => ({
      method: 'POST',
      url: '/api/org-units/12-STC/merge',
      payload: { successor: '38-SYT', validTo: '2026-12-31', version: 0 },
    }),
    code: 'out_of_scope',
    field: 'successor',
    unit: '12-STC',
  },
  {
    who: 'admin.laichau',
    what: 'pulls a Thanh Hóa unit into Lai Châu',
    req: () => ({ method: 'POST', url: '/api/org-units/38-SYT-CDC/move', payload: { parent: '12', version: 0 } }),
    code: 'out_of_scope',
    unit: '38-SYT-CDC',
  },
  {
    who: 'admin.laichau',
    what: 'closes 01',
    req: () => ({ method: 'POST', url: '/api/org-units/01/close', payload: { validTo: '2026-12-31', version: 0 } }),
    code: 'out_of_scope',
    unit: '01',
  },
  ...['38-SYT', 'VN', '01'].map((orgUnit): Outside => ({
    who: 'admin.laichau',
    what: `creates a user bound to ${orgUnit}`,
    req: () => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'out.user', displayName: 'Ngoài', password: 'out-user-pass', orgUnit, roles: ['admin'] },
    }),
    code: 'out_of_scope',
    field: 'orgUnit',
  })),
  ...(['syt.thanhhoa', 'admin', 'bnv'] as const).map((name): Outside => ({
    who: 'admin.laichau',
    what: `reads user ${name}`,
    req: () => ({ method: 'GET', url: `/api/users/${uid(name)}` }),
    code: 'out_of_scope',
  })),
  {
    who: 'admin.laichau',
    what: 'lists the users of 38',
    req: () => ({ method: 'GET', url: '/api/users?orgUnit=38' }),
    code: 'out_of_scope',
    field: 'orgUnit',
  },
  {
    who: 'admin.laichau',
    what: 'updates a Thanh Hóa user',
    req: () => ({
      method: 'PATCH',
      url: `/api/users/${uid('syt.thanhhoa')}`,
      payload: { displayName: 'X', version: 0 },
    }),
    code: 'out_of_scope',
    user: 'syt.thanhhoa',
  },
  {
    who: 'admin.laichau',
    what: 'deactivates the national admin',
    req: () => ({ method: 'PATCH', url: `/api/users/${uid('admin')}`, payload: { active: false, version: 0 } }),
    code: 'out_of_scope',
    user: 'admin',
  },
  {
    who: 'admin.laichau',
    what: 'resets the password of the national admin',
    req: () => ({
      method: 'PATCH',
      url: `/api/users/${uid('admin')}`,
      payload: { password: 'hijacked-1', version: 0 },
    }),
    code: 'out_of_scope',
    user: 'admin',
  },
  {
    who: 'admin.laichau',
    what: 'moves one of its users to 38-SYT',
    req: () => ({
      method: 'PATCH',
      url: `/api/users/${uid('xa.laichau')}`,
      payload: { orgUnit: '38-SYT', version: 0 },
    }),
    code: 'out_of_scope',
    field: 'orgUnit',
    user: 'xa.laichau',
  },
  // A commune official sees their commune only.
  ...['12', '03390', '12-SNV', '38-SYT', 'VN'].map((code): Outside => ({
    who: 'xa.laichau',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  {
    who: 'xa.laichau',
    what: 'lists children of 12',
    req: () => ({ method: 'GET', url: '/api/org-units?parent=12' }),
    code: 'out_of_scope',
    field: 'parent',
  },
  // A department official sees neither the province above nor sibling departments.
  ...['38', '38-SVHTTDL', '12'].map((code): Outside => ({
    who: 'syt.thanhhoa',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  ...['12', '12-STC', '03394'].map((code): Outside => ({
    who: 'snv.laichau',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  ...['VN', '12'].map((code): Outside => ({
    who: 'bnv',
    what: `reads unit ${code}`,
    req: () => ({ method: 'GET', url: `/api/org-units/${code}` }),
    code: 'out_of_scope',
  })),
  // A viewer writes nothing, even inside their own subtree.
  {
    who: 'xem.laichau',
    what: 'creates a unit under 12',
    req: () => ({
      method: 'POST',
      url: '/api/org-units',
      payload: { code: 'XEM-1', name: 'Đơn vị', kind: 'agency', parent: '12' },
    }),
    code: 'forbidden',
  },
  {
    who: 'xem.laichau',
    what: 'renames 12-STC',
    req: () => ({ method: 'PATCH', url: '/api/org-units/12-STC', payload: { name: 'X', version: 0 } }),
    code: 'forbidden',
    unit: '12-STC',
  },
  {
    who: 'xem.laichau',
    what: 'moves 12-STP',
    req: () => ({ method: 'POST', url: '/api/org-units/12-STP/move', payload: { parent: '12-SNV', version: 0 } }),
    code: 'forbidden',
    unit: '12-STP',
  },
  {
    who: 'xem.laichau',
    what: 'closes 12-STP',
    req: () => ({ method: 'POST', url: '/api/org-units/12-STP/close', payload: { validTo: '2026-12-31', version: 0 } }),
    code: 'forbidden',
    unit: '12-STP',
  },
  {
    who: 'xem.laichau',
    what: 'merges 12-STP into 12-STC',
    req: () => ({
      method: 'POST',
      url: '/api/org-units/12-STP/merge',
      payload: { successor: '12-STC', validTo: '2026-12-31', version: 0 },
    }),
    code: 'forbidden',
    unit: '12-STP',
  },
  {
    who: 'xem.laichau',
    what: 'creates a user in 12',
    req: () => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'xem.new', displayName: 'X', password: 'xem-new-pass', orgUnit: '12', roles: ['admin'] },
    }),
    code: 'forbidden',
  },
  {
    who: 'xem.laichau',
    what: 'grants itself admin',
    req: () => ({
      method: 'PATCH',
      url: `/api/users/${uid('xem.laichau')}`,
      payload: { roles: ['admin'], version: 0 },
    }),
    code: 'forbidden',
    user: 'xem.laichau',
  },
  {
    who: 'xem.laichau',
    what: 'reads the users of 12',
    req: () => ({ method: 'GET', url: '/api/users' }),
    code: 'forbidden',
  },
  {
    who: 'xem.laichau',
    what: 'reads the audit log',
    req: () => ({ method: 'GET', url: '/api/audit' }),
    code: 'forbidden',
  },
];

describe('targets outside the caller’s reach', () => {
  it.each(OUTSIDE)('$who $what → 403, nothing written', async (c) => {
    const before = await snapshot();
    const unitBefore = c.unit ? await unitRow(c.unit) : null;
    const userBefore = c.user ? await userRow(uid(c.user)) : null;
    const res = await call(c.who, c.req());
    expect(res.status).toBe(403);
    const err = (res.body as unknown as ErrorBody).error;
    expect(err.code).toBe(c.code);
    if (c.field) expect(Object.keys(err.fields)).toEqual([c.field]);
    expect(await snapshot()).toEqual(before);
    if (c.unit) expect(await unitRow(c.unit)).toEqual(unitBefore);
    if (c.user) expect(await userRow(uid(c.user))).toEqual(userBefore);
  });
});

describe('lists hold only what lies in the caller’s subtree', () => {
  const queries = [
    '/api/org-units?status=all&limit=5000',
    '/api/org-units?kind=commune&limit=5000',
    '/api/org-units?kind=department&status=all',
    '/api/org-units?q=so&status=all&limit=5000',
    '/api/org-units?q=thanh%20hoa&status=all',
    '/api/org-units?status=closed&limit=5000',
  ];
  it.each(USERS.flatMap((u) => queries.map((q) => [u, q] as const)))('%s GET %s', async (user, url) => {
    const res = await call(user, { method: 'GET', url });
    expect(res.status).toBe(200);
    const items = res.body.items as { path: string; code: string }[];
    for (const u of items) expect(isInSubtree(u.path, HOME_PATH[user]), `${u.code} at ${u.path}`).toBe(true);
    expect(res.body.total).toBe(items.length);
  });

  it.each(USERS)('%s sees its own unit and, below it, the children of its unit', async (user) => {
    const all = await call(user, { method: 'GET', url: '/api/org-units?status=all&limit=5000' });
    const codes = (all.body.items as { code: string }[]).map((u) => u.code);
    expect(codes).toContain(HOME[user]);
    const children = await call(user, { method: 'GET', url: `/api/org-units?parent=${HOME[user]}&status=all` });
    expect(children.status).toBe(200);
    for (const u of children.body.items as { path: string }[]) {
      expect(u.path.startsWith(HOME_PATH[user] + '.')).toBe(true);
    }
  });

  it('a province user gets the same Lai Châu list however the search is phrased, and nothing else', async () => {
    const res = await call('tinh.laichau', { method: 'GET', url: '/api/org-units?q=xa&status=all&limit=5000' });
    const items = res.body.items as { path: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => isInSubtree(u.path, 'VN.12'))).toBe(true);
    const thanhHoa = await call('tinh.laichau', { method: 'GET', url: '/api/org-units?q=38-SYT&status=all' });
    expect(thanhHoa.body.items).toEqual([]);
  });

  it('breadcrumbs stop at the caller’s own unit', async () => {
    for (const user of USERS) {
      const res = await call(user, { method: 'GET', url: `/api/org-units/${HOME[user]}` });
      expect(res.status).toBe(200);
      expect(res.body.ancestors).toEqual([]);
    }
    const deep = await call('snv.laichau', { method: 'GET', url: '/api/org-units/12-SNV' });
    expect(deep.body.ancestors).toEqual([]);
    const commune = await call('admin.laichau', { method: 'GET', url: '/api/org-units/03394-B01' });
    expect((commune.body.ancestors as { code: string }[]).map((a) => a.code)).toEqual(['12', '03394']);
  });

  it('admin.laichau lists only users bound to Lai Châu, never those of other provinces', async () => {
    // Users elsewhere, made by the national admin, must not show up.
    await fixtureUser('01');
    await fixtureUser('38-SYT');
    const res = await call('admin.laichau', { method: 'GET', url: '/api/users?limit=1000' });
    expect(res.status).toBe(200);
    const items = res.body.items as { username: string; orgUnitCode: string }[];
    const names = items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['tinh.laichau', 'admin.laichau', 'xa.laichau', 'snv.laichau']));
    for (const other of ['admin', 'bnv', 'syt.thanhhoa']) expect(names).not.toContain(other);
    for (const u of items) expect(isInSubtree(await pathOfCode(u.orgUnitCode), 'VN.12'), u.username).toBe(true);
    const searched = await call('admin.laichau', { method: 'GET', url: '/api/users?q=thanh' });
    expect((searched.body.items as { username: string }[]).map((u) => u.username)).not.toContain('syt.thanhhoa');
    const sub = await call('admin.laichau', { method: 'GET', url: '/api/users?orgUnit=03394' });
    const subItems = sub.body.items as { username: string; orgUnitCode: string }[];
    expect(subItems.map((u) => u.username)).toContain('xa.laichau');
    expect(subItems.map((u) => u.username)).not.toContain('tinh.laichau');
    for (const u of subItems) expect(isInSubtree(await pathOfCode(u.orgUnitCode), 'VN.12.03394')).toBe(true);
  });

  it('admin.laichau reads no audit event about anything outside VN.12', async () => {
    // Activity elsewhere: a unit in Hà Nội, a Thanh Hóa rename, a Thanh Hóa user, a language change there.
    const hn = await fixtureUnits('01');
    const hnId = (await unitRow(hn.unit))!.id;
    const renamed = await call('admin', {
      method: 'PATCH',
      url: '/api/org-units/38-SVHTTDL',
      payload: { name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa (mới)', version: 0 },
    });
    expect(renamed.status).toBe(200);
    const thUser = await fixtureUser('38-SYT');
    expect((await call('syt.thanhhoa', { method: 'PATCH', url: '/api/me', payload: { locale: 'vi' } })).status).toBe(
      200,
    );
    // And something inside, so that the log is not trivially empty.
    const mine = await call('admin.laichau', {
      method: 'POST',
      url: '/api/org-units',
      payload: { code: 'LC-AUDIT', name: 'Đơn vị kiểm tra nhật ký', kind: 'agency', parent: '12' },
    });
    expect(mine.status).toBe(201);

    const items: { id: number; entity: string; entityId: string; before: unknown; after: unknown }[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await call('admin.laichau', { method: 'GET', url: `/api/audit?limit=500&offset=${offset}` });
      expect(page.status).toBe(200);
      const got = page.body.items as typeof items;
      items.push(...got);
      if (got.length < 500) break;
    }
    expect(items.map((e) => e.entityId)).toContain(mine.body.id);
    for (const forbidden of [hnId, thUser, renamed.body.id, uid('syt.thanhhoa'), uid('admin')]) {
      expect(items.map((e) => e.entityId)).not.toContain(forbidden);
    }
    await expectAuditInScope(items, 'VN.12');
    for (const e of items) {
      if (e.entity === 'org_unit') {
        const unit = await t.database.db
          .selectFrom('org_unit')
          .select('path')
          .where('id', '=', e.entityId)
          .executeTakeFirst();
        expect(unit && isInSubtree(unit.path, 'VN.12'), `event ${e.id} on unit ${e.entityId}`).toBe(true);
        for (const side of [e.before, e.after] as ({ path?: string } | null)[]) {
          if (side?.path) expect(isInSubtree(side.path, 'VN.12'), `event ${e.id}: ${side.path}`).toBe(true);
        }
      } else {
        // Users and their sessions: the user is bound to a unit in Lai Châu.
        const u = await t.database.db
          .selectFrom('app_user as u')
          .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
          .select('o.path')
          .where('u.id', '=', e.entityId)
          .executeTakeFirst();
        expect(u && isInSubtree(u.path, 'VN.12'), `event ${e.id} on ${e.entity} ${e.entityId}`).toBe(true);
      }
    }
    // Filtering by an entity outside scope finds nothing rather than leaking it.
    const probe = await call('admin.laichau', { method: 'GET', url: `/api/audit?entityId=${hnId}` });
    expect(probe.status).toBe(200);
    expect(probe.body.items).toEqual([]);
  });

  it('the national admin’s audit log does include those events (the filter is scope, not blindness)', async () => {
    const res = await call('admin', { method: 'GET', url: '/api/audit?entity=org_unit&limit=500' });
    expect(res.status).toBe(200);
    const paths = await t.database.db
      .selectFrom('audit_event')
      .select('org_path')
      .where(
        'id',
        'in',
        (res.body.items as { id: number }[]).map((i) => i.id),
      )
      .execute();
    expect(paths.some((p) => p.org_path.startsWith('VN.01.'))).toBe(true);
    expect(paths.some((p) => p.org_path.startsWith('VN.12.'))).toBe(true);
  });
});
