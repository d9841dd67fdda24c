import { cell, readCsvTable } from './csv-records.js';
import { alpha2, text } from './refdata-fields.js';
import { RefdataFormatError } from './refdata-format-error.js';

/** A country or territory of `country-codes.csv` (datasets/country-codes, ISO 3166-1 and related codes). */
export interface CountryRow {
  readonly alpha2: string;
  readonly alpha3: string;
  /** ISO 3166-1 numeric, three digits ("004"). */
  readonly numeric: string;
  readonly name: string;
  /** ISO 4217 code of its currency, when it has one. */
  readonly currency: string;
}

/** A row of `currency-codes.csv` (datasets/currency-codes, ISO 4217 lists one and three): a currency of an entity. */
export interface CurrencyRow {
  readonly code: string;
  readonly numeric: string;
  readonly name: string;
  readonly entity: string;
  /** Digits after the decimal point; null for metals, units of account and test codes (published as "-"). */
  readonly minorUnit: number | null;
  /** When the code was withdrawn, as published ("2002-03", "1989 to 1990"); null while in use. */
  readonly withdrawn: string | null;
}

const ALPHA3 = /^[A-Z]{3}$/;
const NUMERIC = /^\d{1,3}$/;
const MINOR = /^\d$/;

/** Columns of datasets/country-codes. The CLDR display name is the short English name ("Bolivia"). */
const COUNTRY_COLUMNS = [
  'ISO3166-1-Alpha-2',
  'ISO3166-1-Alpha-3',
  'ISO3166-1-numeric',
  'CLDR display name',
  'ISO4217-currency_alphabetic_code',
] as const;

export function parseCountryCodes(path: string): CountryRow[] {
  const { cols, rows } = readCsvTable(path, COUNTRY_COLUMNS, 'a datasets/country-codes file');
  const out: CountryRow[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const where = { file: path, line: r.line };
    const a2 = alpha2(cell(r, cols['ISO3166-1-Alpha-2']), where, 'ISO3166-1-Alpha-2');
    const a3 = cell(r, cols['ISO3166-1-Alpha-3']).trim();
    if (!ALPHA3.test(a3))
      throw new RefdataFormatError(path, r.line, `ISO3166-1-Alpha-3 '${a3}' is not three capital letters`);
    const num = cell(r, cols['ISO3166-1-numeric']).trim();
    if (!NUMERIC.test(num))
      throw new RefdataFormatError(
        path,
        r.line,
        `ISO3166-1-numeric '${num}' is not a number of 1 to 3 digits`,
      );
    const again = seen.get(a2);
    if (again !== undefined)
      throw new RefdataFormatError(path, r.line, `ISO3166-1-Alpha-2 '${a2}' is listed again (line ${again})`);
    seen.set(a2, r.line);
    // Several territories list two currencies ("USD,EUR"); the first is the one in common use.
    const currency = cell(r, cols['ISO4217-currency_alphabetic_code']).split(',')[0]!.trim();
    out.push({
      alpha2: a2,
      alpha3: a3,
      numeric: num.padStart(3, '0'),
      name: text(cell(r, cols['CLDR display name']), where, 'CLDR display name'),
      currency,
    });
  }
  if (out.length === 0) throw new RefdataFormatError(path, undefined, 'no countries after the header');
  return out;
}

const CURRENCY_COLUMNS = [
  'Entity',
  'Currency',
  'AlphabeticCode',
  'NumericCode',
  'MinorUnit',
  'WithdrawalDate',
] as const;

/** Entities without a currency of their own ("No universal currency", no code) are left out. */
export function parseCurrencyCodes(path: string): CurrencyRow[] {
  const { cols, rows } = readCsvTable(path, CURRENCY_COLUMNS, 'a datasets/currency-codes file');
  const out: CurrencyRow[] = [];
  for (const r of rows) {
    const code = cell(r, cols.AlphabeticCode).trim();
    if (code === '') continue;
    if (!ALPHA3.test(code))
      throw new RefdataFormatError(path, r.line, `AlphabeticCode '${code}' is not three capital letters`);
    const minor = cell(r, cols.MinorUnit).trim();
    const withdrawn = cell(r, cols.WithdrawalDate).trim();
    out.push({
      code,
      numeric: cell(r, cols.NumericCode).trim(),
      name: cell(r, cols.Currency).trim(),
      entity: cell(r, cols.Entity).trim(),
      minorUnit: MINOR.test(minor) ? Number(minor) : null,
      withdrawn: withdrawn === '' ? null : withdrawn,
    });
  }
  if (out.length === 0) throw new RefdataFormatError(path, undefined, 'no currencies after the header');
  return out;
}

/** Alpha-2 codes of the file, plus XK (Kosovo: user-assigned, not in ISO 3166-1, but used by CBP). */
export function countryCodeList(rows: Iterable<CountryRow>): string[] {
  return [...new Set([...[...rows].map((r) => r.alpha2), 'XK'])];
}

/**
 * Currencies a price can be stated in: codes in use (not withdrawn) with a minor unit. Metals, bond-market
 * units, the SDR, XTS and XXX are published without one ("-"), which is what leaves them out.
 */
export function currencyCodeList(rows: Iterable<CurrencyRow>): string[] {
  const out = new Set<string>();
  for (const r of rows) if (r.withdrawn === null && r.minorUnit !== null) out.add(r.code);
  return [...out];
}
