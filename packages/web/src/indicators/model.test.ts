import { describe, expect, it } from 'vitest';
import {
  bySeverity,
  chartSeries,
  compareCells,
  formatMilestone,
  formatValue,
  isConcern,
  planLabel,
  relabelPivot,
  shapePivot,
  sortForAttention,
  sparkPath,
  STATUS_COLOR,
  STATUSES,
} from './model.ts';
import { joinPeriod, splitPeriod, validateIndicatorsSearch } from './search.ts';

describe('status colours and order', () => {
  it('gives every status its own colour, as the dashboards promise', () => {
    expect(STATUS_COLOR).toEqual({
      achieved: 'green',
      on_track: 'teal',
      at_risk: 'orange',
      off_track: 'red',
      no_data: 'gray',
    });
    expect(new Set(STATUSES.map((s) => STATUS_COLOR[s])).size).toBe(5);
  });

  it('puts what needs attention first', () => {
    const items = [
      { status: 'achieved' as const, targetNumber: 1 },
      { status: 'no_data' as const, targetNumber: 2 },
      { status: 'off_track' as const, targetNumber: 5 },
      { status: 'at_risk' as const, targetNumber: 3 },
      { status: 'off_track' as const, targetNumber: 4 },
    ];
    expect(sortForAttention(items).map((i) => i.targetNumber)).toEqual([4, 5, 3, 2, 1]);
    expect(bySeverity('off_track', 'achieved')).toBeLessThan(0);
    expect(STATUSES.filter(isConcern)).toEqual(['at_risk', 'off_track']);
  });
});

describe('values and milestones', () => {
  const share = { ruleKind: 'units_meeting_count', unit: 'percent' };
  const sum = { ruleKind: 'sum', unit: 'sessions' };

  it('writes shares with a percent sign and vi-VN decimals, counts with thousands', () => {
    expect(formatValue(71.0526, share, 'vi')).toBe('71,1%');
    expect(formatValue(71.0526, share, 'en')).toBe('71.1%');
    expect(formatValue(12345, sum, 'vi')).toBe('12.345');
    expect(formatValue(null, share, 'vi')).toBe('—');
  });

  it('reads milestones with their comparator, range and year', () => {
    const base = { ...share, comparator: 'gte' };
    expect(formatMilestone({ ...base, milestone: { year: 2030, value: 90, valueMax: null } }, 'vi')).toBe(
      '≥ 90% (2030)',
    );
    expect(
      formatMilestone(
        { ...base, comparator: 'range', ruleKind: 'survey_change', milestone: { year: 2030, value: 10, valueMax: 15 } },
        'vi',
      ),
    ).toBe('10–15% (2030)');
    expect(formatMilestone({ ...base, milestone: null }, 'vi')).toBeNull();
    expect(formatMilestone({ ...base, milestone: { year: 2026, value: null, valueMax: null } }, 'vi')).toBeNull();
  });
});

describe('dashboard URL', () => {
  it('keeps only what the page understands', () => {
    expect(
      validateIndicatorsSearch({
        org: '03394',
        period: '2026Q2',
        tab: 'pivot',
        rows: 'kind',
        cols: 'nonsense',
        measure: 'participants',
        chart: 'sex',
        plan: 'not-a-uuid',
      }),
    ).toEqual({ org: '03394', period: '2026Q2', tab: 'pivot', rows: 'kind', measure: 'participants', chart: 'sex' });
    expect(validateIndicatorsSearch({ org: '<script>', period: '2026-13', tab: 'overview' })).toEqual({});
  });

  it('splits and joins periods', () => {
    expect(splitPeriod('2026Q3')).toEqual({ year: 2026, quarter: 3 });
    expect(splitPeriod('2025')).toEqual({ year: 2025, quarter: null });
    expect(joinPeriod(2026, null)).toBe('2026');
    expect(joinPeriod(2026, 4)).toBe('2026Q4');
  });
});

describe('sparkline', () => {
  it('draws through the points and breaks at gaps', () => {
    expect(sparkPath([], 100, 20)).toBe('');
    expect(sparkPath([null, null], 100, 20)).toBe('');
    const d = sparkPath([0, 50, null, 100], 100, 20, 0);
    expect(d).toBe('M0.0 20.0 L33.3 10.0 M100.0 0.0');
  });
});

