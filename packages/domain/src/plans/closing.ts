/** Recipients ("Nơi nhận") and the signature block (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name). */
import type { Block } from './blocks.js';
import { spanned } from './header.js';
import type { ParsedSigner, SpannedText } from './types.js';

export const AUTHORITY_RE = /^(?:TM|KT|Q|TL|TUQ|T\/M)\s*\.\s*\S/u;
const TITLE_RE =
  /^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG PHÒNG|TRƯỞNG BAN|BỘ TRƯỞNG|THỨ TRƯỞNG|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG|HIỆU TRƯỞNG|THỦ TRƯỞNG|TỔNG GIÁM ĐỐC|CHI CỤC TRƯỞNG|BÍ THƯ|TRƯỞNG ĐOÀN|CHÁNH THANH TRA)\b/u;
const NAME_RE = /^(?:\p{Lu}[\p{Ll}\p{Lu}]*)(?:\s+\p{Lu}[\p{Ll}\p{Lu}]*){1,5}$/u;
const SIGNED_RE = /^\(?\s*(?:đã ký|ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|đã ký và đóng dấu)[^)]*\)?$/iu;

export function isNoiNhan(b: Block): boolean {
  return b.fold.startsWith('noi nhan');
}

export function isAuthority(b: Block): boolean {
  return AUTHORITY_RE.test(b.mt.text);
}

/** "PHÓ CHỦ TỊCH", "GIÁM ĐỐC" on a line of their own. */
export function isSignatureTitle(b: Block): boolean {
  return b.caps && !b.marker && b.mt.length <= 40 && TITLE_RE.test(b.mt.text.trim());
}

export interface ClosingResult {
  recipients: SpannedText[];
  signer: ParsedSigner | null;
  claimed: Set<number>;
}

export function extractClosing(tail: Block[]): ClosingResult {
  const res: ClosingResult = { recipients: [], signer: null, claimed: new Set() };
  // Recipients: every list item of the closing zone. In two-column layouts flattened to text,
  // recipient items and signature lines interleave, so each block is classified on its own.
  const nn = tail.findIndex(isNoiNhan);
  const pushItem = (b: Block, a: number, e: number) => {
    while (e > a && /[\s;,.]/.test(b.mt.text.charAt(e - 1))) e--;
    const sp = spanned(b.mt, a, e);
    if (sp) res.recipients.push(sp);
  };
  /** Splits "- Như trên; - Lưu: VT." into items. */
  const pushItems = (b: Block, from: number) => {
    const t = b.mt.text;
    const re = /(?:^|[;,.]?\s)[-–+•]\s+/gu;
    re.lastIndex = from;
    const starts: number[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) starts.push(m.index + m[0].length);
    if (starts.length === 0) return;
    starts.forEach((st, k) => {
      const next = starts[k + 1];
      let e = next !== undefined ? next : t.length;
      if (next !== undefined)
        while (
          e > st &&
          t.charAt(e - 1) !== '-' &&
          t.charAt(e - 1) !== '–' &&
          t.charAt(e - 1) !== '+' &&
          t.charAt(e - 1) !== '•'
        )
          e--;
      if (next !== undefined) e--;
      pushItem(b, st, e);
    });
  };
  if (nn >= 0) {
    const head = tail[nn];
    if (head) {
      res.claimed.add(head.id);
      const colon = head.mt.text.indexOf(':');
      if (colon >= 0) {
        const before = res.recipients.length;
        pushItems(head, colon);
        if (res.recipients.length === before) {
          // "Nơi nhận: Như trên; Lưu: VT."
          const t = head.mt.text;
          let a = colon + 1;
          for (let k = a; k <= t.length; k++)
            if (k === t.length || t.charAt(k) === ';') {
              pushItem(head, a, k);
              a = k + 1;
            }
        }
      }
    }
    for (let k = nn + 1; k < tail.length; k++) {
      const b = tail[k];
      if (!b || !b.marker || !['dash', 'plus', 'bullet'].includes(b.marker.kind)) continue;
      const t = b.mt.text;
      if (/[;.]\s+[-–+•]\s/u.test(t.slice(b.contentStart))) pushItems(b, 0);
      else pushItem(b, b.contentStart, t.length);
      res.claimed.add(b.id);
    }
  }
  // signature: authority lines, the title in capitals, then the signer's name
  const authorities = tail.filter(isAuthority);
  const firstAuth = authorities[0] ? tail.indexOf(authorities[0]) : -1;
  let titleIdx = -1;
  for (let k = Math.max(0, firstAuth); k < tail.length; k++) {
    const b = tail[k];
    if (b && !isAuthority(b) && b.caps && TITLE_RE.test(b.mt.text.trim()) && b.mt.length <= 60) {
      titleIdx = k;
      break;
    }
  }
  const title = titleIdx >= 0 ? (tail[titleIdx] ?? null) : null;
  let name: Block | null = null;
  const from = Math.max(titleIdx, firstAuth);
  if (from >= 0) {
    for (let j = from + 1; j < tail.length && j <= from + 8; j++) {
      const b = tail[j];
      if (!b || b.marker || isAuthority(b) || b === title) continue;
      const text = b.mt.text.trim();
      if (SIGNED_RE.test(text)) {
        res.claimed.add(b.id);
        continue;
      }
      if (NAME_RE.test(text) && text.length <= 50 && !isNoiNhan(b) && !TITLE_RE.test(text)) {
        name = b;
        break;
      }
    }
  }
  const parts = [...authorities, ...(title ? [title] : []), ...(name ? [name] : [])];
  if (parts.length > 0) {
    const spans = parts.map((p) => p.mt.span()).filter((x): x is NonNullable<typeof x> => x !== null);
    const auths = authorities.map((a) => a.mt.text.trim().replace(/^([A-Z/]+)\s*\.\s*/u, '$1. '));
    if (spans.length > 0) {
      res.signer = {
        authority: auths.length > 0 ? auths.join(' ') : null,
        authorities: auths,
        title: title ? title.mt.text.trim() : null,
        name: name ? name.mt.text.trim() : null,
        span: { start: Math.min(...spans.map((x) => x.start)), end: Math.max(...spans.map((x) => x.end)) },
      };
      for (const p of parts) res.claimed.add(p.id);
    }
  }
  return res;
}
