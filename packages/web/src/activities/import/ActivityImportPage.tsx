/**
 * Import activities from .xlsx/.csv: download a template, upload, see every bad cell in a table
 * (Vietnamese first), then write all rows at once. Choosing a file runs the check immediately.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload, IconFileUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityImportReport } from '@binhdang/domain';
import { useCan, useMe } from '../../auth/api.ts';
import { isApiError } from '../../api/client.ts';
import { sendImport, templateUrl, type ImportMode } from './api.ts';

const MAX_BYTES = 100 * 1024 * 1024;
const SHOWN = 500;

export function ActivityImportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const me = useMe();
  const canWrite = useCan('activity.write');
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [orgUnit, setOrgUnit] = useState('');
  const [report, setReport] = useState<ActivityImportReport | null>(null);

  const run = useMutation({
    mutationFn: ({ f, mode }: { f: File; mode: ImportMode }) => sendImport(f, mode, orgUnit.trim() || undefined),
    onSuccess: (r) => {
      setReport(r);
      if (r.mode === 'commit' && r.ok) void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });

  const pick = (f: File | null) => {
    setFile(f);
    setFileError(null);
    setReport(null);
    run.reset();
    if (!f) return;
    if (!/\.(xlsx|csv)$/i.test(f.name)) return setFileError(t('activitiesImport.fileType'));
    if (f.size > MAX_BYTES) return setFileError(t('activitiesImport.fileTooBig'));
    run.mutate({ f, mode: 'dry-run' });
  };

  const committed = report?.mode === 'commit' && report.ok;
  const requestError = run.error
    ? isApiError(run.error)
      ? (Object.values(run.error.fields)[0] ?? run.error.message)
      : String(run.error)
    : null;

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>{t('activitiesImport.title')}</Title>
      <Text size="sm" c="dimmed" maw={720}>
        {t('activitiesImport.intro')}
      </Text>
      {!canWrite && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          {t('activitiesImport.forbidden')}
        </Alert>
      )}
      <Group gap="xs">
        <Button
          component="a"
          href={templateUrl('xlsx')}
          download
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          data-testid="template-xlsx"
        >
          {t('activitiesImport.templateXlsx')}
        </Button>
        <Button
          component="a"
          href={templateUrl('csv')}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          data-testid="template-csv"
        >
          {t('activitiesImport.templateCsv')}
        </Button>
      </Group>

      {!committed && (
        <Stack gap="sm" maw={560}>
          <TextInput
            label={t('activitiesImport.unit')}
            placeholder={t('activitiesImport.unitPlaceholder', { name: `${me.orgUnit.code} — ${me.orgUnit.name}` })}
            value={orgUnit}
            onChange={(e) => setOrgUnit(e.currentTarget.value)}
            disabled={run.isPending}
          />
          <FileInput
            label={t('activitiesImport.file')}
            placeholder={t('activitiesImport.filePlaceholder')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            clearable
            value={file}
            onChange={pick}
            disabled={!canWrite}
            leftSection={<IconFileUpload size={16} aria-hidden />}
            rightSection={run.isPending ? <Loader size={14} /> : undefined}
            error={fileError ?? requestError}
            data-testid="import-file"
          />
        </Stack>
      )}

      {run.isPending && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">
            {run.variables?.mode === 'commit' ? t('activitiesImport.committing') : t('activitiesImport.checking')}
          </Text>
        </Group>
      )}

      {report && !run.isPending && (
        <Stack gap="sm" data-testid="import-report">
          <Group gap="xs">
            <Badge variant="light">{report.fileName}</Badge>
            <Text size="sm" c="dimmed">
              {t('activitiesImport.summary', {
                rows: report.rows,
                valid: report.validRows,
                errors: report.errorCount,
              })}
            </Text>
          </Group>

          {committed ? (
            <Alert
              color="green"
              icon={<IconCheck size={18} />}
              title={t('activitiesImport.doneTitle', { count: report.imported })}
              data-testid="import-done"
            >
              <Stack gap="xs">
                <Text size="sm">{t('activitiesImport.doneHint')}</Text>
                <Group gap="xs">
                  <Anchor component={Link} to="/activities">
                    {t('activitiesImport.toList')}
                  </Anchor>
                  <Button size="xs" variant="subtle" onClick={() => pick(null)}>
                    {t('activitiesImport.another')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : report.ok ? (
            <Alert
              color="green"
              icon={<IconCheck size={18} />}
              title={t('activitiesImport.okTitle', { rows: report.rows })}
            >
              <Stack gap="xs">
                <Text size="sm">{t('activitiesImport.okHint')}</Text>
                {report.campaignsSuggested > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('activitiesImport.suggested', { count: report.campaignsSuggested })}
                  </Text>
                )}
                <Group>
                  <Button
                    onClick={() => file && run.mutate({ f: file, mode: 'commit' })}
                    disabled={!file}
                    data-testid="import-commit"
                  >
                    {t('activitiesImport.commit', { rows: report.rows })}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <>
              <Alert
                color="red"
                icon={<IconAlertTriangle size={18} />}
                title={t('activitiesImport.errorsTitle', { count: report.errorCount, rows: report.errorRows })}
                data-testid="import-errors-title"
              >
                {t('activitiesImport.errorsHint')}
                {report.errorCount > Math.min(SHOWN, report.errors.length) &&
                  ' ' +
                    t('activitiesImport.shown', {
                      shown: Math.min(SHOWN, report.errors.length),
                      count: report.errorCount,
                    })}
              </Alert>
              <Table.ScrollContainer minWidth={320}>
                <Table striped withTableBorder verticalSpacing={4} fz="sm" data-testid="import-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={56} style={{ whiteSpace: 'nowrap' }}>
                        {t('activitiesImport.row')}
                      </Table.Th>
                      <Table.Th>{t('activitiesImport.header')}</Table.Th>
                      <Table.Th>{t('activitiesImport.message')}</Table.Th>
                      <Table.Th>{t('activitiesImport.value')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.errors.slice(0, SHOWN).map((e, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{e.row || ''}</Table.Td>
                        <Table.Td>
                          {e.column && <b>{e.column} · </b>}
                          {e.header || t('activitiesImport.wholeFile')}
                        </Table.Td>
                        <Table.Td c="red.8">{e[lang]}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{e.value}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
