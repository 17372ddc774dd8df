/**
 * Vietnamese text helpers for the plan parser. `lower` and `fold` preserve string length, so an
 * index found in the folded text is the same index in the cleaned text (and maps to the input).
 */

const lowerCache = new Map<string, string>();
const foldCache = new Map<string, string>();

function lowerChar(ch: string): string {
  let r = lowerCache.get(ch);
  if (r === undefined) {
    const l = ch.toLowerCase();
    r = l.length === ch.length ? l : ch;
    lowerCache.set(ch, r);
  }
  return r;
}

function foldChar(ch: string): string {
  let r = foldCache.get(ch);
  if (r === undefined) {
    const code = ch.charCodeAt(0);
    if (ch === 'đ' || ch === 'Đ') r = 'd';
    else if (code < 128) r = ch.toLowerCase();
    else {
      const base = ch.normalize('NFD').charAt(0).toLowerCase();
      r = base.length === 1 && base.charCodeAt(0) < 128 ? base : lowerChar(ch);
      if (/[\u0300-\u036f]/.test(r)) r = ' ';
    }
    foldCache.set(ch, r);
  }
  return r;
}

const lowerTable: (string | undefined)[] = new Array<string | undefined>(0x2000);
const foldTable: (string | undefined)[] = new Array<string | undefined>(0x2000);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  lowerTable[c] = ch.toLowerCase();
  foldTable[c] = ch.toLowerCase();
}

/** Lower case, same length. */
export function lower(s: string): string {
  const out: string[] = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r = c < 0x2000 ? lowerTable[c] : undefined;
    if (r === undefined) {
      r = lowerChar(s.charAt(i));
      if (c < 0x2000) lowerTable[c] = r;
    }
    out[i] = r;
  }
  return out.join('');
}

/** Lower case without tone and vowel marks, đ → d; same length ("Phấn đấu" and "Phần đầu" → "phan dau"). */
export function fold(s: string): string {
  const out: string[] = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r = c < 0x2000 ? foldTable[c] : undefined;
    if (r === undefined) {
      r = foldChar(s.charAt(i));
      if (c < 0x2000) foldTable[c] = r;
    }
    out[i] = r;
  }
  return out.join('');
}

/** 0: not a letter, 1: lower case, 2: upper case (by char code, cached). */
const caseCache = new Int8Array(0x10000).fill(-1);
function caseOf(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? 2 : code >= 97 && code <= 122 ? 1 : 0;
  let r = caseCache[code] ?? -1;
  if (r < 0) {
    const ch = String.fromCharCode(code);
    const lo = ch.toLowerCase();
    const hi = ch.toUpperCase();
    r = lo === hi ? 0 : ch === hi ? 2 : 1;
    caseCache[code] = r;
  }
  return r;
}

const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;

export function isUpperChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0xd800 || c > 0xdfff ? caseOf(c) === 2 : UPPER_RE.test(ch);
}

export function isLowerChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0xd800 || c > 0xdfff ? caseOf(c) === 1 : LOWER_RE.test(ch);
}

/** Share of upper-case letters among letters (0 when there are none); looks at the first 160 characters. */
export function upperRatio(s: string): number {
  let up = 0;
  let letters = 0;
  const n = Math.min(s.length, 160);
  for (let i = 0; i < n; i++) {
    const k = caseOf(s.charCodeAt(i));
    if (k === 0) continue;
    letters++;
    if (k === 2) up++;
  }
  return letters === 0 ? 0 : up / letters;
}

export function letterCount(s: string): number {
  let n = 0;
  const m = Math.min(s.length, 160);
  for (let i = 0; i < m; i++) if (caseOf(s.charCodeAt(i)) !== 0) n++;
  return n;
}

/** A line written in capitals ("KẾ HOẠCH", "II. MỤC TIÊU", "PHÓ CHỦ TỊCH"). */
export function isCapsText(s: string): boolean {
  return letterCount(s) >= 2 && upperRatio(s) >= 0.85;
}

/** Head words that open the name of a body (folded, followed by a word boundary). */
const ORG_HEADS_FOLDED = [
  'uy ban',
  'ubnd',
  'hdnd',
  'hoi dong',
  'so',
  'phong',
  'ban',
  'bo',
  'cuc',
  'chi cuc',
  'tong cuc',
  'trung tam',
  'hoi',
  'doan',
  'lien doan',
  'huyen doan',
  'tinh doan',
  'thanh doan',
  'mat tran',
  'cong an',
  'bo chi huy',
  'ban chi huy',
  'dai',
  'bao',
  'thu vien',
  'bao tang',
  'nha van hoa',
  'van phong',
  'thanh tra',
  'vien',
  'truong',
  'benh vien',
  'kho bac',
  'ngan hang',
  'bao hiem',
  'chi nhanh',
  'cong ty',
  'toa an',
  'vien kiem sat',
  'cong thong tin',
  'nha hat',
  'co quan',
  'thuong truc',
  'chu tich',
  'thu truong',
  'giam doc',
  'lanh dao',
  'don vi',
  'nganh',
  'tram',
  'hoi lien hiep',
  'doan thanh nien',
  'hiep hoi',
  'lien minh',
  'quan doan',
  'cong doan',
  'cong chuc',
  'can bo',
  'truong thon',
  'truong cac thon',
  'chi hoi',
  'chi doan',
  'ban chi dao',
  'to dan pho',
];
const ORG_HEAD_RE = new RegExp(`^(?:${ORG_HEADS_FOLDED.join('|')})(?![a-z])`);
/** "các sở", "các tổ chức", "UBND các xã" … */
const PLURAL_ORG_RE =
  /^cac (?:so|ban|nganh|co quan|don vi|to chuc|hoi|doan the|dia phuong|phong|xa|phuong|huyen|tinh|truong|trung tam|benh vien|tram|doanh nghiep|thanh vien|chi cuc|cuc|bo|lien doan|cap)(?![a-z])/;

