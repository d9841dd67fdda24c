import type {
  AdcvdWarning,
  Section232Rate,
  Section301Exclusion,
  Section301Rate,
} from '../../core/refdata/tariff-lists.js';
import { cell, readCsvTable } from './csv-records.js';
import { alpha2, htsDigits, percent, text } from './refdata-fields.js';
import { RefdataFormatError, type Where } from './refdata-format-error.js';

/** `section301_rates.csv`: `hts8,s301_rate`, one 8-digit subheading a row. */
export function parseSection301Rates(path: string): Section301Rate[] {
  const { cols, rows } = readCsvTable(
    path,
    ['hts8', 's301_rate'],
    'a Section 301 rate list (hts8,s301_rate)',
  );
  const seen = new Duplicates<number>(path, 'hts8');
  const out: Section301Rate[] = [];
  for (const r of rows) {
    const where = { file: path, line: r.line };
    const hts8 = htsDigits(cell(r, cols.hts8), [8], where, 'hts8');
    const p = percent(cell(r, cols.s301_rate), where, 's301_rate');
    if (seen.first(hts8, p, where)) out.push({ hts8, percent: p });
  }
  return nonEmpty(path, out);
}

/** `sec301_exemptions.csv`: `HTSUS,Description`, dotted 10-digit (or 8-digit) numbers. */
export function parseSection301Exclusions(path: string): Section301Exclusion[] {
  const { cols, rows } = readCsvTable(
    path,
    ['HTSUS', 'Description'],
    'a Section 301 exclusion list (HTSUS,Description)',
  );
  const seen = new Duplicates<string>(path, 'HTSUS');
  const out: Section301Exclusion[] = [];
  for (const r of rows) {
    const where = { file: path, line: r.line };
    const hts = htsDigits(cell(r, cols.HTSUS), [8, 10], where, 'HTSUS');
    const description = cell(r, cols.Description).trim();
    if (seen.first(hts, description, where)) out.push({ hts, description });
  }
  return nonEmpty(path, out);
}

/**
 * `section232_rates.csv`: `hts8,s232_rate,category`. Despite the column name, keys run from 4 digits (a
 * whole heading) to 10 (one statistical line).
 */
export function parseSection232Rates(path: string): Section232Rate[] {
  const { cols, rows } = readCsvTable(
    path,
    ['hts8', 's232_rate', 'category'],
    'a Section 232 rate list (hts8,s232_rate,category)',
  );
  const seen = new Duplicates<string>(path, 'hts8');
  const out: Section232Rate[] = [];
  for (const r of rows) {
    const where = { file: path, line: r.line };
    const prefix = htsDigits(cell(r, cols.hts8), [4, 6, 8, 10], where, 'hts8');
    const p = percent(cell(r, cols.s232_rate), where, 's232_rate');
    const category = text(cell(r, cols.category), where, 'category');
    if (seen.first(prefix, `${p}|${category}`, where)) out.push({ prefix, percent: p, category });
  }
  return nonEmpty(path, out);
}

/** `adcvd_warnings.csv`: `hts_prefix,country,case_desc`; a prefix may carry several countries and cases. */
export function parseAdcvdWarnings(path: string): AdcvdWarning[] {
  const { cols, rows } = readCsvTable(
    path,
    ['hts_prefix', 'country', 'case_desc'],
    'an AD/CVD warning list (hts_prefix,country,case_desc)',
  );
  const seen = new Set<string>();
  const out: AdcvdWarning[] = [];
  for (const r of rows) {
    const where = { file: path, line: r.line };
    const prefix = htsDigits(cell(r, cols.hts_prefix), [2, 4, 6, 8, 10], where, 'hts_prefix');
    const country = alpha2(cell(r, cols.country), where, 'country');
    const caseDesc = text(cell(r, cols.case_desc), where, 'case_desc');
    const key = `${prefix}|${country}|${caseDesc}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ prefix, country, caseDesc });
  }
  return nonEmpty(path, out);
}

/** A key listed twice with the same value is harmless; with two values the file contradicts itself. */
class Duplicates<V> {
  private readonly seen = new Map<string, { value: V; line: number }>();
  constructor(
    private readonly file: string,
    private readonly column: string,
  ) {}

  /** True the first time a key is seen; false for a repeat of the same value; throws on a conflict. */
  first(key: string, value: V, where: Where): boolean {
    const prev = this.seen.get(key);
    if (prev === undefined) {
      this.seen.set(key, { value, line: where.line });
      return true;
    }
    if (prev.value === value) return false;
    throw new RefdataFormatError(
      this.file,
      where.line,
      `${this.column} '${key}' is listed again with '${String(value)}' (line ${prev.line} has '${String(prev.value)}')`,
    );
  }
}

function nonEmpty<T>(path: string, rows: T[]): T[] {
  if (rows.length === 0) throw new RefdataFormatError(path, undefined, 'no rows after the header');
  return rows;
}
