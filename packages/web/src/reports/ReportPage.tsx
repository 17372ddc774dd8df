/**
 * One report: its header (unit, period, rule, deadline, data cut-off), the figures filled in
 * from the data (read-only, with their source), the four narrative sections the unit writes
 * (saved by themselves; a newer version elsewhere is shown, never overwritten), the workflow
 * (submit; return with a comment / approve; reopen), the history and the .docx/.xlsx downloads.
 */
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconArrowLeft,
  IconCheck,
  IconDeviceFloppy,
  IconFileTypeDocx,
  IconFileTypeXls,
  IconLockOpen,
  IconMessageCircle,
  IconRefresh,
  IconSend,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi, useBlocker, useNavigate } from '@tanstack/react-router';
import { NARRATIVE_KEYS, type NarrativeKey, type ReportVersion } from '@binhdang/domain';
import { memo, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useMe } from '../auth/api.ts';
import { formatDate } from '../i18n/format.ts';
import { FormError, QueryError } from '../ui/errors.tsx';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import {
  reportDocxUrl,
  reportQuery,
  reportXlsxUrl,
  useApproveReport,
  useRefreshFigures,
  useReopenReport,
  useReturnReport,
  useSubmitReport,
  type Report,
} from './api.ts';
import { CampaignPlans, FiguresSource, FigureTable, Indicators, Totals } from './Figures.tsx';
import { formatDateTime, periodLabel } from './format.ts';
import { ConfirmDialog, DeadlineText, StatusBadge, TimelinessBadge, useLang } from './ReportBits.tsx';
import { useNarrativeDraft, type NarrativeDraft } from './useNarrativeDraft.ts';

const route = getRouteApi('/app/reports/$id');

/** "Báo cáo năm 2026", "Báo cáo 6 tháng đầu năm 2026". */
export function reportTitle(period: string, lang: 'vi' | 'en', t: TFunction): string {
  const label = periodLabel(period, lang);
  return t('reports.reportOf', { period: lang === 'vi' ? label.charAt(0).toLowerCase() + label.slice(1) : label });
}

export function ReportPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const report = useQuery(reportQuery(id));
  if (report.isError) {
    return (
      <Stack gap="md">
        <BackLink />
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      </Stack>
    );
  }
  if (!report.data) {
    return (
      <Stack gap="md">
        <Skeleton h={28} w="60%" />
        <Skeleton h={140} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  // A new report id (navigation between reports) starts a fresh editor.
  return <ReportView key={report.data.id} report={report.data} title={t('reports.title')} />;
}

function BackLink({ inbox }: { inbox?: boolean }) {
  const { t } = useTranslation();
  return (
    <Anchor
      size="sm"
      renderRoot={(p) => <Link to={inbox ? '/reports/inbox' : '/reports'} {...p} />}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, alignSelf: 'flex-start' }}
    >
      <IconArrowLeft size={14} aria-hidden />
      {inbox ? t('reports.backInbox') : t('reports.back')}
    </Anchor>
  );
}

