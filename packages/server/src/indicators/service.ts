/**
 * Indicators: which targets apply to a unit, their figures, statuses and projections.
 *
 * Functions for the benchmark (H5) and the dashboards:
 * - computeIndicators(db, {org, period, targetIds?, planId?, asOf?}) — one unit's cards;
 * - computeChildMatrix(db, {org, period, planId?, asOf?}) — child units × targets;
 * - computeNationalDashboard(db, {years, asOf?}) — every target of national and provincial
 *   plans × every province × years, from the aggregates;
 * - naiveNationalDashboard(db, {years, asOf?}) — the same figures from raw activities with a
 *   recursive CTE over the org tree (baseline; must equal the former).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  defaultRuleParams,
  defaultScopeKinds,
  depthOf,
  DomainError,
  escapeLike,
  isInSubtree,
  makePeriod,
  parsePeriod,
  pickMilestone,
  projectionOf,
  statusOf,
  type ChildMatrix,
  type IndicatorResult,
  type IndicatorsResponse,
  type IndicatorStatus,
  type OrgKind,
  type Period,
  type RuleParams,
  isUuid,
} from '@binhdang/domain';
import type { Actor } from '../context.js';
import { requireInScope } from '../context.js';
import { combine, evaluate, specsFor, type Figures } from './engine.js';

export interface TargetRow {
  id: string;
  planId: string;
  planOrgPath: string;
  planPeriodFrom: number | null;
  number: number;
  text: string;
  unit: string;
  comparator: string;
  milestones: { year: number; value: number | null; valueMax: number | null }[];
  frequency: string;
  ruleKind: string;
  params: RuleParams;
  scopeKinds: string[];
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  path: string;
  childCount: number;
}

export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** Targets of issued plans whose issuer is the unit or one of its superiors (or in its subtree, when asked by plan/target). */
export async function loadTargets(
  db: Kysely<DB>,
  unitPath: string,
  filter: { planId?: string; targetIds?: string[] } = {},
): Promise<TargetRow[]> {
  let q = db
    .selectFrom('plan_target as t')
    .innerJoin('plan as p', 'p.id', 't.plan_id')
    .select([
      't.id',
      't.plan_id',
      'p.org_path',
      'p.period_from',
      'p.org_unit_id',
      't.number',
      't.text',
      't.unit',
      't.comparator',
      't.milestones',
      't.frequency',
      't.rule_kind',
      't.rule_params',
      't.baseline_year',
      't.scope_kinds',
      't.scope_text',
    ])
    .orderBy('p.org_path')
    .orderBy('p.id')
    .orderBy('t.ordinal');
  if (filter.planId || filter.targetIds?.length) {
    if (filter.planId) q = q.where('p.id', '=', filter.planId);
    if (filter.targetIds?.length) q = q.where('t.id', 'in', filter.targetIds);
  } else {
    // the unit's own plans and its superiors': issuers on the unit's path
    const seg = unitPath.split('.');
    const ancestors = seg.map((_, i) => seg.slice(0, i + 1).join('.'));
    q = q.where('p.status', '=', 'issued').where('p.org_path', 'in', ancestors);
  }
  const rows = await q.execute();
  const out: TargetRow[] = [];
  for (const r of rows) {
    // Applies when the issuer is the unit or above it, or (explicitly asked) inside its subtree.
    const applies =
      isInSubtree(unitPath, r.org_path) || ((filter.planId || filter.targetIds) && isInSubtree(r.org_path, unitPath));
    if (!applies) continue;
    const like = {
      ruleKind: r.rule_kind,
      ruleParams: (r.rule_params as RuleParams | null) ?? null,
      unit: r.unit,
      text: r.text,
      frequency: r.frequency,
      milestones: r.milestones as TargetRow['milestones'],
      baselineYear: r.baseline_year,
      scopeKinds: r.scope_kinds,
      scopeText: r.scope_text,
    };
    const params = defaultRuleParams(like);
    out.push({
      id: r.id,
      planId: r.plan_id,
      planOrgPath: r.org_path,
      planPeriodFrom: r.period_from,
      number: r.number,
      text: r.text,
      unit: r.unit,
      comparator: r.comparator,
      milestones: like.milestones,
      frequency: r.frequency,
      ruleKind: r.rule_kind ?? params.kind,
      params,
      scopeKinds: defaultScopeKinds(like, params),
    });
  }
  return out;
}

