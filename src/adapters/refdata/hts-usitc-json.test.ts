import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHtsCsv } from './hts-usitc-csv.js';
import { editionFromJsonFileName, loadHtsJson } from './hts-usitc-json.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-hts-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Line = [htsno: string, indent: number, description: string, units: string[], general: string];
/** An excerpt of chapter 61, the same lines in both exports. */
const LINES: Line[] = [
  ['6109', 0, 'T-shirts, singlets, tank tops and similar garments, knitted or crocheted:', [], ''],
  ['6109.10.00', 1, 'Of cotton', [], '16.5%'],
  ['', 2, "Men's or boys':", [], ''],
  ['6109.10.00.04', 3, 'T-shirts, all white, short hemmed sleeves (352)', ['doz.', 'kg'], ''],
  ['', 3, 'Other T-shirts:', [], ''],
  ['6109.10.00.12', 4, "Men's (338)", ['doz.', 'kg'], ''],
  ['6109.90', 1, 'Of other textile materials:', [], ''],
  ['6109.90.10', 2, 'Of man-made fibers', [], '32%'],
  ['6109.90.10.07', 4, 'Skipped a level (638)', ['doz.', 'kg'], ''],
  ['6109.90.80.10', 3, 'Own rate', ['No.'], '5%'],
];

/** As the USITC writes it: indent as a string, every key present, one object a line. */
const asJson = (lines: Line[]) =>
  `[\n${lines
    .map(([htsno, indent, description, units, general]) =>
      JSON.stringify({
        htsno,
        indent: String(indent),
        description,
        superior: htsno === '' ? 'true' : null,
        units,
        general,
        special: '',
        other: '',
        footnotes: [],
        quotaQuantity: null,
        additionalDuties: null,
      }),
    )
    .join(',\n')}\n]\n`;

const CSV_HEADER =
  'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties';
const asCsv = (lines: Line[]) =>
  `\uFEFF${CSV_HEADER}\n${lines
    .map(([htsno, indent, description, units, general]) =>
      [
        htsno,
        String(indent),
        description,
        units.length === 0 ? '' : JSON.stringify(units),
        general,
        '',
        '',
        '',
        '',
      ]
        .map((c) => `"${c.replaceAll('"', '""')}"`)
        .join(','),
    )
    .join('\n')}\n`;

describe('loadHtsJson', () => {
  it('gives the same entries as loadHtsCsv on the CSV export of the same lines', () => {
    const fromJson = loadHtsJson(write('hts_2026_revision_21_json.json', asJson(LINES)));
    const fromCsv = loadHtsCsv(write('hts_2026_revision_21.csv', asCsv(LINES)));
    expect(fromJson.edition).toBe('2026 Revision 21');
    expect(fromJson.size).toBe(4);
    expect([...fromJson.entries()]).toEqual([...fromCsv.entries()]);
  });

  it('inherits the general rate of the nearest parent that has one, and joins the units', () => {
    const s = loadHtsJson(write('hts_2026_basic_edition.json', asJson(LINES)));
    expect(s.get('6109100012')).toEqual({
      hts10: '6109100012',
      description:
        "T-shirts, singlets, tank tops and similar garments, knitted or crocheted: Of cotton: Men's or boys': Other T-shirts: Men's (338)",
      unit: 'doz., kg',
      generalRate: '16.5%',
    });
    expect(s.get('6109908010')).toMatchObject({ generalRate: '5%', unit: 'No.' });
  });

  it('takes the edition from the file name, or from the caller', () => {
    expect(editionFromJsonFileName('/x/hts_2026_revision_3_json.json')).toBe('2026 Revision 3');
    expect(editionFromJsonFileName('hts_2025_basic_edition.json')).toBe('2025 Basic Edition');
    expect(loadHtsJson(write('export.json', asJson(LINES)), '2026 Rev. 1').edition).toBe('2026 Rev. 1');
  });

  it('refuses a bad HTS number, naming the line of the object and the value', () => {
    const bad = LINES.map(
      (l): Line => (l[0] === '6109.10.00.12' ? (['6109.10.0O.12', ...l.slice(1)] as Line) : l),
    );
    const path = write('bad-hts.json', asJson(bad));
    expect(() => loadHtsJson(path)).toThrow(
      `${path}:7: HTS line #6: htsno '6109.10.0O.12' is not an HTS number`,
    );
  });

  it('refuses an object without the export keys, and a bad indent', () => {
    const missing = write(
      'renamed.json',
      '[\n{"hts":"6109","indent":"0","description":"x","units":[],"general":""}\n]',
    );
    expect(() => loadHtsJson(missing)).toThrow(
      `${missing}:2: HTS line #1: not a USITC HTS JSON export: missing key(s) htsno`,
    );
    const indent = write('indent.json', asJson(LINES).replace('"indent":"4"', '"indent":"four"'));
    expect(() => loadHtsJson(indent)).toThrow(
      `${indent}:7: HTS line #6: indent 'four' is not a whole number from 0 to 30`,
    );
  });

  it('refuses what is not JSON, naming the line of the broken element, or not an array', () => {
    const broken = write('broken.json', '[\n{"htsno":"6109",\n"indent":}\n]');
    expect(() => loadHtsJson(broken)).toThrow(/broken\.json:2: not valid JSON/);
    const comma = write('comma.json', '[\n{"htsno":"6109"}\n{"htsno":"6110"}\n]');
    expect(() => loadHtsJson(comma)).toThrow(/comma\.json:3: not valid JSON/);
    const object = write('object.json', '{"htsno":"6109"}');
    expect(() => loadHtsJson(object)).toThrow(`${object}:1: not a USITC HTS JSON export: expected an array`);
  });

  it('finds object lines in a minified export too', () => {
    const path = write(
      'min.json',
      `[${asJson(LINES).replaceAll('\n', '').slice(1)}`.replace('"indent":"2"', '"indent":2.5'),
    );
    expect(() => loadHtsJson(path)).toThrow(`${path}:1: HTS line #3: indent '2.5' is not a whole number`);
  });
});
