/**
 * From plan text to an editable draft: the parser's findings (with spans, for the side-by-side
 * preview) mapped onto the plan model. Writes nothing; the user corrects and saves.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '@binhdang/db';
import {
  escapeLike,
  foldForSearch,
  parsePlan,
  PlanInput,
  ruleParamsForTarget,
  type ParsedPlan,
  type TargetInput,
} from '@binhdang/domain';
import type { Actor } from '../context.js';

export const PlanParseResponse = z.object({
  text: z.string(),
  parsed: z.unknown(),
  draft: PlanInput,
  unparsed: z.array(z.object({ text: z.string(), span: z.object({ start: z.number(), end: z.number() }) })),
  warnings: z.array(z.string()),
});
export type PlanParseResponse = z.infer<typeof PlanParseResponse>;

type KnownUnit = { code: string; name: string; fullName: string | null; path: string };

/** The unit a plan names, when exactly one unit in reach carries that name. */
export function matchUnit(name: string, units: KnownUnit[]): string | null {
  const n = foldForSearch(name);
  if (n.length < 4) return null;
  const hits = units.filter((u) => {
    const names = [u.name, u.fullName ?? ''].map(foldForSearch).filter((x) => x.length >= 4);
    return names.some((x) => x === n || n.startsWith(x) || x.startsWith(n));
  });
  return hits.length === 1 ? hits[0]!.code : null;
}

function mergeSpans(spans: { start: number; end: number }[]): { start: number; end: number } {
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}

/** Parsed targets with the same number become one target with several milestones. */
export function targetsOf(parsed: ParsedPlan): TargetInput[] {
  const byNumber = new Map<number, ParsedPlan['targets']>();
  for (const t of parsed.targets) byNumber.set(t.number, [...(byNumber.get(t.number) ?? []), t]);
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, entries]) => {
      const first = entries[0]!;
      const texts = [...new Set(entries.map((e) => e.text))];
      return {
        number,
        code: first.code,
        text: texts.join(' '),
        unit: first.unit ?? 'count',
        comparator: first.comparator ?? 'gte',
        milestones: entries
          .filter((e) => e.year !== null || e.value !== null)
          .map((e) => ({
            year: e.year ?? parsed.period.to ?? new Date().getFullYear(),
            value: e.value,
            valueMax: e.valueMax,
          })),
        frequency: first.frequency,
        baselineYear: first.baselineYear,
        ruleKind: first.ruleKind,
        ruleParams: ruleParamsForTarget({
          ruleKind: first.ruleKind,
          unit: first.unit ?? 'count',
          text: texts.join(' '),
          frequency: first.frequency,
          milestones: entries.map((e) => ({ year: e.year ?? 0, value: e.value })),
          baselineYear: first.baselineYear,
          scopeKinds: [],
          scopeText: first.scope,
        }),
        scopeKinds: [],
        scopeText: first.scope,
        parentTargetId: null,
        span: mergeSpans(entries.map((e) => e.span)),
      };
    });
}

/**
 * The legal bases as sentences: each cited document with the lead-in the plan put before it
 * ("Căn cứ …", "Thực hiện …"), which the citation itself does not include.
 */
export function legalBasesOf(parsed: ParsedPlan, text: string): string[] {
  return parsed.parentDocuments.map((d) => {
    const before = text.slice(Math.max(0, d.span.start - 24), d.span.start).normalize('NFC');
    const lead = /(Căn cứ|Thực hiện|Triển khai|Theo)\s*$/i.exec(before)?.[1];
    const sentence = `${lead ? lead.charAt(0).toUpperCase() + lead.slice(1) + ' ' : ''}${d.citation}`.slice(0, 1990);
    return /[;.]$/.test(sentence) ? sentence : sentence + ';';
  });
}

