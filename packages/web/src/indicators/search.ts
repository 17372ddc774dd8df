import { isUuid } from '@binhdang/domain';
/** The dashboard's URL search (kept out of the lazily loaded page, since the router reads it). */
import type { Measure, PivotDimension } from '@binhdang/domain';

export type DashboardTab = 'overview' | 'pivot' | 'map';
const TABS: DashboardTab[] = ['overview', 'pivot', 'map'];
export const PIVOT_DIMS: readonly PivotDimension[] = [
  'org',
  'year',
  'quarter',
  'month',
  'target',
  'audience',
  'sex',
  'kind',
  'channel',
];
export const PIVOT_MEASURES: readonly Measure[] = [
  'activities',
  'sessions',
  'news_items',
  'products',
  'participants',
  'participants_female',
  'participants_male',
  'costs',
];
export type ChartKind = 'bar' | 'line' | 'sex';
const CHARTS: ChartKind[] = ['bar', 'line', 'sex'];

/** The dashboard's state in the URL: unit, period, plan, tab, pivot choices, map target. */
export interface IndicatorsSearch {
  org?: string;
  period?: string;
  plan?: string;
  tab?: DashboardTab;
  rows?: PivotDimension;
  cols?: PivotDimension;
  measure?: Measure;
  chart?: ChartKind;
  target?: string;
}

/** Keeps only what the page understands, so a hand-edited URL cannot break it. */
export function validateIndicatorsSearch(s: Record<string, unknown>): IndicatorsSearch {
  const out: IndicatorsSearch = {};
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');
  const org = str(s.org);
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(org)) out.org = org;
  const period = str(s.period);
  if (/^\d{4}(Q[1-4])?$/.test(period)) out.period = period;
  if (isUuid(str(s.plan))) out.plan = str(s.plan);
  if (isUuid(str(s.target))) out.target = str(s.target);
  if (TABS.includes(s.tab as DashboardTab) && s.tab !== 'overview') out.tab = s.tab as DashboardTab;
  if (PIVOT_DIMS.includes(s.rows as PivotDimension)) out.rows = s.rows as PivotDimension;
  if (PIVOT_DIMS.includes(s.cols as PivotDimension)) out.cols = s.cols as PivotDimension;
  if (PIVOT_MEASURES.includes(s.measure as Measure)) out.measure = s.measure as Measure;
  if (CHARTS.includes(s.chart as ChartKind)) out.chart = s.chart as ChartKind;
  return out;
}

export function splitPeriod(period: string): { year: number; quarter: number | null } {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) return { year: new Date().getFullYear(), quarter: null };
  return { year: Number(m[1]), quarter: m[2] ? Number(m[2]) : null };
}

export function joinPeriod(year: number, quarter: number | null): string {
  return quarter ? `${year}Q${quarter}` : String(year);
}
