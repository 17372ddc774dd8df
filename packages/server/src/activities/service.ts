/**
 * Activities: read scope is the caller's subtree; writes need `activity.write` and the
 * recording unit in the subtree. Every write is one transaction with its audit row.
 * Create with a client id is idempotent (offline queues replay); PATCH and DELETE need the
 * version the client saw, and a stale one gets 409 with the current record.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  isInSubtree,
  LocalizedError,
  msg,
  type ActivitiesQuery,
  type Activity,
  type ActivityInput,
  type ActivityList,
  type ActivityPatch,
  type ActivityTotals,
  type Lang,
  isUuid,
} from '@binhdang/domain';
import { requirePermission, type Actor } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import { getUnitInScope } from '../org/service.js';
import { activityFilter, type ActivityFilterQuery } from './filter.js';
import { activityFields, num } from './row.js';
import {
  activityInsertValues,
  throwRowErrors,
  validateActivities,
  type ActivityRowInput,
  type ResolvedActivity,
  suggestCampaign,
} from './validate.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A 409 that carries the record as it is now, so the client can show both sides. */
export class ActivityConflict extends LocalizedError {
  constructor(
    code: 'conflict' | 'stale_version',
    text: Record<Lang, string>,
    readonly current: Activity | null,
    fields: Record<string, Record<Lang, string>> = {},
  ) {
    super(code, text, fields);
  }
}

export const activityNotFound = (): LocalizedError =>
  new LocalizedError('not_found', msg('Không tìm thấy hoạt động', 'Activity not found'));
const outOfScope = (): LocalizedError =>
  new LocalizedError('out_of_scope', msg('Hoạt động nằm ngoài phạm vi của bạn', 'This activity is outside your scope'));

function baseSelect(db: Db) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select(['o.code as org_code', 'o.name as org_name', 'u.display_name as created_by_name'])
    .select((eb) =>
      eb
        .selectFrom('activity_evidence as e')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('e.activity_id', '=', 'a.id')
        .as('evidence_count'),
    );
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirst']>>>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toActivityDto(r: Row): Activity {
  return {
    id: r.id,
    orgUnitId: r.org_unit_id,
    orgUnitCode: r.org_code,
    orgUnitName: r.org_name,
    ...activityFields(r),
    source: r.source as Activity['source'],
    evidenceCount: Number(r.evidence_count ?? 0),
    version: r.version,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    updatedBy: r.updated_by,
    updatedAt: iso(r.updated_at),
  };
}

async function loadRow(db: Db, id: string, lock = false): Promise<Row | undefined> {
  if (!isUuid(id)) return undefined;
  if (lock) await db.selectFrom('activity').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return baseSelect(db).where('a.id', '=', id).executeTakeFirst();
}

export async function loadActivity(db: Db, id: string): Promise<Activity | undefined> {
  const r = await loadRow(db, id);
  return r ? toActivityDto(r) : undefined;
}

/** A live activity the caller may read: 404 when missing or deleted, 403 outside the subtree. */
export async function readableRow(db: Db, actor: Actor, id: string, lock = false): Promise<Row> {
  const r = await loadRow(db, id, lock);
  if (!r || r.deleted_at !== null) throw activityNotFound();
  if (!isInSubtree(r.org_path, actor.orgPath)) throw outOfScope();
  return r;
}

/** A live activity the caller may change (read scope + `activity.write`). */
export async function writableRow(db: Db, actor: Actor, id: string, lock = false): Promise<Row> {
  const r = await readableRow(db, actor, id, lock);
  requirePermission(actor, 'activity.write');
  return r;
}

export async function getActivity(db: Kysely<DB>, actor: Actor, id: string): Promise<Activity> {
  return toActivityDto(await readableRow(db, actor, id));
}

const SORTS = {
  startDate: ['a.start_date', 'asc'],
  '-startDate': ['a.start_date', 'desc'],
  updatedAt: ['a.updated_at', 'asc'],
  '-updatedAt': ['a.updated_at', 'desc'],
} as const;

