/**
 * The activity form's model, free of React: values ↔ API input, checks as the user types (the
 * domain's cross-field rules), the campaign a date suggests, and the choices remembered between
 * entries.
 */
import { activityFieldIssues, type Activity, type Campaign } from '@binhdang/domain';

export type Num = number | '';

export interface ActivityFormValues {
  kind: string | null;
  title: string;
  startDate: string | null;
  multiDay: boolean;
  endDate: string | null;
  channel: string | null;
  audiences: string[];
  participantsFemale: Num;
  participantsMale: Num;
  participantsTotal: Num;
  /** The user typed the total; otherwise it follows female + male. */
  totalEdited: boolean;
  ethnicMinorityParticipants: Num;
  productsCount: Num;
  reach: Num;
  costStateBudget: Num;
  costMobilised: Num;
  costInternational: Num;
  /** undefined: not chosen yet (the date's campaign is suggested); null: none. */
  campaignId: string | null | undefined;
  planId: string | null;
  taskGroupId: string | null;
  communeCode: string;
  notes: string;
}

export const NUMBER_FIELDS = [
  'participantsFemale',
  'participantsMale',
  'participantsTotal',
  'ethnicMinorityParticipants',
  'productsCount',
  'reach',
  'costStateBudget',
  'costMobilised',
  'costInternational',
] as const;

/** Fields the form shows (server field errors for others go into the alert). */
export const FORM_FIELDS = [
  'kind',
  'title',
  'startDate',
  'endDate',
  'channel',
  'audiences',
  ...NUMBER_FIELDS,
  'campaignId',
  'planId',
  'taskGroupId',
  'communeCode',
  'notes',
] as const;

/** Today on the device's calendar, as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

export interface LastChoices {
  kind: string | null;
  channel: string | null;
  audiences: string[];
}

const LAST_KEY = 'binhdang.activities.last';

export function loadLastChoices(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): LastChoices {
  try {
    const v = JSON.parse(storage?.getItem(LAST_KEY) ?? 'null') as Partial<LastChoices> | null;
    return {
      kind: typeof v?.kind === 'string' ? v.kind : null,
      channel: typeof v?.channel === 'string' ? v.channel : null,
      audiences: Array.isArray(v?.audiences) ? v.audiences.filter((a): a is string => typeof a === 'string') : [],
    };
  } catch {
    return { kind: null, channel: null, audiences: [] };
  }
}

export function saveLastChoices(
  v: Pick<ActivityFormValues, 'kind' | 'channel' | 'audiences'>,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(LAST_KEY, JSON.stringify({ kind: v.kind, channel: v.channel, audiences: v.audiences }));
  } catch {
    // storage blocked: nothing remembered
  }
}

export function emptyValues(opts: { last?: LastChoices; communeCode?: string | null; today?: string } = {}) {
  const today = opts.today ?? todayIso();
  const values: ActivityFormValues = {
    kind: opts.last?.kind ?? null,
    title: '',
    startDate: today,
    multiDay: false,
    endDate: today,
    channel: opts.last?.channel ?? null,
    audiences: opts.last?.audiences ?? [],
    participantsFemale: '',
    participantsMale: '',
    participantsTotal: '',
    totalEdited: false,
    ethnicMinorityParticipants: '',
    productsCount: '',
    reach: '',
    costStateBudget: '',
    costMobilised: '',
    costInternational: '',
    campaignId: undefined,
    planId: null,
    taskGroupId: null,
    communeCode: opts.communeCode ?? '',
    notes: '',
  };
  return values;
}

const num = (v: number | null | undefined): Num => (v == null ? '' : v);

export function fromActivity(a: Activity): ActivityFormValues {
  return {
    kind: a.kind,
    title: a.title,
    startDate: a.startDate,
    multiDay: a.endDate !== a.startDate,
    endDate: a.endDate,
    channel: a.channel,
    audiences: [...a.audiences],
    participantsFemale: num(a.participantsFemale),
    participantsMale: num(a.participantsMale),
    participantsTotal: num(a.participantsTotal),
    totalEdited:
      a.participantsTotal != null && a.participantsTotal !== (a.participantsFemale ?? 0) + (a.participantsMale ?? 0),
    ethnicMinorityParticipants: num(a.ethnicMinorityParticipants),
    productsCount: num(a.productsCount),
    reach: num(a.reach),
    costStateBudget: num(a.costStateBudget),
    costMobilised: num(a.costMobilised),
    costInternational: num(a.costInternational),
    campaignId: a.campaignId,
    planId: a.planId,
    taskGroupId: a.taskGroupId,
    communeCode: a.communeCode ?? '',
    notes: a.notes ?? '',
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

/** A copy of an earlier activity, dated today (same length), its campaign suggested afresh. */
export function duplicateValues(a: Activity | ActivityFormValues, today = todayIso()): ActivityFormValues {
  const v = 'id' in a ? fromActivity(a) : { ...a };
  const length = v.startDate && v.endDate ? Math.max(0, daysBetween(v.startDate, v.endDate)) : 0;
  return { ...v, startDate: today, endDate: addDays(today, length), campaignId: undefined };
}

