/** Budget sources under "KINH PHÍ": state budget, programmes, socialised funds, aid, other lawful sources. */
import type { Block } from './blocks.js';
import { spanned } from './header.js';
import type { MText } from './mapped.js';
import type { BudgetSourceKind, ParsedBudgetSource } from './types.js';

const PATTERNS: [BudgetSourceKind, RegExp][] = [
  [
    'state_budget',
    /ngân sách (?:nhà nước|trung ương|địa phương|tỉnh|huyện|xã|các cấp)|dự toán chi ngân sách|kinh phí chi thường xuyên/gu,
  ],
  [
    'program_integration',
    /(?:lồng ghép (?:trong|vào|với|từ) )?(?:các )?(?:chương trình|đề án|dự án)(?:, (?:chương trình|dự án|đề án|nghị quyết|kế hoạch))+(?: (?:liên quan|đang thực hiện))?/gu,
  ],
  [
    'socialized',
    /xã hội hóa|xã hội hoá|huy động xã hội(?:, cộng đồng)?|kinh phí vận động|vận động tài trợ|đóng góp tự nguyện/gu,
  ],
  [
    'international_aid',
    /(?:(?:các )?nguồn )?(?:tài trợ, )?viện trợ(?: quốc tế)?|(?:các )?nguồn tài trợ|tài trợ(?:, viện trợ)?/gu,
  ],
  ['other_lawful', /(?:các )?nguồn (?:\p{L}+ ){0,3}hợp pháp khác/gu],
];

interface Hit {
  kind: BudgetSourceKind;
  at: number;
  text: string;
  mt: MText;
  a: number;
  b: number;
}

export function extractBudget(
  parts: { mt: MText; a: number; b: number; block: Block }[],
  claim: (b: Block) => void,
): ParsedBudgetSource[] {
  const hits: Hit[] = [];
  let order = 0;
  for (const p of parts) {
    claim(p.block);
    const low = p.block.low;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = p.a;
      let m: RegExpExecArray | null;
      while ((m = re.exec(low)) !== null && hits.length < 200) {
        if (m.index + m[0].length > p.b) break;
        if (kind === 'state_budget' && /luật\s+$/u.test(low.slice(Math.max(0, m.index - 6), m.index))) continue;
        if (hits.some((h) => h.mt === p.mt && m !== null && m.index < h.b && m.index + m[0].length > h.a)) continue;
        hits.push({ kind, at: order + m.index, text: m[0], mt: p.mt, a: m.index, b: m.index + m[0].length });
      }
    }
    order += 1_000_000;
  }
  hits.sort((x, y) => x.at - y.at);
  const out: ParsedBudgetSource[] = [];
  for (const h of hits) {
    if (out.some((o) => o.kind === h.kind)) continue;
    const sp = spanned(h.mt, h.a, h.b);
    if (sp) out.push({ ...sp, kind: h.kind });
  }
  if (out.length === 0) {
    for (const p of parts) {
      let e = p.b;
      while (e > p.a && /[\s.;:]/.test(p.mt.text.charAt(e - 1))) e--;
      const sp = spanned(p.mt, p.a, e);
      if (sp && /\p{L}/u.test(sp.text)) {
        out.push({ ...sp, kind: 'unspecified' });
        break;
      }
    }
  }
  return out;
}
