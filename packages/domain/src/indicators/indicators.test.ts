import { describe, expect, it } from 'vitest';
import { makePeriod } from '../periods.js';
import { defaultRuleParams, defaultScopeKinds } from './defaults.js';
import { computeReference, type RefUnit } from './reference.js';
import {
  countingWindows,
  reductionShare,
  shareWithStatus,
  sumOf,
  surveyChange,
  unitsMeetingCount,
  unitsWithRecord,
} from './rules.js';
import { RuleParams } from './schemas.js';
import { elapsedShare, linearAt, meetsMilestone, pickMilestone, projectionOf, statusOf } from './status.js';

describe('rule kinds', () => {
  it('units_meeting_count needs every window at the threshold', () => {
    expect(unitsMeetingCount([[2], [1], [5]], 2)).toEqual({ numerator: 2, denominator: 3, value: (2 * 100) / 3 });
    expect(unitsMeetingCount([[4, 4, 3]], 4).numerator).toBe(0);
    expect(unitsMeetingCount([], 2)).toEqual({ numerator: 0, denominator: 0, value: null });
  });
  it('units_with_record counts units with at least one record', () => {
    expect(unitsWithRecord([0, 1, 3, 0])).toEqual({ numerator: 2, denominator: 4, value: 50 });
  });
  it('share_with_status counts items at or above the status', () => {
    const items = [{ status: 'none' }, { status: 'pilot' }, { status: 'official' }, { status: 'pilot' }];
    expect(shareWithStatus(items, ['none', 'pilot', 'official'], 'pilot').value).toBe(75);
    expect(shareWithStatus(items, ['none', 'pilot', 'official'], 'official').value).toBe(25);
    expect(shareWithStatus([], ['none', 'pilot'], 'pilot').value).toBeNull();
    expect(() => shareWithStatus(items, ['none'], 'gold')).toThrow();
  });
  it('survey_change is the relative change against the baseline round', () => {
    const rounds = [
      { year: 2025, score: 60 },
      { year: 2027, score: 63 },
      { year: 2029, score: 69 },
    ];
    expect(surveyChange(rounds, 2025, 2028).value).toBeCloseTo(5);
    expect(surveyChange(rounds, 2025, 2030).value).toBeCloseTo(15);
    expect(surveyChange(rounds, 2025, 2025).value).toBeNull(); // no later round yet
    expect(surveyChange(rounds, 2024, 2030).value).toBeNull(); // no baseline round
    expect(
      surveyChange(
        [
          { year: 2025, score: 0 },
          { year: 2026, score: 5 },
        ],
        2025,
        2026,
      ).value,
    ).toBeNull();
  });
  it('reduction_share counts identified items resolved by the date', () => {
    const items = [
      { identifiedOn: '2024-01-10', resolvedOn: '2024-06-01' },
      { identifiedOn: '2024-02-10', resolvedOn: null },
      { identifiedOn: '2024-03-10', resolvedOn: '2025-01-01' },
      { identifiedOn: '2025-03-10', resolvedOn: '2025-04-01' },
    ];
    expect(reductionShare(items, '2024-12-31')).toEqual({ numerator: 1, denominator: 3, value: 100 / 3 });
    expect(reductionShare(items, '2025-12-31').value).toBe(75);
    expect(reductionShare([], '2025-12-31').value).toBeNull();
  });
  it('sum adds, treating missing as zero', () => {
    expect(sumOf([1, null, 4])).toBe(5);
  });
});

