import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIVITY_IMPORT_COLUMNS,
  activityToCells,
  columnForHeader,
  columnLetter,
  createRowParser,
  excelSerialToIso,
  headerOf,
  isoToExcelSerial,
  mapHeaderRow,
  parseAudiencesCell,
  parseCommuneCell,
  parseCountCell,
  parseDateCell,
  parseRefCell,
  RefIndex,
  type ImportRefs,
} from './index.js';

const REFS: ImportRefs = {
  kinds: [
    { code: 'conference', nameVi: 'Hội nghị', nameEn: 'Conference' },
    { code: 'training', nameVi: 'Tập huấn, bồi dưỡng', nameEn: 'Training' },
    { code: 'leaflet', nameVi: 'Tờ rơi, tờ gấp', nameEn: 'Leaflet' },
  ],
  channels: [
    { code: 'direct', nameVi: 'Trực tiếp', nameEn: 'Face to face' },
    { code: 'loudspeaker', nameVi: 'Loa truyền thanh cơ sở', nameEn: 'Loudspeaker' },
  ],
  audiences: [
    { code: 'leaders', nameVi: 'Lãnh đạo, cán bộ quản lý', nameEn: 'Leaders and officials' },
    { code: 'civil_servants', nameVi: 'Cán bộ, công chức, viên chức', nameEn: 'Civil servants' },
    { code: 'women', nameVi: 'Phụ nữ', nameEn: 'Women' },
    { code: 'youth', nameVi: 'Thanh niên, vị thành niên', nameEn: 'Adolescents and youth' },
  ],
  campaigns: [
    {
      code: 'action_month',
      value: '6c1f0a52-0000-4000-8000-000000000008',
      nameVi: 'Tháng hành động vì bình đẳng giới',
      nameEn: 'Action Month',
    },
  ],
};

const HEADERS = ACTIVITY_IMPORT_COLUMNS.map(headerOf);
const idx = (field: string) => ACTIVITY_IMPORT_COLUMNS.findIndex((c) => c.field === field);
function rowOf(values: Record<string, unknown>): unknown[] {
  const cells: unknown[] = HEADERS.map(() => null);
  for (const [k, v] of Object.entries(values)) cells[idx(k)] = v;
  return cells;
}
const parse = (values: Record<string, unknown>, row = 2) =>
  createRowParser(mapHeaderRow(HEADERS), REFS)(rowOf(values) as never, row);

describe('dates', () => {
  it.each([
    ['25/11/2026', '2026-11-25'],
    ['5/3/2026', '2026-03-05'],
    ['05-03-2026', '2026-03-05'],
    ['05.03.2026', '2026-03-05'],
    [' 2026-11-25 ', '2026-11-25'],
    ['2026-11-25T00:00:00Z', '2026-11-25'],
    ['46351', '2026-11-25'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateCell(text)).toEqual({ ok: true, value: iso });
  });
  it('reads Excel serials and Date cells', () => {
    expect(parseDateCell(46351)).toEqual({ ok: true, value: '2026-11-25' });
    expect(parseDateCell(46351.75)).toEqual({ ok: true, value: '2026-11-25' });
    expect(parseDateCell(new Date(Date.UTC(2026, 10, 25)))).toEqual({ ok: true, value: '2026-11-25' });
    expect(excelSerialToIso(isoToExcelSerial('2024-02-29'))).toBe('2024-02-29');
  });
  it.each(['31/02/2026', '2026/13/45', '12-31-2026', '25/11/26', 'hôm qua', '25/11/1999', '0', 'true'])(
    'refuses %s',
    (text) => {
      const r = parseDateCell(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.vi).toMatch(/[Nn]gày|[Nn]ăm/);
    },
  );
  it('empty is null', () => {
    expect(parseDateCell('  ')).toEqual({ ok: true, value: null });
    expect(parseDateCell(null)).toEqual({ ok: true, value: null });
  });
  it('serials round-trip over the whole accepted range', () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToExcelSerial('2000-01-01'), max: isoToExcelSerial('2100-12-31') }), (n) => {
        const iso = excelSerialToIso(n);
        const [y, m, d] = iso.split('-');
        expect(parseDateCell(`${d}/${m}/${y}`)).toEqual({ ok: true, value: iso });
        expect(isoToExcelSerial(iso)).toBe(n);
      }),
    );
  });
});

