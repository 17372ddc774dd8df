/**
 * The target dashboard of one unit and period: a card per target, the child units × targets
 * table (drill down by clicking a unit, breadcrumbs back up), a pivot and a map. Everything the
 * page shows is in the URL (?org=&period=&tab=…), so links and the back button keep it.
 */
import {
  Anchor,
  Box,
  Breadcrumbs,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconChartBar, IconLayoutDashboard, IconMap } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { IndicatorResult } from '@binhdang/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/api.ts';
import { unitQuery } from '../org/api.ts';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
import { planListQuery } from '../plans/api.ts';
import { QueryError } from '../ui/errors.tsx';
import { dashboardQuery } from './api.ts';
import { ChildrenTable } from './ChildrenTable.tsx';
import { ExplainDrawer } from './ExplainDrawer.tsx';
import { MapView } from './MapView.tsx';
import { planLabel, sortForAttention, yearChoices } from './model.ts';
import { PivotView } from './PivotView.tsx';
import { joinPeriod, splitPeriod, validateIndicatorsSearch, type IndicatorsSearch } from './search.ts';
import { TargetCards } from './TargetCards.tsx';

const route = getRouteApi('/app/indicators');

export function IndicatorsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/indicators' });
  const org = search.org ?? me.orgUnit.code;
  const thisYear = new Date().getFullYear();
  const period = search.period ?? String(thisYear);
  const { year, quarter } = splitPeriod(period);
  const [explain, setExplain] = useState<IndicatorResult | null>(null);

  const setSearch = (patch: Partial<IndicatorsSearch>, replace = true) =>
    void navigate({ search: (prev) => validateIndicatorsSearch({ ...prev, ...patch }), replace });

  const unit = useQuery(unitQuery(org));
  const cards = useQuery({ ...dashboardQuery({ org, period, plan: search.plan }), select: (d) => d.indicators });
  // Which plans apply here (the unfiltered list) and how to name them.
  const allCards = useQuery({ ...dashboardQuery({ org, period }), select: (d) => d.indicators });
  const plans = useQuery(planListQuery({ scope: 'visible', limit: 500 }));
  const planById = useMemo(() => new Map((plans.data?.items ?? []).map((p) => [p.id, p])), [plans.data]);
  const planIds = [...new Set((allCards.data?.items ?? []).map((i) => i.planId))];
  const planOf = (id: string) => planLabel(planById.get(id)) ?? null;
  const matrix = useQuery({ ...dashboardQuery({ org, period, plan: search.plan }), select: (d) => d.children });
  const tab = search.tab ?? 'overview';

  // Breadcrumbs stop at the user's own unit: units above it are out of scope.
  const ancestors = (unit.data?.ancestors ?? []).filter((a) => {
    const path = unit.data?.path.split('.') ?? [];
    return path.indexOf(a.code) >= path.indexOf(me.orgUnit.code) && path.includes(me.orgUnit.code);
  });

  return (
    <Stack gap="md">
      <Stack gap={4}>
        {ancestors.length > 0 && (
          <Box component="nav" aria-label={t('indicators.breadcrumbs')}>
            <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
              {ancestors.map((a) => (
                <Anchor
                  key={a.id}
                  size="sm"
                  renderRoot={(p) => <Link to="/indicators" search={{ ...search, org: a.code }} {...p} />}
                  data-testid="crumb"
                >
                  {a.name}
                </Anchor>
              ))}
              <Text size="sm" c="dimmed" aria-current="page">
                {unit.data?.name ?? org}
              </Text>
            </Breadcrumbs>
          </Box>
        )}
        <Title order={1} size="h2">
          {t('indicators.pageTitle')}
        </Title>
        <Text fw={600} data-testid="dashboard-unit">
          {unit.data?.fullName ?? unit.data?.name ?? cards.data?.orgUnit.name ?? org}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <OrgUnitPicker
          // Remount once the unit's name is known, so the box shows it rather than the code.
          key={`${org}:${unit.data?.code ?? ''}`}
          label={t('indicators.unit')}
          value={org}
          initial={unit.data ? { code: unit.data.code, name: unit.data.name } : { code: org, name: org }}
          onChange={(code) => code && setSearch({ org: code }, false)}
          data-testid="dashboard-org"
        />
        <Select
          label={t('indicators.plan')}
          data={[
            { value: '', label: t('indicators.allPlans') },
            ...planIds.map((id) => ({ value: id, label: planOf(id) ?? id })),
            ...(search.plan && !planIds.includes(search.plan)
              ? [{ value: search.plan, label: planOf(search.plan) ?? search.plan }]
              : []),
          ]}
          value={search.plan ?? ''}
          allowDeselect={false}
          onChange={(v) => setSearch({ plan: v || undefined })}
          data-testid="dashboard-plan"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('indicators.year')}
          data={yearChoices(thisYear).map((y) => String(y))}
          value={String(year)}
          allowDeselect={false}
          onChange={(v) => v && setSearch({ period: joinPeriod(Number(v), quarter) })}
          data-testid="dashboard-year"
          comboboxProps={{ withinPortal: true }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="quarter-label">
            {t('indicators.period')}
          </Text>
          <SegmentedControl
            aria-labelledby="quarter-label"
            value={quarter ? String(quarter) : '0'}
            onChange={(v) => setSearch({ period: joinPeriod(year, Number(v) || null) })}
            data={[
              { value: '0', label: t('indicators.wholeYear') },
              ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Q${q}` })),
            ]}
            data-testid="dashboard-quarter"
          />
        </Stack>
      </SimpleGrid>

      <Tabs
        value={tab}
        onChange={(v) => setSearch({ tab: (v ?? 'overview') as IndicatorsSearch['tab'] })}
        keepMounted={false}
        styles={{ tab: { paddingInline: 'var(--mantine-spacing-xs)' } }}
      >
        <Tabs.List grow styles={{ list: { flexWrap: 'nowrap' } }}>
          <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} aria-hidden />}>
            {t('indicators.tabs.overview')}
          </Tabs.Tab>
          <Tabs.Tab value="pivot" leftSection={<IconChartBar size={16} aria-hidden />}>
            {t('indicators.tabs.pivot')}
          </Tabs.Tab>
          <Tabs.Tab value="map" leftSection={<IconMap size={16} aria-hidden />}>
            {t('indicators.tabs.map')}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="overview" pt="md">
          <Stack gap="lg">
            {cards.isError && <QueryError error={cards.error} onRetry={() => void cards.refetch()} />}
            {cards.isPending && (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {[0, 1, 2].map((i) => (
                  <Skeleton key={i} h={180} />
                ))}
              </SimpleGrid>
            )}
            {cards.data && cards.data.items.length === 0 && (
              <Stack gap="xs" align="flex-start">
                <Text>{t('indicators.noTargets')}</Text>
                <Text size="sm" c="dimmed">
                  {t('indicators.noTargetsHint')}
                </Text>
                <Button variant="light" renderRoot={(p) => <Link to="/plans" {...p} />}>
                  {t('indicators.openPlans')}
                </Button>
              </Stack>
            )}
            {cards.data && cards.data.items.length > 0 && (
              <TargetCards
                items={sortForAttention(cards.data.items)}
                onExplain={setExplain}
                planOf={new Set(cards.data.items.map((i) => i.planId)).size > 1 ? planOf : undefined}
              />
            )}
            {matrix.isError && <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />}
            {matrix.data && matrix.data.targets.length > 0 && (
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t('indicators.children.title')}
                </Title>
                <ChildrenTable matrix={matrix.data} search={search} planOf={planOf} />
              </Stack>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="pivot" pt="md">
          <PivotView org={org} period={period} search={search} onSearch={(p) => setSearch(p)} />
        </Tabs.Panel>

        <Tabs.Panel value="map" pt="md">
          {cards.data && (
            <MapView
              cards={cards.data}
              matrix={matrix.data}
              targetId={search.target}
              onTarget={(id) => setSearch({ target: id })}
              onOpenProvince={(code) => setSearch({ org: code, tab: undefined }, false)}
            />
          )}
        </Tabs.Panel>
      </Tabs>

      <Group>
        <ExplainDrawer item={explain} org={org} period={period} search={search} onClose={() => setExplain(null)} />
      </Group>
    </Stack>
  );
}
