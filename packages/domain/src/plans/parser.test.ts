import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, PlanParseJson, toCliJson, type ParsedPlan, type TextSpan } from './index.js';

const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/data/seed-plans');
const seeds = fs
  .readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(seedsDir, f), 'utf8') }));
const seedLines = seeds.flatMap((s) => s.text.split('\n')).filter((l) => l.trim());

/** Every span in the result, with the text it claims (when the item has one). */
function allSpans(p: ParsedPlan): { span: TextSpan; text: string | null; where: string }[] {
  const out: { span: TextSpan; text: string | null; where: string }[] = [];
  const walk = (v: unknown, where: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) {
        if ((k === 'span' || k === 'headingSpan' || k === 'orgSpan') && x && typeof x === 'object') {
          const text = k === 'headingSpan' ? o.heading : k === 'orgSpan' ? o.org : o.text;
          out.push({ span: x as TextSpan, text: typeof text === 'string' ? text : null, where: `${where}.${k}` });
        } else walk(x, `${where}.${k}`);
      }
    }
  };
  walk(p, 'plan');
  return out;
}

function checkSpans(input: string, p: ParsedPlan): void {
  for (const { span, text, where } of allSpans(p)) {
    expect(Number.isInteger(span.start) && Number.isInteger(span.end), where).toBe(true);
    expect(span.start, where).toBeGreaterThanOrEqual(0);
    expect(span.end, where).toBeLessThanOrEqual(input.length);
    expect(span.start, where).toBeLessThanOrEqual(span.end);
    if (text !== null) expect(input.slice(span.start, span.end).length, where).toBeGreaterThan(0);
  }
}

const norm = (s: string) => s.normalize('NFC').replace(/[*#|]/g, '').replace(/\s+/g, ' ').trim();

/** A minimal plan around a targets list. */
const withTargets = (items: string[], extra = '') =>
  `KẾ HOẠCH\n\nThực hiện Chương trình Truyền thông về bình đẳng giới đến năm 2030\n\nI. MỤC TIÊU\n\n${items
    .map((t) => `- ${t}`)
    .join('\n\n')}\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n1. Tuyên truyền về bình đẳng giới\n${extra}`;

const targetsOf = (items: string[]) => toCliJson(parsePlan(withTargets(items))).targets;

describe('parsePlan is total', () => {
  it('never throws and keeps spans inside the input on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const p = parsePlan(s);
        checkSpans(s, p);
        expect(PlanParseJson.safeParse(toCliJson(p)).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('copes with random mixes of seed fragments, markers and garbage', () => {
    const piece = fc.oneof(
      fc.constantFrom(...seedLines),
      fc.constantFrom(
        '',
        ' ',
        '\n',
        '| ',
        ' |',
        '**',
        '***',
        '## ',
        '- ',
        '+ ',
        'a) ',
        '1. ',
        'II. ',
        '1.1. ',
        '(',
        ')',
      ),
      fc.constantFrom('Nơi nhận:', 'KT. CHỦ TỊCH', 'Số: /KH-UBND', 'trước ngày 01/12', 'Mục tiêu 2, 3', '10 - 15%'),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('\n', '\n\n', ' ', ''), (parts, sep) => {
        const s = parts.join(sep);
        const p = parsePlan(s);
        checkSpans(s, p);
        const nfd = s.normalize('NFD');
        checkSpans(nfd, parsePlan(nfd));
      }),
      { numRuns: 300 },
    );
  });

  it('handles huge lines and huge documents quickly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 20_000, maxLength: 60_000 }), (s) => {
        const t0 = performance.now();
        const p = parsePlan(s);
        expect(performance.now() - t0).toBeLessThan(2_000);
        checkSpans(s, p);
      }),
      { numRuns: 5 },
    );
    const big = [
      'x'.repeat(200_000),
      '1. '.repeat(50_000),
      '- 10 - 15% '.repeat(20_000),
      'trước ngày 01/12 báo cáo về Sở '.repeat(5_000),
      '((((('.repeat(40_000),
      seeds
        .map((x) => x.text)
        .join('\n')
        .repeat(8),
    ];
    for (const s of big) {
      const t0 = performance.now();
      const p = parsePlan(s);
      expect(performance.now() - t0, s.slice(0, 20)).toBeLessThan(3_000);
      checkSpans(s, p);
    }
  });

  it('accepts non-string input without throwing', () => {
    expect(() => parsePlan(undefined as unknown as string)).not.toThrow();
    expect(() => parsePlan(42 as unknown as string)).not.toThrow();
    expect(parsePlan('').unparsed).toEqual([]);
  });
});

