/**
 * Periodic reports, end to end: the commune of Sin Suối Hồ (03394, xa.laichau) opens its due
 * annual 2026 report, finds figures that match its activities within the data cut-off, writes
 * the narrative and submits; the province (tinh.laichau) returns it with a comment; the commune
 * reads the comment, fixes and resubmits; the province approves (one report on desktop, bulk on
 * phones), sees the commune on time in the completeness matrix and the commune's figures in the
 * province's consolidated report; the .docx of the approved report is saved under
 * e2e/screenshots/ (rendered by hand with e2e/reports-render-docx.sh); finally the province
 * reopens the locked report (audited), which the next run picks up from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import JSZip from 'jszip';
import type { ActivityKind, ActivityList, Report, ReportList, ReportSummary } from '@binhdang/domain';
import { deadlineState, formatCount, periodLabel } from '../packages/web/src/reports/format.ts';
import { expect, test } from './fixtures.ts';
import { isPhone, login, openNav, snap } from './helpers.ts';

const COMMUNE = '03394';
const PERIOD = '2026';
// Workflow steps write and recompute on a shared 2-core machine: give their answers time.
const SLOW = { timeout: 30_000 };
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

async function json<T>(request: APIRequestContext, url: string, params?: Record<string, string | number>) {
  const res = await request.get(url, params ? { params } : undefined);
  expect(res.status(), `GET ${url}`).toBe(200);
  return (await res.json()) as T;
}

/** The commune's annual report for 2026, as the server lists it for the signed-in commune user. */
async function communeAnnual(page: Page): Promise<ReportSummary> {
  const list = await json<ReportList>(page.request, '/api/reports', { scope: 'own', period: PERIOD });
  const annual = list.items.filter((r) => r.orgUnitCode === COMMUNE && r.frequency === 'annual');
  expect(annual.length, 'the commune owes an annual 2026 report').toBeGreaterThan(0);
  return annual[0]!;
}

/**
 * The reports page's entry for the report: through the menu, the tab and the row. Phones open
 * the menu behind the burger first.
 */
async function openReportsMenu(page: Page, testInfo: TestInfo): Promise<void> {
  await openNav(page, testInfo);
  // The menu counts what is due within 7 days, overdue or returned, as the server lists them.
  const reminders = await json<{ items: { kind: string }[] }>(page.request, '/api/reports/reminders');
  const badge = page.getByTestId('reports-reminder-badge');
  if (reminders.items.length > 0) {
    await expect(badge).toHaveText(String(reminders.items.length));
    await expect(badge).toHaveAttribute('data-overdue', String(reminders.items.some((r) => r.kind === 'overdue')));
  } else {
    await expect(badge).toHaveCount(0);
  }
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Báo cáo/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Báo cáo của tôi' })).toBeVisible();
}

/** A previous project's run left the report approved (or a broken run left it submitted). */
async function resetIfNeeded(page: Page, testInfo: TestInfo, due: ReportSummary): Promise<void> {
  if (due.status !== 'approved' && due.status !== 'submitted') return;
  await switchUser(page, 'tinh.laichau');
  await page.goto(`/reports/${due.id}`);
  if (due.status === 'approved') {
    await reopenAsReviewer(page, testInfo, `Mở lại để chạy thử lại (${testInfo.project.name})`);
  } else {
    await page.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lại báo cáo để đơn vị sửa' });
    await dialog.getByLabel(/^Ý kiến/).fill('Trả lại để chạy thử lại');
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await expect(page).toHaveURL(/\/reports\/inbox$/, SLOW);
  }
  await switchUser(page, 'xa.laichau');
}

