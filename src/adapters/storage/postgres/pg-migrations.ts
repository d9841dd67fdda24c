/**
 * The PostgreSQL tables: the same records as the SQLite store (see ../sqlite/migrations.ts), plus the
 * screening log that gives every record submitted by any process one global order. Timestamped and
 * append-only: never edit one that has shipped, add a new one.
 */
export const PG_MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '20261123-001-core',
    sql: `
      CREATE TABLE screen_log (
        seq BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, line INTEGER NOT NULL, body TEXT NOT NULL
      );
      CREATE TABLE screen_position (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL);
      INSERT INTO screen_position (id, seq) VALUES (1, 0);
      CREATE TABLE filing_versions (
        id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
        source TEXT NOT NULL, line INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE filing_state (
        id TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL,
        kind TEXT NOT NULL, mode TEXT NOT NULL, filer TEXT NOT NULL, broker TEXT,
        conveyance_id TEXT NOT NULL, filed_at TEXT NOT NULL, filed_at_ms BIGINT NOT NULL,
        eda_day TEXT, value_cents BIGINT, party_key TEXT, variant TEXT, match TEXT, reason TEXT,
        provisional_cents BIGINT NOT NULL, rejected BOOLEAN NOT NULL, cancelled BOOLEAN NOT NULL,
        findings TEXT NOT NULL, hashes TEXT NOT NULL, facts TEXT
      );
      CREATE INDEX filing_state_seq ON filing_state (seq);
      CREATE TABLE decisions (
        filing_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
        codes TEXT NOT NULL, party_key TEXT, body TEXT NOT NULL,
        PRIMARY KEY (filing_id, version)
      );
      CREATE TABLE conveyances (
        conveyance_id TEXT PRIMARY KEY, arrived_at TEXT NOT NULL, arrived_at_ms BIGINT NOT NULL, port TEXT NOT NULL
      );
      CREATE TABLE party_variants (
        ord BIGSERIAL, address_key TEXT NOT NULL, name_key TEXT NOT NULL, raw TEXT NOT NULL,
        party_key TEXT NOT NULL, match TEXT NOT NULL, reason TEXT NOT NULL,
        UNIQUE (address_key, name_key)
      );
      CREATE INDEX party_variants_party ON party_variants (party_key);
      CREATE TABLE messages (
        id BIGSERIAL PRIMARY KEY, filing_id TEXT NOT NULL, version INTEGER NOT NULL, role TEXT NOT NULL,
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
    // Targeting's lane and rule results per filing version, and what the risk memory learned.
    id: '20261123-002-filing-risk',
    sql: 'ALTER TABLE filing_state ADD COLUMN risk TEXT',
  },
];
