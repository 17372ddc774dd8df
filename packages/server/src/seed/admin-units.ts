/**
 * Loads Vietnam's administrative units (since 1 July 2025) into an empty database:
 * the nation, the Ministry of Home Affairs, 34 provinces and 3,321 communes with official codes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { ADMIN_UNITS_FILE, type DB, type OrgUnitTable } from '@binhdang/db';
import { ROOT_PATH } from '@binhdang/domain';
import type { Insertable } from 'kysely';
import { searchTextOf } from '../org/service.js';
import { writeAudit } from '../audit/audit.js';

interface SourceUnit {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  AdministrativeUnitShortName: string;
}
interface SourceProvince extends SourceUnit {
  Wards: SourceUnit[];
}

/** The date the two-tier local government took effect. */
export const REORGANISATION_DATE = '2025-07-01';

type NewUnit = Insertable<OrgUnitTable>;

export function unit(u: Omit<NewUnit, 'id' | 'search_text'> & { id?: string }): NewUnit {
  return {
    ...u,
    id: u.id ?? crypto.randomUUID(),
    search_text: searchTextOf({ code: u.code, name: u.name, nameEn: u.name_en ?? null, fullName: u.full_name ?? null }),
  };
}

export function adminUnitRows(source: SourceProvince[]): NewUnit[] {
  const root = unit({
    code: 'VN',
    name: 'Việt Nam',
    name_en: 'Viet Nam',
    full_name: 'Cộng hòa xã hội chủ nghĩa Việt Nam',
    kind: 'central',
    unit_type: 'Quốc gia',
    parent_id: null,
    path: ROOT_PATH,
    province_code: null,
  });
  const ministry = unit({
    code: 'BNV',
    name: 'Bộ Nội vụ',
    name_en: 'Ministry of Home Affairs',
    full_name: 'Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới)',
    kind: 'central',
    unit_type: 'Bộ',
    parent_id: root.id,
    path: `${ROOT_PATH}.BNV`,
    province_code: null,
  });
  const rows: NewUnit[] = [root, ministry];
  for (const p of source) {
    const province = unit({
      code: p.Code,
      name: p.Name,
      name_en: p.NameEn,
      full_name: p.FullName,
      kind: 'province',
      unit_type: p.AdministrativeUnitShortName,
      parent_id: root.id,
      path: `${ROOT_PATH}.${p.Code}`,
      province_code: p.Code,
      valid_from: REORGANISATION_DATE,
    });
    rows.push(province);
    for (const w of p.Wards) {
      rows.push(
        unit({
          code: w.Code,
          name: w.Name,
          name_en: w.NameEn,
          full_name: w.FullName,
          kind: 'commune',
          unit_type: w.AdministrativeUnitShortName,
          parent_id: province.id,
          path: `${province.path}.${w.Code}`,
          province_code: p.Code,
          valid_from: REORGANISATION_DATE,
        }),
      );
    }
  }
  return rows;
}

export async function insertUnits(db: Kysely<DB>, rows: NewUnit[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('org_unit')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Idempotent: does nothing when the nation is already there. Returns the number of units added. */
export async function loadAdminUnits(db: Kysely<DB>, file = ADMIN_UNITS_FILE): Promise<number> {
  const has = await db.selectFrom('org_unit').select('id').where('path', '=', ROOT_PATH).executeTakeFirst();
  if (has) return 0;
  const rows = adminUnitRows(JSON.parse(fs.readFileSync(file, 'utf8')) as SourceProvince[]);
  await db.transaction().execute(async (trx) => {
    await insertUnits(trx, rows);
    await writeAudit(trx, {
      userId: null,
      action: 'load_admin_units',
      entity: 'org_unit',
      entityId: 'VN',
      orgPath: ROOT_PATH,
      after: { units: rows.length, source: 'vn-units-2026-07-25.json' },
    });
  });
  return rows.length;
}
