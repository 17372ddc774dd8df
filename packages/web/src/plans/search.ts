/** The plan list's filters as URL search parameters (kept out of the lazily loaded page). */
import type { PlanKind, PlanScope, PlanStatus } from './api.ts';

export interface PlanListSearch {
  scope?: PlanScope;
  kind?: PlanKind;
  status?: PlanStatus;
  year?: number;
  q?: string;
  page?: number;
}

const SCOPES: PlanScope[] = ['visible', 'subtree', 'superiors'];
export const KINDS: PlanKind[] = ['program', 'annual', 'action_month'];
export const STATUSES: PlanStatus[] = ['draft', 'issued'];

/** Keeps only the filters the page understands, so a hand-edited URL cannot break it. */
export function validatePlanListSearch(s: Record<string, unknown>): PlanListSearch {
  const out: PlanListSearch = {};
  if (SCOPES.includes(s.scope as PlanScope) && s.scope !== 'visible') out.scope = s.scope as PlanScope;
  if (KINDS.includes(s.kind as PlanKind)) out.kind = s.kind as PlanKind;
  if (STATUSES.includes(s.status as PlanStatus)) out.status = s.status as PlanStatus;
  const year = Number(s.year);
  if (Number.isInteger(year) && year >= 1990 && year <= 2100) out.year = year;
  if (typeof s.q === 'string' && s.q.trim()) out.q = s.q.trim().slice(0, 200);
  const page = Number(s.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}