/** The computation root: the unit, or the issuer when the issuer lies inside the unit's subtree. */
export const rootFor = (t: TargetRow, unitPath: string) =>
  isInSubtree(t.planOrgPath, unitPath) ? t.planOrgPath : unitPath;

/** The series periods for a requested period: earlier periods of its type (oldest first), it last. */
export function seriesPeriods(p: Period, periodFrom: number | null): Period[] {
  if (p.type === 'year') {
    const from = Math.max(p.year - 4, Math.min(periodFrom ?? p.year - 4, p.year));
    return Array.from({ length: p.year - from + 1 }, (_, i) => makePeriod('year', from + i));
  }
  return Array.from({ length: p.index }, (_, i) => makePeriod(p.type, p.year, i + 1));
}

const CUMULATIVE = new Set(['units_meeting_count', 'units_with_record', 'sum']);

/** Figures → an IndicatorResult (milestone, status, projection, series). */
export function toResult(
  t: TargetRow,
  unit: { id: string; code: string; name: string },
  periods: Period[],
  figures: Figures[],
  asOf: string,
): IndicatorResult {
  const i = periods.length - 1;
  const p = periods[i]!;
  const f = figures[i]!;
  let milestone = pickMilestone(t.milestones, p.year, t.frequency);
  // A count target's milestone ("≥ 2 sessions") is the per-unit threshold: the indicator is the
  // share of units reaching it, whose milestone is all of them.
  if (milestone && t.params.kind === 'units_meeting_count' && t.unit !== 'percent')
    milestone = { ...milestone, value: 100, valueMax: null };
  const isPercent = t.params.kind !== 'sum';
  const projection = projectionOf({
    value: f.value,
    period: p,
    milestoneYear: milestone?.year ?? null,
    yearly: p.type === 'year' ? periods.map((pp, j) => ({ year: pp.year, value: figures[j]!.value })) : [],
    cumulative: CUMULATIVE.has(t.params.kind),
    isPercent,
    asOf,
  });
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  const status: IndicatorStatus = statusOf(f.value, milestone, t.comparator, projection?.value ?? null);
  return {
    targetId: t.id,
    planId: t.planId,
    targetNumber: t.number,
    targetText: t.text,
    ruleKind: t.params.kind,
    ruleParams: t.params,
    comparator: t.comparator,
    orgUnitId: unit.id,
    orgUnitCode: unit.code,
    orgUnitName: unit.name,
    period: p.code,
    value: round(f.value),
    numerator: f.numerator,
    denominator: f.denominator,
    unit: t.params.kind === 'sum' ? t.unit : 'percent',
    milestone: milestone ? { year: milestone.year, value: milestone.value, valueMax: milestone.valueMax } : null,
    status,
    projection: projection ? { year: projection.year, value: round(projection.value)! } : null,
    series: periods.map((pp, j) => ({ period: pp.code, value: round(figures[j]!.value) })),
    totals: t.params.kind === 'units_meeting_count' ? { activities: f.activities } : null,
  };
}

/** Figures of one target for `groupDepth` groups under root, per period. */
export async function targetFigures(
  db: Kysely<DB>,
  t: TargetRow,
  rootPath: string,
  periods: Period[],
  groupDepth: number,
  asOf: string,
  naive = false,
): Promise<{ groups: Map<string, Figures[]>; total: Figures[] }> {
  const specs = specsFor(periods, t.params, asOf);
  const byGroup = await evaluate(db, {
    rootPath,
    scopeKinds: t.scopeKinds,
    params: t.params,
    specs,
    groupDepth,
    naive,
  });
  const started = specs.map((s) => s.windows.length > 0);
  const groups = new Map<string, Figures[]>();
  for (const [g, m] of byGroup) {
    groups.set(
      g,
      specs.map((s) => combine(m.has(s.pid) ? [m.get(s.pid)!] : [], t.params, started[s.pid]!)),
    );
  }
  const total = specs.map((s) =>
    combine(
      [...byGroup.values()].map((m) => m.get(s.pid)).filter((x): x is Figures => !!x),
      t.params,
      started[s.pid]!,
    ),
  );
  return { groups, total };
}

/**
 * targetFigures for one request, computed once per distinct measurement: a province's own plan
 * usually repeats the national plan's targets with the same rule and scope (T1 of both).
 */
function sharedFigures(db: Kysely<DB>, asOf: string) {
  const memo = new Map<string, ReturnType<typeof targetFigures>>();
  return (t: TargetRow, root: string, periods: Period[], groupDepth: number) => {
    const key = JSON.stringify([t.params, [...t.scopeKinds].sort(), root, periods.map((p) => p.code), groupDepth]);
    let f = memo.get(key);
    if (!f) memo.set(key, (f = targetFigures(db, t, root, periods, groupDepth, asOf)));
    return f;
  };
}

