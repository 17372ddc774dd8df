/**
 * The pivot export: the same figures as /api/indicators/pivot in .xlsx and .csv, the same scope
 * (a commune cannot export its province), bad input as 400 with the field named.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResponse } from '@binhdang/domain';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Two sessions in Sin Suối Hồ in 2026 with participants by sex: figures we know.
  const cookie = await t.login('xa.laichau');
  for (const [i, f, m] of [
    [1, 30, 20],
    [2, 12, 8],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: { cookie },
      payload: {
        kind: 'conference',
        title: `Hội nghị tuyên truyền bình đẳng giới số ${i}`,
        startDate: `2026-0${i + 2}-10`,
        endDate: `2026-0${i + 2}-10`,
        participantsFemale: f,
        participantsMale: m,
        participantsTotal: f + m,
        campaignId: null,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

async function get(username: string | null, url: string) {
  const headers = username ? { cookie: await t.login(username) } : {};
  return t.app.inject({ method: 'GET', url, headers });
}

describe('GET /api/indicators/pivot/export', () => {
  const q = 'org=12&period=2026&rows=org&cols=sex&measure=participants';

  it('writes the pivot as .xlsx with a title, the header, the figures and totals', async () => {
    const json = await get('tinh.laichau', `/api/indicators/pivot?${q}`);
    expect(json.statusCode, json.body).toBe(200);
    const pivot = json.json<PivotResponse>();
    const res = await get('tinh.laichau', `/api/indicators/pivot/export?${q}&format=xlsx&lang=vi`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="phan-tich-12-2026-org-sex\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Số người tham dự — Đơn vị × Giới tính');
    expect(String(ws.getCell('A2').value)).toContain('(12)');
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header[0]).toBe('Đơn vị');
    expect(header.at(-1)).toBe('Tổng');
    // Codes read as words: female/male/unspecified → Nữ/Nam/Không rõ.
    expect(header.slice(1, -1)).toEqual(
      pivot.cols.map((c) => ({ female: 'Nữ', male: 'Nam', unspecified: 'Không rõ' })[c.key]),
    );
    // Sin Suối Hồ's row holds 42 women and 28 men from the activities above (and the demo's own).
    const row = ws
      .getSheetValues()
      .find((r) => Array.isArray(r) && typeof r[1] === 'string' && r[1].includes('Sin Suối Hồ')) as unknown[];
    expect(row).toBeDefined();
    const femaleCol = pivot.cols.findIndex((c) => c.key === 'female');
    const expected = pivot.cells.find((c) => c.row.endsWith('.03394') && c.col === 'female')?.value;
    expect(expected).toBeGreaterThanOrEqual(42);
    expect(row[2 + femaleCol]).toBe(expected);
    // Totals: the last row sums every unit.
    const last = ws.getRow(ws.rowCount).values as unknown[];
    expect(last[1]).toBe('Tổng');
    const sumFemale = pivot.cells.filter((c) => c.col === 'female').reduce((s, c) => s + (c.value ?? 0), 0);
    expect(last[2 + femaleCol]).toBe(sumFemale);
  });

  it('writes .csv with a byte-order mark and English headers on request', async () => {
    const res = await get('tinh.laichau', `/api/indicators/pivot/export?${q}&format=csv&lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^Unit,.*,Total$/);
    expect(lines.at(-1)).toMatch(/^Total,/);
  });

  it('keeps the pivot’s scope: a commune cannot export its province, nobody signed out can', async () => {
    const denied = await get('xa.laichau', `/api/indicators/pivot/export?${q}&format=csv`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toHaveProperty('error.code');
    const own = await get('xa.laichau', `/api/indicators/pivot/export?org=03394&period=2026&rows=kind&format=csv`);
    expect(own.statusCode, own.body).toBe(200);
    const anon = await get(null, `/api/indicators/pivot/export?${q}&format=csv`);
    expect(anon.statusCode).toBe(401);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const res = await get('tinh.laichau', `/api/indicators/pivot/export?${q}&format=pdf`);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json<{ error: { fields: Record<string, string> } }>().error.fields)).toContain('format');
    const dim = await get('tinh.laichau', `/api/indicators/pivot/export?org=12&rows=nonsense&format=csv`);
    expect(dim.statusCode).toBe(400);
  });
});
