/**
 * Writes packages/db/migrations/0006_indicator_tree.sql: the indicator aggregates per subtree
 * (one column per measure and month, too many to write by hand). Run once with
 * `npx tsx scripts/gen-indicator-tree.ts`; the migration file is what the product runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface Family {
  prefix: string;
  /** The value one activity adds in its month (an expression over r.* and k.counts_as). */
  value: string;
}
interface Table {
  name: string;
  type: 'integer' | 'bigint';
  families: Family[];
}

const COUNT: Table = {
  name: 'indicator_count_tree',
  type: 'integer',
  families: [
    { prefix: 'act', value: '1' },
    { prefix: 'ses', value: "CASE WHEN 'session' = ANY(k.counts_as) THEN 1 ELSE 0 END" },
    { prefix: 'news', value: "CASE WHEN 'news_item' = ANY(k.counts_as) THEN 1 ELSE 0 END" },
    { prefix: 'prodn', value: "CASE WHEN 'product' = ANY(k.counts_as) THEN 1 ELSE 0 END" },
  ],
};
const SUM: Table = {
  name: 'indicator_sum_tree',
  type: 'bigint',
  families: [
    { prefix: 'prod', value: 'coalesce(r.products_count, 0)' },
    { prefix: 'pf', value: 'coalesce(r.participants_female, 0)' },
    { prefix: 'pm', value: 'coalesce(r.participants_male, 0)' },
    {
      prefix: 'pt',
      value: 'coalesce(r.participants_total, coalesce(r.participants_female, 0) + coalesce(r.participants_male, 0))',
    },
    {
      prefix: 'cost',
      value: 'coalesce(r.cost_state_budget, 0) + coalesce(r.cost_mobilised, 0) + coalesce(r.cost_international, 0)',
    },
  ],
};

const cols = (t: Table) => t.families.flatMap((f) => MONTHS.map((m) => `${f.prefix}_${m}`));

function createTable(t: Table): string {
  const lines = cols(t).map((c) => `  ${c} ${t.type} NOT NULL DEFAULT 0,`);
  return `CREATE TABLE ${t.name} (
  org_unit_id uuid NOT NULL,
  year        integer NOT NULL,
${lines.join('\n')}
  PRIMARY KEY (org_unit_id, year)
);`;
}

const addUp = (t: Table) =>
  `ON CONFLICT (org_unit_id, year) DO UPDATE SET ${cols(t)
    .map((c) => `${c} = t.${c} + excluded.${c}`)
    .join(', ')}`;

/**
 * Adds signed rows `src` (columns: org_unit_id, start_date, kind, the measures, s = +1/-1) to
 * the unit and every ancestor. Rows are grouped per unit and year first, then spread over the
 * path prefixes; the upsert runs in (unit, year) order so concurrent writers lock alike.
 */
function spread(t: Table, src: string): string {
  const perUnit = t.families
    .flatMap((f) =>
      MONTHS.map(
        (m) => `sum(r.s * (${f.value})) FILTER (WHERE extract(month FROM r.start_date) = ${m}) AS ${f.prefix}_${m}`,
      ),
    )
    .join(',\n        ');
  return `INSERT INTO ${t.name} AS t (org_unit_id, year, ${cols(t).join(', ')})
  SELECT anc.id, d.y, ${cols(t)
    .map((c) => `coalesce(sum(d.${c}), 0)`)
    .join(', ')}
  FROM (
    SELECT r.org_unit_id, extract(year FROM r.start_date)::int AS y,
        ${perUnit}
    FROM (${src}) r JOIN activity_kind k ON k.code = r.kind
    GROUP BY 1, 2
  ) d
  JOIN org_unit u ON u.id = d.org_unit_id
  CROSS JOIN LATERAL unnest(indicator_path_prefixes(u.path)) AS p(prefix)
  JOIN org_unit anc ON anc.path = p.prefix
  GROUP BY anc.id, d.y
  ORDER BY anc.id, d.y
  ${addUp(t)};`;
}

const MEASURES =
  'org_unit_id, start_date, kind, products_count, participants_female, participants_male, participants_total, cost_state_budget, cost_mobilised, cost_international';
const live = (table: string, sign: number) =>
  `SELECT ${MEASURES}, ${sign}::bigint AS s FROM ${table} WHERE deleted_at IS NULL`;
// An update that touches none of the measured fields (a title, notes) changes no aggregate.
const CHANGED = `SELECT o.id FROM old_rows o JOIN new_rows n USING (id)
      WHERE (o.org_unit_id, o.start_date, o.kind, o.deleted_at IS NULL, o.products_count, o.participants_female,
             o.participants_male, o.participants_total, o.cost_state_budget, o.cost_mobilised, o.cost_international)
        IS DISTINCT FROM
            (n.org_unit_id, n.start_date, n.kind, n.deleted_at IS NULL, n.products_count, n.participants_female,
             n.participants_male, n.participants_total, n.cost_state_budget, n.cost_mobilised, n.cost_international)`;
const updated = `${live('new_rows', 1)} AND id IN (${CHANGED})
      UNION ALL ${live('old_rows', -1)} AND id IN (${CHANGED})`;

