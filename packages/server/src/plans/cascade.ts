/**
 * Cascade: a unit drafts its own plan from its superior's. Targets are copied and linked to the
 * parent's targets, task groups copied, the assignments that concern the unit become its own
 * duties, and the unit reports to the parent plan's issuer on the parent's deadlines.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  foldForSearch,
  isInSubtree,
  LocalizedError,
  msg,
  type OrgKind,
  type Plan,
  type PlanInput,
} from '@binhdang/domain';
import { requirePermission, type Actor } from '../context.js';
import { getUnitInScope } from '../org/service.js';
import { canReadPlan, createPlan, getPlan, planRow } from './service.js';

/** Words by which plans address groups of units ("UBND các xã, phường", "các sở, ban, ngành"). */
const GROUP_WORDS: Partial<Record<OrgKind, string[]>> = {
  commune: ['xa', 'phuong', 'thi tran', 'dac khu', 'co so', 'dia phuong'],
  department: ['so, ban, nganh', 'so ban nganh', 'cac so', 'cac nganh', 'co quan, don vi'],
  district: ['huyen', 'thanh pho', 'thi xa', 'dia phuong'],
  media_agency: ['bao chi', 'co quan bao', 'phat thanh', 'truyen hinh', 'truyen thong'],
  mass_org: ['mat tran', 'doan the', 'to chuc chinh tri', 'hoi lien hiep phu nu'],
  agency: ['don vi', 'co so y te', 'truong', 'benh vien', 'don vi truc thuoc'],
  enterprise: ['doanh nghiep'],
};

/** Whether an assignment of the parent plan speaks to this unit, by link or by the group it names. */
export function concernsUnit(
  a: { orgUnitId: string | null; orgName: string },
  unit: { id: string; kind: string; name: string },
): boolean {
  if (a.orgUnitId) return a.orgUnitId === unit.id;
  const name = foldForSearch(a.orgName);
  if (name.includes(foldForSearch(unit.name))) return true;
  return (GROUP_WORDS[unit.kind as OrgKind] ?? []).some((w) => name.includes(w));
}

export function draftFromParent(
  parent: Plan,
  unit: { id: string; code: string; kind: string; name: string; fullName: string | null },
): PlanInput {
  const cite = [
    parent.number ? `Kế hoạch số ${parent.number}` : 'Kế hoạch',
    parent.issuedOn ? `ngày ${parent.issuedOn.split('-').reverse().join('/')}` : null,
    `của ${parent.issuerName ?? parent.orgUnitName}`,
    `về ${parent.title}`,
  ]
    .filter(Boolean)
    .join(' ');
  const concerned = parent.assignments.filter((a) => concernsUnit(a, unit));
  return {
    orgUnit: unit.code,
    issuerName: unit.fullName ?? unit.name,
    supervisingBody: null,
    number: null,
    place: null,
    issuedOn: null,
    title: `${parent.title} tại ${unit.fullName ?? unit.name}`,
    kind: parent.kind,
    periodFrom: parent.periodFrom,
    periodTo: parent.periodTo,
    parentPlanId: parent.id,
    parentDocuments: [
      ...parent.parentDocuments.map((d) => ({ ...d })),
      { number: parent.number ?? '', date: parent.issuedOn, text: cite, planId: parent.id },
    ].filter((d) => d.number !== '' || d.planId !== null),
    legalBases: [`Thực hiện ${cite}`],
    purposes: parent.purposes,
    budgetText: parent.budgetText,
    budgetSources: [...parent.budgetSources],
    recipients: [parent.issuerName ?? parent.orgUnitName, 'Lưu: VT'],
    signer: { authority: null, title: null, name: null },
    originalText: null,
    targets: parent.targets.map((t) => ({
      number: t.number,
      code: t.code,
      text: t.text,
      unit: t.unit,
      comparator: t.comparator,
      milestones: t.milestones.map((m) => ({ ...m })),
      frequency: t.frequency,
      baselineYear: t.baselineYear,
      ruleKind: t.ruleKind,
      scopeKinds: [...t.scopeKinds],
      scopeText: t.scopeText,
      parentTargetId: t.id,
      span: null,
    })),
    taskGroups: parent.taskGroups.map((g) => ({
      ordinal: g.ordinal,
      heading: g.heading,
      method: g.method,
      subtasks: [...g.subtasks],
      span: null,
    })),
    assignments: concerned.map((a) => ({
      orgName: unit.fullName ?? unit.name,
      orgUnit: unit.code,
      role: a.role,
      duties: a.duties,
      targetNumbers: [...a.targetNumbers],
      span: null,
    })),
    reportingRules: parent.reportingRules.map((r) => ({
      frequency: r.frequency,
      deadline: r.deadline,
      cutoffFrom: r.cutoffFrom,
      cutoffTo: r.cutoffTo,
      recipientName: r.recipientName ?? parent.issuerName ?? parent.orgUnitName,
      recipientOrgUnit: parent.orgUnitCode,
      span: null,
    })),
  };
}

