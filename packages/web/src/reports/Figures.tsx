/**
 * The report's figures, read-only: totals, targets with their status, and the data tables
 * (by kind, channel, audience; products, news items, campaigns, costs; per subordinate unit for a
 * consolidated report), each saying where its numbers come from.
 */
import { Badge, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { ReportFigures, ReportTable } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format.ts';
import {
  formatCount,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  indicatorColor,
  withUnit,
  type Lang,
} from './format.ts';
import { useLang } from './ReportBits.tsx';

const KNOWN_STATUSES = ['achieved', 'met', 'on_track', 'at_risk', 'behind', 'off_track', 'no_data'] as const;
function isKnownStatus(s: string): s is (typeof KNOWN_STATUSES)[number] {
  return (KNOWN_STATUSES as readonly string[]).includes(s);
}

type Cell = string | number | boolean | null | undefined;

function cellText(value: Cell, type: 'text' | 'count' | 'money' | 'bool', lang: Lang, yesNo: [string, string]) {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'bool') return value ? yesNo[0] : yesNo[1];
  if (typeof value === 'number') return type === 'money' ? formatMoney(value, lang) : formatCount(value, lang);
  return String(value);
}

function Stat(props: { label: string; value: string; detail?: string; testId: string; small?: boolean }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={props.testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fw={700} fz={props.small ? 'md' : 'xl'} data-testid={`${props.testId}-value`}>
        {props.value}
      </Text>
      {props.detail && (
        <Text size="xs" c="dimmed" data-testid={`${props.testId}-detail`}>
          {props.detail}
        </Text>
      )}
    </Paper>
  );
}

export function Totals({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  const x = figures.totals;
  const cost = x.costStateBudget + x.costMobilised + x.costInternational;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" data-testid="report-totals">
      <Stat testId="total-activities" label={t('reports.totalsActivities')} value={formatCount(x.activities, lang)} />
      <Stat testId="total-sessions" label={t('reports.totalsSessions')} value={formatCount(x.sessions, lang)} />
      <Stat
        testId="total-participants"
        label={t('reports.totalsParticipants')}
        value={formatCount(x.participantsTotal, lang)}
        detail={t('reports.participantsSplit', {
          female: formatCount(x.participantsFemale, lang),
          male: formatCount(x.participantsMale, lang),
        })}
      />
      <Stat testId="total-news" label={t('reports.totalsNews')} value={formatCount(x.newsItems, lang)} />
      <Stat testId="total-products" label={t('reports.totalsProducts')} value={formatCount(x.products, lang)} />
      <Stat
        testId="total-cost"
        label={t('reports.totalsCost')}
        value={formatMoneyShort(cost, lang)}
        small
        detail={t('reports.costSplit', {
          state: formatCount(x.costStateBudget, lang),
          mobilised: formatCount(x.costMobilised, lang),
          international: formatCount(x.costInternational, lang),
        })}
      />
    </SimpleGrid>
  );
}

