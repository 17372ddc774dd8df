import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLike, foldForSearch, foldForSearchReference, isUuid, toNfc } from './text.js';

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

  it('the table-driven fold equals the reference pipeline on Vietnamese text, marks and other scripts', () => {
    // Every code unit alone, and after/before a letter and a space (context cases: NFD reordering, Σ).
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}a`, ` ${ch} `, `Ê${ch}\u0301`, `Σ${ch}`])
        if (foldForSearch(s) !== foldForSearchReference(s)) differ.push(JSON.stringify(s));
    }
    expect(differ).toEqual([]);
    const samples = [
      'Đắk Lắk',
      'ĐÀ NẴNG, đà nẵng',
      'Hoạt động truyền thông bình đẳng giới số 17',
      'Lồng ghép trong buổi sinh hoạt định kỳ',
      'Sở Lao động – Thương binh và Xã hội tỉnh Thừa Thiên Huế',
      'Nguyễn Thị Ánh Tuyết; Phạm Quỳnh Hương',
      'Tờ rơi, tờ gấp\tPano, áp phích\n\r  Ấn phẩm',
      'Hoà Bình'.normalize('NFD'),
      'Hòa Bình'.normalize('NFD') + '\u0323\u0309',
      '\u0301\u0300 leading marks and trailing \u0303',
      ' \u00a0 nbsp\u00a0\u00a0and\u2003em space\u3000ideographic ',
      'ΟΔΥΣΣΕΥΣ Σίσυφος',
      'İstanbul ǅemal ß ﬁ',
      'a\u0483\u0301b e\u1dc0\u0300 x\u20d0y',
      'Tiếng Việt 😀 emoji và 𝔸 toán',
      '',
      '   ',
    ];
    for (const s of samples) {
      expect(foldForSearch(s)).toBe(foldForSearchReference(s));
      expect(foldForSearch(s.normalize('NFD'))).toBe(foldForSearchReference(s.normalize('NFD')));
    }
    const viChars = [
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ0123456789 ,.;-\t\n\u0300\u0301\u0303\u0309\u0323\u00a0',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...viChars), { maxLength: 60 }), (cs) => {
        const s = cs.join('');
        expect(foldForSearch(s)).toBe(foldForSearchReference(s));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(foldForSearch(a)).toBe(foldForSearchReference(a));
        expect(foldForSearch(b)).toBe(foldForSearchReference(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('12_SNV%')).toBe('12\\_SNV\\%');
  });
});

describe('isUuid', () => {
  it('tells an id from a code', () => {
    expect(isUuid('aa6429bc-2521-4143-a2ff-3e3a69791add')).toBe(true);
    expect(isUuid('AA6429BC-2521-4143-A2FF-3E3A69791ADD')).toBe(true);
    expect(isUuid('03394')).toBe(false);
    expect(isUuid('12-SNV')).toBe(false);
    expect(isUuid('aa6429bc-2521-4143-a2ff-3e3a69791add ')).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
