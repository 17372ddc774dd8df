/** Status shown as colour and words (never colour alone), and the SVG sparkline of a series. */
import { Badge, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconTrendingUp,
  type Icon,
} from '@tabler/icons-react';
import type { IndicatorStatus } from '@binhdang/domain';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, STATUS_HEX, sparkPath } from './model.ts';

export const STATUS_ICON: Record<IndicatorStatus, Icon> = {
  achieved: IconCircleCheck,
  on_track: IconTrendingUp,
  at_risk: IconAlertTriangle,
  off_track: IconCircleX,
  no_data: IconCircleDashed,
};

export function StatusBadge({ status, size = 'md' }: { status: IndicatorStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const Icon = STATUS_ICON[status];
  return (
    <Tooltip label={t(`indicators.statusHelp.${status}`)} withinPortal>
      <Badge
        color={STATUS_COLOR[status]}
        variant={status === 'no_data' ? 'outline' : 'light'}
        size={size}
        leftSection={<Icon size={14} aria-hidden />}
        data-testid="status-badge"
        data-status={status}
        style={{ flexShrink: 0 }}
      >
        {t(`indicators.status.${status}`)}
      </Badge>
    </Tooltip>
  );
}

interface SparklineProps {
  values: (number | null)[];
  status: IndicatorStatus;
  label: string;
  width?: number;
  height?: number;
}

export function Sparkline({ values, status, label, width = 120, height = 32 }: SparklineProps) {
  const d = sparkPath(values, width, height);
  if (!d) return null;
  const last = values.length - 1;
  const lastValue = values[last];
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid="sparkline">
      <path d={d} fill="none" stroke={STATUS_HEX[status]} strokeWidth={2} strokeLinejoin="round" />
      {lastValue !== null && lastValue !== undefined && (
        <circle
          cx={Number(/([\d.]+) ([\d.]+)$/.exec(d)?.[1] ?? width - 2)}
          cy={Number(/([\d.]+) ([\d.]+)$/.exec(d)?.[2] ?? height / 2)}
          r={2.5}
          fill={STATUS_HEX[status]}
        />
      )}
    </svg>
  );
}