export function Indicators({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ind = figures.indicators;
  const note = lang === 'en' ? ind.noteEn : ind.noteVi;
  return (
    <Stack gap="xs" data-testid="report-indicators">
      <Title order={3} size="h5">
        {t('reports.indicators')}
      </Title>
      {note && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
      {ind.items.length === 0 ? (
        !note && (
          <Text size="sm" c="dimmed">
            {t('reports.indicatorsNone')}
          </Text>
        )
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {ind.items.map((it) => {
            const statusLabel = isKnownStatus(it.status) ? t(`reports.indicatorStatus.${it.status}`) : it.status;
            return (
              <Card
                component="li"
                key={it.targetId}
                withBorder
                padding="xs"
                data-testid="report-indicator"
                data-status={it.status}
                style={{ borderLeft: `4px solid var(--mantine-color-${indicatorColor(it.status)}-6)` }}
              >
                <Text size="sm">
                  <Text span fw={700} inherit>
                    {it.code ?? `${t('reports.target')} ${it.number}`}.
                  </Text>{' '}
                  {it.text}
                </Text>
                <Group gap="xs" mt={4} align="center">
                  <Badge color={indicatorColor(it.status)} variant="light">
                    {statusLabel}
                  </Badge>
                  <Text size="xs">
                    {t('reports.value')}:{' '}
                    <Text span fw={700} inherit data-testid="indicator-value">
                      {withUnit(it.value, it.unit, lang)}
                    </Text>
                    {it.numerator !== null && it.denominator !== null && (
                      <Text span c="dimmed" inherit>
                        {' '}
                        ({formatCount(it.numerator, lang)}/{formatCount(it.denominator, lang)})
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('reports.milestone')}: {withUnit(it.target, it.unit, lang)}
                  </Text>
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

export function FigureTable({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const lang = useLang();
  const yesNo: [string, string] = [t('reports.yes'), t('reports.no')];
  const label = (c: { labelVi: string; labelEn: string }) => (lang === 'en' ? c.labelEn : c.labelVi);
  const numeric = (type: string) => type === 'count' || type === 'money';
  const source = table.key === 'subordinates' ? t('reports.sourceSubordinates') : t('reports.sourceActivities');
  // Phones get small type and wrapping headers, so the numbers stay on screen beside the names.
  const phone = useMediaQuery('(max-width: 36em)');
  const others = table.columns.length - 1;
  const minWidth = phone ? 110 + others * 58 : Math.min(900, 140 + table.columns.length * 110);
  return (
    <Stack gap={4} data-testid="report-table" data-table={table.key}>
      <Title order={3} size="h5">
        {lang === 'en' ? table.titleEn : table.titleVi}
      </Title>
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.tableEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table
            striped
            withTableBorder
            verticalSpacing={4}
            horizontalSpacing={phone ? 6 : 'sm'}
            fz={phone ? 'xs' : 'sm'}
          >
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th
                    key={c.key}
                    ta={numeric(c.type) ? 'right' : undefined}
                    style={c.type === 'text' || phone ? undefined : { whiteSpace: 'nowrap' }}
                  >
                    {label(c)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((r) => (
                <Table.Tr key={r.key} data-testid="report-table-row" data-row={r.key}>
                  {table.columns.map((c) => (
                    <Table.Td
                      key={c.key}
                      ta={numeric(c.type) ? 'right' : undefined}
                      data-col={c.key}
                      style={numeric(c.type) ? { whiteSpace: 'nowrap' } : phone ? undefined : { minWidth: 160 }}
                    >
                      {cellText(r.cells[c.key], c.type, lang, yesNo)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {table.total && (
              <Table.Tfoot>
                <Table.Tr data-testid="report-table-total" fw={700}>
                  {table.columns.map((c, i) => (
                    <Table.Td
                      key={c.key}
                      ta={numeric(c.type) ? 'right' : undefined}
                      data-col={c.key}
                      style={numeric(c.type) ? { whiteSpace: 'nowrap' } : undefined}
                    >
                      {i === 0 && !numeric(c.type)
                        ? t('reports.tableTotal')
                        : cellText(table.total?.cells[c.key], c.type, lang, yesNo)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed" fs="italic">
        {t('reports.source', { source })}
      </Text>
    </Stack>
  );
}

/** Where the figures come from: the cut-off window, when they were computed, how many activities. */
export function FiguresSource(props: { figures: ReportFigures; live: boolean }) {
  const { t } = useTranslation();
  const f = props.figures;
  const args = {
    count: f.sources.activityCount,
    from: formatDate(f.window.from),
    to: formatDate(f.window.to),
    at: formatDateTime(f.computedAt),
  };
  const reports = f.sources.subordinateReportIds.length;
  return (
    <Text size="sm" c="dimmed" data-testid="figures-source">
      {reports > 0 && props.live
        ? t('reports.figuresLiveConsolidated', { ...args, reports })
        : props.live
          ? t('reports.figuresLive', args)
          : t('reports.figuresSnapshot', args)}
      {reports > 0 && !props.live ? ` ${t('reports.figuresConsolidated', { count: reports })}` : ''}
    </Text>
  );
}

export function CampaignPlans({ figures }: { figures: ReportFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (figures.campaignPlans.length === 0) return null;
  return (
    <Stack gap={4} data-testid="report-campaign-plans">
      <Title order={3} size="h5">
        {t('reports.campaignPlans')}
      </Title>
      <List spacing={4} size="sm" center>
        {figures.campaignPlans.map((c) => (
          <List.Item
            key={c.campaignCode}
            icon={
              <ThemeIcon size={20} radius="xl" color={c.recorded ? 'green' : 'red'} variant="light">
                {c.recorded ? <IconCheck size={14} aria-hidden /> : <IconX size={14} aria-hidden />}
              </ThemeIcon>
            }
          >
            {lang === 'en' ? c.nameEn : c.nameVi}:{' '}
            {c.recorded ? t('reports.campaignPlanRecorded') : t('reports.campaignPlanMissing')}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
