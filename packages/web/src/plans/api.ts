/**
 * Plan queries and commands. Every write refreshes the lists, the plan itself and the cascade
 * trees, since a new or changed plan shows in all three.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Plan, PlanInput, PlanSummary, PlanUpdate } from '@binhdang/domain';
import { del, get, post, put } from '../api/client.ts';

export type PlanScope = 'visible' | 'subtree' | 'superiors';
export type PlanKind = Plan['kind'];
export type PlanStatus = Plan['status'];

export interface PlanListParams {
  scope?: PlanScope;
  kind?: PlanKind;
  status?: PlanStatus;
  year?: number;
  q?: string;
  limit?: number;
  offset?: number;
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

export interface PlanTree {
  children: PlanTreeNode[];
  unitsWithoutPlan: { id: string; code: string; name: string; kind: string }[];
}

export interface Span {
  start: number;
  end: number;
}

/** What POST /api/plans/parse answers: the text, the editable draft and what the parser could not place. */
export interface ParseResult {
  text: string;
  draft: PlanInput;
  unparsed: { text: string; span: Span }[];
  warnings: string[];
}

export const planListQuery = (params: PlanListParams) =>
  queryOptions({
    queryKey: ['plans', params],
    queryFn: () =>
      get<{ items: PlanSummary[]; total: number }>('/api/plans', {
        scope: params.scope ?? 'visible',
        kind: params.kind,
        status: params.status,
        year: params.year,
        q: params.q,
        limit: params.limit ?? 50,
        offset: params.offset,
      }),
    retry: false,
    placeholderData: keepPreviousData,
  });

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: ['plan', id],
    queryFn: () => get<Plan>(`/api/plans/${encodeURIComponent(id)}`),
    retry: false,
  });

export const planTreeQuery = (id: string) =>
  queryOptions({
    queryKey: ['plan-tree', id],
    queryFn: () => get<PlanTree>(`/api/plans/${encodeURIComponent(id)}/tree`),
    retry: false,
  });

export const originalTextQuery = (id: string) =>
  queryOptions({
    queryKey: ['plan-text', id],
    queryFn: () => get<{ text: string }>(`/api/plans/${encodeURIComponent(id)}/original-text`),
    retry: false,
    staleTime: Infinity,
  });

export const exportDocxUrl = (id: string) => `/api/plans/${encodeURIComponent(id)}/export.docx`;
export const exportTargetsUrl = (id: string) => `/api/plans/${encodeURIComponent(id)}/targets.xlsx`;

function usePlanMutation<TInput>(fn: (input: TInput) => Promise<Plan>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (plan) => {
      qc.setQueryData(planQuery(plan.id).queryKey, plan);
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['plans'] }),
        qc.invalidateQueries({ queryKey: ['plan-tree'] }),
      ]);
    },
  });
}

export const useCreatePlan = () => usePlanMutation((body: PlanInput) => post<Plan>('/api/plans', body));
export const useUpdatePlan = (id: string) =>
  usePlanMutation((body: PlanUpdate) => put<Plan>(`/api/plans/${encodeURIComponent(id)}`, body));
export const useIssuePlan = (id: string) =>
  usePlanMutation((version: number) => post<Plan>(`/api/plans/${encodeURIComponent(id)}/issue`, { version }));
export const useReopenPlan = (id: string) =>
  usePlanMutation((version: number) => post<Plan>(`/api/plans/${encodeURIComponent(id)}/reopen`, { version }));
/** "Xây dựng kế hoạch thực hiện": a draft for the caller's unit, or for a unit below the issuer. */
export const useCascadePlan = (id: string) =>
  usePlanMutation((orgUnit?: string) =>
    post<Plan>(`/api/plans/${encodeURIComponent(id)}/cascade`, orgUnit ? { orgUnit } : {}),
  );

export function useDeletePlan(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => del<null>(`/api/plans/${encodeURIComponent(id)}`, { version }),
    onSuccess: async () => {
      qc.removeQueries({ queryKey: planQuery(id).queryKey });
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['plans'] }),
        qc.invalidateQueries({ queryKey: ['plan-tree'] }),
      ]);
    },
  });
}

/** Parses pasted text or an uploaded file; the server writes nothing. */
export function useParsePlan() {
  return useMutation({
    mutationFn: (input: { text: string } | { file: File }) => {
      if ('file' in input) {
        const body = new FormData();
        body.append('file', input.file, input.file.name);
        return post<ParseResult>('/api/plans/parse', body);
      }
      return post<ParseResult>('/api/plans/parse', { text: input.text });
    },
  });
}
