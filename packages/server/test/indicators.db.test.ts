import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  computeReference,
  parsePeriod,
  type IndicatorResult,
  type IndicatorsResponse,
  type RefActivity,
  type RefUnit,
} from '@binhdang/domain';
import { startTestApp, type TestApp } from './harness.js';
import { loadDemoPlans } from '../src/index.js';
import {
  computeIndicators,
  computeNationalDashboard,
  loadTargets,
  naiveNationalDashboard,
  rootFor,
} from '../src/indicators/service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await loadDemoPlans(t.database.db);
});
afterAll(async () => t.close());

async function get(user: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(user) } });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

async function loadArrays() {
  const units = await sql<{
    id: string;
    path: string;
    kind: string;
    valid_from: string | null;
    valid_to: string | null;
  }>`SELECT id, path, kind, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM org_unit`.execute(
    t.database.db,
  );
  const acts = await sql<{ id: string; org_unit_id: string; kind: string; d: string; deleted: boolean }>`
    SELECT id, org_unit_id, kind, to_char(start_date, 'YYYY-MM-DD') AS d, deleted_at IS NOT NULL AS deleted FROM activity`.execute(
    t.database.db,
  );
  const kinds = await sql<{ code: string; counts_as: string[] }>`SELECT code, counts_as FROM activity_kind`.execute(
    t.database.db,
  );
  const records = await sql<{ org_unit_id: string; code: string; year: number }>`
    SELECT cp.org_unit_id, c.code, cp.year FROM campaign_plan cp JOIN campaign c ON c.id = cp.campaign_id`.execute(
    t.database.db,
  );
  return {
    units: units.rows.map((u): RefUnit => ({
      id: u.id,
      path: u.path,
      kind: u.kind,
      validFrom: u.valid_from,
      validTo: u.valid_to,
    })),
    activities: acts.rows.map((a): RefActivity => ({
      id: a.id,
      orgUnitId: a.org_unit_id,
      kind: a.kind,
      startDate: a.d,
      deleted: a.deleted,
    })),
    kinds: kinds.rows.map((k) => ({ code: k.code, countsAs: k.counts_as })),
    records: records.rows.map((r) => ({ orgUnitId: r.org_unit_id, campaign: r.code, year: r.year })),
  };
}

