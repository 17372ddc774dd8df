/**
 * Child units × targets: sortable by name or any target, each cell coloured by status and
 * marked with its status icon (colour is never the only cue), the unit name drills down.
 */
import { Anchor, Group, ScrollArea, Switch, Table, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconSearch } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { foldForSearch, type ChildMatrix, type IndicatorStatus } from '@binhdang/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './indicators.module.css';
import { compareCells, formatNumber, formatValue, STATUS_COLOR } from './model.ts';
import type { IndicatorsSearch } from './search.ts';
import { STATUS_ICON } from './StatusBits.tsx';

type Cell = ChildMatrix['rows'][number]['cells'][number];
type Target = ChildMatrix['targets'][number];

interface ChildrenTableProps {
  matrix: ChildMatrix;
  search: IndicatorsSearch;
  planOf?: (planId: string) => string | null;
}

export function ChildrenTable({ matrix, search, planOf }: ChildrenTableProps) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  const [filter, setFilter] = useState('');
  const [onlyOff, setOnlyOff] = useState(false);
  const collator = useMemo(() => new Intl.Collator(i18n.language === 'en' ? 'en' : 'vi'), [i18n.language]);

  const rows = useMemo(() => {
    const q = foldForSearch(filter.trim());
    const cellOf = (r: ChildMatrix['rows'][number], id: string) => r.cells.find((c) => c.targetId === id);
    const out = matrix.rows.filter(
      (r) =>
        (!q || foldForSearch(`${r.orgUnit.name} ${r.orgUnit.code}`).includes(q)) &&
        (!onlyOff || r.cells.some((c) => c.status === 'off_track' || c.status === 'at_risk')),
    );
    out.sort((a, b) =>
      sort.key === 'name'
        ? collator.compare(a.orgUnit.name, b.orgUnit.name) * sort.dir
        : compareCells(cellOf(a, sort.key)?.value ?? null, cellOf(b, sort.key)?.value ?? null, sort.dir) ||
          collator.compare(a.orgUnit.name, b.orgUnit.name),
    );
    return out;
  }, [matrix.rows, filter, onlyOff, sort, collator]);

  if (matrix.rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('indicators.children.none')}
      </Text>
    );
  }

  const manyPlans = new Set(matrix.targets.map((tg) => tg.planId)).size > 1;
  const toggle = (key: string) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === 'name' ? 1 : -1 }));
  const header = (key: string, label: string, title?: string) => {
    const active = sort.key === key;
    const Icon = !active ? IconArrowsSort : sort.dir === 1 ? IconArrowUp : IconArrowDown;
    return (
      <UnstyledButton
        onClick={() => toggle(key)}
        className={classes.sortButton}
        aria-label={t('indicators.children.sortBy', { column: title ?? label })}
        data-testid={`sort-${key}`}
      >
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    );
  };

  return (
    <>
      <Group gap="sm" align="flex-end">
        <TextInput
          aria-label={t('indicators.children.filter')}
          placeholder={t('indicators.children.filter')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
        />
        <Switch
          label={t('indicators.children.onlyOff')}
          checked={onlyOff}
          onChange={(e) => setOnlyOff(e.currentTarget.checked)}
          data-testid="only-off"
        />
        <Text size="sm" c="dimmed" ml="auto">
          {t('indicators.children.shown', { count: rows.length, total: matrix.rows.length })}
        </Text>
      </Group>
      <ScrollArea type="auto" offsetScrollbars data-testid="children-scroll">
        <Table className={classes.matrix} withTableBorder verticalSpacing={6} data-testid="children-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className={classes.sticky}>{header('name', t('indicators.children.unit'))}</Table.Th>
              {matrix.targets.map((tg) => (
                <Table.Th key={tg.targetId} ta="right">
                  <Tooltip label={tg.targetText} multiline w={320} withinPortal>
                    <span>
                      {header(
                        tg.targetId,
                        manyPlans
                          ? t('indicators.targetShort', { n: tg.targetNumber })
                          : t('indicators.targetN', { n: tg.targetNumber }),
                        tg.targetText,
                      )}
                      {manyPlans && (
                        <Text size="xs" c="dimmed" fw={400} ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {planOf?.(tg.planId)?.split(/ · |: /)[0]}
                        </Text>
                      )}
                    </span>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr className={classes.totalRow} data-testid="children-total">
              <Table.Td className={classes.sticky}>
                {t('indicators.children.total')}: {matrix.orgUnit.name}
              </Table.Td>
              {matrix.targets.map((tg) => (
                <StatusCell key={tg.targetId} target={tg} cell={matrix.total.find((c) => c.targetId === tg.targetId)} />
              ))}
            </Table.Tr>
            {rows.map((r) => (
              <Table.Tr key={r.orgUnit.id} data-testid="child-row" data-code={r.orgUnit.code}>
                <Table.Td className={classes.sticky}>
                  <Anchor
                    size="sm"
                    renderRoot={(p) => <Link to="/indicators" search={{ ...search, org: r.orgUnit.code }} {...p} />}
                    title={t('indicators.children.drill', { name: r.orgUnit.name })}
                    data-testid="drill"
                  >
                    {r.orgUnit.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {r.orgUnit.code}
                    {r.orgUnit.childCount > 0 ? ` · ${formatNumber(r.orgUnit.childCount, i18n.language)} ↓` : ''}
                  </Text>
                </Table.Td>
                {matrix.targets.map((tg) => (
                  <StatusCell key={tg.targetId} target={tg} cell={r.cells.find((c) => c.targetId === tg.targetId)} />
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </>
  );
}

function StatusCell({ target, cell }: { target: Target; cell: Cell | undefined }) {
  const { t, i18n } = useTranslation();
  const status: IndicatorStatus = cell?.status ?? 'no_data';
  const Icon = STATUS_ICON[status];
  const color = STATUS_COLOR[status];
  const fraction =
    cell && cell.numerator !== null && cell.denominator !== null
      ? ` (${formatNumber(cell.numerator, i18n.language)}/${formatNumber(cell.denominator, i18n.language)})`
      : '';
  const label = t(`indicators.status.${status}`);
  return (
    <Table.Td
      className={classes.cell}
      bg={status === 'no_data' ? undefined : `var(--mantine-color-${color}-light)`}
      c={status === 'no_data' ? 'dimmed' : `var(--mantine-color-${color}-light-color)`}
      title={`${label}${fraction}`}
      data-status={status}
      data-target={target.targetNumber}
      data-target-id={target.targetId}
    >
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Text span size="sm" fw={600} inherit>
          {formatValue(cell?.value ?? null, target, i18n.language)}
        </Text>
        <Icon size={14} aria-label={label} role="img" />
      </Group>
    </Table.Td>
  );
}
