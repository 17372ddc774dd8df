/** Calls of the import page: dry-run and commit return the import report (a refused commit carries it too). */
import i18next from 'i18next';
import type { ActivityImportReport } from '@binhdang/domain';
import { ApiError } from '../../api/client.ts';

export type ImportMode = 'dry-run' | 'commit';

export const templateUrl = (format: 'xlsx' | 'csv') => `/api/activities/template?format=${format}`;

/** POSTs the file; resolves with the report for a preview (ok or not) and for a refused commit (422). */
export async function sendImport(file: File, mode: ImportMode, orgUnit?: string): Promise<ActivityImportReport> {
  const form = new FormData();
  // Fields before the file: the server reads them with the file part.
  if (orgUnit) form.append('orgUnit', orgUnit);
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/activities/import?mode=${mode}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': i18next.language === 'en' ? 'en' : 'vi' },
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('error.network'));
  }
  const data = (await res.json().catch(() => null)) as
    | (ActivityImportReport & { error?: undefined })
    | { error: { code: string; message: string; fields?: Record<string, string>; report?: ActivityImportReport } }
    | null;
  if (res.ok && data && !data.error) return data as ActivityImportReport;
  if (data?.error?.report) return data.error.report;
  if (data?.error) throw new ApiError(res.status, data.error.code, data.error.message, data.error.fields ?? {});
  throw new ApiError(res.status, 'http_' + res.status, i18next.t('error.generic'));
}
