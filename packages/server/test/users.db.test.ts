/**
 * User administration: create, update with versions, deactivate, reset passwords, and the guard
 * against an admin locking themselves out. Every change is audited once, without password hashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, sessionCookie, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const ADMIN = 'admin.laichau';
let adminId: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.login(ADMIN);
  await t.login('admin');
  adminId = (
    await t.database.db.selectFrom('app_user').select('id').where('username', '=', ADMIN).executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t.close());

interface UserDto {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  orgUnitCode: string;
  roles: string[];
  locale: string;
  active: boolean;
  createdAt: string;
  version: number;
}
const USER_KEYS = [
  'active',
  'createdAt',
  'displayName',
  'id',
  'locale',
  'orgUnitCode',
  'orgUnitId',
  'orgUnitName',
  'roles',
  'username',
  'version',
];

async function as(username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { cookie: await t.login(username) },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, raw: res.body };
}

/** Signs in without the harness's cookie cache, so each call is a new session. */
async function signIn(username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}
async function me(cookie: string) {
  return (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode;
}

async function row(id: string) {
  return t.database.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function auditOf(entityId: string) {
  return t.database.db
    .selectFrom('audit_event')
    .selectAll()
    .where('entity', '=', 'user')
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
async function sessionsOf(userId: string) {
  const r = await t.database.db
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** No password, hash or hash-looking value anywhere in an audit side or a response. */
function expectNoSecrets(value: unknown, ...passwords: string[]) {
  const json = JSON.stringify(value) ?? '';
  expect(json).not.toMatch(/\$argon2/);
  expect(json).not.toMatch(/"password/i);
  expect(json).not.toMatch(/passwordHash|password_hash/i);
  for (const p of passwords) expect(json).not.toContain(p);
}

async function create(body: Record<string, unknown>, by = ADMIN) {
  const r = await as(by, 'POST', '/api/users', body);
  expect(r.status, r.raw).toBe(201);
  return r.body as unknown as UserDto;
}

let userNo = 0;
const fresh = (prefix: string) => `${prefix}.${++userNo}`;

describe('creating a user', () => {
  it('returns 201 with roles deduplicated and no password, stores a hash, and the user can sign in', async () => {
    const before = await auditCount(t.database);
    const res = await as(ADMIN, 'POST', '/api/users', {
      username: '  Nguoi.Moi ',
      displayName: 'Nguyễn Văn Mới',
      password: 'mat-khau-moi-1',
      orgUnit: '03394',
      roles: ['reporter', 'reporter', 'viewer', 'reporter'],
    });
    expect(res.status).toBe(201);
    const u = res.body as unknown as UserDto;
    expect(Object.keys(u).sort()).toEqual(USER_KEYS);
    expect(u).toMatchObject({
      username: 'nguoi.moi',
      displayName: 'Nguyễn Văn Mới',
      orgUnitCode: '03394',
      roles: ['reporter', 'viewer'],
      locale: 'vi',
      active: true,
      version: 0,
    });
    expectNoSecrets(res.raw, 'mat-khau-moi-1');

    const stored = await row(u.id);
    expect(stored.roles).toEqual(['reporter', 'viewer']);
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain('mat-khau-moi-1');

    expect(await auditCount(t.database)).toBe(before + 1);
    const [event, ...more] = await auditOf(u.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ action: 'create', user_id: adminId, org_path: 'VN.12.03394', before: null });
    expect(event!.after).toEqual(u);
    expectNoSecrets([event!.before, event!.after], 'mat-khau-moi-1');

    const got = await as(ADMIN, 'GET', `/api/users/${u.id}`);
    expect(got.body).toEqual(u);

    const login = await signIn('nguoi.moi', 'mat-khau-moi-1');
    expect(login.statusCode).toBe(200);
    const session = sessionCookie(login);
    const meRes = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session } });
    expect(meRes.json().user).toMatchObject({ id: u.id, username: 'nguoi.moi', roles: ['reporter', 'viewer'] });
    expect(meRes.json().orgUnit.code).toBe('03394');
    expect((await signIn('nguoi.moi', 'wrong-password')).statusCode).toBe(401);
  });

  it('refuses a taken username with 409 naming the field, in any case and spacing, writing nothing', async () => {
    for (const username of ['nguoi.moi', 'NGUOI.MOI', ' Nguoi.Moi', 'xa.laichau', 'admin']) {
      const audit = await auditCount(t.database);
      const users = await t.database.db.selectFrom('app_user').select('id').execute();
      const r = await as(ADMIN, 'POST', '/api/users', {
        username,
        displayName: 'Trùng tên',
        password: 'password-dup',
        orgUnit: '12',
        roles: ['viewer'],
      });
      expect(r.status, username).toBe(409);
      expect(Object.keys((r.body.error as { fields: object }).fields)).toEqual(['username']);
      expect(await auditCount(t.database)).toBe(audit);
      expect(await t.database.db.selectFrom('app_user').select('id').execute()).toEqual(users);
    }
  });

  it('two simultaneous creates of one username: one 201, one 409 naming the field, never a 500', async () => {
    const username = fresh('dong.thoi');
    const before = await auditCount(t.database);
    const results = await Promise.all(
      ['A', 'B'].map((n) =>
        as(ADMIN, 'POST', '/api/users', {
          username,
          displayName: `Người ${n}`,
          password: 'password-race',
          orgUnit: '12',
          roles: ['viewer'],
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(Object.keys((loser.body.error as { fields: object }).fields)).toEqual(['username']);
    const rows = await t.database.db.selectFrom('app_user').select('id').where('username', '=', username).execute();
    expect(rows.length).toBe(1);
    expect(await auditCount(t.database)).toBe(before + 1);
  });
});

describe('updating a user', () => {
  it('changes roles, unit and name at the given version, audits before and after, and refuses a stale version', async () => {
    const u = await create({
      username: fresh('cap.nhat'),
      displayName: 'Tên cũ',
      password: 'password-upd',
      orgUnit: '12',
      roles: ['viewer'],
    });
    const audit = await auditCount(t.database);
    const res = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, {
      displayName: 'Tên mới',
      roles: ['planner', 'planner', 'reviewer'],
      orgUnit: '12-SNV',
      version: 0,
    });
    expect(res.status).toBe(200);
    const after = res.body as unknown as UserDto;
    expect(after).toMatchObject({
      id: u.id,
      username: u.username,
      displayName: 'Tên mới',
      roles: ['planner', 'reviewer'],
      orgUnitCode: '12-SNV',
      version: 1,
      active: true,
    });
    expect(await auditCount(t.database)).toBe(audit + 1);
    const events = await auditOf(u.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    const update = events[1]!;
    expect(update.user_id).toBe(adminId);
    expect(update.org_path).toBe('VN.12.12-SNV');
    expect(update.before).toEqual(u);
    expect(update.after).toEqual(after);
    expectNoSecrets([update.before, update.after], 'password-upd');

    // The same event through the API, scoped to the admin who can see the user.
    const api = await as(ADMIN, 'GET', `/api/audit?entity=user&entityId=${u.id}`);
    const apiEvents = api.body.items as { action: string; before: unknown; after: unknown }[];
    expect(apiEvents.map((e) => e.action)).toEqual(['update', 'create']);
    expect(apiEvents[0]!.before).toEqual(u);
    expect(apiEvents[0]!.after).toEqual(after);

    const stored = await row(u.id);
    const stale = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { displayName: 'Ghi đè', version: 0 });
    expect(stale.status).toBe(409);
    expect(Object.keys((stale.body.error as { fields: object }).fields)).toEqual(['version']);
    expect(await row(u.id)).toEqual(stored);
    expect(await auditCount(t.database)).toBe(audit + 1);
  });

  it('two simultaneous updates at one version: one wins, the other gets 409, nothing is lost silently', async () => {
    const u = await create({
      username: fresh('song.song'),
      displayName: 'Ban đầu',
      password: 'password-par',
      orgUnit: '12',
      roles: ['viewer'],
    });
    const audit = await auditCount(t.database);
    const results = await Promise.all(
      ['Người A', 'Người B'].map((displayName) =>
        as(ADMIN, 'PATCH', `/api/users/${u.id}`, { displayName, version: 0 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as unknown as UserDto;
    const stored = await row(u.id);
    expect(stored.version).toBe(1);
    expect(stored.display_name).toBe(winner.displayName);
    expect(await auditCount(t.database)).toBe(audit + 1);
  });

  it('an update that changes nothing but the version still needs the current version', async () => {
    const u = await create({
      username: fresh('phien.ban'),
      displayName: 'X',
      password: 'password-ver',
      orgUnit: '12',
      roles: ['viewer'],
    });
    expect((await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { version: 1 })).status).toBe(409);
    const ok = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { version: 0 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(1);
  });
});

describe('deactivating a user', () => {
  it('ends every session of theirs, refuses their sign-in, and a reactivation lets them sign in again', async () => {
    const u = await create({
      username: fresh('tam.khoa'),
      displayName: 'Tạm khoá',
      password: 'password-lock',
      orgUnit: '03394',
      roles: ['reporter'],
    });
    const cookies = [
      sessionCookie(await signIn(u.username, 'password-lock')),
      sessionCookie(await signIn(u.username, 'password-lock')),
    ];
    for (const c of cookies) expect(await me(c)).toBe(200);
    expect(await sessionsOf(u.id)).toBe(2);

    const audit = await auditCount(t.database);
    const res = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { active: false, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await auditCount(t.database)).toBe(audit + 1);
    const event = (await auditOf(u.id)).at(-1)!;
    expect(event.action).toBe('update');
    expect((event.before as UserDto).active).toBe(true);
    expect((event.after as UserDto).active).toBe(false);
    expectNoSecrets([event.before, event.after], 'password-lock');

    for (const c of cookies) expect(await me(c)).toBe(401);
    expect(await sessionsOf(u.id)).toBe(0);
    const refused = await signIn(u.username, 'password-lock');
    expect(refused.statusCode).toBe(401);
    // The same answer as a wrong password: a deactivated account is not revealed.
    expect(refused.json()).toEqual((await signIn(u.username, 'not-the-password')).json());
    expect(await sessionsOf(u.id)).toBe(0);
    // The admin's own session is untouched.
    expect((await as(ADMIN, 'GET', '/api/me')).status).toBe(200);

    const back = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { active: true, version: 1 });
    expect(back.status).toBe(200);
    for (const c of cookies) expect(await me(c)).toBe(401);
    const again = await signIn(u.username, 'password-lock');
    expect(again.statusCode).toBe(200);
    expect(await me(sessionCookie(again))).toBe(200);
  });
});

describe('resetting a password', () => {
  it('ends the user’s sessions; the old password stops working and the new one works', async () => {
    const u = await create({
      username: fresh('doi.mat.khau'),
      displayName: 'Đổi mật khẩu',
      password: 'old-password-1',
      orgUnit: '12',
      roles: ['viewer'],
    });
    const old = sessionCookie(await signIn(u.username, 'old-password-1'));
    expect(await me(old)).toBe(200);

    const audit = await auditCount(t.database);
    const hashBefore = (await row(u.id)).password_hash;
    const res = await as(ADMIN, 'PATCH', `/api/users/${u.id}`, { password: 'new-password-2', version: 0 });
    expect(res.status).toBe(200);
    expectNoSecrets(res.raw, 'new-password-2', 'old-password-1');
    expect(res.body.version).toBe(1);
    expect((await row(u.id)).password_hash).not.toBe(hashBefore);

    expect(await auditCount(t.database)).toBe(audit + 1);
    const event = (await auditOf(u.id)).at(-1)!;
    expect(event.action).toBe('update+password_reset');
    expect(event.before).not.toBeNull();
    expect(event.after).not.toBeNull();
    expectNoSecrets([event.before, event.after], 'new-password-2', 'old-password-1', hashBefore);

    expect(await me(old)).toBe(401);
    expect(await sessionsOf(u.id)).toBe(0);
    expect((await signIn(u.username, 'old-password-1')).statusCode).toBe(401);
    const fresh2 = await signIn(u.username, 'new-password-2');
    expect(fresh2.statusCode).toBe(200);
    expect(await me(sessionCookie(fresh2))).toBe(200);
  });
});

describe('an admin cannot lock themselves out', () => {
  const cases: { what: string; change: Record<string, unknown>; field: string }[] = [
    { what: 'deactivate themselves', change: { active: false }, field: 'active' },
    { what: 'drop their admin role', change: { roles: ['viewer'] }, field: 'roles' },
    {
      what: 'swap admin for every other role',
      change: { roles: ['planner', 'reporter', 'reviewer', 'viewer'] },
      field: 'roles',
    },
  ];
  it.each(cases)('$what → 400 naming $field, nothing written', async ({ change, field }) => {
    for (const username of [ADMIN, 'admin']) {
      const id = await t.database.db
        .selectFrom('app_user')
        .select(['id', 'version'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const before = await row(id.id);
      const audit = await auditCount(t.database);
      const r = await as(username, 'PATCH', `/api/users/${id.id}`, { ...change, version: id.version });
      expect(r.status).toBe(400);
      expect(Object.keys((r.body.error as { fields: object }).fields)).toEqual([field]);
      expect(await row(id.id)).toEqual(before);
      expect(await auditCount(t.database)).toBe(audit);
      expect((await as(username, 'GET', '/api/users')).status).toBe(200);
    }
  });

  it('may still rename themselves and add roles beside admin', async () => {
    const { version } = await row(adminId);
    const r = await as(ADMIN, 'PATCH', `/api/users/${adminId}`, {
      displayName: 'Quản trị tỉnh Lai Châu (mới)',
      roles: ['admin', 'reviewer', 'admin'],
      version,
    });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(['admin', 'reviewer']);
    expect((await as(ADMIN, 'GET', '/api/users')).status).toBe(200);
  });

  it('another admin above them can deactivate them', async () => {
    const target = await create({
      username: fresh('qt.xa'),
      displayName: 'Quản trị xã',
      password: 'password-adm',
      orgUnit: '03394',
      roles: ['admin'],
    });
    const session = sessionCookie(await signIn(target.username, 'password-adm'));
    const r = await as(ADMIN, 'PATCH', `/api/users/${target.id}`, { active: false, version: 0 });
    expect(r.status).toBe(200);
    expect(await me(session)).toBe(401);
  });
});

describe('the audit trail of user changes', () => {
  it('holds one event per change and never a password or its hash', async () => {
    const events = await t.database.db.selectFrom('audit_event').selectAll().where('entity', '=', 'user').execute();
    expect(events.length).toBeGreaterThan(10);
    const hashes = (await t.database.db.selectFrom('app_user').select('password_hash').execute()).map(
      (r) => r.password_hash,
    );
    for (const e of events) {
      expectNoSecrets([e.before, e.after], ...hashes);
      if (e.action === 'create') {
        expect(e.before).toBeNull();
        expect(Object.keys(e.after as object).sort()).toEqual(USER_KEYS);
      }
      if (e.action.startsWith('update')) {
        expect(Object.keys(e.before as object).sort()).toEqual(USER_KEYS);
        expect(Object.keys(e.after as object).sort()).toEqual(USER_KEYS);
        expect((e.after as UserDto).version).toBe((e.before as UserDto).version + 1);
      }
    }
    // One update event per version step: no change went unaudited, none was audited twice.
    const users = await t.database.db.selectFrom('app_user').select(['id', 'version']).execute();
    for (const u of users) {
      const updates = events.filter((e) => e.entity_id === u.id && e.action.startsWith('update'));
      expect(updates.length, u.id).toBe(u.version);
    }
  });
});
