/**
 * Periodic reports: what is due, drafts filled from the data, the submit → return/approve workflow
 * with every step kept, completeness and timeliness for reviewers, reminders. Every mutation runs
 * in one transaction with its audit entry.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ReportTable as ReportRowTable } from '@binhdang/db';
import {
  daysBetween,
  emptyNarrative,
  escapeLike,
  hasPermission,
  isInSubtree,
  LocalizedError,
  msg,
  parsePeriod,
  periodForRule,
  rates,
  ReportFigures as ReportFiguresSchema,
  timelinessOf,
  vnDate,
  type BulkApproveBody,
  type CompletenessMatrix,
  type CompletenessQuery,
  type CreateReportBody,
  type Narrative,
  type Reminder,
  type Report,
  type ReportExplain,
  type ReportFigures,
  type ReportPatch,
  type ReportsQuery,
  type ReportSummary,
  type ReportVersion,
  type SubordinateSnapshot,
} from '@binhdang/domain';
import { writeAudit } from '../audit/audit.js';
import { requireInScope, type Actor } from '../context.js';
import { findUnit } from '../org/service.js';
import { computeFigures } from './figures.js';
import {
  ancestorPaths,
  dueOf,
  duesInYears,
  expectedUnits,
  loadRules,
  UnitCache,
  type Due,
  type RuleCtx,
} from './obligations.js';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<ReportRowTable>;
const NIL = '00000000-0000-0000-0000-000000000000';
const json = (v: unknown): string => JSON.stringify(v);

/** The clock; a test or the bench may move it. */
export const clock = { now: (): Date => new Date() };

function notFound(): LocalizedError {
  return new LocalizedError('not_found', msg('Không tìm thấy báo cáo', 'Report not found'));
}

async function unitOrCaller(db: Db, actor: Actor, ref: string | undefined, field = 'org') {
  const unit = await findUnit(db, ref ?? actor.orgUnitId);
  if (!unit) {
    throw new LocalizedError('not_found', msg('Không tìm thấy đơn vị', 'Org unit not found'), {
      [field]: msg('Không tìm thấy đơn vị', 'Org unit not found'),
    });
  }
  requireInScope(actor, unit.path, field);
  return unit;
}

// ---------- permissions ----------

export function canRead(actor: Actor, row: Pick<Row, 'org_path' | 'recipient_org_unit_id'>): boolean {
  return isInSubtree(row.org_path, actor.orgPath) || row.recipient_org_unit_id === actor.orgUnitId;
}
/** The owning unit writes its report: reporters, and reviewers for their own unit's consolidated report. */
export function canWrite(actor: Actor, row: Pick<Row, 'org_unit_id'>): boolean {
  return (
    row.org_unit_id === actor.orgUnitId &&
    (hasPermission(actor.roles, 'report.write') || hasPermission(actor.roles, 'report.review'))
  );
}
/** Reviewers act on reports of units strictly inside their subtree (never their own unit's). */
export function canReview(actor: Actor, row: Pick<Row, 'org_path'>): boolean {
  return (
    hasPermission(actor.roles, 'report.review') &&
    row.org_path !== actor.orgPath &&
    isInSubtree(row.org_path, actor.orgPath)
  );
}

function requireWrite(actor: Actor, row: Row): void {
  if (!canRead(actor, row) || !canWrite(actor, row)) {
    if (!isInSubtree(row.org_path, actor.orgPath))
      throw new LocalizedError('out_of_scope', msg('Báo cáo của đơn vị khác', "Another unit's report"));
    throw new LocalizedError(
      'forbidden',
      msg('Chỉ đơn vị lập báo cáo mới được sửa, gửi báo cáo', 'Only the reporting unit may edit or submit it'),
    );
  }
}
function requireReview(actor: Actor, row: Row): void {
  if (!hasPermission(actor.roles, 'report.review'))
    throw new LocalizedError('forbidden', msg('Bạn không có quyền duyệt báo cáo', 'You may not review reports'));
  if (!canReview(actor, row))
    throw new LocalizedError(
      'out_of_scope',
      msg('Báo cáo của đơn vị ngoài phạm vi duyệt của bạn', 'The report belongs to a unit outside your review scope'),
    );
}
function requireVersion(row: Row, version: number): void {
  if (row.version !== version)
    throw new LocalizedError(
      'stale_version',
      msg('Báo cáo đã được người khác sửa; hãy tải lại', 'The report was changed by someone else; reload it'),
      { version: msg(`Phiên bản hiện tại là ${row.version}`, `Current version is ${row.version}`) },
    );
}
function requireStatus(row: Row, allowed: string[], action: { vi: string; en: string }): void {
  if (allowed.includes(row.status)) return;
  const locked = row.status === 'approved';
  throw new LocalizedError(
    'conflict',
    locked
      ? msg(
          `Báo cáo đã được duyệt và bị khóa; không thể ${action.vi} (người duyệt cần mở lại)`,
          `The report is approved and locked; cannot ${action.en} (a reviewer must reopen it)`,
        )
      : msg(
          `Không thể ${action.vi} báo cáo ở trạng thái "${row.status}"`,
          `Cannot ${action.en} a report whose status is "${row.status}"`,
        ),
    { status: msg(`Trạng thái hiện tại: ${row.status}`, `Current status: ${row.status}`) },
  );
}

