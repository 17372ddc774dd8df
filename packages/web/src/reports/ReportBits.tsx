/** Small pieces the reports pages share: badges, the deadline text, the tabs between pages. */
import { Badge, Button, Group, Stack, Tabs, Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReportListStatus, Timeliness } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { FormError } from '../ui/errors.tsx';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { deadlineState, isOwed, STATUS_COLORS, TIMELINESS_COLORS, type Lang } from './format.ts';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

export function StatusBadge({ status }: { status: ReportListStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      data-testid="report-status"
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`reports.statuses.${status}`)}
    </Badge>
  );
}

export function TimelinessBadge(props: { timeliness: Timeliness; daysLate: number; short?: boolean }) {
  const { t } = useTranslation();
  const group = props.short ? 'timelinessShort' : 'timeliness';
  return (
    <Badge
      color={TIMELINESS_COLORS[props.timeliness]}
      variant={props.timeliness === 'not_expected' ? 'outline' : 'light'}
      data-testid="report-timeliness"
      data-timeliness={props.timeliness}
    >
      {t(`reports.${group}.${props.timeliness}`, { count: props.daysLate })}
    </Badge>
  );
}

/**
 * "Trước ngày 01/12/2026 · Còn 8 ngày": the countdown only while the unit still owes the report;
 * overdue in red.
 */
export function DeadlineText(props: { dueBefore: string; status: ReportListStatus } & TextProps) {
  const { t } = useTranslation();
  const { dueBefore, status, ...rest } = props;
  const owed = isOwed(status);
  const d = deadlineState(dueBefore);
  return (
    <Text size="sm" {...rest} data-testid="report-deadline">
      {t('reports.deadlineBefore', { date: formatDate(dueBefore) })}
      {owed && (
        <>
          {' · '}
          <Text
            span
            inherit
            fw={600}
            c={d.state === 'overdue' ? 'red.8' : d.state === 'today' ? 'orange.8' : undefined}
            data-testid="report-days-left"
            data-state={d.state}
          >
            {d.state === 'ahead'
              ? t('reports.daysLeft', { count: d.days })
              : d.state === 'today'
                ? t('reports.lastDay')
                : t('reports.overdue', { count: d.days })}
          </Text>
        </>
      )}
    </Text>
  );
}

type ReportsTab = '/reports' | '/reports/inbox' | '/reports/completeness';

/** My reports · awaiting review · submission status; reviewers only see the last two. */
export function ReportsTabs() {
  const { t } = useTranslation();
  const canReview = useCan('report.review');
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 36em)');
  if (!canReview) return null;
  const group = phone ? 'tabsShort' : 'tabs';
  const value: ReportsTab = pathname.startsWith('/reports/inbox')
    ? '/reports/inbox'
    : pathname.startsWith('/reports/completeness')
      ? '/reports/completeness'
      : '/reports';
  return (
    <Tabs
      value={value}
      onChange={(v) => {
        if (v) void navigate({ to: v as ReportsTab });
      }}
      keepMounted={false}
    >
      <Tabs.List grow={phone} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
        <Tabs.Tab value="/reports" px={phone ? 6 : undefined}>
          {t(`reports.${group}.mine`)}
        </Tabs.Tab>
        <Tabs.Tab value="/reports/inbox" px={phone ? 6 : undefined}>
          {t(`reports.${group}.inbox`)}
        </Tabs.Tab>
        <Tabs.Tab value="/reports/completeness" px={phone ? 6 : undefined}>
          {t(`reports.${group}.completeness`)}
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

/** A yes/cancel question before a workflow step, with the server's answer if it refused. */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  confirm: string;
  color?: string;
  loading: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ResponsiveModal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="sm">
        {props.children}
        <FormError error={props.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('app.cancel')}
          </Button>
          <Button color={props.color} loading={props.loading} onClick={props.onConfirm} data-testid="confirm">
            {props.confirm}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
