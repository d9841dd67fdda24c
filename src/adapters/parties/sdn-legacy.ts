import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ListAddress,
  ListEntry,
  ListEntryType,
  ListName,
  ListNameKind,
} from '../../core/parties/index.js';
import { countryCode } from '../../core/parties/index.js';
import type { CsvRecord } from '../refdata/csv-records.js';
import { field, readPartyCsv } from './party-csv.js';
import { PartyListError } from './party-list-error.js';

export const SDN_LIST_ID = 'ofac-sdn';

const SDN_FIELDS = 12;
const ALT_FIELDS = 5;
const ADD_FIELDS = 6;
const TYPES: Readonly<Record<string, ListEntryType>> = {
  '': 'entity',
  individual: 'individual',
  vessel: 'vessel',
  aircraft: 'aircraft',
};
const ALT_TYPES: Readonly<Record<string, ListNameKind>> = { aka: 'aka', fka: 'fka', nka: 'nka' };

export interface SdnLoadResult {
  readonly entries: ListEntry[];
  /** The files read, sdn.csv first; alt.csv and add.csv only when present. */
  readonly files: readonly string[];
  /** Inconsistencies between rows that were loaded around rather than refused (see `loadSdnLegacy`). */
  readonly warnings: readonly PartyListError[];
}

export interface SdnLoadOptions {
  /** Refuse the files on any inconsistency instead of loading around it. */
  readonly strict?: boolean;
}

/**
 * Loads the OFAC SDN list in its legacy CSV format from a folder holding `sdn.csv` and optionally
 * `alt.csv` and `add.csv` (any letter case, as OFAC names them SDN.CSV on some mirrors). Editions without
 * alt.csv still give aliases: those quoted in the remarks (`a.k.a. 'BNC'`). Countries come from the
 * addresses, the vessel flag and the remarks' nationality, citizenship and place of birth.
 *
 * Published files are not always consistent (the January 2022 snapshot repeats ent_num 2677 on its last
 * row and has an address for an ent_num it lacks). A screening list must not lose a party over that, so
 * unless `strict`, a repeated ent_num is loaded as a second entry and an alias or address of an unknown
 * ent_num is skipped, each reported as a warning with file, line and field. Malformed rows (field count,
 * a non-numeric ent_num, an empty name, an unknown type) are always errors.
 */
export function loadSdnLegacy(dir: string, opts: SdnLoadOptions = {}): SdnLoadResult {
  const warnings: PartyListError[] = [];
  const warn = (w: PartyListError) => {
    if (opts.strict === true) throw w;
    warnings.push(w);
  };
  const names = new Map<string, string>();
  let listing: string[];
  try {
    listing = readdirSync(dir);
  } catch {
    throw new PartyListError('PARTIES_NO_FILE', dir, undefined, undefined, 'no such folder');
  }
  for (const f of listing) names.set(f.toLowerCase(), join(dir, f));
  const sdnPath = names.get('sdn.csv');
  if (sdnPath === undefined)
    throw new PartyListError('PARTIES_NO_FILE', join(dir, 'sdn.csv'), undefined, undefined, 'no such file');
  const builders = parseSdn(sdnPath, warn);
  const files = [sdnPath];
  const altPath = names.get('alt.csv');
  if (altPath !== undefined) {
    parseAlt(altPath, builders, warn);
    files.push(altPath);
  }
  const addPath = names.get('add.csv');
  if (addPath !== undefined) {
    parseAdd(addPath, builders, warn);
    files.push(addPath);
  }
  const entries: ListEntry[] = [];
  for (const b of builders.values()) {
    // Remark aliases repeat alt.csv ones in editions that have both: keep each spelling once.
    const seen = new Set(b.names.map((n) => n.name.toUpperCase()));
    for (const a of b.remarkAliases)
      if (!seen.has(a.name.toUpperCase())) {
        seen.add(a.name.toUpperCase());
        b.names.push(a);
      }
    entries.push({
      listId: SDN_LIST_ID,
      entryId: b.id,
      type: b.type,
      programs: b.programs,
      names: b.names,
      countries: [...b.countries],
      addresses: b.addresses,
    });
  }
  return { entries, files, warnings };
}

interface Builder {
  id: string;
  type: ListEntryType;
  programs: string[];
  names: ListName[];
  remarkAliases: ListName[];
  countries: Set<string>;
  addresses: ListAddress[];
}

function checkFields(path: string, r: CsvRecord, expected: number, what: string): void {
  if (r.cells.length !== expected)
    throw new PartyListError(
      'PARTIES_FIELD_COUNT',
      path,
      r.line,
      undefined,
      `has ${r.cells.length} fields, ${what} has ${expected}`,
    );
}

function entryId(path: string, r: CsvRecord): string {
  const id = field(r, 0);
  if (!/^\d+$/.test(id))
    throw new PartyListError('PARTIES_ENTRY_ID', path, r.line, 'ent_num', `'${id}' is not a number`);
  return id;
}

type Warn = (w: PartyListError) => void;

