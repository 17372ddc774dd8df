/**
 * Cascade: a commune drafts its implementing plan from the province's in a few clicks, its
 * targets linked to the province's; the province then sees the draft in its plan's tree and the
 * commune no longer among the units without a plan.
 */
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { isPhone, login, openNav, snap } from './helpers.ts';

const PROVINCE_TITLE =
  'Thực hiện Chương trình Truyền thông về bình đẳng giới giai đoạn 2026-2030 trên địa bàn tỉnh Lai Châu';

/** Time spent on pictures is left out of the interaction time. */
function stopwatch() {
  const start = Date.now();
  let paused = 0;
  return {
    async pause<T>(fn: () => Promise<T>): Promise<T> {
      const t = Date.now();
      try {
        return await fn();
      } finally {
        paused += Date.now() - t;
      }
    },
    elapsed: () => Date.now() - start - paused,
  };
}

async function switchUser(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await login(page, username);
}

async function scrollToTree(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const tree = page.getByTestId('plan-tree');
  await tree.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -70)); // clear of the sticky header
  await snap(page, testInfo, name, { fullPage: false });
}

test('a commune drafts its implementing plan from the province plan; the province sees it in the tree', async ({
  page,
}, testInfo) => {
  await login(page, 'xa.laichau');

  // --- The commune user's part, timed. ---
  const clock = stopwatch();
  await openNav(page, testInfo);
  await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.getByTestId('plan-scope').getByText('Cấp trên').click();
  await expect(page).toHaveURL(/scope=superiors/);
  // Lai Châu has issued several plans (programme, yearly, half-year): take the programme by its title.
  const row = page
    .locator('[data-testid="plan-row"][data-org="12"][data-status="issued"]')
    .filter({ hasText: PROVINCE_TITLE });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: PROVINCE_TITLE }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const provincePlanUrl = page.url();
  await expect(page.getByTestId('plan-title')).toHaveText(PROVINCE_TITLE);
  await expect(page.getByTestId('plan-target')).toHaveCount(5);
  // A commune reads its superior's plan but cannot change it.
  await expect(page.getByRole('link', { name: 'Sửa' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Chuyển về dự thảo' })).toHaveCount(0);
  await clock.pause(() => snap(page, testInfo, 'plans-cascade-province-plan'));

  await page.getByRole('button', { name: 'Xây dựng kế hoạch thực hiện' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}\/edit$/);
  const editor = page.getByTestId('plan-editor');
  await expect(editor.getByTestId('target-item')).toHaveCount(5);
  // Every target is linked to the province's target with the same text.
  await expect(editor.getByTestId('target-parent-link')).toHaveCount(5);
  await expect(editor.getByTestId('target-parent-link').first()).toContainText(
    'Theo chỉ tiêu cấp trên: Hằng năm, các sở, ban, ngành, địa phương',
  );
  await expect(editor.getByLabel(/^Đơn vị ban hành/)).toHaveValue('Sin Suối Hồ (03394)');
  await expect(editor.getByLabel(/^Trích yếu/)).toHaveValue(`${PROVINCE_TITLE} tại Xã Sin Suối Hồ`);
  if (isPhone(testInfo)) {
    await clock.pause(async () => {
      await expect(page.getByText('Đã tạo dự thảo kế hoạch thực hiện')).toBeHidden({ timeout: 10_000 });
      await page.getByRole('heading', { name: 'Mục tiêu, chỉ tiêu' }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -70));
      await snap(page, testInfo, 'plans-cascade-draft-form', { fullPage: false });
    });
  }
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const draftUrl = page.url();
  await expect(page.getByTestId('plan-status')).toHaveText('Dự thảo');
  await expect(page.getByTestId('plan-title')).toHaveText(`${PROVINCE_TITLE} tại Xã Sin Suối Hồ`);
  await expect(page.getByTestId('target-parent-link')).toHaveCount(5);
  // The draft cites the province plan, as a link.
  await expect(page.getByTestId('plan-parent-document').getByRole('link')).toHaveCount(1);
  const ms = clock.elapsed();
  console.log(`[${testInfo.project.name}] cascade, commune user's scripted interaction: ${ms} ms`);
  expect(ms).toBeLessThan(60_000);

  // --- The province user sees the draft in the tree; the commune has left the "without plan" list. ---
  await switchUser(page, 'tinh.laichau');
  await page.goto(provincePlanUrl);
  const tree = page.getByTestId('plan-tree');
  const node = tree.locator('[data-testid="tree-node"][data-org="03394"]');
  await expect(node).toHaveCount(1);
  await expect(node).toHaveAttribute('data-status', 'draft');
  await expect(node).toContainText('Sin Suối Hồ');
  const without = page.getByTestId('unit-without-plan');
  await expect(without.first()).toBeAttached();
  await expect(page.locator('[data-testid="unit-without-plan"][data-code="03394"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="unit-without-plan"][data-code="03388"]')).toHaveCount(1);
  await expect(page.getByTestId('units-without-plan')).toContainText('Đơn vị chưa có kế hoạch (48)');
  await scrollToTree(page, testInfo, 'plans-cascade-tree');

  // Tidy up through the province (the draft lies in its subtree): delete it from its page.
  await node.getByRole('link', { name: 'Sin Suối Hồ' }).click();
  await expect(page).toHaveURL(draftUrl);
  await page.getByRole('button', { name: 'Xoá' }).click();
  await page.getByRole('dialog', { name: 'Xoá dự thảo kế hoạch?' }).getByRole('button', { name: 'Xoá' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.goto(provincePlanUrl);
  await expect(page.locator('[data-testid="unit-without-plan"][data-code="03394"]')).toHaveCount(1);
});

test('the province drafts the implementing plan for a commune from the list of units without one', async ({ page }) => {
  await login(page, 'tinh.laichau');
  await page.goto('/plans?status=issued');
  await page.locator('[data-testid="plan-row"][data-org="12"]').getByRole('link', { name: PROVINCE_TITLE }).click();
  const provincePlanUrl = page.url();
  const unit = page.locator('[data-testid="unit-without-plan"][data-code="03388"]');
  await expect(unit).toContainText('Đoàn Kết');
  await unit.getByRole('button', { name: 'Lập dự thảo cho đơn vị: Đoàn Kết' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}\/edit$/);
  const editor = page.getByTestId('plan-editor');
  await expect(editor.getByLabel(/^Đơn vị ban hành/)).toHaveValue('Đoàn Kết (03388)');
  await expect(editor.getByTestId('target-parent-link')).toHaveCount(5);
  // The draft exists already; leaving the form keeps it, and its page offers to delete it.
  await editor.getByRole('button', { name: 'Hủy' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Dự thảo');
  await expect(page.getByTestId('plan-title')).toHaveText(`${PROVINCE_TITLE} tại Phường Đoàn Kết`);
  await page.getByRole('button', { name: 'Xoá' }).click();
  await page.getByRole('dialog', { name: 'Xoá dự thảo kế hoạch?' }).getByRole('button', { name: 'Xoá' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.goto(provincePlanUrl);
  await expect(page.locator('[data-testid="unit-without-plan"][data-code="03388"]')).toHaveCount(1);
});
