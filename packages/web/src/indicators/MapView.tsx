/**
 * Provinces coloured by one chosen target. At national level every province in the child
 * matrix is coloured and a click opens it; below, the unit's own province carries the unit's
 * figure. Only province boundaries exist in the source data, so communes stay in the table.
 */
import { Alert, Card, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ChildMatrix, IndicatorsResponse } from '@binhdang/domain';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapDatum } from './charts/ProvinceMap.tsx';
import { formatValue, STATUSES } from './model.ts';
import { StatusBadge } from './StatusBits.tsx';

const ProvinceMap = lazy(() => import('./charts/ProvinceMap.tsx'));

interface MapViewProps {
  cards: IndicatorsResponse;
  matrix: ChildMatrix | undefined;
  targetId: string | undefined;
  onTarget: (id: string) => void;
  onOpenProvince: (code: string) => void;
}

const isProvince = (code: string) => /^\d{2}$/.test(code);

export function MapView({ cards, matrix, targetId, onTarget, onOpenProvince }: MapViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const target = cards.items.find((i) => i.targetId === targetId) ?? cards.items[0];

  const data = useMemo<MapDatum[]>(() => {
    if (!target) return [];
    const text = (value: number | null, status: MapDatum['status']) =>
      `${formatValue(value, target, lang)} — ${t(`indicators.status.${status}`)}`;
    const provinceRows = (matrix?.rows ?? []).filter((r) => isProvince(r.orgUnit.code));
    if (provinceRows.length > 0) {
      return provinceRows.map((r) => {
        const c = r.cells.find((x) => x.targetId === target.targetId);
        const status = c?.status ?? 'no_data';
        return { code: r.orgUnit.code, value: c?.value ?? null, status, text: text(c?.value ?? null, status) };
      });
    }
    // Below the nation: the unit's province (second segment of its path) shows the unit's figure.
    const province = cards.orgUnit.path.split('.')[1];
    if (!province || !isProvince(province)) return [];
    const label = cards.orgUnit.code === province ? '' : ` (${cards.orgUnit.name})`;
    return [
      {
        code: province,
        value: target.value,
        status: target.status,
        text: text(target.value, target.status) + label,
      },
    ];
  }, [matrix, target, cards.orgUnit, lang, t]);

  if (!target) {
    return (
      <Text c="dimmed" size="sm">
        {t('indicators.map.noTarget')}
      </Text>
    );
  }
  const national = data.length > 1;
  return (
    <Stack gap="sm">
      <Select
        label={t('indicators.map.target')}
        data={cards.items.map((i) => ({
          value: i.targetId,
          label: `${t('indicators.targetN', { n: i.targetNumber })}: ${i.targetText}`,
        }))}
        value={target.targetId}
        allowDeselect={false}
        onChange={(v) => v && onTarget(v)}
        maw={640}
        data-testid="map-target"
        comboboxProps={{ withinPortal: true }}
      />
      <Group gap="xs" aria-label={t('indicators.map.legend')}>
        {STATUSES.map((s) => (
          <StatusBadge key={s} status={s} size="sm" />
        ))}
      </Group>
      <Card withBorder padding="xs">
        <Suspense fallback={<Loader size="sm" />}>
          <ProvinceMap
            data={data}
            lang={lang}
            outOfScope={t('indicators.map.outOfScope')}
            title={`${t('indicators.map.title')}: ${t('indicators.targetN', { n: target.targetNumber })}`}
            onPick={national ? (code) => data.some((d) => d.code === code) && onOpenProvince(code) : undefined}
          />
        </Suspense>
      </Card>
      {national && (
        <Text size="sm" c="dimmed">
          {t('indicators.map.pickProvince')}
        </Text>
      )}
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        <Text size="sm">{t('indicators.map.onlyProvinces')}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          {t('indicators.map.source')}
        </Text>
      </Alert>
    </Stack>
  );
}
