import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_IMPORT_COLUMNS,
  headerOf,
  type ActivityImportReport,
  type ImportCellError,
  type ImportField,
} from '@binhdang/domain';
import { importActivities, orderedIds } from '../src/activities/transfer/import.js';
import { openSheet } from '../src/activities/transfer/read.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let laiChauCommunes: string[];
let otherProvinceCommune: string;
beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.database.db
    .selectFrom('org_unit')
    .select(['code', 'province_code'])
    .where('kind', '=', 'commune')
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  laiChauCommunes = rows.filter((r) => r.province_code === '12').map((r) => r.code);
  otherProvinceCommune = rows.find((r) => r.province_code === '38')!.code;
  expect(laiChauCommunes.length).toBeGreaterThan(5);
});
afterAll(async () => t.close());

const HEADERS = ACTIVITY_IMPORT_COLUMNS.map(headerOf);
const col = (f: ImportField) => ACTIVITY_IMPORT_COLUMNS.findIndex((c) => c.field === f);
const letter = (f: ImportField) => String.fromCharCode(65 + col(f));

const quote = (s: string) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function csvLine(values: Partial<Record<ImportField, string | number>>): string {
  return HEADERS.map((_, i) => {
    const v = values[ACTIVITY_IMPORT_COLUMNS[i]!.field];
    return v === undefined ? '' : quote(String(v));
  }).join(',');
}
const csvOf = (rows: Partial<Record<ImportField, string | number>>[]) =>
  '\ufeff' + [HEADERS.map(quote).join(','), ...rows.map(csvLine)].join('\r\n') + '\r\n';

function multipart(name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----bd' + crypto.randomBytes(8).toString('hex');
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Reply = { status: number; report: ActivityImportReport; body: Record<string, unknown> };

async function upload(
  user: string,
  name: string,
  bytes: Buffer,
  mode: 'dry-run' | 'commit',
  fields: Record<string, string> = {},
): Promise<Reply> {
  const m = multipart(name, bytes, fields);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/activities/import?mode=${mode}`,
    payload: m.payload,
    headers: { ...m.headers, cookie: await t.login(user) },
  });
  const body = res.json() as Record<string, unknown>;
  const report = (
    res.statusCode === 422 ? (body.error as { report: ActivityImportReport }).report : body
  ) as ActivityImportReport;
  return { status: res.statusCode, report, body };
}

async function postCsv(user: string, text: string, mode: 'dry-run' | 'commit', query = ''): Promise<Reply> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/activities/import?mode=${mode}${query}`,
    payload: Buffer.from(text),
    headers: { 'content-type': 'text/csv', cookie: await t.login(user) },
  });
  const body = res.json() as Record<string, unknown>;
  const report = (
    res.statusCode === 422 ? (body.error as { report: ActivityImportReport }).report : body
  ) as ActivityImportReport;
  return { status: res.statusCode, report, body };
}

async function download(user: string, url: string): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(user) } });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

async function count(orgPathPrefix?: string): Promise<number> {
  let q = t.database.db.selectFrom('activity').select((eb) => eb.fn.countAll<number>().as('n'));
  if (orgPathPrefix) q = q.where('org_path', 'like', orgPathPrefix + '%');
  return Number((await q.executeTakeFirstOrThrow()).n);
}
async function importAudits(): Promise<number> {
  const r = await t.database.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'activity_import')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every stored field of a unit's activities that an export carries, one canonical string per row. */
async function canonicalRows(orgCode: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('activity as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .select([
      'o.code',
      'a.kind',
      'a.title',
      'a.start_date',
      'a.end_date',
      'a.commune_code',
      'a.channel',
      'a.audiences',
      'a.participants_female',
      'a.participants_male',
      'a.participants_total',
      'a.ethnic_minority_participants',
      'a.products_count',
      'a.reach',
      'a.cost_state_budget',
      'a.cost_mobilised',
      'a.cost_international',
      'a.campaign_id',
      'a.plan_id',
      'a.task_group_id',
      'a.notes',
    ])
    .where('o.code', '=', orgCode)
    .where('a.deleted_at', 'is', null)
    .execute();
  return rows.map((r) => JSON.stringify({ ...r, reach: r.reach === null ? null : Number(r.reach) })).sort();
}

