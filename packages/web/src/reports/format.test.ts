import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  deadlineState,
  formatCount,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  isDueSoon,
  percent,
  periodLabel,
  sortReports,
  withUnit,
  todayInVietnam,
} from './format.ts';
import { validateCompletenessSearch, validateReportListSearch } from './search.ts';

describe('periodLabel', () => {
  it('names periods as officials write them', () => {
    expect(periodLabel('2026')).toBe('Năm 2026');
    expect(periodLabel('2026S1')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026S2')).toBe('6 tháng cuối năm 2026');
    expect(periodLabel('2026Q3')).toBe('Quý III năm 2026');
    expect(periodLabel('2026-11')).toBe('Tháng 11 năm 2026');
  });
  it('has English names', () => {
    expect(periodLabel('2026', 'en')).toBe('Year 2026');
    expect(periodLabel('2026S1', 'en')).toBe('First half of 2026');
    expect(periodLabel('2026Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-02', 'en')).toBe('February 2026');
  });
  it('leaves what is not a period code alone', () => {
    expect(periodLabel('2026S3')).toBe('2026S3');
    expect(periodLabel('abc')).toBe('abc');
  });
});

describe('deadlines on the Vietnamese calendar', () => {
  it('takes today in Asia/Ho_Chi_Minh, not UTC', () => {
    // 17:30 UTC on 30/11 is 00:30 on 01/12 in Vietnam.
    expect(todayInVietnam(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(todayInVietnam(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30');
  });
  it('counts whole days', () => {
    expect(daysBetween('2026-11-22', '2026-12-01')).toBe(9);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-12-01', '2026-11-22')).toBe(-9);
  });
  it('"before 01/12": 30/11 is the last day, 01/12 is one day late', () => {
    expect(deadlineState('2026-12-01', '2026-11-22')).toEqual({ state: 'ahead', days: 8 });
    expect(deadlineState('2026-12-01', '2026-11-29')).toEqual({ state: 'ahead', days: 1 });
    expect(deadlineState('2026-12-01', '2026-11-30')).toEqual({ state: 'today' });
    expect(deadlineState('2026-12-01', '2026-12-01')).toEqual({ state: 'overdue', days: 1 });
    expect(deadlineState('2026-12-01', '2026-12-11')).toEqual({ state: 'overdue', days: 11 });
  });
  it('reminds within 7 days and when overdue', () => {
    expect(isDueSoon('2026-12-01', '2026-11-22')).toBe(false);
    expect(isDueSoon('2026-12-01', '2026-11-23')).toBe(true);
    expect(isDueSoon('2026-06-05', '2026-11-23')).toBe(true);
  });
});

describe('numbers', () => {
  it('never shows a rate above 100 %', () => {
    expect(percent(1.2)).toBe('100%');
    expect(percent(0.456)).toBe('45,6%');
    expect(percent(0.456, 'en')).toBe('45.6%');
    expect(percent(-0.1)).toBe('0%');
    expect(percent(null)).toBe('—');
  });
  it('writes counts and money the Vietnamese way', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatMoney(1500000)).toBe('1.500.000\u00a0đ');
    expect(formatCount(null)).toBe('—');
    expect(formatMoneyShort(166_500_000)).toBe('166,5\u00a0triệu\u00a0đ');
    expect(formatMoneyShort(1_200_000_000, 'en')).toBe('1.2\u00a0billion\u00a0đ');
    expect(formatMoneyShort(500_000)).toBe('500.000\u00a0đ');
  });
  it('shows timestamps in Vietnam time', () => {
    expect(formatDateTime('2026-11-30T17:05:00Z')).toBe('00:05 01/12/2026');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('my reports order', () => {
  it('puts what is still owed first, nearest deadline on top, then the rest newest first', () => {
    const r = (
      id: string,
      status: 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved',
      dueBefore: string,
    ) => ({
      id,
      status,
      dueBefore,
    });
    const sorted = sortReports([
      r('a', 'approved', '2025-12-01'),
      r('b', 'draft', '2026-12-01'),
      r('c', 'submitted', '2026-06-05'),
      r('d', 'returned', '2026-06-05'),
      r('e', 'not_started', '2026-12-10'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['d', 'b', 'e', 'c', 'a']);
  });
});

describe('URL filters', () => {
  it('keeps only what the pages understand', () => {
    expect(validateReportListSearch({ year: '2026', status: 'returned', x: 1 })).toEqual({
      year: 2026,
      status: 'returned',
    });
    expect(validateReportListSearch({ year: '20x6', status: 'lost' })).toEqual({});
    expect(validateCompletenessSearch({ org: '12', year: '2026', periods: '3', frequency: 'annual' })).toEqual({
      org: '12',
      year: 2026,
      periods: 3,
      frequency: 'annual',
    });
    expect(validateCompletenessSearch({ org: '<script>', periods: '99', frequency: 'weekly' })).toEqual({});
  });
});

describe('target figures', () => {
  it('writes the unit the way people read it', () => {
    expect(withUnit(100, 'percent')).toBe('100%');
    expect(withUnit(2, 'sessions')).toBe('2\u00a0cuộc');
    expect(withUnit(2, 'sessions', 'en')).toBe('2\u00a0sessions');
    expect(withUnit(1234, 'count')).toBe('1.234');
    expect(withUnit(null, 'percent')).toBe('—');
  });
});
