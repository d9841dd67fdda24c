import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { RefdataFormatError } from './refdata-format-error.js';

/** One CSV record and the line it ends on (the line of a one-line record). */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Every non-empty record of a CSV file (UTF-8, BOM dropped); rows may have fewer or more cells. */
export function readCsvRecords(path: string): CsvRecord[] {
  const text = readFileSync(path, 'utf8');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new RefdataFormatError(path, line, `not a readable CSV file: ${(e as Error).message}`);
  }
  return rows.map((r) => ({ cells: r.record, line: r.info.lines }));
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
