/**
 * Bad input on every route that takes any: each case is refused with a 4xx (never a 500) in the one
 * error shape, names the offending field, speaks the caller's language, and writes nothing.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrgUnitBody, ERROR_CODES, ORG_KINDS, ROLES, Username } from '@binhdang/domain';
import { DEMO_PASSWORD } from '../src/index.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
/** The admin who sends most bad requests, the national admin, and a user who reads English. */
const ADMIN = 'admin.laichau';
const ROOT = 'admin';
const EN_USER = 'syt.thanhhoa';
type Actor = typeof ADMIN | typeof ROOT | typeof EN_USER | null;

const ids = new Map<string, string>();
const uid = (username: string) => ids.get(username)!;

beforeAll(async () => {
  t = await startTestApp();
  // Sign-ins and set-up are audited; they happen here, before any case measures the log.
  for (const u of [ADMIN, ROOT, EN_USER]) await t.login(u);
  const en = await t.app.inject({
    method: 'PATCH',
    url: '/api/me',
    payload: { locale: 'en' },
    headers: { cookie: await t.login(EN_USER) },
  });
  expect(en.statusCode).toBe(200);
  for (const r of await t.database.db.selectFrom('app_user').select(['id', 'username']).execute()) {
    ids.set(r.username, r.id);
  }
  const cookie = await t.login(ADMIN);
  for (const code of ['BI-NOFROM', 'BI-CLOSED']) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      payload: { code, name: `Đơn vị ${code}`, kind: 'agency', parent: '12' },
      headers: { cookie },
    });
    expect(r.statusCode).toBe(201);
  }
  const closed = await t.app.inject({
    method: 'POST',
    url: '/api/org-units/BI-CLOSED/close',
    payload: { validTo: '2025-08-01', version: 0 },
    headers: { cookie },
  });
  expect(closed.statusCode).toBe(200);
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
interface Case {
  name: string;
  as: Actor;
  method: Method;
  url: string | (() => string);
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with this content type. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  /** Fields the error must name ('roles' also matches 'roles.0'); [] means it names none. */
  fields: string[];
  lang?: 'vi' | 'en';
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

async function snapshot() {
  const r = await sql<Record<string, string>>`SELECT
      (SELECT count(*) FROM audit_event)::text AS audit,
      (SELECT count(*) FROM org_unit)::text AS units,
      (SELECT count(*) FROM app_user)::text AS users,
      (SELECT count(*) FROM user_session)::text AS sessions,
      (SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM org_unit o) AS unit_digest,
      (SELECT md5(string_agg(u::text, ',' ORDER BY u.id)) FROM app_user u) AS user_digest`.execute(t.database.db);
  return r.rows[0]!;
}

/** The row a request aims at (unit in the URL, user in the URL, or the caller for /api/me), re-read from the table. */
async function targetOf(c: Case) {
  const url = typeof c.url === 'string' ? c.url : c.url();
  const unit = /^\/api\/org-units\/([^/?]+)/.exec(url);
  if (unit) {
    const ref = decodeURIComponent(unit[1]!);
    if (ref.includes('\u0000')) return null; // nothing can be stored under such a code
    return t.database.db.selectFrom('org_unit').selectAll().where('code', '=', ref).executeTakeFirst();
  }
  const user = /^\/api\/users\/([0-9a-f-]{36})$/.exec(url);
  if (user) return t.database.db.selectFrom('app_user').selectAll().where('id', '=', user[1]!).executeTakeFirst();
  if (url.startsWith('/api/me') && c.as) {
    return t.database.db.selectFrom('app_user').selectAll().where('username', '=', c.as).executeTakeFirst();
  }
  return null;
}

async function send(c: Pick<Case, 'as' | 'method' | 'url' | 'body' | 'raw' | 'contentType' | 'headers'>) {
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  if (c.as) headers.cookie = await t.login(c.as);
  let payload: string | undefined;
  if (c.raw !== undefined) {
    payload = c.raw;
    headers['content-type'] = c.contentType ?? 'application/json';
  } else if (c.body !== undefined) {
    payload = JSON.stringify(c.body);
    headers['content-type'] = 'application/json';
  }
  return t.app.inject({
    method: c.method,
    url: typeof c.url === 'string' ? c.url : c.url(),
    ...(payload !== undefined ? { payload } : {}),
    headers,
  });
}

interface ErrorBody {
  error: { code: string; message: string; fields: Record<string, string> };
}

function expectErrorShape(body: unknown, status: number): ErrorBody['error'] {
  expect(Object.keys(body as object)).toEqual(['error']);
  const err = (body as ErrorBody).error;
  expect(Object.keys(err).sort()).toEqual(['code', 'fields', 'message']);
  expect(ERROR_CODES[err.code as keyof typeof ERROR_CODES]).toBe(status);
  expect(typeof err.message).toBe('string');
  expect(err.message.length).toBeGreaterThan(0);
  expect(typeof err.fields).toBe('object');
  for (const v of Object.values(err.fields)) expect(typeof v === 'string' && v.length > 0).toBe(true);
  return err;
}

const pad = 'x'.repeat(300 * 1024);
const UUID_NOBODY = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

/** Routes with a body: a valid body for each (so a variant differs from it in one way only), and its required keys. */
interface BodyRoute {
  route: string;
  as: Actor;
  method: Method;
  url: string | (() => string);
  valid: Record<string, unknown>;
  required: string[];
}
const BODY_ROUTES: BodyRoute[] = [
  {
    route: 'POST /api/auth/login',
    as: null,
    method: 'POST',
    url: '/api/auth/login',
    valid: { username: 'xa.laichau', password: DEMO_PASSWORD },
    required: ['username', 'password'],
  },
  {
    route: 'POST /api/org-units',
    as: ADMIN,
    method: 'POST',
    url: '/api/org-units',
    valid: { code: 'BI-NEW', name: 'Đơn vị mới', kind: 'agency', parent: '12' },
    required: ['code', 'name', 'kind', 'parent'],
  },
  {
    route: 'PATCH /api/org-units/:idOrCode',
    as: ADMIN,
    method: 'PATCH',
    url: '/api/org-units/12-SNV',
    valid: { name: 'Sở Nội vụ', version: 0 },
    required: ['version'],
  },
  {
    route: 'POST /api/org-units/:idOrCode/move',
    as: ADMIN,
    method: 'POST',
    url: '/api/org-units/12-SNV/move',
    valid: { parent: '12-STC', version: 0 },
    required: ['parent', 'version'],
  },
  {
    route: 'POST /api/org-units/:idOrCode/close',
    as: ADMIN,
    method: 'POST',
    url: '/api/org-units/12-SNV/close',
    valid: { validTo: '2026-12-31', version: 0 },
    required: ['validTo', 'version'],
  },
  {
    route: 'POST /api/org-units/:idOrCode/merge',
    as: ADMIN,
    method: 'POST',
    url: '/api/org-units/12-SNV/merge',
    valid: { successor: '12-STC', validTo: '2026-12-31', version: 0 },
    required: ['successor', 'validTo', 'version'],
  },
  {
    route: 'POST /api/users',
    as: ADMIN,
    method: 'POST',
    url: '/api/users',
    valid: { username: 'bi.new', displayName: 'Người mới', password: 'password-1', orgUnit: '12', roles: ['viewer'] },
    required: ['username', 'displayName', 'password', 'orgUnit', 'roles'],
  },
  {
    route: 'PATCH /api/users/:id',
    as: ADMIN,
    method: 'PATCH',
    url: () => `/api/users/${uid('xa.laichau')}`,
    valid: { displayName: 'Tên mới', version: 0 },
    required: ['version'],
  },
  { route: 'PATCH /api/me', as: ADMIN, method: 'PATCH', url: '/api/me', valid: { locale: 'vi' }, required: ['locale'] },
  {
    route: 'POST /api/me/password',
    as: ADMIN,
    method: 'POST',
    url: '/api/me/password',
    valid: { currentPassword: DEMO_PASSWORD, newPassword: 'another-pass-1' },
    required: ['currentPassword', 'newPassword'],
  },
];

/** The same malformed bodies on every route that takes one. */
function bodyCases(r: BodyRoute): Case[] {
  const base = { as: r.as, method: r.method, url: r.url };
  const json = JSON.stringify(r.valid);
  const stringKeys = Object.keys(r.valid).filter((k) => typeof r.valid[k] === 'string');
  const cases: Case[] = [
    { name: 'invalid JSON', ...base, raw: '{"a":', status: 400, fields: ['body'] },
    { name: 'truncated JSON', ...base, raw: json.slice(0, -1), status: 400, fields: ['body'] },
    { name: 'trailing comma', ...base, raw: json.slice(0, -1) + ',}', status: 400, fields: ['body'] },
    { name: 'empty body with a JSON content type', ...base, raw: '', status: 400, fields: ['body'] },
    { name: 'JSON null', ...base, raw: 'null', status: 400, fields: ['body'] },
    { name: 'an array', ...base, body: [r.valid], status: 400, fields: ['body'] },
    { name: 'a string', ...base, body: json, status: 400, fields: ['body'] },
    { name: 'a number', ...base, raw: '42', status: 400, fields: ['body'] },
    {
      name: '__proto__ key',
      ...base,
      raw: `{"__proto__":{"admin":true},${json.slice(1)}`,
      status: 400,
      fields: ['body'],
    },
    { name: 'XML', ...base, raw: '<user/>', contentType: 'application/xml', status: 415, fields: ['content-type'] },
    {
      name: 'a form',
      ...base,
      raw: 'username=a&password=b',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      fields: ['content-type'],
    },
    { name: 'JSON sent as text/plain', ...base, raw: json, contentType: 'text/plain', status: 400, fields: ['body'] },
    { name: 'over 256 KB', ...base, body: { ...r.valid, note: pad }, status: 413, fields: ['body'] },
    { name: 'an unknown field', ...base, body: { ...r.valid, isAdmin: true }, status: 400, fields: ['isAdmin'] },
    ...r.required.map((k): Case => ({
      name: `missing ${k}`,
      ...base,
      body: Object.fromEntries(Object.entries(r.valid).filter(([key]) => key !== k)),
      status: 400,
      fields: [k],
    })),
    ...Object.keys(r.valid).map((k): Case => ({
      name: `${k} is an object`,
      ...base,
      body: { ...r.valid, [k]: { $ne: null } },
      status: 400,
      fields: [k],
    })),
    ...stringKeys.map((k): Case => ({
      name: `${k} is empty`,
      ...base,
      body: { ...r.valid, [k]: '' },
      status: 400,
      fields: [k],
    })),
    ...stringKeys.map((k): Case => ({
      name: `${k} holds a NUL`,
      ...base,
      body: { ...r.valid, [k]: 'a\u0000b' },
      status: 400,
      fields: [k],
    })),
  ];
  return cases.map((c) => ({ ...c, name: `${r.route}: ${c.name}` }));
}

const long = (n: number) => 'a'.repeat(n);
const Q = (url: string, status: number, fields: string[], as: Actor = ADMIN): Case => ({
  name: `GET ${url.length > 70 ? url.slice(0, 70) + '…' : url}`,
  as,
  method: 'GET',
  url,
  status,
  fields,
});
const B = (
  name: string,
  method: Method,
  url: string | (() => string),
  body: unknown,
  status: number,
  fields: string[],
  as: Actor = ADMIN,
): Case => ({
  name: `${method} ${typeof url === 'string' ? url : url().replace(/[0-9a-f-]{36}/, ':id')}: ${name}`,
  as,
  method,
  url,
  body,
  status,
  fields,
});

const CASES: Case[] = [
  ...BODY_ROUTES.flatMap(bodyCases),

  // Sign-in: not signed in, Vietnamese by default.
  B('blank username', 'POST', '/api/auth/login', { username: '   ', password: 'x' }, 400, ['username'], null),
  B('username too long', 'POST', '/api/auth/login', { username: long(65), password: 'x' }, 400, ['username'], null),
  B(
    'password too long',
    'POST',
    '/api/auth/login',
    { username: 'admin', password: long(257) },
    400,
    ['password'],
    null,
  ),
  B('username is a number', 'POST', '/api/auth/login', { username: 12, password: 'x' }, 400, ['username'], null),

  // Org-unit lists: query strings.
  Q('/api/org-units?limit=0', 400, ['limit']),
  Q('/api/org-units?limit=999999', 400, ['limit']),
  Q('/api/org-units?limit=-1', 400, ['limit']),
  Q('/api/org-units?limit=1.5', 400, ['limit']),
  Q('/api/org-units?limit=abc', 400, ['limit']),
  Q('/api/org-units?limit=', 400, ['limit']),
  Q('/api/org-units?limit=1&limit=2', 400, ['limit']),
  Q('/api/org-units?offset=-1', 400, ['offset']),
  Q('/api/org-units?offset=1000001', 400, ['offset']),
  Q('/api/org-units?offset=x', 400, ['offset']),
  Q('/api/org-units?kind=planet', 400, ['kind']),
  Q('/api/org-units?kind=', 400, ['kind']),
  Q('/api/org-units?status=open', 400, ['status']),
  Q('/api/org-units?foo=1', 400, ['foo']),
  Q(`/api/org-units?q=${long(101)}`, 400, ['q']),
  Q('/api/org-units?q=a%00b', 400, ['q']),
  Q('/api/org-units?parent=', 400, ['parent']),
  Q(`/api/org-units?parent=${long(65)}`, 400, ['parent']),
  Q('/api/org-units?parent=a%00', 400, ['parent']),
  Q('/api/org-units?parent=NOPE', 404, ['parent']),
  Q('/api/org-units?parent=01', 403, ['parent']),
  // One org unit: the path parameter.
  Q(`/api/org-units/${long(65)}`, 400, ['idOrCode']),
  Q('/api/org-units/%20%20', 400, ['idOrCode']),
  Q('/api/org-units/a%00b', 400, ['idOrCode']),
  Q('/api/org-units/NOPE', 404, []),
  Q(`/api/org-units/${UUID_NOBODY}`, 404, []),

  // Creating a unit.
  ...['A.B', 'a b', 'ĐƠN-VỊ', long(41), '12/3', '%'].map((code) =>
    B(
      `code ${JSON.stringify(code).slice(0, 20)}`,
      'POST',
      '/api/org-units',
      { code, name: 'X', kind: 'agency', parent: '12' },
      400,
      ['code'],
    ),
  ),
  B('name too long', 'POST', '/api/org-units', { code: 'BI-1', name: long(201), kind: 'agency', parent: '12' }, 400, [
    'name',
  ]),
  B('blank name', 'POST', '/api/org-units', { code: 'BI-1', name: '  ', kind: 'agency', parent: '12' }, 400, ['name']),
  B('unknown kind', 'POST', '/api/org-units', { code: 'BI-1', name: 'X', kind: 'planet', parent: '12' }, 400, ['kind']),
  B('kind in capitals', 'POST', '/api/org-units', { code: 'BI-1', name: 'X', kind: 'Agency', parent: '12' }, 400, [
    'kind',
  ]),
  B('kind is a number', 'POST', '/api/org-units', { code: 'BI-1', name: 'X', kind: 3, parent: '12' }, 400, ['kind']),
  ...['2026-13-45', '31/12/2026', '2026-02-30', '2026-1-5', '2026-12-31T00:00:00Z', '0000-01-01', ''].map((validFrom) =>
    B(
      `validFrom ${JSON.stringify(validFrom)}`,
      'POST',
      '/api/org-units',
      { code: 'BI-1', name: 'X', kind: 'agency', parent: '12', validFrom },
      400,
      ['validFrom'],
    ),
  ),
  B(
    'nameEn null',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', nameEn: null, kind: 'agency', parent: '12' },
    400,
    ['nameEn'],
  ),
  B(
    'blank unitType',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', unitType: '', kind: 'agency', parent: '12' },
    400,
    ['unitType'],
  ),
  B(
    'fullName a number',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', fullName: 5, kind: 'agency', parent: '12' },
    400,
    ['fullName'],
  ),
  B('unknown parent', 'POST', '/api/org-units', { code: 'BI-1', name: 'X', kind: 'agency', parent: 'NOPE' }, 404, [
    'parent',
  ]),
  B(
    'parent a UUID of nothing',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', kind: 'agency', parent: UUID_NOBODY },
    404,
    ['parent'],
  ),
  B(
    'a province under a commune',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', kind: 'province', parent: '03394' },
    400,
    ['kind'],
  ),
  B(
    'a closed parent',
    'POST',
    '/api/org-units',
    { code: 'BI-1', name: 'X', kind: 'agency', parent: 'BI-CLOSED' },
    400,
    ['parent'],
  ),
  B(
    'a code that is taken',
    'POST',
    '/api/org-units',
    { code: '12-SNV', name: 'X', kind: 'agency', parent: '12' },
    409,
    ['code'],
  ),
  B(
    'a code taken elsewhere in the country',
    'POST',
    '/api/org-units',
    { code: '01', name: 'X', kind: 'agency', parent: '12' },
    409,
    ['code'],
  ),

  // Renaming.
  ...[-1, 1.5, '0', null, 1e300].map((version) =>
    B(`version ${JSON.stringify(version)}`, 'PATCH', '/api/org-units/12-SNV', { name: 'X', version }, 400, ['version']),
  ),
  B('name a number', 'PATCH', '/api/org-units/12-SNV', { name: 123, version: 0 }, 400, ['name']),
  B('blank nameEn', 'PATCH', '/api/org-units/12-SNV', { nameEn: ' ', version: 0 }, 400, ['nameEn']),
  B('fullName too long', 'PATCH', '/api/org-units/12-SNV', { fullName: long(301), version: 0 }, 400, ['fullName']),
  B('stale version', 'PATCH', '/api/org-units/12-SNV', { name: 'X', version: 5 }, 409, ['version']),
  B('unknown unit', 'PATCH', '/api/org-units/NOPE', { name: 'X', version: 0 }, 404, []),
  B('code too long', 'PATCH', `/api/org-units/${long(65)}`, { name: 'X', version: 0 }, 400, ['idOrCode']),

  // Moving.
  B('unknown parent', 'POST', '/api/org-units/12-SNV/move', { parent: 'NOPE', version: 0 }, 404, ['parent']),
  B('into itself', 'POST', '/api/org-units/12-SNV/move', { parent: '12-SNV', version: 0 }, 400, ['parent']),
  B('a department under a commune', 'POST', '/api/org-units/12-SNV/move', { parent: '03394', version: 0 }, 400, [
    'parent',
  ]),
  B('a commune into its own village', 'POST', '/api/org-units/03394/move', { parent: '03394-B01', version: 0 }, 400, [
    'parent',
  ]),
  B('stale version', 'POST', '/api/org-units/12-SNV/move', { parent: '12-STC', version: 3 }, 409, ['version']),
  B('version a string', 'POST', '/api/org-units/12-SNV/move', { parent: '12-STC', version: 'v0' }, 400, ['version']),

  // Closing.
  ...['2026-13-45', '31/12/2026', '2026-12-31T00:00:00Z', '', 'tomorrow', 20261231].map((validTo) =>
    B(`validTo ${JSON.stringify(validTo)}`, 'POST', '/api/org-units/12-SNV/close', { validTo, version: 0 }, 400, [
      'validTo',
    ]),
  ),
  B('validTo before validFrom', 'POST', '/api/org-units/12-SNV/close', { validTo: '2020-01-01', version: 0 }, 400, [
    'validTo',
  ]),
  B('validTo in year 0', 'POST', '/api/org-units/BI-NOFROM/close', { validTo: '0000-01-01', version: 0 }, 400, [
    'validTo',
  ]),
  B('a unit with active sub-units', 'POST', '/api/org-units/03394/close', { validTo: '2026-12-31', version: 0 }, 409, [
    'validTo',
  ]),
  B('already closed', 'POST', '/api/org-units/BI-CLOSED/close', { validTo: '2026-12-31', version: 1 }, 409, [
    'validTo',
  ]),
  B('stale version', 'POST', '/api/org-units/12-SNV/close', { validTo: '2026-12-31', version: 9 }, 409, ['version']),

  // Merging.
  B(
    'unknown successor',
    'POST',
    '/api/org-units/12-SNV/merge',
    { successor: 'NOPE', validTo: '2026-12-31', version: 0 },
    404,
    ['successor'],
  ),
  B(
    'closed successor',
    'POST',
    '/api/org-units/12-SNV/merge',
    { successor: 'BI-CLOSED', validTo: '2026-12-31', version: 0 },
    400,
    ['successor'],
  ),
  B(
    'into itself',
    'POST',
    '/api/org-units/12-SNV/merge',
    { successor: '12-SNV', validTo: '2026-12-31', version: 0 },
    400,
    ['successor'],
  ),
  B(
    'bad validTo',
    'POST',
    '/api/org-units/12-SNV/merge',
    { successor: '12-STC', validTo: '2026-13-45', version: 0 },
    400,
    ['validTo'],
  ),
  B(
    'validTo in year 0',
    'POST',
    '/api/org-units/BI-NOFROM/merge',
    { successor: '12-STC', validTo: '0000-01-01', version: 0 },
    400,
    ['validTo'],
  ),
  B(
    'successor a list',
    'POST',
    '/api/org-units/12-SNV/merge',
    { successor: ['12-STC'], validTo: '2026-12-31', version: 0 },
    400,
    ['successor'],
  ),

  // Users: lists and one user.
  Q('/api/users?limit=0', 400, ['limit']),
  Q('/api/users?limit=999999', 400, ['limit']),
  Q('/api/users?offset=-1', 400, ['offset']),
  Q('/api/users?offset=abc', 400, ['offset']),
  Q('/api/users?orgUnit=', 400, ['orgUnit']),
  Q('/api/users?orgUnit=NOPE', 404, ['orgUnit']),
  Q(`/api/users?q=${long(101)}`, 400, ['q']),
  Q('/api/users?q=%00', 400, ['q']),
  Q('/api/users?role=admin', 400, ['role']),
  Q('/api/users/not-a-uuid', 400, ['id']),
  Q('/api/users/123', 400, ['id']),
  Q('/api/users/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', 400, ['id']),
  Q('/api/users/%00', 400, ['id']),
  Q(`/api/users/${UUID_NOBODY}`, 404, []),

  // Creating a user.
  ...['ab', 'a b c', '.dot.first', 'ngườidùng', long(51), 'x;drop'].map((username) =>
    B(
      `username ${JSON.stringify(username).slice(0, 20)}`,
      'POST',
      '/api/users',
      { username, displayName: 'X', password: 'password-1', orgUnit: '12', roles: ['viewer'] },
      400,
      ['username'],
    ),
  ),
  B(
    'username taken',
    'POST',
    '/api/users',
    { username: 'xa.laichau', displayName: 'X', password: 'password-1', orgUnit: '12', roles: ['viewer'] },
    409,
    ['username'],
  ),
  B(
    'username taken, in capitals',
    'POST',
    '/api/users',
    { username: 'XA.LaiChau', displayName: 'X', password: 'password-1', orgUnit: '12', roles: ['viewer'] },
    409,
    ['username'],
  ),
  B(
    'displayName too long',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: long(121), password: 'password-1', orgUnit: '12', roles: ['viewer'] },
    400,
    ['displayName'],
  ),
  B(
    'password too short',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: '1234567', orgUnit: '12', roles: ['viewer'] },
    400,
    ['password'],
  ),
  B(
    'password too long',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: long(257), orgUnit: '12', roles: ['viewer'] },
    400,
    ['password'],
  ),
  B(
    'password a number',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 12345678, orgUnit: '12', roles: ['viewer'] },
    400,
    ['password'],
  ),
  B(
    'no roles',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: '12', roles: [] },
    400,
    ['roles'],
  ),
  B(
    'an unknown role',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: '12', roles: ['god'] },
    400,
    ['roles'],
  ),
  B(
    'roles a string',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: '12', roles: 'admin' },
    400,
    ['roles'],
  ),
  B(
    'six roles',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: '12', roles: [...ROLES, 'admin'] },
    400,
    ['roles'],
  ),
  B(
    'unknown locale',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: '12', roles: ['viewer'], locale: 'fr' },
    400,
    ['locale'],
  ),
  B(
    'unknown unit',
    'POST',
    '/api/users',
    { username: 'bi.u1', displayName: 'X', password: 'password-1', orgUnit: 'NOPE', roles: ['viewer'] },
    404,
    ['orgUnit'],
  ),

  // Updating a user.
  ...(
    [
      ['no roles', { roles: [], version: 0 }, 'roles'],
      ['an unknown role', { roles: ['root'], version: 0 }, 'roles'],
      ['active a string', { active: 'yes', version: 0 }, 'active'],
      ['active a number', { active: 0, version: 0 }, 'active'],
      ['password too short', { password: 'short', version: 0 }, 'password'],
      ['blank displayName', { displayName: ' ', version: 0 }, 'displayName'],
      ['negative version', { displayName: 'X', version: -1 }, 'version'],
    ] as const
  ).map(([name, body, field]) => B(name, 'PATCH', () => `/api/users/${uid('xa.laichau')}`, body, 400, [field])),
  B('stale version', 'PATCH', () => `/api/users/${uid('xa.laichau')}`, { displayName: 'X', version: 7 }, 409, [
    'version',
  ]),
  B('unknown unit', 'PATCH', () => `/api/users/${uid('xa.laichau')}`, { orgUnit: 'NOPE', version: 0 }, 404, [
    'orgUnit',
  ]),
  B('deactivating oneself', 'PATCH', () => `/api/users/${uid(ADMIN)}`, { active: false, version: 0 }, 400, ['active']),
  B(
    'dropping one’s own admin role',
    'PATCH',
    () => `/api/users/${uid(ADMIN)}`,
    { roles: ['viewer'], version: 0 },
    400,
    ['roles'],
  ),
  B('bad id', 'PATCH', '/api/users/nope', { displayName: 'X', version: 0 }, 400, ['id']),
  B('nobody', 'PATCH', `/api/users/${UUID_NOBODY}`, { displayName: 'X', version: 0 }, 404, []),

  // The audit log.
  Q('/api/audit?limit=0', 400, ['limit']),
  Q('/api/audit?limit=999999', 400, ['limit']),
  Q('/api/audit?offset=-1', 400, ['offset']),
  Q(`/api/audit?entity=${long(41)}`, 400, ['entity']),
  Q(`/api/audit?entityId=${long(65)}`, 400, ['entityId']),
  Q('/api/audit?entityId=a%00', 400, ['entityId']),
  Q('/api/audit?since=2026-01-01', 400, ['since']),

  // Oneself.
  B('locale fr', 'PATCH', '/api/me', { locale: 'fr' }, 400, ['locale']),
  B('locale a number', 'PATCH', '/api/me', { locale: 1 }, 400, ['locale']),
  B(
    'new password too short',
    'POST',
    '/api/me/password',
    { currentPassword: DEMO_PASSWORD, newPassword: '1234567' },
    400,
    ['newPassword'],
  ),
  B(
    'new password too long',
    'POST',
    '/api/me/password',
    { currentPassword: DEMO_PASSWORD, newPassword: long(257) },
    400,
    ['newPassword'],
  ),
  B(
    'wrong current password',
    'POST',
    '/api/me/password',
    { currentPassword: 'not-it-at-all', newPassword: 'another-pass-1' },
    400,
    ['currentPassword'],
  ),
];

