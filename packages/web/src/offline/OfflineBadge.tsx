/** Header badge: offline, and how many activities wait on this device; a tap opens the list. */
import { Badge, Box, Group } from '@mantine/core';
import { IconCloudUpload, IconWifiOff } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useOnline, useQueue } from './sync.ts';

export function OfflineBadge({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const online = useOnline();
  const queued = useQueue(userId)?.length ?? 0;
  if (online && queued === 0) return null;
  return (
    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
      {!online && (
        <Badge
          color="gray"
          variant="filled"
          leftSection={<IconWifiOff size={12} />}
          data-testid="offline-badge"
          aria-label={t('activities.offline')}
          px={6}
        >
          <Box component="span" visibleFrom="xs">
            {t('activities.offline')}
          </Box>
        </Badge>
      )}
      {queued > 0 && (
        <Badge
          color="orange"
          variant="filled"
          leftSection={<IconCloudUpload size={12} />}
          renderRoot={(p) => <Link to="/activities" {...p} />}
          data-testid="queued-badge"
          miw={44}
          style={{ cursor: 'pointer', overflow: 'visible' }}
        >
          {queued}
        </Badge>
      )}
    </Group>
  );
}
