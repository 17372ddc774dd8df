/**
 * The reference implementation: arrays in, figures out, written to be obviously correct. The
 * SQL fast path (server/indicators) must give exactly the same numbers (property tests).
 *
 * Semantics:
 * - Scope: the in-scope units for (root, period) are the units in root's subtree whose kind is
 *   in scopeKinds and that existed during the period (valid_from ≤ period end and valid_to,
 *   the first day closed, after the period start). A closed or merged unit is no longer
 *   expected after it closed; merged units sit under their successor, so their history lies in
 *   the successor's subtree.
 * - Attribution: an activity (or record) counts for the nearest in-scope ancestor-or-self of
 *   its unit (by the unit's current path), looking no higher than root; none → it counts only in
 *   the raw totals.
 * - Soft-deleted activities never count.
 */
import { isInSubtree } from '../org.js';
import type { Period } from '../periods.js';
import { countingWindows, inWindow, percent, type Window } from './rules.js';
import type { Measure, RuleParams } from './schemas.js';

export interface RefUnit {
  id: string;
  path: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface RefActivity {
  id: string;
  orgUnitId: string;
  kind: string;
  startDate: string;
  deleted?: boolean;
  participantsFemale?: number | null;
  participantsMale?: number | null;
  participantsTotal?: number | null;
  productsCount?: number | null;
  costStateBudget?: number | null;
  costMobilised?: number | null;
  costInternational?: number | null;
}

export interface RefRecord {
  orgUnitId: string;
  campaign: string;
  year: number;
}

export interface RefInput {
  units: RefUnit[];
  activities: RefActivity[];
  kinds: { code: string; countsAs: string[] }[];
  records?: RefRecord[];
  rootPath: string;
  scopeKinds: string[];
  params: RuleParams;
  period: Period;
  asOf: string;
}

export interface RefResult {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Matching activities in root's subtree and the period (count rules). */
  activities: number;
  /** Per in-scope unit id: its counts per window and whether it met the rule. */
  units: Map<string, { counts: number[]; met: boolean }>;
}

export function activeDuring(u: { validFrom: string | null; validTo: string | null }, p: Period): boolean {
  return (u.validFrom === null || u.validFrom <= p.end) && (u.validTo === null || u.validTo > p.start);
}

export function inScopeUnits(units: RefUnit[], rootPath: string, scopeKinds: string[], p: Period): RefUnit[] {
  return units.filter((u) => isInSubtree(u.path, rootPath) && scopeKinds.includes(u.kind) && activeDuring(u, p));
}

/** The nearest in-scope ancestor-or-self of a path (by path prefix), or null. */
export function countingUnitOf(path: string, inScope: Map<string, RefUnit>): RefUnit | null {
  const seg = path.split('.');
  for (let n = seg.length; n >= 1; n--) {
    const u = inScope.get(seg.slice(0, n).join('.'));
    if (u) return u;
  }
  return null;
}

/** Which activity kinds feed a measure or family. */
export function kindMatches(
  kind: string,
  countsAs: readonly string[],
  family: string | null,
  kinds: readonly string[] | null,
): boolean {
  if (kinds && kinds.length) return kinds.includes(kind);
  return family === null ? true : countsAs.includes(family);
}

export function measureOf(a: RefActivity, m: Measure, countsAs: readonly string[]): number {
  switch (m) {
    case 'activities':
      return 1;
    case 'sessions':
      return countsAs.includes('session') ? 1 : 0;
    case 'news_items':
      return countsAs.includes('news_item') ? 1 : 0;
    case 'products':
      return a.productsCount ?? 0;
    case 'participants':
      return a.participantsTotal ?? (a.participantsFemale ?? 0) + (a.participantsMale ?? 0);
    case 'participants_female':
      return a.participantsFemale ?? 0;
    case 'participants_male':
      return a.participantsMale ?? 0;
    case 'costs':
      return (a.costStateBudget ?? 0) + (a.costMobilised ?? 0) + (a.costInternational ?? 0);
  }
}

function windowsOfPeriod(p: Period): Window {
  return { year: p.year, fromMonth: Number(p.start.slice(5, 7)), toMonth: Number(p.end.slice(5, 7)) };
}

export function computeReference(input: RefInput): RefResult {
  const { params, period: p } = input;
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const countsAsOf = new Map(input.kinds.map((k) => [k.code, k.countsAs]));
  const live = input.activities.filter((a) => !a.deleted);
  const inRoot = (unitId: string) => {
    const u = unitById.get(unitId);
    return u !== undefined && isInSubtree(u.path, input.rootPath);
  };
  const empty: RefResult = { numerator: null, denominator: null, value: null, activities: 0, units: new Map() };
  const whole = windowsOfPeriod(p);

  if (params.kind === 'sum') {
    if (p.start > input.asOf) return empty;
    let total = 0;
    for (const a of live) {
      if (!inRoot(a.orgUnitId) || !inWindow(whole, a.startDate)) continue;
      const ca = countsAsOf.get(a.kind) ?? [];
      if (params.kinds && params.kinds.length && !params.kinds.includes(a.kind)) continue;
      total += measureOf(a, params.measure, ca);
    }
    // Measures are never negative: a zero total means nothing was recorded.
    return { numerator: total, denominator: null, value: total === 0 ? null : total, activities: 0, units: new Map() };
  }

  if (params.kind === 'units_meeting_count' || params.kind === 'units_with_record') {
    const scope = inScopeUnits(input.units, input.rootPath, input.scopeKinds, p);
    const byPath = new Map(scope.map((u) => [u.path, u]));
    const windows =
      params.kind === 'units_meeting_count'
        ? countingWindows(p, params.period, input.asOf)
        : p.start > input.asOf
          ? []
          : [{ year: p.year, fromMonth: 1, toMonth: 12 }];
    if (windows.length === 0) return { ...empty, denominator: scope.length };
    const counts = new Map(scope.map((u) => [u.id, windows.map(() => 0)]));
    let activities = 0;
    const credit = (unitId: string, match: (w: Window) => boolean) => {
      const u = unitById.get(unitId);
      if (!u || !isInSubtree(u.path, input.rootPath)) return;
      const cu = countingUnitOf(u.path, byPath);
      if (!cu) return;
      const c = counts.get(cu.id)!;
      windows.forEach((w, i) => {
        if (match(w)) c[i]!++;
      });
    };
    if (params.kind === 'units_meeting_count') {
      for (const a of live) {
        const ca = countsAsOf.get(a.kind) ?? [];
        if (!kindMatches(a.kind, ca, params.countsAs, params.kinds)) continue;
        if (inRoot(a.orgUnitId) && inWindow(whole, a.startDate)) activities++;
        credit(a.orgUnitId, (w) => inWindow(w, a.startDate));
      }
    } else {
      for (const r of input.records ?? []) {
        if (r.campaign !== params.campaign || r.year !== p.year) continue;
        credit(r.orgUnitId, () => true);
      }
    }
    const threshold = params.kind === 'units_meeting_count' ? params.threshold : 1;
    const units = new Map<string, { counts: number[]; met: boolean }>();
    let numerator = 0;
    for (const [id, c] of counts) {
      const met = c.every((n) => n >= threshold);
      if (met) numerator++;
      units.set(id, { counts: c, met });
    }
    return { numerator, denominator: scope.length, value: percent(numerator, scope.length), activities, units };
  }
  // Registers and surveys are not in the database yet: no data (see rules.ts for the pure rules).
  return empty;
}
