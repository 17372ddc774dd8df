/**
 * The reviewer's inbox: reports the units below sent up, submitted ones first. Each opens
 * read-only with return/approve; several can be approved at once.
 */
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReportListStatus } from '@binhdang/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format.ts';
import { QueryError } from '../ui/errors.tsx';
import { reportListQuery, useBulkApprove, type ReportSummary } from './api.ts';
import { periodLabel } from './format.ts';
import { ConfirmDialog, ReportsTabs, StatusBadge, TimelinessBadge, useLang } from './ReportBits.tsx';

type InboxFilter = 'submitted' | 'returned' | 'approved' | 'all';

export function InboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = useMediaQuery('(min-width: 62em)');
  const [filter, setFilter] = useState<InboxFilter>('submitted');
  const status: ReportListStatus | undefined = filter === 'all' ? undefined : filter;
  const list = useQuery(reportListQuery({ scope: 'inbox', status }));
  const [period, setPeriod] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const bulk = useBulkApprove();

  // Only reports actually waiting can be approved; opened-but-not-sent ones are not in the inbox.
  const sent = useMemo(
    () => (list.data?.items ?? []).filter((r) => r.id !== null && r.status !== 'not_started' && r.status !== 'draft'),
    [list.data],
  );
  const periods = useMemo(() => [...new Set(sent.map((r) => r.period))].sort().reverse(), [sent]);
  const items = period ? sent.filter((r) => r.period === period) : sent;
  const approvable = items.filter((r) => r.status === 'submitted');
  const chosen = approvable.filter((r) => r.id && selected.has(r.id));
  const allChosen = approvable.length > 0 && chosen.length === approvable.length;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allChosen ? new Set() : new Set(approvable.map((r) => r.id ?? '')));

  const approve = () =>
    bulk.mutate(
      { items: chosen.map((r) => ({ id: r.id ?? '', version: r.version ?? 0 })) },
      {
        onSuccess: (res) => {
          setConfirming(false);
          setSelected(new Set());
          notifications.show({ color: 'green', message: t('reports.bulkApproved', { count: res.approved }) });
        },
      },
    );

  return (
    <Stack gap="md">
      <ReportsTabs />
      <div>
        <Title order={1} size="h2">
          {t('reports.inboxTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('reports.inboxIntro')}
        </Text>
      </div>
      <SegmentedControl
        aria-label={t('reports.status')}
        fullWidth={!wide}
        style={{ alignSelf: wide ? 'flex-start' : undefined }}
        data={[
          { value: 'submitted', label: t('reports.inboxFilter.submitted') },
          { value: 'returned', label: t('reports.inboxFilter.returned') },
          { value: 'approved', label: t('reports.inboxFilter.approved') },
          { value: 'all', label: t('reports.inboxFilter.all') },
        ]}
        value={filter}
        onChange={(v) => {
          setFilter(v as InboxFilter);
          setSelected(new Set());
        }}
        data-testid="inbox-filter"
      />
      {periods.length > 1 && (
        <Select
          label={t('reports.period')}
          placeholder={t('reports.anyPeriod')}
          clearable
          maw={{ base: '100%', sm: 280 }}
          data={periods.map((p) => ({ value: p, label: periodLabel(p, lang) }))}
          value={period}
          onChange={(v) => {
            setPeriod(v);
            setSelected(new Set());
          }}
          comboboxProps={{ withinPortal: true }}
        />
      )}

      {approvable.length > 0 && (
        <Group justify="space-between" gap="xs">
          <Checkbox
            label={t('reports.selectAll')}
            checked={allChosen}
            indeterminate={chosen.length > 0 && !allChosen}
            onChange={toggleAll}
          />
          <Button
            color="green"
            leftSection={<IconChecks size={16} aria-hidden />}
            disabled={chosen.length === 0}
            onClick={() => setConfirming(true)}
            data-testid="bulk-approve"
          >
            {t('reports.bulkApprove', { count: chosen.length })}
          </Button>
        </Group>
      )}

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Stack gap={6}>
          <Skeleton h={64} />
          <Skeleton h={64} />
        </Stack>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('reports.emptyInbox')}</Text>
      ) : wide ? (
        <InboxTable items={items} selected={selected} toggle={toggle} />
      ) : (
        <InboxCards items={items} selected={selected} toggle={toggle} />
      )}

      <ConfirmDialog
        opened={confirming}
        title={t('reports.bulkApproveTitle')}
        confirm={t('reports.bulkApprove', { count: chosen.length })}
        color="green"
        loading={bulk.isPending}
        error={bulk.error}
        onClose={() => setConfirming(false)}
        onConfirm={approve}
      >
        <Text size="sm">{t('reports.bulkApproveBody', { count: chosen.length })}</Text>
        <Stack gap={2} mt="xs">
          {chosen.map((r) => (
            <Text key={r.id} size="sm">
              · {r.orgUnitName} — {periodLabel(r.period)}
            </Text>
          ))}
        </Stack>
      </ConfirmDialog>
    </Stack>
  );
}

