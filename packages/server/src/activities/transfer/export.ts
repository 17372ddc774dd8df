/**
 * Export of the filtered activity list in the import sheet's layout (.xlsx or .csv), so that an
 * export imported again gives the same activities. Rows stream from the database in keyset
 * pages (start date, id) into the sheet writer; the whole list is never held in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { activityToCells } from '@binhdang/domain';
import type { Actor } from '../../context.js';
import { activityFilter, type ActivityFilterQuery } from '../filter.js';
import { activityFields } from '../row.js';
import { loadImportRefs } from './refs.js';
import { csvSheetWriter, xlsxSheetWriter, type SheetWriter } from './sheet-writer.js';

export type SheetFileFormat = 'xlsx' | 'csv';
const PAGE = 5000;

export const SHEET_CONTENT_TYPES: Record<SheetFileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** An empty import template in either format. */
export async function writeTemplate(db: Kysely<DB>, format: SheetFileFormat, out: Writable): Promise<void> {
  const writer = format === 'xlsx' ? xlsxSheetWriter(out, await loadImportRefs(db)) : csvSheetWriter(out);
  await writer.finish();
}

/** Writes the activities matching `query` (in the caller's scope) to `out`; returns the row count. */
export async function exportActivities(
  db: Kysely<DB>,
  caller: Actor,
  query: ActivityFilterQuery,
  format: SheetFileFormat,
  out: Writable,
  /** Called once scope and filters have passed, before the first byte is written. */
  onReady?: () => void,
): Promise<number> {
  // Scope and filters are checked before the first byte goes out (a bad filter is still a 4xx).
  const base = await activityFilter(db, caller, query);
  const refs = await loadImportRefs(db);
  onReady?.();
  const writer: SheetWriter = format === 'xlsx' ? xlsxSheetWriter(out, refs) : csvSheetWriter(out);
  let after: { date: string; id: string } | null = null;
  let count = 0;
  for (;;) {
    let q = base
      .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
      .select([
        'a.id',
        'o.code as org_code',
        'a.kind',
        'a.title',
        'a.start_date',
        'a.end_date',
        'a.commune_code',
        'a.channel',
        'a.audiences',
        'a.participants_female',
        'a.participants_male',
        'a.participants_total',
        'a.ethnic_minority_participants',
        'a.products_count',
        'a.reach',
        'a.cost_state_budget',
        'a.cost_mobilised',
        'a.cost_international',
        'a.campaign_id',
        'a.plan_id',
        'a.task_group_id',
        'a.notes',
      ])
      .orderBy('a.start_date')
      .orderBy('a.id')
      .limit(PAGE);
    if (after) q = q.where(sql<boolean>`(a.start_date, a.id) > (${after.date}::date, ${after.id}::uuid)`);
    const rows = await q.execute();
    for (const r of rows) {
      writer.add(
        activityToCells(
          {
            orgUnitCode: r.org_code,
            ...activityFields(r),
          },
          refs,
        ),
      );
    }
    count += rows.length;
    if (out.writableNeedDrain) await once(out, 'drain');
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { date: last.start_date, id: last.id };
  }
  await writer.finish();
  return count;
}
