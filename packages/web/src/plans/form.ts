/**
 * The plan editor's model: form values shaped for inputs (blank numbers are '', lists of
 * strings stay lists), conversion from and to the API's PlanInput, validation by path, and the
 * mapping of the server's error paths ("targets.0.milestones") onto the inputs that show them.
 * Pure: no React, so it is unit-tested on its own.
 */
import type {
  COMPARATORS,
  PLAN_KINDS,
  Plan,
  PlanInput,
  PlanUpdate,
  REPORT_FREQUENCIES,
  RULE_KINDS,
  TARGET_FREQUENCIES,
  ASSIGNMENT_ROLES,
} from '@binhdang/domain';
import type { Span } from './api.ts';

export type Comparator = (typeof COMPARATORS)[number];
export type TargetFrequency = (typeof TARGET_FREQUENCIES)[number];
export type RuleKind = (typeof RULE_KINDS)[number];
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export type PlanKindValue = (typeof PLAN_KINDS)[number];

/** A number input's value: '' while blank. */
export type Num = number | '';

export interface MilestoneRow {
  key: string;
  year: Num;
  value: Num;
  valueMax: Num;
}

export interface TargetRow {
  key: string;
  id?: string;
  number: Num;
  code: string | null;
  text: string;
  unit: string;
  comparator: Comparator;
  milestones: MilestoneRow[];
  frequency: TargetFrequency;
  baselineYear: number | null;
  ruleKind: RuleKind | null;
  scopeKinds: PlanInput['targets'][number]['scopeKinds'];
  scopeText: string | null;
  parentTargetId: string | null;
  /** Shown beside the target; not sent. */
  parentTargetText: string | null;
  span: Span | null;
}

export interface TaskGroupRow {
  key: string;
  id?: string;
  ordinal: Num;
  heading: string;
  method: string;
  subtasks: string[];
  span: Span | null;
}

export interface AssignmentRow {
  key: string;
  id?: string;
  orgName: string;
  orgUnit: string | null;
  /** The picked unit's name, so the picker shows it without a search. */
  orgUnitName: string | null;
  role: AssignmentRole;
  duties: string;
  targetNumbers: string[];
  span: Span | null;
}

export interface ReportingRow {
  key: string;
  id?: string;
  frequency: ReportFrequency;
  deadline: string;
  cutoffFrom: string | null;
  cutoffTo: string | null;
  recipientName: string;
  recipientOrgUnit: string | null;
  span: Span | null;
}

export interface ParentDocRow {
  key: string;
  number: string;
  date: string | null;
  text: string;
  planId: string | null;
}

export interface PlanFormValues {
  orgUnit: string | null;
  issuerName: string;
  supervisingBody: string;
  number: string;
  place: string;
  issuedOn: string | null;
  title: string;
  kind: PlanKindValue;
  periodFrom: Num;
  periodTo: Num;
  parentPlanId: string | null;
  parentDocuments: ParentDocRow[];
  legalBases: string[];
  purposes: string;
  budgetText: string;
  budgetSources: string[];
  recipients: string[];
  signer: { authority: string; title: string; name: string };
  originalText: string | null;
  targets: TargetRow[];
  taskGroups: TaskGroupRow[];
  assignments: AssignmentRow[];
  reportingRules: ReportingRow[];
}

export type ItemList = 'targets' | 'taskGroups' | 'assignments' | 'reportingRules';

let keySeq = 0;
/** A React key for a new row; never sent to the server. */
export function newKey(): string {
  keySeq += 1;
  return `k${keySeq}`;
}

const num = (v: number | null | undefined): Num => (v === null || v === undefined ? '' : v);
const str = (v: string | null | undefined): string => v ?? '';

export const KNOWN_UNITS = ['sessions', 'news_items', 'percent', 'count'] as const;

export function emptyMilestone(year: Num = ''): MilestoneRow {
  return { key: newKey(), year, value: '', valueMax: '' };
}

export function emptyTarget(number: number, year: Num = ''): TargetRow {
  return {
    key: newKey(),
    number,
    code: null,
    text: '',
    unit: 'count',
    comparator: 'gte',
    milestones: [emptyMilestone(year)],
    frequency: 'annual',
    baselineYear: null,
    ruleKind: null,
    scopeKinds: [],
    scopeText: null,
    parentTargetId: null,
    parentTargetText: null,
    span: null,
  };
}

