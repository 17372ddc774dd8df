/**
 * Sections (I., II., … or a known title in capitals) and, inside each, the tree of numbered,
 * lettered and bulleted items. Paragraphs without a marker attach to the deepest open item.
 */
import type { Block, MarkerKind } from './blocks.js';
import type { PlanSectionKind } from './types.js';

export interface Item {
  block: Block;
  /** 'num1', 'num2', 'letter', 'dash', 'plus', 'bullet'. */
  kind: string;
  markerKind: MarkerKind;
  label: string;
  children: Item[];
  paras: Block[];
  parent: Item | null;
}

export interface Section {
  kind: PlanSectionKind;
  numeral: string | null;
  /** Heading block (null for the implicit section of a plan without headings). */
  heading: Block | null;
  title: string;
  /** [start, end) in heading.mt of the title text. */
  titleRange: [number, number] | null;
  /** [start, end) in heading.mt of content written on the heading line ("KINH PHÍ: Thực hiện theo quy định."). */
  inlineRange: [number, number] | null;
  blocks: Block[];
  items: Item[];
  /** Paragraphs that belong to the section itself, not to an item. */
  paras: Block[];
}

/** Classifies a section title (folded text). */
export function classifySectionTitle(f: string): PlanSectionKind {
  if (/to chuc thuc hien|trach nhiem (?:cua|thuc hien)|phan cong/.test(f)) return 'organisation';
  if (/che do (?:thong tin,? )?bao cao|thong tin,? bao cao|^bao cao\b|che do bao cao/.test(f)) return 'reporting';
  if (/kinh phi|nguon luc thuc hien|nguon von/.test(f)) return 'budget';
  if (/^can cu\b|co so phap ly|can cu xay dung/.test(f)) return 'basis';
  if (/muc dich|yeu cau/.test(f) && !/muc tieu/.test(f)) return 'purposes';
  if (/muc tieu|chi tieu/.test(f)) return 'targets';
  if (/nhiem vu|giai phap|noi dung|hoat dong/.test(f)) return 'tasks';
  return 'other';
}

const KNOWN_TITLE =
  /^(?:muc dich|yeu cau|muc tieu|chi tieu|nhiem vu|giai phap|noi dung|kinh phi|to chuc thuc hien|che do|bao cao|can cu)/;

/** Whether a body block opens a section; returns its title range. */
export function sectionHeading(
  b: Block,
): { numeral: string | null; titleRange: [number, number]; inlineRange: [number, number] | null } | null {
  const t = b.mt.text;
  const mk = b.marker;
  let numeral: string | null = null;
  let start = b.contentStart;
  if (mk !== null && (mk.kind === 'roman' || mk.kind === 'upper')) numeral = mk.label;
  else if (mk !== null && mk.kind === 'num' && mk.depth === 1 && b.caps) {
    // "1. MỤC ĐÍCH, YÊU CẦU" in plans that number sections with digits
    if (!KNOWN_TITLE.test(b.fold.slice(b.contentStart)) || t.length > 90) return null;
    numeral = mk.label;
  } else {
    if (mk !== null || !b.caps || t.length > 100) return null;
    const part = /^phan\s+(?:thu\s+)?([ivx]+|mot|nhat|hai|ba|bon|tu|nam|sau)\b\s*[.:\-–]?\s*/.exec(b.fold);
    if (part) {
      numeral = (t.slice(0, part[0].length).trim().split(/\s+/).pop() ?? '').replace(/[.:\-–]+$/, '') || null;
      start = part[0].length;
    } else if (!KNOWN_TITLE.test(b.fold.replace(/^[^a-z]+/, ''))) return null;
  }
  const colon = t.indexOf(':', start);
  let titleEnd = t.length;
  let inlineRange: [number, number] | null = null;
  if (colon > start) {
    const after = t.slice(colon + 1).trim();
    if (after) {
      titleEnd = colon;
      inlineRange = [colon + 1, t.length];
    } else titleEnd = colon;
  }
  return { numeral, titleRange: [start, titleEnd], inlineRange };
}

function itemKind(b: Block): string {
  const mk = b.marker;
  if (!mk) return 'para';
  if (mk.kind === 'num') return `num${mk.depth}`;
  return mk.kind;
}

export const DETACH_RE =
  /^(?:tren day la|trong qua trinh|cac don vi can cu|cac co quan,? don vi|cac don vi,? dia phuong|de nghi cac|yeu cau cac|giao .{0,40}(?:theo doi|tong hop)|ke hoach nay|noi nhan|thoi gian (?:gui )?bao cao|che do bao cao|dinh ky (?:hang nam|6 thang)?,? ?cac)/;

/** Builds the item tree of one section from its blocks (heading excluded). */
export function buildItems(section: Section): void {
  const stack: Item[] = [];
  for (const b of section.blocks) {
    const kind = itemKind(b);
    if (kind === 'para') {
      const top = stack[stack.length - 1];
      if (!top || DETACH_RE.test(b.fold)) {
        section.paras.push(b);
        stack.length = 0;
      } else top.paras.push(b);
      continue;
    }
    let idx = -1;
    for (let k = stack.length - 1; k >= 0; k--)
      if (stack[k]?.kind === kind) {
        idx = k;
        break;
      }
    if (idx < 0 && kind.startsWith('num')) {
      // a shallower or equal numbered item closes deeper numbered levels
      const depth = Number(kind.slice(3));
      for (let k = 0; k < stack.length; k++) {
        const sk = stack[k]?.kind ?? '';
        if (sk.startsWith('num') && Number(sk.slice(3)) >= depth) {
          idx = k;
          break;
        }
      }
    }
    if (idx >= 0) stack.length = idx;
    const parent = stack[stack.length - 1] ?? null;
    const item: Item = {
      block: b,
      kind,
      markerKind: b.marker?.kind ?? 'dash',
      label: b.marker?.label ?? '',
      children: [],
      paras: [],
      parent,
    };
    if (parent) parent.children.push(item);
    else section.items.push(item);
    stack.push(item);
  }
}

/** Depth-first list of an item's descendants (not including itself). */
export function descendants(item: Item): Item[] {
  const out: Item[] = [];
  const walk = (it: Item) => {
    for (const c of it.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(item);
  return out;
}

/** All blocks of an item's subtree in document order: its own, its paragraphs and its descendants'. */
export function subtreeBlocks(item: Item): Block[] {
  const out: Block[] = [item.block, ...item.paras];
  for (const c of item.children) out.push(...subtreeBlocks(c));
  return out.sort((a, b) => a.id - b.id);
}

/** Label path from the section root ("2.a"), numbered and lettered markers only. */
export function labelPath(item: Item): string | null {
  if (!(item.markerKind === 'num' || item.markerKind === 'letter')) return null;
  const parts: string[] = [];
  let it: Item | null = item;
  while (it) {
    if (it.markerKind === 'num') {
      parts.unshift(it.label);
      break;
    }
    if (it.markerKind === 'letter') parts.unshift(it.label);
    it = it.parent;
  }
  return parts.join('.');
}
