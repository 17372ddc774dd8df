/**
 * Batch validation of activities: one call checks any number of rows (a web form's one row,
 * an offline queue, a 1,000,000-row import) against the reference data, which is loaded ONCE
 * per batch — kinds, channels, audiences, the recording units, the communes, plans, task groups
 * and campaigns the rows name. Shape (types, lengths, formats) is zod's job before this
 * (ActivityInput); this adds what needs the database and the caller.
 *
 * Rules, each reported per row and per field in Vietnamese and English:
 * - the caller has `activity.write` (else the whole batch is refused: 403);
 * - the recording unit (default: `opts.defaultOrgUnit`, else the caller's unit) exists and lies
 *   in the caller's subtree, and was not closed before the start date;
 * - kind exists and is active; channel and audiences exist and are active;
 * - communeCode is an existing commune; a unit at or below a commune records only that commune
 *   (an empty commune code becomes that commune); a unit inside a province records communes of
 *   that province; central units any commune;
 * - cross-field rules from the domain (activityFieldIssues): end ≥ start, total ≥ ♀ + ♂, …;
 * - the plan is visible to the caller (own subtree or a superior's), the task group belongs to
 *   the plan (a task group without a plan brings its plan);
 * - the campaign exists; when campaignId is absent (undefined) the campaign whose window holds
 *   the start date is suggested (see suggestCampaign); null means "no campaign";
 * - no text holds NUL; client ids are not repeated within the batch.
 */
import { type Insertable, type Kysely, type Transaction } from 'kysely';
import type { ActivityTable, DB } from '@binhdang/db';
import {
  type ActivityFieldValues,
  activityFieldIssues,
  daysInMonth,
  foldForSearch,
  hasPermission,
  isInSubtree,
  LocalizedError,
  msg,
  toNfc,
  type ActivityInput,
  type Lang,
  isUuid,
} from '@binhdang/domain';
import type { Actor } from '../context.js';

type Db = Kysely<DB> | Transaction<DB>;
type Msg = Record<Lang, string>;
const CHUNK = 5000;

/** A row as it reaches the validator: ActivityInput after zod (defaults applied). */
export type ActivityRowInput = ActivityInput;

export interface ActivityRowError {
  /** Index of the row in the batch (0-based). */
  index: number;
  /** Field path ('kind', 'communeCode', 'audiences.2', 'orgUnit', …) → message. */
  fields: Record<string, Msg>;
}

/** A valid row, resolved: what the activity table stores (camelCase), ready to insert. */
export interface ResolvedActivity extends Omit<ActivityFieldValues, 'campaignId'> {
  index: number;
  id: string | undefined;
  orgUnitId: string;
  orgUnitCode: string;
  orgUnitName: string;
  orgPath: string;
  provinceCode: string | null;
  campaignId: string | null;
  /** True when campaignId was filled in by the window suggestion. */
  campaignSuggested: boolean;
  source: 'web' | 'offline' | 'import' | 'api';
  searchText: string;
}

export interface ValidateOptions {
  /** Recording unit (code or id) for rows without `orgUnit`; default: the caller's unit. */
  defaultOrgUnit?: string;
  /** Source for rows without one; default 'web'. */
  defaultSource?: ResolvedActivity['source'];
  /** Skip the duplicate-id check (a PATCH validates a row that keeps its own id). */
  allowRepeatedIds?: boolean;
  /**
   * Reference data kept across the calls of one batch (the chunks of an import, see
   * createValidateCache): what an earlier chunk loaded is not asked for again.
   */
  cache?: ValidateCache;
}

export interface ValidateResult {
  rows: ResolvedActivity[];
  errors: ActivityRowError[];
}

interface UnitInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  province_code: string | null;
  valid_to: string | null;
}

