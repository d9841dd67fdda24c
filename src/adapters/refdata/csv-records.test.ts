import { describe, expect, it } from 'vitest';
import { columnsOf, splitCsv } from './csv-records.js';

describe('splitCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, giving the line each record starts on', () => {
    const text =
      '\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n"Antarctic krill (\nEuphausia superba)",2,3\n4,5,6';
    expect(splitCsv(text, 'f.csv')).toEqual([
      { cells: ['a', 'b', 'c'], line: 1 },
      { cells: ['x, y', 'say "hi"', ''], line: 2 },
      { cells: ['Antarctic krill (\nEuphausia superba)', '2', '3'], line: 4 },
      { cells: ['4', '5', '6'], line: 6 },
    ]);
  });

  it('keeps a row of empty cells (a spacer) but skips blank lines', () => {
    expect(splitCsv('a\n\n,,\n', 'f.csv')).toEqual([
      { cells: ['a'], line: 1 },
      { cells: ['', '', ''], line: 3 },
    ]);
  });

  it('keeps a stray quote inside an unquoted cell, as spreadsheets write it', () => {
    expect(splitCsv('12" ruler,"a"b\n', 'f.csv')).toEqual([{ cells: ['12" ruler', 'ab'], line: 1 }]);
  });

  it('refuses a quoted cell that is never closed, naming the line it opens on', () => {
    expect(() => splitCsv('a,b\n1,"open\n2,3\n', 'f.csv')).toThrow(
      'f.csv:2: not a readable CSV file: a quoted cell is never closed',
    );
  });
});

describe('columnsOf', () => {
  it('finds required columns in any order, ignoring surrounding spaces', () => {
    expect(
      columnsOf('f.csv', { cells: ['x', ' hts8 ', 's301_rate'], line: 1 }, ['s301_rate', 'hts8'], 'a list'),
    ).toEqual({
      s301_rate: 2,
      hts8: 1,
    });
  });

  it('names the missing columns, the line and the header found', () => {
    expect(() => columnsOf('f.csv', { cells: ['hts', 'rate'], line: 3 }, ['hts8', 'rate'], 'a list')).toThrow(
      "f.csv:3: not a list: missing column(s) hts8 in header 'hts,rate'",
    );
    expect(() => columnsOf('f.csv', undefined, ['hts8'], 'a list')).toThrow(
      'f.csv:1: not a list: missing column(s) hts8',
    );
  });
});