describe('counting windows', () => {
  it('a yearly rule counts the year to date', () => {
    expect(countingWindows(makePeriod('year', 2025), 'year', '2026-01-01')).toEqual([
      { year: 2025, fromMonth: 1, toMonth: 12 },
    ]);
    expect(countingWindows(makePeriod('quarter', 2025, 2), 'year', '2026-01-01')).toEqual([
      { year: 2025, fromMonth: 1, toMonth: 6 },
    ]);
  });
  it('a quarterly rule over a year needs every elapsed quarter', () => {
    expect(countingWindows(makePeriod('year', 2025), 'quarter', '2025-08-15').map((w) => w.fromMonth)).toEqual([1, 4]);
    expect(countingWindows(makePeriod('year', 2025), 'quarter', '2026-02-01')).toHaveLength(4);
    // first quarter still running: judged on it so far
    expect(countingWindows(makePeriod('year', 2025), 'quarter', '2025-02-01')).toEqual([
      { year: 2025, fromMonth: 1, toMonth: 3 },
    ]);
    expect(countingWindows(makePeriod('month', 2025, 5), 'quarter', '2026-01-01')).toEqual([
      { year: 2025, fromMonth: 4, toMonth: 5 },
    ]);
  });
  it('a period not started has no window', () => {
    expect(countingWindows(makePeriod('year', 2027), 'year', '2026-11-22')).toEqual([]);
  });
});

describe('milestones, status and projection', () => {
  const ms = [
    { year: 2025, value: 70, valueMax: null },
    { year: 2030, value: 90, valueMax: null },
  ];
  it('picks the milestone of the year or the next one ahead; recurring targets apply every year', () => {
    expect(pickMilestone(ms, 2025, 'by_year')?.value).toBe(70);
    expect(pickMilestone(ms, 2026, 'by_year')).toMatchObject({ year: 2030, value: 90 });
    expect(pickMilestone(ms, 2031, 'by_year')).toBeNull();
    expect(pickMilestone([{ year: 2030, value: 2, valueMax: null }], 2026, 'annual')).toMatchObject({
      year: 2026,
      value: 2,
    });
    expect(pickMilestone([], 2026, 'annual')).toBeNull();
  });
  it('compares per comparator', () => {
    const m = { year: 2025, value: 80, valueMax: null };
    expect(meetsMilestone(80, m, 'gte')).toBe(true);
    expect(meetsMilestone(80, m, 'gt')).toBe(false);
    expect(meetsMilestone(80, m, 'eq')).toBe(true);
    expect(meetsMilestone(90, m, 'eq')).toBe(true);
    expect(meetsMilestone(70, m, 'lte')).toBe(true);
    expect(meetsMilestone(81, m, 'lte')).toBe(false);
    expect(meetsMilestone(12, { year: 2030, value: 10, valueMax: 15 }, 'range')).toBe(true);
  });
  it('status from the value and the projection', () => {
    const m = { year: 2030, value: 90, valueMax: null };
    expect(statusOf(null, m, 'gte', null)).toBe('no_data');
    expect(statusOf(50, null, 'gte', null)).toBe('no_data');
    expect(statusOf(50, { ...m, value: null }, 'gte', null)).toBe('no_data');
    expect(statusOf(95, m, 'gte', 99)).toBe('achieved');
    expect(statusOf(60, m, 'gte', 90)).toBe('on_track');
    expect(statusOf(60, m, 'gte', 75)).toBe('at_risk');
    expect(statusOf(60, m, 'gte', 50)).toBe('off_track');
    expect(statusOf(30, { year: 2030, value: 20, valueMax: null }, 'lte', 20)).toBe('on_track');
    expect(statusOf(30, { year: 2030, value: 20, valueMax: null }, 'lte', 40)).toBe('off_track');
  });
  it('linear projection', () => {
    expect(linearAt([], 2030)).toBeNull();
    expect(linearAt([{ x: 2025, y: 40 }], 2030)).toBe(40);
    expect(
      linearAt(
        [
          { x: 2024, y: 40 },
          { x: 2025, y: 50 },
        ],
        2030,
      ),
    ).toBeCloseTo(100);
    expect(elapsedShare('2026-01-01', '2026-12-31', '2027-01-05')).toBe(1);
    expect(elapsedShare('2026-01-01', '2026-12-31', '2026-07-02')).toBeCloseTo(183 / 365);
    const period = makePeriod('year', 2026);
    // a running year of a cumulative rule is paced, capped at 100 %
    expect(
      projectionOf({
        value: 40,
        period,
        milestoneYear: 2026,
        yearly: [],
        cumulative: true,
        isPercent: true,
        asOf: '2026-07-02',
      })?.value,
    ).toBeCloseTo(40 / (183 / 365));
    expect(
      projectionOf({
        value: 90,
        period,
        milestoneYear: 2026,
        yearly: [],
        cumulative: true,
        isPercent: true,
        asOf: '2026-03-01',
      })?.value,
    ).toBe(100);
    // a later milestone year extends the yearly line
    expect(
      projectionOf({
        value: 50,
        period,
        milestoneYear: 2030,
        yearly: [{ year: 2025, value: 40 }],
        cumulative: false,
        isPercent: true,
        asOf: '2026-07-02',
      })?.value,
    ).toBeCloseTo(90);
    expect(
      projectionOf({
        value: null,
        period,
        milestoneYear: 2030,
        yearly: [],
        cumulative: false,
        isPercent: true,
        asOf: '2026-07-02',
      }),
    ).toBeNull();
  });
});