describe('template', () => {
  it('xlsx: Vietnamese headers, frozen row, drop-downs from a hidden lists sheet, instructions', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('snv.laichau', '/api/activities/template?format=xlsx')) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hoạt động', 'Hướng dẫn', 'Danh mục']);
    expect(wb.getWorksheet('Danh mục')!.state).toBe('hidden');
    const ws = wb.getWorksheet('Hoạt động')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(HEADERS).toContain('Loại hoạt động *');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(col('startDate') + 1).numFmt).toBe('dd/mm/yyyy');
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations
      .model;
    const kindRule = Object.entries(dv).find(([addr]) => addr.startsWith(`${letter('kind')}2`))![1];
    expect(kindRule).toMatchObject({ type: 'list' });
    expect(kindRule.formulae[0]).toContain('Danh mục');
    const lists = wb.getWorksheet('Danh mục')!;
    expect(lists.getCell('A2').value).toBe('Hội nghị');
    expect(lists.getCell('E2').value).toBe('Lãnh đạo, cán bộ quản lý');
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const text = guide.getSheetValues().flat().join(' ');
    expect(text).toContain('dd/mm/yyyy');
    expect(text).toContain('Each row');
  });

  it('csv: UTF-8 with BOM, comma separated, the same headers', async () => {
    const csv = (await download('xa.laichau', '/api/activities/template?format=csv')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).trim()).toBe(HEADERS.map((h) => (h.includes(',') ? `"${h}"` : h)).join(','));
  });
});

describe('round trip', () => {
  it('template filled with exceljs → dry-run clean → commit → export → import the export → the same rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('snv.laichau', '/api/activities/template?format=xlsx')) as never);
    const ws = wb.getWorksheet('Hoạt động')!;
    const lists = wb.getWorksheet('Danh mục')!;
    const listOf = (c: string) => {
      const out: string[] = [];
      for (let r = 2; lists.getCell(`${c}${r}`).value; r++) out.push(String(lists.getCell(`${c}${r}`).value));
      return out;
    };
    const kinds = listOf('A');
    const channels = listOf('C');
    const audiences = listOf('E');
    const campaigns = listOf('G');
    for (let i = 0; i < 60; i++) {
      const cells: Partial<Record<ImportField, unknown>> = {
        kind: kinds[i % kinds.length],
        title: `Hoạt động nhập từ mẫu số ${i + 1}: tuyên truyền bình đẳng giới, "phòng chống bạo lực"`,
        // Date cells, Excel serial numbers and text dates side by side.
        startDate:
          i % 3 === 0
            ? new Date(Date.UTC(2026, i % 12, 1 + (i % 27)))
            : i % 3 === 1
              ? 46000 + i
              : `${1 + (i % 27)}/${1 + (i % 12)}/2026`,
        communeCode: i % 4 === 0 ? null : laiChauCommunes[i % laiChauCommunes.length],
        channel: i % 5 === 0 ? null : channels[i % channels.length],
        audiences: i % 2 ? `${audiences[i % audiences.length]}; ${audiences[(i + 3) % audiences.length]}` : null,
        participantsFemale: i % 6 === 0 ? null : 10 + i,
        participantsMale: i % 6 === 0 ? null : 5 + i,
        participantsTotal: i % 6 === 0 ? null : 20 + 2 * i,
        productsCount: i % 7 === 0 ? 1000 + i : null,
        costStateBudget: i % 2 ? '1.500.000' : 2_000_000 + i,
        campaign: campaigns[i % campaigns.length],
        notes: i % 3 ? null : `Ghi chú; dòng ${i}`,
      };
      ws.addRow(ACTIVITY_IMPORT_COLUMNS.map((c) => cells[c.field] ?? null));
    }
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const before = await count('VN.12.12-SNV');
    const dry = await upload('snv.laichau', 'mau.xlsx', filled, 'dry-run');
    expect(dry.status).toBe(200);
    expect(dry.report.errors).toEqual([]);
    expect(dry.report).toMatchObject({ ok: true, rows: 60, validRows: 60, imported: 0, format: 'xlsx' });
    expect(await count('VN.12.12-SNV')).toBe(before);

    const committed = await upload('snv.laichau', 'mau.xlsx', filled, 'commit');
    expect(committed.status).toBe(200);
    expect(committed.report).toMatchObject({ ok: true, imported: 60 });
    expect(await count('VN.12.12-SNV')).toBe(before + 60);
    const sample = await t.database.db
      .selectFrom('activity')
      .selectAll()
      .where('title', 'like', 'Hoạt động nhập từ mẫu số 2:%')
      .executeTakeFirstOrThrow();
    expect(sample).toMatchObject({
      source: 'import',
      start_date: '2025-12-10', // serial 46001
      cost_state_budget: 1_500_000,
      participants_total: 22,
    });
    expect(sample.search_text).toContain('hoat dong nhap tu mau so 2');
    expect(sample.audiences).toHaveLength(2);

    for (const format of ['xlsx', 'csv'] as const) {
      const rows = await canonicalRows('12-SNV');
      const exported = await download('snv.laichau', `/api/activities/export?format=${format}&org=12-SNV`);
      const again = await upload('snv.laichau', `export.${format}`, exported, 'dry-run');
      expect(again.report.errors).toEqual([]);
      expect(again.report.rows).toBe(rows.length);
      const second = await upload('snv.laichau', `export.${format}`, exported, 'commit');
      expect(second.report.imported).toBe(rows.length);
      // Every activity is now there twice, identical in every exported field.
      expect(await canonicalRows('12-SNV')).toEqual([...rows, ...rows].sort());
    }
  });
});