describe('seed plans', () => {
  it.each(seeds.map((s) => [s.name, s.text] as const))('%s: spans slice to the extracted text', (_n, text) => {
    const p = parsePlan(text);
    checkSpans(text, p);
    for (const { span, text: t, where } of allSpans(p)) {
      if (t === null || where.includes('signer') || where.includes('period')) continue;
      const slice = norm(text.slice(span.start, span.end));
      expect(slice.startsWith(norm(t).slice(0, 10)), `${where}: "${t}" vs "${slice}"`).toBe(true);
    }
  });

  it.each(seeds.map((s) => [s.name, s.text] as const))('%s: parses in under 50 ms', (_n, text) => {
    parsePlan(text);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      parsePlan(text);
      times.push(performance.now() - t0);
    }
    expect(Math.min(...times)).toBeLessThan(50);
  });

  it.each(seeds.map((s) => [s.name, s.text] as const))('%s: NFD input gives the same result as NFC', (_n, text) => {
    const nfc = text.normalize('NFC');
    const nfd = text.normalize('NFD');
    const a = parsePlan(nfc);
    const b = parsePlan(nfd);
    expect(toCliJson(b)).toEqual(toCliJson(a));
    checkSpans(nfd, b);
    for (const t of b.targets)
      expect(nfd.slice(t.span.start, t.span.end).normalize('NFC')).toContain(t.text.slice(0, 8));
  });
});

