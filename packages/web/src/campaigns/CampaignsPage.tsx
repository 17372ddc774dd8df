/**
 * The yearly campaign calendar (windows dd/mm/yyyy and the year's theme) and, for the user's
 * unit, its Action Month plan (document number, date, file) with which child units have
 * recorded theirs (target T2).
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateVi, type Campaign, type CampaignPlan } from '@binhdang/domain';
import { useCan, useMe } from '../auth/api.ts';
import { fieldErrorsOf, FormError, QueryError } from '../ui/errors.tsx';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import {
  ACTION_MONTH_CODE,
  campaignsQuery,
  coverageQuery,
  planFileUrl,
  useSaveCampaignPlan,
  useSetTheme,
} from './api.ts';

const DATE_FORMAT = 'DD/MM/YYYY';

export function CampaignsPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/app/campaigns' });
  const navigate = useNavigate({ from: '/campaigns' });
  const year = search.year ?? new Date().getFullYear();
  const campaigns = useQuery(campaignsQuery(year));
  const years = useMemo(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 8 }, (_, i) => String(now + 1 - i));
  }, []);
  const actionMonth = campaigns.data?.find((c) => c.code === ACTION_MONTH_CODE);

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('campaigns.title')}</Title>
        <Select
          label={t('campaigns.year')}
          data={years.includes(String(year)) ? years : [String(year), ...years]}
          value={String(year)}
          onChange={(v) => v && void navigate({ search: { year: Number(v) } })}
          allowDeselect={false}
          w={120}
          data-testid="campaign-year"
        />
      </Group>
      {campaigns.isPending ? (
        <Loader size="sm" />
      ) : campaigns.isError ? (
        <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : (
        <CalendarTable campaigns={campaigns.data} />
      )}
      {actionMonth && <ActionMonthPlans campaign={actionMonth} year={year} />}
    </Stack>
  );
}

function windowText(c: Campaign): string {
  return c.startDate === c.endDate
    ? formatDateVi(c.startDate)
    : `${formatDateVi(c.startDate)} – ${formatDateVi(c.endDate)}`;
}

/** One campaign: name, badges and the link to its activities (shared by the table and the phone list). */
function CampaignName({ c }: { c: Campaign }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {i18n.language === 'en' ? c.nameEn : c.nameVi}
      </Text>
      <Group gap="xs">
        {c.requiresPlan && (
          <Badge size="xs" variant="light">
            {t('campaigns.requiresPlan')}
          </Badge>
        )}
        {c.legalBasis && (
          <Text size="xs" c="dimmed">
            {t('campaigns.legalBasis')}: {c.legalBasis}
          </Text>
        )}
        <Anchor size="xs" renderRoot={(p) => <Link to="/activities" search={{ campaign: c.id }} {...p} />}>
          {t('campaigns.viewActivities')}
        </Anchor>
      </Group>
    </Stack>
  );
}

