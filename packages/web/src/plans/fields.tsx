/**
 * Inputs of the plan editor, each memoised on its own value and message, so a keystroke
 * re-renders the one input typed in and not the other inputs of its row (Mantine inputs are
 * costly enough that a plan's hundred of them made typing lag on phones). Props are primitives
 * or constants for the same reason.
 */
import {
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Text,
  TextInput,
  Textarea,
  type ComboboxItem,
  type MantineSize,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { OrgUnitPicker } from '../org/OrgUnitPicker.tsx';
import type { PlanForm } from './usePlanForm.ts';

type SetFn = PlanForm['set'];

const FLEX1 = { flex: 1 } as const;
const PERCENT = <Text size="xs">%</Text>;
const DATE_FORMAT = 'DD/MM/YYYY';

/** Messages are either the server's text or one of our i18n keys ("plans.required"). */
export function useMessage() {
  const { t } = useTranslation();
  return (m: string | undefined): string | undefined =>
    m === undefined ? undefined : m.startsWith('plans.') ? t(m as 'plans.required') : m;
}

interface Common {
  path: string;
  set: SetFn;
  /** The raw message (server text or i18n key). */
  error?: string | undefined;
  label?: string;
  'aria-label'?: string;
  description?: string;
  placeholder?: string;
  required?: boolean;
  size?: MantineSize;
  /** Grows to fill its row. */
  grow?: boolean;
}

export const TextField = memo(function TextField(
  p: Common & { value: string; maxLength?: number; numeric?: boolean; code?: boolean },
) {
  const msg = useMessage();
  return (
    <TextInput
      label={p.label}
      aria-label={p['aria-label']}
      description={p.description}
      placeholder={p.placeholder}
      required={p.required}
      size={p.size}
      style={p.grow ? FLEX1 : undefined}
      maxLength={p.maxLength}
      inputMode={p.numeric ? 'numeric' : undefined}
      autoCapitalize={p.code ? 'none' : undefined}
      spellCheck={p.code ? false : undefined}
      value={p.value}
      onChange={(e) => p.set(p.path, e.currentTarget.value)}
      error={msg(p.error)}
    />
  );
});

export const AreaField = memo(function AreaField(p: Common & { value: string; minRows?: number; maxRows?: number }) {
  const msg = useMessage();
  return (
    <Textarea
      label={p.label}
      aria-label={p['aria-label']}
      description={p.description}
      placeholder={p.placeholder}
      required={p.required}
      size={p.size}
      style={p.grow ? FLEX1 : undefined}
      autosize
      minRows={p.minRows ?? 2}
      maxRows={p.maxRows ?? 8}
      value={p.value}
      onChange={(e) => p.set(p.path, e.currentTarget.value)}
      error={msg(p.error)}
    />
  );
});

export const NumField = memo(function NumField(
  p: Common & {
    value: number | '';
    min?: number;
    max?: number;
    integer?: boolean;
    width?: number;
    percent?: boolean;
  },
) {
  const msg = useMessage();
  return (
    <NumberInput
      label={p.label}
      aria-label={p['aria-label']}
      placeholder={p.placeholder}
      required={p.required}
      size={p.size}
      style={p.grow ? FLEX1 : undefined}
      w={p.width}
      min={p.min}
      max={p.max}
      allowDecimal={!p.integer}
      decimalSeparator={p.integer ? undefined : ','}
      hideControls
      rightSection={p.percent ? PERCENT : undefined}
      value={p.value}
      onChange={(n) => p.set(p.path, typeof n === 'number' && Number.isFinite(n) ? n : '')}
      error={msg(p.error)}
    />
  );
});

export const SelectField = memo(function SelectField(
  p: Common & {
    value: string | null;
    /** Must keep its identity between renders (useMemo). */
    data: ComboboxItem[];
    clearable?: boolean;
    /** The value written for a choice, when it differs from the choice itself. */
    map?: (choice: string | null) => unknown;
  },
) {
  const msg = useMessage();
  return (
    <Select
      label={p.label}
      aria-label={p['aria-label']}
      placeholder={p.placeholder}
      required={p.required}
      size={p.size}
      data={p.data}
      value={p.value}
      clearable={p.clearable}
      allowDeselect={!!p.clearable}
      onChange={(v) => {
        if (v === null && !p.clearable) return;
        p.set(p.path, p.map ? p.map(v) : v);
      }}
      comboboxProps={{ withinPortal: true }}
      error={msg(p.error)}
    />
  );
});

export const DateField = memo(function DateField(p: Common & { value: string | null; width?: number }) {
  const msg = useMessage();
  return (
    <DateInput
      label={p.label}
      placeholder="dd/mm/yyyy"
      valueFormat={DATE_FORMAT}
      clearable
      w={p.width}
      value={p.value}
      onChange={(d) => p.set(p.path, d)}
      error={msg(p.error)}
    />
  );
});

export const UnitField = memo(function UnitField(
  p: Common & { value: string | null; initialCode: string | null; initialName: string | null; testId?: string },
) {
  const msg = useMessage();
  return (
    <OrgUnitPicker
      label={p.label ?? ''}
      required={p.required}
      value={p.value}
      initial={p.initialCode ? { code: p.initialCode, name: p.initialName ?? p.initialCode } : null}
      onChange={(code) => p.set(p.path, code)}
      error={msg(p.error)}
      data-testid={p.testId}
    />
  );
});

export const MultiField = memo(function MultiField(
  p: Common & { value: string[]; data: ComboboxItem[]; testId?: string },
) {
  const msg = useMessage();
  return (
    <MultiSelect
      label={p.label}
      data={p.data}
      value={p.value}
      onChange={(v) => p.set(p.path, v)}
      clearable
      comboboxProps={{ withinPortal: true }}
      error={msg(p.error)}
      data-testid={p.testId}
    />
  );
});

export const SegmentField = memo(function SegmentField(p: Common & { value: string; data: ComboboxItem[] }) {
  return (
    <SegmentedControl
      display="flex"
      size={p.size ?? 'xs'}
      aria-label={p['aria-label'] ?? p.label}
      data={p.data}
      value={p.value}
      onChange={(v) => p.set(p.path, v)}
    />
  );
});