describe('targets', () => {
  it('reads "02" as 2 and cuộc/lượt/buổi as sessions, tin/bài as news items', () => {
    const t = targetsOf([
      'Hằng năm, các cơ quan được truyền thông ít nhất 02 cuộc.',
      'Hằng năm, người dân được cập nhật thông tin ít nhất 02 lượt.',
      'Mỗi xã tổ chức tối thiểu 3 buổi truyền thông mỗi năm.',
      'Cấp xã mỗi quý có ít nhất 04 tin, bài trên hệ thống thông tin cơ sở.',
    ]);
    expect(t.map((x) => [x.value, x.unit, x.comparator, x.frequency])).toEqual([
      [2, 'sessions', '>=', 'annual'],
      [2, 'sessions', '>=', 'annual'],
      [3, 'sessions', '>=', 'annual'],
      [4, 'news_items', '>=', 'quarterly'],
    ]);
  });

  it('splits one sentence with two milestones into two entries sharing the number', () => {
    const p = parsePlan(
      withTargets([
        'Phấn đấu đến năm 2025, ít nhất 70% cơ quan thông tin, tuyên truyền áp dụng thí điểm và đến năm 2030 có 90% cơ quan thông tin, tuyên truyền chính thức áp dụng Bộ chỉ số về giới trong truyền thông.',
        'Đến năm 2025 có 95% và đến năm 2030 đạt 100% quy ước khóm, ấp đã được thông qua không có sự phân biệt đối xử về giới.',
      ]),
    );
    expect(p.targets.map((t) => [t.number, t.value, t.comparator, t.year, t.frequency, t.status])).toEqual([
      [1, 70, 'gte', 2025, 'by_year', 'pilot'],
      [1, 90, 'eq', 2030, 'by_year', 'official'],
      [2, 95, 'eq', 2025, 'by_year', null],
      [2, 100, 'eq', 2030, 'by_year', null],
    ]);
    expect(p.targets[2]?.scope).toBe('quy ước khóm, ấp');
    expect(p.targets[0]?.text).toBe(
      'Phấn đấu đến năm 2025, ít nhất 70% cơ quan thông tin, tuyên truyền áp dụng thí điểm',
    );
  });

  it('carries a year stated once at the start over later clauses', () => {
    const p = parsePlan(
      withTargets(['Đến năm 2025, ít nhất 70% xã có câu lạc bộ bình đẳng giới và 50% thôn có tổ truyền thông.']),
    );
    // two targets (same year, so not milestones of one target), both for 2025
    expect(p.targets.map((x) => [x.number, x.value, x.year, x.frequency])).toEqual([
      [1, 70, 2025, 'by_year'],
      [2, 50, 2025, 'by_year'],
    ]);
  });

  it.each([
    ['tăng từ 10 - 15% so với năm 2025', 10, 15],
    ['tăng từ 10-15% so với năm 2025', 10, 15],
    ['tăng từ 10–15 % so với năm 2025', 10, 15],
    ['tăng từ 10% đến 15% so với năm 2025', 10, 15],
    ['tăng 2,5 - 5% so với năm 2025', 2.5, 5],
  ])('ranges: "%s"', (phrase, lo, hi) => {
    const p = parsePlan(withTargets([`Đến năm 2030 nhận thức của cộng đồng ${phrase}.`]));
    const t = p.targets[0];
    expect([t?.value, t?.valueMax, t?.comparator, t?.unit, t?.baselineYear, t?.year, t?.ruleKind]).toEqual([
      lo,
      hi,
      'range',
      'percent',
      2025,
      2030,
      'survey_change',
    ]);
  });

  it.each([
    ['Phần đầu đến năm 2030 đạt 90% cơ quan truyền thông áp dụng Bộ chỉ số.'],
    ['Phấn đấu đến năm 2030 đạt 90% cơ quan truyền thông áp dụng Bộ chỉ số.'],
    ['Phấn đầu đến năm 2030, đạt 90% cơ quan truyền thông áp dụng Bộ chỉ số.'],
  ])('the "Phần đầu" typo reads like "Phấn đấu": %s', (item) => {
    const t = parsePlan(withTargets([item])).targets[0];
    expect([t?.value, t?.year, t?.frequency, t?.scope]).toEqual([90, 2030, 'by_year', 'cơ quan truyền thông']);
  });

  it.each([
    ['ít nhất 70% đơn vị áp dụng', '>='],
    ['tối thiểu 70% đơn vị áp dụng', '>='],
    ['từ 70% trở lên đơn vị áp dụng', '>='],
    ['trên 70% đơn vị áp dụng', '>'],
    ['hơn 70% đơn vị áp dụng', '>'],
    ['không quá 5% đơn vị vi phạm', '<='],
    ['dưới 5% đơn vị vi phạm', '<='],
    ['đạt 70% đơn vị áp dụng', '='],
  ])('comparator: %s → %s', (phrase, cmp) => {
    expect(targetsOf([`Đến năm 2025, ${phrase}.`])[0]?.comparator).toBe(cmp);
  });

  it('reads "100% thôn tổ chức ít nhất 01 buổi" as one target (a share of units reaching a count)', () => {
    const p = parsePlan(withTargets(['Hằng năm, 100% thôn tổ chức ít nhất 01 buổi sinh hoạt chuyên đề.']));
    expect(p.targets.map((t) => [t.number, t.value, t.unit, t.comparator, t.frequency, t.ruleKind, t.scope])).toEqual([
      [1, 1, 'sessions', 'gte', 'annual', 'units_meeting_count', '100% thôn'],
    ]);
  });

  it('keeps targets without a number, one entry per milestone', () => {
    const t = targetsOf([
      'Phấn đấu đến năm 2025, đơn vị truyền thông áp dụng thí điểm và đến năm 2030 đạt chính thức áp dụng Bộ chỉ số về giới trong truyền thông.',
    ]);
    expect(t.map((x) => [x.value, x.unit, x.comparator, x.year, x.frequency])).toEqual([
      [null, null, null, 2025, 'by_year'],
      [null, null, null, 2030, 'by_year'],
    ]);
  });

  it('numbers distinct targets 1, 2, 3 … keeping the plan\'s label ("1.a") in code; links follow the labels', () => {
    const text = `KẾ HOẠCH\n\nI. CHỈ TIÊU\n\n1. Đến năm 2025:\n\na) Tối thiểu 80% xã có mô hình truyền thông;\n\nb) 95% hương ước không có nội dung phân biệt đối xử về giới.\n\n2. Hằng năm, mỗi xã tổ chức ít nhất 2 cuộc truyền thông; mỗi huyện có ít nhất 4 tin, bài mỗi quý.\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ: theo dõi Mục tiêu 1.\n\n2. Sở Văn hóa, Thể thao và Du lịch: theo dõi Mục tiêu 2.\n`;
    const p = parsePlan(text);
    expect(p.targets.map((t) => [t.number, t.code, t.value, t.unit, t.year])).toEqual([
      [1, '1.a', 80, 'percent', 2025],
      [2, '1.b', 95, 'percent', 2025],
      [3, '2', 2, 'sessions', null],
      [4, '2', 4, 'news_items', null],
    ]);
    expect(p.assignments.map((a) => [a.org, a.targets])).toEqual([
      ['Sở Nội vụ', [1, 2]],
      ['Sở Văn hóa, Thể thao và Du lịch', [3, 4]],
    ]);
  });

  it('finds measurable commitments outside the targets section', () => {
    const text = `KẾ HOẠCH\n\nTriển khai công tác bình đẳng giới năm 2024\n\nI. NỘI DUNG\n\n1. Tuyên truyền\n\nII. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Quản lý Văn hóa và Gia đình\n\n- Tham mưu lựa chọn các sản phẩm văn hóa, trong đó giảm trên 80% các sản phẩm mang định kiến giới trên tổng số sản phẩm được xác định.\n`;
    const p = parsePlan(text);
    expect(p.targets.map((t) => [t.number, t.value, t.comparator, t.year, t.frequency, t.ruleKind, t.source])).toEqual([
      [1, 80, 'gt', 2024, 'once', 'reduction_share', 'body'],
    ]);
    expect(p.assignments.map((a) => [a.org, a.targets])).toEqual([['Phòng Quản lý Văn hóa và Gia đình', [1]]]);
  });
});

