/**
 * Synthetic national dataset (`binhdang demo --national`): on top of the real 34 provinces and
 * 3,321 communes, ~1,500 departments/agencies/mass organisations, ~400 media agencies, ~30,000
 * villages, closed units with successors (the 2025 mergers), one program plan per province with
 * the five national targets, Action Month plans for most units each year and five years of
 * activities (≥ 1,000,000 on the full size) with realistic distributions: units that report
 * nothing, Action Month (15/11–15/12) peaks, March/June/October bumps, more women than men
 * among participants, kinds by unit type (media agencies write news, communes hold sessions and
 * use the loudspeakers).
 *
 * Deterministic: the same seed and size give the same rows, ids included (a seeded PRNG, no
 * clock, no crypto.randomUUID). Generated codes carry an "X" marker (12-XD03, 03394-XV07) so they
 * never clash with official codes or with the demo units. Loading is bulk: COPY on PGlite,
 * unnest-array INSERTs in 10,000-row chunks on the server.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, DB } from '@binhdang/db';
import { foldForSearch } from '@binhdang/domain';
import { writeAudit } from '../audit/audit.js';
import { insertUnits, unit } from './admin-units.js';

export const NATIONAL_SIZES = ['tiny', 'small', 'full'] as const;
export type NationalSize = (typeof NATIONAL_SIZES)[number];

export interface NationalSpec {
  /** Province codes to populate; null = all. */
  provinces: string[] | null;
  years: number[];
  /** Expected number of activities (the generated count lands within a fraction of a percent). */
  activities: number;
}

export const NATIONAL_SPECS: Record<NationalSize, NationalSpec> = {
  tiny: { provinces: ['12'], years: [2025, 2026], activities: 3_000 },
  small: { provinces: ['11', '12', '46', '96'], years: [2022, 2023, 2024, 2025, 2026], activities: 50_000 },
  full: { provinces: null, years: [2022, 2023, 2024, 2025, 2026], activities: 1_050_000 },
};

/** Activities are dated up to this day (the dataset is "as of" late November 2026, Action Month under way). */
export const NATIONAL_AS_OF = '2026-11-20';
export const ACTION_MONTH_CAMPAIGN_ID = '6c1f0a52-0000-4000-8000-000000000008';

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32 — fast, good enough, identical on every platform.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }
  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** exp(N(ln median, sigma)) */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }
  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const a = h(this.u32());
    const b = h(this.u32());
    const c = h(this.u32());
    const d = h(this.u32());
    const v = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${v}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
  /** Index drawn by weight from a cumulative table. */
  weighted(cum: readonly number[]): number {
    const x = this.next() * cum[cum.length - 1]!;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const w of weights) out.push((s += w));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Units

export interface BaseUnit {
  id: string;
  code: string;
  name: string;
  unit_type: string | null;
  path: string;
  province_code: string | null;
}

export type GenKind = 'department' | 'agency' | 'mass_org' | 'media_agency' | 'village';

export interface GenUnit {
  id: string;
  code: string;
  name: string;
  kind: GenKind;
  unit_type: string;
  parent_id: string;
  path: string;
  province_code: string;
  valid_from: string | null;
  valid_to: string | null;
  successor_id: string | null;
}

