/**
 * Demo activities and Action Month plans: deterministic (seeded PRNG, fixed dates in 2025 and
 * 2026 up to 20/11/2026) so dashboards, tests and e2e runs always see the same story:
 * - Lai Châu (12): most communes hold ≥ 2 communication sessions in 2025, a few hold one or
 *   none; 2026 is a year in progress (fewer so far). Departments, the provincial media agency
 *   and the mass organisations do their share (the media agency mostly news items).
 * - Sin Suối Hồ (03394, user xa.laichau) has several activities in 2026, Action Month ones too.
 * - Thanh Hóa's health sector (38-SYT and its hospitals/CDC) records a few.
 * - Action Month plans: recorded for 2025 by most Lai Châu units, for 2026 by some.
 * Everything goes in with a handful of multi-row INSERTs (the demo loads on every fresh e2e run).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ActivityTable, CampaignPlanTable, DB } from '@binhdang/db';
import { writeAudit } from '../audit/audit.js';
import { activitySearchText, suggestCampaign } from '../activities/validate.js';

const ACTION_MONTH = '6c1f0a52-0000-4000-8000-000000000008';
const LAST_DAY = '2026-11-20';

/**
 * Yearly Action Month themes. ILLUSTRATIVE demo data — not the official themes announced by the
 * Ministry; a real deployment enters each year's theme (PUT /api/campaigns/:id/themes/:year).
 */
const DEMO_THEMES = [
  {
    year: 2025,
    theme_vi: 'Chung tay thúc đẩy bình đẳng giới, phòng ngừa và ứng phó với bạo lực trên cơ sở giới (minh họa)',
    theme_en: 'Together for gender equality and against gender-based violence (illustrative)',
  },
  {
    year: 2026,
    theme_vi: 'Bình đẳng giới – nền tảng cho phát triển bền vững trong kỷ nguyên số (minh họa)',
    theme_en: 'Gender equality – a foundation for sustainable development in the digital era (illustrative)',
  },
];

/** mulberry32: small, fast, good enough for demo data, and the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(next() * 4)]!;
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, uuid };
}
type Rng = ReturnType<typeof prng>;

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};

/** Months weighted towards the campaign seasons (March, June, October, November–December). */
const MONTH_WEIGHTS = [3, 3, 8, 4, 4, 9, 4, 4, 5, 8, 12, 9];
function randomDate(rng: Rng, year: number): string {
  for (;;) {
    const total = MONTH_WEIGHTS.reduce((s, w) => s + w, 0);
    let r = rng.next() * total;
    let month = 1;
    for (const [i, w] of MONTH_WEIGHTS.entries()) {
      if (r < w) {
        month = i + 1;
        break;
      }
      r -= w;
    }
    const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const date = `${year}-${pad(month)}-${pad(day)}`;
    if (date <= LAST_DAY) return date;
  }
}

type KindCode =
  | 'conference'
  | 'workshop'
  | 'training'
  | 'talk'
  | 'dialogue'
  | 'contest'
  | 'exhibition'
  | 'community_event'
  | 'performance'
  | 'club_meeting'
  | 'launch_ceremony'
  | 'talk_show'
  | 'news_item'
  | 'reportage'
  | 'broadcast'
  | 'loudspeaker'
  | 'online_post'
  | 'leaflet'
  | 'poster'
  | 'newsletter'
  | 'inspection'
  | 'commendation';

const CHANNEL: Record<KindCode, string> = {
  conference: 'direct',
  workshop: 'direct',
  training: 'direct',
  talk: 'direct',
  dialogue: 'direct',
  contest: 'direct',
  exhibition: 'direct',
  community_event: 'direct',
  performance: 'direct',
  club_meeting: 'direct',
  launch_ceremony: 'direct',
  talk_show: 'television',
  news_item: 'online',
  reportage: 'television',
  broadcast: 'radio',
  loudspeaker: 'loudspeaker',
  online_post: 'social_media',
  leaflet: 'direct',
  poster: 'outdoor',
  newsletter: 'print',
  inspection: 'direct',
  commendation: 'direct',
};
const SESSION_KINDS = new Set<KindCode>([
  'conference',
  'workshop',
  'training',
  'talk',
  'dialogue',
  'contest',
  'exhibition',
  'community_event',
  'performance',
  'club_meeting',
  'launch_ceremony',
  'talk_show',
]);

