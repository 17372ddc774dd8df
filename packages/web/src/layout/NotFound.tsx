import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="center" p="xl" gap="md">
      <Title order={2}>{t('app.notFoundTitle')}</Title>
      <Text c="dimmed">404</Text>
      <Button renderRoot={(props) => <Link to="/" {...props} />}>{t('app.backHome')}</Button>
    </Stack>
  );
}