describe('text clean-up', () => {
  it('strips markdown headings, bold and italic marks but keeps spans on the original', () => {
    const text =
      '## **KẾ HOẠCH**\n\n### Thực hiện Chương trình giai đoạn 2026-2030\n\n## **II. MỤC TIÊU**\n\n1. ***Hằng năm***, các sở tổ chức ít nhất **02** cuộc truyền thông.\n\n#### **V. TỔ CHỨC THỰC HIỆN**\n\n###### **2.1. Sở Nội vụ**\n\n- Báo cáo định kỳ gửi về Ủy ban nhân dân tỉnh (*qua Sở Nội vụ*) trước ngày 01/12 hằng năm.\n\n***Nơi nhận:***\n\n- Bộ Nội vụ;\n';
    const p = parsePlan(text);
    expect(p.title?.text).toBe('Thực hiện Chương trình giai đoạn 2026-2030');
    expect(p.sections.map((s) => [s.numeral, s.kind, s.title])).toEqual([
      ['II', 'targets', 'MỤC TIÊU'],
      ['V', 'organisation', 'TỔ CHỨC THỰC HIỆN'],
    ]);
    const t = p.targets[0];
    expect(t?.text).toBe('Hằng năm, các sở tổ chức ít nhất 02 cuộc truyền thông');
    expect(text.slice(t?.span.start, t?.span.end)).toBe('Hằng năm***, các sở tổ chức ít nhất **02** cuộc truyền thông');
    expect(p.assignments[0]?.org).toBe('Sở Nội vụ');
    expect(p.reporting[0]?.to).toBe('Ủy ban nhân dân tỉnh (qua Sở Nội vụ)');
    expect(p.recipients.map((r) => r.text)).toEqual(['Bộ Nội vụ']);
  });

  it('re-joins lines broken mid-sentence with blank lines between them', () => {
    const text =
      'KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Phấn đấu đến năm 2025, ít nhất 70% cơ quan thông tin, tuyên truyền áp \n\ndụng thí điểm và đến năm 2030 có 90% cơ quan thông tin, tuyên truyền chính \n\nthức áp dụng Bộ chỉ số về giới trong truyền thông. \n\n- Hằng năm, các cơ quan được truyền thông ít nhất \n\n02 cuộc. \n';
    const p = parsePlan(text);
    expect(p.targets.map((t) => [t.number, t.value, t.year])).toEqual([
      [1, 70, 2025],
      [1, 90, 2030],
      [2, 2, null],
    ]);
    expect(p.targets[1]?.text).toBe(
      'đến năm 2030 có 90% cơ quan thông tin, tuyên truyền chính thức áp dụng Bộ chỉ số về giới trong truyền thông',
    );
  });

  it('drops page numbers between hard-wrapped lines and grid-table borders', () => {
    const text =
      '+------------------+----------------------+\n| UBND TỈNH THANH HÓA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n+------------------+----------------------+\n\nKẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Phấn đấu đến năm 2025, ít nhất 70% cơ quan thông tin, tuyên truyền áp \n\n2\n\ndụng thí điểm Bộ chỉ số về giới. \n\nTrang 3/5\n\n- Hằng năm, 100% đơn vị xây dựng kế hoạch.\n';
    const p = parsePlan(text);
    expect(p.targets.map((t) => t.text)).toEqual([
      'Phấn đấu đến năm 2025, ít nhất 70% cơ quan thông tin, tuyên truyền áp dụng thí điểm Bộ chỉ số về giới',
      'Hằng năm, 100% đơn vị xây dựng kế hoạch',
    ]);
    expect(p.unparsed).toEqual([]);
    expect(p.issuer?.text).toBe('UBND tỉnh Thanh Hóa');
  });

  it('reads header lines flattened into "A | B |" table rows', () => {
    const text = [
      '| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |',
      '|---|---|',
      '| TỈNH LAI CHÂU | Độc lập - Tự do - Hạnh phúc |',
      '| Số: 183/KH-UBND | Lai Châu, ngày 05 tháng 4 năm 2026 |',
      '',
      'KẾ HOẠCH',
      'Thực hiện Chương trình Truyền thông về bình đẳng giới giai đoạn 2026 - 2030',
      '',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '- Nâng cao nhận thức.',
    ].join('\n');
    const p = parsePlan(text);
    expect(p.issuer?.text).toBe('Ủy ban nhân dân tỉnh Lai Châu');
    expect(p.issuer?.source).toBe('header');
    expect(p.number?.text).toBe('183/KH-UBND');
    expect(p.date?.iso).toBe('2026-04-05');
    expect(p.place?.text).toBe('Lai Châu');
    expect(p.period).toMatchObject({ from: 2026, to: 2030 });
    expect(p.unparsed).toEqual([]);
    expect(text.slice(p.number?.span.start, p.number?.span.end)).toBe('183/KH-UBND');
  });

  it('reads a header without pipes at the start ("A | B |") and a department as issuer', () => {
    const text =
      'UBND TỈNH THANH HÓA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH | Độc lập - Tự do - Hạnh phúc |\nSố: 07/KH-SVHTTDL | Thanh Hóa, ngày 09/4/2024 |\n\nKẾ HOẠCH\n\nThực hiện công tác bình đẳng giới năm 2024\n';
    const p = parsePlan(text);
    expect(p.issuer?.text).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(p.number?.text).toBe('07/KH-SVHTTDL');
    expect(p.date?.iso).toBe('2024-04-09');
    expect(p.kind).toBe('annual');
  });

  it('joins an issuer name wrapped over header lines; reads place and date on the "Số:" line; CRLF', () => {
    const text = [
      'UBND TỈNH BẮC GIANG',
      'SỞ LAO ĐỘNG - THƯƠNG BINH',
      'VÀ XÃ HỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 112/KH-SLĐTBXH   Bắc Giang, ngày 20 tháng 02 năm 2023',
      '',
      'KẾ HOẠCH',
      'TRIỂN KHAI CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI',
      'ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH BẮC GIANG',
      '',
      'A. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích: Nâng cao nhận thức về bình đẳng giới.',
      '2. Yêu cầu: Bám sát nội dung Chương trình.',
    ].join('\r\n');
    const p = parsePlan(text);
    expect(p.issuer?.text).toBe('Sở Lao động - Thương binh và Xã hội');
    expect([p.number?.text, p.place?.text, p.date?.iso]).toEqual(['112/KH-SLĐTBXH', 'Bắc Giang', '2023-02-20']);
    expect(p.title?.text).toBe(
      'TRIỂN KHAI CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI ĐẾN NĂM 2030 TRÊN ĐỊA BÀN TỈNH BẮC GIANG',
    );
    expect(p.period).toMatchObject({ from: 2023, to: 2030 });
    expect(p.purposes.map((x) => [x.kind, x.text])).toEqual([
      ['purpose', 'Nâng cao nhận thức về bình đẳng giới.'],
      ['requirement', 'Bám sát nội dung Chương trình.'],
    ]);
    checkSpans(text, p);
    expect(text.slice(p.place?.span.start, p.place?.span.end)).toBe('Bắc Giang');
  });

  it('leaves the date null when day or month is blank', () => {
    const p = parsePlan(
      'Số: /KH-UBND\n\nTân Yên, ngày tháng 3 năm 2022\n\nKẾ HOẠCH\n\nThực hiện Chương trình đến năm 2030\n',
    );
    expect([p.number?.text, p.place?.text, p.date?.iso, p.date?.month, p.date?.year]).toEqual([
      '/KH-UBND',
      'Tân Yên',
      null,
      3,
      2022,
    ]);
    expect(p.period).toMatchObject({ from: 2022, to: 2030 });
  });

  it('reports stray paragraphs as unparsed instead of dropping them', () => {
    const text =
      'KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Hằng năm 100% đơn vị xây dựng kế hoạch.\n\nVI. PHỤ LỤC KHÁC\n\nMột dòng lạc.\n';
    const p = parsePlan(text);
    expect(p.unparsed.map((u) => u.text)).toEqual(['Một dòng lạc.']);
    const u = p.unparsed[0];
    expect(text.slice(u?.span.start, u?.span.end)).toBe('Một dòng lạc.');
  });
});

