/** Timestamped, append-only migrations: never edit one that has shipped, add a new one. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '20261123-001-core',
    sql: `
      CREATE TABLE filing_versions (
        id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
        source TEXT NOT NULL, line INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE filing_state (
        id TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL,
        kind TEXT NOT NULL, mode TEXT NOT NULL, filer TEXT NOT NULL, broker TEXT,
        conveyance_id TEXT NOT NULL, filed_at TEXT NOT NULL, filed_at_ms INTEGER NOT NULL,
        eda_day TEXT, value_cents INTEGER, party_key TEXT, variant TEXT, match TEXT, reason TEXT,
        provisional_cents INTEGER NOT NULL, rejected INTEGER NOT NULL, cancelled INTEGER NOT NULL,
        findings TEXT NOT NULL, hashes TEXT NOT NULL, facts TEXT
      );
      CREATE TABLE decisions (
        filing_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
        codes TEXT NOT NULL, party_key TEXT, body TEXT NOT NULL,
        PRIMARY KEY (filing_id, version)
      );
      CREATE TABLE conveyances (
        conveyance_id TEXT PRIMARY KEY, arrived_at TEXT NOT NULL, arrived_at_ms INTEGER NOT NULL, port TEXT NOT NULL
      );
      CREATE TABLE party_variants (
        address_key TEXT NOT NULL, name_key TEXT NOT NULL, raw TEXT NOT NULL, party_key TEXT NOT NULL,
        match TEXT NOT NULL, reason TEXT NOT NULL,
        UNIQUE (address_key, name_key)
      );
      CREATE INDEX party_variants_party ON party_variants (party_key);
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY, filing_id TEXT NOT NULL, version INTEGER NOT NULL, role TEXT NOT NULL,
        recipient TEXT NOT NULL, code TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL
      );
      CREATE INDEX messages_recipient ON messages (recipient, id);
      CREATE TABLE ingest_findings (
        source TEXT NOT NULL, line INTEGER NOT NULL, code TEXT NOT NULL, path TEXT NOT NULL,
        severity TEXT NOT NULL, message TEXT NOT NULL, ace_code TEXT, filing_id TEXT,
        PRIMARY KEY (source, line, code, path)
      );
    `,
  },
  {
    // Where each input file got to, so that running a file again (after a crash, or by mistake)
    // skips the records already applied. Keyed by path; the fingerprint is of the file's first bytes.
    id: '20261123-002-sources',
    sql: `CREATE TABLE sources (path TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, last_line INTEGER NOT NULL)`,
  },
  {
    // Reference data imported by `minimis refdata import`, kept per edition so that a newer edition is
    // added beside the older ones and a screening run can say which it used. Rows are the parsed file,
    // one per key, the rest of the row as JSON (see src/adapters/refdata/refdata-kinds.ts).
    id: '20261123-003-refdata',
    sql: `
      CREATE TABLE refdata_editions (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, edition TEXT NOT NULL, format TEXT NOT NULL,
        source TEXT NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL, imported_at TEXT NOT NULL,
        UNIQUE (kind, edition)
      );
      CREATE TABLE refdata_rows (
        edition_id INTEGER NOT NULL REFERENCES refdata_editions (id), key TEXT NOT NULL, body TEXT NOT NULL
      );
      CREATE INDEX refdata_rows_key ON refdata_rows (edition_id, key);
    `,
  },
];
