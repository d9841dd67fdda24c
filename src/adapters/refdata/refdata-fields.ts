import { RefdataFormatError, type Where } from './refdata-format-error.js';

const PLAIN = /^\d+$/;
// The schedule writes numbers dotted after the heading (6109, 6109.10, 6109.10.00, 6109.10.00.12); USTR's
// lists join the statistical suffix (6109.10.0012).
const DOTTED = /^\d{4}(\.\d{2}(\.\d{2}(\.\d{2})?|\.\d{4})?)?$/;
const NON_DIGITS = /\D/g;
const PERCENT = /^\d+(\.\d+)?%?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ALPHA2 = /^[A-Z]{2}$/;

/** Above this a "percentage" in a tariff list is a slip (a rate written as a fraction times 100, or a typo). */
const MAX_PERCENT = 1000;

/**
 * An HTS number as digits, plain ("61091000") or dotted ("6109.10.00"), of one of the allowed lengths.
 * Spreadsheets drop leading zeros from numbers such as 01012100, so a number one digit short says so.
 */
export function htsDigits(raw: string, lengths: readonly number[], where: Where, column: string): string {
  const t = raw.trim();
  if (PLAIN.test(t) || DOTTED.test(t)) {
    const d = t.replace(NON_DIGITS, '');
    if (lengths.includes(d.length)) return d;
    const lost = lengths.includes(d.length + 1) ? ' (a leading zero lost by a spreadsheet?)' : '';
    throw new RefdataFormatError(
      where.file,
      where.line,
      `${column} '${raw}' has ${d.length} digits, expected ${lengths.join(' or ')}${lost}`,
    );
  }
  throw new RefdataFormatError(where.file, where.line, `${column} '${raw}' is not an HTS number`);
}

/** A percentage such as "25.0", "7.5" or "25%", from 0 to 1000. */
export function percent(raw: string, where: Where, column: string): number {
  const t = raw.trim();
  const n = PERCENT.test(t) ? Number(t.replace('%', '')) : Number.NaN;
  if (!Number.isFinite(n) || n > MAX_PERCENT)
    throw new RefdataFormatError(
      where.file,
      where.line,
      `${column} '${raw}' is not a percentage from 0 to ${MAX_PERCENT}`,
    );
  return n;
}

/** A U.S. date "2/21/2026" as ISO "2026-02-21"; a day that does not exist (2/30/2026) is refused. */
export function usDate(raw: string, where: Where, column: string): string {
  const m = US_DATE.exec(raw.trim());
  if (m !== null) {
    const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day)
      return d.toISOString().slice(0, 10);
  }
  throw new RefdataFormatError(where.file, where.line, `${column} '${raw}' is not a date M/D/YYYY`);
}

export function alpha2(raw: string, where: Where, column: string): string {
  const t = raw.trim();
  if (!ALPHA2.test(t))
    throw new RefdataFormatError(
      where.file,
      where.line,
      `${column} '${raw}' is not an ISO 3166-1 alpha-2 code`,
    );
  return t;
}

/** A cell that must not be empty. */
export function text(raw: string, where: Where, column: string): string {
  const t = raw.trim();
  if (t === '') throw new RefdataFormatError(where.file, where.line, `${column} is empty`);
  return t;
}
