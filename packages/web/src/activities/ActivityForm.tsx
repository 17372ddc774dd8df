/**
 * The fast entry form: one column, big touch targets, the save button always in reach at the
 * bottom. Kind, title, date, channel, audiences and participants come first; the rest folds
 * under "more". Checks run as the user types; the save goes through the offline queue.
 */
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Collapse,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconWifiOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Activity, Campaign } from '@binhdang/domain';
import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../offline/sync.ts';
import {
  audiencesQuery,
  campaignsQuery,
  channelsQuery,
  kindsQuery,
  linkablePlansQuery,
  planTaskGroupsQuery,
} from './api.ts';
import {
  FORM_FIELDS,
  effectiveCampaign,
  suggestCampaign,
  toInput,
  toPatch,
  validate,
  withAutoTotal,
  type ActivityFormValues,
  type Num,
} from './form.ts';
import { saveEdit, saveNew, type SaveOutcome } from './save.ts';
import { foldFilter } from './display.tsx';

const DATE_FORMAT = 'DD/MM/YYYY';
const FIRST_AUDIENCES = 7;
/** Long audience names wrap inside their chip instead of pushing the page sideways. */
const CHIP_STYLES = {
  label: { whiteSpace: 'normal', height: 'auto', minHeight: 36, lineHeight: 1.25, paddingBlock: 6, maxWidth: '100%' },
} as const;
const NONE = '__none';

export interface ActivityFormProps {
  userId: string;
  activityId: string;
  initial: ActivityFormValues;
  /** Editing this server record (PATCH with its version); absent for a new or still-queued activity. */
  original?: Activity | null;
  mode: 'new' | 'edit';
  /** Errors the server gave a queued item, shown until the user changes the field. */
  initialServerErrors?: Record<string, string>;
  initialMessage?: string | null;
  onOutcome: (o: SaveOutcome, values: ActivityFormValues) => void;
  onCancel?: () => void;
  header?: ReactNode;
}

