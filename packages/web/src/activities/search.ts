/** The activity list's filters as URL search parameters (kept out of the lazily loaded pages). */
import { parsePeriod } from '@binhdang/domain';

export interface ActivityListSearch {
  org?: string;
  period?: string;
  kind?: string;
  campaign?: string;
  plan?: string;
  audience?: string;
  q?: string;
  page?: number;
}

const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORG = /^[0-9A-Za-z._-]{1,40}$/;

/** Keeps only the filters the page understands, so a hand-edited URL cannot break it. */
export function validateActivityListSearch(s: Record<string, unknown>): ActivityListSearch {
  const out: ActivityListSearch = {};
  const str = (k: string) => (typeof s[k] === 'string' || typeof s[k] === 'number' ? String(s[k]).trim() : '');
  if (ORG.test(str('org')) || UUID.test(str('org'))) out.org = str('org');
  if (parsePeriod(str('period'))) out.period = str('period');
  if (CODE.test(str('kind'))) out.kind = str('kind');
  if (CODE.test(str('audience'))) out.audience = str('audience');
  if (UUID.test(str('campaign'))) out.campaign = str('campaign');
  if (UUID.test(str('plan'))) out.plan = str('plan');
  if (str('q')) out.q = str('q').slice(0, 200);
  const page = Number(s.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
}

export interface ActivityNewSearch {
  /** Duplicate this activity (server or still queued). */
  from?: string;
}

export function validateActivityNewSearch(s: Record<string, unknown>): ActivityNewSearch {
  return typeof s.from === 'string' && UUID.test(s.from) ? { from: s.from } : {};
}
