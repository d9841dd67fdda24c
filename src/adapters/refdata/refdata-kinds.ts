import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import type { HtsEntry } from '../../core/refdata/index.js';
import type {
  AdcvdWarning,
  PgaLine,
  Section232Rate,
  Section301Exclusion,
  Section301Rate,
} from '../../core/refdata/tariff-lists.js';
import { parsePgaReport } from './cbp-pga-report.js';
import { splitCsv } from './csv-records.js';
import { checkHtsCsvNumbers } from './hts-csv-numbers.js';
import { editionFromFileName, loadHtsCsv } from './hts-usitc-csv.js';
import { editionFromJsonFileName, loadHtsJson } from './hts-usitc-json.js';
import {
  type CountryRow,
  type CurrencyRow,
  parseCountryCodes,
  parseCurrencyCodes,
} from './iso-code-files.js';
import { RefdataFormatError } from './refdata-format-error.js';
import {
  parseAdcvdWarnings,
  parseSection232Rates,
  parseSection301Exclusions,
  parseSection301Rates,
} from './tariff-list-files.js';

/** The file formats `minimis refdata import` reads. */
export const FILE_KINDS = [
  'hts-csv',
  'hts-json',
  'pga',
  's301',
  's301-exclusions',
  's232',
  'adcvd',
  'countries',
  'currencies',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** What the rows of each kind of data are; the two HTS exports are one kind of data. */
export interface RowTypes {
  hts: HtsEntry;
  pga: PgaLine;
  s301: Section301Rate;
  's301-exclusions': Section301Exclusion;
  s232: Section232Rate;
  adcvd: AdcvdWarning;
  countries: CountryRow;
  currencies: CurrencyRow;
}
export type DataKind = keyof RowTypes;
export type RowsByKind = { [K in DataKind]?: Iterable<RowTypes[K]> };

export const DATA_KIND: Readonly<Record<FileKind, DataKind>> = {
  'hts-csv': 'hts',
  'hts-json': 'hts',
  pga: 'pga',
  s301: 's301',
  's301-exclusions': 's301-exclusions',
  s232: 's232',
  adcvd: 'adcvd',
  countries: 'countries',
  currencies: 'currencies',
};

/**
 * The field of each row type that is its key in the store; the rest of the row is the stored body. Keys
 * need not be unique (a currency is listed once per entity that uses it).
 */
export const KEY_FIELD: { readonly [K in DataKind]: keyof RowTypes[K] & string } = {
  hts: 'hts10',
  pga: 'hts10',
  s301: 'hts8',
  's301-exclusions': 'hts',
  s232: 'prefix',
  adcvd: 'prefix',
  countries: 'alpha2',
  currencies: 'code',
};

export interface ParsedRefdata<K extends DataKind = DataKind> {
  readonly kind: K;
  readonly format: FileKind;
  readonly edition: string;
  readonly source: string;
  /** Of the file's bytes: the same edition imported again from the same file is recognised by it. */
  readonly sha256: string;
  readonly rows: readonly RowTypes[K][];
}

/** A stored row: its key and the rest of it as JSON. */
export interface EncodedRow {
  readonly key: string;
  readonly body: string;
}

export function encodeRow<K extends DataKind>(kind: K, row: RowTypes[K]): EncodedRow {
  const field = KEY_FIELD[kind];
  const { [field]: key, ...body } = row;
  return { key: String(key), body: JSON.stringify(body) };
}

export function decodeRow<K extends DataKind>(kind: K, key: string, body: string): RowTypes[K] {
  return { [KEY_FIELD[kind]]: key, ...(JSON.parse(body) as object) } as unknown as RowTypes[K];
}

const HTS_FILE_NAME = /^hts_\d{4}_/i;

/**
 * Parses a whole reference file; nothing is returned unless every row is valid. The edition comes from
 * the file where it carries one (the HTS export's name, `hts_2026_basic_edition.csv`; the PGA report's
 * "HTS Date"), else from `edition`, which is then required. A given edition overrides a name, which is
 * arbitrary, but must agree with a date printed in the file.
 */
export function parseRefdataFile(
  path: string,
  opts: { kind?: FileKind; edition?: string } = {},
): ParsedRefdata {
  const format = opts.kind ?? detectKind(path);
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  const given = opts.edition?.trim() === '' ? undefined : opts.edition?.trim();
  const parsed = <K extends DataKind>(kind: K, edition: string, rows: readonly RowTypes[K][]) =>
    ({ kind, format, edition, source: path, sha256, rows }) as ParsedRefdata;
  const needEdition = (): string => {
    if (given !== undefined) return given;
    throw new RefdataFormatError(
      path,
      undefined,
      `this ${format} file does not say which edition it is: pass --edition LABEL (e.g. its publication date)`,
    );
  };
  switch (format) {
    case 'hts-csv': {
      const edition =
        given ?? (HTS_FILE_NAME.test(basename(path)) ? editionFromFileName(path) : needEdition());
      checkHtsCsvNumbers(path);
      return parsed('hts', edition, [...loadHtsCsv(path, edition).entries()]);
    }
    case 'hts-json': {
      const edition =
        given ?? (HTS_FILE_NAME.test(basename(path)) ? editionFromJsonFileName(path) : needEdition());
      return parsed('hts', edition, [...loadHtsJson(path, edition).entries()]);
    }
    case 'pga': {
      const report = parsePgaReport(path);
      if (given !== undefined && given !== report.htsDate)
        throw new RefdataFormatError(
          path,
          1,
          `the report's HTS Date is ${report.htsDate}, not the edition '${given}' asked for`,
        );
      return parsed('pga', report.htsDate, report.lines);
    }
    case 's301':
      return parsed('s301', needEdition(), parseSection301Rates(path));
    case 's301-exclusions':
      return parsed('s301-exclusions', needEdition(), parseSection301Exclusions(path));
    case 's232':
      return parsed('s232', needEdition(), parseSection232Rates(path));
    case 'adcvd':
      return parsed('adcvd', needEdition(), parseAdcvdWarnings(path));
    case 'countries':
      return parsed('countries', needEdition(), parseCountryCodes(path));
    case 'currencies':
      return parsed('currencies', needEdition(), parseCurrencyCodes(path));
  }
}

/** Header signatures: every listed column present on the first line means that kind. */
const SIGNATURES: readonly [FileKind, readonly string[]][] = [
  ['hts-csv', ['HTS Number', 'Indent', 'Description']],
  ['s301', ['hts8', 's301_rate']],
  ['s232', ['hts8', 's232_rate']],
  ['s301-exclusions', ['HTSUS', 'Description']],
  ['adcvd', ['hts_prefix', 'country', 'case_desc']],
  ['countries', ['ISO3166-1-Alpha-2', 'ISO3166-1-Alpha-3']],
  ['currencies', ['Entity', 'AlphabeticCode']],
];

/** Tells the kind of a reference file from its first bytes: a JSON array, the PGA preamble, or a header. */
export function detectKind(path: string): FileKind {
  const head = readHead(path, 16_384).replace(/^\uFEFF/, '');
  if (head.trimStart().startsWith('[')) return 'hts-json';
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  let cells: string[] = [];
  try {
    cells = (splitCsv(firstLine, path)[0]?.cells ?? []).map((c) => c.trim());
  } catch {
    // not CSV either: reported below
  }
  if (cells[0] === 'HTS Date:') return 'pga';
  for (const [kind, columns] of SIGNATURES) if (columns.every((c) => cells.includes(c))) return kind;
  throw new RefdataFormatError(
    path,
    1,
    `cannot tell what kind of reference file this is from its first line '${firstLine.slice(0, 120)}': pass --kind (${FILE_KINDS.join(', ')})`,
  );
}

function readHead(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

const EDITION_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Orders edition labels oldest first, numbers by value: "2025 Revision 9" < "2025 Revision 10" < "2026
 * Basic Edition" < "2026 Revision 1", and ISO dates by date.
 */
export function compareEditions(a: string, b: string): number {
  return EDITION_ORDER.compare(a, b);
}
