import { existsSync, readFileSync } from 'node:fs';
import { type CsvRecord, splitCsv } from '../refdata/csv-records.js';
import { RefdataFormatError } from '../refdata/refdata-format-error.js';
import { PartyListError } from './party-list-error.js';

/**
 * The records of a CSV file. UTF-8, or Windows-1252 when the bytes are not UTF-8 (older OFAC files and
 * spreadsheet exports); the DOS end-of-file mark (^Z) the OFAC legacy files end with is dropped.
 */
export function readPartyCsv(path: string): CsvRecord[] {
  if (!existsSync(path))
    throw new PartyListError('PARTIES_NO_FILE', path, undefined, undefined, 'no such file');
  const bytes = readFileSync(path);
  let text = bytes.toString('utf8');
  if (text.includes('\ufffd')) text = new TextDecoder('windows-1252').decode(bytes);
  text = text.replace(/\x1a+\s*$/, '');
  try {
    return splitCsv(text, path);
  } catch (e) {
    if (e instanceof RefdataFormatError)
      throw new PartyListError('PARTIES_CSV', path, e.line, undefined, e.problem);
    throw e;
  }
}

/** A cell with surrounding blanks removed; OFAC's `-0-` (with or without its trailing blank) is empty. */
export function field(r: CsvRecord, index: number): string {
  const v = (r.cells[index] ?? '').trim();
  return v === '-0-' ? '' : v;
}
