/**
 * parsePlan: plan text → ParsedPlan. Pure and total: it never throws, and whatever it cannot
 * classify is returned in `unparsed` rather than dropped.
 *
 * Pipeline: NFC with offset maps → cleaned lines → paragraphs (blocks) → zones (header / body /
 * closing) → sections and item trees → extractors, each claiming the blocks it used.
 */
import { extractAssignments, type AssignmentWithBlocks } from './assignments.js';
import { toBlocks, toLines, type Block } from './blocks.js';
import { extractBudget } from './budget.js';
import { extractClosing, isAuthority, isNoiNhan, isSignatureTitle } from './closing.js';
import { extractHeader, findIssuerSentence, findParentDocuments, spanned } from './header.js';
import { normalizeInput, type MText } from './mapped.js';
import { buildItems, classifySectionTitle, labelPath, sectionHeading, type Item, type Section } from './outline.js';
import { extractReporting, type ReportingSource } from './reporting.js';
import { extractTaskGroups } from './tasks.js';
import {
  findCommitments,
  findFrequency,
  findValues,
  findYears,
  parseTargetText,
  type TargetContext,
} from './targets.js';
import type {
  ParsedPlan,
  ParsedTarget,
  ParsedPlanKind,
  ParsedPlanPeriod,
  ParsedSection,
  ParsedPurpose,
  SpannedText,
  ParsedTargetFrequency,
} from './types.js';
import { fold, lower } from './vi.js';

export function emptyPlan(): ParsedPlan {
  return {
    issuer: null,
    number: null,
    date: null,
    place: null,
    documentType: null,
    title: null,
    kind: 'program',
    period: { from: null, to: null, source: 'inferred' },
    parentDocuments: [],
    sections: [],
    purposes: [],
    generalObjectives: [],
    targets: [],
    taskGroups: [],
    assignments: [],
    reporting: [],
    budgetSources: [],
    recipients: [],
    signer: null,
    unparsed: [],
    warnings: [],
  };
}

const MAX_INPUT = 2_000_000;

/** Parses the text of a plan. Never throws; spans index the original `text`. */
export function parsePlan(text: string): ParsedPlan {
  const input = typeof text === 'string' ? text : String(text ?? '');
  try {
    return parseInner(input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input);
  } catch (e) {
    const plan = emptyPlan();
    plan.warnings.push(`parser failure: ${e instanceof Error ? e.message : String(e)}`);
    const trimmed = input.trim();
    if (trimmed) {
      const start = input.indexOf(trimmed.charAt(0));
      plan.unparsed.push({ text: trimmed.slice(0, 2000), span: { start, end: start + trimmed.length } });
    }
    return plan;
  }
}

function safe<T>(warnings: string[], name: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    warnings.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    return fallback;
  }
}

function blockText(b: Block): SpannedText | null {
  return spanned(b.mt, b.contentStart, b.mt.length);
}

function isDocType(b: Block): boolean {
  return b.caps && /^ke hoach\b/.test(b.fold.trimStart()) && b.mt.length <= 60;
}

const CLOSING_REMARK_RE = /^(?:tren day la|trong qua trinh)|neu co kho khan,? vuong mac/;

// ---------------------------------------------------------------- period and kind

function yearsIn(text: string): { from: number | null; to: number | null } | null {
  const f = fold(text);
  const r = /(?<!\d)((?:19|20)\d\d)\s*\)?\s*(?:-|–|den(?: nam)?)\s*\(?((?:19|20)\d\d)(?!\d)/.exec(f);
  if (r) {
    const a = Number(r[1]);
    const b = Number(r[2]);
    if (a <= b) return { from: a, to: b };
  }
  const den = /\b(?:den|toi)\s+(?:het\s+)?nam\s+((?:19|20)\d\d)\b/.exec(f);
  const singles: number[] = [];
  const re = /\bnam\s+((?:19|20)\d\d)\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f)) !== null) {
    const pre = f.slice(Math.max(0, m.index - 16), m.index);
    if (/(?:den|toi|het|cuoi|so voi|tu)\s+$|thang\s+\d{1,2}\s+$/.test(pre)) continue;
    singles.push(Number(m[1]));
  }
  const single = singles[0];
  if (single !== undefined) return { from: single, to: single };
  if (den) return { from: null, to: Number(den[1]) };
  return null;
}

