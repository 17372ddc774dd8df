/**
 * Default rule parameters and unit scope for a target that has none, derived from what the
 * plan parser read (rule kind, unit, frequency, milestones, scope wording). Used at import and
 * whenever a stored target lacks parameters.
 */
import { foldForSearch } from '../text.js';
import type { OrgKind } from '../org.js';
import { RuleParams } from './schemas.js';

export interface TargetLike {
  ruleKind: string | null;
  ruleParams?: RuleParams | null;
  unit: string;
  text: string;
  frequency: string;
  milestones: { year: number; value: number | null }[];
  baselineYear: number | null;
  scopeKinds: string[];
  scopeText?: string | null;
}

const has = (text: string, ...words: string[]) => {
  const t = foldForSearch(text);
  return words.some((w) => t.includes(foldForSearch(w)));
};

function measureOfUnit(unit: string): RuleParams & { kind: 'sum' } {
  const measure =
    unit === 'participants' || unit === 'people'
      ? 'participants'
      : unit === 'news_items'
        ? 'news_items'
        : unit === 'products'
          ? 'products'
          : unit === 'vnd' || unit === 'money'
            ? 'costs'
            : unit === 'sessions'
              ? 'sessions'
              : 'activities';
  return { kind: 'sum', measure, kinds: null };
}

/** The rule kind and parameters a target is measured by. */
export function defaultRuleParams(t: TargetLike): RuleParams {
  if (t.ruleParams && (t.ruleKind === null || t.ruleParams.kind === t.ruleKind)) return t.ruleParams;
  const text = `${t.text} ${t.scopeText ?? ''}`;
  switch (t.ruleKind as RuleParams['kind'] | null) {
    case 'units_meeting_count': {
      const threshold = Math.max(1, Math.round(t.milestones.find((m) => m.value !== null)?.value ?? 1));
      const news = t.unit === 'news_items' || has(t.text, 'tin, bài', 'tin bài', 'phóng sự');
      return {
        kind: 'units_meeting_count',
        countsAs: news ? 'news_item' : 'session',
        kinds: null,
        period: t.frequency === 'quarterly' ? 'quarter' : 'year',
        threshold: t.unit === 'percent' ? 1 : threshold,
      };
    }
    case 'units_with_record':
      return { kind: 'units_with_record', campaign: 'action_month' };
    case 'share_with_status':
      return has(text, 'hương ước', 'quy ước')
        ? {
            kind: 'share_with_status',
            register: 'village_conventions',
            statuses: ['flagged', 'clean'],
            minStatus: 'clean',
          }
        : {
            kind: 'share_with_status',
            register: 'media_gender_indicators',
            statuses: ['none', 'pilot', 'official'],
            minStatus: has(t.text, 'thí điểm') ? 'pilot' : 'official',
          };
    case 'survey_change':
      return { kind: 'survey_change', survey: 'awareness', baselineYear: t.baselineYear ?? 2025 };
    case 'reduction_share':
      return { kind: 'reduction_share', register: 'stereotyped_products' };
    case 'sum':
      return measureOfUnit(t.unit);
    case null:
      // A share ("100 % of provinces report …") cannot be a plain total: with no rule it stays
      // unmeasured (no data) until someone gives it one, rather than summing to 550 %.
      if (t.unit === 'percent')
        return { kind: 'share_with_status', register: 'unmeasured', statuses: ['no', 'yes'], minStatus: 'yes' };
      return measureOfUnit(t.unit);
  }
}

/**
 * The kinds of units a target is measured over, when the target names none: "cấp huyện, cấp
 * xã" → districts and communes; a sector's own units ("các đơn vị … ngành Y tế") → the sector
 * department and its agencies; media → media agencies; conventions → villages; otherwise
 * departments, districts and communes ("các sở, ban, ngành, địa phương").
 */
export function defaultScopeKinds(t: TargetLike, params: RuleParams = defaultRuleParams(t)): OrgKind[] {
  if (t.scopeKinds.length) return t.scopeKinds as OrgKind[];
  const text = `${t.text} ${t.scopeText ?? ''}`;
  switch (params.kind) {
    case 'units_meeting_count':
    case 'units_with_record':
      if (has(text, 'cấp huyện', 'cấp xã')) return ['district', 'commune'];
      if (has(text, 'ngành y tế', 'ngành văn hóa') && !has(text, 'địa phương')) return ['department', 'agency'];
      return ['department', 'district', 'commune'];
    case 'share_with_status':
      return params.register === 'village_conventions' ? ['village'] : ['media_agency'];
    case 'survey_change':
    case 'reduction_share':
    case 'sum':
      return [];
  }
}

/** The ruleParams to store for a parsed target (import): its own, else the defaults. */
export function ruleParamsForTarget(t: TargetLike): RuleParams | null {
  if (t.ruleKind === null) return null;
  return RuleParams.parse(defaultRuleParams(t));
}