const TOPICS = [
  'Luật Bình đẳng giới',
  'phòng, chống bạo lực gia đình',
  'phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
  'xóa bỏ định kiến giới trong gia đình',
  'phòng, chống tảo hôn và hôn nhân cận huyết thống',
  'mất cân bằng giới tính khi sinh',
  'bình đẳng giới trong lao động, việc làm',
  'phòng, chống xâm hại trẻ em',
  'vai trò của phụ nữ trong phát triển kinh tế hộ gia đình',
  'bình đẳng giới trong vùng đồng bào dân tộc thiểu số',
];

const TITLE: Record<KindCode, (topic: string, place: string) => string> = {
  conference: (t, p) => `Hội nghị tuyên truyền về ${t} tại ${p}`,
  workshop: (t, p) => `Tọa đàm "${t}" tại ${p}`,
  training: (t, p) => `Tập huấn kiến thức, kỹ năng về ${t} cho cán bộ ${p}`,
  talk: (t, p) => `Nói chuyện chuyên đề về ${t} tại ${p}`,
  dialogue: (t, p) => `Đối thoại chính sách về ${t} với người dân ${p}`,
  contest: (t, p) => `Hội thi tìm hiểu ${t} tại ${p}`,
  exhibition: (t, p) => `Triển lãm ảnh về ${t} tại ${p}`,
  community_event: (t, p) => `Ngày hội gia đình hạnh phúc, tuyên truyền ${t} tại ${p}`,
  performance: (t, p) => `Liên hoan văn nghệ lồng ghép tuyên truyền ${t} tại ${p}`,
  club_meeting: (t, p) => `Sinh hoạt câu lạc bộ "Gia đình không bạo lực" về ${t} tại ${p}`,
  launch_ceremony: (_t, p) =>
    `Lễ phát động Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới tại ${p}`,
  talk_show: (t) => `Tọa đàm trên sóng truyền hình: ${t}`,
  news_item: (t, p) => `Tin bài: ${p} đẩy mạnh tuyên truyền ${t}`,
  reportage: (t, p) => `Phóng sự: chuyển biến về ${t} ở ${p}`,
  broadcast: (t) => `Chuyên mục phát thanh "Giới và phát triển": ${t}`,
  loudspeaker: (t, p) => `Phát thanh trên hệ thống loa truyền thanh cơ sở ${p} về ${t}`,
  online_post: (t, p) => `Bài đăng trên trang thông tin điện tử ${p} về ${t}`,
  leaflet: (t, p) => `Cấp phát tờ gấp tuyên truyền ${t} tại ${p}`,
  poster: (t, p) => `Treo pano, băng rôn tuyên truyền ${t} tại ${p}`,
  newsletter: (t) => `Phát hành sổ tay hỏi đáp về ${t}`,
  inspection: (_t, p) => `Kiểm tra, giám sát thực hiện công tác bình đẳng giới tại ${p}`,
  commendation: (_t, p) => `Khen thưởng tập thể, cá nhân tiêu biểu trong công tác bình đẳng giới tại ${p}`,
};

const AUDIENCES: Record<string, string[][]> = {
  commune: [
    ['residents', 'ethnic_minorities'],
    ['women', 'residents'],
    ['youth', 'students'],
    ['village_elders', 'ethnic_minorities'],
    ['men_boys', 'residents'],
    ['residents', 'remote_areas'],
  ],
  department: [['civil_servants', 'leaders'], ['civil_servants'], ['leaders', 'civil_servants', 'workers']],
  education: [
    ['students', 'youth'],
    ['students', 'children'],
    ['civil_servants', 'students'],
  ],
  health: [
    ['women', 'residents'],
    ['civil_servants', 'workers'],
    ['women', 'children'],
  ],
  media: [['residents'], ['residents', 'ethnic_minorities'], ['residents', 'women']],
  mass_org: [['women', 'residents'], ['women', 'ethnic_minorities'], ['men_boys', 'women'], ['youth']],
  ethnic: [
    ['ethnic_minorities', 'village_elders'],
    ['ethnic_minorities', 'residents'],
  ],
};

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  province_code: string | null;
  unit_type?: string | null;
}

interface Profile {
  /** Kinds this unit does, with weights. */
  kinds: [KindCode, number][];
  audiences: string[][];
  /** Activities per year (2025), 2026 scaled to the months so far. */
  perYear: [number, number];
  /** Short place text for titles. */
  place: string;
  userId: string | null;
}

