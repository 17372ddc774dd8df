import { describe, expect, it } from 'vitest';
import type { Activity, Campaign } from '@binhdang/domain';
import {
  duplicateValues,
  emptyValues,
  formatMoney,
  fromActivity,
  loadLastChoices,
  saveLastChoices,
  suggestCampaign,
  toInput,
  toPatch,
  validate,
  withAutoTotal,
} from './form.ts';

const camp = (id: string, startDate: string, endDate: string) => ({ id, startDate, endDate }) as Campaign;
const CAMPAIGNS = [
  camp('action-month', '2026-11-15', '2026-12-15'),
  camp('evaw-day', '2026-11-25', '2026-11-25'),
  camp('dv-month', '2026-06-01', '2026-06-30'),
];

describe('activity form model', () => {
  it('the total follows female + male until the user types one', () => {
    let v = { ...emptyValues({ today: '2026-11-20' }), participantsFemale: 12, participantsMale: 8 } as const;
    expect(withAutoTotal(v).participantsTotal).toBe(20);
    v = { ...v, participantsTotal: 25, totalEdited: true };
    expect(withAutoTotal(v).participantsTotal).toBe(25);
    expect(withAutoTotal(emptyValues()).participantsTotal).toBe('');
  });

  it('checks as you type with the domain rules, in the UI language', () => {
    const v = {
      ...emptyValues({ today: '2026-11-20' }),
      kind: 'conference',
      title: 'Hội nghị',
      participantsFemale: 12,
      participantsMale: 8,
      participantsTotal: 15,
      totalEdited: true,
    };
    expect(validate(v, 'vi', 'Bắt buộc')).toEqual({
      participantsTotal: 'Tổng số người tham dự (15) nhỏ hơn số nữ + nam (20)',
    });
    expect(validate({ ...v, participantsTotal: 20 }, 'vi', 'x')).toEqual({});
    expect(validate(emptyValues(), 'en', 'Required')).toEqual({ kind: 'Required', title: 'Required' });
    expect(validate({ ...v, participantsTotal: 20, multiDay: true, endDate: '2026-11-19' }, 'en', 'x').endDate).toBe(
      'End date must not be before the start date',
    );
    expect(validate({ ...v, participantsTotal: 20, communeCode: '123' }, 'vi', 'x').communeCode).toBeDefined();
  });

  it('suggests the narrowest campaign whose window holds the date', () => {
    expect(suggestCampaign(CAMPAIGNS, '2026-11-20')?.id).toBe('action-month');
    expect(suggestCampaign(CAMPAIGNS, '2026-11-25')?.id).toBe('evaw-day');
    expect(suggestCampaign(CAMPAIGNS, '2026-01-05')).toBeNull();
    const v = { ...emptyValues({ today: '2026-06-10' }), kind: 'talk', title: 'x' };
    expect(toInput(v, CAMPAIGNS).campaignId).toBe('dv-month');
    expect(toInput({ ...v, campaignId: null }, CAMPAIGNS).campaignId).toBeNull();
    expect(toInput({ ...v, campaignId: 'action-month' }, CAMPAIGNS).campaignId).toBe('action-month');
  });

  it('builds the API input: single day, auto total, empty numbers as null, trimmed texts', () => {
    const v = {
      ...emptyValues({ today: '2026-03-08', communeCode: '03394' }),
      kind: 'talk',
      title: '  Nói chuyện  ',
      endDate: '2026-03-20',
      participantsFemale: 30,
      participantsMale: 0,
      costStateBudget: 1_500_000,
      notes: ' ',
    };
    expect(toInput(v, [])).toMatchObject({
      title: 'Nói chuyện',
      startDate: '2026-03-08',
      endDate: '2026-03-08',
      participantsTotal: 30,
      productsCount: null,
      costStateBudget: 1_500_000,
      communeCode: '03394',
      notes: null,
      campaignId: null,
    });
  });

  it('duplicates with today and the same length; edits send only the changed fields', () => {
    const a = {
      id: 'a',
      kind: 'training',
      title: 'Tập huấn',
      startDate: '2026-05-04',
      endDate: '2026-05-06',
      channel: 'direct',
      audiences: ['women'],
      participantsFemale: 5,
      participantsMale: 5,
      participantsTotal: 10,
      ethnicMinorityParticipants: null,
      productsCount: null,
      reach: null,
      costStateBudget: null,
      costMobilised: null,
      costInternational: null,
      campaignId: null,
      planId: null,
      taskGroupId: null,
      communeCode: null,
      notes: null,
      version: 3,
    } as unknown as Activity;
    const d = duplicateValues(a, '2026-11-20');
    expect([d.startDate, d.endDate, d.multiDay, d.campaignId]).toEqual(['2026-11-20', '2026-11-22', true, undefined]);
    const edited = { ...fromActivity(a), title: 'Tập huấn (sửa)' };
    expect(toPatch(toInput(edited, []), a)).toEqual({ title: 'Tập huấn (sửa)' });
  });

  it('remembers the last kind, channel and audiences', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    };
    expect(loadLastChoices(storage)).toEqual({ kind: null, channel: null, audiences: [] });
    saveLastChoices({ kind: 'talk', channel: 'direct', audiences: ['women', 'youth'] }, storage);
    expect(loadLastChoices(storage)).toEqual({ kind: 'talk', channel: 'direct', audiences: ['women', 'youth'] });
    expect(emptyValues({ last: loadLastChoices(storage) })).toMatchObject({
      kind: 'talk',
      audiences: ['women', 'youth'],
    });
  });

  it('money in whole đồng with thousands separators', () => {
    expect(formatMoney(1_500_000)).toBe('1.500.000');
    expect(formatMoney(999, 'en')).toBe('999');
    expect(formatMoney(1234567, 'en')).toBe('1,234,567');
    expect(formatMoney(null)).toBe('—');
  });
});
