import { describe, expect, it } from 'vitest';
import { addDays, parseDateVi, parsePeriod, periodOf, periodsBetween, formatDateVi } from './periods.js';

describe('periods', () => {
  it('parses every period type with its first and last day', () => {
    expect(parsePeriod('2026')).toMatchObject({ type: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2026S1')).toMatchObject({ type: 'half_year', start: '2026-01-01', end: '2026-06-30' });
    expect(parsePeriod('2024Q1')).toMatchObject({ type: 'quarter', end: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ type: 'month', end: '2024-02-29' });
    expect(parsePeriod('2025-02')?.end).toBe('2025-02-28');
    for (const bad of ['2026S3', '2026Q5', '2026-13', '26', 'abcd', '2026-1', ''])
      expect(parsePeriod(bad), bad).toBeNull();
  });
  it('finds the period of a date and walks across years', () => {
    expect(periodOf('2026-07-01', 'half_year').code).toBe('2026S2');
    expect(periodOf('2026-12-31', 'quarter').code).toBe('2026Q4');
    expect(periodsBetween('quarter', '2025-11-20', '2026-04-01').map((p) => p.code)).toEqual([
      '2025Q4',
      '2026Q1',
      '2026Q2',
    ]);
  });
  it('reads and writes Vietnamese dates, refusing impossible ones', () => {
    expect(parseDateVi('05/04/2026')).toBe('2026-04-05');
    expect(parseDateVi('5-4-2026')).toBe('2026-04-05');
    expect(parseDateVi('31/02/2026')).toBeNull();
    expect(parseDateVi('2026-04-05')).toBeNull();
    expect(formatDateVi('2026-04-05')).toBe('05/04/2026');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