describe('reporting deadlines', () => {
  const reportingOf = (sentence: string) =>
    toCliJson(parsePlan(`KẾ HOẠCH\n\nI. TỔ CHỨC THỰC HIỆN\n\n${sentence}\n`)).reporting;

  it.each([
    [
      'Các đơn vị báo cáo kết quả về UBND huyện (thông qua Phòng LĐ-TB&XH) trước ngày 01/12 hằng năm.',
      [{ to: 'UBND huyện (thông qua Phòng LĐ-TB&XH)', frequency: 'annual', deadline: '01/12' }],
    ],
    [
      'Các đơn vị báo cáo kết quả theo định kỳ 6 tháng (gửi trước ngày 5/6) và 1 năm (gửi trước ngày 5/12) về Sở Văn hoá, Thể thao và Du lịch để tổng hợp.',
      [
        { to: 'Sở Văn hoá, Thể thao và Du lịch', frequency: 'half_year', deadline: '05/06' },
        { to: 'Sở Văn hoá, Thể thao và Du lịch', frequency: 'annual', deadline: '05/12' },
      ],
    ],
    [
      'Các đơn vị định kỳ báo cáo kết quả về Sở Y tế (qua Ban Vì sự tiến bộ của phụ nữ) trước ngày 10  tháng 12 hằng năm.',
      [{ to: 'Sở Y tế (qua Ban Vì sự tiến bộ của phụ nữ)', frequency: 'annual', deadline: '10/12' }],
    ],
    [
      'Các đơn vị gửi báo cáo hằng quý về Phòng Văn hóa và Thông tin chậm nhất ngày 20/3.',
      [{ to: 'Phòng Văn hóa và Thông tin', frequency: 'quarterly', deadline: '20/03' }],
    ],
    ['Các đơn vị tổ chức Tháng hành động từ ngày 15/11 đến ngày 15/12 hằng năm.', []],
  ])('%s', (sentence, expected) => {
    expect(reportingOf(sentence)).toEqual(expected);
  });
});

