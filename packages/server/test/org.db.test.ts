import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_UNITS_FILE } from '@binhdang/db';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const source = JSON.parse(fs.readFileSync(ADMIN_UNITS_FILE, 'utf8')) as { Code: string; Wards: { Code: string }[] }[];

async function get(username: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(username) } });
  return {
    status: res.statusCode,
    body: res.json() as Record<string, unknown> & { items: Record<string, unknown>[]; total: number },
  };
}

describe('administrative units', () => {
  it('lists the 34 provinces with official codes', async () => {
    const { status, body } = await get('admin', '/api/org-units?kind=province');
    expect(status).toBe(200);
    expect(body.total).toBe(34);
    expect(body.items.map((u) => u.code).sort()).toEqual(source.map((p) => p.Code).sort());
  });

  it('counts 3,321 communes whose codes are the official ones', async () => {
    const { body } = await get('admin', '/api/org-units?kind=commune&limit=5000');
    expect(body.total).toBe(3321);
    const expected = source.flatMap((p) => p.Wards.map((w) => w.Code)).sort();
    expect(body.items.map((u) => u.code).sort()).toEqual(expected);
  });

  it('searches without accents: "lai chau" finds Lai Châu', async () => {
    const { body } = await get('admin', '/api/org-units?q=lai%20chau&kind=province');
    expect(body.items.map((u) => u.name)).toEqual(['Lai Châu']);
  });

  it('gets a unit by code with breadcrumb ancestors inside scope', async () => {
    const { status, body } = await get('admin', '/api/org-units/03394');
    expect(status).toBe(200);
    expect(body.name).toBe('Sin Suối Hồ');
    expect((body.ancestors as { code: string }[]).map((a) => a.code)).toEqual(['VN', '12']);
    const mine = await get('xa.laichau', '/api/org-units/03394');
    expect((mine.body.ancestors as unknown[]).length).toBe(0);
  });
});

describe('scope', () => {
  it('a province user sees their communes and nothing of other provinces', async () => {
    const { body } = await get('tinh.laichau', '/api/org-units?kind=commune&limit=5000');
    const laiChau = source
      .find((p) => p.Code === '12')!
      .Wards.map((w) => w.Code)
      .sort();
    expect(body.items.map((u) => u.code).sort()).toEqual(laiChau);
    expect(body.items.every((u) => (u.path as string).startsWith('VN.12.'))).toBe(true);
    expect((await get('tinh.laichau', '/api/org-units?q=ha%20noi')).body.total).toBe(0);
    expect((await get('tinh.laichau', '/api/org-units/01')).status).toBe(403);
    expect((await get('tinh.laichau', '/api/org-units?parent=01')).status).toBe(403);
  });

  it('a commune user sees only their commune and what lies below it', async () => {
    const { body } = await get('xa.laichau', '/api/org-units?status=all');
    expect(body.items.map((u) => u.code).sort()).toEqual(['03394', '03394-B01', '03394-B02', '03394-TH']);
    expect((await get('xa.laichau', '/api/org-units/12')).status).toBe(403);
    expect((await get('xa.laichau', '/api/org-units/03390')).status).toBe(403);
  });
});

describe('org-unit admin', () => {
  async function send(username: string, method: 'POST' | 'PATCH', url: string, payload: unknown) {
    const res = await t.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { cookie: await t.login(username) },
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  }

  it('creates, renames, moves and closes a unit, auditing each step', async () => {
    await t.login('admin.laichau'); // the sign-in is audited too; count only the unit's changes
    const before = await auditCount(t.database);
    const created = await send('admin.laichau', 'POST', '/api/org-units', {
      code: '03394-B03',
      name: 'Bản Nậm Cười',
      kind: 'village',
      parent: '03394',
    });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe('VN.12.03394.03394-B03');
    const renamed = await send('admin.laichau', 'PATCH', '/api/org-units/03394-B03', {
      name: 'Bản Nậm Cười Mới',
      version: 0,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Bản Nậm Cười Mới');
    const stale = await send('admin.laichau', 'PATCH', '/api/org-units/03394-B03', { name: 'X', version: 0 });
    expect(stale.status).toBe(409);
    const moved = await send('admin.laichau', 'POST', '/api/org-units/03394-B03/move', { parent: '03390', version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe('VN.12.03390.03394-B03');
    const closed = await send('admin.laichau', 'POST', '/api/org-units/03394-B03/close', {
      validTo: '2026-12-31',
      version: 2,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.validTo).toBe('2026-12-31');
    expect(await auditCount(t.database)).toBe(before + 4);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', created.body.id as string)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'rename', 'move', 'close']);
    expect((events[1]!.before as { name: string }).name).toBe('Bản Nậm Cười');
    expect((events[1]!.after as { name: string }).name).toBe('Bản Nậm Cười Mới');
  });

  it('refuses a kind that cannot sit under the parent, naming the field', async () => {
    const r = await send('admin.laichau', 'POST', '/api/org-units', {
      code: 'X-PROV',
      name: 'Tỉnh giả',
      kind: 'province',
      parent: '03394',
    });
    expect(r.status).toBe(400);
    expect(Object.keys((r.body.error as { fields: object }).fields)).toEqual(['kind']);
  });

  it('a merged unit keeps its history under the successor', async () => {
    await send('admin.laichau', 'POST', '/api/org-units', {
      code: 'T-OLD',
      name: 'Trường cũ',
      kind: 'agency',
      parent: '03390',
    });
    await send('admin.laichau', 'POST', '/api/org-units', {
      code: 'T-OLD-1',
      name: 'Phân hiệu',
      kind: 'agency',
      parent: 'T-OLD',
    });
    const merged = await send('admin.laichau', 'POST', '/api/org-units/T-OLD/merge', {
      successor: '03394',
      validTo: '2026-09-01',
      version: 0,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.path).toBe('VN.12.03394.T-OLD');
    expect(merged.body.validTo).toBe('2026-09-01');
    // The active sub-unit moves to the successor directly; the closed unit stays in the successor's subtree.
    const sub = await get('admin', '/api/org-units/T-OLD-1');
    expect(sub.body.path).toBe('VN.12.03394.T-OLD-1');
    const history = await get('xa.laichau', '/api/org-units?status=closed');
    expect(history.body.items.map((u) => u.code)).toContain('T-OLD');
  });

  it('a cycle is refused', async () => {
    const r = await send('admin', 'POST', '/api/org-units/12/move', { parent: '03394', version: 0 });
    expect(r.status).toBe(400);
    expect(Object.keys((r.body.error as { fields: object }).fields)).toEqual(['parent']);
    expect((await get('admin', '/api/org-units/12')).body.path).toBe('VN.12');
  });
});
