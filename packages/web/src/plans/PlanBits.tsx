/** Small shared pieces of the plan pages: status and role badges. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssignmentRole } from './form.ts';

export function StatusBadge({ status }: { status: 'draft' | 'issued' }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={status === 'issued' ? 'green' : 'yellow'}
      data-testid="plan-status"
      style={{ flexShrink: 0 }}
    >
      {t(`plans.statuses.${status}`)}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: AssignmentRole }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={role === 'lead' ? 'filled' : 'light'} color={role === 'lead' ? 'violet' : 'gray'}>
      {t(`plans.roles.${role}`)}
    </Badge>
  );
}