describe('GET /api/indicators', () => {
  it("shows Lai Châu's plan targets with figures equal to the reference implementation", async () => {
    const res = await get('tinh.laichau', '/api/indicators?period=2025');
    expect(res.status).toBe(200);
    const body = res.body as unknown as IndicatorsResponse;
    expect(body.orgUnit.code).toBe('12');
    const byKind = new Map(body.items.map((i) => [i.ruleKind, i]));
    expect(byKind.has('units_meeting_count')).toBe(true);
    expect(byKind.has('units_with_record')).toBe(true);
    const arrays = await loadArrays();
    const targets = await loadTargets(t.database.db, 'VN.12');
    let checked = 0;
    for (const item of body.items) {
      const target = targets.find((x) => x.id === item.targetId)!;
      const ref = computeReference({
        ...arrays,
        rootPath: rootFor(target, 'VN.12'),
        scopeKinds: target.scopeKinds,
        params: target.params,
        period: parsePeriod('2025')!,
        asOf: new Date().toISOString().slice(0, 10),
      });
      expect([item.targetNumber, item.numerator, item.denominator]).toEqual([
        item.targetNumber,
        ref.numerator,
        ref.denominator,
      ]);
      if (ref.value !== null) checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    const t1 = byKind.get('units_meeting_count')!;
    expect(t1.denominator).toBeGreaterThan(0);
    expect(t1.milestone?.value).toBe(100);
    expect(t1.series.at(-1)!.period).toBe('2025');
    expect(['achieved', 'on_track', 'at_risk', 'off_track']).toContain(t1.status);
    // registers and surveys are not in the database yet
    for (const k of ['share_with_status', 'survey_change']) {
      const i = byKind.get(k);
      if (i) expect(i.status).toBe('no_data');
    }
  });

  it('keeps every figure inside the caller’s subtree', async () => {
    expect((await get('xa.laichau', '/api/indicators?org=12')).status).toBe(403);
    expect((await get('xa.laichau', '/api/indicators?org=38')).status).toBe(403);
    expect((await get('xa.laichau', '/api/indicators?org=NOPE')).status).toBe(404);
    expect((await get('xa.laichau', '/api/indicators/children?org=12')).status).toBe(403);
    expect((await get('xa.laichau', '/api/indicators/pivot?org=38')).status).toBe(403);
    const own = await get('xa.laichau', '/api/indicators?period=2025');
    expect(own.status).toBe(200);
    const items = (own.body as unknown as IndicatorsResponse).items;
    const t1 = items.find((i) => i.ruleKind === 'units_meeting_count')!;
    // the commune's own figures: only the commune (and what lies below it) is counted
    expect(t1.denominator).toBe(1);
    const target = items[0]!.targetId;
    expect((await get('xa.laichau', `/api/indicators/explain?target=${target}&org=12`)).status).toBe(403);
    expect((await get('xa.laichau', '/api/indicators?period=2025x')).status).toBe(400);
  });
});

describe('GET /api/indicators/explain', () => {
  it('lists the activities and units behind a count target', async () => {
    const list = (await get('tinh.laichau', '/api/indicators?period=2025')).body as unknown as IndicatorsResponse;
    const t1 = list.items.find((i) => i.ruleKind === 'units_meeting_count')!;
    const res = await get('tinh.laichau', `/api/indicators/explain?target=${t1.targetId}&period=2025&limit=1000`);
    expect(res.status).toBe(200);
    const body = res.body as {
      indicator: IndicatorResult;
      activities: { total: number; items: unknown[] };
      units: { total: number; items: { met: boolean; count: number }[] };
    };
    expect(body.activities.total).toBe(t1.totals!.activities);
    expect(body.units.total).toBe(t1.denominator);
    expect(body.units.items.filter((u) => u.met).length).toBe(t1.numerator);
    const met = await get(
      'tinh.laichau',
      `/api/indicators/explain?target=${t1.targetId}&period=2025&met=true&limit=1000`,
    );
    expect((met.body as typeof body).units.total).toBe(t1.numerator);
  });
});

describe('GET /api/indicators/children', () => {
  it('rows add up to the unit’s own figures', async () => {
    const res = await get('tinh.laichau', '/api/indicators/children?period=2025');
    expect(res.status).toBe(200);
    const body = res.body as {
      targets: { targetId: string; ruleKind: string }[];
      total: { numerator: number | null; denominator: number | null }[];
      rows: { cells: { numerator: number | null; denominator: number | null }[] }[];
    };
    const i = body.targets.findIndex((x) => x.ruleKind === 'units_meeting_count');
    expect(i).toBeGreaterThanOrEqual(0);
    const den = body.rows.reduce((s, r) => s + (r.cells[i]!.denominator ?? 0), 0);
    const num = body.rows.reduce((s, r) => s + (r.cells[i]!.numerator ?? 0), 0);
    // the province itself is not in scope (departments, communes), so children hold every unit
    expect(den).toBe(body.total[i]!.denominator);
    expect(num).toBe(body.total[i]!.numerator);
  });
});

describe('GET /api/indicators/dashboard', () => {
  it('equals the cards and the child table asked for separately', async () => {
    const plans = await t.database.db.selectFrom('plan').select(['id']).where('status', '=', 'issued').execute();
    expect(plans.length).toBeGreaterThan(1);
    // Own unit, a drill-down, a quarter, and plan filters whose issuer lies below the unit
    // (the computation root is then the issuer, not the unit).
    const cases: [string, string][] = [
      ['tinh.laichau', 'period=2025'],
      ['tinh.laichau', 'period=2025Q4'],
      ['tinh.laichau', 'org=03394&period=2025'],
      ['xa.laichau', 'period=2025'],
      ['admin', 'org=VN&period=2025'],
      ...plans.map((p): [string, string] => ['admin', `org=VN&period=2025&plan=${p.id}`]),
    ];
    for (const [user, q] of cases) {
      const both = await get(user, `/api/indicators/dashboard?${q}`);
      expect(both.status, q).toBe(200);
      const cards = await get(user, `/api/indicators?${q}`);
      const children = await get(user, `/api/indicators/children?${q}`);
      expect(both.body, `${user} ${q}`).toEqual({ indicators: cards.body, children: children.body });
    }
  });

  it('names the bad field with a 4xx', async () => {
    const bad = async (q: string) => {
      const r = await get('tinh.laichau', `/api/indicators/dashboard?${q}`);
      return { status: r.status, fields: Object.keys((r.body.error as { fields?: object } | undefined)?.fields ?? {}) };
    };
    expect(await bad('period=2026Q9')).toEqual({ status: 400, fields: ['period'] });
    expect(await bad('period=abc')).toEqual({ status: 400, fields: ['period'] });
    expect(await bad('plan=not-a-uuid')).toEqual({ status: 400, fields: ['plan'] });
    expect(await bad('org=ZZZ999')).toEqual({ status: 404, fields: ['org'] });
  });

  it('is scoped like the cards: a commune cannot open its province', async () => {
    expect((await get('xa.laichau', '/api/indicators/dashboard?org=12')).status).toBe(403);
    expect((await get('tinh.laichau', '/api/indicators/dashboard?org=79')).status).toBe(403);
  });
});

describe('GET /api/indicators/pivot', () => {
  it('kinds × quarters add up to the activity count; sex needs a participants measure', async () => {
    const res = await get('tinh.laichau', '/api/indicators/pivot?rows=kind&cols=quarter&period=2025');
    expect(res.status).toBe(200);
    const cells = (res.body as { cells: { value: number }[] }).cells;
    const total = cells.reduce((s, c) => s + c.value, 0);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM activity
      WHERE deleted_at IS NULL AND org_path LIKE 'VN.12.%' AND extract(year FROM start_date) = 2025`.execute(
      t.database.db,
    );
    expect(total).toBe(n.rows[0]!.n);
    expect((await get('tinh.laichau', '/api/indicators/pivot?rows=sex&measure=activities')).status).toBe(400);
    const sex = await get('tinh.laichau', '/api/indicators/pivot?rows=org&cols=sex&measure=participants&period=2025');
    expect(sex.status).toBe(200);
    const targets = await get('tinh.laichau', '/api/indicators/pivot?rows=org&cols=target&period=2025');
    expect(targets.status).toBe(200);
    expect((targets.body as { cols: unknown[] }).cols.length).toBeGreaterThan(0);
  });
});

describe('freshness', () => {
  it('a saved activity is in the indicator at once', async () => {
    const url = '/api/indicators?period=2025';
    const before = ((await get('xa.laichau', url)).body as unknown as IndicatorsResponse).items.find(
      (i) => i.ruleKind === 'units_meeting_count',
    )!;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: { cookie: await t.login('xa.laichau') },
      payload: {
        kind: 'talk',
        title: 'Nói chuyện chuyên đề bình đẳng giới',
        startDate: '2025-05-10',
        endDate: '2025-05-10',
      },
    });
    expect(res.statusCode).toBe(201);
    const after = ((await get('xa.laichau', url)).body as unknown as IndicatorsResponse).items.find(
      (i) => i.targetId === before.targetId,
    )!;
    expect(after.totals!.activities).toBe(before.totals!.activities + 1);
    // deleting it takes it out again
    const id = (res.json() as { id: string; version: number }).id;
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${id}`,
      headers: { cookie: await t.login('xa.laichau') },
      payload: { version: (res.json() as { version: number }).version },
    });
    expect(del.statusCode).toBeLessThan(300);
    const gone = ((await get('xa.laichau', url)).body as unknown as IndicatorsResponse).items.find(
      (i) => i.targetId === before.targetId,
    )!;
    expect(gone.totals!.activities).toBe(before.totals!.activities);
  });
});

describe('national dashboard', () => {
  it('the aggregates and the naive recursive CTE give the same figures', async () => {
    const years = [2024, 2025, 2026];
    const fast = await computeNationalDashboard(t.database.db, { years });
    const naive = await naiveNationalDashboard(t.database.db, { years });
    expect(fast.length).toBeGreaterThan(0);
    expect(naive).toEqual(fast);
    const direct = await computeIndicators(t.database.db, { org: '12', period: '2025' });
    const t1 = direct.items.find((i) => i.ruleKind === 'units_meeting_count')!;
    const row = fast.find((r) => r.targetId === t1.targetId && r.provinceCode === '12' && r.period === '2025')!;
    expect([row.numerator, row.denominator]).toEqual([t1.numerator, t1.denominator]);
  });
});