function trigger(name: string, body: string): string {
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${body}
  RETURN NULL;
END $$;`;
}

/** A unit re-rooted (move, merge, code change): its subtree's figures leave the old ancestors and join the new. */
function moveBody(t: Table): string {
  return `INSERT INTO ${t.name} AS t (org_unit_id, year, ${cols(t).join(', ')})
  SELECT anc.id, x.year, ${cols(t)
    .map((c) => `sum(mv.sg * x.${c})`)
    .join(', ')}
  FROM (
    SELECT m.id, m.old_path AS p, -1 AS sg FROM top m
    UNION ALL
    SELECT m.id, m.new_path, 1 FROM top m
  ) mv
  JOIN ${t.name} x ON x.org_unit_id = mv.id
  CROSS JOIN LATERAL unnest(indicator_path_prefixes(mv.p)) AS p(prefix)
  JOIN org_unit anc ON anc.path = p.prefix AND anc.id <> mv.id
  GROUP BY anc.id, x.year
  ORDER BY anc.id, x.year
  ${addUp(t)};`;
}

const MOVED = `WITH moved AS (
    SELECT o.id, o.path AS old_path, n.path AS new_path
    FROM old_units o JOIN new_units n USING (id) WHERE o.path <> n.path
  ), top AS (
    -- the re-rooted units themselves: moved units whose parent did not move with them
    SELECT m.* FROM moved m
    WHERE NOT EXISTS (SELECT 1 FROM moved p WHERE p.old_path = regexp_replace(m.old_path, '\\.[^.]*$', ''))
  )`;

const sql = `-- Indicators: aggregates per subtree instead of per recording unit (replaces 0004's tables).
-- Generated by scripts/gen-indicator-tree.ts; see docs/decisions/0003-indicators.md.
-- indicator_count_tree / indicator_sum_tree hold, for every unit and year, the activities of the
-- unit's whole subtree (its current path), one column per measure and month. A dashboard then
-- reads one row per in-scope unit and year: a commune's count is its own row, a province's total
-- its own row, without walking the tree. Statement-level triggers on activity add the new rows to
-- the recording unit and every ancestor in the same transaction; a trigger on org_unit moves a
-- re-rooted subtree's figures from the old ancestors to the new ones (moves and merges).

DROP TRIGGER activity_indicator_insert ON activity;
DROP TRIGGER activity_indicator_update ON activity;
DROP TRIGGER activity_indicator_delete ON activity;
DROP TRIGGER activity_kind_indicator ON activity_kind;
DROP FUNCTION indicator_on_activity_insert();
DROP FUNCTION indicator_on_activity_update();
DROP FUNCTION indicator_on_activity_delete();
DROP FUNCTION indicator_on_kind_change();
DROP FUNCTION indicator_rebuild();
DROP TABLE indicator_count_year;
DROP TABLE indicator_sum_year;

-- 'VN.12.03394' → {VN, VN.12, VN.12.03394}
CREATE FUNCTION indicator_path_prefixes(p text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_agg(array_to_string(s[1:n], '.') ORDER BY n)
  FROM (SELECT string_to_array(p, '.') AS s) x CROSS JOIN LATERAL generate_series(1, cardinality(x.s)) AS n
$$;

${createTable(COUNT)}

${createTable(SUM)}

${trigger('indicator_on_activity_insert', [spread(COUNT, live('new_rows', 1)), spread(SUM, live('new_rows', 1))].join('\n  '))}

${trigger('indicator_on_activity_update', [spread(COUNT, updated), spread(SUM, updated)].join('\n  '))}

${trigger('indicator_on_activity_delete', [spread(COUNT, live('old_rows', -1)), spread(SUM, live('old_rows', -1))].join('\n  '))}

CREATE TRIGGER activity_indicator_insert AFTER INSERT ON activity
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_on_activity_insert();
CREATE TRIGGER activity_indicator_update AFTER UPDATE ON activity
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_on_activity_update();
CREATE TRIGGER activity_indicator_delete AFTER DELETE ON activity
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_on_activity_delete();

${trigger('indicator_on_org_move', [`${MOVED}\n  ${moveBody(COUNT)}`, `${MOVED}\n  ${moveBody(SUM)}`].join('\n  '))}

-- (transition tables cannot go with UPDATE OF path: the function looks for changed paths itself)
CREATE TRIGGER org_unit_indicator_move AFTER UPDATE ON org_unit
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION indicator_on_org_move();

-- Recomputes both aggregates from the activities (after a kind's counts_as changes, after a bulk
-- load with the triggers off, or to repair).
CREATE FUNCTION indicator_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ${COUNT.name};
  DELETE FROM ${SUM.name};
  ${spread(COUNT, live('activity', 1))}
  ${spread(SUM, live('activity', 1))}
END $$;

CREATE FUNCTION indicator_on_kind_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM indicator_rebuild();
  RETURN NULL;
END $$;
CREATE TRIGGER activity_kind_indicator AFTER UPDATE OF counts_as ON activity_kind
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_on_kind_change();

SELECT indicator_rebuild();
`;

const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'packages/db/migrations/0006_indicator_tree.sql',
);
fs.writeFileSync(out, sql);
console.log(`wrote ${out}`);