export function emptyTaskGroup(ordinal: number): TaskGroupRow {
  return { key: newKey(), ordinal, heading: '', method: '', subtasks: [], span: null };
}

export function emptyAssignment(): AssignmentRow {
  return {
    key: newKey(),
    orgName: '',
    orgUnit: null,
    orgUnitName: null,
    role: 'lead',
    duties: '',
    targetNumbers: [],
    span: null,
  };
}

export function emptyReportingRule(): ReportingRow {
  return {
    key: newKey(),
    frequency: 'annual',
    deadline: '',
    cutoffFrom: null,
    cutoffTo: null,
    recipientName: '',
    recipientOrgUnit: null,
    span: null,
  };
}

export function emptyParentDocument(): ParentDocRow {
  return { key: newKey(), number: '', date: null, text: '', planId: null };
}

/** Values for a brand-new plan of the given unit. */
export function emptyPlan(orgUnit: string | null): PlanFormValues {
  return fromInput({ orgUnit: orgUnit ?? '', title: '' } as PlanInput);
}

type InputLike = Partial<PlanInput> & Pick<PlanInput, 'title'>;

/** From the parser's draft (or any PlanInput). */
export function fromInput(
  input: InputLike,
  extra: {
    parentTargetTexts?: Record<string, string | null>;
    assignmentUnitNames?: (string | null)[];
  } = {},
): PlanFormValues {
  return {
    orgUnit: input.orgUnit || null,
    issuerName: str(input.issuerName),
    supervisingBody: str(input.supervisingBody),
    number: str(input.number),
    place: str(input.place),
    issuedOn: input.issuedOn ?? null,
    title: input.title,
    kind: input.kind ?? 'program',
    periodFrom: num(input.periodFrom),
    periodTo: num(input.periodTo),
    parentPlanId: input.parentPlanId ?? null,
    parentDocuments: (input.parentDocuments ?? []).map((d) => ({
      key: newKey(),
      number: d.number,
      date: d.date ?? null,
      text: d.text ?? '',
      planId: d.planId ?? null,
    })),
    legalBases: [...(input.legalBases ?? [])],
    purposes: input.purposes ?? '',
    budgetText: input.budgetText ?? '',
    budgetSources: [...(input.budgetSources ?? [])],
    recipients: [...(input.recipients ?? [])],
    signer: {
      authority: str(input.signer?.authority),
      title: str(input.signer?.title),
      name: str(input.signer?.name),
    },
    originalText: input.originalText ?? null,
    targets: (input.targets ?? []).map((t) => ({
      key: newKey(),
      ...(t.id ? { id: t.id } : {}),
      number: t.number,
      code: t.code ?? null,
      text: t.text,
      unit: t.unit ?? 'count',
      comparator: t.comparator ?? 'gte',
      milestones: (t.milestones ?? []).map((m) => ({
        key: newKey(),
        year: m.year,
        value: num(m.value),
        valueMax: num(m.valueMax),
      })),
      frequency: t.frequency ?? 'once',
      baselineYear: t.baselineYear ?? null,
      ruleKind: t.ruleKind ?? null,
      scopeKinds: [...(t.scopeKinds ?? [])],
      scopeText: t.scopeText ?? null,
      parentTargetId: t.parentTargetId ?? null,
      parentTargetText: (t.parentTargetId && extra.parentTargetTexts?.[t.parentTargetId]) || null,
      span: t.span ?? null,
    })),
    taskGroups: (input.taskGroups ?? []).map((g) => ({
      key: newKey(),
      ...(g.id ? { id: g.id } : {}),
      ordinal: g.ordinal,
      heading: g.heading,
      method: g.method ?? '',
      subtasks: [...(g.subtasks ?? [])],
      span: g.span ?? null,
    })),
    assignments: (input.assignments ?? []).map((a, i) => ({
      key: newKey(),
      ...(a.id ? { id: a.id } : {}),
      orgName: a.orgName,
      orgUnit: a.orgUnit ?? null,
      orgUnitName: extra.assignmentUnitNames?.[i] ?? null,
      role: a.role ?? 'lead',
      duties: a.duties ?? '',
      targetNumbers: (a.targetNumbers ?? []).map(String),
      span: a.span ?? null,
    })),
    reportingRules: (input.reportingRules ?? []).map((r) => ({
      key: newKey(),
      ...(r.id ? { id: r.id } : {}),
      frequency: r.frequency,
      deadline: r.deadline,
      cutoffFrom: r.cutoffFrom ?? null,
      cutoffTo: r.cutoffTo ?? null,
      recipientName: str(r.recipientName),
      recipientOrgUnit: r.recipientOrgUnit ?? null,
      span: r.span ?? null,
    })),
  };
}

