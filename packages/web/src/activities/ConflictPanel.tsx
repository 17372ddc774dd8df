/**
 * A queued edit the server refused as stale (409): both versions side by side, and the user
 * chooses. Until then the queued change stays on the device — nothing is dropped silently.
 */
import { Alert, Button, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@binhdang/domain';
import { discard, keepMine, type QueueItem } from '../offline/queue.ts';
import { offlineDb, syncNow } from '../offline/sync.ts';
import { FIELD_LABELS, useFormatField } from './display.tsx';

export function ConflictPanel({ item, server }: { item: QueueItem; server: Activity | null | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const theirs = item.current ?? server ?? null;
  const fmt = useFormatField(Number((theirs?.startDate ?? '').slice(0, 4)) || undefined);
  const [busy, setBusy] = useState(false);
  const mine: Record<string, unknown> = { ...(theirs ?? {}), ...item.body };
  const theirsRec = theirs as Record<string, unknown> | null;
  const changed = Object.keys(FIELD_LABELS).filter(
    (f) => JSON.stringify(mine[f] ?? null) !== JSON.stringify(theirsRec?.[f] ?? null),
  );

  const onKeepMine = async () => {
    setBusy(true);
    try {
      await keepMine(offlineDb(), item.activityId, theirs);
      await syncNow({ only: item.activityId, force: true });
    } finally {
      setBusy(false);
    }
  };
  const onTakeTheirs = async () => {
    setBusy(true);
    try {
      await discard(offlineDb(), item.activityId);
      if (theirs) qc.setQueryData(['activity', item.activityId], theirs);
      await qc.invalidateQueries({ queryKey: ['activity', item.activityId] });
      await qc.invalidateQueries({ queryKey: ['activities'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="red" variant="light" title={t('activities.conflictTitle')} data-testid="conflict">
      <Stack gap="sm">
        <Text size="sm">
          {item.message ? `${item.message}. ` : ''}
          {t('activities.conflictText')}
        </Text>
        <Table.ScrollContainer minWidth={300}>
          <Table withTableBorder withColumnBorders fz="sm" data-testid="conflict-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('activities.field')}</Table.Th>
                <Table.Th>{t('activities.mine')}</Table.Th>
                <Table.Th>{t('activities.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changed.map((f) => (
                <Table.Tr key={f} data-field={f}>
                  <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {t(FIELD_LABELS[f] ?? 'activities.field')}
                  </Table.Td>
                  <Table.Td data-testid="conflict-mine">{fmt(f, mine[f])}</Table.Td>
                  <Table.Td data-testid="conflict-theirs">{fmt(f, theirsRec?.[f])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button color="red" onClick={() => void onKeepMine()} loading={busy} disabled={!theirs}>
            {t('activities.keepMine')}
          </Button>
          <Button variant="default" onClick={() => void onTakeTheirs()} disabled={busy}>
            {t('activities.takeTheirs')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Alert>
  );
}