export interface CampaignWindow {
  id: string;
  code: string;
  start_month: number;
  start_day: number;
  end_month: number;
  end_day: number;
  requires_plan: boolean;
  ordinal: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A campaign's window in a year: start and end dates (a window crossing the new year ends the next year). */
export function campaignWindow(c: CampaignWindow, year: number): { startDate: string; endDate: string } {
  const crosses = c.end_month < c.start_month || (c.end_month === c.start_month && c.end_day < c.start_day);
  const endYear = crosses ? year + 1 : year;
  // Only a day past the 28th can overflow its month (29/2 in a common year).
  const sd = c.start_day > 28 ? Math.min(c.start_day, daysInMonth(year, c.start_month)) : c.start_day;
  const ed = c.end_day > 28 ? Math.min(c.end_day, daysInMonth(endYear, c.end_month)) : c.end_day;
  return {
    startDate: `${year}-${pad(c.start_month)}-${pad(sd)}`,
    endDate: `${endYear}-${pad(c.end_month)}-${pad(ed)}`,
  };
}

const dayCount = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

/**
 * The campaign suggested for an activity starting on `date`: among the campaigns whose window
 * (in that year, or a window that started the year before and crosses the new year) holds the
 * date, the one with the SHORTEST window wins — a day-campaign is more specific than the month
 * around it: 25/11 → the 25/11 day (evaw_day), not Action Month; 28/6 → Family Day, not the
 * June DV month; 20/11 → Action Month. Ties go to the lower ordinal. Null when none holds it.
 */
export function suggestCampaign(campaigns: readonly CampaignWindow[], date: string): string | null {
  const year = Number(date.slice(0, 4));
  let best: { id: string; days: number; ordinal: number } | null = null;
  for (const c of campaigns) {
    for (const y of [year - 1, year]) {
      const w = campaignWindow(c, y);
      if (date < w.startDate || date > w.endDate) continue;
      const days = dayCount(w.startDate, w.endDate);
      if (!best || days < best.days || (days === best.days && c.ordinal < best.ordinal))
        best = { id: c.id, days, ordinal: c.ordinal };
    }
  }
  return best?.id ?? null;
}

/** The commune a unit belongs to (itself, or the commune above a village/school), from its path. */
export function communeOfPath(path: string, kind: string): string | null {
  const seg = path.split('.');
  if (kind === 'commune') return seg[seg.length - 1] ?? null;
  // Commune codes are the 5-digit path segments; the nearest one above the unit is its commune.
  for (let i = seg.length - 2; i >= 1; i--) if (/^\d{5}$/.test(seg[i]!)) return seg[i]!;
  return null;
}

export function activitySearchText(a: { title: string; notes: string | null; orgUnitName: string }): string {
  return foldForSearch([a.title, a.notes ?? '', a.orgUnitName].join(' '));
}

async function inChunks<T>(values: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await load(values.slice(i, i + CHUNK))));
  return out;
}

/** Loads the units named by refs (codes or ids) in a few queries. */
async function loadUnits(db: Db, refs: string[]): Promise<Map<string, UnitInfo>> {
  const ids = refs.filter((r) => isUuid(r));
  const codes = refs.filter((r) => !isUuid(r));
  const cols = ['id', 'code', 'name', 'kind', 'path', 'province_code', 'valid_to'] as const;
  const rows = [
    ...(await inChunks(ids, (c) => db.selectFrom('org_unit').select(cols).where('id', 'in', c).execute())),
    ...(await inChunks(codes, (c) => db.selectFrom('org_unit').select(cols).where('code', 'in', c).execute())),
  ];
  const map = new Map<string, UnitInfo>();
  for (const r of rows) {
    map.set(r.id, r);
    map.set(r.code, r);
  }
  return map;
}

/**
 * The reference data of one batch, kept across its chunks: the lists (kinds, channels,
 * audiences, campaigns) are loaded once, units/communes/plans/task groups only when a chunk
 * names one not looked up before (found or not). A cache lives for one import call: a chunk
 * sees the reference data as it was when first looked up in that import.
 */