function pickWeighted(rng: Rng, kinds: [KindCode, number][]): KindCode {
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [k, w] of kinds) {
    if (r < w) return k;
    r -= w;
  }
  return kinds[0]![0];
}

const COMMUNE_KINDS: [KindCode, number][] = [
  ['conference', 3],
  ['talk', 3],
  ['dialogue', 1],
  ['community_event', 2],
  ['club_meeting', 3],
  ['performance', 1],
  ['loudspeaker', 6],
  ['leaflet', 2],
  ['poster', 1],
];

function departmentProfile(u: Unit, userId: string | null): Profile {
  const short = u.name.replace(/ tỉnh Lai Châu$/, '').replace(/ tỉnh Thanh Hóa$/, '');
  const place = `${short}`;
  if (u.code.endsWith('BPTTH'))
    return {
      kinds: [
        ['news_item', 10],
        ['reportage', 4],
        ['broadcast', 6],
        ['talk_show', 2],
        ['online_post', 6],
      ],
      audiences: AUDIENCES.media!,
      perYear: [140, 120],
      place: 'tỉnh Lai Châu',
      userId,
    };
  if (u.code.endsWith('SGDDT'))
    return {
      kinds: [
        ['contest', 2],
        ['talk', 4],
        ['training', 2],
        ['club_meeting', 2],
        ['newsletter', 1],
      ],
      audiences: AUDIENCES.education!,
      perYear: [16, 12],
      place: 'các trường học trên địa bàn tỉnh',
      userId,
    };
  if (u.code.includes('SYT'))
    return {
      kinds: [
        ['training', 3],
        ['talk', 3],
        ['leaflet', 2],
        ['conference', 1],
        ['online_post', 1],
      ],
      audiences: AUDIENCES.health!,
      perYear: u.code.startsWith('38') ? [8, 6] : [10, 8],
      place: short,
      userId,
    };
  if (u.code.endsWith('SDTTG'))
    return {
      kinds: [
        ['dialogue', 3],
        ['talk', 2],
        ['conference', 1],
        ['leaflet', 1],
      ],
      audiences: AUDIENCES.ethnic!,
      perYear: [9, 7],
      place: 'vùng đồng bào dân tộc thiểu số',
      userId,
    };
  if (u.code.endsWith('SVHTTDL'))
    return {
      kinds: [
        ['exhibition', 2],
        ['performance', 3],
        ['poster', 3],
        ['community_event', 2],
        ['newsletter', 1],
      ],
      audiences: AUDIENCES.commune!,
      perYear: [14, 10],
      place: 'tỉnh Lai Châu',
      userId,
    };
  if (u.code.endsWith('SNV'))
    return {
      kinds: [
        ['conference', 3],
        ['training', 3],
        ['workshop', 2],
        ['launch_ceremony', 1],
        ['inspection', 2],
        ['newsletter', 1],
        ['commendation', 1],
      ],
      audiences: AUDIENCES.department!,
      perYear: [18, 14],
      place: 'tỉnh Lai Châu',
      userId,
    };
  if (u.kind === 'mass_org')
    return {
      kinds: [
        ['club_meeting', 4],
        ['community_event', 2],
        ['dialogue', 2],
        ['talk', 2],
        ['leaflet', 1],
      ],
      audiences: AUDIENCES.mass_org!,
      perYear: [20, 15],
      place: 'các xã, phường',
      userId,
    };
  return {
    kinds: [
      ['conference', 2],
      ['talk', 1],
      ['online_post', 1],
    ],
    audiences: AUDIENCES.department!,
    perYear: [5, 4],
    place,
    userId,
  };
}

interface Ctx {
  rng: Rng;
  campaigns: Parameters<typeof suggestCampaign>[0];
  rows: Insertable<ActivityTable>[];
}

