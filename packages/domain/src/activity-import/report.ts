/** What an activity import answers (API, CLI --json, web preview). */
import { z } from 'zod';

export const ImportCellErrorSchema = z.object({
  /** Row number as the sheet shows it (the header is usually row 1). */
  row: z.number().int(),
  /** Column letter ('C'); '' for a problem of the whole file or a column that is missing. */
  column: z.string(),
  /** API field name ('kind', 'startDate', …); '' for the whole file or row. */
  field: z.string(),
  header: z.string(),
  value: z.string(),
  vi: z.string(),
  en: z.string(),
});

export const ActivityImportReport = z.object({
  ok: z.boolean(),
  mode: z.enum(['dry-run', 'commit']),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']).nullable(),
  orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  rows: z.number().int(),
  validRows: z.number().int(),
  imported: z.number().int(),
  errorCount: z.number().int(),
  errorRows: z.number().int(),
  errors: z.array(ImportCellErrorSchema),
  truncated: z.boolean(),
  batchId: z.string().nullable(),
  campaignsSuggested: z.number().int(),
});
export type ActivityImportReport = z.infer<typeof ActivityImportReport>;

export const ActivityImportQuery = z.strictObject({
  mode: z.enum(['dry-run', 'commit']).default('dry-run'),
  /** Recording unit for rows without one (code or id); default the caller's unit. */
  orgUnit: z.string().trim().min(1).max(64).optional(),
  /** File name for the audit record when the body is raw CSV. */
  fileName: z.string().trim().min(1).max(200).optional(),
});

export const SheetFormatQuery = z.enum(['xlsx', 'csv']);
