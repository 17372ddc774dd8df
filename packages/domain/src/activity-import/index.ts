/** Bulk import/export of activities: the sheet's columns, cell parsing and row checks (pure). */
export * from './columns.js';
export * from './cells.js';
export * from './rows.js';
export * from './report.js';
