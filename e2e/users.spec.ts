import { expect, test } from './fixtures.ts';
import { label, login, openNav, snap } from './helpers.ts';

test('a provincial admin manages users in their scope, with field errors from the server', async ({
  page,
}, testInfo) => {
  await login(page, 'admin.laichau');
  await openNav(page, testInfo);
  await page.getByRole('link', { name: 'Người dùng', exact: true }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { name: 'Người dùng' })).toBeVisible();

  const rows = page.getByTestId('user-row');
  await expect(rows.filter({ hasText: 'tinh.laichau' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'xa.laichau' })).toHaveCount(1);
  // Users of other provinces and of the national level are out of scope.
  const usernames = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-username')));
  expect(usernames).not.toContain('syt.thanhhoa');
  expect(usernames).not.toContain('admin');
  expect(usernames).not.toContain('bnv');
  await snap(page, testInfo, 'users-admin');

  await page.getByRole('button', { name: 'Thêm người dùng' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm người dùng' });
  await expect(dialog).toBeVisible();
  const username = dialog.getByLabel(label('Tên đăng nhập'));
  await username.fill('Sai Tên!');
  await dialog.getByLabel(label('Họ và tên')).fill('Cán bộ thử nghiệm');
  await dialog.getByLabel(label('Mật khẩu')).fill('ngan');
  await dialog.getByRole('button', { name: 'Lưu' }).click();

  // The server's messages, under the inputs they concern.
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription(/Tên đăng nhập 3–50 ký tự/);
  await expect(dialog.getByLabel(label('Mật khẩu'))).toHaveAccessibleDescription(/Cần ít nhất 8 ký tự/);
  await expect(dialog.getByText('Cần ít nhất 1 mục')).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('Dữ liệu không hợp lệ');
  await snap(page, testInfo, 'users-create-errors', { fullPage: false });

  const newName = `e2e.${testInfo.project.name}.${Date.now().toString(36)}`;
  await username.fill(newName);
  await dialog.getByLabel(label('Mật khẩu')).fill('matkhau-2030');
  // Place the user in a commune of the province, found without accents.
  await dialog.getByRole('textbox', { name: 'Đơn vị' }).fill('sin suoi');
  await page.getByRole('option', { name: /Sin Suối Hồ \(03394\)/ }).click();
  // The pills wrapper takes the pointer; the input underneath is what opens the list.
  await dialog.getByRole('textbox', { name: 'Vai trò' }).click({ force: true });
  await page.getByRole('option', { name: 'Báo cáo viên' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Lưu' }).click();

  await expect(dialog).toBeHidden();
  const created = rows.filter({ hasText: newName });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Sin Suối Hồ');
  await expect(created).toContainText('Báo cáo viên');
});
