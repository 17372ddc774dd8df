/** The plan feature's pure parts: milestone wording, text segments, form paths and validation. */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanInput } from '@binhdang/domain';
import { en } from '../i18n/en.ts';
import { vi } from '../i18n/vi.ts';
import {
  emptyPlan,
  emptyTarget,
  fromInput,
  fromPlan,
  mapServerErrors,
  setIn,
  shiftErrors,
  toInput,
  toUpdate,
  validateAll,
  validatePath,
} from './form.ts';
import { describeMilestone, describeReportingRule, formatPeriod, isAboveUser } from './format.ts';
import { segmentText } from './highlight.ts';

let tVi: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  const i = i18next.createInstance();
  await i.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  tVi = i.getFixedT('vi');
  tEn = i.getFixedT('en');
});

describe('describeMilestone', () => {
  const target = (over: Partial<Parameters<typeof describeMilestone>[0]>) => ({
    unit: 'count',
    comparator: 'gte' as const,
    frequency: 'annual' as const,
    milestones: [],
    ...over,
  });
  const m = (value: number | null, valueMax: number | null = null, year = 2030) => ({ year, value, valueMax });

  it('reads the seed targets the way the plans write them', () => {
    expect(describeMilestone(target({ unit: 'sessions' }), m(2), tVi, 'vi')).toBe('≥ 2 cuộc/năm');
    expect(describeMilestone(target({ unit: 'percent', comparator: 'eq' }), m(100), tVi, 'vi')).toBe('100% hằng năm');
    expect(
      describeMilestone(target({ unit: 'percent', comparator: 'range', frequency: 'by_year' }), m(10, 15), tVi, 'vi'),
    ).toBe('10–15% đến 2030');
    expect(
      describeMilestone(target({ unit: 'percent', comparator: 'eq', frequency: 'by_year' }), m(90), tVi, 'vi'),
    ).toBe('90% đến 2030');
    expect(describeMilestone(target({ unit: 'news_items', frequency: 'quarterly' }), m(4), tVi, 'vi')).toBe(
      '≥ 4 tin, bài/quý',
    );
  });

  it('names the year of each milestone when there are several, and says when there is no number', () => {
    expect(describeMilestone(target({ unit: 'sessions' }), m(2, null, 2025), tVi, 'vi', { showYear: true })).toBe(
      '≥ 2 cuộc/năm (2025)',
    );
    expect(describeMilestone(target({ frequency: 'by_year' }), m(null, null, 2025), tVi, 'vi')).toBe(
      'chưa định lượng đến 2025',
    );
  });

  it('speaks English, with free units read from snake_case', () => {
    expect(describeMilestone(target({ unit: 'sessions' }), m(2), tEn, 'en')).toBe('≥ 2 sessions/year');
    expect(
      describeMilestone(target({ unit: 'model_clubs', comparator: 'gt', frequency: 'once' }), m(1.5), tEn, 'en'),
    ).toBe('> 1.5 model clubs by 2030');
    expect(describeMilestone(target({ unit: 'model_clubs', frequency: 'once' }), m(1.5), tVi, 'vi')).toBe(
      '≥ 1,5 model clubs đến 2030',
    );
  });
});

describe('plan facts', () => {
  it('formats periods and reporting rules', () => {
    expect(formatPeriod(2026, 2030)).toBe('2026–2030');
    expect(formatPeriod(2024, 2024)).toBe('2024');
    expect(formatPeriod(null, null)).toBe('—');
    const rule = {
      frequency: 'annual' as const,
      deadline: '01/12',
      recipientName: 'Ủy ban nhân dân tỉnh (qua Sở Nội vụ)',
    };
    expect(describeReportingRule(rule, tVi)).toBe(
      'Báo cáo hằng năm trước ngày 01/12 gửi Ủy ban nhân dân tỉnh (qua Sở Nội vụ)',
    );
    expect(describeReportingRule({ ...rule, frequency: 'half_year', recipientName: null }, tEn)).toBe(
      'Half-year report due before 01/12',
    );
  });

  it('knows a superior by the codes in the user’s path', () => {
    expect(isAboveUser('12', 'VN.12.03394')).toBe(true);
    expect(isAboveUser('VN', 'VN.12.03394')).toBe(true);
    expect(isAboveUser('03394', 'VN.12.03394')).toBe(false);
    expect(isAboveUser('03388', 'VN.12.03394')).toBe(false);
  });
});

describe('segmentText', () => {
  it('cuts nested and overlapping spans into runs, innermost first', () => {
    const segs = segmentText(20, [
      { id: 'assignments.0', kind: 'assignments', span: { start: 2, end: 15 } },
      { id: 'reportingRules.0', kind: 'reportingRules', span: { start: 5, end: 9 } },
      { id: 'assignments.1', kind: 'assignments', span: { start: 2, end: 15 } },
    ]);
    expect(segs.map((s) => [s.start, s.end, s.items.map((i) => i.id)])).toEqual([
      [0, 2, []],
      [2, 5, ['assignments.0', 'assignments.1']],
      [5, 9, ['reportingRules.0', 'assignments.0', 'assignments.1']],
      [9, 15, ['assignments.0', 'assignments.1']],
      [15, 20, []],
    ]);
  });

  it('clamps spans to the text and drops empty ones', () => {
    const segs = segmentText(5, [
      { id: 'targets.0', kind: 'targets', span: { start: 3, end: 99 } },
      { id: 'targets.1', kind: 'targets', span: { start: 4, end: 4 } },
    ]);
    expect(segs.map((s) => [s.start, s.end, s.items.length])).toEqual([
      [0, 3, 0],
      [3, 5, 1],
    ]);
  });
});

