/** Org units: kinds, materialised paths and subtree logic. Pure; no I/O. */

export const ORG_KINDS = [
  'central',
  'province',
  'department',
  'district',
  'commune',
  'village',
  'agency',
  'media_agency',
  'mass_org',
  'enterprise',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Kinds that may sit directly under a parent kind. Keeps the tree meaningful. */
export const ALLOWED_CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  central: ['province', 'department', 'agency', 'media_agency', 'mass_org', 'enterprise'],
  province: ['department', 'district', 'commune', 'agency', 'media_agency', 'mass_org', 'enterprise'],
  department: ['agency', 'media_agency', 'department', 'enterprise'],
  district: ['commune', 'department', 'agency', 'mass_org'],
  commune: ['village', 'agency', 'mass_org', 'enterprise'],
  village: [],
  agency: ['agency'],
  media_agency: [],
  mass_org: ['mass_org'],
  enterprise: [],
};

export function canContain(parent: OrgKind, child: OrgKind): boolean {
  return ALLOWED_CHILD_KINDS[parent].includes(child);
}

/** The root of the tree is the nation; its path is "VN". */
export const ROOT_PATH = 'VN';

/** Codes become path segments, so they are restricted to a safe alphabet. */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export function childPath(parentPath: string, code: string): string {
  return `${parentPath}.${code}`;
}

/** True when `path` is `scopePath` itself or lies below it. */
export function isInSubtree(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(scopePath + '.');
}

/** Re-roots a path when its subtree moves: VN.12.A.B with old VN.12.A, new VN.14.A → VN.14.A.B */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!isInSubtree(path, oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export function depthOf(path: string): number {
  return path.split('.').length - 1;
}

/** The province code of a path (second segment) when the unit lies inside a province. */
export function provinceCodeOf(path: string): string | null {
  const seg = path.split('.');
  return seg.length >= 2 && /^\d{2}$/.test(seg[1] ?? '') ? (seg[1] ?? null) : null;
}

/** A unit is active on a date when the date lies in [valid_from, valid_to). ISO dates compare as strings. */
export function isActiveOn(unit: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= date) && (unit.validTo === null || date < unit.validTo);
}

/**
 * Follows successor links to the unit that carries a closed unit's history today.
 * Guards against cycles, which a bad merge could create.
 */
export function resolveSuccessor(id: string, successorOf: (id: string) => string | null): string {
  const seen = new Set<string>([id]);
  let current = id;
  for (;;) {
    const next = successorOf(current);
    if (next === null || seen.has(next)) return current;
    seen.add(next);
    current = next;
  }
}
