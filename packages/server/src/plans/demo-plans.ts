/** Imports plan texts as the system: the CLI's `plan import` and the demo's five seed plans. */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { SEED_PLANS_DIR, type DB } from '@binhdang/db';
import { LocalizedError, msg, type Plan } from '@binhdang/domain';
import { writeAudit } from '../audit/audit.js';
import { findUnit } from '../org/service.js';
import { draftForUnit } from './import.js';
import { createPlan } from './service.js';

export async function importPlanText(db: Kysely<DB>, text: string, orgCode: string): Promise<Plan> {
  const unit = await findUnit(db, orgCode);
  if (!unit) {
    throw new LocalizedError('not_found', msg(`Không tìm thấy đơn vị ${orgCode}`, `No org unit ${orgCode}`), {
      org: msg('Không tìm thấy', 'Not found'),
    });
  }
  return createPlan(db, null, (await draftForUnit(db, text, unit)).draft);
}

/** Which seed plan belongs to which demo unit (the texts do not always name their province). */
export const DEMO_PLAN_ISSUERS: Record<string, string> = {
  '002': '12', // Lai Châu province, 2026–2030
  '003': '38-SYT', // Thanh Hóa health sector
  '004': '38-SVHTTDL', // a provincial culture department, 2024
  '001': 'H-TANYEN', // Tân Yên district (Bắc Giang), abolished 2025
  '000': 'H-SINHO', // a district plan implementing its province's 34/KH-UBND
};

export async function loadDemoPlans(db: Kysely<DB>): Promise<number> {
  const has = await db.selectFrom('plan').select('id').limit(1).executeTakeFirst();
  if (has) return 0;
  let n = 0;
  for (const file of fs
    .readdirSync(SEED_PLANS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const org = DEMO_PLAN_ISSUERS[file.slice(0, 3)];
    if (!org) continue;
    const plan = await importPlanText(db, fs.readFileSync(path.join(SEED_PLANS_DIR, file), 'utf8'), org);
    // Demo plans are issued documents; what units draft from them starts as drafts.
    await db.updateTable('plan').set({ status: 'issued' }).where('id', '=', plan.id).execute();
    n++;
  }
  await writeAudit(db, {
    userId: null,
    action: 'load_demo_plans',
    entity: 'plan',
    entityId: 'demo',
    orgPath: 'VN',
    after: { plans: n },
  });
  return n;
}
