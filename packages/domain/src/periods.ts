/**
 * Period codes as DHIS2 writes them: '2026' (year), '2026S1' (half-year), '2026Q3' (quarter),
 * '2026-11' (month). Dates are 'YYYY-MM-DD' strings throughout (no time zone games).
 */
export const PERIOD_TYPES = ['year', 'half_year', 'quarter', 'month'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface Period {
  code: string;
  type: PeriodType;
  year: number;
  /** 1-based: half 1–2, quarter 1–4, month 1–12; 1 for a year. */
  index: number;
  /** First and last day, inclusive. */
  start: string;
  end: string;
}

const MONTHS_PER: Record<PeriodType, number> = { year: 12, half_year: 6, quarter: 3, month: 1 };

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month of a year (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makePeriod(type: PeriodType, year: number, index = 1): Period {
  const span = MONTHS_PER[type];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const code =
    type === 'year'
      ? String(year)
      : type === 'half_year'
        ? `${year}S${index}`
        : type === 'quarter'
          ? `${year}Q${index}`
          : `${year}-${pad(index)}`;
  return {
    code,
    type,
    year,
    index,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

/** Parses a period code; null when it is not one. */
export function parsePeriod(code: string): Period | null {
  const m = /^(\d{4})(?:(S)([12])|(Q)([1-4])|-(0[1-9]|1[0-2]))?$/.exec(code.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  if (m[2]) return makePeriod('half_year', year, Number(m[3]));
  if (m[4]) return makePeriod('quarter', year, Number(m[5]));
  if (m[6]) return makePeriod('month', year, Number(m[6]));
  return makePeriod('year', year);
}

/** The period of a type that holds a date ('YYYY-MM-DD'). */
export function periodOf(date: string, type: PeriodType): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return makePeriod(type, year, Math.floor((month - 1) / MONTHS_PER[type]) + 1);
}

export function periodContains(p: Period, date: string): boolean {
  return date >= p.start && date <= p.end;
}

/** The periods of a type that overlap [from, to], in order. */
export function periodsBetween(type: PeriodType, from: string, to: string): Period[] {
  const out: Period[] = [];
  let p = periodOf(from, type);
  while (p.start <= to) {
    out.push(p);
    p = nextPeriod(p);
  }
  return out;
}

export function nextPeriod(p: Period): Period {
  const count = 12 / MONTHS_PER[p.type];
  return p.index < count ? makePeriod(p.type, p.year, p.index + 1) : makePeriod(p.type, p.year + 1, 1);
}

/** Adds days to an ISO date (UTC arithmetic, so no DST surprises). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way Vietnamese documents and forms write dates. */
export function formatDateVi(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 'dd/mm/yyyy' (or d/m/yyyy, with '/', '-' or '.') → 'YYYY-MM-DD'; null when not a real date. */
export function parseDateVi(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
