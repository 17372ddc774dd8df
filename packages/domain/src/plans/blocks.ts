/**
 * From raw text to paragraphs ("blocks"): lines are cleaned of markdown and conversion marks,
 * table rows are split into cells, and hard-wrapped lines are re-joined into paragraphs.
 */
import { MText } from './mapped.js';
import { fold, isCapsText, isLowerChar, isUpperChar, lower } from './vi.js';

export type MarkerKind = 'roman' | 'upper' | 'num' | 'letter' | 'dash' | 'plus' | 'bullet';

export interface Marker {
  kind: MarkerKind;
  /** "II", "2.1", "a"; "" for bullets. */
  label: string;
  /** Number of components of a numbered label ("2.1" → 2); 1 otherwise. */
  depth: number;
}

export interface Line {
  mt: MText;
  indent: number;
  heading: number;
  cell: boolean;
  separator: boolean;
  /** The whole line was wrapped in emphasis marks (**…**). */
  bold: boolean;
  /** Written in capitals. */
  caps: boolean;
}

export interface Block {
  id: number;
  mt: MText;
  low: string;
  fold: string;
  marker: Marker | null;
  /** Index in mt where the content after the marker starts. */
  contentStart: number;
  heading: number;
  caps: boolean;
  cell: boolean;
  lineCount: number;
  /** The block follows a rule line (____ or ---). */
  afterSeparator: boolean;
}

const TAG_RE = /^<\/?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]{0,200})?\/?>/;
const TABLE_SEP_RE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const ASCII_PUNCT = '\\`*_{}[]()#+-.!|<>~"\'';

function isSpaceCode(c: number): boolean {
  return c === 32;
}

function isPunctOrSpace(ch: string): boolean {
  return ch === '' || /[\s.,;:!?()[\]"'“”‘’«»\-–—/]/.test(ch);
}

/** Splits doc[a, b) at <br> tags and at wide gaps between two columns of text. */
function splitBreaks(t: string, a: number, b: number): [number, number][] {
  const pieces: [number, number][] = [];
  const seg = t.slice(a, b);
  let s = 0;
  // <br>, rule runs inside a line ("…HÀ NỘI ______ Số: 247/KH-UBND"), wide gaps between two columns
  const re = /<br\s*\/?>|\s*(?:_{3,}|-{4,}|={3,}|–{3,})\s*|(\S)( {8,})(?=\S)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m[1] !== undefined) {
      pieces.push([a + s, a + m.index + 1]);
      s = m.index + 1 + (m[2]?.length ?? 0);
    } else {
      pieces.push([a + s, a + m.index]);
      s = m.index + m[0].length;
    }
  }
  pieces.push([a + s, b]);
  return pieces;
}

/** Splits one raw line (doc[a, b)) into pieces: table cells, <br> parts, wide-gap columns. */
function splitPieces(doc: MText, a: number, b: number): { pieces: [number, number][]; cell: boolean; sep: boolean } {
  const t = doc.text.slice(a, b);
  if (t.includes('|')) {
    if (TABLE_SEP_RE.test(t)) return { pieces: [], cell: true, sep: true };
    const cells: [number, number][] = [];
    let s = 0;
    for (let k = 0; k <= t.length; k++) {
      if (k === t.length || (t.charAt(k) === '|' && t.charAt(k - 1) !== '\\')) {
        if (/\S/.test(t.slice(s, k))) cells.push([a + s, a + k]);
        s = k + 1;
      }
    }
    if (cells.length >= 1 && (cells.length > 1 || /^\s*\||\|\s*$/.test(t)))
      return { pieces: cells.flatMap(([x, y]) => splitBreaks(doc.text, x, y)), cell: true, sep: false };
  }
  const pieces = splitBreaks(doc.text, a, b);
  return { pieces, cell: pieces.length > 1, sep: false };
}

