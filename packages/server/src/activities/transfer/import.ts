/**
 * Bulk import of activities from a sheet (.xlsx or .csv): one function for the API, the CLI
 * and the bench.
 *
 * Every row is parsed (domain/activity-import) and validated (validateActivities: reference
 * data, scope, communes, plans) in chunks; EVERY bad cell is reported with its sheet row,
 * column letter and header, in Vietnamese and English. Nothing is written unless the whole file
 * is clean: a commit runs in ONE transaction — chunks are inserted as they pass, and the first
 * error anywhere rolls everything back — so memory stays bounded by a chunk, not the file.
 * Inserts are `INSERT … SELECT FROM unnest(arrays)`, one statement per chunk; one audit row
 * per batch (counts, file name), not one per activity.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  ACTIVITY_IMPORT_COLUMNS,
  columnLetter,
  createRowParser,
  hasPermission,
  LocalizedError,
  mapHeaderRow,
  msg,
  columnForHeader,
  cellText,
  isEmptyCell,
  type CellValue,
  type ImportCellError,
  type ImportedActivity,
  type ImportField,
  type ImportRefs,
} from '@binhdang/domain';
import type { Actor } from '../../context.js';
import { writeAudit } from '../../audit/audit.js';
import { findUnit, getUnitInScope } from '../../org/service.js';
import { createValidateCache, validateActivities, type ActivityRowInput, type ResolvedActivity } from '../validate.js';
import { loadImportRefs } from './refs.js';
import { openSheet, SheetFormatError, type Sheet, type SheetFormat } from './read.js';

export type ImportMode = 'dry-run' | 'commit';

export interface ImportOptions {
  mode: ImportMode;
  /** Recording unit (code or id) for rows without one; default the caller's unit. Required for a null caller. */
  orgUnit?: string;
  fileName: string;
  /**
   * Rows per validation chunk and per INSERT statement. Default 5,000, the first chunks
   * smaller (1,000, then 2,000) so that the database starts writing while the rest is read.
   */
  chunkSize?: number;
  /** Errors listed in the report (all are counted). */
  maxErrors?: number;
  /** Called after each chunk: data rows read so far, and rows written so far. */
  onProgress?: (p: { rows: number; written: number }) => void;
}

export interface ImportReport {
  ok: boolean;
  mode: ImportMode;
  fileName: string;
  format: SheetFormat | null;
  orgUnit: { id: string; code: string; name: string };
  /** Non-empty data rows read. */
  rows: number;
  /** Rows without any error. */
  validRows: number;
  /** Rows written (0 unless a clean commit). */
  imported: number;
  /** Every bad cell counted; `errors` lists the first `maxErrors`. */
  errorCount: number;
  errorRows: number;
  errors: ImportCellError[];
  truncated: boolean;
  /** The audit entity id of a committed batch. */
  batchId: string | null;
  /** Campaigns filled in from the start date (empty campaign cells). */
  campaignsSuggested: number;
}

export const MAX_IMPORT_ROWS = 1_000_000;
const DEFAULT_CHUNK = 5000;
const FIRST_CHUNK = 1000;
const DEFAULT_MAX_ERRORS = 100_000;
/** How far down the sheet the header row may be (a title line above it is common). */
const HEADER_SEARCH_ROWS = 10;

/** Thrown inside the transaction to roll it back when any row failed. */
class Rollback extends Error {}

const NO_FIELDS: ReadonlySet<string> = new Set();

/**
 * Ids for one batch in insertion order (the UUIDv7 layout of RFC 9562: a millisecond
 * timestamp, a 12-bit counter — the timestamp moves on by one when it wraps — then the 62
 * random bits of a v4 id). Ordered ids land on the right-hand page of the primary key index
 * instead of random pages: ~10 % less database time per row than v4 ids on PostgreSQL 15.
 */
