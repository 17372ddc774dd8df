/**
 * Plans the user can see: their own unit's and below, and their superiors' (the plans they
 * implement). Filters live in the URL so the back button returns to the same list; a table on
 * desktop, cards on phones.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { PlanSummary } from '@binhdang/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { QueryError } from '../ui/errors.tsx';
import { planListQuery, type PlanKind, type PlanScope, type PlanStatus } from './api.ts';
import { formatPeriod } from './format.ts';
import { StatusBadge } from './PlanBits.tsx';
import { KINDS, STATUSES, validatePlanListSearch, type PlanListSearch } from './search.ts';

const route = getRouteApi('/app/plans');
const PAGE = 50;

export function PlanListPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/plans' });
  const canWrite = useCan('plan.write');
  const wide = useMediaQuery('(min-width: 62em)');
  const [text, setText] = useState(search.q ?? '');
  const page = search.page ?? 1;

  const setSearch = (patch: Partial<PlanListSearch>) =>
    void navigate({ search: (prev) => validatePlanListSearch({ ...prev, page: undefined, ...patch }), replace: true });
  const setQ = useDebouncedCallback((q: string) => setSearch({ q: q.trim() || undefined }), 300);

  const plans = useQuery(
    planListQuery({
      scope: search.scope ?? 'visible',
      kind: search.kind,
      status: search.status,
      year: search.year,
      q: search.q,
      limit: PAGE,
      offset: (page - 1) * PAGE,
    }),
  );
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 14 }, (_, i) => String(thisYear + 4 - i));

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('plans.listTitle')}
        </Title>
        {canWrite && (
          <Group gap="xs">
            <Button
              variant="light"
              leftSection={<IconFileImport size={16} aria-hidden />}
              renderRoot={(p) => <Link to="/plans/import" {...p} />}
            >
              {t('plans.import')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              renderRoot={(p) => <Link to="/plans/new" {...p} />}
            >
              {t('plans.create')}
            </Button>
          </Group>
        )}
      </Group>

      <Stack gap="sm">
        <SegmentedControl
          aria-label={t('plans.scope')}
          data-testid="plan-scope"
          fullWidth={!wide}
          style={{ alignSelf: wide ? 'flex-start' : undefined }}
          data={[
            { value: 'visible', label: t('plans.scopeVisible') },
            { value: 'subtree', label: t('plans.scopeSubtree') },
            { value: 'superiors', label: t('plans.scopeSuperiors') },
          ]}
          value={search.scope ?? 'visible'}
          onChange={(v) => setSearch({ scope: v as PlanScope })}
        />
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <TextInput
            style={wide ? undefined : { gridColumn: 'span 2' }}
            label={t('plans.search')}
            placeholder={t('plans.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={
              plans.isFetching ? (
                <Loader size={14} />
              ) : text ? (
                <CloseButton
                  size="sm"
                  aria-label={t('app.close')}
                  onClick={() => {
                    setText('');
                    setSearch({ q: undefined });
                  }}
                />
              ) : null
            }
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setQ(e.currentTarget.value);
            }}
            type="search"
            enterKeyHint="search"
          />
          <Select
            label={t('plans.kind')}
            placeholder={t('plans.anyKind')}
            clearable
            data={KINDS.map((k) => ({ value: k, label: t(`plans.kinds.${k}`) }))}
            value={search.kind ?? null}
            onChange={(v) => setSearch({ kind: (v as PlanKind | null) ?? undefined })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('plans.status')}
            placeholder={t('plans.anyStatus')}
            clearable
            data={STATUSES.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
            value={search.status ?? null}
            onChange={(v) => setSearch({ status: (v as PlanStatus | null) ?? undefined })}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('plans.year')}
            placeholder={t('plans.anyYear')}
            clearable
            data={years}
            value={search.year ? String(search.year) : null}
            onChange={(v) => setSearch({ year: v ? Number(v) : undefined })}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
      </Stack>

      {plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : !plans.data ? (
        <Stack gap={6}>
          <Skeleton h={64} />
          <Skeleton h={64} />
          <Skeleton h={64} />
        </Stack>
      ) : plans.data.items.length === 0 ? (
        <Text c="dimmed">{t('plans.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('plans.count', { count: plans.data.total })}
          </Text>
          {wide ? <PlanTable plans={plans.data.items} /> : <PlanCards plans={plans.data.items} />}
          {plans.data.total > PAGE && (
            <Pagination
              total={Math.ceil(plans.data.total / PAGE)}
              value={page}
              onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** "183/KH-UBND"; a number left blank in the text ("/KH-UBND") keeps its symbol. */
function PlanNumber({ plan, size }: { plan: PlanSummary; size: 'sm' | 'xs' }) {
  const { t } = useTranslation();
  return plan.number ? (
    <Text size={size} ff="monospace" span>
      {plan.number.replace(/^\//, '…/')}
    </Text>
  ) : (
    <Text size={size} c="dimmed" span>
      {t('plans.noNumber')}
    </Text>
  );
}

function NumberDate({ plan }: { plan: PlanSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">
        <PlanNumber plan={plan} size="sm" />
      </Text>
      <Text size="xs" c="dimmed">
        {plan.issuedOn ? formatDate(plan.issuedOn) : t('plans.noDate')}
      </Text>
    </>
  );
}

function PlanTable({ plans }: { plans: PlanSummary[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="plans-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('plans.issuer')}</Table.Th>
            <Table.Th>{t('plans.numberDate')}</Table.Th>
            <Table.Th>{t('plans.planTitle')}</Table.Th>
            <Table.Th>{t('plans.period')}</Table.Th>
            <Table.Th>{t('plans.status')}</Table.Th>
            <Table.Th ta="right">{t('plans.targetCount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((p) => (
            <Table.Tr key={p.id} data-testid="plan-row" data-status={p.status} data-org={p.orgUnitCode}>
              <Table.Td maw={200}>
                <Text size="sm" fw={600}>
                  {p.orgUnitName}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {p.orgUnitCode}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <NumberDate plan={p} />
              </Table.Td>
              <Table.Td>
                <Anchor size="sm" fw={600} renderRoot={(r) => <Link to="/plans/$id" params={{ id: p.id }} {...r} />}>
                  {p.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`plans.kinds.${p.kind}`)}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPeriod(p.periodFrom, p.periodTo)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td ta="right">
                <Badge variant="light" color="blue" title={t('plans.targetCountText', { count: p.targetCount })}>
                  {p.targetCount}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PlanCards({ plans }: { plans: PlanSummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {plans.map((p) => (
        <Card
          component="li"
          key={p.id}
          withBorder
          padding="sm"
          data-testid="plan-row"
          data-status={p.status}
          data-org={p.orgUnitCode}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Text size="xs" c="dimmed" miw={0}>
              {p.orgUnitName} · <span style={{ fontFamily: 'monospace' }}>{p.orgUnitCode}</span>
            </Text>
            <StatusBadge status={p.status} />
          </Group>
          <Anchor mt={4} fw={600} size="sm" renderRoot={(r) => <Link to="/plans/$id" params={{ id: p.id }} {...r} />}>
            {p.title}
          </Anchor>
          <Group gap="xs" mt={6}>
            <PlanNumber plan={p} size="xs" />
            <Text size="xs" c="dimmed">
              {p.issuedOn ? formatDate(p.issuedOn) : t('plans.noDate')}
            </Text>
            <Text size="xs" c="dimmed">
              · {formatPeriod(p.periodFrom, p.periodTo)}
            </Text>
            <Badge size="sm" variant="light" color="blue">
              {t('plans.targetCountText', { count: p.targetCount })}
            </Badge>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