describe('default rule parameters', () => {
  const base = { unit: 'sessions', frequency: 'annual', baselineYear: null, scopeKinds: [] as string[] };
  it('seed 002 T1: ≥ 2 sessions a year per department and commune', () => {
    const t = {
      ...base,
      ruleKind: 'units_meeting_count',
      text: 'Hằng năm, các sở, ban, ngành, địa phương … tổ chức ít nhất 02 cuộc truyền thông',
      milestones: [{ year: 2030, value: 2 }],
    };
    expect(defaultRuleParams(t)).toEqual({
      kind: 'units_meeting_count',
      countsAs: 'session',
      kinds: null,
      period: 'year',
      threshold: 2,
    });
    expect(defaultScopeKinds(t)).toEqual(['department', 'district', 'commune']);
  });
  it('seed 001: ≥ 4 news items each quarter for districts and communes', () => {
    const t = {
      ...base,
      ruleKind: 'units_meeting_count',
      unit: 'news_items',
      frequency: 'quarterly',
      text: 'Cấp huyện, cấp xã mỗi quý có ít nhất 04 tin, bài, phóng sự',
      milestones: [{ year: 2030, value: 4 }],
    };
    expect(defaultRuleParams(t)).toMatchObject({ countsAs: 'news_item', period: 'quarter', threshold: 4 });
    expect(defaultScopeKinds(t)).toEqual(['district', 'commune']);
  });
  it('T2 to T5 and seed 004', () => {
    const t = (ruleKind: string, text: string) => ({ ...base, unit: 'percent', ruleKind, text, milestones: [] });
    expect(defaultRuleParams(t('units_with_record', 'Tháng hành động'))).toEqual({
      kind: 'units_with_record',
      campaign: 'action_month',
    });
    expect(defaultRuleParams(t('survey_change', 'nhận thức'))).toMatchObject({
      kind: 'survey_change',
      baselineYear: 2025,
    });
    const media = t('share_with_status', '70% cơ quan truyền thông áp dụng thí điểm');
    expect(defaultRuleParams(media)).toMatchObject({ register: 'media_gender_indicators', minStatus: 'pilot' });
    expect(defaultScopeKinds(media)).toEqual(['media_agency']);
    const conv = t('share_with_status', '100% các hương ước, quy ước của cộng đồng');
    expect(defaultRuleParams(conv)).toMatchObject({ register: 'village_conventions', minStatus: 'clean' });
    expect(defaultRuleParams(t('reduction_share', 'giảm trên 80%'))).toMatchObject({ kind: 'reduction_share' });
    expect(defaultRuleParams({ ...base, ruleKind: null, text: 'x', milestones: [] })).toMatchObject({
      kind: 'sum',
      measure: 'sessions',
    });
    // a share without a rule is not summed (it once read "550 %"): it stays unmeasured
    expect(
      defaultRuleParams({ ...base, unit: 'percent', ruleKind: null, text: 'Các tỉnh báo cáo', milestones: [] }),
    ).toMatchObject({ kind: 'share_with_status', register: 'unmeasured' });
  });
  it('a target’s own parameters win; parameters are validated per kind', () => {
    const own = {
      kind: 'units_meeting_count' as const,
      countsAs: null,
      kinds: ['talk'],
      period: 'year' as const,
      threshold: 3,
    };
    expect(
      defaultRuleParams({ ...base, ruleKind: 'units_meeting_count', ruleParams: own, text: '', milestones: [] }),
    ).toBe(own);
    expect(RuleParams.safeParse({ kind: 'units_meeting_count', threshold: 0 }).success).toBe(false);
    expect(
      RuleParams.safeParse({ kind: 'share_with_status', register: 'x', statuses: ['a'], minStatus: 'a' }).success,
    ).toBe(false);
    expect(RuleParams.safeParse({ kind: 'sum', measure: 'sessions' }).success).toBe(true);
  });
});

