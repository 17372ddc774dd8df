/**
 * Pure helpers of the dashboards: status colours and order, how values, milestones and
 * fractions read, the URL search of the page, sparkline paths, and shaping a pivot answer
 * into a table and chart series. No React and no i18next, so they are unit-tested in node.
 */
import type { IndicatorResult, IndicatorStatus, PivotDimension, PivotResponse } from '@binhdang/domain';
import type { ChartKind } from './search.ts';

export const STATUSES: readonly IndicatorStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'];

/** Mantine colour names: achieved green, on track teal, at risk orange, off track red, no data grey. */
export const STATUS_COLOR: Record<IndicatorStatus, string> = {
  achieved: 'green',
  on_track: 'teal',
  at_risk: 'orange',
  off_track: 'red',
  no_data: 'gray',
};

/** The same colours as hex for charts and the map (Mantine's shade 7, readable on white). */
export const STATUS_HEX: Record<IndicatorStatus, string> = {
  achieved: '#37b24d',
  on_track: '#0ca678',
  at_risk: '#f76707',
  off_track: '#f03e3e',
  no_data: '#adb5bd',
};

/** Worst first: what a leader must look at comes to the top. */
const SEVERITY: Record<IndicatorStatus, number> = { off_track: 0, at_risk: 1, no_data: 2, on_track: 3, achieved: 4 };

export function bySeverity(a: IndicatorStatus, b: IndicatorStatus): number {
  return SEVERITY[a] - SEVERITY[b];
}

export function isConcern(s: IndicatorStatus): boolean {
  return s === 'off_track' || s === 'at_risk';
}

export function locale(lang: string): string {
  return lang === 'en' ? 'en-US' : 'vi-VN';
}

export function formatNumber(n: number, lang: string, maxFraction = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxFraction }).format(n);
}

/** Rules whose value is a share of units (numerator/denominator are unit counts). */
export function isUnitShare(ruleKind: string): boolean {
  return ruleKind === 'units_meeting_count' || ruleKind === 'units_with_record';
}

/** Rules whose value is a percentage. */
export function isPercent(item: { ruleKind: string; unit: string }): boolean {
  return item.unit === 'percent' || (item.ruleKind !== 'sum' && item.ruleKind !== '');
}

/** "71,1%" for shares, "1.234" for counts, "—" without data. */
export function formatValue(value: number | null, item: { ruleKind: string; unit: string }, lang: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (isPercent(item)) return `${formatNumber(value, lang)}%`;
  return formatNumber(value, lang, 0);
}

const PREFIX: Record<string, string> = { gte: '≥ ', gt: '> ', eq: '', lte: '≤ ', lt: '< ', range: '' };

/** "≥ 90% (2030)", "10–15% (2030)", "≥ 2 (2026)"; null when the milestone has no number. */
export function formatMilestone(
  item: Pick<IndicatorResult, 'comparator' | 'milestone' | 'ruleKind' | 'unit'>,
  lang: string,
): string | null {
  const m = item.milestone;
  if (!m || m.value === null) return null;
  const pct = isPercent(item) ? '%' : '';
  const amount =
    m.valueMax !== null && m.valueMax !== m.value
      ? `${formatNumber(m.value, lang)}–${formatNumber(m.valueMax, lang)}`
      : formatNumber(m.value, lang);
  return `${PREFIX[item.comparator] ?? ''}${amount}${pct} (${m.year})`;
}

/** The years a dashboard offers: the plan phases 2022–2030 and this year. */
export function yearChoices(now: number): number[] {
  const last = Math.max(2030, now);
  const out: number[] = [];
  for (let y = last; y >= 2022; y--) out.push(y);
  return out;
}

/** An SVG polyline path through the points of a series; gaps (null) break the line. */
export function sparkPath(values: (number | null)[], width: number, height: number, pad = 2): string {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length === 0) return '';
  const min = Math.min(0, ...nums);
  const max = Math.max(...nums, min + 1);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / (max - min));
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = values.length > 1 ? pad + i * step : width / 2;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

/** A pivot answer as a dense table: rows × cols with totals (only where the measure adds up). */
export interface PivotTable {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  values: (number | null)[][];
  /** Row and column totals; null when cells overlap (audiences) or are not additive (targets). */
  rowTotals: (number | null)[] | null;
  colTotals: (number | null)[] | null;
  grandTotal: number | null;
}

