/**
 * `binhdang activities import|export|template`: bulk activities from the command line, in process
 * against the database (like `plan import`), through the same service as the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Database } from '@binhdang/db';
import type { ImportCellError } from '@binhdang/domain';
import {
  actorForUsername,
  exportActivities,
  importActivities,
  systemReader,
  writeTemplate,
  type ImportReport,
} from '@binhdang/server';

export interface ImportCliOptions {
  org: string;
  dryRun?: boolean;
  as?: string;
  json?: boolean;
  /** Errors printed in the table (all are counted). */
  show?: number;
  progress?: boolean;
}

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n));

/** The first `show` errors as a plain table, then how many more. */
export function errorTable(errors: ImportCellError[], total: number, show = 50): string {
  const lines = [`${pad('Dòng', 7)} ${pad('Cột', 4)} ${pad('Tiêu đề', 28)} ${pad('Giá trị', 22)} Lỗi`];
  for (const e of errors.slice(0, show))
    lines.push(`${pad(String(e.row), 7)} ${pad(e.column, 4)} ${pad(e.header, 28)} ${pad(e.value, 22)} ${e.vi}`);
  if (total > Math.min(show, errors.length))
    lines.push(
      `… và ${total - Math.min(show, errors.length)} lỗi khác (and ${total - Math.min(show, errors.length)} more)`,
    );
  return lines.join('\n');
}

/** Imports a file; returns the process exit code (0 clean, 1 when any cell was refused). */
export async function runActivitiesImport(
  database: Database,
  file: string,
  opts: ImportCliOptions,
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): Promise<{ code: number; report: ImportReport }> {
  const data = fs.readFileSync(file);
  const caller = opts.as ? await actorForUsername(database.db, opts.as) : null;
  // CSV: a line count is a fair total for the bar; .xlsx shows rows read without a total.
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  let lines = 0;
  if (!isZip) for (let i = 0; i < data.length; i++) if (data[i] === 10) lines++;
  const bar =
    opts.progress === false || opts.json
      ? null
      : new cliProgress.SingleBar(
          {
            stream: err as NodeJS.WritableStream,
            format: `${opts.dryRun ? 'kiểm tra' : 'nhập'} [{bar}] {value}/{total} dòng | ghi {written}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
  bar?.start(Math.max(lines - 1, 1), 0, { written: 0 });
  let report: ImportReport;
  try {
    report = await importActivities(database.db, caller, data, {
      mode: opts.dryRun ? 'dry-run' : 'commit',
      orgUnit: opts.org,
      fileName: path.basename(file),
      onProgress: (p) => {
        if (bar && p.rows > bar.getTotal()) bar.setTotal(p.rows);
        bar?.update(p.rows, { written: p.written });
      },
    });
  } finally {
    bar?.stop();
  }
  if (opts.json) out.write(JSON.stringify(report) + '\n');
  else if (report.ok) {
    out.write(
      opts.dryRun
        ? `${report.rows} dòng hợp lệ, chưa ghi (--dry-run) / ${report.rows} rows valid, nothing written\n`
        : `đã nhập ${report.imported} hoạt động cho ${report.orgUnit.name} / imported ${report.imported} activities (batch ${report.batchId})\n`,
    );
  } else {
    err.write(errorTable(report.errors, report.errorCount, opts.show ?? 50) + '\n');
    err.write(
      `${report.errorCount} ô lỗi ở ${report.errorRows}/${report.rows} dòng; không ghi dòng nào / ${report.errorCount} bad cells in ${report.errorRows} rows; nothing written\n`,
    );
  }
  return { code: report.ok ? 0 : 1, report };
}

export interface ExportCliOptions {
  org: string;
  format: 'csv' | 'xlsx';
  period?: string;
  as?: string;
}

export async function runActivitiesExport(database: Database, opts: ExportCliOptions, out: Writable): Promise<number> {
  const caller = opts.as ? await actorForUsername(database.db, opts.as) : await systemReader(database.db);
  return exportActivities(
    database.db,
    caller,
    { org: opts.org, ...(opts.period ? { period: opts.period } : {}) },
    opts.format,
    out,
  );
}

type WithDatabase = (fn: (db: Database) => Promise<void>) => Promise<void>;

export function registerActivityCommands(program: Command, withDatabase: WithDatabase): void {
  const activities = program.command('activities').description('Activities (hoạt động): bulk import and export');
  activities
    .command('import')
    .description('Import activities from an .xlsx or .csv file (the template layout); all rows or none')
    .argument('<file>', '.xlsx or .csv file')
    .requiredOption('-o, --org <code>', 'recording unit for rows without one, e.g. 03394 or 12-SNV')
    .option('--dry-run', 'check every row, write nothing')
    .option('--as <username>', 'check rights and scope as this user (default: the system, no scope limit)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { org: string; dryRun?: boolean; as?: string; json?: boolean }) => {
      await withDatabase(async (database) => {
        const { code } = await runActivitiesImport(database, file, opts);
        process.exitCode = code;
      });
    });
  activities
    .command('export')
    .description('Export the activities of a unit subtree as .csv or .xlsx to standard output')
    .requiredOption('-o, --org <code>', 'subtree root, e.g. 12')
    .option('-f, --format <format>', 'csv or xlsx', 'csv')
    .option('-p, --period <period>', 'period code: 2026, 2026S1, 2026Q4, 2026-11')
    .option('--as <username>', 'read as this user (their scope)')
    .action(async (opts: { org: string; format: string; period?: string; as?: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') {
        console.error('--format: csv hoặc xlsx / csv or xlsx');
        process.exitCode = 2;
        return;
      }
      // Standard output carries the file: everything else goes to standard error.
      console.log = console.error;
      await withDatabase(async (database) => {
        const n = await runActivitiesExport(
          database,
          { ...opts, format: opts.format as 'csv' | 'xlsx' },
          process.stdout,
        );
        console.error(`${n} hoạt động / activities`);
      });
    });
  activities
    .command('template')
    .description('Write the empty import template (.xlsx or .csv) to a file')
    .argument('<file>', 'output file, e.g. mau.xlsx')
    .action(async (file: string) => {
      await withDatabase(async (database) => {
        await writeTemplate(database.db, file.endsWith('.csv') ? 'csv' : 'xlsx', fs.createWriteStream(file));
        console.log(`written ${file}`);
      });
    });
}