// ---------- shaping ----------

function iso(d: Date | string | null): string | null {
  return d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
}

function dueFields(d: Due, unit: { id: string; code: string; name: string }) {
  return {
    orgUnitId: unit.id,
    orgUnitCode: unit.code,
    orgUnitName: unit.name,
    period: d.period.code,
    frequency: d.rule.frequency,
    planId: d.rule.planId,
    planTitle: d.rule.planTitle,
    planNumber: d.rule.planNumber,
    ruleId: d.rule.ruleId,
    recipientOrgUnitId: d.rule.recipientOrgUnitId,
    recipientName: d.rule.recipientName,
    dueBefore: d.dueBefore,
    dueAt: d.dueAt,
    cutoffFrom: d.cutoffFrom,
    cutoffTo: d.cutoffTo,
  };
}

function rowDueFields(r: Row, unit: { code: string; name: string }) {
  return {
    orgUnitId: r.org_unit_id,
    orgUnitCode: unit.code,
    orgUnitName: unit.name,
    period: r.period,
    frequency: r.frequency as Report['frequency'],
    planId: r.plan_id ?? NIL,
    planTitle: r.plan_title,
    planNumber: r.plan_number,
    ruleId: r.rule_id ?? NIL,
    recipientOrgUnitId: r.recipient_org_unit_id,
    recipientName: r.recipient_name,
    dueBefore: r.due_before,
    dueAt: `${r.due_before}T00:00:00+07:00`,
    cutoffFrom: r.cutoff_from,
    cutoffTo: r.cutoff_to,
  };
}

function summaryOf(
  base: ReturnType<typeof dueFields>,
  row: Row | undefined,
  expected: boolean,
  now: Date,
): ReportSummary {
  const t = timelinessOf({
    dueBefore: base.dueBefore,
    firstSubmittedAt: row?.first_submitted_at ?? null,
    now,
    expected,
  });
  return {
    id: row?.id ?? null,
    ...base,
    status: (row?.status as ReportSummary['status']) ?? 'not_started',
    timeliness: t.timeliness,
    daysLate: t.daysLate,
    consolidated: row?.consolidated ?? false,
    firstSubmittedAt: iso(row?.first_submitted_at ?? null),
    submittedAt: iso(row?.submitted_at ?? null),
    approvedAt: iso(row?.approved_at ?? null),
    returnComment: row?.return_comment ?? null,
    version: row?.version ?? null,
    updatedAt: iso(row?.updated_at ?? null),
  };
}

const key = (unitId: string, ruleId: string | null, period: string) => `${unitId}|${ruleId}|${period}`;