const SO = [
  ['SNV', 'Sở Nội vụ'],
  ['STC', 'Sở Tài chính'],
  ['STP', 'Sở Tư pháp'],
  ['SCT', 'Sở Công Thương'],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường'],
  ['SXD', 'Sở Xây dựng'],
  ['SKHCN', 'Sở Khoa học và Công nghệ'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo'],
  ['SYT', 'Sở Y tế'],
  ['SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'],
  ['SDTTG', 'Sở Dân tộc và Tôn giáo'],
  ['SNGV', 'Sở Ngoại vụ'],
  ['VPUB', 'Văn phòng Ủy ban nhân dân'],
  ['TTR', 'Thanh tra'],
] as const;
/** Closed on 1/3/2025 when the departments were merged; their history belongs to the successor. */
const CLOSED_SO = [
  ['SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'SNV'],
  ['STTTT', 'Sở Thông tin và Truyền thông', 'SKHCN'],
] as const;
const AGENCIES = [
  'Công an',
  'Bộ Chỉ huy Quân sự',
  'Tòa án nhân dân',
  'Viện Kiểm sát nhân dân',
  'Ban Quản lý các khu công nghiệp',
  'Bảo hiểm xã hội',
  'Thuế',
  'Trường Chính trị',
  'Bệnh viện Đa khoa',
  'Bệnh viện Sản - Nhi',
  'Trung tâm Kiểm soát bệnh tật',
  'Trường Cao đẳng Cộng đồng',
  'Trung tâm Công tác xã hội',
  'Trung tâm Văn hóa',
  'Thư viện',
  'Liên minh Hợp tác xã',
  'Trung tâm Dịch vụ việc làm',
  'Quỹ Hỗ trợ nông dân',
] as const;
const MASS_ORGS: readonly (readonly [string, number])[] = [
  ['Ủy ban Mặt trận Tổ quốc Việt Nam', 0.55],
  ['Hội Liên hiệp Phụ nữ', 0.9],
  ['Tỉnh đoàn', 0.55],
  ['Hội Nông dân', 0.5],
  ['Hội Cựu chiến binh', 0.2],
  ['Liên đoàn Lao động', 0.55],
  ['Hội Người cao tuổi', 0.55],
  ['Hội Chữ thập đỏ', 0.6],
  ['Hội Luật gia', 0.45],
  ['Hội Khuyến học', 0.6],
  ['Liên hiệp các Hội Khoa học và Kỹ thuật', 0.45],
  ['Hội Bảo trợ người khuyết tật và trẻ mồ côi', 0.6],
];
const MEDIA = [
  'Báo và Phát thanh, Truyền hình',
  'Cổng Thông tin điện tử',
  'Tạp chí Văn nghệ',
  'Tạp chí Khoa học',
  'Trung tâm Truyền thông',
  'Trang thông tin điện tử Sở Y tế',
  'Trang thông tin điện tử Sở Nội vụ',
  'Trang thông tin điện tử Hội Liên hiệp Phụ nữ',
  'Bản tin Công an',
  'Bản tin Tỉnh đoàn',
] as const;
const SYLLABLES = ['Nà', 'Phiêng', 'Hua', 'Pá', 'Cốc', 'Tân', 'Đông', 'Tây', 'Hòa', 'Bình', 'An', 'Phú', 'Lũng'];
const SYLLABLES2 = ['Sáng', 'Lầu', 'Mường', 'Lợi', 'Thành', 'Hưng', 'Lạc', 'Xuân', 'Trung', 'Mới', 'Khoang'];
/** Mountain provinces call villages "bản"; the share of ethnic-minority participants is high there. */
const MOUNTAIN = new Set(['04', '08', '11', '12', '14', '15', '20']);

interface UnitProfile {
  /** unit-level index into the shared activity profile tables */
  profile: 'province' | GenKind | 'commune';
  /** multiplier of the base rate: how active this unit is */
  level: number;
  /** never records anything */
  silent: boolean;
  /** female share of its audiences */
  female: number;
  diligence: number;
}

export interface NationalUnits {
  units: GenUnit[];
  /** Every unit that records activities (base provinces and communes too), in generation order. */
  reporters: (BaseUnit & { kind: string; commune_code: string | null; valid_to: string | null })[];
  profiles: UnitProfile[];
}

/**
 * The generated org units under the given provinces and communes (sorted by code).
 * Pure: the same inputs and seed give the same units.
 */
export function generateUnits(provinces: BaseUnit[], communes: BaseUnit[], seed: number): NationalUnits {
  const rng = new Rng(seed ^ 0x51ed270b);
  const units: GenUnit[] = [];
  const reporters: NationalUnits['reporters'] = [];
  const profiles: UnitProfile[] = [];
  const addReporter = (
    u: BaseUnit & { kind: string; commune_code: string | null; valid_to: string | null },
    p: UnitProfile,
  ) => {
    reporters.push(u);
    profiles.push(p);
  };
  const silentP: Record<UnitProfile['profile'], number> = {
    province: 0,
    department: 0.06,
    agency: 0.15,
    mass_org: 0.06,
    media_agency: 0.05,
    commune: 0.03,
    village: 0.88,
  };
  const profile = (kind: UnitProfile['profile'], female = 0.6): UnitProfile => ({
    profile: kind,
    level: Math.exp(0.55 * rng.normal() - 0.15),
    silent: rng.chance(silentP[kind]),
    female: Math.min(0.95, Math.max(0.15, female + 0.06 * rng.normal())),
    diligence: rng.normal(),
  });
  const communesBy = new Map<string, BaseUnit[]>();
  for (const c of communes) {
    const list = communesBy.get(c.province_code!) ?? [];
    list.push(c);
    communesBy.set(c.province_code!, list);
  }
  for (const p of provinces) {
    const pc = p.province_code!;
    const pname = `${(p.unit_type ?? 'tỉnh').toLowerCase()} ${p.name}`;
    addReporter({ ...p, kind: 'province', commune_code: null, valid_to: null }, profile('province'));
    const add = (
      suffix: string,
      name: string,
      kind: GenKind,
      unitType: string,
      female: number,
      extra: Partial<GenUnit> = {},
    ): GenUnit => {
      const code = `${pc}-X${suffix}`;
      const g: GenUnit = {
        id: rng.uuid(),
        code,
        name,
        kind,
        unit_type: unitType,
        parent_id: p.id,
        path: `${p.path}.${code}`,
        province_code: pc,
        valid_from: '2008-01-01',
        valid_to: null,
        successor_id: null,
        ...extra,
      };
      units.push(g);
      addReporter(
        {
          id: g.id,
          code,
          name,
          unit_type: unitType,
          path: g.path,
          province_code: pc,
          kind,
          commune_code: null,
          valid_to: g.valid_to,
        },
        profile(kind, female),
      );
      return g;
    };
    const soIds = new Map<string, string>();
    SO.forEach(([abbr, name], i) => {
      const g = add(`D${String(i + 1).padStart(2, '0')}`, `${name} ${pname}`, 'department', 'Sở', 0.55);
      soIds.set(abbr, g.id);
    });
    CLOSED_SO.forEach(([, name, successor], i) =>
      add(`C${String(i + 1).padStart(2, '0')}`, `${name} ${pname} (cũ)`, 'department', 'Sở', 0.55, {
        valid_to: '2025-03-01',
        successor_id: soIds.get(successor)!,
      }),
    );
    // 40–50 departments, agencies and mass organisations per province in all.
    const agencies = AGENCIES.filter(() => rng.chance(0.88));
    const extraHospitals = rng.int(0, 4);
    agencies.forEach((a, i) => add(`A${String(i + 1).padStart(2, '0')}`, `${a} ${pname}`, 'agency', 'Cơ quan', 0.55));
    for (let i = 0; i < extraHospitals; i++)
      add(
        `A${String(agencies.length + i + 1).padStart(2, '0')}`,
        `Bệnh viện khu vực ${i + 1} ${pname}`,
        'agency',
        'Bệnh viện',
        0.6,
      );
    MASS_ORGS.forEach(([m, female], i) =>
      add(`M${String(i + 1).padStart(2, '0')}`, `${m} ${pname}`, 'mass_org', 'Đoàn thể', female),
    );
    // ~12 media agencies: the province's own, then the regional radio/TV stations.
    const regional = rng.int(0, 4);
    MEDIA.forEach((m, i) =>
      add(`B${String(i + 1).padStart(2, '0')}`, `${m} ${pname}`, 'media_agency', 'Cơ quan báo chí', 0.5),
    );
    for (let i = 0; i < regional; i++)
      add(
        `B${String(MEDIA.length + i + 1).padStart(2, '0')}`,
        `Đài Truyền thanh - Truyền hình khu vực ${i + 1} ${pname}`,
        'media_agency',
        'Cơ quan báo chí',
        0.5,
      );
    const mountain = MOUNTAIN.has(pc);
    for (const c of communesBy.get(pc) ?? []) {
      addReporter({ ...c, kind: 'commune', commune_code: c.code, valid_to: null }, profile('commune'));
      const ward = c.unit_type === 'Phường';
      const n = rng.int(4, 14);
      let first: string | null = null;
      for (let i = 1; i <= n; i++) {
        const code = `${c.code}-XV${String(i).padStart(2, '0')}`;
        const type = ward ? 'Tổ dân phố' : mountain ? 'Bản' : 'Thôn';
        const name =
          ward || rng.chance(0.5) ? `${type} ${i}` : `${type} ${rng.pick(SYLLABLES)} ${rng.pick(SYLLABLES2)}`;
        // ~2% of villages were merged into the commune's first village on 1/7/2024.
        const merged = first !== null && rng.chance(0.02);
        const g: GenUnit = {
          id: rng.uuid(),
          code,
          name: `${name}, ${c.name}`,
          kind: 'village',
          unit_type: type,
          parent_id: c.id,
          path: `${c.path}.${code}`,
          province_code: pc,
          valid_from: null,
          valid_to: merged ? '2024-07-01' : null,
          successor_id: merged ? first : null,
        };
        first ??= g.id;
        units.push(g);
        addReporter(
          {
            id: g.id,
            code,
            name: g.name,
            unit_type: type,
            path: g.path,
            province_code: pc,
            kind: 'village',
            commune_code: c.code,
            valid_to: g.valid_to,
          },
          profile('village'),
        );
      }
    }
  }
  return { units, reporters, profiles };
}

// ---------------------------------------------------------------------------------------------
// Activities

interface KindInfo {
  code: string;
  name: string;
  folded: string;
  channel: string;
  counts: 'session' | 'news' | 'product' | 'other';
}
const K = (code: string, name: string, channel: string, counts: KindInfo['counts']): KindInfo => ({
  code,
  name,
  folded: foldForSearch(name),
  channel,
  counts,
});
const KINDS = {
  conference: K('conference', 'Hội nghị', 'direct', 'session'),
  workshop: K('workshop', 'Hội thảo, tọa đàm', 'direct', 'session'),
  training: K('training', 'Tập huấn', 'direct', 'session'),
  talk: K('talk', 'Nói chuyện chuyên đề', 'direct', 'session'),
  dialogue: K('dialogue', 'Giao lưu, đối thoại', 'direct', 'session'),
  contest: K('contest', 'Hội thi', 'direct', 'session'),
  community_event: K('community_event', 'Sự kiện cộng đồng', 'direct', 'session'),
  performance: K('performance', 'Biểu diễn văn nghệ', 'direct', 'session'),
  club_meeting: K('club_meeting', 'Sinh hoạt câu lạc bộ', 'direct', 'session'),
  launch_ceremony: K('launch_ceremony', 'Lễ phát động', 'direct', 'session'),
  talk_show: K('talk_show', 'Tọa đàm trên sóng', 'television', 'news'),
  news_item: K('news_item', 'Tin, bài', 'online', 'news'),
  reportage: K('reportage', 'Phóng sự', 'television', 'news'),
  broadcast: K('broadcast', 'Chương trình phát thanh', 'radio', 'news'),
  loudspeaker: K('loudspeaker', 'Phát trên loa truyền thanh', 'loudspeaker', 'news'),
  online_post: K('online_post', 'Bài đăng trên mạng xã hội', 'social_media', 'news'),
  leaflet: K('leaflet', 'Cấp phát tờ rơi', 'direct', 'product'),
  poster: K('poster', 'Treo pano, băng rôn', 'outdoor', 'product'),
  newsletter: K('newsletter', 'Phát hành bản tin', 'print', 'product'),
  inspection: K('inspection', 'Kiểm tra, giám sát', 'direct', 'other'),
  commendation: K('commendation', 'Khen thưởng', 'direct', 'other'),
};
type KindCode = keyof typeof KINDS;

/** Kind mix by unit profile: [kind, weight]. */
const MIX: Record<UnitProfile['profile'], [KindCode, number][]> = {
  province: [
    ['conference', 30],
    ['launch_ceremony', 8],
    ['training', 20],
    ['inspection', 20],
    ['commendation', 8],
    ['workshop', 14],
  ],
  department: [
    ['conference', 15],
    ['training', 20],
    ['workshop', 10],
    ['talk', 15],
    ['news_item', 10],
    ['online_post', 10],
    ['leaflet', 5],
    ['newsletter', 5],
    ['inspection', 5],
    ['contest', 3],
    ['commendation', 2],
  ],
  agency: [
    ['talk', 30],
    ['training', 15],
    ['conference', 15],
    ['news_item', 15],
    ['leaflet', 15],
    ['poster', 10],
  ],
  mass_org: [
    ['talk', 20],
    ['club_meeting', 20],
    ['contest', 10],
    ['community_event', 15],
    ['training', 10],
    ['dialogue', 10],
    ['performance', 5],
    ['leaflet', 5],
    ['online_post', 5],
  ],
  media_agency: [
    ['news_item', 45],
    ['reportage', 20],
    ['broadcast', 15],
    ['online_post', 15],
    ['talk_show', 5],
  ],
  commune: [
    ['conference', 10],
    ['talk', 18],
    ['community_event', 10],
    ['club_meeting', 10],
    ['launch_ceremony', 4],
    ['performance', 3],
    ['loudspeaker', 30],
    ['leaflet', 5],
    ['poster', 4],
    ['news_item', 3],
    ['inspection', 2],
    ['commendation', 1],
  ],
  village: [
    ['club_meeting', 40],
    ['talk', 25],
    ['community_event', 20],
    ['loudspeaker', 15],
  ],
};
const MIX_CUM = Object.fromEntries(
  Object.entries(MIX).map(([k, v]) => [k, { kinds: v.map((x) => KINDS[x[0]]), cum: cumulative(v.map((x) => x[1])) }]),
) as Record<UnitProfile['profile'], { kinds: KindInfo[]; cum: number[] }>;

/** Expected activities per unit and year at scale 1 (before the unit's own level). */
const BASE_RATE: Record<UnitProfile['profile'], number> = {
  province: 40,
  department: 24,
  agency: 14,
  mass_org: 22,
  media_agency: 90,
  commune: 36,
  village: 6,
};
const YEAR_GROWTH: Record<number, number> = { 2022: 0.7, 2023: 0.85, 2024: 1, 2025: 1.1, 2026: 1.15 };
const SESSION_MEDIAN: Record<UnitProfile['profile'], number> = {
  province: 120,
  department: 70,
  agency: 60,
  mass_org: 65,
  media_agency: 40,
  commune: 55,
  village: 35,
};

const TOPICS = [
  'về bình đẳng giới',
  'phổ biến Luật Bình đẳng giới năm 2006',
  'phòng, chống bạo lực trên cơ sở giới',
  'phòng, chống bạo lực gia đình',
  'xóa bỏ định kiến giới trong gia đình',
  'giảm thiểu mất cân bằng giới tính khi sinh',
  'vai trò của phụ nữ trong phát triển kinh tế',
  'phòng, chống tảo hôn và hôn nhân cận huyết thống',
  'nam giới tham gia thúc đẩy bình đẳng giới',
  'kỹ năng lồng ghép giới trong xây dựng chính sách',
].map((t) => ({ t, f: foldForSearch(t) }));

const AUDIENCES: Record<UnitProfile['profile'], string[]> = {
  province: ['leaders', 'civil_servants'],
  department: ['civil_servants', 'workers', 'leaders', 'enterprises'],
  agency: ['civil_servants', 'workers', 'residents', 'students'],
  mass_org: ['women', 'youth', 'residents', 'men_boys', 'elderly'],
  media_agency: ['residents'],
  commune: ['residents', 'women', 'youth', 'students', 'village_elders', 'men_boys'],
  village: ['residents', 'women', 'village_elders', 'ethnic_minorities'],
};

const DAY_MS = 86_400_000;
const dayIndex = (iso: string, year: number) => Math.round((Date.parse(iso) - Date.UTC(year, 0, 1)) / DAY_MS);

interface YearCalendar {
  start: number;
  days: number;
  cum: number[];
  iso: string[];
  /** campaign id by day (null outside campaign windows) */
  campaign: (string | null)[];
}

const CAMPAIGNS: [string, number, number, number, number][] = [
  ['6c1f0a52-0000-4000-8000-000000000001', 3, 8, 3, 8],
  ['6c1f0a52-0000-4000-8000-000000000002', 3, 20, 3, 20],
  ['6c1f0a52-0000-4000-8000-000000000003', 6, 1, 6, 30],
  ['6c1f0a52-0000-4000-8000-000000000005', 10, 20, 10, 20],
  ['6c1f0a52-0000-4000-8000-000000000006', 11, 19, 11, 19],
  ['6c1f0a52-0000-4000-8000-000000000007', 11, 25, 11, 25],
  [ACTION_MONTH_CAMPAIGN_ID, 11, 15, 12, 15],
];

function yearCalendar(year: number): YearCalendar {
  const start = Date.UTC(year, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY_MS);
  const weights: number[] = [];
  const iso: string[] = [];
  const campaign: (string | null)[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(start + i * DAY_MS);
    const m = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const md = m * 100 + day;
    let w = 1;
    if (md >= 1115 && md <= 1215)
      w = 3.6; // Action Month
    else if (md >= 301 && md <= 320)
      w = 1.9; // 8/3 and 20/3
    else if (m === 6)
      w = 1.7; // domestic-violence prevention month, family day
    else if (md >= 1010 && md <= 1025)
      w = 2; // 20/10
    else if (md >= 120 && md <= 215) w = 0.35; // Tết
    const dow = d.getUTCDay();
    if (dow === 0) w *= 0.35;
    else if (dow === 6) w *= 0.6;
    weights.push(w);
    iso.push(d.toISOString().slice(0, 10));
    let c: string | null = null;
    for (const [id, sm, sd, em, ed] of CAMPAIGNS) if (md >= sm * 100 + sd && md <= em * 100 + ed) c = id;
    campaign.push(c);
  }
  return { start, days, cum: cumulative(weights), iso, campaign };
}

/** The activity table columns in the order generated rows carry them. */
export const ACTIVITY_COLUMNS = [
  'id',
  'org_unit_id',
  'org_path',
  'province_code',
  'kind',
  'title',
  'start_date',
  'end_date',
  'commune_code',
  'channel',
  'audiences',
  'participants_female',
  'participants_male',
  'participants_total',
  'ethnic_minority_participants',
  'products_count',
  'reach',
  'cost_state_budget',
  'cost_mobilised',
  'cost_international',
  'campaign_id',
  'source',
  'search_text',
  'created_at',
  'updated_at',
] as const;
const ACTIVITY_TYPES = [
  'uuid',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'date',
  'date',
  'text',
  'text',
  'text', // '{a,b}' literals, cast to text[] after unnest
  'int4',
  'int4',
  'int4',
  'int4',
  'int4',
  'int8',
  'int8',
  'int8',
  'int8',
  'uuid',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
];
export type ActivityRow = (string | number | null)[];

/** Weighted sampling of a day in [lo, hi) (day indexes in the year); -1 when the window is empty. */
function sampleDay(rng: Rng, cal: YearCalendar, lo: number, hi: number): number {
  if (hi <= lo) return -1;
  const base = lo > 0 ? cal.cum[lo - 1]! : 0;
  const x = base + rng.next() * (cal.cum[hi - 1]! - base);
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (cal.cum[mid]! > x) b = mid;
    else a = mid + 1;
  }
  return a;
}

const ETHNIC_SHARE = (pc: string | null) => (pc && MOUNTAIN.has(pc) ? 0.75 : 0.08);

/**
 * Streams the activities in chunks (arrays of rows in ACTIVITY_COLUMNS order). The expected
 * total is spec.activities; units flagged silent (and ~7% of unit-years) record nothing.
 */
export function* generateActivities(
  national: NationalUnits,
  spec: Pick<NationalSpec, 'years' | 'activities'>,
  seed: number,
  chunkSize = 10_000,
): Generator<ActivityRow[]> {
  const rng = new Rng(seed ^ 0x2545f491);
  const cals = new Map(spec.years.map((y) => [y, yearCalendar(y)]));
  const asOf = Date.parse(NATIONAL_AS_OF);
  const { reporters, profiles } = national;
  // Pass 1: the expected count of each unit-year, so the total lands on spec.activities.
  const lambdas = new Float64Array(reporters.length * spec.years.length);
  const windows: [number, number][] = [];
  let sum = 0;
  reporters.forEach((u, i) => {
    const p = profiles[i]!;
    spec.years.forEach((y, j) => {
      const cal = cals.get(y)!;
      const lo = 0;
      let hi = cal.days;
      if (u.valid_to) hi = Math.min(hi, dayIndex(u.valid_to, y));
      hi = Math.min(hi, Math.floor((asOf - cal.start) / DAY_MS) + 1);
      hi = Math.max(lo, hi);
      windows.push([lo, hi]);
      const yearSilent = rng.chance(0.07);
      if (p.silent || yearSilent || hi <= lo) return;
      const share = hi >= cal.days ? 1 : (cal.cum[hi - 1] ?? 0) / cal.cum[cal.days - 1]!;
      const l = BASE_RATE[p.profile] * p.level * (YEAR_GROWTH[y] ?? 1) * share;
      lambdas[i * spec.years.length + j] = l;
      sum += l;
    });
  });
  const scale = sum > 0 ? spec.activities / sum : 0;
  let chunk: ActivityRow[] = [];
  for (let i = 0; i < reporters.length; i++) {
    const u = reporters[i]!;
    const p = profiles[i]!;
    const mix = MIX_CUM[p.profile];
    const auds = AUDIENCES[p.profile];
    const ethnic = ETHNIC_SHARE(u.province_code);
    for (let j = 0; j < spec.years.length; j++) {
      const n = rng.poisson(lambdas[i * spec.years.length + j]! * scale);
      if (n === 0) continue;
      const y = spec.years[j]!;
      const cal = cals.get(y)!;
      const [lo, hi] = windows[i * spec.years.length + j]!;
      for (let k = 0; k < n; k++) {
        const d = sampleDay(rng, cal, lo, hi);
        const md = Number(cal.iso[d]!.slice(5, 7)) * 100 + Number(cal.iso[d]!.slice(8, 10));
        let kind = mix.kinds[rng.weighted(mix.cum)]!;
        // Units launch the Action Month in its first days.
        if (md >= 1115 && md <= 1120 && kind.counts === 'session' && p.profile !== 'village' && rng.chance(0.25))
          kind = KINDS.launch_ceremony;
        const topic = rng.chance(0.3) && md >= 1115 && md <= 1215 ? null : rng.pick(TOPICS);
        const title = topic
          ? `${kind.name} ${topic.t}`
          : `${kind.name} hưởng ứng Tháng hành động vì bình đẳng giới năm ${y}`;
        const search = topic
          ? `${kind.folded} ${topic.f}`
          : `${kind.folded} huong ung thang hanh dong vi binh dang gioi nam ${y}`;
        const len = kind.code === 'training' || kind.code === 'contest' ? rng.int(0, 2) : rng.chance(0.08) ? 1 : 0;
        const end = Math.min(d + len, cal.days - 1);
        let female: number | null = null;
        let male: number | null = null;
        let total: number | null = null;
        let ethnicN: number | null = null;
        let products: number | null = null;
        let reach: number | null = null;
        let budget: number | null = null;
        let mobilised: number | null = null;
        let intl: number | null = null;
        if (kind.counts === 'session') {
          const r = rng.next();
          const t = Math.max(8, Math.round(rng.lognormal(SESSION_MEDIAN[p.profile], 0.55)));
          if (r >= 0.04) {
            total = t;
            if (r >= 0.1) {
              const share = Math.min(0.97, Math.max(0.05, p.female + 0.08 * rng.normal()));
              female = Math.round(t * share);
              male = t - female;
              if (rng.chance(0.03)) total = t + rng.int(1, 5); // a few people of unrecorded sex
            }
            if (rng.chance(ethnic > 0.5 ? 0.8 : 0.15))
              ethnicN = Math.min(total, Math.round(total * Math.min(1, ethnic * (0.7 + 0.5 * rng.next()))));
          }
          if (rng.chance(0.6)) budget = Math.round(rng.lognormal(3_000_000, 0.7) / 1000) * 1000;
          if (rng.chance(0.15)) mobilised = Math.round(rng.lognormal(2_000_000, 0.8) / 1000) * 1000;
          if (rng.chance(0.02)) intl = Math.round(rng.lognormal(20_000_000, 0.6) / 1000) * 1000;
        } else if (kind.counts === 'news') {
          products = 1;
          reach =
            kind.code === 'loudspeaker'
              ? Math.round(rng.lognormal(1500, 0.5))
              : Math.round(rng.lognormal(p.profile === 'media_agency' ? 8000 : 1200, 0.9));
        } else if (kind.counts === 'product') {
          products = Math.round(rng.lognormal(300, 0.9));
          if (rng.chance(0.7)) budget = Math.round(rng.lognormal(1_500_000, 0.7) / 1000) * 1000;
        }
        const nAud = p.profile === 'media_agency' ? 1 : rng.int(1, 3);
        const picked = new Set<string>();
        for (let a = 0; a < nAud; a++) picked.add(rng.pick(auds));
        const campaign = cal.campaign[d] && rng.chance(0.85) ? cal.campaign[d]! : null;
        const commune = u.commune_code;
        const startIso = cal.iso[d]!;
        const created = `${startIso} 09:00:00+07`;
        chunk.push([
          rng.uuid(),
          u.id,
          u.path,
          u.province_code,
          kind.code,
          title,
          startIso,
          cal.iso[end]!,
          commune,
          kind.channel,
          `{${[...picked].join(',')}}`,
          female,
          male,
          total,
          ethnicN,
          products,
          reach,
          budget,
          mobilised,
          intl,
          campaign,
          'import',
          search,
          created,
          created,
        ]);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
        }
      }
    }
  }
  if (chunk.length) yield chunk;
}

