import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareEditions,
  DATA_KIND,
  decodeRow,
  detectKind,
  encodeRow,
  FILE_KINDS,
  type FileKind,
  parseRefdataFile,
} from './refdata-kinds.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-refdata-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HTS_CSV = `\uFEFFHTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties
"6109","0","T-shirts:","","","","","",""
"6109.10.00","1","Of cotton","","16.5%","","90%","",""
"6109.10.00.12","2","Men's (338)","[""doz."",""kg""]","","","","",""
`;
const HTS_JSON = JSON.stringify([
  { htsno: '6109', indent: '0', description: 'T-shirts:', superior: null, units: [], general: '' },
  { htsno: '6109.10.00', indent: '1', description: 'Of cotton', superior: null, units: [], general: '16.5%' },
  {
    htsno: '6109.10.00.12',
    indent: '2',
    description: "Men's (338)",
    superior: null,
    units: ['doz.', 'kg'],
    general: '',
  },
]);
const FIXTURES: Record<FileKind, [string, string]> = {
  'hts-csv': ['hts_2026_basic_edition.csv', HTS_CSV],
  'hts-json': ['hts_2026_revision_2_json.json', HTS_JSON],
  pga: [
    'hts_pga_report.csv',
    'HTS Date:,2/21/2026,,,,,,,,\n,,,,,,,,,\nTariff Number,Description,Effective Date,Expiration Date,Census Qty 1,AD Duty,CV Duty,PGA 1,PGA 2\n0101210010,HORSES,2/3/2012,12/31/2030,NO,N,N,AM7,FD3\n',
  ],
  s301: ['section301_rates.csv', 'hts8,s301_rate\n61091000,7.5\n'],
  's301-exclusions': ['sec301_exemptions.csv', 'HTSUS,Description\n8483.50.9040,Official USTR Exemption\n'],
  s232: ['section232_rates.csv', 'hts8,s232_rate,category\n76101000,50.0,Aluminum-Derivative\n'],
  adcvd: ['adcvd_warnings.csv', 'hts_prefix,country,case_desc\n940421,CN,Mattresses\n'],
  countries: [
    'country-codes.csv',
    'ISO3166-1-Alpha-3,ISO3166-1-numeric,ISO3166-1-Alpha-2,ISO4217-currency_alphabetic_code,CLDR display name\nAFG,4,AF,AFN,Afghanistan\n',
  ],
  currencies: [
    'currency-codes.csv',
    'Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate\nAFGHANISTAN,Afghani,AFN,971,2,\n',
  ],
};
const fixture = (kind: FileKind) => write(...FIXTURES[kind]);

describe('detectKind', () => {
  it.each(FILE_KINDS)('tells a %s file from its first line', (kind) => {
    expect(detectKind(fixture(kind))).toBe(kind);
  });

  it('refuses a file it cannot place, quoting its first line and the kinds', () => {
    const path = write(
      'hs6_wco.csv',
      'section,hscode,description,parent,level\nI,01,Animals; live,TOTAL,2\n',
    );
    expect(() => detectKind(path)).toThrow(
      `${path}:1: cannot tell what kind of reference file this is from its first line 'section,hscode,description,parent,level': pass --kind (hts-csv, hts-json,`,
    );
  });
});

describe('parseRefdataFile', () => {
  it('parses every kind, with the sha256 of the bytes and the kind of data', () => {
    for (const kind of FILE_KINDS) {
      const path = fixture(kind);
      const parsed = parseRefdataFile(path, { edition: kind === 'pga' ? undefined : 'test' });
      expect(parsed.format).toBe(kind);
      expect(parsed.kind).toBe(DATA_KIND[kind]);
      expect(parsed.rows).toHaveLength(1);
      expect(parsed.sha256).toBe(createHash('sha256').update(FIXTURES[kind][1]).digest('hex'));
    }
  });

  it('takes the edition from the HTS export name or the PGA HTS Date, and requires it otherwise', () => {
    expect(parseRefdataFile(fixture('hts-csv')).edition).toBe('2026 Basic Edition');
    expect(parseRefdataFile(fixture('hts-json')).edition).toBe('2026 Revision 2');
    expect(parseRefdataFile(fixture('pga')).edition).toBe('2026-02-21');
    const s301 = fixture('s301');
    expect(() => parseRefdataFile(s301)).toThrow(
      `${s301}: this s301 file does not say which edition it is: pass --edition LABEL`,
    );
    const renamed = write('tariff.csv', HTS_CSV);
    expect(() => parseRefdataFile(renamed)).toThrow('pass --edition LABEL');
    expect(parseRefdataFile(renamed, { edition: '2026 Revision 4' }).edition).toBe('2026 Revision 4');
    expect(parseRefdataFile(s301, { edition: ' 2026-05-14 ' }).edition).toBe('2026-05-14');
  });

  it('refuses an edition that contradicts the HTS Date of a PGA report', () => {
    const pga = fixture('pga');
    expect(() => parseRefdataFile(pga, { edition: '2026-03-01' })).toThrow(
      `${pga}:1: the report's HTS Date is 2026-02-21, not the edition '2026-03-01' asked for`,
    );
    expect(parseRefdataFile(pga, { edition: '2026-02-21' }).edition).toBe('2026-02-21');
  });

  it('refuses an HTS CSV export with a mangled number rather than dropping the line', () => {
    const path = write('hts_2026_revision_5.csv', HTS_CSV.replace('6109.10.00.12', '6109.10.0012'));
    expect(() => parseRefdataFile(path)).toThrow(`${path}:4: HTS Number '6109.10.0012' is not an HTS number`);
  });

  it('refuses a file that is not of the kind asked for', () => {
    const path = fixture('s301');
    expect(() => parseRefdataFile(path, { kind: 's232', edition: 'x' })).toThrow(
      `${path}:1: not a Section 232 rate list (hts8,s232_rate,category): missing column(s) s232_rate, category`,
    );
  });
});

describe('encodeRow / decodeRow', () => {
  it('stores the key apart and the rest as JSON, and gives the row back', () => {
    for (const kind of FILE_KINDS) {
      const parsed = parseRefdataFile(fixture(kind), { edition: kind === 'pga' ? undefined : 'test' });
      const row = parsed.rows[0]!;
      const { key, body } = encodeRow(parsed.kind, row);
      expect(JSON.parse(body)).not.toHaveProperty(key);
      expect(decodeRow(parsed.kind, key, body)).toEqual(row);
    }
    expect(encodeRow('s301', { hts8: '61091000', percent: 7.5 })).toEqual({
      key: '61091000',
      body: '{"percent":7.5}',
    });
  });
});

describe('compareEditions', () => {
  it('orders HTS editions and dates oldest first, numbers by value', () => {
    const labels = ['2026 Revision 10', '2026 Basic Edition', '2025 Revision 32', '2026 Revision 2'];
    expect([...labels].sort(compareEditions)).toEqual([
      '2025 Revision 32',
      '2026 Basic Edition',
      '2026 Revision 2',
      '2026 Revision 10',
    ]);
    expect(['2026-02-21', '2025-12-01', '2026-10-02'].sort(compareEditions)).toEqual([
      '2025-12-01',
      '2026-02-21',
      '2026-10-02',
    ]);
  });
});
