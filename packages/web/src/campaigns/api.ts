/** Campaign calendar queries and the Action Month plan commands. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Campaign, CampaignPlan, CampaignPlanCoverage } from '@binhdang/domain';
import { get, patch, post, put } from '../api/client.ts';

export const ACTION_MONTH_CODE = 'action_month';

export const campaignsQuery = (year: number) =>
  queryOptions({
    queryKey: ['campaigns', year],
    queryFn: () => get<Campaign[]>('/api/campaigns', { year }),
    staleTime: 5 * 60_000,
  });

export const coverageQuery = (campaignId: string, year: number, org?: string) =>
  queryOptions({
    queryKey: ['campaign-plans', campaignId, year, org ?? null],
    queryFn: () => get<CampaignPlanCoverage>(`/api/campaigns/${campaignId}/plans`, { year, org }),
  });

export interface PlanFields {
  documentNumber: string | null;
  issuedOn: string | null;
}

/** Records (or updates) the caller's unit plan, then uploads the file when one was chosen. */
export function useSaveCampaignPlan(campaignId: string, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { existing: CampaignPlan | null; fields: PlanFields; file: File | null }) => {
      let plan = v.existing
        ? await patch<CampaignPlan>(`/api/campaigns/${campaignId}/plans/${v.existing.id}`, {
            ...v.fields,
            version: v.existing.version,
          })
        : await post<CampaignPlan>(`/api/campaigns/${campaignId}/plans`, { year, ...v.fields });
      if (v.file) {
        const body = new FormData();
        body.append('file', v.file);
        plan = await post<CampaignPlan>(`/api/campaigns/${campaignId}/plans/${plan.id}/file`, body);
      }
      return plan;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['campaign-plans', campaignId, year] }),
  });
}

export const planFileUrl = (p: CampaignPlan) => `/api/campaigns/${p.campaignId}/plans/${p.id}/file`;

/** Sets a campaign's theme for a year (administrator or central planner). */
export function useSetTheme(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { campaignId: string; themeVi: string; themeEn: string | null }) =>
      put<Campaign>(`/api/campaigns/${v.campaignId}/themes/${year}`, { themeVi: v.themeVi, themeEn: v.themeEn }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['campaigns', year] }),
  });
}
