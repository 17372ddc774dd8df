/** The current unit's facts: code, path, validity (dd/mm/yyyy) and successor. */
import { Anchor, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnitWithAncestors } from '../api/types.ts';
import { formatDate } from '../i18n/format.ts';
import { unitQuery } from './api.ts';
import { formatPath } from './UnitList.tsx';
import classes from './org.module.css';

export function UnitDetails({ unit }: { unit: OrgUnitWithAncestors }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [
      t('org.code'),
      <Text span ff="monospace" size="sm">
        {unit.code}
      </Text>,
    ],
    [t('org.kind'), t(`kind.${unit.kind}`)],
    [t('org.unitType'), unit.unitType ?? t('app.none')],
    [t('org.fullName'), unit.fullName ?? t('app.none')],
    [t('org.nameEn'), unit.nameEn ?? t('app.none')],
    [
      t('org.path'),
      <Text span ff="monospace" size="sm">
        {formatPath(unit.path)}
      </Text>,
    ],
    [t('org.validFrom'), formatDate(unit.validFrom)],
    [t('org.validTo'), formatDate(unit.validTo)],
    [t('org.successor'), unit.successorId ? <Successor id={unit.successorId} /> : t('app.none')],
    [t('org.children'), String(unit.childCount)],
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-details-title">
      <Title order={2} size="h5" mb="sm" id="unit-details-title">
        {t('org.details')}
      </Title>
      <dl className={classes.details} data-testid="unit-details">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Paper>
  );
}

/** The successor may lie outside the user's scope; then only its id can be shown. */
function Successor({ id }: { id: string }) {
  const successor = useQuery(unitQuery(id));
  if (!successor.data)
    return (
      <Text span size="sm" ff="monospace">
        {id.slice(0, 8)}…
      </Text>
    );
  return (
    <Anchor
      size="sm"
      renderRoot={(p) => <Link to="/org/$idOrCode" params={{ idOrCode: successor.data.code }} {...p} />}
    >
      {successor.data.name} ({successor.data.code})
    </Anchor>
  );
}