describe('bad rows', () => {
  it('10,000 rows with wrong dates, negative counts, unknown kinds, ♀+♂ > total, communes out of scope: every bad cell, nothing written', async () => {
    const rows: Partial<Record<ImportField, string | number>>[] = [];
    const expected: [number, string][] = [];
    for (let i = 0; i < 10_000; i++) {
      const row = i + 2;
      const r: Partial<Record<ImportField, string | number>> = {
        kind: 'Hội nghị',
        title: `Hội nghị số ${i}`,
        startDate: '15/11/2026',
        communeCode: laiChauCommunes[i % laiChauCommunes.length]!,
        participantsFemale: 10,
        participantsMale: 10,
        participantsTotal: 25,
      };
      switch (i % 10) {
        case 1:
          r.startDate = '2026/13/45';
          expected.push([row, letter('startDate')]);
          break;
        case 2:
          r.startDate = '31/02/2026';
          expected.push([row, letter('startDate')]);
          break;
        case 3:
          r.participantsFemale = '-5';
          expected.push([row, letter('participantsFemale')]);
          break;
        case 4:
          r.kind = 'Họp chợ phiên';
          expected.push([row, letter('kind')]);
          break;
        case 5:
          r.participantsFemale = 30;
          r.participantsMale = 30;
          r.participantsTotal = 50;
          expected.push([row, letter('participantsTotal')]);
          break;
        case 6:
          r.communeCode = otherProvinceCommune;
          expected.push([row, letter('communeCode')]);
          break;
        case 7:
          // Several causes on one row: each cell is reported.
          r.endDate = 'hôm qua';
          r.productsCount = '-1';
          r.communeCode = otherProvinceCommune;
          r.audiences = 'Phụ nữ; người ngoài hành tinh';
          expected.push(
            [row, letter('endDate')],
            [row, letter('communeCode')],
            [row, letter('audiences')],
            [row, letter('productsCount')],
          );
          break;
      }
      rows.push(r);
    }
    const csv = csvOf(rows);
    const before = await count();
    const audits = await importAudits();

    const dry = await postCsv('snv.laichau', csv, 'dry-run');
    expect(dry.status).toBe(200);
    expect(dry.report.ok).toBe(false);
    expect(dry.report.rows).toBe(10_000);
    expect(dry.report.errorRows).toBe(7000);
    expect(dry.report.errorCount).toBe(expected.length);
    expect(dry.report.truncated).toBe(false);
    const got = dry.report.errors.map((e) => [e.row, e.column] as [number, string]);
    expect(new Set(got.map(String))).toEqual(new Set(expected.map(String)));
    const at = (row: number, f: ImportField) =>
      dry.report.errors.find((e) => e.row === row && e.field === f) as ImportCellError;
    expect(at(3, 'startDate')).toMatchObject({ header: 'Ngày bắt đầu', value: '2026/13/45' });
    expect(at(3, 'startDate').vi).toContain('dd/mm/yyyy');
    expect(at(4, 'startDate').vi).toContain('Ngày không tồn tại');
    expect(at(5, 'participantsFemale')).toMatchObject({ value: '-5', vi: 'Không được là số âm' });
    expect(at(6, 'kind').vi).toBe('Loại hoạt động không có trong danh mục: "Họp chợ phiên"');
    expect(at(7, 'participantsTotal').vi).toBe('Tổng số người tham dự (50) nhỏ hơn số nữ + nam (60)');
    expect(at(8, 'communeCode')).toMatchObject({ value: otherProvinceCommune });
    expect(at(8, 'communeCode').vi).toContain('không thuộc tỉnh');
    expect(at(9, 'audiences').vi).toContain('"người ngoài hành tinh"');

    const commit = await postCsv('snv.laichau', csv, 'commit');
    expect(commit.status).toBe(422);
    expect(commit.body.error).toMatchObject({ code: 'validation' });
    expect((commit.body.error as { message: string }).message).toContain('không ghi dòng nào');
    expect(commit.report.errorCount).toBe(expected.length);
    expect(commit.report.imported).toBe(0);
    expect(await count()).toBe(before);
    expect(await importAudits()).toBe(audits);
  }, 180_000);

  it('file-level problems: unknown and missing columns, not a sheet, empty, .xls', async () => {
    const wrong = await postCsv('snv.laichau', 'STT,Tên hoạt động,Màu sắc\n1,Hội nghị,xanh\n', 'dry-run');
    expect(wrong.report.errors.map((e) => [e.row, e.column, e.vi])).toEqual([
      [1, 'C', 'Tiêu đề cột không nhận ra: "Màu sắc" (xem sheet Hướng dẫn)'],
      [1, '', 'Thiếu cột bắt buộc "Loại hoạt động"'],
      [1, '', 'Thiếu cột bắt buộc "Ngày bắt đầu"'],
    ]);
    const headerOnly = await postCsv('snv.laichau', csvOf([]), 'dry-run');
    expect(headerOnly.report.errors[0]!.vi).toBe('Tệp không có dòng dữ liệu nào');
    const xls = await upload('snv.laichau', 'cu.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'dry-run');
    expect(xls.report.errors[0]!.vi).toContain('.xls');
    const broken = await upload('snv.laichau', 'hong.xlsx', Buffer.from('PK\x03\x04 not really a zip'), 'dry-run');
    expect(broken.report.ok).toBe(false);
    expect(broken.report.errors[0]!.vi).toContain('.xlsx');
    const latin1 = await postCsv('snv.laichau', '', 'dry-run');
    expect(latin1.status).toBe(400);
  });

  it('English headers, ";" separated, a title line above the header', async () => {
    const text =
      'DANH SÁCH HOẠT ĐỘNG QUÝ IV;;\nKind;Title;Start date;Female;Male;Total\nconference;Hội nghị A;2026-10-05;3;4;7\nTRAINING;Tập huấn B;5/10/2026;1.000;2.000;3.500\n';
    const r = await postCsv('snv.laichau', text, 'dry-run');
    expect(r.report.errors).toEqual([]);
    expect(r.report.rows).toBe(2);
  });
});

describe('large file', () => {
  it('a good 100,000-row CSV commits in one transaction with one audit row', async () => {
    const kinds = ['Hội nghị', 'training', 'Tập huấn, bồi dưỡng', 'news_item', 'Tờ rơi, tờ gấp'];
    const rows: Partial<Record<ImportField, string | number>>[] = [];
    for (let i = 0; i < 100_000; i++) {
      rows.push({
        kind: kinds[i % kinds.length]!,
        title: `Hoạt động lớn ${i}`,
        startDate: `${1 + (i % 28)}/${1 + (i % 12)}/2027`,
        communeCode: laiChauCommunes[i % laiChauCommunes.length]!,
        channel: 'Trực tiếp',
        audiences: i % 2 ? 'Phụ nữ; Người dân' : 'women',
        participantsFemale: i % 50,
        participantsMale: i % 40,
        participantsTotal: (i % 50) + (i % 40) + 1,
        costStateBudget: i * 1000,
        notes: i % 10 ? '' : 'ghi chú',
      });
    }
    const before = await count();
    const audits = await importAudits();
    const r = await postCsv('snv.laichau', csvOf(rows), 'commit', '&fileName=lon.csv');
    expect(r.status, JSON.stringify(r.report.errors.slice(0, 3))).toBe(200);
    expect(r.report).toMatchObject({ ok: true, rows: 100_000, imported: 100_000 });
    expect(await count()).toBe(before + 100_000);
    expect(await importAudits()).toBe(audits + 1);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['after', 'entity_id'])
      .where('entity', '=', 'activity_import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(r.report.batchId);
    expect(audit.after).toMatchObject({ fileName: 'lon.csv', imported: 100_000, orgUnit: '12-SNV' });
    const one = await t.database.db
      .selectFrom('activity')
      .selectAll()
      .where('title', '=', 'Hoạt động lớn 77777')
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({
      kind: 'training', // 77777 % 5 = 2: 'Tập huấn, bồi dưỡng'
      start_date: `2027-${String(1 + (77777 % 12)).padStart(2, '0')}-${String(1 + (77777 % 28)).padStart(2, '0')}`,
      audiences: ['women', 'residents'],
      participants_total: (77777 % 50) + (77777 % 40) + 1,
      cost_state_budget: 77_777_000,
      source: 'import',
    });
  }, 600_000);

  it('all or nothing: a last row the database refuses leaves no row of the file', async () => {
    // A constraint the validator does not know about: only the INSERT of the last chunk fails.
    await sql`ALTER TABLE activity ADD CONSTRAINT test_no_poison CHECK (title <> 'POISON') NOT VALID`.execute(
      t.database.db,
    );
    try {
      const rows = Array.from({ length: 12_000 }, (_, i) => ({
        kind: 'conference',
        title: i === 11_999 ? 'POISON' : `Hàng ${i}`,
        startDate: '01/02/2027',
      }));
      const before = await count();
      const audits = await importAudits();
      const progress: number[] = [];
      await expect(
        importActivities(t.database.db, null, Buffer.from(csvOf(rows)), {
          mode: 'commit',
          orgUnit: '12-SNV',
          fileName: 'poison.csv',
          chunkSize: 5000,
          onProgress: (p) => progress.push(p.written),
        }),
      ).rejects.toThrow(/test_no_poison/);
      // Two chunks had been inserted before the failure; the rollback took them back.
      expect(progress).toEqual([5000, 10_000]);
      expect(await count()).toBe(before);
      expect(await importAudits()).toBe(audits);
    } finally {
      await sql`ALTER TABLE activity DROP CONSTRAINT test_no_poison`.execute(t.database.db);
    }
  }, 120_000);
});

describe('throughput path (chunks in flight, cached references, array literals)', () => {
  it('a bad cell in a late chunk: reported, and the chunks already inserted are taken back', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      kind: 'conference',
      title: `Khối ${i}`,
      startDate: '03/03/2027',
      // A commune first named in the last chunk (cached lookups must still ask for it) …
      communeCode: i >= 4000 ? laiChauCommunes[laiChauCommunes.length - 1]! : laiChauCommunes[0]!,
      // … and one of another province in it.
      ...(i === 4321 ? { communeCode: otherProvinceCommune } : {}),
    }));
    const before = await count();
    const audits = await importAudits();
    const progress: { rows: number; written: number }[] = [];
    const report = await importActivities(t.database.db, null, Buffer.from(csvOf(rows)), {
      mode: 'commit',
      orgUnit: '12-SNV',
      fileName: 'late.csv',
      chunkSize: 1000,
      onProgress: (p) => progress.push(p),
    });
    expect(report).toMatchObject({ ok: false, rows: 4500, imported: 0, errorCount: 1, batchId: null });
    expect(report.errors[0]).toMatchObject({ row: 4323, field: 'communeCode', value: otherProvinceCommune });
    expect(report.errors[0]!.vi).toMatch(/không thuộc tỉnh/);
    // Four chunks were written (progress counts them) before the fifth failed; none is kept.
    expect(progress.map((p) => p.written)).toEqual([1000, 2000, 3000, 4000, 4000]);
    expect(progress.map((p) => p.rows)).toEqual([1000, 2000, 3000, 4000, 4500]);
    expect(await count()).toBe(before);
    expect(await importAudits()).toBe(audits);
  }, 120_000);

  it('text with quotes, backslashes, braces, commas, new lines and the word NULL is stored as written', async () => {
    const titles = ['"Trích" \\ dẫn', 'NULL', '{a,b}', 'Dòng 1\nDòng 2', 'a\\"b', '  khoảng trắng  '];
    const rows = titles.map((title, i) => ({ kind: 'conference', title, startDate: '29/02/2032', notes: title + i }));
    const r = await importActivities(t.database.db, null, Buffer.from(csvOf(rows)), {
      mode: 'commit',
      orgUnit: '12-SNV',
      fileName: 'quotes.csv',
    });
    expect(r).toMatchObject({ ok: true, imported: titles.length });
    const stored = await t.database.db
      .selectFrom('activity')
      .select(['title', 'notes'])
      .where('start_date', '=', '2032-02-29')
      .where('org_path', 'like', '%12-SNV')
      .execute();
    expect(stored.map((s) => s.title).sort()).toEqual(titles.map((x) => x.normalize('NFC').trim()).sort());
    expect(stored.map((s) => s.notes).sort()).toEqual(titles.map((x, i) => (x + i).trim()).sort());
  });

  it('ordered ids: valid version-7 UUIDs, strictly increasing within a batch, also past the counter', () => {
    const next = orderedIds();
    const ids = Array.from({ length: 10_000 }, next);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('a CSV read in slices keeps a character cut by a slice boundary and a quoted field across it', async () => {
    const header = HEADERS.map(quote).join(',') + '\n';
    const pad = 'x'.repeat(65535 - header.length - 'conference,'.length);
    // The emoji's two UTF-16 halves sit at 65535/65536; a quoted multi-line note crosses the next slice.
    const text =
      header +
      `conference,${pad}😀,01/01/2027\n` +
      `conference,b,01/01/2027,,,,,,,,,,,,,,,,,"${'y'.repeat(70_000)}\nz"\n`;
    expect(text.charCodeAt(65535)).toBe(0xd83d);
    const rows: unknown[][] = [];
    for await (const r of openSheet(Buffer.from(text), 'slices.csv').rows) rows.push(r.cells);
    expect(rows).toHaveLength(3);
    expect(rows[1]![1]).toBe(pad + '😀');
    expect(rows[2]!.at(-1)).toBe('y'.repeat(70_000) + '\nz');
  });
});