function makeActivity(ctx: Ctx, u: Unit, p: Profile, kind: KindCode, startDate: string, communeCode: string | null) {
  const { rng } = ctx;
  const topic = rng.pick(TOPICS);
  const title = TITLE[kind](topic, p.place);
  const multiDay = kind === 'training' || kind === 'exhibition' || kind === 'poster' || kind === 'loudspeaker';
  let endDate = multiDay
    ? addDays(startDate, rng.int(0, kind === 'poster' || kind === 'loudspeaker' ? 14 : 2))
    : startDate;
  if (endDate > LAST_DAY && startDate <= LAST_DAY) endDate = startDate;
  const session = SESSION_KINDS.has(kind) && kind !== 'talk_show';
  let female: number | null = null;
  let male: number | null = null;
  let total: number | null = null;
  let ethnic: number | null = null;
  if (session) {
    total = rng.int(25, kind === 'community_event' || kind === 'performance' || kind === 'launch_ceremony' ? 400 : 150);
    const womenShare = p.audiences.some((a) => a.includes('women')) ? 0.6 : 0.5;
    female = Math.round(total * (womenShare + (rng.next() - 0.5) * 0.2));
    male = total - female - (rng.next() < 0.2 ? rng.int(0, 5) : 0);
    if (male < 0) male = 0;
    // Sometimes only the total is known.
    if (rng.next() < 0.08) {
      female = null;
      male = null;
    }
    const ethnicShare = u.province_code === '12' ? 0.55 + rng.next() * 0.4 : rng.next() * 0.3;
    ethnic = rng.next() < 0.85 ? Math.floor(total * ethnicShare) : null;
  }
  const products =
    kind === 'leaflet'
      ? rng.int(100, 1500)
      : kind === 'poster'
        ? rng.int(2, 30)
        : kind === 'newsletter'
          ? rng.int(200, 2000)
          : null;
  const reach =
    kind === 'broadcast' || kind === 'reportage' || kind === 'talk_show'
      ? rng.int(20, 200) * 1000
      : kind === 'loudspeaker'
        ? rng.int(500, 5000)
        : kind === 'online_post' || kind === 'news_item'
          ? rng.int(300, 20000)
          : null;
  const cost = session || products !== null ? rng.int(0, 40) * 500_000 : 0;
  const mobilised = session && rng.next() < 0.25 ? rng.int(1, 10) * 500_000 : null;
  const international = u.province_code === '12' && session && rng.next() < 0.05 ? rng.int(5, 40) * 1_000_000 : null;
  const notes = rng.next() < 0.15 ? 'Lồng ghép trong buổi sinh hoạt định kỳ.' : null;
  const campaignId = suggestCampaign(ctx.campaigns, startDate);
  const createdDay = addDays(endDate, rng.int(0, 6));
  const createdAt = new Date(
    `${createdDay > '2026-11-21' ? '2026-11-21' : createdDay}T0${rng.int(1, 9)}:${pad(rng.int(0, 59))}:00Z`,
  );
  ctx.rows.push({
    id: rng.uuid(),
    org_unit_id: u.id,
    org_path: u.path,
    province_code: u.province_code,
    kind,
    title,
    start_date: startDate,
    end_date: endDate,
    commune_code: communeCode,
    channel: CHANNEL[kind],
    audiences: rng.pick(p.audiences),
    participants_female: female,
    participants_male: male,
    participants_total: total,
    ethnic_minority_participants: ethnic,
    products_count: products,
    reach,
    cost_state_budget: cost || null,
    cost_mobilised: mobilised,
    cost_international: international,
    plan_id: null,
    task_group_id: null,
    campaign_id: campaignId,
    notes,
    source:
      u.kind === 'commune' && rng.next() < 0.2
        ? 'offline'
        : u.kind !== 'commune' && rng.next() < 0.3
          ? 'import'
          : 'web',
    search_text: activitySearchText({ title, notes, orgUnitName: u.name }),
    created_by: p.userId,
    updated_by: p.userId,
    created_at: createdAt,
    updated_at: createdAt,
  });
}