export function orderedIds(): () => string {
  let ms = Date.now();
  let seq = 0;
  return () => {
    if (seq === 0x1000) {
      seq = 0;
      ms++;
    }
    const ts = ms.toString(16).padStart(12, '0');
    const counter = (seq++).toString(16).padStart(3, '0');
    return `${ts.slice(0, 8)}-${ts.slice(8)}-7${counter}-${crypto.randomUUID().slice(19)}`;
  };
}
/** One turn of the event loop (pending socket writes and reads run). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const FIELD_OF_PATH: Record<string, ImportField | ''> = { campaignId: 'campaign', id: '' };

/** The validator's input for a parsed row; failed cells get neutral stand-ins (their errors are dropped). */
function toInput(a: Partial<ImportedActivity>, failed: ReadonlySet<string>, refs: ImportRefs): ActivityRowInput {
  if (failed.size === 0 && a.kind && a.title && a.startDate) {
    // A row that parsed cleanly (nearly every row): its values as they are.
    return {
      orgUnit: a.orgUnit ?? undefined,
      kind: a.kind,
      title: a.title,
      startDate: a.startDate,
      endDate: a.endDate || a.startDate,
      communeCode: a.communeCode ?? null,
      channel: a.channel ?? null,
      audiences: a.audiences ?? [],
      participantsFemale: a.participantsFemale ?? null,
      participantsMale: a.participantsMale ?? null,
      participantsTotal: a.participantsTotal ?? null,
      ethnicMinorityParticipants: a.ethnicMinorityParticipants ?? null,
      productsCount: a.productsCount ?? null,
      reach: a.reach ?? null,
      costStateBudget: a.costStateBudget ?? null,
      costMobilised: a.costMobilised ?? null,
      costInternational: a.costInternational ?? null,
      planId: a.planId ?? null,
      taskGroupId: a.taskGroupId ?? null,
      campaignId: a.campaignId,
      notes: a.notes ?? null,
      source: 'import',
    };
  }
  const okStart = !failed.has('startDate') && a.startDate ? a.startDate : null;
  const okEnd = !failed.has('endDate') && a.endDate ? a.endDate : null;
  const start = okStart ?? okEnd ?? '2026-01-01';
  const end = okEnd ?? start;
  const nul = <T>(f: string, v: T | undefined): T | null => (failed.has(f) ? null : (v ?? null));
  return {
    orgUnit: failed.has('orgUnit') ? undefined : (a.orgUnit ?? undefined),
    kind: failed.has('kind') || !a.kind ? refs.kinds[0]!.code : a.kind,
    title: failed.has('title') || !a.title ? 'x' : a.title,
    startDate: start,
    endDate: end,
    communeCode: nul('communeCode', a.communeCode),
    channel: nul('channel', a.channel),
    audiences: failed.has('audiences') ? [] : (a.audiences ?? []),
    participantsFemale: nul('participantsFemale', a.participantsFemale),
    participantsMale: nul('participantsMale', a.participantsMale),
    participantsTotal: nul('participantsTotal', a.participantsTotal),
    ethnicMinorityParticipants: nul('ethnicMinorityParticipants', a.ethnicMinorityParticipants),
    productsCount: nul('productsCount', a.productsCount),
    reach: nul('reach', a.reach),
    costStateBudget: nul('costStateBudget', a.costStateBudget),
    costMobilised: nul('costMobilised', a.costMobilised),
    costInternational: nul('costInternational', a.costInternational),
    planId: nul('planId', a.planId),
    taskGroupId: nul('taskGroupId', a.taskGroupId),
    campaignId: failed.has('campaign') ? null : a.campaignId,
    notes: nul('notes', a.notes),
    source: 'import',
  };
}

/** Bulk insert of resolved rows: one INSERT … SELECT FROM unnest(…) statement. */
export async function insertActivities(
  db: Kysely<DB> | Transaction<DB>,
  rows: readonly (ResolvedActivity & { id: string })[],
  userId: string | null,
): Promise<void> {
  if (!rows.length) return;
  await activityInsertStatement(rows, userId).execute(db);
}

/**
 * The INSERT of insertActivities, its array literals built (the import builds the next chunk's
 * statement while the previous one still runs, so the database does not wait for it).
 */