export function draftFromParsed(parsed: ParsedPlan, text: string, orgUnit: string, units: KnownUnit[]): PlanInput {
  const targets = targetsOf(parsed);
  const numbers = new Set(targets.map((t) => t.number));
  const paragraphs = (items: { text: string }[]) => items.map((i) => i.text).join('\n\n');
  return PlanInput.parse({
    orgUnit,
    issuerName: parsed.issuer?.text ?? null,
    number: parsed.number?.text ?? null,
    place: parsed.place?.text ?? null,
    issuedOn: parsed.date?.iso ?? null,
    title: parsed.title?.text || 'Kế hoạch',
    kind: parsed.kind,
    periodFrom: parsed.period.from,
    periodTo: parsed.period.to,
    parentDocuments: parsed.parentDocuments.map((d) => ({
      number: d.number,
      date: d.date,
      text: d.citation.slice(0, 2000),
      planId: null,
    })),
    legalBases: legalBasesOf(parsed, text),
    purposes: paragraphs(parsed.purposes),
    budgetText: paragraphs(parsed.budgetSources),
    budgetSources: parsed.budgetSources.map((b) => b.text.slice(0, 500)),
    recipients: parsed.recipients.map((r) => r.text.slice(0, 500)),
    signer: {
      // One authority per line, as signed: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH".
      authority: parsed.signer?.authorities.length
        ? parsed.signer.authorities.join('\n')
        : (parsed.signer?.authority ?? null),
      title: parsed.signer?.title ?? null,
      name: parsed.signer?.name ?? null,
    },
    originalText: text,
    targets,
    taskGroups: parsed.taskGroups.map((g) => ({
      ordinal: g.number,
      heading: g.heading.slice(0, 1000),
      method: [g.description?.text, g.method?.text].filter(Boolean).join('\n\n') || null,
      subtasks: g.subtasks.map((s) => s.text.slice(0, 5000)),
      span: g.span,
    })),
    assignments: parsed.assignments.map((a) => ({
      orgName: a.org.slice(0, 500),
      orgUnit: matchUnit(a.org, units),
      role: a.role,
      duties: a.duties.map((d) => d.text).join('\n'),
      targetNumbers: a.targets.filter((n) => numbers.has(n)),
      span: a.span,
    })),
    reportingRules: parsed.reporting.map((r) => ({
      frequency: r.frequency,
      deadline: r.deadline,
      cutoffFrom: null,
      cutoffTo: null,
      recipientName: r.to,
      recipientOrgUnit: null,
      span: r.span,
    })),
  });
}

/**
 * Parses a plan text into a draft for `unit`: names of bodies are matched against the units
 * below it, and cited documents that are plans of units above it become parent-plan links.
 */
export async function draftForUnit(db: Kysely<DB>, text: string, unit: { code: string; path: string }) {
  const parsed = parsePlan(text);
  // Names the plan may use for bodies: the unit's own subtree, a few thousand at most.
  const units = (
    await db
      .selectFrom('org_unit')
      .select(['code', 'name', 'full_name', 'path'])
      .where((eb) => eb.or([eb('path', '=', unit.path), eb('path', 'like', escapeLike(unit.path) + '.%')]))
      .where('kind', 'not in', ['village'])
      .execute()
  ).map((u) => ({ code: u.code, name: u.name, fullName: u.full_name, path: u.path }));
  const draft = draftFromParsed(parsed, text, unit.code, units);
  const numbers = draft.parentDocuments.map((d) => d.number).filter(Boolean);
  if (numbers.length) {
    const known = await db
      .selectFrom('plan')
      .select(['id', 'number', 'org_path'])
      .where('number', 'in', numbers)
      .execute();
    for (const d of draft.parentDocuments) {
      const hit = known.find((k) => k.number === d.number && unit.path.startsWith(k.org_path + '.'));
      if (hit) {
        d.planId = hit.id;
        draft.parentPlanId ??= hit.id;
      }
    }
  }
  return { parsed, draft };
}

/** The import preview for the caller's own unit. Writes nothing. */
export async function parseToDraft(db: Kysely<DB>, actor: Actor, text: string): Promise<PlanParseResponse> {
  const unit = await db
    .selectFrom('org_unit')
    .select(['code', 'path'])
    .where('id', '=', actor.orgUnitId)
    .executeTakeFirstOrThrow();
  const { parsed, draft } = await draftForUnit(db, text, unit);
  return { text, parsed, draft, unparsed: parsed.unparsed, warnings: parsed.warnings };
}
