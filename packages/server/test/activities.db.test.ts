import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, ActivityList } from '@binhdang/domain';
import { createUser } from '../src/index.js';
import { DiskBlobStore } from '../src/storage/blob-store.js';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let blobDir: string;
beforeAll(async () => {
  blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-blobs-'));
  t = await startTestApp({ blobStore: new DiskBlobStore(blobDir) });
  // A second reporter of the same commune: two people editing one activity.
  await createUser(t.database.db, null, {
    username: 'xa2.laichau',
    displayName: 'Cán bộ thứ hai xã Sin Suối Hồ',
    orgUnit: '03394',
    roles: ['reporter'],
    password: 'demo12345',
    locale: 'vi',
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(blobDir, { recursive: true, force: true });
});

async function call(
  username: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const headers = username ? { cookie: await t.login(username) } : {};
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const json = res.headers['content-type']?.toString().includes('json');
  return { status: res.statusCode, body: res.body ? (json ? res.json() : res.body) : null, raw: res };
}

const ACTION_MONTH = '6c1f0a52-0000-4000-8000-000000000008';
const EVAW_DAY = '6c1f0a52-0000-4000-8000-000000000007';
const FAMILY_DAY = '6c1f0a52-0000-4000-8000-000000000004';

const base = (over: Record<string, unknown> = {}) => ({
  kind: 'conference',
  title: 'Hội nghị tuyên truyền bình đẳng giới tại bản Sin Suối Hồ',
  startDate: '2026-11-20',
  endDate: '2026-11-20',
  channel: 'direct',
  audiences: ['residents', 'women'],
  participantsFemale: 30,
  participantsMale: 20,
  participantsTotal: 55,
  ...over,
});

async function activityCount(): Promise<number> {
  const r = await t.database.db
    .selectFrom('activity')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function multipart(name: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----bd' + crypto.randomBytes(8).toString('hex');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(username: string, url: string, name: string, bytes: Buffer) {
  const m = multipart(name, bytes);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await t.login(username), ...m.headers },
    payload: m.payload,
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & { error?: { fields: object } } };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('reference data', () => {
  it('lists kinds with vi/en names and what they count as, channels and audiences', async () => {
    const kinds = await call('xa.laichau', 'GET', '/api/activity-kinds');
    expect(kinds.status).toBe(200);
    const conf = kinds.body.find((k: { code: string }) => k.code === 'conference');
    expect(conf).toMatchObject({ nameVi: 'Hội nghị', nameEn: 'Conference', countsAs: ['session'] });
    const channels = await call('xa.laichau', 'GET', '/api/activity-channels');
    expect(channels.body.map((c: { code: string }) => c.code)).toContain('loudspeaker');
    const audiences = await call('xa.laichau', 'GET', '/api/audiences');
    expect(audiences.body.find((a: { code: string }) => a.code === 'women').nameVi).toBe('Phụ nữ');
    expect((await call(null, 'GET', '/api/activity-kinds')).status).toBe(401);
  });
});

describe('create, read, patch, delete', () => {
  it('creates in the caller’s commune, defaults the commune, suggests the campaign and audits', async () => {
    const audits = await auditCount(t.database);
    const res = await call('xa.laichau', 'POST', '/api/activities', base());
    expect(res.status).toBe(201);
    const a = res.body as Activity;
    expect(a).toMatchObject({
      orgUnitCode: '03394',
      communeCode: '03394',
      campaignId: ACTION_MONTH,
      participantsTotal: 55,
      version: 0,
      evidenceCount: 0,
      source: 'web',
      createdByName: 'Công chức Văn hóa - Xã hội xã Sin Suối Hồ',
    });
    expect(await auditCount(t.database)).toBe(audits + 1);
    const got = await call('xa.laichau', 'GET', `/api/activities/${a.id}`);
    expect(got.status).toBe(200);
    expect(got.body.title).toBe(a.title);
  });

  it('suggests the shortest campaign window holding the start date, and none when told so', async () => {
    const evaw = await call(
      'xa.laichau',
      'POST',
      '/api/activities',
      base({ startDate: '2026-11-25', endDate: '2026-11-25' }),
    );
    expect(evaw.body.campaignId).toBe(EVAW_DAY);
    const family = await call(
      'xa.laichau',
      'POST',
      '/api/activities',
      base({ startDate: '2026-06-28', endDate: '2026-06-29' }),
    );
    expect(family.body.campaignId).toBe(FAMILY_DAY);
    const none = await call('xa.laichau', 'POST', '/api/activities', base({ campaignId: null }));
    expect(none.body.campaignId).toBeNull();
    const outside = await call(
      'xa.laichau',
      'POST',
      '/api/activities',
      base({ startDate: '2026-02-02', endDate: '2026-02-02' }),
    );
    expect(outside.body.campaignId).toBeNull();
  });

  it('moving the date re-suggests the campaign unless one was chosen', async () => {
    const a = (await call('xa.laichau', 'POST', '/api/activities', base())).body as Activity;
    expect(a.campaignId).toBe(ACTION_MONTH);
    const moved = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, {
      version: 0,
      startDate: '2026-06-28',
      endDate: '2026-06-28',
    });
    expect(moved.body.campaignId).toBe(FAMILY_DAY);
    const chosen = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, {
      version: 1,
      campaignId: ACTION_MONTH,
    });
    expect(chosen.body.campaignId).toBe(ACTION_MONTH);
    const again = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, {
      version: 2,
      startDate: '2026-03-08',
      endDate: '2026-03-08',
    });
    expect(again.body.campaignId).toBe(ACTION_MONTH);
  });

  it('patches with the version and soft-deletes with the version', async () => {
    const a = (await call('xa.laichau', 'POST', '/api/activities', base())).body as Activity;
    const p = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 0, participantsTotal: 60 });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ participantsTotal: 60, participantsFemale: 30, version: 1 });
    const stale = await call('xa.laichau', 'DELETE', `/api/activities/${a.id}?version=0`);
    expect(stale.status).toBe(409);
    const missing = await call('xa.laichau', 'DELETE', `/api/activities/${a.id}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toHaveProperty('version');
    const del = await call('xa.laichau', 'DELETE', `/api/activities/${a.id}`, { version: 1 });
    expect(del.status).toBe(204);
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}`)).status).toBe(404);
    const row = await t.database.db
      .selectFrom('activity')
      .select(['deleted_at', 'version'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.version).toBe(2);
    expect((await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 2, title: 'x' })).status).toBe(404);
  });
});

