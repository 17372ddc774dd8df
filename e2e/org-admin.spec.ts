import { expect, test } from './fixtures.ts';
import { label, login, snap } from './helpers.ts';

test('a provincial admin adds and renames a sub-unit, seeing the server’s field errors', async ({ page }, testInfo) => {
  await login(page, 'admin.laichau');
  // Bình Lư has no demo sub-units; the scope tests count Sin Suối Hồ's.
  await page.goto('/org/03390');
  await expect(page.getByTestId('unit-title')).toHaveText('Bình Lư');

  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  const dialog = page.getByRole('dialog', { name: /Thêm đơn vị trực thuộc Bình Lư/ });
  await expect(dialog).toBeVisible();
  // A village is one of the kinds a commune may hold.
  await dialog.getByRole('textbox', { name: label('Loại') }).click();
  await page.getByRole('option', { name: 'Thôn/Bản' }).click();
  const code = dialog.getByLabel(label('Mã'));
  await code.fill('có dấu cách');
  await dialog.getByLabel(label('Tên')).fill('Bản Thử Nghiệm');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(/Mã đơn vị chỉ gồm/);
  await snap(page, testInfo, 'org-create-errors', { fullPage: false });

  const newCode = `03390-E2E${testInfo.project.name === 'phone' ? 'P' : 'D'}${Date.now().toString(36).toUpperCase()}`;
  await code.fill(newCode);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('org-unit-row').filter({ hasText: newCode });
  await expect(row).toContainText('Bản Thử Nghiệm');

  await row.click();
  await expect(page).toHaveURL(new RegExp(`/org/${newCode}$`));
  await page.getByRole('button', { name: 'Thao tác' }).click();
  await page.getByRole('menuitem', { name: 'Đổi tên' }).click();
  const rename = page.getByRole('dialog', { name: /Đổi tên/ });
  await rename.getByLabel(label('Tên')).fill('Bản Thử Nghiệm Mới');
  await rename.getByRole('button', { name: 'Lưu' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByTestId('unit-title')).toHaveText('Bản Thử Nghiệm Mới');
});
