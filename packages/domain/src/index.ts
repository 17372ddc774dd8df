export * from './text.js';
export * from './org.js';
export * from './roles.js';
export * from './errors.js';
export * from './schemas.js';
export * from './plan-schemas.js';
// The plan-text parser: exported by name, its enum lists clash with the plan model's.
export { parsePlan, toCliJson as planToCliJson, PlanParseJson } from './plans/index.js';
export type { ParsedPlan, ParsedTarget } from './plans/index.js';
export * from './activity-schemas.js';
export * from './activity-import/index.js';
export * from './periods.js';
export * from './indicators/index.js';
export * from './reports/index.js';
