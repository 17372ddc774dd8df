import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignPlanCoverage } from '@binhdang/domain';
import { DiskBlobStore } from '../src/storage/blob-store.js';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let blobDir: string;
beforeAll(async () => {
  blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-blobs-'));
  t = await startTestApp({ blobStore: new DiskBlobStore(blobDir) });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(blobDir, { recursive: true, force: true });
});

async function call(username: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: { cookie: await t.login(username) },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const json = res.headers['content-type']?.toString().includes('json');
  return { status: res.statusCode, body: res.body ? (json ? res.json() : res.body) : null, raw: res };
}

async function upload(username: string, url: string, name: string, bytes: Buffer) {
  const boundary = '----bd' + crypto.randomBytes(8).toString('hex');
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await t.login(username), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const ACTION_MONTH = '6c1f0a52-0000-4000-8000-000000000008';
const PDF = Buffer.from('%PDF-1.4\n% ke hoach\n%%EOF\n');

describe('campaign calendar', () => {
  it('lists the year’s windows and the demo themes', async () => {
    const r = await call('xa.laichau', 'GET', '/api/campaigns?year=2026');
    expect(r.status).toBe(200);
    const list = r.body as Campaign[];
    expect(list.map((c) => c.code)).toEqual([
      'womens_day',
      'happiness_day',
      'dv_month',
      'family_day',
      'vn_womens_day',
      'mens_day',
      'evaw_day',
      'action_month',
    ]);
    const am = list.find((c) => c.code === 'action_month')!;
    expect(am).toMatchObject({
      start: '15/11',
      end: '15/12',
      startDate: '2026-11-15',
      endDate: '2026-12-15',
      requiresPlan: true,
      year: 2026,
    });
    expect(am.themeVi).toMatch(/minh họa/);
    const y2027 = (await call('xa.laichau', 'GET', '/api/campaigns?year=2027')).body as Campaign[];
    expect(y2027.find((c) => c.code === 'action_month')!.themeVi).toBeNull();
    expect((await call('xa.laichau', 'GET', '/api/campaigns?year=1200')).status).toBe(400);
  });

  it('only an administrator or a central planner sets the theme', async () => {
    const body = { themeVi: 'Chủ đề năm 2027', themeEn: 'Theme 2027' };
    expect((await call('tinh.laichau', 'PUT', `/api/campaigns/${ACTION_MONTH}/themes/2027`, body)).status).toBe(403);
    expect((await call('admin.laichau', 'PUT', `/api/campaigns/${ACTION_MONTH}/themes/2027`, body)).status).toBe(403);
    await t.login('bnv'); // signing in is audited too
    const audits = await auditCount(t.database);
    const ok = await call('bnv', 'PUT', `/api/campaigns/${ACTION_MONTH}/themes/2027`, body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ themeVi: 'Chủ đề năm 2027', year: 2027 });
    expect(await auditCount(t.database)).toBe(audits + 1);
    const again = await call('admin', 'PUT', `/api/campaigns/${ACTION_MONTH}/themes/2027`, { themeVi: 'Sửa lại' });
    expect(again.body.themeVi).toBe('Sửa lại');
    expect((await call('admin', 'PUT', `/api/campaigns/${crypto.randomUUID()}/themes/2027`, body)).status).toBe(404);
  });
});