export async function activityTotals(db: Db, actor: Actor, q: ActivityFilterQuery): Promise<ActivityTotals> {
  const r = await (
    await activityFilter(db, actor, q)
  )
    .leftJoin('activity_kind as k', 'k.code', 'a.kind')
    .select([
      sql<number>`count(*)`.as('activities'),
      sql<number>`count(*) filter (where 'session' = any(k.counts_as))`.as('sessions'),
      sql<number>`count(*) filter (where 'news_item' = any(k.counts_as))`.as('news_items'),
      sql<string>`coalesce(sum(a.products_count), 0)::bigint`.as('products'),
      sql<string>`coalesce(sum(a.participants_female), 0)::bigint`.as('female'),
      sql<string>`coalesce(sum(a.participants_male), 0)::bigint`.as('male'),
      sql<string>`coalesce(sum(coalesce(a.participants_total,
        coalesce(a.participants_female, 0) + coalesce(a.participants_male, 0))), 0)::bigint`.as('total'),
      sql<string>`coalesce(sum(coalesce(a.cost_state_budget, 0) + coalesce(a.cost_mobilised, 0)
        + coalesce(a.cost_international, 0)), 0)::bigint`.as('cost'),
    ])
    .executeTakeFirstOrThrow();
  return {
    activities: Number(r.activities),
    sessions: Number(r.sessions),
    newsItems: Number(r.news_items),
    products: Number(r.products),
    participantsFemale: Number(r.female),
    participantsMale: Number(r.male),
    participantsTotal: Number(r.total),
    costTotal: Number(r.cost),
  };
}

export async function listActivities(db: Kysely<DB>, actor: Actor, q: ActivitiesQuery): Promise<ActivityList> {
  const filter = await activityFilter(db, actor, q);
  const [col, dir] = SORTS[q.sort];
  const ids = await filter
    .select('a.id')
    .orderBy(col, dir)
    .orderBy('a.id', dir)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const rows = ids.length
    ? await baseSelect(db)
        .where(
          'a.id',
          'in',
          ids.map((i) => i.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const totals = await activityTotals(db, actor, q);
  return {
    items: ids.map((i) => toActivityDto(byId.get(i.id)!)),
    total: totals.activities,
    totals,
  };
}

/** Content a replayed create must match to count as the same activity. */
function sameContent(r: Row, a: ResolvedActivity): boolean {
  const sorted = (x: string[]) => [...x].sort().join(',');
  return (
    r.org_unit_id === a.orgUnitId &&
    r.kind === a.kind &&
    r.title === a.title &&
    r.start_date === a.startDate &&
    r.end_date === a.endDate &&
    r.commune_code === a.communeCode &&
    r.channel === a.channel &&
    sorted(r.audiences) === sorted(a.audiences) &&
    r.participants_female === a.participantsFemale &&
    r.participants_male === a.participantsMale &&
    r.participants_total === a.participantsTotal &&
    r.ethnic_minority_participants === a.ethnicMinorityParticipants &&
    r.products_count === a.productsCount &&
    num(r.reach) === a.reach &&
    num(r.cost_state_budget) === a.costStateBudget &&
    num(r.cost_mobilised) === a.costMobilised &&
    num(r.cost_international) === a.costInternational &&
    r.plan_id === a.planId &&
    r.task_group_id === a.taskGroupId &&
    r.campaign_id === a.campaignId &&
    r.notes === a.notes
  );
}

export interface CreateResult {
  activity: Activity;
  /** False when the id already held the same activity (a replay): nothing was written. */
  created: boolean;
}

export async function createActivity(db: Kysely<DB>, actor: Actor, input: ActivityInput): Promise<CreateResult> {
  requirePermission(actor, 'activity.write');
  // A unit outside the subtree is 403 (404 when unknown), as for plans; the batch validator reports it per row.
  if (input.orgUnit) await getUnitInScope(db, actor, input.orgUnit, 'orgUnit');
  const { rows, errors } = await validateActivities(db, actor, [input]);
  throwRowErrors(errors);
  const resolved = rows[0]!;
  const id = input.id ?? crypto.randomUUID();
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('activity')
      .values(activityInsertValues({ ...resolved, id }, actor.userId))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return replay(trx, actor, id, resolved);
    const activity = (await loadActivity(trx, id))!;
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'create',
      entity: 'activity',
      entityId: id,
      orgPath: resolved.orgPath,
      after: activity,
    });
    return { activity, created: true };
  });
}

/** The id exists already: the same activity replayed is fine; anything else is a conflict. */
async function replay(trx: Transaction<DB>, actor: Actor, id: string, a: ResolvedActivity): Promise<CreateResult> {
  const r = (await loadRow(trx, id))!;
  if (!isInSubtree(r.org_path, actor.orgPath)) {
    throw new ActivityConflict(
      'conflict',
      msg(
        'Mã (id) này đã được dùng cho một hoạt động khác; hãy tạo hoạt động với mã mới',
        'This id is already used by another activity; create it with a new id',
      ),
      null,
      { id: msg('Mã đã được dùng', 'Id already used') },
    );
  }
  if (r.deleted_at !== null) {
    throw new ActivityConflict(
      'conflict',
      msg(
        'Hoạt động với mã (id) này đã bị xoá; không thể tạo lại bằng cùng mã',
        'The activity with this id was deleted; it cannot be created again with the same id',
      ),
      null,
      { id: msg('Hoạt động đã bị xoá', 'The activity was deleted') },
    );
  }
  const current = toActivityDto(r);
  if (!sameContent(r, a)) {
    throw new ActivityConflict(
      'conflict',
      msg(
        'Hoạt động với mã (id) này đã có với nội dung khác (có thể đã được sửa); hãy xem bản hiện tại',
        'An activity with this id already exists with different content (it may have been edited); see the current record',
      ),
      current,
      { id: msg('Đã có với nội dung khác', 'Exists with different content') },
    );
  }
  return { activity: current, created: false };
}

