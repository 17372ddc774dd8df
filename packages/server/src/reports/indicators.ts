/**
 * Indicator values for the targets of the report's plan, from the indicator engine
 * (indicators/service.ts), evaluated for the reporting unit and period as of the cut-off end (or
 * today while the window is still open).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import type { ReportFigures } from '@binhdang/domain';
import { computeIndicators } from '../indicators/service.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function indicatorsFor(
  db: Db,
  scope: { planId: string | null; unit: { id: string; path: string }; period: string; asOf: string },
): Promise<ReportFigures['indicators']> {
  if (!scope.planId)
    return {
      available: false,
      noteVi: 'Kế hoạch của báo cáo không còn trên hệ thống; không tính được chỉ tiêu.',
      noteEn: 'The report’s plan is no longer in the system; no indicators.',
      items: [],
    };
  const r = await computeIndicators(db as Kysely<DB>, {
    org: scope.unit.id,
    period: scope.period,
    planId: scope.planId,
    asOf: scope.asOf,
  });
  const items = r.items.map((i) => ({
    targetId: i.targetId,
    number: i.targetNumber,
    code: null,
    text: i.targetText,
    unit: i.unit,
    target: i.milestone?.value ?? null,
    value: i.value,
    status: i.status,
    numerator: i.numerator,
    denominator: i.denominator,
  }));
  return {
    available: true,
    noteVi: items.length ? null : 'Kế hoạch không có chỉ tiêu để tính.',
    noteEn: items.length ? null : 'The plan has no targets to compute.',
    items,
  };
}
