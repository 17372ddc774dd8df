/**
 * Plans: read scope is the caller's subtree plus the plans of the units above them (a unit
 * implements its superiors' plans, so it must read them); writes need `plan.write` and the
 * issuing unit inside the caller's subtree. Every write is one transaction with an audit row.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, PlanTargetTable } from '@binhdang/db';
import {
  escapeLike,
  foldForSearch,
  isInSubtree,
  LocalizedError,
  msg,
  toNfc,
  type Plan,
  type PlanInput,
  type PlanSummary,
  type PlansQuery,
  type PlanUpdate,
  isUuid,
} from '@binhdang/domain';
import { requireInScope, requirePermission, type Actor } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import { findUnit, getUnitInScope } from '../org/service.js';

type Db = Kysely<DB> | Transaction<DB>;
const json = (v: unknown): string => JSON.stringify(v);

const planNotFound = (): LocalizedError =>
  new LocalizedError('not_found', msg('Không tìm thấy kế hoạch', 'Plan not found'));

/** Plans a caller may read: in their subtree, or issued by a unit above them. */
export function canReadPlan(actor: Actor | null, planPath: string): boolean {
  return actor === null || isInSubtree(planPath, actor.orgPath) || isInSubtree(actor.orgPath, planPath);
}

function ancestorPaths(path: string): string[] {
  const seg = path.split('.');
  return seg.slice(0, -1).map((_, i) => seg.slice(0, i + 1).join('.'));
}

