import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { currencyCodes } from './iso-codes.js';

/**
 * Default USD per one unit of each currency: APPROXIMATE market mid-rates of July 2025, rounded, for
 * screening and demos only. CBP converts at the rate certified by the Federal Reserve Bank of New York
 * for the date of exportation (31 U.S.C. 5151(e), 19 CFR 159.32), which this table does not claim to be:
 * users supply the official rates with a rates file (`loadRatesFile`), which replaces this table.
 */
export const DEFAULT_USD_RATES: ReadonlyMap<string, number> = new Map([
  ['USD', 1],
  ['EUR', 1.16],
  ['GBP', 1.34],
  ['CNY', 0.139],
  ['HKD', 0.1274],
  ['JPY', 0.0068],
  ['CAD', 0.725],
  ['MXN', 0.053],
  ['KRW', 0.00072],
  ['INR', 0.0115],
  ['AUD', 0.65],
  ['CHF', 1.24],
  ['SGD', 0.78],
  ['TWD', 0.033],
  ['THB', 0.0308],
  ['VND', 0.000038],
  ['TRY', 0.0245],
  ['BRL', 0.183],
  ['PLN', 0.272],
  ['SEK', 0.104],
  ['NZD', 0.59],
]);

/**
 * Reads a user rate table: CSV with the header `currency,usdPerUnit` (one currency a row), or a JSON
 * object `{ "EUR": 1.08 }`. USD is 1 unless given. Throws an Error naming the file, line (CSV) or key
 * (JSON) and the offending value.
 */
export function loadRatesFile(path: string): Map<string, number> {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rates = text.trimStart().startsWith('{') ? fromJson(text, path) : fromCsv(text, path);
  if (rates.size === 0) throw new Error(`${path}: no rates found`);
  if (!rates.has('USD')) rates.set('USD', 1);
  return rates;
}

function fromJson(text: string, path: string): Map<string, number> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw new Error(`${path}: expected a JSON object such as { "EUR": 1.08 }`);
  const out = new Map<string, number>();
  for (const [code, value] of Object.entries(obj)) put(out, code, value, `${path}: key '${code}'`);
  return out;
}

function fromCsv(text: string, path: string): Map<string, number> {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/\r\n?/g, '\n'), {
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (e) {
    throw new Error(`${path}: not valid CSV: ${(e as Error).message}`);
  }
  const header = rows[0]?.record.map((h) => h.toLowerCase()) ?? [];
  if (header.length !== 2 || header[0] !== 'currency' || header[1] !== 'usdperunit')
    throw new Error(
      `${path}:${rows[0]?.info.lines ?? 1}: expected the header 'currency,usdPerUnit', got '${rows[0]?.record.join(',') ?? ''}'`,
    );
  const out = new Map<string, number>();
  for (const { record, info } of rows.slice(1)) {
    const where = `${path}:${info.lines}`;
    if (record.length !== 2) throw new Error(`${where}: expected 2 columns, got ${record.length}`);
    put(out, record[0]!, record[1]!, where);
  }
  return out;
}

let iso: ReadonlySet<string> | undefined;

function put(out: Map<string, number>, rawCode: string, value: unknown, where: string): void {
  iso ??= new Set(currencyCodes());
  const code = rawCode.trim().toUpperCase();
  if (!iso.has(code)) throw new Error(`${where}: currency '${rawCode}' is not an ISO 4217 code`);
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(
      `${where}: rate '${String(value)}' for ${code} is not a positive number (USD per 1 ${code})`,
    );
  if (out.has(code)) throw new Error(`${where}: ${code} is given twice`);
  out.set(code, n);
}
