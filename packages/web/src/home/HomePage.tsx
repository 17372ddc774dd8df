/** Overview: who and where the user is, and the way into what exists today. */
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconSitemap, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../auth/api.ts';
import { unitQuery } from '../org/api.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManageUsers = useCan('user.manage');
  const unit = useQuery(unitQuery(me.orgUnit.code));

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('home.greeting', { name: me.user.displayName })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            {t('home.yourUnit')}
          </Text>
          <Text fw={700} size="lg">
            {me.orgUnit.fullName ?? me.orgUnit.name}
          </Text>
          <Group gap="xs" mt={4}>
            <Badge variant="light">{t(`kind.${me.orgUnit.kind}`)}</Badge>
            <Text size="sm" c="dimmed" ff="monospace">
              {me.orgUnit.code}
            </Text>
          </Group>
          {unit.data && (
            <Text size="sm" mt="sm">
              {t('home.subUnits')}: <b>{unit.data.childCount}</b>
            </Text>
          )}
          <Button
            mt="md"
            variant="light"
            leftSection={<IconSitemap size={16} aria-hidden />}
            renderRoot={(p) => <Link to="/org" {...p} />}
          >
            {t('home.openOrg')}
          </Button>
        </Card>
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            {t('home.yourRoles')}
          </Text>
          <Group gap="xs" mt={4}>
            {me.user.roles.map((r) => (
              <Badge key={r} variant="outline">
                {t(`role.${r}`)}
              </Badge>
            ))}
          </Group>
          {canManageUsers && (
            <Button
              mt="md"
              variant="light"
              leftSection={<IconUsers size={16} aria-hidden />}
              renderRoot={(p) => <Link to="/users" {...p} />}
            >
              {t('home.openUsers')}
            </Button>
          )}
        </Card>
      </SimpleGrid>
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} title={t('home.upcomingTitle')}>
        {t('home.upcoming')}
      </Alert>
    </Stack>
  );
}
