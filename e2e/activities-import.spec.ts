/**
 * Bulk import in the browser: a file with errors shows every bad cell in Vietnamese and writes
 * nothing; a good file is checked, then written in one go, and its rows are there.
 */
import { test, expect } from './fixtures.ts';
import { login, snap } from './helpers.ts';

const HEADER =
  '\ufeffLoại hoạt động *,Tên hoạt động *,Ngày bắt đầu *,Số người tham dự nữ,Số người tham dự nam,Tổng số người tham dự,Đối tượng';

test('import: errors in Vietnamese, nothing written; then a good file is committed', async ({ page }, testInfo) => {
  const tag = `E2E nhập ${testInfo.project.name} ${Date.now()}`;
  await login(page, 'xa.laichau');
  await page.goto('/activities/import');
  await expect(page.getByRole('heading', { name: 'Nhập hoạt động từ Excel' })).toBeVisible();
  await expect(page.getByTestId('template-xlsx')).toHaveAttribute('href', '/api/activities/template?format=xlsx');

  const bad = [
    HEADER,
    `Hội nghị,${tag} đúng,25/11/2026,10,5,20,Phụ nữ`,
    `Họp chợ,${tag} sai,31/02/2026,-3,5,2,Người ngoài hành tinh`,
  ].join('\n');
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({ name: 'co-loi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('import-errors-title')).toContainText('ô lỗi ở 1 dòng — chưa ghi dòng nào');
  const table = page.getByTestId('import-errors');
  await expect(table).toContainText('Loại hoạt động không có trong danh mục: "Họp chợ"');
  await expect(table).toContainText('Ngày không tồn tại');
  await expect(table).toContainText('Không được là số âm');
  await expect(table).toContainText('Đối tượng không có trong danh mục');
  await expect(table.getByRole('row')).toHaveCount(1 + 5); // header + kind, date, female, total, audience
  await expect(page.getByTestId('import-commit')).toHaveCount(0);
  await snap(page, testInfo, 'activities-import-errors');

  const good = [
    HEADER,
    `Hội nghị,${tag} một,25/11/2026,10,5,20,Phụ nữ; Người dân`,
    `Tờ rơi,${tag} hai,26/11/2026,,,,`,
  ].join('\n');
  await input.setInputFiles({ name: 'dung.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(page.getByText('Tất cả 2 dòng hợp lệ')).toBeVisible();
  const before = await page.request.get(`/api/activities?q=${encodeURIComponent(tag)}`);
  expect(((await before.json()) as { total: number }).total).toBe(0);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Đã nhập 2 hoạt động');
  await snap(page, testInfo, 'activities-import-done');

  const after = await page.request.get(`/api/activities?q=${encodeURIComponent(tag)}`);
  const list = (await after.json()) as { total: number; items: { title: string; communeCode: string | null }[] };
  expect(list.total).toBe(2);
  expect(list.items.map((a) => a.title).sort()).toEqual([`${tag} hai`, `${tag} một`]);
  expect(list.items.every((a) => a.communeCode === '03394')).toBe(true);
});
