/**
 * The benchmark orchestrator (`npm run bench [-- --json] [-- --size small|full]`):
 * 1. indicators on the synthetic national dataset (bench/indicators.ts): national, province and
 *    commune dashboards, save-to-visible, the naive baseline — on PGlite (a temp directory) and
 *    on the PostgreSQL server (a scratch database, dropped afterwards), in the same run;
 * 2. org-tree reads through the real HTTP stack (Fastify inject, session, scope filter, SQL);
 * 3. the plan parser (bench/parse.ts, run as a child process);
 * 4. bulk activity import (bench/import.ts), when present.
 * The report ({dataset, results, ratios, …}) always goes to bench/results/latest.json and, with
 * --json, to stdout (progress lines then go to stderr).
 *
 * Options: --size small|full (default full: ≥ 1,000,000 activities; small: 50,000),
 * --seed N (default 1790), --engines pglite,postgres, --runs N (org API, default 200),
 * --runs-scale x (multiplies the indicator run counts), --budget s (time budget per case, default 120:
 * a slow case stops early after at least one timed run), --skip-org, --skip-parse, --skip-import,
 * --out file (instead of bench/results/latest.json).
 * The server is DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '@binhdang/db';
import { buildApp, DEMO_PASSWORD } from '../packages/server/src/index.js';
import { loadAdminUnits } from '../packages/server/src/seed/admin-units.js';
import { loadDemo } from '../packages/server/src/seed/demo.js';
import { NATIONAL_SIZES, type NationalSize } from '../packages/server/src/seed/national.js';
import { benchIndicators, percentile, type IndicatorBench, type Result } from './indicators.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = flag('--json');
const size = (opt('--size') ?? 'full') as NationalSize;
if (!NATIONAL_SIZES.includes(size)) throw new Error(`--size must be one of ${NATIONAL_SIZES.join(', ')}`);
const seed = Number(opt('--seed') ?? 1790);
const orgRuns = Number(opt('--runs')) || 200;
const runsScale = Number(opt('--runs-scale')) || 1;
const budgetMs = (Number(opt('--budget')) || 120) * 1000;
const engines = (opt('--engines') ?? 'pglite,postgres').split(',');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');

// ---------------------------------------------------------------------------------------------
// Org API (the foundation benchmark)

async function benchOrgApi(database: Database): Promise<Result[]> {
  await migrate(database);
  await loadAdminUnits(database.db);
  await loadDemo(database.db);
  const app = await buildApp({ database, webDist: null, loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } });
  const cookie = async (username: string) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    return `bd_session=${r.cookies.find((c) => c.name === 'bd_session')!.value}`;
  };
  const national = await cookie('admin');
  const province = await cookie('tinh.laichau');
  const cases: [string, string, string][] = [
    ['health', '/api/health', national],
    ['me', '/api/me', province],
    ['province_children', '/api/org-units?parent=12', province],
    ['national_provinces', '/api/org-units?parent=VN', national],
    ['national_all_communes', '/api/org-units?kind=commune&limit=5000', national],
    ['national_search_accentless', '/api/org-units?q=binh%20minh', national],
    ['unit_with_ancestors', '/api/org-units/03394', national],
  ];
  const results: Result[] = [];
  for (const [name, url, c] of cases) {
    for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url, headers: { cookie: c } }); // warm-up
    const times: number[] = [];
    for (let i = 0; i < orgRuns; i++) {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie: c } });
      times.push(performance.now() - t0);
      if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    results.push({
      name,
      db: database.kind,
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
      runs: orgRuns,
    });
  }
  await app.close();
  return results;
}

// ---------------------------------------------------------------------------------------------
// Engines

/** A PGlite database in a fresh temp directory, removed afterwards. */
async function withPglite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhdang-bench-'));
  const database = await openDatabase({ dataDir: dir, databaseUrl: '' });
  try {
    return await fn(database);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A scratch database on the server, dropped afterwards: the bench never touches real data. */
async function withServer<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `bd_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  try {
    const database = await openDatabase({ databaseUrl: url.toString() });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function serverReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------

const started = Date.now();
const withServerToo = engines.includes('postgres') && (await serverReachable());
if (engines.includes('postgres') && !withServerToo) {
  if (process.env.DATABASE_URL) throw new Error(`PostgreSQL server not reachable at DATABASE_URL`);
  log(`PostgreSQL server not reachable at ${serverUrl}: PGlite only`);
}

const indicator: Partial<Record<'pglite' | 'postgres', IndicatorBench>> = {};
const memory: Record<string, number> = {};
if (engines.includes('pglite')) {
  indicator.pglite = await withPglite((db) => benchIndicators(db, { size, seed, runsScale, budgetMs, log }));
  memory.pglite_rss_after_bench_mb = indicator.pglite.rssMb;
}
memory.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
if (withServerToo)
  indicator.postgres = await withServer((db) => benchIndicators(db, { size, seed, runsScale, budgetMs, log }));

const orgApi: Result[] = [];
if (!flag('--skip-org')) {
  if (engines.includes('pglite'))
    orgApi.push(...(await withPglite((db) => benchOrgApi(db)).catch((e: Error) => (log(`org API: ${e.message}`), []))));
  if (withServerToo) orgApi.push(...(await withServer((db) => benchOrgApi(db))));
}

let parser: unknown = null;
if (!flag('--skip-parse')) {
  const r = spawnSync(process.execPath, [...process.execArgv, path.join(here, 'parse.ts'), '--json'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench/parse.ts failed: ${r.stderr}`);
  parser = JSON.parse(r.stdout) as unknown;
}

