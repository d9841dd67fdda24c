import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RefdataFormatError } from './refdata-format-error.js';

const DOTTED = /^\d{4}(\.\d{2}){0,3}$/;

/**
 * `loadHtsCsv` keeps the 10-digit lines and passes over any other number, so a mangled one ("6109.10.0012",
 * "6109.1O.00.12") would silently vanish from the schedule. Before an import, every non-empty HTS Number
 * must read as a heading, subheading or statistical number; the first that does not is an error naming the
 * file, line and value. Missing columns are left to `loadHtsCsv` to report.
 */
export function checkHtsCsvNumbers(path: string): void {
  let column = -1;
  let bad: { line: number; value: string } | undefined;
  try {
    parse(readFileSync(path, 'utf8'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number; records: number }) => {
        if (bad !== undefined) return null;
        if (context.records === 1) column = record.findIndex((h) => h.trim() === 'HTS Number');
        else if (column >= 0) {
          const value = (record[column] ?? '').trim();
          if (value !== '' && !DOTTED.test(value)) bad = { line: context.lines, value };
        }
        return null;
      },
    });
  } catch (e) {
    throw new RefdataFormatError(path, undefined, `not a readable CSV file: ${(e as Error).message}`);
  }
  if (bad !== undefined)
    throw new RefdataFormatError(
      path,
      bad.line,
      `HTS Number '${bad.value}' is not an HTS number (NNNN, NNNN.NN, NNNN.NN.NN or NNNN.NN.NN.NN)`,
    );
}
