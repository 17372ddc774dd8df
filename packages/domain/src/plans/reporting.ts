/**
 * Reporting rules: "báo cáo … về UBND huyện (thông qua Phòng LĐ-TB&XH) trước ngày 01/12",
 * "định kỳ 6 tháng (gửi trước ngày 5/6) và 1 năm (gửi trước ngày 5/12) về Sở …".
 */
import type { Block } from './blocks.js';
import type { ParsedReportingFrequency, ParsedReportingRule } from './types.js';
import { startsWithOrgHead } from './vi.js';

const DEADLINE_RE =
  /(?:trước|chậm nhất(?:\s+(?:là|vào))?|không muộn hơn|hạn chót|hạn cuối)\s+(?:(?:là|vào)\s+)?(?:ngày\s+)?(\d{1,2})\s*(?:\/|-|\.|tháng)\s*(\d{1,2})(?!\d)/gu;

const FREQ_PATTERNS: [RegExp, ParsedReportingFrequency][] = [
  [/\b(?:hang|moi|dinh ky) quy\b|\bbao cao quy\b|\btheo quy\b/g, 'quarterly'],
  [/\b(?:hang|moi) thang\b/g, 'monthly'],
  [/\b(?:6|sau) thang\b|\bnua nam\b|\bban nien\b|\bso ket\b/g, 'half_year'],
  [/\b(?:hang|moi) nam\b|\b(?:1|mot) nam\b|\bca nam\b|\bcuoi nam\b|\btong ket nam\b|\bbao cao nam\b/g, 'annual'],
];

function lastFrequency(f: string): ParsedReportingFrequency | null {
  let best: ParsedReportingFrequency | null = null;
  let at = -1;
  for (const [re, freq] of FREQ_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f)) !== null)
      if (m.index > at) {
        at = m.index;
        best = freq;
      }
  }
  return best;
}

function firstFrequency(f: string): ParsedReportingFrequency | null {
  let best: ParsedReportingFrequency | null = null;
  let at = Infinity;
  for (const [re, freq] of FREQ_PATTERNS) {
    re.lastIndex = 0;
    const m = re.exec(f);
    if (m && m.index < at) {
      at = m.index;
      best = freq;
    }
  }
  return best;
}

function sentenceBounds(t: string, at: number): [number, number] {
  let s = Math.max(0, at - 600);
  for (let k = at - 1; k > Math.max(0, at - 600); k--) {
    if ((t.charAt(k) === '.' || t.charAt(k) === ';') && t.charAt(k + 1) === ' ' && /\p{Lu}/u.test(t.charAt(k + 2))) {
      s = k + 2;
      break;
    }
  }
  let e = Math.min(t.length, at + 600);
  for (let k = at; k < Math.min(t.length, at + 600); k++) {
    if (t.charAt(k) === '.' && (k + 1 >= t.length || (t.charAt(k + 1) === ' ' && /\p{Lu}/u.test(t.charAt(k + 2))))) {
      e = k;
      break;
    }
  }
  return [s, e];
}

const RECIPIENT_END_RE =
  /\s(?:trước|để|theo|chậm nhất|định kỳ|hằng năm|hàng năm|trong|kết quả|tổng hợp|vào|hoặc|khi)\s|[;]|\.\s|\.$/u;

/** Recipient body within [s, e): the first body after "về" / "gửi" / "báo cáo", with its "(qua …)". */
function findRecipient(t: string, s: number, e: number): [number, number] | null {
  const seg = t.slice(s, e);
  const re = /(?:^|\s)(?:gửi về|về|gửi|báo cáo|lên)\s+/giu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(seg)) !== null) {
    const a = m.index + m[0].length;
    const rest = seg.slice(a);
    if (!startsWithOrgHead(rest)) continue;
    // extend over balanced parentheses, stop at the first boundary outside them
    let depth = 0;
    let end = rest.length;
    for (let k = 0; k < rest.length; k++) {
      const ch = rest.charAt(k);
      if (ch === '(') depth++;
      else if (ch === ')') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
          const after = rest.slice(k + 1);
          if (!/^\s*[\p{Ll}]/u.test(after) || RECIPIENT_END_RE.test(after.slice(0, 12))) {
            end = k + 1;
            break;
          }
        }
      } else if (depth === 0) {
        const mm = RECIPIENT_END_RE.exec(rest.slice(k, k + 14));
        if (mm && mm.index === 0) {
          end = k;
          break;
        }
      }
    }
    let x = s + a;
    let y = s + a + end;
    while (y > x && /[\s,.;:]/.test(t.charAt(y - 1))) y--;
    while (x < y && t.charAt(x) === ' ') x++;
    if (y - x >= 3) return [x, y];
  }
  return null;
}

export interface ReportingSource {
  block: Block;
  /** Bodies responsible, when the block sits in an assignment. */
  from: string[];
}

export function extractReporting(sources: ReportingSource[]): { rules: ParsedReportingRule[]; claimed: Set<number> } {
  const rules: ParsedReportingRule[] = [];
  const claimed = new Set<number>();
  for (const { block, from } of sources) {
    const t = block.mt.text;
    const low = block.low;
    const f = block.fold;
    DEADLINE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let prevEnd = -1;
    let prevSentence = -1;
    let count = 0;
    while ((m = DEADLINE_RE.exec(low)) !== null && count++ < 30) {
      const day = Number(m[1]);
      const month = Number(m[2]);
      if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) continue;
      const [s, e] = sentenceBounds(t, m.index);
      const sf = f.slice(s, e);
      if (!/\bbao cao\b|\bgui\b/.test(sf)) continue;
      // skip "từ ngày 15/11 đến ngày 15/12" style periods
      if (/\btu\s+(?:ngay\s+)?\d{1,2}\s*[/-]\s*\d{1,2}\s*$/.test(f.slice(Math.max(s, m.index - 25), m.index))) continue;
      const winStart = prevSentence === s && prevEnd > s ? prevEnd : s;
      const nextDl = (() => {
        const re2 = new RegExp(DEADLINE_RE.source, 'gu');
        re2.lastIndex = m.index + m[0].length;
        const n = re2.exec(low);
        const stop = n && n.index < e ? n.index : e;
        const semi = t.indexOf(';', m.index + m[0].length);
        return semi >= 0 && semi < stop ? semi : stop;
      })();
      const frequency =
        lastFrequency(f.slice(winStart, m.index)) ?? firstFrequency(f.slice(m.index + m[0].length, nextDl)) ?? 'annual';
      const rec = findRecipient(t, s, e);
      const sentence = block.mt.trimRange(s, e);
      const span = sentence ? block.mt.span(sentence[0], sentence[1]) : null;
      prevEnd = m.index + m[0].length;
      prevSentence = s;
      if (!span || !sentence) continue;
      const deadline = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
      const to = rec ? t.slice(rec[0], rec[1]) : null;
      if (rules.some((r) => r.deadline === deadline && r.frequency === frequency && r.to === to)) continue;
      rules.push({
        frequency,
        deadline,
        day,
        month,
        to,
        from,
        text: t.slice(sentence[0], sentence[1]),
        span,
      });
      claimed.add(block.id);
    }
  }
  return { rules, claimed };
}