async function unitsById(db: Db, ids: string[]) {
  const rows = ids.length
    ? await db
        .selectFrom('org_unit')
        .select(['id', 'code', 'name', 'path', 'kind', 'valid_to'])
        .where('id', 'in', [...new Set(ids)])
        .execute()
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

function yearsOf(q: { period?: string; year?: number }, now: Date): number[] {
  if (q.period) return [parsePeriod(q.period)!.year];
  if (q.year) return [q.year];
  const y = Number(vnDate(now).slice(0, 4));
  return [y - 1, y];
}

// ---------- what a unit owes ----------

/** The dues a unit owes (rules of its ancestors' issued plans that expect it), in the given years. */
export async function duesOfUnit(
  db: Db,
  unit: { id: string; path: string },
  years: number[],
  cache = new UnitCache(db),
): Promise<Due[]> {
  const rules = await loadRules(db, { issuerPaths: ancestorPaths(unit.path) });
  const out: Due[] = [];
  for (const rule of rules)
    for (const due of duesInYears(rule, years))
      if ((await expectedUnits(cache, due)).some((u) => u.id === unit.id)) out.push(due);
  return out;
}

export async function listReports(
  db: Kysely<DB>,
  actor: Actor,
  q: ReportsQuery,
): Promise<{ items: ReportSummary[]; total: number; limit: number; offset: number }> {
  const unit = await unitOrCaller(db, actor, q.org);
  const now = clock.now();
  const years = yearsOf(q, now);
  const inPeriod = (code: string) => (q.period ? code === q.period : years.includes(Number(code.slice(0, 4))));
  let items: ReportSummary[] = [];

  if (q.scope === 'own') {
    const dues = (await duesOfUnit(db, unit, years)).filter((d) => inPeriod(d.period.code));
    const rows = (await db.selectFrom('report').selectAll().where('org_unit_id', '=', unit.id).execute()).filter((r) =>
      inPeriod(r.period),
    );
    const byKey = new Map(rows.map((r) => [key(r.org_unit_id, r.rule_id, r.period), r]));
    for (const d of dues) {
      const k = key(unit.id, d.rule.ruleId, d.period.code);
      items.push(summaryOf(dueFields(d, unit), byKey.get(k), true, now));
      byKey.delete(k);
    }
    for (const r of byKey.values()) items.push(summaryOf(rowDueFields(r, unit), r, false, now));
  } else if (q.scope === 'inbox') {
    const rows = (
      await db
        .selectFrom('report')
        .selectAll()
        .where('org_path', 'like', `${escapeLike(unit.path)}.%`)
        .where('status', '!=', 'draft')
        .execute()
    ).filter((r) => inPeriod(r.period));
    const units = await unitsById(
      db,
      rows.map((r) => r.org_unit_id),
    );
    const rank: Record<string, number> = { submitted: 0, returned: 1, approved: 2 };
    items = rows
      .map((r) => summaryOf(rowDueFields(r, units.get(r.org_unit_id)!), r, true, now))
      .sort(
        (a, b) =>
          (rank[a.status] ?? 9) - (rank[b.status] ?? 9) ||
          a.dueBefore.localeCompare(b.dueBefore) ||
          (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''),
      );
  } else {
    const m = await matrixData(db, unit, years, q.period);
    for (const c of m.dues)
      for (const u of m.rowUnits) {
        const cell = m.cell(u.id, c);
        if (cell.expected || cell.row) items.push(summaryOf(dueFields(c, u), cell.row, cell.expected, now));
      }
  }
  if (q.status) items = items.filter((i) => i.status === q.status);
  return { items: items.slice(q.offset, q.offset + q.limit), total: items.length, limit: q.limit, offset: q.offset };
}

// ---------- completeness ----------

async function matrixData(
  db: Db,
  unit: { id: string; path: string },
  years: number[],
  period?: string,
  frequency?: string,
) {
  const cache = new UnitCache(db);
  const rules = (await loadRules(db, { recipientId: unit.id })).filter((r) => !frequency || r.frequency === frequency);
  const end = period ? parsePeriod(period)!.end : null;
  const dues = rules
    .flatMap((r) => duesInYears(r, years))
    .filter((d) => !end || d.period.start <= end)
    .sort((a, b) => a.dueBefore.localeCompare(b.dueBefore) || a.rule.planTitle.localeCompare(b.rule.planTitle));
  const expected = new Map<Due, Set<string>>();
  const rowUnitIds = new Set<string>();
  for (const d of dues) {
    const units = await expectedUnits(cache, d);
    expected.set(d, new Set(units.map((u) => u.id)));
    for (const u of units) rowUnitIds.add(u.id);
  }
  const ruleIds = [...new Set(dues.map((d) => d.rule.ruleId))];
  const rows = ruleIds.length
    ? await db.selectFrom('report').selectAll().where('rule_id', 'in', ruleIds).execute()
    : [];
  const byKey = new Map(rows.map((r) => [key(r.org_unit_id, r.rule_id, r.period), r]));
  const periodsWanted = new Set(dues.map((d) => `${d.rule.ruleId}|${d.period.code}`));
  for (const r of rows) if (periodsWanted.has(`${r.rule_id}|${r.period}`)) rowUnitIds.add(r.org_unit_id);
  const units = await unitsById(db, [...rowUnitIds]);
  const rowUnits = [...units.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    dues,
    rowUnits,
    cell(unitId: string, d: Due) {
      return {
        expected: expected.get(d)!.has(unitId),
        row: byKey.get(key(unitId, d.rule.ruleId, d.period.code)),
      };
    },
  };
}

export async function completeness(db: Kysely<DB>, actor: Actor, q: CompletenessQuery): Promise<CompletenessMatrix> {
  const unit = await unitOrCaller(db, actor, q.org);
  const now = clock.now();
  const year = q.period ? parsePeriod(q.period)!.year : Number(vnDate(now).slice(0, 4));
  const years = Array.from({ length: q.periods }, (_, i) => year - q.periods + 1 + i);
  const m = await matrixData(db, unit, years, q.period, q.frequency);
  const rows = m.rowUnits.map((u) => ({
    orgUnitId: u.id,
    orgUnitCode: u.code,
    orgUnitName: u.name,
    kind: u.kind,
    validTo: u.valid_to,
    cells: m.dues.map((d) => {
      const c = m.cell(u.id, d);
      const t = timelinessOf({
        dueBefore: d.dueBefore,
        firstSubmittedAt: c.row?.first_submitted_at ?? null,
        now,
        expected: c.expected,
      });
      return {
        period: d.period.code,
        ruleId: d.rule.ruleId,
        timeliness: t.timeliness,
        daysLate: t.daysLate,
        status: (c.row?.status ?? 'not_started') as ReportSummary['status'],
        reportId: c.row?.id ?? null,
        dueBefore: d.dueBefore,
        firstSubmittedAt: iso(c.row?.first_submitted_at ?? null),
      };
    }),
  }));
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    columns: m.dues.map((d) => ({
      period: d.period.code,
      ruleId: d.rule.ruleId,
      frequency: d.rule.frequency,
      planTitle: d.rule.planTitle,
      dueBefore: d.dueBefore,
    })),
    rows,
    rates: m.dues.map((d, i) => ({
      period: d.period.code,
      ruleId: d.rule.ruleId,
      ...rates(rows.map((r) => r.cells[i]!)),
    })),
  };
}

