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
  {
    // The HTTP API (`minimis serve`), as the SQLite store's 004 and 011: API keys stored as sha256 hashes;
    // an append-only audit log; webhooks with a cursor into `messages` and one row per delivery; cases with
    // their append-only events; suspensions of filers, one row per period. `screen_log.kind` marks the
    // entries that are not records (a suspension changes what the engine decides, so it takes its place in
    // the global order like a record does).
    id: '20261125-003-server',
    sql: `
      CREATE FUNCTION minimis_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
      CREATE TABLE api_keys (
        id BIGSERIAL PRIMARY KEY, hash TEXT NOT NULL UNIQUE, org TEXT NOT NULL, role TEXT NOT NULL,
        label TEXT, created_at TEXT NOT NULL, revoked_at TEXT
      );
      CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, org TEXT, role TEXT,
        action TEXT NOT NULL, target TEXT, before TEXT, after TEXT
      );
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION minimis_append_only();
      CREATE TABLE webhooks (
        id BIGSERIAL PRIMARY KEY, org TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
        cursor BIGINT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        id BIGSERIAL PRIMARY KEY, webhook_id BIGINT NOT NULL REFERENCES webhooks (id),
        first_message BIGINT NOT NULL, last_message BIGINT NOT NULL, body TEXT NOT NULL,
        state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_ms BIGINT NOT NULL,
        last_status INTEGER, last_error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (state, webhook_id, id);
      CREATE INDEX filing_state_conveyance ON filing_state (conveyance_id);
      CREATE INDEX filing_state_party ON filing_state (party_key);
      CREATE INDEX filing_state_eda_day ON filing_state (eda_day);
      CREATE TABLE cases (
        id TEXT PRIMARY KEY, filing_id TEXT NOT NULL, filing_version INTEGER NOT NULL, filer TEXT NOT NULL,
        broker TEXT, lane TEXT, state TEXT NOT NULL, opened_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        seq INTEGER NOT NULL, body TEXT NOT NULL
      );
      CREATE INDEX cases_filing ON cases (filing_id, filing_version);
      CREATE INDEX cases_state ON cases (state, id);
      CREATE INDEX cases_filer ON cases (filer, id);
      CREATE INDEX cases_broker ON cases (broker, id);
      CREATE TABLE case_events (
        case_id TEXT NOT NULL REFERENCES cases (id), seq INTEGER NOT NULL, at TEXT NOT NULL,
        command TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
        FOR EACH ROW EXECUTE FUNCTION minimis_append_only();
      CREATE TABLE suspensions (
        filer TEXT NOT NULL, from_at TEXT NOT NULL, until_at TEXT, body TEXT NOT NULL,
        PRIMARY KEY (filer, from_at)
      );
      ALTER TABLE screen_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'record';
    `,
  },
];