// ---------------------------------------------------------------------------------------------
// Action Month plans (campaign_plan) and the provinces' program plans

export const CAMPAIGN_PLAN_COLUMNS = [
  'id',
  'campaign_id',
  'org_unit_id',
  'org_path',
  'province_code',
  'year',
  'document_number',
  'issued_on',
] as const;
const CAMPAIGN_PLAN_TYPES = ['uuid', 'uuid', 'uuid', 'text', 'text', 'int4', 'text', 'date'];
const PLAN_RATE: Record<number, number> = { 2022: 0.72, 2023: 0.8, 2024: 0.86, 2025: 0.9, 2026: 0.93 };

/** One Action Month plan per unit and year for most departments, organisations, media agencies and communes. */
export function generateCampaignPlans(national: NationalUnits, years: number[], seed: number): ActivityRow[] {
  const rng = new Rng(seed ^ 0x3c6ef372);
  const rows: ActivityRow[] = [];
  national.reporters.forEach((u, i) => {
    const p = national.profiles[i]!;
    if (p.profile === 'village' || p.silent) return;
    for (const y of years) {
      if (u.valid_to && u.valid_to <= `${y}-11-01`) continue;
      // diligent units plan nearly every year; the tail rarely
      const prob = Math.min(0.99, (PLAN_RATE[y] ?? 0.9) + 0.08 * p.diligence);
      if (!rng.chance(prob)) continue;
      const day = rng.int(5, 14);
      rows.push([
        rng.uuid(),
        ACTION_MONTH_CAMPAIGN_ID,
        u.id,
        u.path,
        u.province_code,
        y,
        `${rng.int(1, 400)}/KH-${p.profile === 'commune' ? 'UBND' : 'CQ'}`,
        `${y}-11-${String(day).padStart(2, '0')}`,
      ]);
    }
  });
  return rows;
}