function ReportView({ report }: { report: Report; title: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const editable = report.can.edit;
  const draft = useNarrativeDraft(report, editable);
  const ownUnit = report.orgUnitId === me.orgUnit.id;
  const live = report.status === 'draft' || report.status === 'returned';

  // Typed text is not lost to a stray tap: leaving asks first (and so does closing the tab).
  useBlocker({
    shouldBlockFn: () => draft.hasUnsaved() && !window.confirm(t('reports.unsaved') + '?'),
    enableBeforeUnload: () => draft.hasUnsaved(),
  });

  return (
    <Stack gap="md" data-testid="report-page" data-status={report.status} data-version={report.version}>
      <BackLink inbox={!ownUnit && (report.can.review || report.status === 'submitted')} />
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2" data-testid="report-title">
            {reportTitle(report.period, lang, t)}
          </Title>
          <Text c="dimmed" data-testid="report-unit">
            {report.orgUnitName}
          </Text>
        </div>
        <Group gap={6}>
          {report.consolidated && (
            <Badge variant="outline" color="indigo" title={t('reports.consolidatedHelp')}>
              {t('reports.consolidated')}
            </Badge>
          )}
          <StatusBadge status={report.status} />
        </Group>
      </Group>

      <Header report={report} />
      <StatusNotice report={report} />
      <Commands report={report} draft={draft} />

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby="figures-h">
        <Stack gap="md">
          <Group justify="space-between" gap="xs" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Title order={2} size="h4" id="figures-h">
                {t('reports.figures')}
              </Title>
              <FiguresSource figures={report.figures} live={live} />
              <Text size="xs" c="dimmed">
                {t('reports.figuresReadOnly')}
              </Text>
            </div>
            {editable && <RefreshButton report={report} disabled={draft.saving} />}
          </Group>
          <Totals figures={report.figures} />
          <Indicators figures={report.figures} />
          {report.figures.tables.map((tb) => (
            <FigureTable key={tb.key} table={tb} />
          ))}
          <CampaignPlans figures={report.figures} />
        </Stack>
      </Paper>

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby="narrative-h">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id="narrative-h">
              {t('reports.narrative')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reports.narrativeHelp')}
            </Text>
          </div>
          {editable ? <NarrativeEditor draft={draft} /> : <NarrativeView report={report} />}
        </Stack>
      </Paper>

      <History versions={report.versions} />
    </Stack>
  );
}

function Field(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={props.testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {props.label}
      </Text>
      <Box fz="sm">{props.children}</Box>
    </div>
  );
}

function Header({ report }: { report: Report }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" data-testid="report-header">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
        <Field label={t('reports.unit')}>
          {report.orgUnitName}{' '}
          <Text span c="dimmed" ff="monospace" inherit>
            ({report.orgUnitCode})
          </Text>
        </Field>
        <Field label={t('reports.period')} testId="report-period">
          {periodLabel(report.period, lang)}
        </Field>
        <Field label={t('reports.rule')}>
          {t('reports.ruleLine', {
            frequency: t(`reports.frequencies.${report.frequency}`),
            recipient: report.recipientName,
          })}
        </Field>
        <Field label={t('reports.plan')}>
          {report.planNumber ? `${report.planNumber.replace(/^\//, '…/')} — ` : ''}
          <Anchor inherit renderRoot={(p) => <Link to="/plans/$id" params={{ id: report.planId }} {...p} />}>
            {report.planTitle}
          </Anchor>
        </Field>
        <Field label={t('reports.deadline')}>
          <DeadlineText dueBefore={report.dueBefore} status={report.status} />
          {report.firstSubmittedAt && (
            <Group gap={6} mt={2}>
              <Text size="xs" c="dimmed">
                {t('reports.submittedOn', { at: formatDateTime(report.firstSubmittedAt) })}
              </Text>
              <TimelinessBadge timeliness={report.timeliness} daysLate={report.daysLate} />
            </Group>
          )}
        </Field>
        <Field label={t('reports.cutoff')} testId="report-cutoff">
          {t('reports.cutoffRange', { from: formatDate(report.cutoffFrom), to: formatDate(report.cutoffTo) })}
        </Field>
      </SimpleGrid>
    </Paper>
  );
}

function StatusNotice({ report }: { report: Report }) {
  const { t } = useTranslation();
  if (report.status === 'returned') {
    return (
      <Alert
        color="orange"
        variant="light"
        title={t('reports.returnedTitle')}
        icon={<IconMessageCircle size={18} aria-hidden />}
        data-testid="report-returned"
      >
        <Text size="sm">{t('reports.returnedHelp')}</Text>
        {report.returnComment && (
          <Text size="sm" mt={6} fw={600} style={{ whiteSpace: 'pre-line' }} data-testid="report-return-comment">
            {report.returnComment}
          </Text>
        )}
      </Alert>
    );
  }
  if (report.status === 'approved') {
    return (
      <Alert color="green" variant="light" title={t('reports.lockedTitle')} data-testid="report-locked">
        <Text size="sm">
          {report.approvedAt ? t('reports.approvedOn', { at: formatDateTime(report.approvedAt) }) + '. ' : ''}
          {t('reports.lockedHelp')}
        </Text>
      </Alert>
    );
  }
  if (report.status === 'submitted' && !report.can.review) {
    return <Alert color="violet" variant="light" title={t('reports.submittedTitle')} />;
  }
  return null;
}

function RefreshButton({ report, disabled }: { report: Report; disabled: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshFigures(report.id);
  return (
    <Stack gap={4} align="flex-end">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconRefresh size={14} aria-hidden />}
        loading={refresh.isPending}
        disabled={disabled}
        onClick={() =>
          refresh.mutate(report.version, {
            onSuccess: () => notifications.show({ color: 'green', message: t('reports.refreshed') }),
          })
        }
      >
        {t('reports.refresh')}
      </Button>
      {refresh.error != null && <FormError error={refresh.error} />}
    </Stack>
  );
}

type Dialog = 'submit' | 'approve' | 'return' | 'reopen' | null;

/** Submit / approve / return / reopen and the downloads, as the server says the caller may. */
function Commands({ report, draft }: { report: Report; draft: NarrativeDraft }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const submit = useSubmitReport(report.id);
  const approve = useApproveReport(report.id);
  const ret = useReturnReport(report.id);
  const reopen = useReopenReport(report.id);
  const period = periodLabel(report.period, lang);
  const canAct = report.status === 'submitted' && report.can.review;
  const empty = NARRATIVE_KEYS.filter((k) => !draft.values[k].trim());

  const doSubmit = async () => {
    // Whatever is typed goes with the report: save it first, then submit that version.
    const version = draft.dirty ? await draft.saveNow() : report.version;
    if (version === null) {
      setDialog(null);
      return;
    }
    submit.mutate(version, {
      onSuccess: () => {
        setDialog(null);
        notifications.show({ color: 'green', message: t('reports.submitted') });
      },
    });
  };

  return (
    <>
      <Group gap="xs" data-testid="report-commands">
        {report.can.submit && (
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setDialog('submit')}>
            {t('reports.submit')}
          </Button>
        )}
        {canAct && (
          <>
            <Button
              color="green"
              leftSection={<IconCheck size={16} aria-hidden />}
              onClick={() => setDialog('approve')}
            >
              {t('reports.approve')}
            </Button>
            <Button
              color="orange"
              variant="light"
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
              onClick={() => setDialog('return')}
            >
              {t('reports.return')}
            </Button>
          </>
        )}
        {report.can.reopen && (
          <Button
            variant="light"
            leftSection={<IconLockOpen size={16} aria-hidden />}
            onClick={() => setDialog('reopen')}
          >
            {t('reports.reopen')}
          </Button>
        )}
        <Button
          variant="default"
          component="a"
          href={reportDocxUrl(report.id)}
          download
          leftSection={<IconFileTypeDocx size={16} aria-hidden />}
        >
          {t('reports.downloadDocx')}
        </Button>
        <Button
          variant="default"
          component="a"
          href={reportXlsxUrl(report.id)}
          download
          leftSection={<IconFileTypeXls size={16} aria-hidden />}
        >
          {t('reports.downloadXlsx')}
        </Button>
      </Group>

      <ConfirmDialog
        opened={dialog === 'submit'}
        title={t('reports.submitTitle')}
        confirm={t('reports.submit')}
        loading={submit.isPending || draft.saving}
        error={submit.error}
        onClose={() => setDialog(null)}
        onConfirm={() => void doSubmit()}
      >
        <Text size="sm">{t('reports.submitBody', { period, recipient: report.recipientName })}</Text>
        {empty.length > 0 && (
          <Alert color="yellow" variant="light" mt="sm">
            {t('reports.submitEmpty', { sections: empty.map((k) => t(`reports.sections.${k}`)).join(', ') })}
          </Alert>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'approve'}
        title={t('reports.approveTitle')}
        confirm={t('reports.approve')}
        color="green"
        loading={approve.isPending}
        error={approve.error}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          approve.mutate(report.version, {
            onSuccess: () => {
              setDialog(null);
              notifications.show({ color: 'green', message: t('reports.approved') });
            },
          })
        }
      >
        <Text size="sm">{t('reports.approveBody', { unit: report.orgUnitName, period })}</Text>
      </ConfirmDialog>
      <CommentDialog
        opened={dialog === 'return'}
        title={t('reports.returnTitle')}
        label={t('reports.returnComment')}
        confirm={t('reports.return')}
        loading={ret.isPending}
        error={ret.error}
        onClose={() => setDialog(null)}
        onConfirm={(comment) =>
          ret.mutate(
            { version: report.version, comment },
            {
              onSuccess: () => {
                setDialog(null);
                notifications.show({ color: 'orange', message: t('reports.returned') });
                void navigate({ to: '/reports/inbox' });
              },
            },
          )
        }
      />
      <CommentDialog
        opened={dialog === 'reopen'}
        title={t('reports.reopenTitle')}
        label={t('reports.reopenComment')}
        confirm={t('reports.reopen')}
        loading={reopen.isPending}
        error={reopen.error}
        onClose={() => setDialog(null)}
        onConfirm={(comment) =>
          reopen.mutate(
            { version: report.version, comment },
            {
              onSuccess: () => {
                setDialog(null);
                notifications.show({ color: 'blue', message: t('reports.reopened') });
              },
            },
          )
        }
      />
    </>
  );
}

