/**
 * Assignments under "TỔ CHỨC THỰC HIỆN": one per responsible body, with its role (lead /
 * coordinate), duties and the targets it answers for ("Mục tiêu 2, 3").
 */
import type { Block } from './blocks.js';
import { spanned } from './header.js';
import type { MText } from './mapped.js';
import { DETACH_RE, labelPath, subtreeBlocks, type Item, type Section } from './outline.js';
import type { ParsedAssignment, ParsedAssignmentRole, TextSpan, SpannedText } from './types.js';
import { fold, startsWithOrgHead } from './vi.js';

const PREFIX_RE =
  /^(?:trách nhiệm của|trách nhiệm|kính đề nghị|đề nghị|giao cho|giao|yêu cầu|các cơ quan, đơn vị sau:)\s+/iu;
const DUTY_START_RE =
  /\s(?:căn cứ|trong phạm vi|chủ trì|chủ tri|phối hợp|có trách nhiệm|chịu trách nhiệm|tổ chức(?!,)|thực hiện|triển khai|xây dựng|tham mưu|hướng dẫn|chỉ đạo|tăng cường|đẩy mạnh|theo dõi|bố trí|tuyên truyền|là cơ quan|làm đầu mối|nghiên cứu|rà soát|báo cáo|gửi)(?=[\s,.;:]|$)/gu;

/** Target references: "Mục tiêu 2, 3", "mục tiêu số 1", "chỉ tiêu 1 - 3". */
export function targetRefs(text: string): number[] {
  const f = fold(text);
  const out = new Set<number>();
  const re = /\b(?:muc tieu|chi tieu)(?: so)?\s+(\d{1,2}(?:\s*(?:,|va|-|–|den)\s*\d{1,2})*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f)) !== null) {
    const list = m[1] ?? '';
    const parts = list.split(/\s*(?:,|va)\s*/);
    for (const p of parts) {
      const r = /^(\d{1,2})\s*(?:-|–|den)\s*(\d{1,2})$/.exec(p.trim());
      if (r) {
        const x = Number(r[1]);
        const y = Number(r[2]);
        for (let k = x; k <= y && k - x < 50; k++) out.add(k);
      } else if (/^\d{1,2}$/.test(p.trim())) out.add(Number(p.trim()));
    }
  }
  return [...out].filter((n) => n >= 1).sort((a, b) => a - b);
}

/** Splits "Ủy ban MTTQ, Hội LHPN, Huyện Đoàn … và các tổ chức thành viên" into bodies. */
export function splitOrgs(mt: MText, a: number, b: number): SpannedText[] {
  const t = mt.text;
  const cuts: [number, number][] = [];
  let s = a;
  for (let k = a; k <= b; k++) {
    if (k === b || t.charAt(k) === ';') {
      cuts.push([s, k]);
      s = k + 1;
    }
  }
  const out: SpannedText[] = [];
  for (const [x, y] of cuts) {
    const seg = t.slice(x, y);
    const lead = seg.length - seg.trimStart().length;
    let start = x + lead;
    const re = /,\s+|\s+và\s+/gu;
    let m: RegExpExecArray | null;
    const local = t.slice(start, y);
    const firstIsOrg = startsWithOrgHead(local);
    const parts: [number, number][] = [];
    let ps = start;
    while ((m = re.exec(local)) !== null) {
      const after = local.slice(m.index + m[0].length);
      if (firstIsOrg && startsWithOrgHead(after) && /^(?:các\s+\p{L}|\p{Lu})/u.test(after)) {
        parts.push([ps, start + m.index]);
        ps = start + m.index + m[0].length;
      }
    }
    parts.push([ps, y]);
    for (const [p, q] of parts) {
      let e = q;
      while (e > p && /[\s.,:;]/.test(t.charAt(e - 1))) e--;
      const sp = spanned(mt, p, e);
      if (sp && sp.text.length >= 3) out.push(sp);
    }
    start = y;
  }
  return out;
}

/** "lead" unless every duty is to coordinate ("Phối hợp …"); "Chủ trì" always means lead. */
export function roleOf(duties: string[]): ParsedAssignmentRole {
  const clauses: string[] = [];
  for (const d of duties) {
    let f = fold(d);
    // an enumeration after "trong đó" belongs to the duty it details
    f = f.replace(/,?\s*trong do\s*:?[^.]*/g, '');
    for (const c of f.split(/;|\.\s+/)) {
      let x = c.trim();
      for (let g = 0; g < 4; g++) {
        const y = x
          .replace(/^(?:dong thoi|ngoai ra|tiep tuc|de nghi|hang nam|thuong xuyen),?\s*/, '')
          .replace(/^can cu [^,]{0,80},\s*(?:nhiem vu[^,]{0,40},\s*)?/, '')
          .replace(/^trong pham vi (?:chuc nang,? nhiem vu(?: cua minh)?|[^,]{0,60}),\s*/, '');
        if (y === x) break;
        x = y;
      }
      if (/[a-z]/.test(x)) clauses.push(x);
    }
  }
  if (clauses.some((c) => /\bchu tri\b/.test(c))) return 'lead';
  if (clauses.length > 0 && clauses.every((c) => /^(?:phoi hop|tham gia phoi hop|tham gia)\b/.test(c)))
    return 'coordinate';
  return 'lead';
}