// ---------- one report ----------

async function loadRow(db: Db, id: string, lock = false): Promise<Row> {
  const q = db.selectFrom('report').selectAll().where('id', '=', id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** What a consolidated report draws on: received rules for the period, expected subordinates, approved snapshots. */
async function consolidationFor(db: Db, unit: { id: string; path: string }, period: string) {
  const cache = new UnitCache(db);
  const rules = await loadRules(db, { recipientId: unit.id });
  const excluded = new Set<string>();
  let consolidated = false;
  for (const r of rules) {
    const p = periodForRule(r.frequency, period);
    if (!p) continue;
    const units = await expectedUnits(cache, dueOf(r, p));
    if (units.length) consolidated = true;
    for (const u of units) if (u.path.startsWith(`${unit.path}.`)) excluded.add(u.path);
  }
  const approved = consolidated
    ? await db
        .selectFrom('report as r')
        .innerJoin('org_unit as o', 'o.id', 'r.org_unit_id')
        .select(['r.id', 'r.figures', 'r.org_path', 'o.code', 'o.name'])
        .where('r.recipient_org_unit_id', '=', unit.id)
        .where('r.period', '=', period)
        .where('r.status', '=', 'approved')
        .where('r.org_path', 'like', `${escapeLike(unit.path)}.%`)
        .orderBy('r.org_path')
        .execute()
    : [];
  const subordinates: SubordinateSnapshot[] = [];
  for (const a of approved) {
    const f = ReportFiguresSchema.safeParse(a.figures);
    if (!f.success) continue;
    excluded.add(a.org_path);
    subordinates.push({
      reportId: a.id,
      orgUnitCode: a.code,
      orgUnitName: a.name,
      status: 'approved',
      figures: f.data,
    });
  }
  return { consolidated, excludePaths: [...excluded], subordinates };
}

export async function figuresOf(db: Db, row: Row): Promise<ReportFigures> {
  const c = await consolidationFor(db, { id: row.org_unit_id, path: row.org_path }, row.period);
  return computeFigures(db, {
    unit: { id: row.org_unit_id, path: row.org_path },
    window: { from: row.cutoff_from, to: row.cutoff_to },
    year: Number(row.period.slice(0, 4)),
    period: row.period,
    planId: row.plan_id,
    ...c,
  });
}

function narrativeOf(v: unknown): Narrative {
  const n = { ...emptyNarrative(), ...((v ?? {}) as Partial<Narrative>) };
  return { results: n.results, limitations: n.limitations, recommendations: n.recommendations, nextTasks: n.nextTasks };
}

async function versionsOf(db: Db, reportId: string): Promise<ReportVersion[]> {
  const rows = await db
    .selectFrom('report_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.by_user_id')
    .select(['v.number', 'v.status', 'v.action', 'v.at', 'v.by_user_id', 'u.display_name', 'v.comment'])
    .where('v.report_id', '=', reportId)
    .orderBy('v.number')
    .execute();
  return rows.map((v) => ({
    number: v.number,
    status: v.status as ReportVersion['status'],
    action: v.action as ReportVersion['action'],
    at: iso(v.at)!,
    byUserId: v.by_user_id,
    byName: v.display_name,
    comment: v.comment,
  }));
}

async function toReport(db: Db, actor: Actor, row: Row): Promise<Report> {
  const live = row.status === 'draft' || row.status === 'returned' || !row.figures;
  const [units, figures, versions] = await Promise.all([
    unitsById(db, [row.org_unit_id]),
    live ? figuresOf(db, row) : (row.figures as ReportFigures),
    versionsOf(db, row.id),
  ]);
  const unit = units.get(row.org_unit_id)!;
  const t = timelinessOf({
    dueBefore: row.due_before,
    firstSubmittedAt: row.first_submitted_at,
    now: clock.now(),
    expected: true,
  });
  const write = canRead(actor, row) && canWrite(actor, row);
  const review = canReview(actor, row);
  return {
    id: row.id,
    ...rowDueFields(row, unit),
    status: row.status as Report['status'],
    timeliness: t.timeliness,
    daysLate: t.daysLate,
    consolidated: row.consolidated,
    narrative: narrativeOf(row.narrative),
    figures,
    firstSubmittedAt: iso(row.first_submitted_at),
    submittedAt: iso(row.submitted_at),
    submittedBy: row.submitted_by,
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by,
    returnComment: row.return_comment,
    versions,
    can: {
      edit: write && (row.status === 'draft' || row.status === 'returned'),
      submit: write && (row.status === 'draft' || row.status === 'returned'),
      review: review && row.status === 'submitted',
      reopen: review && row.status === 'approved',
    },
    version: row.version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

export async function getReport(db: Kysely<DB>, actor: Actor, id: string): Promise<Report> {
  const row = await loadRow(db, id);
  if (!canRead(actor, row))
    throw new LocalizedError('out_of_scope', msg('Báo cáo của đơn vị ngoài phạm vi', 'Report outside your scope'));
  return toReport(db, actor, row);
}

/** Opens the draft a unit owes for (rule, period); returns the existing one when already open. */
export async function openReport(
  db: Kysely<DB>,
  actor: Actor,
  body: CreateReportBody,
): Promise<{ report: Report; created: boolean }> {
  const unit = await unitOrCaller(db, actor, body.orgUnit, 'orgUnit');
  if (unit.id !== actor.orgUnitId || !canWrite(actor, { org_unit_id: unit.id }))
    throw new LocalizedError(
      'forbidden',
      msg('Chỉ đơn vị lập báo cáo mới mở được báo cáo của mình', 'Only the reporting unit may open its report'),
      { orgUnit: msg('Không phải đơn vị của bạn', 'Not your unit') },
    );
  const [rule] = await loadRules(db, { ruleIds: [body.ruleId] });
  if (!rule)
    throw new LocalizedError('validation', msg('Không có chế độ báo cáo này', 'No such reporting rule'), {
      ruleId: msg('Không tìm thấy chế độ báo cáo (hoặc kế hoạch chưa ban hành)', 'Rule not found (or plan not issued)'),
    });
  const period = periodForRule(rule.frequency, body.period);
  if (!period)
    throw new LocalizedError(
      'validation',
      msg('Kỳ báo cáo không hợp với chế độ báo cáo', 'Period does not fit the rule'),
      {
        period: msg(
          `Kỳ ${body.period} không phải kỳ của chế độ báo cáo này`,
          `${body.period} is not a period of this rule`,
        ),
      },
    );
  const due = dueOf(rule, period);
  const expected = await expectedUnits(new UnitCache(db), due);
  if (!expected.some((u) => u.id === unit.id))
    throw new LocalizedError(
      'validation',
      msg(
        'Đơn vị không phải báo cáo kỳ này theo chế độ báo cáo đã chọn',
        'The unit owes no report for this period under this rule',
      ),
      { period: msg('Không có báo cáo phải nộp', 'Nothing due') },
    );
  const existing = await db
    .selectFrom('report')
    .select('id')
    .where('org_unit_id', '=', unit.id)
    .where('rule_id', '=', rule.ruleId)
    .where('period', '=', period.code)
    .executeTakeFirst();
  if (existing) return { report: await getReport(db, actor, existing.id), created: false };
  const id = crypto.randomUUID();
  const c = await consolidationFor(db, unit, period.code);
  try {
    await db.transaction().execute(async (trx) => {
      const values = {
        id,
        org_unit_id: unit.id,
        org_path: unit.path,
        province_code: unit.province_code,
        period: period.code,
        frequency: rule.frequency,
        plan_id: rule.planId,
        rule_id: rule.ruleId,
        plan_title: rule.planTitle,
        plan_number: rule.planNumber,
        recipient_org_unit_id: rule.recipientOrgUnitId,
        recipient_name: rule.recipientName,
        due_before: due.dueBefore,
        cutoff_from: due.cutoffFrom,
        cutoff_to: due.cutoffTo,
        consolidated: c.consolidated,
        narrative: json(emptyNarrative()),
        figures: null,
        created_by: actor.userId,
      };
      await trx.insertInto('report').values(values).execute();
      await writeAudit(trx, {
        userId: actor.userId,
        action: 'create',
        entity: 'report',
        entityId: id,
        orgPath: unit.path,
        after: { period: period.code, ruleId: rule.ruleId, dueBefore: due.dueBefore },
      });
    });
  } catch (e) {
    // Two opens at once: the unique (unit, rule, period) lets one win; the other returns it.
    if ((e as { code?: string }).code === '23505') {
      const again = await db
        .selectFrom('report')
        .select('id')
        .where('org_unit_id', '=', unit.id)
        .where('rule_id', '=', rule.ruleId)
        .where('period', '=', period.code)
        .executeTakeFirst();
      if (again) return { report: await getReport(db, actor, again.id), created: false };
    }
    throw e;
  }
  return { report: await getReport(db, actor, id), created: true };
}

export async function patchReport(db: Kysely<DB>, actor: Actor, id: string, body: ReportPatch): Promise<Report> {
  const row = await db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id, true);
    requireWrite(actor, row);
    requireStatus(row, ['draft', 'returned'], { vi: 'sửa', en: 'edit' });
    requireVersion(row, body.version);
    const before = narrativeOf(row.narrative);
    const normalized = Object.fromEntries(
      Object.entries(body.narrative).map(([k, v]) => [k, (v ?? '').normalize('NFC')]),
    );
    const after = { ...before, ...normalized };
    await trx
      .updateTable('report')
      .set({ narrative: json(after), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'report',
      entityId: id,
      orgPath: row.org_path,
      before: { narrative: before, version: row.version },
      after: { narrative: after, version: row.version + 1 },
    });
    return loadRow(trx, id);
  });
  return toReport(db, actor, row);
}

/** Recomputes the draft's figures now (they are live anyway; this bumps the version so a client refetches). */
export async function refreshReport(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<Report> {
  const row = await loadRow(db, id);
  requireWrite(actor, row);
  requireStatus(row, ['draft', 'returned'], { vi: 'cập nhật số liệu', en: 'refresh' });
  requireVersion(row, version);
  const c = await consolidationFor(db, { id: row.org_unit_id, path: row.org_path }, row.period);
  const updated = await db.transaction().execute(async (trx) => {
    const locked = await loadRow(trx, id, true);
    requireVersion(locked, version);
    await trx
      .updateTable('report')
      .set({ consolidated: c.consolidated, version: locked.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'refresh',
      entity: 'report',
      entityId: id,
      orgPath: row.org_path,
      after: { version: locked.version + 1 },
    });
    return loadRow(trx, id);
  });
  return toReport(db, actor, updated);
}

async function addVersion(
  trx: Transaction<DB>,
  row: Row,
  action: ReportVersion['action'],
  status: string,
  actor: Actor,
  figures: unknown,
  comment: string | null,
  narrative: unknown,
): Promise<void> {
  // One statement: the next number is computed under the report's row lock held by the caller.
  await sql`INSERT INTO report_version (id, report_id, number, action, status, narrative, figures, comment, by_user_id)
    SELECT ${crypto.randomUUID()}, ${row.id}, coalesce(max(number), 0) + 1, ${action}, ${status},
      ${json(narrative)}::jsonb, ${figures === null ? null : json(figures)}::jsonb, ${comment}, ${actor.userId}
    FROM report_version WHERE report_id = ${row.id}`.execute(trx);
}

export async function submitReport(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<Report> {
  const first = await loadRow(db, id);
  requireWrite(actor, first);
  requireStatus(first, ['draft', 'returned'], { vi: 'gửi', en: 'submit' });
  requireVersion(first, version);
  // Figures are read outside the write transaction; the version check below makes it safe.
  const figures = await figuresOf(db, first);
  const row = await db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, id, true);
    requireStatus(row, ['draft', 'returned'], { vi: 'gửi', en: 'submit' });
    requireVersion(row, version);
    const now = clock.now();
    const updated = await trx
      .updateTable('report')
      .set({
        status: 'submitted',
        figures: json(figures),
        consolidated: figures.tables.some((t) => t.key === 'subordinates'),
        first_submitted_at: row.first_submitted_at ?? now,
        submitted_at: now,
        submitted_by: actor.userId,
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await addVersion(trx, row, 'submit', 'submitted', actor, figures, null, row.narrative);
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'submit',
      entity: 'report',
      entityId: id,
      orgPath: row.org_path,
      before: { status: row.status },
      after: { status: 'submitted', activityCount: figures.sources.activityCount, totals: figures.totals },
    });
    return updated;
  });
  return toReport(db, actor, row);
}

