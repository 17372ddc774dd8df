/** Org-unit queries and admin commands. Lists are keyed by their query so each view caches alone. */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, patch, post } from '../api/client.ts';
import type { OrgKind, OrgUnit, OrgUnitList, OrgUnitWithAncestors } from '../api/types.ts';

export type UnitStatus = 'active' | 'closed' | 'all';

export interface UnitListParams {
  parent?: string;
  q?: string;
  kind?: OrgKind;
  status?: UnitStatus;
  limit?: number;
}

export const unitQuery = (idOrCode: string) =>
  queryOptions({
    queryKey: ['org-unit', idOrCode],
    queryFn: () => get<OrgUnitWithAncestors>(`/api/org-units/${encodeURIComponent(idOrCode)}`),
    retry: false,
  });

export const unitListQuery = (params: UnitListParams) =>
  queryOptions({
    queryKey: ['org-units', params],
    queryFn: () =>
      get<OrgUnitList>('/api/org-units', {
        parent: params.parent,
        q: params.q,
        kind: params.kind,
        status: params.status ?? 'active',
        limit: params.limit ?? 1000,
      }),
    retry: false,
    placeholderData: keepPreviousData,
  });

export interface CreateUnitInput {
  code: string;
  name: string;
  nameEn?: string;
  fullName?: string;
  kind: OrgKind;
  unitType?: string;
  parent: string;
  validFrom?: string;
}

export interface RenameUnitInput {
  name?: string;
  nameEn?: string | null;
  fullName?: string | null;
  version: number;
}

/** Every org write changes lists, details and breadcrumbs: refresh them all. */
function useOrgMutation<TInput>(fn: (input: TInput) => Promise<OrgUnit>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['org-units'] });
      await qc.invalidateQueries({ queryKey: ['org-unit'] });
    },
  });
}

export const useCreateUnit = () => useOrgMutation((b: CreateUnitInput) => post<OrgUnit>('/api/org-units', b));
export const useRenameUnit = (id: string) =>
  useOrgMutation((b: RenameUnitInput) => patch<OrgUnit>(`/api/org-units/${id}`, b));
export const useMoveUnit = (id: string) =>
  useOrgMutation((b: { parent: string; version: number }) => post<OrgUnit>(`/api/org-units/${id}/move`, b));
export const useCloseUnit = (id: string) =>
  useOrgMutation((b: { validTo: string; version: number }) => post<OrgUnit>(`/api/org-units/${id}/close`, b));
export const useMergeUnit = (id: string) =>
  useOrgMutation((b: { successor: string; validTo: string; version: number }) =>
    post<OrgUnit>(`/api/org-units/${id}/merge`, b),
  );