describe('assignments', () => {
  const assignmentsOf = (items: string) =>
    toCliJson(parsePlan(`KẾ HOẠCH\n\nII. MỤC TIÊU\n\n1. a\n\nV. TỔ CHỨC THỰC HIỆN\n\n${items}\n`)).assignments;

  it('links "Mục tiêu 2, 3" style references to target numbers', () => {
    expect(
      assignmentsOf(
        '1. Sở Nội vụ\n\n- Chủ trì triển khai Kế hoạch.\n\n- Chịu trách nhiệm báo cáo kết quả triển khai Mục tiêu 2, 3 của Kế hoạch này.\n\n2. Sở Văn hóa, Thể thao và Du lịch: theo dõi các mục tiêu số 4 và 5; báo cáo Mục tiêu 1 - 3.',
      ),
    ).toEqual([
      { org: 'Sở Nội vụ', role: 'lead', targets: [2, 3] },
      { org: 'Sở Văn hóa, Thể thao và Du lịch', role: 'lead', targets: [1, 2, 3, 4, 5] },
    ]);
  });

  it('reads roles: chủ trì → lead, phối hợp only → coordinate, duties of its own → lead', () => {
    expect(
      assignmentsOf(
        [
          '1. Sở Y tế: Chủ trì, phối hợp với các cơ quan liên quan tuyên truyền.',
          '2. Sở Tư pháp: Phối hợp với các cơ quan tuyên truyền pháp luật. Đồng thời, phối hợp tập huấn cho hòa giải viên.',
          '3. Chi cục Dân số\n\nPhối hợp với các đơn vị liên quan triển khai Chương trình, trong đó: tập trung tuyên truyền; đẩy mạnh truyền thông.',
          '4. Đề nghị Ủy ban Mặt trận Tổ quốc, Hội Liên hiệp Phụ nữ, Huyện Đoàn và các tổ chức thành viên trong phạm vi chức năng, nhiệm vụ của mình, phối hợp với Phòng Văn hóa; tổ chức các hoạt động truyền thông.',
          '5. Trách nhiệm của các sở, ban, ngành tỉnh; UBND các xã, phường\n\n- Xây dựng kế hoạch thực hiện.',
          '6. Sở Xây dựng chủ trì lồng ghép nội dung bình đẳng giới.',
        ].join('\n\n'),
      ),
    ).toEqual([
      { org: 'Sở Y tế', role: 'lead', targets: [] },
      { org: 'Sở Tư pháp', role: 'coordinate', targets: [] },
      { org: 'Chi cục Dân số', role: 'coordinate', targets: [] },
      { org: 'Ủy ban Mặt trận Tổ quốc', role: 'lead', targets: [] },
      { org: 'Hội Liên hiệp Phụ nữ', role: 'lead', targets: [] },
      { org: 'Huyện Đoàn', role: 'lead', targets: [] },
      { org: 'các tổ chức thành viên', role: 'lead', targets: [] },
      { org: 'các sở, ban, ngành tỉnh', role: 'lead', targets: [] },
      { org: 'UBND các xã, phường', role: 'lead', targets: [] },
      { org: 'Sở Xây dựng', role: 'lead', targets: [] },
    ]);
  });

  it('treats a heading with lettered bodies as a container; "Hội nghị …" is an event, not a body', () => {
    expect(
      assignmentsOf(
        '1. Các đơn vị thuộc Sở\n\na) Văn phòng Sở: bố trí kinh phí.\n\nb) Thanh tra Sở: phối hợp kiểm tra.\n\n2. Phòng Bảo trợ xã hội\n\na) Hội nghị triển khai: tổ chức trong quý II.\n\nb) Tập huấn cán bộ.',
      ),
    ).toEqual([
      { org: 'Văn phòng Sở', role: 'lead', targets: [] },
      { org: 'Thanh tra Sở', role: 'coordinate', targets: [] },
      { org: 'Phòng Bảo trợ xã hội', role: 'lead', targets: [] },
    ]);
  });

  it('reads commune officials as responsible bodies (pandoc escapes, NFD, CRLF)', () => {
    const text = [
      '**KẾ HOẠCH**',
      'Thực hiện công tác bình đẳng giới năm 2025',
      'I\\. MỤC TIÊU',
      '1\\. Hằng năm, 100% thôn tổ chức ít nhất 01 buổi sinh hoạt chuyên đề\\.',
      '2\\. Đến năm 2025 giảm 10% số vụ bạo lực gia đình so với năm 2024\\.',
      'II\\. TỔ CHỨC THỰC HIỆN',
      '\\- Công chức Văn hóa - Xã hội: chủ trì, theo dõi Mục tiêu 1\\.',
      '\\- Hội Liên hiệp Phụ nữ xã: phối hợp thực hiện Mục tiêu 2\\.',
    ]
      .join('\r\n\r\n')
      .normalize('NFD');
    const cli = toCliJson(parsePlan(text));
    expect(cli.assignments).toEqual([
      { org: 'Công chức Văn hóa - Xã hội', role: 'lead', targets: [1] },
      { org: 'Hội Liên hiệp Phụ nữ xã', role: 'coordinate', targets: [2] },
    ]);
    expect(cli.targets.map((t) => [t.value, t.unit, t.year])).toEqual([
      [1, 'sessions', null],
      [10, 'percent', 2025],
    ]);
    expect(cli.unparsed).toEqual([]);
  });

  it('treats "2. Trách nhiệm của một số cơ quan" as a container of 2.1, 2.2 …', () => {
    expect(
      assignmentsOf(
        '1. Trách nhiệm của một số cơ quan, đơn vị\n\n1.1. Sở Tài chính\n\nBố trí kinh phí.\n\n1.2. Báo và Phát thanh, truyền hình tỉnh\n\nTăng thời lượng phát sóng.',
      ).map((a) => a.org),
    ).toEqual(['Sở Tài chính', 'Báo và Phát thanh, truyền hình tỉnh']);
  });
});

