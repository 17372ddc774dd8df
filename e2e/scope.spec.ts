import { expect, test } from './fixtures.ts';
import { login, rowCodes, snap } from './helpers.ts';

const OUT_OF_SCOPE = 'Đơn vị nằm ngoài phạm vi quản lý của bạn';

test('a commune user sees only their commune and its villages', async ({ page }, testInfo) => {
  await login(page, 'xa.laichau');
  await page.goto('/org');
  await expect(page).toHaveURL(/\/org\/03394$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Sin Suối Hồ');

  const codes = await rowCodes(page);
  expect(codes.sort()).toEqual(['03394-B01', '03394-B02', '03394-TH']);
  await expect(page.getByRole('link', { name: /Bản Sin Suối Hồ/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Bản Phiêng Phát/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thôn/Bản' })).toBeVisible();

  // Nothing above the commune is shown, not even in the breadcrumb.
  const breadcrumb = page.getByRole('navigation', { name: 'Đường dẫn đơn vị' });
  await expect(breadcrumb).toHaveText('Sin Suối Hồ');

  for (const outside of ['12', '01']) {
    await page.goto(`/org/${outside}`);
    await expect(page.getByRole('alert')).toContainText(OUT_OF_SCOPE);
    await expect(page.getByTestId('unit-title')).toHaveCount(0);
    await expect(page.getByTestId('org-unit-row')).toHaveCount(0);
    await expect(page.getByTestId('unit-details')).toHaveCount(0);
  }
  await snap(page, testInfo, 'org-out-of-scope');
  // The way back leads to the user's own unit.
  await page.getByRole('link', { name: 'Về đơn vị của tôi' }).click();
  await expect(page).toHaveURL(/\/org\/03394$/);
});

test('a province user sees Lai Châu’s communes and departments and nothing of other provinces', async ({ page }) => {
  await login(page, 'tinh.laichau');
  await page.goto('/org');
  await expect(page).toHaveURL(/\/org\/12$/);
  await expect(page.getByTestId('unit-title')).toHaveText('Lai Châu');

  const communes = page.getByRole('region', { name: 'Xã/Phường/Đặc khu' }).getByTestId('org-unit-row');
  await expect(communes).toHaveCount(38);
  const departments = page.getByRole('region', { name: 'Sở/ban/ngành' }).getByTestId('org-unit-row');
  await expect(departments).toHaveCount(8);
  await expect(page.getByRole('link', { name: /Sở Nội vụ tỉnh Lai Châu/ })).toBeVisible();

  // Every unit listed belongs to Lai Châu: its communes (034xx–036xx) or its bodies (12-…).
  const codes = await rowCodes(page);
  expect(codes.length).toBe(49);
  for (const code of codes) expect(code).toMatch(/^(03[3-6]\d\d|12-[A-Z]+)$/);

  // Accent-insensitive search over the user's scope: Hà Nội is not in it, Sin Suối Hồ is.
  const search = page.getByRole('searchbox', { name: 'Tìm đơn vị' });
  await search.fill('ha noi');
  await expect(page.getByText('Không tìm thấy đơn vị nào')).toBeVisible();
  await expect(page.getByTestId('org-unit-row')).toHaveCount(0);
  await search.fill('sin suoi ho');
  await expect(page.getByRole('link', { name: /Sin Suối Hồ/ }).first()).toBeVisible();
  for (const code of await rowCodes(page)) expect(code).toMatch(/^(03394|03394-.+)$/);

  await page.goto('/org/01');
  await expect(page.getByRole('alert')).toContainText(OUT_OF_SCOPE);
  await expect(page.getByTestId('org-unit-row')).toHaveCount(0);
});
