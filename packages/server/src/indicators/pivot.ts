/**
 * Pivot over activities: rows × cols from org (child units), year/quarter/month, audience,
 * sex, kind, channel, or target (indicator values per child unit or period). Reads raw
 * activities of the unit's subtree (indexed by path and date); soft-deleted rows never count.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  DomainError,
  escapeLike,
  makePeriod,
  parsePeriod,
  type Measure,
  type PivotDimension,
  type PivotQuery,
} from '@binhdang/domain';
import type { Actor } from '../context.js';
import { computeChildMatrix, computeIndicators, scopedUnit, todayIso } from './service.js';

const MEASURE_SQL: Record<Measure, string> = {
  activities: '1',
  sessions: "CASE WHEN 'session' = ANY(k.counts_as) THEN 1 ELSE 0 END",
  news_items: "CASE WHEN 'news_item' = ANY(k.counts_as) THEN 1 ELSE 0 END",
  products: 'coalesce(a.products_count, 0)',
  participants: 'coalesce(a.participants_total, coalesce(a.participants_female, 0) + coalesce(a.participants_male, 0))',
  participants_female: 'coalesce(a.participants_female, 0)',
  participants_male: 'coalesce(a.participants_male, 0)',
  costs: 'coalesce(a.cost_state_budget, 0) + coalesce(a.cost_mobilised, 0) + coalesce(a.cost_international, 0)',
};

const PARTICIPANT_MEASURES = new Set<Measure>(['participants', 'participants_female', 'participants_male']);

function dimSql(d: PivotDimension, childDepth: number): RawBuilder<unknown> {
  switch (d) {
    case 'org':
      return sql.raw(`array_to_string((string_to_array(u.path, '.'))[1:${childDepth}], '.')`);
    case 'year':
      return sql.raw(`to_char(a.start_date, 'YYYY')`);
    case 'quarter':
      return sql.raw(`to_char(a.start_date, 'YYYY"Q"Q')`);
    case 'month':
      return sql.raw(`to_char(a.start_date, 'YYYY-MM')`);
    case 'kind':
      return sql.raw('a.kind');
    case 'channel':
      return sql.raw(`coalesce(a.channel, '')`);
    case 'audience':
      return sql.raw('aud.code');
    case 'sex':
      return sql.raw('sx.code');
    case 'target':
      throw new Error(d);
  }
}

export async function pivot(db: Kysely<DB>, q: PivotQuery, actor: Actor | null) {
  const asOf = todayIso();
  const unit = await scopedUnit(db, actor, q.org);
  const dims = [q.rows, ...(q.cols ? [q.cols] : [])];
  if (q.cols === q.rows) throw new DomainError('validation', 'same dimension', { cols: 'same as rows' });
  let from: string;
  let to: string;
  if (q.from || q.to) {
    const a = q.from ?? q.to!;
    const b = q.to ?? q.from!;
    if (b < a) throw new DomainError('validation', 'to before from', { to: 'before from' });
    from = makePeriod('year', a).start;
    to = makePeriod('year', b).end;
  } else {
    const p = parsePeriod(q.period ?? asOf.slice(0, 4));
    if (!p) throw new DomainError('validation', 'bad period', { period: 'invalid' });
    from = p.start;
    to = p.end;
  }
  const childDepth = unit.path.split('.').length + 1;
  const labels = new Map<string, string>();
  if (dims.includes('org')) {
    const kids = await db.selectFrom('org_unit').select(['path', 'name']).where('parent_id', '=', unit.id).execute();
    for (const k of kids) labels.set(k.path, k.name);
    labels.set(unit.path, unit.name);
  }

  if (dims.includes('target')) {
    const other = dims.find((d) => d !== 'target');
    if (other && !['org', 'year', 'quarter', 'month'].includes(other))
      throw new DomainError('validation', 'target pairs with org or period', {
        cols: 'target pairs with org or a period',
      });
    const cells: { row: string; col: string; value: number | null }[] = [];
    const rowKeys = new Map<string, string>();
    const colKeys = new Map<string, string>();
    const put = (target: string, tLabel: string, other: string, oLabel: string, value: number | null) => {
      const [r, rl, c, cl] = q.rows === 'target' ? [target, tLabel, other, oLabel] : [other, oLabel, target, tLabel];
      rowKeys.set(r, rl);
      colKeys.set(c, cl);
      if (value !== null) cells.push({ row: r, col: c, value });
    };
    if (other === 'org') {
      const m = await computeChildMatrix(db, { org: unit.id, period: q.period, planId: q.plan }, actor);
      for (const row of m.rows)
        row.cells.forEach((cell, i) =>
          put(
            cell.targetId,
            `${m.targets[i]!.targetNumber}. ${m.targets[i]!.targetText.slice(0, 80)}`,
            row.orgUnit.path,
            row.orgUnit.name,
            cell.value,
          ),
        );
    } else {
      const y0 = Number(from.slice(0, 4));
      const y1 = Number(to.slice(0, 4));
      const periods: string[] = [];
      for (let y = y0; y <= y1; y++) {
        if (!other || other === 'year') periods.push(String(y));
        else if (other === 'quarter') for (let i = 1; i <= 4; i++) periods.push(`${y}Q${i}`);
        else for (let i = 1; i <= 12; i++) periods.push(`${y}-${String(i).padStart(2, '0')}`);
      }
      for (const p of periods.slice(0, 60)) {
        const r = await computeIndicators(db, { org: unit.id, period: p, planId: q.plan }, actor);
        for (const it of r.items) put(it.targetId, `${it.targetNumber}. ${it.targetText.slice(0, 80)}`, p, p, it.value);
      }
    }
    return {
      orgUnit: unit,
      rows: [...rowKeys].map(([key, label]) => ({ key, label })),
      cols: [...colKeys].map(([key, label]) => ({ key, label })),
      measure: 'value',
      cells,
    };
  }

  if (dims.includes('sex') && !PARTICIPANT_MEASURES.has(q.measure))
    throw new DomainError('validation', 'sex needs participants', { measure: 'sex needs a participants measure' });
  const like = escapeLike(unit.path) + '.%';
  const measure = dims.includes('sex')
    ? sql.raw(
        `CASE sx.code WHEN 'female' THEN coalesce(a.participants_female, 0) WHEN 'male' THEN coalesce(a.participants_male, 0)
          ELSE greatest(coalesce(a.participants_total, 0) - coalesce(a.participants_female, 0) - coalesce(a.participants_male, 0), 0) END`,
      )
    : sql.raw(MEASURE_SQL[q.measure]);
  const joins = sql.join(
    [
      ...(dims.includes('audience') ? [sql`CROSS JOIN LATERAL unnest(a.audiences) AS aud(code)`] : []),
      ...(dims.includes('sex') ? [sql`CROSS JOIN (VALUES ('female'), ('male'), ('unspecified')) AS sx(code)`] : []),
    ],
    sql` `,
  );
  const filters = [
    sql`a.deleted_at IS NULL`,
    sql`a.start_date >= ${from}::date AND a.start_date <= ${to}::date`,
    sql`(u.path = ${unit.path} OR u.path LIKE ${like})`,
    ...(q.kind?.length ? [sql`a.kind IN (${sql.join(q.kind)})`] : []),
    ...(q.channel?.length ? [sql`a.channel IN (${sql.join(q.channel)})`] : []),
    ...(q.audience?.length ? [sql`a.audiences && ARRAY[${sql.join(q.audience)}]::text[]`] : []),
    ...(q.plan ? [sql`a.plan_id = ${q.plan}`] : []),
  ];
  const rowSql = dimSql(q.rows, childDepth);
  const colSql = q.cols ? dimSql(q.cols, childDepth) : sql`''`;
  const res = await sql<{ r: string; c: string; v: string | number }>`
    SELECT ${rowSql} AS r, ${colSql} AS c, sum(${measure})::bigint AS v
    FROM activity a JOIN activity_kind k ON k.code = a.kind JOIN org_unit u ON u.id = a.org_unit_id ${joins}
    WHERE ${sql.join(filters, sql` AND `)}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  const cells = res.rows.filter((r) => Number(r.v) !== 0).map((r) => ({ row: r.r, col: r.c, value: Number(r.v) }));
  const keys = (k: 'row' | 'col') => [...new Set(cells.map((c) => c[k]))].sort();
  const label = (d: PivotDimension | undefined, key: string) => (d === 'org' ? (labels.get(key) ?? key) : key);
  return {
    orgUnit: unit,
    rows: keys('row').map((key) => ({ key, label: label(q.rows, key) })),
    cols: q.cols ? keys('col').map((key) => ({ key, label: label(q.cols, key) })) : [{ key: '', label: '' }],
    measure: q.measure,
    cells,
  };
}
