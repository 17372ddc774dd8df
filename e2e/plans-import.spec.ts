/**
 * Importing each of the five seed plans through the browser: upload, the side-by-side preview
 * (highlighted spans on the left, the prefilled form on the right), save, the plan page. What
 * the preview must show comes from the hand-checked fixtures of the parser, not from the parser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { isPhone, login, openNav, snap } from './helpers.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = path.join(ROOT, 'packages/db/data/seed-plans');
const FIXTURES = path.join(ROOT, 'packages/domain/test/fixtures/plans');

interface Expected {
  header: { title_contains: string };
  targets: { number: number; text_contains?: string }[];
  task_groups: unknown[];
  assignments: unknown[];
  reporting: unknown[];
  unparsed: unknown[];
}

const seeds = fs
  .readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** The ids of the form rows ("targets.2") highlighted in the original text, per kind. */
async function highlighted(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('source-text').evaluate((el) => {
    const ids = new Set<string>();
    for (const m of el.querySelectorAll('mark[data-items]')) {
      for (const id of (m.getAttribute('data-items') ?? '').split(' ')) ids.add(id);
    }
    const out: Record<string, number> = {};
    for (const id of ids) {
      const kind = id.split('.')[0] ?? '';
      out[kind] = (out[kind] ?? 0) + 1;
    }
    return out;
  });
}

/**
 * A highlight runs over several lines, so its box centre may lie outside the text (or under the
 * header); a reader taps its first line, and so does the test.
 */
async function tapText(page: Page, mark: Locator): Promise<void> {
  // A smooth scroll may still be running: bring the mark into view until its first line is
  // what a finger would touch (not clipped by its scroll box, not under the sticky header).
  let at = { x: 0, y: 0 };
  await expect
    .poll(async () => {
      await mark.evaluate((el) => {
        el.scrollIntoView({ block: 'start' });
        const top = el.getClientRects()[0]?.top ?? 0;
        if (top < 120) window.scrollBy(0, top - 120);
      });
      await page.waitForTimeout(200);
      const hit = await mark.evaluate((el) => {
        const line = el.getClientRects()[0];
        if (!line) return null;
        const p = { x: line.left + Math.min(12, line.width / 2), y: line.top + line.height / 2 };
        return document.elementFromPoint(p.x, p.y) === el ? p : null;
      });
      if (hit) at = hit;
      return hit !== null;
    })
    .toBe(true);
  await page.mouse.click(at.x, at.y);
}

test('the seed files are there to import', () => {
  expect(seeds).toHaveLength(5);
});

