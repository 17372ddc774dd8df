/**
 * Official administrative documents (Decree 30/2020/NĐ-CP, Appendix I) as .docx: A4 portrait,
 * Times New Roman, margins 20/20/30/15 mm, a borderless two-column header (issuer | national
 * title and motto), number and symbol, place and date, type name and summary, body, then
 * "Nơi nhận" beside the signature block. Page numbers centred at the top from page 2.
 * Shared by plans (KH) and reports (BC).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';

const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const pt = (n: number): number => n * 2; // docx sizes are half-points

export type Block =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; text: string }
  | {
      kind: 'table';
      header: string[];
      rows: string[][];
      /** Column widths in twips (the text width of A4 with these margins is 9355). */
      widths?: number[];
      /** Per column; numbers read best right-aligned. Default left. */
      align?: ('left' | 'center' | 'right')[];
      /** Indexes into rows printed bold (e.g. the "Tổng cộng" row). */
      boldRows?: number[];
    };

export interface OfficialDocument {
  /** Cơ quan chủ quản, e.g. "UBND TỈNH LAI CHÂU" (may be empty). */
  supervisingBody: string | null;
  /** Cơ quan ban hành, e.g. "SỞ NỘI VỤ". */
  issuer: string;
  /** Full number and symbol, e.g. "183/KH-UBND"; blanks kept as in drafts ("     /KH-UBND"). */
  numberSymbol: string;
  place: string;
  date: string | null; // YYYY-MM-DD
  typeName: string; // "KẾ HOẠCH", "BÁO CÁO"
  summary: string;
  /** "Kính gửi: …" line for reports; omitted for plans. */
  addressee?: string | null;
  body: Block[];
  recipients: string[];
  signer: { authority: string | null; title: string | null; name: string | null };
}

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const tableNoBorders = { ...noBorders, insideHorizontal: NONE, insideVertical: NONE };

function run(text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, font: FONT, bold: o.bold ?? false, italics: o.italics ?? false, size: pt(o.size ?? 13) });
}

function centered(text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, before: 0 }, children: [run(text, o)] });
}

/** A short centred rule: a bottom border on an empty paragraph narrowed by indents. */
function rule(indentTwips: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120, before: 0 },
    indent: { left: indentTwips, right: indentTwips },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** "Lai Châu, ngày 05 tháng 4 năm 2026" — leading zero for days < 10 and months 1–2 (Decree 30). */
export function placeAndDate(place: string, isoDate: string | null): string {
  if (!isoDate) return `${place}, ngày      tháng      năm ${new Date().getFullYear()}`;
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

function headerTable(doc: OfficialDocument): Table {
  const left = [
    ...(doc.supervisingBody ? [centered(doc.supervisingBody.toUpperCase(), { size: 13 })] : []),
    centered(doc.issuer.toUpperCase(), { bold: true, size: 13 }),
    rule(1000),
    centered(`Số: ${doc.numberSymbol}`, { size: 13 }),
  ];
  const right = [
    centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 }),
    centered('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 13 }),
    rule(900),
    centered(placeAndDate(doc.place, doc.date), { italics: true, size: 13 }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: tableNoBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 38, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 62, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

function bodyParagraph(text: string, o: { bold?: boolean; indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    keepNext: o.keepNext ?? false,
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 300 },
    indent: o.indent === false ? undefined : { firstLine: Math.round(12.7 * MM) },
    children: [run(text, { bold: o.bold ?? false, size: 14 })],
  });
}

function dataTable(b: Extract<Block, { kind: 'table' }>): Table {
  const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
  const bold = new Set(b.boldRows ?? []);
  const cell = (text: string, col: number, isBold: boolean, header = false) =>
    new TableCell({
      ...(b.widths?.[col] ? { width: { size: b.widths[col], type: WidthType.DXA } } : {}),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[b.align?.[col] ?? 'left'],
          children: [run(text, { bold: isBold, size: 12 })],
        }),
      ],
    });
  return new Table({
    width: b.widths
      ? { size: b.widths.reduce((a, w) => a + w, 0), type: WidthType.DXA }
      : { size: 100, type: WidthType.PERCENTAGE },
    ...(b.widths ? { columnWidths: b.widths } : {}),
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h, c) => cell(h, c, true, true)) }),
      ...b.rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((c, k) => cell(c, k, bold.has(i))) })),
    ],
  });
}

/** keepNext: headings stay with what follows; the last body paragraph with the signature. */
function renderBlock(b: Block, keepNext = false): Paragraph | Table {
  switch (b.kind) {
    case 'heading':
      return bodyParagraph(b.level === 1 ? b.text.toUpperCase() : b.text, {
        bold: true,
        indent: b.level !== 1,
        keepNext: true,
      });
    case 'paragraph':
      return bodyParagraph(b.text, { keepNext });
    case 'bullet':
      return bodyParagraph(b.text.startsWith('-') ? b.text : `- ${b.text}`, { keepNext });
    case 'table':
      return dataTable(b);
  }
}

function closingTable(doc: OfficialDocument): Table {
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...doc.recipients.map((r, i) => {
      const last = i === doc.recipients.length - 1;
      const textOf = r.replace(/^[-–•]\s*/, '').replace(/[;.]+$/, '');
      return new Paragraph({ children: [run(`- ${textOf}${last ? '.' : ';'}`, { size: 11 })] });
    }),
  ];
  const s = doc.signer;
  const signature = [
    ...(s.authority ? s.authority.split(/\n/).map((l) => centered(l.toUpperCase(), { bold: true, size: 14 })) : []),
    ...(s.title ? [centered(s.title.toUpperCase(), { bold: true, size: 14 })] : []),
    // Room for the signature and seal, then the signer's name (a blank line when not yet known).
    ...[1, 2, 3, 4].map(() => centered(' ', { size: 14 }, 0)),
    centered(s.name ?? ' ', { bold: true, size: 14 }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: tableNoBorders,
    rows: [
      new TableRow({
        // "Nơi nhận" and the signature stay together on one page.
        cantSplit: true,
        children: [
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: noBorders, children: recipients }),
          new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: noBorders, children: signature }),
        ],
      }),
    ],
  });
}

export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    headerTable(doc),
    centered('', {}, 120),
    centered(doc.typeName.toUpperCase(), { bold: true, size: 14 }),
    centered(doc.summary, { bold: true, size: 14 }),
    rule(3200),
    ...(doc.addressee ? [centered(`Kính gửi: ${doc.addressee}`, { size: 14 }, 120)] : []),
    ...doc.body.map((b, i) => renderBlock(b, i === doc.body.length - 1)),
    // Keeps the last body paragraph, this gap and "Nơi nhận" + signature on one page.
    new Paragraph({ keepNext: true, spacing: { after: 240, before: 0 }, children: [] }),
    closingTable(doc),
  ];
  const document = new Document({
    creator: 'binhdang',
    title: `${doc.typeName} ${doc.numberSymbol}`,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM, header: 10 * MM },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