async function planRow(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .selectAll('p')
    .select(['o.code as org_code', 'o.name as org_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
type PlanRow = NonNullable<Awaited<ReturnType<typeof planRow>>>;

export async function loadPlan(db: Db, id: string): Promise<Plan | undefined> {
  const p = await planRow(db, id);
  if (!p) return undefined;
  const [targets, groups, assignments, rules] = await Promise.all([
    db
      .selectFrom('plan_target as t')
      .leftJoin('plan_target as pt', 'pt.id', 't.parent_target_id')
      .selectAll('t')
      .select('pt.text as parent_text')
      .where('t.plan_id', '=', id)
      .orderBy('t.ordinal')
      .execute(),
    db.selectFrom('plan_task_group').selectAll().where('plan_id', '=', id).orderBy('ordinal').execute(),
    db
      .selectFrom('plan_assignment as a')
      .leftJoin('org_unit as o', 'o.id', 'a.org_unit_id')
      .selectAll('a')
      .select(['o.name as unit_name', 'o.code as unit_code'])
      .where('a.plan_id', '=', id)
      .orderBy('a.ordinal')
      .execute(),
    db
      .selectFrom('plan_reporting_rule as r')
      .leftJoin('org_unit as o', 'o.id', 'r.recipient_org_unit_id')
      .selectAll('r')
      .select('o.code as recipient_code')
      .where('r.plan_id', '=', id)
      .orderBy('r.ordinal')
      .execute(),
  ]);
  return toPlanDto(p, targets, groups, assignments, rules);
}

type Span = { start: number; end: number } | null;

function toPlanDto(
  p: PlanRow,
  targets: (Omit<PlanTargetTable, 'milestones' | 'span' | 'rule_params'> & {
    milestones: unknown;
    span: unknown;
    rule_params: unknown;
    parent_text: string | null;
  })[],
  groups: { id: string; ordinal: number; heading: string; method: string | null; subtasks: unknown; span: unknown }[],
  assignments: {
    id: string;
    org_name: string;
    org_unit_id: string | null;
    unit_name: string | null;
    unit_code: string | null;
    role: string;
    duties: string;
    target_numbers: number[];
    span: unknown;
  }[],
  rules: {
    id: string;
    frequency: string;
    deadline: string;
    cutoff_from: string | null;
    cutoff_to: string | null;
    recipient_name: string | null;
    recipient_org_unit_id: string | null;
    recipient_code: string | null;
    span: unknown;
  }[],
): Plan {
  return {
    id: p.id,
    orgUnitId: p.org_unit_id,
    orgUnitCode: p.org_code,
    orgUnitName: p.org_name,
    issuerName: p.issuer_name,
    supervisingBody: p.supervising_body,
    number: p.number,
    place: p.place,
    issuedOn: p.issued_on,
    title: p.title,
    kind: p.kind as Plan['kind'],
    status: p.status as Plan['status'],
    periodFrom: p.period_from,
    periodTo: p.period_to,
    parentPlanId: p.parent_plan_id,
    parentDocuments: p.parent_documents as Plan['parentDocuments'],
    legalBases: p.legal_bases as string[],
    purposes: p.purposes,
    budgetText: p.budget_text,
    budgetSources: p.budget_sources as string[],
    recipients: p.recipients as string[],
    signer: { authority: null, title: null, name: null, ...(p.signer as object) },
    hasOriginalText: p.original_text !== null && p.original_text.length > 0,
    targets: targets.map((t) => ({
      id: t.id,
      number: t.number,
      code: t.code,
      text: t.text,
      unit: t.unit,
      comparator: t.comparator as Plan['targets'][number]['comparator'],
      milestones: t.milestones as Plan['targets'][number]['milestones'],
      frequency: t.frequency as Plan['targets'][number]['frequency'],
      baselineYear: t.baseline_year,
      ruleKind: t.rule_kind as Plan['targets'][number]['ruleKind'],
      ruleParams: (t.rule_params ?? null) as Plan['targets'][number]['ruleParams'],
      scopeKinds: t.scope_kinds as Plan['targets'][number]['scopeKinds'],
      scopeText: t.scope_text,
      parentTargetId: t.parent_target_id,
      parentTargetText: t.parent_text,
      span: t.span as Span,
    })),
    taskGroups: groups.map((g) => ({
      id: g.id,
      ordinal: g.ordinal,
      heading: g.heading,
      method: g.method,
      subtasks: g.subtasks as string[],
      span: g.span as Span,
    })),
    assignments: assignments.map((a) => ({
      id: a.id,
      orgName: a.org_name,
      orgUnit: a.unit_code,
      orgUnitId: a.org_unit_id,
      orgUnitName: a.unit_name,
      role: a.role as 'lead' | 'coordinate',
      duties: a.duties,
      targetNumbers: a.target_numbers,
      span: a.span as Span,
    })),
    reportingRules: rules.map((r) => ({
      id: r.id,
      frequency: r.frequency as Plan['reportingRules'][number]['frequency'],
      deadline: r.deadline,
      cutoffFrom: r.cutoff_from,
      cutoffTo: r.cutoff_to,
      recipientName: r.recipient_name,
      recipientOrgUnit: r.recipient_code,
      recipientOrgUnitId: r.recipient_org_unit_id,
      span: r.span as Span,
    })),
    version: p.version,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

export async function getPlan(db: Kysely<DB>, actor: Actor, id: string): Promise<Plan> {
  const plan = await loadPlan(db, id);
  if (!plan) throw planNotFound();
  const row = (await planRow(db, id))!;
  if (!canReadPlan(actor, row.org_path))
    throw new LocalizedError(
      'out_of_scope',
      msg('Kế hoạch nằm ngoài phạm vi của bạn', 'This plan is outside your scope'),
    );
  return plan;
}

export async function listPlans(db: Kysely<DB>, actor: Actor, q: PlansQuery) {
  let base = actor.orgPath;
  if (q.org) base = (await getUnitInScope(db, actor, q.org, 'org')).path;
  let query = db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .select([
      'p.id',
      'p.org_unit_id',
      'o.code as org_code',
      'o.name as org_name',
      'p.number',
      'p.issued_on',
      'p.title',
      'p.kind',
      'p.status',
      'p.period_from',
      'p.period_to',
      'p.parent_plan_id',
      'p.version',
    ])
    .select((eb) =>
      eb
        .selectFrom('plan_target as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.plan_id', '=', 'p.id')
        .as('target_count'),
    )
    .select(sql<number>`count(*) over ()`.as('total'))
    .where((eb) => {
      const subtree = eb.or([eb('p.org_path', '=', base), eb('p.org_path', 'like', escapeLike(base) + '.%')]);
      const superiors = ancestorPaths(actor.orgPath);
      const above = superiors.length ? eb('p.org_path', 'in', superiors) : eb.lit(false);
      if (q.scope === 'subtree') return subtree;
      if (q.scope === 'superiors') return above;
      return q.org ? subtree : eb.or([subtree, above]);
    });
  if (q.kind) query = query.where('p.kind', '=', q.kind);
  if (q.status) query = query.where('p.status', '=', q.status);
  if (q.year !== undefined) {
    const y = q.year;
    query = query.where((eb) =>
      eb.and([
        eb.or([eb('p.period_from', 'is', null), eb('p.period_from', '<=', y)]),
        eb.or([eb('p.period_to', 'is', null), eb('p.period_to', '>=', y)]),
      ]),
    );
  }
  if (q.q) query = query.where('p.search_text', 'like', '%' + escapeLike(foldForSearch(q.q)) + '%');
  const rows = await query
    .orderBy('p.org_path')
    .orderBy('p.issued_on', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const items: PlanSummary[] = rows.map((r) => ({
    id: r.id,
    orgUnitId: r.org_unit_id,
    orgUnitCode: r.org_code,
    orgUnitName: r.org_name,
    number: r.number,
    issuedOn: r.issued_on,
    title: r.title,
    kind: r.kind as PlanSummary['kind'],
    status: r.status as PlanSummary['status'],
    periodFrom: r.period_from,
    periodTo: r.period_to,
    parentPlanId: r.parent_plan_id,
    version: r.version,
    targetCount: Number(r.target_count ?? 0),
  }));
  return { items, total: rows.length ? Number(rows[0]!.total) : 0 };
}

function planSearchText(input: {
  title: string;
  number: string | null;
  issuerName: string | null;
  place: string | null;
}): string {
  return foldForSearch([input.title, input.number ?? '', input.issuerName ?? '', input.place ?? ''].join(' '));
}

/** A unit an actor may reference from a plan: inside their subtree or above them (superiors receive reports). */
async function resolveReferencedUnit(db: Db, actor: Actor | null, ref: string | null, field: string) {
  if (ref === null) return null;
  const unit = await findUnit(db, ref);
  if (!unit) {
    throw new LocalizedError('validation', msg('Không tìm thấy đơn vị', 'Org unit not found'), {
      [field]: msg(`Không tìm thấy đơn vị "${ref}"`, `No org unit "${ref}"`),
    });
  }
  if (actor && !isInSubtree(unit.path, actor.orgPath) && !isInSubtree(actor.orgPath, unit.path)) {
    throw new LocalizedError('out_of_scope', msg('Đơn vị nằm ngoài phạm vi của bạn', 'Org unit outside your scope'), {
      [field]: msg('Đơn vị nằm ngoài phạm vi của bạn', 'Outside your scope'),
    });
  }
  return unit;
}

function validateStructure(input: Omit<PlanInput, 'orgUnit'>): void {
  const numbers = new Set(input.targets.map((t) => t.number));
  input.assignments.forEach((a, i) =>
    a.targetNumbers.forEach((n) => {
      if (!numbers.has(n)) {
        throw new LocalizedError('validation', msg('Liên kết chỉ tiêu không hợp lệ', 'Invalid target link'), {
          [`assignments.${i}.targetNumbers`]: msg(`Kế hoạch không có chỉ tiêu số ${n}`, `The plan has no target ${n}`),
        });
      }
    }),
  );
  input.targets.forEach((t, i) => {
    if (
      t.comparator === 'range' &&
      t.milestones.some((m) => m.valueMax !== null && m.value !== null && m.valueMax < m.value)
    ) {
      throw new LocalizedError('validation', msg('Khoảng giá trị không hợp lệ', 'Invalid range'), {
        [`targets.${i}.milestones`]: msg(
          'Giá trị tối đa phải lớn hơn giá trị tối thiểu',
          'The maximum must not be below the minimum',
        ),
      });
    }
  });
  if (input.periodFrom !== null && input.periodTo !== null && input.periodTo < input.periodFrom) {
    throw new LocalizedError('validation', msg('Giai đoạn không hợp lệ', 'Invalid period'), {
      periodTo: msg('Năm kết thúc phải sau năm bắt đầu', 'The end year must not be before the start year'),
    });
  }
}

async function validateParentLinks(db: Db, actor: Actor | null, input: Omit<PlanInput, 'orgUnit'>): Promise<void> {
  if (input.parentPlanId) {
    const parent = await planRow(db, input.parentPlanId);
    if (!parent || !canReadPlan(actor, parent.org_path)) {
      throw new LocalizedError('validation', msg('Không tìm thấy kế hoạch cấp trên', 'Parent plan not found'), {
        parentPlanId: msg('Không tìm thấy kế hoạch cấp trên', 'Parent plan not found'),
      });
    }
  }
  const parentTargetIds = input.targets.map((t) => t.parentTargetId).filter((x): x is string => x !== null);
  if (parentTargetIds.length) {
    const found = await db
      .selectFrom('plan_target')
      .select(['id', 'plan_id'])
      .where('id', 'in', parentTargetIds)
      .execute();
    const ok = new Set(found.filter((f) => f.plan_id === input.parentPlanId).map((f) => f.id));
    input.targets.forEach((t, i) => {
      if (t.parentTargetId && !ok.has(t.parentTargetId)) {
        throw new LocalizedError(
          'validation',
          msg('Chỉ tiêu cấp trên không thuộc kế hoạch cấp trên', 'The parent target is not in the parent plan'),
          {
            [`targets.${i}.parentTargetId`]: msg(
              'Chỉ tiêu cấp trên không thuộc kế hoạch cấp trên',
              'Not a target of the parent plan',
            ),
          },
        );
      }
    });
  }
}

function headerValues(input: Omit<PlanInput, 'orgUnit'>) {
  return {
    issuer_name: input.issuerName && toNfc(input.issuerName),
    supervising_body: input.supervisingBody && toNfc(input.supervisingBody),
    number: input.number,
    place: input.place && toNfc(input.place),
    issued_on: input.issuedOn,
    title: toNfc(input.title),
    kind: input.kind,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    parent_plan_id: input.parentPlanId,
    parent_documents: json(input.parentDocuments),
    legal_bases: json(input.legalBases.map(toNfc)),
    purposes: toNfc(input.purposes),
    budget_text: toNfc(input.budgetText),
    budget_sources: json(input.budgetSources.map(toNfc)),
    recipients: json(input.recipients.map(toNfc)),
    signer: json(input.signer),
    original_text: input.originalText,
    search_text: planSearchText(input),
  };
}

/**
 * Replaces a plan's children with the given ones, keeping the ids that are sent (so links to
 * them survive an edit) and deleting those that are gone.
 */
async function writeChildren(
  trx: Transaction<DB>,
  actor: Actor | null,
  planId: string,
  input: Omit<PlanInput, 'orgUnit'>,
): Promise<void> {
  const keep = <T extends { id?: string | undefined }>(items: T[]) =>
    items.map((i) => i.id).filter((x): x is string => !!x);
  const tables = ['plan_target', 'plan_task_group', 'plan_assignment', 'plan_reporting_rule'] as const;
  const kept = [keep(input.targets), keep(input.taskGroups), keep(input.assignments), keep(input.reportingRules)];
  for (let i = 0; i < tables.length; i++) {
    let del = trx.deleteFrom(tables[i]!).where('plan_id', '=', planId);
    if (kept[i]!.length) del = del.where('id', 'not in', kept[i]!);
    await del.execute();
  }
  const upsert = async <T extends Record<string, unknown> & { id: string }>(table: (typeof tables)[number], row: T) => {
    const { id, ...rest } = row;
    const updated = await trx
      .updateTable(table)
      .set(rest as never)
      .where('id', '=', id)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await trx
        .insertInto(table)
        .values(row as never)
        .execute();
  };
  for (const [ordinal, t] of input.targets.entries()) {
    await upsert('plan_target', {
      id: t.id ?? crypto.randomUUID(),
      plan_id: planId,
      ordinal,
      number: t.number,
      code: t.code,
      text: toNfc(t.text),
      unit: t.unit,
      comparator: t.comparator,
      milestones: json(t.milestones),
      frequency: t.frequency,
      baseline_year: t.baselineYear,
      rule_kind: t.ruleKind,
      rule_params: t.ruleParams && t.ruleParams.kind === t.ruleKind ? json(t.ruleParams) : null,
      scope_kinds: t.scopeKinds,
      scope_text: t.scopeText,
      parent_target_id: t.parentTargetId,
      span: t.span ? json(t.span) : null,
    });
  }
  for (const g of input.taskGroups) {
    await upsert('plan_task_group', {
      id: g.id ?? crypto.randomUUID(),
      plan_id: planId,
      ordinal: g.ordinal,
      heading: toNfc(g.heading),
      method: g.method && toNfc(g.method),
      subtasks: json(g.subtasks.map(toNfc)),
      span: g.span ? json(g.span) : null,
    });
  }
  for (const [ordinal, a] of input.assignments.entries()) {
    const unit = await resolveReferencedUnit(trx, actor, a.orgUnit, `assignments.${ordinal}.orgUnit`);
    await upsert('plan_assignment', {
      id: a.id ?? crypto.randomUUID(),
      plan_id: planId,
      ordinal,
      org_name: toNfc(a.orgName),
      org_unit_id: unit?.id ?? null,
      role: a.role,
      duties: toNfc(a.duties),
      target_numbers: a.targetNumbers,
      span: a.span ? json(a.span) : null,
    });
  }
  for (const [ordinal, r] of input.reportingRules.entries()) {
    const unit = await resolveReferencedUnit(
      trx,
      actor,
      r.recipientOrgUnit,
      `reportingRules.${ordinal}.recipientOrgUnit`,
    );
    await upsert('plan_reporting_rule', {
      id: r.id ?? crypto.randomUUID(),
      plan_id: planId,
      ordinal,
      frequency: r.frequency,
      deadline: r.deadline,
      cutoff_from: r.cutoffFrom,
      cutoff_to: r.cutoffTo,
      recipient_name: r.recipientName && toNfc(r.recipientName),
      recipient_org_unit_id: unit?.id ?? null,
      span: r.span ? json(r.span) : null,
    });
  }
}

/** Creates a plan; `actor` null is the system (CLI import, demo data). */
export async function createPlan(db: Kysely<DB>, actor: Actor | null, input: PlanInput): Promise<Plan> {
  if (actor) requirePermission(actor, 'plan.write');
  validateStructure(input);
  return db.transaction().execute(async (trx) => {
    const unit = actor
      ? await getUnitInScope(trx, actor, input.orgUnit, 'orgUnit')
      : await findUnit(trx, input.orgUnit);
    if (!unit) {
      throw new LocalizedError('validation', msg('Không tìm thấy đơn vị', 'Org unit not found'), {
        orgUnit: msg('Không tìm thấy đơn vị', 'Org unit not found'),
      });
    }
    await validateParentLinks(trx, actor, input);
    const id = crypto.randomUUID();
    await trx
      .insertInto('plan')
      .values({
        id,
        org_unit_id: unit.id,
        org_path: unit.path,
        province_code: unit.province_code,
        created_by: actor?.userId ?? null,
        ...headerValues(input),
      })
      .execute();
    await writeChildren(trx, actor, id, input);
    const plan = (await loadPlan(trx, id))!;
    await writeAudit(trx, {
      userId: actor?.userId ?? null,
      action: 'create',
      entity: 'plan',
      entityId: id,
      orgPath: unit.path,
      after: plan,
    });
    return plan;
  });
}

async function writablePlan(trx: Transaction<DB>, actor: Actor, id: string): Promise<PlanRow> {
  requirePermission(actor, 'plan.write');
  // The row lock makes a concurrent writer wait and then see the new version (no lost update).
  if (isUuid(id)) await trx.selectFrom('plan').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await planRow(trx, id);
  if (!row) throw planNotFound();
  if (!canReadPlan(actor, row.org_path)) throw planNotFound();
  requireInScope(actor, row.org_path);
  return row;
}

function requireVersion(row: PlanRow, version: number): void {
  if (row.version !== version) {
    throw new LocalizedError(
      'stale_version',
      msg('Kế hoạch đã được người khác sửa; hãy tải lại', 'The plan was changed by someone else; reload it'),
      {
        version: msg(`Phiên bản hiện tại là ${row.version}`, `Current version is ${row.version}`),
      },
    );
  }
}

export async function updatePlan(db: Kysely<DB>, actor: Actor, id: string, input: PlanUpdate): Promise<Plan> {
  validateStructure(input);
  return db.transaction().execute(async (trx) => {
    const row = await writablePlan(trx, actor, id);
    requireVersion(row, input.version);
    if (row.status === 'issued') {
      throw new LocalizedError(
        'conflict',
        msg(
          'Kế hoạch đã ban hành không thể sửa; hãy chuyển về dự thảo',
          'An issued plan cannot be edited; set it back to draft first',
        ),
      );
    }
    if (input.parentPlanId === id) {
      throw new LocalizedError(
        'validation',
        msg('Kế hoạch không thể thực hiện chính nó', 'A plan cannot implement itself'),
        {
          parentPlanId: msg('Không thể chọn chính kế hoạch này', 'Cannot be this plan'),
        },
      );
    }
    await validateParentLinks(trx, actor, input);
    const before = (await loadPlan(trx, id))!;
    const { originalText, ...rest } = input;
    await trx
      .updateTable('plan')
      .set({
        ...headerValues({ ...rest, originalText: originalText ?? row.original_text }),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await writeChildren(trx, actor, id, input);
    const after = (await loadPlan(trx, id))!;
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'plan',
      entityId: id,
      orgPath: row.org_path,
      before,
      after,
    });
    return after;
  });
}

export async function setPlanStatus(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  status: 'draft' | 'issued',
  version: number,
): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const row = await writablePlan(trx, actor, id);
    requireVersion(row, version);
    await trx
      .updateTable('plan')
      .set({ status, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: status === 'issued' ? 'issue' : 'reopen',
      entity: 'plan',
      entityId: id,
      orgPath: row.org_path,
      before: { status: row.status },
      after: { status },
    });
    return (await loadPlan(trx, id))!;
  });
}

export async function deletePlan(db: Kysely<DB>, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await writablePlan(trx, actor, id);
    requireVersion(row, version);
    if (row.status !== 'draft') {
      throw new LocalizedError('conflict', msg('Chỉ xoá được kế hoạch dự thảo', 'Only draft plans can be deleted'));
    }
    const before = await loadPlan(trx, id);
    await trx.deleteFrom('plan').where('id', '=', id).execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'delete',
      entity: 'plan',
      entityId: id,
      orgPath: row.org_path,
      before,
    });
  });
}

export async function originalText(db: Kysely<DB>, actor: Actor, id: string): Promise<string> {
  const row = await planRow(db, id);
  if (!row || !canReadPlan(actor, row.org_path)) throw planNotFound();
  return row.original_text ?? '';
}

export { planRow };
