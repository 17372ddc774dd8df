/**
 * The pages around the plan editor: a new empty plan, editing a draft (beside its original text
 * when it was imported), and importing a plan from a file or pasted text.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconClipboardText,
  IconFileUpload,
  IconInfoCircle,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Plan } from '@binhdang/domain';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useCan, useMe } from '../auth/api.ts';
import { QueryError, fieldErrorsOf } from '../ui/errors.tsx';
import { ResponsiveModal } from '../ui/ResponsiveModal.tsx';
import { originalTextQuery, planQuery, useCreatePlan, useParsePlan, useUpdatePlan, type ParseResult } from './api.ts';
import { emptyPlan, fromInput, fromPlan, toInput, toUpdate } from './form.ts';
import { PlanEditor, scrollToFirstError } from './PlanEditor.tsx';
import { PlanWorkbench } from './PlanWorkbench.tsx';
import { usePlanForm, type PlanForm } from './usePlanForm.ts';
import classes from './plans.module.css';

const MAX_UPLOAD = 10 * 1024 * 1024;
const ACCEPT =
  '.txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function Forbidden() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert">
      {t('plans.forbiddenWrite')}
    </Alert>
  );
}

function PageTitle({ title, subtitle, back }: { title: string; subtitle?: string; back?: ReactNode }) {
  return (
    <Stack gap={2}>
      {back}
      <Title order={1} size="h2">
        {title}
      </Title>
      {subtitle && (
        <Text c="dimmed" size="sm" lineClamp={2}>
          {subtitle}
        </Text>
      )}
    </Stack>
  );
}

/** After a refused save: the server's field messages under their inputs, and the first in view. */
function onSaveError(form: PlanForm) {
  return (e: Error) => {
    if (isApiError(e)) form.setServerErrors(e.fields);
    scrollToFirstError();
  };
}

export function PlanNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = useCan('plan.write');
  const navigate = useNavigate();
  const create = useCreatePlan();
  const form = usePlanForm(() => emptyPlan(me.orgUnit.code), { requireOrgUnit: true });
  if (!canWrite) return <Forbidden />;
  return (
    <Stack gap="md" className={classes.root}>
      <PageTitle title={t('plans.newTitle')} back={<BackToList />} />
      <PlanEditor
        form={form}
        orgUnitInitial={{ code: me.orgUnit.code, name: me.orgUnit.name }}
        pending={create.isPending}
        error={create.error}
        onCancel={() => void navigate({ to: '/plans' })}
        onSubmit={() =>
          create.mutate(toInput(form.values), {
            onSuccess: (plan) => {
              form.allowLeave();
              notifications.show({ color: 'green', message: t('plans.created') });
              void navigate({ to: '/plans/$id', params: { id: plan.id } });
            },
            onError: onSaveError(form),
          })
        }
      />
    </Stack>
  );
}

function BackToList() {
  const { t } = useTranslation();
  return (
    <Anchor size="sm" renderRoot={(p) => <Link to="/plans" {...p} />}>
      <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: -2 }} /> {t('plans.backToList')}
    </Anchor>
  );
}

const editRoute = getRouteApi('/app/plans/$id/edit');

export function PlanEditPage() {
  const { t } = useTranslation();
  const { id } = editRoute.useParams();
  const canWrite = useCan('plan.write');
  const plan = useQuery(planQuery(id));
  if (!canWrite) return <Forbidden />;
  if (plan.isError) {
    return (
      <QueryError error={plan.error}>
        <Button size="xs" variant="light" renderRoot={(p) => <Link to="/plans" {...p} />}>
          {t('plans.backToList')}
        </Button>
      </QueryError>
    );
  }
  if (!plan.data) return <Skeleton h={400} />;
  if (plan.data.status === 'issued') {
    return (
      <Stack gap="md">
        <PageTitle title={t('plans.editTitle')} subtitle={plan.data.title} />
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          <Group gap="sm">
            <Text size="sm">{t('plans.issuedLocked')}</Text>
            <Button size="xs" variant="light" renderRoot={(p) => <Link to="/plans/$id" params={{ id }} {...p} />}>
              {t('plans.title')}
            </Button>
          </Group>
        </Alert>
      </Stack>
    );
  }
  // A new version (after "reload") starts the form again from what the server holds.
  return <EditForm key={`${plan.data.id}:${plan.data.version}`} plan={plan.data} />;
}

function EditForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const update = useUpdatePlan(plan.id);
  const form = usePlanForm(() => fromPlan(plan), { requireOrgUnit: false });
  const text = useQuery({ ...originalTextQuery(plan.id), enabled: plan.hasOriginalText });

  const editor = {
    form,
    orgUnitFixed: { code: plan.orgUnitCode, name: plan.orgUnitName },
    pending: update.isPending,
    error: update.error,
    onCancel: () => void navigate({ to: '/plans/$id', params: { id: plan.id } }),
    onReload: () => {
      update.reset();
      void qc.invalidateQueries({ queryKey: planQuery(plan.id).queryKey });
    },
    onSubmit: () =>
      update.mutate(
        { ...toUpdate(form.values), version: plan.version },
        {
          onSuccess: (saved) => {
            form.allowLeave();
            notifications.show({ color: 'green', message: t('plans.saved') });
            void navigate({ to: '/plans/$id', params: { id: saved.id } });
          },
          onError: onSaveError(form),
        },
      ),
  };

  return (
    <Stack gap="md" className={classes.root}>
      <PageTitle
        title={t('plans.editTitle')}
        subtitle={plan.title}
        back={
          <Anchor size="sm" renderRoot={(p) => <Link to="/plans/$id" params={{ id: plan.id }} {...p} />}>
            <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: -2 }} /> {plan.orgUnitName}
          </Anchor>
        }
      />
      {plan.hasOriginalText && !text.data && !text.isError ? (
        <Skeleton h={400} />
      ) : text.data?.text ? (
        <PlanWorkbench text={text.data.text} editor={editor} />
      ) : (
        <PlanEditor {...editor} />
      )}
    </Stack>
  );
}

export function PlanImportPage() {
  const canWrite = useCan('plan.write');
  const [parsed, setParsed] = useState<{ result: ParseResult; source: string; n: number } | null>(null);
  if (!canWrite) return <Forbidden />;
  if (parsed) {
    return (
      <ImportPreview key={parsed.n} result={parsed.result} source={parsed.source} onBack={() => setParsed(null)} />
    );
  }
  return <ImportSource onParsed={(result, source) => setParsed({ result, source, n: Date.now() })} />;
}

function ImportSource({ onParsed }: { onParsed: (r: ParseResult, source: string) => void }) {
  const { t } = useTranslation();
  const parse = useParsePlan();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [text, setText] = useState('');

  const pick = (f: File | null) => {
    setFile(f);
    setFileError(null);
    parse.reset();
    if (!f) return;
    if (!/\.(txt|docx|pdf)$/i.test(f.name)) return setFileError(t('plans.fileType'));
    if (f.size > MAX_UPLOAD) return setFileError(t('plans.fileTooBig'));
    // Reading starts as soon as a file is chosen: one step fewer on a phone.
    parse.mutate({ file: f }, { onSuccess: (r) => onParsed(r, f.name) });
  };
  const serverFileError = fieldErrorsOf(parse.error, ['file']).file;

  return (
    <Stack gap="md">
      <PageTitle title={t('plans.importTitle')} back={<BackToList />} />
      <Text size="sm" c="dimmed" maw={720}>
        {t('plans.importIntro')}
      </Text>
      <Tabs defaultValue="upload" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="upload" leftSection={<IconFileUpload size={16} aria-hidden />}>
            {t('plans.uploadTab')}
          </Tabs.Tab>
          <Tabs.Tab value="paste" leftSection={<IconClipboardText size={16} aria-hidden />}>
            {t('plans.pasteTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upload" pt="md">
          <Stack gap="sm" maw={560}>
            <FileInput
              label={t('plans.file')}
              placeholder={t('plans.filePlaceholder')}
              accept={ACCEPT}
              clearable
              value={file}
              onChange={pick}
              leftSection={<IconFileUpload size={16} aria-hidden />}
              rightSection={parse.isPending ? <Loader size={14} /> : undefined}
              error={fileError ?? serverFileError}
              data-testid="plan-file"
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="paste" pt="md">
          <Stack gap="sm">
            <Textarea
              label={t('plans.pasteLabel')}
              placeholder={t('plans.pastePlaceholder')}
              autosize
              minRows={8}
              maxRows={20}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Group>
              <Button
                disabled={!text.trim()}
                loading={parse.isPending}
                onClick={() => parse.mutate({ text }, { onSuccess: (r) => onParsed(r, t('plans.pasteTab')) })}
              >
                {t('plans.parse')}
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      {parse.isPending && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('plans.parsing')}</Text>
        </Group>
      )}
      {parse.error && !serverFileError && <QueryError error={parse.error} />}
    </Stack>
  );
}