describe('Action Month plans (target T2)', () => {
  it('the demo has most Lai Châu units with a 2025 plan and fewer in 2026', async () => {
    const y25 = (await call('tinh.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2025&org=12`))
      .body as CampaignPlanCoverage;
    const y26 = (await call('tinh.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2026&org=12`))
      .body as CampaignPlanCoverage;
    expect(y25.expected).toBeGreaterThan(40);
    expect(y25.recorded / y25.expected).toBeGreaterThan(0.85);
    expect(y25.recorded).toBeLessThan(y25.expected);
    expect(y26.recorded).toBeLessThan(y25.recorded);
    expect(y25.units[0]!.orgUnitCode).toBe('12');
    const missing = y25.units.filter((u) => !u.plan).map((u) => u.orgUnitCode);
    expect(missing).toContain('03460');
    expect(y26.units.find((u) => u.orgUnitCode === '03394')!.plan).not.toBeNull();
  });

  it('a commune records its plan once, edits it with the version, attaches the signed file', async () => {
    const before = (await call('xa.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2027`))
      .body as CampaignPlanCoverage;
    expect(before.units.map((u) => u.orgUnitCode)).toContain('03394');
    expect(before.recorded).toBe(0);
    const created = await call('xa.laichau', 'POST', `/api/campaigns/${ACTION_MONTH}/plans`, {
      year: 2027,
      documentNumber: '45/KH-UBND',
      issuedOn: '2027-11-02',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ orgUnitCode: '03394', documentNumber: '45/KH-UBND', version: 0 });
    const dup = await call('xa.laichau', 'POST', `/api/campaigns/${ACTION_MONTH}/plans`, { year: 2027 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toHaveProperty('year');

    const id = created.body.id as string;
    const stale = await call('xa.laichau', 'PATCH', `/api/campaigns/${ACTION_MONTH}/plans/${id}`, {
      version: 3,
      documentNumber: 'x',
    });
    expect(stale.status).toBe(409);
    const patched = await call('xa.laichau', 'PATCH', `/api/campaigns/${ACTION_MONTH}/plans/${id}`, {
      version: 0,
      documentNumber: '46/KH-UBND',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ documentNumber: '46/KH-UBND', issuedOn: '2027-11-02', version: 1 });

    const bad = await upload(
      'xa.laichau',
      `/api/campaigns/${ACTION_MONTH}/plans/${id}/file`,
      'kh.pdf',
      Buffer.from('hello'),
    );
    expect(bad.status).toBe(415);
    const file = await upload('xa.laichau', `/api/campaigns/${ACTION_MONTH}/plans/${id}/file`, 'kế hoạch.pdf', PDF);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ fileName: 'kế hoạch.pdf', version: 2 });
    const down = await call('tinh.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans/${id}/file`);
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.raw.rawPayload, PDF)).toBe(0);
    expect((await call('syt.thanhhoa', 'GET', `/api/campaigns/${ACTION_MONTH}/plans/${id}/file`)).status).toBe(403);

    const after = (await call('tinh.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2027&org=12`))
      .body as CampaignPlanCoverage;
    expect(after.recorded).toBe(1);
    expect(after.units.find((u) => u.orgUnitCode === '03394')!.plan!.fileName).toBe('kế hoạch.pdf');
  });

  it('scope and roles: no plans for other units, no coverage outside the subtree, viewers read only', async () => {
    const other = await call('xa.laichau', 'POST', `/api/campaigns/${ACTION_MONTH}/plans`, {
      year: 2027,
      orgUnit: '03388',
    });
    expect(other.status).toBe(403);
    expect((await call('xa.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2027&org=12`)).status).toBe(403);
    expect((await call('xem.laichau', 'GET', `/api/campaigns/${ACTION_MONTH}/plans?year=2025`)).status).toBe(200);
    expect((await call('xem.laichau', 'POST', `/api/campaigns/${ACTION_MONTH}/plans`, { year: 2027 })).status).toBe(
      403,
    );
    const province = await call('tinh.laichau', 'POST', `/api/campaigns/${ACTION_MONTH}/plans`, {
      year: 2027,
      orgUnit: '12-SYT',
      documentNumber: '12/KH-SYT',
    });
    expect(province.status).toBe(201);
    const foreign = await call('syt.thanhhoa', 'PATCH', `/api/campaigns/${ACTION_MONTH}/plans/${province.body.id}`, {
      version: 0,
      notes: 'x',
    });
    expect(foreign.status).toBe(403);
    expect(
      (await call('tinh.laichau', 'POST', `/api/campaigns/${crypto.randomUUID()}/plans`, { year: 2027 })).status,
    ).toBe(404);
  });
});
