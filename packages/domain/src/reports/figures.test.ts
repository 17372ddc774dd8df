import { describe, expect, it } from 'vitest';
import { assembleFigures, consolidateFigures, type FiguresInput } from './figures.js';

const base: FiguresInput = {
  window: { from: '2025-12-15', to: '2026-12-14' },
  computedAt: '2026-11-22T00:00:00.000Z',
  kinds: [
    { code: 'talk', nameVi: 'Nói chuyện chuyên đề', nameEn: 'Talk', countsAs: ['session'] },
    { code: 'news_item', nameVi: 'Tin, bài viết', nameEn: 'News', countsAs: ['news_item'] },
    { code: 'leaflet', nameVi: 'Tờ rơi', nameEn: 'Leaflet', countsAs: ['product'] },
  ],
  channels: [{ code: 'direct', nameVi: 'Trực tiếp', nameEn: 'Direct' }],
  audiences: [{ code: 'women', nameVi: 'Phụ nữ', nameEn: 'Women' }],
  byKind: [
    { key: 'leaflet', activities: 1, female: 0, male: 0, total: 0, products: 500, reach: 0 },
    { key: 'talk', activities: 2, female: 30, male: 20, total: 55, products: 0, reach: 0 },
  ],
  byChannel: [{ key: 'direct', activities: 3, female: 30, male: 20, total: 55, products: 500, reach: 0 }],
  byAudience: [{ key: 'women', activities: 2, female: 30, male: 20, total: 55, products: 0, reach: 0 }],
  campaigns: [
    {
      key: 'action_month',
      code: 'action_month',
      nameVi: 'Tháng hành động',
      nameEn: 'Action Month',
      requiresPlan: true,
      planRecorded: false,
      activities: 1,
      female: 10,
      male: 5,
      total: 15,
      products: 0,
      reach: 0,
    },
  ],
  costs: { stateBudget: 3_000_000, mobilised: 500_000, international: 0 },
  indicators: { available: false, noteVi: null, noteEn: null, items: [] },
  sources: { orgUnitIds: [], activityIds: [], activityCount: 3, subordinateReportIds: [] },
};

describe('report tables', () => {
  const f = assembleFigures(base);
  it('orders rows as the reference data, totals every count column', () => {
    const byKind = f.tables.find((t) => t.key === 'by_kind')!;
    expect(byKind.rows.map((r) => r.key)).toEqual(['talk', 'leaflet']);
    expect(byKind.total?.cells).toMatchObject({ name: 'Tổng cộng', activities: 3, female: 30, male: 20, total: 55 });
  });
  it('counts sessions, news items and products by what each kind counts as', () => {
    expect(f.totals).toMatchObject({ activities: 3, sessions: 2, newsItems: 0, products: 500, participantsTotal: 55 });
    expect(f.tables.find((t) => t.key === 'products')!.rows.map((r) => r.key)).toEqual(['leaflet']);
  });
  it('says whether the Action Month plan was recorded; costs by source', () => {
    expect(f.campaignPlans).toEqual([
      { campaignCode: 'action_month', nameVi: 'Tháng hành động', nameEn: 'Action Month', recorded: false },
    ]);
    expect(f.tables.find((t) => t.key === 'costs')!.total?.cells.amount).toBe(3_500_000);
  });
});

describe('consolidation', () => {
  it('adds approved subordinates row by row and lists each one', () => {
    const own = assembleFigures(base);
    const sub = assembleFigures({
      ...base,
      byKind: [{ key: 'news_item', activities: 4, female: 0, male: 0, total: 0, products: 0, reach: 900 }],
      costs: { stateBudget: 1_000_000, mobilised: 0, international: 0 },
    });
    const c = consolidateFigures(own, [
      {
        reportId: '11111111-1111-4111-8111-111111111111',
        orgUnitCode: '03394',
        orgUnitName: 'Sin Suối Hồ',
        status: 'approved',
        figures: sub,
      },
    ]);
    const byKind = c.tables.find((t) => t.key === 'by_kind')!;
    expect(byKind.rows.map((r) => [r.key, r.cells.activities])).toEqual([
      ['talk', 2],
      ['leaflet', 1],
      ['news_item', 4],
    ]);
    expect(c.totals.activities).toBe(7);
    expect(c.totals.costStateBudget).toBe(4_000_000);
    const subs = c.tables.find((t) => t.key === 'subordinates')!;
    expect(subs.rows).toEqual([
      expect.objectContaining({
        key: '03394',
        cells: expect.objectContaining({ activities: 4, newsItems: 4, cost: 1_000_000 }),
      }),
    ]);
    expect(c.sources.subordinateReportIds).toEqual(['11111111-1111-4111-8111-111111111111']);
    // the unit's own figures are not changed by consolidating
    expect(own.totals.activities).toBe(3);
  });
});
