/** The activity row's client-set fields in their API shape: one mapping for the DTO, replays and export. */

/** bigint columns may come back as strings (pg); they always fit a JS number here. */
export const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export interface ActivityFieldRow {
  kind: string;
  title: string;
  start_date: string;
  end_date: string;
  commune_code: string | null;
  channel: string | null;
  audiences: string[];
  participants_female: number | null;
  participants_male: number | null;
  participants_total: number | null;
  ethnic_minority_participants: number | null;
  products_count: number | null;
  reach: number | string | null;
  cost_state_budget: number | string | null;
  cost_mobilised: number | string | null;
  cost_international: number | string | null;
  plan_id: string | null;
  task_group_id: string | null;
  campaign_id: string | null;
  notes: string | null;
}

export function activityFields(r: ActivityFieldRow) {
  return {
    kind: r.kind,
    title: r.title,
    startDate: r.start_date,
    endDate: r.end_date,
    communeCode: r.commune_code,
    channel: r.channel,
    audiences: r.audiences,
    participantsFemale: r.participants_female,
    participantsMale: r.participants_male,
    participantsTotal: r.participants_total,
    ethnicMinorityParticipants: r.ethnic_minority_participants,
    productsCount: r.products_count,
    reach: num(r.reach),
    costStateBudget: num(r.cost_state_budget),
    costMobilised: num(r.cost_mobilised),
    costInternational: num(r.cost_international),
    planId: r.plan_id,
    taskGroupId: r.task_group_id,
    campaignId: r.campaign_id,
    notes: r.notes,
  };
}
