/**
 * Org-unit explorer: one unit at a time (URL /org/<code>), its breadcrumb, its sub-units by
 * kind, a search over the user's whole scope and, for admins, the commands that change the tree.
 */
import {
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  CloseButton,
  Grid,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../auth/api.ts';
import type { OrgUnitWithAncestors } from '../api/types.ts';
import { formatDate } from '../i18n/format.ts';
import { QueryError } from '../ui/errors.tsx';
import { unitListQuery, unitQuery, type UnitStatus } from './api.ts';
import { UnitActions } from './UnitActions.tsx';
import { UnitDetails } from './UnitDetails.tsx';
import { UnitList, isClosed } from './UnitList.tsx';

const route = getRouteApi('/app/org/$idOrCode');

export function OrgExplorerPage() {
  const { t } = useTranslation();
  const { idOrCode } = route.useParams();
  const me = useMe();
  const canManage = useCan('org.manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [showClosed, setShowClosed] = useState(false);
  const status: UnitStatus = showClosed ? 'all' : 'active';

  const unit = useQuery(unitQuery(idOrCode));
  const children = useQuery({ ...unitListQuery({ parent: idOrCode, status }), enabled: unit.isSuccess && !q });
  const results = useQuery({ ...unitListQuery({ q, status, limit: 200 }), enabled: q.length > 0 });

  if (unit.isError) {
    // Out of scope or unknown: say so, show nothing of the unit, and offer the way back.
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('org.title')}
        </Title>
        <QueryError error={unit.error}>
          <Button
            size="xs"
            variant="light"
            renderRoot={(p) => <Link to="/org/$idOrCode" params={{ idOrCode: me.orgUnit.code }} {...p} />}
          >
            {t('org.backToMine')}
          </Button>
        </QueryError>
      </Stack>
    );
  }

  const current = unit.data;
  return (
    <Stack gap="md">
      {current ? <UnitHeader unit={current} /> : <Skeleton h={72} />}
      {current && canManage && <UnitActions unit={current} ownPath={me.orgUnit.path} />}

      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          flex="1 1 260px"
          label={t('org.search')}
          description={t('org.searchScope')}
          placeholder={t('org.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            search ? <CloseButton size="sm" aria-label={t('app.close')} onClick={() => setSearch('')} /> : null
          }
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          enterKeyHint="search"
        />
        <Switch
          label={t('org.showClosed')}
          checked={showClosed}
          onChange={(e) => setShowClosed(e.currentTarget.checked)}
          mb={6}
        />
      </Group>

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {q ? (
            <Box component="section" aria-live="polite">
              <Group gap="xs" mb="xs">
                <Title order={2} size="h5">
                  {t('org.searchResults', { count: results.data?.total ?? 0 })}
                </Title>
                {results.isFetching && <Loader size="xs" />}
              </Group>
              {results.isError ? (
                <QueryError error={results.error} onRetry={() => void results.refetch()} />
              ) : results.data && results.data.items.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('org.noResults')}
                </Text>
              ) : (
                <UnitList units={results.data?.items ?? []} showPath onNavigate={() => setSearch('')} />
              )}
            </Box>
          ) : (
            <Box component="section">
              <Group gap="xs" mb="xs" justify="space-between">
                <Title order={2} size="h5">
                  {t('org.children')}
                </Title>
                {children.data && children.data.total > children.data.items.length && (
                  <Text size="xs" c="dimmed">
                    {t('org.shown', { shown: children.data.items.length, total: children.data.total })}
                  </Text>
                )}
              </Group>
              {children.isError ? (
                <QueryError error={children.error} onRetry={() => void children.refetch()} />
              ) : !children.data ? (
                <Stack gap={6}>
                  <Skeleton h={52} />
                  <Skeleton h={52} />
                  <Skeleton h={52} />
                </Stack>
              ) : children.data.items.length === 0 ? (
                <Paper withBorder p="md">
                  <Text c="dimmed" size="sm">
                    {t('org.noChildren')}
                  </Text>
                </Paper>
              ) : (
                <UnitList units={children.data.items} />
              )}
            </Box>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{current && <UnitDetails unit={current} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}

function UnitHeader({ unit }: { unit: OrgUnitWithAncestors }) {
  const { t, i18n } = useTranslation();
  const closed = isClosed(unit);
  return (
    <Stack gap={6}>
      <Box component="nav" aria-label={t('org.breadcrumb')}>
        <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', rowGap: 4 } }}>
          {unit.ancestors.map((a) => (
            <Anchor
              key={a.id}
              size="sm"
              renderRoot={(p) => <Link to="/org/$idOrCode" params={{ idOrCode: a.code }} {...p} />}
            >
              {a.name}
            </Anchor>
          ))}
          <Text size="sm" c="dimmed" aria-current="page">
            {unit.name}
          </Text>
        </Breadcrumbs>
      </Box>
      <Box>
        <Title order={1} size="h2" data-testid="unit-title">
          {unit.name}
        </Title>
        {i18n.language === 'en' && unit.nameEn && unit.nameEn !== unit.name && (
          <Text c="dimmed" size="sm" lang="en">
            {unit.nameEn}
          </Text>
        )}
        <Group gap={6} mt={4}>
          <Badge variant="light">{t(`kind.${unit.kind}`)}</Badge>
          <Badge variant="outline" color="gray" ff="monospace">
            {unit.code}
          </Badge>
          {closed && (
            <Badge color="red" variant="light">
              {t('org.closedOn', { date: formatDate(unit.validTo) })}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t('org.childCount', { count: unit.childCount })}
          </Text>
        </Group>
      </Box>
    </Stack>
  );
}
