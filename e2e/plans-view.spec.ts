/**
 * Reading plans: the list's filters and accent-insensitive search, the plan page as the
 * province's plan states it, the official .docx and the targets .xlsx, and the same page in English.
 */
import fs from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { isPhone, login, openNav, snap } from './helpers.ts';

const LAI_CHAU = 'Thực hiện Chương trình Truyền thông về bình đẳng giới giai đoạn 2026-2030 trên địa bàn tỉnh Lai Châu';

async function openLaiChauPlan(page: Page): Promise<void> {
  await page.goto('/plans?status=issued');
  await page.locator('[data-testid="plan-row"][data-org="12"]').getByRole('link', { name: LAI_CHAU }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('plan-title')).toHaveText(LAI_CHAU);
}

async function saved(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

test('a viewer filters the plan list and reads the province plan, then downloads .docx and .xlsx', async ({
  page,
}, testInfo) => {
  await login(page, 'xem.laichau');
  await openNav(page, testInfo);
  await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kế hoạch', exact: true })).toBeVisible();
  // Viewers read; only planners import or create.
  await expect(page.getByRole('link', { name: 'Nhập kế hoạch' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Tạo kế hoạch' })).toHaveCount(0);

  const rows = page.getByTestId('plan-row');
  await expect(rows.filter({ hasText: LAI_CHAU }).first()).toBeVisible();
  const row = rows.filter({ hasText: LAI_CHAU }).first();
  await expect(row).toContainText('Lai Châu');
  await expect(row).toContainText('2026–2030');
  await expect(row).toContainText('Đã ban hành');
  await expect(row).toContainText(isPhone(testInfo) ? '5 chỉ tiêu' : '5');
  // Nothing from Thanh Hóa: the province user sees its subtree and the units above it.
  await expect(rows.filter({ hasText: 'Thanh Hóa' })).toHaveCount(0);
  await snap(page, testInfo, 'plans-list');

  // Accent-insensitive search, kept in the URL.
  const search = page.getByRole('searchbox', { name: 'Tìm kế hoạch' });
  await search.fill('tren dia ban tinh lai chau');
  await expect(page).toHaveURL(/q=tren/);
  await expect(rows.filter({ hasText: LAI_CHAU }).first()).toBeVisible();
  await search.fill('ha noi');
  await expect(page.getByText('Không có kế hoạch nào phù hợp')).toBeVisible();
  await search.fill('');
  await expect(rows.first()).toBeVisible();
  // "Superiors" are the plans of the units above: for the province, the nation's programme only.
  await page.getByTestId('plan-scope').getByText('Cấp trên').click();
  await expect(page.locator('[data-testid="plan-row"][data-org="VN"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="plan-row"][data-org="12"]')).toHaveCount(0);
  await page.getByTestId('plan-scope').getByText('Đơn vị tôi và cấp dưới').click();
  await expect(rows.filter({ hasText: LAI_CHAU }).first()).toBeVisible();
  await page.getByRole('textbox', { name: 'Loại kế hoạch' }).click();
  await page.getByRole('option', { name: 'Tháng hành động' }).click();
  await expect(page).toHaveURL(/kind=action_month/);
  await expect(page.getByText('Không có kế hoạch nào phù hợp')).toBeVisible();

  await openLaiChauPlan(page);
  await expect(page.getByTestId('plan-issuer')).toHaveText('Ủy ban nhân dân tỉnh Lai Châu');
  await expect(page.getByTestId('plan-target-count')).toHaveText('5 chỉ tiêu');
  await expect(page.getByTestId('milestone')).toHaveText([
    '≥ 2 cuộc/năm',
    '100% hằng năm',
    '10–15% đến 2030',
    '90% đến 2030',
    '100% đến 2030',
  ]);
  await expect(page.getByTestId('plan-target').nth(2)).toContainText('so với năm 2025');
  // Parent documents outside the system show as text, not links.
  const parents = page.getByTestId('plan-parent-document');
  await expect(parents.first()).toContainText('1790/QĐ-TTg');
  await expect(parents.first()).toContainText('23/10/2021');
  await expect(parents.getByRole('link')).toHaveCount(0);
  // Task groups fold; the first opens onto its sub-tasks.
  const groups = page.getByTestId('plan-task-group');
  await expect(groups).toHaveCount(7);
  const firstTask = 'Tổ chức tuyên truyền, phổ biến kịp thời chủ trương của Đảng';
  await expect(page.getByText(firstTask)).toBeHidden();
  await groups.first().getByRole('button').click();
  await expect(page.getByText(firstTask)).toBeVisible();
  const assignment = (org: string) =>
    page.getByTestId('plan-assignment').filter({ has: page.getByText(org, { exact: true }) });
  const snv = assignment('Sở Nội vụ');
  await expect(snv).toContainText('Chủ trì');
  await expect(snv).toContainText('Mục tiêu 2');
  await expect(snv).toContainText('Mục tiêu 3');
  await expect(assignment('Sở Tư pháp')).toContainText('Phối hợp');
  await expect(page.getByTestId('plan-reporting-rule')).toHaveText([
    'Báo cáo hằng năm trước ngày 01/12 gửi Ủy ban nhân dân tỉnh (qua Sở Nội vụ)',
  ]);
  await expect(page.getByTestId('plan-budget')).toContainText('Ngân sách nhà nước');
  await expect(page.getByTestId('plan-closing')).toContainText('Tổng Thanh Hải');
  await expect(page.getByTestId('units-without-plan')).toContainText('Đơn vị chưa có kế hoạch');
  // A viewer has no commands that change the plan.
  for (const name of ['Xây dựng kế hoạch thực hiện', 'Chuyển về dự thảo', 'Ban hành', 'Xoá']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole('button', { name: /Lập dự thảo cho đơn vị/ })).toHaveCount(0);
  await snap(page, testInfo, 'plans-page-viewer');

  // The official document and the targets sheet download with proper names and real content.
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Xuất .docx' }).click(),
  ]);
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  const docxBytes = await saved(docx);
  expect(docxBytes.length).toBeGreaterThan(5_000);
  expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Xuất chỉ tiêu .xlsx' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/-chi-tieu\.xlsx$/);
  const xlsxBytes = await saved(xlsx);
  expect(xlsxBytes.length).toBeGreaterThan(3_000);
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // The text it was imported from, with what the parser recognised highlighted.
  await page.getByRole('button', { name: 'Xem văn bản gốc' }).click();
  const dialog = page.getByRole('dialog', { name: 'Văn bản gốc' });
  await expect(dialog.getByTestId('source-text')).toContainText('Căn cứ Quyết định số 1790/QĐ-TTg');
  await expect(dialog.locator('mark[data-kind="targets"]').first()).toBeVisible();
});

test('the plan page in English', async ({ page }, testInfo) => {
  await login(page, 'admin');
  await openLaiChauPlan(page);
  await page.getByRole('button', { name: /Ngôn ngữ/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  try {
    await expect(page.getByRole('heading', { name: 'Targets' })).toBeVisible();
    await expect(page.getByTestId('plan-target-count')).toHaveText('5 targets');
    await expect(page.getByTestId('milestone')).toHaveText([
      '≥ 2 sessions/year',
      '100% yearly',
      '10–15% by 2030',
      '90% by 2030',
      '100% by 2030',
    ]);
    await expect(page.getByTestId('plan-reporting-rule')).toHaveText([
      'Annual report due before 01/12 to Ủy ban nhân dân tỉnh (qua Sở Nội vụ)',
    ]);
    await expect(page.getByTestId('plan-status')).toHaveText('Issued');
    await expect(page.getByRole('link', { name: 'Export .docx' })).toBeVisible();
    await snap(page, testInfo, 'plans-page-english', { fullPage: false });
    await openNav(page, testInfo);
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Plans', exact: true })).toBeVisible();
    await expect(page.getByText('My unit and below')).toBeVisible();
  } finally {
    // The language is saved to the account: put it back for the other tests.
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  }
});
