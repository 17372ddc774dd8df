/**
 * User administration (permission user.manage): users bound to units in the admin's scope,
 * with create, edit (roles, unit, active) and password reset. A table on desktop, cards on phones.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  ColorSwatch,
  Group,
  Loader,
  Menu,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconDots, IconKey, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types.ts';
import { useCan } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { QueryError } from '../ui/errors.tsx';
import { usersQuery } from './api.ts';
import { CreateUserForm, EditUserForm, ResetPasswordForm } from './UserForms.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const allowed = useCan('user.manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const users = useQuery({ ...usersQuery(q), enabled: allowed });
  const [dialog, setDialog] = useState<Dialog>(null);
  const wide = useMediaQuery('(min-width: 48em)');
  const done = () => setDialog(null);

  if (!allowed) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('users.forbidden')}
      </Alert>
    );
  }

  const items = users.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      </Group>
      <TextInput
        label={t('users.search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={users.isFetching ? <Loader size={14} /> : null}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
        maw={480}
      />
      {users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data && items.length === 0 ? (
        <Text c="dimmed">{t('users.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('users.count', { count: items.length })}
          </Text>
          {wide ? (
            <UserTable
              users={items}
              onEdit={(user) => setDialog({ kind: 'edit', user })}
              onReset={(user) => setDialog({ kind: 'reset', user })}
            />
          ) : (
            <UserCards
              users={items}
              onEdit={(user) => setDialog({ kind: 'edit', user })}
              onReset={(user) => setDialog({ kind: 'reset', user })}
            />
          )}
        </>
      )}

      <ResponsiveModal opened={dialog?.kind === 'create'} onClose={done} title={t('users.createTitle')} size="lg">
        {dialog?.kind === 'create' && <CreateUserForm onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal
        opened={dialog?.kind === 'edit'}
        onClose={done}
        title={dialog?.kind === 'edit' ? t('users.editTitle', { name: dialog.user.displayName }) : ''}
        size="lg"
      >
        {dialog?.kind === 'edit' && <EditUserForm user={dialog.user} onDone={done} />}
      </ResponsiveModal>
      <ResponsiveModal
        opened={dialog?.kind === 'reset'}
        onClose={done}
        title={dialog?.kind === 'reset' ? t('users.resetTitle', { name: dialog.user.displayName }) : ''}
      >
        {dialog?.kind === 'reset' && <ResetPasswordForm user={dialog.user} onDone={done} />}
      </ResponsiveModal>
    </Stack>
  );
}

interface ListProps {
  users: User[];
  onEdit: (u: User) => void;
  onReset: (u: User) => void;
}

function Roles({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.roles.map((r) => (
        <Badge key={r} size="sm" variant="light" color={r === 'admin' ? 'red' : 'violet'}>
          {t(`role.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}

function Status({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <ColorSwatch
        color={user.active ? 'var(--mantine-color-green-6)' : 'var(--mantine-color-gray-5)'}
        size={8}
        withShadow={false}
        aria-hidden
      />
      <Text size="sm" c={user.active ? undefined : 'dimmed'}>
        {user.active ? t('users.active') : t('users.inactive')}
      </Text>
    </Group>
  );
}

function RowMenu({ user, onEdit, onReset }: { user: User; onEdit: (u: User) => void; onReset: (u: User) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`${t('org.actions')}: ${user.username}`}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(user)}>
          {t('users.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => onReset(user)}>
          {t('users.resetPassword')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UserTable({ users, onEdit, onReset }: ListProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th>{t('users.orgUnit')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th>{t('users.createdAt')}</Table.Th>
            <Table.Th aria-label={t('org.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row" data-username={u.username}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {u.displayName}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {u.username}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{u.orgUnitName}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {u.orgUnitCode}
                </Text>
              </Table.Td>
              <Table.Td>
                <Roles user={u} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Status user={u} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDate(u.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <RowMenu user={u} onEdit={onEdit} onReset={onReset} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function UserCards({ users, onEdit, onReset }: ListProps) {
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {users.map((u) => (
        <Card component="li" key={u.id} withBorder padding="sm" data-testid="user-row" data-username={u.username}>
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Stack gap={2} miw={0}>
              <Text size="sm" fw={600}>
                {u.displayName}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {u.username}
              </Text>
              <Text size="xs">
                {u.orgUnitName}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  ({u.orgUnitCode})
                </Text>
              </Text>
            </Stack>
            <RowMenu user={u} onEdit={onEdit} onReset={onReset} />
          </Group>
          <Group gap="xs" mt={6}>
            <Roles user={u} />
            <Status user={u} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
