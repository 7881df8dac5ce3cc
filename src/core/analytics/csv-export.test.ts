import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv-export';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '=HYPERLINK("http://x","y")']) {
      const cell = csvCell(evil);
      expect(cell.replace(/^"/, '').startsWith("'"), evil).toBe(true);
    }
    expect(csvCell('=HYPERLINK("a")')).toBe(`"'=HYPERLINK(""a"")"`);
  });
  it('quotes commas, quotes and newlines; keeps numbers as numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(undefined)).toBe('');
  });
  it('writes rows with a BOM and CRLF', () => {
    expect(
      toCsv([
        ['hour', 'visits'],
        ['10:00', 4],
      ]),
    ).toBe('\uFEFFhour,visits\r\n10:00,4\r\n');
  });
});
