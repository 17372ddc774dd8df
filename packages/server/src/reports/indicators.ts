/**
 * Indicator values for the targets of the report's plan. The indicator engine is a separate
 * feature; until it is installed the draft says so instead of showing numbers it cannot compute.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import type { ReportFigures } from '@binhdang/domain';

type Db = Kysely<DB> | Transaction<DB>;

export async function indicatorsFor(
  _db: Db,
  _scope: { planId: string | null; unit: { id: string; path: string }; year: number },
): Promise<ReportFigures['indicators']> {
  return {
    available: false,
    noteVi: 'Chưa có giá trị chỉ tiêu: bộ tính chỉ tiêu chưa được cài đặt trên hệ thống.',
    noteEn: 'Indicator values unavailable: the indicator engine is not installed on this system.',
    items: [],
  };
}
