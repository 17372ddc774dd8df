/**
 * Demo data: the bodies named in the seed plans (Lai Châu's departments, Thanh Hóa's health
 * sector, Tân Yên's abolished district) and one user per level. The password exists only here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import type { Role } from '@binhdang/domain';
import { createUser } from '../users/service.js';
import { writeAudit } from '../audit/audit.js';
import { insertUnits, REORGANISATION_DATE, unit } from './admin-units.js';
import { loadDemoActivities } from './demo-activities.js';

export const DEMO_PASSWORD = 'demo12345';

export const DEMO_USERS: { username: string; displayName: string; orgUnit: string; roles: Role[] }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', orgUnit: 'VN', roles: ['admin'] },
  { username: 'bnv', displayName: 'Chuyên viên Bộ Nội vụ', orgUnit: 'BNV', roles: ['planner', 'reviewer'] },
  { username: 'tinh.laichau', displayName: 'Chuyên viên tỉnh Lai Châu', orgUnit: '12', roles: ['planner', 'reviewer'] },
  { username: 'admin.laichau', displayName: 'Quản trị tỉnh Lai Châu', orgUnit: '12', roles: ['admin'] },
  { username: 'xem.laichau', displayName: 'Lãnh đạo tỉnh Lai Châu (xem)', orgUnit: '12', roles: ['viewer'] },
  {
    username: 'snv.laichau',
    displayName: 'Chuyên viên Sở Nội vụ Lai Châu',
    orgUnit: '12-SNV',
    roles: ['planner', 'reporter', 'reviewer'],
  },
  {
    username: 'xa.laichau',
    displayName: 'Công chức Văn hóa - Xã hội xã Sin Suối Hồ',
    orgUnit: '03394',
    roles: ['reporter', 'planner'],
  },
  {
    username: 'syt.thanhhoa',
    displayName: 'Chuyên viên Sở Y tế Thanh Hóa',
    orgUnit: '38-SYT',
    roles: ['planner', 'reporter', 'reviewer'],
  },
];

type Spec = { code: string; name: string; kind: string; unitType?: string; children?: Spec[] };

const DEMO_TREE: Record<string, Spec[]> = {
  '12': [
    { code: '12-SNV', name: 'Sở Nội vụ tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-STC', name: 'Sở Tài chính tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-SVHTTDL', name: 'Sở Văn hoá, Thể thao và Du lịch tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-SYT', name: 'Sở Y tế tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-SNGV', name: 'Sở Ngoại vụ tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-STP', name: 'Sở Tư pháp tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    { code: '12-SDTTG', name: 'Sở Dân tộc và Tôn giáo tỉnh Lai Châu', kind: 'department', unitType: 'Sở' },
    {
      code: '12-BPTTH',
      name: 'Báo và Phát thanh, truyền hình tỉnh Lai Châu',
      kind: 'media_agency',
      unitType: 'Cơ quan báo chí',
    },
    { code: '12-MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu', kind: 'mass_org', unitType: 'Mặt trận' },
    { code: '12-HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh Lai Châu', kind: 'mass_org', unitType: 'Hội' },
  ],
  '03394': [
    { code: '03394-B01', name: 'Bản Sin Suối Hồ', kind: 'village', unitType: 'Bản' },
    { code: '03394-B02', name: 'Bản Phiêng Phát', kind: 'village', unitType: 'Bản' },
    { code: '03394-TH', name: 'Trường Tiểu học Sin Suối Hồ', kind: 'agency', unitType: 'Trường học' },
  ],
  '38': [
    {
      code: '38-SYT',
      name: 'Sở Y tế tỉnh Thanh Hóa',
      kind: 'department',
      unitType: 'Sở',
      children: [
        { code: '38-SYT-BVDK', name: 'Bệnh viện Đa khoa tỉnh Thanh Hóa', kind: 'agency', unitType: 'Bệnh viện' },
        { code: '38-SYT-BVPS', name: 'Bệnh viện Phụ sản Thanh Hóa', kind: 'agency', unitType: 'Bệnh viện' },
        {
          code: '38-SYT-CDC',
          name: 'Trung tâm Kiểm soát bệnh tật tỉnh Thanh Hóa',
          kind: 'agency',
          unitType: 'Trung tâm',
        },
      ],
    },
    { code: '38-SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Thanh Hóa', kind: 'department', unitType: 'Sở' },
  ],
};

function flatten(
  parent: { id: string; path: string; province_code: string | null },
  specs: Spec[],
  out: ReturnType<typeof unit>[],
): void {
  for (const s of specs) {
    const row = unit({
      code: s.code,
      name: s.name,
      kind: s.kind,
      unit_type: s.unitType ?? null,
      parent_id: parent.id,
      path: `${parent.path}.${s.code}`,
      province_code: parent.province_code,
      valid_from: REORGANISATION_DATE,
    });
    out.push(row);
    if (s.children) flatten({ id: row.id, path: row.path, province_code: row.province_code ?? null }, s.children, out);
  }
}

const HISTORICAL_DISTRICTS = [
  { code: 'H-TANYEN', name: 'Huyện Tân Yên (tỉnh Bắc Giang cũ)', successor: '07339' },
  { code: 'H-SINHO', name: 'Huyện Sìn Hồ (cũ)', successor: '03478' },
];

/** Idempotent: a database that already has the demo users is left alone. Returns whether it loaded. */
export async function loadDemo(db: Kysely<DB>): Promise<boolean> {
  const has = await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (has) return false;
  const anchors = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'path', 'province_code'])
    .where('code', 'in', [...Object.keys(DEMO_TREE), ...HISTORICAL_DISTRICTS.map((d) => d.successor)])
    .execute();
  const byCode = new Map(anchors.map((a) => [a.code, a]));
  const rows: ReturnType<typeof unit>[] = [];
  for (const [code, specs] of Object.entries(DEMO_TREE)) flatten(byCode.get(code)!, specs, rows);

  // Seed plans 000 and 001 come from districts abolished on 1/7/2025; each district's history now
  // belongs to the commune that succeeded it, so it sits there, closed, with its successor set.
  for (const d of HISTORICAL_DISTRICTS) {
    const successor = byCode.get(d.successor)!;
    const district = unit({
      code: d.code,
      name: d.name,
      kind: 'district',
      unit_type: 'Huyện',
      parent_id: successor.id,
      path: `${successor.path}.${d.code}`,
      province_code: successor.province_code,
      valid_from: '1957-01-01',
      valid_to: REORGANISATION_DATE,
      successor_id: successor.id,
    });
    const office = unit({
      code: `${d.code}-PLDTBXH`,
      name: `Phòng Lao động - Thương binh và Xã hội ${d.name.replace(/ \(.*\)$/, '').replace(/^Huyện/, 'huyện')}`,
      kind: 'department',
      unit_type: 'Phòng',
      parent_id: district.id,
      path: `${district.path}.${d.code}-PLDTBXH`,
      province_code: successor.province_code,
      valid_from: '1957-01-01',
      valid_to: REORGANISATION_DATE,
    });
    rows.push(district, office);
  }

  await db.transaction().execute(async (trx) => {
    await insertUnits(trx, rows);
    await writeAudit(trx, {
      userId: null,
      action: 'load_demo',
      entity: 'org_unit',
      entityId: 'demo',
      orgPath: 'VN',
      after: { units: rows.length },
    });
  });
  for (const u of DEMO_USERS) await createUser(db, null, { ...u, password: DEMO_PASSWORD, locale: 'vi' });
  await loadDemoActivities(db);
  return true;
}
