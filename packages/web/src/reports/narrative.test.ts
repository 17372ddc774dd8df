import { describe, expect, it } from 'vitest';
import { changedKeys } from './useNarrativeDraft.ts';

const base = { results: 'a', limitations: 'b', recommendations: 'c', nextTasks: 'd' };

describe('narrative changes', () => {
  it('names the sections that differ, so a save sends only those', () => {
    expect(changedKeys(base, { ...base })).toEqual([]);
    expect(changedKeys({ ...base, limitations: 'b2', nextTasks: '' }, base)).toEqual(['limitations', 'nextTasks']);
  });
});
