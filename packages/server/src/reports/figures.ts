/**
 * A report's figures from the database: the unit's activities in the cut-off window (its subtree
 * and units merged into it, minus the subtrees of subordinates that report to it themselves),
 * grouped by kind, channel, audience and campaign, with costs; the Action Month plan record; and,
 * for a consolidated report, the approved subordinate reports' snapshots.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  assembleFigures,
  consolidateFigures,
  type Aggregate,
  type CampaignAggregate,
  type ReportFigures,
  type SubordinateSnapshot,
} from '@binhdang/domain';
import { indicatorsFor } from './indicators.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface FiguresScope {
  unit: { id: string; path: string };
  window: { from: string; to: string };
  /** The year whose Action Month plan counts (the period's year). */
  year: number;
  planId: string | null;
  /** Subtrees whose activities reach the unit through their own reports. */
  excludePaths: string[];
  subordinates: SubordinateSnapshot[];
  consolidated: boolean;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

function subtree(eb: ExpressionBuilder<DB, 'activity'>, path: string): Expression<SqlBool> {
  return eb.or([eb('activity.org_path', '=', path), eb('activity.org_path', 'like', `${path}.%`)]);
}

export async function computeFigures(db: Db, s: FiguresScope): Promise<ReportFigures> {
  const merged = await db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('successor_id', '=', s.unit.id)
    .where('valid_to', '>', s.window.from)
    .execute();
  const includePaths = [s.unit.path, ...merged.map((m) => m.path).filter((p) => !p.startsWith(`${s.unit.path}.`))];
  const where = (eb: ExpressionBuilder<DB, 'activity'>) =>
    eb.and([
      eb.or(includePaths.map((p) => subtree(eb, p))),
      ...s.excludePaths.map((p) => eb.not(subtree(eb, p))),
      eb('activity.start_date', '>=', s.window.from),
      eb('activity.start_date', '<=', s.window.to),
      eb('activity.deleted_at', 'is', null),
    ]);
  const female = sql<string>`sum(coalesce(activity.participants_female, 0))`;
  const male = sql<string>`sum(coalesce(activity.participants_male, 0))`;
  const total = sql<string>`sum(coalesce(activity.participants_total,
    coalesce(activity.participants_female, 0) + coalesce(activity.participants_male, 0)))`;
  const products = sql<string>`sum(coalesce(activity.products_count, 0))`;
  const reach = sql<string>`sum(coalesce(activity.reach, 0))`;
  const agg = (r: {
    key: string | null;
    n: unknown;
    female: unknown;
    male: unknown;
    total: unknown;
    products: unknown;
    reach: unknown;
  }): Aggregate => ({
    key: r.key ?? '_none',
    activities: num(r.n),
    female: num(r.female),
    male: num(r.male),
    total: num(r.total),
    products: num(r.products),
    reach: num(r.reach),
  });
  const measures = [
    sql<string>`count(*)`.as('n'),
    female.as('female'),
    male.as('male'),
    total.as('total'),
    products.as('products'),
    reach.as('reach'),
  ] as const;

  const [kinds, channels, audiences, campaigns, byKind, byChannel, byAudience, byCampaign, costs, ids, plans] =
    await Promise.all([
      db.selectFrom('activity_kind').select(['code', 'name_vi', 'name_en', 'counts_as']).orderBy('ordinal').execute(),
      db.selectFrom('activity_channel').select(['code', 'name_vi', 'name_en']).orderBy('ordinal').execute(),
      db.selectFrom('audience').select(['code', 'name_vi', 'name_en']).orderBy('ordinal').execute(),
      db
        .selectFrom('campaign')
        .select(['id', 'code', 'name_vi', 'name_en', 'requires_plan'])
        .where('active', '=', true)
        .orderBy('ordinal')
        .execute(),
      db
        .selectFrom('activity')
        .select([sql<string>`activity.kind`.as('key'), ...measures])
        .where(where)
        .groupBy('activity.kind')
        .execute(),
      db
        .selectFrom('activity')
        .select([sql<string>`activity.channel`.as('key'), ...measures])
        .where(where)
        .groupBy('activity.channel')
        .execute(),
      db
        .selectFrom('activity')
        .innerJoin(sql<{ code: string }>`unnest(activity.audiences)`.as('au'), (j) => j.onTrue())
        .select([sql<string>`au`.as('key'), ...measures])
        .where(where)
        .groupBy(sql`au`)
        .execute(),
      db
        .selectFrom('activity')
        .select([sql<string>`activity.campaign_id`.as('key'), ...measures])
        .where(where)
        .where('activity.campaign_id', 'is not', null)
        .groupBy('activity.campaign_id')
        .execute(),
      db
        .selectFrom('activity')
        .select([
          sql<string>`sum(coalesce(activity.cost_state_budget, 0))`.as('state'),
          sql<string>`sum(coalesce(activity.cost_mobilised, 0))`.as('mobilised'),
          sql<string>`sum(coalesce(activity.cost_international, 0))`.as('international'),
        ])
        .where(where)
        .executeTakeFirst(),
      db.selectFrom('activity').select('activity.id').where(where).orderBy('activity.id').execute(),
      db
        .selectFrom('campaign_plan')
        .select('campaign_id')
        .where('org_unit_id', 'in', [s.unit.id, ...merged.map((m) => m.id)])
        .where('year', '=', s.year)
        .execute(),
    ]);

  const planned = new Set(plans.map((p) => p.campaign_id));
  const campaignAggs: CampaignAggregate[] = campaigns
    .map((c) => {
      const row = byCampaign.find((r) => r.key === c.id);
      const a = row ? agg(row) : agg({ key: c.id, n: 0, female: 0, male: 0, total: 0, products: 0, reach: 0 });
      return {
        ...a,
        key: c.code,
        code: c.code,
        nameVi: c.name_vi,
        nameEn: c.name_en,
        requiresPlan: c.requires_plan,
        planRecorded: planned.has(c.id),
      };
    })
    .filter((c) => c.activities > 0 || c.requiresPlan);

  const own = assembleFigures({
    window: s.window,
    computedAt: new Date().toISOString(),
    kinds: kinds.map((k) => ({ code: k.code, nameVi: k.name_vi, nameEn: k.name_en, countsAs: k.counts_as })),
    channels: channels.map((c) => ({ code: c.code, nameVi: c.name_vi, nameEn: c.name_en })),
    audiences: audiences.map((c) => ({ code: c.code, nameVi: c.name_vi, nameEn: c.name_en })),
    byKind: byKind.map(agg),
    byChannel: byChannel.map(agg),
    byAudience: byAudience.map(agg),
    campaigns: campaignAggs,
    costs: {
      stateBudget: num(costs?.state),
      mobilised: num(costs?.mobilised),
      international: num(costs?.international),
    },
    indicators: await indicatorsFor(db, { planId: s.planId, unit: s.unit, year: s.year }),
    sources: {
      orgUnitIds: [s.unit.id, ...merged.map((m) => m.id)],
      activityIds: ids.map((r) => r.id),
      activityCount: ids.length,
      subordinateReportIds: [],
    },
  });
  return s.consolidated ? consolidateFigures(own, s.subordinates) : own;
}