export function ActivityForm(props: ActivityFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const online = useOnline();
  const [values, setValues] = useState<ActivityFormValues>(props.initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>(props.initialServerErrors ?? {});
  const [message, setMessage] = useState<string | null>(props.initialMessage ?? null);
  const [saving, setSaving] = useState(false);
  const [more, { toggle: toggleMore }] = useDisclosure(
    Object.keys(props.initialServerErrors ?? {}).some((f) => !['kind', 'title', 'startDate'].includes(f)),
  );

  // The common audiences first; the rest one tap away (a long list of chips is a long scroll on a phone).
  const [allAudiences, { open: showAllAudiences }] = useDisclosure(false);
  const kinds = useQuery(kindsQuery);
  const channels = useQuery(channelsQuery);
  const audiences = useQuery(audiencesQuery);
  const year = Number((values.startDate ?? '').slice(0, 4)) || new Date().getFullYear();
  const campaigns = useQuery(campaignsQuery(year));
  const plans = useQuery({ ...linkablePlansQuery, enabled: more });
  const taskGroups = useQuery(planTaskGroupsQuery(values.planId));
  const campaignList: Campaign[] = useMemo(() => campaigns.data ?? [], [campaigns.data]);

  const errors = useMemo(() => validate(values, lang, t('activities.required')), [values, lang, t]);
  const shown = (field: string): string | undefined =>
    serverErrors[field] ?? (submitted || touched.has(field) ? errors[field] : undefined);

  function set<K extends keyof ActivityFormValues>(field: K, value: ActivityFormValues[K]) {
    setValues((v) => {
      let next: ActivityFormValues = { ...v, [field]: value };
      if (field === 'participantsTotal') next.totalEdited = value !== '';
      if (field === 'kind') {
        // The kind's usual channel, unless the user already chose another one.
        const oldDefault = kinds.data?.find((k) => k.code === v.kind)?.defaultChannel ?? null;
        const newDefault = kinds.data?.find((k) => k.code === value)?.defaultChannel ?? null;
        if (newDefault && (v.channel === null || v.channel === oldDefault)) next.channel = newDefault;
      }
      if (field === 'multiDay' && value && (!v.endDate || (v.startDate && v.endDate < v.startDate)))
        next.endDate = v.startDate;
      if (field === 'startDate' && !v.multiDay) next.endDate = value as string | null;
      if (field === 'planId') next.taskGroupId = null;
      next = withAutoTotal(next);
      return next;
    });
    setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
    if (serverErrors[field]) setServerErrors(({ [field]: _drop, ...rest }) => rest);
  }

  const kindOptions = useMemo(
    () => (kinds.data ?? []).map((k) => ({ value: k.code, label: lang === 'vi' ? k.nameVi : k.nameEn })),
    [kinds.data, lang],
  );
  const channelOptions = useMemo(
    () => (channels.data ?? []).map((c) => ({ value: c.code, label: lang === 'vi' ? c.nameVi : c.nameEn })),
    [channels.data, lang],
  );
  const suggested = suggestCampaign(campaignList, values.startDate);
  const campaignOptions = useMemo(
    () => [
      { value: NONE, label: t('activities.noCampaign') },
      ...campaignList.map((c) => ({ value: c.id, label: lang === 'vi' ? c.nameVi : c.nameEn })),
    ],
    [campaignList, lang, t],
  );
  const campaignValue = effectiveCampaign(values, campaignList) ?? NONE;
  const planOptions = useMemo(
    () => (plans.data ?? []).map((p) => ({ value: p.id, label: p.number ? `${p.number} — ${p.title}` : p.title })),
    [plans.data],
  );
  const groupOptions = useMemo(
    () => (taskGroups.data ?? []).map((g) => ({ value: g.id ?? '', label: `${g.ordinal}. ${g.heading}` })),
    [taskGroups.data],
  );

  const noReference = !kinds.data && (kinds.isError || !online);

  async function onSave() {
    setSubmitted(true);
    setMessage(null);
    if (Object.keys(errors).length > 0) {
      setMessage(t('activities.fixFields'));
      return;
    }
    const input = toInput(values, campaignList);
    setSaving(true);
    try {
      const outcome =
        props.mode === 'new'
          ? await saveNew(props.userId, props.activityId, input)
          : await saveEdit(
              props.userId,
              props.activityId,
              props.original ? toPatch(input, props.original) : input,
              input,
              props.original ?? null,
            );
      if (outcome.kind === 'invalid') {
        setServerErrors(outcome.fields);
        setMessage(outcome.message);
        if (Object.keys(outcome.fields).some((f) => !['kind', 'title', 'startDate', 'endDate'].includes(f)) && !more)
          toggleMore();
      }
      props.onOutcome(outcome, values);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : t('error.generic'));
    } finally {
      setSaving(false);
    }
  }

  const otherServerErrors = Object.entries(serverErrors).filter(
    ([k]) => !(FORM_FIELDS as readonly string[]).includes(k.split('.')[0] ?? k),
  );

  return (
    <Box
      component="form"
      data-testid="activity-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Stack gap="md" pb={96}>
        {props.header}
        {!online && (
          <Alert color="orange" variant="light" icon={<IconWifiOff size={18} />} data-testid="offline-hint">
            {t('activities.offlineHint')}
          </Alert>
        )}
        {noReference && (
          <Alert color="red" variant="light">
            {t('activities.offlineNoRef')}
          </Alert>
        )}
        <Select
          label={t('activities.kind')}
          placeholder={t('activities.kindPlaceholder')}
          required
          searchable
          size="md"
          data={kindOptions}
          filter={foldFilter}
          value={values.kind}
          onChange={(v) => set('kind', v)}
          error={shown('kind')}
          maxDropdownHeight={280}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('activities.name')}
          placeholder={t('activities.namePlaceholder')}
          required
          size="md"
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          onBlur={() => setTouched((s) => new Set(s).add('title'))}
          error={shown('title')}
        />
        <Stack gap={6}>
          <Group grow align="flex-start" gap="sm" wrap="nowrap">
            <DateInput
              label={values.multiDay ? t('activities.startDateMulti') : t('activities.startDate')}
              required
              size="md"
              valueFormat={DATE_FORMAT}
              placeholder="dd/mm/yyyy"
              value={values.startDate}
              onChange={(d) => set('startDate', d)}
              error={shown('startDate')}
              popoverProps={{ withinPortal: true }}
            />
            {values.multiDay && (
              <DateInput
                label={t('activities.endDate')}
                required
                size="md"
                valueFormat={DATE_FORMAT}
                placeholder="dd/mm/yyyy"
                value={values.endDate}
                minDate={values.startDate ?? undefined}
                onChange={(d) => set('endDate', d)}
                error={shown('endDate')}
                popoverProps={{ withinPortal: true }}
              />
            )}
          </Group>
          <Checkbox
            label={t('activities.multiDay')}
            size="md"
            checked={values.multiDay}
            onChange={(e) => set('multiDay', e.currentTarget.checked)}
          />
        </Stack>
        <Select
          label={t('activities.channel')}
          size="md"
          data={channelOptions}
          value={values.channel}
          onChange={(v) => set('channel', v)}
          clearable
          error={shown('channel')}
          comboboxProps={{ withinPortal: true }}
        />
        <Box role="group" aria-labelledby="activity-audiences-label">
          <Text id="activity-audiences-label" size="md" fw={500} mb={6}>
            {t('activities.audiences')}
          </Text>
          <Chip.Group multiple value={values.audiences} onChange={(v) => set('audiences', v)}>
            <Group gap={8}>
              {(audiences.data ?? [])
                .filter((a, i) => allAudiences || i < FIRST_AUDIENCES || values.audiences.includes(a.code))
                .map((a) => (
                  <Chip key={a.code} value={a.code} size="md" variant="outline" maw="100%" styles={CHIP_STYLES}>
                    {lang === 'vi' ? a.nameVi : a.nameEn}
                  </Chip>
                ))}
              {!allAudiences && (audiences.data?.length ?? 0) > FIRST_AUDIENCES && (
                <Button variant="subtle" size="sm" onClick={showAllAudiences}>
                  {t('activities.allAudiencesShow', { count: audiences.data?.length ?? 0 })}
                </Button>
              )}
            </Group>
          </Chip.Group>
          {shown('audiences') && (
            <Text c="red" size="sm" mt={4}>
              {shown('audiences')}
            </Text>
          )}
        </Box>
        <Box role="group" aria-labelledby="activity-participants-label">
          <Text id="activity-participants-label" size="md" fw={500} mb={6}>
            {t('activities.participants')}
          </Text>
          <SimpleGrid cols={3} spacing="xs">
            <CountInput
              label={t('activities.female')}
              value={values.participantsFemale}
              onChange={(v) => set('participantsFemale', v)}
              error={shown('participantsFemale')}
            />
            <CountInput
              label={t('activities.male')}
              value={values.participantsMale}
              onChange={(v) => set('participantsMale', v)}
              error={shown('participantsMale')}
            />
            <CountInput
              label={t('activities.total')}
              value={values.participantsTotal}
              onChange={(v) => set('participantsTotal', v)}
              // The message sits under the three inputs; the total itself is marked.
              invalid={!!shown('participantsTotal')}
              error={undefined}
            />
          </SimpleGrid>
          {shown('participantsTotal') ? (
            <Text c="red" size="sm" mt={4} role="alert" data-testid="total-error" id="activity-total-error">
              {shown('participantsTotal')}
            </Text>
          ) : (
            !values.totalEdited && (
              <Text c="dimmed" size="xs" mt={4}>
                {t('activities.totalAuto')}
              </Text>
            )
          )}
        </Box>
        <Select
          label={t('activities.campaign')}
          description={values.campaignId === undefined && suggested ? t('activities.campaignSuggested') : undefined}
          size="md"
          data={campaignOptions}
          value={campaignValue}
          onChange={(v) => set('campaignId', v === NONE || v === null ? null : v)}
          error={shown('campaignId')}
          comboboxProps={{ withinPortal: true }}
        />
        <Button
          variant="subtle"
          justify="space-between"
          onClick={toggleMore}
          rightSection={more ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
          aria-expanded={more}
        >
          {t('activities.more')}
        </Button>
        <Collapse in={more}>
          <Stack gap="md">
            <SimpleGrid cols={2} spacing="xs">
              <CountInput
                label={t('activities.ethnic')}
                value={values.ethnicMinorityParticipants}
                onChange={(v) => set('ethnicMinorityParticipants', v)}
                error={shown('ethnicMinorityParticipants')}
              />
              <CountInput
                label={t('activities.products')}
                value={values.productsCount}
                onChange={(v) => set('productsCount', v)}
                error={shown('productsCount')}
              />
            </SimpleGrid>
            <CountInput
              label={t('activities.reach')}
              value={values.reach}
              onChange={(v) => set('reach', v)}
              error={shown('reach')}
              separator={lang === 'vi' ? '.' : ','}
            />
            <Text size="md" fw={500}>
              {t('activities.costs')}
            </Text>
            <CountInput
              label={t('activities.costState')}
              value={values.costStateBudget}
              onChange={(v) => set('costStateBudget', v)}
              error={shown('costStateBudget')}
              separator={lang === 'vi' ? '.' : ','}
            />
            <CountInput
              label={t('activities.costMobilised')}
              value={values.costMobilised}
              onChange={(v) => set('costMobilised', v)}
              error={shown('costMobilised')}
              separator={lang === 'vi' ? '.' : ','}
            />
            <CountInput
              label={t('activities.costInternational')}
              value={values.costInternational}
              onChange={(v) => set('costInternational', v)}
              error={shown('costInternational')}
              separator={lang === 'vi' ? '.' : ','}
            />
            <Select
              label={t('activities.plan')}
              size="md"
              data={planOptions}
              value={values.planId}
              onChange={(v) => set('planId', v)}
              searchable
              filter={foldFilter}
              clearable
              error={shown('planId')}
              comboboxProps={{ withinPortal: true }}
            />
            {values.planId && (
              <Select
                label={t('activities.taskGroup')}
                size="md"
                data={groupOptions}
                value={values.taskGroupId}
                onChange={(v) => set('taskGroupId', v)}
                clearable
                error={shown('taskGroupId')}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            <TextInput
              label={t('activities.communeCode')}
              size="md"
              inputMode="numeric"
              maxLength={5}
              value={values.communeCode}
              onChange={(e) => set('communeCode', e.currentTarget.value)}
              error={shown('communeCode')}
            />
            <Textarea
              label={t('activities.notes')}
              size="md"
              autosize
              minRows={2}
              maxRows={8}
              value={values.notes}
              onChange={(e) => set('notes', e.currentTarget.value)}
              error={shown('notes')}
            />
          </Stack>
        </Collapse>
        {(message || otherServerErrors.length > 0) && (
          <Alert color="red" variant="light" role="alert" title={message ?? undefined}>
            {otherServerErrors.map(([k, m]) => (
              <Text key={k} size="sm">
                {k}: {m}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
      <Box
        pos="sticky"
        bottom={0}
        py="sm"
        bg="var(--mantine-color-body)"
        style={{ borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 5 }}
      >
        <Group gap="sm" wrap="nowrap">
          {props.onCancel && (
            <Button variant="default" size="lg" onClick={props.onCancel} disabled={saving}>
              {t('activities.cancel')}
            </Button>
          )}
          <Button type="submit" size="lg" fullWidth loading={saving} data-testid="activity-save">
            {t('activities.save')}
          </Button>
        </Group>
      </Box>
    </Box>
  );
}

function digits(s: string): Num {
  const d = s.replace(/\D/g, '');
  return d === '' ? '' : Number(d);
}

const CountInput = memo(function CountInput(p: {
  label: string;
  value: Num;
  onChange: (v: Num) => void;
  error: string | undefined;
  separator?: string;
  invalid?: boolean;
}) {
  return (
    <NumberInput
      error={p.error ?? p.invalid}
      label={p.label}
      size="md"
      inputMode="numeric"
      hideControls
      allowNegative={false}
      allowDecimal={false}
      thousandSeparator={p.separator}
      decimalSeparator={p.separator === '.' ? ',' : '.'}
      min={0}
      value={p.value}
      onChange={(v) => p.onChange(typeof v === 'number' ? v : digits(v))}
    />
  );
});