describe('counts and money', () => {
  it.each([
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1 500 000', 1_500_000],
    ['1\u00a0500', 1500],
    ['42', 42],
    ['12,00', 12],
    ['0', 0],
  ])('%s → %d', (text, n) => {
    expect(parseCountCell(text, 1e15)).toEqual({ ok: true, value: n });
  });
  it('refuses negatives, decimals, words and too large', () => {
    const msgs = ['-5', '−3', '1.5', 'mười', '1.23.4', '2e5'].map((t) => parseCountCell(t, 1e9));
    expect(msgs.every((m) => !m.ok)).toBe(true);
    const neg = parseCountCell('-5', 1e9);
    expect(!neg.ok && neg.error.vi).toBe('Không được là số âm');
    expect(parseCountCell(-1, 10).ok).toBe(false);
    expect(parseCountCell(2.5, 10).ok).toBe(false);
    expect(parseCountCell(11, 10).ok).toBe(false);
    expect(parseCountCell(10, 10)).toEqual({ ok: true, value: 10 });
  });
});

describe('references', () => {
  const kinds = new RefIndex(REFS.kinds);
  const KIND = { vi: 'Loại hoạt động', en: 'activity kind' };
  it('matches code, Vietnamese or English name, without accents or case', () => {
    for (const t of ['conference', 'Hội nghị', 'HOI NGHI', 'hoi nghi', 'Conference', ' hội  nghị '])
      expect(parseRefCell(t, kinds, KIND)).toEqual({ ok: true, value: 'conference' });
  });
  it('a part of a name before or after its comma is enough when only one entry has it', () => {
    expect(parseRefCell('tờ rơi', kinds, KIND)).toEqual({ ok: true, value: 'leaflet' });
    expect(parseRefCell('Tap huan', kinds, KIND)).toEqual({ ok: true, value: 'training' });
    const a = new RefIndex([
      ...REFS.audiences,
      { code: 'officials', nameVi: 'Cán bộ, đảng viên', nameEn: 'Officials' },
    ]);
    // 'Cán bộ' starts two names: not a match on its own.
    expect(parseAudiencesCell('Cán bộ', a).ok).toBe(false);
    expect(parseAudiencesCell('Phụ nữ; Lãnh đạo', a)).toEqual({ ok: true, value: ['women', 'leaders'] });
  });
  it('names the unknown value', () => {
    const r = parseRefCell('Họp chợ', kinds, KIND);
    expect(r).toEqual({
      ok: false,
      error: { vi: 'Loại hoạt động không có trong danh mục: "Họp chợ"', en: 'Unknown activity kind: "Họp chợ"' },
    });
  });
  it('splits audiences on ; and , even when names hold commas', () => {
    const a = new RefIndex(REFS.audiences);
    expect(parseAudiencesCell('Phụ nữ; Lãnh đạo, cán bộ quản lý', a)).toEqual({
      ok: true,
      value: ['women', 'leaders'],
    });
    expect(parseAudiencesCell('women,youth', a)).toEqual({ ok: true, value: ['women', 'youth'] });
    expect(parseAudiencesCell('Cán bộ, công chức, viên chức, phu nu', a)).toEqual({
      ok: true,
      value: ['civil_servants', 'women'],
    });
    const bad = parseAudiencesCell('Phụ nữ; người ngoài hành tinh', a);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.vi).toContain('"người ngoài hành tinh"');
  });
  it('commune codes keep 5 digits', () => {
    expect(parseCommuneCell(3394)).toEqual({ ok: true, value: '03394' });
    expect(parseCommuneCell('03394')).toEqual({ ok: true, value: '03394' });
    expect(parseCommuneCell('Xã A').ok).toBe(false);
  });
});