export interface NationalTarget {
  number: number;
  code: string;
  text: string;
  unit: string;
  ruleKind: string;
  scopeKinds: string[];
  frequency: string;
  baselineYear: number | null;
  milestones: { year: number; value: number | null; valueMax: number | null }[];
  /** Rule parameters in the shape of the indicator engine (RuleParams in the domain package). */
  ruleParams: Record<string, unknown>;
}

/** The five national targets of Decision 1790/QĐ-TTg as each province's plan states them. */
export const NATIONAL_TARGETS: NationalTarget[] = [
  {
    number: 1,
    code: 'T1',
    text: 'Phấn đấu 100% cơ quan, tổ chức, doanh nghiệp và người dân được truyền thông về pháp luật, chính sách bình đẳng giới, tối thiểu 02 cuộc/năm',
    unit: 'percent',
    ruleKind: 'units_meeting_count',
    scopeKinds: ['department', 'agency', 'mass_org', 'commune'],
    frequency: 'annual',
    baselineYear: null,
    milestones: [
      { year: 2025, value: 80, valueMax: null },
      { year: 2030, value: 100, valueMax: null },
    ],
    ruleParams: { kind: 'units_meeting_count', countsAs: 'session', kinds: null, period: 'year', threshold: 2 },
  },
  {
    number: 2,
    code: 'T2',
    text: 'Hằng năm, 100% cơ quan, đơn vị, địa phương xây dựng kế hoạch và tổ chức triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
    unit: 'percent',
    ruleKind: 'units_with_record',
    scopeKinds: ['department', 'agency', 'mass_org', 'media_agency', 'commune'],
    frequency: 'annual',
    baselineYear: null,
    milestones: [
      { year: 2025, value: 100, valueMax: null },
      { year: 2030, value: 100, valueMax: null },
    ],
    ruleParams: { kind: 'units_with_record', campaign: 'action_month' },
  },
  {
    number: 3,
    code: 'T3',
    text: 'Nhận thức về bình đẳng giới của các nhóm đối tượng trong cộng đồng tăng 10-15% so với năm 2025',
    unit: 'percent',
    ruleKind: 'survey_change',
    scopeKinds: [],
    frequency: 'once',
    baselineYear: 2025,
    milestones: [{ year: 2030, value: 10, valueMax: 15 }],
    ruleParams: { kind: 'survey_change', survey: 'awareness', baselineYear: 2025 },
  },
  {
    number: 4,
    code: 'T4',
    text: 'Ít nhất 70% cơ quan báo chí thí điểm áp dụng Bộ chỉ số về giới trong truyền thông đến năm 2025, 90% áp dụng chính thức đến năm 2030',
    unit: 'percent',
    ruleKind: 'share_with_status',
    scopeKinds: ['media_agency'],
    frequency: 'by_year',
    baselineYear: null,
    milestones: [
      { year: 2025, value: 70, valueMax: null },
      { year: 2030, value: 90, valueMax: null },
    ],
    ruleParams: {
      kind: 'share_with_status',
      register: 'media_gender_indicators',
      statuses: ['none', 'pilot', 'official'],
      minStatus: 'pilot',
    },
  },
  {
    number: 5,
    code: 'T5',
    text: '95% hương ước, quy ước được thông qua không có nội dung phân biệt đối xử về giới đến năm 2025, 100% đến năm 2030',
    unit: 'percent',
    ruleKind: 'share_with_status',
    scopeKinds: ['village'],
    frequency: 'by_year',
    baselineYear: null,
    milestones: [
      { year: 2025, value: 95, valueMax: null },
      { year: 2030, value: 100, valueMax: null },
    ],
    ruleParams: {
      kind: 'share_with_status',
      register: 'village_conventions',
      statuses: ['flagged', 'clean'],
      minStatus: 'clean',
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Loading

/** Multi-row INSERT … SELECT FROM unnest($1::t[], …): one statement per chunk, both engines. */
async function insertUnnest(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  types: string[],
  rows: ActivityRow[],
  casts: Record<string, string> = {},
): Promise<void> {
  if (!rows.length) return;
  const arrays = columns.map((_, c) => rows.map((r) => r[c] ?? null));
  const params = arrays.map((a, c) => sql`${a}::${sql.raw(types[c]!)}[]`);
  const select = columns.map((c) => sql.raw(casts[c] ? `${c}::${casts[c]}` : c));
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT ${sql.join(select)} FROM unnest(${sql.join(params)}) AS t(${sql.join(columns.map((c) => sql.ref(c)))})`.execute(
    db,
  );
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return `"${v.replace(/"/g, '""')}"`;
}

async function copyRows(
  database: Database,
  table: string,
  columns: readonly string[],
  types: string[],
  rows: ActivityRow[],
  casts: Record<string, string> = {},
): Promise<void> {
  if (database.pglite) {
    // COPY from an in-memory blob: the fastest path PGlite has.
    const csv = rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
    await database.pglite.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([csv]),
    });
    return;
  }
  await insertUnnest(database.db, table, columns, types, rows, casts);
}