/**
 * Whether `s` (cleaned text) starts like the name of a body. Capitalised head words only, except
 * the plural "các …" forms ("các sở, ban, ngành tỉnh").
 */
/** Words that look like a body's head word but name something else ("Hội nghị", "Phòng chống", "Bộ chỉ số"). */
const NOT_ORG_RE =
  /^(?:hoi (?:nghi|thao|thi|dien|cho|trai|hop)|ban hanh|bo (?:chi so|tieu chi|cong cu|tai lieu|luat)|bao cao|truong hop|phong (?:chong|ngua|,)|vien tro|doan ket|nganh nghe|don vi tinh|lanh dao,? chi dao|co quan (?:thong tin|truyen thong|bao chi)? ?dai chung)(?![a-z])/;

export function startsWithOrgHead(s: string): boolean {
  const t = s.trimStart();
  if (!t) return false;
  const f = fold(t);
  if (NOT_ORG_RE.test(f)) return false;
  if (PLURAL_ORG_RE.test(f)) return true;
  const first = t.charAt(0);
  if (!isUpperChar(first)) return false;
  return ORG_HEAD_RE.test(f);
}

const ABBREVIATIONS = new Set([
  'UBND',
  'HĐND',
  'MTTQ',
  'LĐTBXH',
  'LĐ-TB&XH',
  'LĐTB&XH',
  'TW',
  'VN',
  'TP',
  'TX',
  'VHTTDL',
  'GDĐT',
  'CNTT',
  'BCH',
  'HLHPN',
]);
const HEADS2 = [
  'chi cục',
  'tổng cục',
  'trung tâm',
  'liên đoàn',
  'thư viện',
  'bảo tàng',
  'văn phòng',
  'bệnh viện',
  'kho bạc',
];
const HEADS1 = ['sở', 'phòng', 'bộ', 'ban', 'cục', 'đài', 'báo', 'hội', 'viện', 'trường', 'đoàn'];
const ADMIN2 = ['thị trấn', 'thị xã', 'thành phố', 'đặc khu'];
const ADMIN1 = ['tỉnh', 'huyện', 'xã', 'phường', 'quận'];

function cap(w: string): string {
  return w ? w.charAt(0).toUpperCase() + w.slice(1) : w;
}

/**
 * Converts a name written in capitals (header lines) to the usual spelling:
 * "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Sở Văn hóa, Thể thao và Du lịch",
 * "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" → "Ủy ban nhân dân tỉnh Lai Châu".
 */
export function properCaseName(caps: string): string {
  const words = caps.trim().split(/\s+/).filter(Boolean);
  const lw = (k: number) => (words[k] ?? '').toLowerCase();
  const bare = (w: string) => w.replace(/[,;.:]+$/, '');
  const out: string[] = [];
  let i = 0;
  let componentMode = false;
  if (/^(ủy|uỷ) ban nhân dân$|^hội đồng nhân dân$/u.test([lw(0), lw(1), lw(2), lw(3)].join(' '))) {
    out.push(lw(0), lw(1), lw(2), lw(3));
    i = 4;
  } else if (HEADS2.includes(`${lw(0)} ${lw(1)}`)) {
    out.push(lw(0), lw(1));
    i = 2;
    componentMode = true;
  } else if (HEADS1.includes(lw(0))) {
    out.push(lw(0));
    i = 1;
    componentMode = true;
  }
  let capNext = componentMode;
  let placeMode = false;
  for (; i < words.length; i++) {
    const raw = words[i] ?? '';
    const w = raw.toLowerCase();
    if (ABBREVIATIONS.has(bare(raw))) {
      out.push(raw);
      capNext = false;
      continue;
    }
    if (!capNext && !placeMode) {
      if (ADMIN2.includes(`${bare(w)} ${bare(lw(i + 1))}`) && i + 2 < words.length) {
        out.push(w, lw(i + 1));
        i++;
        placeMode = true;
        continue;
      }
      if (ADMIN1.includes(bare(w)) && i + 1 < words.length) {
        out.push(w);
        placeMode = true;
        continue;
      }
    }
    if (w === 'và' || w === '-' || w === '–') {
      out.push(w);
      capNext = componentMode && !placeMode;
      continue;
    }
    out.push(capNext || placeMode ? cap(w) : w);
    capNext = componentMode && !placeMode && raw.endsWith(',');
  }
  if (out.length > 0) out[0] = cap(out[0] ?? '');
  return out.join(' ');
}

/** ASCII snake_case of a Vietnamese word or phrase ("sản phẩm" → "san_pham"). */
export function snake(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
