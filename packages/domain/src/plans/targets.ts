/**
 * Targets (mục tiêu / chỉ tiêu): values, ranges, units, comparators, milestone years, frequency,
 * baseline, rule kind and scope, from prose such as
 * "Phấn đấu đến năm 2025, ít nhất 70% … áp dụng thí điểm và đến năm 2030 có 90% … chính thức áp dụng …".
 */
import type { MText } from './mapped.js';
import type { TargetComparator, ParsedTarget, TargetRuleKind, ParsedTargetFrequency } from './types.js';
import { fold, lower } from './vi.js';

export interface ValueHit {
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  unit: string;
}

export interface YearHit {
  /** Start of the whole phrase ("đến năm 2030"). */
  start: number;
  end: number;
  year: number;
  kind: 'by_year' | 'once' | 'baseline';
}

/** Context inherited from a parent item ("- Đến năm 2025:" over its sub-items) or the plan. */
export interface TargetContext {
  year: number | null;
  yearKind: 'by_year' | 'once' | null;
  frequency: ParsedTargetFrequency | null;
}

function parseNum(s: string, thousands: boolean): number {
  const t = s.trim();
  if (thousands && /^\d{1,3}(?:[.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  return Number(t.replace(',', '.'));
}

/** Unit of a count from the words after the number; null when the number is not a quantity. */
export function unitFor(words: string): string | null {
  const w = lower(words.trim());
  if (
    /^(?:năm|tháng|ngày|quý|tuần|giờ|phút|giây|tuổi|lần thứ|thứ|km|m|ha|kg|triệu|tỷ|nghìn|ngàn|đồng)(?![\p{L}])/u.test(
      w,
    )
  )
    return null;
  if (/^lượt người/u.test(w)) return 'people';
  if (/^(?:cuộc|buổi|lượt|đợt|lần|hoạt động|chương trình truyền thông)(?![\p{L}])/u.test(w)) return 'sessions';
  if (/^(?:tin|bài|phóng sự|chuyên mục|chuyên trang|bản tin|tin bài)(?![\p{L}])/u.test(w)) return 'news_items';
  if (/^(?:sản phẩm|ấn phẩm)/u.test(w)) return 'products';
  if (/^mô hình/u.test(w)) return 'models';
  if (/^(?:câu lạc bộ|clb)/u.test(w)) return 'clubs';
  if (/^lớp/u.test(w)) return 'classes';
  if (/^(?:hội nghị|hội thảo|tọa đàm|toạ đàm)/u.test(w)) return 'conferences';
  if (/^(?:người|học viên|đại biểu)/u.test(w)) return 'people';
  if (/^(?:tờ rơi|tờ gấp|tài liệu)/u.test(w)) return 'leaflets';
  if (/^(?:pa ?nô|áp phích|băng rôn|băng zôn|khẩu hiệu)/u.test(w)) return 'banners';
  if (/^đơn vị/u.test(w)) return 'units';
  if (/^(?:xã|phường)(?![\p{L}])/u.test(w)) return 'communes';
  if (/^(?:hộ|gia đình)(?![\p{L}])/u.test(w)) return 'households';
  return 'count';
}

const NOT_A_COUNT_BEFORE =
  /(?:năm|ngày|tháng|mục tiêu|chỉ tiêu|mục|điều|khoản|số|quý|giai đoạn|thứ|phần|chương|khóa|khoá|nhiệm kỳ|nghị định|quyết định|luật|lần)\s*$/u;

/** Percentages, ranges and counts in `low` (lower-cased cleaned text). */
export function findValues(low: string): ValueHit[] {
  if (!/\d/.test(low)) return [];
  const hits: ValueHit[] = [];
  const covered = new Uint8Array(low.length + 1);
  const taken = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (covered[k]) return true;
    return false;
  };
  const add = (h: ValueHit) => {
    hits.push(h);
    covered.fill(1, h.start, h.end);
  };
  const rangeRe = /(\d{1,4}(?:[.,]\d+)?)\s*%?\s*(?:-|–|—|đến|tới)\s*(\d{1,4}(?:[.,]\d+)?)\s*(?:%|phần trăm)/gu;
  let m: RegExpExecArray | null;
  while ((m = rangeRe.exec(low)) !== null) {
    if (/[\d/]/.test(low.charAt(m.index - 1))) continue;
    const a = parseNum(m[1] ?? '', false);
    const b = parseNum(m[2] ?? '', false);
    if (!(a < b)) continue;
    if (taken(m.index, m.index + m[0].length)) continue;
    add({ start: m.index, end: m.index + m[0].length, value: a, valueMax: b, unit: 'percent' });
  }
  const pctRe = /(\d{1,4}(?:[.,]\d+)?)\s*(?:%|phần trăm)/gu;
  while ((m = pctRe.exec(low)) !== null) {
    if (/[\d/]/.test(low.charAt(m.index - 1))) continue;
    if (taken(m.index, m.index + m[0].length)) continue;
    add({
      start: m.index,
      end: m.index + m[0].length,
      value: parseNum(m[1] ?? '', false),
      valueMax: null,
      unit: 'percent',
    });
  }
  const countRe = /(\d{1,3}(?:[.,]\d{3})+|\d{1,6})\s+(\p{L}+(?:[ ,]+\p{L}+)?)/gu;
  while ((m = countRe.exec(low)) !== null) {
    const prevCh = low.charAt(m.index - 1);
    if (/[\d/.,\-–\p{L}%]/u.test(prevCh) && prevCh !== '') continue;
    const numText = m[1] ?? '';
    const value = parseNum(numText, true);
    if (/^(?:19|20)\d\d$/.test(numText)) continue;
    if (taken(m.index, m.index + numText.length)) continue;
    if (NOT_A_COUNT_BEFORE.test(low.slice(Math.max(0, m.index - 16), m.index))) continue;
    const unit = unitFor(m[2] ?? '');
    if (!unit) continue;
    const unitWord = /^\p{L}+(?: \p{L}+)?/u.exec(m[2] ?? '')?.[0] ?? '';
    const end = m.index + numText.length + 1 + unitWord.length;
    add({ start: m.index, end, value, valueMax: null, unit });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Years and how they are used: a milestone ("đến năm 2030"), a one-off year ("năm 2024") or a baseline. */
export function findYears(f: string): YearHit[] {
  const out: YearHit[] = [];
  const re = /(?<![\d/.-])(19\d\d|20\d\d)(?![\d/%])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f)) !== null) {
    const at = m.index;
    const year = Number(m[1]);
    const pre = f.slice(Math.max(0, at - 30), at);
    const post = f.slice(at + 4, at + 12);
    if (/^\s*[-–]\s*\d{4}/.test(post)) continue;
    const base = /so voi\s+(?:nam\s+)?$/.exec(pre);
    if (base) {
      out.push({ start: at - base[0].length, end: at + 4, year, kind: 'baseline' });
      continue;
    }
    if (/(?:giai doan|tu nam|tu)\s+(?:nam\s+)?$|[-–/]\s*$/.test(pre)) continue;
    const ms = /(den|toi|truoc|het|cuoi|trong|vao)\s+(?:(?:het|cuoi)\s+)?(?:nam\s+)?$/.exec(pre);
    if (ms) {
      const kind = ms[1] === 'trong' ? 'once' : 'by_year';
      out.push({ start: at - ms[0].length, end: at + 4, year, kind });
      continue;
    }
    const once = /\bnam\s+$/.exec(pre);
    if (once) out.push({ start: at - once[0].length, end: at + 4, year, kind: 'once' });
  }
  return out;
}

/** Frequency words in folded text; the one nearest to `near` wins. */
export function findFrequency(f: string, near = -1): ParsedTargetFrequency | null {
  const pats: [RegExp, ParsedTargetFrequency][] = [
    [/\b(?:moi|hang) quy\b|\bdinh ky (?:hang )?quy\b|\/\s*quy\b/g, 'quarterly'],
    [/\b(?:moi|hang) thang\b|\/\s*thang\b/g, 'monthly'],
    [/\b(?:6|sau) thang\b|\bnua nam\b|\bban nien\b/g, 'half_year'],
    [/\b(?:moi|hang) nam\b|\bnam nao cung\b|\/\s*nam\b|\bhang nam\b/g, 'annual'],
  ];
  let best: ParsedTargetFrequency | null = null;
  let bestDist = Infinity;
  for (const [re, freq] of pats) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null) {
      const d = near < 0 ? m.index : Math.abs(m.index - near);
      if (d < bestDist) {
        bestDist = d;
        best = freq;
      }
    }
  }
  return best;
}