/** Cleans one piece of a line: strips markdown headings, emphasis, escapes, tags; collapses spaces. */
function cleanPiece(doc: MText, a: number, b: number): { line: Line | null; ruled: boolean } {
  const t = doc.text;
  let i = a;
  let indent = 0;
  while (i < b && isSpaceCode(t.charCodeAt(i))) {
    i++;
    indent++;
  }
  let heading = 0;
  const hm = /^(#{1,6})(?:\s+|$)/.exec(t.slice(i, Math.min(b, i + 8)));
  if (hm) {
    heading = hm[1]?.length ?? 0;
    i += hm[0].length;
  }
  while (i < b && t.charAt(i) === '>' && (i + 1 >= b || t.charAt(i + 1) === ' ')) i += 2;
  // kept characters and the doc index each one comes from
  const chars: string[] = [];
  const from = new Int32Array(Math.max(0, b - i) + 1);
  let n = 0;
  const keep = (ch: string, k: number) => {
    chars.push(ch);
    from[n++] = k;
  };
  let bullet = false;
  // a leading "* " is a bullet, not emphasis
  if (t.charAt(i) === '*' && t.charAt(i + 1) === ' ') {
    keep('•', i);
    i += 1;
    bullet = true;
  }
  let pendingSpace = -1;
  let letters = 0;
  let ruleChars = 0;
  for (let k = i; k < b; k++) {
    const ch = t.charAt(k);
    const c = t.charCodeAt(k);
    if (ch === '*' || ch === '~' || ch === '`') {
      ruleChars++;
      continue;
    }
    if (ch === '_') {
      const prev = t.charAt(k - 1);
      const next = k + 1 < b ? t.charAt(k + 1) : '';
      if (isPunctOrSpace(prev) || isPunctOrSpace(next) || next === '_' || prev === '_') {
        ruleChars++;
        continue;
      }
    }
    if (ch === '\\' && k + 1 < b && ASCII_PUNCT.includes(t.charAt(k + 1))) continue;
    if (ch === '<') {
      const tm = TAG_RE.exec(t.slice(k, Math.min(b, k + 220)));
      if (tm) {
        k += tm[0].length - 1;
        if (pendingSpace < 0 && n > 0) pendingSpace = k;
        continue;
      }
    }
    if (c === 32 || c === 10) {
      if (n > 0 && pendingSpace < 0) pendingSpace = k;
      continue;
    }
    if (ch === '-' || ch === '=' || ch === '_' || ch === '.' || ch === '…') ruleChars++;
    else letters++;
    if (pendingSpace >= 0) {
      keep(' ', pendingSpace);
      pendingSpace = -1;
    }
    keep(ch, k);
  }
  if (letters === 0) return { line: null, ruled: ruleChars >= 3 && !bullet };
  const kept = chars.join('');
  // grid-table borders ("+-----+-----+") are rules; page numbers ("2", "- 3 -", "Trang 2/5") are dropped
  if (/^[+\-=|:\s]+$/.test(kept) && (kept.length >= 3 || /[|+]/.test(kept))) return { line: null, ruled: true };
  if (/^(?:[-–(\s]*\d{1,3}[-–)\s]*|trang\s+\d{1,3}(?:\s*\/\s*\d{1,3})?)$/iu.test(kept))
    return { line: null, ruled: false };
  const s = new Int32Array(n);
  const e = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const d = from[k] ?? 0;
    s[k] = doc.starts[d] ?? 0;
    e[k] = doc.ends[d] ?? s[k] ?? 0;
  }
  const mt = new MText(kept, s, e);
  const raw = t.slice(i, b).trim();
  const bold = /^(?:\*\*|__)/.test(raw) && /(?:\*\*|__)$/.test(raw) && raw.length > 4;
  return {
    line: { mt, indent, heading, cell: false, separator: false, bold, caps: isCapsText(mt.text) },
    ruled: false,
  };
}

/** Splits the normalised document into cleaned lines. Blank lines are dropped; rule lines kept as separators. */
export function toLines(doc: MText): Line[] {
  const lines: Line[] = [];
  const t = doc.text;
  let a = 0;
  while (a <= t.length) {
    let b = t.indexOf('\n', a);
    if (b < 0) b = t.length;
    if (b > a) {
      const { pieces, cell, sep } = splitPieces(doc, a, b);
      if (sep)
        lines.push({
          mt: doc.slice(0, 0),
          indent: 0,
          heading: 0,
          cell: true,
          separator: true,
          bold: false,
          caps: false,
        });
      for (const [pa, pb] of pieces) {
        const { line, ruled } = cleanPiece(doc, pa, pb);
        if (line) {
          line.cell = cell;
          lines.push(line);
        } else if (ruled)
          lines.push({ mt: doc.slice(0, 0), indent: 0, heading: 0, cell, separator: true, bold: false, caps: false });
      }
    }
    a = b + 1;
  }
  return lines;
}

function isRoman(s: string): boolean {
  return /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/.test(s) && s.length > 0;
}