// Language: English on request for someone not signed in, and for a user who chose English.
const EN_CASES: Case[] = [
  {
    ...B('blank username', 'POST', '/api/auth/login', { username: '', password: 'x' }, 400, ['username'], null),
    headers: { 'accept-language': 'en-US,en;q=0.9' },
  },
  {
    ...B('missing password', 'POST', '/api/auth/login', { username: 'admin' }, 400, ['password'], null),
    headers: { 'accept-language': 'en' },
  },
  {
    ...B('invalid JSON', 'POST', '/api/auth/login', undefined, 400, ['body'], null),
    raw: '{',
    headers: { 'accept-language': 'en' },
  },
  Q('/api/org-units?limit=0', 400, ['limit'], EN_USER),
  Q('/api/org-units?kind=planet', 400, ['kind'], EN_USER),
  Q('/api/org-units?parent=12', 403, ['parent'], EN_USER),
  Q('/api/org-units/12', 403, [], EN_USER),
  Q('/api/org-units/NOPE', 404, [], EN_USER),
  Q('/api/org-units/a%00', 400, ['idOrCode'], EN_USER),
  Q('/api/users', 403, [], EN_USER),
  B(
    'not an admin',
    'POST',
    '/api/org-units',
    { code: 'BI-EN', name: 'X', kind: 'agency', parent: '38-SYT' },
    403,
    [],
    EN_USER,
  ),
  B('locale fr', 'PATCH', '/api/me', { locale: 'fr' }, 400, ['locale'], EN_USER),
  B('an unknown field', 'PATCH', '/api/me', { locale: 'en', theme: 'dark' }, 400, ['theme'], EN_USER),
  B(
    'new password too short',
    'POST',
    '/api/me/password',
    { currentPassword: DEMO_PASSWORD, newPassword: 'short' },
    400,
    ['newPassword'],
    EN_USER,
  ),
  B(
    'wrong current password',
    'POST',
    '/api/me/password',
    { currentPassword: 'nope-nope', newPassword: 'long-enough-1' },
    400,
    ['currentPassword'],
    EN_USER,
  ),
  {
    ...B('XML', 'PATCH', '/api/me', undefined, 415, ['content-type'], EN_USER),
    raw: '<me/>',
    contentType: 'application/xml',
  },
  { ...B('over 256 KB', 'PATCH', '/api/me', { locale: 'en', x: pad }, 413, ['body'], EN_USER) },
].map((c) => ({ ...c, lang: 'en' as const }));