/** Units with their number of child units (one statement; filter and order left to the caller). */
const unitsWithChildCount = (db: Kysely<DB>) =>
  db
    .selectFrom('org_unit as o')
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.path'])
    .select((eb) =>
      eb
        .selectFrom('org_unit as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'o.id')
        .as('child_count'),
    );

const toUnitRow = (u: {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  child_count: number | string | null;
}): UnitRow => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind as OrgKind,
  path: u.path,
  childCount: Number(u.child_count ?? 0),
});

/** A unit by UUID or code with its number of child units. */
export async function unitByRef(db: Kysely<DB>, ref: string): Promise<UnitRow | undefined> {
  const u = await unitsWithChildCount(db)
    .where(isUuid(ref) ? 'o.id' : 'o.code', '=', ref)
    .executeTakeFirst();
  return u && toUnitRow(u);
}

function periodOrThrow(code: string | undefined, asOf: string): Period {
  const p = parsePeriod(code ?? asOf.slice(0, 4));
  if (!p) throw new DomainError('validation', 'bad period', { period: 'invalid period' });
  return p;
}

/** A unit in the actor's scope (404 when unknown, 403 outside the subtree); null actor = system. */
export async function scopedUnit(db: Kysely<DB>, actor: Actor | null, ref: string | undefined): Promise<UnitRow> {
  const u = await unitByRef(db, ref ?? actor?.orgUnitId ?? 'VN');
  if (!u) throw new DomainError('not_found', 'org unit not found', { org: 'not found' });
  if (actor) requireInScope(actor, u.path, 'org');
  return u;
}

type MatrixRow = ChildMatrix['rows'][number];
type MatrixCell = MatrixRow['cells'][number];

/** The unit's child units that exist during the period (the rows of the child table). */
async function childUnits(db: Kysely<DB>, unit: UnitRow, period: Period): Promise<UnitRow[]> {
  const children = await unitsWithChildCount(db)
    .where('o.parent_id', '=', unit.id)
    .where((eb) => eb.or([eb('o.valid_to', 'is', null), eb('o.valid_to', '>', period.start)]))
    .orderBy('o.code')
    .execute();
  return children.map(toUnitRow);
}

interface DashboardRequest {
  org?: string;
  period?: string;
  targetIds?: string[];
  planId?: string;
  asOf?: string;
}

/**
 * The cards and/or the child table of one unit. With both, each target is measured once: its
 * series grouped by child unit gives the card (all groups added up) and the table (the last
 * period per group), so the dashboard costs one statement per distinct measurement.
 */
async function dashboardParts(
  db: Kysely<DB>,
  o: DashboardRequest,
  actor: Actor | null,
  want: { cards: boolean; children: boolean },
) {
  const asOf = o.asOf ?? todayIso();
  const unit = await scopedUnit(db, actor, o.org);
  const period = periodOrThrow(o.period, asOf);
  const figuresOf = sharedFigures(db, asOf);
  const measure = async () => {
    const targets = await loadTargets(db, unit.path, { planId: o.planId, targetIds: o.targetIds });
    if (o.targetIds?.length && targets.length === 0)
      throw new DomainError('not_found', 'target not found', { target: 'not found' });
    // Targets run concurrently: on the PostgreSQL server each takes a pooled connection.
    return Promise.all(
      targets.map(async (t) => {
        const periods = want.cards ? seriesPeriods(period, t.planPeriodFrom) : [period];
        const root = rootFor(t, unit.path);
        const depth = want.children ? depthOf(unit.path) + 2 : depthOf(root) + 2;
        return { t, root, periods, figures: await figuresOf(t, root, periods, depth) };
      }),
    );
  };
  const [measured, children] = await Promise.all([
    measure(),
    want.children ? childUnits(db, unit, period) : Promise.resolve([]),
  ]);

  const indicators = {
    orgUnit: unit,
    period: period.code,
    items: want.cards ? measured.map((m) => toResult(m.t, unit, m.periods, m.figures.total, asOf)) : [],
  };

  const rows: MatrixRow[] = children.map((c) => ({ orgUnit: c, cells: [] }));
  const total: MatrixCell[] = [];
  if (want.children) {
    for (const { t, root, periods, figures } of measured) {
      const last = periods.length - 1;
      const cell = (f: Figures, u: { id: string; code: string; name: string }): MatrixCell => {
        const r = toResult(t, u, [period], [f], asOf);
        return { targetId: t.id, value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status };
      };
      total.push(cell(figures.total[last]!, unit));
      const none = combine([], t.params, specsFor([period], t.params, asOf)[0]!.windows.length > 0);
      for (const row of rows) {
        // Children outside the computation root (issuer below the unit) have no figures.
        const f = isInSubtree(row.orgUnit.path, root) ? figures.groups.get(row.orgUnit.path)?.[last] : undefined;
        row.cells.push(cell(f ?? none, row.orgUnit));
      }
    }
  }
  const matrix: ChildMatrix = {
    orgUnit: unit,
    period: period.code,
    targets: measured.map(({ t }) => ({
      targetId: t.id,
      planId: t.planId,
      targetNumber: t.number,
      targetText: t.text,
      ruleKind: t.params.kind,
      unit: t.params.kind === 'sum' ? t.unit : 'percent',
    })),
    total,
    rows,
  };
  return { indicators, matrix };
}