describe('reference implementation', () => {
  const units: RefUnit[] = [
    { id: 'p', path: 'VN.12', kind: 'province', validFrom: null, validTo: null },
    { id: 'c1', path: 'VN.12.C1', kind: 'commune', validFrom: null, validTo: null },
    { id: 'v1', path: 'VN.12.C1.V1', kind: 'village', validFrom: null, validTo: null },
    { id: 'c2', path: 'VN.12.C2', kind: 'commune', validFrom: null, validTo: null },
    // merged into C2 on 2025-07-01: moved under it, not expected after it closed
    { id: 'old', path: 'VN.12.C2.OLD', kind: 'commune', validFrom: null, validTo: '2025-07-01' },
    { id: 'c3', path: 'VN.12.C3', kind: 'commune', validFrom: null, validTo: null },
  ];
  const kinds = [
    { code: 'talk', countsAs: ['session'] },
    { code: 'news_item', countsAs: ['news_item'] },
  ];
  const act = (id: string, unit: string, date: string, kind = 'talk', deleted = false) => ({
    id,
    orgUnitId: unit,
    kind,
    startDate: date,
    deleted,
  });
  const activities = [
    act('a1', 'v1', '2025-03-01'), // a village's session counts for its commune
    act('a2', 'c1', '2025-05-01'),
    act('a3', 'old', '2025-02-01'),
    act('a4', 'old', '2025-03-01'),
    act('a5', 'c2', '2026-02-01'),
    act('a6', 'old', '2026-03-01'), // after closing: counts for the successor C2
    act('a7', 'c3', '2025-04-01', 'talk', true), // deleted
    act('a8', 'c3', '2025-04-01', 'news_item'),
  ];
  const params = {
    kind: 'units_meeting_count' as const,
    countsAs: 'session' as const,
    kinds: null,
    period: 'year' as const,
    threshold: 2,
  };
  const run = (year: number, p: RuleParams = params) =>
    computeReference({
      units,
      activities,
      kinds,
      rootPath: 'VN.12',
      scopeKinds: ['commune'],
      params: p,
      period: makePeriod('year', year),
      asOf: '2026-11-22',
    });
  it('2025: C1 (with its village) and the merged unit meet; C2 and C3 do not', () => {
    const r = run(2025);
    expect([r.numerator, r.denominator, r.activities]).toEqual([2, 4, 4]);
    expect(r.units.get('old')!.met).toBe(true);
    expect(r.units.get('c3')!.met).toBe(false);
  });
  it('2026: the closed unit is no longer expected; its activity counts for its successor', () => {
    const r = run(2026);
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
    expect(r.units.get('c2')!.counts).toEqual([2]);
  });
  it('empty periods and future periods', () => {
    expect(run(2024)).toMatchObject({ numerator: 0, denominator: 4, value: 0 });
    expect(run(2027)).toMatchObject({ numerator: null, value: null });
    const sum = run(2025, { kind: 'sum', measure: 'sessions', kinds: null });
    expect(sum).toMatchObject({ numerator: 4, value: 4 });
    expect(run(2024, { kind: 'sum', measure: 'sessions', kinds: null })).toMatchObject({ numerator: 0, value: null });
  });
});
