/**
 * The acceptance flow of offline recording: a commune reporter records an activity online,
 * loses the network, records two more, reloads the page (the service worker serves the app,
 * the last session answer keeps them signed in), sees the two queued as "Chưa gửi", gets the
 * network back and sees them sent — exactly once each, checked through the API.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { DEMO_PASSWORD, isPhone, label, snap } from './helpers.ts';

/** Signs in as the commune reporter and lands straight on the page asked for. */
async function signInTo(page: Page, path: string): Promise<void> {
  await page.goto(`/login?redirect=${encodeURIComponent(path)}`);
  await page.getByLabel(label('Tên đăng nhập')).fill('xa.laichau');
  await page.getByLabel(label('Mật khẩu')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** Fills the fast-entry form the way a person would with one thumb. */
async function record(
  page: Page,
  a: { kind: string; title: string; female: number; male: number; audiences: string[] },
) {
  const form = page.getByTestId('activity-form');
  await form.getByRole('textbox', { name: 'Loại hoạt động' }).fill(a.kind);
  await page.getByRole('option', { name: a.kind, exact: true }).click();
  await form.getByLabel(/^Tên hoạt động/).fill(a.title);
  for (const aud of a.audiences) await form.getByText(aud, { exact: true }).click();
  await form.getByLabel('Nữ ♀').fill(String(a.female));
  await form.getByLabel('Nam ♂').fill(String(a.male));
  // The total follows female + male.
  await expect(form.getByLabel('Tổng', { exact: true })).toHaveValue(String(a.female + a.male));
  await form.getByTestId('activity-save').click();
}

test('offline: record, reload while offline, see the queue, sync exactly once', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  const tag = `e2e-offline-${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInTo(page, '/activities');
  // The service worker must own the page (and have precached the app) before the network goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Installable: Chromium finds nothing missing (manifest, icons, service worker).
  const manifest = await page.request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  expect(await manifest.json()).toMatchObject({ name: 'Bình đẳng giới', lang: 'vi', display: 'standalone' });
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  // Playwright's contexts are incognito windows, where Chromium never offers to install; that is
  // the one reason allowed.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  await cdp.detach();

  // One online visit of the list and the form keeps the reference lists on the device.
  await page.goto('/activities');
  await expect(page.getByRole('heading', { name: 'Hoạt động', exact: true })).toBeVisible();

  // 1. Online: the scripted time of one fast entry, from the list to the saved card.
  const started = Date.now();
  await page.getByRole('link', { name: 'Ghi hoạt động' }).click();
  await expect(page).toHaveURL(/\/activities\/new$/);
  await record(page, {
    kind: 'Hội nghị',
    title: `${tag} Hội nghị tuyên truyền Luật Bình đẳng giới`,
    female: 25,
    male: 12,
    audiences: ['Phụ nữ', 'Người dân'],
  });
  const saved = page.getByTestId('activity-saved');
  await expect(saved).toContainText('Đã lưu hoạt động');
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({ type: 'record-seconds', description: seconds.toFixed(2) });
  console.log(`[${testInfo.project.name}] scripted record flow: ${seconds.toFixed(2)} s`);
  await snap(page, testInfo, 'offline-1-saved-online', { fullPage: false });

  // 2. Offline: two more, kept on the device.
  await context.setOffline(true);
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  for (const [i, kind] of (['Tập huấn, bồi dưỡng', 'Nói chuyện chuyên đề'] as const).entries()) {
    await saved.getByRole('button', { name: 'Ghi tiếp' }).click();
    const form = page.getByTestId('activity-form');
    await expect(form.getByTestId('offline-hint')).toBeVisible();
    // The last kind and audiences are remembered.
    await expect(form.getByRole('textbox', { name: 'Loại hoạt động' })).toHaveValue(
      i === 0 ? 'Hội nghị' : 'Tập huấn, bồi dưỡng',
    );
    if (i === 0) await snap(page, testInfo, 'offline-2-form-offline', { fullPage: false });
    await record(page, { kind, title: `${tag} ngoại tuyến ${i + 1}`, female: 10 + i, male: 5 + i, audiences: [] });
    await expect(saved).toContainText('Đã lưu trên máy — sẽ gửi khi có mạng');
  }
  await expect(page.getByTestId('queued-badge')).toHaveText('2');

  // 3. Reload with no network: the app opens from the service worker, still signed in.
  await page.reload();
  await expect(page).toHaveURL(/\/activities\/new/);
  await expect(page.getByTestId('activity-form')).toBeVisible();
  await page.goto('/activities');
  const queued = page.getByTestId('queued-list');
  await expect(queued).toBeVisible();
  await expect(queued.getByTestId('queued-item')).toHaveCount(2);
  for (const item of await queued.getByTestId('queued-item').all()) {
    await expect(item).toContainText('Chưa gửi');
    await expect(item.getByTestId('queue-state')).toHaveText('Chờ gửi');
  }
  await expect(queued).toContainText(`${tag} ngoại tuyến 1`);
  await expect(queued).toContainText(`${tag} ngoại tuyến 2`);
  await snap(page, testInfo, 'offline-3-queued-after-reload');

  // 4. Back online: the queue drains by itself and the list shows all three.
  await context.setOffline(false);
  await expect(queued).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('queued-badge')).toBeHidden();
  await page.getByRole('searchbox', { name: 'Tìm theo tên, ghi chú, đơn vị' }).fill(tag);
  await expect(page.getByTestId('activity-row')).toHaveCount(3);
  await expect(page.getByTestId('totals-female')).toHaveText('46');
  await expect(page.getByTestId('totals-male')).toHaveText('23');
  await snap(page, testInfo, 'offline-4-synced');

  // 5. Exactly three new activities, no duplicate; replaying one of them changes nothing.
  const list = await page.request.get(`/api/activities?q=${encodeURIComponent(tag)}&limit=50`);
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { total: number; items: Record<string, unknown>[] };
  expect(body.total).toBe(3);
  expect(new Set(body.items.map((a) => a.id)).size).toBe(3);
  expect(body.items.map((a) => a.title).sort()).toEqual(
    [`${tag} Hội nghị tuyên truyền Luật Bình đẳng giới`, `${tag} ngoại tuyến 1`, `${tag} ngoại tuyến 2`].sort(),
  );
  const offlineOnes = body.items.filter((a) => String(a.title).includes('ngoại tuyến'));
  expect(offlineOnes.map((a) => a.source)).toEqual(['offline', 'offline']);
  const one = offlineOnes[0]!;
  const FIELDS = [
    'kind',
    'title',
    'startDate',
    'endDate',
    'communeCode',
    'channel',
    'audiences',
    'participantsFemale',
    'participantsMale',
    'participantsTotal',
    'ethnicMinorityParticipants',
    'productsCount',
    'reach',
    'costStateBudget',
    'costMobilised',
    'costInternational',
    'planId',
    'taskGroupId',
    'campaignId',
    'notes',
  ];
  const sameBody = Object.fromEntries([['id', one.id], ...FIELDS.map((f) => [f, one[f]])]);
  const replay = await page.request.post('/api/activities', { data: sameBody });
  expect(replay.status()).toBe(200);
  // The same id with other content is refused (409 with the current record), never a second row.
  const clash = await page.request.post('/api/activities', { data: { ...sameBody, title: 'khác' } });
  expect(clash.status()).toBe(409);
  const again = (await (await page.request.get(`/api/activities?q=${encodeURIComponent(tag)}&limit=50`)).json()) as {
    total: number;
  };
  expect(again.total).toBe(3);
  if (isPhone(testInfo)) expect(await page.evaluate(() => window.innerWidth)).toBe(360);
});
