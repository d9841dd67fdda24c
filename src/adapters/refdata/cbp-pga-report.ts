import type { PgaLine } from '../../core/refdata/tariff-lists.js';
import { type CsvRecord, cell, columnsOf, readCsvRecords } from './csv-records.js';
import { htsDigits, text, usDate } from './refdata-fields.js';
import { RefdataFormatError, type Where } from './refdata-format-error.js';

const COLUMNS = [
  'Tariff Number',
  'Description',
  'Effective Date',
  'Expiration Date',
  'AD Duty',
  'CV Duty',
  'PGA 1',
] as const;
const PGA_COLUMN = /^PGA \d+$/;
const PGA_CODE = /^[A-Z]{2}[A-Z0-9]$/;

export interface PgaReport {
  /** The "HTS Date" of the preamble, as an ISO date: the edition of the report. */
  readonly htsDate: string;
  readonly lines: PgaLine[];
}

/**
 * CBP's ACE HTS–PGA report (`hts_pga_report.csv`): a preamble `HTS Date:,2/21/2026`, an empty line, the
 * header, then one row per 10-digit tariff number with its validity dates, the AD/CVD flags (Y/N) and up
 * to ten PGA flag codes in columns `PGA 1` … `PGA 10`.
 */
export function parsePgaReport(path: string): PgaReport {
  const records = readCsvRecords(path);
  const first = records[0];
  if (first === undefined || cell(first, 0).trim() !== 'HTS Date:')
    throw new RefdataFormatError(
      path,
      first?.line ?? 1,
      `not a CBP HTS-PGA report: expected the preamble 'HTS Date:,M/D/YYYY', got '${first?.cells.join(',').replace(/,+$/, '') ?? ''}'`,
    );
  const htsDate = usDate(cell(first, 1), { file: path, line: first.line }, 'HTS Date');
  // Blank spacer rows (all cells empty) may sit between the preamble and the header.
  let h = 1;
  while (h < records.length && isBlank(records[h]!)) h++;
  const header = records[h];
  const cols = columnsOf(path, header, COLUMNS, 'a CBP HTS-PGA report');
  const pgaCols = header!.cells.flatMap((name, i) => (PGA_COLUMN.test(name.trim()) ? [i] : []));

  const lines: PgaLine[] = [];
  const seen = new Map<string, number>();
  for (let r = h + 1; r < records.length; r++) {
    const rec = records[r]!;
    if (isBlank(rec)) continue;
    const where = { file: path, line: rec.line };
    const hts10 = htsDigits(cell(rec, cols['Tariff Number']), [10], where, 'Tariff Number');
    const again = seen.get(hts10);
    if (again !== undefined)
      throw new RefdataFormatError(
        path,
        rec.line,
        `Tariff Number '${hts10}' is listed again (line ${again})`,
      );
    seen.set(hts10, rec.line);
    const codes: string[] = [];
    for (const i of pgaCols) {
      const code = cell(rec, i).trim();
      if (code === '') continue;
      if (!PGA_CODE.test(code))
        throw new RefdataFormatError(
          path,
          rec.line,
          `${header!.cells[i]!.trim()} '${code}' is not a PGA flag code such as FD3`,
        );
      if (!codes.includes(code)) codes.push(code);
    }
    lines.push({
      hts10,
      description: text(cell(rec, cols.Description), where, 'Description'),
      effective: usDate(cell(rec, cols['Effective Date']), where, 'Effective Date'),
      expires: usDate(cell(rec, cols['Expiration Date']), where, 'Expiration Date'),
      adDuty: yesNo(cell(rec, cols['AD Duty']), where, 'AD Duty'),
      cvDuty: yesNo(cell(rec, cols['CV Duty']), where, 'CV Duty'),
      codes,
    });
  }
  if (lines.length === 0) throw new RefdataFormatError(path, undefined, 'no tariff numbers after the header');
  return { htsDate, lines };
}

function isBlank(r: CsvRecord): boolean {
  return r.cells.every((c) => c.trim() === '');
}

function yesNo(raw: string, where: Where, column: string): boolean {
  const t = raw.trim();
  if (t === 'Y') return true;
  if (t === 'N') return false;
  throw new RefdataFormatError(where.file, where.line, `${column} '${raw}' is not Y or N`);
}