describe('headers', () => {
  it('accepts Vietnamese, English and field names, ignores STT', () => {
    expect(columnForHeader('Loại hoạt động *')).toMatchObject({ field: 'kind' });
    expect(columnForHeader('LOAI HOAT DONG')).toMatchObject({ field: 'kind' });
    expect(columnForHeader('Start date')).toMatchObject({ field: 'startDate' });
    expect(columnForHeader('participantsFemale')).toMatchObject({ field: 'participantsFemale' });
    expect(columnForHeader('Kinh phí ngân sách nhà nước (đồng)')).toMatchObject({ field: 'costStateBudget' });
    expect(columnForHeader('STT')).toBe('ignore');
    expect(columnForHeader('Màu yêu thích')).toBeNull();
  });
  it('reports unknown, duplicate and missing columns', () => {
    const h = mapHeaderRow(['STT', 'Tên hoạt động', 'Title', 'Màu', 'Ngày bắt đầu']);
    expect(h.errors.map((e) => [e.column, e.vi])).toEqual([
      ['C', 'Cột "Tên hoạt động" bị lặp (đã có ở cột B)'],
      ['D', 'Tiêu đề cột không nhận ra: "Màu" (xem sheet Hướng dẫn)'],
      ['', 'Thiếu cột bắt buộc "Loại hoạt động"'],
    ]);
  });
  it('letters columns like Excel', () => {
    expect([0, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});

describe('rows', () => {
  it('parses a full row', () => {
    const r = parse({
      orgUnit: 3394,
      kind: 'Hội nghị',
      title: '  Hội nghị tuyên truyền Luật Bình đẳng giới ',
      startDate: '25/11/2026',
      communeCode: '03394',
      channel: 'truc tiep',
      audiences: 'Phụ nữ; Thanh niên, vị thành niên',
      participantsFemale: '40',
      participantsMale: 35,
      participantsTotal: '80',
      ethnicMinorityParticipants: 50,
      costStateBudget: '1.500.000',
      campaign: 'Tháng hành động vì bình đẳng giới',
    });
    expect(r.errors).toEqual([]);
    expect(r.activity).toMatchObject({
      row: 2,
      orgUnit: '03394',
      kind: 'conference',
      title: 'Hội nghị tuyên truyền Luật Bình đẳng giới',
      startDate: '2026-11-25',
      endDate: '2026-11-25',
      channel: 'direct',
      audiences: ['women', 'youth'],
      participantsFemale: 40,
      participantsMale: 35,
      participantsTotal: 80,
      costStateBudget: 1_500_000,
      costMobilised: null,
      campaignId: '6c1f0a52-0000-4000-8000-000000000008',
      notes: null,
    });
  });
  it('reports every bad cell of a row, with column letter and header', () => {
    const r = parse(
      {
        kind: 'Họp chợ',
        startDate: '31/02/2026',
        endDate: '2026-13-01',
        participantsFemale: '-3',
        participantsMale: 'abc',
        productsCount: '1.5',
      },
      7,
    );
    expect(r.activity).toBeNull();
    expect(r.errors.map((e) => [e.row, e.column, e.field, e.value])).toEqual([
      [7, 'B', 'kind', 'Họp chợ'],
      [7, 'D', 'startDate', '31/02/2026'],
      [7, 'E', 'endDate', '2026-13-01'],
      [7, 'I', 'participantsFemale', '-3'],
      [7, 'J', 'participantsMale', 'abc'],
      [7, 'M', 'productsCount', '1.5'],
      [7, 'C', 'title', ''],
    ]);
    expect(r.errors[0]!.header).toBe('Loại hoạt động');
    expect(r.errors[6]!.vi).toBe('Bắt buộc nhập');
  });
  it('checks across fields: total ≥ female + male, end ≥ start, minorities ≤ total', () => {
    const r = parse({
      kind: 'conference',
      title: 'x',
      startDate: '10/11/2026',
      endDate: '09/11/2026',
      participantsFemale: 30,
      participantsMale: 30,
      participantsTotal: 50,
      ethnicMinorityParticipants: 51,
    });
    expect(r.errors.map((e) => [e.field, e.column])).toEqual([
      ['endDate', 'E'],
      ['participantsTotal', 'K'],
      ['ethnicMinorityParticipants', 'L'],
    ]);
    expect(r.errors[1]!.vi).toBe('Tổng số người tham dự (50) nhỏ hơn số nữ + nam (60)');
  });
  it('campaign: empty asks for a suggestion, "Không" means none', () => {
    const base = { kind: 'conference', title: 't', startDate: '20/11/2026' };
    expect(parse(base).activity!.campaignId).toBeUndefined();
    expect(parse({ ...base, campaign: 'không' }).activity!.campaignId).toBeNull();
    expect(parse({ ...base, campaign: 'action_month' }).activity!.campaignId).toBe(
      '6c1f0a52-0000-4000-8000-000000000008',
    );
    expect(parse({ ...base, campaign: 'Tết' }).errors).toMatchObject([{ field: 'campaign', column: 'R' }]);
  });
  it('skips empty rows and refuses values under no header', () => {
    const p = createRowParser(mapHeaderRow(HEADERS), REFS);
    expect(
      p(
        HEADERS.map(() => '  '),
        3,
      ),
    ).toEqual({ activity: null, values: null, errors: [], empty: true });
    const cells = [...rowOf({ kind: 'conference', title: 't', startDate: '01/01/2026' }), null, 'lạc'];
    expect(p(cells as never, 4).errors).toMatchObject([{ column: columnLetter(HEADERS.length + 1), value: 'lạc' }]);
  });
  it('export cells read back as the same activity', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('conference', 'training', 'leaflet'),
          title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
          start: fc.integer({ min: isoToExcelSerial('2020-01-01'), max: isoToExcelSerial('2030-12-31') }),
          days: fc.integer({ min: 0, max: 30 }),
          channel: fc.constantFrom(null, 'direct', 'loudspeaker'),
          audiences: fc.subarray(['leaders', 'civil_servants', 'women', 'youth']),
          f: fc.option(fc.integer({ min: 0, max: 1000 })),
          m: fc.option(fc.integer({ min: 0, max: 1000 })),
          extra: fc.option(fc.integer({ min: 0, max: 1000 })),
          money: fc.option(fc.integer({ min: 0, max: 1e12 })),
          notes: fc.option(fc.constantFrom('Ghi chú; có dấu, phẩy', 'Kết quả tốt')),
          campaign: fc.constantFrom(null, '6c1f0a52-0000-4000-8000-000000000008'),
        }),
        (x) => {
          const total = x.extra === null ? null : (x.f ?? 0) + (x.m ?? 0) + x.extra;
          const a = {
            orgUnitCode: '03394',
            kind: x.kind,
            title: x.title,
            startDate: excelSerialToIso(x.start),
            endDate: excelSerialToIso(x.start + x.days),
            communeCode: '03394',
            channel: x.channel,
            audiences: x.audiences,
            participantsFemale: x.f,
            participantsMale: x.m,
            participantsTotal: total,
            ethnicMinorityParticipants: null,
            productsCount: null,
            reach: null,
            costStateBudget: x.money,
            costMobilised: null,
            costInternational: null,
            campaignId: x.campaign,
            planId: null,
            taskGroupId: null,
            notes: x.notes,
          };
          const cells = activityToCells(a, REFS);
          const r = createRowParser(mapHeaderRow(HEADERS), REFS)(cells, 2);
          expect(r.errors).toEqual([]);
          const { row: _row, orgUnit, ...rest } = r.activity!;
          const { orgUnitCode, ...expected } = a;
          expect(orgUnit).toBe(orgUnitCode);
          expect(rest).toEqual({ ...expected, title: x.title.normalize('NFC').trim() });
        },
      ),
    );
  });
});