function activityInsertStatement(
  rows: readonly (ResolvedActivity & { id: string })[],
  userId: string | null,
): RawBuilder<unknown> {
  type Row = ResolvedActivity & { id: string };
  // Array literals built here: node-postgres's generic array serializer costs ~3× more per cell.
  // Ids, dates and numbers travel bare; text is always quoted ("NULL" stays a string). A column
  // that is NULL in every row travels as '{}': unnest() of several arrays pads the shorter ones
  // with NULLs (the ids always have one per row).
  const col = (list: readonly Row[], f: (r: Row) => string | number | null): string => {
    let out = '{';
    let any = false;
    for (let i = 0; i < list.length; i++) {
      const v = f(list[i]!);
      if (v !== null) any = true;
      out += (i ? ',' : '') + (v === null ? 'NULL' : v);
    }
    return any ? out + '}' : '{}';
  };
  const text = (list: readonly Row[], f: (r: Row) => string | null): string => {
    let out = '{';
    let any = false;
    for (let i = 0; i < list.length; i++) {
      const v = f(list[i]!);
      if (v !== null) any = true;
      out += (i ? ',' : '') + (v === null ? 'NULL' : '"' + (/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v) + '"');
    }
    return any ? out + '}' : '{}';
  };
  // The recording unit (id, path, province) travels once per unit of the chunk; each row
  // carries its unit's position in those arrays.
  const unitAt = new Map<string, number>();
  const units: Row[] = [];
  let unitOfRow = '{';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let at = unitAt.get(r.orgUnitId);
    if (at === undefined) {
      units.push(r);
      at = units.length;
      unitAt.set(r.orgUnitId, at);
    }
    unitOfRow += (i ? ',' : '') + at;
  }
  unitOfRow += '}';
  // A text[] per row cannot travel inside unnest(text[][]); codes hold no ',' so they travel joined.
  return sql`
    INSERT INTO activity (id, org_unit_id, org_path, province_code, kind, title, start_date, end_date,
      commune_code, channel, audiences, participants_female, participants_male, participants_total,
      ethnic_minority_participants, products_count, reach, cost_state_budget, cost_mobilised,
      cost_international, plan_id, task_group_id, campaign_id, notes, source, search_text,
      created_by, updated_by)
    SELECT id, (${col(units, (r) => r.orgUnitId)}::uuid[])[unit], (${text(units, (r) => r.orgPath)}::text[])[unit],
      (${text(units, (r) => r.provinceCode)}::text[])[unit], kind, title, start_date, end_date, commune_code,
      channel, CASE WHEN audiences = '' THEN '{}'::text[] ELSE string_to_array(audiences, ',') END,
      participants_female, participants_male, participants_total, ethnic_minority_participants,
      products_count, reach, cost_state_budget, cost_mobilised, cost_international, plan_id,
      task_group_id, campaign_id, notes, 'import', search_text, ${userId}::uuid, ${userId}::uuid
    FROM unnest(
      ${col(rows, (r) => r.id)}::uuid[], ${unitOfRow}::int[], ${text(rows, (r) => r.kind)}::text[],
      ${text(rows, (r) => r.title)}::text[], ${col(rows, (r) => r.startDate)}::date[],
      ${col(rows, (r) => r.endDate)}::date[], ${text(rows, (r) => r.communeCode)}::text[],
      ${text(rows, (r) => r.channel)}::text[], ${text(rows, (r) => r.audiences.join(','))}::text[],
      ${col(rows, (r) => r.participantsFemale)}::int[], ${col(rows, (r) => r.participantsMale)}::int[],
      ${col(rows, (r) => r.participantsTotal)}::int[], ${col(rows, (r) => r.ethnicMinorityParticipants)}::int[],
      ${col(rows, (r) => r.productsCount)}::int[], ${col(rows, (r) => r.reach)}::bigint[],
      ${col(rows, (r) => r.costStateBudget)}::bigint[], ${col(rows, (r) => r.costMobilised)}::bigint[],
      ${col(rows, (r) => r.costInternational)}::bigint[], ${col(rows, (r) => r.planId)}::uuid[],
      ${col(rows, (r) => r.taskGroupId)}::uuid[], ${col(rows, (r) => r.campaignId)}::uuid[],
      ${text(rows, (r) => r.notes)}::text[], ${text(rows, (r) => r.searchText)}::text[]
    ) AS t(id, unit, kind, title, start_date, end_date, commune_code, channel, audiences,
      participants_female, participants_male, participants_total, ethnic_minority_participants,
      products_count, reach, cost_state_budget, cost_mobilised, cost_international, plan_id,
      task_group_id, campaign_id, notes, search_text)
  `;
}

/** An INSERT sent and not yet awaited: its row count and the rows read when it started. */
interface Inflight {
  done: Promise<void>;
  count: number;
  rowsRead: number;
}

interface Pending {
  activity: ImportedActivity;
  cells: readonly CellValue[];
  errors: ImportCellError[];
}

/**
 * Imports a sheet. `caller` null is the system (CLI without --as): no permission or scope
 * checks, `opts.orgUnit` required. Bad rows never throw: they come back in the report with
 * ok=false (and nothing written). Throws only for a caller without the right or an unknown unit.
 */