export interface NationalLoadOptions {
  size?: NationalSize;
  seed?: number;
  /** Override the spec of the size (tests). */
  spec?: Partial<NationalSpec>;
  /** Progress lines (CLI). */
  log?: (line: string) => void;
  /**
   * 'fast' (default): the activity table's own triggers (the indicator aggregates) are switched off
   * and its secondary indexes dropped during the load, then the indexes are rebuilt from their
   * definitions and the aggregates recomputed in one pass (indicator_rebuild(), when the engine
   * has it). 'triggers': rows go in with triggers and indexes live, as imports do.
   */
  bulk?: 'fast' | 'triggers';
}

export interface NationalSummary {
  size: NationalSize;
  seed: number;
  units: Record<string, number>;
  closedUnits: number;
  orgUnits: number;
  activities: number;
  campaignPlans: number;
  plans: number;
  /** sha256 of every generated row (units, activities, campaign plans), hex. */
  checksum: string;
  ms: {
    units: number;
    activities: number;
    aggregates: number;
    campaignPlans: number;
    plans: number;
    vacuum: number;
    total: number;
  };
}

/** The generated dataset without a database (tests and checks of determinism). */
export function generateNational(
  provinces: BaseUnit[],
  communes: BaseUnit[],
  spec: NationalSpec,
  seed: number,
): { national: NationalUnits; activities: () => Generator<ActivityRow[]>; campaignPlans: ActivityRow[] } {
  const keep = spec.provinces ? new Set(spec.provinces) : null;
  const ps = provinces.filter((p) => !keep || keep.has(p.province_code!)).sort((a, b) => a.code.localeCompare(b.code));
  const cs = communes.filter((c) => !keep || keep.has(c.province_code!)).sort((a, b) => a.code.localeCompare(b.code));
  const national = generateUnits(ps, cs, seed);
  return {
    national,
    activities: () => generateActivities(national, spec, seed),
    campaignPlans: generateCampaignPlans(national, spec.years, seed),
  };
}