describe('idempotent create with a client id', () => {
  it('replaying the same id and content twice keeps one row', async () => {
    const id = crypto.randomUUID();
    const before = await activityCount();
    const first = await call('xa.laichau', 'POST', '/api/activities', base({ id, source: 'offline' }));
    expect(first.status).toBe(201);
    const again = await call('xa.laichau', 'POST', '/api/activities', base({ id, source: 'offline' }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(id);
    const third = await call('xa2.laichau', 'POST', '/api/activities', base({ id, source: 'offline' }));
    expect(third.status).toBe(200);
    expect(await activityCount()).toBe(before + 1);
  });

  it('the same id with other content, a deleted record or another scope is a 409 that names the id', async () => {
    const id = crypto.randomUUID();
    await call('xa.laichau', 'POST', '/api/activities', base({ id }));
    const other = await call('xa.laichau', 'POST', '/api/activities', base({ id, title: 'Khác hẳn' }));
    expect(other.status).toBe(409);
    expect(other.body.error.fields).toHaveProperty('id');
    expect(other.body.error.current.title).toBe(base().title);

    const foreign = await call('syt.thanhhoa', 'POST', '/api/activities', base({ id }));
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.current).toBeNull();
    expect(foreign.body.error.message).toMatch(/mã \(id\)/i);

    await call('xa.laichau', 'DELETE', `/api/activities/${id}?version=0`);
    const revived = await call('xa.laichau', 'POST', '/api/activities', base({ id }));
    expect(revived.status).toBe(409);
    expect(revived.body.error.message).toMatch(/xoá/);
  });
});

describe('two users edit the same activity', () => {
  it('the second gets 409 with the current record; after reloading, both edits survive', async () => {
    const a = (await call('xa.laichau', 'POST', '/api/activities', base())).body as Activity;
    const one = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 0, title: 'Hội nghị đã sửa' });
    expect(one.status).toBe(200);
    const two = await call('xa2.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 0, participantsMale: 25 });
    expect(two.status).toBe(409);
    expect(two.body.error.code).toBe('stale_version');
    expect(two.body.error.current).toMatchObject({
      id: a.id,
      version: 1,
      title: 'Hội nghị đã sửa',
      participantsMale: 20,
    });
    const retry = await call('xa2.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 1, participantsMale: 25 });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ title: 'Hội nghị đã sửa', participantsMale: 25, version: 2 });
  });
});

describe('validation names the field and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['total below female + male', { participantsTotal: 40 }, 'participantsTotal'],
    ['end before start', { endDate: '2026-11-19' }, 'endDate'],
    ['unknown kind', { kind: 'tea_party' }, 'kind'],
    ['unknown channel', { channel: 'carrier_pigeon' }, 'channel'],
    ['unknown audience', { audiences: ['women', 'martians'] }, 'audiences.1'],
    ['another commune', { communeCode: '03388' }, 'communeCode'],
    ['no such commune', { communeCode: '99999' }, 'communeCode'],
    ['negative count', { participantsFemale: -1 }, 'participantsFemale'],
    ['NUL in the title', { title: 'Hội\u0000nghị' }, 'title'],
    ['not a date', { startDate: '2026-02-30' }, 'startDate'],
    ['unknown campaign', { campaignId: crypto.randomUUID() }, 'campaignId'],
    ['unknown plan', { planId: crypto.randomUUID() }, 'planId'],
  ];
  for (const [name, over, field] of cases) {
    it(name, async () => {
      const before = await activityCount();
      const audits = await auditCount(t.database);
      const res = await call('xa.laichau', 'POST', '/api/activities', base(over));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation');
      expect(Object.keys(res.body.error.fields)).toContain(field);
      expect(await activityCount()).toBe(before);
      expect(await auditCount(t.database)).toBe(audits);
    });
  }

  it('messages are in the user’s language and name the field', async () => {
    const res = await call('xa.laichau', 'POST', '/api/activities', base({ kind: 'tea_party' }));
    expect(res.body.error.fields.kind).toMatch(/Loại hoạt động "tea_party"/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: { cookie: await t.login('syt.thanhhoa') },
      payload: base({ kind: 'tea_party', communeCode: '14758' }),
    });
    // syt.thanhhoa's saved locale is vi; the field text is still the kind's.
    expect(en.json().error.fields.kind).toMatch(/tea_party/);
  });

  it('a province department records communes of its own province only', async () => {
    const ok = await call('snv.laichau', 'POST', '/api/activities', base({ communeCode: '03388' }));
    expect(ok.status).toBe(201);
    expect(ok.body.orgUnitCode).toBe('12-SNV');
    const far = await call('snv.laichau', 'POST', '/api/activities', base({ communeCode: '14758' }));
    expect(far.status).toBe(400);
    expect(far.body.error.fields.communeCode).toMatch(/không thuộc tỉnh/);
  });

  it('a patch is validated against the merged record', async () => {
    const a = (await call('xa.laichau', 'POST', '/api/activities', base())).body as Activity;
    const bad = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, { version: 0, participantsFemale: 50 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('participantsTotal');
    const missingVersion = await call('xa.laichau', 'PATCH', `/api/activities/${a.id}`, { title: 'x' });
    expect(missingVersion.status).toBe(400);
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}`)).body.version).toBe(0);
  });
});

describe('scope per route', () => {
  let foreign: Activity;
  beforeAll(async () => {
    const res = await call(
      'syt.thanhhoa',
      'POST',
      '/api/activities',
      base({ communeCode: '14758', title: 'Tập huấn y tế Thanh Hóa' }),
    );
    expect(res.status).toBe(201);
    foreign = res.body;
  });

  it('a commune reporter cannot read, change, delete or attach to another province’s activity', async () => {
    expect((await call('xa.laichau', 'GET', `/api/activities/${foreign.id}`)).status).toBe(403);
    expect(
      (await call('xa.laichau', 'PATCH', `/api/activities/${foreign.id}`, { version: 0, title: 'x' })).status,
    ).toBe(403);
    expect((await call('xa.laichau', 'DELETE', `/api/activities/${foreign.id}?version=0`)).status).toBe(403);
    expect((await call('xa.laichau', 'GET', `/api/activities/${foreign.id}/evidence`)).status).toBe(403);
    expect((await upload('xa.laichau', `/api/activities/${foreign.id}/evidence`, 'a.png', PNG)).status).toBe(403);
    const still = await call('syt.thanhhoa', 'GET', `/api/activities/${foreign.id}`);
    expect(still.body).toMatchObject({ version: 0, title: 'Tập huấn y tế Thanh Hóa' });
  });

  it('a commune reporter cannot read, change or delete a neighbouring commune’s activity', async () => {
    const other = await t.database.db
      .selectFrom('activity')
      .select(['id', 'version', 'title'])
      .where('org_path', '=', 'VN.12.03388')
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect((await call('xa.laichau', 'GET', `/api/activities/${other.id}`)).status).toBe(403);
    const patch = await call('xa.laichau', 'PATCH', `/api/activities/${other.id}`, {
      version: other.version,
      title: 'x',
    });
    expect(patch.status).toBe(403);
    expect((await call('xa.laichau', 'DELETE', `/api/activities/${other.id}?version=${other.version}`)).status).toBe(
      403,
    );
    const list = (await call('xa.laichau', 'GET', '/api/activities?limit=1000')).body as ActivityList;
    expect(list.items.every((i) => i.orgUnitCode.startsWith('03394'))).toBe(true);
    const row = await t.database.db
      .selectFrom('activity')
      .select(['version', 'title', 'deleted_at'])
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: other.version, title: other.title, deleted_at: null });
    // The province sees it.
    expect((await call('xem.laichau', 'GET', `/api/activities/${other.id}`)).status).toBe(200);
  });

  it('a commune reporter cannot create for another commune or unit, nor list outside the subtree', async () => {
    expect((await call('xa.laichau', 'POST', '/api/activities', base({ orgUnit: '03388' }))).status).toBe(403);
    expect((await call('xa.laichau', 'POST', '/api/activities', base({ orgUnit: '38-SYT' }))).status).toBe(403);
    expect((await call('xa.laichau', 'POST', '/api/activities', base({ orgUnit: 'NO-SUCH' }))).status).toBe(404);
    const list = await call('xa.laichau', 'GET', '/api/activities?limit=1000&q=thanh%20hoa');
    expect(list.status).toBe(200);
    expect((list.body as ActivityList).items.map((i) => i.id)).not.toContain(foreign.id);
    expect((await call('xa.laichau', 'GET', '/api/activities?org=38')).status).toBe(403);
    expect((await call('xa.laichau', 'GET', '/api/activities?org=12')).status).toBe(403);
  });

  it('a commune reporter may record for a village of their commune', async () => {
    const res = await call('xa.laichau', 'POST', '/api/activities', base({ orgUnit: '03394-B01' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orgUnitCode: '03394-B01', communeCode: '03394' });
  });

  it('a viewer reads but cannot write; the province sees its communes', async () => {
    const before = await activityCount();
    expect((await call('xem.laichau', 'POST', '/api/activities', base({ orgUnit: '03394' }))).status).toBe(403);
    expect(await activityCount()).toBe(before);
    const list = await call('xem.laichau', 'GET', '/api/activities?org=03394&limit=5');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const mine = (await call('xa.laichau', 'GET', '/api/activities?limit=1')).body.items[0] as Activity;
    expect((await call('xem.laichau', 'GET', `/api/activities/${mine.id}`)).status).toBe(200);
    expect(
      (await call('xem.laichau', 'PATCH', `/api/activities/${mine.id}`, { version: mine.version, title: 'x' })).status,
    ).toBe(403);
    expect((await call('tinh.laichau', 'DELETE', `/api/activities/${mine.id}?version=${mine.version}`)).status).toBe(
      403,
    );
  });
});

describe('list filters, search and totals', () => {
  const tag = 'Kiwoza';
  beforeAll(async () => {
    const rows = [
      base({
        title: `Hội nghị ${tag} phụ nữ`,
        participantsFemale: 10,
        participantsMale: 5,
        participantsTotal: 15,
        audiences: ['women'],
      }),
      base({
        kind: 'training',
        title: `Tập huấn ${tag}`,
        startDate: '2026-10-01',
        endDate: '2026-10-02',
        participantsFemale: 7,
        participantsMale: 3,
        participantsTotal: null,
        audiences: ['youth'],
      }),
      base({
        kind: 'leaflet',
        title: `Phát tờ rơi ${tag}`,
        productsCount: 500,
        participantsFemale: null,
        participantsMale: null,
        participantsTotal: null,
        costStateBudget: 1_000_000,
        costMobilised: 250_000,
        audiences: ['residents'],
      }),
      base({
        kind: 'loudspeaker',
        channel: 'loudspeaker',
        title: `Phát thanh ${tag}`,
        startDate: '2025-12-31',
        endDate: '2026-01-02',
        participantsFemale: null,
        participantsMale: null,
        participantsTotal: null,
        audiences: [],
      }),
    ];
    for (const r of rows) expect((await call('xa.laichau', 'POST', '/api/activities', r)).status).toBe(201);
  });

  it('accent-insensitive search: every word must occur', async () => {
    const r = await call(
      'xa.laichau',
      'GET',
      `/api/activities?q=${encodeURIComponent('hoi nghi ' + tag.toLowerCase())}`,
    );
    expect(r.body.items.map((i: Activity) => i.title)).toEqual([`Hội nghị ${tag} phụ nữ`]);
    const none = await call('xa.laichau', 'GET', `/api/activities?q=${encodeURIComponent('hoi nghi ' + tag + ' zzz')}`);
    expect(none.body.total).toBe(0);
  });

  it('totals cover all matching rows, not only the page', async () => {
    const r = await call('xa.laichau', 'GET', `/api/activities?q=${tag}&limit=1`);
    expect(r.body.items).toHaveLength(1);
    expect(r.body.total).toBe(4);
    expect(r.body.totals).toEqual({
      activities: 4,
      sessions: 2,
      newsItems: 1,
      products: 500,
      participantsFemale: 17,
      participantsMale: 8,
      participantsTotal: 25,
      costTotal: 1_250_000,
    });
  });

  it('filters by kind, channel, audience overlap, period, dates, campaign; sorts', async () => {
    const get = async (qs: string) =>
      ((await call('xa.laichau', 'GET', `/api/activities?q=${tag}&${qs}`)).body as ActivityList).items.map(
        (i) => i.title,
      );
    expect(await get('kind=training,leaflet')).toHaveLength(2);
    expect(await get('channel=loudspeaker')).toEqual([`Phát thanh ${tag}`]);
    expect(await get('audience=youth,women')).toHaveLength(2);
    expect(await get('period=2026-10')).toEqual([`Tập huấn ${tag}`]);
    // Overlap: the broadcast of 31/12/2025–2/1/2026 counts in 2025 and in 2026.
    expect(await get('period=2025')).toEqual([`Phát thanh ${tag}`]);
    expect(await get('period=2026Q1')).toEqual([`Phát thanh ${tag}`]);
    expect(await get('from=2026-10-02&to=2026-10-31')).toEqual([`Tập huấn ${tag}`]);
    expect(await get(`campaign=${ACTION_MONTH}`)).toHaveLength(2);
    expect((await get('sort=startDate'))[0]).toBe(`Phát thanh ${tag}`);
    expect((await get('sort=-startDate'))[3]).toBe(`Phát thanh ${tag}`);
    const bad = await call('xa.laichau', 'GET', '/api/activities?period=2026X');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('period');
  });
});

describe('evidence files', () => {
  let a: Activity;
  beforeAll(async () => {
    a = (await call('xa.laichau', 'POST', '/api/activities', base({ title: 'Có minh chứng' }))).body;
  });

  it('accepts an image, serves it back in scope, counts it, removes it', async () => {
    const up = await upload('xa.laichau', `/api/activities/${a.id}/evidence`, 'ảnh hội nghị.png', PNG);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length, fileName: 'ảnh hội nghị.png' });
    const down = await t.app.inject({
      method: 'GET',
      url: `/api/activities/${a.id}/evidence/${String(up.body.id)}`,
      headers: { cookie: await t.login('xem.laichau') },
    });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}`)).body.evidenceCount).toBe(1);
    expect((await call('syt.thanhhoa', 'GET', `/api/activities/${a.id}/evidence/${String(up.body.id)}`)).status).toBe(
      403,
    );
    const pdf = await upload('xa.laichau', `/api/activities/${a.id}/evidence`, 'bien-ban.pdf', PDF);
    expect(pdf.body.contentType).toBe('application/pdf');
    expect(
      (await call('xem.laichau', 'DELETE', `/api/activities/${a.id}/evidence/${String(pdf.body.id)}`)).status,
    ).toBe(403);
    expect((await call('xa.laichau', 'DELETE', `/api/activities/${a.id}/evidence/${String(pdf.body.id)}`)).status).toBe(
      204,
    );
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}/evidence/${String(pdf.body.id)}`)).status).toBe(
      404,
    );
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}/evidence`)).body).toHaveLength(1);
    const files = fs.readdirSync(path.join(blobDir, 'evidence', a.id));
    expect(files).toHaveLength(1);
  });

  it('refuses types by their bytes, not by the name, and files over 10 MB', async () => {
    const text = await upload(
      'xa.laichau',
      `/api/activities/${a.id}/evidence`,
      'fake.jpg',
      Buffer.from('not an image at all'),
    );
    expect(text.status).toBe(415);
    expect(text.body.error!.fields).toHaveProperty('file');
    const exe = await upload(
      'xa.laichau',
      `/api/activities/${a.id}/evidence`,
      'x.png',
      Buffer.from('MZ\x90\x00 program'),
    );
    expect(exe.status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const large = await upload('xa.laichau', `/api/activities/${a.id}/evidence`, 'big.png', big);
    expect(large.status).toBe(413);
    expect((await call('xa.laichau', 'GET', `/api/activities/${a.id}/evidence`)).body).toHaveLength(1);
  });

  it('at most 20 per activity', async () => {
    const b = (await call('xa.laichau', 'POST', '/api/activities', base({ title: 'Nhiều minh chứng' })))
      .body as Activity;
    for (let i = 0; i < 20; i++)
      expect((await upload('xa.laichau', `/api/activities/${b.id}/evidence`, `p${i}.png`, PNG)).status).toBe(201);
    const over = await upload('xa.laichau', `/api/activities/${b.id}/evidence`, 'p20.png', PNG);
    expect(over.status).toBe(409);
    expect(fs.readdirSync(path.join(blobDir, 'evidence', b.id))).toHaveLength(20);
  });
});