function inferPeriod(
  title: string | null,
  texts: string[],
  dateYear: number | null,
  parentYears: number[],
): ParsedPlanPeriod {
  let from: number | null = null;
  let to: number | null = null;
  let source: ParsedPlanPeriod['source'] = 'title';
  const t = title ? yearsIn(title) : null;
  if (t) {
    from = t.from;
    to = t.to;
  } else {
    // in the text, a range or "đến năm" says more than a year mentioned in passing
    source = 'text';
    const found = texts.map(yearsIn).filter((y): y is { from: number | null; to: number | null } => y !== null);
    const best =
      found.find((y) => y.from !== null && y.to !== null && y.from < y.to) ??
      found.find((y) => y.from === null) ??
      found[0];
    if (best) {
      from = best.from;
      to = best.to;
    }
  }
  if (from === null) {
    const cands = [dateYear, ...[...parentYears].sort((a, b) => b - a)].filter(
      (y): y is number => y !== null && (to === null || y <= to),
    );
    if (cands[0] !== undefined) {
      from = cands[0];
      source = 'inferred';
    }
  }
  if (to === null && from !== null) {
    to = null;
    source = 'inferred';
  }
  return { from, to, source };
}

function planKind(title: string | null, period: ParsedPlanPeriod): ParsedPlanKind {
  const f = fold(title ?? '');
  if (/thang hanh dong/.test(f) && !/chuong trinh truyen thong/.test(f)) return 'action_month';
  if (period.from !== null && period.from === period.to) return 'annual';
  return 'program';
}

// ---------------------------------------------------------------- targets

const SUBHEAD_RE =
  /^(?:cac )?(?:muc tieu|chi tieu)((?:\s+(?:chung|tong quat|tong the|cu the|chu yeu|chinh|den nam \d{4}|giai doan [\d\s-]+|nam \d{4}))*)\s*(?:[:.]\s*(.*))?$/;

function subheadKind(it: Item): { kind: 'general' | 'specific'; inlineAt: number | null } | null {
  const b = it.block;
  const f = b.fold.slice(b.contentStart).trim();
  const m = SUBHEAD_RE.exec(f);
  if (!m) return null;
  let inlineAt: number | null = null;
  if (m[2]) {
    const colon = b.mt.text.indexOf(':', b.contentStart);
    if (colon > 0) inlineAt = colon + 1;
  }
  return { kind: /chung|tong quat|tong the/.test(m[1] ?? '') ? 'general' : 'specific', inlineAt };
}

/** "1. Mục đích", "2. Yêu cầu: …" — purposes, even inside a section titled "MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU". */
const PURPOSE_HEAD_RE = /^(?:muc dich|yeu cau)(?:\s*(?:[:.]|$)|,? yeu cau\b)/;

interface TargetSource {
  mt: MText;
  block: Block;
  item: Item | null;
  ctx: TargetContext;
}

function hasTargetContent(mt: MText): boolean {
  const low = lower(mt.text);
  return findValues(low).length > 0 || findYears(fold(mt.text)).some((y) => y.kind !== 'baseline');
}