function staleConflict(current: Activity): ActivityConflict {
  return new ActivityConflict(
    'stale_version',
    msg(
      'Hoạt động đã được người khác sửa; hãy xem bản hiện tại rồi sửa lại',
      'The activity was changed by someone else; review the current record and edit again',
    ),
    current,
    { version: msg(`Phiên bản hiện tại là ${current.version}`, `Current version is ${current.version}`) },
  );
}

function rowToInput(r: Row): ActivityRowInput {
  return {
    orgUnit: r.org_unit_id,
    ...activityFields(r),
    source: r.source as ActivityRowInput['source'],
  };
}

export async function patchActivity(db: Kysely<DB>, actor: Actor, id: string, patch: ActivityPatch): Promise<Activity> {
  requirePermission(actor, 'activity.write');
  return db.transaction().execute(async (trx) => {
    const r = await writableRow(trx, actor, id, true);
    const before = toActivityDto(r);
    if (r.version !== patch.version) throw staleConflict(before);
    const { version: _v, ...changes } = patch;
    const merged: ActivityRowInput = { ...rowToInput(r) };
    for (const [k, v] of Object.entries(changes)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    // A plan change without a task group drops the old group (it belonged to the old plan).
    if (changes.planId !== undefined && changes.taskGroupId === undefined && changes.planId !== r.plan_id)
      merged.taskGroupId = null;
    // A new start date re-suggests the campaign, unless the user had chosen one other than the suggestion.
    if (changes.startDate !== undefined && changes.startDate !== r.start_date && changes.campaignId === undefined) {
      const campaigns = await trx
        .selectFrom('campaign')
        .select(['id', 'code', 'start_month', 'start_day', 'end_month', 'end_day', 'requires_plan', 'ordinal'])
        .where('active', '=', true)
        .execute();
      if (suggestCampaign(campaigns, r.start_date) === r.campaign_id) delete merged.campaignId;
    }
    const { rows, errors } = await validateActivities(trx, actor, [merged], { allowRepeatedIds: true });
    throwRowErrors(errors);
    const a = rows[0]!;
    const values = activityInsertValues({ ...a, id }, actor.userId);
    const { id: _id, created_by: _c, source: _s, ...set } = values;
    await trx
      .updateTable('activity')
      .set({ ...set, version: r.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const after = (await loadActivity(trx, id))!;
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'activity',
      entityId: id,
      orgPath: r.org_path,
      before,
      after,
    });
    return after;
  });
}

export async function deleteActivity(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  requirePermission(actor, 'activity.write');
  await db.transaction().execute(async (trx) => {
    const r = await writableRow(trx, actor, id, true);
    const before = toActivityDto(r);
    if (r.version !== version) throw staleConflict(before);
    await trx
      .updateTable('activity')
      .set({ deleted_at: new Date(), version: r.version + 1, updated_by: actor.userId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'delete',
      entity: 'activity',
      entityId: id,
      orgPath: r.org_path,
      before,
    });
  });
}

export async function referenceData(db: Kysely<DB>) {
  const [kinds, channels, audiences] = await Promise.all([
    db.selectFrom('activity_kind').selectAll().where('active', '=', true).orderBy('ordinal').execute(),
    db.selectFrom('activity_channel').selectAll().where('active', '=', true).orderBy('ordinal').execute(),
    db.selectFrom('audience').selectAll().where('active', '=', true).orderBy('ordinal').execute(),
  ]);
  return {
    kinds: kinds.map((k) => ({
      code: k.code,
      nameVi: k.name_vi,
      nameEn: k.name_en,
      countsAs: k.counts_as as ('session' | 'news_item' | 'product')[],
      defaultChannel: k.default_channel,
    })),
    channels: channels.map((c) => ({ code: c.code, nameVi: c.name_vi, nameEn: c.name_en })),
    audiences: audiences.map((c) => ({ code: c.code, nameVi: c.name_vi, nameEn: c.name_en })),
  };
}