export function comparatorFor(low: string, v: ValueHit, from: number): TargetComparator {
  if (v.valueMax !== null) return 'range';
  const pre = low.slice(Math.max(from, v.start - 32), v.start).replace(/\s+$/, '');
  const post = low.slice(v.end, v.end + 16);
  const filler = '(?:\\s+(?:là|đạt|có|được|mức|khoảng))*';
  if (new RegExp(`(?:ít nhất|tối thiểu|không ít hơn|không thấp hơn|không dưới|≥|>=)${filler}$`, 'u').test(pre))
    return 'gte';
  if (/^\s*(?:trở lên|trở lên)/u.test(post)) return 'gte';
  if (new RegExp(`(?:trên|hơn|vượt|>)${filler}$`, 'u').test(pre)) return 'gt';
  if (new RegExp(`(?:không quá|không vượt quá|tối đa|dưới|ít hơn|≤|<=|<)${filler}$`, 'u').test(pre)) return 'lte';
  return 'eq';
}

const LEAD_RE =
  /^(?:[\s,;:.]+|và\s+|phấn đấu\s+|phần đầu\s+|phấn đầu\s+|phần đấu\s+|(?:đến|tới|trước|hết|trong|vào)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?\d{4}\s*|năm\s+\d{4}\s*|hằng năm\s*|hàng năm\s*|mỗi năm\s*|mỗi quý\s*|hằng quý\s*|hàng quý\s*|có\s+|đạt\s+|thí điểm\s+|chính thức\s+)/u;

