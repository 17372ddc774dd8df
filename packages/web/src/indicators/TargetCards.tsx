/** One card per target: value, milestone, status, sparkline and the fraction behind the value. */
import { Anchor, Card, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import type { IndicatorResult } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { formatMilestone, formatNumber, formatValue, isUnitShare, STATUS_HEX } from './model.ts';
import { Sparkline, StatusBadge } from './StatusBits.tsx';

interface TargetCardsProps {
  items: IndicatorResult[];
  onExplain: (item: IndicatorResult) => void;
  /** The plan a target comes from, when the dashboard mixes several plans. */
  planOf?: (planId: string) => string | null;
}

export function TargetCards({ items, onExplain, planOf }: TargetCardsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" data-testid="target-cards">
      {items.map((item) => (
        <TargetCard
          key={item.targetId}
          item={item}
          plan={planOf?.(item.planId) ?? null}
          onExplain={() => onExplain(item)}
        />
      ))}
    </SimpleGrid>
  );
}

/** "27/38 đơn vị", "12/12", "148 hoạt động"; null when the rule has no fraction. */
export function useFraction() {
  const { t, i18n } = useTranslation();
  return (item: Pick<IndicatorResult, 'ruleKind' | 'numerator' | 'denominator' | 'totals'>): string | null => {
    const f = (n: number) => formatNumber(n, i18n.language, 1);
    if (item.numerator !== null && item.denominator !== null) {
      return isUnitShare(item.ruleKind)
        ? t('indicators.unitsMet', { num: f(item.numerator), den: f(item.denominator) })
        : t('indicators.recordsOf', { num: f(item.numerator), den: f(item.denominator) });
    }
    if (item.totals) return t('indicators.activitiesCount', { n: f(item.totals.activities) });
    return null;
  };
}

function TargetCard({ item, plan, onExplain }: { item: IndicatorResult; plan: string | null; onExplain: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fraction = useFraction()(item);
  const milestone = formatMilestone(item, lang);
  return (
    <Card
      withBorder
      padding="md"
      data-testid="target-card"
      data-target={item.targetNumber}
      data-status={item.status}
      data-plan={item.planId}
      style={{ borderLeft: `5px solid ${STATUS_HEX[item.status]}` }}
    >
      <Stack gap={6} h="100%">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text size="sm" fw={700} c="dimmed">
              {t('indicators.targetN', { n: item.targetNumber })}
            </Text>
            {plan && (
              <Text size="xs" c="dimmed" data-testid="target-plan">
                {plan}
              </Text>
            )}
          </Stack>
          <StatusBadge status={item.status} />
        </Group>
        <Text size="sm" lineClamp={3} title={item.targetText}>
          {item.targetText}
        </Text>
        <Group justify="space-between" align="flex-end" gap="xs" mt="auto" wrap="nowrap">
          <Stack gap={0}>
            <Text fz={28} fw={700} lh={1.1} data-testid="target-value">
              {formatValue(item.value, item, lang)}
            </Text>
            <Text size="xs" c="dimmed" data-testid="target-milestone">
              {t('indicators.milestone')}: {milestone ?? t('indicators.noMilestone')}
            </Text>
          </Stack>
          <Sparkline
            values={item.series.map((p) => p.value)}
            status={item.status}
            label={`${t('indicators.series')}: ${item.series
              .map((p) => `${p.period} ${formatValue(p.value, item, lang)}`)
              .join(', ')}`}
          />
        </Group>
        <Group justify="space-between" gap="xs">
          {fraction ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={onExplain}
              title={t('indicators.explainOpen')}
              data-testid="target-fraction"
            >
              {fraction}
            </Anchor>
          ) : (
            <UnstyledButton onClick={onExplain} fz="sm" c="blue" data-testid="target-fraction">
              {t('indicators.explainOpen')}
            </UnstyledButton>
          )}
          {item.projection && item.status !== 'achieved' && (
            <Text size="xs" c="dimmed">
              {t('indicators.projection', {
                year: item.projection.year,
                value: formatValue(item.projection.value, item, lang),
              })}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
