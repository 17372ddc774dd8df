import { expect, test } from './fixtures.ts';
import { login, snap } from './helpers.ts';

test('admin drills Việt Nam → Lai Châu → Sin Suối Hồ by clicking', async ({ page }, testInfo) => {
  await login(page, 'admin');
  await page.goto('/org');
  await expect(page).toHaveURL(/\/org\/VN$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Việt Nam');
  await expect(page.getByRole('region', { name: 'Tỉnh/Thành phố' }).getByTestId('org-unit-row')).toHaveCount(34);

  await page.getByRole('link', { name: /^Lai Châu/ }).click();
  await expect(page).toHaveURL(/\/org\/12$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Lai Châu');
  const breadcrumb = page.getByRole('navigation', { name: 'Đường dẫn đơn vị' });
  await expect(breadcrumb.getByRole('link', { name: 'Việt Nam' })).toBeVisible();

  await page.getByRole('link', { name: /^Sin Suối Hồ/ }).click();
  await expect(page).toHaveURL(/\/org\/03394$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Sin Suối Hồ');
  await expect(breadcrumb).toContainText('Việt Nam');
  await expect(breadcrumb).toContainText('Lai Châu');
  await expect(page.getByRole('link', { name: /Bản Sin Suối Hồ/ })).toBeVisible();

  const details = page.getByTestId('unit-details');
  await expect(details).toContainText('VN › 12 › 03394');
  await expect(details).toContainText('01/07/2025');
  await expect(page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' })).toBeVisible();
  await snap(page, testInfo, 'org-explorer');

  // The breadcrumb leads back up.
  await breadcrumb.getByRole('link', { name: 'Lai Châu' }).click();
  await expect(page).toHaveURL(/\/org\/12$/);
});

test('closed units appear only when asked for, with their end date and successor', async ({ page }, testInfo) => {
  await login(page, 'admin');
  await page.goto('/org/07339');
  await expect(page.getByTestId('unit-title')).toHaveText('Tân Yên');
  await expect(page.getByTestId('org-unit-row').filter({ hasText: 'Huyện Tân Yên' })).toHaveCount(0);

  await page.getByRole('switch', { name: 'Hiện cả đơn vị đã giải thể' }).check();
  const district = page.getByTestId('org-unit-row').filter({ hasText: 'Huyện Tân Yên' });
  await expect(district).toContainText('Giải thể 01/07/2025');
  await district.click();
  const details = page.getByTestId('unit-details');
  await expect(details).toContainText('01/07/2025');
  await expect(details.getByRole('link', { name: /Tân Yên \(07339\)/ })).toBeVisible();
  await snap(page, testInfo, 'org-closed-unit');
});
