/**
 * The one query behind the activity list, its totals and the export: activities (not deleted)
 * in the caller's subtree (or the `org` subtree, which must lie in scope) matching the filters.
 * Returns a Kysely select over `activity as a` with no columns chosen yet; callers add
 * `.select(...)`, ordering and paging.
 */
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { ActivityTable, DB } from '@binhdang/db';
import { escapeLike, foldForSearch, LocalizedError, msg, parsePeriod, type ActivitiesQuery } from '@binhdang/domain';
import type { Actor } from '../context.js';
import { getUnitInScope } from '../org/service.js';

type Db = Kysely<DB> | Transaction<DB>;
export type ActivitySelect = SelectQueryBuilder<DB & { a: ActivityTable }, 'a', object>;

/** The filters without paging and sort (what the export needs). */
export type ActivityFilterQuery = Omit<ActivitiesQuery, 'sort' | 'limit' | 'offset'> &
  Partial<Pick<ActivitiesQuery, 'sort' | 'limit' | 'offset'>>;

/** The date range a query asks for (period ∩ from/to); null bounds are open. */
export function queryRange(q: ActivityFilterQuery): { from: string | null; to: string | null } {
  let from = q.from ?? null;
  let to = q.to ?? null;
  if (q.period) {
    const p = parsePeriod(q.period);
    if (!p) {
      throw new LocalizedError('validation', msg('Kỳ không hợp lệ', 'Invalid period'), {
        period: msg(
          `Kỳ "${q.period}" không hợp lệ (ví dụ 2026, 2026S1, 2026Q4, 2026-11)`,
          `"${q.period}" is not a period (e.g. 2026, 2026S1, 2026Q4, 2026-11)`,
        ),
      });
    }
    from = from === null || p.start > from ? p.start : from;
    to = to === null || p.end < to ? p.end : to;
  }
  if (from !== null && to !== null && to < from && !q.period) {
    throw new LocalizedError('validation', msg('Khoảng ngày không hợp lệ', 'Invalid date range'), {
      to: msg('Ngày kết thúc phải từ ngày bắt đầu trở đi', 'The end date must not be before the start date'),
    });
  }
  return { from, to };
}

export async function activityFilter(db: Db, caller: Actor, q: ActivityFilterQuery): Promise<ActivitySelect> {
  const base = q.org ? (await getUnitInScope(db, caller, q.org, 'org')).path : caller.orgPath;
  const { from, to } = queryRange(q);
  let query = db
    .selectFrom('activity as a')
    .where('a.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('a.org_path', '=', base), eb('a.org_path', 'like', escapeLike(base) + '.%')]));
  // Overlap: an activity counts in a range when any of its days falls in it.
  if (from !== null) query = query.where('a.end_date', '>=', from);
  if (to !== null) query = query.where('a.start_date', '<=', to);
  if (q.kind?.length) query = query.where('a.kind', 'in', q.kind);
  if (q.channel?.length) query = query.where('a.channel', 'in', q.channel);
  if (q.audience?.length) query = query.where(sql<boolean>`a.audiences && ${sql.val(q.audience)}::text[]`);
  if (q.campaign) query = query.where('a.campaign_id', '=', q.campaign);
  if (q.plan) query = query.where('a.plan_id', '=', q.plan);
  if (q.q) {
    for (const word of foldForSearch(q.q).split(' ').filter(Boolean))
      query = query.where('a.search_text', 'like', '%' + escapeLike(word) + '%');
  }
  return query;
}