/** From a saved plan, keeping the ids of its parts so links to them survive the edit. */
export function fromPlan(plan: Plan): PlanFormValues {
  const parentTargetTexts: Record<string, string | null> = {};
  for (const t of plan.targets) if (t.parentTargetId) parentTargetTexts[t.parentTargetId] = t.parentTargetText;
  return fromInput(
    { ...plan, orgUnit: plan.orgUnitCode, originalText: null },
    { parentTargetTexts, assignmentUnitNames: plan.assignments.map((a) => a.orgUnitName) },
  );
}

const opt = (s: string): string | null => (s.trim() ? s.trim() : null);
const orNull = (n: Num): number | null => (n === '' ? null : n);
const lines = (items: string[]): string[] => items.map((s) => s.trim()).filter(Boolean);

/** The body of PUT /api/plans/:id (without the version) — what the user sees, cleaned. */
export function toUpdate(v: PlanFormValues): Omit<PlanUpdate, 'version'> {
  const numbers = new Set(v.targets.map((t) => t.number).filter((n): n is number => n !== ''));
  return {
    issuerName: opt(v.issuerName),
    supervisingBody: opt(v.supervisingBody),
    number: opt(v.number),
    place: opt(v.place),
    issuedOn: v.issuedOn || null,
    title: v.title.trim(),
    kind: v.kind,
    periodFrom: orNull(v.periodFrom),
    periodTo: orNull(v.periodTo),
    parentPlanId: v.parentPlanId,
    parentDocuments: v.parentDocuments
      .filter((d) => d.number.trim() || d.text.trim())
      .map((d) => ({ number: d.number.trim(), date: d.date || null, text: d.text.trim(), planId: d.planId })),
    legalBases: lines(v.legalBases),
    purposes: v.purposes.trim(),
    budgetText: v.budgetText.trim(),
    budgetSources: lines(v.budgetSources),
    recipients: lines(v.recipients),
    signer: { authority: opt(v.signer.authority), title: opt(v.signer.title), name: opt(v.signer.name) },
    originalText: v.originalText,
    targets: v.targets.map((t) => ({
      ...(t.id ? { id: t.id } : {}),
      number: t.number === '' ? 0 : t.number,
      code: t.code,
      text: t.text.trim(),
      unit: t.unit.trim(),
      comparator: t.comparator,
      milestones: t.milestones.map((m) => ({
        year: m.year === '' ? 0 : m.year,
        value: orNull(m.value),
        valueMax: t.comparator === 'range' ? orNull(m.valueMax) : null,
      })),
      frequency: t.frequency,
      baselineYear: t.baselineYear,
      ruleKind: t.ruleKind,
      scopeKinds: t.scopeKinds,
      scopeText: t.scopeText,
      parentTargetId: t.parentTargetId,
      span: t.span,
    })),
    taskGroups: v.taskGroups.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      ordinal: g.ordinal === '' ? 0 : g.ordinal,
      heading: g.heading.trim(),
      method: opt(g.method),
      subtasks: lines(g.subtasks),
      span: g.span,
    })),
    assignments: v.assignments.map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      orgName: a.orgName.trim(),
      orgUnit: a.orgUnit,
      role: a.role,
      duties: a.duties.trim(),
      targetNumbers: [...new Set(a.targetNumbers.map(Number))].filter((n) => numbers.has(n)).sort((x, y) => x - y),
      span: a.span,
    })),
    reportingRules: v.reportingRules.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      frequency: r.frequency,
      deadline: r.deadline.trim(),
      cutoffFrom: r.cutoffFrom,
      cutoffTo: r.cutoffTo,
      recipientName: opt(r.recipientName),
      recipientOrgUnit: r.recipientOrgUnit,
      span: r.span,
    })),
  };
}