function ImportPreview({ result, source, onBack }: { result: ParseResult; source: string; onBack: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreatePlan();
  const form = usePlanForm(() => fromInput(result.draft), { requireOrgUnit: true });
  const [confirmBack, setConfirmBack] = useState(false);
  const d = result.draft;

  // Built once: the parser's findings do not change while the user edits.
  const sourceHeader = useMemo(
    () => (
      <Stack gap="xs">
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />} p="xs">
          <Text size="sm" data-testid="parse-summary">
            {t('plans.parseSummary', {
              targets: d.targets.length,
              groups: d.taskGroups.length,
              assignments: d.assignments.length,
              reporting: d.reportingRules.length,
            })}
          </Text>
          <Text size="sm" data-testid="unparsed-count" c={result.unparsed.length ? 'red' : undefined}>
            {result.unparsed.length
              ? t('plans.unparsedCount', { count: result.unparsed.length })
              : t('plans.allParsed')}
          </Text>
        </Alert>
        {result.warnings.length > 0 && (
          <Alert
            variant="light"
            color="yellow"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('plans.warnings')}
            p="xs"
            data-testid="parse-warnings"
          >
            <List size="sm">
              {result.warnings.map((w, i) => (
                <List.Item key={i}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    ),
    [result, t, d],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <PageTitle title={t('plans.importTitle')} subtitle={source} back={<BackToList />} />
        <Button
          variant="default"
          size="xs"
          leftSection={<IconArrowLeft size={14} aria-hidden />}
          onClick={() => (form.hasUnsaved() ? setConfirmBack(true) : onBack())}
        >
          {t('plans.chooseAnother')}
        </Button>
      </Group>
      <Box data-testid="import-preview">
        <PlanWorkbench
          text={result.text}
          unparsed={result.unparsed}
          sourceHeader={sourceHeader}
          editor={{
            form,
            orgUnitInitial:
              d.orgUnit === me.orgUnit.code
                ? { code: me.orgUnit.code, name: me.orgUnit.name }
                : { code: d.orgUnit, name: d.orgUnit },
            pending: create.isPending,
            error: create.error,
            onCancel: () => void navigate({ to: '/plans' }),
            onSubmit: () =>
              create.mutate(toInput(form.values), {
                onSuccess: (plan) => {
                  form.allowLeave();
                  notifications.show({ color: 'green', message: t('plans.created') });
                  void navigate({ to: '/plans/$id', params: { id: plan.id } });
                },
                onError: onSaveError(form),
              }),
          }}
        />
      </Box>
      <ResponsiveModal opened={confirmBack} onClose={() => setConfirmBack(false)} title={t('plans.leaveTitle')}>
        <Stack gap="md">
          <Text size="sm">{t('plans.leaveText')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmBack(false)}>
              {t('plans.stay')}
            </Button>
            <Button color="red" onClick={onBack}>
              {t('plans.chooseAnother')}
            </Button>
          </Group>
        </Stack>
      </ResponsiveModal>
    </Stack>
  );
}