export function shapePivot(
  resp: Pick<PivotResponse, 'rows' | 'cols' | 'cells'>,
  dims: { rows: PivotDimension; cols?: PivotDimension | null },
): PivotTable {
  const cols = resp.cols.length ? resp.cols : [{ key: '', label: '' }];
  const rIndex = new Map(resp.rows.map((r, i) => [r.key, i]));
  const cIndex = new Map(cols.map((c, i) => [c.key, i]));
  const values: (number | null)[][] = resp.rows.map(() => cols.map(() => null));
  for (const cell of resp.cells) {
    const r = rIndex.get(cell.row);
    const c = cIndex.get(cell.col);
    if (r === undefined || c === undefined) continue;
    values[r]![c] = cell.value;
  }
  const nonAdditive = (d: PivotDimension | null | undefined) => d === 'audience' || d === 'target';
  const sum = (xs: (number | null)[]) => xs.reduce<number>((a, v) => a + (v ?? 0), 0);
  const rowsAdd = !nonAdditive(dims.cols) && dims.rows !== 'target';
  const colsAdd = !nonAdditive(dims.rows) && dims.cols !== 'target';
  const rowTotals = rowsAdd && cols.length > 1 ? values.map(sum) : null;
  const colTotals = colsAdd ? cols.map((_, c) => sum(values.map((row) => row[c] ?? null))) : null;
  const grandTotal = rowsAdd && colsAdd ? sum(values.map(sum)) : null;
  return { rows: resp.rows, cols, values, rowTotals, colTotals, grandTotal };
}

/** Series for a bar/line chart: one series per column, categories are the rows. */
export function chartSeries(
  table: PivotTable,
  kind: ChartKind,
  opts: { femaleLabel: string; maleLabel: string; totalLabel: string },
): { categories: string[]; series: { name: string; data: (number | null)[]; stack?: string; color?: string }[] } {
  const categories = table.rows.map((r) => r.label);
  const series = table.cols.map((c, ci) => {
    const name = c.key === '' ? opts.totalLabel : c.label;
    const data = table.values.map((row) => row[ci] ?? null);
    if (kind !== 'sex') return { name, data };
    // Stacked female/male: the sex columns carry fixed colours so ♀/♂ read the same everywhere.
    const color = c.key === 'female' ? '#c2255c' : c.key === 'male' ? '#1971c2' : '#868e96';
    const label = c.key === 'female' ? opts.femaleLabel : c.key === 'male' ? opts.maleLabel : name;
    return { name: label, data, stack: 'sex', color };
  });
  return { categories, series };
}

/** Targets of a dashboard, worst first, then by plan order. */
export function sortForAttention<T extends { status: IndicatorStatus; targetNumber: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => bySeverity(a.status, b.status) || a.targetNumber - b.targetNumber);
}

/** A matrix column sorted by value (nulls last) or by name, in either direction. */
export function compareCells(a: number | null, b: number | null, dir: 1 | -1): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a - b) * dir;
}

export interface PivotNames {
  /** Names of reference codes per dimension (kinds, channels, audiences, sex). */
  codes: Partial<Record<PivotDimension, Map<string, string>>>;
  /** The label of an empty key (an activity without a channel). */
  none: string;
}

/** Codes and period keys as people read them: 'conference' → 'Hội nghị', '2026Q1' → 'Q1/2026'. */
export function relabelPivot<T extends Pick<PivotResponse, 'rows' | 'cols'>>(
  resp: T,
  dims: { rows: PivotDimension; cols?: PivotDimension | null },
  names: PivotNames,
): T {
  const name = (d: PivotDimension | null | undefined) => (k: { key: string; label: string }) => {
    if (!d) return k;
    if (d === 'quarter' && /^\d{4}Q[1-4]$/.test(k.key))
      return { key: k.key, label: `Q${k.key.slice(5)}/${k.key.slice(0, 4)}` };
    if (d === 'month' && /^\d{4}-\d{2}$/.test(k.key))
      return { key: k.key, label: `${k.key.slice(5)}/${k.key.slice(0, 4)}` };
    const known = names.codes[d]?.get(k.key);
    if (known) return { key: k.key, label: known };
    if (k.key === '' && (d === 'channel' || d === 'kind' || d === 'audience')) return { key: k.key, label: names.none };
    return k;
  };
  return { ...resp, rows: resp.rows.map(name(dims.rows)), cols: resp.cols.map(name(dims.cols)) };
}

export interface PlanLike {
  id: string;
  number: string | null;
  orgUnitName: string;
  title: string;
}

/** "183/KH-UBND · Lai Châu" — how a card says which plan its target comes from. */
export function planLabel(plan: PlanLike | undefined): string | null {
  if (!plan) return null;
  // A number without digits ("/KH-UBND": not filled in yet) names nothing.
  return plan.number && /\d/.test(plan.number)
    ? `${plan.number} · ${plan.orgUnitName}`
    : `${plan.orgUnitName}: ${plan.title.length > 60 ? plan.title.slice(0, 59) + '…' : plan.title}`;
}
