import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  countryCodeList,
  currencyCodeList,
  parseCountryCodes,
  parseCurrencyCodes,
} from './iso-code-files.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-iso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The datasets/country-codes columns that matter, among others, in another order than published. */
const COUNTRIES = `FIFA,ISO3166-1-Alpha-3,ISO3166-1-numeric,ISO3166-1-Alpha-2,ISO4217-currency_alphabetic_code,CLDR display name,official_name_en
AFG,AFG,4,AF,AFN,Afghanistan,Afghanistan
NAM,NAM,516,NA,"NAD,ZAR",Namibia,Namibia
,ATA,10,AQ,,Antarctica,Antarctica
`;

const CURRENCIES = `Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate
AFGHANISTAN,Afghani,AFN,971,2,
AFGHANISTAN,Afghani,AFA,004,,2003-01
ANTARCTICA,No universal currency,,,,
ZZ08_Gold,Gold,XAU,959,-,
CAMEROON,CFA Franc BEAC,XAF,950,0,
CHAD,CFA Franc BEAC,XAF,950,0,
`;

describe('parseCountryCodes', () => {
  it('reads alpha-2, alpha-3, numeric (three digits), name and first currency', () => {
    const rows = parseCountryCodes(write('country-codes.csv', COUNTRIES));
    expect(rows).toEqual([
      { alpha2: 'AF', alpha3: 'AFG', numeric: '004', name: 'Afghanistan', currency: 'AFN' },
      { alpha2: 'NA', alpha3: 'NAM', numeric: '516', name: 'Namibia', currency: 'NAD' },
      { alpha2: 'AQ', alpha3: 'ATA', numeric: '010', name: 'Antarctica', currency: '' },
    ]);
    expect(countryCodeList(rows)).toEqual(['AF', 'NA', 'AQ', 'XK']);
  });

  it('refuses a renamed column or a bad code, naming line and value', () => {
    const renamed = write('renamed.csv', COUNTRIES.replace('ISO3166-1-Alpha-2', 'alpha2'));
    expect(() => parseCountryCodes(renamed)).toThrow(
      `${renamed}:1: not a datasets/country-codes file: missing column(s) ISO3166-1-Alpha-2`,
    );
    const bad = write('bad.csv', COUNTRIES.replace(',NA,', ',Na,'));
    expect(() => parseCountryCodes(bad)).toThrow(
      `${bad}:3: ISO3166-1-Alpha-2 'Na' is not an ISO 3166-1 alpha-2 code`,
    );
  });
});

describe('parseCurrencyCodes', () => {
  it('reads each currency of each entity, leaving out entities without one', () => {
    const rows = parseCurrencyCodes(write('currency-codes.csv', CURRENCIES));
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual({
      code: 'AFA',
      numeric: '004',
      name: 'Afghani',
      entity: 'AFGHANISTAN',
      minorUnit: null,
      withdrawn: '2003-01',
    });
    expect(rows[2]).toMatchObject({ code: 'XAU', minorUnit: null, withdrawn: null });
  });

  it('lists currencies in use that have a minor unit, once each', () => {
    expect(currencyCodeList(parseCurrencyCodes(write('currency-codes.csv', CURRENCIES)))).toEqual([
      'AFN',
      'XAF',
    ]);
  });

  it('refuses a bad code, naming line and value', () => {
    const bad = write('bad.csv', CURRENCIES.replace('XAF,950,0,\nCHAD', 'XA,950,0,\nCHAD'));
    expect(() => parseCurrencyCodes(bad)).toThrow(
      `${bad}:6: AlphabeticCode 'XA' is not three capital letters`,
    );
  });
});
