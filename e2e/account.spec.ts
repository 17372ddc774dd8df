import { expect, test } from './fixtures.ts';
import { label, login, openNav, snap } from './helpers.ts';

test('the account page shows the user and rejects a wrong current password under its input', async ({
  page,
}, testInfo) => {
  await login(page, 'snv.laichau');
  await openNav(page, testInfo);
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText('Sở Nội vụ tỉnh Lai Châu (12-SNV)')).toBeVisible();

  const current = page.getByLabel(label('Mật khẩu hiện tại'));
  await current.fill('khong-dung-mat-khau');
  await page.getByLabel(label('Mật khẩu mới')).fill('mat-khau-moi-2030');
  await page.getByLabel(label('Nhập lại mật khẩu mới')).fill('mat-khau-khac');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  // The repeat is checked in the browser before anything is sent.
  await expect(page.getByText('Mật khẩu nhập lại không khớp')).toBeVisible();

  await page.getByLabel(label('Nhập lại mật khẩu mới')).fill('mat-khau-moi-2030');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  // The server's message is tied to the input, so screen readers announce it there.
  await expect(current).toHaveAccessibleDescription(/Mật khẩu hiện tại không đúng/);
  await snap(page, testInfo, 'account');
});
