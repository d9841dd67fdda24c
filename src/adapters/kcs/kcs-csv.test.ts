import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KcsFormatError, loadKcsDeclarations } from './kcs-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-kcs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(text: string): string {
  const path = join(dir, `kcs-${++n}.csv`);
  writeFileSync(path, text);
  return path;
}

const HEADER =
  'Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud';
const ROW1 =
  '97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0';
const ROW2 =
  '85945189,2020-01-02,40,B,11,21,11,40,SWF9S4X,7JD1S2X,,CR1,90722,CN,CN,8.0,A,Y,11352.0,375751.2,1,2';

async function failure(text: string): Promise<KcsFormatError> {
  try {
    await loadKcsDeclarations(write(text));
  } catch (e) {
    if (e instanceof KcsFormatError) return e;
    throw e;
  }
  throw new Error('expected a KcsFormatError');
}

describe('loadKcsDeclarations', () => {
  it('reads the published format', async () => {
    const rows = await loadKcsDeclarations(write(`\ufeff${HEADER}\r\n${ROW1}\r\n\r\n${ROW2}\r\n`));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      declarationId: '97061800',
      date: '2020-01-01',
      officeId: '30',
      processType: 'B',
      importType: '11',
      importUse: '21',
      paymentType: '11',
      transportMode: '10',
      declarantId: 'ZZR1LT6',
      importerId: 'QLRUBN9',
      sellerId: '0VKY2BR',
      courierId: '',
      hsCode: '440890',
      departureCountry: 'BE',
      originCountry: 'BE',
      taxRate: 0,
      taxType: 'FEU1',
      originIndicator: 'G',
      netMassKg: 108,
      itemPriceKrw: 372254.4,
      fraud: false,
      criticalFraud: 0,
    });
    // A five-digit HS code lost its leading zero to a spreadsheet.
    expect(rows[1]).toMatchObject({
      hsCode: '090722',
      sellerId: '',
      courierId: 'CR1',
      fraud: true,
      criticalFraud: 2,
    });
  });

  it('takes columns in any order, quoted cells, and no labels', async () => {
    const cols = HEADER.split(',').slice(0, 20);
    const cells = ROW1.split(',').slice(0, 20);
    const order = cols.map((_, i) => i).reverse();
    const text = `${order.map((i) => cols[i]).join(',')}\n${order.map((i) => (i === 9 ? `"${cells[i]}"` : cells[i])).join(',')}\n`;
    const [d] = await loadKcsDeclarations(write(text));
    expect(d).toMatchObject({ declarationId: '97061800', importerId: 'QLRUBN9', hsCode: '440890' });
    expect(d!.fraud).toBeUndefined();
  });

  it('names the file, line and column of a bad row', async () => {
    const e = await failure(`${HEADER}\n${ROW1}\n${ROW2.replace('11352.0', 'heavy')}\n`);
    expect(e.code).toBe('KCS_VALUE');
    expect(e.line).toBe(3);
    expect(e.column).toBe('Net Mass');
    expect(e.message).toMatch(
      /kcs-\d+\.csv:3: KCS_VALUE: column 'Net Mass': 'heavy' is not a non-negative number/,
    );
    expect((await failure(`${HEADER}\n${ROW1.replace(',0,0', ',0,5')}\n`)).column).toBe('Critical Fraud');
    expect((await failure(`${HEADER}\n${ROW1.replace('2020-01-01', '01/01/2020')}\n`)).column).toBe('Date');
    expect((await failure(`${HEADER}\n${ROW1.replace('440890', '')}\n`)).column).toBe('HS6 Code');
  });

  it('refuses a row with the wrong number of cells, a foreign header and an empty file', async () => {
    expect(await failure(`${HEADER}\n${ROW1},extra\n`)).toMatchObject({ code: 'KCS_CELLS', line: 2 });
    const header = await failure('id,date,value\n1,2020-01-01,3\n');
    expect(header).toMatchObject({ code: 'KCS_HEADER', line: 1 });
    expect(header.message).toMatch(/no column 'Declaration ID'/);
    expect(await failure('')).toMatchObject({ code: 'KCS_EMPTY' });
    expect(await failure(`${HEADER}\n"97061800,2020-01-01\n`)).toMatchObject({ code: 'KCS_CSV', line: 2 });
  });
});