for (const file of seeds) {
  const seed = file.slice(0, 3);
  test(`import seed ${seed}: preview with highlighted spans and prefilled form, save, plan page`, async ({
    page,
  }, testInfo) => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, file.replace(/\.txt$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const targetCount = new Set(expected.targets.map((t) => t.number)).size;
    const phone = isPhone(testInfo);
    const shoot = seed === '002' || seed === '004';

    await login(page, 'tinh.laichau');
    await openNav(page, testInfo);
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await expect(page).toHaveURL(/\/plans$/);
    await page.getByRole('link', { name: 'Nhập kế hoạch' }).click();
    await expect(page).toHaveURL(/\/plans\/import$/);
    await expect(page.getByRole('heading', { name: 'Nhập kế hoạch từ văn bản' })).toBeVisible();

    if (seed === '002') {
      await expect(page.getByRole('tab', { name: 'Tải tệp lên' })).toBeVisible();
      await snap(page, testInfo, 'plans-import-start');
    }
    await page.locator('input[type="file"]').setInputFiles(path.join(SEEDS, file));
    const preview = page.getByTestId('import-preview');
    await expect(preview).toBeVisible();
    await expect(page.getByTestId('parse-summary')).toContainText(
      `Đã nhận diện: ${targetCount} chỉ tiêu, ${expected.task_groups.length} nhóm nhiệm vụ, ` +
        `${expected.assignments.length} phân công, ${expected.reporting.length} quy định báo cáo`,
    );
    await expect(page.getByTestId('unparsed-count')).toContainText(
      expected.unparsed.length ? `${expected.unparsed.length} đoạn chưa nhận diện` : 'Mọi đoạn đều đã được nhận diện',
    );

    // Left: the original text, every recognised item highlighted in its own colour.
    const source = page.getByTestId('source-text');
    await expect(source).toBeVisible();
    await expect(source).toContainText(expected.header.title_contains);
    const marks = await highlighted(page);
    expect(marks.targets ?? 0).toBe(targetCount);
    expect(marks.taskGroups ?? 0).toBe(expected.task_groups.length);
    expect(marks.assignments ?? 0).toBe(expected.assignments.length);
    expect(marks.reportingRules ?? 0).toBe(expected.reporting.length);
    await expect(page.getByTestId('span-legend')).toContainText(`Chỉ tiêu (${targetCount})`);
    const targetColour = await source
      .locator('mark[data-kind="targets"]')
      .first()
      .evaluate((m) => getComputedStyle(m).backgroundColor);
    const groupColour = await source
      .locator('mark[data-kind="taskGroups"]')
      .first()
      .evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(targetColour).not.toBe(groupColour);

    // Right (a tab on phones): the form, prefilled from the draft.
    if (phone) await page.getByRole('tab', { name: 'Dữ liệu' }).click();
    const editor = page.getByTestId('plan-editor');
    await expect(editor.getByTestId('target-item')).toHaveCount(targetCount);
    await expect(editor.getByTestId('task-group-item')).toHaveCount(expected.task_groups.length);
    await expect(editor.getByTestId('assignment-item')).toHaveCount(expected.assignments.length);
    await expect(editor.getByTestId('reporting-item')).toHaveCount(expected.reporting.length);
    await expect(editor.getByLabel(/^Trích yếu/)).toHaveValue(
      new RegExp(expected.header.title_contains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
    );
    const firstText = expected.targets[0]?.text_contains;
    if (firstText) {
      await expect(
        editor
          .getByTestId('target-item')
          .first()
          .getByLabel(/^Nội dung chỉ tiêu/),
      ).toHaveValue(new RegExp(firstText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
    }

    // A row finds its span: "show in the original text" outlines the target's sentence.
    const last = targetCount - 1;
    await editor.getByTestId('target-item').nth(last).getByRole('button', { name: 'Xem trong văn bản gốc' }).click();
    const active = source.locator(`mark[data-items~="targets.${last}"]`).first();
    await expect(active).toHaveAttribute('data-active', 'true');
    await expect(active).toBeInViewport();
    // The picture shows the highlights around the located target.
    if (shoot) await snap(page, testInfo, `plans-import-${seed}-preview`, { fullPage: false });
    // …and a highlight finds its row.
    await tapText(page, source.locator('mark[data-kind="taskGroups"]').first());
    if (phone) await expect(page.getByRole('tab', { name: 'Dữ liệu' })).toHaveAttribute('aria-selected', 'true');
    await expect(editor.getByTestId('task-group-item').first()).toHaveAttribute('data-active', 'true');
    await expect(editor.getByTestId('task-group-item').first()).toBeInViewport();
    if (shoot && phone) await snap(page, testInfo, `plans-import-${seed}-form`, { fullPage: false });

    await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('plan-title')).toContainText(expected.header.title_contains, { ignoreCase: true });
    await expect(page.getByTestId('plan-target-count')).toHaveText(`${targetCount} chỉ tiêu`);
    await expect(page.getByTestId('plan-target')).toHaveCount(targetCount);
    await expect(page.getByTestId('plan-assignment')).toHaveCount(expected.assignments.length);
    await expect(page.getByTestId('plan-status')).toHaveText('Dự thảo');
    await expect(page.getByTestId('plan-issuer')).toBeVisible();
    if (shoot) await snap(page, testInfo, `plans-import-${seed}-saved`);

    // Tidy up: the imported copy is a draft, so it can be deleted, which the list then shows.
    await page.getByRole('button', { name: 'Xoá' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xoá dự thảo kế hoạch?' });
    await dialog.getByRole('button', { name: 'Xoá' }).click();
    await expect(page).toHaveURL(/\/plans$/);
  });
}

test('a pasted text is read the same way; wrong and broken files are refused under the file input', async ({
  page,
}) => {
  await login(page, 'tinh.laichau');
  await page.goto('/plans/import');
  const fileInput = page.locator('input[type="file"]');
  const fileField = page.getByTestId('plan-file');

  // Refused in the browser, before any upload.
  await fileInput.setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG') });
  await expect(page.getByText('Chỉ nhận tệp .txt, .docx hoặc .pdf')).toBeVisible();
  // Refused by the server, its message under the same input.
  await fileInput.setInputFiles({
    name: 'hong.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: Buffer.from('not a zip'),
  });
  await expect(page.getByText('Tệp .docx bị hỏng')).toBeVisible();
  await expect(fileField).toBeVisible();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  const file = seeds.find((f) => f.startsWith('003')) ?? '';
  const expected = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, file.replace(/\.txt$/, '.expected.json')), 'utf8'),
  ) as Expected;
  await page.getByRole('tab', { name: 'Dán văn bản' }).click();
  await page.getByLabel('Nội dung văn bản').fill(fs.readFileSync(path.join(SEEDS, file), 'utf8'));
  await page.getByRole('button', { name: 'Phân tích' }).click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByText('Dán văn bản', { exact: true })).toBeVisible();
  const targetCount = new Set(expected.targets.map((t) => t.number)).size;
  await expect(page.getByTestId('parse-summary')).toContainText(`Đã nhận diện: ${targetCount} chỉ tiêu`);
  await expect(page.getByTestId('source-text')).toContainText(expected.header.title_contains);
  expect((await highlighted(page)).targets ?? 0).toBe(targetCount);

  // Back to choosing a document; nothing was saved.
  await page.getByRole('button', { name: 'Chọn văn bản khác' }).click();
  await expect(page.getByRole('tab', { name: 'Tải tệp lên' })).toBeVisible();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
});
