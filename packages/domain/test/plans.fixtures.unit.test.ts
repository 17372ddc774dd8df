/**
 * The five seed plans against their hand-written expected structure
 * (test/fixtures/plans/*.expected.json; format in that folder's README.md). One test per aspect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan, PlanParseJson, toCliJson, type ParsedPlan } from '../src/plans/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const seedsDir = path.resolve(here, '../../db/data/seed-plans');
const fixturesDir = path.join(here, 'fixtures/plans');

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const normOrNull = (s: string | null | undefined) => (s == null ? null : norm(s));
const lc = (s: string) => norm(s).toLowerCase();

interface TargetFx {
  number?: number;
  code?: string | null;
  text_contains?: string;
  scope_contains?: string;
  value?: number | null;
  value_max?: number | null;
  unit?: string | null;
  comparator?: string | null;
  year?: number | null;
  frequency?: string;
  baseline_year?: number | null;
  rule_kind?: string | null;
  status?: string | null;
  source?: string;
}
type TaskGroupFx = string | { heading: string; method_contains?: string; subtasks?: number };
interface Fixture {
  seed: string;
  header: {
    issuer: string | null;
    number: string | null;
    date: string | null;
    date_parts?: { day: number | null; month: number | null; year: number | null };
    place: string | null;
    document_type?: string | null;
    title_contains: string;
    kind: string;
  };
  parent_documents: { number: string; date?: string | null }[];
  period: { from: number | null; to: number | null };
  targets: TargetFx[];
  task_groups: TaskGroupFx[];
  assignments: { org: string; role: string; targets: number[] }[];
  reporting: { to: string | null; frequency: string; deadline: string }[];
  budget_sources: string[];
  budget_kinds: string[];
  recipients: string[];
  signer: { authority: string | null; authorities?: string[]; title: string | null; name: string | null } | null;
  unparsed: string[];
}

const fixtures = fs
  .readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')) as Fixture);

it('there is a fixture for every seed plan', () => {
  const seeds = fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
  expect(fixtures.map((f) => f.seed).sort()).toEqual(seeds.sort());
});

describe.each(fixtures.map((f) => [f.seed, f] as const))('%s', (seed, fx) => {
  const text = fs.readFileSync(path.join(seedsDir, seed), 'utf8');
  const parsed: ParsedPlan = parsePlan(text);
  const cli = toCliJson(parsed);

  it('header: issuer, number, date, place, document type, title, kind', () => {
    expect(normOrNull(parsed.issuer?.text)).toBe(normOrNull(fx.header.issuer));
    expect(normOrNull(parsed.number?.text)).toBe(normOrNull(fx.header.number));
    expect(parsed.date?.iso ?? null).toBe(fx.header.date);
    if (fx.header.date_parts) {
      expect({ day: parsed.date?.day, month: parsed.date?.month, year: parsed.date?.year }).toEqual(
        fx.header.date_parts,
      );
    }
    expect(normOrNull(parsed.place?.text)).toBe(normOrNull(fx.header.place));
    if (fx.header.document_type !== undefined)
      expect(normOrNull(parsed.documentType?.text)).toBe(normOrNull(fx.header.document_type));
    expect(lc(parsed.title?.text ?? '')).toContain(lc(fx.header.title_contains));
    expect(parsed.kind).toBe(fx.header.kind);
  });

  it('parent documents and period', () => {
    expect(parsed.parentDocuments.map((d) => d.number)).toEqual(fx.parent_documents.map((d) => d.number));
    fx.parent_documents.forEach((d, i) => {
      if (d.date !== undefined) expect(parsed.parentDocuments[i]?.date).toBe(d.date);
    });
    expect({ from: parsed.period.from, to: parsed.period.to }).toEqual(fx.period);
  });

  it('targets: values, ranges, units, comparators, milestones, frequency', () => {
    const got = cli.targets.map((t, i) => {
      const p = parsed.targets[i];
      return {
        number: p?.number,
        code: p?.code,
        text: t.text,
        scope: p?.scope ?? '',
        value: t.value,
        value_max: t.value_max,
        unit: t.unit,
        comparator: t.comparator,
        year: t.year,
        frequency: t.frequency,
        baseline_year: p?.baselineYear,
        rule_kind: p?.ruleKind,
        status: p?.status,
        source: p?.source,
      };
    });
    expect(got.map((t) => `${t.number}: ${t.text}`)).toHaveLength(fx.targets.length);
    fx.targets.forEach((e, i) => {
      const g = got[i];
      expect(g, `target #${i + 1}`).toBeDefined();
      if (!g) return;
      const { text_contains, scope_contains, ...exact } = e;
      const picked = Object.fromEntries(Object.keys(exact).map((k) => [k, g[k as keyof typeof g]]));
      expect(picked, `target #${i + 1}: ${g.text}`).toEqual(exact);
      if (text_contains) expect(lc(g.text), `target #${i + 1} text`).toContain(lc(text_contains));
      if (scope_contains) expect(lc(g.scope ?? ''), `target #${i + 1} scope`).toContain(lc(scope_contains));
    });
  });

  it('task groups: headings, methods, sub-tasks', () => {
    expect(parsed.taskGroups.map((g) => g.heading)).toHaveLength(fx.task_groups.length);
    fx.task_groups.forEach((e, i) => {
      const g = parsed.taskGroups[i];
      const exp = typeof e === 'string' ? { heading: e } : e;
      expect(norm(g?.heading ?? '').startsWith(norm(exp.heading)), `group ${i + 1}: ${g?.heading}`).toBe(true);
      if (exp.method_contains) expect(lc(g?.method?.text ?? '')).toContain(lc(exp.method_contains));
      if (exp.subtasks !== undefined) expect(g?.subtasks.length, `group ${i + 1} sub-tasks`).toBe(exp.subtasks);
    });
  });

  it('assignments: bodies, roles, target links', () => {
    expect(cli.assignments.map((a) => ({ ...a, org: norm(a.org) }))).toEqual(
      fx.assignments.map((a) => ({ ...a, org: norm(a.org) })),
    );
  });

  it('reporting: recipient, frequency, deadline', () => {
    expect(cli.reporting.map((r) => ({ ...r, to: normOrNull(r.to) }))).toEqual(
      fx.reporting.map((r) => ({ ...r, to: normOrNull(r.to) })),
    );
  });

  it('budget sources', () => {
    for (const s of fx.budget_sources)
      expect(
        cli.budget_sources.some((b) => lc(b).includes(lc(s))),
        `"${s}" in ${JSON.stringify(cli.budget_sources)}`,
      ).toBe(true);
    expect(parsed.budgetSources.map((b) => b.kind)).toEqual(fx.budget_kinds);
  });

  it('recipients and signer', () => {
    expect(parsed.recipients.map((r) => norm(r.text))).toEqual(fx.recipients.map(norm));
    if (fx.signer === null) expect(parsed.signer).toBeNull();
    else {
      expect(normOrNull(parsed.signer?.authority)).toBe(normOrNull(fx.signer.authority));
      expect(normOrNull(parsed.signer?.title)).toBe(normOrNull(fx.signer.title));
      expect(normOrNull(parsed.signer?.name)).toBe(normOrNull(fx.signer.name));
      if (fx.signer.authorities) expect(parsed.signer?.authorities.map(norm)).toEqual(fx.signer.authorities.map(norm));
    }
  });

  it('unparsed leftovers', () => {
    expect(cli.unparsed).toHaveLength(fx.unparsed.length);
    fx.unparsed.forEach((u, i) => expect(lc(cli.unparsed[i] ?? '')).toContain(lc(u)));
  });

  it('CLI JSON matches PlanParseJson and every span points into the text', () => {
    expect(PlanParseJson.safeParse(cli).success).toBe(true);
    expect(parsed.warnings).toEqual([]);
    const spans = [
      ...parsed.targets.map((t) => [t.span, t.text] as const),
      ...parsed.assignments.map((a) => [a.orgSpan, a.org] as const),
      ...parsed.recipients.map((r) => [r.span, r.text] as const),
      ...parsed.parentDocuments.map((d) => [d.span, d.citation] as const),
      ...parsed.reporting.map((r) => [r.span, r.text] as const),
    ];
    for (const [span, t] of spans) {
      expect(span.start).toBeLessThan(span.end);
      // the original slice, once normalised and stripped of markdown, reads as the extracted text
      const slice = norm(text.slice(span.start, span.end).replace(/[*#]/g, ''));
      expect(slice.startsWith(norm(t).slice(0, 12)), `${t} vs ${slice}`).toBe(true);
    }
  });
});
