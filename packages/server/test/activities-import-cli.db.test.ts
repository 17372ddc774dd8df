import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runActivitiesExport, runActivitiesImport } from '../../cli/src/activities.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-cli-import-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sink = () => {
  const s = new PassThrough();
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  return { stream: s, text: () => Buffer.concat(chunks).toString('utf8') };
};

async function count(title: string): Promise<number> {
  const r = await t.database.db
    .selectFrom('activity')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('title', 'like', title + '%')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

it('activities import: a bad file prints the error table, exits 1 and writes nothing; a good one imports', async () => {
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(
    bad,
    '\ufeffLoại hoạt động *,Tên hoạt động *,Ngày bắt đầu *,Số người tham dự nữ\nHội nghị,CLI một,25/11/2026,10\nHọp chợ,CLI hai,31/02/2026,-1\n',
  );
  const out = sink();
  const err = sink();
  const r = await runActivitiesImport(t.database, bad, { org: '03394', progress: false }, out.stream, err.stream);
  expect(r.code).toBe(1);
  expect(err.text()).toContain('Loại hoạt động không có trong danh mục: "Họp chợ"');
  expect(err.text()).toContain('Không được là số âm');
  expect(err.text()).toMatch(/3 ô lỗi ở 1\/2 dòng; không ghi dòng nào/);
  expect(await count('CLI ')).toBe(0);

  const good = path.join(dir, 'good.csv');
  fs.writeFileSync(
    good,
    'Loại hoạt động,Tên hoạt động,Ngày bắt đầu\nHội nghị,CLI ba,25/11/2026\nTờ rơi,CLI bốn,26/11/2026\n',
  );
  const dry = await runActivitiesImport(
    t.database,
    good,
    { org: '03394', dryRun: true, progress: false },
    out.stream,
    err.stream,
  );
  expect(dry.code).toBe(0);
  expect(await count('CLI ')).toBe(0);
  const ok = await runActivitiesImport(
    t.database,
    good,
    { org: '03394', as: 'xa.laichau', progress: false },
    out.stream,
    err.stream,
  );
  expect(ok.code).toBe(0);
  expect(ok.report.imported).toBe(2);
  expect(out.text()).toContain('đã nhập 2 hoạt động');
  expect(await count('CLI ')).toBe(2);

  // --as applies the user's scope: the commune reporter cannot import for the province department.
  await expect(
    runActivitiesImport(t.database, good, { org: '12-SNV', as: 'xa.laichau', progress: false }, out.stream, err.stream),
  ).rejects.toMatchObject({ code: 'out_of_scope' });

  const csv = sink();
  const n = await runActivitiesExport(t.database, { org: '03394', format: 'csv', period: '2026' }, csv.stream);
  expect(n).toBeGreaterThanOrEqual(2);
  expect(csv.text()).toContain('CLI bốn');
  expect(csv.text().trim().split('\n')).toHaveLength(n + 1);
});
