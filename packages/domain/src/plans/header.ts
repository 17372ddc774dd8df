/**
 * Header zone: issuing body, number, place and date, document type, title, legal bases (parent
 * documents) and the "…, <issuer> xây dựng Kế hoạch" sentence.
 */
import type { Block } from './blocks.js';
import type { MText } from './mapped.js';
import type { ParsedIssuer, ParsedParentDocument, ParsedPlanDate, SpannedText } from './types.js';
import { fold, properCaseName, startsWithOrgHead } from './vi.js';

/** Document numbers: "1790/QĐ-TTg", "09/2019/NĐ-CP", "2855/BNV-CTTN&BDG", "11-NQ/TW". */
export const DOCNUM_RE =
  /(?<![\p{L}\d/])(\d{1,5}(?:\/\d{4})?\/[A-ZĐ][A-Za-zĐđ0-9&]*(?:[-–/][A-Za-zĐđ0-9&]+)*|\d{1,5}-[A-ZĐ]{1,6}\/[A-ZĐ]{1,6})/gu;

const DOC_TYPE_RE =
  /(Quyết định|Kế hoạch|Công văn|Văn bản|Hướng dẫn|Chỉ thị|Nghị quyết|Thông tư|Nghị định|Luật|Chương trình|Thông báo|Đề án|Chiến lược|Báo cáo|Công điện)\s+(?:liên tịch\s+)?(?:số\s*:?\s*)?$/iu;

export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function spanned(mt: MText, a: number, b: number): SpannedText | null {
  const r = mt.trimRange(a, b);
  if (!r) return null;
  const span = mt.span(r[0], r[1]);
  return span ? { text: mt.text.slice(r[0], r[1]), span } : null;
}

/** Parses "ngày 05 tháng 4 năm 2026" / "ngày 05/4/2026" starting at `at` in text. */
export function parseDatePhrase(
  text: string,
  at = 0,
): { day: number | null; month: number | null; year: number | null; end: number } | null {
  const s = text.slice(at, at + 80);
  const m1 = /^ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu.exec(s);
  if (m1)
    return { day: Number(m1[1]), month: Number(m1[2]), year: Number(m1[3]), end: at + (m1.index ?? 0) + m1[0].length };
  const m2 = /^ngày[\s.…_]*(\d{1,2})?[\s.…_]*tháng[\s.…_]*(\d{1,2})?[\s.…_]*năm[\s.…_]*(\d{4})?/iu.exec(s);
  if (m2)
    return {
      day: m2[1] ? Number(m2[1]) : null,
      month: m2[2] ? Number(m2[2]) : null,
      year: m2[3] ? Number(m2[3]) : null,
      end: at + m2[0].length,
    };
  return null;
}

export interface HeaderResult {
  issuer: ParsedIssuer | null;
  number: SpannedText | null;
  date: ParsedPlanDate | null;
  place: SpannedText | null;
  documentType: SpannedText | null;
  title: SpannedText | null;
  parentDocuments: ParsedParentDocument[];
  /** Blocks the header claimed. */
  claimed: Set<number>;
  /** Index (in the header blocks) of the first block after the title, where the preamble starts. */
  preambleStart: number;
}

const BOILERPLATE_RE =
  /cong hoa xa hoi chu nghia viet nam|^cong hoa xa hoi$|^chu nghia viet nam$|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc|^doc lap\s*[-–]|tu do\s*[-–]\s*hanh phuc$/;
/** Head words where a header's left column passes from the supervising body to the issuing one. */
const SPLIT_HEAD_RE =
  /^(?:ubnd|uy ban|so|phong|ban|trung tam|chi cuc|cuc|hoi|doan|benh vien|truong|cong an|thanh tra|van phong|bo (?!cua|chi so))(?![a-z])/;
function tryNumber(b: Block): SpannedText | null {
  const m = /^Số\s*[:.]?\s*([\d.…]*\s*\/\s*[A-ZĐa-zđ][A-ZĐa-zđ0-9&\-–./]*)/u.exec(b.mt.text);
  if (!m || m[1] === undefined) return null;
  const a = m.index + m[0].length - m[1].length;
  const sp = spanned(b.mt, a, a + m[1].length);
  if (!sp) return null;
  const text = m[1]
    .replace(/\s+/g, '')
    .replace(/^[.…]+/, '')
    .replace(/\.$/, '');
  return { text, span: sp.span };
}

