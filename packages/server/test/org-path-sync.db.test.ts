/**
 * Moves and merges re-root a subtree: the path copied onto its activities, plans, campaign plans
 * and reports follows each unit (migration 0007), so scope filters on those copies show the
 * records to the new ancestors and no longer to the old ones.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Activity, ActivityList } from '@binhdang/domain';
import { createUser } from '../src/index.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const users = [
    { username: 'tinh.thanhhoa', orgUnit: '38', roles: ['viewer' as const] },
    { username: 'xa.binhlu', orgUnit: '03390', roles: ['reporter' as const] },
    { username: 'xa.taleng', orgUnit: '03405', roles: ['viewer' as const] },
  ];
  for (const u of users)
    await createUser(t.database.db, null, { ...u, displayName: u.username, password: 'demo12345', locale: 'vi' });
});
afterAll(async () => t.close());

async function call(username: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: { cookie: await t.login(username) },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

async function record(username: string, orgUnit: string, token: string): Promise<string> {
  const res = await call(username, 'POST', '/api/activities', {
    orgUnit,
    kind: 'conference',
    title: `Hội nghị ${token} tại ${orgUnit}`,
    startDate: '2026-11-20',
    endDate: '2026-11-20',
    channel: 'direct',
    participantsFemale: 10,
    participantsMale: 5,
  });
  expect(res.status).toBe(201);
  return (res.body as unknown as Activity).id;
}

const ACTION_MONTH = '6c1f0a52-0000-4000-8000-000000000008';

/** A plan, a campaign plan and a report for the unit, written with its path as the services do. */
async function paperwork(code: string): Promise<{ plan: string; campaignPlan: string; report: string }> {
  const db = t.database.db;
  const unit = await db
    .selectFrom('org_unit')
    .select(['id', 'path', 'province_code', 'parent_id'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const ids = { plan: crypto.randomUUID(), campaignPlan: crypto.randomUUID(), report: crypto.randomUUID() };
  const at = { org_unit_id: unit.id, org_path: unit.path, province_code: unit.province_code };
  await db
    .insertInto('plan')
    .values({
      id: ids.plan,
      ...at,
      title: `Kế hoạch ${code}`,
      kind: 'annual',
      status: 'issued',
      parent_documents: '[]',
      legal_bases: '[]',
      purposes: '',
      budget_text: '',
      budget_sources: '[]',
      recipients: '[]',
      signer: '{}',
      search_text: '',
    })
    .execute();
  await db
    .insertInto('campaign_plan')
    .values({ id: ids.campaignPlan, campaign_id: ACTION_MONTH, ...at, year: 2099 })
    .execute();
  await db
    .insertInto('report')
    .values({
      id: ids.report,
      ...at,
      period: '2026',
      frequency: 'annual',
      plan_title: `Kế hoạch ${code}`,
      recipient_org_unit_id: unit.parent_id!,
      recipient_name: 'Cấp trên',
      due_before: '2026-12-15',
      cutoff_from: '2025-12-15',
      cutoff_to: '2026-12-14',
      narrative: '{}',
    })
    .execute();
  return ids;
}

const TABLES = ['activity', 'plan', 'campaign_plan', 'report'] as const;

/** org_path and province_code of the four tables' rows whose id is given. */
async function copies(ids: string[]): Promise<Map<string, { path: string; province: string | null }>> {
  const out = new Map<string, { path: string; province: string | null }>();
  for (const table of TABLES) {
    const rows = await t.database.db
      .selectFrom(table)
      .select(['id', 'org_path', 'province_code'])
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.id, { path: r.org_path, province: r.province_code });
  }
  return out;
}

/** Rows anywhere whose copied path or province is not their unit's current one. */
async function stale(): Promise<number> {
  let n = 0;
  for (const table of TABLES) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)} r JOIN org_unit u ON u.id = r.org_unit_id
      WHERE (r.org_path, r.province_code) IS DISTINCT FROM (u.path, u.province_code)`.execute(t.database.db);
    n += Number(r.rows[0]!.n);
  }
  return n;
}

/** Units among `codes` whose indicator aggregate disagrees with a count over the copied paths. */
async function aggregateDrift(codes: string[]): Promise<number> {
  const acts = Array.from({ length: 12 }, (_, i) => `t.act_${i + 1}`).join(' + ');
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM org_unit anc
    CROSS JOIN LATERAL (
      SELECT count(*) AS n FROM activity a
      WHERE a.deleted_at IS NULL AND extract(year FROM a.start_date) = 2026
        AND (a.org_path = anc.path OR a.org_path LIKE anc.path || '.%')
    ) raw
    LEFT JOIN indicator_count_tree t ON t.org_unit_id = anc.id AND t.year = 2026
    WHERE anc.code IN (${sql.join(codes)}) AND raw.n <> coalesce(${sql.raw(acts)}, 0)`.execute(t.database.db);
  return Number(r.rows[0]!.n);
}

