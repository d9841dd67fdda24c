import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { HtsEntry, HtsSchedule } from '../../core/refdata/index.js';
import { createHtsSchedule } from '../../core/refdata/index.js';

const REQUIRED = ['HTS Number', 'Indent', 'Description', 'Unit of Quantity', 'General Rate of Duty'] as const;
const MAX_INDENT = 30;
const NON_DIGITS = /\D/g;
const TRAILING_COLON = /:\s*$/;

interface Row {
  record: string[];
  info: { lines: number };
}

/**
 * Loads the USITC HTS CSV export (every line of the schedule; headings have no number). Only the
 * 10-digit statistical lines are kept, as those are the ones valid on an entry. Each gets its parent
 * headings' descriptions as a prefix so that it reads on its own ("T-shirts, singlets…: Of cotton: Men's
 * or boys': …"), the rate of duty of the nearest numbered parent that has one (rates sit on 8-digit
 * lines), and its units joined ("doz., kg"). A file without the expected columns throws an Error naming
 * the file and line. The edition comes from the file name (`hts_2026_basic_edition.csv` → "2026 Basic
 * Edition") unless given.
 */
export function loadHtsCsv(path: string, edition = editionFromFileName(path)): HtsSchedule {
  const text = readFileSync(path, 'utf8');
  let rows: Row[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Row[];
  } catch (e) {
    throw new Error(`${path}: not a readable CSV file: ${(e as Error).message}`);
  }
  const header = rows[0]?.record.map((h) => h.trim()) ?? [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new Error(
      `${path}:${rows[0]?.info.lines ?? 1}: not a USITC HTS CSV export: missing column(s) ${missing.join(', ')}`,
    );
  const [iNum, iIndent, iDesc, iUnit, iRate] = REQUIRED.map((c) => header.indexOf(c)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  // Descriptions and rates of the open headings, by indent level.
  const descriptions: string[] = [];
  const rates: string[] = [];
  const entries: HtsEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const { record, info } = rows[r]!;
    const rawIndent = (record[iIndent] ?? '').trim();
    const indent = Number(rawIndent);
    if (rawIndent === '' || !Number.isInteger(indent) || indent < 0 || indent > MAX_INDENT)
      throw new Error(
        `${path}:${info.lines}: Indent '${rawIndent}' is not a whole number from 0 to ${MAX_INDENT}`,
      );
    const description = (record[iDesc] ?? '').trim();
    const ownRate = (record[iRate] ?? '').trim();
    descriptions.length = indent;
    rates.length = indent;
    const digits = (record[iNum] ?? '').replace(NON_DIGITS, '');
    if (digits.length === 10) {
      entries.push({
        hts10: digits,
        description: withParents(descriptions, description),
        unit: units(record[iUnit] ?? ''),
        generalRate: ownRate !== '' ? ownRate : nearest(rates),
      });
    }
    descriptions[indent] = description;
    rates[indent] = ownRate;
  }
  if (entries.length === 0) throw new Error(`${path}: no 10-digit HTS lines found`);
  return createHtsSchedule(edition, entries);
}

/** "Parent:" + "Child" → "Parent: Child"; levels skipped by the indent leave holes, which are ignored. */
function withParents(parents: readonly (string | undefined)[], own: string): string {
  const parts: string[] = [];
  for (let i = 0; i < parents.length; i++) {
    const p = parents[i];
    if (p !== undefined && p !== '') parts.push(p.replace(TRAILING_COLON, ''));
  }
  parts.push(own.replace(TRAILING_COLON, ''));
  return parts.join(': ');
}

function nearest(rates: readonly (string | undefined)[]): string {
  for (let i = rates.length - 1; i >= 0; i--) {
    const rate = rates[i];
    if (rate !== undefined && rate !== '') return rate;
  }
  return '';
}

/** The export writes units as a JSON list: `["doz.","kg"]` → "doz., kg". */
function units(raw: string): string {
  const t = raw.trim();
  if (!t.startsWith('[')) return t;
  try {
    const list = JSON.parse(t) as unknown;
    if (Array.isArray(list)) return list.filter((u) => typeof u === 'string' && u !== '').join(', ');
  } catch {
    // not JSON after all: keep it as published
  }
  return t;
}

/** `hts_2026_basic_edition.csv` → "2026 Basic Edition"; `hts_2026_revision_1.csv` → "2026 Revision 1". */
export function editionFromFileName(path: string): string {
  const name = basename(path).replace(/\.csv$/i, '');
  const m = /^hts_(\d{4})_(.+)$/i.exec(name);
  if (m === null) return name;
  const words = m[2]!
    .split(/[_\s-]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return [m[1], ...words].join(' ');
}