/** Idempotent: does nothing when activities exist already. Returns how many were inserted. */
export async function loadDemoActivities(db: Kysely<DB>): Promise<number> {
  const has = await db.selectFrom('activity').select('id').limit(1).executeTakeFirst();
  if (has) return 0;
  const [units, campaigns, users] = await Promise.all([
    db
      .selectFrom('org_unit')
      .select(['id', 'code', 'name', 'kind', 'path', 'province_code', 'unit_type'])
      .where((eb) =>
        eb.or([
          eb.and([eb('province_code', '=', '12'), eb('valid_to', 'is', null)]),
          eb('code', 'in', ['38-SYT', '38-SYT-BVDK', '38-SYT-BVPS', '38-SYT-CDC']),
        ]),
      )
      .orderBy('path')
      .execute(),
    db
      .selectFrom('campaign')
      .select(['id', 'code', 'start_month', 'start_day', 'end_month', 'end_day', 'requires_plan', 'ordinal'])
      .where('active', '=', true)
      .execute(),
    db.selectFrom('app_user').select(['id', 'username']).execute(),
  ]);
  if (!units.some((u) => u.code === '03394')) return 0;
  const userOf = new Map(users.map((u) => [u.username, u.id]));
  const userFor: Record<string, string | undefined> = {
    '03394': userOf.get('xa.laichau'),
    '12-SNV': userOf.get('snv.laichau'),
    '38-SYT': userOf.get('syt.thanhhoa'),
  };
  const rng = prng(20251115);
  const ctx: Ctx = { rng, campaigns, rows: [] };

  const communes = units.filter((u) => u.kind === 'commune');
  const others = units.filter((u) => ['department', 'media_agency', 'mass_org', 'agency'].includes(u.kind));
  // Communes that fall short in 2025 (one session or none) — the dashboards' red cells.
  const weak2025 = new Set(['03424', '03460', '03529', '03571', '03616']);
  const none2025 = new Set(['03460', '03571']);
  // Behind in 2026 so far.
  const weak2026 = new Set(['03424', '03460', '03529', '03571', '03616', '03430', '03508', '03583', '03637', '03640']);

  for (const c of communes) {
    const p: Profile = {
      kinds: COMMUNE_KINDS,
      audiences: AUDIENCES.commune!,
      perYear: [0, 0],
      place: `${(c.unit_type ?? 'xã').toLowerCase()} ${c.name}`,
      userId: userFor[c.code] ?? null,
    };
    for (const year of [2025, 2026] as const) {
      const weak = year === 2025 ? weak2025.has(c.code) : weak2026.has(c.code);
      const sessions = weak
        ? year === 2025 && none2025.has(c.code)
          ? 0
          : rng.int(0, 1)
        : rng.int(2, year === 2025 ? 10 : 7);
      for (let i = 0; i < sessions; i++) {
        let k: KindCode;
        do k = pickWeighted(rng, COMMUNE_KINDS);
        while (!SESSION_KINDS.has(k));
        makeActivity(ctx, c, p, k, randomDate(rng, year), c.code);
      }
      // Loudspeaker broadcasts, leaflets and posters: not sessions, but they add up.
      const extras = weak ? rng.int(0, 2) : rng.int(3, year === 2025 ? 14 : 9);
      for (let i = 0; i < extras; i++) {
        const k = rng.pick<KindCode>(['loudspeaker', 'loudspeaker', 'leaflet', 'poster', 'online_post']);
        makeActivity(ctx, c, p, k, randomDate(rng, year), c.code);
      }
      // Action Month in the communes that keep up: a launch and a loudspeaker series.
      if (!weak && rng.next() < 0.7) {
        const launch = `${year}-11-${pad(rng.int(15, 18))}`;
        makeActivity(ctx, c, p, 'launch_ceremony', launch, c.code);
      }
    }
  }

  // Sin Suối Hồ (the demo commune user): a visible 2026, Action Month included.
  const demo = communes.find((c) => c.code === '03394')!;
  const demoProfile: Profile = {
    kinds: COMMUNE_KINDS,
    audiences: AUDIENCES.commune!,
    perYear: [0, 0],
    place: 'xã Sin Suối Hồ',
    userId: userFor['03394'] ?? null,
  };
  const demoDays: [KindCode, string][] = [
    ['conference', '2026-03-06'],
    ['club_meeting', '2026-04-17'],
    ['talk', '2026-06-12'],
    ['community_event', '2026-06-28'],
    ['dialogue', '2026-10-20'],
    ['launch_ceremony', '2026-11-16'],
    ['loudspeaker', '2026-11-16'],
    ['talk', '2026-11-18'],
    ['leaflet', '2026-11-19'],
    ['club_meeting', '2026-11-20'],
  ];
  for (const [k, d] of demoDays) makeActivity(ctx, demo, demoProfile, k, d, '03394');
  const village = units.find((u) => u.code === '03394-B01');
  if (village)
    makeActivity(ctx, village, { ...demoProfile, place: 'bản Sin Suối Hồ' }, 'club_meeting', '2026-09-12', '03394');
  const school = units.find((u) => u.code === '03394-TH');
  if (school)
    makeActivity(
      ctx,
      school,
      { ...demoProfile, audiences: AUDIENCES.education!, place: 'Trường Tiểu học Sin Suối Hồ' },
      'talk',
      '2026-10-09',
      '03394',
    );

  // Departments, the media agency, mass organisations; Thanh Hóa's health sector.
  for (const u of others) {
    if (u.province_code === '12' && u.path.split('.').length > 3) continue; // units below departments
    const p = departmentProfile(u, userFor[u.code] ?? null);
    for (const [i, year] of ([2025, 2026] as const).entries()) {
      const n = p.perYear[i]!;
      for (let j = 0; j < n; j++) {
        const k = pickWeighted(rng, p.kinds);
        // Provincial bodies hold their sessions in a commune of the province (often the capital).
        const commune =
          SESSION_KINDS.has(k) && u.province_code === '12'
            ? rng.next() < 0.5
              ? '03388'
              : rng.pick(communes).code
            : null;
        makeActivity(ctx, u, p, k, randomDate(rng, year), commune);
      }
      if (u.province_code === '12' && u.kind !== 'media_agency')
        makeActivity(ctx, u, p, 'launch_ceremony', `${year}-11-${pad(rng.int(14, 17))}`, '03388');
    }
  }

  const thanhHoa = units.filter((u) => u.province_code === '38');
  const thPlans = thanhHoa.filter((u) => u.code === '38-SYT');
  const planRows = campaignPlans(
    rng,
    units.filter((u) => u.province_code === '12' && u.path.split('.').length <= 3),
    thPlans,
    userFor,
  );

  await db.transaction().execute(async (trx) => {
    // One statement with one JSON parameter: far cheaper to parse and bind than ~40,000 parameters.
    const cols = Object.keys(ctx.rows[0]!);
    const list = sql.join(cols.map((c) => sql.ref(c)));
    await sql`INSERT INTO activity (${list}) SELECT ${list}
      FROM jsonb_populate_recordset(NULL::activity, ${JSON.stringify(ctx.rows)}::jsonb)`.execute(trx);
    if (planRows.length) await trx.insertInto('campaign_plan').values(planRows).execute();
    await trx
      .insertInto('campaign_theme')
      .values(DEMO_THEMES.map((t) => ({ campaign_id: ACTION_MONTH, ...t })))
      .onConflict((oc) => oc.columns(['campaign_id', 'year']).doNothing())
      .execute();
    await writeAudit(trx, {
      userId: null,
      action: 'load_demo_activities',
      entity: 'activity',
      entityId: 'demo',
      orgPath: 'VN',
      after: { activities: ctx.rows.length, campaignPlans: planRows.length },
    });
  });
  return ctx.rows.length;
}

