/**
 * Who issues an official document on behalf of an org unit (Decree 30/2020): the issuing body
 * printed in the header ("ỦY BAN NHÂN DÂN XÃ SIN SUỐI HỒ", "SỞ NỘI VỤ"), its short name in the
 * text ("UBND xã Sin Suối Hồ"), the abbreviation after the type symbol ("BC-UBND", "BC-SNV"),
 * the place printed before the date, the signer's authority and title, and the supervising
 * body above the issuer (shared with plans: supervisingBodyOf).
 */
import type { Kysely } from 'kysely';
import type { DB } from '@binhdang/db';
import { supervisingBodyOf } from '../plans/supervising.js';

export interface IssuerUnit {
  kind: string;
  unitType: string | null;
  code: string;
  name: string;
  fullName: string | null;
  /** The parent unit's short name ("Lai Châu"): the place of a department's documents. */
  parentName: string | null;
}

export interface IssuingBody {
  /** Cơ quan ban hành as printed in the header (caps applied by the renderer). */
  issuer: string;
  /** Short name in running text: "UBND xã Sin Suối Hồ", "Sở Nội vụ". */
  shortName: string;
  /** After the type symbol: "UBND", "SNV"; null when unknown (the symbol stays bare). */
  abbreviation: string | null;
  place: string;
  signer: { authority: string | null; title: string | null; name: string | null };
  supervisingBody: string | null;
}

/** People's Committees issue for communes, wards, special zones, provinces (and former districts). */
const COMMITTEE_KINDS = new Set(['commune', 'province', 'district']);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** "Xã Sin Suối Hồ" from unit_type and name, or the stored full name. */
function typedName(u: IssuerUnit): string {
  if (u.unitType && !u.name.toLowerCase().startsWith(u.unitType.toLowerCase())) return `${u.unitType} ${u.name}`;
  return u.fullName ?? u.name;
}

/** A department's name without its province ("Sở Nội vụ tỉnh Lai Châu" → "Sở Nội vụ"). */
function withoutProvince(name: string): string {
  return name.replace(/\s+(tỉnh|thành phố)\s+.*$/iu, '');
}

export function issuingBody(u: IssuerUnit, supervisingBody: string | null): IssuingBody {
  if (COMMITTEE_KINDS.has(u.kind)) {
    const typed = typedName(u);
    return {
      issuer: `Ủy ban nhân dân ${lowerFirst(typed)}`,
      shortName: `UBND ${lowerFirst(typed)}`,
      abbreviation: 'UBND',
      place: u.name,
      signer: { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: null },
      supervisingBody,
    };
  }
  const own = withoutProvince(u.fullName ?? u.name);
  const code = /^\d{2}-([A-Z0-9-]+)$/.exec(u.code);
  const isDepartment = u.kind === 'department' && (u.unitType === 'Sở' || /^Sở\s/u.test(own));
  return {
    issuer: own,
    shortName: own,
    abbreviation: code ? code[1]!.replace(/-/g, '') : null,
    place: u.parentName ?? u.name,
    signer: { authority: null, title: isDepartment ? 'Giám đốc' : 'Thủ trưởng đơn vị', name: null },
    supervisingBody,
  };
}

/** The issuing body of an org unit, read from the database. */
export async function issuingBodyOf(db: Kysely<DB>, orgUnitId: string): Promise<IssuingBody> {
  const row = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.kind', 'o.unit_type', 'o.code', 'o.name', 'o.full_name', 'p.name as parent_name'])
    .where('o.id', '=', orgUnitId)
    .executeTakeFirstOrThrow();
  return issuingBody(
    {
      kind: row.kind,
      unitType: row.unit_type,
      code: row.code,
      name: row.name,
      fullName: row.full_name,
      parentName: row.parent_name,
    },
    await supervisingBodyOf(db, orgUnitId),
  );
}
