/**
 * Overview: first what a leader asks — which targets are off track this year, and where (the
 * units below that pull them down) — then who and where the user is.
 */
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconSitemap, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ChildMatrix, IndicatorResult } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../auth/api.ts';
import { dashboardQuery } from '../indicators/api.ts';
import {
  compareCells,
  formatMilestone,
  formatValue,
  isConcern,
  planLabel,
  sortForAttention,
} from '../indicators/model.ts';
import { StatusBadge } from '../indicators/StatusBits.tsx';
import { useFraction } from '../indicators/TargetCards.tsx';
import { unitQuery } from '../org/api.ts';
import { planListQuery } from '../plans/api.ts';
import { QueryError } from '../ui/errors.tsx';

const WHERE_SHOWN = 5;

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManageUsers = useCan('user.manage');
  const unit = useQuery(unitQuery(me.orgUnit.code));

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('home.greeting', { name: me.user.displayName })}
      </Title>
      <AttentionCard />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            {t('home.yourUnit')}
          </Text>
          <Text fw={700} size="lg">
            {me.orgUnit.fullName ?? me.orgUnit.name}
          </Text>
          <Group gap="xs" mt={4}>
            <Badge variant="light">{t(`kind.${me.orgUnit.kind}`)}</Badge>
            <Text size="sm" c="dimmed" ff="monospace">
              {me.orgUnit.code}
            </Text>
          </Group>
          {unit.data && (
            <Text size="sm" mt="sm">
              {t('home.subUnits')}: <b>{unit.data.childCount}</b>
            </Text>
          )}
          <Button
            mt="md"
            variant="light"
            leftSection={<IconSitemap size={16} aria-hidden />}
            renderRoot={(p) => <Link to="/org" {...p} />}
          >
            {t('home.openOrg')}
          </Button>
        </Card>
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            {t('home.yourRoles')}
          </Text>
          <Group gap="xs" mt={4}>
            {me.user.roles.map((r) => (
              <Badge key={r} variant="outline">
                {t(`role.${r}`)}
              </Badge>
            ))}
          </Group>
          {canManageUsers && (
            <Button
              mt="md"
              variant="light"
              leftSection={<IconUsers size={16} aria-hidden />}
              renderRoot={(p) => <Link to="/users" {...p} />}
            >
              {t('home.openUsers')}
            </Button>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

/** The units below whose figure for a target is off track or at risk, worst first. */
function laggards(matrix: ChildMatrix | undefined, targetId: string) {
  if (!matrix) return [];
  return matrix.rows
    .map((r) => ({ unit: r.orgUnit, cell: r.cells.find((c) => c.targetId === targetId) }))
    .filter((x) => x.cell && isConcern(x.cell.status))
    .sort(
      (a, b) =>
        (a.cell!.status === b.cell!.status ? 0 : a.cell!.status === 'off_track' ? -1 : 1) ||
        compareCells(a.cell!.value, b.cell!.value, 1),
    );
}

function AttentionCard() {
  const { t } = useTranslation();
  const me = useMe();
  const period = String(new Date().getFullYear());
  const cards = useQuery({ ...dashboardQuery({ org: me.orgUnit.code, period }), select: (d) => d.indicators });
  const matrix = useQuery({ ...dashboardQuery({ org: me.orgUnit.code, period }), select: (d) => d.children });
  const plans = useQuery(planListQuery({ scope: 'visible', limit: 500 }));
  const planOf = (id: string) => planLabel(plans.data?.items.find((p) => p.id === id));
  const items = cards.data ? sortForAttention(cards.data.items) : [];
  const concerns = items.filter((i) => isConcern(i.status));
  const count = (pred: (i: IndicatorResult) => boolean) => items.filter(pred).length;

  return (
    <Card withBorder padding="lg" data-testid="home-attention">
      <Group justify="space-between" gap="xs" mb="xs">
        <Stack gap={0}>
          <Title order={2} size="h4">
            {t('indicators.home.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('indicators.home.period', { period })}
          </Text>
        </Stack>
        <Button
          leftSection={<IconChartBar size={16} aria-hidden />}
          renderRoot={(p) => <Link to="/indicators" search={{ period }} {...p} />}
          data-testid="home-open-dashboard"
        >
          {t('indicators.home.openDashboard')}
        </Button>
      </Group>
      {cards.isError && <QueryError error={cards.error} onRetry={() => void cards.refetch()} />}
      {cards.isPending && <Skeleton h={80} />}
      {cards.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('indicators.home.noTargets')}
        </Text>
      )}
      {cards.data && items.length > 0 && (
        <Stack gap="sm">
          <Text size="sm" data-testid="home-summary">
            {t('indicators.home.summary', {
              off: count((i) => i.status === 'off_track'),
              risk: count((i) => i.status === 'at_risk'),
              ok: count((i) => i.status === 'achieved' || i.status === 'on_track'),
              none: count((i) => i.status === 'no_data'),
            })}
          </Text>
          {concerns.length === 0 && (
            <Text size="sm" c="green.8">
              {t('indicators.home.allGood', { period })}
            </Text>
          )}
          <Stack gap="xs">
            {concerns.map((item) => (
              <ConcernRow
                key={item.targetId}
                item={item}
                plan={planOf(item.planId)}
                matrix={matrix.data}
                period={period}
              />
            ))}
          </Stack>
        </Stack>
      )}
    </Card>
  );
}

function ConcernRow({
  item,
  plan,
  matrix,
  period,
}: {
  item: IndicatorResult;
  plan: string | null;
  matrix: ChildMatrix | undefined;
  period: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fraction = useFraction()(item);
  const where = laggards(matrix, item.targetId);
  const milestone = formatMilestone(item, lang);
  return (
    <Card
      withBorder
      padding="sm"
      radius="sm"
      data-testid="home-concern"
      data-plan={item.planId}
      data-target={item.targetNumber}
      data-status={item.status}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={700}>
          {t('indicators.targetN', { n: item.targetNumber })}: {formatValue(item.value, item, lang)}
          {fraction ? ` (${fraction})` : ''}
          {milestone ? ` · ${t('indicators.milestone')} ${milestone}` : ''}
        </Text>
        <StatusBadge status={item.status} size="sm" />
      </Group>
      <Text size="sm" lineClamp={2} c="dimmed">
        {plan ? `${plan} — ` : ''}
        {item.targetText}
      </Text>
      {where.length > 0 && (
        <Group gap={6} mt={6} align="baseline">
          <Text size="sm" fw={600}>
            {t('indicators.home.where')}:
          </Text>
          <List size="sm" style={{ display: 'contents' }} listStyleType="none">
            {where.slice(0, WHERE_SHOWN).map(({ unit, cell }) => (
              <List.Item key={unit.id} data-testid="home-where" data-code={unit.code} style={{ display: 'inline' }}>
                <Anchor
                  size="sm"
                  renderRoot={(p) => <Link to="/indicators" search={{ org: unit.code, period }} {...p} />}
                  c={cell!.status === 'off_track' ? 'red.8' : 'orange.8'}
                >
                  {unit.name} ({formatValue(cell!.value, item, lang)})
                </Anchor>
              </List.Item>
            ))}
          </List>
          {where.length > WHERE_SHOWN && (
            <Anchor
              size="sm"
              renderRoot={(p) => <Link to="/indicators" search={{ org: matrix?.orgUnit.code, period }} {...p} />}
            >
              {t('indicators.home.moreUnits', { count: where.length - WHERE_SHOWN })}
            </Anchor>
          )}
        </Group>
      )}
    </Card>
  );
}