function ctxFrom(mt: MText, ctx: TargetContext): TargetContext {
  const f = fold(mt.text);
  const ys = findYears(f).filter((y) => y.kind !== 'baseline');
  const y = ys[ys.length - 1];
  const freq = findFrequency(f);
  // a heading "Giai đoạn 2022 - 2025:" sets the milestone of the targets under it
  const period = y ? null : /giai doan\s*\(?\s*(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)/.exec(f);
  if (period) return { year: Number(period[1]), yearKind: 'by_year', frequency: freq ?? ctx.frequency };
  return {
    year: y ? y.year : ctx.year,
    yearKind: y ? (y.kind === 'baseline' ? null : y.kind) : ctx.yearKind,
    frequency: freq ?? ctx.frequency,
  };
}

function collectTargets(
  sections: Section[],
  planCtx: TargetContext,
  claim: (b: Block) => void,
): { targets: ParsedTarget[]; general: SpannedText[] } {
  const sources: TargetSource[] = [];
  const general: SpannedText[] = [];
  const content = (b: Block) => b.mt.slice(b.contentStart);

  const visit = (it: Item, ctx: TargetContext) => {
    claim(it.block);
    const mt = content(it.block);
    const hasVals = findValues(lower(mt.text)).length > 0;
    if (it.children.length === 0 || hasVals) sources.push({ mt, block: it.block, item: it, ctx });
    const childCtx = hasVals ? ctx : ctxFrom(mt, ctx);
    for (const p of it.paras) {
      claim(p);
      if (hasTargetContent(p.mt)) sources.push({ mt: p.mt, block: p, item: null, ctx: childCtx });
    }
    for (const c of it.children) visit(c, childCtx);
  };
  const visitTop = (it: Item, ctx: TargetContext) => visit(it, ctx);
  const addPara = (mt: MText, block: Block, ctx: TargetContext) => sources.push({ mt, block, item: null, ctx });
  const addGeneral = (b: Block, from = b.contentStart) => {
    claim(b);
    const sp = spanned(b.mt, from, b.mt.length);
    if (sp) general.push(sp);
  };
  const addGeneralItem = (it: Item, from: number | null) => {
    claim(it.block);
    if (from !== null) addGeneral(it.block, from);
    for (const p of it.paras) addGeneral(p);
    for (const c of it.children) addGeneralItem(c, c.block.contentStart);
  };

  for (const sec of sections) {
    if (sec.kind !== 'targets' && sec.kind !== 'purposes') continue;
    const subs = sec.items.map((it) => ({ it, sh: subheadKind(it) }));
    const hasSub = subs.some((s) => s.sh !== null);
    if (sec.kind === 'purposes' && !hasSub) continue;
    if (hasSub) {
      for (const { it, sh } of subs) {
        if (!sh) {
          if (sec.kind === 'targets' && !PURPOSE_HEAD_RE.test(it.block.fold.slice(it.block.contentStart)))
            visitTop(it, planCtx);
          continue;
        }
        if (sh.kind === 'general') addGeneralItem(it, sh.inlineAt);
        else {
          claim(it.block);
          if (sh.inlineAt !== null) {
            const mt = it.block.mt.slice(sh.inlineAt);
            if (hasTargetContent(mt)) addPara(mt, it.block, planCtx);
          }
          // paragraphs and items in document order; a paragraph such as "Giai đoạn 2022-2025:" sets
          // the milestone of the items after it
          let runCtx = planCtx;
          const parts = [
            ...it.paras.map((p) => ({ id: p.id, para: p, item: null as Item | null })),
            ...it.children.map((c) => ({ id: c.block.id, para: null as Block | null, item: c })),
          ].sort((x, y) => x.id - y.id);
          for (const part of parts) {
            if (part.item) visitTop(part.item, runCtx);
            else if (part.para) {
              const p = part.para;
              claim(p);
              if (hasTargetContent(p.mt)) addPara(p.mt, p, runCtx);
              else if (/^giai doan\b|^(?:den |tu )?nam \d{4}\s*:?$/.test(p.fold.trim()))
                runCtx = ctxFrom(p.mt, planCtx);
              else addGeneral(p);
            }
          }
        }
      }
      if (sec.kind === 'targets') for (const p of sec.paras) addGeneral(p);
    } else if (sec.items.length > 0) {
      for (const it of sec.items)
        if (!PURPOSE_HEAD_RE.test(it.block.fold.slice(it.block.contentStart))) visitTop(it, planCtx);
      for (const p of sec.paras) addGeneral(p);
    } else {
      for (const p of sec.paras) {
        claim(p);
        if (hasTargetContent(p.mt)) addPara(p.mt, p, planCtx);
        else addGeneral(p);
      }
      if (sec.heading && sec.inlineRange) {
        const mt = sec.heading.mt.slice(sec.inlineRange[0], sec.inlineRange[1]);
        if (hasTargetContent(mt)) addPara(mt, sec.heading, planCtx);
      }
    }
  }
  sources.sort((a, b) => a.block.id - b.block.id || (a.mt.starts[0] ?? 0) - (b.mt.starts[0] ?? 0));
  // numbering: 1, 2, 3 … in list order, one number per target; the milestones of one target
  // ("70% by 2025 and 90% by 2030") share it. The plan's own label stays in `code`.
  const targets: ParsedTarget[] = [];
  let number = 0;
  for (const s of sources) {
    const code = s.item ? labelPath(s.item) : null;
    const drafts = parseTargetText(s.mt, s.ctx);
    const years = drafts.map((d) => d.year);
    const units = new Set(drafts.map((d) => d.unit).filter((u) => u !== null));
    const milestones =
      drafts.length > 1 && units.size <= 1 && new Set(years).size === years.length && !years.includes(null);
    if (milestones || drafts.length === 1) number++;
    for (const d of drafts) {
      if (!milestones && drafts.length > 1) number++;
      const span = s.mt.span(d.range[0], d.range[1]);
      if (!span) continue;
      const { range: _range, ...rest } = d;
      targets.push({ number, code, ...rest, source: 'targets_section', span });
    }
  }
  return { targets, general };
}

function bodyCommitments(
  sections: Section[],
  planCtx: TargetContext,
  existing: ParsedTarget[],
): { target: ParsedTarget; blockId: number }[] {
  const out: { target: ParsedTarget; blockId: number }[] = [];
  let next = existing.reduce((m, t) => Math.max(m, t.number), 0);
  const known = new Set(existing.map((t) => `${t.value}|${t.unit}|${t.year}|${t.frequency}`));
  for (const sec of sections) {
    if (!['tasks', 'organisation', 'other', 'reporting'].includes(sec.kind)) continue;
    for (const b of sec.blocks) {
      if (out.length >= 200) return out;
      const seen = new Set<string>();
      for (const c of findCommitments(b.low)) {
        const key = `${c.clause[0]}:${c.clause[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const mt = b.mt.slice(c.clause[0], c.clause[1]);
        const drafts = parseTargetText(mt, planCtx).filter((d) => d.value !== null);
        if (drafts.length === 0) continue;
        const n = ++next;
        for (const d of drafts) {
          if (known.has(`${d.value}|${d.unit}|${d.year}|${d.frequency}`)) continue;
          const span = mt.span(d.range[0], d.range[1]);
          if (!span) continue;
          const { range: _range, ...rest } = d;
          out.push({ target: { number: n, code: null, ...rest, source: 'body', span }, blockId: b.id });
        }
        if (!out.some((o) => o.target.number === n)) next--;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- main

function parseInner(input: string): ParsedPlan {
  const plan = emptyPlan();
  const warnings = plan.warnings;
  const doc = normalizeInput(input);
  const blocks = toBlocks(toLines(doc));
  const claimed = new Set<number>();
  const claim = (b: Block) => claimed.add(b.id);

  // zones
  const docIdx = blocks.slice(0, 80).findIndex(isDocType);
  let firstSec = -1;
  for (let i = docIdx + 1; i < blocks.length; i++) {
    const b = blocks[i];
    if (b && sectionHeading(b) && !isNoiNhan(b)) {
      firstSec = i;
      break;
    }
  }
  let headerEnd = firstSec >= 0 ? firstSec : Math.min(blocks.length, Math.max(docIdx + 1, 0) + (docIdx < 0 ? 40 : 6));
  let tailIdx = blocks.length;
  for (let i = Math.max(headerEnd, 0); i < blocks.length; i++) {
    const b = blocks[i];
    if (b && (isNoiNhan(b) || isAuthority(b))) {
      tailIdx = i;
      break;
    }
  }
  if (tailIdx === blocks.length) {
    // a signature without "Nơi nhận" or "KT.": a title in capitals among the last blocks
    for (let i = Math.max(headerEnd, blocks.length - 6); i < blocks.length; i++) {
      const b = blocks[i];
      if (b && isSignatureTitle(b)) {
        tailIdx = i;
        break;
      }
    }
  }
  headerEnd = Math.min(headerEnd, tailIdx);

  // header
  const headerBlocks = blocks.slice(0, headerEnd);
  const header = safe(warnings, 'header', null, () => extractHeader(headerBlocks));
  if (header) {
    plan.issuer = header.issuer;
    plan.number = header.number;
    plan.date = header.date;
    plan.place = header.place;
    plan.documentType = header.documentType;
    plan.title = header.title;
    plan.parentDocuments = header.parentDocuments;
    for (const id of header.claimed) claimed.add(id);
  }
  if (firstSec < 0 && header) {
    // no section headings: the body starts after the last header block the header recognised
    let last = -1;
    for (let i = 0; i < headerEnd; i++) if (claimed.has(blocks[i]?.id ?? -1)) last = i;
    headerEnd = last + 1;
  }

  // sections
  const sections: Section[] = [];
  let cur: Section | null = null;
  for (let i = headerEnd; i < tailIdx; i++) {
    const b = blocks[i];
    if (!b) continue;
    const h = sectionHeading(b);
    if (h) {
      const title = b.mt.text
        .slice(h.titleRange[0], h.titleRange[1])
        .trim()
        .replace(/[.:]+$/, '');
      cur = {
        kind: classifySectionTitle(fold(title)),
        numeral: h.numeral,
        heading: b,
        title,
        titleRange: h.titleRange,
        inlineRange: h.inlineRange,
        blocks: [],
        items: [],
        paras: [],
      };
      sections.push(cur);
      claim(b);
      continue;
    }
    if (!cur) {
      cur = {
        kind: 'other',
        numeral: null,
        heading: null,
        title: '',
        titleRange: null,
        inlineRange: null,
        blocks: [],
        items: [],
        paras: [],
      };
      sections.push(cur);
    }
    cur.blocks.push(b);
  }
  for (const s of sections) buildItems(s);
  plan.sections = sections
    .filter((s) => s.heading)
    .map((s): ParsedSection | null => {
      const sp = s.heading && s.titleRange ? s.heading.mt.span(s.titleRange[0], s.titleRange[1]) : null;
      return sp ? { kind: s.kind, numeral: s.numeral, title: s.title, span: sp } : null;
    })
    .filter((s): s is ParsedSection => s !== null);

  // legal bases written as a section
  for (const s of sections) {
    if (s.kind !== 'basis') continue;
    for (const b of s.blocks) {
      claim(b);
      const iss = findIssuerSentence(b);
      for (const d of findParentDocuments(b, iss?.start ?? b.mt.length))
        if (!plan.parentDocuments.some((p) => p.number === d.number)) plan.parentDocuments.push(d);
      if (iss && !plan.issuer) plan.issuer = { ...iss.issuer, source: 'sentence' };
    }
  }

  // period and kind
  const preambleTexts = headerBlocks.filter((b) => !isDocType(b)).map((b) => b.mt.text);
  const purposeTexts = sections.filter((s) => s.kind === 'purposes').flatMap((s) => s.blocks.map((b) => b.mt.text));
  const parentYears = plan.parentDocuments
    .map((p) => (p.date ? Number(p.date.slice(0, 4)) : null))
    .filter((y): y is number => y !== null);
  plan.period = safe(warnings, 'period', plan.period, () =>
    inferPeriod(
      [plan.documentType?.text, plan.title?.text].filter(Boolean).join(' ') || null,
      [...preambleTexts, ...purposeTexts],
      plan.date?.year ?? null,
      parentYears,
    ),
  );
  plan.kind = planKind(plan.title?.text ?? null, plan.period);
  const single = plan.period.from !== null && plan.period.from === plan.period.to ? plan.period.from : null;
  const planCtx: TargetContext = {
    year: single,
    yearKind: single !== null ? 'once' : null,
    frequency: null as ParsedTargetFrequency | null,
  };

  // purposes
  plan.purposes = safe(warnings, 'purposes', [], () => {
    const out: ParsedPurpose[] = [];
    for (const s of sections) {
      if (s.kind === 'targets') {
        // only the "Mục đích" / "Yêu cầu" items of a combined section
        for (const it of s.items) {
          const f = it.block.fold.slice(it.block.contentStart).trim();
          const sub = /^(muc dich|yeu cau)\s*(?:[:.]\s*|$)/.exec(f);
          if (!sub) continue;
          const kind: ParsedPurpose['kind'] = sub[1] === 'yeu cau' ? 'requirement' : 'purpose';
          claim(it.block);
          const inline = spanned(it.block.mt, it.block.contentStart + sub[0].length, it.block.mt.length);
          if (inline && sub[0].length < f.length) out.push({ ...inline, kind });
          const walkT = (x: Item) => {
            for (const b of [x.block, ...x.paras]) {
              claim(b);
              const sp = blockText(b);
              if (sp) out.push({ ...sp, kind });
            }
            for (const c of x.children) walkT(c);
          };
          for (const p of it.paras) {
            claim(p);
            const sp = blockText(p);
            if (sp) out.push({ ...sp, kind });
          }
          for (const c of it.children) walkT(c);
        }
        continue;
      }
      if (s.kind !== 'purposes') continue;
      const defaultKind: ParsedPurpose['kind'] =
        /yeu cau/.test(fold(s.title)) && !/muc dich/.test(fold(s.title)) ? 'requirement' : 'purpose';
      const push = (b: Block, kind: ParsedPurpose['kind']) => {
        claim(b);
        const sp = blockText(b);
        if (sp) out.push({ ...sp, kind });
      };
      const walk = (it: Item, kind: ParsedPurpose['kind']) => {
        push(it.block, kind);
        for (const p of it.paras) push(p, kind);
        for (const c of it.children) walk(c, kind);
      };
      for (const it of s.items) {
        const f = it.block.fold.slice(it.block.contentStart).trim();
        if (subheadKind(it)) continue;
        const sub = /^(muc dich|yeu cau)\s*(?:[:.]\s*|$)/.exec(f);
        if (sub) {
          claim(it.block);
          const kind = sub[1] === 'yeu cau' ? 'requirement' : 'purpose';
          const inline = spanned(it.block.mt, it.block.contentStart + sub[0].length, it.block.mt.length);
          if (inline && sub[0].length < f.length) out.push({ ...inline, kind });
          for (const p of it.paras) push(p, kind);
          for (const c of it.children) walk(c, kind);
        } else walk(it, defaultKind);
      }
      for (const p of s.paras) push(p, defaultKind);
      if (s.heading && s.inlineRange) {
        const sp = spanned(s.heading.mt, s.inlineRange[0], s.inlineRange[1]);
        if (sp) out.push({ ...sp, kind: defaultKind });
      }
    }
    return out;
  });

  // targets
  const tg = safe(warnings, 'targets', { targets: [], general: [] }, () => collectTargets(sections, planCtx, claim));
  plan.generalObjectives = tg.general;
  const body = safe(warnings, 'body targets', [], () => bodyCommitments(sections, planCtx, tg.targets));
  plan.targets = [...tg.targets, ...body.map((x) => x.target)];

  // task groups
  plan.taskGroups = safe(warnings, 'task groups', [], () => extractTaskGroups(sections, claim));

  // assignments
  const assignments: AssignmentWithBlocks[] = safe(warnings, 'assignments', [], () =>
    extractAssignments(sections, claim),
  );
  if (body.length > 0)
    for (const a of assignments) {
      for (const bt of body)
        if (a.blockIds.has(bt.blockId) && !a.targets.includes(bt.target.number)) a.targets.push(bt.target.number);
      a.targets.sort((x, y) => x - y);
    }
  // "Mục tiêu 2" names the plan's target 2: through the plan's labels when targets carry them
  const byLabel = new Map<string, number[]>();
  for (const t of plan.targets) {
    const top = t.code?.split('.')[0];
    if (top && t.source === 'targets_section') byLabel.set(top, [...(byLabel.get(top) ?? []), t.number]);
  }
  if (byLabel.size > 0)
    for (const a of assignments) {
      const own = new Set(body.filter((bt) => a.blockIds.has(bt.blockId)).map((bt) => bt.target.number));
      const mapped = a.targets.flatMap((n) => (own.has(n) ? [n] : (byLabel.get(String(n)) ?? [n])));
      a.targets = [...new Set(mapped)].sort((x, y) => x - y);
    }
  plan.assignments = assignments.map(({ blockIds: _b, ...a }) => a);

  // reporting
  plan.reporting = safe(warnings, 'reporting', [], () => {
    const owners = new Map<number, string[]>();
    for (const a of assignments) for (const id of a.blockIds) owners.set(id, [...(owners.get(id) ?? []), a.org]);
    const srcs: ReportingSource[] = [];
    for (const s of sections) for (const b of s.blocks) srcs.push({ block: b, from: owners.get(b.id) ?? [] });
    const { rules, claimed: rc } = extractReporting(srcs);
    for (const id of rc) claimed.add(id);
    return rules;
  });
  for (const s of sections) if (s.kind === 'reporting') for (const b of s.blocks) claim(b);

  // budget
  plan.budgetSources = safe(warnings, 'budget', [], () => {
    const parts: { mt: MText; a: number; b: number; block: Block }[] = [];
    for (const s of sections) {
      if (s.kind !== 'budget') continue;
      if (s.heading && s.inlineRange)
        parts.push({ mt: s.heading.mt, a: s.inlineRange[0], b: s.inlineRange[1], block: s.heading });
      for (const b of s.blocks) parts.push({ mt: b.mt, a: b.contentStart, b: b.mt.length, block: b });
    }
    return extractBudget(parts, claim);
  });

  // closing remarks in the body
  for (const s of sections) for (const p of s.paras) if (CLOSING_REMARK_RE.test(p.fold)) claim(p);

  // recipients and signature
  const tail = blocks.slice(tailIdx);
  const closing = safe(warnings, 'closing', null, () => extractClosing(tail));
  if (closing) {
    plan.recipients = closing.recipients;
    plan.signer = closing.signer;
    for (const id of closing.claimed) claimed.add(id);
  }

  // whatever nobody claimed
  for (const b of blocks) {
    if (claimed.has(b.id)) continue;
    if (!/[\p{L}\d]/u.test(b.mt.text)) continue;
    const sp = b.mt.span();
    if (sp) plan.unparsed.push({ text: b.mt.text, span: sp });
  }
  return plan;
}