export async function baseUnits(db: Kysely<DB>): Promise<{ provinces: BaseUnit[]; communes: BaseUnit[] }> {
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'unit_type', 'path', 'province_code', 'kind'])
    .where('kind', 'in', ['province', 'commune'])
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  return {
    provinces: rows.filter((r) => r.kind === 'province'),
    communes: rows.filter((r) => r.kind === 'commune'),
  };
}

/** Whether the national dataset is already in the database (its first generated department exists). */
export async function hasNational(db: Kysely<DB>): Promise<boolean> {
  const r = await db.selectFrom('audit_event').select('id').where('action', '=', 'load_national').executeTakeFirst();
  return !!r;
}

/**
 * Loads the dataset into a database that has the administrative units (and may have the demo
 * units). Not idempotent by itself: callers check hasNational() first.
 */
export async function loadNational(database: Database, opts: NationalLoadOptions = {}): Promise<NationalSummary> {
  const size = opts.size ?? 'full';
  const seed = opts.seed ?? 1790;
  const spec: NationalSpec = { ...NATIONAL_SPECS[size], ...opts.spec };
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const { provinces, communes } = await baseUnits(database.db);
  const gen = generateNational(provinces, communes, spec, seed);
  const hash = crypto.createHash('sha256');
  const ms = { units: 0, activities: 0, aggregates: 0, campaignPlans: 0, plans: 0, vacuum: 0, total: 0 };

  let t = performance.now();
  const unitRows = gen.national.units.map((g) =>
    unit({
      id: g.id,
      code: g.code,
      name: g.name,
      kind: g.kind,
      unit_type: g.unit_type,
      parent_id: g.parent_id,
      path: g.path,
      province_code: g.province_code,
      valid_from: g.valid_from,
      valid_to: g.valid_to,
      successor_id: g.successor_id,
    }),
  );
  // The checksum names the official units by code: their ids are random per database.
  const baseCode = new Map([...provinces, ...communes].map((u) => [u.id, u.code]));
  const ref = (id: string | number | null) => (typeof id === 'string' ? (baseCode.get(id) ?? id) : id);
  for (const u of gen.national.units)
    hash.update(JSON.stringify({ ...u, parent_id: ref(u.parent_id), successor_id: ref(u.successor_id) }));
  await insertUnits(database.db, unitRows);
  ms.units = performance.now() - t;
  log(`org units: ${unitRows.length} (${Math.round(ms.units)} ms)`);

  t = performance.now();
  const plans = await insertProgramPlans(database.db, provinces, spec, seed);
  ms.plans = performance.now() - t;

  t = performance.now();
  const fast = (opts.bulk ?? 'fast') === 'fast';
  const indexes = fast ? await suspendActivityIndexes(database.db) : null;
  let activities = 0;
  try {
    for (const chunk of gen.activities()) {
      for (const r of chunk) hash.update(r.map((v, i) => (i === 1 ? ref(v) : v)).join('\u0001'));
      await copyRows(database, 'activity', ACTIVITY_COLUMNS, ACTIVITY_TYPES, chunk, { audiences: 'text[]' });
      activities += chunk.length;
      if (activities % 100_000 < chunk.length)
        log(`activities: ${activities} (${Math.round(performance.now() - t)} ms)`);
    }
  } finally {
    await resumeActivityIndexes(database.db, indexes);
  }
  ms.activities = performance.now() - t;
  t = performance.now();
  if (fast) await rebuildAggregates(database.db);
  ms.aggregates = performance.now() - t;
  log(`indexes and aggregates rebuilt (${Math.round(ms.aggregates)} ms)`);
  t = performance.now();
  // Units that already hold a plan for a year (demo data) keep theirs.
  const existing = new Set(
    (await database.db.selectFrom('campaign_plan').select(['campaign_id', 'org_unit_id', 'year']).execute()).map(
      (r) => `${r.campaign_id}|${r.org_unit_id}|${r.year}`,
    ),
  );
  const campaignPlans = gen.campaignPlans.filter((r) => !existing.has(`${r[1]}|${r[2]}|${r[5]}`));
  await copyRows(database, 'campaign_plan', CAMPAIGN_PLAN_COLUMNS, CAMPAIGN_PLAN_TYPES, campaignPlans);
  for (const r of gen.campaignPlans) hash.update(r.map((v, i) => (i === 2 ? ref(v) : v)).join('\u0001'));
  ms.campaignPlans = performance.now() - t;
  log(`activities: ${activities} (${Math.round(ms.activities)} ms), Action Month plans: ${campaignPlans.length}`);

  await writeAudit(database.db, {
    userId: null,
    action: 'load_national',
    entity: 'org_unit',
    entityId: 'VN',
    orgPath: 'VN',
    after: { size, seed, units: unitRows.length, activities, campaignPlans: campaignPlans.length },
  });
  t = performance.now();
  // PGlite never autovacuums; the server's autovacuum would get there, but the planner needs statistics now.
  await sql`VACUUM ANALYZE`.execute(database.db);
  ms.vacuum = performance.now() - t;
  ms.total = performance.now() - t0;

  const units: Record<string, number> = {};
  for (const u of gen.national.units) units[u.kind] = (units[u.kind] ?? 0) + 1;
  const orgUnits = Number(
    (
      await database.db
        .selectFrom('org_unit')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    size,
    seed,
    units,
    closedUnits: gen.national.units.filter((u) => u.valid_to).length,
    orgUnits,
    activities,
    campaignPlans: campaignPlans.length,
    plans,
    checksum: hash.digest('hex'),
    ms: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])) as NationalSummary['ms'],
  };
}

