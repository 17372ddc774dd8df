/**
 * Where a figure comes from: the in-scope units (met or not, with their counts) and the
 * activities counted, from GET /api/indicators/explain. A unit opens its own dashboard.
 */
import { Anchor, Drawer, Group, Loader, ScrollArea, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { IndicatorResult } from '@binhdang/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format.ts';
import { QueryError } from '../ui/errors.tsx';
import { explainQuery } from './api.ts';
import classes from './indicators.module.css';
import { formatNumber, formatValue, isUnitShare } from './model.ts';
import type { IndicatorsSearch } from './search.ts';
import { StatusBadge } from './StatusBits.tsx';
import { useFraction } from './TargetCards.tsx';

interface ExplainDrawerProps {
  item: IndicatorResult | null;
  org: string;
  period: string;
  onClose: () => void;
  /** The page's search, so opening a unit keeps the period and tab. */
  search: IndicatorsSearch;
}

export function ExplainDrawer({ item, org, period, onClose, search }: ExplainDrawerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Drawer
      opened={item !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={<Text fw={700}>{t('indicators.explain.title')}</Text>}
      data-testid="explain-drawer"
    >
      {item && <ExplainBody key={item.targetId} item={item} org={org} period={period} search={search} />}
    </Drawer>
  );
}

function ExplainBody({
  item,
  org,
  period,
  search,
}: {
  item: IndicatorResult;
  org: string;
  period: string;
  search: IndicatorsSearch;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [met, setMet] = useState<'all' | 'true' | 'false'>('all');
  const q = useQuery(
    explainQuery({ target: item.targetId, org, period, met: met === 'all' ? undefined : met, limit: 200 }),
  );
  const fraction = useFraction()(item);
  const f = (n: number | null) => (n === null ? '—' : formatNumber(n, lang, 0));
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={700}>{t('indicators.targetN', { n: item.targetNumber })}</Text>
          <StatusBadge status={item.status} size="sm" />
        </Group>
        <Text size="sm">{item.targetText}</Text>
        <Text size="sm">
          <b>{formatValue(item.value, item, lang)}</b>
          {fraction ? ` · ${fraction}` : ''} · {item.orgUnitName} · {period}
        </Text>
      </Stack>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && <Loader size="sm" />}
      {q.data?.units && isUnitShare(item.ruleKind) && (
        <Stack gap="xs">
          <Group justify="space-between" gap="xs">
            <Title order={3} size="h5">
              {t('indicators.explain.unitsTitle')} ({formatNumber(q.data.units.total, lang, 0)})
            </Title>
            <SegmentedControl
              size="xs"
              value={met}
              onChange={(v) => setMet(v as 'all' | 'true' | 'false')}
              data={[
                { value: 'all', label: t('indicators.explain.filterAll') },
                { value: 'true', label: t('indicators.explain.filterMet') },
                { value: 'false', label: t('indicators.explain.filterNotMet') },
              ]}
              data-testid="explain-met-filter"
            />
          </Group>
          <ScrollArea.Autosize mah={360} type="auto">
            <Table striped withTableBorder fz="sm" data-testid="explain-units">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indicators.children.unit')}</Table.Th>
                  <Table.Th ta="right" className={classes.nowrap}>
                    {t('indicators.explain.count')}
                  </Table.Th>
                  <Table.Th className={classes.nowrap}>{t('indicators.status.achieved')}?</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.units.items.map((u) => (
                  <Table.Tr key={u.orgUnitId} data-testid="explain-unit" data-code={u.orgUnitCode} data-met={u.met}>
                    <Table.Td>
                      <Anchor
                        size="sm"
                        renderRoot={(p) => <Link to="/indicators" search={{ ...search, org: u.orgUnitCode }} {...p} />}
                        title={t('indicators.explain.openUnit', { name: u.orgUnitName })}
                      >
                        {u.orgUnitName}
                      </Anchor>
                      {Object.keys(u.byPeriod).length > 1 && (
                        <Text size="xs" c="dimmed">
                          {Object.entries(u.byPeriod)
                            .map(([p, n]) => `${p}: ${n}`)
                            .join(' · ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{f(u.count)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={u.met ? 'green.8' : 'red.8'} className={classes.nowrap}>
                        {u.met ? '✓ ' + t('indicators.explain.met') : '✗ ' + t('indicators.explain.notMet')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {q.data.units.total > q.data.units.items.length && (
            <Text size="xs" c="dimmed">
              {t('indicators.explain.moreUnits', { count: q.data.units.total - q.data.units.items.length })}
            </Text>
          )}
        </Stack>
      )}
      {q.data && (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('indicators.explain.activitiesTitle')} ({formatNumber(q.data.activities.total, lang, 0)})
          </Title>
          {q.data.activities.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('indicators.explain.none')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420} type="auto">
              <Table striped withTableBorder fz="sm" data-testid="explain-activities">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th className={classes.nowrap}>{t('indicators.explain.date')}</Table.Th>
                    <Table.Th miw={180}>{t('indicators.explain.activity')}</Table.Th>
                    <Table.Th className={classes.nowrap}>{t('indicators.explain.countedFor')}</Table.Th>
                    <Table.Th ta="right" className={classes.nowrap}>
                      {t('indicators.explain.participants')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.activities.items.map((a) => (
                    <Table.Tr key={a.id} data-testid="explain-activity">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.startDate)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.title}</Text>
                        <Text size="xs" c="dimmed">
                          {a.orgUnitName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{a.countedForCode ?? '—'}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {f(a.participantsFemale)}/{f(a.participantsMale)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
          {q.data.activities.total > q.data.activities.items.length && (
            <Text size="xs" c="dimmed">
              {t('indicators.explain.moreActivities', {
                count: q.data.activities.total - q.data.activities.items.length,
              })}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
