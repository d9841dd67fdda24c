import { readCsvRecords } from './csv-records.js';
import { RefdataFormatError } from './refdata-format-error.js';

const DOTTED = /^\d{4}(\.\d{2}){0,3}$/;

/**
 * `loadHtsCsv` keeps the 10-digit lines and passes over any other number, so a mangled one ("6109.10.0012",
 * "6109.1O.00.12") would silently vanish from the schedule. Before an import, every non-empty HTS Number
 * must read as a heading, subheading or statistical number; the first that does not is an error naming the
 * file, line and value. Missing columns are left to `loadHtsCsv` to report.
 */
export function checkHtsCsvNumbers(path: string): void {
  const records = readCsvRecords(path);
  const column = records[0]?.cells.findIndex((h) => h.trim() === 'HTS Number') ?? -1;
  if (column < 0) return;
  for (let r = 1; r < records.length; r++) {
    const { cells, line } = records[r]!;
    const value = (cells[column] ?? '').trim();
    if (value !== '' && !DOTTED.test(value))
      throw new RefdataFormatError(
        path,
        line,
        `HTS Number '${value}' is not an HTS number (NNNN, NNNN.NN, NNNN.NN.NN or NNNN.NN.NN.NN)`,
      );
  }
}
