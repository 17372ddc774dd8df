/**
 * Provinces coloured by one target's status (lazy chunk: the simplified boundaries, 112 KB,
 * load only when the map tab opens). Regions are keyed by province code.
 */
import { useMemo } from 'react';
import type { IndicatorStatus } from '@binhdang/domain';
import geo from '../map/vn-provinces.json';
import { STATUS_HEX } from '../model.ts';
import { EChart, echarts, type EChartsOption } from './EChart.tsx';

echarts.registerMap('vn-provinces', geo as unknown as Parameters<typeof echarts.registerMap>[1]);

const NAMES = new Map<string, { name: string; nameEn: string }>(
  (geo as { features: { properties: { code: string; name: string; nameEn: string } }[] }).features.map((f) => [
    f.properties.code,
    f.properties,
  ]),
);

export interface MapDatum {
  code: string;
  value: number | null;
  status: IndicatorStatus;
  /** The formatted value and status label for the tooltip. */
  text: string;
}

interface ProvinceMapProps {
  data: MapDatum[];
  lang: string;
  outOfScope: string;
  title: string;
  onPick?: (code: string) => void;
}

export default function ProvinceMap({ data, lang, outOfScope, title, onPick }: ProvinceMapProps) {
  const option = useMemo<EChartsOption>(() => {
    const byCode = new Map(data.map((d) => [d.code, d]));
    const nameOf = (code: string) => {
      const n = NAMES.get(code);
      return n ? (lang === 'en' ? n.nameEn : n.name) : code;
    };
    return {
      aria: { enabled: true, label: { description: title } },
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => `${nameOf(p.name)}: ${byCode.get(p.name)?.text ?? outOfScope}`,
      },
      series: [
        {
          type: 'map',
          map: 'vn-provinces',
          nameProperty: 'code',
          roam: true,
          scaleLimit: { min: 1, max: 12 },
          aspectScale: 0.95,
          selectedMode: false,
          itemStyle: { areaColor: '#f1f3f5', borderColor: '#868e96', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe066' } },
          label: { show: false },
          data: data.map((d) => ({
            name: d.code,
            value: d.value,
            itemStyle: { areaColor: STATUS_HEX[d.status] },
            label: data.length <= 3 ? { show: true, formatter: nameOf(d.code), color: '#000' } : undefined,
          })),
        },
      ],
    };
  }, [data, lang, outOfScope, title]);
  return (
    <EChart option={option} height="min(70vh, 640px)" onClick={onPick} aria-label={title} data-testid="province-map" />
  );
}
