/**
 * Foundation benchmarks: org-tree reads through the real HTTP stack (Fastify inject, session
 * lookup, scope filter, SQL) on embedded PGlite, and on the PostgreSQL server when DATABASE_URL is set.
 * Usage: npm run bench [-- --json] [-- --runs 200]. Results also go to bench/results/latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, type Database } from '@binhdang/db';
import { buildApp, DEMO_PASSWORD, loadAdminUnits, loadDemo } from '@binhdang/server';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 200;

interface Result {
  name: string;
  db: string;
  p50_ms: number;
  p95_ms: number;
  runs: number;
}

function percentile(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3));
}

async function benchEngine(database: Database): Promise<Result[]> {
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
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie: c } });
      times.push(performance.now() - t0);
      if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    results.push({ name, db: database.kind, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), runs });
  }
  await app.close();
  return results;
}

const results: Result[] = [];
const pglite = await openDatabase({ dataDir: null, databaseUrl: '' });
try {
  results.push(...(await benchEngine(pglite)));
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  // A throw-away database on the server so the bench never touches real data.
  const pg = (await import('pg')).default;
  const name = `bd_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/' + name;
  const server = await openDatabase({ databaseUrl: url.toString() });
  try {
    results.push(...(await benchEngine(server)));
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const units = 3357;
const report = {
  dataset: { orgUnits: units, activities: 0 },
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  results,
};
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
fs.writeFileSync(out, JSON.stringify(report, null, 2));
if (json) console.log(JSON.stringify(report));
else {
  console.table(results);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}
