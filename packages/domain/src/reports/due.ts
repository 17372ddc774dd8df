/**
 * Due reports from reporting rules: which periods a rule asks for, the deadline ('trước ngày
 * DD/MM' = before 00:00 Asia/Ho_Chi_Minh of that day), the data cut-off window, who is expected
 * and how timely a submission was. Pure: dates in, dates out.
 */
import { daysInMonth, makePeriod, parsePeriod, type Period, type PeriodType } from '../periods.js';
import { foldForSearch } from '../text.js';
import type { ReportFrequency as Frequency } from './types.js';

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
export const VN_UTC_OFFSET_HOURS = 7;
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const PERIOD_TYPE_OF: Record<Frequency, PeriodType> = {
  annual: 'year',
  half_year: 'half_year',
  quarterly: 'quarter',
  monthly: 'month',
};
const MONTHS: Record<Frequency, number> = { annual: 12, half_year: 6, quarterly: 3, monthly: 1 };

/**
 * Decree 09/2019/NĐ-CP (art. 12) data cut-offs, as 'DD/MM' for the first period of the year:
 * annual 15/12 of the previous year – 14/12; half-year 15/12 – 14/6; quarterly 15/12 – 14/3 (then
 * shifted by a quarter); monthly 15th of the previous month – 14th.
 */
export const DEFAULT_CUTOFF: Record<Frequency, { from: string; to: string }> = {
  annual: { from: '15/12', to: '14/12' },
  half_year: { from: '15/12', to: '14/06' },
  quarterly: { from: '15/12', to: '14/03' },
  monthly: { from: '15/12', to: '14/01' },
};

export interface RuleTiming {
  frequency: Frequency;
  /** 'DD/MM' */
  deadline: string;
  cutoffFrom?: string | null;
  cutoffTo?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parseDayMonth(dm: string): { day: number; month: number } {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(dm.trim());
  if (!m) throw new Error(`not a DD/MM day: ${dm}`);
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`not a DD/MM day: ${dm}`);
  return { day, month };
}

/** A date from an absolute month index (year * 12 + month - 1) and a day, clamped to the month's length. */
function dateAt(monthIndex: number, day: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
}

function endMonthIndex(p: Period): number {
  return Number(p.end.slice(0, 4)) * 12 + Number(p.end.slice(5, 7)) - 1;
}

/**
 * Where 'DD/MM' falls for a period. The rule's 'DD/MM' is written for the first period of a year
 * (the only one for annual rules); its month is an offset from that period's last month, taken in
 * (−L/2, 12 − L/2] for a period of L months, and applied to every period of the rule. So an annual
 * '01/12' is 01/12 of the year, an annual '15/01' is 15/01 of the next year, a half-year '05/06' is
 * 05/06 of the year, a quarterly '20/04' is 20/04, 20/07, 20/10 and 20/01 of the next year.
 */
function monthIndexFor(dm: string, frequency: Frequency, period: Period): { index: number; day: number } {
  const { day, month } = parseDayMonth(dm);
  const L = MONTHS[frequency];
  let offset = month - L;
  while (offset <= -L / 2) offset += 12;
  while (offset > 12 - L / 2) offset -= 12;
  return { index: endMonthIndex(period) + offset, day };
}

function dayFor(dm: string, frequency: Frequency, period: Period): string {
  const { index, day } = monthIndexFor(dm, frequency, period);
  return dateAt(index, day);
}

/** The periods a rule asks for in a year. Half-year rules ask for S1 only: the annual report covers the year. */
export function periodsOfRule(frequency: Frequency, year: number): Period[] {
  switch (frequency) {
    case 'annual':
      return [makePeriod('year', year)];
    case 'half_year':
      return [makePeriod('half_year', year, 1)];
    case 'quarterly':
      return [1, 2, 3, 4].map((q) => makePeriod('quarter', year, q));
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => makePeriod('month', year, i + 1));
  }
}

/** The period a code names, when a rule of this frequency asks for it; null otherwise. */
export function periodForRule(frequency: Frequency, code: string): Period | null {
  const p = parsePeriod(code);
  if (!p || p.type !== PERIOD_TYPE_OF[frequency]) return null;
  if (frequency === 'half_year' && p.index !== 1) return null;
  return p;
}

export interface Deadline {
  /** The report is due before 00:00 (Asia/Ho_Chi_Minh) of this day. */
  dueBefore: string;
  /** That instant, ISO 8601 with the +07:00 offset. */
  dueAt: string;
}

export function deadlineFor(rule: RuleTiming, period: Period): Deadline {
  const dueBefore = dayFor(rule.deadline, rule.frequency, period);
  return { dueBefore, dueAt: `${dueBefore}T00:00:00+07:00` };
}

/** The data window a report covers (inclusive), per the rule or Decree 09 defaults. */
export function cutoffFor(rule: RuleTiming, period: Period): { from: string; to: string } {
  const def = DEFAULT_CUTOFF[rule.frequency];
  const to = dayFor(rule.cutoffTo ?? def.to, rule.frequency, period);
  // The 'from' day shifted with the period like the 'to' day, then placed in the year up to `to`.
  const f = monthIndexFor(rule.cutoffFrom ?? def.from, rule.frequency, period);
  let index = f.index;
  while (dateAt(index, f.day) > to) index -= 12;
  while (dateAt(index + 12, f.day) <= to) index += 12;
  const from = dateAt(index, f.day);
  return { from, to };
}

