/**
 * Milestones, statuses and projections.
 *
 * - Milestone: the target's milestone for the period's year, else the next one ahead, else
 *   none. Recurring targets ("hằng năm": frequency annual/half_year/quarterly/monthly) apply
 *   their value every year: the milestone year is then the period's year.
 * - achieved: the value meets the milestone per the comparator (gte, gt, lte as written; eq is
 *   read as "reaches" (≥) — plans write "đạt 100%" for shares; range meets its lower bound).
 * - Otherwise the linear projection to the milestone year decides, with the ratio
 *   projection / milestone (milestone / projection for lte):
 *   ≥ STATUS_THRESHOLDS.onTrack → on_track, ≥ STATUS_THRESHOLDS.atRisk → at_risk, else off_track.
 * - no_data: no value (denominator 0, nothing recorded, period not started, no milestone value
 *   to compare with).
 * - Projection: a finished period's value stands. A running period of a cumulative rule
 *   (counts, records, sums) is paced by the elapsed share of the period (value / elapsed),
 *   capped at 100 for percentages. For a later milestone year, the least-squares line through
 *   the yearly series is extended to it (one point: flat).
 */
import type { IndicatorStatus } from './schemas.js';

export const STATUS_THRESHOLDS = { onTrack: 1, atRisk: 0.8 } as const;

export interface MilestoneLike {
  year: number;
  value: number | null;
  valueMax: number | null;
}

export const RECURRING_FREQUENCIES = ['annual', 'half_year', 'quarterly', 'monthly'] as const;

export function pickMilestone(milestones: MilestoneLike[], year: number, frequency: string): MilestoneLike | null {
  const sorted = [...milestones].sort((a, b) => a.year - b.year);
  const recurring = (RECURRING_FREQUENCIES as readonly string[]).includes(frequency);
  const ahead = sorted.find((m) => m.year >= year);
  if (recurring) {
    const m = ahead ?? sorted.at(-1);
    return m ? { ...m, year } : null;
  }
  return ahead ?? null;
}

export function meetsMilestone(value: number, milestone: MilestoneLike, comparator: string): boolean {
  const m = milestone.value;
  if (m === null) return false;
  const eps = 1e-9;
  switch (comparator) {
    case 'gt':
      return value > m + eps;
    case 'lte':
      return value <= m + eps;
    default: // gte, eq (reaches), range (lower bound)
      return value >= m - eps;
  }
}

export function statusOf(
  value: number | null,
  milestone: MilestoneLike | null,
  comparator: string,
  projection: number | null,
): IndicatorStatus {
  if (value === null || milestone === null || milestone.value === null) return 'no_data';
  if (meetsMilestone(value, milestone, comparator)) return 'achieved';
  const p = projection ?? value;
  const m = milestone.value;
  let ratio: number;
  if (comparator === 'lte') ratio = p <= 0 ? Infinity : m / p;
  else ratio = m <= 0 ? Infinity : p / m;
  if (ratio >= STATUS_THRESHOLDS.onTrack) return 'on_track';
  if (ratio >= STATUS_THRESHOLDS.atRisk) return 'at_risk';
  return 'off_track';
}

/** Share of the period [start, end] elapsed by asOf, in (0, 1]. */
export function elapsedShare(start: string, end: string, asOf: string): number {
  if (asOf >= end) return 1;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const total = day(end) - day(start) + 1;
  const done = day(asOf) - day(start) + 1;
  return Math.min(1, Math.max(done / total, 1 / total));
}

/** Least-squares line through (x, y) points evaluated at x; one point gives its y. */
export function linearAt(points: { x: number; y: number }[], x: number): number | null {
  if (points.length === 0) return null;
  if (points.length === 1) return points[0]!.y;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  if (sxx === 0) return my;
  return my + (sxy / sxx) * (x - mx);
}

export interface ProjectionInput {
  value: number | null;
  /** The requested period. */
  period: { year: number; start: string; end: string };
  milestoneYear: number | null;
  /** Earlier yearly values (x = year) used for a later milestone year; may include the current. */
  yearly: { year: number; value: number | null }[];
  cumulative: boolean;
  isPercent: boolean;
  asOf: string;
}

export function projectionOf(i: ProjectionInput): { year: number; value: number } | null {
  if (i.value === null || i.milestoneYear === null) return null;
  const cap = (v: number) => (i.isPercent ? Math.min(100, Math.max(0, v)) : Math.max(0, v));
  const share = elapsedShare(i.period.start, i.period.end, i.asOf);
  const paced = i.cumulative ? cap(i.value / share) : i.value;
  if (i.milestoneYear <= i.period.year) return { year: i.milestoneYear, value: paced };
  const pts = i.yearly
    .filter((p) => p.value !== null && p.year < i.period.year)
    .map((p) => ({ x: p.year, y: p.value as number }));
  pts.push({ x: i.period.year, y: paced });
  const v = linearAt(pts, i.milestoneYear);
  return v === null ? null : { year: i.milestoneYear, value: cap(v) };
}
