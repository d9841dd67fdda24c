import Database from 'better-sqlite3';
import type { Decision, Message, RiskOutcome } from '../../../core/decision/index.js';
import type {
  ConveyanceRow,
  FilingStateRow,
  IngestFinding,
  ScreenSink,
  ScreenSnapshot,
  VariantRow,
} from '../../../core/screen/index.js';
import type { StoredRisk } from '../../../core/screen/targeting.js';
import { filingStateValues } from '../filing-state-values.js';
import { MIGRATIONS } from './migrations.js';

type Db = Database.Database;

// Rows as SQLite returns them (snake_case columns, integers for booleans).
interface VariantDbRow {
  address_key: string;
  name_key: string;
  raw: string;
  party_key: string;
  match: string;
  reason: string;
}
interface ConveyanceDbRow {
  conveyance_id: string;
  arrived_at: string;
  arrived_at_ms: number;
  port: string;
}
interface StateDbRow {
  id: string;
  version: number;
  seq: number;
  kind: string;
  mode: string;
  filer: string;
  broker: string | null;
  conveyance_id: string;
  filed_at: string;
  filed_at_ms: number;
  eda_day: string | null;
  value_cents: number | null;
  party_key: string | null;
  variant: string | null;
  match: string | null;
  reason: string | null;
  provisional_cents: number;
  rejected: number;
  cancelled: number;
  findings: string;
  hashes: string;
  facts: string | null;
  risk: string | null;
}
interface MessageDbRow {
  id: number;
  filing_id: string;
  version: number;
  role: Message['role'];
  recipient: string;
  code: string;
  text: string;
  at: string;
}
interface FindingDbRow {
  source: string;
  line: number;
  code: IngestFinding['code'];
  path: string;
  severity: IngestFinding['severity'];
  message: string;
  ace_code: string | null;
  filing_id: string | null;
}

export interface StoredMessage extends Message {
  readonly id: number;
}

/**
 * The embedded store: SQLite in WAL mode. Every batch of effects is one transaction, so a crash
 * leaves the store at the end of the last committed batch and a rerun continues from there.
 */
export class SqliteStore {
  readonly db: Db;
  private readonly stmts: ReturnType<typeof prepareStatements>;
  /**
   * The `risk_outcomes` row of each rule-result object already written or restored. The engine shares one
   * object between every filing with the same result, so most decisions find theirs here and write only
   * the rest of their body. Replaced when a transaction fails, since its rows are gone.
   */
  private riskIds = new WeakMap<RiskOutcome, number>();

  constructor(path: string) {
    this.db = new Database(path);
    // Larger pages hold more decision bodies each: about 13% faster ingest measured at 200k filings.
    // It only takes effect on a new database, before the first table exists.
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process; FULL is only needed against power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS run_filings (id TEXT PRIMARY KEY) WITHOUT ROWID');
    this.stmts = prepareStatements(this.db);
  }

  close(): void {
    this.db.close();
  }

