import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityInput } from '@binhdang/domain';
import { actorForToken } from '../src/auth/sessions.js';
import type { Actor } from '../src/context.js';
import { activityFilter } from '../src/activities/filter.js';
import { campaignWindow, communeOfPath, suggestCampaign, validateActivities } from '../src/activities/validate.js';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const actors: Record<string, Actor> = {};
beforeAll(async () => {
  t = await startTestApp();
  for (const u of ['xa.laichau', 'snv.laichau', 'xem.laichau', 'tinh.laichau']) {
    const cookie = await t.login(u);
    actors[u] = (await actorForToken(t.database.db, cookie.replace(/^bd_session=/, '')))!;
  }
});
afterAll(async () => t.close());

const row = (over: Record<string, unknown> = {}) =>
  ActivityInput.parse({
    kind: 'talk',
    title: 'Nói chuyện chuyên đề',
    startDate: '2026-03-08',
    endDate: '2026-03-08',
    ...over,
  });

const W = (
  code: string,
  sm: number,
  sd: number,
  em: number,
  ed: number,
  ordinal: number,
): Parameters<typeof suggestCampaign>[0][number] => ({
  id: code,
  code,
  start_month: sm,
  start_day: sd,
  end_month: em,
  end_day: ed,
  requires_plan: code === 'am',
  ordinal,
});

describe('campaign windows and suggestion (pure)', () => {
  const cs = [
    W('dv', 6, 1, 6, 30, 3),
    W('family', 6, 28, 6, 28, 4),
    W('evaw', 11, 25, 11, 25, 7),
    W('am', 11, 15, 12, 15, 8),
  ];
  it('the shortest window holding the start date wins', () => {
    expect(suggestCampaign(cs, '2026-11-25')).toBe('evaw');
    expect(suggestCampaign(cs, '2026-11-20')).toBe('am');
    expect(suggestCampaign(cs, '2026-12-15')).toBe('am');
    expect(suggestCampaign(cs, '2026-12-16')).toBeNull();
    expect(suggestCampaign(cs, '2026-06-28')).toBe('family');
    expect(suggestCampaign(cs, '2026-06-27')).toBe('dv');
  });
  it('windows across the new year belong to the year they start', () => {
    const tet = W('tet', 12, 20, 1, 10, 1);
    expect(campaignWindow(tet, 2026)).toEqual({ startDate: '2026-12-20', endDate: '2027-01-10' });
    expect(suggestCampaign([tet], '2027-01-05')).toBe('tet');
    expect(suggestCampaign([tet], '2027-01-11')).toBeNull();
  });
  it('the commune of a unit comes from its path', () => {
    expect(communeOfPath('VN.12.03394', 'commune')).toBe('03394');
    expect(communeOfPath('VN.12.03394.03394-B01', 'village')).toBe('03394');
    expect(communeOfPath('VN.12.12-SNV', 'department')).toBeNull();
  });
});

describe('validateActivities (batch)', () => {
  it('reports every bad row by index and field, resolves the good ones', async () => {
    const rows = [
      row(),
      row({ kind: 'nope', communeCode: '03388' }),
      row({ participantsFemale: 5, participantsMale: 5, participantsTotal: 3 }),
      row({ orgUnit: '03394-B01', startDate: '2026-11-25', endDate: '2026-11-26' }),
      row({ audiences: ['women', 'aliens'], channel: 'fax' }),
      row({ notes: 'a\u0000b' }),
    ];
    const { rows: ok, errors } = await validateActivities(t.database.db, actors['xa.laichau']!, rows);
    expect(ok.map((r) => r.index)).toEqual([0, 3]);
    expect(ok[0]).toMatchObject({
      orgUnitCode: '03394',
      communeCode: '03394',
      campaignId: '6c1f0a52-0000-4000-8000-000000000001',
      campaignSuggested: true,
    });
    expect(ok[1]).toMatchObject({
      orgUnitCode: '03394-B01',
      communeCode: '03394',
      campaignId: '6c1f0a52-0000-4000-8000-000000000007',
    });
    expect(ok[0]!.searchText).toContain('noi chuyen chuyen de');
    const byIndex = Object.fromEntries(errors.map((e) => [e.index, Object.keys(e.fields).sort()]));
    expect(byIndex).toEqual({
      1: ['communeCode', 'kind'],
      2: ['participantsTotal'],
      4: ['audiences.1', 'channel'],
      5: ['notes'],
    });
    expect(errors[0]!.fields.kind!.en).toMatch(/kind "nope"/);
    expect(errors[0]!.fields.kind!.vi).toMatch(/Loại hoạt động "nope"/);
  });

  it('the recording unit must be in the caller’s subtree; a viewer may not write at all', async () => {
    const { errors } = await validateActivities(t.database.db, actors['xa.laichau']!, [row({ orgUnit: '12-SNV' })]);
    expect(Object.keys(errors[0]!.fields)).toEqual(['orgUnit']);
    await expect(validateActivities(t.database.db, actors['xem.laichau']!, [row()])).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('a department records communes of its province; repeated client ids are flagged', async () => {
    const id = '0f6c3f8e-1a2b-4c3d-8e9f-001122334455';
    const { rows: ok, errors } = await validateActivities(t.database.db, actors['snv.laichau']!, [
      row({ id, communeCode: '03388' }),
      row({ id, communeCode: '03388' }),
      row({ communeCode: '14758' }),
      row({ communeCode: null }),
    ]);
    expect(ok.map((r) => [r.index, r.communeCode])).toEqual([
      [0, '03388'],
      [3, null],
    ]);
    expect(Object.keys(errors.find((e) => e.index === 1)!.fields)).toEqual(['id']);
    expect(Object.keys(errors.find((e) => e.index === 2)!.fields)).toEqual(['communeCode']);
  });

  it('the system caller uses the default unit; a big batch loads reference data once', async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      row({
        title: `Hàng ${i}`,
        communeCode: i % 2 ? '03394' : null,
        startDate: '2025-06-0' + ((i % 9) + 1),
        endDate: '2025-06-10',
      }),
    );
    let queries = 0;
    const counting = t.database.db.withPlugin({
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const { rows: ok, errors } = await validateActivities(counting, null, many, {
      defaultOrgUnit: '03394',
      defaultSource: 'import',
    });
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(5000);
    expect(ok[4999]).toMatchObject({ source: 'import', orgUnitCode: '03394', communeCode: '03394' });
    expect(queries).toBeLessThanOrEqual(10);
  });
});

describe('activityFilter', () => {
  it('is scoped, excludes deleted rows and composes with selects', async () => {
    const q = { sort: '-startDate', limit: 50, offset: 0 } as const;
    const count = async (who: string, extra: object = {}) =>
      Number(
        (
          await (
            await activityFilter(t.database.db, actors[who]!, { ...q, ...extra })
          )
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const commune = await count('xa.laichau');
    const province = await count('tinh.laichau');
    expect(commune).toBeGreaterThan(5);
    expect(province).toBeGreaterThan(commune);
    expect(await count('tinh.laichau', { org: '03394' })).toBe(commune);
    expect(await count('xa.laichau', { period: '2026' })).toBeGreaterThanOrEqual(10);
    await expect(activityFilter(t.database.db, actors['xa.laichau']!, { ...q, org: '12' })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
  });
});
