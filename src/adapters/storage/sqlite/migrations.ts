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
  {
    // The HTTP API (`minimis serve`): API keys stored as sha256 hashes with their organization and role;
    // an audit log that triggers keep append-only; webhooks per organization with a cursor into `messages`
    // and one row per delivery (pending, delivered, or dead after the last retry); filings by conveyance,
    // so an arrival can be checked against the caller's own filings.
    id: '20261123-004-server',
    sql: `
      CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, org TEXT NOT NULL, role TEXT NOT NULL,
        label TEXT, created_at TEXT NOT NULL, revoked_at TEXT
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, org TEXT, role TEXT,
        action TEXT NOT NULL, target TEXT, before TEXT, after TEXT
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TABLE webhooks (
        id INTEGER PRIMARY KEY, org TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
        cursor INTEGER NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY, webhook_id INTEGER NOT NULL REFERENCES webhooks (id),
        first_message INTEGER NOT NULL, last_message INTEGER NOT NULL, body TEXT NOT NULL,
        state TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_ms INTEGER NOT NULL,
        last_status INTEGER, last_error TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
      );
      CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (state, webhook_id, id);
      CREATE INDEX filing_state_conveyance ON filing_state (conveyance_id);
    `,
  },
  {
    // What targeting concluded on each filing's current version (lane, every rule result) and what the
    // risk memory learned from it, so decisions and the memory survive a restart.
    id: '20261123-010-filing-risk',
    sql: `ALTER TABLE filing_state ADD COLUMN risk TEXT`,
  },
  {
    // Cases of held and withheld shipments with their append-only events (a case row changes only when
    // its seq still is what the writer read), and suspensions of filers from Type 86, one row per period.
    id: '20261124-011-cases',
    sql: `
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
      CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
      CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
      CREATE TABLE suspensions (
        filer TEXT NOT NULL, from_at TEXT NOT NULL, until_at TEXT, body TEXT NOT NULL,
        PRIMARY KEY (filer, from_at)
      );
    `,
  },
  {
    // What the web console reads, so that its pages stay fast at a million filings (`npm run bench:console`):
    // the work queue by decision status; a filer's or broker's filings, and everyone's, newest first; the
    // dashboard's one pass over covering indexes instead of the decision and filing bodies (the lane as the
    // stored risk has it, the origin and first HTS number as filed, each worked out once when the row is
    // written); the admins' audit log by action, target and actor, newest first.
    id: '20261123-012-console-indexes',
    sql: `
      CREATE INDEX decisions_status ON decisions (status, filing_id, version, codes);
      CREATE INDEX filing_state_filer_filed ON filing_state (filer, filed_at_ms DESC, id);
      CREATE INDEX filing_state_broker_filed ON filing_state (broker, filed_at_ms DESC, id);
      CREATE INDEX filing_state_filed ON filing_state (filed_at_ms DESC, id);
      CREATE INDEX filing_state_dashboard ON filing_state (
        id, version, kind, mode, filer, broker, filed_at_ms, eda_day, conveyance_id, json_extract(risk, '$.lane')
      );
      CREATE INDEX filing_versions_dashboard ON filing_versions (
        id, version,
        coalesce(json_extract(body, '$.lines[0].origin'), json_extract(body, '$.shipper.address.country')),
        json_extract(body, '$.lines[0].hts')
      );
      CREATE INDEX audit_log_action ON audit_log (action, id);
      CREATE INDEX audit_log_target ON audit_log (target, id);
      CREATE INDEX audit_log_actor ON audit_log (actor, id);
    `,
  },
  {
    // A decision's rule results are most of its body (about 1.8 of 2.9 KB) and the same for most filings
    // (nothing hit, green), so they are kept once per distinct outcome and the decision names them by
    // `risk_id`: at 200k filings this halved the bytes written and cut ingest time with targeting by a
    // fifth. Read decisions through `decision_bodies`, which puts the rule results back in place of the
    // `risk` placeholder (json_replace keeps the key where it was); a decision written whole (risk_id NULL,
    // as before this migration or after a case updates it) reads as it was stored.
    id: '20261123-013-risk-outcomes',
    sql: `
      CREATE TABLE risk_outcomes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
      ALTER TABLE decisions ADD COLUMN risk_id INTEGER;
      CREATE VIEW decision_bodies AS
        SELECT d.filing_id, d.version, d.status, d.codes, d.party_key, d.risk_id,
          CASE WHEN d.risk_id IS NULL THEN d.body ELSE json_replace(d.body, '$.risk', json(r.body)) END AS body
        FROM decisions d LEFT JOIN risk_outcomes r ON r.id = d.risk_id;
    `,
  },
];
