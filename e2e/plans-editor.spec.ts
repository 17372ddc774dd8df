/**
 * The plan editor: checks as the user types, the server's messages under the inputs whose path
 * they name, a save that lost the race (409) and the way back from it, then issue, reopen and
 * delete. The plan is the test's own draft, so the demo data stays as it was.
 */
import { expect, test } from './fixtures.ts';
import { login, snap } from './helpers.ts';

test('a commune planner creates a plan: typed checks, server field errors, a stale save, issue and delete', async ({
  page,
}, testInfo) => {
  await login(page, 'xa.laichau');
  await page.goto('/plans');
  await page.getByRole('link', { name: 'Tạo kế hoạch' }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  const editor = page.getByTestId('plan-editor');
  await expect(editor.getByRole('textbox', { name: 'Đơn vị ban hành' })).toHaveValue('Sin Suối Hồ (03394)');

  // Nothing typed yet: the title is required.
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  const title = editor.getByLabel(/^Trích yếu/);
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('Bắt buộc');
  await expect(editor.getByRole('alert')).toContainText('Hãy sửa các ô được đánh dấu');

  // Typed work is not lost to a stray tap: leaving asks first.
  await title.fill('Bản nháp');
  await editor.getByRole('button', { name: 'Hủy' }).click();
  const leave = page.getByRole('dialog', { name: 'Rời trang mà không lưu?' });
  await expect(leave).toContainText('Các thay đổi chưa lưu trong kế hoạch này sẽ mất.');
  await leave.getByRole('button', { name: 'Ở lại' }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(title).toHaveValue('Bản nháp');

  // A target with a range: the upper bound is checked as it is typed.
  await editor.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  const target = editor.getByTestId('target-item');
  await expect(target).toHaveCount(1);
  await target.getByRole('textbox', { name: 'So sánh' }).click();
  await page.getByRole('option', { name: 'khoảng từ … đến …' }).click();
  await target.getByRole('textbox', { name: 'Đơn vị tính' }).click();
  await page.getByRole('option', { name: 'Phần trăm (%)' }).click();
  await target.getByLabel('Năm 1').fill('2030');
  await target.getByLabel('Giá trị 1').fill('15');
  const max = target.getByLabel('Đến 1');
  await max.fill('10');
  await expect(max).toHaveAttribute('aria-invalid', 'true');
  await expect(max).toHaveAccessibleDescription('Giá trị "đến" phải lớn hơn hoặc bằng giá trị "từ"');
  await max.fill('20');
  await expect(max).not.toHaveAttribute('aria-invalid', 'true');

  // A reporting rule: the deadline must read DD/MM.
  await editor.getByRole('button', { name: 'Thêm quy định báo cáo' }).click();
  const deadline = editor.getByTestId('reporting-item').getByLabel(/^Hạn/);
  await deadline.fill('1/12');
  await expect(deadline).toHaveAccessibleDescription('Nhập ngày/tháng dạng DD/MM, ví dụ 01/12');
  await deadline.fill('01/12');
  await expect(deadline).not.toHaveAttribute('aria-invalid', 'true');
  await editor.getByTestId('reporting-item').getByLabel('Nơi nhận báo cáo').fill('Ủy ban nhân dân tỉnh');

  // Too long for the server: its messages land under the title and under the target's text.
  await title.fill('K'.repeat(1001));
  const targetText = target.getByLabel(/^Nội dung chỉ tiêu/);
  await targetText.fill('T'.repeat(4001));
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(editor.getByRole('alert').first()).toContainText('Dữ liệu không hợp lệ');
  await expect(title).toHaveAccessibleDescription('Tối đa 1000 ký tự');
  await expect(targetText).toHaveAccessibleDescription('Tối đa 4000 ký tự');
  await expect(page).toHaveURL(/\/plans\/new$/);
  await targetText.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'plans-editor-errors', { fullPage: false });

  const name = `Kế hoạch thử nghiệm e2e ${testInfo.project.name} ${Date.now().toString(36)}`;
  await title.fill(name);
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await targetText.fill('Nhận thức về bình đẳng giới tăng so với năm 2025');
  await editor.getByRole('button', { name: 'Thêm cơ quan thực hiện' }).click();
  const assignment = editor.getByTestId('assignment-item');
  await assignment.getByLabel(/^Cơ quan, đơn vị/).fill('Công chức Văn hóa - Xã hội');
  await assignment.getByRole('textbox', { name: 'Báo cáo các mục tiêu' }).click({ force: true });
  await page.getByRole('option', { name: /^1\. Nhận thức/ }).click();
  await page.keyboard.press('Escape');
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();

  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const planUrl = page.url();
  const id = planUrl.split('/').at(-1) ?? '';
  await expect(page.getByTestId('plan-title')).toHaveText(name);
  await expect(page.getByTestId('milestone')).toHaveText(['15–20% hằng năm']);
  await expect(page.getByTestId('plan-assignment')).toContainText('Mục tiêu 1');
  await expect(page.getByTestId('plan-reporting-rule')).toHaveText([
    'Báo cáo hằng năm trước ngày 01/12 gửi Ủy ban nhân dân tỉnh',
  ]);

  // Someone else changes the plan while it is open: the save is refused, and "reload" recovers.
  await page.getByRole('link', { name: 'Sửa' }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await editor.getByLabel('Địa danh').fill('Sin Suối Hồ');
  const issued = await page.request.post(`/api/plans/${id}/issue`, { data: { version: 0 } });
  expect(issued.status()).toBe(200);
  expect((await page.request.post(`/api/plans/${id}/reopen`, { data: { version: 1 } })).status()).toBe(200);
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  const alert = editor.getByRole('alert');
  await expect(alert).toContainText('Kế hoạch đã được người khác sửa; hãy tải lại');
  await expect(alert).toContainText('Kế hoạch vừa được người khác thay đổi');
  await snap(page, testInfo, 'plans-editor-stale', { fullPage: false });
  await alert.getByRole('button', { name: 'Tải lại' }).click();
  await expect(editor.getByLabel('Địa danh')).toHaveValue('');
  await expect(editor.getByRole('alert')).toHaveCount(0);
  await editor.getByLabel('Địa danh').fill('Sin Suối Hồ');
  await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page).toHaveURL(planUrl);
  await expect(page.getByTestId('plan-header')).toContainText('Sin Suối Hồ, chưa ghi ngày');
  await expect(page.getByTestId('plan-header')).toContainText('Phiên bản 3');

  // Issued plans are locked; back to draft to change or delete them.
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Đã ban hành');
  await expect(page.getByRole('link', { name: 'Sửa' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Xoá' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Chuyển về dự thảo' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Dự thảo');
  await page.getByRole('button', { name: 'Xoá' }).click();
  await page.getByRole('dialog', { name: 'Xoá dự thảo kế hoạch?' }).getByRole('button', { name: 'Xoá' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByTestId('plan-row').filter({ hasText: name })).toHaveCount(0);
});
