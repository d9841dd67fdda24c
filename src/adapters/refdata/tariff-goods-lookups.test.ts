import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTariffLists } from '../../core/refdata/tariff-lists.js';
import { RefdataStore } from '../storage/sqlite/refdata-store.js';
import { SqliteStore } from '../storage/sqlite/sqlite-store.js';
import { goodsLookups, loadDefaultReferenceData } from './default-reference-data.js';
import { parseRefdataFile } from './refdata-kinds.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-goods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PGA = [
  'HTS Date:,2/21/2026,,,,,,,,,,,,,,,,,',
  ',,,,,,,,,,,,,,,,,,',
  'Tariff Number,Description,Effective Date,Expiration Date,Census Qty 1,Census Qty 2,Census Qty 3,AD Duty,CV Duty,PGA 1,PGA 2,PGA 3,PGA 4,PGA 5,PGA 6,PGA 7,PGA 8,PGA 9,PGA 10',
  // FD2: FDA data required; FD1 / AM7: may be required.
  '3304991000,"MAKEUP PREPARATIONS",1/1/2002,12/31/2030,KG,,,N,N,FD2,,,,,,,,,',
  '6109100012,"T-SHIRTS, COTTON",1/1/2002,12/31/2030,DOZ,,,N,N,FD1,AM7,,,,,,,,',
  '',
].join('\n');

describe('goodsLookups', () => {
  const lists = createTariffLists({
    pga: [
      {
        hts10: '3304991000',
        description: 'makeup',
        effective: '2002-01-01',
        expires: '2030-12-31',
        adDuty: false,
        cvDuty: false,
        codes: ['FD2'],
      },
      {
        hts10: '6109100012',
        description: 't-shirts',
        effective: '2002-01-01',
        expires: '2030-12-31',
        adDuty: false,
        cvDuty: false,
        codes: ['FD1', 'AM7'],
      },
    ],
    s301: [{ hts8: '85044000', percent: 25 }],
    s301Exclusions: [{ hts: '8504400010', description: 'excluded power supplies' }],
    s232: [{ prefix: '7306', percent: 50, category: 'steel' }],
    adcvd: [{ prefix: '940340', country: 'CN', caseDesc: 'Wooden Cabinets and Vanities' }],
  });
  const q = goodsLookups(lists);

  it('counts a PGA flag as required only when its code says data is required (even digit)', () => {
    expect(q.pgaRequired?.('3304991000')).toBe(true);
    expect(q.pgaRequired?.('6109100012')).toBe(false);
    expect(q.pgaRequired?.('9503000090')).toBe(false);
  });

  it('hints AD/CVD only for the origin the case names', () => {
    expect(q.adcvd?.('9403406000', 'CN')).toBe(true);
    expect(q.adcvd?.('9403406000', 'VN')).toBe(false);
  });

  it('finds Section 301 lines unless excluded, and Section 232 by prefix', () => {
    expect(q.section301?.('8504400020')).toBe(true);
    expect(q.section301?.('8504400010')).toBe(false);
    expect(q.section232?.('7306306000')).toBe(true);
    expect(q.section232?.('7307000000')).toBe(false);
  });
});

describe('loadDefaultReferenceData with tariff lists imported into a database', () => {
  const db = join(dir, 'minimis.db');
  const sqlite = new SqliteStore(db);
  const refdata = new RefdataStore(sqlite.db);
  refdata.import(parseRefdataFile(write('pga.csv', PGA)));
  refdata.import(
    parseRefdataFile(write('adcvd.csv', 'hts_prefix,country,case_desc\n940340,CN,Wooden Cabinets\n'), {
      edition: '2026-03',
    }),
  );
  sqlite.close();

  it('classifies lines against the imported editions and names them', () => {
    const ref = loadDefaultReferenceData({ tariffs: { db } });
    expect(ref.tariffs?.editions).toEqual({ pga: '2026-02-21', adcvd: '2026-03' });
    const goods = ref.classifyGoods?.([
      { hts: '3304.99.10.00', origin: 'FR' },
      { hts: '9403.40.60.00', origin: 'CN' },
      { hts: '2204.21.50.40', origin: 'IT' },
    ]);
    expect(goods).toEqual(['adcvd', 'alcohol', 'pga']);
    expect(ref.classifyGoods?.([{ hts: '6109.10.00.12', origin: 'CN' }])).toEqual([]);
  });

  it('takes the HTS schedule from an edition imported into the database', () => {
    const hts = write(
      'hts_2026_revision_3.csv',
      [
        'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties',
        '"6109.10.00","1","Of cotton","","16.5%","","90%","",""',
        '"6109.10.00.12","4","Men\'s","[""doz."",""kg""]","","","","",""',
        '',
      ].join('\n'),
    );
    const s = new SqliteStore(db);
    new RefdataStore(s.db).import(parseRefdataFile(hts));
    s.close();
    const ref = loadDefaultReferenceData({ htsFromDb: db });
    expect(ref.hts?.edition).toBe('2026 Revision 3');
    expect(ref.hts?.get('6109100012')?.generalRate).toBe('16.5%');
  });

  it('has no tariff lists when none are given, and still classifies by the policy’s prefixes', () => {
    const ref = loadDefaultReferenceData({});
    expect(ref.tariffs).toBeUndefined();
    expect(ref.classifyGoods?.([{ hts: '3304.99.10.00', origin: 'FR' }])).toEqual([]);
    expect(ref.classifyGoods?.([{ hts: '2402.20.80.00', origin: 'FR' }])).toEqual(['tobacco']);
  });
});