interface ListProps {
  items: ReportSummary[];
  selected: Set<string>;
  toggle: (id: string) => void;
}

function Pick({ r, selected, toggle }: { r: ReportSummary; selected: Set<string>; toggle: (id: string) => void }) {
  const { t } = useTranslation();
  if (r.status !== 'submitted' || !r.id) return null;
  const id = r.id;
  return (
    <Checkbox
      aria-label={t('reports.selectOne', { unit: r.orgUnitName })}
      checked={selected.has(id)}
      onChange={() => toggle(id)}
      data-testid="inbox-select"
    />
  );
}

function ReportLink({ r, children }: { r: ReportSummary; children: string }) {
  return (
    <Anchor fw={600} size="sm" renderRoot={(p) => <Link to="/reports/$id" params={{ id: r.id ?? '' }} {...p} />}>
      {children}
    </Anchor>
  );
}

function InboxTable({ items, selected, toggle }: ListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="inbox-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} />
            <Table.Th>{t('reports.unit')}</Table.Th>
            <Table.Th>{t('reports.period')}</Table.Th>
            <Table.Th>{t('reports.submittedAt')}</Table.Th>
            <Table.Th>{t('reports.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr
              key={r.id}
              data-testid="inbox-row"
              data-org={r.orgUnitCode}
              data-period={r.period}
              data-status={r.status}
            >
              <Table.Td>
                <Pick r={r} selected={selected} toggle={toggle} />
              </Table.Td>
              <Table.Td>
                <ReportLink r={r}>{r.orgUnitName}</ReportLink>
                <Text size="xs" c="dimmed" ff="monospace">
                  {r.orgUnitCode}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{periodLabel(r.period, lang)}</Text>
                <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
                  {r.planTitle}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDate(r.submittedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {t('reports.deadlineBefore', { date: formatDate(r.dueBefore) })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <StatusBadge status={r.status} />
                  <TimelinessBadge timeliness={r.timeliness} daysLate={r.daysLate} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function InboxCards({ items, selected, toggle }: ListProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((r) => (
        <Card
          component="li"
          key={r.id}
          withBorder
          padding="sm"
          data-testid="inbox-row"
          data-org={r.orgUnitCode}
          data-period={r.period}
          data-status={r.status}
        >
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <Pick r={r} selected={selected} toggle={toggle} />
            <Stack gap={4} miw={0} style={{ flex: 1 }}>
              <ReportLink r={r}>{r.orgUnitName}</ReportLink>
              <Text size="sm">{periodLabel(r.period, lang)}</Text>
              <Text size="xs" c="dimmed">
                {t('reports.submittedAt')}: {formatDate(r.submittedAt)} ·{' '}
                {t('reports.deadlineBefore', { date: formatDate(r.dueBefore) })}
              </Text>
              <Group gap={4}>
                <StatusBadge status={r.status} />
                <TimelinessBadge timeliness={r.timeliness} daysLate={r.daysLate} />
              </Group>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
