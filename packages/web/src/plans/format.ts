/**
 * How plan facts read on screen: milestones ("≥ 2 cuộc/năm", "90% đến 2030", "10–15%"),
 * periods, reporting rules, and whether a plan comes from above the user. Pure functions that
 * take the translator, so both languages are tested without a browser.
 */
import type { TFunction } from 'i18next';
import type { Comparator, TargetFrequency } from './form.ts';

export interface MilestoneLike {
  year: number;
  value: number | null;
  valueMax: number | null;
}

export interface TargetLike {
  unit: string;
  comparator: Comparator;
  frequency: TargetFrequency;
  milestones: MilestoneLike[];
}

const PREFIX: Record<Comparator, string> = { gte: '≥ ', gt: '> ', eq: '', lte: '≤ ', range: '' };
const PERIODIC = new Set<TargetFrequency>(['annual', 'half_year', 'quarterly', 'monthly']);

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 }).format(n);
}

/** "≥ 2 cuộc/năm", "100% hằng năm", "10–15% đến 2030", "90% đến 2030". */
export function describeMilestone(
  target: TargetLike,
  m: MilestoneLike,
  t: TFunction,
  lang: string,
  opts: { showYear?: boolean } = {},
): string {
  const f = (n: number) => formatNumber(n, lang);
  let value: string;
  if (m.value === null) {
    value = t('plans.notQuantified');
  } else {
    const amount =
      target.comparator === 'range' && m.valueMax !== null && m.valueMax !== m.value
        ? `${f(m.value)}–${f(m.valueMax)}`
        : f(m.value);
    value = PREFIX[target.comparator] + amount + unitSuffix(target.unit, t);
  }
  const periodic = PERIODIC.has(target.frequency);
  if (periodic && m.value !== null) {
    const freq = target.frequency as 'annual' | 'half_year' | 'quarterly' | 'monthly';
    value +=
      target.unit === 'percent'
        ? ' ' + t(`plans.frequencies.${freq}`).toLocaleLowerCase(lang)
        : t(`plans.perFrequency.${freq}`);
  }
  if (!periodic || opts.showYear) {
    value += periodic ? ` (${m.year})` : ' ' + t('plans.byYear', { year: m.year });
  }
  return value;
}

function unitSuffix(unit: string, t: TFunction): string {
  if (unit === 'percent') return '%';
  if (unit === 'count' || unit === '') return '';
  if (unit === 'sessions' || unit === 'news_items') return ' ' + t(`plans.unitSuffix.${unit}`);
  return ' ' + unit.replace(/_/g, ' ');
}

/** "2026–2030", "2026", "—". */
export function formatPeriod(from: number | null, to: number | null): string {
  if (from === null && to === null) return '—';
  if (from === null || to === null || from === to) return String(from ?? to);
  return `${from}–${to}`;
}

export interface RuleLike {
  frequency: 'half_year' | 'annual' | 'quarterly' | 'monthly';
  deadline: string;
  recipientName: string | null;
}

/** "Báo cáo hằng năm trước ngày 01/12 gửi Ủy ban nhân dân tỉnh (qua Sở Nội vụ)". */
export function describeReportingRule(rule: RuleLike, t: TFunction): string {
  const line = t('plans.reportLine', {
    frequency: t(`plans.reportFrequencies.${rule.frequency}`),
    deadline: rule.deadline,
  });
  return rule.recipientName ? `${line} ${t('plans.reportTo', { recipient: rule.recipientName })}` : line;
}

/**
 * Whether the plan's issuer sits strictly above the user. Unit codes are the segments of the
 * materialised path (VN.12.03394), so the user's own path names every unit above them.
 */
export function isAboveUser(planOrgCode: string, userPath: string): boolean {
  return userPath.split('.').slice(0, -1).includes(planOrgCode);
}