async function listed(username: string, token: string): Promise<string[]> {
  const res = await call(username, 'GET', `/api/activities?q=${token}&limit=1000`);
  expect(res.status).toBe(200);
  return (res.body as unknown as ActivityList).items.map((a) => a.id).sort();
}

async function version(code: string): Promise<number> {
  return (await call('admin', 'GET', `/api/org-units/${code}`)).body.version as number;
}

describe('moving a unit to another parent', () => {
  it('rewrites the copied paths of the whole subtree, each to its own unit’s new path', async () => {
    const token = 'orgpathmove';
    const commune = await record('xa.laichau', '03394', token);
    const village = await record('xa.laichau', '03394-B01', token);
    const communeDocs = await paperwork('03394');
    const villageDocs = await paperwork('03394-B01');
    const all = [commune, village, ...Object.values(communeDocs), ...Object.values(villageDocs)];

    expect(await listed('tinh.laichau', token)).toEqual([commune, village].sort());
    expect(await listed('tinh.thanhhoa', token)).toEqual([]);

    // A commune goes to another province with its villages (as in the 2025 reorganisation).
    const moved = await call('admin', 'POST', '/api/org-units/03394/move', {
      parent: '38',
      version: await version('03394'),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe('VN.38.03394');

    const after = await copies(all);
    expect(after.size).toBe(all.length);
    for (const id of [commune, ...Object.values(communeDocs)])
      expect(after.get(id)).toEqual({ path: 'VN.38.03394', province: '38' });
    for (const id of [village, ...Object.values(villageDocs)])
      expect(after.get(id)).toEqual({ path: 'VN.38.03394.03394-B01', province: '38' });
    expect(await stale()).toBe(0);
    // The indicator aggregates, moved by their own trigger, agree with the copied paths.
    expect(await aggregateDrift(['VN', '12', '38', '03394', '03394-B01'])).toBe(0);

    // The old province no longer sees the commune's activities; the new one does; the commune still does.
    expect(await listed('tinh.laichau', token)).toEqual([]);
    expect((await call('tinh.laichau', 'GET', `/api/activities/${commune}`)).status).toBe(403);
    expect(await listed('tinh.thanhhoa', token)).toEqual([commune, village].sort());
    expect((await call('tinh.thanhhoa', 'GET', `/api/activities/${village}`)).status).toBe(200);
    expect(await listed('xa.laichau', token)).toEqual([commune, village].sort());
    // Plans follow too: the old province is neither above nor below the commune's plan any more.
    expect((await call('tinh.laichau', 'GET', `/api/plans/${communeDocs.plan}`)).status).toBe(403);
    expect((await call('tinh.thanhhoa', 'GET', `/api/plans/${communeDocs.plan}`)).status).toBe(200);
  });
});

describe('merging a unit into a successor', () => {
  it('takes the closed unit’s history and its active sub-unit’s under the successor', async () => {
    const token = 'orgpathmerge';
    for (const [code, parent] of [
      ['M-OLD', '03390'],
      ['M-OLD-1', 'M-OLD'],
    ]) {
      const r = await call('admin.laichau', 'POST', '/api/org-units', { code, name: code, kind: 'agency', parent });
      expect(r.status).toBe(201);
    }
    const closing = await record('xa.binhlu', 'M-OLD', token);
    const sub = await record('xa.binhlu', 'M-OLD-1', token);
    const closingDocs = await paperwork('M-OLD');
    const subDocs = await paperwork('M-OLD-1');
    const all = [closing, sub, ...Object.values(closingDocs), ...Object.values(subDocs)];

    expect(await listed('xa.binhlu', token)).toEqual([closing, sub].sort());
    expect(await listed('xa.taleng', token)).toEqual([]);

    const merged = await call('admin.laichau', 'POST', '/api/org-units/M-OLD/merge', {
      successor: '03405',
      validTo: '2026-12-31',
      version: await version('M-OLD'),
    });
    expect(merged.status).toBe(200);
    expect(merged.body.path).toBe('VN.12.03405.M-OLD');

    // The closed unit sits under the successor; its active sub-unit moved directly under it.
    const after = await copies(all);
    expect(after.size).toBe(all.length);
    for (const id of [closing, ...Object.values(closingDocs)])
      expect(after.get(id)).toEqual({ path: 'VN.12.03405.M-OLD', province: '12' });
    for (const id of [sub, ...Object.values(subDocs)])
      expect(after.get(id)).toEqual({ path: 'VN.12.03405.M-OLD-1', province: '12' });
    expect(await stale()).toBe(0);
    expect(await aggregateDrift(['12', '03390', '03405', 'M-OLD', 'M-OLD-1'])).toBe(0);

    expect(await listed('xa.binhlu', token)).toEqual([]);
    expect(await listed('xa.taleng', token)).toEqual([closing, sub].sort());
    expect(await listed('tinh.laichau', token)).toEqual([closing, sub].sort());
  });
});
