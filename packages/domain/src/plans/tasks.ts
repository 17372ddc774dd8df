/** Task groups under "NHIỆM VỤ, GIẢI PHÁP" / "NỘI DUNG": heading, method, sub-tasks. */
import type { Block } from './blocks.js';
import { spanned } from './header.js';
import { descendants, labelPath, subtreeBlocks, type Item, type Section } from './outline.js';
import type { ParsedSubTask, ParsedTaskGroup } from './types.js';

const METHOD_RE = /^phuong (?:thuc|phap) (?:thuc hien|trien khai)\s*[:.\-–]?\s*/;
const LABEL_ONLY_RE =
  /^(?:mot so |cac )?(?:nhiem vu|giai phap|hoat dong|noi dung)(?:,? (?:nhiem vu|giai phap|hoat dong))*(?: cu the| chu yeu| trong tam)?(?: gom| bao gom| nhu sau)?\s*:?\s*$/;

function content(b: Block): { a: number; b: number } {
  return { a: b.contentStart, b: b.mt.length };
}

/** Splits a group paragraph into its heading (first sentence) and the rest. */
function splitHeading(b: Block): { heading: [number, number]; rest: [number, number] | null } {
  const t = b.mt.text;
  const { a, b: end } = content(b);
  const re = /[.:](?=\s+\p{Lu})/gu;
  re.lastIndex = a;
  const m = re.exec(t);
  if (m && m.index > a + 3) {
    const isColon = m[0] === ':';
    if (!isColon || m.index - a <= 160) return { heading: [a, m.index], rest: [m.index + 1, end] };
  }
  let e = end;
  while (e > a && /[\s.:;,]/.test(t.charAt(e - 1))) e--;
  return { heading: [a, e], rest: null };
}

function sub(b: Block, level: number, code: string | null): ParsedSubTask | null {
  const sp = spanned(b.mt, b.contentStart, b.mt.length);
  return sp ? { ...sp, code, level } : null;
}

function depthBelow(item: Item, group: Item): number {
  let d = 0;
  let it: Item | null = item;
  while (it && it !== group) {
    d++;
    it = it.parent;
  }
  return d;
}

export function extractTaskGroups(sections: Section[], claim: (b: Block) => void): ParsedTaskGroup[] {
  const groups: ParsedTaskGroup[] = [];
  for (const sec of sections) {
    if (sec.kind !== 'tasks') continue;
    const tops: { block: Block; item: Item | null }[] =
      sec.items.length > 0
        ? sec.items.map((it) => ({ block: it.block, item: it }))
        : sec.paras.map((p) => ({ block: p, item: null }));
    if (sec.items.length > 0) for (const p of sec.paras) claim(p);
    for (const { block, item } of tops) {
      const { heading, rest } = splitHeading(block);
      const h = spanned(block.mt, heading[0], heading[1]);
      if (!h) continue;
      const description = rest ? spanned(block.mt, rest[0], rest[1]) : null;
      let method: ParsedTaskGroup['method'] = null;
      const subtasks: ParsedSubTask[] = [];
      if (item) {
        for (const p of item.paras) {
          const st = sub(p, 1, null);
          if (st && !method && METHOD_RE.test(p.fold)) {
            const m = METHOD_RE.exec(p.fold);
            method = spanned(p.mt, m?.[0].length ?? 0, p.mt.length);
          } else if (st) subtasks.push(st);
        }
        for (const d of descendants(item)) {
          const f = d.block.fold.slice(d.block.contentStart);
          const level = depthBelow(d, item);
          if (!method && METHOD_RE.test(f)) {
            const m = METHOD_RE.exec(f);
            method = spanned(d.block.mt, d.block.contentStart + (m?.[0].length ?? 0), d.block.mt.length);
          } else if (!LABEL_ONLY_RE.test(f)) {
            const st = sub(d.block, level, labelPath(d));
            if (st) subtasks.push(st);
          }
          for (const p of d.paras) {
            const st = sub(p, level + 1, null);
            if (st) subtasks.push(st);
          }
        }
        for (const b of subtreeBlocks(item)) claim(b);
      } else claim(block);
      subtasks.sort((x, y) => x.span.start - y.span.start);
      const blocks = item ? subtreeBlocks(item) : [block];
      const first = blocks[0]?.mt.span();
      const last = blocks[blocks.length - 1]?.mt.span();
      groups.push({
        number: groups.length + 1,
        code: item ? labelPath(item) : null,
        heading: h.text,
        headingSpan: h.span,
        description,
        method,
        subtasks,
        span: first && last ? { start: first.start, end: last.end } : h.span,
      });
    }
  }
  return groups;
}
