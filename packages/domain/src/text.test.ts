import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLike, foldForSearch, toNfc } from './text.js';

describe('accent-insensitive search', () => {
  it.each([
    ['Lai Châu', 'lai chau'],
    ['Thanh Hoá', 'thanh hoa'],
    ['Đắk Lắk', 'dak lak'],
    ['Sở Văn hoá, Thể thao và Du lịch', 'so van hoa, the thao va du lich'],
    ['  Bình   Đẳng  Giới ', 'binh dang gioi'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('NFC and NFD spellings fold the same', () => {
    const nfd = 'Lai Châu'.normalize('NFD');
    expect(foldForSearch(nfd)).toBe(foldForSearch('Lai Châu'));
    expect(toNfc(nfd)).toBe('Lai Châu');
  });

  it('folding is idempotent and leaves only ASCII for Vietnamese letters', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(foldForSearch(foldForSearch(s))).toBe(foldForSearch(s));
      }),
    );
    expect(foldForSearch('ẮẰẲẴẶăâêôơưđ')).toMatch(/^[a-z]+$/);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('12_SNV%')).toBe('12\\_SNV\\%');
  });
});
