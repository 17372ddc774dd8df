/**
 * The count beside "Báo cáo" in the menu: reports due within 7 days, overdue or returned. Red
 * when any is overdue. Only for users who write or review reports.
 */
import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/api.ts';
import { remindersQuery } from './api.ts';

export function ReminderBadge() {
  const { t } = useTranslation();
  const canWrite = useCan('report.write');
  const canReview = useCan('report.review');
  const reminders = useQuery({ ...remindersQuery, enabled: canWrite || canReview });
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  const overdue = items.some((r) => r.kind === 'overdue');
  const label = t('reports.reminders', { count: items.length });
  return (
    <Badge
      size="sm"
      circle={items.length < 10}
      color={overdue ? 'red' : 'orange'}
      variant="filled"
      title={label}
      aria-label={label}
      data-testid="reports-reminder-badge"
      data-overdue={overdue}
    >
      {items.length}
    </Badge>
  );
}