export interface ValidateCache {
  lists: Promise<ReferenceLists> | null;
  units: Map<string, UnitInfo>;
  unitRefs: Set<string>;
  communeProvince: Map<string, string | null>;
  communeCodes: Set<string>;
  planPath: Map<string, string>;
  planIds: Set<string>;
  groupPlan: Map<string, string>;
  groupIds: Set<string>;
  suggestionByDate: Map<string, string | null>;
}

interface ReferenceLists {
  kindSet: Set<string>;
  channelSet: Set<string>;
  audienceSet: Set<string>;
  campaignIds: Set<string>;
  activeCampaigns: CampaignWindow[];
}

export function createValidateCache(): ValidateCache {
  return {
    lists: null,
    units: new Map(),
    unitRefs: new Set(),
    communeProvince: new Map(),
    communeCodes: new Set(),
    planPath: new Map(),
    planIds: new Set(),
    groupPlan: new Map(),
    groupIds: new Set(),
    suggestionByDate: new Map(),
  };
}

async function loadLists(db: Db): Promise<ReferenceLists> {
  const [kinds, channels, audiences, campaigns] = await Promise.all([
    db.selectFrom('activity_kind').select('code').where('active', '=', true).execute(),
    db.selectFrom('activity_channel').select('code').where('active', '=', true).execute(),
    db.selectFrom('audience').select('code').where('active', '=', true).execute(),
    db
      .selectFrom('campaign')
      .select(['id', 'code', 'start_month', 'start_day', 'end_month', 'end_day', 'requires_plan', 'ordinal', 'active'])
      .execute(),
  ]);
  return {
    kindSet: new Set(kinds.map((k) => k.code)),
    channelSet: new Set(channels.map((c) => c.code)),
    audienceSet: new Set(audiences.map((a) => a.code)),
    campaignIds: new Set(campaigns.map((c) => c.id)),
    activeCampaigns: campaigns.filter((c) => c.active),
  };
}

/** The values of `wanted` not looked up yet, marked as looked up. */
function fresh(wanted: Iterable<string>, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const v of wanted) {
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}

/** Everything the rows name, deduplicated, loaded in a handful of queries (only what the cache lacks). */
async function loadReferences(
  db: Db,
  rows: readonly ActivityRowInput[],
  defaultRef: string | undefined,
  cache: ValidateCache,
): Promise<ReferenceLists & ValidateCache> {
  const unitRefs = new Set<string>();
  const communeCodes = new Set<string>();
  const planIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const r of rows) {
    unitRefs.add(r.orgUnit ?? defaultRef!);
    if (r.communeCode) communeCodes.add(r.communeCode);
    if (r.planId) planIds.add(r.planId);
    if (r.taskGroupId) groupIds.add(r.taskGroupId);
  }
  const newUnits = fresh(unitRefs, cache.unitRefs);
  if (newUnits.length) for (const [k, u] of await loadUnits(db, newUnits)) cache.units.set(k, u);
  // A unit at or below a commune gets its own commune as the default location: look it up too.
  for (const ref of unitRefs) {
    const u = cache.units.get(ref);
    const own = u ? communeOfPath(u.path, u.kind) : null;
    if (own !== null) communeCodes.add(own);
  }
  cache.lists ??= loadLists(db);
  const [lists, communes, plans, groups] = await Promise.all([
    cache.lists,
    inChunks(fresh(communeCodes, cache.communeCodes), (c) =>
      db
        .selectFrom('org_unit')
        .select(['code', 'province_code'])
        .where('kind', '=', 'commune')
        .where('code', 'in', c)
        .execute(),
    ),
    inChunks(fresh(planIds, cache.planIds), (c) =>
      db.selectFrom('plan').select(['id', 'org_path']).where('id', 'in', c).execute(),
    ),
    inChunks(fresh(groupIds, cache.groupIds), (c) =>
      db.selectFrom('plan_task_group').select(['id', 'plan_id']).where('id', 'in', c).execute(),
    ),
  ]);
  for (const c of communes) cache.communeProvince.set(c.code, c.province_code);
  for (const p of plans) cache.planPath.set(p.id, p.org_path);
  for (const g of groups) cache.groupPlan.set(g.id, g.plan_id);
  return { ...lists, ...cache };
}