/** Female + male, the total shown while the user has not typed one. */
export function withAutoTotal(v: ActivityFormValues): ActivityFormValues {
  if (v.totalEdited) return v;
  const f = v.participantsFemale;
  const m = v.participantsMale;
  const total: Num = f === '' && m === '' ? '' : (f === '' ? 0 : f) + (m === '' ? 0 : m);
  return total === v.participantsTotal ? v : { ...v, participantsTotal: total };
}

/** The narrowest campaign window that holds the date (a day inside Action Month names the day). */
export function suggestCampaign(campaigns: readonly Campaign[], date: string | null): Campaign | null {
  if (!date) return null;
  let best: Campaign | null = null;
  for (const c of campaigns) {
    if (c.startDate <= date && date <= c.endDate) {
      if (!best || daysBetween(c.startDate, c.endDate) < daysBetween(best.startDate, best.endDate)) best = c;
    }
  }
  return best;
}

/** The campaign that will be saved: the user's choice, else the date's suggestion. */
export function effectiveCampaign(v: ActivityFormValues, campaigns: readonly Campaign[]): string | null {
  return v.campaignId !== undefined ? v.campaignId : (suggestCampaign(campaigns, v.startDate)?.id ?? null);
}

const orNull = (v: Num): number | null => (v === '' ? null : v);

/** The API input (ActivityInput) for these values. */
export function toInput(v: ActivityFormValues, campaigns: readonly Campaign[]) {
  const start = v.startDate ?? '';
  const f = withAutoTotal(v);
  return {
    kind: v.kind ?? '',
    title: v.title.trim(),
    startDate: start,
    endDate: v.multiDay && v.endDate ? v.endDate : start,
    communeCode: v.communeCode.trim() || null,
    channel: v.channel,
    audiences: v.audiences,
    participantsFemale: orNull(f.participantsFemale),
    participantsMale: orNull(f.participantsMale),
    participantsTotal: orNull(f.participantsTotal),
    ethnicMinorityParticipants: orNull(v.ethnicMinorityParticipants),
    productsCount: orNull(v.productsCount),
    reach: orNull(v.reach),
    costStateBudget: orNull(v.costStateBudget),
    costMobilised: orNull(v.costMobilised),
    costInternational: orNull(v.costInternational),
    planId: v.planId,
    taskGroupId: v.planId ? v.taskGroupId : null,
    campaignId: effectiveCampaign(v, campaigns),
    notes: v.notes.trim() || null,
  };
}
export type ActivityInputBody = ReturnType<typeof toInput>;

/** Only what changed against the record being edited (a smaller PATCH merges better). */
export function toPatch(next: ActivityInputBody, original: Activity): Partial<ActivityInputBody> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const old = (original as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(v) !== JSON.stringify(old ?? null)) out[k] = v;
  }
  return out as Partial<ActivityInputBody>;
}

/** Problems with the values, keyed by field; messages in the UI language ('vi' | 'en'). */
export function validate(v: ActivityFormValues, lang: 'vi' | 'en', required: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.kind) errors.kind = required;
  if (!v.title.trim()) errors.title = required;
  if (!v.startDate) errors.startDate = required;
  if (v.multiDay && !v.endDate) errors.endDate = required;
  if (v.communeCode.trim() && !/^\d{5}$/.test(v.communeCode.trim()))
    errors.communeCode = lang === 'vi' ? 'Mã xã gồm 5 chữ số' : 'A commune code has 5 digits';
  const f = withAutoTotal(v);
  for (const issue of activityFieldIssues({
    startDate: v.startDate,
    endDate: v.multiDay ? v.endDate : v.startDate,
    participantsFemale: orNull(f.participantsFemale),
    participantsMale: orNull(f.participantsMale),
    participantsTotal: orNull(f.participantsTotal),
    ethnicMinorityParticipants: orNull(v.ethnicMinorityParticipants),
  }))
    errors[issue.path] ??= issue[lang];
  return errors;
}

/** Whole đồng with the Vietnamese thousands separator: 1500000 → "1.500.000". */
export function formatMoney(n: number | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (n == null) return '—';
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

export function formatCount(n: number | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  return n == null ? '—' : formatMoney(n, lang);
}