/** Detects a list or section marker at the start of a cleaned line. */
export function detectMarker(t: string): { marker: Marker; len: number } | null {
  const c0 = t.charAt(0);
  if (c0 === 'I' || c0 === 'V' || c0 === 'X') {
    const m = /^([IVX]{1,6})\s*[.):–-]\s*/.exec(t);
    if (m && isRoman(m[1] ?? '')) {
      const rest = t.slice(m[0].length);
      if (rest && (isUpperChar(rest.charAt(0)) || /^\d/.test(rest)))
        return { marker: { kind: 'roman', label: m[1] ?? '', depth: 1 }, len: m[0].length };
    }
  }
  if (/^[A-H][.)]\s/.test(t)) {
    const rest = t.slice(2).trimStart();
    if (rest && isCapsText(rest.split(':')[0] ?? ''))
      return { marker: { kind: 'upper', label: c0, depth: 1 }, len: t.length - rest.length };
  }
  if (c0 >= '0' && c0 <= '9') {
    const m = /^(\d{1,2}(?:\.\d{1,2}){0,4})(\.|\))?( *)/.exec(t);
    if (m) {
      const label = m[1] ?? '';
      const term = m[2] ?? '';
      const ws = m[3] ?? '';
      const next = t.charAt(m[0].length);
      const depth = label.split('.').length;
      if (next && !/\d/.test(next)) {
        if (term && (ws || /\p{L}/u.test(next)) && !/[/%-]/.test(next))
          return { marker: { kind: 'num', label, depth }, len: m[0].length };
        if (!term && depth >= 2 && ws && isUpperChar(next))
          return { marker: { kind: 'num', label, depth }, len: m[0].length };
      }
    }
  }
  {
    const m = /^([a-zđ])\s*\)\s*/.exec(t);
    if (m && t.length > m[0].length)
      return { marker: { kind: 'letter', label: m[1] ?? '', depth: 1 }, len: m[0].length };
    const m2 = /^([a-zđ])\.\s+/.exec(t);
    if (m2 && isUpperChar(t.charAt(m2[0].length)))
      return { marker: { kind: 'letter', label: m2[1] ?? '', depth: 1 }, len: m2[0].length };
  }
  if (/^[-–—‐‑−]/.test(t)) {
    const m = /^[-–—‐‑−]\s*/.exec(t);
    if (m && t.length > m[0].length && !/^[-–—]/.test(t.slice(1))) {
      return { marker: { kind: 'dash', label: '', depth: 1 }, len: m[0].length };
    }
  }
  if (c0 === '+') {
    const m = /^\+\s*/.exec(t);
    if (m && t.length > m[0].length) return { marker: { kind: 'plus', label: '', depth: 1 }, len: m[0].length };
  }
  {
    const m = /^[•●○◦▪■□➢➣►▸✓✔·∙]\s*/.exec(t);
    if (m && t.length > m[0].length) return { marker: { kind: 'bullet', label: '', depth: 1 }, len: m[0].length };
  }
  return null;
}

const CONNECTOR_END =
  /(?:^|\s)(?:và|của|các|với|cho|về|trong|tại|theo|từ|đến|là|hoặc|được|những|có|để|nhằm|khi|mà|thì|như|do|bởi|qua|trên|dưới|vào|ra|giữa|đối với|cùng|hay|nhưng|đồng thời|thông qua)$/u;
/** Words that continue only into a number ("Kế hoạch số\n34/KH-UBND", "ngày\n15/11"). */
const NUMERIC_CONNECTOR_END = /(?:^|\s)(?:số|ngày|năm|tháng|quý|khoản|điều|mục)$/u;

