/** Vietnamese text helpers: storage is NFC, search is accent- and case-insensitive. */

export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * Folds Vietnamese text for search: strips tone and vowel marks, maps đ→d,
 * lowercases and collapses white space ("Lai Châu" → "lai chau").
 *
 * Hot path of the bulk import (one call per activity): characters of the Latin blocks and the
 * Vietnamese block (U+1E00–U+1EFF) are folded through a table built from the reference
 * pipeline ({@link foldForSearchReference}) one character at a time, ~4× faster than
 * normalize + regexes. Any other character (Greek, whose Σ folds by context, other scripts,
 * marks outside U+0300–U+036F, surrogates) sends the whole string through the reference
 * pipeline, so the result is always the same.
 */
export function foldForSearch(s: string): string {
  if (s.length > foldBuffer.length) foldBuffer = new Uint16Array(s.length);
  const out = foldBuffer;
  let n = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < FOLD_TABLE_SIZE ? FOLD_TABLE[c]! : SLOW;
    if (f >= 0) {
      if (space) {
        out[n++] = 0x20;
        space = false;
      }
      out[n++] = f;
    } else if (f === SPACE) {
      if (n) space = true;
    } else if (f === SLOW) return foldForSearchReference(s);
  }
  // One string per call (appending character by character would leave a chain of n cons strings).
  let text = '';
  for (let i = 0; i < n; i += 4096)
    text += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return text;
}

/** The definition of foldForSearch: NFD, marks U+0300–U+036F removed, đ→d, lower case, white space collapsed. */
export function foldForSearchReference(s: string): string {
  return foldChars(s).replace(/\s+/g, ' ').trim();
}

function foldChars(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const FOLD_TABLE_SIZE = 0x1f00;
const SLOW = -1;
const SPACE = -2;
const REMOVED = -3;
let foldBuffer = new Uint16Array(256);
/**
 * Per UTF-16 code unit: the code of the character folded alone, SPACE for white space, REMOVED
 * for a mark; SLOW where folding alone might differ from folding in context.
 */
const FOLD_TABLE: Int32Array = (() => {
  const table = new Int32Array(FOLD_TABLE_SIZE).fill(SLOW);
  for (let c = 0; c < FOLD_TABLE_SIZE; c++) {
    if (c >= 0x370 && c < 0x1e00) continue;
    const ch = String.fromCharCode(c);
    if (/\s/.test(ch)) table[c] = SPACE;
    else {
      const f = foldChars(ch);
      // A result holding white space or a surviving combining mark (reordered by NFD across
      // characters), or more than one character, is left to the slow path.
      if (f === '') table[c] = REMOVED;
      else if (f.length === 1 && !/[\s\p{M}]/u.test(f)) table[c] = f.charCodeAt(0);
    }
  }
  return table;
})();

/** Escapes LIKE wildcards so user input is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Whether a string is a UUID (a reference by id rather than by code). */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
