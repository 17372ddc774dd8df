import { expect, test } from './fixtures.ts';
import { label, snap } from './helpers.ts';

test('login page renders in Vietnamese and shows the server error for a wrong password', async ({ page }, testInfo) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('Bình đẳng giới — binhdang');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Ngôn ngữ/ })).toBeVisible();
  await snap(page, testInfo, 'login');

  // A viewer account, so failed attempts do not eat into the admin's rate-limit budget.
  await page.getByLabel(label('Tên đăng nhập')).fill('xem.laichau');
  await page.getByLabel(label('Mật khẩu')).fill('not-the-password');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Tên đăng nhập hoặc mật khẩu không đúng');
  await expect(page).toHaveURL(/\/login$/);
  await snap(page, testInfo, 'login-error');
});

test('signed-out visitors are sent to the login page and back after signing in', async ({ page }) => {
  await page.goto('/org/12');
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByLabel(label('Tên đăng nhập')).fill('tinh.laichau');
  await page.getByLabel(label('Mật khẩu')).fill('demo12345');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/org\/12$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Lai Châu');
});
