/**
 * The SQL fast path of the indicator rules (see docs/decisions/0003-indicators.md). One query per
 * (target, root, set of periods) returns, per group of in-scope units (the root's children, or
 * provinces for the national dashboard), the numerator, denominator and raw activity total of
 * every period. It reads the per-unit-and-year aggregates maintained by the activity triggers;
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
  activities: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const lit = (n: number) => sql.raw(String(Math.trunc(n)));

const COUNT_PREFIX: Record<string, string> = { session: 'ses', news_item: 'news', product: 'prodn' };
const MEASURE_COLUMN: Record<Measure, { table: 'indicator_count_year' | 'indicator_sum_year'; prefix: string }> = {
  activities: { table: 'indicator_count_year', prefix: 'act' },
  sessions: { table: 'indicator_count_year', prefix: 'ses' },
  news_items: { table: 'indicator_count_year', prefix: 'news' },
  products: { table: 'indicator_sum_year', prefix: 'prod' },
  participants: { table: 'indicator_sum_year', prefix: 'pt' },
  participants_female: { table: 'indicator_sum_year', prefix: 'pf' },
  participants_male: { table: 'indicator_sum_year', prefix: 'pm' },
  costs: { table: 'indicator_sum_year', prefix: 'cost' },
};
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

/** Source rows (org_unit_id, year, m1..m12) from the aggregates. */
function aggSource(table: string, prefix: string, years: number[], units: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`SELECT org_unit_id, year, ${sql.raw(MONTHS.map((m) => `${prefix}_${m}::bigint AS m${m}`).join(', '))}
    FROM ${sql.raw(table)} WHERE year IN (${sql.join(years.map(lit))}) AND org_unit_id IN (${units})`;
}

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
function sourceFor(
  params: RuleParams,
  years: number[],
  naive: boolean,
  units: RawBuilder<unknown>,
): RawBuilder<unknown> {
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
    if (params.countsAs === null)
      return naive ? rawSource('1', sql`true`, years, units) : aggSource('indicator_count_year', 'act', years, units);
    if (naive) return rawSource('1', sql`${params.countsAs} = ANY(k.counts_as)`, years, units);
    return aggSource('indicator_count_year', COUNT_PREFIX[params.countsAs]!, years, units);
  }
  if (params.kind === 'sum') {
    if (params.kinds && params.kinds.length)
      return rawSource(RAW_MEASURE[params.measure], sql`a.kind IN (${sql.join(params.kinds)})`, years, units);
    if (naive) return rawSource(RAW_MEASURE[params.measure], sql`true`, years, units);
    const c = MEASURE_COLUMN[params.measure];
    return aggSource(c.table, c.prefix, years, units);
  }
  throw new Error(`no SQL source for ${params.kind}`);
}

const sumMonths = (from: number, to: number, alias: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => `coalesce(${alias}.m${from + i}, 0)`).join(' + ');

const monthOf = (d: string) => Number(d.slice(5, 7));

/** Column k (0-based) of the windows: the sum of window k of each period, by period id. */
function windowCols(specs: PeriodSpec[], pidCol: string, alias: string): { sql: RawBuilder<unknown>; count: number } {
  const count = Math.max(1, ...specs.map((s) => s.windows.length));
  const cols = Array.from({ length: count }, (_, k) => {
    const whens = specs
      .filter((s) => s.windows[k])
      .map((s) => `WHEN ${s.pid} THEN ${sumMonths(s.windows[k]!.fromMonth, s.windows[k]!.toMonth, alias)}`);
    return `${whens.length ? `CASE ${pidCol} ${whens.join(' ')} ELSE 0 END` : '0'} AS w${k + 1}`;
  });
  return { sql: sql.raw(cols.join(', ')), count };
}

/** CASE over period ids: each of the period's window sums (w1…) reaches the threshold. */
function meetsWindows(specs: PeriodSpec[], threshold: number): RawBuilder<unknown> {
  const whens = specs
    .filter((s) => s.windows.length)
    .map(
      (s) =>
        `WHEN ${s.pid} THEN (${s.windows.map((_, k) => `coalesce(c.w${k + 1}, 0) >= ${Math.trunc(threshold)}`).join(' AND ')})`,
    );
  return sql.raw(whens.length ? `CASE i.pid ${whens.join(' ')} ELSE false END` : 'false');
}