const PREDICATE_RE =
  /\s(?:được|xây dựng|triển khai|áp dụng|tổ chức(?!,)|thực hiện|tham gia|đã|sử dụng|ban hành|duy trì|có|đạt|tăng|giảm|chính thức|thí điểm|so với|mỗi quý|hằng quý|hằng năm|hàng năm|mỗi năm|trên tổng số|nắm|hiểu|biết)(?=[\s,.;:]|$)/u;

function stripLead(low: string, a: number, b: number): number {
  let p = a;
  for (let guard = 0; guard < 12; guard++) {
    const m = LEAD_RE.exec(low.slice(p, b));
    if (!m || m[0].length === 0) break;
    p += m[0].length;
  }
  return p;
}

/** Subject phrase: from `a` up to the first predicate before `limit`. */
function subjectBetween(low: string, a: number, limit: number): [number, number] | null {
  const p = stripLead(low, a, limit);
  // a leading space lets a predicate at the very start match ("áp dụng …" has no subject)
  const seg = ' ' + low.slice(p, limit);
  const re = new RegExp(PREDICATE_RE.source, 'gu');
  let end = limit;
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null) {
    // "các tổ chức" is a noun, not the verb "tổ chức"
    if (m[0].trim() === 'tổ chức' && /(?:các|những|và|,)\s*$/u.test(seg.slice(0, m.index + 1))) continue;
    end = p + Math.max(0, m.index - 1);
    break;
  }
  const text = low.slice(p, end).replace(/[\s,;:]+$/, '');
  if (text.length < 3 || text.length > 160) return null;
  return [p, p + text.length];
}

function ruleKindFor(
  itemLow: string,
  segLow: string,
  v: ValueHit | null,
  baseline: number | null,
): TargetRuleKind | null {
  const f = fold(itemLow);
  if (v?.unit === 'percent' && /giảm/u.test(segLow)) return 'reduction_share';
  if (/nhan thuc/.test(f) && (/\btang\b/.test(f) || baseline !== null)) return 'survey_change';
  if (v && (v.unit === 'sessions' || v.unit === 'news_items')) return 'units_meeting_count';
  if ((!v || v.unit === 'percent') && (/thang hanh dong/.test(f) || /xay dung ke hoach/.test(f)))
    return 'units_with_record';
  if ((!v || v.unit === 'percent') && /ap dung|bo chi so|huong uoc|quy uoc|phan biet doi xu/.test(f))
    return 'share_with_status';
  if (v && v.unit !== 'percent') return 'sum';
  return null;
}

const MAX_TARGET_TEXT = 4000;
const MAX_ENTRIES = 24;