async function review(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  action: 'return' | 'approve' | 'reopen',
  comment: string | null,
): Promise<Report> {
  const row = await db.transaction().execute(async (trx) => reviewIn(trx, actor, id, version, action, comment));
  return toReport(db, actor, row);
}

const TRANSITIONS = {
  return: { from: ['submitted'], to: 'returned', vi: 'trả lại', en: 'return' },
  approve: { from: ['submitted'], to: 'approved', vi: 'duyệt', en: 'approve' },
  reopen: { from: ['approved'], to: 'returned', vi: 'mở lại', en: 'reopen' },
} as const;

async function reviewIn(
  trx: Transaction<DB>,
  actor: Actor,
  id: string,
  version: number,
  action: 'return' | 'approve' | 'reopen',
  comment: string | null,
): Promise<Row> {
  const row = await loadRow(trx, id, true);
  requireReview(actor, row);
  const t = TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(row.status))
    throw new LocalizedError(
      'conflict',
      msg(
        `Không thể ${t.vi} báo cáo ở trạng thái "${row.status}"`,
        `Cannot ${t.en} a report whose status is "${row.status}"`,
      ),
      { status: msg(`Trạng thái hiện tại: ${row.status}`, `Current status: ${row.status}`) },
    );
  requireVersion(row, version);
  const now = clock.now();
  await trx
    .updateTable('report')
    .set({
      status: t.to,
      version: row.version + 1,
      updated_at: now,
      ...(action === 'approve'
        ? { approved_at: now, approved_by: actor.userId }
        : { return_comment: comment, approved_at: null, approved_by: null }),
    })
    .where('id', '=', id)
    .execute();
  await addVersion(trx, row, action, t.to, actor, null, comment, row.narrative);
  await writeAudit(trx, {
    userId: actor.userId,
    action,
    entity: 'report',
    entityId: id,
    orgPath: row.org_path,
    before: { status: row.status },
    after: { status: t.to, ...(comment ? { comment } : {}) },
  });
  return loadRow(trx, id);
}