function ThemeText({ c }: { c: Campaign }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  // The national theme is set centrally: an administrator or a planner of a central unit.
  const canSet = me.orgUnit.provinceCode === null && me.user.roles.some((r) => r === 'admin' || r === 'planner');
  const theme = i18n.language === 'en' ? (c.themeEn ?? c.themeVi) : c.themeVi;
  return (
    <Stack gap={4} align="flex-start">
      {theme ? (
        <Text size="sm">{theme}</Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('campaigns.noTheme')}
        </Text>
      )}
      {canSet && (
        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
          {t('campaigns.setTheme')}
        </Button>
      )}
      {editing && <ThemeEditor c={c} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function ThemeEditor({ c, onClose }: { c: Campaign; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSetTheme(c.year);
  const [vi, setVi] = useState(c.themeVi ?? '');
  const [en, setEn] = useState(c.themeEn ?? '');
  const errors = fieldErrorsOf(save.error, ['themeVi', 'themeEn']);
  return (
    <ResponsiveModal
      opened
      onClose={onClose}
      title={t('campaigns.themeTitle', { year: c.year, name: i18n.language === 'en' ? c.nameEn : c.nameVi })}
    >
      <Stack gap="sm">
        <Textarea
          label={t('campaigns.themeVi')}
          value={vi}
          onChange={(e) => setVi(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
          required
          error={errors.themeVi}
        />
        <Textarea
          label={t('campaigns.themeEn')}
          value={en}
          onChange={(e) => setEn(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={1000}
          error={errors.themeEn}
        />
        <FormError error={save.error} formFields={['themeVi', 'themeEn']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={!vi.trim()}
            onClick={() =>
              save.mutate(
                { campaignId: c.id, themeVi: vi.trim(), themeEn: en.trim() || null },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('campaigns.themeSaved') });
                    onClose();
                  },
                },
              )
            }
          >
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}

function CalendarTable({ campaigns }: { campaigns: Campaign[] }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true);
  if (!wide)
    return (
      <Stack gap={0} data-testid="campaign-calendar">
        {campaigns.map((c) => (
          <Stack key={c.id} gap={4} py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" fw={700}>
              {windowText(c)}
            </Text>
            <CampaignName c={c} />
            <ThemeText c={c} />
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Table striped verticalSpacing="xs" data-testid="campaign-calendar">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('campaigns.window')}</Table.Th>
          <Table.Th>{t('campaigns.campaign')}</Table.Th>
          <Table.Th>{t('campaigns.theme')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {campaigns.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{windowText(c)}</Table.Td>
            <Table.Td>
              <CampaignName c={c} />
            </Table.Td>
            <Table.Td>
              <ThemeText c={c} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ActionMonthPlans({ campaign, year }: { campaign: Campaign; year: number }) {
  const { t } = useTranslation();
  const coverage = useQuery(coverageQuery(campaign.id, year));
  const [onlyMissing, setOnlyMissing] = useState(false);
  if (coverage.isPending) return <Loader size="sm" />;
  if (coverage.isError) return <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const [own, ...children] = coverage.data.units;
  const shown = onlyMissing ? children.filter((u) => !u.plan) : children;
  return (
    <Stack gap="md">
      <Title order={3}>{t('campaigns.planTitle', { year })}</Title>
      {own && <OwnPlan campaignId={campaign.id} year={year} unitName={own.orgUnitName} plan={own.plan} />}
      {children.length > 0 && (
        <Card withBorder padding="sm">
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Text fw={500}>{t('campaigns.coverageTitle')}</Text>
            <Badge variant="light" data-testid="campaign-coverage">
              {t('campaigns.coverage', { recorded: coverage.data.recorded, expected: coverage.data.expected })}
            </Badge>
          </Group>
          <Switch
            label={t('campaigns.onlyMissing')}
            checked={onlyMissing}
            onChange={(e) => setOnlyMissing(e.currentTarget.checked)}
            mb="xs"
          />
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing={4} data-testid="campaign-units">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.unit')}</Table.Th>
                  <Table.Th>{t('campaigns.status')}</Table.Th>
                  <Table.Th>{t('campaigns.documentNumber')}</Table.Th>
                  <Table.Th>{t('campaigns.issuedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((u) => (
                  <Table.Tr key={u.orgUnitId}>
                    <Table.Td>{u.orgUnitName}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" color={u.plan ? 'teal' : 'red'} variant="light">
                        {u.plan ? t('campaigns.has') : t('campaigns.hasNot')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {u.plan?.fileName ? (
                        <Anchor href={planFileUrl(u.plan)} size="sm">
                          {u.plan.documentNumber ?? u.plan.fileName}
                        </Anchor>
                      ) : (
                        (u.plan?.documentNumber ?? '—')
                      )}
                    </Table.Td>
                    <Table.Td>{u.plan?.issuedOn ? formatDateVi(u.plan.issuedOn) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

const FORM_FIELDS = ['documentNumber', 'issuedOn', 'file'] as const;

function OwnPlan(props: { campaignId: string; year: number; unitName: string; plan: CampaignPlan | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const canPlan = useCan('plan.write');
  const canRecord = useCan('activity.write');
  const canWrite = canPlan || canRecord;
  const save = useSaveCampaignPlan(props.campaignId, props.year);
  const [documentNumber, setDocumentNumber] = useState(props.plan?.documentNumber ?? '');
  const [issuedOn, setIssuedOn] = useState<string | null>(props.plan?.issuedOn ?? null);
  const [file, setFile] = useState<File | null>(null);
  // Another year or a reload brings another record: show its values.
  useEffect(() => {
    setDocumentNumber(props.plan?.documentNumber ?? '');
    setIssuedOn(props.plan?.issuedOn ?? null);
    setFile(null);
  }, [props.plan, props.year]);
  const errors = fieldErrorsOf(save.error, FORM_FIELDS);
  const onSave = () =>
    save.mutate(
      {
        existing: props.plan,
        fields: { documentNumber: documentNumber.trim() || null, issuedOn },
        file,
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('campaigns.recorded') }) },
    );
  return (
    <Card withBorder padding="sm" data-testid="campaign-own-plan">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={500}>{t('campaigns.myPlan', { unit: props.unitName || me.orgUnit.name })}</Text>
          <Badge color={props.plan ? 'teal' : 'red'} variant="light">
            {props.plan ? t('campaigns.has') : t('campaigns.hasNot')}
          </Badge>
        </Group>
        {!props.plan && (
          <Text size="sm" c="dimmed">
            {t('campaigns.notRecorded', { year: props.year })}
          </Text>
        )}
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('campaigns.documentNumber')}
            placeholder={t('campaigns.documentNumberPlaceholder')}
            value={documentNumber}
            onChange={(e) => setDocumentNumber(e.currentTarget.value)}
            error={errors.documentNumber}
            disabled={!canWrite}
            maxLength={100}
            w={220}
          />
          <DateInput
            label={t('campaigns.issuedOn')}
            placeholder="dd/mm/yyyy"
            valueFormat={DATE_FORMAT}
            value={issuedOn}
            onChange={setIssuedOn}
            clearable
            error={errors.issuedOn}
            disabled={!canWrite}
            w={160}
          />
          <FileInput
            label={t('campaigns.file')}
            placeholder={props.plan?.fileName ?? t('campaigns.chooseFile')}
            accept="application/pdf,image/jpeg,image/png,image/webp"
            value={file}
            onChange={setFile}
            clearable
            error={errors.file}
            disabled={!canWrite}
            w={280}
          />
        </Group>
        {props.plan?.fileName && (
          <Anchor href={planFileUrl(props.plan)} size="sm">
            {t('campaigns.download')}: {props.plan.fileName}
          </Anchor>
        )}
        <FormError error={save.error} formFields={FORM_FIELDS} />
        {canWrite && (
          <Group>
            <Button onClick={onSave} loading={save.isPending} data-testid="campaign-plan-save">
              {props.plan ? t('campaigns.update') : t('campaigns.record')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
