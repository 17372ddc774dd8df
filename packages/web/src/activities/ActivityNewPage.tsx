/**
 * /activities/new: record an activity (optionally a copy of an earlier one: ?from=<id>). After a
 * save the page offers "record another" at once, with the last kind, channel and audiences.
 */
import { Alert, Button, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCloudUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@binhdang/domain';
import { useMe } from '../auth/api.ts';
import { offlineDb } from '../offline/sync.ts';
import { activityQuery } from './api.ts';
import { ActivityForm } from './ActivityForm.tsx';
import {
  duplicateValues,
  emptyValues,
  loadLastChoices,
  newId,
  saveLastChoices,
  type ActivityFormValues,
} from './form.ts';

const route = getRouteApi('/app/activities/new');

export function ActivityNewPage() {
  const { from } = route.useSearch();
  return from ? <DuplicateEntry from={from} /> : <NewEntry initial={null} />;
}

/** The source of a copy: the server record, or the queued create if it was never sent. */
function DuplicateEntry({ from }: { from: string }) {
  const { t } = useTranslation();
  const queued = useQuery({
    queryKey: ['activity-queued', from],
    queryFn: async () => (await offlineDb().queue.get(from)) ?? null,
  });
  const isQueuedCreate = queued.data?.op === 'create';
  const server = useQuery({ ...activityQuery(from), enabled: queued.isSuccess && !isQueuedCreate });
  if (queued.isPending || (!isQueuedCreate && server.isPending)) return <Loader />;
  const source = isQueuedCreate ? (queued.data?.body as unknown as Activity) : server.data;
  if (!source) return <Alert color="red">{t('activities.notFound')}</Alert>;
  return <NewEntry initial={duplicateValues(source)} duplicated />;
}

function NewEntry({ initial, duplicated }: { initial: ActivityFormValues | null; duplicated?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const fresh = () =>
    emptyValues({ last: loadLastChoices(), communeCode: me.orgUnit.kind === 'commune' ? me.orgUnit.code : null });
  const [entry, setEntry] = useState(() => ({ id: newId(), values: initial ?? fresh(), n: 0 }));
  const [done, setDone] = useState<{ title: string; queued: boolean; id: string } | null>(null);

  const another = () => {
    setDone(null);
    setEntry((e) => ({ id: newId(), values: fresh(), n: e.n + 1 }));
  };

  if (done) {
    return (
      <Stack gap="md" maw={560} mx="auto">
        <Card withBorder padding="lg" data-testid="activity-saved">
          <Stack gap="sm" align="center">
            {done.queued ? (
              <IconCloudUpload size={40} color="var(--mantine-color-orange-6)" />
            ) : (
              <IconCheck size={40} color="var(--mantine-color-green-6)" />
            )}
            <Text fw={600} ta="center">
              {done.queued ? t('activities.savedOffline') : t('activities.saved')}
            </Text>
            <Text c="dimmed" ta="center">
              {done.title}
            </Text>
            <Button size="lg" fullWidth onClick={another} autoFocus>
              {t('activities.recordAnother')}
            </Button>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" w="100%">
              <Button variant="default" renderRoot={(p) => <Link to="/activities" {...p} />}>
                {t('activities.viewList')}
              </Button>
              <Button
                variant="default"
                renderRoot={(p) => <Link to="/activities/new" search={{ from: done.id }} {...p} />}
              >
                {t('activities.duplicate')}
              </Button>
            </SimpleGrid>
          </Stack>
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="sm" maw={560} mx="auto">
      <ActivityForm
        key={entry.n}
        mode="new"
        userId={me.user.id}
        activityId={entry.id}
        initial={entry.values}
        header={
          <Stack gap={4}>
            <Title order={2}>{t('activities.newTitle')}</Title>
            {duplicated && (
              <Text c="dimmed" size="sm">
                {t('activities.duplicated')}
              </Text>
            )}
          </Stack>
        }
        onOutcome={(o, values) => {
          if (o.kind !== 'saved' && o.kind !== 'queued') return;
          saveLastChoices(values);
          const queued = o.kind === 'queued';
          notifications.show({
            color: queued ? 'orange' : 'green',
            message: queued ? t('activities.savedOffline') : t('activities.saved'),
          });
          setDone({ title: values.title.trim(), queued, id: entry.id });
        }}
      />
    </Stack>
  );
}