const M = {
  noUnit: (ref: string) => msg(`Không tìm thấy đơn vị "${ref}"`, `No org unit "${ref}"`),
  unitOutOfScope: () => msg('Đơn vị thực hiện nằm ngoài phạm vi của bạn', 'The recording unit is outside your scope'),
  unitClosed: (date: string) => msg(`Đơn vị đã giải thể/sáp nhập từ ${date}`, `The unit was closed on ${date}`),
  kind: (code: string) =>
    msg(`Loại hoạt động "${code}" không tồn tại hoặc đã ngừng dùng`, `Activity kind "${code}" is unknown or retired`),
  channel: (code: string) =>
    msg(`Kênh truyền thông "${code}" không tồn tại`, `Communication channel "${code}" is unknown`),
  audience: (code: string) => msg(`Đối tượng "${code}" không tồn tại`, `Audience "${code}" is unknown`),
  commune: (code: string) => msg(`Không có xã/phường mã "${code}"`, `No commune with code "${code}"`),
  communeOwn: (own: string) =>
    msg(
      `Địa điểm (mã xã) phải là xã/phường của đơn vị (${own})`,
      `The commune code must be the unit's own commune (${own})`,
    ),
  communeProvince: (code: string, province: string) =>
    msg(
      `Xã/phường "${code}" không thuộc tỉnh của đơn vị (${province})`,
      `Commune "${code}" is not in the unit's province (${province})`,
    ),
  plan: () => msg('Không tìm thấy kế hoạch (hoặc ngoài phạm vi)', 'Plan not found (or outside your scope)'),
  taskGroup: () =>
    msg('Nhóm nhiệm vụ không thuộc kế hoạch đã chọn', 'The task group does not belong to the chosen plan'),
  campaign: () => msg('Không tìm thấy đợt/chiến dịch truyền thông', 'Campaign not found'),
  nul: () => msg('Không được chứa ký tự NUL (\\u0000)', 'Must not contain the NUL character (\\u0000)'),
  repeatedId: (first: number) =>
    msg(`Mã (id) trùng với dòng ${first + 1}`, `This id repeats the one on row ${first + 1}`),
  dateRange: () => msg('Ngày phải trong khoảng 2000–2100', 'The date must be between 2000 and 2100'),
};

const TEXT_FIELDS = ['title', 'notes', 'kind', 'channel', 'communeCode', 'orgUnit'] as const;
const DATE_FIELDS = ['startDate', 'endDate'] as const;

