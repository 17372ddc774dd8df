/**
 * Completeness and timeliness for a reviewer: the units that owe it reports × periods, each cell
 * on time / late N days / missing / not due yet / not expected (colour and text), rates per
 * column (only expected units count, so never above 100 %), filters in the URL, .xlsx export,
 * and a click through to the report.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileTypeXls } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { REPORT_FREQUENCIES, TIMELINESS, type CompletenessCell } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
import { QueryError } from '../ui/errors.tsx';
import { completenessQuery, completenessXlsxUrl, type CompletenessMatrix, type Frequency } from './api.ts';
import { percent, periodLabel, TIMELINESS_COLORS } from './format.ts';
import { ReportsTabs, useLang } from './ReportBits.tsx';
import { validateCompletenessSearch, type CompletenessSearch } from './search.ts';

const route = getRouteApi('/app/reports/completeness');

type Column = CompletenessMatrix['columns'][number];

export function CompletenessPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/reports/completeness' });
  const wide = useMediaQuery('(min-width: 62em)');
  const params = {
    org: search.org,
    period: search.year ? String(search.year) : undefined,
    periods: search.periods,
    frequency: search.frequency,
  };
  const matrix = useQuery(completenessQuery(params));
  const setSearch = (patch: Partial<CompletenessSearch>) =>
    void navigate({ search: (prev) => validateCompletenessSearch({ ...prev, ...patch }), replace: true });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear + 1 - i));

  return (
    <Stack gap="md">
      <ReportsTabs />
      <Group justify="space-between" align="flex-end" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            {t('reports.completenessTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {matrix.data ? `${matrix.data.orgUnitName} — ` : ''}
            {t('reports.completenessIntro')}
          </Text>
        </div>
        <Button
          variant="default"
          component="a"
          href={completenessXlsxUrl(params)}
          download
          leftSection={<IconFileTypeXls size={16} aria-hidden />}
        >
          {t('reports.exportXlsx')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <div style={wide ? undefined : { gridColumn: 'span 2' }}>
          <OrgUnitPicker
            label={t('reports.unit')}
            value={search.org ?? me.orgUnit.code}
            initial={search.org ? null : { code: me.orgUnit.code, name: me.orgUnit.name }}
            onChange={(code) => setSearch({ org: code ?? undefined })}
          />
        </div>
        <Select
          label={t('reports.year')}
          placeholder={String(thisYear)}
          clearable
          data={years}
          value={search.year ? String(search.year) : null}
          onChange={(v) => setSearch({ year: v ? Number(v) : undefined })}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('reports.periods')}
          data={['1', '2', '3', '4', '6']}
          value={String(search.periods ?? 2)}
          onChange={(v) => setSearch({ periods: v ? Number(v) : undefined })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('reports.frequency')}
          placeholder={t('reports.anyFrequency')}
          clearable
          data={REPORT_FREQUENCIES.map((f) => ({ value: f, label: t(`reports.frequencyOptions.${f}`) }))}
          value={search.frequency ?? null}
          onChange={(v) => setSearch({ frequency: (v as Frequency | null) ?? undefined })}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>

      <Legend />

      {matrix.isError ? (
        <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : !matrix.data ? (
        <Skeleton h={240} />
      ) : matrix.data.rows.length === 0 || matrix.data.columns.length === 0 ? (
        <Text c="dimmed">{t('reports.noUnits')}</Text>
      ) : (
        <>
          <Rates matrix={matrix.data} />
          {wide ? <MatrixTable matrix={matrix.data} /> : <MatrixCards matrix={matrix.data} />}
        </>
      )}
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap={6} aria-label={t('reports.legend')}>
      {TIMELINESS.map((x) => (
        <Badge key={x} color={TIMELINESS_COLORS[x]} variant={x === 'not_expected' ? 'outline' : 'light'} size="sm">
          {t(`reports.timeliness.${x}`, { count: 'N' })}
        </Badge>
      ))}
    </Group>
  );
}

function ColumnHead({ column }: { column: Column }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <Text size="sm" fw={700}>
        {periodLabel(column.period, lang)}
      </Text>
      <Text size="xs" c="dimmed" fw={400}>
        {t(`reports.frequencyOptions.${column.frequency}`)} ·{' '}
        {t('reports.deadlineBefore', { date: formatDate(column.dueBefore) })}
      </Text>
      <Text size="xs" c="dimmed" fw={400} lineClamp={1} title={column.planTitle}>
        {column.planTitle}
      </Text>
    </>
  );
}

const cellKey = (c: { period: string; ruleId: string }) => `${c.period}|${c.ruleId}`;

/** A cell: coloured badge with its words; a report behind it opens on click. */
function CellBadge({ cell }: { cell: CompletenessCell | undefined }) {
  const { t } = useTranslation();
  if (!cell) return <Text c="dimmed">—</Text>;
  const badge = (
    <Badge
      color={TIMELINESS_COLORS[cell.timeliness]}
      variant={cell.timeliness === 'not_expected' ? 'outline' : 'light'}
      data-testid="completeness-cell"
      data-timeliness={cell.timeliness}
      data-period={cell.period}
      data-rule={cell.ruleId}
      style={{ cursor: cell.reportId ? 'pointer' : undefined }}
    >
      {t(`reports.timeliness.${cell.timeliness}`, { count: cell.daysLate })}
    </Badge>
  );
  if (!cell.reportId) return badge;
  const id = cell.reportId;
  return (
    <UnstyledButton
      renderRoot={(p) => <Link to="/reports/$id" params={{ id }} {...p} />}
      aria-label={`${t('reports.openReport')}: ${t(`reports.timeliness.${cell.timeliness}`, { count: cell.daysLate })}`}
    >
      {badge}
    </UnstyledButton>
  );
}

