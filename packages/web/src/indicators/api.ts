/** Indicator queries: cards, child units × targets, pivot, explain; exports as download links. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DashboardResponse, ExplainResponse, Measure, PivotDimension, PivotResponse } from '@binhdang/domain';
import { get, withQuery } from '../api/client.ts';

export interface DashboardParams {
  org?: string;
  period?: string;
  plan?: string;
}

// Figures change when any unit below saves an activity: refetch on focus, keep for a minute.
const FRESH = 30_000;

/** Cards and child table in one request (each target measured once on the server). */
export const dashboardQuery = (p: DashboardParams) =>
  queryOptions({
    queryKey: ['indicators', 'dashboard', p],
    queryFn: () => get<DashboardResponse>('/api/indicators/dashboard', { org: p.org, period: p.period, plan: p.plan }),
    retry: false,
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });

export interface PivotParams {
  org?: string;
  period?: string;
  from?: number;
  to?: number;
  plan?: string;
  rows: PivotDimension;
  cols?: PivotDimension;
  measure: Measure;
}

const pivotQueryString = (p: PivotParams) => ({
  org: p.org,
  period: p.from !== undefined ? undefined : p.period,
  from: p.from,
  to: p.to,
  plan: p.plan,
  rows: p.rows,
  cols: p.cols,
  measure: p.measure,
});

export const pivotQuery = (p: PivotParams) =>
  queryOptions({
    queryKey: ['indicators', 'pivot', p],
    queryFn: () => get<PivotResponse>('/api/indicators/pivot', pivotQueryString(p)),
    retry: false,
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });

/** The pivot as a file: the server writes .xlsx (exceljs) and .csv from the same query. */
export function pivotExportUrl(p: PivotParams, format: 'xlsx' | 'csv', lang: string): string {
  return withQuery('/api/indicators/pivot/export', { ...pivotQueryString(p), format, lang });
}

export interface ExplainParams {
  target: string;
  org?: string;
  period?: string;
  met?: 'true' | 'false';
  limit?: number;
}

export const explainQuery = (p: ExplainParams) =>
  queryOptions({
    queryKey: ['indicators', 'explain', p],
    queryFn: () =>
      get<ExplainResponse>('/api/indicators/explain', {
        target: p.target,
        org: p.org,
        period: p.period,
        met: p.met,
        limit: p.limit ?? 200,
      }),
    retry: false,
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });

export interface CodeNameRow {
  code: string;
  nameVi: string;
  nameEn: string;
}

/** Reference lists (kinds, channels, audiences) to name the pivot's codes; they rarely change. */
export const referenceQuery = (path: '/api/activity-kinds' | '/api/activity-channels' | '/api/audiences') =>
  queryOptions({
    queryKey: ['indicators', 'reference', path],
    queryFn: () => get<CodeNameRow[]>(path),
    staleTime: 60 * 60_000,
    retry: false,
  });