  /** The engine state, streamed from the tables (rows are read lazily). */
  snapshot(): ScreenSnapshot {
    const db = this.db;
    const outcomes = new Map<number, RiskOutcome>();
    return {
      variants: mapIter(
        db.prepare('SELECT * FROM party_variants ORDER BY rowid').iterate(),
        (r: VariantDbRow) => ({
          addressKey: r.address_key,
          nameKey: r.name_key,
          raw: r.raw,
          partyKey: r.party_key,
          match: r.match,
          reason: r.reason,
        }),
      ),
      conveyances: mapIter(db.prepare('SELECT * FROM conveyances').iterate(), (r: ConveyanceDbRow) => ({
        conveyanceId: r.conveyance_id,
        arrivedAt: r.arrived_at,
        arrivedAtMs: r.arrived_at_ms,
        port: r.port,
      })),
      // A filing's rule results are in the decision of its current version, not in its state row.
      filings: mapIter(
        db
          .prepare(
            `SELECT s.*, d.risk_id AS risk_id,
               CASE WHEN d.risk_id IS NULL THEN json_extract(d.body, '$.risk') ELSE r.body END AS decision_risk
             FROM filing_state s
             LEFT JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
             LEFT JOIN risk_outcomes r ON r.id = d.risk_id
             ORDER BY s.seq`,
          )
          .iterate(),
        (r: StateDbRow & { risk_id: number | null; decision_risk: string | null }) => ({
          id: r.id,
          version: r.version,
          seq: r.seq,
          kind: r.kind,
          mode: r.mode,
          filer: r.filer,
          broker: r.broker,
          conveyanceId: r.conveyance_id,
          filedAt: r.filed_at,
          filedAtMs: r.filed_at_ms,
          edaDay: r.eda_day,
          valueCents: r.value_cents,
          partyKey: r.party_key,
          variant: r.variant,
          match: r.match,
          reason: r.reason,
          provisionalCents: r.provisional_cents,
          rejected: r.rejected === 1,
          cancelled: r.cancelled === 1,
          findings: JSON.parse(r.findings),
          hashes: JSON.parse(r.hashes),
          facts: r.facts === null ? null : JSON.parse(r.facts),
          risk: r.risk === null ? null : withOutcome(JSON.parse(r.risk), this.restoredOutcome(r, outcomes)),
        }),
      ),
    };
  }

  /**
   * Rule results restored from one `risk_outcomes` row (`seen`: those of this snapshot) are one object
   * again, and known to be stored, so the engine keeps sharing them and later decisions do not write them anew.
   */
  private restoredOutcome(
    r: { risk_id: number | null; decision_risk: string | null },
    seen: Map<number, RiskOutcome>,
  ): RiskOutcome | null {
    if (r.decision_risk === null) return null;
    if (r.risk_id === null) return JSON.parse(r.decision_risk) as RiskOutcome;
    let o = seen.get(r.risk_id);
    if (o === undefined) {
      o = JSON.parse(r.decision_risk) as RiskOutcome;
      seen.set(r.risk_id, o);
      this.riskIds.set(o, r.risk_id);
    }
    return o;
  }

  /** Opens a batch: effects are buffered and written in one transaction by `commit`. */
  batch(source: string, fingerprint: string): SqliteBatch {
    return new SqliteBatch(this, source, fingerprint);
  }

  /** The last line of `source` already applied, when the file still starts as it did. */
  checkpoint(source: string, fingerprint: string): number {
    const row = this.db.prepare('SELECT fingerprint, last_line FROM sources WHERE path = ?').get(source) as
      | { fingerprint: string; last_line: number }
      | undefined;
    return row !== undefined && row.fingerprint === fingerprint ? row.last_line : 0;
  }

  /** @internal */
  write(batch: SqliteBatch): void {
    const s = this.stmts;
    try {
      this.writeAll(batch);
    } catch (e) {
      this.riskIds = new WeakMap();
      throw e;
    }
  }

  /**
   * The id of a decision's rule results in `risk_outcomes`, writing them on first sight; null for a
   * decision without rule results (targeting off), which is kept whole.
   */
  private riskId(risk: RiskOutcome): number | null {
    if (risk.rules.length === 0) return null;
    let id = this.riskIds.get(risk);
    if (id === undefined) {
      id = Number(this.stmts.insertRisk.run(JSON.stringify(risk)).lastInsertRowid);
      this.riskIds.set(risk, id);
    }
    return id;
  }

