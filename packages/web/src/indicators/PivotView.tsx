/**
 * Pivot of activity figures: rows and columns from org level, period, target, audience, sex,
 * kind and channel; a chart (bars, lines, stacked female/male) and the table, with .xlsx/.csv
 * downloads of the same query. On phones the choices sit in a drawer.
 */
import {
  Button,
  Card,
  Drawer,
  Group,
  Loader,
  ScrollArea,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustments, IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { Measure, PivotDimension } from '@binhdang/domain';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../ui/errors.tsx';
import { pivotExportUrl, pivotQuery, referenceQuery, type CodeNameRow, type PivotParams } from './api.ts';
import classes from './indicators.module.css';
import { formatNumber, locale, relabelPivot, shapePivot, type PivotNames } from './model.ts';
import { PIVOT_DIMS, PIVOT_MEASURES, splitPeriod, type ChartKind, type IndicatorsSearch } from './search.ts';

const PivotChart = lazy(() => import('./charts/PivotChart.tsx'));

interface PivotViewProps {
  org: string;
  period: string;
  search: IndicatorsSearch;
  onSearch: (patch: Partial<IndicatorsSearch>) => void;
}

const PERIOD_DIMS: PivotDimension[] = ['year', 'quarter', 'month'];

/** The query the pivot sends for the page's choices (also the export's). */
export function pivotParams(org: string, period: string, search: IndicatorsSearch): PivotParams {
  const chart: ChartKind = search.chart ?? 'bar';
  const rows = search.rows ?? 'org';
  // Stacked female/male needs the sex split of participants.
  const cols = chart === 'sex' ? 'sex' : search.cols;
  let measure: Measure =
    chart === 'sex' ? 'participants' : (search.measure ?? (rows === 'target' ? 'activities' : 'sessions'));
  // Only participants split by sex.
  if ((rows === 'sex' || cols === 'sex') && !measure.startsWith('participants')) measure = 'participants';
  // The plan filter picks targets; activities are rarely linked to a plan, so it applies to target figures only.
  const plan = rows === 'target' || cols === 'target' ? search.plan : undefined;
  const p: PivotParams = { org, period, plan, rows, cols: cols === rows ? undefined : cols, measure };
  // A time axis spans the program years up to the chosen one rather than a single period.
  if (PERIOD_DIMS.includes(rows) || (cols && PERIOD_DIMS.includes(cols))) {
    const { year } = splitPeriod(period);
    if (rows === 'year' || cols === 'year') {
      p.from = Math.min(2022, year);
      p.to = year;
    } else p.period = String(year);
  }
  return p;
}

export function PivotView({ org, period, search, onSearch }: PivotViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const phone = useMediaQuery('(max-width: 48em)');
  const [controlsOpen, controls] = useDisclosure(false);
  const params = pivotParams(org, period, search);
  const chart: ChartKind = search.chart ?? 'bar';
  const q = useQuery(pivotQuery(params));
  const dims = [params.rows, params.cols];
  const kinds = useQuery({ ...referenceQuery('/api/activity-kinds'), enabled: dims.includes('kind') });
  const channels = useQuery({ ...referenceQuery('/api/activity-channels'), enabled: dims.includes('channel') });
  const audiences = useQuery({ ...referenceQuery('/api/audiences'), enabled: dims.includes('audience') });
  const table = useMemo(() => {
    if (!q.data) return null;
    const nameMap = (rows: CodeNameRow[] | undefined) =>
      new Map((rows ?? []).map((r) => [r.code, lang === 'en' ? r.nameEn : r.nameVi]));
    const names: PivotNames = {
      codes: {
        kind: nameMap(kinds.data),
        channel: nameMap(channels.data),
        audience: nameMap(audiences.data),
        sex: new Map([
          ['female', t('indicators.pivot.female')],
          ['male', t('indicators.pivot.male')],
          ['unspecified', t('indicators.pivot.unspecified')],
        ]),
      },
      none: t('indicators.pivot.none'),
    };
    const dimsOf = { rows: params.rows, cols: params.cols };
    const named = relabelPivot(q.data, dimsOf, names);
    // Names in alphabetical order; periods and sex keep their own order.
    if (!['year', 'quarter', 'month', 'sex'].includes(params.rows)) {
      const collator = new Intl.Collator(lang === 'en' ? 'en' : 'vi');
      named.rows = [...named.rows].sort((a, b) => collator.compare(a.label, b.label));
    }
    return shapePivot(named, dimsOf);
  }, [q.data, params.rows, params.cols, kinds.data, channels.data, audiences.data, lang, t]);

  const dimData = PIVOT_DIMS.map((d) => ({ value: d, label: t(`indicators.pivot.dims.${d}`) }));
  const choices = (
    <Stack gap="sm">
      <Select
        label={t('indicators.pivot.rows')}
        data={dimData}
        value={params.rows}
        allowDeselect={false}
        onChange={(v) => v && onSearch({ rows: v as PivotDimension })}
        data-testid="pivot-rows"
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('indicators.pivot.cols')}
        data={[{ value: '', label: t('indicators.pivot.noCols') }, ...dimData.filter((d) => d.value !== params.rows)]}
        value={params.cols ?? ''}
        allowDeselect={false}
        disabled={chart === 'sex'}
        onChange={(v) => onSearch({ cols: (v || undefined) as PivotDimension | undefined })}
        data-testid="pivot-cols"
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('indicators.pivot.measure')}
        data={PIVOT_MEASURES.map((m) => ({ value: m, label: t(`indicators.pivot.measures.${m}`) }))}
        value={params.measure}
        allowDeselect={false}
        disabled={chart === 'sex' || params.rows === 'target' || params.cols === 'target'}
        onChange={(v) => v && onSearch({ measure: v as Measure })}
        data-testid="pivot-measure"
        comboboxProps={{ withinPortal: true }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('indicators.pivot.chart')}
        </Text>
        <SegmentedControl
          fullWidth
          orientation="vertical"
          value={chart}
          onChange={(v) => onSearch({ chart: v === 'bar' ? undefined : (v as ChartKind) })}
          data={(['bar', 'line', 'sex'] as const).map((k) => ({
            value: k,
            label: t(`indicators.pivot.chartKinds.${k}`),
          }))}
          data-testid="pivot-chart-kind"
        />
      </Stack>
    </Stack>
  );

  const exports = (
    <Group gap="xs">
      <Button
        component="a"
        href={pivotExportUrl(params, 'xlsx', lang)}
        download
        variant="light"
        size="xs"
        leftSection={<IconDownload size={14} aria-hidden />}
        data-testid="export-xlsx"
      >
        {t('indicators.pivot.exportXlsx')}
      </Button>
      <Button
        component="a"
        href={pivotExportUrl(params, 'csv', lang)}
        download
        variant="light"
        size="xs"
        leftSection={<IconDownload size={14} aria-hidden />}
        data-testid="export-csv"
      >
        {t('indicators.pivot.exportCsv')}
      </Button>
    </Group>
  );

  const f = (n: number | null) => (n === null ? '—' : formatNumber(n, lang));
  const measureLabel = t(`indicators.pivot.measures.${params.measure}`);
  const title = `${measureLabel} — ${t(`indicators.pivot.dims.${params.rows}`)}${
    params.cols ? ` × ${t(`indicators.pivot.dims.${params.cols}`)}` : ''
  }`;

  return (
    <Stack gap="md">
      {phone && (
        <Drawer
          opened={controlsOpen}
          onClose={controls.close}
          position="bottom"
          size="auto"
          title={t('indicators.pivot.controls')}
        >
          {choices}
          <Button fullWidth mt="md" onClick={controls.close}>
            OK
          </Button>
        </Drawer>
      )}
      <Group justify="space-between" gap="xs">
        <Text fw={700} data-testid="pivot-title">
          {title}
        </Text>
        <Group gap="xs">
          {phone && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconAdjustments size={14} aria-hidden />}
              onClick={controls.open}
              data-testid="pivot-controls"
            >
              {t('indicators.pivot.controls')}
            </Button>
          )}
          {exports}
        </Group>
      </Group>
      <Group align="flex-start" gap="md" wrap="nowrap">
        {!phone && (
          <Card withBorder padding="sm" w={260} style={{ flexShrink: 0 }}>
            {choices}
          </Card>
        )}
        <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
          {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
          {q.isPending && <Skeleton h={320} />}
          {table && table.rows.length === 0 && (
            <Text c="dimmed" size="sm">
              {t('indicators.pivot.empty')}
            </Text>
          )}
          {table && table.rows.length > 0 && (
            <>
              <Card withBorder padding="xs">
                <Suspense fallback={<Loader size="sm" />}>
                  <PivotChart
                    table={table}
                    kind={chart}
                    locale={locale(lang)}
                    title={title}
                    labels={{
                      female: t('indicators.pivot.female'),
                      male: t('indicators.pivot.male'),
                      total: measureLabel,
                    }}
                  />
                </Suspense>
              </Card>
              <ScrollArea type="auto" offsetScrollbars>
                <Table
                  className={classes.pivotTable}
                  striped
                  withTableBorder
                  withColumnBorders
                  fz="sm"
                  data-testid="pivot-table"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th className={`${classes.sticky} ${classes.rowHead}`}>
                        {t(`indicators.pivot.dims.${params.rows}`)}
                      </Table.Th>
                      {table.cols.map((c) => (
                        <Table.Th key={c.key} ta="right">
                          {c.key === '' ? measureLabel : c.label}
                        </Table.Th>
                      ))}
                      {table.rowTotals && <Table.Th ta="right">{t('indicators.pivot.total')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((r, ri) => (
                      <Table.Tr key={r.key} data-testid="pivot-row" data-key={r.key}>
                        <Table.Td className={`${classes.sticky} ${classes.rowHead}`}>{r.label}</Table.Td>
                        {table.cols.map((c, ci) => (
                          <Table.Td key={c.key} ta="right">
                            {f(table.values[ri]![ci] ?? null)}
                          </Table.Td>
                        ))}
                        {table.rowTotals && (
                          <Table.Td ta="right" fw={700}>
                            {f(table.rowTotals[ri] ?? null)}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  {table.colTotals && (
                    <Table.Tfoot>
                      <Table.Tr>
                        <Table.Th className={`${classes.sticky} ${classes.rowHead}`}>
                          {t('indicators.pivot.total')}
                        </Table.Th>
                        {table.colTotals.map((v, ci) => (
                          <Table.Th key={table.cols[ci]!.key} ta="right">
                            {f(v)}
                          </Table.Th>
                        ))}
                        {table.rowTotals && <Table.Th ta="right">{f(table.grandTotal)}</Table.Th>}
                      </Table.Tr>
                    </Table.Tfoot>
                  )}
                </Table>
              </ScrollArea>
            </>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