describe('scope and rights', () => {
  it('a commune reporter cannot import rows of another unit or another commune', async () => {
    const before = await count();
    const text = csvOf([
      { kind: 'conference', title: 'Của xã mình', startDate: '02/03/2026' },
      { orgUnit: '12-SNV', kind: 'conference', title: 'Của Sở', startDate: '02/03/2026' },
      {
        kind: 'conference',
        title: 'Xã khác',
        startDate: '02/03/2026',
        communeCode: laiChauCommunes.find((c) => c !== '03394')!,
      },
    ]);
    for (const mode of ['dry-run', 'commit'] as const) {
      const r = await postCsv('xa.laichau', text, mode);
      expect(r.status).toBe(mode === 'commit' ? 422 : 200);
      expect(r.report.errors.map((e) => [e.row, e.column, e.field])).toEqual([
        [3, letter('orgUnit'), 'orgUnit'],
        [4, letter('communeCode'), 'communeCode'],
      ]);
      expect(r.report.errors[0]!.vi).toBe('Đơn vị thực hiện nằm ngoài phạm vi của bạn');
    }
    expect(await count()).toBe(before);
    // The default unit of the whole file outside the caller's subtree: refused outright.
    const other = await postCsv('xa.laichau', text, 'dry-run', '&orgUnit=12-SNV');
    expect(other.status).toBe(403);
    // A good file of their own commune goes in, located in their commune by default.
    const own = await postCsv(
      'xa.laichau',
      csvOf([{ kind: 'Hội nghị', title: 'Hội nghị bản', startDate: '02/03/2026' }]),
      'commit',
    );
    expect(own.report).toMatchObject({ ok: true, imported: 1 });
    const row = await t.database.db
      .selectFrom('activity')
      .selectAll()
      .where('title', '=', 'Hội nghị bản')
      .executeTakeFirstOrThrow();
    expect(row.commune_code).toBe('03394');
  });

  it('orgUnit as a multipart field; viewers cannot import; unauthenticated is 401', async () => {
    const text = Buffer.from(csvOf([{ kind: 'conference', title: 'Trường học', startDate: '03/03/2026' }]));
    const r = await upload('xa.laichau', 'a.csv', text, 'dry-run', { orgUnit: '03394-TH' });
    expect(r.report).toMatchObject({ ok: true, orgUnit: { code: '03394-TH' } });
    const viewer = await upload('xem.laichau', 'a.csv', text, 'dry-run');
    expect(viewer.status).toBe(403);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/activities/import',
      payload: text,
      headers: { 'content-type': 'text/csv' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('export is scoped: own subtree only, another unit refused', async () => {
    const csv = (await download('xa.laichau', '/api/activities/export?format=csv')).toString('utf8');
    const lines = csv.trim().split(/\r?\n/).slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('03394'))).toBe(true);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/activities/export?format=csv&org=12-SNV',
      headers: { cookie: await t.login('xa.laichau') },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'out_of_scope' } });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/activities/export?format=pdf',
      headers: { cookie: await t.login('xa.laichau') },
    });
    expect(bad.statusCode).toBe(400);
  });
});