function abbreviation(u: Unit): string {
  if (u.kind === 'commune' || u.kind === 'province') return 'UBND';
  const m = /^\d{2}-(.+)$/.exec(u.code);
  return m ? m[1]!.replace(/-/g, '') : 'KH';
}

/** Action Month plans: 2025 by most Lai Châu units, 2026 by some (the year's plans are still coming in). */
function campaignPlans(
  rng: Rng,
  laiChau: Unit[],
  thanhHoa: Unit[],
  userFor: Record<string, string | undefined>,
): Insertable<CampaignPlanTable>[] {
  const out: Insertable<CampaignPlanTable>[] = [];
  const missing2025 = new Set(['03460', '03571', '03616', '12-SNGV']);
  for (const u of [...laiChau, ...thanhHoa]) {
    if (!['province', 'department', 'commune', 'media_agency', 'mass_org'].includes(u.kind)) continue;
    for (const year of [2025, 2026]) {
      const recorded =
        year === 2025
          ? !missing2025.has(u.code)
          : u.code === '12' || u.code === '12-SNV' || u.code === '03394' || rng.next() < 0.35;
      if (!recorded) continue;
      const issued = `${year}-${rng.next() < 0.7 ? '11' : '10'}-${pad(rng.int(1, 12))}`;
      out.push({
        id: rng.uuid(),
        campaign_id: ACTION_MONTH,
        org_unit_id: u.id,
        org_path: u.path,
        province_code: u.province_code,
        year,
        document_number: `${rng.int(12, 320)}/KH-${abbreviation(u)}`,
        issued_on: issued,
        plan_id: null,
        notes: null,
        created_by: userFor[u.code] ?? null,
        created_at: new Date(`${issued}T03:00:00Z`),
        updated_at: new Date(`${issued}T03:00:00Z`),
      });
    }
  }
  return out;
}