interface SuspendedIndexes {
  triggers: string[];
  indexes: { name: string; def: string }[];
}

/** Switches the activity table's own triggers off and drops its secondary indexes (definitions kept). */
async function suspendActivityIndexes(db: Kysely<DB>): Promise<SuspendedIndexes> {
  const { rows } = await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    JOIN pg_class c ON c.relname = i.indexname
    JOIN pg_index x ON x.indexrelid = c.oid
    WHERE i.schemaname = current_schema() AND i.tablename = 'activity' AND NOT x.indisprimary AND NOT x.indisunique`.execute(
    db,
  );
  for (const r of rows) await sql`DROP INDEX ${sql.ref(r.name)}`.execute(db);
  // Only the aggregate maintenance is switched off (rebuilt afterwards); any other trigger stays.
  const triggers = await sql<{ name: string }>`
    SELECT t.tgname AS name FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
    WHERE t.tgrelid = 'activity'::regclass AND NOT t.tgisinternal AND t.tgenabled <> 'D'
      AND f.proname LIKE 'indicator\_%'`.execute(db);
  for (const r of triggers.rows) await sql`ALTER TABLE activity DISABLE TRIGGER ${sql.ref(r.name)}`.execute(db);
  return { triggers: triggers.rows.map((r) => r.name), indexes: rows };
}

async function resumeActivityIndexes(db: Kysely<DB>, s: SuspendedIndexes | null): Promise<void> {
  if (!s) return;
  for (const t of s.triggers) await sql`ALTER TABLE activity ENABLE TRIGGER ${sql.ref(t)}`.execute(db);
  for (const r of s.indexes) await sql.raw(r.def).execute(db);
}

/** Recomputes the indicator aggregates when the engine's rebuild function exists. */
async function rebuildAggregates(db: Kysely<DB>): Promise<void> {
  const { rows } = await sql<{ f: string | null }>`SELECT to_regproc('indicator_rebuild')::text AS f`.execute(db);
  if (rows[0]?.f) await sql`SELECT indicator_rebuild()`.execute(db);
}

/** One issued program plan per province (2022–2030) carrying the five national targets. */
async function insertProgramPlans(
  db: Kysely<DB>,
  provinces: BaseUnit[],
  spec: NationalSpec,
  seed: number,
): Promise<number> {
  const rng = new Rng(seed ^ 0x6a09e667);
  const keep = spec.provinces ? new Set(spec.provinces) : null;
  let n = 0;
  await db.transaction().execute(async (trx) => {
    for (const p of provinces) {
      if (keep && !keep.has(p.province_code!)) continue;
      const id = rng.uuid();
      const pname = `${(p.unit_type ?? 'tỉnh').toLowerCase()} ${p.name}`;
      const title = `Kế hoạch thực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030 trên địa bàn ${pname}`;
      await trx
        .insertInto('plan')
        .values({
          id,
          org_unit_id: p.id,
          org_path: p.path,
          province_code: p.province_code,
          issuer_name: `Ủy ban nhân dân ${pname}`,
          number: `${rng.int(10, 250)}/KH-UBND`,
          place: p.name,
          issued_on: `2022-0${rng.int(2, 6)}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          title,
          kind: 'program',
          status: 'issued',
          period_from: 2022,
          period_to: 2030,
          parent_documents: JSON.stringify([{ number: '1790/QĐ-TTg', date: '2021-10-23', text: '', planId: null }]),
          legal_bases: JSON.stringify([]),
          purposes: '',
          budget_text: '',
          budget_sources: JSON.stringify(['Ngân sách nhà nước']),
          recipients: JSON.stringify([]),
          signer: JSON.stringify({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: null }),
          search_text: foldForSearch(title),
        })
        .execute();
      await trx
        .insertInto('plan_target')
        .values(
          NATIONAL_TARGETS.map((tg, i) => ({
            id: rng.uuid(),
            plan_id: id,
            ordinal: i + 1,
            number: tg.number,
            code: tg.code,
            text: tg.text,
            unit: tg.unit,
            comparator: 'gte',
            milestones: JSON.stringify(tg.milestones),
            frequency: tg.frequency,
            baseline_year: tg.baselineYear,
            rule_kind: tg.ruleKind,
            scope_kinds: tg.scopeKinds,
            rule_params: JSON.stringify(tg.ruleParams),
          })),
        )
        .execute();
      n++;
    }
  });
  return n;
}
