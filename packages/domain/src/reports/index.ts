export * from './schemas.js';
export * from './due.js';
export * from './figures.js';
export type { ReportFrequency as ReportRuleFrequency } from './types.js';