export async function cascadePlan(db: Kysely<DB>, actor: Actor, parentId: string, unitRef?: string): Promise<Plan> {
  requirePermission(actor, 'plan.write');
  const parent = await getPlan(db, actor, parentId);
  const unit = await getUnitInScope(db, actor, unitRef ?? actor.orgUnitId, 'orgUnit');
  const parentRow = (await planRow(db, parentId))!;
  if (unit.path === parentRow.org_path || !isInSubtree(unit.path, parentRow.org_path)) {
    throw new LocalizedError(
      'validation',
      msg('Đơn vị không trực thuộc đơn vị ban hành kế hoạch', 'The unit is not below the plan’s issuer'),
      {
        orgUnit: msg('Chọn một đơn vị cấp dưới của đơn vị ban hành', 'Pick a unit below the issuer'),
      },
    );
  }
  return createPlan(
    db,
    actor,
    draftFromParent(parent, {
      id: unit.id,
      code: unit.code,
      kind: unit.kind,
      name: unit.name,
      fullName: unit.full_name,
    }),
  );
}

export interface PlanTreeNode {
  id: string;
  title: string;
  number: string | null;
  status: string;
  orgUnitCode: string;
  orgUnitName: string;
  children: PlanTreeNode[];
}

/** The plans implementing this one (recursively) that the caller may read, and the units below the issuer still without one. */
export async function planTree(db: Kysely<DB>, actor: Actor, id: string) {
  const root = await getPlan(db, actor, id);
  const rows = await db
    .withRecursive('tree(id, parent_plan_id, depth)', (qb) =>
      qb
        .selectFrom('plan')
        .select(['id', 'parent_plan_id'])
        .select(sql<number>`1`.as('depth'))
        .where('parent_plan_id', '=', id)
        .unionAll((u) =>
          u
            .selectFrom('plan as p')
            .innerJoin('tree as t', 't.id', 'p.parent_plan_id')
            .select(['p.id', 'p.parent_plan_id'])
            .select(sql<number>`t.depth + 1`.as('depth'))
            .where('t.depth', '<', 10),
        ),
    )
    .selectFrom('tree')
    .innerJoin('plan as p', 'p.id', 'tree.id')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .select(['p.id', 'p.parent_plan_id', 'p.title', 'p.number', 'p.status', 'p.org_path', 'o.code', 'o.name'])
    .execute();
  const visible = rows.filter((r) => canReadPlan(actor, r.org_path));
  const byParent = new Map<string, typeof visible>();
  for (const r of visible) byParent.set(r.parent_plan_id!, [...(byParent.get(r.parent_plan_id!) ?? []), r]);
  const build = (pid: string): PlanTreeNode[] =>
    (byParent.get(pid) ?? []).map((r) => ({
      id: r.id,
      title: r.title,
      number: r.number,
      status: r.status,
      orgUnitCode: r.code,
      orgUnitName: r.name,
      children: build(r.id),
    }));
  // Units directly below the issuer (and inside the caller's scope) with no plan implementing this one.
  const withPlan = new Set(visible.filter((r) => r.parent_plan_id === id).map((r) => r.code));
  const today = new Date().toISOString().slice(0, 10);
  const below = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where('parent_id', '=', root.orgUnitId)
    .where('kind', 'in', ['commune', 'department', 'district', 'agency', 'media_agency', 'mass_org'])
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .orderBy('kind')
    .orderBy('code')
    .execute();
  const unitsWithoutPlan = below
    .filter((u) => isInSubtree(u.path, actor.orgPath) && !withPlan.has(u.code))
    .map(({ id: unitId, code, name, kind }) => ({ id: unitId, code, name, kind }));
  return { children: build(id), unitsWithoutPlan };
}
