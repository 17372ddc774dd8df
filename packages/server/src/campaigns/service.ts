/**
 * The yearly campaign calendar (windows repeat each year; themes per year) and the units'
 * campaign plans (Action Month: "100 % of units make a plan", target T2). Reading is open to
 * every signed-in user for the calendar and scoped to the subtree for plans; recording a plan
 * needs `plan.write` or `activity.write` with the unit in scope; a theme needs an admin or a
 * planner of a central unit.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@binhdang/db';
import {
  hasPermission,
  isInSubtree,
  LocalizedError,
  msg,
  provinceCodeOf,
  toNfc,
  type Campaign,
  type CampaignPlan,
  type CampaignPlanCoverage,
  type CampaignPlanInput,
  type CampaignPlanPatch,
  type CampaignThemeInput,
  isUuid,
} from '@binhdang/domain';
import type { Actor } from '../context.js';
import { writeAudit } from '../audit/audit.js';
import { getUnitInScope } from '../org/service.js';
import { campaignWindow } from '../activities/validate.js';
import type { BlobStore } from '../storage/blob-store.js';
import { checkUpload, cleanFileName } from '../storage/files.js';

type Db = Kysely<DB> | Transaction<DB>;

const campaignNotFound = () =>
  new LocalizedError('not_found', msg('Không tìm thấy đợt/chiến dịch truyền thông', 'Campaign not found'));
const planNotFound = () =>
  new LocalizedError('not_found', msg('Không tìm thấy kế hoạch hưởng ứng', 'Campaign plan not found'));

export const thisYear = (): number => new Date().getUTCFullYear();

async function campaignRow(db: Db, id: string) {
  if (!isUuid(id)) throw campaignNotFound();
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw campaignNotFound();
  return c;
}

export async function listCampaigns(db: Kysely<DB>, year: number): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('campaign as c')
    .leftJoin('campaign_theme as t', (j) => j.onRef('t.campaign_id', '=', 'c.id').on('t.year', '=', year))
    .selectAll('c')
    .select(['t.theme_vi', 't.theme_en'])
    .where('c.active', '=', true)
    .orderBy('c.ordinal')
    .execute();
  return rows.map((c) => {
    const w = campaignWindow(c, year);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      id: c.id,
      code: c.code,
      nameVi: c.name_vi,
      nameEn: c.name_en,
      start: `${pad(c.start_day)}/${pad(c.start_month)}`,
      end: `${pad(c.end_day)}/${pad(c.end_month)}`,
      requiresPlan: c.requires_plan,
      legalBasis: c.legal_basis,
      year,
      startDate: w.startDate,
      endDate: w.endDate,
      themeVi: c.theme_vi,
      themeEn: c.theme_en,
    };
  });
}

function planSelect(db: Db) {
  return db
    .selectFrom('campaign_plan as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .selectAll('p')
    .select(['o.code as org_code', 'o.name as org_name']);
}
type PlanRow = NonNullable<Awaited<ReturnType<ReturnType<typeof planSelect>['executeTakeFirst']>>>;

function toPlanDto(r: PlanRow): CampaignPlan {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    orgUnitId: r.org_unit_id,
    orgUnitCode: r.org_code,
    orgUnitName: r.org_name,
    year: r.year,
    documentNumber: r.document_number,
    issuedOn: r.issued_on,
    planId: r.plan_id,
    fileName: r.file_name,
    notes: r.notes,
    version: r.version,
  };
}

const LEAF_KINDS = ['commune', 'village', 'agency', 'media_agency', 'mass_org', 'enterprise'];
const EXPECTED_KINDS = [
  'central',
  'province',
  'department',
  'district',
  'commune',
  'agency',
  'media_agency',
  'mass_org',
];

export async function campaignPlanCoverage(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  year: number,
  org?: string,
): Promise<CampaignPlanCoverage> {
  await campaignRow(db, campaignId);
  const base = await getUnitInScope(db, actor, org ?? actor.orgUnitId, 'org');
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const units = await db
    .selectFrom('org_unit as o')
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.path'])
    // A commune, an agency or a mass organisation answers for itself; a province, a department or
    // the nation also for the units directly below it.
    .where((eb) =>
      LEAF_KINDS.includes(base.kind)
        ? eb('o.id', '=', base.id)
        : eb.or([eb('o.id', '=', base.id), eb('o.parent_id', '=', base.id)]),
    )
    .where('o.kind', 'in', EXPECTED_KINDS)
    .where((eb) => eb.or([eb('o.valid_to', 'is', null), eb('o.valid_to', '>', yearStart)]))
    .where((eb) => eb.or([eb('o.valid_from', 'is', null), eb('o.valid_from', '<=', yearEnd)]))
    .orderBy(sql`o.id = ${base.id}`, 'desc')
    .orderBy('o.kind')
    .orderBy('o.code')
    .execute();
  const plans = units.length
    ? await planSelect(db)
        .where('p.campaign_id', '=', campaignId)
        .where('p.year', '=', year)
        .where(
          'p.org_unit_id',
          'in',
          units.map((u) => u.id),
        )
        .execute()
    : [];
  const byUnit = new Map(plans.map((p) => [p.org_unit_id, toPlanDto(p)]));
  return {
    campaignId,
    year,
    orgUnitId: base.id,
    expected: units.length,
    recorded: units.filter((u) => byUnit.has(u.id)).length,
    units: units.map((u) => ({
      orgUnitId: u.id,
      orgUnitCode: u.code,
      orgUnitName: u.name,
      kind: u.kind,
      plan: byUnit.get(u.id) ?? null,
    })),
  };
}

function requireRecorder(actor: Actor): void {
  if (!hasPermission(actor.roles, 'plan.write') && !hasPermission(actor.roles, 'activity.write')) {
    throw new LocalizedError(
      'forbidden',
      msg('Bạn không có quyền ghi nhận kế hoạch hưởng ứng', 'You are not allowed to record campaign plans'),
    );
  }
}

async function checkPlanLink(db: Db, actor: Actor, planId: string | null | undefined): Promise<void> {
  if (!planId) return;
  const p = await db.selectFrom('plan').select('org_path').where('id', '=', planId).executeTakeFirst();
  if (!p || !(isInSubtree(p.org_path, actor.orgPath) || isInSubtree(actor.orgPath, p.org_path))) {
    throw new LocalizedError('validation', msg('Không tìm thấy kế hoạch', 'Plan not found'), {
      planId: msg('Không tìm thấy kế hoạch (hoặc ngoài phạm vi)', 'Plan not found (or outside your scope)'),
    });
  }
}

export async function recordCampaignPlan(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  input: CampaignPlanInput,
): Promise<CampaignPlan> {
  requireRecorder(actor);
  await campaignRow(db, campaignId);
  return db.transaction().execute(async (trx) => {
    const unit = await getUnitInScope(trx, actor, input.orgUnit ?? actor.orgUnitId, 'orgUnit');
    await checkPlanLink(trx, actor, input.planId);
    const id = crypto.randomUUID();
    const inserted = await trx
      .insertInto('campaign_plan')
      .values({
        id,
        campaign_id: campaignId,
        org_unit_id: unit.id,
        org_path: unit.path,
        province_code: unit.province_code,
        year: input.year,
        document_number: input.documentNumber && toNfc(input.documentNumber),
        issued_on: input.issuedOn,
        plan_id: input.planId,
        notes: input.notes && toNfc(input.notes),
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['campaign_id', 'org_unit_id', 'year']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      throw new LocalizedError(
        'duplicate',
        msg(
          `Đơn vị đã ghi nhận kế hoạch năm ${input.year}; hãy sửa bản đã có`,
          `The unit has already recorded its plan for ${input.year}; edit that one`,
        ),
        { year: msg('Đã ghi nhận cho năm này', 'Already recorded for this year') },
      );
    }
    const plan = toPlanDto((await planSelect(trx).where('p.id', '=', id).executeTakeFirst())!);
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'create',
      entity: 'campaign_plan',
      entityId: id,
      orgPath: unit.path,
      after: plan,
    });
    return plan;
  });
}

async function writablePlan(trx: Db, actor: Actor, campaignId: string, planId: string, lock = true) {
  requireRecorder(actor);
  if (!isUuid(planId)) throw planNotFound();
  if (lock) await trx.selectFrom('campaign_plan').select('id').where('id', '=', planId).forUpdate().executeTakeFirst();
  const r = await planSelect(trx).where('p.id', '=', planId).where('p.campaign_id', '=', campaignId).executeTakeFirst();
  if (!r) throw planNotFound();
  if (!isInSubtree(r.org_path, actor.orgPath))
    throw new LocalizedError(
      'out_of_scope',
      msg('Kế hoạch nằm ngoài phạm vi của bạn', 'This plan is outside your scope'),
    );
  return r;
}

function requireVersion(version: number, expected: number): void {
  if (version !== expected) {
    throw new LocalizedError(
      'stale_version',
      msg('Bản ghi đã được người khác sửa; hãy tải lại', 'The record was changed by someone else; reload it'),
      { version: msg(`Phiên bản hiện tại là ${version}`, `Current version is ${version}`) },
    );
  }
}

export async function updateCampaignPlan(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  planId: string,
  patch: CampaignPlanPatch,
): Promise<CampaignPlan> {
  return db.transaction().execute(async (trx) => {
    const r = await writablePlan(trx, actor, campaignId, planId);
    requireVersion(r.version, patch.version);
    await checkPlanLink(trx, actor, patch.planId);
    const before = toPlanDto(r);
    await trx
      .updateTable('campaign_plan')
      .set({
        ...(patch.documentNumber !== undefined
          ? { document_number: patch.documentNumber && toNfc(patch.documentNumber) }
          : {}),
        ...(patch.issuedOn !== undefined ? { issued_on: patch.issuedOn } : {}),
        ...(patch.planId !== undefined ? { plan_id: patch.planId } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes && toNfc(patch.notes) } : {}),
        version: r.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', planId)
      .execute();
    const after = toPlanDto((await planSelect(trx).where('p.id', '=', planId).executeTakeFirst())!);
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'campaign_plan',
      entityId: planId,
      orgPath: r.org_path,
      before,
      after,
    });
    return after;
  });
}

/** Attaches (or replaces) the plan's document: PDF or an image of the signed plan, ≤ 10 MB. */
export async function attachCampaignPlanFile(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  campaignId: string,
  planId: string,
  file: { name: string | undefined; bytes: Buffer },
): Promise<CampaignPlan> {
  await writablePlan(db, actor, campaignId, planId, false);
  const type = checkUpload(file.bytes);
  const key = `campaign-plans/${planId}/${crypto.randomUUID()}`;
  await blobs.put(key, file.bytes, type);
  let oldKey: string | null = null;
  try {
    const plan = await db.transaction().execute(async (trx) => {
      const r = await writablePlan(trx, actor, campaignId, planId);
      oldKey = r.storage_key;
      await trx
        .updateTable('campaign_plan')
        .set({
          file_name: cleanFileName(file.name, type),
          content_type: type,
          size_bytes: file.bytes.length,
          storage_key: key,
          version: r.version + 1,
          updated_at: new Date(),
        })
        .where('id', '=', planId)
        .execute();
      const after = toPlanDto((await planSelect(trx).where('p.id', '=', planId).executeTakeFirst())!);
      await writeAudit(trx, {
        userId: actor.userId,
        action: 'attach_file',
        entity: 'campaign_plan',
        entityId: planId,
        orgPath: r.org_path,
        before: { fileName: r.file_name },
        after: { fileName: after.fileName, sizeBytes: file.bytes.length },
      });
      return after;
    });
    if (oldKey) await blobs.delete(oldKey);
    return plan;
  } catch (e) {
    await blobs.delete(key);
    throw e;
  }
}

