import { describe, expect, it } from 'vitest';
import { csvRow, escapeCsvCell } from './csv-cell.js';

describe('escapeCsvCell', () => {
  it('turns formula starters into text', () => {
    expect(escapeCsvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(escapeCsvCell('+cmd|calc')).toBe("'+cmd|calc");
    expect(escapeCsvCell('-2+3')).toBe("'-2+3");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\t=1')).toBe("'\t=1");
    expect(escapeCsvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('keeps plain numbers and ordinary text', () => {
    for (const value of ['-5', '+1.5e3', '-.5', 'Toy Story (1995)', 'a=b', ''])
      expect(escapeCsvCell(value), value).toBe(value);
    expect(escapeCsvCell(-3)).toBe('-3');
    expect(escapeCsvCell(true)).toBe('true');
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
  });

  it('quotes delimiters, quotes, line breaks and edge spaces', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(' padded ')).toBe('" padded "');
    expect(escapeCsvCell('a;b', ';')).toBe('"a;b"');
    expect(csvRow(['u1', '=1+1', 3, null, 'x,y'])).toBe(`u1,'=1+1,3,,"x,y"`);
  });
});