export const returnReport = (db: Kysely<DB>, actor: Actor, id: string, version: number, comment: string) =>
  review(db, actor, id, version, 'return', comment);
export const approveReport = (db: Kysely<DB>, actor: Actor, id: string, version: number) =>
  review(db, actor, id, version, 'approve', null);
export const reopenReport = (db: Kysely<DB>, actor: Actor, id: string, version: number, comment: string) =>
  review(db, actor, id, version, 'reopen', comment);

/** All or nothing: the first failing item aborts the transaction and is named as items.N. */
export async function bulkApprove(
  db: Kysely<DB>,
  actor: Actor,
  body: BulkApproveBody,
): Promise<{ approved: number; items: ReportSummary[] }> {
  const rows = await db.transaction().execute(async (trx) => {
    const out: Row[] = [];
    for (const [i, item] of body.items.entries()) {
      try {
        out.push(await reviewIn(trx, actor, item.id, item.version, 'approve', null));
      } catch (e) {
        if (e instanceof LocalizedError)
          throw new LocalizedError(e.code, e.text, { [`items.${i}`]: e.text, ...e.fieldTexts });
        throw e;
      }
    }
    return out;
  });
  const units = await unitsById(
    db,
    rows.map((r) => r.org_unit_id),
  );
  const now = clock.now();
  return {
    approved: rows.length,
    items: rows.map((r) => summaryOf(rowDueFields(r, units.get(r.org_unit_id)!), r, true, now)),
  };
}