/** Records a row's message for a field; the first message per field wins. */
function err(fields: Record<string, Msg>, path: string, m: Msg): void {
  if (!fields[path]) fields[path] = m;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * Validates and resolves a batch. `caller` null is the system (demo data, CLI with --org):
 * no permission or scope checks, and `opts.defaultOrgUnit` is required for rows without a unit.
 */
export async function validateActivities(
  db: Db,
  caller: Actor | null,
  rows: readonly ActivityRowInput[],
  opts: ValidateOptions = {},
): Promise<ValidateResult> {
  if (caller && !hasPermission(caller.roles, 'activity.write')) {
    throw new LocalizedError(
      'forbidden',
      msg('Bạn không có quyền ghi nhận hoạt động', 'You are not allowed to record activities'),
    );
  }
  const defaultRef = opts.defaultOrgUnit ?? caller?.orgUnitId;
  if (defaultRef === undefined && rows.some((r) => !r.orgUnit)) {
    throw new LocalizedError('validation', msg('Chưa chọn đơn vị thực hiện', 'No recording unit given'), {
      orgUnit: msg('Chưa chọn đơn vị thực hiện', 'No recording unit given'),
    });
  }

  const ref = await loadReferences(db, rows, defaultRef, opts.cache ?? createValidateCache());
  const {
    units,
    kindSet,
    channelSet,
    audienceSet,
    campaignIds,
    activeCampaigns,
    communeProvince,
    planPath,
    groupPlan,
  } = ref;
  const planVisible = (id: string) => {
    const p = planPath.get(id);
    if (p === undefined) return false;
    return !caller || isInSubtree(p, caller.orgPath) || isInSubtree(caller.orgPath, p);
  };

  const out: ResolvedActivity[] = [];
  const errors: ActivityRowError[] = [];
  const seenIds = new Map<string, number>();
  const suggestionByDate = ref.suggestionByDate;
  // A unit's own commune (from its path), once per unit rather than once per row.
  const ownCommune = new Map<UnitInfo, string | null>();
  for (let index = 0; index < rows.length; index++) {
    const r = rows[index]!;
    const fields: Record<string, Msg> = {};

    for (const f of TEXT_FIELDS) {
      const v = r[f];
      if (typeof v === 'string' && v.includes('\u0000')) err(fields, f, M.nul());
    }
    for (let i = 0; i < r.audiences.length; i++)
      if (r.audiences[i]!.includes('\u0000')) err(fields, `audiences.${i}`, M.nul());

    if (r.id !== undefined && !opts.allowRepeatedIds) {
      const first = seenIds.get(r.id);
      if (first !== undefined) err(fields, 'id', M.repeatedId(first));
      else seenIds.set(r.id, index);
    }

    const ref = r.orgUnit ?? defaultRef!;
    const unit = units.get(ref);
    if (!unit) err(fields, 'orgUnit', M.noUnit(ref));
    else if (caller && !isInSubtree(unit.path, caller.orgPath)) err(fields, 'orgUnit', M.unitOutOfScope());
    else if (unit.valid_to !== null && r.startDate >= unit.valid_to)
      err(fields, 'orgUnit', M.unitClosed(unit.valid_to));

    for (const f of DATE_FIELDS) {
      if (r[f] < '2000-01-01' || r[f] > '2100-12-31') err(fields, f, M.dateRange());
    }
    if (!kindSet.has(r.kind)) err(fields, 'kind', M.kind(r.kind));
    if (r.channel !== null && !channelSet.has(r.channel)) err(fields, 'channel', M.channel(r.channel));
    for (let i = 0; i < r.audiences.length; i++)
      if (!audienceSet.has(r.audiences[i]!)) err(fields, `audiences.${i}`, M.audience(r.audiences[i]!));

    let communeCode = r.communeCode;
    if (unit) {
      let own = ownCommune.get(unit);
      if (own === undefined) {
        own = communeOfPath(unit.path, unit.kind);
        ownCommune.set(unit, own);
      }
      if (own !== null) {
        if (communeCode === null) communeCode = own;
        else if (communeCode !== own) err(fields, 'communeCode', M.communeOwn(own));
      }
      if (communeCode !== null && !fields.communeCode) {
        const province = communeProvince.get(communeCode);
        if (province === undefined) err(fields, 'communeCode', M.commune(communeCode));
        else if (own === null && unit.province_code !== null && province !== unit.province_code)
          err(fields, 'communeCode', M.communeProvince(communeCode, unit.province_code));
      }
    } else if (communeCode !== null && !communeProvince.has(communeCode)) {
      err(fields, 'communeCode', M.commune(communeCode));
    }

    for (const issue of activityFieldIssues(r)) err(fields, issue.path, { vi: issue.vi, en: issue.en });

    let planId = r.planId;
    if (planId !== null && !planVisible(planId)) err(fields, 'planId', M.plan());
    if (r.taskGroupId !== null) {
      const gp = groupPlan.get(r.taskGroupId);
      if (gp === undefined) err(fields, 'taskGroupId', M.taskGroup());
      else if (planId === null) {
        if (planVisible(gp)) planId = gp;
        else err(fields, 'taskGroupId', M.plan());
      } else if (gp !== planId) err(fields, 'taskGroupId', M.taskGroup());
    }

    let campaignId: string | null;
    let campaignSuggested = false;
    if (r.campaignId === undefined) {
      // Batches repeat dates: one suggestion per distinct start date.
      let suggested = suggestionByDate.get(r.startDate);
      if (suggested === undefined) {
        suggested = suggestCampaign(activeCampaigns, r.startDate);
        suggestionByDate.set(r.startDate, suggested);
      }
      campaignId = suggested;
      campaignSuggested = campaignId !== null;
    } else {
      campaignId = r.campaignId;
      if (campaignId !== null && !campaignIds.has(campaignId)) err(fields, 'campaignId', M.campaign());
    }

    if (!unit || hasKeys(fields)) {
      errors.push({ index, fields });
      continue;
    }
    const title = toNfc(r.title);
    const notes = r.notes === null ? null : toNfc(r.notes);
    out.push({
      index,
      id: r.id,
      orgUnitId: unit.id,
      orgUnitCode: unit.code,
      orgUnitName: unit.name,
      orgPath: unit.path,
      provinceCode: unit.province_code,
      kind: r.kind,
      title,
      startDate: r.startDate,
      endDate: r.endDate,
      communeCode,
      channel: r.channel,
      audiences: r.audiences.length < 2 ? r.audiences.slice() : [...new Set(r.audiences)],
      participantsFemale: r.participantsFemale,
      participantsMale: r.participantsMale,
      participantsTotal: r.participantsTotal,
      ethnicMinorityParticipants: r.ethnicMinorityParticipants,
      productsCount: r.productsCount,
      reach: r.reach,
      costStateBudget: r.costStateBudget,
      costMobilised: r.costMobilised,
      costInternational: r.costInternational,
      planId,
      taskGroupId: r.taskGroupId,
      campaignId,
      campaignSuggested,
      notes,
      source: r.source ?? opts.defaultSource ?? 'web',
      searchText: activitySearchText({ title, notes, orgUnitName: unit.name }),
    });
  }
  return { rows: out, errors };
}

/** The row to insert for a resolved activity (`id` must be set by then). */
export function activityInsertValues(
  a: ResolvedActivity & { id: string },
  userId: string | null,
): Insertable<ActivityTable> {
  return {
    id: a.id,
    org_unit_id: a.orgUnitId,
    org_path: a.orgPath,
    province_code: a.provinceCode,
    kind: a.kind,
    title: a.title,
    start_date: a.startDate,
    end_date: a.endDate,
    commune_code: a.communeCode,
    channel: a.channel,
    audiences: a.audiences,
    participants_female: a.participantsFemale,
    participants_male: a.participantsMale,
    participants_total: a.participantsTotal,
    ethnic_minority_participants: a.ethnicMinorityParticipants,
    products_count: a.productsCount,
    reach: a.reach,
    cost_state_budget: a.costStateBudget,
    cost_mobilised: a.costMobilised,
    cost_international: a.costInternational,
    plan_id: a.planId,
    task_group_id: a.taskGroupId,
    campaign_id: a.campaignId,
    notes: a.notes,
    source: a.source,
    search_text: a.searchText,
    created_by: userId,
    updated_by: userId,
  };
}

/** Throws the first row's field errors as one 400 (single create/patch). */
export function throwRowErrors(errors: ActivityRowError[]): void {
  const first = errors[0];
  if (!first) return;
  throw new LocalizedError('validation', msg('Hoạt động không hợp lệ', 'Invalid activity'), first.fields);
}
