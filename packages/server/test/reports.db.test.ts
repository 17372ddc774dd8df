/**
 * Periodic reports over HTTP on both engines: the due list, a draft filled from the unit's
 * activities, submit → return → resubmit → approve, the lock (409), reopen (audited), versions,
 * scope per route, consolidation into the province's report, completeness with a merged commune
 * (no rate above 100 %), late at midnight Vietnam time, reminders, exports, bad input.
 */
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletenessMatrix, Report, ReportSummary } from '@binhdang/domain';
import { loadDemoPlans } from '../src/index.js';
import { loadDemoReports } from '../src/seed/demo-reports.js';
import { clock } from '../src/reports/service.js';
import { reportBody, reportDocContext, reportDocx } from '../src/reports/export.js';
import { senderFromEnv, sendReminders, type ReminderMail } from '../src/reports/reminders.js';
import { auditCount, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const realNow = clock.now;

async function send<T = unknown>(
  user: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T; raw: Buffer; headers: Record<string, unknown> }> {
  const res = await t.app.inject({
    method,
    url,
    headers: { cookie: await t.login(user), 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return { status: res.statusCode, body: (isJson ? res.json() : null) as T, raw: res.rawPayload, headers: res.headers };
}

beforeAll(async () => {
  t = await startTestApp();
  await loadDemoPlans(t.database.db);
  await loadDemoReports(t.database.db);
  // Fixed "today" of the demo: 22/11/2026 in Vietnam.
  clock.now = () => new Date('2026-11-22T03:00:00Z');
}, 120_000);
afterAll(async () => {
  clock.now = realNow;
  await t?.close();
});

let annual: ReportSummary;
let report: Report;

describe('a commune reporter and the province reviewer', () => {
  it('the commune sees its due annual 2026 report, not started, due before 01/12', async () => {
    const res = await send<{ items: ReportSummary[] }>('xa.laichau', 'GET', '/api/reports?scope=own');
    expect(res.status).toBe(200);
    const a = res.body.items.find((i) => i.period === '2026' && i.frequency === 'annual');
    expect(a).toMatchObject({
      id: null,
      status: 'not_started',
      timeliness: 'pending',
      orgUnitCode: '03394',
      dueBefore: '2026-12-01',
      dueAt: '2026-12-01T00:00:00+07:00',
      cutoffFrom: '2025-12-15',
      cutoffTo: '2026-12-14',
    });
    annual = a!;
    // the same through /due
    const due = await send<{ items: ReportSummary[] }>('xa.laichau', 'GET', '/api/reports/due?period=2026');
    expect(due.body.items.map((i) => i.period)).toEqual(['2026']);
  });

  it('opening the draft is idempotent and its figures match the activities in the window', async () => {
    const before = await auditCount(t.database);
    const first = await send<Report>('xa.laichau', 'POST', '/api/reports', { period: '2026', ruleId: annual.ruleId });
    expect(first.status).toBe(201);
    expect(await auditCount(t.database)).toBe(before + 1);
    const again = await send<Report>('xa.laichau', 'POST', '/api/reports', { period: '2026', ruleId: annual.ruleId });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    report = first.body;
    expect(report.status).toBe('draft');
    expect(report.can).toMatchObject({ edit: true, submit: true, review: false });
    const expected = await sql<{ n: string; f: string; m: string }>`
      SELECT count(*) AS n, sum(coalesce(participants_female,0)) AS f, sum(coalesce(participants_male,0)) AS m
      FROM activity WHERE (org_path = 'VN.12.03394' OR org_path LIKE 'VN.12.03394.%')
        AND start_date BETWEEN '2025-12-15' AND '2026-12-14' AND deleted_at IS NULL`.execute(t.database.db);
    const e = expected.rows[0]!;
    expect(Number(e.n)).toBeGreaterThan(0);
    expect(report.figures.totals.activities).toBe(Number(e.n));
    expect(report.figures.totals.participantsFemale).toBe(Number(e.f));
    expect(report.figures.totals.participantsMale).toBe(Number(e.m));
    expect(report.figures.sources.activityCount).toBe(Number(e.n));
    const byKind = report.figures.tables.find((x) => x.key === 'by_kind')!;
    expect(byKind.total?.cells.activities).toBe(Number(e.n));
    // the indicator engine's values for the plan's targets, for this commune
    expect(report.figures.indicators.available).toBe(true);
    expect(report.figures.indicators.items.map((i) => i.number)).toContain(1);
    // explain lists the same activities
    const ex = await send<{ total: number }>('xa.laichau', 'GET', `/api/reports/${report.id}/explain?limit=5`);
    expect(ex.body.total).toBe(Number(e.n));
  });

  it('the unit writes the narrative with optimistic locking', async () => {
    const ok = await send<Report>('xa.laichau', 'PATCH', `/api/reports/${report.id}`, {
      narrative: { results: 'Tổ chức 5 buổi truyền thông', limitations: 'Địa bàn rộng' },
      version: report.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.narrative).toMatchObject({
      results: 'Tổ chức 5 buổi truyền thông',
      limitations: 'Địa bàn rộng',
      nextTasks: '',
    });
    const stale = await send<{ error: { code: string; fields: Record<string, string> } }>(
      'xa.laichau',
      'PATCH',
      `/api/reports/${report.id}`,
      { narrative: { results: 'x' }, version: report.version },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    report = ok.body;
  });

  it('submit snapshots the figures; a submitted report cannot be edited', async () => {
    const before = await auditCount(t.database);
    const sub = await send<Report>('xa.laichau', 'POST', `/api/reports/${report.id}/submit`, {
      version: report.version,
    });
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', timeliness: 'on_time', daysLate: 0 });
    expect(sub.body.versions.map((v) => v.action)).toEqual(['submit']);
    expect(await auditCount(t.database)).toBe(before + 1);
    const stored = await t.database.db
      .selectFrom('report')
      .select(['figures'])
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect((stored.figures as { totals: { activities: number } }).totals.activities).toBe(
      report.figures.totals.activities,
    );
    const edit = await send('xa.laichau', 'PATCH', `/api/reports/${report.id}`, {
      narrative: { results: 'y' },
      version: sub.body.version,
    });
    expect(edit.status).toBe(409);
    report = sub.body;
  });

  it('reviewers outside the unit’s subtree, and reporters, cannot act on it', async () => {
    // Thanh Hóa health reviewer: another province
    const far = await send<{ error: { code: string } }>('syt.thanhhoa', 'POST', `/api/reports/${report.id}/approve`, {
      version: report.version,
    });
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe('out_of_scope');
    expect((await send('syt.thanhhoa', 'GET', `/api/reports/${report.id}`)).status).toBe(403);
    // Sở Nội vụ reviewer: a sibling of the commune, not its superior
    const sibling = await send('snv.laichau', 'POST', `/api/reports/${report.id}/return`, {
      version: report.version,
      comment: 'x',
    });
    expect(sibling.status).toBe(403);
    // the reporter itself cannot approve
    const self = await send<{ error: { code: string } }>('xa.laichau', 'POST', `/api/reports/${report.id}/approve`, {
      version: report.version,
    });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('forbidden');
    // a viewer of the province reads it but cannot review
    expect((await send('xem.laichau', 'GET', `/api/reports/${report.id}`)).status).toBe(200);
    expect(
      (await send('xem.laichau', 'POST', `/api/reports/${report.id}/approve`, { version: report.version })).status,
    ).toBe(403);
    const row = await t.database.db
      .selectFrom('report')
      .select(['status'])
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
  });

  it('the province reviewer sees it in the inbox and returns it with a comment', async () => {
    const inbox = await send<{ items: ReportSummary[] }>(
      'tinh.laichau',
      'GET',
      '/api/reports?scope=inbox&status=submitted',
    );
    expect(inbox.body.items.some((i) => i.id === report.id)).toBe(true);
    const noComment = await send<{ error: { fields: Record<string, string> } }>(
      'tinh.laichau',
      'POST',
      `/api/reports/${report.id}/return`,
      { version: report.version },
    );
    expect(noComment.status).toBe(400);
    expect(Object.keys(noComment.body.error.fields)).toContain('comment');
    const ret = await send<Report>('tinh.laichau', 'POST', `/api/reports/${report.id}/return`, {
      version: report.version,
      comment: 'Bổ sung kết quả Tháng hành động',
    });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', returnComment: 'Bổ sung kết quả Tháng hành động' });
    report = ret.body;
  });

  it('the reporter fixes and resubmits; the reviewer approves; approved is locked (409)', async () => {
    const fix = await send<Report>('xa.laichau', 'PATCH', `/api/reports/${report.id}`, {
      narrative: { results: 'Tổ chức 5 buổi truyền thông; Tháng hành động: 2 buổi' },
      version: report.version,
    });
    expect(fix.status).toBe(200);
    const sub = await send<Report>('xa.laichau', 'POST', `/api/reports/${report.id}/submit`, {
      version: fix.body.version,
    });
    expect(sub.status).toBe(200);
    const ok = await send<Report>('tinh.laichau', 'POST', `/api/reports/${report.id}/approve`, {
      version: sub.body.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    expect(ok.body.versions.map((v) => v.action)).toEqual(['submit', 'return', 'submit', 'approve']);
    report = ok.body;
    for (const [method, url, body] of [
      ['PATCH', `/api/reports/${report.id}`, { narrative: { results: 'z' }, version: report.version }],
      ['POST', `/api/reports/${report.id}/submit`, { version: report.version }],
      ['POST', `/api/reports/${report.id}/refresh`, { version: report.version }],
    ] as const) {
      const res = await send<{ error: { code: string } }>('xa.laichau', method, url, body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
  });

  it('the province’s consolidated report includes the commune’s approved figures', async () => {
    const own = await send<{ items: ReportSummary[] }>('tinh.laichau', 'GET', '/api/reports?scope=own&period=2026');
    const due = own.body.items.find((i) => i.frequency === 'annual')!;
    expect(due.recipientName).toMatch(/Bộ Nội vụ/);
    const opened = await send<Report>('tinh.laichau', 'POST', '/api/reports', { period: '2026', ruleId: due.ruleId });
    expect(opened.status).toBe(201);
    const p = opened.body;
    expect(p.consolidated).toBe(true);
    const subs = p.figures.tables.find((x) => x.key === 'subordinates')!;
    const commune = subs.rows.find((r) => r.key === '03394')!;
    expect(commune.cells.activities).toBe(report.figures.totals.activities);
    expect(p.figures.sources.subordinateReportIds).toContain(report.id);
    // every approved subordinate counted once: totals = own + subordinates
    const subTotal = subs.rows.reduce((s, r) => s + (r.cells.activities as number), 0);
    expect(p.figures.totals.activities).toBeGreaterThanOrEqual(subTotal);
    expect(p.figures.totals.activities - subTotal).toBe(
      p.figures.sources.activityCount, // the province's own activities outside reporting subordinates
    );
  });

  it('reopening an approved report is the reviewer’s, audited, and unlocks it', async () => {
    const before = await auditCount(t.database);
    const noScope = await send('syt.thanhhoa', 'POST', `/api/reports/${report.id}/reopen`, {
      version: report.version,
      comment: 'x',
    });
    expect(noScope.status).toBe(403);
    const re = await send<Report>('tinh.laichau', 'POST', `/api/reports/${report.id}/reopen`, {
      version: report.version,
      comment: 'Sửa số liệu kinh phí',
    });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('returned');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'after'])
      .where('entity', '=', 'report')
      .where('entity_id', '=', report.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('reopen');
    expect(await auditCount(t.database)).toBe(before + 1);
    const versions = await send<{ action: string }[]>('xa.laichau', 'GET', `/api/reports/${report.id}/versions`);
    expect(versions.body.map((v) => v.action)).toEqual(['submit', 'return', 'submit', 'approve', 'reopen']);
    report = re.body;
  });
});

describe('completeness and timeliness', () => {
  it('a late submission at 00:00 of the due day in Vietnam counts 1 day late', async () => {
    clock.now = () => new Date('2026-11-30T17:00:00Z'); // 01/12/2026 00:00 in Vietnam
    try {
      const sub = await send<Report>('xa.laichau', 'POST', `/api/reports/${report.id}/submit`, {
        version: report.version,
      });
      // the first submission was on time and stays the one that counts
      expect(sub.body.timeliness).toBe('on_time');
    } finally {
      clock.now = () => new Date('2026-11-22T03:00:00Z');
    }
    // a unit submitting for the first time at that instant is late by one day
    const m0 = await send<CompletenessMatrix>('tinh.laichau', 'GET', '/api/reports/completeness?period=2026&periods=1');
    const col = m0.body.columns.findIndex((c) => c.period === '2026' && c.frequency === 'annual');
    const draftRow = m0.body.rows.find((r) => r.cells[col]!.status === 'draft')!;
    const draftReport = await t.database.db
      .selectFrom('report')
      .select(['id', 'version', 'org_unit_id'])
      .where('id', '=', draftRow.cells[col]!.reportId!)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('report')
      .set({ status: 'submitted', first_submitted_at: new Date('2026-11-30T16:59:59Z') })
      .where('id', '=', draftReport.id)
      .execute();
    let m = await send<CompletenessMatrix>('tinh.laichau', 'GET', '/api/reports/completeness?period=2026&periods=1');
    let cell = m.body.rows.find((r) => r.orgUnitId === draftReport.org_unit_id)!.cells[col]!;
    expect(cell).toMatchObject({ timeliness: 'on_time', daysLate: 0 });
    await t.database.db
      .updateTable('report')
      .set({ first_submitted_at: new Date('2026-11-30T17:00:00Z') })
      .where('id', '=', draftReport.id)
      .execute();
    m = await send<CompletenessMatrix>('tinh.laichau', 'GET', '/api/reports/completeness?period=2026&periods=1');
    cell = m.body.rows.find((r) => r.orgUnitId === draftReport.org_unit_id)!.cells[col]!;
    expect(cell).toMatchObject({ timeliness: 'late', daysLate: 1 });
  });

  it('the matrix over 2025–2026: on time, late, missing, not expected; rates ≤ 100 %', async () => {
    const m = await send<CompletenessMatrix>('tinh.laichau', 'GET', '/api/reports/completeness?period=2026&periods=2');
    expect(m.status).toBe(200);
    expect(m.body.columns.map((c) => c.period)).toEqual(['2025', '2026S1', '2026']);
    const all = m.body.rows.flatMap((r) => r.cells.map((c) => c.timeliness));
    for (const k of ['on_time', 'late', 'missing', 'pending', 'not_expected']) expect(all).toContain(k);
    for (const r of m.body.rates) {
      expect(r.completenessRate!).toBeLessThanOrEqual(1);
      expect(r.timelinessRate!).toBeLessThanOrEqual(r.completenessRate!);
      expect(r.onTime + r.late + r.missing + r.pending).toBe(r.expected);
    }
    // 2025: the abolished district offices are gone; a commune created on 1/7/2025 is expected
    const row03394 = m.body.rows.find((r) => r.orgUnitCode === '03394')!;
    expect(row03394.cells[0]!.timeliness).toBe('on_time');
    // the .xlsx export of the same matrix
    const x = await send('tinh.laichau', 'GET', '/api/reports/completeness.xlsx?period=2026&periods=2');
    expect(x.status).toBe(200);
    expect(x.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('a commune merged into another stops being expected; its successor is; no rate above 100 %', async () => {
    const q = '/api/reports/completeness?period=2026&periods=1';
    const before = await send<CompletenessMatrix>('tinh.laichau', 'GET', q);
    const col = before.body.columns.findIndex((c) => c.frequency === 'annual');
    const merged = before.body.rows.find(
      (r) => r.kind === 'commune' && r.orgUnitCode !== '03394' && r.cells[col]!.status === 'submitted',
    )!;
    expect(merged).toBeDefined();
    const unit = await send<{ version: number }>('admin.laichau', 'GET', `/api/org-units/${merged.orgUnitCode}`);
    const res = await send('admin.laichau', 'POST', `/api/org-units/${merged.orgUnitCode}/merge`, {
      successor: '03394',
      validTo: '2026-11-20',
      version: unit.body.version,
    });
    expect(res.status).toBe(200);
    const after = await send<CompletenessMatrix>('tinh.laichau', 'GET', q);
    const rb = before.body.rates[col]!;
    const ra = after.body.rates[col]!;
    expect(ra.expected).toBe(rb.expected - 1);
    expect(ra.notExpected).toBe(rb.notExpected + 1);
    expect(ra.onTime).toBe(rb.onTime - 1); // its report is shown, not counted
    expect(ra.completenessRate!).toBeLessThanOrEqual(1);
    const cell = after.body.rows.find((r) => r.orgUnitId === merged.orgUnitId)!.cells[col]!;
    expect(cell.timeliness).toBe('not_expected');
    expect(after.body.rows.find((r) => r.orgUnitCode === '03394')!.cells[col]!.timeliness).not.toBe('not_expected');
  });

  it('reminders: due within 7 days, overdue, returned', async () => {
    clock.now = () => new Date('2026-12-10T03:00:00Z');
    try {
      const r = await send<{ items: { kind: string; period: string; daysLeft: number }[] }>(
        'xa.laichau',
        'GET',
        '/api/reports/reminders',
      );
      expect(r.status).toBe(200);
      // the half-year report returned for fixes; the annual one was sent, so it is not chased
      expect(r.body.items).toEqual([expect.objectContaining({ kind: 'returned', period: '2026S1' })]);
      const tinh = await send<{ items: { kind: string; period: string; daysLeft: number }[] }>(
        'tinh.laichau',
        'GET',
        '/api/reports/reminders',
      );
      // the province's national report: 2025 never sent (overdue), 2026 a draft due before 15/12
      expect(tinh.body.items).toEqual([
        expect.objectContaining({ kind: 'overdue', period: '2025' }),
        expect.objectContaining({ kind: 'due_soon', period: '2026', daysLeft: 5 }),
      ]);
      // e-mail: off unless SMTP_URL is set; the selection is the same as in the app
      expect(senderFromEnv({})).toBeNull();
      const mails: ReminderMail[] = [];
      const sent = await sendReminders(t.database.db, { send: async (m) => void mails.push(m) }, clock.now());
      expect(sent).toBe(mails.length);
      const toXa = mails.find((m) => m.username === 'xa.laichau')!;
      expect(toXa.items.map((i) => i.kind)).toEqual(['returned']);
      expect(toXa.text).toContain('bị trả lại');
      expect(mails.some((m) => m.username === 'xem.laichau')).toBe(false); // a viewer is not chased
    } finally {
      clock.now = () => new Date('2026-11-22T03:00:00Z');
    }
  });
});

describe('bulk approve, exports and bad input', () => {
  it('bulk approve is all or nothing and names the failing item', async () => {
    const inbox = await send<{ items: ReportSummary[] }>(
      'tinh.laichau',
      'GET',
      '/api/reports?scope=inbox&status=submitted&period=2026',
    );
    const [a, b] = inbox.body.items;
    expect(a && b).toBeTruthy();
    const bad = await send<{ error: { code: string; fields: Record<string, string> } }>(
      'tinh.laichau',
      'POST',
      '/api/reports/bulk-approve',
      {
        items: [
          { id: a!.id, version: a!.version },
          { id: b!.id, version: b!.version! + 5 },
        ],
      },
    );
    expect(bad.status).toBe(409);
    expect(Object.keys(bad.body.error.fields)).toContain('items.1');
    const still = await t.database.db
      .selectFrom('report')
      .select('status')
      .where('id', '=', a!.id!)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('submitted');
    const ok = await send<{ approved: number }>('tinh.laichau', 'POST', '/api/reports/bulk-approve', {
      items: [a, b].map((x) => ({ id: x!.id, version: x!.version })),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.approved).toBe(2);
    const far = await send('syt.thanhhoa', 'POST', '/api/reports/bulk-approve', {
      items: [{ id: a!.id, version: 99 }],
    });
    expect(far.status).toBe(403);
  });

  it('the .docx is an official BC report with Kính gửi and the data tables; .xlsx and DHIS2 too', async () => {
    const d = await send('xa.laichau', 'GET', `/api/reports/${report.id}/docx`);
    expect(d.status).toBe(200);
    expect(String(d.headers['content-type'])).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(d.raw);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('Kính gửi: Ủy ban nhân dân tỉnh (qua Sở Nội vụ)');
    expect(xml).toContain('Hoạt động truyền thông theo hình thức');
    expect(xml).toContain('Nơi nhận:');
    expect(xml).toContain('HẠN CHẾ, NGUYÊN NHÂN');
    // Decree 30 layout: the issuing body, the number with the issuer's abbreviation, no doubled
    // "Thực hiện", Vietnamese statuses and units, formatted totals, the committee's signature.
    expect(xml).toContain('ỦY BAN NHÂN DÂN XÃ SIN SUỐI HỒ');
    expect(xml).toMatch(/Số: (\u00a0)+\/BC-UBND/);
    expect(xml).toContain('Sin Suối Hồ, ngày');
    expect(xml).not.toMatch(/thực hiện (Kế hoạch|Thực hiện) (?!số)/i);
    expect(xml).not.toContain('Thực hiện "');
    expect(xml).toContain('Kết quả thực hiện Chương trình Truyền thông về bình đẳng giới');
    expect(xml).toContain(', UBND xã Sin Suối Hồ báo cáo kết quả thực hiện năm 2026');
    expect(xml).not.toMatch(/achieved|on_track|at_risk|off_track|no_data/);
    expect(xml).toMatch(/Đạt|Đúng tiến độ|Có nguy cơ|Chậm tiến độ|Chưa có số liệu/);
    expect(xml).toMatch(/\d%/);
    const products = report.figures.totals.products.toLocaleString('vi-VN');
    expect(xml).toContain(`; ${products} sản phẩm truyền thông`);
    expect(xml).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(xml).toContain('CHỦ TỊCH');
    expect(xml).not.toContain('THỦ TRƯỞNG ĐƠN VỊ');
    const rawXml = await zip.file('word/document.xml')!.async('string');
    expect(rawXml).toContain('<w:jc w:val="right"/>'); // numbers right-aligned
    expect(rawXml).toMatch(/<w:gridCol w:w="700"\/>/); // a narrow STT column
    expect(rawXml).toContain('<w:keepNext/>'); // the last paragraph stays with the signature
    // The date is the Vietnam calendar day: 18:30 UTC on 30/11 is 01:30 on 01/12 in Hà Nội.
    const late = await reportDocx(
      { ...report, submittedAt: '2026-11-30T18:30:00.000Z' },
      await reportDocContext(t.database.db, report),
    );
    const lateXml = (await (await JSZip.loadAsync(late)).file('word/document.xml')!.async('string')).replace(
      /<[^>]+>/g,
      '',
    );
    expect(lateXml).toContain('Sin Suối Hồ, ngày 01 tháng 12 năm 2026');
    // A plan with a number is cited by number, date and issuer, in the summary too.
    const ctx = await reportDocContext(t.database.db, report);
    const opening = reportBody({ ...report, planNumber: '95/KH-UBND' }, { ...ctx, planIssuedOn: '2025-08-12' })[0]!;
    expect(opening).toMatchObject({ kind: 'paragraph' });
    expect((opening as { text: string }).text).toMatch(
      /^Thực hiện Kế hoạch số 95\/KH-UBND ngày 12\/08\/2025 của UBND tỉnh Lai Châu về thực hiện [^"]+, UBND xã Sin Suối Hồ báo cáo/,
    );
    const x = await send('xa.laichau', 'GET', `/api/reports/${report.id}/xlsx`);
    expect(x.status).toBe(200);
    expect(x.raw.subarray(0, 2).toString()).toBe('PK');
    const h = await send<{ dataValues: { value: string }[]; period: string }>(
      'xa.laichau',
      'GET',
      `/api/reports/${report.id}/dhis2`,
    );
    expect(h.body.period).toBe('2026');
    expect(h.body.dataValues.length).toBeGreaterThan(0);
    expect((await send('syt.thanhhoa', 'GET', `/api/reports/${report.id}/docx`)).status).toBe(403);
  });

  it('bad input is a 4xx naming the field, never a 500, never a write', async () => {
    const before = await t.database.db
      .selectFrom('report')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: [string, unknown, string][] = [
      ['period', { period: '2026-13', ruleId: annual.ruleId }, 'period'],
      ['rule', { period: '2026', ruleId: '11111111-1111-4111-8111-111111111111' }, 'ruleId'],
      ['frequency', { period: '2026S1', ruleId: annual.ruleId }, 'period'],
      ['extra', { period: '2026', ruleId: annual.ruleId, x: 1 }, 'x'],
      ['other unit', { period: '2026', ruleId: annual.ruleId, orgUnit: '12' }, 'orgUnit'],
    ];
    for (const [, body, field] of cases) {
      const res = await send<{ error: { fields: Record<string, string> } }>('xa.laichau', 'POST', '/api/reports', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(Object.keys(res.body.error.fields).join(',')).toContain(field);
    }
    const notMine = await send('xa.laichau', 'POST', '/api/reports', {
      period: '2026',
      ruleId: annual.ruleId,
      orgUnit: '38-SYT',
    });
    expect(notMine.status).toBe(403);
    const badPatch = await send<{ error: { fields: Record<string, string> } }>(
      'xa.laichau',
      'PATCH',
      `/api/reports/${report.id}`,
      {
        narrative: { results: 5 },
        version: 0,
      },
    );
    expect(badPatch.status).toBe(400);
    expect(Object.keys(badPatch.body.error.fields)).toContain('narrative.results');
    expect((await send('xa.laichau', 'GET', '/api/reports/not-a-uuid')).status).toBe(400);
    expect((await send('xa.laichau', 'GET', '/api/reports/11111111-1111-4111-8111-111111111111')).status).toBe(404);
    expect((await send('tinh.laichau', 'GET', '/api/reports/completeness?org=38')).status).toBe(403);
    expect((await send('xa.laichau', 'GET', '/api/reports?org=12')).status).toBe(403);
    const after = await t.database.db
      .selectFrom('report')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