function tryPlaceDate(b: Block, from = 0): { place: SpannedText | null; date: ParsedPlanDate } | null {
  const t = b.mt.text.slice(from);
  if (t.length > 140) return null;
  let placeEnd = -1;
  let dateAt = -1;
  const m = /^\s*([^\d,;:|()]{2,60}?)\s*,\s*(?=ngày\b)/iu.exec(t);
  if (m && m[1] !== undefined) {
    placeEnd = m[0].indexOf(m[1]) + m[1].length;
    dateAt = m[0].length;
  } else if (/^\s*ngày\b/iu.test(t)) dateAt = t.length - t.trimStart().length;
  if (dateAt < 0) return null;
  const d = parseDatePhrase(t, dateAt);
  if (!d || d.year === null) return null;
  const dateSp = spanned(b.mt, from + dateAt, from + d.end);
  if (!dateSp) return null;
  const iso = d.day !== null && d.month !== null ? isoDate(d.year, d.month, d.day) : null;
  const place = placeEnd > 0 ? spanned(b.mt, from, from + placeEnd) : null;
  return { place, date: { iso, day: d.day, month: d.month, year: d.year, text: dateSp.text, span: dateSp.span } };
}

/** "…, Sở Y tế xây dựng và ban hành Kế hoạch …": the issuing body named in the preamble. */
export function findIssuerSentence(b: Block): { issuer: SpannedText; start: number } | null {
  const re = /\b(?:xay dung|ban hanh)(?: va (?:ban hanh|trien khai|thuc hien|xay dung))?\s+(?:ke hoach)\b/g;
  let m: RegExpExecArray | null;
  let tries = 0;
  while ((m = re.exec(b.fold)) !== null && tries++ < 10) {
    const verb = m.index;
    const t = b.mt.text;
    // sentence start
    let sent = Math.max(0, verb - 400);
    for (let k = verb - 1; k > Math.max(0, verb - 400); k--) {
      const ch = t.charAt(k);
      if ((ch === '.' || ch === ';') && t.charAt(k + 1) === ' ' && /\p{Lu}/u.test(t.charAt(k + 2))) {
        sent = k + 2;
        break;
      }
    }
    let best = -1;
    for (let p = verb - 2; p >= sent && verb - p <= 140; p--) {
      const boundary =
        p === sent || (t.charAt(p - 1) === ' ' && /[,;.(]/.test(t.charAt(p - 2))) || t.charAt(p - 1) === '(';
      if (!boundary) continue;
      if (startsWithOrgHead(t.slice(p, verb))) {
        best = p;
        break;
      }
    }
    if (best < 0) continue;
    const name = t.slice(best, verb).replace(/[\s,]+$/, '');
    if (!name || /\d/.test(name) || name.length > 120) continue;
    const sp = spanned(b.mt, best, best + name.length);
    if (sp) return { issuer: sp, start: best };
  }
  return null;
}

/** Parent documents cited in a preamble block. */
export function findParentDocuments(b: Block, stopAt: number): ParsedParentDocument[] {
  const out: ParsedParentDocument[] = [];
  const t = b.mt.text;
  DOCNUM_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOCNUM_RE.exec(t)) !== null && out.length < 30) {
    const raw = (m[1] ?? '').replace(/[.\-–/]+$/, '');
    const at = m.index;
    if (at >= stopAt) break;
    const before = t.slice(Math.max(0, at - 45), at);
    const dt = DOC_TYPE_RE.exec(before);
    const docType = dt?.[1] ? dt[1].charAt(0).toUpperCase() + dt[1].slice(1) : null;
    let date: string | null = null;
    const after = t.slice(at + raw.length, at + raw.length + 60);
    const dm = /^\s*,?\s*(?=ngày)/iu.exec(after);
    if (dm) {
      const d = parseDatePhrase(after, dm[0].length);
      if (d && d.day !== null && d.month !== null && d.year !== null) date = isoDate(d.year, d.month, d.day);
    }
    // citation clause: from the previous ';' / sentence start to the next ';' / sentence end / issuer
    let cs = Math.max(0, at - 600);
    for (let k = at - 1; k >= Math.max(0, at - 600); k--) {
      const ch = t.charAt(k);
      if (ch === ';' || (ch === '.' && t.charAt(k + 1) === ' ' && /\p{Lu}/u.test(t.charAt(k + 2)))) {
        cs = k + 1;
        break;
      }
    }
    let ce = Math.min(t.length, stopAt, at + raw.length + 600);
    for (let k = at + raw.length; k < ce; k++) {
      const ch = t.charAt(k);
      if (
        ch === ';' ||
        (ch === '.' && (k + 1 >= t.length || (t.charAt(k + 1) === ' ' && /\p{Lu}/u.test(t.charAt(k + 2)))))
      ) {
        ce = k;
        break;
      }
    }
    let clause = t.slice(cs, ce);
    const lead = /^\s*(?:Căn cứ|Thực hiện|Triển khai|Theo)\s+/iu.exec(clause);
    if (lead) cs += lead[0].length;
    clause = t.slice(cs, ce).replace(/[\s,]+$/, '');
    const cit = spanned(b.mt, cs, cs + clause.length);
    if (!cit) continue;
    if (out.some((p) => p.number === raw)) continue;
    out.push({ number: raw, docType, date, citation: cit.text, span: cit.span });
  }
  return out;
}