export async function campaignPlanFile(
  db: Kysely<DB>,
  blobs: BlobStore,
  actor: Actor,
  campaignId: string,
  planId: string,
): Promise<{ name: string; type: string; bytes: Buffer }> {
  if (!isUuid(planId)) throw planNotFound();
  const r = await planSelect(db).where('p.id', '=', planId).where('p.campaign_id', '=', campaignId).executeTakeFirst();
  if (!r) throw planNotFound();
  if (!isInSubtree(r.org_path, actor.orgPath))
    throw new LocalizedError(
      'out_of_scope',
      msg('Kế hoạch nằm ngoài phạm vi của bạn', 'This plan is outside your scope'),
    );
  const bytes = r.storage_key ? await blobs.get(r.storage_key) : null;
  if (!bytes || !r.file_name || !r.content_type)
    throw new LocalizedError('not_found', msg('Kế hoạch chưa có tệp đính kèm', 'The plan has no file'));
  return { name: r.file_name, type: r.content_type, bytes };
}

export async function setCampaignTheme(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  year: number,
  input: CampaignThemeInput,
): Promise<Campaign> {
  const central = provinceCodeOf(actor.orgPath) === null;
  if (!central || !(actor.roles.includes('admin') || actor.roles.includes('planner'))) {
    throw new LocalizedError(
      'forbidden',
      msg(
        'Chỉ quản trị viên hoặc cán bộ kế hoạch cấp trung ương được đặt chủ đề',
        'Only an administrator or a central planner may set the theme',
      ),
    );
  }
  const c = await campaignRow(db, campaignId);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('campaign_theme')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('year', '=', year)
      .executeTakeFirst();
    const values = { theme_vi: toNfc(input.themeVi), theme_en: input.themeEn && toNfc(input.themeEn) };
    await trx
      .insertInto('campaign_theme')
      .values({ campaign_id: campaignId, year, ...values })
      .onConflict((oc) => oc.columns(['campaign_id', 'year']).doUpdateSet(values))
      .execute();
    await writeAudit(trx, {
      userId: actor.userId,
      action: 'set_theme',
      entity: 'campaign',
      entityId: c.id,
      orgPath: 'VN',
      before: before ?? null,
      after: { year, ...values },
    });
  });
  return (await listCampaigns(db, year)).find((x) => x.id === campaignId)!;
}
