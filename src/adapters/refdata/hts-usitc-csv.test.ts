import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editionFromFileName, loadHtsCsv } from './hts-usitc-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-hts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER =
  'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties';
/** An excerpt of chapter 61 as the USITC exports it: BOM, quoted cells, headings without a number. */
const FIXTURE = `\uFEFF${HEADER}
"6109","0","T-shirts, singlets, tank tops and similar garments, knitted or crocheted:","","","","","",""
"6109.10.00","1","Of cotton","","16.5%","Free (AU,BH)","90%","",""
"","2","Men's or boys':","","","","","",""
"6109.10.00.04","3","T-shirts, all white, short hemmed sleeves (352)","[""doz."",""kg""]","","","","",""
"","3","Other T-shirts:","","","","","",""
"6109.10.00.12","4","Men's (338)","[""doz."",""kg""]","","","","",""
"6109.90","1","Of other textile materials:","","","","","",""
"6109.90.10","2","Of man-made fibers","","32%","Free (AU)","90%","",""
"6109.90.10.07","4","Skipped a level (638)","[""doz."",""kg""]","","","","",""
"6109.90.80.10","3","Own rate","[""No.""]","5%","","","",""
`;

describe('loadHtsCsv', () => {
  it('keeps only 10-digit lines, keyed without dots', () => {
    const s = loadHtsCsv(write('hts_2026_basic_edition.csv', FIXTURE));
    expect(s.size).toBe(4);
    expect([...s.entries()].map((e) => e.hts10)).toEqual([
      '6109100004',
      '6109100012',
      '6109901007',
      '6109908010',
    ]);
    expect(s.get('6109100000')).toBeUndefined();
  });

  it("prefixes each line's description with its parent headings", () => {
    const s = loadHtsCsv(write('hts_2026_basic_edition.csv', FIXTURE));
    expect(s.get('6109100012')!.description).toBe(
      "T-shirts, singlets, tank tops and similar garments, knitted or crocheted: Of cotton: Men's or boys': Other T-shirts: Men's (338)",
    );
    expect(s.get('6109100004')!.description).toMatch(
      /^T-shirts, singlets.*: Of cotton: Men's or boys': T-shirts, all white/,
    );
    expect(s.get('6109901007')!.description).toBe(
      'T-shirts, singlets, tank tops and similar garments, knitted or crocheted: Of other textile materials: Of man-made fibers: Skipped a level (638)',
    );
  });

  it('inherits the general rate of the nearest numbered parent, and joins the units', () => {
    const s = loadHtsCsv(write('hts_2026_basic_edition.csv', FIXTURE));
    expect(s.get('6109100012')).toMatchObject({ generalRate: '16.5%', unit: 'doz., kg' });
    expect(s.get('6109901007')).toMatchObject({ generalRate: '32%' });
    expect(s.get('6109908010')).toMatchObject({ generalRate: '5%', unit: 'No.' });
  });

  it('takes the edition from the file name, or from the caller', () => {
    expect(loadHtsCsv(write('hts_2026_basic_edition.csv', FIXTURE)).edition).toBe('2026 Basic Edition');
    expect(loadHtsCsv(write('hts_2026_revision_1.csv', FIXTURE)).edition).toBe('2026 Revision 1');
    expect(loadHtsCsv(write('schedule.csv', FIXTURE), '2025 Rev. 19').edition).toBe('2025 Rev. 19');
    expect(editionFromFileName('/x/y/tariff.csv')).toBe('tariff');
  });

  it('rejects a file without the USITC columns, naming the file and line', () => {
    const path = write('wrong.csv', 'hts,description\n6109100012,T-shirts\n');
    expect(() => loadHtsCsv(path)).toThrow(
      `${path}:1: not a USITC HTS CSV export: missing column(s) HTS Number, Indent`,
    );
  });

  it('rejects a bad indent, naming the file and line', () => {
    const path = write(
      'bad-indent.csv',
      `${HEADER}\n"6109","0","T-shirts","","","","","",""\n"6109.10.00.12","two","Men's","","","","","",""\n`,
    );
    expect(() => loadHtsCsv(path)).toThrow(`${path}:3: Indent 'two' is not a whole number`);
  });

  it('rejects a file with no 10-digit line', () => {
    const path = write('headings.csv', `${HEADER}\n"6109","0","T-shirts","","","","","",""\n`);
    expect(() => loadHtsCsv(path)).toThrow(`${path}: no 10-digit HTS lines found`);
  });

  const REAL = '/work/shared/data/hts/hts_2026_basic_edition.csv';
  const realTitle = existsSync(REAL)
    ? 'loads the real 2026 Basic Edition'
    : `loads the real 2026 Basic Edition — SKIPPED: ${REAL} not found (shared reference data absent)`;
  it.skipIf(!existsSync(REAL))(realTitle, () => {
    const s = loadHtsCsv(REAL);
    expect(s.edition).toBe('2026 Basic Edition');
    expect(s.size).toBe(19_768);
    const tee = s.get('6109100012')!;
    expect(tee.description).toMatch(
      /^T-shirts, singlets, tank tops and similar garments, knitted or crocheted: Of cotton: Men's or boys'/,
    );
    expect(tee.generalRate).toBe('16.5%');
    expect(tee.unit).toBe('doz., kg');
    expect(s.get('8471300100')).toBeDefined();
    expect(s.get('6109100099')).toBeUndefined();
  });
});