async function expectRefused(c: Case) {
  const before = await snapshot();
  const target = await targetOf(c);
  const res = await send(c);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const err = expectErrorShape(res.json(), c.status);
  const keys = Object.keys(err.fields);
  if (c.fields.length === 0) expect(keys).toEqual([]);
  for (const f of c.fields)
    expect(
      keys.some((k) => k === f || k.startsWith(f + '.')),
      `fields ${keys.join(',')} lack ${f}`,
    ).toBe(true);
  const texts = [err.message, ...Object.values(err.fields)];
  if ((c.lang ?? 'vi') === 'vi') for (const s of texts) expect(s).toMatch(VIETNAMESE);
  else for (const s of texts) expect(s).not.toMatch(VIETNAMESE);
  expect(await snapshot()).toEqual(before);
  expect(await targetOf(c)).toEqual(target);
}

describe('bad input is refused with a 4xx naming the field, and writes nothing', () => {
  it.each(CASES)('$name → $status', expectRefused);
});

describe('messages speak the caller’s language', () => {
  it.each(EN_CASES)('[en] $name → $status', expectRefused);

  it('Vietnamese by default, word for word', async () => {
    const res = await send({ as: null, method: 'POST', url: '/api/auth/login', body: { username: '', password: 'x' } });
    expect(res.json()).toEqual({
      error: { code: 'validation', message: 'Dữ liệu không hợp lệ', fields: { username: 'Không được để trống' } },
    });
    const scope = await send({ as: ADMIN, method: 'GET', url: '/api/org-units?parent=38' });
    expect(scope.json()).toEqual({
      error: {
        code: 'out_of_scope',
        message: 'Đơn vị nằm ngoài phạm vi quản lý của bạn',
        fields: { parent: 'Đơn vị nằm ngoài phạm vi quản lý của bạn' },
      },
    });
  });

  it('English on request, word for word', async () => {
    const res = await send({
      as: null,
      method: 'POST',
      url: '/api/auth/login',
      body: { username: '', password: 'x' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.json()).toEqual({
      error: { code: 'validation', message: 'Invalid input', fields: { username: 'Must not be empty' } },
    });
    const limit = await send({ as: EN_USER, method: 'GET', url: '/api/org-units?limit=999999' });
    expect(limit.json()).toEqual({
      error: { code: 'validation', message: 'Invalid input', fields: { limit: 'Must be at most 5000' } },
    });
  });

  it('a signed-in user’s saved language wins over the request header', async () => {
    const vi = await send({
      as: ADMIN,
      method: 'GET',
      url: '/api/org-units?limit=0',
      headers: { 'accept-language': 'en' },
    });
    expect(vi.json().error.message).toBe('Dữ liệu không hợp lệ');
    const en = await send({
      as: EN_USER,
      method: 'GET',
      url: '/api/org-units?limit=0',
      headers: { 'accept-language': 'vi' },
    });
    expect(en.json().error.message).toBe('Invalid input');
  });
});

describe('random JSON never breaks the server', () => {
  const REFUSALS = [400, 403, 404, 409, 413, 415];
  const junk = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '0000-01-01', '2026-13-45', '2026-02-30', '-1', 'NaN', '__proto__'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  // A value the schema would accept as a new code or username is never generated, so a body that
  // passes validation always collides with an existing unit or user (409) instead of being created.
  const codeLike = (v: unknown) => typeof v === 'string' && CreateOrgUnitBody.shape.code.safeParse(v).success;
  const usernameLike = (v: unknown) => typeof v === 'string' && Username.safeParse(v).success;
  // Mostly plausible values, so that many bodies pass validation and reach the database, mixed with junk.
  const likely = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
    fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
  const nul = fc.constantFrom('\u0000', 'a\u0000b', '12\u0000');
  const text = (maxLength: number) => fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength }), nul);
  const unitRef = fc.oneof(
    {
      arbitrary: fc.constantFrom('12', '03394', '12-SNV', '01', '38-SYT', 'VN', 'BI-CLOSED', 'NOPE', UUID_NOBODY),
      weight: 2,
    },
    { arbitrary: nul, weight: 1 },
    { arbitrary: junk, weight: 1 },
  );
  const orgFields = {
    code: likely(
      fc.constantFrom('12-SNV', '03394', '01', 'VN', 'BI-CLOSED'),
      junk.filter((v) => !codeLike(v)),
    ),
    name: likely(text(210), junk),
    nameEn: likely(text(210), junk),
    fullName: likely(text(310), junk),
    kind: likely(fc.constantFrom(...ORG_KINDS), junk),
    unitType: likely(text(70), junk),
    parent: unitRef,
    validFrom: likely(fc.constantFrom('2026-01-01', '0000-01-01', '2026-02-30', '1900-01-01'), junk),
  };
  const orgBody = fc.oneof(
    fc.record(orgFields, { requiredKeys: ['code', 'name', 'kind', 'parent'] }),
    fc.record(orgFields, { requiredKeys: [] }),
  );
  const userFields = {
    username: likely(
      fc.constantFrom('xa.laichau', 'ADMIN', 'admin.laichau', 'syt.thanhhoa', ' Admin '),
      junk.filter((v) => !usernameLike(v)),
    ),
    displayName: likely(text(130), junk),
    password: likely(fc.string({ unit: 'binary', minLength: 8, maxLength: 40 }), junk),
    orgUnit: unitRef,
    roles: likely(
      fc.subarray([...ROLES], { minLength: 1 }),
      fc.oneof(fc.array(fc.oneof(fc.constantFrom(...ROLES), junk), { maxLength: 7 }), junk),
    ),
    locale: likely(fc.constantFrom('vi', 'en'), junk),
  };
  const userBody = fc.oneof(
    fc.record(userFields, { requiredKeys: ['username', 'displayName', 'password', 'orgUnit', 'roles'] }),
    fc.record(userFields, { requiredKeys: [] }),
  );
  const withExtras = <T extends object>(arb: fc.Arbitrary<T>, known: string[]) =>
    fc.oneof(
      { arbitrary: arb, weight: 3 },
      {
        arbitrary: fc
          .tuple(
            arb,
            fc.dictionary(
              fc.string({ maxLength: 12 }).filter((k) => !known.includes(k)),
              junk,
              { minKeys: 1, maxKeys: 2 },
            ),
          )
          .map(([a, b]) => ({ ...b, ...a })),
        weight: 1,
      },
      { arbitrary: junk, weight: 1 },
    );

  async function checkNoWrite(url: string, as: Actor, body: unknown) {
    const before = await snapshot();
    const res = await send({ as, method: 'POST', url, raw: JSON.stringify(body) ?? 'null' });
    expect(
      REFUSALS,
      `${res.statusCode} for ${JSON.stringify(body)?.slice(0, 300)}: ${res.body.slice(0, 200)}`,
    ).toContain(res.statusCode);
    expectErrorShape(res.json(), res.statusCode);
    expect(await snapshot()).toEqual(before);
  }

  it('POST /api/org-units', async () => {
    await fc.assert(
      fc.asyncProperty(
        withExtras(orgBody, Object.keys(CreateOrgUnitBody.shape)),
        fc.constantFrom(ADMIN, ROOT),
        (body, as) => checkNoWrite('/api/org-units', as, body),
      ),
      { numRuns: 50 },
    );
  });

  it('POST /api/users', async () => {
    await fc.assert(
      fc.asyncProperty(
        withExtras(userBody, ['username', 'displayName', 'password', 'orgUnit', 'roles', 'locale']),
        fc.constantFrom(ADMIN, ROOT),
        (body, as) => checkNoWrite('/api/users', as, body),
      ),
      { numRuns: 50 },
    );
  });
});
