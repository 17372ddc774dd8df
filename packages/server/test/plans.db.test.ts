import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanInput } from '@binhdang/domain';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

async function call(
  username: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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
  return {
    status: res.statusCode,
    body: res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null,
    raw: res,
  };
}

const provincePlan = (): Partial<PlanInput> & { orgUnit: string; title: string } => ({
  orgUnit: '12',
  issuerName: 'Ủy ban nhân dân tỉnh Lai Châu',
  number: '99/KH-UBND',
  place: 'Lai Châu',
  issuedOn: '2026-04-05',
  title: 'Thực hiện Chương trình Truyền thông về bình đẳng giới giai đoạn 2026-2030 trên địa bàn tỉnh Lai Châu',
  kind: 'program',
  periodFrom: 2026,
  periodTo: 2030,
  parentDocuments: [{ number: '1790/QĐ-TTg', date: '2021-10-23', text: 'Quyết định số 1790/QĐ-TTg', planId: null }],
  legalBases: ['Căn cứ Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng Chính phủ;'],
  purposes: 'Triển khai hiệu quả Chương trình.',
  targets: [
    {
      number: 1,
      code: '1',
      text: 'Hằng năm tổ chức ít nhất 02 cuộc truyền thông',
      unit: 'sessions',
      comparator: 'gte',
      milestones: [{ year: 2026, value: 2, valueMax: null }],
      frequency: 'annual',
      baselineYear: null,
      ruleKind: 'units_meeting_count',
      scopeKinds: ['department', 'commune'],
      scopeText: null,
      parentTargetId: null,
      span: null,
    },
    {
      number: 4,
      code: '4',
      text: 'Đạt 70% đến năm 2028 và 90% cơ quan truyền thông năm 2030',
      unit: 'percent',
      comparator: 'gte',
      milestones: [
        { year: 2028, value: 70, valueMax: null },
        { year: 2030, value: 90, valueMax: null },
      ],
      frequency: 'by_year',
      baselineYear: null,
      ruleKind: 'share_with_status',
      scopeKinds: ['media_agency'],
      scopeText: null,
      parentTargetId: null,
      span: null,
    },
  ],
  taskGroups: [
    {
      ordinal: 1,
      heading: 'Tăng cường truyền thông chính sách, pháp luật',
      method: null,
      subtasks: ['Tổ chức tuyên truyền', 'Tập trung vùng đồng bào dân tộc thiểu số'],
      span: null,
    },
  ],
  assignments: [
    {
      orgName: 'Sở Nội vụ',
      orgUnit: '12-SNV',
      role: 'lead',
      duties: 'Chủ trì, tổng hợp.',
      targetNumbers: [4],
      span: null,
    },
    {
      orgName: 'Các sở, ban, ngành tỉnh; UBND các xã, phường',
      orgUnit: null,
      role: 'lead',
      duties: 'Xây dựng kế hoạch; báo cáo định kỳ.',
      targetNumbers: [1],
      span: null,
    },
  ],
  reportingRules: [
    {
      frequency: 'annual',
      deadline: '01/12',
      cutoffFrom: null,
      cutoffTo: null,
      recipientName: 'Ủy ban nhân dân tỉnh (qua Sở Nội vụ)',
      recipientOrgUnit: '12-SNV',
      span: null,
    },
  ],
  recipients: ['Bộ Nội vụ', 'UBND các xã, phường', 'Lưu: VT'],
  signer: { authority: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Tổng Thanh Hải' },
});

let plan: Plan;

describe('plans', () => {
  it('a provincial planner creates a structured plan, audited', async () => {
    await t.login('tinh.laichau');
    const before = await auditCount(t.database);
    const r = await call('tinh.laichau', 'POST', '/api/plans', provincePlan());
    expect(r.status).toBe(201);
    plan = r.body as Plan;
    expect(plan.status).toBe('draft');
    expect(plan.targets.map((x) => x.number)).toEqual([1, 4]);
    expect(plan.targets[1]!.milestones).toEqual([
      { year: 2028, value: 70, valueMax: null },
      { year: 2030, value: 90, valueMax: null },
    ]);
    expect(plan.assignments[0]!.orgUnitName).toBe('Sở Nội vụ tỉnh Lai Châu');
    expect(plan.reportingRules[0]).toMatchObject({
      frequency: 'annual',
      deadline: '01/12',
      recipientOrgUnit: '12-SNV',
    });
    expect(await auditCount(t.database)).toBe(before + 1);
  });

  it('is read by the units below and above, not by another province', async () => {
    expect((await call('xa.laichau', 'GET', `/api/plans/${plan.id}`)).status).toBe(200);
    expect((await call('admin', 'GET', `/api/plans/${plan.id}`)).status).toBe(200);
    expect((await call('syt.thanhhoa', 'GET', `/api/plans/${plan.id}`)).status).toBe(403);
    const list = await call('syt.thanhhoa', 'GET', '/api/plans');
    expect((list.body as { items: { id: string }[] }).items.map((p) => p.id)).not.toContain(plan.id);
    const superiors = await call('xa.laichau', 'GET', '/api/plans?scope=superiors');
    expect((superiors.body as { items: { id: string }[] }).items.map((p) => p.id)).toContain(plan.id);
    const search = await call('tinh.laichau', 'GET', '/api/plans?q=binh%20dang%20gioi%20giai%20doan');
    expect((search.body as { total: number }).total).toBe(1);
  });

  it('only planners in scope write', async () => {
    expect((await call('xem.laichau', 'POST', '/api/plans', provincePlan())).status).toBe(403);
    expect((await call('syt.thanhhoa', 'POST', '/api/plans', provincePlan())).status).toBe(403);
    // Not even its existence is revealed outside scope.
    const { orgUnit: _x, ...foreign } = provincePlan();
    expect((await call('syt.thanhhoa', 'PUT', `/api/plans/${plan.id}`, { ...foreign, version: 0 })).status).toBe(404);
    const { orgUnit: _o, ...update } = provincePlan();
    expect((await call('xa.laichau', 'PUT', `/api/plans/${plan.id}`, { ...update, version: 0 })).status).toBe(403);
    expect((await call(null, 'GET', `/api/plans/${plan.id}`)).status).toBe(401);
  });

  it('rejects links to targets the plan does not have, naming the field, and writes nothing', async () => {
    const before = await auditCount(t.database);
    const bad = provincePlan();
    bad.assignments![0]!.targetNumbers = [7];
    const r = await call('tinh.laichau', 'POST', '/api/plans', bad);
    expect(r.status).toBe(400);
    expect(Object.keys((r.body as { error: { fields: object } }).error.fields)).toEqual([
      'assignments.0.targetNumbers',
    ]);
    expect(await auditCount(t.database)).toBe(before);
  });

  it('edits keep target ids, refuse stale versions, and lock once issued', async () => {
    const { orgUnit: _o, ...rest } = provincePlan();
    const body = {
      ...rest,
      targets: plan.targets.map(({ id, parentTargetText: _p, ...x }) => ({ ...x, id, text: x.text + '.' })),
      version: 0,
    };
    const r = await call('tinh.laichau', 'PUT', `/api/plans/${plan.id}`, body);
    expect(r.status).toBe(200);
    const updated = r.body as Plan;
    expect(updated.targets.map((x) => x.id)).toEqual(plan.targets.map((x) => x.id));
    expect(updated.version).toBe(1);
    expect((await call('tinh.laichau', 'PUT', `/api/plans/${plan.id}`, body)).status).toBe(409);
    const issued = await call('tinh.laichau', 'POST', `/api/plans/${plan.id}/issue`, { version: 1 });
    expect((issued.body as Plan).status).toBe('issued');
    expect((await call('tinh.laichau', 'PUT', `/api/plans/${plan.id}`, { ...body, version: 2 })).status).toBe(409);
    expect((await call('tinh.laichau', 'DELETE', `/api/plans/${plan.id}?version=2`)).status).toBe(409);
    plan = (await call('tinh.laichau', 'GET', `/api/plans/${plan.id}`)).body as Plan;
  });
});

describe('cascade', () => {
  let draft: Plan;
  it('a commune drafts its plan from the province’s: linked targets, its duties, reporting to the issuer', async () => {
    const r = await call('xa.laichau', 'POST', `/api/plans/${plan.id}/cascade`, {});
    expect(r.status).toBe(201);
    draft = r.body as Plan;
    expect(draft.orgUnitCode).toBe('03394');
    expect(draft.parentPlanId).toBe(plan.id);
    expect(draft.targets.map((x) => x.parentTargetId)).toEqual(plan.targets.map((x) => x.id));
    expect(draft.targets[1]!.milestones).toEqual(plan.targets[1]!.milestones);
    // Only the assignment addressed to communes concerns it.
    expect(draft.assignments).toHaveLength(1);
    expect(draft.assignments[0]).toMatchObject({
      orgUnit: '03394',
      targetNumbers: [1],
      duties: 'Xây dựng kế hoạch; báo cáo định kỳ.',
    });
    expect(draft.reportingRules[0]).toMatchObject({ deadline: '01/12', recipientOrgUnit: '12' });
    expect(draft.parentDocuments.map((d) => d.number)).toContain('99/KH-UBND');
  });

  it('the parent’s tree shows the draft and the units still without a plan', async () => {
    const r = await call('tinh.laichau', 'GET', `/api/plans/${plan.id}/tree`);
    const tree = r.body as { children: { id: string; orgUnitCode: string }[]; unitsWithoutPlan: { code: string }[] };
    expect(tree.children.map((c) => c.orgUnitCode)).toEqual(['03394']);
    const missing = tree.unitsWithoutPlan.map((u) => u.code);
    expect(missing).not.toContain('03394');
    expect(missing).toContain('03390');
    expect(missing).toContain('12-SNV');
    // A commune sees only itself below the province: no other communes leak.
    const mine = (await call('xa.laichau', 'GET', `/api/plans/${plan.id}/tree`)).body as typeof tree;
    expect(mine.unitsWithoutPlan).toEqual([]);
  });

  it('a unit outside the issuer cannot be cascaded to', async () => {
    const r = await call('admin', 'POST', `/api/plans/${plan.id}/cascade`, { orgUnit: '38-SYT' });
    expect(r.status).toBe(403);
  });
});

describe('exports', () => {
  it('exports an official A4 .docx with the national title, Times New Roman and the plan number', async () => {
    const r = await call('xa.laichau', 'GET', `/api/plans/${plan.id}/export.docx`);
    expect(r.status).toBe(200);
    expect(r.raw.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(r.raw.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toContain('Số: 99/KH-UBND');
    expect(xml).toContain('Lai Châu, ngày 05 tháng 4 năm 2026');
    expect(xml).toContain('KẾ HOẠCH');
    expect(xml).toContain('Nơi nhận:');
    expect(xml).toContain('Tổng Thanh Hải');
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('Times New Roman');
  });

  it('exports targets as .xlsx, one row per milestone', async () => {
    const r = await call('tinh.laichau', 'GET', `/api/plans/${plan.id}/targets.xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    expect(ws.getRow(1).getCell(1).value).toBe('STT');
    expect(ws.rowCount).toBe(1 + 3);
    expect(ws.getRow(4).getCell('G').value).toBe(90);
  });
});
