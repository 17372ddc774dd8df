import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePeriod, parsePeriod } from '../periods.js';
import {
  cutoffFor,
  deadlineFor,
  expectedUnitIds,
  groupKindsOf,
  periodForRule,
  periodsOfRule,
  rates,
  timelinessOf,
  vnDate,
  type RuleTiming,
  type UnitValidity,
} from './due.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../test/fixtures/plans');

/** Every reporting rule the five seed plans state (from the hand-checked parser fixtures). */
function seedRules(): { seed: string; rule: RuleTiming }[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .flatMap((f) => {
      const j = JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as {
        reporting: { frequency: RuleTiming['frequency']; deadline: string }[];
      };
      return j.reporting.map((r) => ({ seed: f.slice(0, 3), rule: { frequency: r.frequency, deadline: r.deadline } }));
    });
}

describe('due dates of every reporting rule in the seeds', () => {
  const expected: Record<string, { period: string; dueBefore: string; from: string; to: string }[]> = {
    // 001 Tân Yên and 002 Lai Châu: annual, before 01/12; 003 health sector: before 10/12
    '001:annual:01/12': [{ period: '2024', dueBefore: '2024-12-01', from: '2023-12-15', to: '2024-12-14' }],
    '002:annual:01/12': [{ period: '2026', dueBefore: '2026-12-01', from: '2025-12-15', to: '2026-12-14' }],
    '003:annual:10/12': [{ period: '2026', dueBefore: '2026-12-10', from: '2025-12-15', to: '2026-12-14' }],
    // 004 culture sector: half-year before 5/6, annual before 5/12
    '004:half_year:05/06': [{ period: '2026S1', dueBefore: '2026-06-05', from: '2025-12-15', to: '2026-06-14' }],
    '004:annual:05/12': [{ period: '2026', dueBefore: '2026-12-05', from: '2025-12-15', to: '2026-12-14' }],
  };
  const rules = seedRules();
  it('finds the five rules the seeds state', () => {
    expect(rules.map((r) => `${r.seed}:${r.rule.frequency}:${r.rule.deadline}`).sort()).toEqual(
      Object.keys(expected).sort(),
    );
  });
  for (const { seed, rule } of rules) {
    const k = `${seed}:${rule.frequency}:${rule.deadline}`;
    it(k, () => {
      for (const e of expected[k]!) {
        const p = periodForRule(rule.frequency, e.period)!;
        expect(p).not.toBeNull();
        expect(deadlineFor(rule, p)).toEqual({ dueBefore: e.dueBefore, dueAt: `${e.dueBefore}T00:00:00+07:00` });
        expect(cutoffFor(rule, p)).toEqual({ from: e.from, to: e.to });
      }
    });
  }
});