let importResult: unknown = null;
const importFile = path.join(here, 'import.ts');
if (!flag('--skip-import') && fs.existsSync(importFile)) {
  // bench/import.ts (bulk activity import throughput) exports one function taking no required argument.
  const mod = (await import(importFile)) as Record<string, unknown>;
  const fn = (mod.benchImport ?? mod.runImportBench ?? mod.default) as
    ((o?: { engines?: string[]; serverUrl?: string; log?: (l: string) => void }) => Promise<unknown>) | undefined;
  if (typeof fn === 'function') importResult = await fn({ engines, serverUrl, log });
  else log('bench/import.ts exports no benchImport(): skipped');
}

const results = [...(indicator.pglite?.results ?? []), ...(indicator.postgres?.results ?? [])];
const ratio = (db: 'pglite' | 'postgres') => {
  const get = (name: string) => results.find((r) => r.db === db && r.name === name)?.p50_ms;
  const naive = get('naive_national_dashboard');
  const ours = get('national_dashboard');
  return naive !== undefined && ours ? Number((naive / ours).toFixed(1)) : null;
};
const any = indicator.postgres ?? indicator.pglite;
const report = {
  dataset: { activities: any?.dataset.activities ?? 0, orgUnits: any?.dataset.orgUnits ?? 0 },
  results,
  ratios: { naive_over_ours_postgres: ratio('postgres'), naive_over_ours_pglite: ratio('pglite') },
  size,
  seed,
  checked: any?.checked ?? null,
  load_ms: Object.fromEntries(Object.entries(indicator).map(([k, v]) => [k, v.load.ms])),
  generated: any
    ? {
        units: any.load.units,
        closedUnits: any.load.closedUnits,
        campaignPlans: any.load.campaignPlans,
        plans: any.load.plans,
        checksum: any.load.checksum,
      }
    : null,
  memory,
  machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => Number(l.toFixed(2))) },
  org_api: orgApi,
  parser,
  import: importResult,
  seconds: Math.round((Date.now() - started) / 1000),
};
const out = opt('--out') ? path.resolve(opt('--out')!) : path.join(here, 'results', 'latest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
if (json) console.log(JSON.stringify(report));
else {
  console.table(results);
  console.log('ratios naive/ours (p50):', report.ratios);
  if (orgApi.length) console.table(orgApi);
  console.log(`written to ${path.relative(process.cwd(), out)} in ${report.seconds} s`);
}
