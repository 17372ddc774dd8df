/**
 * Property test: the SQL fast path (aggregates kept by triggers) equals the reference
 * implementation on random trees (closed and merged units, units with no data), random
 * activities (bulk inserts, updates, soft and hard deletes), empty and future periods.
 * One database; each case lives in its own fresh subtree under VN.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '@binhdang/db';
import {
  computeReference,
  makePeriod,
  type Period,
  type RefActivity,
  type RefRecord,
  type RefUnit,
  type RuleParams,
} from '@binhdang/domain';
import { openTestDatabase } from './harness.js';
import { combine, evaluate, specsFor } from '../src/indicators/engine.js';

let database: Database;
let vnId: string;
let kinds: { code: string; countsAs: string[] }[];
let actionMonth: string;
let caseNo = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  vnId = (await db.selectFrom('org_unit').select('id').where('path', '=', 'VN').executeTakeFirstOrThrow()).id;
  kinds = (await db.selectFrom('activity_kind').select(['code', 'counts_as']).execute()).map((k) => ({
    code: k.code,
    countsAs: k.counts_as,
  }));
  actionMonth = (
    await db.selectFrom('campaign').select('id').where('code', '=', 'action_month').executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => database.close());

const KINDS = ['department', 'district', 'commune', 'village', 'agency', 'media_agency'] as const;
const ACT_KINDS = ['talk', 'conference', 'news_item', 'talk_show', 'leaflet', 'inspection', 'online_post'];
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: 0, max: 3 * 365 - 1 }).map(day);

const unitArb = fc.record({
  parent: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  from: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
  closeAfter: fc.option(fc.integer({ min: 1, max: 700 }), { nil: null }),
});
const actArb = fc.record({
  unit: fc.nat(),
  kind: fc.constantFrom(...ACT_KINDS),
  date: dateArb,
  female: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  male: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  products: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  deleted: fc.boolean(),
});
const opArb = fc.record({
  act: fc.nat(),
  op: fc.constantFrom('move_date', 'move_unit', 'soft_delete', 'restore', 'hard_delete', 'change_kind', 'move_org'),
  date: dateArb,
  unit: fc.nat(),
  kind: fc.constantFrom(...ACT_KINDS),
});
const paramsArb: fc.Arbitrary<RuleParams> = fc.oneof(
  fc.record({
    kind: fc.constant('units_meeting_count' as const),
    countsAs: fc.constantFrom('session' as const, 'news_item' as const, null),
    kinds: fc.constantFrom<string[] | null>(null, ['talk', 'leaflet']),
    period: fc.constantFrom('year' as const, 'quarter' as const),
    threshold: fc.integer({ min: 1, max: 3 }),
  }),
  fc.constant<RuleParams>({ kind: 'units_with_record', campaign: 'action_month' }),
  fc.record({
    kind: fc.constant('sum' as const),
    measure: fc.constantFrom(
      'activities' as const,
      'sessions' as const,
      'news_items' as const,
      'participants' as const,
      'participants_female' as const,
      'products' as const,
    ),
    kinds: fc.constantFrom<string[] | null>(null, ['talk', 'news_item']),
  }),
);
const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.integer({ min: 2024, max: 2026 }).map((y) => makePeriod('year', y)),
  fc
    .record({ y: fc.integer({ min: 2024, max: 2026 }), i: fc.integer({ min: 1, max: 4 }) })
    .map(({ y, i }) => makePeriod('quarter', y, i)),
  fc
    .record({ y: fc.integer({ min: 2024, max: 2026 }), i: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, i }) => makePeriod('month', y, i)),
  fc
    .record({ y: fc.integer({ min: 2024, max: 2026 }), i: fc.integer({ min: 1, max: 2 }) })
    .map(({ y, i }) => makePeriod('half_year', y, i)),
);
const caseArb = fc.record({
  units: fc.array(unitArb, { minLength: 0, maxLength: 10 }),
  acts: fc.array(actArb, { minLength: 0, maxLength: 25 }),
  ops: fc.array(opArb, { maxLength: 6 }),
  records: fc.array(fc.record({ unit: fc.nat(), year: fc.integer({ min: 2024, max: 2026 }) }), { maxLength: 6 }),
  params: paramsArb,
  scopeKinds: fc.subarray([...KINDS], { minLength: 0 }),
  period: periodArb,
  asOf: fc.constantFrom('2025-08-15', '2026-12-31', '2024-02-10'),
});

describe('indicator fast path = reference implementation', () => {
  it('agrees on 500 random cases', { timeout: 600_000 }, async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const k = ++caseNo;
        // the tree: a root under VN (never in scope) and units under earlier ones
        const units: RefUnit[] = [
          { id: crypto.randomUUID(), path: `VN.PT${k}R`, kind: 'province', validFrom: null, validTo: null },
        ];
        const parents: (string | null)[] = [vnId];
        for (const [i, u] of c.units.entries()) {
          const parent = units[u.parent % units.length]!;
          const validFrom = u.from === null ? null : day(u.from);
          const validTo = u.closeAfter === null ? null : day((u.from ?? 0) + u.closeAfter);
          units.push({ id: crypto.randomUUID(), path: `${parent.path}.PT${k}U${i}`, kind: u.kind, validFrom, validTo });
          parents.push(parent.id);
        }
        await db
          .insertInto('org_unit')
          .values(
            units.map((u, i) => ({
              id: u.id,
              code: u.path.split('.').at(-1)!,
              name: u.path,
              kind: u.kind,
              parent_id: parents[i]!,
              path: u.path,
              province_code: null,
              valid_from: u.validFrom,
              valid_to: u.validTo,
              search_text: '',
            })),
          )
          .execute();
        // activities in one multi-row insert
        const acts: RefActivity[] = c.acts.map((a) => ({
          id: crypto.randomUUID(),
          orgUnitId: units[a.unit % units.length]!.id,
          kind: a.kind,
          startDate: a.date,
          deleted: a.deleted,
          participantsFemale: a.female,
          participantsMale: a.male,
          productsCount: a.products,
        }));
        const pathOf = (id: string) => units.find((u) => u.id === id)!.path;
        if (acts.length)
          await db
            .insertInto('activity')
            .values(
              acts.map((a) => ({
                id: a.id,
                org_unit_id: a.orgUnitId,
                org_path: pathOf(a.orgUnitId),
                kind: a.kind,
                title: 't',
                start_date: a.startDate,
                end_date: a.startDate,
                participants_female: a.participantsFemale ?? null,
                participants_male: a.participantsMale ?? null,
                products_count: a.productsCount ?? null,
                deleted_at: a.deleted ? new Date() : null,
              })),
            )
            .execute();
        // Action Month records, before the moves: their copied org_path must follow the unit
        const records: RefRecord[] = [];
        const seen = new Set<string>();
        for (const r of c.records) {
          const u = units[r.unit % units.length]!;
          if (seen.has(`${u.id}/${r.year}`)) continue;
          seen.add(`${u.id}/${r.year}`);
          records.push({ orgUnitId: u.id, campaign: 'action_month', year: r.year });
          await db
            .insertInto('campaign_plan')
            .values({
              id: crypto.randomUUID(),
              campaign_id: actionMonth,
              org_unit_id: u.id,
              org_path: u.path,
              year: r.year,
            })
            .execute();
        }

        // updates and deletes, mirrored in the arrays
        let live = [...acts];
        for (const op of c.ops) {
          if (op.op === 'move_org') {
            // re-root a unit and its subtree (a move or a merge), as the org service does: one
            // statement for the paths, then the parent link
            if (units.length < 2) continue;
            const u = units[1 + (op.unit % (units.length - 1))]!;
            const parent = units[op.act % units.length]!;
            if (parent.path === u.path || parent.path.startsWith(u.path + '.')) continue;
            const oldPath = u.path;
            const newPath = `${parent.path}.${oldPath.split('.').at(-1)}`;
            await sql`UPDATE org_unit SET path = ${newPath} || substr(path, ${oldPath.length + 1})
              WHERE path = ${oldPath} OR path LIKE ${oldPath + '.%'}`.execute(db);
            await db.updateTable('org_unit').set({ parent_id: parent.id }).where('id', '=', u.id).execute();
            for (const x of units)
              if (x.path === oldPath || x.path.startsWith(oldPath + '.'))
                x.path = newPath + x.path.slice(oldPath.length);
            continue;
          }
          if (!live.length) continue;
          const a = live[op.act % live.length]!;
          const q = db.updateTable('activity').where('id', '=', a.id);
          if (op.op === 'move_date') {
            a.startDate = op.date;
            await q.set({ start_date: op.date, end_date: op.date }).execute();
          } else if (op.op === 'move_unit') {
            a.orgUnitId = units[op.unit % units.length]!.id;
            await q.set({ org_unit_id: a.orgUnitId, org_path: pathOf(a.orgUnitId) }).execute();
          } else if (op.op === 'soft_delete') {
            a.deleted = true;
            await q.set({ deleted_at: new Date() }).execute();
          } else if (op.op === 'restore') {
            a.deleted = false;
            await q.set({ deleted_at: null }).execute();
          } else if (op.op === 'change_kind') {
            a.kind = op.kind;
            await q.set({ kind: op.kind }).execute();
          } else {
            live = live.filter((x) => x !== a);
            await db.deleteFrom('activity').where('id', '=', a.id).execute();
          }
        }
        const root = units[0]!.path;
        const specs = specsFor([c.period], c.params, c.asOf);
        const started = specs[0]!.windows.length > 0;
        const groups = await evaluate(db, {
          rootPath: root,
          scopeKinds: c.scopeKinds,
          params: c.params,
          specs,
          groupDepth: root.split('.').length + 1,
        });
        const all = [...groups.values()].map((m) => m.get(0)).filter((x) => !!x);
        const fast = combine(all, c.params, started);
        const input = { units, activities: live, kinds, records, scopeKinds: c.scopeKinds, params: c.params };
        const ref = computeReference({ ...input, rootPath: root, period: c.period, asOf: c.asOf });
        expect(fast).toEqual({
          numerator: ref.numerator,
          denominator: ref.denominator,
          value: ref.value,
          activities: ref.activities,
        });
        // each child group equals the reference rooted at that child (the raw activity total is
        // only carried for the whole root: the child table does not show it)
        for (const child of units.filter((u) => u.path.split('.').length === 3)) {
          const g = groups.get(child.path)?.get(0);
          const f = combine(g ? [g] : [], c.params, started);
          const r = computeReference({ ...input, rootPath: child.path, period: c.period, asOf: c.asOf });
          expect({ numerator: f.numerator, denominator: f.denominator, value: f.value }).toEqual({
            numerator: r.numerator,
            denominator: r.denominator,
            value: r.value,
          });
        }
        // the naive baseline gives the same
        const naive = await evaluate(db, {
          rootPath: root,
          scopeKinds: c.scopeKinds,
          params: c.params,
          specs,
          groupDepth: root.split('.').length + 1,
          naive: true,
        });
        const nall = [...naive.values()].map((m) => m.get(0)).filter((x) => !!x);
        expect(combine(nall, c.params, started)).toEqual(fast);
      }),
      { numRuns: 500, seed: 20261122 },
    );
    // the subtree aggregates hold exactly what the raw rows under each unit's current path say
    const drift = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT anc.id AS org_unit_id, extract(year FROM a.start_date)::int AS y, count(*) AS n
        FROM activity a JOIN org_unit u ON u.id = a.org_unit_id
        JOIN org_unit anc ON u.path = anc.path OR u.path LIKE anc.path || '.%'
        WHERE a.deleted_at IS NULL AND anc.path LIKE 'VN.PT%' GROUP BY 1, 2
      ) r FULL JOIN (
        SELECT t.org_unit_id, t.year AS y, ${sql.raw(
          Array.from({ length: 12 }, (_, i) => `t.act_${i + 1}`).join(' + '),
        )} AS n FROM indicator_count_tree t JOIN org_unit u ON u.id = t.org_unit_id WHERE u.path LIKE 'VN.PT%'
      ) c USING (org_unit_id, y)
      WHERE coalesce(r.n, 0) <> coalesce(c.n, 0)`.execute(db);
    expect(drift.rows[0]!.n).toBe(0);
  });
});
