/**
 * Activity queries. Writes do not live here: they go through the offline queue
 * (offline/queue.ts), which sends them and refreshes these queries. Reference lists are kept on
 * the device so the form opens offline after one online visit.
 */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Activity, ActivityKind, ActivityList, Campaign, CodeName, Plan, PlanSummary } from '@binhdang/domain';
import { del, get, withQuery, type Query } from '../api/client.ts';
import { withOfflineCache } from '../offline/cache.ts';

/** Lists come as an array or as { items }; either way the form gets the array. */
function itemsOf<T>(x: T[] | { items: T[] }): T[] {
  return Array.isArray(x) ? x : x.items;
}

const REF_STALE = 60 * 60_000;

const refQuery = <T>(key: string, path: string, query?: Query) =>
  queryOptions({
    queryKey: ['activity-ref', key],
    queryFn: () => withOfflineCache(`ref.${key}`, async () => itemsOf(await get<T[] | { items: T[] }>(path, query))),
    staleTime: REF_STALE,
    retry: false,
  });

export const kindsQuery = refQuery<ActivityKind>('kinds', '/api/activity-kinds');
export const channelsQuery = refQuery<CodeName>('channels', '/api/activity-channels');
export const audiencesQuery = refQuery<CodeName>('audiences', '/api/audiences');
export const campaignsQuery = (year: number) => refQuery<Campaign>(`campaigns.${year}`, '/api/campaigns', { year });
/** Plans the user may link an activity to (optional). */
export const linkablePlansQuery = refQuery<PlanSummary>('plans', '/api/plans', { scope: 'visible', limit: 200 });

export const planTaskGroupsQuery = (planId: string | null) =>
  queryOptions({
    queryKey: ['activity-ref', 'plan', planId],
    queryFn: () =>
      withOfflineCache(`ref.plan.${planId}`, async () => {
        const plan = await get<Plan>(`/api/plans/${encodeURIComponent(planId ?? '')}`);
        return plan.taskGroups.map((g) => ({ id: g.id, ordinal: g.ordinal, heading: g.heading }));
      }),
    enabled: !!planId,
    staleTime: REF_STALE,
    retry: false,
  });

/** The list filters, as the API takes them (URL search of the list page). */
export interface ActivityFilters {
  org?: string;
  period?: string;
  kind?: string;
  campaign?: string;
  plan?: string;
  audience?: string;
  q?: string;
}

export const PAGE_SIZE = 20;

export function listParams(f: ActivityFilters, page = 1): Query {
  return {
    org: f.org,
    period: f.period,
    kind: f.kind,
    campaign: f.campaign,
    plan: f.plan,
    audience: f.audience,
    q: f.q,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

export const activityListQuery = (f: ActivityFilters, page = 1) =>
  queryOptions({
    queryKey: ['activities', f, page],
    queryFn: () => get<ActivityList>('/api/activities', listParams(f, page)),
    retry: false,
    placeholderData: keepPreviousData,
  });

export const activityQuery = (id: string) =>
  queryOptions({
    queryKey: ['activity', id],
    queryFn: () => get<Activity>(`/api/activities/${encodeURIComponent(id)}`),
    retry: false,
  });

/** The export link keeps the list's filters (not its paging). */
export function exportHref(f: ActivityFilters, format: 'xlsx' | 'csv'): string {
  const { limit: _l, offset: _o, ...rest } = listParams(f);
  void _l;
  void _o;
  return withQuery('/api/activities/export', { format, ...rest });
}

export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: string; version: number }) =>
      del<unknown>(`/api/activities/${encodeURIComponent(a.id)}`, { version: a.version }),
    onSuccess: (_r, a) => {
      qc.removeQueries({ queryKey: ['activity', a.id] });
      return qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
}
