/**
 * Report queries and commands (contract: packages/domain/src/reports/schemas.ts). A workflow
 * step answers with the whole report: it replaces the cached one and the lists, reminders and
 * completeness matrix are refetched, since each shows the report's status.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BulkApproveBody,
  CompletenessMatrix,
  Narrative,
  Report,
  ReportFrequency,
  ReportList,
  ReportListStatus,
  ReportSummary,
  Reminder,
} from '@binhdang/domain';
import type { z } from 'zod';
import { get, patch, post, withQuery } from '../api/client.ts';

export type Frequency = z.infer<typeof ReportFrequency>;
export type { Report, ReportSummary, Reminder, CompletenessMatrix, Narrative, ReportListStatus };

export interface ReportListParams {
  scope?: 'own' | 'inbox' | 'all';
  org?: string;
  period?: string;
  year?: number;
  status?: ReportListStatus;
  limit?: number;
}

const enc = encodeURIComponent;

export const reportListQuery = (params: ReportListParams) =>
  queryOptions({
    queryKey: ['reports', params],
    queryFn: () =>
      get<ReportList>('/api/reports', {
        scope: params.scope ?? 'own',
        org: params.org,
        period: params.period,
        year: params.year,
        status: params.status,
        limit: params.limit ?? 200,
      }),
    retry: false,
    placeholderData: keepPreviousData,
  });

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: ['report', id],
    queryFn: () => get<Report>(`/api/reports/${enc(id)}`),
    retry: false,
  });

export const remindersQuery = queryOptions({
  queryKey: ['report-reminders'],
  queryFn: () => get<{ items: Reminder[] }>('/api/reports/reminders'),
  retry: false,
  staleTime: 5 * 60_000,
  refetchInterval: 15 * 60_000,
});

export interface CompletenessParams {
  org?: string;
  period?: string;
  periods?: number;
  frequency?: Frequency;
}

const completenessSearch = (p: CompletenessParams) => ({
  org: p.org,
  period: p.period,
  periods: p.periods,
  frequency: p.frequency,
});

export const completenessQuery = (params: CompletenessParams) =>
  queryOptions({
    queryKey: ['report-completeness', params],
    queryFn: () => get<CompletenessMatrix>('/api/reports/completeness', completenessSearch(params)),
    retry: false,
    placeholderData: keepPreviousData,
  });

export const completenessXlsxUrl = (params: CompletenessParams) =>
  withQuery('/api/reports/completeness.xlsx', completenessSearch(params));
export const reportDocxUrl = (id: string) => `/api/reports/${enc(id)}/docx`;
export const reportXlsxUrl = (id: string) => `/api/reports/${enc(id)}/xlsx`;

/** Everything that shows a report's status: lists, inbox, reminders, the matrix. */
async function refreshLists(qc: ReturnType<typeof useQueryClient>): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ['reports'] }),
    qc.invalidateQueries({ queryKey: ['report-reminders'] }),
    qc.invalidateQueries({ queryKey: ['report-completeness'] }),
  ]);
}

function useReportMutation<TInput>(fn: (input: TInput) => Promise<Report>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (report) => {
      qc.setQueryData(reportQuery(report.id).queryKey, report);
      await refreshLists(qc);
    },
  });
}

/** Opens (or finds) the draft of a due report. */
export const useOpenReport = () =>
  useReportMutation((body: { orgUnit?: string; period: string; ruleId: string }) => post<Report>('/api/reports', body));

/** Saves narrative sections; a stale version or a locked report answers 409. */
export function useSaveNarrative(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { narrative: Partial<Narrative>; version: number }) =>
      patch<Report>(`/api/reports/${enc(id)}`, body),
    onSuccess: (report) => qc.setQueryData(reportQuery(report.id).queryKey, report),
  });
}

export const useRefreshFigures = (id: string) =>
  useReportMutation((version: number) => post<Report>(`/api/reports/${enc(id)}/refresh`, { version }));
export const useSubmitReport = (id: string) =>
  useReportMutation((version: number) => post<Report>(`/api/reports/${enc(id)}/submit`, { version }));
export const useApproveReport = (id: string) =>
  useReportMutation((version: number) => post<Report>(`/api/reports/${enc(id)}/approve`, { version }));
export const useReturnReport = (id: string) =>
  useReportMutation((body: { version: number; comment: string }) =>
    post<Report>(`/api/reports/${enc(id)}/return`, body),
  );
export const useReopenReport = (id: string) =>
  useReportMutation((body: { version: number; comment: string }) =>
    post<Report>(`/api/reports/${enc(id)}/reopen`, body),
  );

export function useBulkApprove() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkApproveBody) =>
      post<{ approved: number; items: ReportSummary[] }>('/api/reports/bulk-approve', body),
    onSuccess: async () => {
      qc.removeQueries({ queryKey: ['report'] });
      await refreshLists(qc);
    },
  });
}