export type IndicatorsOptions = DashboardRequest;

/** One unit's cards: every target that applies, with its series. */
export async function computeIndicators(db: Kysely<DB>, o: IndicatorsOptions, actor: Actor | null = null) {
  return (await dashboardParts(db, o, actor, { cards: true, children: false })).indicators;
}

/** Child units × targets for the requested period (the drill-down table). */
export async function computeChildMatrix(
  db: Kysely<DB>,
  o: { org?: string; period?: string; planId?: string; asOf?: string },
  actor: Actor | null = null,
): Promise<ChildMatrix> {
  return (await dashboardParts(db, o, actor, { cards: false, children: true })).matrix;
}

/** Cards and child table together, each target measured once (what the dashboard shows). */
export async function computeDashboard(
  db: Kysely<DB>,
  o: { org?: string; period?: string; planId?: string; asOf?: string },
  actor: Actor | null = null,
): Promise<{ indicators: IndicatorsResponse; children: ChildMatrix }> {
  const { indicators, matrix } = await dashboardParts(db, o, actor, { cards: true, children: true });
  return { indicators, children: matrix };
}

export interface NationalRow {
  targetId: string;
  provinceCode: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: IndicatorStatus;
}

async function nationalDashboard(
  db: Kysely<DB>,
  o: { years: number[]; asOf?: string },
  naive: boolean,
): Promise<NationalRow[]> {
  const asOf = o.asOf ?? todayIso();
  const provinces = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'path'])
    .where('kind', '=', 'province')
    .where('path', 'like', 'VN.%')
    .orderBy('code')
    .execute();
  const plans = await db
    .selectFrom('plan')
    .select('org_path')
    .distinct()
    .where('status', '=', 'issued')
    .where((eb) =>
      eb.or([
        eb('org_path', '=', 'VN'),
        eb(
          'org_path',
          'in',
          provinces.map((p) => p.path),
        ),
      ]),
    )
    .execute();
  const periods = [...o.years].sort((a, b) => a - b).map((y) => makePeriod('year', y));
  const targets: TargetRow[] = [];
  for (const { org_path } of plans)
    targets.push(...(await loadTargets(db, org_path)).filter((t) => t.planOrgPath === org_path));
  // Targets measured the same way share one query over the nation grouped by province: a
  // province's figures do not depend on the root as long as nothing above provinces is in scope.
  const batches = new Map<string, TargetRow[]>();
  for (const t of targets) {
    const key = t.scopeKinds.includes('central') ? `${t.id}` : JSON.stringify([t.params, [...t.scopeKinds].sort()]);
    batches.set(key, [...(batches.get(key) ?? []), t]);
  }
  const out: NationalRow[] = [];
  const figures = await Promise.all(
    [...batches.values()].map((batch) => {
      const first = batch[0]!;
      const root = batch.length > 1 || first.planOrgPath === 'VN' ? 'VN' : first.planOrgPath;
      return targetFigures(db, first, root, periods, 2, asOf, naive);
    }),
  );
  for (const [b, batch] of [...batches.values()].entries()) {
    const first = batch[0]!;
    const { groups } = figures[b]!;
    const started = specsFor(periods, first.params, asOf).map((s) => s.windows.length > 0);
    for (const t of batch) {
      for (const p of provinces) {
        if (!isInSubtree(p.path, t.planOrgPath)) continue;
        const figs = groups.get(p.path) ?? periods.map((_, i) => combine([], t.params, started[i]!));
        periods.forEach((period, i) => {
          const r = toResult(t, p, periods.slice(0, i + 1), figs.slice(0, i + 1), asOf);
          out.push({
            targetId: t.id,
            provinceCode: p.code,
            period: period.code,
            value: r.value,
            numerator: r.numerator,
            denominator: r.denominator,
            status: r.status,
          });
        });
      }
    }
  }
  out.sort((a, b) =>
    a.targetId === b.targetId
      ? a.provinceCode === b.provinceCode
        ? a.period.localeCompare(b.period)
        : a.provinceCode.localeCompare(b.provinceCode)
      : a.targetId.localeCompare(b.targetId),
  );
  return out;
}

