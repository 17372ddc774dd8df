/**
 * A report's figures from the database: the unit's activities in the cut-off window (its subtree
 * and units merged into it, minus the subtrees of subordinates that report to it themselves),
 * grouped by kind, channel, audience and campaign, with costs; the Action Month plan record; and,
 * for a consolidated report, the approved subordinate reports' snapshots.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  assembleFigures,
  escapeLike,
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
  /** The period code, for the indicator engine. */
  period: string;
  planId: string | null;
  /** Subtrees whose activities reach the unit through their own reports. */
  excludePaths: string[];
  subordinates: SubordinateSnapshot[];
  consolidated: boolean;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Kinds, channels, audiences and campaigns change rarely (an administrator adds one); they are
 * read at most every 30 s per process, per database.
 */
const REF_TTL_MS = 30_000;
const refCache = new WeakMap<object, { at: number; data: Promise<RefData> }>();
type RefData = Awaited<ReturnType<typeof readReference>>;

async function readReference(db: Db) {
  const [kinds, channels, audiences, campaigns] = await Promise.all([
    db.selectFrom('activity_kind').select(['code', 'name_vi', 'name_en', 'counts_as']).orderBy('ordinal').execute(),
    db.selectFrom('activity_channel').select(['code', 'name_vi', 'name_en']).orderBy('ordinal').execute(),
    db.selectFrom('audience').select(['code', 'name_vi', 'name_en']).orderBy('ordinal').execute(),
    db
      .selectFrom('campaign')
      .select(['id', 'code', 'name_vi', 'name_en', 'requires_plan'])
      .where('active', '=', true)
      .orderBy('ordinal')
      .execute(),
  ]);
  return { kinds, channels, audiences, campaigns };
}

function referenceData(db: Db): Promise<RefData> {
  // A transaction object is short-lived: key the cache on the database it came from when known.
  const key = db as object;
  const hit = refCache.get(key);
  if (hit && Date.now() - hit.at < REF_TTL_MS) return hit.data;
  const data = readReference(db);
  refCache.set(key, { at: Date.now(), data });
  data.catch(() => refCache.delete(key));
  return data;
}

function subtree(eb: ExpressionBuilder<DB, 'activity'>, path: string): Expression<SqlBool> {
  return eb.or([eb('activity.org_path', '=', path), eb('activity.org_path', 'like', `${escapeLike(path)}.%`)]);
}

export async function computeFigures(db: Db, s: FiguresScope): Promise<ReportFigures> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
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
  // One query for the activities in the window; grouping them here costs less than six GROUP BYs.
  const [ref, rows, plans, indicators] = await Promise.all([
    referenceData(db),
    db
      .selectFrom('activity')
      .select([
        'activity.id',
        'activity.kind',
        'activity.channel',
        'activity.audiences',
        'activity.campaign_id',
        'activity.participants_female',
        'activity.participants_male',
        'activity.participants_total',
        'activity.products_count',
        'activity.reach',
        'activity.cost_state_budget',
        'activity.cost_mobilised',
        'activity.cost_international',
      ])
      .where(where)
      .orderBy('activity.id')
      .execute(),
    db
      .selectFrom('campaign_plan')
      .select('campaign_id')
      .where('org_unit_id', 'in', [s.unit.id, ...merged.map((m) => m.id)])
      .where('year', '=', s.year)
      .execute(),
    indicatorsFor(db, {
      planId: s.planId,
      unit: s.unit,
      period: s.period,
      asOf: s.window.to < today ? s.window.to : today,
    }),
  ]);
  const { kinds, channels, audiences, campaigns } = ref;
  const groups = {
    kind: new Map<string, Aggregate>(),
    channel: new Map<string, Aggregate>(),
    audience: new Map<string, Aggregate>(),
    campaign: new Map<string, Aggregate>(),
  };
  const costs = { state: 0, mobilised: 0, international: 0 };
  const add = (m: Map<string, Aggregate>, key: string, a: (typeof rows)[number]) => {
    let g = m.get(key);
    if (!g) m.set(key, (g = { key, activities: 0, female: 0, male: 0, total: 0, products: 0, reach: 0 }));
    const f = num(a.participants_female);
    const ma = num(a.participants_male);
    g.activities++;
    g.female += f;
    g.male += ma;
    g.total += a.participants_total ?? f + ma;
    g.products += num(a.products_count);
    g.reach += num(a.reach);
  };
  for (const a of rows) {
    add(groups.kind, a.kind, a);
    add(groups.channel, a.channel ?? '_none', a);
    for (const au of new Set(a.audiences)) add(groups.audience, au, a);
    if (a.campaign_id) add(groups.campaign, a.campaign_id, a);
    costs.state += num(a.cost_state_budget);
    costs.mobilised += num(a.cost_mobilised);
    costs.international += num(a.cost_international);
  }
  const byKind = [...groups.kind.values()];
  const byChannel = [...groups.channel.values()];
  const byAudience = [...groups.audience.values()];
  const ids = rows;

  const planned = new Set(plans.map((p) => p.campaign_id));
  const campaignAggs: CampaignAggregate[] = campaigns
    .map((c) => {
      const a = groups.campaign.get(c.id) ?? {
        key: c.id,
        activities: 0,
        female: 0,
        male: 0,
        total: 0,
        products: 0,
        reach: 0,
      };
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
    byKind,
    byChannel,
    byAudience,
    campaigns: campaignAggs,
    costs: {
      stateBudget: costs.state,
      mobilised: costs.mobilised,
      international: costs.international,
    },
    indicators,
    sources: {
      orgUnitIds: [s.unit.id, ...merged.map((m) => m.id)],
      activityIds: ids.map((r) => r.id),
      activityCount: ids.length,
      subordinateReportIds: [],
    },
  });
  return s.consolidated ? consolidateFigures(own, s.subordinates) : own;
}
