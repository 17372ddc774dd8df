/**
 * Plain text from an uploaded plan: .txt (UTF-8 or UTF-16), .docx (mammoth) and text .pdf
 * (pdfjs-dist). Junk, bombs and empty files are refused with a 4xx naming the `file` field.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { LocalizedError, msg } from '@binhdang/domain';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 3000;
const MAX_PDF_PAGES = 400;

const bad = (
  vi: string,
  en: string,
  code: 'validation' | 'unsupported_media_type' | 'payload_too_large' = 'validation',
) => new LocalizedError(code, msg(vi, en), { file: msg(vi, en) });

export function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw bad('Tệp không phải văn bản UTF-8', 'The file is not UTF-8 text');
  }
  // Control characters other than tab/newline/form feed mean this is not a text document.
  let controls = 0;
  for (let i = 0; i < text.length && controls === 0; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) controls++;
  }
  if (controls > 0) throw bad('Tệp chứa dữ liệu nhị phân, không phải văn bản', 'The file holds binary data, not text');
  return text;
}

async function docxText(buf: Buffer): Promise<string> {
  if (buf.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004')
    throw bad('Tệp .docx bị hỏng', 'The .docx file is damaged');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch {
    throw bad('Tệp .docx bị hỏng', 'The .docx file is damaged');
  }
  // A zip bomb declares huge uncompressed sizes; refuse before inflating anything.
  const entries = Object.values(zip.files);
  const declared = entries.reduce(
    (s, f) => s + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0),
    0,
  );
  if (entries.length > MAX_ZIP_ENTRIES || declared > MAX_UNZIPPED_BYTES) {
    throw bad('Tệp .docx quá lớn khi giải nén', 'The .docx file is too large when unpacked', 'payload_too_large');
  }
  if (!zip.file('word/document.xml')) throw bad('Tệp không phải văn bản Word (.docx)', 'Not a Word (.docx) document');
  try {
    const { value } = await mammoth.extractRawText({ buffer: buf });
    return value;
  } catch {
    throw bad('Không đọc được tệp .docx', 'Could not read the .docx file');
  }
}

async function pdfText(buf: Buffer): Promise<string> {
  if (buf.subarray(0, 5).toString('latin1') !== '%PDF-') throw bad('Tệp .pdf bị hỏng', 'The .pdf file is damaged');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(buf),
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch {
    throw bad('Không đọc được tệp .pdf', 'Could not read the .pdf file');
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES)
      throw bad(`Tệp .pdf quá ${MAX_PDF_PAGES} trang`, `The .pdf has more than ${MAX_PDF_PAGES} pages`);
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      let page = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        page += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(page);
    }
    const text = pages.join('\n\n');
    if (!text.trim())
      throw bad(
        'Tệp .pdf không có lớp văn bản (bản quét); hãy dùng bản .docx hoặc .txt',
        'The .pdf has no text layer (a scan); use .docx or .txt',
      );
    return text;
  } finally {
    await doc.destroy();
  }
}

export async function extractText(filename: string, buf: Buffer): Promise<string> {
  if (buf.length === 0) throw bad('Tệp rỗng', 'The file is empty');
  if (buf.length > MAX_UPLOAD_BYTES)
    throw bad('Tệp quá lớn (tối đa 10 MB)', 'The file is too large (10 MB at most)', 'payload_too_large');
  const ext = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  let text: string;
  switch (ext) {
    case 'txt':
    case 'md':
    case 'text':
      text = decodeText(buf);
      break;
    case 'docx':
      text = await docxText(buf);
      break;
    case 'pdf':
      text = await pdfText(buf);
      break;
    default:
      throw bad(
        'Chỉ nhận tệp .txt, .docx hoặc .pdf',
        'Only .txt, .docx or .pdf files are accepted',
        'unsupported_media_type',
      );
  }
  text = text.normalize('NFC');
  if (!text.trim()) throw bad('Tệp không có nội dung văn bản', 'The file has no text');
  return text;
}
