/**
 * Indicator benchmarks on the synthetic national dataset, for one database engine:
 * (a) national_dashboard — every target × every province × 5 years, from the aggregates;
 * (b) province_dashboard — one province's cards and its child units × targets (all its communes),
 *     as GET /api/indicators/dashboard computes them;
 * (c) commune_dashboard — one commune's cards and its villages × targets, the same way;
 * (d) save_to_visible — POST /api/activities through the real HTTP stack (Fastify inject, session,
 *     validation, transaction with the aggregate triggers) until the commune's indicator shows it;
 * (e) naive_national_dashboard — the same national figures from raw activities with a recursive
 *     CTE over the org tree (no aggregates). Its figures must equal (a)'s: the bench fails otherwise.
 */
import { isDeepStrictEqual } from 'node:util';
import { migrate, type Database } from '@binhdang/db';
import { buildApp, DEMO_PASSWORD } from '../packages/server/src/index.js';
import { loadAdminUnits } from '../packages/server/src/seed/admin-units.js';
import { loadDemo } from '../packages/server/src/seed/demo.js';
import {
  loadNational,
  NATIONAL_AS_OF,
  NATIONAL_SPECS,
  type NationalSize,
  type NationalSummary,
} from '../packages/server/src/seed/national.js';
import {
  computeDashboard,
  computeIndicators,
  computeNationalDashboard,
  naiveNationalDashboard,
} from '../packages/server/src/indicators/service.js';

export interface Result {
  name: string;
  db: string;
  p50_ms: number;
  p95_ms: number;
  runs: number;
}

export interface IndicatorBench {
  results: Result[];
  dataset: { activities: number; orgUnits: number };
  load: NationalSummary;
  /** Rows of the national dashboard (targets × provinces × years) and the units measured. */
  checked: { nationalRows: number; province: string; commune: string };
  rssMb: number;
}

export function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(3));
}

/**
 * Times fn over up to `runs` runs after up to `warmup` untimed ones; stops early (at least one
 * timed run) once `budgetMs` is spent, so a slow baseline cannot hold the bench for an hour.
 * `first` is an already measured run (the correctness check) counted as a warm-up.
 */
