/**
 * Plan-text parser: public API.
 *
 *   parsePlan(text) → ParsedPlan    pure, never throws; every item carries the span of the input it came from
 *   toCliJson(parsed) → PlanParseJson   the `binhdang plan parse FILE --json` shape (zod schema PlanParseJson)
 *
 * Names are distinct from the plan model's (plan-schemas.ts) so both can be re-exported from the package root.
 */
export { parsePlan } from './parser.js';
export { toCliJson, PlanParseJson, comparatorToCli, CLI_COMPARATORS, type CliComparator } from './cli.js';
export * from './types.js';
