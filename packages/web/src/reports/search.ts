/** The reports pages' filters as URL search parameters (kept out of the lazily loaded pages). */
import { REPORT_FREQUENCIES, REPORT_LIST_STATUSES, type ReportListStatus } from '@binhdang/domain';
import type { Frequency } from './api.ts';

export interface ReportListSearch {
  year?: number;
  status?: ReportListStatus;
}

export interface CompletenessSearch {
  org?: string;
  year?: number;
  periods?: number;
  frequency?: Frequency;
}

function validYear(v: unknown): number | undefined {
  const year = Number(v);
  return Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined;
}

/** Keeps only the filters the page understands, so a hand-edited URL cannot break it. */
export function validateReportListSearch(s: Record<string, unknown>): ReportListSearch {
  const out: ReportListSearch = {};
  const year = validYear(s.year);
  if (year) out.year = year;
  if ((REPORT_LIST_STATUSES as readonly unknown[]).includes(s.status)) out.status = s.status as ReportListStatus;
  return out;
}

export function validateCompletenessSearch(s: Record<string, unknown>): CompletenessSearch {
  const out: CompletenessSearch = {};
  if (typeof s.org === 'string' && /^[\w.-]{1,64}$/.test(s.org)) out.org = s.org;
  const year = validYear(s.year);
  if (year) out.year = year;
  const periods = Number(s.periods);
  if (Number.isInteger(periods) && periods >= 1 && periods <= 12) out.periods = periods;
  if ((REPORT_FREQUENCIES as readonly unknown[]).includes(s.frequency)) out.frequency = s.frequency as Frequency;
  return out;
}
