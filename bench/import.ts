/**
 * Bulk import throughput: a deterministic CSV of valid activities imported (commit, one
 * transaction) through importActivities — the service behind the API and the CLI, with its
 * default chunk size — on PGlite (a temporary data directory) and on the PostgreSQL server (a
 * scratch database, created and dropped). Rows/s = rows / wall time of the whole import: CSV
 * parse, cell parsing, validation against the reference data, the INSERTs (indicator triggers
 * live), the audit row, commit. Generating the file is not timed (it is the upload).
 * Each figure carries the machine's 1-minute load average before and after it, the Node
 * process's CPU seconds and its peak RSS so far.
 *
 * Usage: npx tsx bench/import.ts [--json] [--rows 100000,1000000] [--pglite-rows …]
 *   [--engines pglite,postgres]
 * Default: 100k and 1M on both engines. The server is DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, type Database } from '@binhdang/db';
import { ACTIVITY_IMPORT_COLUMNS, headerOf, type ImportField } from '@binhdang/domain';
import { importActivities, loadAdminUnits, loadDemo } from '@binhdang/server';

export interface ImportBenchResult {
  name: string;
  db: string;
  rows: number;
  rows_per_s: number;
  seconds: number;
  /** CPU seconds of this Node process during the import (parsing, validation, serialising; PGlite's engine too). */
  node_cpu_s: number;
  /** 1-minute load average before and after the import. */
  load_before: number;
  load_after: number;
  /** Peak RSS of the process so far (MB). */
  max_rss_mb: number;
}

const KINDS = ['Hội nghị', 'training', 'Tập huấn, bồi dưỡng', 'news_item', 'Tờ rơi, tờ gấp', 'Nói chuyện chuyên đề'];
const AUDIENCES = ['Phụ nữ; Người dân', 'women', 'Cán bộ, công chức, viên chức', ''];

/** A CSV of `rows` valid activities of a province department, the same bytes every run. */
export function benchCsv(rows: number, communes: readonly string[]): Buffer {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const idx = (f: ImportField) => ACTIVITY_IMPORT_COLUMNS.findIndex((c) => c.field === f);
  const width = ACTIVITY_IMPORT_COLUMNS.length;
  const parts: string[] = ['\ufeff' + ACTIVITY_IMPORT_COLUMNS.map((c) => quote(headerOf(c))).join(',') + '\n'];
  const cells: string[] = new Array<string>(width).fill('');
  for (let i = 0; i < rows; i++) {
    cells.fill('');
    const f = i % 53;
    const m = i % 47;
    cells[idx('kind')] = quote(KINDS[i % KINDS.length]!);
    cells[idx('title')] = `Hoạt động truyền thông bình đẳng giới số ${i}`;
    cells[idx('startDate')] = `${1 + (i % 28)}/${1 + (i % 12)}/${2022 + (i % 5)}`;
    cells[idx('communeCode')] = communes[i % communes.length]!;
    cells[idx('channel')] = 'Trực tiếp';
    cells[idx('audiences')] = quote(AUDIENCES[i % AUDIENCES.length]!);
    cells[idx('participantsFemale')] = String(f);
    cells[idx('participantsMale')] = String(m);
    cells[idx('participantsTotal')] = String(f + m + (i % 3));
    cells[idx('costStateBudget')] = String((i % 200) * 50_000);
    if (i % 10 === 0) cells[idx('notes')] = 'Lồng ghép trong buổi sinh hoạt định kỳ';
    parts.push(cells.join(',') + '\n');
  }
  return Buffer.from(parts.join(''));
}

async function prepare(database: Database): Promise<string[]> {
  await migrate(database);
  await loadAdminUnits(database.db);
  await loadDemo(database.db);
  const rows = await database.db
    .selectFrom('org_unit')
    .select('code')
    .where('kind', '=', 'commune')
    .where('province_code', '=', '12')
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

async function runOne(database: Database, communes: string[], rows: number, log: (s: string) => void) {
  const csv = benchCsv(rows, communes);
  const load = () => Number(os.loadavg()[0]!.toFixed(2));
  const loadBefore = load();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let logged = 0;
  const report = await importActivities(database.db, null, csv, {
    mode: 'commit',
    orgUnit: '12-SNV',
    fileName: `bench-${rows}.csv`,
    onProgress: (p) => {
      if (p.written - logged < 100_000) return;
      logged = p.written;
      log(
        `  ${database.kind} ${p.written} rows written, ${((performance.now() - t0) / 1000).toFixed(1)} s, load ${load()}`,
      );
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!report.ok || report.imported !== rows)
    throw new Error(`bench import failed: ${report.errorCount} errors, first ${JSON.stringify(report.errors[0])}`);
  return {
    name: `import_csv_${rows >= 1_000_000 ? rows / 1_000_000 + 'm' : rows / 1000 + 'k'}`,
    db: database.kind,
    rows,
    rows_per_s: Math.round(rows / seconds),
    seconds: Number(seconds.toFixed(2)),
    node_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    load_before: loadBefore,
    load_after: load(),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Runs the import bench (bench/run.ts passes its engines and server URL). */
export async function benchImport(
  opts: {
    rows?: number[];
    pgliteRows?: number[];
    engines?: string[];
    serverUrl?: string;
    log?: (s: string) => void;
  } = {},
): Promise<ImportBenchResult[]> {
  const log = opts.log ?? ((s: string) => console.error(s));
  const engines = opts.engines ?? ['pglite', 'postgres'];
  const serverUrl = opts.serverUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sizes = opts.rows ?? [100_000, 1_000_000];
  const results: ImportBenchResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-bench-import-'));
  try {
    for (const rows of engines.includes('pglite') ? (opts.pgliteRows ?? sizes).filter((n) => n > 0) : []) {
      // A fresh database per size, so each figure starts from the same table.
      const dataDir = path.join(dir, String(rows));
      const pglite = await openDatabase({ dataDir, databaseUrl: '' });
      try {
        const communes = await prepare(pglite);
        results.push(await runOne(pglite, communes, rows, log));
        log(`  pglite rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
      } finally {
        await pglite.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (engines.includes('postgres')) {
    const pg = (await import('pg')).default;
    for (const rows of sizes.filter((n) => n > 0)) {
      const name = `import_bench_${process.pid}_${rows}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = '/' + name;
      const server = await openDatabase({ databaseUrl: url.toString() });
      try {
        const communes = await prepare(server);
        results.push(await runOne(server, communes, rows, log));
      } catch (e) {
        log(`server bench failed: ${(e as Error).stack ?? String(e)}`);
        throw e;
      } finally {
        await server.close();
        // pg-pool resolves end() before its sockets are gone; a forced drop meanwhile kills them noisily.
        await new Promise((r) => setTimeout(r, 500));
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  return results;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const list = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1]!.split(',').map(Number) : undefined;
  };
  const rows = list('--rows');
  const pgliteRows = list('--pglite-rows');
  const e = args.indexOf('--engines');
  const engines = e >= 0 ? args[e + 1]!.split(',') : undefined;
  const results = await benchImport({
    ...(rows ? { rows } : {}),
    ...(pgliteRows ? { pgliteRows } : {}),
    ...(engines ? { engines } : {}),
  });
  const report = {
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => Number(l.toFixed(1))) },
    results,
  };
  if (args.includes('--json')) console.log(JSON.stringify(report));
  else console.table(results);
}