  private writeAll(batch: SqliteBatch): void {
    const s = this.stmts;
    this.db.transaction(() => {
      for (const v of batch.versions)
        s.insertVersion.run(v.id, v.version, v.seq, batch.source, v.line, v.body);
      for (const c of batch.conveyances)
        s.insertConveyance.run(c.conveyanceId, c.arrivedAt, c.arrivedAtMs, c.port);
      for (const v of batch.variants)
        s.insertVariant.run(v.addressKey, v.nameKey, v.raw, v.partyKey, v.match, v.reason);
      for (const r of batch.states.values()) s.upsertState.run(stateParams(r));
      for (const d of batch.decisions.values()) {
        const riskId = this.riskId(d.risk);
        s.upsertDecision.run(
          d.filingId,
          d.version,
          d.status,
          d.codes.join(' '),
          d.party?.key ?? null,
          // 0 holds the key's place; decision_bodies puts the stored rule results there.
          JSON.stringify(riskId === null ? d : { ...d, risk: 0 }),
          riskId,
        );
      }
      for (const m of batch.messages)
        s.insertMessage.run(m.filingId, m.version, m.role, m.recipient, m.code, m.text, m.at);
      for (const f of batch.findings)
        s.upsertFinding.run(
          batch.source,
          f.line,
          f.code,
          f.path,
          f.severity,
          f.message,
          f.aceCode ?? null,
          f.filingId,
        );
      for (const id of batch.seen) s.markRun.run(id);
      if (batch.lastLine > 0) s.upsertSource.run(batch.source, batch.fingerprint, batch.lastLine);
    })();
  }

  /** Current decision of every filing (latest version), in filing order. */
  *decisions(onlyThisRun = false): IterableIterator<Decision> {
    const sql = onlyThisRun
      ? `SELECT d.body FROM run_filings r JOIN filing_state s ON s.id = r.id
           JOIN decision_bodies d ON d.filing_id = s.id AND d.version = s.version ORDER BY s.seq`
      : `SELECT d.body FROM filing_state s JOIN decision_bodies d ON d.filing_id = s.id AND d.version = s.version ORDER BY s.seq`;
    for (const row of this.db.prepare(sql).iterate() as IterableIterator<{ body: string }>)
      yield JSON.parse(row.body) as Decision;
  }

  /** Every decision of one filing, version by version. */
  decisionHistory(filingId: string): Decision[] {
    return (
      this.db
        .prepare('SELECT body FROM decision_bodies WHERE filing_id = ? ORDER BY version')
        .all(filingId) as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as Decision);
  }

  /** Messages to one filer or broker code (all when omitted), oldest first, after a cursor. */
  messages(recipient?: string, afterId = 0, limit = 1000): StoredMessage[] {
    const rows =
      recipient === undefined
        ? this.db.prepare('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit)
        : this.db
            .prepare('SELECT * FROM messages WHERE recipient = ? AND id > ? ORDER BY id LIMIT ?')
            .all(recipient, afterId, limit);
    return (rows as MessageDbRow[]).map((r) => ({
      id: r.id,
      filingId: r.filing_id,
      version: r.version,
      role: r.role,
      recipient: r.recipient,
      code: r.code,
      text: r.text,
      at: r.at,
    }));
  }

  /** Record-level findings (lines that could not be screened, version conflicts), by file and line. */
  ingestFindings(limit = 1_000_000): (IngestFinding & { source: string })[] {
    const rows = this.db
      .prepare('SELECT * FROM ingest_findings ORDER BY source, line LIMIT ?')
      .all(limit) as FindingDbRow[];
    return rows.map((r) => ({
      source: r.source,
      code: r.code,
      severity: r.severity,
      path: r.path,
      message: r.message,
      line: r.line,
      filingId: r.filing_id,
      ...(r.ace_code === null ? {} : { aceCode: r.ace_code }),
    }));
  }

  /** The group of name/address variants behind a party key, with why each joined. */
  partyVariants(partyKey: string): VariantRow[] {
    return (
      this.db
        .prepare('SELECT * FROM party_variants WHERE party_key = ? ORDER BY rowid')
        .all(partyKey) as VariantDbRow[]
    ).map((r) => ({
      addressKey: r.address_key,
      nameKey: r.name_key,
      raw: r.raw,
      partyKey: r.party_key,
      match: r.match,
      reason: r.reason,
    }));
  }

  count(table: 'filing_state' | 'decisions' | 'messages' | 'ingest_findings' | 'filing_versions'): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
}

/** Buffers one batch of effects; later effects on the same filing replace earlier ones. */
export class SqliteBatch implements ScreenSink {
  readonly versions: { id: string; version: number; seq: number; line: number; body: string }[] = [];
  readonly states = new Map<string, FilingStateRow>();
  readonly decisions = new Map<string, Decision>();
  readonly messages: Message[] = [];
  readonly conveyances: ConveyanceRow[] = [];
  readonly variants: VariantRow[] = [];
  readonly findings: IngestFinding[] = [];
  readonly seen = new Set<string>();
  /** Line of the last record applied in this batch. */
  lastLine = 0;

