/** The national dataset loads on both engines (tiny size), in both bulk modes, with the same figures. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@binhdang/db';
import { computeNationalDashboard, naiveNationalDashboard } from '../src/indicators/service.js';
import { hasNational, loadNational, NATIONAL_AS_OF, type NationalSummary } from '../src/seed/national.js';
import { openTestDatabase } from './harness.js';

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(database.db)).rows[0]!.n);

const activityIndexes = (database: Database) =>
  count(database, sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'activity'`);
const enabledTriggers = (database: Database) =>
  count(
    database,
    sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_trigger
      WHERE tgrelid = 'activity'::regclass AND NOT tgisinternal AND tgenabled <> 'D'`,
  );

describe('national dataset (tiny)', () => {
  let fast: Database;
  let live: Database;
  let summary: NationalSummary;
  let liveSummary: NationalSummary;
  let indexesBefore: number;
  let triggersBefore: number;

  beforeAll(async () => {
    fast = await openTestDatabase();
    live = await openTestDatabase();
    indexesBefore = await activityIndexes(fast);
    triggersBefore = await enabledTriggers(fast);
    expect(await hasNational(fast.db)).toBe(false);
    summary = await loadNational(fast, { size: 'tiny', seed: 42 });
    liveSummary = await loadNational(live, { size: 'tiny', seed: 42, bulk: 'triggers' });
  }, 240_000);
  afterAll(async () => {
    await fast?.close();
    await live?.close();
  });

  it('is deterministic: the same seed gives the same rows in another database', () => {
    expect(liveSummary.checksum).toBe(summary.checksum);
    expect(liveSummary.activities).toBe(summary.activities);
    expect(liveSummary.units).toEqual(summary.units);
  });

  it('stores what it reports: units by kind, villages under communes, activities, plans', async () => {
    expect(await hasNational(fast.db)).toBe(true);
    const generated = await fast.db
      .selectFrom('org_unit')
      .select(['kind'])
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('code', 'like', '%-X%')
      .groupBy('kind')
      .execute();
    expect(Object.fromEntries(generated.map((g) => [g.kind, Number(g.n)]))).toEqual(summary.units);
    expect(summary.units.village).toBeGreaterThan(38 * 4); // Lai Châu has 38 communes
    const strayVillages = await count(
      fast,
      sql<{ n: number }>`SELECT count(*)::int AS n FROM org_unit v JOIN org_unit c ON c.id = v.parent_id
        WHERE v.kind = 'village' AND v.code LIKE '%-XV%' AND (c.kind <> 'commune' OR v.path NOT LIKE c.path || '.%')`,
    );
    expect(strayVillages).toBe(0);
    expect(await count(fast, sql<{ n: number }>`SELECT count(*)::int AS n FROM activity`)).toBeGreaterThanOrEqual(
      summary.activities,
    );
    expect(summary.activities).toBeGreaterThan(2_500);
    expect(
      await count(
        fast,
        sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_plan WHERE document_number LIKE '%/KH-%'`,
      ),
    ).toBeGreaterThanOrEqual(summary.campaignPlans);
    expect(summary.plans).toBe(1);
    const targets = await fast.db
      .selectFrom('plan_target as t')
      .innerJoin('plan as p', 'p.id', 't.plan_id')
      .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
      .select(['t.number', 't.rule_kind', 't.rule_params'])
      .where('o.code', '=', '12')
      .where('p.kind', '=', 'program')
      .where('p.title', 'like', 'Kế hoạch thực hiện Chương trình Truyền thông%')
      .orderBy('t.number')
      .execute();
    expect(targets.map((t) => t.rule_kind)).toEqual([
      'units_meeting_count',
      'units_with_record',
      'survey_change',
      'share_with_status',
      'share_with_status',
    ]);
    expect(targets[0]!.rule_params).toMatchObject({ kind: 'units_meeting_count', threshold: 2 });
  });

  it('keeps closed units with a successor that is open, and their history before the closing date', async () => {
    const closed = await fast.db
      .selectFrom('org_unit as u')
      .innerJoin('org_unit as s', 's.id', 'u.successor_id')
      .select(['u.code', 'u.valid_to', 's.valid_to as successor_valid_to'])
      .where('u.code', 'like', '%-X%')
      .where('u.valid_to', 'is not', null)
      .execute();
    expect(closed.length).toBe(summary.closedUnits);
    expect(closed.filter((c) => c.code.startsWith('12-XC')).length).toBe(2);
    for (const c of closed) expect(c.successor_valid_to).toBeNull();
    const late = await count(
      fast,
      sql<{ n: number }>`SELECT count(*)::int AS n FROM activity a JOIN org_unit u ON u.id = a.org_unit_id
        WHERE u.valid_to IS NOT NULL AND a.start_date >= u.valid_to`,
    );
    expect(late).toBe(0);
  });

  it('puts the indexes and triggers back after the fast load', async () => {
    expect(await activityIndexes(fast)).toBe(indexesBefore);
    expect(await enabledTriggers(fast)).toBe(triggersBefore);
  });

  it('gives the same national figures loaded fast or with live triggers, equal to the naive computation', async () => {
    const o = { years: [2025, 2026], asOf: NATIONAL_AS_OF };
    const ours = await computeNationalDashboard(fast.db, o);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.some((r) => (r.numerator ?? 0) > 0)).toBe(true);
    expect(await naiveNationalDashboard(fast.db, o)).toEqual(ours);
    expect(await computeNationalDashboard(live.db, o)).toEqual(ours);
  }, 120_000);
});