describe('form values', () => {
  const draft = {
    orgUnit: '12',
    title: 'Kế hoạch',
    targets: [
      {
        number: 1,
        text: 'Ít nhất 02 cuộc',
        unit: 'sessions',
        comparator: 'gte',
        milestones: [{ year: 2030, value: 2, valueMax: null }],
        frequency: 'annual',
        span: { start: 10, end: 20 },
      },
    ],
    assignments: [{ orgName: 'Sở Nội vụ', orgUnit: '12-SNV', targetNumbers: [1, 7] }],
    budgetSources: ['Ngân sách nhà nước', '  '],
  } as unknown as PlanInput;

  it('round-trips a draft, dropping blanks and links to targets the plan does not have', () => {
    const input = toInput(fromInput(draft));
    expect(input.orgUnit).toBe('12');
    expect(input.targets[0]).toMatchObject({ number: 1, unit: 'sessions', span: { start: 10, end: 20 } });
    expect(input.targets[0]?.milestones).toEqual([{ year: 2030, value: 2, valueMax: null }]);
    expect(input.assignments[0]?.targetNumbers).toEqual([1]);
    expect(input.budgetSources).toEqual(['Ngân sách nhà nước']);
    expect(input.number).toBeNull();
  });

  it('keeps the ids and the parent target text of a saved plan, and never resends its text', () => {
    const plan = {
      ...draft,
      orgUnitCode: '03394',
      targets: [{ ...draft.targets[0], id: 't1', parentTargetId: 'p1', parentTargetText: 'Chỉ tiêu tỉnh' }],
      assignments: [{ ...draft.assignments[0], id: 'a1', orgUnitName: 'Sở Nội vụ tỉnh Lai Châu' }],
    } as unknown as Plan;
    const v = fromPlan(plan);
    expect(v.orgUnit).toBe('03394');
    expect(v.targets[0]?.parentTargetText).toBe('Chỉ tiêu tỉnh');
    expect(v.assignments[0]?.orgUnitName).toBe('Sở Nội vụ tỉnh Lai Châu');
    const body = toUpdate(v);
    expect(body.targets[0]).toMatchObject({ id: 't1', parentTargetId: 'p1' });
    expect(body.originalText).toBeNull();
    expect('parentTargetText' in (body.targets[0] ?? {})).toBe(false);
  });

  it('sets nested values without touching the rows beside them', () => {
    const v = fromInput(draft);
    const two = { ...v, targets: [...v.targets, emptyTarget(2, 2030)] };
    const next = setIn(two, 'targets.1.milestones.0.value', 5);
    expect(next.targets[1]?.milestones[0]?.value).toBe(5);
    expect(next.targets[0]).toBe(two.targets[0]);
    expect(two.targets[1]?.milestones[0]?.value).toBe('');
  });
});

describe('validation and errors', () => {
  it('checks title, DD/MM deadlines, ranges, periods and units', () => {
    const v = emptyPlan('12');
    v.periodFrom = 2030;
    v.periodTo = 2026;
    v.targets = [{ ...emptyTarget(1, 2030), comparator: 'range', unit: 'Bad Unit' }];
    v.targets[0]!.milestones[0] = { ...v.targets[0]!.milestones[0]!, value: 15, valueMax: 10 };
    v.reportingRules = [
      {
        key: 'r',
        frequency: 'annual',
        deadline: '1/12',
        cutoffFrom: null,
        cutoffTo: null,
        recipientName: '',
        recipientOrgUnit: null,
        span: null,
      },
    ];
    expect(validateAll(v)).toEqual({
      title: 'plans.required',
      periodTo: 'plans.badPeriod',
      'targets.0.text': 'plans.required',
      'targets.0.unit': 'plans.badUnit',
      'targets.0.milestones.0.valueMax': 'plans.badRange',
      'reportingRules.0.deadline': 'plans.badDeadline',
    });
    expect(validatePath('orgUnit', { ...v, orgUnit: null }, false)).toBeNull();
    expect(
      validatePath('reportingRules.0.deadline', {
        ...v,
        reportingRules: [{ ...v.reportingRules[0]!, deadline: '01/12' }],
      }),
    ).toBeNull();
  });

  it('puts server messages under the nearest input and lists the rest', () => {
    const { fields, other } = mapServerErrors({
      title: 'Tối đa 1000 ký tự',
      'targets.0.milestones': 'Giá trị tối đa phải lớn hơn giá trị tối thiểu',
      'targets.1.milestones.0.valueMax': 'Sai',
      'assignments.1.targetNumbers.0': 'Kế hoạch không có chỉ tiêu số 7',
      version: 'Phiên bản hiện tại là 3',
    });
    expect(fields).toEqual({
      title: 'Tối đa 1000 ký tự',
      'targets.0.milestones': 'Giá trị tối đa phải lớn hơn giá trị tối thiểu',
      'targets.1.milestones.0.valueMax': 'Sai',
      'assignments.1.targetNumbers': 'Kế hoạch không có chỉ tiêu số 7',
    });
    expect(other).toEqual([['version', 'Phiên bản hiện tại là 3']]);
  });

  it('moves error keys up when a row is removed', () => {
    expect(
      shiftErrors({ 'targets.0.text': 'a', 'targets.1.text': 'b', 'targets.2.unit': 'c', title: 'd' }, 'targets', 1),
    ).toEqual({ 'targets.0.text': 'a', 'targets.1.unit': 'c', title: 'd' });
  });
});
