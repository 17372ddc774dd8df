/**
 * Original text beside the editor: on wide screens side by side (the text scrolls on its own),
 * on phones as two tabs, "Văn bản gốc" and "Dữ liệu". A form row and its span find each other
 * both ways: "locate" on a row scrolls the text, a click on a highlight opens the row.
 */
import { Stack, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Span } from './api.ts';
import { PlanEditor, type PlanEditorProps } from './PlanEditor.tsx';
import { SourceText, SpanLegend, scrollToSpan, spanItemsOf } from './SourceText.tsx';
import classes from './plans.module.css';

type ScrollRequest = { to: 'source' | 'form'; id: string; seq: number } | null;

export interface PlanWorkbenchProps {
  text: string;
  unparsed?: { text: string; span: Span }[];
  editor: Omit<PlanEditorProps, 'activeItem' | 'onFocusItem' | 'onLocate'>;
  /** Shown above the text (legend, counts, warnings). */
  sourceHeader?: ReactNode;
}

export function PlanWorkbench({ text, unparsed, editor, sourceHeader }: PlanWorkbenchProps) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const [tab, setTab] = useState<'source' | 'data'>('source');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [scrollReq, setScrollReq] = useState<ScrollRequest>(null);
  const sourceRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);

  const { values } = editor.form;
  // Spans travel with their rows, so removing a row removes its highlight.
  const spanKey = (['targets', 'taskGroups', 'assignments', 'reportingRules'] as const)
    .map((k) => values[k].map((r) => (r.span ? `${r.span.start}-${r.span.end}` : '')).join(','))
    .join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed exactly when a span moves
  const items = useMemo(() => spanItemsOf(values, unparsed), [spanKey, unparsed]);

  const request = useCallback((to: 'source' | 'form', id: string) => {
    seq.current += 1;
    setScrollReq({ to, id, seq: seq.current });
  }, []);

  const onLocate = useCallback(
    (id: string) => {
      setActiveId(id);
      setTab('source');
      request('source', id);
    },
    [request],
  );
  const onFocusItem = useCallback((id: string) => setActiveId((prev) => (prev === id ? prev : id)), []);
  const onSelect = useCallback(
    (id: string) => {
      setActiveId(id);
      setTab('data');
      request('form', id);
    },
    [request],
  );

  // Runs after the commit that shows the right tab (phones), so what it scrolls to is there.
  useEffect(() => {
    if (!scrollReq) return;
    if (scrollReq.to === 'source') {
      scrollToSpan(sourceRef.current, scrollReq.id);
    } else {
      const el = document.getElementById(`plan-item-${scrollReq.id.replace('.', '-')}`);
      el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }, [scrollReq]);

  const source = (
    <>
      {sourceHeader}
      <SpanLegend items={items} />
      <SourceText
        ref={sourceRef}
        text={text}
        items={items}
        activeId={activeId}
        onSelect={onSelect}
        label={t('plans.source')}
      />
    </>
  );
  const form = <PlanEditor {...editor} activeItem={activeId} onFocusItem={onFocusItem} onLocate={onLocate} />;

  // Plain elements around the editor, not Mantine's Grid or Tabs: those provide a React context
  // whose new value on every keystroke made React walk the whole form and text for consumers.
  if (wide) {
    return (
      <div className={`${classes.root} ${classes.workbench}`}>
        <div className={classes.sourcePane} data-testid="source-pane">
          {source}
        </div>
        <div className={classes.formPane}>{form}</div>
      </div>
    );
  }
  const tabs = [
    { value: 'source' as const, label: t('plans.source') },
    { value: 'data' as const, label: t('plans.data') },
  ];
  return (
    <div className={classes.root}>
      <div role="tablist" className={classes.tabs}>
        {tabs.map((x) => (
          <UnstyledButton
            key={x.value}
            role="tab"
            id={`plan-tab-${x.value}`}
            aria-selected={tab === x.value}
            aria-controls={`plan-tabpanel-${x.value}`}
            className={classes.tab}
            onClick={() => setTab(x.value)}
          >
            {x.label}
          </UnstyledButton>
        ))}
      </div>
      {tab === 'source' ? (
        <Stack
          gap="xs"
          role="tabpanel"
          id="plan-tabpanel-source"
          aria-labelledby="plan-tab-source"
          data-testid="source-pane"
        >
          {source}
        </Stack>
      ) : (
        <div role="tabpanel" id="plan-tabpanel-data" aria-labelledby="plan-tab-data">
          {form}
        </div>
      )}
    </div>
  );
}
