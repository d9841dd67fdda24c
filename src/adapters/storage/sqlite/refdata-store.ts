import type Database from 'better-sqlite3';
import { assembleRefdata, type LoadedRefdata } from '../../refdata/assemble-refdata.js';
import {
  compareEditions,
  type DataKind,
  decodeRow,
  encodeRow,
  type FileKind,
  type ParsedRefdata,
  type RowsByKind,
  type RowTypes,
} from '../../refdata/refdata-kinds.js';

/** One imported edition of one kind of reference data. */
export interface EditionInfo {
  readonly id: number;
  readonly kind: DataKind;
  readonly edition: string;
  /** The file format it was imported from (hts-csv, hts-json, pga…). */
  readonly format: FileKind;
  readonly source: string;
  readonly sha256: string;
  readonly rows: number;
  readonly importedAt: string;
}

export interface ImportResult {
  /** `unchanged`: that edition was already imported from the same bytes, and nothing was written. */
  readonly status: 'imported' | 'replaced' | 'unchanged';
  readonly edition: EditionInfo;
  /** The edition that was replaced, or found unchanged. */
  readonly previous?: EditionInfo;
}

interface EditionDbRow {
  id: number;
  kind: string;
  edition: string;
  format: string;
  source: string;
  sha256: string;
  rows: number;
  imported_at: string;
}

/**
 * Reference data editions in the SQLite store (tables of migration 20261123-003-refdata; pass the
 * `SqliteStore.db`, which has run the migrations). An edition is written in one transaction after its whole
 * file has parsed, so a bad file, or a failure half-way, leaves every edition already imported as it was.
 */
export class RefdataStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Stores a parsed file as the edition it names. The same edition again from the same bytes is a no-op;
   * from other bytes it is refused unless `replace`, which swaps the old rows for the new atomically.
   */
  import(parsed: ParsedRefdata, opts: { replace?: boolean } = {}): ImportResult {
    const run = this.db.transaction((): ImportResult => {
      const previous = this.find(parsed.kind, parsed.edition);
      if (previous !== undefined && opts.replace !== true) {
        if (previous.sha256 === parsed.sha256) return { status: 'unchanged', edition: previous, previous };
        throw new Error(
          `${parsed.source}: ${parsed.kind} edition '${parsed.edition}' was already imported on ${previous.importedAt} ` +
            `from ${previous.source} with other content (sha256 ${previous.sha256.slice(0, 12)}…, this file ` +
            `${parsed.sha256.slice(0, 12)}…): pass --replace to replace it, or --edition to import it as another edition`,
        );
      }
      if (previous !== undefined) {
        this.db.prepare('DELETE FROM refdata_rows WHERE edition_id = ?').run(previous.id);
        this.db.prepare('DELETE FROM refdata_editions WHERE id = ?').run(previous.id);
      }
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO refdata_editions (kind, edition, format, source, sha256, rows, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          parsed.kind,
          parsed.edition,
          parsed.format,
          parsed.source,
          parsed.sha256,
          parsed.rows.length,
          this.now().toISOString(),
        );
      const insert = this.db.prepare('INSERT INTO refdata_rows (edition_id, key, body) VALUES (?, ?, ?)');
      for (const row of parsed.rows) {
        const { key, body } = encodeRow(parsed.kind, row);
        insert.run(lastInsertRowid, key, body);
      }
      const edition = this.byId(Number(lastInsertRowid))!;
      return previous === undefined
        ? { status: 'imported', edition }
        : { status: 'replaced', edition, previous };
    });
    // IMMEDIATE: take the write lock before reading what is there, so two imports cannot interleave.
    return run.immediate();
  }

  /** Every edition, by kind, oldest edition first. */
  editions(kind?: DataKind): EditionInfo[] {
    const rows = (
      kind === undefined
        ? this.db.prepare('SELECT * FROM refdata_editions').all()
        : this.db.prepare('SELECT * FROM refdata_editions WHERE kind = ?').all(kind)
    ) as EditionDbRow[];
    return rows
      .map(toInfo)
      .sort((a, b) => a.kind.localeCompare(b.kind) || compareEditions(a.edition, b.edition) || a.id - b.id);
  }

  /**
   * The newest edition of a kind, by its label ("2026 Revision 1" after "2026 Basic Edition", a later date
   * after an earlier one), not by when it was imported: importing an old edition does not roll back.
   */
  newest(kind: DataKind): EditionInfo | undefined {
    return this.editions(kind).at(-1);
  }

  find(kind: DataKind, edition: string): EditionInfo | undefined {
    const row = this.db
      .prepare('SELECT * FROM refdata_editions WHERE kind = ? AND edition = ?')
      .get(kind, edition) as EditionDbRow | undefined;
    return row === undefined ? undefined : toInfo(row);
  }

  /** The rows of an edition in file order, read lazily. */
  *rows<K extends DataKind>(kind: K, editionId: number): Generator<RowTypes[K]> {
    const stmt = this.db.prepare('SELECT key, body FROM refdata_rows WHERE edition_id = ? ORDER BY rowid');
    for (const r of stmt.iterate(editionId) as IterableIterator<{ key: string; body: string }>)
      yield decodeRow(kind, r.key, r.body);
  }

  private byId(id: number): EditionInfo | undefined {
    const row = this.db.prepare('SELECT * FROM refdata_editions WHERE id = ?').get(id) as
      | EditionDbRow
      | undefined;
    return row === undefined ? undefined : toInfo(row);
  }
}

const KINDS: readonly DataKind[] = [
  'hts',
  'pga',
  's301',
  's301-exclusions',
  's232',
  'adcvd',
  'countries',
  'currencies',
];

/**
 * The in-memory lookups from the store: for each kind, the edition named in `editions`, else the newest.
 * Kinds never imported are absent (their lookups answer "nothing"). An edition asked for that is not in
 * the store is an error.
 */
export function loadRefdataFromStore(
  store: RefdataStore,
  editions: Partial<Record<DataKind, string>> = {},
  kinds: readonly DataKind[] = KINDS,
): LoadedRefdata {
  const rows: Record<string, Iterable<unknown>> = {};
  const used: Partial<Record<DataKind, string>> = {};
  for (const kind of kinds) {
    const wanted = editions[kind];
    const info = wanted === undefined ? store.newest(kind) : store.find(kind, wanted);
    if (info === undefined) {
      if (wanted !== undefined)
        throw new Error(`no ${kind} edition '${wanted}' in the store (see: minimis refdata list)`);
      continue;
    }
    // Materialised here: the rows must be read before the next statement runs on this connection.
    rows[kind] = [...store.rows(kind, info.id)];
    used[kind] = info.edition;
  }
  return assembleRefdata(rows as RowsByKind, used);
}

function toInfo(r: EditionDbRow): EditionInfo {
  return {
    id: r.id,
    kind: r.kind as DataKind,
    edition: r.edition,
    format: r.format as FileKind,
    source: r.source,
    sha256: r.sha256,
    rows: r.rows,
    importedAt: r.imported_at,
  };
}
