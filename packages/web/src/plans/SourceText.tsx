/**
 * The original plan text with what the parser found highlighted, one colour per kind, and the
 * paragraphs it could not place underlined. Clicking a highlight selects its row in the form.
 */
import { Group, Text } from '@mantine/core';
import { forwardRef, memo, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { segmentText, type SpanItem, type SpanKind } from './highlight.ts';
import classes from './plans.module.css';

export interface SourceTextProps {
  text: string;
  items: SpanItem[];
  activeId: string | null;
  onSelect?: (id: string) => void;
  label: string;
}

export const SourceText = memo(
  forwardRef<HTMLDivElement, SourceTextProps>(function SourceText({ text, items, activeId, onSelect, label }, ref) {
    const segments = useMemo(() => segmentText(text.length, items), [text, items]);
    const nodes: ReactNode[] = segments.map((seg) => {
      const chunk = text.slice(seg.start, seg.end);
      const primary = seg.items[0];
      if (!primary) return <span key={seg.start}>{chunk}</span>;
      const ids = seg.items.map((i) => i.id).join(' ');
      const selectable = primary.kind !== 'unparsed' && onSelect;
      return (
        <mark
          key={seg.start}
          className={classes.mark}
          data-kind={primary.kind}
          data-items={ids}
          data-active={activeId !== null && seg.items.some((i) => i.id === activeId) ? true : undefined}
          onClick={selectable ? () => onSelect(primary.id) : undefined}
        >
          {chunk}
        </mark>
      );
    });
    return (
      <div ref={ref} className={classes.source} data-testid="source-text" aria-label={label} role="document">
        {nodes}
      </div>
    );
  }),
);

/** Brings the first highlight of an item into view inside the text's own scroll box (or the page). */
export function scrollToSpan(container: HTMLElement | null, id: string): void {
  if (!container) return;
  const el = container.querySelector<HTMLElement>(`[data-items~="${CSS.escape(id)}"]`);
  if (!el) return;
  const scrollsItself = container.scrollHeight > container.clientHeight + 1;
  if (scrollsItself) {
    container.scrollTo({ top: Math.max(0, el.offsetTop - container.clientHeight / 4), behavior: 'smooth' });
  } else {
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

const LEGEND: {
  kind: SpanKind;
  key: 'legendTarget' | 'legendTaskGroup' | 'legendAssignment' | 'legendReporting' | 'legendUnparsed';
}[] = [
  { kind: 'targets', key: 'legendTarget' },
  { kind: 'taskGroups', key: 'legendTaskGroup' },
  { kind: 'assignments', key: 'legendAssignment' },
  { kind: 'reportingRules', key: 'legendReporting' },
  { kind: 'unparsed', key: 'legendUnparsed' },
];

/** Colour key with the count of each kind. */
export const SpanLegend = memo(function SpanLegend({ items }: { items: SpanItem[] }) {
  const { t } = useTranslation();
  const counts = new Map<SpanKind, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return (
    <Group gap="sm" aria-label={t('plans.legend')} data-testid="span-legend">
      {LEGEND.map(({ kind, key }) => (
        <Group key={kind} gap={4} wrap="nowrap">
          <span
            className={classes.swatch}
            style={
              kind === 'unparsed'
                ? { border: '2px dashed var(--kind-unparsed)' }
                : { background: `var(--kind-${kind}-bg)`, border: `2px solid var(--kind-${kind})` }
            }
            aria-hidden
          />
          <Text size="xs">
            {t(`plans.${key}`)} ({counts.get(kind) ?? 0})
          </Text>
        </Group>
      ))}
    </Group>
  );
});

/** The rows of the form that point into the text, plus the unparsed paragraphs. */
export function spanItemsOf(
  values: {
    targets: { span: { start: number; end: number } | null }[];
    taskGroups: { span: { start: number; end: number } | null }[];
    assignments: { span: { start: number; end: number } | null }[];
    reportingRules: { span: { start: number; end: number } | null }[];
  },
  unparsed: { span: { start: number; end: number } }[] = [],
): SpanItem[] {
  const out: SpanItem[] = [];
  for (const kind of ['targets', 'taskGroups', 'assignments', 'reportingRules'] as const) {
    values[kind].forEach((row, i) => {
      if (row.span) out.push({ id: `${kind}.${i}`, kind, span: row.span });
    });
  }
  unparsed.forEach((u, i) => out.push({ id: `unparsed.${i}`, kind: 'unparsed', span: u.span }));
  return out;
}