  constructor(
    private readonly store: SqliteStore,
    readonly source: string,
    readonly fingerprint: string,
  ) {}

  get size(): number {
    return this.versions.length + this.states.size + this.messages.length + this.findings.length;
  }

  filingVersion(row: { id: string; version: number; seq: number; line: number; body: string }): void {
    this.versions.push(row);
  }
  filingState(row: FilingStateRow): void {
    this.states.set(row.id, row);
  }
  decision(d: Decision): void {
    this.decisions.set(`${d.filingId}\u0000${d.version}`, d);
  }
  message(m: Message): void {
    this.messages.push(m);
  }
  conveyance(c: ConveyanceRow): void {
    this.conveyances.push(c);
  }
  variant(v: VariantRow): void {
    this.variants.push(v);
  }
  ingestFinding(f: IngestFinding): void {
    this.findings.push(f);
  }
  /** Records that this run saw a filing, for `screen --out`. */
  markSeen(id: string): void {
    this.seen.add(id);
  }
  commit(): void {
    this.store.write(this);
  }
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT id FROM migrations').all() as { id: string }[]).map((r) => r.id));
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    })();
  }
}

function prepareStatements(db: Db) {
  return {
    insertVersion: db.prepare(
      'INSERT OR IGNORE INTO filing_versions (id, version, seq, source, line, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertConveyance: db.prepare(
      'INSERT OR IGNORE INTO conveyances (conveyance_id, arrived_at, arrived_at_ms, port) VALUES (?, ?, ?, ?)',
    ),
    insertVariant: db.prepare(
      'INSERT OR IGNORE INTO party_variants (address_key, name_key, raw, party_key, match, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertState: db.prepare(
      `INSERT OR REPLACE INTO filing_state (id, version, seq, kind, mode, filer, broker, conveyance_id, filed_at,
         filed_at_ms, eda_day, value_cents, party_key, variant, match, reason, provisional_cents, rejected, cancelled,
         findings, hashes, facts, risk)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertDecision: db.prepare(
      `INSERT OR REPLACE INTO decisions (filing_id, version, status, codes, party_key, body, risk_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertRisk: db.prepare('INSERT INTO risk_outcomes (body) VALUES (?)'),
    insertMessage: db.prepare(
      'INSERT INTO messages (filing_id, version, role, recipient, code, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertFinding: db.prepare(
      `INSERT OR REPLACE INTO ingest_findings (source, line, code, path, severity, message, ace_code, filing_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markRun: db.prepare('INSERT OR IGNORE INTO run_filings (id) VALUES (?)'),
    upsertSource: db.prepare(
      'INSERT OR REPLACE INTO sources (path, fingerprint, last_line) VALUES (?, ?, ?)',
    ),
  };
}

/** SQLite keeps booleans as 1/0. */
const stateParams = (r: FilingStateRow): unknown[] => filingStateValues(r, (b) => (b ? 1 : 0));

function withOutcome(risk: StoredRisk, outcome: RiskOutcome | null): StoredRisk {
  return outcome === null ? risk : { ...risk, outcome };
}

function* mapIter<T, U>(it: Iterable<unknown>, f: (row: T) => U): IterableIterator<U> {
  for (const row of it) yield f(row as T);
}
