/**
 * The SQL fast path of the indicator rules (see docs/decisions/0003-indicators.md). One query per
 * (target, root, set of periods) returns, per group of in-scope units (the root's children, or
 * provinces for the national dashboard), the numerator, denominator and raw activity total of
 * every period. It reads the per-subtree-and-year aggregates (migration 0006) kept by the activity triggers;
 * `naive: true` computes the same from raw activities with a recursive CTE over the org tree
 * (the benchmark's baseline and a cross-check).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  countingWindows,
  escapeLike,
  makePeriod,
  type Measure,
  type Period,
  type RuleParams,
  type Window,
} from '@binhdang/domain';

export interface PeriodSpec {
  pid: number;
  period: Period;
  /** Windows each unit must meet (count rules); empty: not started. */
  windows: Window[];
}

export interface Figures {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Raw matching activities (count rules): right for the whole root once groups are added up. */
  activities: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const lit = (n: number) => sql.raw(String(Math.trunc(n)));

const COUNT_PREFIX: Record<string, string> = { session: 'ses', news_item: 'news', product: 'prodn' };
type TreeTable = 'indicator_count_tree' | 'indicator_sum_tree';
const MEASURE_COLUMN: Record<Measure, { table: TreeTable; prefix: string }> = {
  activities: { table: 'indicator_count_tree', prefix: 'act' },
  sessions: { table: 'indicator_count_tree', prefix: 'ses' },
  news_items: { table: 'indicator_count_tree', prefix: 'news' },
  products: { table: 'indicator_sum_tree', prefix: 'prod' },
  participants: { table: 'indicator_sum_tree', prefix: 'pt' },
  participants_female: { table: 'indicator_sum_tree', prefix: 'pf' },
  participants_male: { table: 'indicator_sum_tree', prefix: 'pm' },
  costs: { table: 'indicator_sum_tree', prefix: 'cost' },
};

/** The subtree aggregate column family behind a rule, or null when it needs raw rows or records. */
function treeColumns(params: RuleParams): { table: TreeTable; prefix: string } | null {
  if (params.kind === 'units_meeting_count' && !params.kinds?.length)
    return { table: 'indicator_count_tree', prefix: params.countsAs ? COUNT_PREFIX[params.countsAs]! : 'act' };
  if (params.kind === 'sum' && !params.kinds?.length) return MEASURE_COLUMN[params.measure];
  return null;
}
const RAW_MEASURE: Record<Measure, string> = {
  activities: '1',
  sessions: "CASE WHEN 'session' = ANY(k.counts_as) THEN 1 ELSE 0 END",
  news_items: "CASE WHEN 'news_item' = ANY(k.counts_as) THEN 1 ELSE 0 END",
  products: 'coalesce(a.products_count, 0)',
  participants: 'coalesce(a.participants_total, coalesce(a.participants_female, 0) + coalesce(a.participants_male, 0))',
  participants_female: 'coalesce(a.participants_female, 0)',
  participants_male: 'coalesce(a.participants_male, 0)',
  costs: 'coalesce(a.cost_state_budget, 0) + coalesce(a.cost_mobilised, 0) + coalesce(a.cost_international, 0)',
};

/** The VALUES rows of the `per(pid, y, ps, pe)` CTE: one per requested period. */
const periodValues = (specs: PeriodSpec[]) =>
  sql.join(
    specs.map((s) => sql`(${lit(s.pid)}, ${lit(s.period.year)}, ${s.period.start}::date, ${s.period.end}::date)`),
  );

/** Source rows from raw activities: `value` per activity, filtered by `where`. */
function rawSource(
  value: string,
  where: RawBuilder<unknown>,
  years: number[],
  units: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const y = 'extract(year FROM a.start_date)::int';
  const m = 'extract(month FROM a.start_date)::int';
  return sql`SELECT a.org_unit_id, ${sql.raw(y)} AS year,
      ${sql.raw(MONTHS.map((i) => `coalesce(sum(${value}) FILTER (WHERE ${m} = ${i}), 0)::bigint AS m${i}`).join(', '))}
    FROM activity a JOIN activity_kind k ON k.code = a.kind
    WHERE a.deleted_at IS NULL AND ${sql.raw(y)} IN (${sql.join(years.map(lit))}) AND ${where}
      AND a.org_unit_id IN (${units})
    GROUP BY 1, 2`;
}

/** Source rows of the units `units` (a subquery of ids: the root's subtree). */
function sourceFor(params: RuleParams, years: number[], units: RawBuilder<unknown>): RawBuilder<unknown> {
  if (params.kind === 'units_with_record') {
    return sql`SELECT cp.org_unit_id, cp.year, count(*)::bigint AS m1,
        ${sql.raw(
          MONTHS.slice(1)
            .map((m) => `0::bigint AS m${m}`)
            .join(', '),
        )}
      FROM campaign_plan cp JOIN campaign c ON c.id = cp.campaign_id
      WHERE c.code = ${params.campaign} AND cp.year IN (${sql.join(years.map(lit))})
        AND cp.org_unit_id IN (${units}) GROUP BY 1, 2`;
  }
  if (params.kind === 'units_meeting_count') {
    if (params.kinds && params.kinds.length)
      return rawSource('1', sql`a.kind IN (${sql.join(params.kinds)})`, years, units);
    if (params.countsAs === null) return rawSource('1', sql`true`, years, units);
    return rawSource('1', sql`${params.countsAs} = ANY(k.counts_as)`, years, units);
  }
  if (params.kind === 'sum') {
    if (params.kinds && params.kinds.length)
      return rawSource(RAW_MEASURE[params.measure], sql`a.kind IN (${sql.join(params.kinds)})`, years, units);
    return rawSource(RAW_MEASURE[params.measure], sql`true`, years, units);
  }
  throw new Error(`no SQL source for ${params.kind}`);
}

/**
 * Sum of month columns from..to of `alias` (columns m1…m12, or <prefix>_1… of the tree tables).
 * The columns are never null in a row; one coalesce covers a missing row of a LEFT JOIN.
 */
const sumMonths = (from: number, to: number, alias: string, prefix = '') =>
  `coalesce(${Array.from({ length: to - from + 1 }, (_, i) => `${alias}.${prefix ? `${prefix}_` : 'm'}${from + i}`).join(' + ')}, 0)`;

const monthOf = (d: string) => Number(d.slice(5, 7));

/**
 * An expression chosen by period id: `CASE WHEN pid IN (…) THEN e …`, the periods that share an
 * expression in one branch, and no CASE at all when every period shares one (yearly series: five
 * years, one month sum). Fewer, smaller expressions plan faster.
 */
function byPid(pidCol: string, specs: PeriodSpec[], exprOf: (s: PeriodSpec) => string | null, otherwise: string) {
  const pids = new Map<string, number[]>();
  for (const s of specs) {
    const e = exprOf(s) ?? otherwise;
    pids.set(e, [...(pids.get(e) ?? []), s.pid]);
  }
  if (pids.size === 1) return [...pids.keys()][0]!;
  const whens = [...pids]
    .filter(([e]) => e !== otherwise)
    .map(([e, ps]) => `WHEN ${pidCol} IN (${ps.join(', ')}) THEN ${e}`);
  return `CASE ${whens.join(' ')} ELSE ${otherwise} END`;
}

/** Column k (0-based) of the windows: the sum of window k of each period, by period id. */
function windowCols(
  specs: PeriodSpec[],
  pidCol: string,
  alias: string,
  prefix = '',
): { sql: RawBuilder<unknown>; count: number } {
  const count = Math.max(1, ...specs.map((s) => s.windows.length));
  const cols = Array.from({ length: count }, (_, k) => {
    const e = byPid(
      pidCol,
      specs,
      (s) => (s.windows[k] ? sumMonths(s.windows[k].fromMonth, s.windows[k].toMonth, alias, prefix) : null),
      '0',
    );
    return `${e} AS w${k + 1}`;
  });
  return { sql: sql.raw(cols.join(', ')), count };
}

/** By period id: each of the period's window sums (w1…) reaches the threshold. */
const meetsExpr = (specs: PeriodSpec[], threshold: number, alias: string, pidCol: string, nullable: boolean) =>
  byPid(
    pidCol,
    specs,
    (s) =>
      s.windows.length
        ? `(${s.windows.map((_, k) => `${nullable ? `coalesce(${alias}.w${k + 1}, 0)` : `${alias}.w${k + 1}`} >= ${Math.trunc(threshold)}`).join(' AND ')})`
        : null,
    'false',
  );

function meetsWindows(specs: PeriodSpec[], threshold: number): RawBuilder<unknown> {
  return sql.raw(meetsExpr(specs, threshold, 'c', 'i.pid', true));
}

function wholeExpr(specs: PeriodSpec[], alias: string, pidCol = `${alias}.pid`, prefix = ''): RawBuilder<unknown> {
  return sql.raw(
    byPid(pidCol, specs, (s) => sumMonths(monthOf(s.period.start), monthOf(s.period.end), alias, prefix), '0'),
  );
}

const grpExpr = (col: string, depth: number) =>
  sql.raw(`array_to_string((string_to_array(${col}, '.'))[1:${Math.trunc(depth)}], '.')`);

/** The org tree: org_unit itself, or (naive) paths rebuilt from parent links with a recursive CTE. */
function treeCte(naive: boolean): RawBuilder<unknown> {
  if (!naive) return sql`nothing AS (SELECT 1)`;
  return sql`tree AS (
    WITH RECURSIVE t(id, path, kind, valid_from, valid_to) AS (
      SELECT id, code, kind, valid_from, valid_to FROM org_unit WHERE parent_id IS NULL
      UNION ALL
      SELECT o.id, t.path || '.' || o.code, o.kind, o.valid_from, o.valid_to FROM org_unit o JOIN t ON o.parent_id = t.id
    ) SELECT * FROM t)`;
}

export interface EvaluateOptions {
  rootPath: string;
  scopeKinds: string[];
  params: RuleParams;
  specs: PeriodSpec[];
  /** Group in-scope units by the first `groupDepth` path segments (root's depth + 1: children). */
  groupDepth: number;
  naive?: boolean;
}

/** Figures per group path and period id. Rules without SQL data (registers, surveys) give no data. */
export async function evaluate(db: Kysely<DB>, o: EvaluateOptions): Promise<Map<string, Map<number, Figures>>> {
  const out = new Map<string, Map<number, Figures>>();
  const put = (grp: string, pid: number, f: Partial<Figures>) => {
    let g = out.get(grp);
    if (!g) out.set(grp, (g = new Map()));
    const cur = g.get(pid) ?? { numerator: null, denominator: null, value: null, activities: 0 };
    g.set(pid, { ...cur, ...f });
  };
  const { params, specs } = o;
  if (!specs.length) return out;
  const tree = o.naive ? null : treeColumns(params);
  if (tree) return evaluateTree(db, o, tree, out, put);
  if (!o.naive && params.kind === 'units_with_record') return evaluateRecords(db, o, params.campaign, out, put);
  if (params.kind !== 'sum' && params.kind !== 'units_meeting_count' && params.kind !== 'units_with_record') return out;
  const years = [...new Set(specs.map((s) => s.period.year))];
  const like = escapeLike(o.rootPath) + '.%';
  const inRoot = (col: string) => sql`(${sql.raw(col)} = ${o.rootPath} OR ${sql.raw(col)} LIKE ${like})`;
  const orgTable = sql.raw(o.naive ? 'tree' : 'org_unit');
  const units = sql`SELECT u.id FROM ${sql.raw(o.naive ? 'tree' : 'org_unit')} u WHERE ${inRoot('u.path')}`;
  const per = periodValues(specs);

  if (params.kind === 'sum') {
    const res = await sql<{ grp: string; pid: number; total: string | number }>`
      WITH ${treeCte(!!o.naive)}, per(pid, y, ps, pe) AS (VALUES ${per}),
      src AS (${sourceFor(params, years, units)})
      SELECT ${grpExpr('u.path', o.groupDepth)} AS grp, per.pid, sum(${wholeExpr(specs, 's2')}) AS total
      FROM (SELECT s.*, per.pid FROM src s JOIN per ON per.y = s.year) s2
      JOIN ${orgTable} u ON u.id = s2.org_unit_id JOIN per ON per.pid = s2.pid
      WHERE ${inRoot('u.path')}
      GROUP BY 1, 2`.execute(db);
    for (const r of res.rows) {
      const total = Number(r.total);
      put(r.grp, Number(r.pid), { numerator: total, value: total === 0 ? null : total });
    }
    return out;
  }
  if (params.kind !== 'units_meeting_count' && params.kind !== 'units_with_record') return out;
  const threshold = params.kind === 'units_meeting_count' ? params.threshold : 1;
  const win = windowCols(specs, 'per.pid', 's');
  const wNames = Array.from({ length: win.count }, (_, k) => `w${k + 1}`);
  // Source rows are attributed to their unit when it is in scope, else to the nearest in-scope
  // ancestor (path prefixes, only at the depths where in-scope units exist).
  const res = await sql<{ t: string; grp: string; pid: number; den: number; num: string | number }>`
    WITH ${treeCte(!!o.naive)}, per(pid, y, ps, pe) AS (VALUES ${per}),
    ${scopeCtes(o, orgTable)},
    src AS (${sourceFor(params, years, units)}),
    rws AS MATERIALIZED (
      SELECT per.pid, s.org_unit_id, u.path, ${sql.raw(DEPTH('u.path'))} AS depth, ${grpExpr('u.path', o.groupDepth)} AS grp,
        ${win.sql}, ${wholeExpr(specs, 's', 'per.pid')} AS tot
      FROM src s JOIN ${orgTable} u ON u.id = s.org_unit_id JOIN per ON per.y = s.year
    ),
    oth AS (
      SELECT r.* FROM rws r LEFT JOIN scope s0 ON s0.pid = r.pid AND s0.id = r.org_unit_id WHERE s0.id IS NULL
    ),
    best AS (
      SELECT DISTINCT ON (o.pid, o.org_unit_id) o.pid, o.org_unit_id, i.id AS cu
      FROM ${prefixes('oth')} o JOIN scope i ON i.pid = o.pid AND i.path = o.prefix
      ORDER BY o.pid, o.org_unit_id, o.pdepth DESC
    ),
    att AS (
      SELECT r.pid, r.org_unit_id AS cu, ${sql.raw(wNames.map((w) => `r.${w}`).join(', '))}
        FROM rws r JOIN scope i ON i.pid = r.pid AND i.id = r.org_unit_id
      UNION ALL
      SELECT r.pid, b.cu, ${sql.raw(wNames.map((w) => `r.${w}`).join(', '))}
        FROM oth r JOIN best b ON b.pid = r.pid AND b.org_unit_id = r.org_unit_id
    ),
    cnt AS (
      SELECT pid, cu, ${sql.raw(wNames.map((w) => `sum(${w}) AS ${w}`).join(', '))} FROM att GROUP BY pid, cu
    )
    SELECT 'u' AS t, i.grp, i.pid, count(*)::int AS den,
      count(*) FILTER (WHERE ${meetsWindows(specs, threshold)})::bigint AS num
    FROM scope i LEFT JOIN cnt c ON c.pid = i.pid AND c.cu = i.id
    GROUP BY 2, 3
    UNION ALL
    SELECT 'a', r.grp, r.pid, 0, sum(r.tot)::bigint
    FROM rws r GROUP BY 2, 3`.execute(db);
  const started = new Set(specs.filter((s) => s.windows.length).map((s) => s.pid));
  for (const r of res.rows) {
    const pid = Number(r.pid);
    if (r.t === 'a') {
      put(r.grp, pid, { activities: params.kind === 'units_meeting_count' ? Number(r.num) : 0 });
      continue;
    }
    const den = Number(r.den);
    const num = started.has(pid) ? Number(r.num) : null;
    put(r.grp, pid, { denominator: den, numerator: num });
  }
  // Groups hold disjoint in-scope units: callers add them up; value is set by `combine`.
  return out;
}

const DEPTH = (col: string) => `(length(${col}) - length(replace(${col}, '.', '')) + 1)`;
const valid = (a: string) =>
  `(${a}.valid_from IS NULL OR ${a}.valid_from <= per.pe) AND (${a}.valid_to IS NULL OR ${a}.valid_to > per.ps)`;

/**
 * The rows of `rel` (columns path, depth) with each path prefix at a depth where in-scope units
 * sit (above the row's own): a derived table, so the prefix is computed before the equality join.
 */
const prefixes = (rel: string) =>
  sql.raw(`(SELECT r.*, d.depth AS pdepth, array_to_string((string_to_array(r.path, '.'))[1:d.depth], '.') AS prefix
    FROM ${rel} r JOIN depths d ON d.depth < r.depth OFFSET 0)`);

/**
 * cand: units of the scope kinds under the root that exist at some time in the periods, with
 * their group and depth; depths: the depths where they sit (an in-scope ancestor can only be at
 * one of them); scope: (period, unit) for the units that exist during each period.
 */
function scopeCtes(o: EvaluateOptions, orgTable: RawBuilder<unknown>): RawBuilder<unknown> {
  const like = escapeLike(o.rootPath) + '.%';
  const minStart = o.specs.reduce((m, s) => (s.period.start < m ? s.period.start : m), o.specs[0]!.period.start);
  const maxEnd = o.specs.reduce((m, s) => (s.period.end > m ? s.period.end : m), o.specs[0]!.period.end);
  return sql`cand AS MATERIALIZED (
      SELECT u.id, u.path, ${grpExpr('u.path', o.groupDepth)} AS grp, ${sql.raw(DEPTH('u.path'))} AS depth,
        u.valid_from, u.valid_to
      FROM ${orgTable} u
      WHERE (u.path = ${o.rootPath} OR u.path LIKE ${like})
        AND u.kind IN (${sql.join(o.scopeKinds.length ? o.scopeKinds : ['-'])})
        AND (u.valid_from IS NULL OR u.valid_from <= ${maxEnd}::date)
        AND (u.valid_to IS NULL OR u.valid_to > ${minStart}::date)
    ),
    depths AS MATERIALIZED (SELECT DISTINCT depth FROM cand),
    scope AS MATERIALIZED (
      SELECT per.pid, per.y, c.id, c.path, c.grp FROM cand c JOIN per ON ${sql.raw(valid('c'))}
    )`;
}

type Put = (grp: string, pid: number, f: Partial<Figures>) => void;

/**
 * The fast path over the subtree aggregates (0006): one row per in-scope unit and year holds
 * everything recorded in its subtree. A unit's count is its own row minus the rows of the
 * in-scope units nested below it (the nearest ones: a closed department moved under its
 * successor, a commune under an in-scope district), which is exactly "attributed to the nearest
 * in-scope ancestor-or-self". Group totals are tree rows of the root and its children.
 */
async function evaluateTree(
  db: Kysely<DB>,
  o: EvaluateOptions,
  tc: { table: TreeTable; prefix: string },
  out: Map<string, Map<number, Figures>>,
  put: Put,
): Promise<Map<string, Map<number, Figures>>> {
  const { params, specs } = o;
  const years = [...new Set(specs.map((s) => s.period.year))];
  const table = sql.raw(tc.table);
  const like = escapeLike(o.rootPath) + '.%';
  const rootDepth = o.rootPath.split('.').length;
  const per = periodValues(specs);
  // Units whose tree rows make the group totals: the root and every unit down to the group depth.
  const levels = o.groupDepth - rootDepth;
  const groupUnits =
    levels <= 0
      ? sql`u.path = ${o.rootPath}`
      : levels === 1
        ? sql`(u.path = ${o.rootPath} OR u.parent_id = (SELECT id FROM org_unit WHERE path = ${o.rootPath}))`
        : sql`(u.path = ${o.rootPath} OR (u.path LIKE ${like}
            AND length(u.path) - length(replace(u.path, '.', '')) < ${lit(o.groupDepth)}))`;
  const totals = sql`
    SELECT 'a' AS t, ${grpExpr('g.gpath', o.groupDepth)} AS grp, per.pid, 0 AS den,
      sum(g.sg * (${wholeExpr(specs, 'x', 'per.pid', tc.prefix)}))::bigint AS num
    FROM (
      SELECT u.id, u.path AS gpath, 1 AS sg FROM org_unit u WHERE ${groupUnits}
      UNION ALL
      SELECT u.id, regexp_replace(u.path, '[.][^.]*$', ''), -1 FROM org_unit u
        WHERE ${groupUnits} AND u.path <> ${o.rootPath}
    ) g
    JOIN ${table} x ON x.org_unit_id = g.id AND x.year IN (${sql.join(years.map(lit))})
    JOIN per ON per.y = x.year
    GROUP BY 2, 3`;

  if (params.kind === 'sum') {
    const res = await sql<{ grp: string; pid: number; num: string | number }>`
      WITH per(pid, y, ps, pe) AS (VALUES ${per}) ${totals}`.execute(db);
    for (const r of res.rows) {
      const total = Number(r.num);
      put(r.grp, Number(r.pid), { numerator: total, value: total === 0 ? null : total });
    }
    return out;
  }

  // A count rule's raw activity total is only shown for the whole subtree (the card), never per
  // group: it is the root's own tree row, put in the root's group (which the callers add up).
  const rootActivities = sql`
    SELECT 'a' AS t, ${grpExpr('u.path', o.groupDepth)} AS grp, per.pid, 0 AS den,
      (${wholeExpr(specs, 'x', 'per.pid', tc.prefix)})::bigint AS num
    FROM org_unit u JOIN ${table} x ON x.org_unit_id = u.id AND x.year IN (${sql.join(years.map(lit))})
    JOIN per ON per.y = x.year
    WHERE u.path = ${o.rootPath}`;
  const threshold = params.kind === 'units_meeting_count' ? params.threshold : 1;
  const win = windowCols(specs, 's.pid', 'x', tc.prefix);
  const nwin = windowCols(specs, 'n.pid', 'x', tc.prefix);
  const w = Array.from({ length: win.count }, (_, k) => `w${k + 1}`);
  const res = await sql<{ t: string; grp: string; pid: number; den: number; num: string | number }>`
    WITH per(pid, y, ps, pe) AS (VALUES ${per}),
    ${scopeCtes(o, sql.raw('org_unit'))},
    pairs AS MATERIALIZED (
      SELECT c.id AS vid, a.id AS aid, a.depth, a.valid_from, a.valid_to
      FROM ${prefixes('cand')} c JOIN cand a ON a.path = c.prefix
    ),
    nest AS (
      SELECT DISTINCT ON (s.pid, s.id) s.pid, s.y, s.id AS vid, pr.aid
      FROM scope s JOIN pairs pr ON pr.vid = s.id JOIN per ON per.pid = s.pid
      WHERE ${sql.raw(valid('pr'))}
      ORDER BY s.pid, s.id, pr.depth DESC
    ),
    nsum AS (
      SELECT n.pid, n.aid, ${sql.raw(w.map((c) => `sum(${c}) AS ${c}`).join(', '))}
      FROM (SELECT n.pid, n.aid, ${nwin.sql} FROM nest n JOIN ${table} x ON x.org_unit_id = n.vid AND x.year = n.y) n
      GROUP BY n.pid, n.aid
    ),
    c AS (
      SELECT s.pid, s.grp, ${sql.raw(w.map((c) => `s.${c} - coalesce(ns.${c}, 0) AS ${c}`).join(', '))}
      FROM (SELECT s.pid, s.id, s.grp, ${win.sql} FROM scope s
              LEFT JOIN ${table} x ON x.org_unit_id = s.id AND x.year = s.y) s
      LEFT JOIN nsum ns ON ns.pid = s.pid AND ns.aid = s.id
    )
    SELECT 'u' AS t, c.grp, c.pid, count(*)::int AS den,
      count(*) FILTER (WHERE ${sql.raw(meetsExpr(specs, threshold, 'c', 'c.pid', false))})::bigint AS num
    FROM c GROUP BY 2, 3
    UNION ALL ${rootActivities}`.execute(db);
  const started = new Set(specs.filter((s) => s.windows.length).map((s) => s.pid));
  for (const r of res.rows) {
    const pid = Number(r.pid);
    if (r.t === 'a') put(r.grp, pid, { activities: Number(r.num) });
    else put(r.grp, pid, { denominator: Number(r.den), numerator: started.has(pid) ? Number(r.num) : null });
  }
  return out;
}

/**
 * units_with_record on the fast path: a unit meets the rule when a record of the period's year
 * is its own or belongs to a unit it is the nearest in-scope ancestor of. Records are found by
 * their copied org_path, which migration 0007 keeps equal to the unit's current path through moves
 * and merges: the subtree as one range of campaign_plan_path_idx (text_pattern_ops: '/' follows
 * '.'), then the exact test (the planner would not combine `= root OR LIKE 'root.%'` into one range).
 */
async function evaluateRecords(
  db: Kysely<DB>,
  o: EvaluateOptions,
  campaign: string,
  out: Map<string, Map<number, Figures>>,
  put: Put,
): Promise<Map<string, Map<number, Figures>>> {
  const { specs } = o;
  const years = [...new Set(specs.map((s) => s.period.year))];
  const like = escapeLike(o.rootPath) + '.%';
  const per = periodValues(specs);
  const res = await sql<{ grp: string; pid: number; den: number; num: number }>`
    WITH per(pid, y, ps, pe) AS (VALUES ${per}),
    ${scopeCtes(o, sql.raw('org_unit'))},
    rec AS MATERIALIZED (
      SELECT cp.org_unit_id, cp.year, cp.org_path AS path, ${sql.raw(DEPTH('cp.org_path'))} AS depth
      FROM campaign c JOIN campaign_plan cp ON cp.campaign_id = c.id
      WHERE c.code = ${campaign} AND cp.year IN (${sql.join(years.map(lit))})
        AND cp.org_path ~>=~ ${o.rootPath} AND cp.org_path ~<~ ${o.rootPath + '/'}
        AND (cp.org_path = ${o.rootPath} OR cp.org_path LIKE ${like})
    ),
    oth AS (
      SELECT per.pid, r.org_unit_id, r.path, r.depth FROM rec r JOIN per ON per.y = r.year
      WHERE NOT EXISTS (SELECT 1 FROM scope s WHERE s.pid = per.pid AND s.id = r.org_unit_id)
    ),
    hit AS (
      SELECT s.pid, s.id FROM scope s JOIN rec r ON r.org_unit_id = s.id AND r.year = s.y
      UNION
      SELECT b.pid, b.cu FROM (
        SELECT DISTINCT ON (x.pid, x.org_unit_id) x.pid, i.id AS cu
        FROM ${prefixes('oth')} x JOIN scope i ON i.pid = x.pid AND i.path = x.prefix
        ORDER BY x.pid, x.org_unit_id, x.pdepth DESC
      ) b
    )
    SELECT s.grp, s.pid, count(*)::int AS den, count(h.id)::int AS num
    FROM scope s LEFT JOIN hit h ON h.pid = s.pid AND h.id = s.id
    GROUP BY 1, 2`.execute(db);
  const started = new Set(specs.filter((s) => s.windows.length).map((s) => s.pid));
  for (const r of res.rows) {
    const pid = Number(r.pid);
    put(r.grp, pid, { denominator: Number(r.den), numerator: started.has(pid) ? Number(r.num) : null });
  }
  return out;
}

/**
 * Adds group figures up (numerators and denominators are additive across disjoint groups) and
 * derives the value the way the reference implementation does.
 */
export function combine(list: Figures[], params: RuleParams, started: boolean): Figures {
  const none: Figures = { numerator: null, denominator: null, value: null, activities: 0 };
  let num = 0;
  let den = 0;
  let activities = 0;
  for (const f of list) {
    num += f.numerator ?? 0;
    den += f.denominator ?? 0;
    activities += f.activities;
  }
  if (params.kind === 'sum')
    return started ? { numerator: num, denominator: null, value: num === 0 ? null : num, activities: 0 } : none;
  if (params.kind !== 'units_meeting_count' && params.kind !== 'units_with_record') return none;
  if (!started) return { ...none, denominator: den };
  return { numerator: num, denominator: den, value: den > 0 ? (num * 100) / den : null, activities };
}

/** Period specs for the requested periods (ids in order). */
export function specsFor(periods: Period[], params: RuleParams, asOf: string): PeriodSpec[] {
  return periods.map((period, pid) => ({
    pid,
    period,
    windows:
      params.kind === 'units_meeting_count'
        ? countingWindows(period, params.period, asOf)
        : period.start > asOf
          ? []
          : [{ year: period.year, fromMonth: 1, toMonth: 12 }],
  }));
}

export { makePeriod };