export async function reportVersions(db: Kysely<DB>, actor: Actor, id: string): Promise<ReportVersion[]> {
  const row = await loadRow(db, id);
  if (!canRead(actor, row))
    throw new LocalizedError('out_of_scope', msg('Báo cáo của đơn vị ngoài phạm vi', 'Report outside your scope'));
  return versionsOf(db, id);
}

/** The activities behind a report's figures (from the snapshot's ids, or live for a draft). */
export async function explainReport(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  q: { table?: string; row?: string; limit: number },
): Promise<ReportExplain> {
  const report = await getReport(db, actor, id);
  const ids = report.figures.sources.activityIds;
  let query = db
    .selectFrom('activity as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .select([
      'a.id',
      'o.code',
      'a.kind',
      'a.title',
      'a.start_date',
      'a.participants_female',
      'a.participants_male',
      'a.participants_total',
      'a.channel',
      'a.audiences',
      'a.campaign_id',
    ])
    .where('a.id', 'in', ids.length ? ids : [NIL]);
  if (q.row && q.table === 'by_kind') query = query.where('a.kind', '=', q.row);
  if (q.row && q.table === 'by_channel')
    query = q.row === '_none' ? query.where('a.channel', 'is', null) : query.where('a.channel', '=', q.row);
  const rows = (await query.orderBy('a.start_date').execute()).filter(
    (a) => !(q.row && q.table === 'by_audience') || a.audiences.includes(q.row),
  );
  return {
    window: report.figures.window,
    total: rows.length,
    activities: rows.slice(0, q.limit).map((a) => ({
      id: a.id,
      orgUnitCode: a.code,
      kind: a.kind,
      title: a.title,
      startDate: a.start_date,
      participantsFemale: a.participants_female,
      participantsMale: a.participants_male,
      participantsTotal: a.participants_total,
    })),
  };
}

