/** Shared steps for the browser tests: sign in, open the menu on phones, named screenshots. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, type TestInfo } from '@playwright/test';

export const DEMO_PASSWORD = 'demo12345';
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export function isPhone(testInfo: TestInfo): boolean {
  return testInfo.project.name === 'phone';
}

/**
 * e2e/screenshots/<name>-<project>.png, e.g. login-phone.png. Whole pages by default; dialogs
 * only as the viewport shows them, since the overlay covers just the viewport.
 */
export async function snap(
  page: Page,
  testInfo: TestInfo,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  // Let fonts and transitions settle so the picture shows what a person would see.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  // Nothing may push the page sideways, least of all on a 360 px phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${name}`).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}-${testInfo.project.name}.png`),
    fullPage: opts.fullPage ?? true,
  });
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(label('Tên đăng nhập')).fill(username);
  await page.getByLabel(label('Mật khẩu')).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Navigation lives behind the burger on phones. */
export async function openNav(page: Page, testInfo: TestInfo): Promise<void> {
  if (isPhone(testInfo)) await page.getByRole('button', { name: /Mở\/đóng menu|Toggle menu/ }).click();
}

/** The rows of the org-unit list currently shown, as their codes. */
export async function rowCodes(page: Page, within = page.locator('main')): Promise<string[]> {
  const rows = within.getByTestId('org-unit-row');
  return rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

/** An input's label as the page shows it; required inputs add an asterisk. */
export function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}
