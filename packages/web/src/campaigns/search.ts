/** The campaign page's year as a URL search parameter (kept out of the lazily loaded page). */
export interface CampaignsSearch {
  year?: number;
}

export function validateCampaignsSearch(s: Record<string, unknown>): CampaignsSearch {
  const year = Number(s.year);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {};
}