// ---------- reminders ----------

/** Reports the caller's unit owes: due within 7 days, overdue, or returned for fixes. */
export async function reminders(db: Kysely<DB>, actor: Actor): Promise<Reminder[]> {
  if (!hasPermission(actor.roles, 'report.write') && !hasPermission(actor.roles, 'report.review')) return [];
  return remindersForUnit(db, { id: actor.orgUnitId, path: actor.orgPath }, clock.now());
}

export async function remindersForUnit(db: Db, unit: { id: string; path: string }, now: Date): Promise<Reminder[]> {
  const u = (await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name'])
    .where('id', '=', unit.id)
    .executeTakeFirst())!;
  const today = vnDate(now);
  const y = Number(today.slice(0, 4));
  const dues = await duesOfUnit(db, unit, [y - 1, y]);
  const rows = await db.selectFrom('report').selectAll().where('org_unit_id', '=', unit.id).execute();
  const byKey = new Map(rows.map((r) => [key(r.org_unit_id, r.rule_id, r.period), r]));
  const out: Reminder[] = [];
  for (const d of dues) {
    const row = byKey.get(key(unit.id, d.rule.ruleId, d.period.code));
    const s = summaryOf(dueFields(d, u), row, true, now);
    const daysLeft = daysBetween(today, d.dueBefore);
    if (s.status === 'returned') out.push({ ...s, kind: 'returned', daysLeft });
    else if (s.status === 'not_started' || s.status === 'draft') {
      if (daysLeft <= 0) out.push({ ...s, kind: 'overdue', daysLeft });
      else if (daysLeft <= 7) out.push({ ...s, kind: 'due_soon', daysLeft });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}

export { dueOf, loadRules, expectedUnits, UnitCache, type RuleCtx };
