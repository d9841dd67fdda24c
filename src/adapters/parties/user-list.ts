import { basename, extname } from 'node:path';
import { countryCode, type ListEntry } from '../../core/parties/index.js';
import { type CsvRecord, cell } from '../refdata/csv-records.js';
import { readPartyCsv } from './party-csv.js';
import { PartyListError } from './party-list-error.js';

export interface UserListOptions {
  /** The list id matches report (default: the file name without extension). */
  readonly listId?: string;
}

/**
 * A user's own list of restricted parties: a CSV file with the header `name,country,address` and
 * optionally `id` and `program` columns, in any order. Country is a code or an English name and must
 * be recognisable when given, since a typo there would silently turn agreement into disagreement.
 */
export function loadUserList(path: string, opts: UserListOptions = {}): ListEntry[] {
  const records = readPartyCsv(path);
  const cols = headerOf(path, records[0], ['name', 'country', 'address'], ['id', 'program']);
  const listId = opts.listId ?? basename(path, extname(path));
  const entries: ListEntry[] = [];
  const ids = new Set<string>();
  for (const r of records.slice(1)) {
    const name = cell(r, cols.name!).trim();
    if (name === '') throw new PartyListError('PARTIES_EMPTY_NAME', path, r.line, 'name', 'is empty');
    const rawCountry = cell(r, cols.country!).trim();
    const country = rawCountry === '' ? undefined : countryCode(rawCountry);
    if (rawCountry !== '' && country === undefined)
      throw new PartyListError(
        'PARTIES_COUNTRY',
        path,
        r.line,
        'country',
        `'${rawCountry}' is not an ISO 3166 code or a country name`,
      );
    const id = cols.id === undefined ? '' : cell(r, cols.id).trim();
    const entryId = id === '' ? `line ${r.line}` : id;
    if (ids.has(entryId))
      throw new PartyListError('PARTIES_DUPLICATE_ENTRY', path, r.line, 'id', `'${entryId}' appears twice`);
    ids.add(entryId);
    const address = cell(r, cols.address!).trim();
    const program = cols.program === undefined ? '' : cell(r, cols.program).trim();
    entries.push({
      listId,
      entryId,
      type: 'entity',
      programs: program === '' ? [] : program.split(/\s*;\s*/),
      names: [{ name, kind: 'primary' }],
      countries: country === undefined ? [] : [country],
      addresses:
        address === '' && country === undefined
          ? []
          : [{ text: address, ...(country === undefined ? {} : { country }) }],
    });
  }
  if (entries.length === 0)
    throw new PartyListError('PARTIES_EMPTY', path, undefined, undefined, 'has no rows');
  return entries;
}

/** One party to screen, with the line it came from and every other column of its row. */
export interface ScreeningRow {
  readonly line: number;
  readonly name: string;
  readonly country?: string;
  readonly address?: string;
  /** Columns beyond name, country and address (a label, a filing id), passed through to the output. */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * The parties of `minimis parties screen FILE.csv`: a header with `name` and optionally `country` and
 * `address`; other columns are kept, so that a labelled list comes out with its labels.
 */
export function readScreeningFile(path: string): ScreeningRow[] {
  const records = readPartyCsv(path);
  const cols = headerOf(path, records[0], ['name'], ['country', 'address']);
  const header = records[0]!.cells.map((h) => h.trim().toLowerCase());
  const others = header
    .map((h, i) => [h, i] as const)
    .filter(([h]) => !['name', 'country', 'address'].includes(h));
  const out: ScreeningRow[] = [];
  for (const r of records.slice(1)) {
    const name = cell(r, cols.name!).trim();
    if (name === '') throw new PartyListError('PARTIES_EMPTY_NAME', path, r.line, 'name', 'is empty');
    const country = cols.country === undefined ? '' : cell(r, cols.country).trim();
    const address = cols.address === undefined ? '' : cell(r, cols.address).trim();
    const extra: Record<string, string> = {};
    for (const [h, i] of others) extra[h] = cell(r, i);
    out.push({
      line: r.line,
      name,
      ...(country === '' ? {} : { country }),
      ...(address === '' ? {} : { address }),
      extra,
    });
  }
  return out;
}

function headerOf(
  path: string,
  header: CsvRecord | undefined,
  required: readonly string[],
  optional: readonly string[],
): Record<string, number | undefined> {
  const names = header?.cells.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = required.filter((c) => !names.includes(c));
  if (header === undefined || missing.length > 0)
    throw new PartyListError(
      'PARTIES_HEADER',
      path,
      header?.line ?? 1,
      undefined,
      `header '${names.join(',')}' lacks column(s) ${missing.join(', ')} (expected ${[...required, ...optional.map((o) => `[${o}]`)].join(',')})`,
    );
  const out: Record<string, number | undefined> = {};
  for (const c of [...required, ...optional]) {
    const i = names.indexOf(c);
    out[c] = i === -1 ? undefined : i;
  }
  return out;
}
