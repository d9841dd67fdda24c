import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currencyCodes } from './iso-codes.js';
import { DEFAULT_USD_RATES, loadRatesFile } from './usd-rates.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-rates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function write(text: string, ext = 'csv'): string {
  const path = join(dir, `rates-${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

describe('DEFAULT_USD_RATES', () => {
  it('has USD at 1 and about twenty common currencies, all ISO and positive', () => {
    expect(DEFAULT_USD_RATES.get('USD')).toBe(1);
    for (const c of 'EUR GBP CNY HKD JPY CAD MXN KRW INR AUD CHF SGD TWD THB VND TRY BRL PLN SEK NZD'.split(
      ' ',
    ))
      expect(DEFAULT_USD_RATES.get(c), c).toBeGreaterThan(0);
    const iso = new Set(currencyCodes());
    for (const [code, rate] of DEFAULT_USD_RATES) {
      expect(iso.has(code), code).toBe(true);
      expect(Number.isFinite(rate) && rate > 0).toBe(true);
    }
  });
});

describe('loadRatesFile', () => {
  it('reads CSV with a currency,usdPerUnit header (BOM, quotes, case and blank lines tolerated)', () => {
    const rates = loadRatesFile(write('\uFEFFcurrency,usdPerUnit\r\nEUR,1.08\n\n"gbp", "1.27"\n'));
    expect(rates).toEqual(
      new Map([
        ['EUR', 1.08],
        ['GBP', 1.27],
        ['USD', 1],
      ]),
    );
  });

  it('reads a JSON object', () => {
    expect(loadRatesFile(write('{ "EUR": 1.08, "USD": 1, "JPY": "0.0067" }', 'json'))).toEqual(
      new Map([
        ['EUR', 1.08],
        ['USD', 1],
        ['JPY', 0.0067],
      ]),
    );
  });

  it('names the file, line and value of a bad CSV row', () => {
    const bad = write('currency,usdPerUnit\nEUR,1.08\nGBP,abc\n');
    expect(() => loadRatesFile(bad)).toThrow(`${bad}:3: rate 'abc' for GBP is not a positive number`);
    const negative = write('currency,usdPerUnit\nEUR,-1\n');
    expect(() => loadRatesFile(negative)).toThrow(`${negative}:2: rate '-1'`);
    const empty = write('currency,usdPerUnit\nEUR,\n');
    expect(() => loadRatesFile(empty)).toThrow(`${empty}:2: rate ''`);
    const code = write('currency,usdPerUnit\nEURO,1.1\n');
    expect(() => loadRatesFile(code)).toThrow(`${code}:2: currency 'EURO' is not an ISO 4217 code`);
    const twice = write('currency,usdPerUnit\nEUR,1.1\nEUR,1.2\n');
    expect(() => loadRatesFile(twice)).toThrow(`${twice}:3: EUR is given twice`);
    const cols = write('currency,usdPerUnit\nEUR,1.1,x\n');
    expect(() => loadRatesFile(cols)).toThrow(`${cols}:2: expected 2 columns, got 3`);
  });

  it('names the file when the header or the JSON is wrong', () => {
    const header = write('code,rate\nEUR,1.1\n');
    expect(() => loadRatesFile(header)).toThrow(
      `${header}:1: expected the header 'currency,usdPerUnit', got 'code,rate'`,
    );
    const json = write('{ "EUR": 1.08, }', 'json');
    expect(() => loadRatesFile(json)).toThrow(`${json}: not valid JSON`);
    const value = write('{ "EUR": null }', 'json');
    expect(() => loadRatesFile(value)).toThrow(
      `${value}: key 'EUR': rate 'null' for EUR is not a positive number`,
    );
    const none = write('currency,usdPerUnit\n');
    expect(() => loadRatesFile(none)).toThrow(`${none}: no rates found`);
  });
});