function CommentDialog(props: {
  opened: boolean;
  title: string;
  label: string;
  confirm: string;
  loading: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (comment: string) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = comment.trim() === '';
  const fieldError = isApiError(props.error) ? props.error.fields.comment : undefined;
  return (
    <ResponsiveModal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!missing) props.onConfirm(comment.trim());
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={props.label}
            placeholder={t('reports.returnCommentPlaceholder')}
            required
            autosize
            minRows={4}
            maxRows={12}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={(touched && missing ? t('reports.returnCommentRequired') : undefined) ?? fieldError}
            data-autofocus
          />
          <FormError error={props.error} formFields={['comment']} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={props.loading} data-testid="confirm">
              {props.confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </ResponsiveModal>
  );
}

const SectionInput = memo(function SectionInput(props: {
  k: NarrativeKey;
  value: string;
  set: (k: NarrativeKey, v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t(`reports.sections.${props.k}`)}
      description={t(`reports.sectionHelp.${props.k}`)}
      autosize
      minRows={4}
      maxRows={20}
      value={props.value}
      onChange={(e) => props.set(props.k, e.currentTarget.value)}
      data-testid={`narrative-${props.k}`}
    />
  );
});

function SaveState({ draft }: { draft: NarrativeDraft }) {
  const { t } = useTranslation();
  const text = draft.saving
    ? t('reports.saving')
    : draft.dirty
      ? t('reports.unsaved')
      : draft.savedAt
        ? t('reports.savedAt', { at: formatDateTime(draft.savedAt), version: draft.savedVersion })
        : t('reports.autosave');
  return (
    <Text
      size="xs"
      c={draft.dirty && !draft.saving ? 'orange.8' : 'dimmed'}
      aria-live="polite"
      data-testid="save-state"
    >
      {text}
    </Text>
  );
}

function NarrativeEditor({ draft }: { draft: NarrativeDraft }) {
  const { t } = useTranslation();
  const c = draft.conflict;
  return (
    <Stack gap="md">
      {c && <ConflictPanel draft={draft} />}
      {!c && draft.error != null && <FormError error={draft.error} />}
      {NARRATIVE_KEYS.map((k) => (
        <SectionInput key={k} k={k} value={draft.values[k]} set={draft.set} />
      ))}
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <SaveState draft={draft} />
        <Button
          size="sm"
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          loading={draft.saving}
          disabled={!draft.dirty || c !== null}
          onClick={() => void draft.saveNow()}
        >
          {t('reports.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function ConflictPanel({ draft }: { draft: NarrativeDraft }) {
  const { t } = useTranslation();
  const c = draft.conflict;
  if (!c) return null;
  const editable = c.latest.can.edit;
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      title={t('reports.conflictTitle', { version: c.latest.version })}
      data-testid="narrative-conflict"
    >
      <Stack gap="sm">
        <Text size="sm">{editable ? t('reports.conflictHelp') : t('reports.lockedConflict')}</Text>
        {c.differing.map((k) => (
          <Grid key={k} gutter="xs">
            <Grid.Col span={12}>
              <Text size="sm" fw={700}>
                {t(`reports.sections.${k}`)}
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Text size="xs" c="dimmed">
                {t('reports.conflictTheirs')}
              </Text>
              <Paper withBorder p="xs" data-testid={`conflict-theirs-${k}`}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.latest.narrative[k] || t('reports.sectionEmpty')}
                </Text>
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Text size="xs" c="dimmed">
                {t('reports.conflictMine')}
              </Text>
              <Paper withBorder p="xs">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {draft.values[k] || t('reports.sectionEmpty')}
                </Text>
              </Paper>
            </Grid.Col>
          </Grid>
        ))}
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={draft.takeTheirs}>
            {t('reports.conflictTakeTheirs')}
          </Button>
          {editable && (
            <Button size="xs" color="red" onClick={() => void draft.keepMine()}>
              {t('reports.conflictKeepMine')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

function NarrativeView({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {NARRATIVE_KEYS.map((k) => (
        <div key={k} data-testid={`narrative-view-${k}`}>
          <Text fw={700} size="sm">
            {t(`reports.sections.${k}`)}
          </Text>
          <Text size="sm" c={report.narrative[k] ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
            {report.narrative[k] || t('reports.sectionEmpty')}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

const ACTION_COLORS: Record<ReportVersion['action'], string> = {
  submit: 'violet',
  return: 'orange',
  approve: 'green',
  reopen: 'blue',
};

function History({ versions }: { versions: ReportVersion[] }) {
  const { t } = useTranslation();
  const sorted = [...versions].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby="history-h">
      <Title order={2} size="h4" id="history-h" mb="sm">
        {t('reports.history')}
      </Title>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.historyEmpty')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="report-history">
          {sorted.map((v, i) => (
            <Timeline.Item
              key={`${v.number}-${v.action}-${i}`}
              color={ACTION_COLORS[v.action]}
              title={
                <Text size="sm" fw={600}>
                  {t(`reports.actions.${v.action}`)}{' '}
                  <Text span size="xs" c="dimmed">
                    · {t('reports.versionN', { n: v.number })}
                  </Text>
                </Text>
              }
              data-testid="history-item"
              data-action={v.action}
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(v.at)}
                {v.byName ? ` · ${t('reports.by', { name: v.byName })}` : ''}
              </Text>
              {v.comment && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }} data-testid="history-comment">
                  “{v.comment}”
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
