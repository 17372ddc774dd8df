/**
 * "Báo cáo của tôi": what the user's unit owes its superior — due, by when (days left, overdue in
 * red), status — with open/continue. A due report nobody opened yet starts its draft here.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowRight, IconMessageCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { REPORT_LIST_STATUSES, type ReportListStatus } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/api.ts';
import { FormError, QueryError } from '../ui/errors.tsx';
import { reportListQuery, useOpenReport, type ReportSummary } from './api.ts';
import { isOwed, periodLabel, sortReports } from './format.ts';
import { DeadlineText, ReportsTabs, StatusBadge, TimelinessBadge, useLang } from './ReportBits.tsx';
import { validateReportListSearch, type ReportListSearch } from './search.ts';

const route = getRouteApi('/app/reports');

const keyOf = (r: ReportSummary) => r.id ?? `${r.orgUnitId}:${r.period}:${r.ruleId}`;

export function ReportsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/reports' });
  const wide = useMediaQuery('(min-width: 62em)');
  const list = useQuery(reportListQuery({ scope: 'own', year: search.year, status: search.status }));
  const setSearch = (patch: Partial<ReportListSearch>) =>
    void navigate({ search: (prev) => validateReportListSearch({ ...prev, ...patch }), replace: true });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));
  const items = list.data ? sortReports(list.data.items) : [];

  return (
    <Stack gap="md">
      <ReportsTabs />
      <div>
        <Title order={1} size="h2">
          {t('reports.myTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('reports.myIntro')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Select
          label={t('reports.year')}
          placeholder={t('reports.anyYear')}
          clearable
          data={years}
          value={search.year ? String(search.year) : null}
          onChange={(v) => setSearch({ year: v ? Number(v) : undefined })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('reports.status')}
          placeholder={t('reports.anyStatus')}
          clearable
          data={REPORT_LIST_STATUSES.map((s) => ({ value: s, label: t(`reports.statuses.${s}`) }))}
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: (v as ReportListStatus | null) ?? undefined })}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>

      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Stack gap={6}>
          <Skeleton h={72} />
          <Skeleton h={72} />
        </Stack>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('reports.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('reports.count', { count: list.data.total })}
          </Text>
          {wide ? <MyReportsTable items={items} /> : <MyReportsCards items={items} />}
        </>
      )}
    </Stack>
  );
}

/** Open, continue, fix, or start the draft of a report nobody opened yet. */
function OpenButton({ report, compact }: { report: ReportSummary; compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenReport();
  const canReviewUnit = useCan('report.review');
  // Reporters write their unit's reports; reviewers write their own unit's consolidated one.
  const canWrite = useCan('report.write') || canReviewUnit;
  const label =
    report.status === 'not_started'
      ? t('reports.start')
      : report.status === 'draft'
        ? t('reports.continue')
        : report.status === 'returned'
          ? t('reports.fix')
          : t('reports.open');
  const primary = isOwed(report.status);
  const size = compact ? 'xs' : 'sm';
  if (report.id) {
    const id = report.id;
    return (
      <Button
        size={size}
        variant={primary ? 'filled' : 'light'}
        rightSection={<IconArrowRight size={14} aria-hidden />}
        renderRoot={(p) => <Link to="/reports/$id" params={{ id }} {...p} />}
        data-testid="report-open"
      >
        {label}
      </Button>
    );
  }
  if (!canWrite) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size={size}
        rightSection={<IconArrowRight size={14} aria-hidden />}
        loading={open.isPending}
        data-testid="report-open"
        onClick={async () => {
          // Awaited rather than a mutate callback: the list refetches with the new id, which
          // remounts this row (and would drop the callback) before the navigation.
          const r = await open
            .mutateAsync({ orgUnit: report.orgUnitCode, period: report.period, ruleId: report.ruleId })
            .catch(() => null);
          if (r) await navigate({ to: '/reports/$id', params: { id: r.id } });
        }}
      >
        {label}
      </Button>
      {open.error != null && <FormError error={open.error} />}
    </Stack>
  );
}

function ReturnNote({ report }: { report: ReportSummary }) {
  if (report.status !== 'returned' || !report.returnComment) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      p="xs"
      mt={6}
      icon={<IconMessageCircle size={16} aria-hidden />}
      data-testid="report-return-comment"
    >
      <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
        {report.returnComment}
      </Text>
    </Alert>
  );
}

function PeriodTitle({ report }: { report: ReportSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const title = periodLabel(report.period, lang);
  return (
    <>
      {report.id ? (
        <Anchor fw={600} renderRoot={(p) => <Link to="/reports/$id" params={{ id: report.id ?? '' }} {...p} />}>
          {title}
        </Anchor>
      ) : (
        <Text fw={600}>{title}</Text>
      )}
      <Text size="xs" c="dimmed">
        {t('reports.ruleLine', {
          frequency: t(`reports.frequencies.${report.frequency}`),
          recipient: report.recipientName,
        })}
        {report.consolidated ? ` · ${t('reports.consolidated')}` : ''}
      </Text>
    </>
  );
}

function MyReportsTable({ items }: { items: ReportSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="reports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.period')}</Table.Th>
            <Table.Th>{t('reports.plan')}</Table.Th>
            <Table.Th>{t('reports.deadline')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('reports.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={keyOf(r)} data-testid="report-row" data-period={r.period} data-status={r.status}>
              <Table.Td maw={320}>
                <PeriodTitle report={r} />
                <ReturnNote report={r} />
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" lineClamp={2}>
                  {r.planTitle}
                </Text>
                {r.planNumber && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {r.planNumber}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <DeadlineText dueBefore={r.dueBefore} status={r.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={r.status} />
                  {(r.status === 'submitted' || r.status === 'approved') && (
                    <TimelinessBadge timeliness={r.timeliness} daysLate={r.daysLate} />
                  )}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">
                <OpenButton report={r} compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MyReportsCards({ items }: { items: ReportSummary[] }) {
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((r) => (
        <Card
          component="li"
          key={keyOf(r)}
          withBorder
          padding="sm"
          data-testid="report-row"
          data-period={r.period}
          data-status={r.status}
        >
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <PeriodTitle report={r} />
              </div>
              <StatusBadge status={r.status} />
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {r.planTitle}
            </Text>
            <DeadlineText dueBefore={r.dueBefore} status={r.status} />
            {(r.status === 'submitted' || r.status === 'approved') && (
              <TimelinessBadge timeliness={r.timeliness} daysLate={r.daysLate} />
            )}
            <ReturnNote report={r} />
            <Group justify="flex-end">
              <OpenButton report={r} />
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