function UnitName({ row }: { row: CompletenessMatrix['rows'][number] }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600}>
        {row.orgUnitName}
      </Text>
      <Text size="xs" c="dimmed">
        <span style={{ fontFamily: 'monospace' }}>{row.orgUnitCode}</span>
        {row.validTo ? ` · ${t('reports.closedOn', { date: formatDate(row.validTo) })}` : ''}
      </Text>
    </>
  );
}

function MatrixTable({ matrix }: { matrix: CompletenessMatrix }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rates = new Map(matrix.rates.map((r) => [cellKey(r), r]));
  return (
    <Table.ScrollContainer minWidth={260 + matrix.columns.length * 170}>
      <Table withTableBorder withColumnBorders striped verticalSpacing="xs" data-testid="completeness-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={220}>{t('reports.unit')}</Table.Th>
            {matrix.columns.map((c) => (
              <Table.Th key={cellKey(c)} miw={160}>
                <ColumnHead column={c} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.rows.map((row) => {
            const cells = new Map(row.cells.map((c) => [cellKey(c), c]));
            return (
              <Table.Tr key={row.orgUnitId} data-testid="completeness-row" data-org={row.orgUnitCode}>
                <Table.Td>
                  <UnitName row={row} />
                </Table.Td>
                {matrix.columns.map((c) => (
                  <Table.Td key={cellKey(c)}>
                    <CellBadge cell={cells.get(cellKey(c))} />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          {(['completenessRate', 'timelinessRate'] as const).map((k) => (
            <Table.Tr key={k} fw={700}>
              <Table.Td>{t(`reports.${k}`)}</Table.Td>
              {matrix.columns.map((c) => {
                const r = rates.get(cellKey(c));
                return (
                  <Table.Td key={cellKey(c)} data-testid={`rate-${k}`}>
                    {r ? percent(r[k], lang) : '—'}
                    {r && (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        ({k === 'completenessRate' ? r.onTime + r.late : r.onTime}/{r.expected})
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function Rates({ matrix }: { matrix: CompletenessMatrix }) {
  const { t } = useTranslation();
  const columns = new Map(matrix.columns.map((c) => [cellKey(c), c]));
  const lang = useLang();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(4, Math.max(1, matrix.rates.length)) }} spacing="xs">
      {matrix.rates.map((r) => {
        const c = columns.get(cellKey(r));
        return (
          <Paper key={cellKey(r)} withBorder p="sm" radius="md" data-testid="completeness-rate">
            <Text size="sm" fw={700}>
              {periodLabel(r.period, lang)}
              {c ? ` · ${t(`reports.frequencyOptions.${c.frequency}`)}` : ''}
            </Text>
            <Group gap="md" mt={4}>
              <Text size="sm">
                {t('reports.completenessRate')}:{' '}
                <b data-testid="completeness-rate-value">{percent(r.completenessRate, lang)}</b>
              </Text>
              <Text size="sm">
                {t('reports.timelinessRate')}: <b>{percent(r.timelinessRate, lang)}</b>
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t('reports.expected')}: {r.expected} · {t('reports.timelinessShort.on_time')}: {r.onTime} ·{' '}
              {t('reports.lateLabel')}: {r.late} · {t('reports.timelinessShort.missing')}: {r.missing} ·{' '}
              {t('reports.timelinessShort.pending')}: {r.pending} · {t('reports.timelinessShort.not_expected')}:{' '}
              {r.notExpected}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function MatrixCards({ matrix }: { matrix: CompletenessMatrix }) {
  const lang = useLang();
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="completeness-table">
      {matrix.rows.map((row) => {
        const cells = new Map(row.cells.map((c) => [cellKey(c), c]));
        return (
          <Card
            component="li"
            key={row.orgUnitId}
            withBorder
            padding="sm"
            data-testid="completeness-row"
            data-org={row.orgUnitCode}
          >
            <UnitName row={row} />
            <Stack gap={4} mt={6}>
              {matrix.columns.map((c) => (
                <Group key={cellKey(c)} justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="xs" c="dimmed" miw={0}>
                    {periodLabel(c.period, lang)} · {t(`reports.frequencies.${c.frequency}`)}
                  </Text>
                  <CellBadge cell={cells.get(cellKey(c))} />
                </Group>
              ))}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
