/** Upload checks shared by evidence and campaign plan files: type by magic bytes, size, names. */
import { LocalizedError, msg } from '@binhdang/domain';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type AllowedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The type the bytes really are (never the client's claim or the file name); null when not allowed. */
export function sniffType(bytes: Buffer): AllowedType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export const EXTENSION: Record<AllowedType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** Checks an upload; returns its real type. */
export function checkUpload(bytes: Buffer, field = 'file'): AllowedType {
  if (bytes.length === 0)
    throw new LocalizedError('validation', msg('Tệp rỗng', 'The file is empty'), {
      [field]: msg('Tệp rỗng', 'The file is empty'),
    });
  if (bytes.length > MAX_FILE_BYTES)
    throw new LocalizedError('payload_too_large', msg('Tệp lớn hơn 10 MB', 'The file is larger than 10 MB'), {
      [field]: msg('Tệp lớn hơn 10 MB', 'The file is larger than 10 MB'),
    });
  const type = sniffType(bytes);
  if (!type) {
    const m = msg(
      'Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF',
      'Only JPEG, PNG or WebP images and PDF files are accepted',
    );
    throw new LocalizedError('unsupported_media_type', m, { [field]: m });
  }
  return type;
}

/** A safe display/download name: NFC, no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, type: AllowedType): string {
  const base = (name ?? '')
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return base || `tep.${EXTENSION[type]}`;
}

/** Content-Disposition for a download with a Vietnamese name (RFC 6266 / 5987). */
export function attachmentHeader(name: string, inline = false): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