/** Whether `text` visibly continues on the next line (`next` is that line, when known). */
function endsOpen(text: string, next = ''): boolean {
  const t = text.trimEnd();
  const last = t.charAt(t.length - 1);
  if (last === ',' || last === '-' || last === '–' || last === '&' || last === '/') return true;
  const tail = lower(t.slice(-14));
  if (CONNECTOR_END.test(tail)) return true;
  if (NUMERIC_CONNECTOR_END.test(tail) && /^\d/.test(next)) return true;
  let depth = 0;
  for (let k = Math.max(0, t.length - 300); k < t.length; k++) {
    const ch = t.charAt(k);
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

function endsTerminal(text: string): boolean {
  return /[.;:!?…]["”’)]?$/.test(text.trimEnd());
}

const SIGNATURE_RE = /^(?:TM|KT|Q|TL|TUQ|T\/M)\s*\.\s*\S/;

/** Lines that always start a paragraph of their own. */
function isHardStart(t: string): boolean {
  const f = fold(t.slice(0, 20));
  return /^noi nhan\b/.test(f) || SIGNATURE_RE.test(t) || /^so\s*:/.test(f);
}

/** Lines that start a paragraph unless the previous line is visibly unfinished. */
function isSoftStart(t: string): boolean {
  return /^(?:Căn cứ|Thực hiện (?:Quyết định|Kế hoạch|Công văn|Văn bản|Chỉ thị|Nghị quyết|Hướng dẫn|Thông báo)|Trên đây là|Nơi nhận)\b/u.test(
    t,
  );
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
}

/** Re-joins cleaned lines into paragraphs. */
export function toBlocks(lines: Line[]): Block[] {
  const content = lines.filter((l) => !l.separator && !l.cell);
  // typical width of a hard-wrapped line (A4 text runs 70–90 characters; a short document says little)
  const width = Math.max(
    60,
    percentile(
      content.map((l) => l.mt.length + l.indent),
      0.8,
    ),
  );
  const indentCounts = new Map<number, number>();
  for (const l of content) indentCounts.set(l.indent, (indentCounts.get(l.indent) ?? 0) + 1);
  let modalIndent = 0;
  let best = -1;
  for (const [ind, n] of indentCounts)
    if (n > best) {
      best = n;
      modalIndent = ind;
    }

  const blocks: Block[] = [];
  let cur: Line[] = [];
  let curMarker: { marker: Marker; len: number } | null = null;
  let afterSep = false;
  let pendingAfterSep = false;

  const flush = () => {
    if (cur.length === 0) return;
    let total = cur.length - 1;
    for (const l of cur) total += l.mt.length;
    const ss = new Int32Array(total);
    const ee = new Int32Array(total);
    const texts: string[] = [];
    let p = 0;
    cur.forEach((l, k) => {
      if (k > 0) {
        const at = l.mt.starts[0] ?? 0;
        ss[p] = at;
        ee[p] = at;
        p++;
        texts.push(' ');
      }
      ss.set(l.mt.starts, p);
      ee.set(l.mt.ends, p);
      p += l.mt.length;
      texts.push(l.mt.text);
    });
    const mt = new MText(texts.join(''), ss, ee);
    const first = cur[0];
    const contentText = mt.text.slice(curMarker?.len ?? 0);
    blocks.push({
      id: blocks.length,
      mt,
      low: lower(mt.text),
      fold: fold(mt.text),
      marker: curMarker?.marker ?? null,
      contentStart: curMarker?.len ?? 0,
      heading: first?.heading ?? 0,
      caps: isCapsText(contentText.split(':')[0] ?? ''),
      cell: first?.cell ?? false,
      lineCount: cur.length,
      afterSeparator: afterSep,
    });
    cur = [];
    curMarker = null;
  };

  let prev: Line | null = null;
  for (const line of lines) {
    if (line.separator) {
      flush();
      prev = null;
      pendingAfterSep = true;
      continue;
    }
    const text = line.mt.text;
    const mk = detectMarker(text);
    let startNew = true;
    if (
      prev &&
      cur.length > 0 &&
      !mk &&
      !line.cell &&
      !prev.cell &&
      !line.heading &&
      !prev.heading &&
      !isHardStart(text)
    ) {
      const prevText = prev.mt.text;
      const first = text.charAt(0);
      const prevCaps = prev.caps;
      const lineCaps = line.caps;
      const firstIsLowerish = isLowerChar(first) || /[\d("“'‘]/.test(first);
      const boldChange = prev.bold !== line.bold && !(firstIsLowerish && endsOpen(prevText, text));
      if (boldChange || (prev.bold && line.bold && !endsOpen(prevText, text))) startNew = true;
      else if (isSoftStart(text)) startNew = !endsOpen(prevText, text);
      else if (prevCaps && lineCaps) startNew = !endsOpen(prevText, text);
      else if (prevCaps) startNew = !(firstIsLowerish && endsOpen(prevText, text));
      else if (lineCaps) startNew = !endsOpen(prevText, text);
      else if (endsOpen(prevText, text)) startNew = false;
      else if (firstIsLowerish) startNew = /(?:\.\/\.|\/\.)$/.test(prevText.trimEnd());
      else if (endsTerminal(prevText)) startNew = true;
      else {
        const indented = line.indent > modalIndent && line.indent > prev.indent;
        const full = prevText.length + prev.indent >= 0.7 * width;
        const headingLike =
          cur.length === 1 &&
          curMarker !== null &&
          !prevText.includes(':') &&
          prevText.length + prev.indent < 0.85 * width;
        startNew = indented || !full || headingLike;
      }
    }
    if (startNew) {
      flush();
      cur = [line];
      curMarker = mk;
      afterSep = pendingAfterSep;
      pendingAfterSep = false;
    } else cur.push(line);
    prev = line;
  }
  flush();
  return blocks;
}