/** The body of POST /api/plans. */
export function toInput(v: PlanFormValues): PlanInput {
  return { orgUnit: v.orgUnit ?? '', ...toUpdate(v) };
}

// ---------------------------------------------------------------------------------------------
// Paths: "targets.0.milestones.1.valueMax" reads and writes nested values without mutation,
// copying only the objects along the path so untouched rows keep their identity (and memoised
// rows do not re-render).

export function getIn(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return obj;
  const next = rest.length === 0 ? value : setIn(getIn(obj, head), rest.join('.'), value);
  if (Array.isArray(obj)) {
    const copy = [...obj];
    copy[Number(head)] = next;
    return copy as T;
  }
  return { ...(obj as object), [head]: next } as T;
}

/** Error keys after removing item `index` of list `list`: its own go, later ones move up. */
export function shiftErrors(errors: Record<string, string>, list: string, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = list + '.';
  for (const [path, msg] of Object.entries(errors)) {
    if (!path.startsWith(prefix)) {
      out[path] = msg;
      continue;
    }
    const [idx, ...rest] = path.slice(prefix.length).split('.');
    const i = Number(idx);
    if (!Number.isInteger(i)) {
      out[path] = msg;
    } else if (i < index) {
      out[path] = msg;
    } else if (i > index) {
      out[[list, String(i - 1), ...rest].join('.')] = msg;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation. Messages are i18n keys; the editor translates them.

export type ErrorKey =
  'plans.required' | 'plans.badDeadline' | 'plans.badRange' | 'plans.badPeriod' | 'plans.badUnit' | 'plans.badYear';

const DAY_MONTH = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/;
const UNIT = /^[a-z][a-z0-9_]{0,39}$/;
const isYear = (n: Num) => n === '' || (Number.isInteger(n) && n >= 1990 && n <= 2100);

/** The error of one input, or null. `requireOrgUnit` is off when editing (the unit is fixed). */
export function validatePath(path: string, v: PlanFormValues, requireOrgUnit = true): ErrorKey | null {
  const value = getIn(v, path);
  const blank = (x: unknown) => x === '' || x === null || x === undefined || (typeof x === 'string' && !x.trim());
  if (path === 'title') return blank(value) ? 'plans.required' : null;
  if (path === 'orgUnit') return requireOrgUnit && blank(value) ? 'plans.required' : null;
  if (path === 'periodFrom') return isYear(v.periodFrom) ? null : 'plans.badYear';
  if (path === 'periodTo') {
    if (!isYear(v.periodTo)) return 'plans.badYear';
    return v.periodFrom !== '' && v.periodTo !== '' && v.periodTo < v.periodFrom ? 'plans.badPeriod' : null;
  }
  let m = /^targets\.(\d+)\.(number|text|unit)$/.exec(path);
  if (m) {
    if (m[2] === 'unit') return UNIT.test(String(value ?? '')) ? null : 'plans.badUnit';
    return blank(value) ? 'plans.required' : null;
  }
  m = /^targets\.(\d+)\.milestones\.(\d+)\.(year|valueMax)$/.exec(path);
  if (m) {
    const target = v.targets[Number(m[1])];
    const ms = target?.milestones[Number(m[2])];
    if (!target || !ms) return null;
    if (m[3] === 'year') return ms.year === '' ? 'plans.required' : isYear(ms.year) ? null : 'plans.badYear';
    return target.comparator === 'range' && ms.value !== '' && ms.valueMax !== '' && ms.valueMax < ms.value
      ? 'plans.badRange'
      : null;
  }
  if (/^taskGroups\.\d+\.heading$/.test(path)) return blank(value) ? 'plans.required' : null;
  if (/^assignments\.\d+\.orgName$/.test(path)) return blank(value) ? 'plans.required' : null;
  if (/^reportingRules\.\d+\.deadline$/.test(path)) {
    return DAY_MONTH.test(String(value ?? '').trim()) ? null : 'plans.badDeadline';
  }
  if (/^parentDocuments\.\d+\.number$/.test(path)) {
    const doc = getIn(v, path.replace(/\.number$/, '')) as ParentDocRow | undefined;
    return doc && blank(doc.number) && !blank(doc.text) ? 'plans.required' : null;
  }
  return null;
}

/** Every path the editor validates, for the values as they are now. */
export function validatedPaths(v: PlanFormValues): string[] {
  const paths = ['orgUnit', 'title', 'periodFrom', 'periodTo'];
  v.parentDocuments.forEach((_, i) => paths.push(`parentDocuments.${i}.number`));
  v.targets.forEach((t, i) => {
    paths.push(`targets.${i}.number`, `targets.${i}.text`, `targets.${i}.unit`);
    t.milestones.forEach((_, j) =>
      paths.push(`targets.${i}.milestones.${j}.year`, `targets.${i}.milestones.${j}.valueMax`),
    );
  });
  v.taskGroups.forEach((_, i) => paths.push(`taskGroups.${i}.heading`));
  v.assignments.forEach((_, i) => paths.push(`assignments.${i}.orgName`));
  v.reportingRules.forEach((_, i) => paths.push(`reportingRules.${i}.deadline`));
  return paths;
}

export function validateAll(v: PlanFormValues, requireOrgUnit = true): Record<string, ErrorKey> {
  const out: Record<string, ErrorKey> = {};
  for (const p of validatedPaths(v)) {
    const e = validatePath(p, v, requireOrgUnit);
    if (e) out[p] = e;
  }
  return out;
}

/** Paths whose validity changes with the given one (a range's upper bound with its lower bound). */
export function relatedPaths(path: string, v: PlanFormValues): string[] {
  if (path === 'periodFrom') return [path, 'periodTo'];
  let m = /^(targets\.\d+\.milestones\.\d+)\.value$/.exec(path);
  if (m) return [path, `${m[1]}.valueMax`];
  m = /^targets\.(\d+)\.comparator$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    return [path, ...(v.targets[i]?.milestones ?? []).map((_, j) => `targets.${i}.milestones.${j}.valueMax`)];
  }
  return [path];
}

// ---------------------------------------------------------------------------------------------
// Server errors. The API names fields by their path in the request body; the editor shows each
// under the input with the same path, or under the nearest enclosing one it has.

const FIELD_PATTERNS: RegExp[] = [
  /^(orgUnit|issuerName|supervisingBody|number|place|issuedOn|title|kind|periodFrom|periodTo|purposes|budgetText)$/,
  /^signer\.(authority|title|name)$/,
  /^(legalBases|budgetSources|recipients)\.\d+$/,
  /^parentDocuments\.\d+\.(number|date|text)$/,
  /^targets\.\d+\.(number|text|unit|comparator|frequency|ruleKind|milestones|parentTargetId)$/,
  /^targets\.\d+\.milestones\.\d+\.(year|value|valueMax)$/,
  /^taskGroups\.\d+\.(ordinal|heading|method)$/,
  /^taskGroups\.\d+\.subtasks\.\d+$/,
  /^assignments\.\d+\.(orgName|orgUnit|role|duties|targetNumbers)$/,
  /^reportingRules\.\d+\.(frequency|deadline|recipientName|recipientOrgUnit)$/,
];

const isFieldPath = (p: string) => FIELD_PATTERNS.some((r) => r.test(p));

export function mapServerErrors(fields: Record<string, string>): {
  fields: Record<string, string>;
  other: [string, string][];
} {
  const out: Record<string, string> = {};
  const other: [string, string][] = [];
  for (const [path, message] of Object.entries(fields)) {
    const segs = path.split('.');
    let hit: string | null = null;
    for (let n = segs.length; n > 0 && !hit; n--) {
      const p = segs.slice(0, n).join('.');
      if (isFieldPath(p)) hit = p;
    }
    if (hit) out[hit] ??= message;
    else other.push([path, message]);
  }
  return { fields: out, other };
}

/** "targets.2.milestones.0.year" → "targets.2": the row an error or a span belongs to. */
export function itemOf(path: string): string | null {
  const m = /^(targets|taskGroups|assignments|reportingRules)\.(\d+)/.exec(path);
  return m ? `${m[1]}.${m[2]}` : null;
}