/** The reviewer opens the locked report: read-only, "Mở lại để sửa" with a reason, then returned. */
async function reopenAsReviewer(page: Page, testInfo: TestInfo, reason: string): Promise<void> {
  const view = page.getByTestId('report-page');
  await expect(view).toHaveAttribute('data-status', 'approved');
  await expect(page.getByTestId('report-locked')).toContainText('Báo cáo đã được phê duyệt và khóa');
  await expect(page.getByRole('textbox', { name: 'Kết quả thực hiện' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Mở lại để sửa' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mở lại báo cáo đã phê duyệt' });
  await dialog.getByLabel(/^Lý do mở lại/).fill(reason);
  await dialog.getByRole('button', { name: 'Mở lại để sửa' }).click();
  await expect(view).toHaveAttribute('data-status', 'returned', SLOW);
  await expect(page.locator('[data-testid="history-item"][data-action="reopen"]').last()).toContainText(reason);
  void testInfo;
}

interface Expected {
  activities: number;
  participantsFemale: number;
  participantsMale: number;
  participantsTotal: number;
  products: number;
  sessions: number;
  newsItems: number;
  costs: number;
}

/**
 * The figures the report should show, from the activities API: the commune's subtree, those
 * starting within the cut-off window (the list's own filter takes any overlap, so it is narrowed
 * here), participants total = the recorded total or female + male.
 */
async function expectedFromActivities(page: Page, report: Report): Promise<Expected> {
  const list = await json<ActivityList>(page.request, '/api/activities', {
    org: COMMUNE,
    from: report.cutoffFrom,
    to: report.cutoffTo,
    limit: 1000,
  });
  expect(list.total, 'activities fit in one page').toBeLessThanOrEqual(1000);
  const kinds = await json<ActivityKind[]>(page.request, '/api/activity-kinds');
  const countsAs = new Map(kinds.map((k) => [k.code, k.countsAs as string[]]));
  const inWindow = list.items.filter((a) => a.startDate >= report.cutoffFrom && a.startDate <= report.cutoffTo);
  const sum = (f: (a: (typeof inWindow)[number]) => number) => inWindow.reduce((s, a) => s + f(a), 0);
  const e: Expected = {
    activities: inWindow.length,
    participantsFemale: sum((a) => a.participantsFemale ?? 0),
    participantsMale: sum((a) => a.participantsMale ?? 0),
    participantsTotal: sum((a) => a.participantsTotal ?? (a.participantsFemale ?? 0) + (a.participantsMale ?? 0)),
    products: sum((a) => a.productsCount ?? 0),
    sessions: inWindow.filter((a) => countsAs.get(a.kind)?.includes('session')).length,
    newsItems: inWindow.filter((a) => countsAs.get(a.kind)?.includes('news_item')).length,
    costs: sum((a) => (a.costStateBudget ?? 0) + (a.costMobilised ?? 0) + (a.costInternational ?? 0)),
  };
  // With no activity straddling the window's edges, the list's totals row says the same.
  if (inWindow.length === list.items.length) {
    expect(list.totals.activities).toBe(e.activities);
    expect(list.totals.participantsTotal).toBe(e.participantsTotal);
    expect(list.totals.sessions).toBe(e.sessions);
  }
  return e;
}

async function fillNarrative(page: Page, texts: Record<string, string>): Promise<void> {
  for (const [label, text] of Object.entries(texts)) {
    await page.getByRole('textbox', { name: label }).fill(text);
  }
  // Saved by itself once typing stops.
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu lúc', { timeout: 15_000 });
}

async function submitReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo lên cấp trên?' });
  await expect(dialog).toContainText('Số liệu được chốt tại thời điểm gửi');
  await dialog.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByTestId('report-page')).toHaveAttribute('data-status', 'submitted', SLOW);
  // Submitted: read-only for the commune.
  await expect(page.getByRole('textbox', { name: 'Kết quả thực hiện' })).toHaveCount(0);
}

