import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainCsv, plainCsvRecords } from '../src/activities/transfer/read.js';

// The import splits plain CSV files itself (no Buffer round trip per field) and leaves every
// other file to csv-parse: for any text the fast path accepts, it must read exactly what
// csv-parse reads with the import's options, and csv-parse must not have failed on it.
const viaCsvParse = (text: string, delimiter: string): string[][] | 'error' => {
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch {
    return 'error';
  }
};

describe('plain CSV fast path', () => {
  it('reads what csv-parse reads, on any text it accepts', () => {
    const pieces = ['a', 'Hà Nội', ',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', 'x y', '12/3/2026', ''];
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.constantFrom(',', ';', '\t'),
        (parts, delimiter) => {
          const text = parts.join('');
          if (!isPlainCsv(text, delimiter)) return;
          accepted++;
          expect([...plainCsvRecords(text, delimiter)]).toEqual(viaCsvParse(text, delimiter));
        },
      ),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(2000);
  });

  it('accepts what spreadsheets write (LF or CRLF, quoted commas and quotes) and refuses the rest', () => {
    const ok = [
      'Loại,Tên\r\n"Tập huấn, bồi dưỡng","Nói ""không"" với bạo lực"\r\n,\r\n',
      'a;b\n"dòng\nhai";c\n\nd',
      '',
    ];
    for (const text of ok) {
      expect(isPlainCsv(text, text.includes(';') ? ';' : ',')).toBe(true);
      expect([...plainCsvRecords(text, text.includes(';') ? ';' : ',')]).toEqual(
        viaCsvParse(text, text.includes(';') ? ';' : ','),
      );
    }
    for (const text of ['a,b"c\n', 'a,"b"c\n', 'a,"b\n', 'a\r\nb\nc', 'a\rb', '"x\r\ny"\r\n'])
      expect(isPlainCsv(text, ',')).toBe(false);
  });
});