describe('pivot shaping', () => {
  const resp = {
    rows: [
      { key: '03394', label: 'Sin Suối Hồ' },
      { key: '03397', label: 'Phong Thổ' },
    ],
    cols: [
      { key: 'female', label: 'Nữ' },
      { key: 'male', label: 'Nam' },
    ],
    cells: [
      { row: '03394', col: 'female', value: 30 },
      { row: '03394', col: 'male', value: 20 },
      { row: '03397', col: 'male', value: 5 },
      { row: 'gone', col: 'male', value: 99 },
    ],
  };

  it('fills a dense table from sparse cells, with totals that add up', () => {
    const t = shapePivot(resp, { rows: 'org', cols: 'sex' });
    expect(t.values).toEqual([
      [30, 20],
      [null, 5],
    ]);
    expect(t.rowTotals).toEqual([50, 5]);
    expect(t.colTotals).toEqual([30, 25]);
    expect(t.grandTotal).toBe(55);
  });

  it('leaves out totals where cells overlap (audiences) or are rates (targets)', () => {
    const audience = shapePivot(resp, { rows: 'audience', cols: 'sex' });
    expect(audience.colTotals).toBeNull();
    expect(audience.rowTotals).toEqual([50, 5]);
    expect(audience.grandTotal).toBeNull();
    const targets = shapePivot(
      { ...resp, cols: [], cells: [{ row: '03394', col: '', value: 71 }] },
      { rows: 'org', cols: 'target' },
    );
    expect(targets.rowTotals).toBeNull();
    expect(targets.colTotals).toBeNull();
  });

  it('gives one column when there is no column dimension', () => {
    const t = shapePivot({ rows: resp.rows, cols: [], cells: [{ row: '03397', col: '', value: 7 }] }, { rows: 'org' });
    expect(t.cols).toEqual([{ key: '', label: '' }]);
    expect(t.values).toEqual([[null], [7]]);
    expect(t.rowTotals).toBeNull();
    expect(t.colTotals).toEqual([7]);
  });

  it('stacks female and male with fixed colours for the sex chart', () => {
    const t = shapePivot(resp, { rows: 'org', cols: 'sex' });
    const { categories, series } = chartSeries(t, 'sex', {
      femaleLabel: '♀ Nữ',
      maleLabel: '♂ Nam',
      totalLabel: 'Tổng',
    });
    expect(categories).toEqual(['Sin Suối Hồ', 'Phong Thổ']);
    expect(series).toEqual([
      { name: '♀ Nữ', data: [30, null], stack: 'sex', color: '#c2255c' },
      { name: '♂ Nam', data: [20, 5], stack: 'sex', color: '#1971c2' },
    ]);
    const bars = chartSeries(t, 'bar', { femaleLabel: 'F', maleLabel: 'M', totalLabel: 'Tổng' });
    expect(bars.series[0]).toEqual({ name: 'Nữ', data: [30, null] });
  });

  it('sorts cells by value with empty cells last either way', () => {
    const xs = [3, null, 1, 2];
    expect([...xs].sort((a, b) => compareCells(a, b, 1))).toEqual([1, 2, 3, null]);
    expect([...xs].sort((a, b) => compareCells(a, b, -1))).toEqual([3, 2, 1, null]);
  });
});

describe('pivot labels', () => {
  it('names reference codes, periods and empty keys', () => {
    const resp = {
      rows: [
        { key: 'conference', label: 'conference' },
        { key: '', label: '' },
        { key: 'new_kind', label: 'new_kind' },
      ],
      cols: [
        { key: '2026Q1', label: '2026Q1' },
        { key: '2026-03', label: '2026-03' },
      ],
    };
    const names = { codes: { kind: new Map([['conference', 'Hội nghị']]) }, none: '(không rõ)' };
    const out = relabelPivot(resp, { rows: 'kind', cols: 'quarter' }, names);
    expect(out.rows.map((r) => r.label)).toEqual(['Hội nghị', '(không rõ)', 'new_kind']);
    expect(out.cols.map((c) => c.label)).toEqual(['Q1/2026', '2026-03']);
    expect(out.rows.map((r) => r.key)).toEqual(['conference', '', 'new_kind']);
    expect(relabelPivot(resp, { rows: 'org', cols: 'month' }, names).cols[1]!.label).toBe('03/2026');
  });
});

describe('plan labels', () => {
  it('names a plan by its number, or by its issuer and title when the number is blank', () => {
    const plan = { id: 'x', orgUnitName: 'Lai Châu', title: 'Kế hoạch thực hiện Chương trình', number: '183/KH-UBND' };
    expect(planLabel(plan)).toBe('183/KH-UBND · Lai Châu');
    expect(planLabel({ ...plan, number: '/KH-UBND' })).toBe('Lai Châu: Kế hoạch thực hiện Chương trình');
    expect(planLabel({ ...plan, number: null, title: 'x'.repeat(80) })).toBe(`Lai Châu: ${'x'.repeat(59)}…`);
    expect(planLabel(undefined)).toBeNull();
  });
});