function parseSdn(path: string, warn: Warn): Map<string, Builder> {
  const out = new Map<string, Builder>();
  for (const r of readPartyCsv(path)) {
    checkFields(path, r, SDN_FIELDS, 'the legacy sdn.csv (ent_num … Remarks)');
    const id = entryId(path, r);
    let key = id;
    if (out.has(id)) {
      warn(
        new PartyListError(
          'PARTIES_DUPLICATE_ENTRY',
          path,
          r.line,
          'ent_num',
          `${id} appears twice; loaded as a second entry, aliases and addresses go to the first`,
        ),
      );
      key = `${id}@${r.line}`;
    }
    const name = field(r, 1);
    if (name === '') throw new PartyListError('PARTIES_EMPTY_NAME', path, r.line, 'SDN_Name', 'is empty');
    const rawType = field(r, 2);
    const type = TYPES[rawType.toLowerCase()];
    if (type === undefined)
      throw new PartyListError(
        'PARTIES_TYPE',
        path,
        r.line,
        'SDN_Type',
        `'${rawType}' is not individual, vessel, aircraft or -0- (entity)`,
      );
    const remarks = field(r, 11);
    const countries = new Set<string>();
    const flag = countryCode(field(r, 9));
    if (flag !== undefined) countries.add(flag);
    for (const c of remarkCountries(remarks)) countries.add(c);
    out.set(key, {
      id,
      type,
      programs: programsOf(field(r, 3)),
      names: [{ name, kind: 'primary' }],
      remarkAliases: remarkAliases(remarks),
      countries,
      addresses: [],
    });
  }
  if (out.size === 0) throw new PartyListError('PARTIES_EMPTY', path, undefined, undefined, 'has no entries');
  return out;
}

function parseAlt(path: string, builders: Map<string, Builder>, warn: Warn): void {
  for (const r of readPartyCsv(path)) {
    checkFields(
      path,
      r,
      ALT_FIELDS,
      'the legacy alt.csv (ent_num, alt_num, alt_type, alt_name, alt_remarks)',
    );
    const b = builderOf(path, r, builders, warn);
    if (b === undefined) continue;
    const rawType = field(r, 2);
    const kind = ALT_TYPES[rawType.toLowerCase()];
    if (kind === undefined)
      throw new PartyListError(
        'PARTIES_ALIAS_TYPE',
        path,
        r.line,
        'alt_type',
        `'${rawType}' is not aka, fka or nka`,
      );
    const name = field(r, 3);
    if (name === '') throw new PartyListError('PARTIES_EMPTY_NAME', path, r.line, 'alt_name', 'is empty');
    b.names.push({ name, kind });
  }
}

function parseAdd(path: string, builders: Map<string, Builder>, warn: Warn): void {
  for (const r of readPartyCsv(path)) {
    checkFields(
      path,
      r,
      ADD_FIELDS,
      'the legacy add.csv (ent_num, add_num, address, city, country, add_remarks)',
    );
    const b = builderOf(path, r, builders, warn);
    if (b === undefined) continue;
    const text = [field(r, 2), field(r, 3)].filter((s) => s !== '').join(', ');
    const country = countryCode(field(r, 4));
    if (country !== undefined) b.countries.add(country);
    if (text !== '' || country !== undefined)
      b.addresses.push({ text, ...(country === undefined ? {} : { country }) });
  }
}

function builderOf(
  path: string,
  r: CsvRecord,
  builders: Map<string, Builder>,
  warn: Warn,
): Builder | undefined {
  const id = entryId(path, r);
  const b = builders.get(id);
  if (b === undefined)
    warn(
      new PartyListError(
        'PARTIES_UNKNOWN_ENTRY',
        path,
        r.line,
        'ent_num',
        `${id} is not in sdn.csv; row skipped`,
      ),
    );
  return b;
}

/** "SDGT] [IRGC": the legacy file joins several programs with `] [`. */
function programsOf(text: string): string[] {
  return text
    .replace(/^\[|\]$/g, '')
    .split('] [')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// The closing quote is the one followed by ; or . or the end: names hold apostrophes ('ABU-'UMAR').
const REMARK_ALIAS = /\b([afn])\.k\.a\.\s+'(.+?)'(?=\s*[;.]|\s*$)/g;
const REMARK_COUNTRY = /\b(?:nationality|citizen|Nationality of Registration)\s+([^;]+?)\s*(?:;|\.?$)/g;
// "POB Nahia, Giza, Egypt": the country is the last part.
const REMARK_BIRTHPLACE = /\bPOB\s+([^;]+?)\s*(?:;|\.?$)/g;

export function remarkAliases(remarks: string): ListName[] {
  const out: ListName[] = [];
  for (const m of remarks.matchAll(REMARK_ALIAS)) {
    const name = m[2]!.trim();
    if (name !== '') out.push({ name, kind: 'remark-aka' });
  }
  return out;
}

export function remarkCountries(remarks: string): string[] {
  const out: string[] = [];
  for (const m of remarks.matchAll(REMARK_COUNTRY)) {
    const c = countryCode(m[1]!);
    if (c !== undefined) out.push(c);
  }
  for (const m of remarks.matchAll(REMARK_BIRTHPLACE)) {
    const parts = m[1]!.split(',');
    const c = countryCode(parts[parts.length - 1]!);
    if (c !== undefined) out.push(c);
  }
  return out;
}
