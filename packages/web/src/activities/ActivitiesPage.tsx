/**
 * /activities: the unsent activities of this device first, then the filtered list (unit
 * subtree, period, kind, campaign, plan, audience, accent-insensitive search) with its totals
 * row; cards on phones, a table on wider screens.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Menu,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAdjustments,
  IconDownload,
  IconFileImport,
  IconPlus,
  IconSearch,
  IconSend,
  IconWifiOff,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@binhdang/domain';
import { useCan, useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { isNetworkError } from '../offline/cache.ts';
import type { QueueItem } from '../offline/queue.ts';
import { syncNow, useOnline, useQueue, useSyncing } from '../offline/sync.ts';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
import { QueryError } from '../ui/errors.tsx';
import {
  PAGE_SIZE,
  activityListQuery,
  audiencesQuery,
  campaignsQuery,
  exportHref,
  kindsQuery,
  linkablePlansQuery,
  type ActivityFilters,
} from './api.ts';
import { QueueStateBadge, foldFilter, useFormatField } from './display.tsx';
import { formatCount, formatMoney } from './form.ts';
import type { ActivityListSearch } from './search.ts';

const route = getRouteApi('/app/activities');

function periodOptions(lang: 'vi' | 'en', allLabel: string) {
  const year = new Date().getFullYear();
  const out: { value: string; label: string }[] = [{ value: '', label: allLabel }];
  for (const y of [year, year - 1, year - 2]) {
    out.push({ value: String(y), label: lang === 'vi' ? `Năm ${y}` : `Year ${y}` });
    for (const s of [1, 2])
      out.push({
        value: `${y}S${s}`,
        label: lang === 'vi' ? `6 tháng ${s === 1 ? 'đầu' : 'cuối'} ${y}` : `${y} H${s}`,
      });
    for (const q of [1, 2, 3, 4])
      out.push({ value: `${y}Q${q}`, label: lang === 'vi' ? `Quý ${q}/${y}` : `${y} Q${q}` });
  }
  return out;
}

export function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/activities' });
  const me = useMe();
  const canWrite = useCan('activity.write');
  // Known on the first render, so the filters start folded on phones.
  const phone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false }) ?? false;
  const online = useOnline();
  const page = search.page ?? 1;
  const filters: ActivityFilters = useMemo(() => {
    const { page: _p, ...f } = search;
    void _p;
    return f;
  }, [search]);

  const setFilter = (patch: Partial<ActivityListSearch>) =>
    void navigate({ search: (s) => ({ ...s, ...patch, page: undefined }), replace: true });

  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  useEffect(() => {
    if ((search.q ?? '') !== debouncedQ) setFilter({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text drives this
  }, [debouncedQ]);

  const activeFilters = ['org', 'period', 'kind', 'campaign', 'plan', 'audience'].filter(
    (k) => filters[k as keyof ActivityFilters],
  ).length;
  const [showFilters, { toggle: toggleFilters }] = useDisclosure(!phone || activeFilters > 0);

  const list = useQuery(activityListQuery(filters, page));
  const queue = useQueue(me.user.id) ?? [];
  const kinds = useQuery(kindsQuery);
  const audiences = useQuery(audiencesQuery);
  const periodYear = Number((filters.period ?? '').slice(0, 4)) || new Date().getFullYear();
  const campaigns = useQuery(campaignsQuery(periodYear));
  const plans = useQuery(linkablePlansQuery);
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);

  const totals = list.data?.totals;
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('activities.title')}</Title>
        <Group gap="xs" wrap="nowrap">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" px="xs" aria-label={t('activities.exportXlsx')}>
                <IconDownload size={18} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={exportHref(filters, 'xlsx')} leftSection={<IconDownload size={16} />}>
                {t('activities.exportXlsx')}
              </Menu.Item>
              <Menu.Item component="a" href={exportHref(filters, 'csv')} leftSection={<IconDownload size={16} />}>
                {t('activities.exportCsv')}
              </Menu.Item>
              {canWrite && (
                <Menu.Item component="a" href="/activities/import" leftSection={<IconFileImport size={16} />}>
                  {t('activities.import')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {canWrite && (
        <Button
          size="lg"
          leftSection={<IconPlus size={20} />}
          renderRoot={(p) => <Link to="/activities/new" {...p} />}
          fullWidth={phone}
          w={phone ? undefined : 'fit-content'}
        >
          {t('activities.record')}
        </Button>
      )}

      {!online && (
        <Alert color="orange" variant="light" icon={<IconWifiOff size={18} />}>
          {t('activities.offlineHint')}
        </Alert>
      )}
      {queue.length > 0 && <QueuedList items={queue} />}

      <Group gap="xs" wrap="nowrap">
        <TextInput
          flex={1}
          leftSection={<IconSearch size={16} />}
          placeholder={t('activities.search')}
          aria-label={t('activities.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
        />
        <Button
          variant={activeFilters ? 'light' : 'default'}
          leftSection={<IconAdjustments size={16} />}
          onClick={toggleFilters}
          aria-expanded={showFilters}
        >
          {t('activities.filters')}
          {activeFilters > 0 ? ` (${activeFilters})` : ''}
        </Button>
      </Group>
      <Collapse in={showFilters}>
        <Paper withBorder p="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
            <OrgUnitPicker
              label={t('activities.unit')}
              value={filters.org ?? null}
              onChange={(code) => setFilter({ org: code ?? undefined })}
              data-testid="filter-org"
            />
            <Select
              label={t('activities.period')}
              data={periodOptions(lang, t('activities.periodAll'))}
              value={filters.period ?? ''}
              onChange={(v) => setFilter({ period: v || undefined })}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('activities.kind')}
              placeholder={t('activities.allKinds')}
              data={(kinds.data ?? []).map((k) => ({ value: k.code, label: name(k) }))}
              value={filters.kind ?? null}
              onChange={(v) => setFilter({ kind: v ?? undefined })}
              searchable
              filter={foldFilter}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('activities.campaign')}
              placeholder={t('activities.allCampaigns')}
              data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: name(c) }))}
              value={filters.campaign ?? null}
              onChange={(v) => setFilter({ campaign: v ?? undefined })}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('activities.plan')}
              placeholder={t('activities.allPlans')}
              data={(plans.data ?? []).map((p) => ({
                value: p.id,
                label: p.number ? `${p.number} — ${p.title}` : p.title,
              }))}
              value={filters.plan ?? null}
              onChange={(v) => setFilter({ plan: v ?? undefined })}
              searchable
              filter={foldFilter}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('activities.audiences')}
              placeholder={t('activities.allAudiences')}
              data={(audiences.data ?? []).map((a) => ({ value: a.code, label: name(a) }))}
              value={filters.audience ?? null}
              onChange={(v) => setFilter({ audience: v ?? undefined })}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
          {activeFilters > 0 && (
            <Button
              mt="xs"
              size="xs"
              variant="subtle"
              onClick={() => {
                setQ('');
                void navigate({ search: {}, replace: true });
              }}
            >
              {t('activities.clearFilters')}
            </Button>
          )}
        </Paper>
      </Collapse>

      {list.isError ? (
        isNetworkError(list.error) ? (
          <Alert color="gray" variant="light" icon={<IconWifiOff size={18} />}>
            {t('error.network')}
          </Alert>
        ) : (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        )
      ) : (
        totals && (
          <Paper withBorder p="sm" bg="var(--mantine-color-violet-0)" data-testid="activity-totals">
            <Group gap="lg" wrap="wrap" fz="sm">
              <Text size="sm" fw={700}>
                {t('activities.activitiesCount', { count: totals.activities })}
              </Text>
              <Text size="sm">
                {t('activities.sessions')}: <b data-testid="totals-sessions">{formatCount(totals.sessions, lang)}</b>
              </Text>
              <Text size="sm">
                ♀ <b data-testid="totals-female">{formatCount(totals.participantsFemale, lang)}</b> / ♂{' '}
                <b data-testid="totals-male">{formatCount(totals.participantsMale, lang)}</b>
              </Text>
              <Text size="sm">
                {t('activities.newsItems')}: <b>{formatCount(totals.newsItems, lang)}</b>
              </Text>
              <Text size="sm">
                {t('activities.cost')}: <b>{formatMoney(totals.costTotal, lang)} đ</b>
              </Text>
            </Group>
          </Paper>
        )
      )}

      {list.data &&
        (list.data.items.length === 0 ? (
          <Text c="dimmed">{t('activities.empty')}</Text>
        ) : phone ? (
          <Stack gap="xs" data-testid="activity-list">
            {list.data.items.map((a) => (
              <ActivityCard key={a.id} a={a} />
            ))}
          </Stack>
        ) : (
          <ActivityTable items={list.data.items} />
        ))}
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })}
            size="sm"
          />
        </Group>
      )}
    </Stack>
  );
}

function QueuedList({ items }: { items: QueueItem[] }) {
  const { t } = useTranslation();
  const fmt = useFormatField();
  const syncing = useSyncing();
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-orange-0)" data-testid="queued-list">
      <Group justify="space-between" mb="xs">
        <Text fw={700} size="sm">
          {t('activities.unsentCount', { count: items.length })}
        </Text>
        <Button
          size="xs"
          leftSection={<IconSend size={14} />}
          loading={syncing}
          onClick={() => void syncNow({ force: true })}
        >
          {t('activities.sendNow')}
        </Button>
      </Group>
      <Stack gap={6}>
        {items.map((i) => (
          <UnstyledButton
            key={i.activityId}
            renderRoot={(p) => <Link to="/activities/$id" params={{ id: i.activityId }} {...p} />}
            data-testid="queued-item"
          >
            <Card withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} miw={0}>
                  <Text fw={600} size="sm" truncate>
                    {i.summary.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt('kind', i.summary.kind)} · {formatDate(i.summary.startDate)}
                  </Text>
                  {i.message && (i.state === 'error' || i.state === 'conflict') && (
                    <Text size="xs" c="red">
                      {i.message}
                    </Text>
                  )}
                </Stack>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  <Badge color="orange" variant="filled" size="sm">
                    {t('activities.unsent')}
                  </Badge>
                  <QueueStateBadge state={i.state} />
                </Stack>
              </Group>
            </Card>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}

function participants(a: Activity): string {
  const f = a.participantsFemale ?? '—';
  const m = a.participantsMale ?? '—';
  const tot = a.participantsTotal ?? '—';
  return `♀ ${f} / ♂ ${m} / ${tot}`;
}

function ActivityCard({ a }: { a: Activity }) {
  const fmt = useFormatField();
  return (
    <UnstyledButton
      renderRoot={(p) => <Link to="/activities/$id" params={{ id: a.id }} {...p} />}
      data-testid="activity-row"
      data-id={a.id}
    >
      <Card withBorder padding="sm">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {a.title}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(a.startDate)} · {fmt('kind', a.kind)} · {a.orgUnitName}
        </Text>
        <Text size="xs">{participants(a)}</Text>
      </Card>
    </UnstyledButton>
  );
}

function ActivityTable({ items }: { items: Activity[] }) {
  const { t } = useTranslation();
  const fmt = useFormatField();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table highlightOnHover striped data-testid="activity-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('activities.date')}</Table.Th>
            <Table.Th>{t('activities.name')}</Table.Th>
            <Table.Th>{t('activities.kind')}</Table.Th>
            <Table.Th>{t('activities.unit')}</Table.Th>
            <Table.Th ta="right">{t('activities.participantsShort')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr
              key={a.id}
              data-testid="activity-row"
              data-id={a.id}
              style={{ cursor: 'pointer' }}
              onClick={() => void navigate({ to: '/activities/$id', params: { id: a.id } })}
            >
              <Table.Td>{formatDate(a.startDate)}</Table.Td>
              <Table.Td>
                <Link to="/activities/$id" params={{ id: a.id }} onClick={(e) => e.stopPropagation()}>
                  {a.title}
                </Link>
              </Table.Td>
              <Table.Td>{fmt('kind', a.kind)}</Table.Td>
              <Table.Td>{a.orgUnitName}</Table.Td>
              <Table.Td ta="right">{participants(a)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
