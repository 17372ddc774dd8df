/**
 * /activities/$id: one activity — its values, edit (PATCH with the version; a stale save shows
 * both versions), duplicate and delete. An activity still in the offline queue shows its state
 * and can be fixed, sent now or dropped (only by the user's explicit choice).
 */
import { Alert, Badge, Button, Group, Loader, Menu, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconDots, IconEdit, IconSend, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@binhdang/domain';
import { isApiError } from '../api/client.ts';
import { useCan, useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { isNetworkError } from '../offline/cache.ts';
import { discard, retryNow, type QueueItem } from '../offline/queue.ts';
import { offlineDb, syncNow, useQueue } from '../offline/sync.ts';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { QueryError } from '../ui/errors.tsx';
import { activityQuery, useDeleteActivity } from './api.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { FIELD_LABELS, QueueStateBadge, useFormatField } from './display.tsx';
import { fromActivity } from './form.ts';

const route = getRouteApi('/app/activities/$id');

export function ActivityPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const me = useMe();
  const queue = useQueue(me.user.id);
  const item = queue?.find((i) => i.activityId === id);
  const queuedCreate = item?.op === 'create';
  const server = useQuery({ ...activityQuery(id), enabled: queue !== undefined && !queuedCreate });

  const back = (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconArrowLeft size={14} />}
      renderRoot={(p) => <Link to="/activities" {...p} />}
      w="fit-content"
    >
      {t('activities.back')}
    </Button>
  );

  if (queue === undefined || (!queuedCreate && server.isPending)) return <Loader />;
  if (!queuedCreate && server.isError && !item) {
    return (
      <Stack>
        {back}
        <QueryError
          error={isNetworkError(server.error) ? new Error(t('activities.offline')) : server.error}
          onRetry={() => void server.refetch()}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="sm" maw={720} mx="auto">
      {back}
      <ActivityBody id={id} item={item} server={server.data ?? null} />
    </Stack>
  );
}

function ActivityBody({ id, item, server }: { id: string; item: QueueItem | undefined; server: Activity | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = useCan('activity.write');
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const del = useDeleteActivity();
  const queuedCreate = item?.op === 'create';
  // What the user sees: the server record with their unsent changes on top.
  const shown = { ...(server ?? {}), ...(item?.body ?? {}) } as Activity;
  const fmt = useFormatField(Number(shown.startDate?.slice(0, 4)) || undefined);

  const sendNow = async () => {
    await retryNow(offlineDb(), id);
    await syncNow({ only: id, force: true });
  };

  const queuePanel = item && (
    <Alert
      color={item.state === 'error' || item.state === 'conflict' ? 'red' : 'orange'}
      variant="light"
      data-testid="queued-panel"
      title={
        <Group gap="xs">
          <Badge color="orange" variant="filled">
            {t('activities.unsent')}
          </Badge>
          <QueueStateBadge state={item.state} />
        </Group>
      }
    >
      <Stack gap="xs">
        <Text size="sm">{item.message ?? t('activities.queuedHint')}</Text>
        <Group gap="xs">
          {item.state !== 'conflict' && (
            <Button size="xs" leftSection={<IconSend size={14} />} onClick={() => void sendNow()}>
              {t('activities.sendNow')}
            </Button>
          )}
          <Button size="xs" variant="default" color="red" onClick={() => setConfirmDiscard(true)}>
            {t('activities.discard')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );

  const discardModal = (
    <ResponsiveModal opened={confirmDiscard} onClose={() => setConfirmDiscard(false)} title={t('activities.discard')}>
      <Stack>
        <Text>{t('activities.discardConfirm')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDiscard(false)}>
            {t('activities.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() =>
              void discard(offlineDb(), id).then(() => {
                setConfirmDiscard(false);
                if (queuedCreate) void navigate({ to: '/activities' });
              })
            }
          >
            {t('activities.discard')}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );

  if (item?.state === 'conflict') {
    return (
      <>
        <Title order={2}>{shown.title}</Title>
        <ConflictPanel item={item} server={server} />
      </>
    );
  }

  if (queuedCreate || editing) {
    return (
      <>
        {queuePanel}
        {discardModal}
        <ActivityForm
          mode="edit"
          userId={me.user.id}
          activityId={id}
          initial={fromActivity(shown)}
          original={queuedCreate ? null : server}
          initialServerErrors={item?.state === 'error' ? item.fields : undefined}
          header={<Title order={2}>{t('activities.editTitle')}</Title>}
          onCancel={queuedCreate ? undefined : () => setEditing(false)}
          onOutcome={(o) => {
            if (o.kind === 'saved' || o.kind === 'queued') {
              notifications.show({
                color: o.kind === 'queued' ? 'orange' : 'green',
                message: o.kind === 'queued' ? t('activities.savedOffline') : t('activities.saved'),
              });
              setEditing(false);
            }
            // A conflict: the queue item now holds both versions and this page shows them.
            if (o.kind === 'conflict') setEditing(false);
          }}
        />
      </>
    );
  }

  return (
    <>
      {queuePanel}
      {discardModal}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="activity-title">
            {shown.title}
          </Title>
          <Text c="dimmed" size="sm">
            {fmt('kind', shown.kind)} · {formatDate(shown.startDate)}
            {shown.endDate && shown.endDate !== shown.startDate ? ` – ${formatDate(shown.endDate)}` : ''}
          </Text>
          {server && (
            <Text c="dimmed" size="xs">
              {server.orgUnitName} · {t('activities.createdBy')}: {server.createdByName ?? '—'} ·{' '}
              {t('activities.version')} {server.version}
            </Text>
          )}
        </Stack>
        {canWrite && server && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" px="xs" aria-label={t('activities.actions')}>
                <IconDots size={18} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconCopy size={16} />}
                onClick={() => void navigate({ to: '/activities/new', search: { from: id } })}
              >
                {t('activities.duplicate')}
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
                {t('activities.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {canWrite && server && (
        <Group grow>
          <Button size="md" leftSection={<IconEdit size={18} />} onClick={() => setEditing(true)}>
            {t('activities.edit')}
          </Button>
          <Button
            size="md"
            variant="default"
            leftSection={<IconCopy size={18} />}
            onClick={() => void navigate({ to: '/activities/new', search: { from: id } })}
          >
            {t('activities.duplicate')}
          </Button>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} data-testid="activity-fields">
        {Object.keys(FIELD_LABELS)
          .filter((f) => f !== 'title' && f !== 'taskGroupId' && f !== 'planId')
          .map((f) => (
            <Group key={f} gap={6} wrap="nowrap" align="baseline">
              <Text size="sm" c="dimmed" miw={150}>
                {t(FIELD_LABELS[f] ?? 'activities.field')}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-field={f}>
                {fmt(f, (shown as unknown as Record<string, unknown>)[f])}
              </Text>
            </Group>
          ))}
      </SimpleGrid>
      <ResponsiveModal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t('activities.deleteConfirm')}
      >
        <Stack>
          <Text>{t('activities.deleteText', { title: shown.title })}</Text>
          {del.error != null && <Text c="red">{isApiError(del.error) ? del.error.message : t('error.generic')}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('activities.cancel')}
            </Button>
            <Button
              color="red"
              loading={del.isPending}
              onClick={() =>
                server &&
                del.mutate(
                  { id, version: server.version },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'green', message: t('activities.deleted') });
                      void navigate({ to: '/activities' });
                    },
                  },
                )
              }
            >
              {t('activities.delete')}
            </Button>
          </Group>
        </Stack>
      </ResponsiveModal>
    </>
  );
}
