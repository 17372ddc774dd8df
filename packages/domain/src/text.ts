/** Vietnamese text helpers: storage is NFC, search is accent- and case-insensitive. */

export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * Folds Vietnamese text for search: strips tone and vowel marks, maps đ→d,
 * lowercases and collapses white space ("Lai Châu" → "lai chau").
 */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user input is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
