import { readFileSync } from 'node:fs';
import type { HtsEntry, HtsSchedule } from '../../core/refdata/index.js';
import { createHtsSchedule } from '../../core/refdata/index.js';
import { editionFromFileName } from './hts-usitc-csv.js';
import { htsDigits } from './refdata-fields.js';
import { RefdataFormatError } from './refdata-format-error.js';

/** Keys every object of the export carries; the others (special, other, footnotes…) are not needed here. */
const REQUIRED = ['htsno', 'indent', 'description', 'units', 'general'] as const;
const MAX_INDENT = 30;
const TRAILING_COLON = /:\s*$/;

/**
 * Loads the USITC HTS JSON export: an array of objects `{ htsno, indent, description, superior, units,
 * general, special, other, footnotes, quotaQuantity, additionalDuties }` in schedule order, headings with
 * an empty `htsno`. It gives the same entries as `loadHtsCsv` on the CSV export of the same edition: only
 * 10-digit lines, each described with its parent headings, with the general rate of the nearest parent
 * that has one when its own is empty, and its units joined ("doz., kg"). Errors name the file, the line
 * the object starts on, and the value.
 */
export function loadHtsJson(path: string, edition = editionFromJsonFileName(path)): HtsSchedule {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const lineOf = lineFinder(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RefdataFormatError(path, syntaxErrorLine(text), `not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data))
    throw new RefdataFormatError(path, 1, 'not a USITC HTS JSON export: expected an array of HTS lines');

  const descriptions: string[] = [];
  const rates: string[] = [];
  const entries: HtsEntry[] = [];
  for (let i = 0; i < data.length; i++) {
    const o = data[i] as Record<string, unknown>;
    const fail = (problem: string) =>
      new RefdataFormatError(path, lineOf(i), `HTS line #${i + 1}: ${problem}`);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw fail('not an object');
    const missing = REQUIRED.filter((k) => !(k in o));
    if (missing.length > 0) throw fail(`not a USITC HTS JSON export: missing key(s) ${missing.join(', ')}`);
    const indent = Number(o.indent);
    if (
      (typeof o.indent !== 'string' && typeof o.indent !== 'number') ||
      String(o.indent).trim() === '' ||
      !Number.isInteger(indent) ||
      indent < 0 ||
      indent > MAX_INDENT
    )
      throw fail(`indent '${String(o.indent)}' is not a whole number from 0 to ${MAX_INDENT}`);
    const htsno = stringOf(o.htsno, 'htsno', fail);
    const description = stringOf(o.description, 'description', fail).trim();
    const ownRate = stringOf(o.general, 'general', fail).trim();
    descriptions.length = indent;
    rates.length = indent;
    if (htsno.trim() !== '') {
      let digits: string;
      try {
        digits = htsDigits(htsno, [4, 6, 8, 10], { file: path, line: lineOf(i) ?? 0 }, 'htsno');
      } catch (e) {
        throw fail((e as RefdataFormatError).problem);
      }
      if (digits.length === 10)
        entries.push({
          hts10: digits,
          description: withParents(descriptions, description),
          unit: units(o.units, fail),
          generalRate: ownRate !== '' ? ownRate : nearest(rates),
        });
    }
    descriptions[indent] = description;
    rates[indent] = ownRate;
  }
  if (entries.length === 0) throw new RefdataFormatError(path, undefined, 'no 10-digit HTS lines found');
  return createHtsSchedule(edition, entries);
}

/** `hts_2026_revision_21_json.json` → "2026 Revision 21", as the CSV export's name gives it. */
export function editionFromJsonFileName(path: string): string {
  return editionFromFileName(path.replace(/(_json)?\.json$/i, ''));
}

function stringOf(v: unknown, key: string, fail: (p: string) => Error): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') throw fail(`${key} '${JSON.stringify(v)}' is not a string`);
  return v;
}

/** The export lists units as an array (`["doz.", "kg"]`); a plain string is taken as it is. */
function units(v: unknown, fail: (p: string) => Error): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v) && v.every((u) => typeof u === 'string')) return v.filter((u) => u !== '').join(', ');
  throw fail(`units '${JSON.stringify(v)}' is not a list of strings`);
}

function withParents(parents: readonly (string | undefined)[], own: string): string {
  const parts: string[] = [];
  for (const p of parents) if (p !== undefined && p !== '') parts.push(p.replace(TRAILING_COLON, ''));
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

/**
 * The line each element of the top-level array starts on, found by one scan of the text the first time
 * an error needs it (a valid file never pays for it).
 */
function lineFinder(text: string): (index: number) => number | undefined {
  let spans: Span[] | undefined;
  return (index) => {
    spans ??= elementSpans(text);
    return spans[index]?.line;
  };
}

/**
 * V8's syntax errors no longer say where they are, so the elements are parsed one by one to find the first
 * that fails; if all parse, the fault is between them (a missing comma) and is put after the last.
 */
function syntaxErrorLine(text: string): number | undefined {
  const spans = elementSpans(text);
  for (const s of spans) {
    try {
      JSON.parse(text.slice(s.start, s.end));
    } catch {
      return s.line;
    }
  }
  return spans.at(-1)?.line;
}

interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Where each element of the top-level array starts and ends, skipping over strings. */
function elementSpans(text: string): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let open: { line: number; start: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character (never a raw newline in JSON)
      else if (c === 34) {
        inString = false;
        if (depth === 1 && open !== undefined) {
          out.push({ ...open, end: i + 1 });
          open = undefined;
        }
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      if (depth === 1) open = { line, start: i };
    } else if (c === 91 || c === 123) {
      if (depth === 1) open = { line, start: i };
      depth++;
    } else if (c === 93 || c === 125) {
      depth--;
      if (depth === 1 && open !== undefined) {
        out.push({ ...open, end: i + 1 });
        open = undefined;
      }
    } else if (depth === 1 && c > 32 && c !== 44) {
      // a bare scalar (number, true, null) as an element
      let j = i;
      while (j + 1 < text.length && !/[\s,\]]/.test(text[j + 1]!)) j++;
      out.push({ line, start: i, end: j + 1 });
      i = j;
    }
  }
  if (open !== undefined) out.push({ ...open, end: text.length });
  return out;
}
