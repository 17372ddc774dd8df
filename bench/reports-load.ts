/**
 * Load: every commune of Vietnam (3,321) submits its annual report within one minute, through the
 * real HTTP server on loopback (autocannon), on the PostgreSQL server and on PGlite.
 *
 * Set-up (not measured): a scratch database (PostgreSQL: a new database, dropped afterwards;
 * PGlite: in memory) with the administrative units, a national plan whose reporting rule expects
 * every commune ("UBND các xã, phường", annual, before 01/12), 3 activities per commune, one
 * reporter per commune and its open draft. Users and sessions are bulk-inserted: hashing 3,321
 * argon2 passwords and logging in 3,321 times would measure login, not reporting; the users get an
 * unusable password hash and a session row whose token the bench holds (the cookie is the same as
 * after a real login). Drafts are inserted as the service would open them.
 *
 * Measured: POST /api/reports/:id/submit with each commune's own session — scope check, live
 * figures from its activities (the same queries as a real draft), snapshot, version row, audit —
 * one request per commune, `--connections` at a time (default 32; PostgreSQL pool `--pool`, default 20). Afterwards the database must
 * hold 3,321 submitted reports, 3,321 versions and 3,321 audit entries.
 *
 *   npx tsx bench/reports-load.ts [--json] [--engines postgres,pglite] [--count N] [--connections C] [--pool P]
 *
 * DATABASE_URL is the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '@binhdang/db';
import { parsePeriod, PlanInput } from '@binhdang/domain';
import { buildApp } from '../packages/server/src/index.js';
import { loadAdminUnits } from '../packages/server/src/seed/admin-units.js';
import { loadDemo } from '../packages/server/src/seed/demo.js';
import { createPlan } from '../packages/server/src/plans/service.js';
import { hashToken } from '../packages/server/src/auth/sessions.js';
import { dueOf, loadRules } from '../packages/server/src/reports/obligations.js';

export interface ReportsLoadResult {
  engine: 'postgres' | 'pglite';
  reports: number;
  connections: number;
  requests: number;
  errors: number;
  non2xx: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  durationS: number;
  requestsPerSecond: number;
  withinOneMinute: boolean;
  submittedInDb: number;
  versionsInDb: number;
  auditInDb: number;
  setupS: number;
  /** CPU time of this process (server and load generator) during the load. */
  serverCpuS: number;
  /** That CPU time per request (what bounds throughput when the machine is free). */
  cpuMsPerSubmit: number;
  /** The 1-minute load average before and after: other processes compete for the same cores. */
  machine: { cores: number; loadAvgStart: number; loadAvgEnd: number };
}