describe('layouts seen in other plans', () => {
  it('combined "MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU", "Giai đoạn …" milestones, grouping headings, signature before Nơi nhận', () => {
    const text = `ỦY BAN NHÂN DÂN
HUYỆN TÂN YÊN
Số: 45/KH-UBND
Tân Yên, ngày 10/3/2022

KẾ HOẠCH
Thực hiện Chương trình truyền thông về bình đẳng giới giai đoạn 2022 - 2030

I. MỤC ĐÍCH, YÊU CẦU VÀ MỤC TIÊU
1. Mục đích
Nâng cao nhận thức.
2. Yêu cầu
Triển khai đồng bộ.
3. Mục tiêu cụ thể
a) Giai đoạn 2022 - 2025:
- 100% xã xây dựng kế hoạch hưởng ứng Tháng hành động;
- 70% cơ quan truyền thông áp dụng thí điểm Bộ chỉ số.
b) Giai đoạn 2026 - 2030:
- 90% cơ quan truyền thông chính thức áp dụng Bộ chỉ số.

II. NHIỆM VỤ
1. Tuyên truyền

III. TỔ CHỨC THỰC HIỆN
1. Cấp huyện
- Phòng Văn hóa và Thông tin: chủ trì tuyên truyền; theo dõi Mục tiêu 3.
- Trung tâm Văn hóa - Thông tin và Thể thao: phối hợp đưa tin.
2. Cấp xã
UBND các xã, thị trấn xây dựng kế hoạch và báo cáo kết quả về UBND huyện trước ngày 30/11 hằng năm.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Hải
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
`;
    const p = parsePlan(text);
    const cli = toCliJson(p);
    expect([cli.issuer, cli.number, cli.date, cli.place, cli.period]).toEqual([
      'Ủy ban nhân dân huyện Tân Yên',
      '45/KH-UBND',
      '2022-03-10',
      'Tân Yên',
      { from: 2022, to: 2030 },
    ]);
    expect(p.purposes.map((x) => x.kind)).toEqual(['purpose', 'requirement']);
    expect(cli.targets.map((t) => [t.value, t.year, t.frequency])).toEqual([
      [100, 2025, 'by_year'],
      [70, 2025, 'by_year'],
      [90, 2030, 'by_year'],
    ]);
    expect(cli.assignments).toEqual([
      { org: 'Phòng Văn hóa và Thông tin', role: 'lead', targets: [3] },
      { org: 'Trung tâm Văn hóa - Thông tin và Thể thao', role: 'coordinate', targets: [] },
      { org: 'UBND các xã, thị trấn', role: 'lead', targets: [] },
    ]);
    expect(cli.reporting).toEqual([{ to: 'UBND huyện', frequency: 'annual', deadline: '30/11' }]);
    expect(p.signer).toMatchObject({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Hải' });
    expect(p.recipients.map((r) => r.text)).toEqual(['UBND tỉnh', 'Lưu: VT']);
    expect(cli.unparsed).toEqual([]);
  });
});

describe('legal-database layout', () => {
  it('reads a left column written on one line with rule runs', () => {
    const text = [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG __________ Số: 96/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập – Tự do – Hạnh phúc __________ |',
      '| | Hải Phòng, ngày 02 tháng 11 năm 2024 |',
      '',
      'KẾ HOẠCH',
      'Tổ chức Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024',
    ].join('\n');
    const cli = toCliJson(parsePlan(text));
    expect([cli.issuer, cli.number, cli.date, cli.place, cli.period, cli.unparsed]).toEqual([
      'Ủy ban nhân dân thành phố Hải Phòng',
      '96/KH-UBND',
      '2024-11-02',
      'Hải Phòng',
      { from: 2024, to: 2024 },
      [],
    ]);
    expect(parsePlan(text).kind).toBe('action_month');
  });

  it('reads a header broken word by word with lone "|" lines', () => {
    const text = [
      'ỦY BAN NHÂN',
      'DÂN',
      'HUYỆN SƠN ĐỘNG',
      '-------',
      '|',
      'CỘNG HÒA XÃ HỘI',
      'CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '---------------',
      '|',
      'Số: 21/KH-UBND',
      '|',
      'Sơn Động,',
      'ngày 14 tháng 3 năm 2023',
      '|',
      'KẾ HOẠCH',
      'THỰC HIỆN CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI ĐẾN NĂM',
      '2030 TRÊN ĐỊA BÀN HUYỆN',
      'Căn cứ Kế hoạch số 183/KH-UBND ngày 13/3/2022 của UBND tỉnh;',
      'I. MỤC TIÊU',
      '1. Mục tiêu cụ thể',
      'Giai đoạn 2023-2025:',
      '- Hằng năm, các xã tổ chức ít nhất 02 cuộc truyền thông.',
      '- 70% cơ quan truyền thông áp dụng thí điểm Bộ chỉ số.',
    ].join('\n');
    const p = parsePlan(text);
    const cli = toCliJson(p);
    expect([cli.issuer, cli.number, cli.date, cli.place, cli.parent_documents, cli.period]).toEqual([
      'Ủy ban nhân dân huyện Sơn Động',
      '21/KH-UBND',
      '2023-03-14',
      'Sơn Động',
      ['183/KH-UBND'],
      { from: 2023, to: 2030 },
    ]);
    expect(cli.title).toBe('THỰC HIỆN CHƯƠNG TRÌNH TRUYỀN THÔNG VỀ BÌNH ĐẲNG GIỚI ĐẾN NĂM 2030 TRÊN ĐỊA BÀN HUYỆN');
    // "Giai đoạn 2023-2025:" gives its end year to the targets under it, unless they say "Hằng năm"
    expect(cli.targets.map((t) => [t.value, t.year, t.frequency])).toEqual([
      [2, null, 'annual'],
      [70, 2025, 'by_year'],
    ]);
    expect(cli.unparsed).toEqual([]);
  });
});

describe('closing', () => {
  it('reads recipients without dashes and a signature without "Nơi nhận" or "KT."', () => {
    const a = parsePlan(
      'KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Hằng năm 100% đơn vị xây dựng kế hoạch.\n\nNơi nhận: Như trên; Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Tám\n',
    );
    expect(a.recipients.map((r) => r.text)).toEqual(['Như trên', 'Lưu: VT']);
    expect(a.signer).toMatchObject({ authority: null, title: 'CHỦ TỊCH', name: 'Lê Văn Tám' });
    const b = parsePlan(
      'KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Hằng năm 100% đơn vị xây dựng kế hoạch.\n\nGIÁM ĐỐC\n\nTrần Thị Hoa\n',
    );
    expect(b.signer).toMatchObject({ title: 'GIÁM ĐỐC', name: 'Trần Thị Hoa' });
    expect(b.unparsed).toEqual([]);
  });

  it('does not take an introduction for part of the title', () => {
    const p = parsePlan(
      'KẾ HOẠCH\n\nThực hiện công tác bình đẳng giới năm 2025\n\nĐể triển khai hiệu quả công tác bình đẳng giới, Ủy ban nhân dân xã Tân Lập ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n- Nâng cao nhận thức.\n',
    );
    expect(p.title?.text).toBe('Thực hiện công tác bình đẳng giới năm 2025');
    expect(p.issuer?.text).toBe('Ủy ban nhân dân xã Tân Lập');
    expect(p.unparsed).toEqual([]);
  });

  it('reads recipients and a signature flattened into table rows', () => {
    const text =
      'KẾ HOẠCH\n\nI. MỤC TIÊU\n\n- Hằng năm 100% đơn vị xây dựng kế hoạch.\n\n| Nơi nhận: | KT. CHỦ TỊCH |\n| - Như trên;<br>- Lưu: VT. | PHÓ CHỦ TỊCH |\n| | (Đã ký) |\n| | Nguyễn Văn An |\n';
    const p = parsePlan(text);
    expect(p.recipients.map((r) => r.text)).toEqual(['Như trên', 'Lưu: VT']);
    expect(p.signer).toMatchObject({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn An' });
    expect(p.unparsed).toEqual([]);
  });
});