export async function timeIt(
  name: string,
  db: string,
  runs: number,
  warmup: number,
  fn: () => Promise<unknown>,
  budgetMs = 120_000,
  first?: number,
): Promise<Result> {
  const start = performance.now();
  const slow = first !== undefined && first > budgetMs / 4;
  for (let i = first === undefined ? 0 : 1; i < warmup && !slow; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (performance.now() - start > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  return { name, db, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), runs: times.length };
}

export interface IndicatorBenchOptions {
  size: NationalSize;
  seed: number;
  /** Multiplies the default run counts (--runs-scale). */
  runsScale?: number;
  /** Time budget per case in ms (default 120 s): slow cases stop early, at least one run. */
  budgetMs?: number;
  log?: (line: string) => void;
}

export async function benchIndicators(database: Database, o: IndicatorBenchOptions): Promise<IndicatorBench> {
  const log = o.log ?? (() => {});
  const scale = o.runsScale ?? 1;
  const runs = (n: number) => Math.max(3, Math.round(n * scale));
  const kind = database.kind;
  const db = database.db;

  await migrate(database);
  await loadAdminUnits(db);
  await loadDemo(db);
  const load = await loadNational(database, {
    size: o.size,
    seed: o.seed,
    log: (l) => log(`[${kind}] ${l}`),
  });
  log(`[${kind}] national dataset (${o.size}) loaded in ${load.ms.total} ms: ${load.activities} activities`);

  const years = NATIONAL_SPECS[o.size].years;
  const asOf = NATIONAL_AS_OF;
  const period = String(years[years.length - 1]);

  // The province with the most communes in the dataset, and the demo commune (Lai Châu, in every size).
  const province = (
    await db
      .selectFrom('org_unit as p')
      .innerJoin('plan', 'plan.org_unit_id', 'p.id')
      .select(['p.code'])
      .select((eb) =>
        eb
          .selectFrom('org_unit as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.parent_id', '=', 'p.id')
          .where('c.kind', '=', 'commune')
          .as('communes'),
      )
      .where('p.kind', '=', 'province')
      .orderBy('communes', 'desc')
      .orderBy('p.code')
      .executeTakeFirstOrThrow()
  ).code;
  const commune = '03394';

  let t0 = performance.now();
  const ours = await computeNationalDashboard(db, { years, asOf });
  const oursMs = performance.now() - t0;
  if (ours.length === 0) throw new Error(`[${kind}] national dashboard is empty: nothing to compare`);

  const results: Result[] = [];
  const push = (r: Result) => {
    results.push(r);
    log(`[${kind}] ${r.name}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms (${r.runs} runs)`);
  };
  push(
    await timeIt(
      'national_dashboard',
      kind,
      runs(20),
      2,
      () => computeNationalDashboard(db, { years, asOf }),
      o.budgetMs,
      oursMs,
    ),
  );
  push(
    await timeIt('province_dashboard', kind, runs(50), 3, () => computeDashboard(db, { org: province, period, asOf })),
  );
  push(
    await timeIt('commune_dashboard', kind, runs(100), 5, () => computeDashboard(db, { org: commune, period, asOf })),
  );

  // (d) save → visible, through the HTTP route as the commune's reporter.
  const app = await buildApp({ database, webDist: null, loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xa.laichau', password: DEMO_PASSWORD },
    });
    const cookie = `bd_session=${login.cookies.find((c) => c.name === 'bd_session')!.value}`;
    const sessions = async (): Promise<number> => {
      const r = await computeIndicators(db, { org: commune, period, asOf });
      const t1 = r.items.find((i) => i.ruleKind === 'units_meeting_count');
      if (!t1?.totals) throw new Error(`[${kind}] commune ${commune} has no count target in ${period}`);
      return t1.totals.activities;
    };
    let n = 0;
    const saveAndSee = async () => {
      const before = await sessions();
      const t0 = performance.now();
      const r = await app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: { cookie },
        payload: {
          kind: 'talk',
          title: `Nói chuyện chuyên đề về bình đẳng giới (bench ${++n})`,
          startDate: `${period}-11-18`,
          endDate: `${period}-11-18`,
          audiences: ['residents'],
          participantsFemale: 31,
          participantsMale: 24,
          participantsTotal: 55,
        },
      });
      if (r.statusCode !== 201)
        throw new Error(`[${kind}] POST /api/activities: ${r.statusCode} ${r.body.slice(0, 300)}`);
      for (;;) {
        if ((await sessions()) === before + 1) break;
        if (performance.now() - t0 > 5_000) throw new Error(`[${kind}] saved activity not visible after 5 s`);
      }
      return performance.now() - t0;
    };
    for (let i = 0; i < 3; i++) await saveAndSee();
    const times: number[] = [];
    const saveRuns = runs(30);
    for (let i = 0; i < saveRuns; i++) times.push(await saveAndSee());
    times.sort((a, b) => a - b);
    push({
      name: 'save_to_visible',
      db: kind,
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
      runs: saveRuns,
    });
  } finally {
    await app.close();
  }

  // (e) last (it is slow): once to check the figures — the naive path must agree with the
  // aggregates exactly — then timed within the budget.
  t0 = performance.now();
  const naive = await naiveNationalDashboard(db, { years, asOf });
  const naiveMs = performance.now() - t0;
  if (!isDeepStrictEqual(ours, naive)) {
    const diff = ours.findIndex((r, i) => !isDeepStrictEqual(r, naive[i]));
    throw new Error(
      `[${kind}] naive and aggregate national dashboards differ (${ours.length} vs ${naive.length} rows; first difference at ${diff}: ` +
        `${JSON.stringify(ours[diff])} vs ${JSON.stringify(naive[diff])})`,
    );
  }
  log(
    `[${kind}] national dashboard: ${ours.length} figures, naive = ours (${Math.round(naiveMs)} vs ${Math.round(oursMs)} ms)`,
  );
  push(
    await timeIt(
      'naive_national_dashboard',
      kind,
      runs(5),
      1,
      () => naiveNationalDashboard(db, { years, asOf }),
      o.budgetMs,
      naiveMs,
    ),
  );

  const count = async (table: 'activity' | 'org_unit') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    results,
    dataset: { activities: await count('activity'), orgUnits: await count('org_unit') },
    load,
    checked: { nationalRows: ours.length, province, commune },
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
}
