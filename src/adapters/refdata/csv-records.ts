import { readFileSync } from 'node:fs';
import { RefdataFormatError } from './refdata-format-error.js';

/** One CSV record and the line it starts on. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Every non-empty record of a CSV file (UTF-8, BOM dropped); rows may have fewer or more cells. */
export function readCsvRecords(path: string): CsvRecord[] {
  return splitCsv(readFileSync(path, 'utf8'), path);
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Splits CSV text into records: RFC 4180 (quoted cells, `""` for a quote inside them, line breaks inside
 * quotes), CRLF or LF, blank lines skipped. Written out rather than taken from csv-parse because it is
 * about five times faster on the 4 MB HTS export and gives the line a record starts on, which is where an
 * editor should jump. Lenient as spreadsheets are: a quote inside an unquoted cell is kept as it is.
 */
export function splitCsv(text: string, file: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1)
            throw new RefdataFormatError(
              file,
              start,
              'not a readable CSV file: a quoted cell is never closed',
            );
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) !== QUOTE) {
            i = q + 1;
            break;
          }
          value += '"';
          j = q + 2;
        }
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) line++;
      }
      const end = cellEnd(text, i);
      value += text.slice(i, end);
      i = end;
      cells.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    if (cells.length > 1 || cells[0] !== '') out.push({ cells, line: start });
  }
  return out;
}

function cellEnd(text: string, from: number): number {
  let e = from;
  for (; e < text.length; e++) {
    const c = text.charCodeAt(e);
    if (c === COMMA || c === LF || c === CR) break;
  }
  return e;
}

/**
 * The index of each required column in a header record, by name (so the publisher may reorder or add
 * columns). A missing or renamed column is an error naming the file, the line and the header as found.
 */
export function columnsOf<const C extends readonly string[]>(
  file: string,
  header: CsvRecord | undefined,
  required: C,
  what: string,
): Record<C[number], number> {
  const names = header?.cells.map((h) => h.trim()) ?? [];
  const missing = required.filter((c) => !names.includes(c));
  if (header === undefined || missing.length > 0)
    throw new RefdataFormatError(
      file,
      header?.line ?? 1,
      `not ${what}: missing column(s) ${missing.join(', ')} in header '${names.join(',')}'`,
    );
  const out = {} as Record<C[number], number>;
  for (const c of required) out[c as C[number]] = names.indexOf(c);
  return out;
}

/** Reads a plain CSV table: a header on the first record, then one row per record. */
export function readCsvTable<const C extends readonly string[]>(
  path: string,
  required: C,
  what: string,
): { cols: Record<C[number], number>; rows: CsvRecord[] } {
  const records = readCsvRecords(path);
  const cols = columnsOf(path, records[0], required, what);
  return { cols, rows: records.slice(1) };
}

export function cell(r: CsvRecord, index: number): string {
  return r.cells[index] ?? '';
}
