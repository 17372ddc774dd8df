import type { REPORT_FREQUENCIES } from '../plan-schemas.js';

export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