/** The calendar day in Vietnam of an instant. */
export function vnDate(instant: Date | string): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(t.getTime() + VN_UTC_OFFSET_HOURS * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export type TimelinessValue = 'on_time' | 'late' | 'missing' | 'pending' | 'not_expected';

/**
 * On time when first submitted before 00:00 of `dueBefore` in Vietnam; otherwise late by the number
 * of Vietnamese calendar days started since then (submitting at 00:00:00 on the due-before day is
 * 1 day late). Not submitted: missing once the deadline has passed, pending before.
 */
export function timelinessOf(input: {
  dueBefore: string;
  firstSubmittedAt: Date | string | null;
  now: Date;
  expected: boolean;
}): { timeliness: TimelinessValue; daysLate: number } {
  if (input.firstSubmittedAt) {
    const day = vnDate(input.firstSubmittedAt);
    if (!input.expected) return { timeliness: 'not_expected', daysLate: 0 };
    if (day < input.dueBefore) return { timeliness: 'on_time', daysLate: 0 };
    return { timeliness: 'late', daysLate: daysBetween(input.dueBefore, day) + 1 };
  }
  if (!input.expected) return { timeliness: 'not_expected', daysLate: 0 };
  const today = vnDate(input.now);
  if (today < input.dueBefore) return { timeliness: 'pending', daysLate: 0 };
  return { timeliness: 'missing', daysLate: daysBetween(input.dueBefore, today) + 1 };
}

export interface UnitValidity {
  id: string;
  validFrom: string | null;
  /** First day the unit no longer exists (exclusive), as org_unit.valid_to. */
  validTo: string | null;
  successorId: string | null;
}

/** A unit is expected for a period when it exists on the last day of the period's data window. */
export function existsOn(u: Pick<UnitValidity, 'validFrom' | 'validTo'>, day: string): boolean {
  return (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || day < u.validTo);
}

/**
 * The expected units among candidates for a window ending `cutoffTo`: those that exist then; a
 * closed or merged candidate is replaced by its successor (followed through successive mergers)
 * when the successor exists then and `allowed(successor)` (e.g. it lies inside the issuer's subtree).
 * Each unit appears once, so a count of expected units never double-counts a merger.
 */
export function expectedUnitIds(
  candidates: readonly string[],
  units: ReadonlyMap<string, UnitValidity>,
  cutoffTo: string,
  allowed: (id: string) => boolean = () => true,
): string[] {
  const out = new Set<string>();
  for (const id of candidates) {
    let u = units.get(id);
    const seen = new Set<string>();
    while (u && !existsOn(u, cutoffTo) && u.successorId && !seen.has(u.id)) {
      seen.add(u.id);
      u = units.get(u.successorId);
    }
    if (u && existsOn(u, cutoffTo) && allowed(u.id)) out.add(u.id);
  }
  return [...out];
}

/**
 * Rates over expected units only: a unit that is not expected but reported anyway never enters the
 * numerator, so neither rate can exceed 100 %.
 */
export function rates(cells: readonly { timeliness: TimelinessValue }[]): {
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  notExpected: number;
  completenessRate: number | null;
  timelinessRate: number | null;
} {
  const c = { on_time: 0, late: 0, missing: 0, pending: 0, not_expected: 0 };
  for (const x of cells) c[x.timeliness]++;
  const expected = c.on_time + c.late + c.missing + c.pending;
  return {
    expected,
    onTime: c.on_time,
    late: c.late,
    missing: c.missing,
    pending: c.pending,
    notExpected: c.not_expected,
    completenessRate: expected ? (c.on_time + c.late) / expected : null,
    timelinessRate: expected ? c.on_time / expected : null,
  };
}

/**
 * Kinds of units a plan assignment names as a group ("UBND các xã, phường", "các sở, ban, ngành
 * tỉnh", "các tổ chức chính trị - xã hội", "các đơn vị trong ngành"): those units are expected to
 * report when they lie in the issuer's subtree. 'children' = every unit directly under the issuer.
 */
export function groupKindsOf(orgName: string): ('commune' | 'department' | 'mass_org' | 'agency' | 'children')[] {
  const s = ` ${foldForSearch(orgName).replace(/[^a-z0-9]+/g, ' ')} `;
  const out = new Set<'commune' | 'department' | 'mass_org' | 'agency' | 'children'>();
  if (/ cac (xa|phuong)\b| xa phuong | xa thi tran | cap xa /.test(s)) out.add('commune');
  if (/ cac so\b| so ban nganh /.test(s)) out.add('department');
  if (/ to chuc chinh tri xa hoi | doan the /.test(s)) out.add('mass_org');
  if (/ cac don vi\b.* trong nganh | cac don vi truc thuoc /.test(s)) out.add('children');
  return [...out];
}

/** The rule's periods whose year lies within the plan's years (null bounds are open). */
export function ruleAppliesTo(plan: { periodFrom: number | null; periodTo: number | null }, period: Period): boolean {
  return (
    (plan.periodFrom === null || period.year >= plan.periodFrom) &&
    (plan.periodTo === null || period.year <= plan.periodTo)
  );
}
