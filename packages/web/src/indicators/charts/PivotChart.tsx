/** The pivot's chart (lazy chunk): bars, lines, or stacked female/male bars. */
import { useMemo } from 'react';
import { chartSeries, type PivotTable } from '../model.ts';
import type { ChartKind } from '../search.ts';
import { EChart, type EChartsOption } from './EChart.tsx';

interface PivotChartProps {
  table: PivotTable;
  kind: ChartKind;
  labels: { female: string; male: string; total: string };
  locale: string;
  title: string;
}

export default function PivotChart({ table, kind, labels, locale, title }: PivotChartProps) {
  const option = useMemo<EChartsOption>(() => {
    const { categories, series } = chartSeries(table, kind, {
      femaleLabel: labels.female,
      maleLabel: labels.male,
      totalLabel: labels.total,
    });
    const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const many = categories.length > 8;
    return {
      aria: { enabled: true, label: { description: title } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.format(v) : '—') },
      legend: series.length > 1 ? { type: 'scroll', bottom: 0 } : undefined,
      grid: { left: 8, right: 16, top: 16, bottom: series.length > 1 ? 40 : 8, containLabel: true },
      // Many categories (communes) read better as horizontal bars.
      xAxis:
        many && kind !== 'line'
          ? { type: 'value', axisLabel: { formatter: (v: number) => fmt.format(v), hideOverlap: true } }
          : {
              type: 'category',
              data: categories,
              axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0, width: 90, overflow: 'truncate' },
            },
      yAxis:
        many && kind !== 'line'
          ? { type: 'category', data: categories, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } }
          : { type: 'value', axisLabel: { formatter: (v: number) => fmt.format(v), hideOverlap: true } },
      series: series.map((s) => ({
        type: kind === 'line' ? 'line' : 'bar',
        name: s.name,
        data: s.data,
        stack: s.stack,
        color: s.color,
        connectNulls: false,
        emphasis: { focus: 'series' },
      })),
    };
  }, [table, kind, labels.female, labels.male, labels.total, locale, title]);
  const rows = table.rows.length;
  const height = rows > 8 && kind !== 'line' ? Math.min(60 + rows * 26, 1400) : 320;
  return <EChart option={option} height={height} aria-label={title} data-testid="pivot-chart" />;
}
