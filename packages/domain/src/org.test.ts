import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canContain,
  childPath,
  depthOf,
  isActiveOn,
  isInSubtree,
  provinceCodeOf,
  rebasePath,
  resolveSuccessor,
} from './org.js';

const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const pathArb = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => ['VN', ...s].join('.'));

describe('subtree paths', () => {
  it('a unit is in its own subtree and in every ancestor’s', () => {
    fc.assert(
      fc.property(pathArb, (p) => {
        const segs = p.split('.');
        for (let i = 1; i <= segs.length; i++) expect(isInSubtree(p, segs.slice(0, i).join('.'))).toBe(true);
      }),
    );
  });

  it('a sibling whose code starts with the same characters is not inside', () => {
    expect(isInSubtree('VN.120', 'VN.12')).toBe(false);
    expect(isInSubtree('VN.12.03394', 'VN.12')).toBe(true);
    expect(isInSubtree('VN.12', 'VN.12.03394')).toBe(false);
  });

  it('rebasing keeps the tail and lands inside the new prefix', () => {
    fc.assert(
      fc.property(pathArb, pathArb, segment, (oldParent, newParent, code) => {
        const old = childPath(oldParent, code);
        const moved = rebasePath(old + '.X', old, childPath(newParent, code));
        expect(moved).toBe(`${newParent}.${code}.X`);
        expect(isInSubtree(moved, newParent)).toBe(true);
      }),
    );
    expect(() => rebasePath('VN.01.A', 'VN.12', 'VN.14')).toThrow();
  });

  it('reads depth and province code', () => {
    expect(depthOf('VN')).toBe(0);
    expect(depthOf('VN.12.03394')).toBe(2);
    expect(provinceCodeOf('VN.12.03394.B1')).toBe('12');
    expect(provinceCodeOf('VN.BNV')).toBeNull();
    expect(provinceCodeOf('VN')).toBeNull();
  });
});

describe('validity and succession', () => {
  it('valid_to is exclusive', () => {
    const u = { validFrom: '2025-07-01', validTo: '2026-01-01' };
    expect(isActiveOn(u, '2025-06-30')).toBe(false);
    expect(isActiveOn(u, '2025-07-01')).toBe(true);
    expect(isActiveOn(u, '2025-12-31')).toBe(true);
    expect(isActiveOn(u, '2026-01-01')).toBe(false);
    expect(isActiveOn({ validFrom: null, validTo: null }, '1990-01-01')).toBe(true);
  });

  it('follows successor chains and stops on cycles', () => {
    const next: Record<string, string | null> = { a: 'b', b: 'c', c: null, x: 'y', y: 'x' };
    expect(resolveSuccessor('a', (id) => next[id] ?? null)).toBe('c');
    expect(resolveSuccessor('c', (id) => next[id] ?? null)).toBe('c');
    expect(['x', 'y']).toContain(resolveSuccessor('x', (id) => next[id] ?? null));
  });

  it('the tree accepts communes under provinces, not provinces under communes', () => {
    expect(canContain('province', 'commune')).toBe(true);
    expect(canContain('commune', 'village')).toBe(true);
    expect(canContain('commune', 'province')).toBe(false);
    expect(canContain('village', 'village')).toBe(false);
  });
});