describe('periods and deadlines of other frequencies', () => {
  it('half-year rules ask for S1 only; annual for the year', () => {
    expect(periodsOfRule('half_year', 2026).map((p) => p.code)).toEqual(['2026S1']);
    expect(periodsOfRule('annual', 2026).map((p) => p.code)).toEqual(['2026']);
    expect(periodForRule('half_year', '2026S2')).toBeNull();
    expect(periodForRule('annual', '2026S1')).toBeNull();
  });
  it('a quarterly deadline repeats each quarter, into the next year for Q4', () => {
    const rule: RuleTiming = { frequency: 'quarterly', deadline: '20/04' };
    expect(periodsOfRule('quarterly', 2026).map((p) => deadlineFor(rule, p).dueBefore)).toEqual([
      '2026-04-20',
      '2026-07-20',
      '2026-10-20',
      '2027-01-20',
    ]);
    // Decree 09 quarterly cut-off: 15th of the quarter's first month... to the 14th of its last month
    expect(cutoffFor(rule, makePeriod('quarter', 2026, 2))).toEqual({ from: '2026-03-15', to: '2026-06-14' });
    expect(cutoffFor(rule, makePeriod('quarter', 2026, 1))).toEqual({ from: '2025-12-15', to: '2026-03-14' });
  });
  it('a monthly deadline is in the next month; day 31 is clamped to the month', () => {
    const rule: RuleTiming = { frequency: 'monthly', deadline: '31/02' };
    expect(deadlineFor({ frequency: 'monthly', deadline: '05/02' }, makePeriod('month', 2026, 12)).dueBefore).toBe(
      '2027-01-05',
    );
    expect(deadlineFor(rule, makePeriod('month', 2026, 1)).dueBefore).toBe('2026-02-28');
    expect(cutoffFor(rule, makePeriod('month', 2026, 3))).toEqual({ from: '2026-02-15', to: '2026-03-14' });
  });
  it('an annual deadline early in the year falls in the next year', () => {
    expect(deadlineFor({ frequency: 'annual', deadline: '15/01' }, parsePeriod('2026')!).dueBefore).toBe('2027-01-15');
  });
  it('calendar cut-offs are configurable per rule', () => {
    const cal: RuleTiming = { frequency: 'annual', deadline: '15/01', cutoffFrom: '01/01', cutoffTo: '31/12' };
    expect(cutoffFor(cal, parsePeriod('2026')!)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    const half: RuleTiming = { frequency: 'half_year', deadline: '05/07', cutoffFrom: '01/01', cutoffTo: '30/06' };
    expect(cutoffFor(half, parsePeriod('2026S1')!)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(deadlineFor(half, parsePeriod('2026S1')!).dueBefore).toBe('2026-07-05');
  });
});

describe('on time and late at midnight Asia/Ho_Chi_Minh', () => {
  const dueBefore = '2026-12-01';
  const now = new Date('2027-01-10T00:00:00Z');
  it('23:59:59 on 30/11 in Vietnam (16:59:59 UTC) is on time', () => {
    expect(timelinessOf({ dueBefore, firstSubmittedAt: '2026-11-30T16:59:59.999Z', now, expected: true })).toEqual({
      timeliness: 'on_time',
      daysLate: 0,
    });
  });
  it('00:00 on 01/12 in Vietnam (17:00 UTC the day before) is 1 day late', () => {
    expect(timelinessOf({ dueBefore, firstSubmittedAt: '2026-11-30T17:00:00Z', now, expected: true })).toEqual({
      timeliness: 'late',
      daysLate: 1,
    });
  });
  it('a UTC date that is still 30/11 is not what counts', () => {
    // 30/11 20:00 UTC = 01/12 03:00 in Vietnam
    expect(vnDate('2026-11-30T20:00:00Z')).toBe('2026-12-01');
    expect(timelinessOf({ dueBefore, firstSubmittedAt: '2026-11-30T20:00:00Z', now, expected: true }).daysLate).toBe(1);
  });
  it('late by N days counts Vietnamese calendar days', () => {
    expect(timelinessOf({ dueBefore, firstSubmittedAt: '2026-12-05T10:00:00+07:00', now, expected: true })).toEqual({
      timeliness: 'late',
      daysLate: 5,
    });
  });
  it('not submitted: pending before the deadline, missing from 00:00 of the due-before day', () => {
    const base = { dueBefore, firstSubmittedAt: null, expected: true };
    expect(timelinessOf({ ...base, now: new Date('2026-11-30T16:59:59Z') }).timeliness).toBe('pending');
    expect(timelinessOf({ ...base, now: new Date('2026-11-30T17:00:00Z') })).toEqual({
      timeliness: 'missing',
      daysLate: 1,
    });
  });
  it('a unit that is not expected is not_expected whether or not it sent something', () => {
    expect(timelinessOf({ dueBefore, firstSubmittedAt: '2026-11-01T00:00:00Z', now, expected: false }).timeliness).toBe(
      'not_expected',
    );
    expect(timelinessOf({ dueBefore, firstSubmittedAt: null, now, expected: false }).timeliness).toBe('not_expected');
  });
});

describe('expected units: closed and merged units, successors, rates', () => {
  const u = (id: string, validFrom: string | null, validTo: string | null, successorId: string | null = null) =>
    [id, { id, validFrom, validTo, successorId }] as [string, UnitValidity];
  const units = new Map([
    u('old-district', '1957-01-01', '2025-07-01', 'commune-a'),
    u('commune-a', '2025-07-01', null),
    u('commune-b', '2025-07-01', '2026-09-01', 'commune-a'),
    u('commune-c', '2025-07-01', null),
    u('new-unit', '2027-01-01', null),
  ]);
  const candidates = ['old-district', 'commune-a', 'commune-b', 'commune-c', 'new-unit'];

  it('a unit closed or merged before the cut-off end is replaced by its successor, counted once', () => {
    expect(expectedUnitIds(candidates, units, '2026-12-14').sort()).toEqual(['commune-a', 'commune-c']);
  });
  it('before the merger both communes are expected; the abolished district only in its own time', () => {
    expect(expectedUnitIds(candidates, units, '2025-12-14').sort()).toEqual(['commune-a', 'commune-b', 'commune-c']);
    expect(expectedUnitIds(candidates, units, '2024-12-14')).toEqual(['old-district']);
  });
  it('a successor outside the allowed subtree does not inherit the duty', () => {
    expect(expectedUnitIds(['old-district'], units, '2026-12-14', (id) => id !== 'commune-a')).toEqual([]);
  });
  it('rates count expected units only and never exceed 100 %', () => {
    const r = rates([
      { timeliness: 'on_time' },
      { timeliness: 'late' },
      { timeliness: 'missing' },
      // a merged commune that still sent a report: shown, not counted
      { timeliness: 'not_expected' },
      { timeliness: 'not_expected' },
    ]);
    expect(r).toMatchObject({ expected: 3, onTime: 1, late: 1, missing: 1, notExpected: 2 });
    expect(r.completenessRate).toBeCloseTo(2 / 3);
    expect(r.timelinessRate).toBeCloseTo(1 / 3);
    const all = rates([{ timeliness: 'on_time' }, { timeliness: 'not_expected' }]);
    expect(all.completenessRate).toBe(1);
    expect(rates([{ timeliness: 'not_expected' }]).completenessRate).toBeNull();
  });
});

describe('groups named in assignments', () => {
  it.each([
    ['UBND các xã, phường', ['commune']],
    ['Ủy ban nhân dân các xã, thị trấn', ['commune']],
    ['các sở, ban, ngành tỉnh', ['department']],
    ['các tổ chức chính trị-xã hội tỉnh', ['mass_org']],
    ['Các đơn vị y tế trong ngành', ['children']],
    ['Sở Nội vụ', []],
    ['Phòng Văn hóa và Thông tin', []],
  ])('%s', (name, kinds) => {
    expect(groupKindsOf(name)).toEqual(kinds);
  });
});