/** All targets of national and provincial plans × every province × years, from the aggregates. */
export const computeNationalDashboard = (db: Kysely<DB>, o: { years: number[]; asOf?: string }) =>
  nationalDashboard(db, o, false);
/** The same figures from raw activities and a recursive CTE over the org tree (no aggregates). */
export const naiveNationalDashboard = (db: Kysely<DB>, o: { years: number[]; asOf?: string }) =>
  nationalDashboard(db, o, true);

/** The activities behind a count or sum figure, and (unit-share rules) the in-scope units. */
export async function explainIndicator(
  db: Kysely<DB>,
  o: {
    target: string;
    org?: string;
    period?: string;
    met?: 'true' | 'false';
    limit: number;
    offset: number;
    asOf?: string;
  },
  actor: Actor | null,
) {
  const asOf = o.asOf ?? todayIso();
  const res = await computeIndicators(db, { org: o.org, period: o.period, targetIds: [o.target], asOf }, actor);
  const indicator = res.items[0]!;
  const unit = res.orgUnit;
  const [t] = await loadTargets(db, unit.path, { targetIds: [o.target] });
  const params = t!.params;
  const root = rootFor(t!, unit.path);
  const period = parsePeriod(indicator.period)!;
  const like = escapeLike(root) + '.%';
  let activities = { items: [] as never[], total: 0 } as {
    items: {
      id: string;
      orgUnitId: string;
      orgUnitCode: string;
      orgUnitName: string;
      kind: string;
      title: string;
      startDate: string;
      endDate: string;
      participantsFemale: number | null;
      participantsMale: number | null;
      participantsTotal: number | null;
      productsCount: number | null;
      countedForCode: string | null;
    }[];
    total: number;
  };
  if ((params.kind === 'units_meeting_count' || params.kind === 'sum') && period.start <= asOf) {
    const family = params.kind === 'units_meeting_count' ? params.countsAs : null;
    const measureFamily =
      params.kind === 'sum'
        ? params.measure === 'sessions'
          ? 'session'
          : params.measure === 'news_items'
            ? 'news_item'
            : null
        : null;
    const fam = family ?? measureFamily;
    const kinds = params.kinds && params.kinds.length ? params.kinds : null;
    const where = sql`a.deleted_at IS NULL AND a.start_date >= ${period.start}::date AND a.start_date <= ${period.end}::date
      AND (u.path = ${root} OR u.path LIKE ${like})
      AND ${kinds ? sql`a.kind IN (${sql.join(kinds)})` : fam ? sql`${fam} = ANY(k.counts_as)` : sql`true`}`;
    const count = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM activity a JOIN activity_kind k ON k.code = a.kind
      JOIN org_unit u ON u.id = a.org_unit_id WHERE ${where}`.execute(db);
    const items = await sql<{
      id: string;
      org_unit_id: string;
      code: string;
      name: string;
      path: string;
      kind: string;
      title: string;
      start_date: string;
      end_date: string;
      participants_female: number | null;
      participants_male: number | null;
      participants_total: number | null;
      products_count: number | null;
    }>`SELECT a.id, a.org_unit_id, u.code, u.name, u.path, a.kind, a.title, to_char(a.start_date, 'YYYY-MM-DD') AS start_date,
        to_char(a.end_date, 'YYYY-MM-DD') AS end_date, a.participants_female, a.participants_male, a.participants_total, a.products_count
      FROM activity a JOIN activity_kind k ON k.code = a.kind JOIN org_unit u ON u.id = a.org_unit_id
      WHERE ${where} ORDER BY a.start_date DESC, a.id LIMIT ${o.limit} OFFSET ${o.offset}`.execute(db);
    const scope = params.kind === 'units_meeting_count' ? await inScope(db, root, t!.scopeKinds, period) : [];
    const byPath = new Map(scope.map((s) => [s.path, s]));
    activities = {
      total: count.rows[0]!.n,
      items: items.rows.map((r) => ({
        id: r.id,
        orgUnitId: r.org_unit_id,
        orgUnitCode: r.code,
        orgUnitName: r.name,
        kind: r.kind,
        title: r.title,
        startDate: r.start_date,
        endDate: r.end_date,
        participantsFemale: r.participants_female,
        participantsMale: r.participants_male,
        participantsTotal: r.participants_total,
        productsCount: r.products_count,
        countedForCode: nearest(r.path, byPath)?.code ?? null,
      })),
    };
  }
  let units = null;
  if (params.kind === 'units_meeting_count' || params.kind === 'units_with_record') {
    const scope = await inScope(db, root, t!.scopeKinds, period);
    const specs = specsFor([period], params, asOf);
    const windows = specs[0]!.windows;
    const counts = new Map(scope.map((s) => [s.id, windows.map(() => 0)]));
    const byPath = new Map(scope.map((s) => [s.path, s]));
    const byPeriodKey = windows.map((w) =>
      w.fromMonth === 1 && w.toMonth === 12
        ? String(w.year)
        : w.toMonth - w.fromMonth === 2 && (w.fromMonth - 1) % 3 === 0
          ? `${w.year}Q${(w.fromMonth - 1) / 3 + 1}`
          : `${w.year}-${String(w.fromMonth).padStart(2, '0')}..${String(w.toMonth).padStart(2, '0')}`,
    );
    if (windows.length) {
      const src =
        params.kind === 'units_with_record'
          ? await sql<{
              path: string;
              m: number;
              n: number;
            }>`SELECT u.path, 1 AS m, count(*)::int AS n FROM campaign_plan cp
              JOIN campaign c ON c.id = cp.campaign_id JOIN org_unit u ON u.id = cp.org_unit_id
              WHERE c.code = ${params.campaign} AND cp.year = ${period.year} AND (u.path = ${root} OR u.path LIKE ${like})
              GROUP BY 1`.execute(db)
          : await sql<{
              path: string;
              m: number;
              n: number;
            }>`SELECT u.path, extract(month FROM a.start_date)::int AS m, count(*)::int AS n
              FROM activity a JOIN activity_kind k ON k.code = a.kind JOIN org_unit u ON u.id = a.org_unit_id
              WHERE a.deleted_at IS NULL AND extract(year FROM a.start_date)::int = ${period.year}
                AND (u.path = ${root} OR u.path LIKE ${like})
                AND ${params.kinds && params.kinds.length ? sql`a.kind IN (${sql.join(params.kinds)})` : params.countsAs ? sql`${params.countsAs} = ANY(k.counts_as)` : sql`true`}
              GROUP BY 1, 2`.execute(db);
      for (const r of src.rows) {
        const cu = nearest(r.path, byPath);
        if (!cu) continue;
        const c = counts.get(cu.id)!;
        windows.forEach((w, i) => {
          if (params.kind === 'units_with_record' || (r.m >= w.fromMonth && r.m <= w.toMonth)) c[i]! += Number(r.n);
        });
      }
    }
    const threshold = params.kind === 'units_meeting_count' ? params.threshold : 1;
    let list = scope.map((s) => {
      const c = counts.get(s.id)!;
      return {
        orgUnitId: s.id,
        orgUnitCode: s.code,
        orgUnitName: s.name,
        kind: s.kind as never,
        count: c.reduce((a, b) => a + b, 0),
        byPeriod: Object.fromEntries(byPeriodKey.map((k, i) => [k, c[i]!])),
        met: windows.length > 0 && c.every((n) => n >= threshold),
      };
    });
    if (o.met) list = list.filter((u) => u.met === (o.met === 'true'));
    units = { total: list.length, items: list.slice(o.offset, o.offset + o.limit) };
  }
  return { indicator, activities, units };
}

interface ScopeUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
}

async function inScope(db: Kysely<DB>, root: string, kinds: string[], p: Period): Promise<ScopeUnit[]> {
  if (!kinds.length) return [];
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where((eb) => eb.or([eb('path', '=', root), eb('path', 'like', escapeLike(root) + '.%')]))
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', p.end)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', p.start)]))
    .orderBy('path')
    .execute();
}

function nearest<T>(path: string, byPath: Map<string, T>): T | undefined {
  const seg = path.split('.');
  for (let n = seg.length; n >= 1; n--) {
    const u = byPath.get(seg.slice(0, n).join('.'));
    if (u) return u;
  }
  return undefined;
}