export interface TargetDraft extends Omit<ParsedTarget, 'number' | 'code' | 'source' | 'span'> {
  /** Range in the item text. */
  range: [number, number];
}

/**
 * Splits the text of one target item into milestone entries. A value (or, without values, a
 * milestone year) that follows a separator starts a new entry; a year stated once carries over.
 */
export function parseTargetText(full: MText, ctx: TargetContext): TargetDraft[] {
  // a target is a sentence or two; anything longer is analysed on its first part only
  const mt = full.length > MAX_TARGET_TEXT ? full.slice(0, MAX_TARGET_TEXT) : full;
  const text = mt.text;
  const low = lower(text);
  const f = fold(text);
  const years = findYears(f).slice(0, MAX_ENTRIES * 2);
  const milestones = years.filter((y) => y.kind !== 'baseline');
  // "100% thôn tổ chức ít nhất 01 buổi …" is one target: the share of units that reach a count
  const values: ValueHit[] = [];
  for (const v of findValues(low).slice(0, MAX_ENTRIES)) {
    const prev = values[values.length - 1];
    if (
      prev &&
      prev.unit === 'percent' &&
      v.unit !== 'percent' &&
      v.start - prev.end < 120 &&
      !/[;.]/.test(low.slice(prev.end, v.start)) &&
      !milestones.some((y) => y.start >= prev.end && y.start < v.start)
    ) {
      values[values.length - 1] = v;
      continue;
    }
    values.push(v);
  }
  const baseline = years.find((y) => y.kind === 'baseline')?.year ?? null;

  const anchors: { pos: number; end: number; value: ValueHit | null }[] =
    values.length > 0
      ? values.map((v) => ({ pos: v.start, end: v.end, value: v }))
      : milestones.length > 1
        ? milestones.map((y) => ({ pos: y.start, end: y.end, value: null }))
        : [{ pos: 0, end: 0, value: null }];

  // segment boundaries
  const bounds: number[] = [0];
  for (let k = 1; k < anchors.length; k++) {
    const prev = anchors[k - 1];
    const cur = anchors[k];
    if (!prev || !cur) continue;
    const prevEnd = prev.end;
    let anchor = cur.pos;
    // a milestone after a separator opens the next entry ("… thí điểm và đến năm 2030 có 90% …")
    for (const y of milestones) {
      if (y.start >= prevEnd && y.start < cur.pos && /[,;]|\svà\s/u.test(low.slice(prevEnd, y.start))) {
        anchor = Math.min(anchor, y.start);
        break;
      }
    }
    // include a comparator written before the value ("ít nhất 70%")
    const cm = /(?:ít nhất|tối thiểu|trên|hơn|không quá|tối đa|dưới|đạt|có)\s*$/u.exec(low.slice(prevEnd, anchor));
    if (cm && anchor === cur.pos) anchor -= cm[0].length;
    const gap = low.slice(prevEnd, anchor);
    const sepRe = /;|,|\svà\s/gu;
    let lastSep = -1;
    let mm: RegExpExecArray | null;
    while ((mm = sepRe.exec(gap)) !== null) lastSep = mm.index;
    bounds.push(lastSep >= 0 ? prevEnd + lastSep : anchor);
  }
  bounds.push(text.length);

  const drafts: TargetDraft[] = [];
  let carriedYear: YearHit | null = null;
  for (let k = 0; k < anchors.length; k++) {
    const a = bounds[k] ?? 0;
    const b = bounds[k + 1] ?? text.length;
    const v = anchors[k]?.value ?? null;
    const inSeg = milestones.filter((y) => y.start >= a && y.start < b);
    const vPos = v ? v.start : (anchors[k]?.pos ?? a);
    let yh: YearHit | null = null;
    for (const y of inSeg) if (y.start <= vPos) yh = y;
    if (!yh) yh = inSeg[0] ?? null;
    if (!yh) yh = carriedYear;
    if (inSeg.length > 0) carriedYear = inSeg[inSeg.length - 1] ?? carriedYear;
    const segLow = low.slice(a, b);
    const segFold = f.slice(a, b);
    const ownFreq = findFrequency(segFold, v ? v.start - a : -1) ?? findFrequency(f);
    const freqWord = ownFreq ?? ctx.frequency;
    let frequency: ParsedTargetFrequency;
    let year: number | null;
    if (yh) {
      year = yh.year;
      frequency = yh.kind === 'by_year' ? 'by_year' : (freqWord ?? 'once');
    } else if (ctx.year !== null) {
      if (ctx.yearKind === 'by_year' && !ownFreq) {
        year = ctx.year;
        frequency = 'by_year';
      } else if (freqWord) {
        year = null;
        frequency = freqWord;
      } else {
        year = ctx.year;
        frequency = 'once';
      }
    } else {
      year = null;
      frequency = freqWord ?? 'once';
    }
    const status = /thi diem/.test(segFold) ? 'pilot' : /chinh thuc/.test(segFold) ? 'official' : null;
    // scope
    let scope: [number, number] | null = null;
    const ruleKind = ruleKindFor(low, segLow, v, baseline);
    if (ruleKind === 'survey_change') {
      const sm = /\bcua\s+(.{3,120}?)\s+(?:tang|giam)\b/.exec(segFold);
      if (sm?.[1]) scope = [a + sm.index + sm[0].indexOf(sm[1]), a + sm.index + sm[0].indexOf(sm[1]) + sm[1].length];
    }
    if (!scope && v && v.unit === 'percent') {
      const after = stripLead(low, v.end, b);
      const sub = subjectBetween(low, after, b);
      if (sub && sub[0] === after) scope = sub;
    }
    if (!scope) scope = subjectBetween(low, a, v ? v.start : b);
    const range = mt.trimRange(a, b);
    if (!range) continue;
    let [ra, rb] = range;
    const lead = /^(?:[,;]\s*|và\s+)+/u.exec(text.slice(ra, rb));
    if (lead) ra += lead[0].length;
    while (rb > ra && /[\s,;.:]/.test(text.charAt(rb - 1))) rb--;
    if (rb <= ra) continue;
    drafts.push({
      text: text.slice(ra, rb),
      value: v?.value ?? null,
      valueMax: v?.valueMax ?? null,
      unit: v?.unit ?? null,
      comparator: v ? comparatorFor(low, v, a) : null,
      year,
      frequency,
      baselineYear: baseline,
      ruleKind,
      scope: scope ? text.slice(scope[0], scope[1]) : null,
      status,
      range: [ra, rb],
    });
  }
  // an elliptical entry ("Đến năm 2025 có 95% và đến năm 2030 đạt 100% quy ước …") borrows the scope
  for (const d of drafts)
    if (!d.scope) {
      const other = drafts.find((o) => o.scope);
      if (other) d.scope = other.scope;
    }
  return drafts;
}