/** Where the duties start after a body's name: the first lower-case duty verb ("Sở Xây dựng chủ trì …"). */
function findOrgEnd(content: string): number {
  DUTY_START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DUTY_START_RE.exec(content)) !== null) {
    if (m[0].trim() === 'tổ chức' && /(?:các|những|và|,)\s*$/u.test(content.slice(0, m.index + 1))) continue;
    return m.index;
  }
  return -1;
}

interface OrgParse {
  orgs: SpannedText[];
  /** Range of duties written on the item's own line. */
  inline: [number, number] | null;
}

function parseOrgLine(item: Item): OrgParse | null {
  const b = item.block;
  const t = b.mt.text;
  let a = b.contentStart;
  const pm = PREFIX_RE.exec(t.slice(a));
  if (pm) a += pm[0].length;
  const rest = t.slice(a);
  if (!startsWithOrgHead(rest)) return null;
  const colon = rest.indexOf(':');
  if (colon > 0 && colon <= 220 && !/[.]\s/.test(rest.slice(0, colon))) {
    const orgs = splitOrgs(b.mt, a, a + colon);
    const inl = b.mt.trimRange(a + colon + 1, t.length);
    if (orgs.length > 0) return { orgs, inline: inl };
  }
  const headingOnly = !/[.]\s+\p{Lu}/u.test(rest) && rest.length <= 160 && findOrgEnd(rest) < 0;
  if (headingOnly) {
    const orgs = splitOrgs(b.mt, a, t.length);
    if (orgs.length > 0) return { orgs, inline: null };
  }
  const end = findOrgEnd(rest);
  if (end > 0) {
    const orgs = splitOrgs(b.mt, a, a + end);
    const inl = b.mt.trimRange(a + end, t.length);
    if (orgs.length > 0) return { orgs, inline: inl };
  }
  return null;
}

function isContainer(item: Item): boolean {
  return item.children.some((c) => c.markerKind === 'num' || c.markerKind === 'letter') && item.children.length > 0;
}

/** A paragraph seen as a list item without marker, so it can name a body. */
function paraItem(p: Block, parent: Item | null): Item {
  return { block: p, kind: 'para', markerKind: 'dash', label: '', children: [], paras: [], parent };
}

export interface AssignmentWithBlocks extends ParsedAssignment {
  blockIds: Set<number>;
}

export function extractAssignments(sections: Section[], claim: (b: Block) => void): AssignmentWithBlocks[] {
  const out: AssignmentWithBlocks[] = [];
  const visit = (item: Item) => {
    const parsed = parseOrgLine(item);
    const numberedKids = item.children.filter((c) => c.markerKind === 'num' || c.markerKind === 'letter');
    const orgKids = numberedKids.filter((c) => parseOrgLine(c) !== null).length;
    const headingOnly = !parsed || parsed.inline === null;
    if (
      isContainer(item) &&
      orgKids > 0 &&
      headingOnly &&
      (!parsed || orgKids >= 2 || /mot so/.test(item.block.fold))
    ) {
      claim(item.block);
      for (const p of item.paras) claim(p);
      for (const c of item.children) visit(c);
      return;
    }
    if (!parsed) {
      // a grouping heading ("1. Cấp tỉnh"): the bodies are listed under it, as items or paragraphs
      const paraItems = item.paras.map((p) => paraItem(p, item));
      const kids = [...paraItems, ...item.children];
      if (kids.some((c) => parseOrgLine(c) !== null)) {
        claim(item.block);
        for (const c of kids) {
          if (parseOrgLine(c) === null) claim(c.block);
          visit(c);
        }
      }
      return;
    }
    const blocks = subtreeBlocks(item);
    const duties: SpannedText[] = [];
    if (parsed.inline) {
      const sp = spanned(item.block.mt, parsed.inline[0], parsed.inline[1]);
      if (sp) duties.push(sp);
    }
    for (const b of blocks) {
      if (b === item.block) continue;
      const sp = spanned(b.mt, b.contentStart, b.mt.length);
      if (sp) duties.push(sp);
    }
    const role = roleOf(duties.map((d) => d.text));
    const targets = targetRefs(duties.map((d) => d.text).join(' \n '));
    const first = blocks[0]?.mt.span();
    const last = blocks[blocks.length - 1]?.mt.span();
    const span: TextSpan | null = first && last ? { start: first.start, end: last.end } : null;
    for (const b of blocks) claim(b);
    for (const org of parsed.orgs)
      out.push({
        org: org.text,
        orgSpan: org.span,
        role,
        code: labelPath(item),
        duties,
        targets,
        span: span ?? org.span,
        blockIds: new Set(blocks.map((b) => b.id)),
      });
  };
  for (const sec of sections) {
    if (sec.kind !== 'organisation') continue;
    for (const it of sec.items) visit(it);
    // paragraphs without a marker that open with a body and its duties ("Sở Nội vụ chủ trì …")
    for (const p of sec.paras) {
      if (DETACH_RE.test(p.fold)) continue;
      const pi = paraItem(p, null);
      const parsed = parseOrgLine(pi);
      if (parsed && parsed.inline) visit(pi);
    }
  }
  return out.sort((a, b) => a.orgSpan.start - b.orgSpan.start);
}
