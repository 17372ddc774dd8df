/** Showing an activity's values: reference names in the UI language, dd/mm/yyyy, đồng. */
import { Badge, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { foldForSearch } from '@binhdang/domain';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueState } from '../offline/queue.ts';
import { formatDate } from '../i18n/format.ts';
import { audiencesQuery, campaignsQuery, channelsQuery, kindsQuery } from './api.ts';
import { formatCount, formatMoney } from './form.ts';
import type { activitiesVi } from './strings.ts';

export type ActivityKey = `activities.${keyof typeof activitiesVi}`;

/** The fields a person reads, in form order, with their label keys. */
export const FIELD_LABELS: Record<string, ActivityKey> = {
  kind: 'activities.kind',
  title: 'activities.name',
  startDate: 'activities.startDateMulti',
  endDate: 'activities.endDate',
  channel: 'activities.channel',
  audiences: 'activities.audiences',
  participantsFemale: 'activities.female',
  participantsMale: 'activities.male',
  participantsTotal: 'activities.total',
  ethnicMinorityParticipants: 'activities.ethnic',
  productsCount: 'activities.products',
  reach: 'activities.reach',
  costStateBudget: 'activities.costState',
  costMobilised: 'activities.costMobilised',
  costInternational: 'activities.costInternational',
  campaignId: 'activities.campaign',
  planId: 'activities.plan',
  taskGroupId: 'activities.taskGroup',
  communeCode: 'activities.communeCode',
  notes: 'activities.notes',
};

const MONEY = new Set(['costStateBudget', 'costMobilised', 'costInternational', 'reach']);
const COUNTS = new Set([
  'participantsFemale',
  'participantsMale',
  'participantsTotal',
  'ethnicMinorityParticipants',
  'productsCount',
]);

/** A function giving the display text of any field's value. */
export function useFormatField(year?: number) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const kinds = useQuery(kindsQuery).data;
  const channels = useQuery(channelsQuery).data;
  const audiences = useQuery(audiencesQuery).data;
  const campaigns = useQuery(campaignsQuery(year ?? new Date().getFullYear())).data;
  return useCallback(
    (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '') return '—';
      const name = (list: { code?: string; id?: string; nameVi: string; nameEn: string }[] | undefined, v: unknown) => {
        const hit = list?.find((x) => x.code === v || x.id === v);
        return hit ? (lang === 'vi' ? hit.nameVi : hit.nameEn) : String(v);
      };
      switch (field) {
        case 'kind':
          return name(kinds, value);
        case 'channel':
          return name(channels, value);
        case 'campaignId':
          return name(campaigns, value);
        case 'audiences':
          return Array.isArray(value) && value.length ? value.map((a) => name(audiences, a)).join(', ') : '—';
        case 'startDate':
        case 'endDate':
          return formatDate(String(value));
      }
      if (MONEY.has(field)) return formatMoney(Number(value), lang);
      if (COUNTS.has(field)) return formatCount(Number(value), lang);
      return String(value);
    },
    [kinds, channels, audiences, campaigns, lang],
  );
}

export function KindName({ code }: { code: string }) {
  const fmt = useFormatField();
  return <>{fmt('kind', code)}</>;
}

const STATE_COLOR: Record<QueueState, string> = { waiting: 'orange', sending: 'blue', conflict: 'red', error: 'red' };
const STATE_KEY: Record<QueueState, ActivityKey> = {
  waiting: 'activities.stateWaiting',
  sending: 'activities.stateSending',
  conflict: 'activities.stateConflict',
  error: 'activities.stateError',
};

export function QueueStateBadge({ state }: { state: QueueState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOR[state]} variant="light" data-testid="queue-state">
      {t(STATE_KEY[state])}
    </Badge>
  );
}

/** Accent-insensitive option search: "hoi nghi" finds "Hội nghị". */
export const foldFilter: OptionsFilter = ({ options, search }) => {
  const words = foldForSearch(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return (options as ComboboxItem[]).filter((o) => {
    const label = foldForSearch(o.label);
    return words.every((w) => label.includes(w));
  });
};
