/**
 * Rule kinds as pure functions, and the counting windows they share.
 *
 * Counting windows (units_meeting_count): a target counts per `year` or per `quarter`. For a
 * requested period P:
 * - rule period = year: one window, from 1 January of P's year to the end of P (year to date
 *   for a quarter or month, the whole year for a year);
 * - rule period = quarter: P a quarter → that quarter; P a month → its quarter to date;
 *   P a year or half-year → every quarter of P that has ended by `asOf` (a unit meets the year
 *   when it met the threshold in every elapsed quarter); while the first quarter of P is still
 *   running, that quarter so far is the only window.
 * A period that has not started by `asOf` has no windows: its status is no_data.
 * All windows are whole months, so the fast path sums monthly aggregates.
 */
import { makePeriod, type Period } from '../periods.js';

export interface Window {
  /** First and last month (1–12) of the window, both inclusive, inside `year`. */
  year: number;
  fromMonth: number;
  toMonth: number;
}

const monthOf = (date: string) => Number(date.slice(5, 7));
const startMonth = (p: Period) => monthOf(p.start);
const endMonth = (p: Period) => monthOf(p.end);

/** The windows a unit must each meet for period `p` (see the module comment). */
export function countingWindows(p: Period, rulePeriod: 'year' | 'quarter', asOf: string): Window[] {
  if (p.start > asOf) return [];
  const y = p.year;
  if (rulePeriod === 'year') return [{ year: y, fromMonth: 1, toMonth: endMonth(p) }];
  if (p.type === 'quarter') return [{ year: y, fromMonth: startMonth(p), toMonth: endMonth(p) }];
  if (p.type === 'month') {
    const q = makePeriod('quarter', y, Math.floor((p.index - 1) / 3) + 1);
    return [{ year: y, fromMonth: startMonth(q), toMonth: endMonth(p) }];
  }
  const out: Window[] = [];
  for (let m = startMonth(p); m <= endMonth(p); m += 3) {
    const q = makePeriod('quarter', y, Math.floor((m - 1) / 3) + 1);
    if (q.end < asOf) out.push({ year: y, fromMonth: startMonth(q), toMonth: endMonth(q) });
  }
  if (out.length === 0) out.push({ year: y, fromMonth: startMonth(p), toMonth: Math.min(startMonth(p) + 2, 12) });
  return out;
}

/** True when an ISO date falls inside a window. */
export function inWindow(w: Window, date: string): boolean {
  const y = Number(date.slice(0, 4));
  const m = monthOf(date);
  return y === w.year && m >= w.fromMonth && m <= w.toMonth;
}

export interface ShareResult {
  numerator: number;
  denominator: number;
  /** Percent; null when the denominator is 0. */
  value: number | null;
}

export const percent = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? (numerator * 100) / denominator : null;

/** units_meeting_count: counts per in-scope unit, one number per window. */
export function unitsMeetingCount(countsPerUnit: number[][], threshold: number): ShareResult {
  const denominator = countsPerUnit.length;
  const numerator = countsPerUnit.filter((c) => c.length > 0 && c.every((n) => n >= threshold)).length;
  return { numerator, denominator, value: percent(numerator, denominator) };
}

/** units_with_record: record counts per in-scope unit. */
export function unitsWithRecord(recordsPerUnit: number[]): ShareResult {
  const numerator = recordsPerUnit.filter((n) => n > 0).length;
  return { numerator, denominator: recordsPerUnit.length, value: percent(numerator, recordsPerUnit.length) };
}

/** share_with_status: items at or above `minStatus` in the ordered list `statuses`. */
export function shareWithStatus(items: { status: string }[], statuses: string[], minStatus: string): ShareResult {
  const min = statuses.indexOf(minStatus);
  if (min < 0) throw new Error(`unknown status ${minStatus}`);
  const numerator = items.filter((i) => statuses.indexOf(i.status) >= min).length;
  return { numerator, denominator: items.length, value: percent(numerator, items.length) };
}

export interface SurveyRound {
  year: number;
  score: number;
}

/**
 * survey_change: relative change (%) of the latest round in or before `year` (after the
 * baseline year) against the baseline round. numerator = that round's score, denominator =
 * the baseline score. No baseline, no later round, or a zero baseline: no data.
 */
export function surveyChange(
  rounds: SurveyRound[],
  baselineYear: number,
  year: number,
): { numerator: number | null; denominator: number | null; value: number | null } {
  const base = rounds.find((r) => r.year === baselineYear);
  const later = rounds
    .filter((r) => r.year > baselineYear && r.year <= year)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  if (!base || !later || base.score === 0)
    return { numerator: later?.score ?? null, denominator: base?.score ?? null, value: null };
  return { numerator: later.score, denominator: base.score, value: ((later.score - base.score) * 100) / base.score };
}

/**
 * reduction_share: of the items identified on or before `asOfDate`, the share resolved on or
 * before it.
 */
export function reductionShare(
  items: { identifiedOn: string; resolvedOn: string | null }[],
  asOfDate: string,
): ShareResult {
  const known = items.filter((i) => i.identifiedOn <= asOfDate);
  const numerator = known.filter((i) => i.resolvedOn !== null && i.resolvedOn <= asOfDate).length;
  return { numerator, denominator: known.length, value: percent(numerator, known.length) };
}

/** sum: a plain total; no denominator. */
export function sumOf(values: (number | null)[]): number {
  let s = 0;
  for (const v of values) s += v ?? 0;
  return s;
}