function wholeExpr(specs: PeriodSpec[], alias: string, pidCol = `${alias}.pid`): RawBuilder<unknown> {
  return sql.raw(
    `CASE ${pidCol} ${specs.map((s) => `WHEN ${s.pid} THEN ${sumMonths(monthOf(s.period.start), monthOf(s.period.end), alias)}`).join(' ')} ELSE 0 END`,
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

/**
 * Runs a statement with JIT off: these statements are short but wide (one expression per month),
 * and PostgreSQL's JIT would spend seconds compiling them once the row estimates grow.
 */
async function noJit<T>(db: Kysely<DB>, f: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`SET LOCAL jit = off`.execute(db);
    return f(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return f(trx);
  });
}

/** Figures per group path and period id. Rules without SQL data (registers, surveys) give no data. */
export async function evaluate(db: Kysely<DB>, o: EvaluateOptions): Promise<Map<string, Map<number, Figures>>> {
  return noJit(db, (d) => evaluateIn(d, o));
}

async function evaluateIn(db: Kysely<DB>, o: EvaluateOptions): Promise<Map<string, Map<number, Figures>>> {
  const out = new Map<string, Map<number, Figures>>();
  const put = (grp: string, pid: number, f: Partial<Figures>) => {
    let g = out.get(grp);
    if (!g) out.set(grp, (g = new Map()));
    const cur = g.get(pid) ?? { numerator: null, denominator: null, value: null, activities: 0 };
    g.set(pid, { ...cur, ...f });
  };
  const { params, specs } = o;
  if (!specs.length) return out;
  const years = [...new Set(specs.map((s) => s.period.year))];
  const like = escapeLike(o.rootPath) + '.%';
  const inRoot = (col: string) => sql`(${sql.raw(col)} = ${o.rootPath} OR ${sql.raw(col)} LIKE ${like})`;
  const tree = sql.raw(o.naive ? 'tree' : 'org_unit');
  const units = sql`SELECT u.id FROM ${tree} u WHERE ${inRoot('u.path')}`;
  const per = sql.join(
    specs.map((s) => sql`(${lit(s.pid)}, ${lit(s.period.year)}, ${s.period.start}::date, ${s.period.end}::date)`),
  );

  if (params.kind === 'sum') {
    const res = await sql<{ grp: string; pid: number; total: string | number }>`
      WITH ${treeCte(!!o.naive)}, per(pid, y, ps, pe) AS (VALUES ${per}),
      src AS (${sourceFor(params, years, !!o.naive, units)})
      SELECT ${grpExpr('u.path', o.groupDepth)} AS grp, per.pid, sum(${wholeExpr(specs, 's2')}) AS total
      FROM (SELECT s.*, per.pid FROM src s JOIN per ON per.y = s.year) s2
      JOIN ${tree} u ON u.id = s2.org_unit_id JOIN per ON per.pid = s2.pid
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
  const res = await sql<{ t: string; grp: string; pid: number; den: number; num: string | number }>`
    WITH ${treeCte(!!o.naive)}, per(pid, y, ps, pe) AS (VALUES ${per}),
    src AS (${sourceFor(params, years, !!o.naive, units)}),
    scope AS (
      SELECT per.pid, u.id, u.path FROM ${tree} u JOIN per
        ON (u.valid_from IS NULL OR u.valid_from <= per.pe) AND (u.valid_to IS NULL OR u.valid_to > per.ps)
      WHERE ${inRoot('u.path')} AND u.kind IN (${sql.join(o.scopeKinds.length ? o.scopeKinds : ['-'])})
    ),
    rws AS (
      SELECT per.pid, u.path, s.org_unit_id, ${win.sql}, ${wholeExpr(specs, 's', 'per.pid')} AS tot
        FROM src s JOIN ${tree} u ON u.id = s.org_unit_id
        JOIN per ON per.y = s.year
      WHERE ${inRoot('u.path')}
    ),
    oth AS (
      SELECT r.* FROM rws r LEFT JOIN scope s0 ON s0.pid = r.pid AND s0.id = r.org_unit_id WHERE s0.id IS NULL
    ),
    pre AS MATERIALIZED (
      SELECT o.pid, o.org_unit_id, g.n, array_to_string((string_to_array(o.path, '.'))[1:g.n], '.') AS prefix
      FROM oth o CROSS JOIN LATERAL unnest('{1,2,3,4,5,6,7,8,9,10,11,12}'::int[]) AS g(n)
      WHERE g.n < cardinality(string_to_array(o.path, '.'))
    ),
    best AS (
      SELECT DISTINCT ON (p.pid, p.org_unit_id) p.pid, p.org_unit_id, i.id AS cu
      FROM pre p JOIN scope i ON i.pid = p.pid AND i.path = p.prefix
      ORDER BY p.pid, p.org_unit_id, p.n DESC
    ),
    att AS (
      SELECT r.pid, i.id AS cu, ${sql.raw(wNames.map((w) => `r.${w}`).join(', '))}
        FROM rws r JOIN scope i ON i.pid = r.pid AND i.id = r.org_unit_id
      UNION ALL
      SELECT r.pid, b.cu, ${sql.raw(wNames.map((w) => `r.${w}`).join(', '))}
        FROM oth r JOIN best b ON b.pid = r.pid AND b.org_unit_id = r.org_unit_id
    ),
    cnt AS (
      SELECT pid, cu, ${sql.raw(wNames.map((w) => `sum(${w}) AS ${w}`).join(', '))} FROM att GROUP BY pid, cu
    )
    SELECT 'u' AS t, ${grpExpr('i.path', o.groupDepth)} AS grp, i.pid, count(*)::int AS den,
      count(*) FILTER (WHERE ${meetsWindows(specs, threshold)})::bigint AS num
    FROM scope i LEFT JOIN cnt c ON c.pid = i.pid AND c.cu = i.id
    GROUP BY 2, 3
    UNION ALL
    SELECT 'a', ${grpExpr('r.path', o.groupDepth)}, r.pid, 0, sum(r.tot)::bigint
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