test('annual report: commune submits, province returns with a comment, commune fixes, province approves and consolidates', async ({
  page,
}, testInfo) => {
  test.setTimeout(360_000);
  const tag = testInfo.project.name;
  const phone = isPhone(testInfo);

  // --- The commune: what is due, by when. ---
  await login(page, 'xa.laichau');
  await resetIfNeeded(page, testInfo, await communeAnnual(page));
  const due = await communeAnnual(page);
  expect(['not_started', 'draft', 'returned']).toContain(due.status);

  await openReportsMenu(page, testInfo);
  const row = page
    .locator(`[data-testid="report-row"][data-period="${PERIOD}"]`)
    .filter({ hasText: due.planTitle.slice(0, 40) });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText('Năm 2026');
  await expect(row.first().getByTestId('report-deadline')).toContainText(`Trước ngày ${ddmmyyyy(due.dueBefore)}`);
  const d = deadlineState(due.dueBefore);
  const left = row.first().getByTestId('report-days-left');
  // Submitted today: on time before the deadline, late by the days overdue after it.
  const timeliness = d.state === 'overdue' ? `Muộn ${d.days} ngày` : 'Đúng hạn';
  await expect(left).toHaveAttribute('data-state', d.state);
  if (d.state === 'ahead') await expect(left).toHaveText(`Còn ${d.days} ngày`);
  if (d.state === 'overdue') {
    await expect(left).toHaveText(`Quá hạn ${d.days} ngày`);
    await expect(left).toHaveCSS('color', 'rgb(224, 49, 49)'); // red.8 (AA contrast on white)
  }
  await snap(page, testInfo, 'reports-mine');
  const openLabel = { not_started: 'Bắt đầu soạn', draft: 'Tiếp tục soạn', returned: 'Sửa và gửi lại' }[
    due.status as 'not_started' | 'draft' | 'returned'
  ];
  await row.first().getByTestId('report-open').filter({ hasText: openLabel }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/, SLOW);
  const reportId = page.url().split('/').pop()!;

  // --- The header and the figures, checked against the activities behind them. ---
  const report = await json<Report>(page.request, `/api/reports/${reportId}`);
  await expect(page.getByTestId('report-title')).toHaveText('Báo cáo năm 2026');
  await expect(page.getByTestId('report-period')).toContainText(periodLabel(PERIOD));
  await expect(page.getByTestId('report-cutoff')).toContainText(
    `Từ ${ddmmyyyy(report.cutoffFrom)} đến ${ddmmyyyy(report.cutoffTo)}`,
  );
  await expect(page.getByTestId('report-header')).toContainText('Sin Suối Hồ');
  const expected = await expectedFromActivities(page, report);
  expect(expected.activities, 'the demo commune has activities in 2026').toBeGreaterThan(0);
  const t = report.figures.totals;
  expect({
    activities: t.activities,
    participantsFemale: t.participantsFemale,
    participantsMale: t.participantsMale,
    participantsTotal: t.participantsTotal,
    products: t.products,
    sessions: t.sessions,
    newsItems: t.newsItems,
    costs: t.costStateBudget + t.costMobilised + t.costInternational,
  }).toEqual(expected);
  await expect(page.getByTestId('total-activities-value')).toHaveText(formatCount(expected.activities));
  await expect(page.getByTestId('total-participants-value')).toHaveText(formatCount(expected.participantsTotal));
  await expect(page.getByTestId('total-participants-detail')).toHaveText(
    `♀ ${formatCount(expected.participantsFemale)} · ♂ ${formatCount(expected.participantsMale)}`,
  );
  await expect(page.getByTestId('figures-source')).toContainText(`${expected.activities} hoạt động`);
  // The by-kind table accounts for every activity.
  const byKind = report.figures.tables.find((x) => x.key === 'by_kind');
  expect(byKind, 'a table by kind').toBeTruthy();
  await expect(
    page.locator('[data-testid="report-table"][data-table="by_kind"] [data-testid="report-table-row"]'),
  ).toHaveCount(byKind!.rows.length);
  await snap(page, testInfo, 'report-editor');

  // --- Saved elsewhere meanwhile (another tab): the save meets a 409 and shows the newer text, never overwrites it. ---
  const elsewhere = `Bản lưu từ thiết bị khác (${tag}).`;
  const current = await json<Report>(page.request, `/api/reports/${reportId}`);
  const patched = await page.request.patch(`/api/reports/${reportId}`, {
    data: { narrative: { results: elsewhere }, version: current.version },
  });
  expect(patched.status()).toBe(200);
  const results = page.getByRole('textbox', { name: 'Kết quả thực hiện' });
  await results.fill('Bản đang gõ trên trang này');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  const conflict = page.getByTestId('narrative-conflict');
  await expect(conflict).toBeVisible(SLOW);
  await expect(page.getByTestId('conflict-theirs-results')).toHaveText(elsewhere);
  await expect(results).toHaveValue('Bản đang gõ trên trang này');
  if (!phone) await snap(page, testInfo, 'report-conflict');
  await conflict.getByRole('button', { name: 'Dùng bản mới hơn' }).click();
  await expect(results).toHaveValue(elsewhere);
  await expect(conflict).toHaveCount(0);

  // --- The narrative, saved by itself; then submit. ---
  await fillNarrative(page, {
    'Kết quả thực hiện': `Xã tổ chức ${expected.sessions} buổi truyền thông về bình đẳng giới (${tag}).`,
    'Hạn chế, nguyên nhân': 'Một số thôn bản vùng sâu chưa tổ chức được hoạt động.',
    'Kiến nghị, đề xuất': 'Đề nghị tỉnh hỗ trợ tài liệu song ngữ.',
    'Nhiệm vụ kỳ tới': 'Tiếp tục tổ chức Tháng hành động vì bình đẳng giới.',
  });
  await submitReport(page);
  await snap(page, testInfo, 'report-submitted');

  // --- The province returns it with a comment (required). ---
  await switchUser(page, 'tinh.laichau');
  await openReportsMenu(page, testInfo);
  await page.getByRole('tab', { name: /^(Báo cáo c|C)hờ duyệt$/ }).click();
  await expect(page).toHaveURL(/\/reports\/inbox$/);
  const inboxRow = page.locator(`[data-testid="inbox-row"][data-org="${COMMUNE}"][data-period="${PERIOD}"]`);
  await expect(inboxRow).toHaveCount(1);
  await expect(inboxRow).toContainText(timeliness);
  await snap(page, testInfo, 'reports-inbox');
  await inboxRow.getByRole('link', { name: /Sin Suối Hồ/ }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${reportId}$`));
  await expect(page.getByTestId('narrative-view-results')).toContainText(`(${tag})`);
  await expect(page.getByRole('textbox', { name: 'Kết quả thực hiện' })).toHaveCount(0);
  await snap(page, testInfo, 'report-review');
  await page.getByRole('button', { name: 'Trả lại' }).click();
  const returnDialog = page.getByRole('dialog', { name: 'Trả lại báo cáo để đơn vị sửa' });
  await returnDialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(returnDialog).toContainText('Hãy ghi ý kiến để đơn vị biết cần sửa gì');
  const comment = `Bổ sung số người dân tộc thiểu số tham dự (${tag}).`;
  await returnDialog.getByLabel(/^Ý kiến/).fill(comment);
  if (phone) await snap(page, testInfo, 'report-return-dialog', { fullPage: false });
  await returnDialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page).toHaveURL(/\/reports\/inbox$/, SLOW);
  await expect(inboxRow).toHaveCount(0, SLOW);

  // --- The commune reads the comment, fixes and resubmits. ---
  await switchUser(page, 'xa.laichau');
  await openReportsMenu(page, testInfo);
  const returnedRow = page.locator(`[data-testid="report-row"][data-period="${PERIOD}"][data-status="returned"]`);
  await expect(returnedRow.first()).toContainText(comment);
  await returnedRow.first().getByTestId('report-open').click();
  await expect(page.getByTestId('report-returned')).toContainText(comment);
  await expect(page.locator('[data-testid="history-item"][data-action="return"]').last()).toContainText(comment);
  await snap(page, testInfo, 'report-returned');
  const limitations = page.getByRole('textbox', { name: 'Hạn chế, nguyên nhân' });
  await limitations.fill(`${await limitations.inputValue()} Đã bổ sung: 42 người dân tộc thiểu số tham dự.`);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('save-state')).toContainText('Đã lưu lúc');
  await submitReport(page);

  // --- The province approves: one report on desktop, by bulk selection on phones. ---
  await switchUser(page, 'tinh.laichau');
  await page.goto('/reports/inbox');
  await expect(inboxRow).toHaveCount(1);
  if (phone) {
    await inboxRow.getByTestId('inbox-select').check();
    await page.getByTestId('bulk-approve').click();
    const dialog = page.getByRole('dialog', { name: 'Phê duyệt các báo cáo đã chọn?' });
    await expect(dialog).toContainText('Sin Suối Hồ');
    await dialog.getByRole('button', { name: /^Phê duyệt 1 báo cáo$/ }).click();
    await expect(inboxRow).toHaveCount(0, SLOW);
    await page.goto(`/reports/${reportId}`);
  } else {
    await inboxRow.getByRole('link', { name: /Sin Suối Hồ/ }).click();
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.getByRole('dialog', { name: 'Phê duyệt báo cáo?' }).getByRole('button', { name: 'Phê duyệt' }).click();
  }
  await expect(page.getByTestId('report-page')).toHaveAttribute('data-status', 'approved', SLOW);
  await expect(page.getByTestId('report-locked')).toBeVisible();
  await snap(page, testInfo, 'report-approved');

  // --- Completeness: the commune on time (late after the deadline), rates never above 100 %. ---
  await page.goto('/reports');
  await page.getByRole('tab', { name: /^Tình hình nộp/ }).click();
  await expect(page).toHaveURL(/\/reports\/completeness/);
  const communeRow = page.locator(`[data-testid="completeness-row"][data-org="${COMMUNE}"]`);
  await expect(communeRow).toHaveCount(1);
  const cell = communeRow.locator(
    `[data-testid="completeness-cell"][data-period="${PERIOD}"][data-rule="${due.ruleId}"]`,
  );
  await expect(cell).toHaveAttribute('data-timeliness', d.state === 'overdue' ? 'late' : 'on_time');
  await expect(cell).toHaveText(timeliness);
  for (const v of await page.getByTestId('completeness-rate-value').allInnerTexts()) {
    expect(Number.parseFloat(v.replace(',', '.'))).toBeLessThanOrEqual(100);
  }
  await snap(page, testInfo, 'reports-completeness');
  // A cell opens its report.
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`/reports/${reportId}$`));

  // --- The province's consolidated report includes the commune's approved figures. ---
  await page.goto('/reports');
  const own = await json<ReportList>(page.request, '/api/reports', { scope: 'own', period: PERIOD });
  const provinceDue = own.items.find((r) => r.orgUnitCode === '12' && r.frequency === 'annual');
  expect(provinceDue, 'the province owes an annual 2026 report').toBeTruthy();
  const provinceRow = page
    .locator(`[data-testid="report-row"][data-period="${PERIOD}"]`)
    .filter({ hasText: provinceDue!.planTitle.slice(0, 40) });
  await provinceRow.first().getByTestId('report-open').click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/, SLOW);
  const provinceId = page.url().split('/').pop()!;
  expect(provinceId).not.toBe(reportId);
  const subordinates = page.locator('[data-testid="report-table"][data-table="subordinates"]');
  const communeLine = subordinates.locator(`[data-testid="report-table-row"][data-row="${COMMUNE}"]`);
  await expect(communeLine).toHaveCount(1);
  await expect(communeLine).toContainText('Sin Suối Hồ');
  await expect(communeLine).toContainText(formatCount(expected.participantsTotal));
  const consolidated = await json<Report>(page.request, `/api/reports/${provinceId}`);
  expect(consolidated.consolidated).toBe(true);
  expect(consolidated.figures.sources.subordinateReportIds).toContain(reportId);
  expect(consolidated.figures.totals.activities).toBeGreaterThanOrEqual(expected.activities);
  await snap(page, testInfo, 'report-consolidated');
  await subordinates.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -70)); // clear of the sticky header
  await snap(page, testInfo, 'report-consolidated-table', { fullPage: false });

  // --- The approved report as an official .docx, kept for a look through LibreOffice. ---
  await page.goto(`/reports/${reportId}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải .docx' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const docxPath = path.join(SCREENSHOTS, `report-approved-${tag}.docx`);
  await download.saveAs(docxPath);
  const zip = await JSZip.loadAsync(fs.readFileSync(docxPath));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = xml.replace(/<[^>]+>/g, '');
  for (const s of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'BÁO CÁO',
    'Kính gửi',
    'Nơi nhận',
  ])
    expect(text, `.docx holds "${s}"`).toContain(s);
  // Decree 30 wants 'Số: …/BC-<issuer>'; the issuer's abbreviation is not there yet (reported to the export's owner).
  expect(text).toMatch(/Số:\s*…?\s*\/BC/);
  expect(text).toContain('Đã bổ sung: 42 người dân tộc thiểu số tham dự.');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải .xlsx' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

  // --- Locked for everyone; the reviewer reopens it (audited), as the next run expects. ---
  await reopenAsReviewer(page, testInfo, `Mở lại để kiểm tra lại (${tag})`);
  await switchUser(page, 'xa.laichau');
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByTestId('report-page')).toHaveAttribute('data-status', 'returned');
  await expect(page.getByRole('textbox', { name: 'Kết quả thực hiện' })).toBeVisible();
});
