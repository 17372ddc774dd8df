/**
 * Cuts the original text into segments at every span boundary, so overlapping and nested spans
 * (a reporting sentence inside an assignment paragraph) highlight without breaking the text.
 */
import type { Span } from './api.ts';

export type SpanKind = 'targets' | 'taskGroups' | 'assignments' | 'reportingRules' | 'unparsed';

export interface SpanItem {
  /** "targets.2" for form rows, "unparsed.0" for what the parser left. */
  id: string;
  kind: SpanKind;
  span: Span;
}

export interface Segment {
  start: number;
  end: number;
  /** Items covering the segment, innermost (shortest span) first; empty for plain text. */
  items: SpanItem[];
}

export function segmentText(length: number, items: SpanItem[]): Segment[] {
  const valid = items
    .map((i) => ({ ...i, span: { start: clamp(i.span.start, length), end: clamp(i.span.end, length) } }))
    .filter((i) => i.span.end > i.span.start);
  const cuts = new Set<number>([0, length]);
  for (const i of valid) {
    cuts.add(i.span.start);
    cuts.add(i.span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    const covering = valid
      .filter((i) => i.span.start <= start && i.span.end >= end)
      .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
    const last = segments.at(-1);
    // Neighbours covered by the same items read as one run.
    if (last && sameItems(last.items, covering)) last.end = end;
    else segments.push({ start, end, items: covering });
  }
  return segments;
}

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(length, n));
}

function sameItems(a: SpanItem[], b: SpanItem[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]?.id);
}
