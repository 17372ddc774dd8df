/**
 * The JSON printed by `binhdang plan parse FILE --json`, and the mapping from ParsedPlan.
 *
 * TargetComparator mapping (internal → CLI): gte → ">=", gt → ">", eq → "=", lte → "<=", range → "range";
 * a target without a quantity has comparator null (and value, value_max, unit null).
 * Target frequency: annual | quarterly | by_year | once as the contract lists; half_year and monthly
 * appear only when a plan states such a target ("mỗi tháng"). Reporting frequency: annual |
 * half_year | quarterly, and monthly when a plan says "hằng tháng".
 */
import { z } from 'zod';
import type { TargetComparator, ParsedPlan } from './types.js';
import { PARSED_TARGET_FREQUENCIES } from './types.js';

export const CLI_COMPARATORS = ['>=', '>', '=', '<=', 'range'] as const;
export type CliComparator = (typeof CLI_COMPARATORS)[number];

const COMPARATOR_TO_CLI: Record<TargetComparator, CliComparator> = {
  gte: '>=',
  gt: '>',
  eq: '=',
  lte: '<=',
  range: 'range',
};

export function comparatorToCli(c: TargetComparator | null): CliComparator | null {
  return c === null ? null : COMPARATOR_TO_CLI[c];
}

const year = z.number().int().min(1900).max(2200);

export const PlanParseJson = z.strictObject({
  issuer: z.string().nullable(),
  number: z.string().nullable(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  place: z.string().nullable(),
  title: z.string().nullable(),
  parent_documents: z.array(z.string()),
  period: z.strictObject({ from: year.nullable(), to: year.nullable() }),
  targets: z.array(
    z.strictObject({
      text: z.string(),
      value: z.number().nullable(),
      value_max: z.number().nullable(),
      unit: z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/)
        .nullable(),
      comparator: z.enum(CLI_COMPARATORS).nullable(),
      year: year.nullable(),
      frequency: z.enum(PARSED_TARGET_FREQUENCIES),
    }),
  ),
  task_groups: z.array(z.string()),
  assignments: z.array(
    z.strictObject({
      org: z.string(),
      role: z.enum(['lead', 'coordinate']),
      targets: z.array(z.number().int().positive()),
    }),
  ),
  reporting: z.array(
    z.strictObject({
      to: z.string().nullable(),
      frequency: z.enum(['annual', 'half_year', 'quarterly', 'monthly']),
      deadline: z.string().regex(/^\d{2}\/\d{2}$/),
    }),
  ),
  budget_sources: z.array(z.string()),
  unparsed: z.array(z.string()),
});
export type PlanParseJson = z.infer<typeof PlanParseJson>;

/** Maps a ParsedPlan to the CLI's JSON shape (validated by PlanParseJson). */
export function toCliJson(p: ParsedPlan): PlanParseJson {
  return {
    issuer: p.issuer?.text ?? null,
    number: p.number?.text ?? null,
    date: p.date?.iso ?? null,
    place: p.place?.text ?? null,
    title: p.title?.text ?? null,
    parent_documents: p.parentDocuments.map((d) => d.number),
    period: { from: p.period.from, to: p.period.to },
    targets: p.targets.map((t) => ({
      text: t.text,
      value: t.value,
      value_max: t.valueMax,
      unit: t.unit,
      comparator: comparatorToCli(t.comparator),
      year: t.year,
      frequency: t.frequency,
    })),
    task_groups: p.taskGroups.map((g) => g.heading),
    assignments: p.assignments.map((a) => ({ org: a.org, role: a.role, targets: [...a.targets] })),
    reporting: p.reporting.map((r) => ({ to: r.to, frequency: r.frequency, deadline: r.deadline })),
    budget_sources: p.budgetSources.map((b) => b.text),
    unparsed: p.unparsed.map((u) => u.text),
  };
}
