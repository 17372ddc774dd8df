/**
 * Pure helpers of the reports pages: period names as officials write them, days to a deadline
 * counted on the Vietnamese calendar day, and the colours of statuses and timeliness.
 */
import type { ReportListStatus, ReportSummary, Timeliness } from '@binhdang/domain';

export type Lang = 'vi' | 'en';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * '2026' → 'Năm 2026', '2026S1' → '6 tháng đầu năm 2026', '2026S2' → '6 tháng cuối năm 2026',
 * '2026Q3' → 'Quý III năm 2026', '2026-11' → 'Tháng 11 năm 2026'. Anything else is shown as is.
 */
export function periodLabel(code: string, lang: Lang = 'vi'): string {
  const m = /^(\d{4})(?:S([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(code.trim());
  if (!m) return code;
  const year = m[1] ?? '';
  if (m[2]) {
    if (lang === 'en') return `${m[2] === '1' ? 'First' : 'Second'} half of ${year}`;
    return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${year}`;
  }
  if (m[3]) {
    const q = Number(m[3]);
    return lang === 'en' ? `Q${q} ${year}` : `Quý ${ROMAN[q - 1] ?? q} năm ${year}`;
  }
  if (m[4]) {
    const month = Number(m[4]);
    return lang === 'en' ? `${MONTHS_EN[month - 1] ?? month} ${year}` : `Tháng ${month} năm ${year}`;
  }
  return lang === 'en' ? `Year ${year}` : `Năm ${year}`;
}

/** Today's calendar date in Vietnam ('YYYY-MM-DD'), whatever the device's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** Whole calendar days from a to b ('YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export type Deadline =
  /** Due before 00:00 of dueBefore: `days` whole days remain, the last one being dueBefore − 1. */
  | { state: 'ahead'; days: number }
  /** Today is the last day (the deadline is tonight at midnight). */
  | { state: 'today' }
  /** Past the deadline by `days` days (1 on the deadline day itself). */
  | { state: 'overdue'; days: number };

/**
 * Where a report stands against "trước ngày dueBefore": due before midnight starting that day,
 * Asia/Ho_Chi_Minh. On dueBefore − 1 it is the last day; on dueBefore it is 1 day late.
 */
export function deadlineState(dueBefore: string, today: string = todayInVietnam()): Deadline {
  const left = daysBetween(today, dueBefore);
  if (left > 1) return { state: 'ahead', days: left - 1 };
  if (left === 1) return { state: 'today' };
  return { state: 'overdue', days: 1 - left };
}

/** A reminder worth showing: overdue, or the last day within 7 days. */
export function isDueSoon(dueBefore: string, today: string = todayInVietnam()): boolean {
  const d = deadlineState(dueBefore, today);
  return d.state !== 'ahead' || d.days <= 7;
}

export const STATUS_COLORS: Record<ReportListStatus, string> = {
  not_started: 'gray',
  draft: 'blue',
  submitted: 'violet',
  returned: 'orange',
  approved: 'green',
};

export const TIMELINESS_COLORS: Record<Timeliness, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'gray',
  not_expected: 'gray',
};

/** Still owed by the unit: nothing sent yet, or sent back to it. */
export function isOwed(status: ReportListStatus): boolean {
  return status === 'not_started' || status === 'draft' || status === 'returned';
}

const INDICATOR_COLORS: Record<string, string> = {
  achieved: 'green',
  met: 'green',
  on_track: 'teal',
  at_risk: 'yellow',
  behind: 'orange',
  off_track: 'red',
  no_data: 'gray',
};

export function indicatorColor(status: string): string {
  return INDICATOR_COLORS[status] ?? 'gray';
}

/** A rate 0–1 as a percent with one decimal, clamped so that no display can ever exceed 100 %. */
export function percent(rate: number | null, lang: Lang = 'vi'): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  const clamped = Math.min(1, Math.max(0, rate));
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 }).format(clamped * 100)}%`;
}

/** Integers with '.' thousands as Vietnamese write them (1.234.567); English uses ','. */
export function formatCount(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 }).format(n);
}

/** Whole đồng: '1.500.000 đ'. */
export function formatMoney(n: number | null | undefined, lang: Lang = 'vi'): string {
  if (n === null || n === undefined) return '—';
  // A no-break space keeps the unit with its number.
  return `${formatCount(n, lang)}\u00a0đ`;
}

/** Large amounts for a small card: '166,5 triệu đ', '1,2 tỷ đ'; small ones in full. */
export function formatMoneyShort(n: number, lang: Lang = 'vi'): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 1 });
  if (n >= 1e9) return `${nf.format(n / 1e9)}\u00a0${lang === 'en' ? 'billion' : 'tỷ'}\u00a0đ`;
  if (n >= 1e6) return `${nf.format(n / 1e6)}\u00a0${lang === 'en' ? 'million' : 'triệu'}\u00a0đ`;
  return formatMoney(n, lang);
}

/** A timestamp as 'HH:mm dd/mm/yyyy' in Vietnam's time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')}:${get('minute')} ${get('day')}/${get('month')}/${get('year')}`;
}

/** What is still owed comes first, the nearest deadline on top; then the rest, newest first. */
export function sortReports<T extends Pick<ReportSummary, 'status' | 'dueBefore'>>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const oa = isOwed(a.status) ? 0 : 1;
    const ob = isOwed(b.status) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    if (oa === 0) return a.dueBefore.localeCompare(b.dueBefore);
    return b.dueBefore.localeCompare(a.dueBefore);
  });
}

const UNIT_WORDS: Record<string, { vi: string; en: string }> = {
  sessions: { vi: 'cuộc', en: 'sessions' },
  news_items: { vi: 'tin, bài', en: 'news items' },
  units: { vi: 'đơn vị', en: 'units' },
};

/** A target's figure with its unit: 'percent' → '85%', 'sessions' → '2 cuộc', 'count' → '12'. */
export function withUnit(value: number | null, unit: string, lang: Lang = 'vi'): string {
  if (value === null) return '—';
  const n = formatCount(value, lang);
  if (unit === 'percent' || unit === '%') return `${n}%`;
  if (!unit || unit === 'count') return n;
  const word = UNIT_WORDS[unit];
  return `${n}\u00a0${word ? word[lang] : unit}`;
}
