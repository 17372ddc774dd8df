/**
 * Who owes which report to whom: the reporting rules of issued plans, the units each rule expects
 * (assigned units, groups named in the assignments, target scope kinds, issuers of plans that
 * implement it — inside the issuer's subtree), with the deadline and cut-off per period.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  cutoffFor,
  escapeLike,
  deadlineFor,
  expectedUnitIds,
  groupKindsOf,
  isInSubtree,
  periodsOfRule,
  ruleAppliesTo,
  type Period,
  type ReportRuleFrequency,
  type UnitValidity,
} from '@binhdang/domain';

type Db = Kysely<DB> | Transaction<DB>;

export interface RuleCtx {
  ruleId: string;
  planId: string;
  planTitle: string;
  planNumber: string | null;
  periodFrom: number | null;
  periodTo: number | null;
  issuerId: string;
  issuerPath: string;
  frequency: ReportRuleFrequency;
  deadline: string;
  cutoffFrom: string | null;
  cutoffTo: string | null;
  recipientOrgUnitId: string;
  recipientPath: string;
  recipientName: string;
  candidateIds: Set<string>;
  kinds: Set<string>;
  children: boolean;
}

export interface UnitRow extends UnitValidity {
  code: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
  provinceCode: string | null;
}

export interface Due {
  rule: RuleCtx;
  period: Period;
  dueBefore: string;
  dueAt: string;
  cutoffFrom: string;
  cutoffTo: string;
}

export function dueOf(rule: RuleCtx, period: Period): Due {
  const d = deadlineFor(rule, period);
  const c = cutoffFor(rule, period);
  return { rule, period, dueBefore: d.dueBefore, dueAt: d.dueAt, cutoffFrom: c.from, cutoffTo: c.to };
}

/** Ancestor paths of a path, root first, without the path itself. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

type RuleFilter = { issuerPaths: string[] } | { recipientId: string } | { ruleIds: string[] } | { planIds: string[] };

/** Rules of issued plans, with what each expects. */
export async function loadRules(db: Db, filter: RuleFilter): Promise<RuleCtx[]> {
  let q = db
    .selectFrom('plan_reporting_rule as r')
    .innerJoin('plan as p', 'p.id', 'r.plan_id')
    .innerJoin('org_unit as i', 'i.id', 'p.org_unit_id')
    .leftJoin('org_unit as rc', 'rc.id', 'r.recipient_org_unit_id')
    .select([
      'r.id as rule_id',
      'r.frequency',
      'r.deadline',
      'r.cutoff_from',
      'r.cutoff_to',
      'r.recipient_name',
      'r.recipient_org_unit_id',
      'rc.path as recipient_path',
      'rc.name as recipient_unit_name',
      'p.id as plan_id',
      'p.title',
      'p.number',
      'p.period_from',
      'p.period_to',
      'i.id as issuer_id',
      'i.path as issuer_path',
      'i.name as issuer_name',
    ])
    .where('p.status', '=', 'issued');
  if ('issuerPaths' in filter) {
    if (!filter.issuerPaths.length) return [];
    q = q.where('i.path', 'in', filter.issuerPaths);
  } else if ('recipientId' in filter) {
    const id = filter.recipientId;
    q = q.where((eb) =>
      eb.or([
        eb('r.recipient_org_unit_id', '=', id),
        eb.and([eb('r.recipient_org_unit_id', 'is', null), eb('p.org_unit_id', '=', id)]),
      ]),
    );
  } else if ('planIds' in filter) {
    if (!filter.planIds.length) return [];
    q = q.where('p.id', 'in', filter.planIds);
  } else {
    if (!filter.ruleIds.length) return [];
    q = q.where('r.id', 'in', filter.ruleIds);
  }
  const rows = await q.orderBy('p.period_from').orderBy('r.ordinal').execute();
  if (!rows.length) return [];
  const planIds = [...new Set(rows.map((r) => r.plan_id))];
  const [assignments, targets, childPlans] = await Promise.all([
    db
      .selectFrom('plan_assignment')
      .select(['plan_id', 'org_unit_id', 'org_name'])
      .where('plan_id', 'in', planIds)
      .execute(),
    db.selectFrom('plan_target').select(['plan_id', 'scope_kinds']).where('plan_id', 'in', planIds).execute(),
    db
      .selectFrom('plan')
      .select(['parent_plan_id', 'org_unit_id'])
      .where('parent_plan_id', 'in', planIds)
      .where('status', '=', 'issued')
      .execute(),
  ]);
  return rows.map((r) => {
    const candidateIds = new Set<string>();
    const kinds = new Set<string>();
    let children = false;
    for (const a of assignments) {
      if (a.plan_id !== r.plan_id) continue;
      if (a.org_unit_id) candidateIds.add(a.org_unit_id);
      else
        for (const k of groupKindsOf(a.org_name)) {
          if (k === 'children') children = true;
          else kinds.add(k);
        }
    }
    for (const t of targets) if (t.plan_id === r.plan_id) for (const k of t.scope_kinds) kinds.add(k);
    for (const c of childPlans) if (c.parent_plan_id === r.plan_id) candidateIds.add(c.org_unit_id);
    return {
      ruleId: r.rule_id,
      planId: r.plan_id,
      planTitle: r.title,
      planNumber: r.number,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      issuerId: r.issuer_id,
      issuerPath: r.issuer_path,
      frequency: r.frequency as ReportRuleFrequency,
      deadline: r.deadline,
      cutoffFrom: r.cutoff_from,
      cutoffTo: r.cutoff_to,
      recipientOrgUnitId: r.recipient_org_unit_id ?? r.issuer_id,
      recipientPath: r.recipient_path ?? r.issuer_path,
      recipientName: r.recipient_name ?? r.recipient_unit_name ?? r.issuer_name,
      candidateIds,
      kinds,
      children,
    };
  });
}