export async function importActivities(
  db: Kysely<DB>,
  caller: Actor | null,
  data: Buffer | Sheet,
  opts: ImportOptions,
): Promise<ImportReport> {
  if (caller && !hasPermission(caller.roles, 'activity.write'))
    throw new LocalizedError(
      'forbidden',
      msg('Bạn không có quyền ghi nhận hoạt động', 'You are not allowed to record activities'),
    );
  const ref = opts.orgUnit ?? caller?.orgUnitId;
  if (!ref)
    throw new LocalizedError('validation', msg('Chưa chọn đơn vị', 'No org unit given'), {
      orgUnit: msg('Chưa chọn đơn vị thực hiện', 'No recording unit given'),
    });
  const unit = caller ? await getUnitInScope(db, caller, ref, 'orgUnit') : await findUnit(db, ref);
  if (!unit)
    throw new LocalizedError('not_found', msg(`Không tìm thấy đơn vị "${ref}"`, `No org unit "${ref}"`), {
      orgUnit: msg(`Không tìm thấy đơn vị "${ref}"`, `No org unit "${ref}"`),
    });

  // Without a chunk size: 1,000 rows, then twice as many per chunk up to DEFAULT_CHUNK.
  let chunkSize = opts.chunkSize ?? FIRST_CHUNK;
  const maxErrors = opts.maxErrors ?? DEFAULT_MAX_ERRORS;
  const report: ImportReport = {
    ok: false,
    mode: opts.mode,
    fileName: opts.fileName,
    format: null,
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    rows: 0,
    validRows: 0,
    imported: 0,
    errorCount: 0,
    errorRows: 0,
    errors: [],
    truncated: false,
    batchId: null,
    campaignsSuggested: 0,
  };
  const addErrors = (errs: ImportCellError[]) => {
    report.errorCount += errs.length;
    for (const e of errs) {
      if (report.errors.length < maxErrors) report.errors.push(e);
      else report.truncated = true;
    }
  };
  const refs = await loadImportRefs(db);

  const run = async (trx: Kysely<DB> | Transaction<DB>, write: boolean): Promise<void> => {
    let sheet: Sheet;
    try {
      sheet = Buffer.isBuffer(data) ? openSheet(data, opts.fileName) : data;
    } catch (e) {
      if (e instanceof SheetFormatError) return addErrors([fileError(e.row, e.vi, e.en)]);
      throw e;
    }
    report.format = sheet.format;
    let parseRow: ReturnType<typeof createRowParser> | null = null;
    let columnOf = new Map<string, number>();
    const early: { row: number; cells: CellValue[] }[] = [];
    let chunk: Pending[] = [];
    const cache = createValidateCache();
    const nextId = orderedIds();
    // The INSERT of the previous chunk, running while the next chunk is parsed and validated.
    let inflight: Inflight | null = null;
    const settle = async () => {
      if (!inflight) return;
      const { done, count, rowsRead } = inflight;
      inflight = null;
      await done;
      report.imported += count;
      opts.onProgress?.({ rows: rowsRead, written: report.imported });
    };

    const flush = async () => {
      if (!chunk.length) return;
      const pending = chunk;
      chunk = [];
      if (opts.chunkSize === undefined) chunkSize = Math.min(chunkSize * 2, DEFAULT_CHUNK);
      const inputs = pending.map((p) =>
        toInput(p.activity, p.errors.length ? new Set(p.errors.map((e) => e.field)) : NO_FIELDS, refs),
      );
      const { rows, errors } = await validateActivities(trx, caller, inputs, {
        defaultOrgUnit: unit.id,
        defaultSource: 'import',
        cache,
      });
      for (const e of errors) {
        const p = pending[e.index]!;
        const failed = new Set(p.errors.map((x) => x.field));
        for (const [path, m] of Object.entries(e.fields)) {
          const base = path.split('.')[0]!;
          const field = (FIELD_OF_PATH[base] ?? base) as ImportField | '';
          if (failed.has(field)) continue;
          p.errors.push(cellError(p.activity.row!, p.cells, columnOf, field, m));
        }
      }
      let good = 0;
      for (const p of pending) {
        if (p.errors.length) {
          report.errorRows++;
          // In the sheet's own column order (the file may order its columns differently).
          p.errors.sort((a, b) => (columnOf.get(a.field) ?? -1) - (columnOf.get(b.field) ?? -1));
          addErrors(p.errors);
        } else good++;
      }
      report.validRows += good;
      report.campaignsSuggested += rows.filter((r) => r.campaignSuggested).length;
      // Written only while the whole file is clean so far; the previous chunk's INSERT must
      // have succeeded before the next one starts (one connection, one statement at a time).
      // The statement is built while the previous INSERT still runs, and sent once it is done.
      let statement: RawBuilder<unknown> | null = null;
      if (write && report.errorCount === 0 && rows.length) {
        for (const r of rows) r.id = nextId();
        statement = activityInsertStatement(rows as (ResolvedActivity & { id: string })[], caller?.userId ?? null);
      }
      await settle();
      if (statement) {
        const done = statement.execute(trx).then(() => undefined);
        done.catch(() => undefined); // awaited by settle(); a failure surfaces there
        inflight = { done, count: rows.length, rowsRead: report.rows };
        await nextTurn();
      } else opts.onProgress?.({ rows: report.rows, written: report.imported });
    };

    const take = async (row: number, cells: CellValue[]) => {
      const r = parseRow!(cells, row);
      if (r.empty) return;
      report.rows++;
      if (report.rows > MAX_IMPORT_ROWS) {
        if (report.rows === MAX_IMPORT_ROWS + 1)
          addErrors([
            fileError(
              row,
              `Tệp quá ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp`,
              `More than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; split the file`,
            ),
          ]);
        return;
      }
      chunk.push({ activity: r.values!, cells, errors: r.errors });
      if (chunk.length >= chunkSize) await flush();
      // Parsing never waits on I/O: let the socket carry the INSERT in flight meanwhile.
      else if (inflight && chunk.length % 500 === 0) await nextTurn();
    };

    try {
      for await (const { row, cells } of sheet.rows) {
        if (parseRow) {
          await take(row, cells);
          continue;
        }
        // Find the header: the first row naming at least two known columns (or the first non-empty row).
        if (cells.every(isEmptyCell)) continue;
        early.push({ row, cells });
        const known = cells.filter((c) => !isEmptyCell(c) && columnForHeader(cellText(c)) !== null).length;
        if (known >= 2 || early.length >= HEADER_SEARCH_ROWS) {
          const at = known >= 2 ? early.length - 1 : 0;
          const header = mapHeaderRow(early[at]!.cells, early[at]!.row);
          if (header.errors.length) return addErrors(header.errors);
          parseRow = createRowParser(header, refs);
          columnOf = new Map(header.columns.flatMap((c, i) => (c ? [[c.field, i] as const] : [])));
          for (const e of early.slice(at + 1)) await take(e.row, e.cells);
        }
      }
      if (!parseRow) {
        const first = early[0];
        if (!first)
          return addErrors([fileError(1, 'Tệp trống: không có dòng tiêu đề', 'The file is empty: no header row')]);
        const header = mapHeaderRow(first.cells, first.row);
        return addErrors(header.errors);
      }
      await flush();
      await settle();
    } catch (e) {
      if (e instanceof SheetFormatError) return addErrors([fileError(e.row, e.vi, e.en)]);
      throw e;
    } finally {
      // Never leave the transaction with a statement still running (an early return or a throw).
      await (inflight as Inflight | null)?.done.catch(() => undefined);
    }
    if (report.rows === 0 && report.errorCount === 0)
      addErrors([fileError(2, 'Tệp không có dòng dữ liệu nào', 'The file has no data rows')]);
  };

  if (opts.mode === 'dry-run') {
    await run(db, false);
  } else {
    try {
      await db.transaction().execute(async (trx) => {
        await run(trx, true);
        if (report.errorCount > 0) throw new Rollback();
        const batchId = crypto.randomUUID();
        await writeAudit(trx, {
          userId: caller?.userId ?? null,
          action: 'import',
          entity: 'activity_import',
          entityId: batchId,
          orgPath: unit.path,
          after: {
            fileName: opts.fileName,
            format: report.format,
            orgUnit: unit.code,
            rows: report.rows,
            imported: report.imported,
            campaignsSuggested: report.campaignsSuggested,
          },
        });
        report.batchId = batchId;
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  }
  if (report.errorCount > 0) {
    report.imported = 0;
    report.batchId = null;
  }
  report.ok = report.errorCount === 0;
  return report;
}

function fileError(row: number, vi: string, en: string): ImportCellError {
  return { row, column: '', field: '', header: '', value: '', vi, en };
}

function cellError(
  row: number,
  cells: readonly CellValue[],
  columnOf: Map<string, number>,
  field: ImportField | '',
  m: { vi: string; en: string },
): ImportCellError {
  const c = ACTIVITY_IMPORT_COLUMNS.find((x) => x.field === field);
  const index = columnOf.get(field);
  return {
    row,
    column: index === undefined ? '' : columnLetter(index),
    field,
    header: c?.vi ?? '',
    value: index === undefined ? '' : cellText(cells[index]),
    vi: m.vi,
    en: m.en,
  };
}
