/** The user's own account: who they are and a password change. */
import { Badge, Button, Grid, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { FormError, fieldErrorsOf } from '../ui/errors.tsx';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      // Only the repeat is checked here; every other rule is the server's.
      confirm: (v, values) => (v === values.newPassword ? null : t('account.mismatch')),
    },
  });
  const submit = form.onSubmit((v) => {
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('account.changed') });
          form.reset();
        },
        onError: (e) => form.setErrors(fieldErrorsOf(e, FIELDS)),
      },
    );
  });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('account.profile')}
            </Title>
            <Stack gap={6}>
              <Text fw={600}>{me.user.displayName}</Text>
              <Text size="sm" c="dimmed" ff="monospace">
                {me.user.username}
              </Text>
              <Text size="sm">
                {t('users.orgUnit')}: {me.orgUnit.name} ({me.orgUnit.code})
              </Text>
              <Group gap={4}>
                {me.user.roles.map((r) => (
                  <Badge key={r} variant="light">
                    {t(`role.${r}`)}
                  </Badge>
                ))}
              </Group>
              <Text size="sm" c="dimmed">
                {t('users.createdAt')}: {formatDate(me.user.createdAt)}
              </Text>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('account.changePassword')}
            </Title>
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <FormError error={change.error} formFields={FIELDS} />
                <PasswordInput
                  label={t('account.currentPassword')}
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('currentPassword')}
                />
                <PasswordInput
                  label={t('account.newPassword')}
                  description={t('users.passwordHint')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('newPassword')}
                />
                <PasswordInput
                  label={t('account.confirmPassword')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('confirm')}
                />
                <Group justify="flex-end">
                  <Button type="submit" loading={change.isPending}>
                    {t('account.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