/** A measurable commitment outside the targets list: a percentage or a count with a comparator. */
export function findCommitments(low: string): { hit: ValueHit; clause: [number, number] }[] {
  const out: { hit: ValueHit; clause: [number, number] }[] = [];
  for (const v of findValues(low)) {
    if (out.length >= 50) break;
    const pre = low.slice(Math.max(0, v.start - 40), v.start);
    const cue =
      /(?:ít nhất|tối thiểu|phấn đấu|đạt|giảm|tăng|trên|hơn|không quá|tối đa|không dưới)(?:\s+\p{L}+){0,3}\s*$/u;
    const strongCue = /(?:ít nhất|tối thiểu|không dưới|trên|hơn|không quá|tối đa)\s*$/u;
    if (v.unit === 'percent') {
      if (!cue.test(pre)) continue;
    } else if (!strongCue.test(pre)) continue;
    // clause bounds
    let cs = Math.max(0, v.start - 400);
    for (let k = v.start - 1; k >= Math.max(0, v.start - 400); k--) {
      const ch = low.charAt(k);
      if (ch === ';' || ch === ':' || (ch === '.' && low.charAt(k + 1) === ' ')) {
        cs = k + 1;
        break;
      }
      if (low.startsWith(', trong đó', k)) {
        cs = k + ', trong đó'.length;
        break;
      }
    }
    let ce = Math.min(low.length, v.end + 400);
    for (let k = v.end; k < Math.min(low.length, v.end + 400); k++) {
      const ch = low.charAt(k);
      if (ch === ';' || (ch === '.' && (k + 1 >= low.length || low.charAt(k + 1) === ' '))) {
        ce = k;
        break;
      }
    }
    out.push({ hit: v, clause: [cs, ce] });
  }
  return out;
}