/** Units strictly below a path (with history: closed units too). */
export async function loadSubtree(db: Db, path: string): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('org_unit')
    .select([
      'id',
      'code',
      'name',
      'kind',
      'path',
      'parent_id',
      'province_code',
      'valid_from',
      'valid_to',
      'successor_id',
    ])
    .where('path', 'like', `${escapeLike(path)}.%`)
    .execute();
  return rows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    path: u.path,
    parentId: u.parent_id,
    provinceCode: u.province_code,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    successorId: u.successor_id,
  }));
}

/** Caches each issuer's subtree for the length of one request. */
export class UnitCache {
  private readonly subtrees = new Map<string, Promise<{ list: UnitRow[]; byId: Map<string, UnitRow> }>>();
  constructor(private readonly db: Db) {}
  subtree(path: string) {
    let p = this.subtrees.get(path);
    if (!p) {
      p = loadSubtree(this.db, path).then((list) => ({ list, byId: new Map(list.map((u) => [u.id, u])) }));
      this.subtrees.set(path, p);
    }
    return p;
  }
}

/** The units a rule expects for a period, in tree order. */
export async function expectedUnits(cache: UnitCache, due: Due): Promise<UnitRow[]> {
  const { rule } = due;
  if (!ruleAppliesTo(rule, due.period)) return [];
  const { list, byId } = await cache.subtree(rule.issuerPath);
  const candidates = list
    .filter(
      (u) => rule.candidateIds.has(u.id) || rule.kinds.has(u.kind) || (rule.children && u.parentId === rule.issuerId),
    )
    .map((u) => u.id);
  const ids = expectedUnitIds(candidates, byId, due.cutoffTo, (id) => {
    const u = byId.get(id);
    return !!u && isInSubtree(u.path, rule.issuerPath) && u.path !== rule.issuerPath;
  });
  return ids.map((id) => byId.get(id)!).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The dues of a rule in the given years (only the periods the plan's years cover). */
export function duesInYears(rule: RuleCtx, years: readonly number[]): Due[] {
  return years
    .flatMap((y) => periodsOfRule(rule.frequency, y).filter((p) => ruleAppliesTo(rule, p)))
    .map((p) => dueOf(rule, p));
}
