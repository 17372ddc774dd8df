import { expect, test } from './fixtures.ts';
import { isPhone, label, login, openNav, snap } from './helpers.ts';

test('the language switch works before sign-in, including server messages', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: /Ngôn ngữ/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel(label('Username')).fill('xem.laichau');
  await page.getByLabel(label('Password')).fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');

  // Remembered on this device.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('switching to English changes the labels, is saved to the account, and switches back', async ({
  page,
}, testInfo) => {
  await login(page, 'xem.laichau');
  await expect(page.getByRole('heading', { name: /^Xin chào/ })).toBeVisible();
  await openNav(page, testInfo);
  const nav = page.getByRole('navigation', { name: /Mở\/đóng menu|Toggle menu/ });
  await expect(nav.getByRole('link', { name: 'Tổng quan' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Đơn vị' })).toBeVisible();
  // A viewer does not manage users; features to come are visible but not usable yet.
  await expect(nav.getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  await expect(nav.getByText('Kế hoạch')).toBeVisible();
  await snap(page, testInfo, 'home');
  if (isPhone(testInfo)) await page.getByRole('button', { name: /Mở\/đóng menu/ }).click();

  await page.getByRole('button', { name: /Ngôn ngữ/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: /^Hello/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Your unit')).toBeVisible();

  // Saved in the account: a fresh load (and the server's own messages) stay in English.
  await page.goto('/org/01');
  await expect(page.getByRole('alert')).toContainText('This org unit is outside your scope');
  await page.goto('/org');
  await expect(page.getByRole('heading', { name: 'Sub-units' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Commune/Ward/Special zone' })).toBeVisible();
  await expect(page.getByText('Valid from')).toBeVisible();
  await snap(page, testInfo, 'org-explorer-english', { fullPage: false });

  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Đơn vị trực thuộc' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đơn vị trực thuộc' })).toBeVisible();
});
