/** Create, edit and password-reset forms; the server's field messages land under their inputs. */
import {
  Button,
  Group,
  Input,
  MultiSelect,
  PasswordInput,
  SegmentedControl,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ROLES } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '../api/types.ts';
import { useMe } from '../auth/api.ts';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
import { FormError, fieldErrorsOf } from '../ui/errors.tsx';
import { useCreateUser, useUpdateUser } from './api.ts';

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
}

function Buttons({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs" mt="xs">
      <Button variant="default" onClick={onCancel}>
        {t('app.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {t('app.save')}
      </Button>
    </Group>
  );
}

const CREATE_FIELDS = ['username', 'displayName', 'password', 'orgUnit', 'roles', 'locale'] as const;

export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateUser();
  const roleOptions = useRoleOptions();
  const form = useForm({
    initialValues: {
      username: '',
      displayName: '',
      password: '',
      orgUnit: me.orgUnit.code as string | null,
      roles: [] as string[],
      locale: 'vi' as 'vi' | 'en',
    },
  });
  const submit = form.onSubmit((v) => {
    create.mutate(
      { ...v, orgUnit: v.orgUnit ?? '', roles: v.roles as Role[] },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'green', message: t('users.created', { name: u.username }) });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, CREATE_FIELDS)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={create.error} formFields={CREATE_FIELDS} />
        <TextInput
          label={t('users.username')}
          description={t('users.usernameHint')}
          required
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <TextInput label={t('users.displayName')} required {...form.getInputProps('displayName')} />
        <PasswordInput
          label={t('users.password')}
          description={t('users.passwordHint')}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <OrgUnitPicker
          label={t('users.orgUnit')}
          required
          value={form.values.orgUnit}
          initial={{ code: me.orgUnit.code, name: me.orgUnit.name }}
          onChange={(c) => form.setFieldValue('orgUnit', c)}
          error={form.errors.orgUnit}
        />
        <MultiSelect
          label={t('users.roles')}
          required
          data={roleOptions}
          {...form.getInputProps('roles')}
          comboboxProps={{ withinPortal: true }}
        />
        <Input.Wrapper label={t('users.locale')} error={form.errors.locale}>
          <SegmentedControl
            display="flex"
            aria-label={t('users.locale')}
            data={[
              { value: 'vi', label: t('lang.vi') },
              { value: 'en', label: t('lang.en') },
            ]}
            value={form.values.locale}
            onChange={(v) => form.setFieldValue('locale', v === 'en' ? 'en' : 'vi')}
          />
        </Input.Wrapper>
        <Buttons pending={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

const EDIT_FIELDS = ['displayName', 'orgUnit', 'roles', 'active'] as const;

export function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const roleOptions = useRoleOptions();
  const form = useForm({
    initialValues: {
      displayName: user.displayName,
      orgUnit: user.orgUnitCode as string | null,
      roles: user.roles as string[],
      active: user.active,
    },
  });
  const submit = form.onSubmit((v) => {
    update.mutate(
      {
        displayName: v.displayName,
        orgUnit: v.orgUnit ?? '',
        roles: v.roles as Role[],
        active: v.active,
        version: user.version,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('users.updated') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, EDIT_FIELDS)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={update.error} formFields={EDIT_FIELDS} labels={{ version: t('org.version') }} />
        <TextInput label={t('users.username')} value={user.username} readOnly disabled />
        <TextInput label={t('users.displayName')} required {...form.getInputProps('displayName')} />
        <OrgUnitPicker
          label={t('users.orgUnit')}
          required
          value={form.values.orgUnit}
          initial={{ code: user.orgUnitCode, name: user.orgUnitName }}
          onChange={(c) => form.setFieldValue('orgUnit', c)}
          error={form.errors.orgUnit}
        />
        <MultiSelect
          label={t('users.roles')}
          required
          data={roleOptions}
          {...form.getInputProps('roles')}
          comboboxProps={{ withinPortal: true }}
        />
        <Switch label={t('users.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Buttons pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const form = useForm({ initialValues: { password: '' } });
  const submit = form.onSubmit((v) => {
    update.mutate(
      { password: v.password, version: user.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('users.passwordReset') });
          onDone();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, ['password'])),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError error={update.error} formFields={['password']} labels={{ version: t('org.version') }} />
        <PasswordInput
          label={t('users.newPassword')}
          description={t('users.passwordHint')}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <Buttons pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
