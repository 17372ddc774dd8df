/**
 * Activities on the web: the fast entry form's checks as you type, the list with search,
 * filters and totals, the detail page, duplicate, a stale edit whose conflict the user settles
 * (nothing dropped), and delete. Each run works on its own tagged activities.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DEMO_PASSWORD, label, snap } from './helpers.ts';

/** Signs in as the commune reporter and lands straight on the page asked for. */
async function signInTo(page: Page, path: string): Promise<void> {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`);
  await page.getByLabel(label('Tên đăng nhập')).fill('xa.laichau');
  await page.getByLabel(label('Mật khẩu')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function findByTag(request: APIRequestContext, tag: string) {
  const res = await request.get(`/api/activities?q=${encodeURIComponent(tag)}&limit=50`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { total: number; items: { id: string; title: string; version: number }[] };
}

test('record with checks as you type, list/search/filter/totals, duplicate, edit conflict, delete', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const tag = `e2e-act-${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInTo(page, '/activities');
  await page.goto('/activities');
  await page.getByRole('link', { name: 'Ghi hoạt động' }).click();
  const form = page.getByTestId('activity-form');

  // Nothing typed: the required fields say so.
  await form.getByTestId('activity-save').click();
  const kind = form.getByRole('textbox', { name: 'Loại hoạt động' });
  const title = form.getByLabel(/^Tên hoạt động/);
  await expect(kind).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('Bắt buộc');
  await expect(form.getByRole('alert')).toContainText('Hãy sửa các ô được đánh dấu');

  // The kind is found without accents; its usual channel follows.
  await kind.fill('hoi nghi');
  await page.getByRole('option', { name: 'Hội nghị', exact: true }).click();
  await expect(form.getByRole('textbox', { name: 'Kênh' })).toHaveValue('Trực tiếp');
  await title.fill(`${tag} Hội nghị phụ nữ thôn bản`);
  await form.getByText('Phụ nữ', { exact: true }).click();

  // Participants: the total follows until typed; a total below ♀ + ♂ is flagged at once.
  await form.getByLabel('Nữ ♀').fill('30');
  await form.getByLabel('Nam ♂').fill('20');
  const total = form.getByLabel('Tổng', { exact: true });
  await expect(total).toHaveValue('50');
  await total.fill('40');
  await expect(form.getByTestId('total-error')).toHaveText('Tổng số người tham dự (40) nhỏ hơn số nữ + nam (50)');
  await expect(total).toHaveAttribute('aria-invalid', 'true');
  await total.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await snap(page, testInfo, 'activities-form-check', { fullPage: false });
  await total.fill('55');
  await expect(form.getByTestId('total-error')).toBeHidden();
  await expect(total).not.toHaveAttribute('aria-invalid', 'true');

  // Today lies in Action Month (15/11–15/12): the campaign is suggested from the date.
  await expect(form.getByRole('textbox', { name: 'Đợt/chiến dịch' })).toHaveValue(
    'Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
  );
  await form.getByRole('button', { name: /^Thêm thông tin/ }).click();
  const cost = form.getByLabel('Ngân sách nhà nước');
  await cost.fill('1500000');
  await expect(cost).toHaveValue('1.500.000');
  await form.getByTestId('activity-save').click();
  await expect(page.getByTestId('activity-saved')).toContainText('Đã lưu hoạt động');

  // The list: search, totals, a filter that excludes it.
  await page.getByTestId('activity-saved').getByRole('link', { name: 'Xem danh sách' }).click();
  await page.getByRole('searchbox', { name: 'Tìm theo tên, ghi chú, đơn vị' }).fill(`${tag} hoi nghi phu nu`);
  await expect(page.getByTestId('activity-row')).toHaveCount(1);
  await expect(page.getByTestId('totals-female')).toHaveText('30');
  await expect(page.getByTestId('totals-male')).toHaveText('20');
  await expect(page.getByTestId('totals-sessions')).toHaveText('1');
  await snap(page, testInfo, 'activities-list');
  if ((await page.getByRole('textbox', { name: 'Loại hoạt động' }).count()) === 0)
    await page.getByRole('button', { name: /^Bộ lọc/ }).click();
  await page.getByRole('textbox', { name: 'Loại hoạt động' }).fill('tap huan');
  await page.getByRole('option', { name: 'Tập huấn, bồi dưỡng' }).click();
  await expect(page).toHaveURL(/kind=training/);
  await expect(page.getByText('Chưa có hoạt động nào khớp bộ lọc.')).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await page.getByRole('searchbox', { name: 'Tìm theo tên, ghi chú, đơn vị' }).fill(tag);
  await expect(page.getByTestId('activity-row')).toHaveCount(1);

  // Detail, then a copy dated today.
  await page.getByTestId('activity-row').first().click();
  await expect(page.getByTestId('activity-title')).toHaveText(`${tag} Hội nghị phụ nữ thôn bản`);
  await expect(page.getByTestId('activity-fields').locator('[data-field="costStateBudget"]')).toHaveText('1.500.000');
  await expect(page.getByTestId('activity-fields').locator('[data-field="participantsTotal"]')).toHaveText('55');
  await snap(page, testInfo, 'activities-detail');
  const detailUrl = page.url();
  await page.getByRole('button', { name: 'Nhân bản' }).click();
  await expect(page).toHaveURL(/\/activities\/new\?from=/);
  await expect(form.getByText('Bản sao: ngày hôm nay, chưa lưu')).toBeVisible();
  await expect(form.getByLabel('Nữ ♀')).toHaveValue('30');
  await form.getByLabel(/^Tên hoạt động/).fill(`${tag} bản sao`);
  await form.getByTestId('activity-save').click();
  await expect(page.getByTestId('activity-saved')).toContainText('Đã lưu hoạt động');
  expect((await findByTag(page.request, tag)).total).toBe(2);

  // A stale edit: someone else saves first; the user sees both versions and keeps theirs.
  await page.goto(detailUrl);
  await page.getByRole('button', { name: 'Sửa', exact: true }).click();
  await form.getByLabel(/^Tên hoạt động/).fill(`${tag} Hội nghị (của tôi)`);
  const original = (await findByTag(page.request, `${tag} Hội nghị phụ nữ`)).items[0]!;
  const other = await page.request.patch(`/api/activities/${original.id}`, {
    data: { title: `${tag} Hội nghị (người khác)`, version: original.version },
  });
  expect(other.status()).toBe(200);
  await form.getByTestId('activity-save').click();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toContainText('Người khác đã sửa hoạt động này');
  await expect(conflict.locator('[data-field="title"] [data-testid="conflict-mine"]')).toHaveText(
    `${tag} Hội nghị (của tôi)`,
  );
  await expect(conflict.locator('[data-field="title"] [data-testid="conflict-theirs"]')).toHaveText(
    `${tag} Hội nghị (người khác)`,
  );
  await snap(page, testInfo, 'activities-conflict');
  await conflict.getByRole('button', { name: 'Giữ bản của tôi' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByTestId('activity-title')).toHaveText(`${tag} Hội nghị (của tôi)`);
  // The choice goes through the write queue: the page shows it at once, the server a moment later.
  await expect
    .poll(async () => (await page.request.get(`/api/activities/${original.id}`)).json(), { timeout: 20_000 })
    .toMatchObject({ title: `${tag} Hội nghị (của tôi)`, version: original.version + 2 });

  // Delete the copy.
  const copy = (await findByTag(page.request, `${tag} bản sao`)).items[0]!;
  await page.goto(`/activities/${copy.id}`);
  await page.getByRole('button', { name: 'Thao tác khác' }).click();
  await page.getByRole('menuitem', { name: 'Xóa' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xóa' }).click();
  await expect(page).toHaveURL(/\/activities$/);
  expect((await findByTag(page.request, tag)).total).toBe(1);
});
