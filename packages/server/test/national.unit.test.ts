/** The synthetic national dataset generator, without a database: determinism and shape. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_COLUMNS,
  generateNational,
  NATIONAL_AS_OF,
  type ActivityRow,
  type BaseUnit,
  type NationalSpec,
} from '../src/seed/national.js';

const col = (name: (typeof ACTIVITY_COLUMNS)[number]) => ACTIVITY_COLUMNS.indexOf(name);

function base(): { provinces: BaseUnit[]; communes: BaseUnit[] } {
  const provinces: BaseUnit[] = ['12', '46'].map((code) => ({
    id: `00000000-0000-4000-8000-0000000000${code}`,
    code,
    name: code === '12' ? 'Lai Châu' : 'Huế',
    unit_type: code === '12' ? 'Tỉnh' : 'Thành phố',
    path: `VN.${code}`,
    province_code: code,
  }));
  const communes: BaseUnit[] = [];
  for (const p of provinces)
    for (let i = 0; i < 6; i++) {
      const code = `${p.code}${String(100 + i)}`;
      communes.push({
        id: `00000000-0000-4000-8000-${p.code}${String(i).padStart(10, '0')}`,
        code,
        name: `Xã ${code}`,
        unit_type: i % 3 === 0 ? 'Phường' : 'Xã',
        path: `${p.path}.${code}`,
        province_code: p.code,
      });
    }
  return { provinces, communes };
}

const SPEC: NationalSpec = { provinces: null, years: [2024, 2025, 2026], activities: 4_000 };

function generate(seed: number) {
  const { provinces, communes } = base();
  const gen = generateNational(provinces, communes, SPEC, seed);
  const activities: ActivityRow[] = [...gen.activities()].flat();
  const checksum = crypto
    .createHash('sha256')
    .update(JSON.stringify([gen.national.units, activities, gen.campaignPlans]))
    .digest('hex');
  return { ...gen, activities, checksum, provinces, communes };
}

describe('national dataset generator', () => {
  it('gives the same rows for the same seed and other rows for another seed', () => {
    const a = generate(7);
    const b = generate(7);
    const c = generate(8);
    expect(b.checksum).toBe(a.checksum);
    expect(b.activities.length).toBe(a.activities.length);
    expect(c.checksum).not.toBe(a.checksum);
  });

  it('adds 40–50 departments, agencies and organisations and ~12 media agencies per province', () => {
    const { national, provinces } = generate(1790);
    for (const p of provinces) {
      const mine = national.units.filter((u) => u.parent_id === p.id);
      const depts = mine.filter((u) => ['department', 'agency', 'mass_org'].includes(u.kind) && !u.valid_to);
      const media = mine.filter((u) => u.kind === 'media_agency');
      expect(depts.length).toBeGreaterThanOrEqual(38);
      expect(depts.length).toBeLessThanOrEqual(50);
      expect(media.length).toBeGreaterThanOrEqual(10);
      expect(media.length).toBeLessThanOrEqual(14);
      for (const u of mine) {
        expect(u.path).toBe(`${p.path}.${u.code}`);
        expect(u.code).toMatch(new RegExp(`^${p.code}-X[A-Z]\\d{2}$`));
      }
    }
  });

  it('puts 4–14 villages under every commune, with codes that cannot clash with official ones', () => {
    const { national, communes } = generate(1790);
    const codes = new Set<string>();
    for (const c of communes) {
      const villages = national.units.filter((u) => u.kind === 'village' && u.parent_id === c.id);
      expect(villages.length).toBeGreaterThanOrEqual(4);
      expect(villages.length).toBeLessThanOrEqual(14);
      for (const v of villages) {
        expect(v.path.startsWith(`${c.path}.`)).toBe(true);
        expect(v.code).toMatch(/^\d{5}-XV\d{2}$/);
        codes.add(v.code);
      }
    }
    expect(codes.size).toBe(national.units.filter((u) => u.kind === 'village').length);
  });

  it('has closed units whose successor exists, with no activity after the closing date', () => {
    const { national, activities } = generate(1790);
    const byId = new Map(national.units.map((u) => [u.id, u]));
    const closed = national.units.filter((u) => u.valid_to);
    expect(closed.filter((u) => u.kind === 'department').length).toBe(4); // two per province
    for (const u of closed) {
      const s = byId.get(u.successor_id!);
      expect(s).toBeDefined();
      expect(s!.valid_to).toBeNull();
      expect(s!.province_code).toBe(u.province_code);
    }
    const closedTo = new Map(closed.map((u) => [u.id, u.valid_to!]));
    let before = 0;
    for (const a of activities) {
      const to = closedTo.get(a[col('org_unit_id')] as string);
      if (!to) continue;
      expect((a[col('start_date')] as string) < to).toBe(true);
      before++;
    }
    expect(before).toBeGreaterThan(0); // history that now counts for the successor
  });

  it('generates realistic activities: volume, dates, peaks, kinds by unit type, more women', () => {
    const { national, activities } = generate(1790);
    expect(activities.length).toBeGreaterThan(SPEC.activities * 0.9);
    expect(activities.length).toBeLessThan(SPEC.activities * 1.1);
    const kindOf = new Map(national.reporters.map((r) => [r.id, r.kind]));
    let am = 0;
    let female = 0;
    let male = 0;
    const byKind = new Map<string, Map<string, number>>();
    for (const a of activities) {
      const d = a[col('start_date')] as string;
      expect(d >= '2024-01-01' && d <= NATIONAL_AS_OF).toBe(true);
      expect((a[col('end_date')] as string) >= d).toBe(true);
      const md = d.slice(5);
      if (md >= '11-15' && md <= '12-15') am++;
      female += (a[col('participants_female')] as number | null) ?? 0;
      male += (a[col('participants_male')] as number | null) ?? 0;
      const total = a[col('participants_total')] as number | null;
      if (total !== null)
        expect(total).toBeGreaterThanOrEqual(
          ((a[col('participants_female')] as number) ?? 0) + ((a[col('participants_male')] as number) ?? 0),
        );
      const unitKind = kindOf.get(a[col('org_unit_id')] as string)!;
      const m = byKind.get(unitKind) ?? new Map<string, number>();
      m.set(a[col('kind')] as string, (m.get(a[col('kind')] as string) ?? 0) + 1);
      byKind.set(unitKind, m);
    }
    // Action Month is 31 days of ~365: far more than its 8.5% share of the activities.
    expect(am / activities.length).toBeGreaterThan(0.15);
    expect(female).toBeGreaterThan(male);
    const share = (unitKind: string, kinds: string[]) => {
      const m = byKind.get(unitKind)!;
      const all = [...m.values()].reduce((s, n) => s + n, 0);
      return kinds.reduce((s, k) => s + (m.get(k) ?? 0), 0) / all;
    };
    expect(share('media_agency', ['news_item', 'reportage', 'broadcast', 'online_post', 'talk_show'])).toBe(1);
    expect(share('commune', ['loudspeaker'])).toBeGreaterThan(0.2);
    expect(
      share('commune', ['talk', 'conference', 'community_event', 'club_meeting', 'launch_ceremony']),
    ).toBeGreaterThan(0.35);
    // Some units record nothing at all.
    const active = new Set(activities.map((a) => a[col('org_unit_id')]));
    const silentDepts = national.reporters.filter((r) => r.kind !== 'village' && !active.has(r.id));
    expect(silentDepts.length).toBeGreaterThan(0);
  });

  it('gives most units an Action Month plan each year, never two', () => {
    const { campaignPlans, national } = generate(1790);
    const keys = campaignPlans.map((r) => `${r[2]}|${r[5]}`);
    expect(new Set(keys).size).toBe(keys.length);
    const planners = national.reporters.filter((r) => r.kind !== 'village').length;
    expect(campaignPlans.length).toBeGreaterThan(planners * SPEC.years.length * 0.6);
    expect(campaignPlans.length).toBeLessThan(planners * SPEC.years.length);
  });
});