async function scratchPostgres(
  serverUrl: string,
  poolSize: number,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `bd_bench_reports_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function chunked<T>(rows: T[], size: number, f: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await f(rows.slice(i, i + size));
}

/** Prepares the communes, their reporters, sessions and drafts; returns [report id, cookie] pairs. */
async function prepare(database: Database, count: number): Promise<{ id: string; cookie: string }[]> {
  const db = database.db;
  await migrate(database);
  await loadAdminUnits(db);
  await loadDemo(db);
  const plan = await createPlan(
    db,
    null,
    PlanInput.parse({
      orgUnit: 'VN',
      title: 'Bench: báo cáo năm của các xã, phường, đặc khu',
      kind: 'program',
      periodFrom: 2026,
      periodTo: 2030,
      assignments: [{ orgName: 'UBND các xã, phường, đặc khu', role: 'lead' }],
      reportingRules: [{ frequency: 'annual', deadline: '01/12' }],
    }),
  );
  await db.updateTable('plan').set({ status: 'issued' }).where('id', '=', plan.id).execute();
  const [rule] = await loadRules(db, { planIds: [plan.id] });
  const due = dueOf(rule!, parsePeriod('2026')!);
  const communes = (
    await db
      .selectFrom('org_unit')
      .select(['id', 'code', 'path', 'province_code'])
      .where('kind', '=', 'commune')
      .where('valid_to', 'is', null)
      .orderBy('path')
      .execute()
  ).slice(0, count);

  const kinds = ['talk', 'news_item', 'leaflet'] as const;
  const activities = communes.flatMap((c, i) =>
    kinds.map((kind, k) => ({
      id: crypto.randomUUID(),
      org_unit_id: c.id,
      org_path: c.path,
      province_code: c.province_code,
      kind,
      title: `Hoạt động ${k + 1} của xã ${c.code}`,
      start_date: `2026-0${1 + ((i + k) % 9)}-15`,
      end_date: `2026-0${1 + ((i + k) % 9)}-15`,
      channel: kind === 'talk' ? 'direct' : kind === 'news_item' ? 'online' : null,
      audiences: kind === 'talk' ? ['women', 'men_boys'] : ['residents'],
      participants_female: kind === 'talk' ? 20 + (i % 30) : null,
      participants_male: kind === 'talk' ? 15 + (i % 20) : null,
      participants_total: kind === 'talk' ? 35 + (i % 30) + (i % 20) : null,
      products_count: kind === 'leaflet' ? 200 : null,
      cost_state_budget: 1_500_000,
    })),
  );
  await chunked(activities, 1000, (rows) => db.insertInto('activity').values(rows).execute());

  const users = communes.map((c) => ({
    id: crypto.randomUUID(),
    username: `bench.${c.code}`,
    display_name: `Bench ${c.code}`,
    // Not an argon2 hash: nobody can log in with it; the bench holds a session instead.
    password_hash: '!bench-no-login',
    org_unit_id: c.id,
    roles: ['reporter'],
  }));
  await chunked(users, 1000, (rows) => db.insertInto('app_user').values(rows).execute());
  const tokens = users.map(() => crypto.randomBytes(32).toString('base64url'));
  await chunked(
    users.map((u, i) => ({
      token_hash: hashToken(tokens[i]!),
      user_id: u.id,
      expires_at: new Date(Date.now() + 24 * 3600_000),
    })),
    1000,
    (rows) => db.insertInto('user_session').values(rows).execute(),
  );
  const reports = communes.map((c, i) => ({
    id: crypto.randomUUID(),
    org_unit_id: c.id,
    org_path: c.path,
    province_code: c.province_code,
    period: '2026',
    frequency: 'annual',
    plan_id: plan.id,
    rule_id: rule!.ruleId,
    plan_title: plan.title,
    plan_number: null,
    recipient_org_unit_id: rule!.recipientOrgUnitId,
    recipient_name: rule!.recipientName,
    due_before: due.dueBefore,
    cutoff_from: due.cutoffFrom,
    cutoff_to: due.cutoffTo,
    narrative: JSON.stringify({
      results: `Xã ${c.code} tổ chức 3 hoạt động truyền thông.`,
      limitations: '',
      recommendations: '',
      nextTasks: '',
    }),
    figures: null,
    created_by: users[i]!.id,
  }));
  await chunked(reports, 1000, (rows) => db.insertInto('report').values(rows).execute());
  return reports.map((r, i) => ({ id: r.id, cookie: `bd_session=${tokens[i]}` }));
}

export async function benchReportsLoad(opts: {
  engine: 'postgres' | 'pglite';
  serverUrl?: string;
  count?: number;
  connections?: number;
  /** PostgreSQL pool size of the server under test (default 20). */
  poolSize?: number;
  log?: (line: string) => void;
}): Promise<ReportsLoadResult> {
  const log = opts.log ?? (() => {});
  const count = opts.count ?? 3321;
  const connections = opts.connections ?? 32;
  const t0 = Date.now();
  const scratch =
    opts.engine === 'postgres'
      ? await scratchPostgres(opts.serverUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres', opts.poolSize ?? 20)
      : { database: await openDatabase({ dataDir: null, databaseUrl: '' }), drop: async () => {} };
  const { database } = scratch;
  const app = await buildApp({ database, webDist: null });
  try {
    const targets = await prepare(database, count);
    const setupS = (Date.now() - t0) / 1000;
    log(`[reports-load ${opts.engine}] prepared ${targets.length} drafts in ${setupS.toFixed(1)} s`);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    let next = 0;
    const cpu0 = process.cpuUsage();
    const load0 = os.loadavg()[0]!;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      amount: targets.length,
      timeout: 60,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const t = targets[next++ % targets.length]!;
            return {
              ...req,
              method: 'POST',
              path: `/api/reports/${t.id}/submit`,
              headers: { ...req.headers, cookie: t.cookie, 'content-type': 'application/json' },
              body: '{"version":0}',
            };
          },
        },
      ],
    });
    const cpu = process.cpuUsage(cpu0);
    const db = database.db;
    const n = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0);
    const submittedInDb = await n(
      db
        .selectFrom('report')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'submitted')
        .executeTakeFirst(),
    );
    const versionsInDb = await n(
      db
        .selectFrom('report_version')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    );
    const auditInDb = await n(
      db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('entity', '=', 'report')
        .where('action', '=', 'submit')
        .executeTakeFirst(),
    );
    const durationS = result.duration;
    const out: ReportsLoadResult = {
      engine: opts.engine,
      reports: targets.length,
      connections,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: Math.round(result.latency.average * 10) / 10,
      },
      durationS: Math.round(durationS * 100) / 100,
      requestsPerSecond: Math.round((result.requests.total / durationS) * 10) / 10,
      withinOneMinute: durationS <= 60,
      submittedInDb,
      versionsInDb,
      auditInDb,
      setupS: Math.round(setupS * 10) / 10,
      serverCpuS: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      cpuMsPerSubmit: Math.round(((cpu.user + cpu.system) / 1e3 / Math.max(1, result.requests.total)) * 10) / 10,
      machine: { cores: os.cpus().length, loadAvgStart: load0, loadAvgEnd: os.loadavg()[0]! },
    };
    log(
      `[reports-load ${opts.engine}] ${out.requests} submits in ${out.durationS} s (${out.requestsPerSecond}/s), ` +
        `errors ${out.errors}, non-2xx ${out.non2xx}, p50 ${out.latencyMs.p50} ms, p99 ${out.latencyMs.p99} ms; ` +
        `submitted in db ${submittedInDb}, process CPU ${out.serverCpuS} s (${out.cpuMsPerSubmit} ms/submit), ` +
        `load average ${out.machine.loadAvgStart.toFixed(1)}→${out.machine.loadAvgEnd.toFixed(1)} on ${out.machine.cores} cores`,
    );
    return out;
  } finally {
    await app.close();
    await database.close();
    await scratch.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const json = args.includes('--json');
  const engines = (opt('--engines') ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
  const log = (line: string) => (json ? process.stderr : process.stdout).write(line + '\n');
  const results: ReportsLoadResult[] = [];
  for (const engine of engines)
    results.push(
      await benchReportsLoad({
        engine,
        serverUrl: process.env.DATABASE_URL || undefined,
        count: Number(opt('--count')) || 3321,
        connections: Number(opt('--connections')) || 32,
        poolSize: Number(opt('--pool')) || 20,
        log,
      }),
    );
  if (json) process.stdout.write(JSON.stringify({ benchmark: 'reports-load', results }, null, 2) + '\n');
  const failed = results.some((r) => r.errors || r.non2xx || r.submittedInDb !== r.reports);
  process.exitCode = failed ? 1 : 0;
}
