/** Org units as a list of touchable rows, grouped under their kind: readable on a 360 px phone. */
import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { OrgKind, OrgUnit } from '../api/types.ts';
import { formatDate } from '../i18n/format.ts';
import classes from './org.module.css';

/** A unit is closed once its end date has passed (the server's rule: valid_to ≤ today). */
export function isClosed(u: Pick<OrgUnit, 'validTo'>): boolean {
  return u.validTo !== null && u.validTo <= new Date().toISOString().slice(0, 10);
}

/** Path "VN.12.03394" as "VN › 12 › 03394". */
export function formatPath(path: string): string {
  return path.split('.').join(' › ');
}

interface UnitListProps {
  units: OrgUnit[];
  /** Search results come from all over the subtree: show where each one sits. */
  showPath?: boolean;
  onNavigate?: () => void;
}

/** Group order: administrative levels first, villages right after their commune's level. */
const KIND_ORDER: readonly OrgKind[] = [
  'central',
  'province',
  'department',
  'district',
  'commune',
  'village',
  'media_agency',
  'agency',
  'mass_org',
  'enterprise',
];

export function UnitList({ units, showPath = false, onNavigate }: UnitListProps) {
  const { t } = useTranslation();
  const byKind = new Map<OrgKind, OrgUnit[]>();
  for (const u of units) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
  const groups = KIND_ORDER.filter((k) => byKind.has(k)).map((kind) => ({ kind, units: byKind.get(kind) ?? [] }));
  return (
    <Stack gap="md">
      {groups.map((g) => (
        <Box component="section" key={g.kind} aria-label={t(`kind.${g.kind}`)}>
          <Group gap={6} mb={6}>
            <Text size="sm" fw={700} tt="uppercase" c="dimmed" component="h3" m={0}>
              {t(`kind.${g.kind}`)}
            </Text>
            <Badge size="sm" variant="light" color="gray">
              {g.units.length}
            </Badge>
          </Group>
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {g.units.map((u) => (
              <li key={u.id}>
                <UnitRow unit={u} showPath={showPath} onNavigate={onNavigate} />
              </li>
            ))}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

function UnitRow({ unit, showPath, onNavigate }: { unit: OrgUnit; showPath: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const closed = isClosed(unit);
  return (
    <Link
      to="/org/$idOrCode"
      params={{ idOrCode: unit.code }}
      className={closed ? `${classes.row} ${classes.closed}` : classes.row}
      onClick={onNavigate}
      data-testid="org-unit-row"
      data-code={unit.code}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Box miw={0}>
          <Text fw={600} size="sm" c={closed ? 'dimmed' : undefined}>
            {unit.name}
          </Text>
          <Group gap={6} mt={2}>
            <Text size="xs" ff="monospace" c="dimmed">
              {unit.code}
            </Text>
            {unit.unitType && (
              <Text size="xs" c="dimmed">
                · {unit.unitType}
              </Text>
            )}
            {closed && (
              <Badge size="xs" color="gray" variant="outline">
                {t('org.closedOn', { date: formatDate(unit.validTo) })}
              </Badge>
            )}
          </Group>
          {showPath && (
            <Text size="xs" c="dimmed" mt={2}>
              {formatPath(unit.path)}
            </Text>
          )}
        </Box>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {unit.childCount > 0 && (
            <Badge variant="light" size="sm" title={t('org.childCount', { count: unit.childCount })}>
              {unit.childCount}
            </Badge>
          )}
          <IconChevronRight size={18} color="var(--mantine-color-gray-5)" aria-hidden />
        </Group>
      </Group>
    </Link>
  );
}