function isDocTypeBlock(b: Block): boolean {
  return b.caps && /^ke hoach\b/.test(b.fold.trimStart()) && b.mt.length <= 60;
}

function isTitleStop(b: Block): boolean {
  if (b.marker) return true;
  const f = b.fold;
  if (/^(?:can cu|so\s*:)/.test(f)) return true;
  // an introduction ("Để triển khai …, UBND huyện ban hành Kế hoạch như sau:") is not the title
  if (b.mt.length > 300 || /:\s*$/.test(b.mt.text) || findIssuerSentence(b)) return true;
  DOCNUM_RE.lastIndex = 0;
  if (DOCNUM_RE.test(b.mt.text)) return true;
  if (/[;]$/.test(b.mt.text.trim())) return true;
  return false;
}

/** Extracts the header from the blocks before the first section. */
export function extractHeader(blocks: Block[]): HeaderResult {
  const res: HeaderResult = {
    issuer: null,
    number: null,
    date: null,
    place: null,
    documentType: null,
    title: null,
    parentDocuments: [],
    claimed: new Set(),
    preambleStart: 0,
  };
  const docIdx = blocks.findIndex(isDocTypeBlock);
  const agency: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b) continue;
    if (!res.number) {
      const n = tryNumber(b);
      if (n) {
        res.number = n;
        res.claimed.add(b.id);
        // "Số: 183/KH-UBND   Lai Châu, ngày 05 tháng 4 năm 2026" on one line
        const after = b.mt.text.indexOf(n.text.slice(-3)) + 3;
        const pd = !res.date && after > 2 ? tryPlaceDate(b, after) : null;
        if (pd) {
          res.date = pd.date;
          res.place = pd.place;
        }
        continue;
      }
    }
    if (!res.date && (docIdx < 0 || i < docIdx || b.mt.length < 80)) {
      const pd = tryPlaceDate(b);
      if (pd) {
        res.date = pd.date;
        res.place = pd.place;
        res.claimed.add(b.id);
        continue;
      }
    }
    if (BOILERPLATE_RE.test(b.fold)) {
      res.claimed.add(b.id);
      continue;
    }
    if ((docIdx < 0 || i < docIdx) && b.caps && !b.marker && b.mt.length <= 120) {
      agency.push(b);
      res.claimed.add(b.id);
    }
  }
  // issuing body from the header's left column: its capital lines form one text, even when the
  // right column's cells (national motto, number, date) sit between them ("ỦY BAN NHÂN" / "DÂN" /
  // "TỈNH TRÀ VINH"); the issuer is the last body in it ("UBND TỈNH X" over "SỞ Y TẾ")
  const groups: Block[][] = [];
  let open = false;
  for (let i = 0; i < (docIdx < 0 ? blocks.length : docIdx); i++) {
    const b = blocks[i];
    if (!b) continue;
    if (agency.includes(b)) {
      if (/^(?:quyet dinh|ke hoach|chi thi|cong van|thong bao|to trinh)\b/.test(b.fold)) {
        open = false;
        continue;
      }
      if (open) groups[groups.length - 1]?.push(b);
      else groups.push([b]);
      open = true;
    } else if (!res.claimed.has(b.id)) open = false;
  }
  const group = groups.find((g) => g.some((b) => startsWithOrgHead(b.mt.text))) ?? groups[0];
  if (group && group.length > 0) {
    const words: string[] = [];
    const lineStart = new Set<number>();
    for (const b of group) {
      lineStart.add(words.length);
      words.push(...b.mt.text.trim().split(/\s+/));
    }
    let from = 0;
    let sinceAdmin = 99;
    for (let w = 1; w < words.length; w++) {
      const prev = fold(words[w - 1] ?? '');
      sinceAdmin = /^(?:tinh|huyen|xa|phuong|quan|pho|tran)$/.test(prev) ? 1 : sinceAdmin + 1;
      if (/^(?:uy|xa|lien|tong|chi|va|cua|tien|nhan)$/.test(prev)) continue;
      const rest = fold(words.slice(w, w + 3).join(' '));
      if (!SPLIT_HEAD_RE.test(rest)) continue;
      // "THÀNH PHỐ HẢI PHÒNG": a head word right after a place level is part of the place name
      const strong = /^(?:ubnd|uy ban|so|hdnd)(?![a-z])/.test(rest);
      if (strong || lineStart.has(w) || sinceAdmin > 2) from = w;
    }
    const text = properCaseName(words.slice(from).join(' '));
    const s1 = group[0]?.mt.span();
    const s2 = group[group.length - 1]?.mt.span();
    if (s1 && s2 && text) res.issuer = { text, span: { start: s1.start, end: s2.end }, source: 'header' };
  }
  let next = 0;
  if (docIdx >= 0) {
    const d = blocks[docIdx];
    if (d) {
      const m = /^(kế hoạch(?:\s+hành động|\s+liên tịch|\s+phối hợp)?)/iu.exec(d.mt.text.trimStart());
      const lead = d.mt.text.length - d.mt.text.trimStart().length;
      const typeLen = m?.[1]?.length ?? d.mt.length;
      res.documentType = spanned(d.mt, lead, lead + typeLen);
      res.claimed.add(d.id);
      const rest = spanned(d.mt, lead + typeLen, d.mt.length);
      const titleParts: SpannedText[] = [];
      if (rest && /\p{L}/u.test(rest.text)) titleParts.push(rest);
      let k = docIdx + 1;
      for (; k < blocks.length && k <= docIdx + 4; k++) {
        const b = blocks[k];
        if (!b || isTitleStop(b) || b.afterSeparator || tryPlaceDate(b)) break;
        if (b.mt.length > 400) break;
        const sp = spanned(b.mt, 0, b.mt.length);
        if (sp) titleParts.push(sp);
        res.claimed.add(b.id);
        if (!b.caps && /[.]$/.test(b.mt.text.trim())) {
          k++;
          break;
        }
      }
      const f = titleParts[0];
      const l = titleParts[titleParts.length - 1];
      if (f && l)
        res.title = {
          text: titleParts.map((p) => p.text.replace(/^[–—-]+\s*|\s*[–—-]+$/g, '')).join(' '),
          span: { start: f.span.start, end: l.span.end },
        };
      next = k;
    }
  }
  res.preambleStart = next;
  // preamble: legal bases and the issuer sentence (before the title too, when a decision wraps the plan)
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b || res.claimed.has(b.id)) continue;
    const iss = findIssuerSentence(b);
    const docs = findParentDocuments(b, iss?.start ?? b.mt.length);
    if (iss && (!res.issuer || res.issuer.source !== 'header')) res.issuer = { ...iss.issuer, source: 'sentence' };
    for (const d of docs) if (!res.parentDocuments.some((p) => p.number === d.number)) res.parentDocuments.push(d);
    if (iss || docs.length > 0 || /^(?:can cu|thuc hien|trien khai|theo)\b/.test(b.fold)) res.claimed.add(b.id);
  }
  return res;
}
