import pg from 'pg';
import type { Decision } from '../../../core/decision/index.js';
import type { Policy } from '../../../core/policy/index.js';
import type { ReferenceData } from '../../../core/refdata/reference-data.js';
import {
  type FilingStateRow,
  type IngestFinding,
  type Prepared,
  prepare,
  Screener,
  type ScreenSink,
  type ScreenSnapshot,
} from '../../../core/screen/index.js';
import type { Targeting } from '../../../core/screen/targeting.js';
import type { SuspensionPeriod } from '../../../core/suspensions/index.js';
import { filingStateValues } from '../filing-state-values.js';
import type { OrderedHooks } from '../ordered-store.js';
import {
  DISCARD,
  EffectBuffer,
  prepared,
  type ScreeningStore,
  type StoredMessage,
  type SubmitResult,
  type SubmittedRecord,
} from '../screening-store.js';
import { PG_MIGRATIONS } from './pg-migrations.js';

/** Advisory lock keys: one for the screening order, one for migrations. */
export const SCREEN_LOCK = 0x6d6e6d73;
const MIGRATE_LOCK = 0x6d6e6d6d;

// BIGINT columns hold epoch milliseconds and cents, well inside a double's exact range.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  /** Risk rules and lanes (every process must run the same). */
  readonly targeting?: Targeting;
  /** Schema to create the tables in and to use (default: the connection's search_path). */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Suspensions: loaded with the engine's state, and replayed at their place in the order. */
  readonly hooks?: OrderedHooks;
}

/** One ordered transaction: its connection, and the engine, whose records are logged for the others. */
export interface OrderedTx {
  readonly client: pg.PoolClient;
  apply(p: Prepared, text: string, line: number, sink: ScreenSink): void;
  /** Logs an entry that is not a record (`suspension`), replayed by the others through their hooks. */
  log(kind: string, body: string): void;
}

/** A pool on the database (its tables created or migrated, by one process at a time). */
export async function openPgPool(
  url: string,
  opts: { schema?: string; maxConnections?: number } = {},
): Promise<pg.Pool> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema))
    throw new Error(`schema '${opts.schema}': use lower-case letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 4,
    types: TYPES,
    ...(opts.schema === undefined ? {} : { options: `-c search_path=${opts.schema}` }),
  });
  // An idle connection that fails (the server restarted) is dropped by the pool; without a listener the
  // error would end the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, opts.schema);
    return pool;
  } catch (e) {
    await pool.end();
    throw e;
  }
}

/**
 * The engine on PostgreSQL, for several processes (on one machine or many) writing at once.
 *
 * Every record any process submits is appended to `screen_log` under one advisory lock, so all records
 * have one global order. Each process keeps the engine in memory; before applying its own records it
 * replays, without writing, the records others logged since it last held the lock. The engine is
 * deterministic, so every process holds the state a single process would hold after the same records,
 * and the $800 totals and 4M withholds are exactly those of one process reading the log in order. The
 * effects are committed with the log rows, so a crash loses nothing acknowledged.
 */
export class PgScreening implements ScreeningStore {
  readonly kind = 'postgres' as const;
  private screener: Screener;
  private position = 0;
  /** The engine may hold what a failed transaction applied: it is rebuilt before it is used again. */
  private stale = false;
  /** Submissions of this process, one at a time: the engine must see the log in order. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly pool: pg.Pool,
    private readonly policy: Policy,
    private readonly ref: ReferenceData,
    private readonly targeting: Targeting | undefined,
    private readonly hooks: OrderedHooks | undefined,
  ) {
    this.screener = new Screener(policy, targeting);
  }

  static async open(
    url: string,
    policy: Policy,
    ref: ReferenceData,
    opts: PgOptions = {},
  ): Promise<PgScreening> {
    const pool = await openPgPool(url, opts);
    try {
      return await PgScreening.on(pool, policy, ref, opts);
    } catch (e) {
      await pool.end();
      throw e;
    }
  }

  /** The engine on a pool already opened (and migrated) by `openPgPool`; closing it ends the pool. */
  static async on(
    pool: pg.Pool,
    policy: Policy,
    ref: ReferenceData,
    opts: PgOptions = {},
  ): Promise<PgScreening> {
    const s = new PgScreening(pool, policy, ref, opts.targeting, opts.hooks);
    await s.restore();
    return s;
  }

  submit(records: readonly SubmittedRecord[], source: string): Promise<SubmitResult> {
    return this.ordered(source, async (tx) => {
      const buf = new EffectBuffer();
      for (const r of records) {
        const p = prepared(r, this.ref);
        // Unreadable lines change no state: reported here, never logged for others to replay.
        if (r.error !== undefined) this.screener.apply(p, buf);
        else tx.apply(p, r.text, r.line, buf);
      }
      await writeEffects(tx.client, buf, source);
      return { decisions: [...buf.decisions.values()], findings: buf.findings };
    });
  }

  /**
   * Runs `work` as one transaction at this process's next place in the global order: under the screening
   * lock, after the records others logged since this process last held it have been replayed into the
   * engine. What `work` applies through `tx.apply` is logged in the same transaction. When anything
   * fails, the transaction is rolled back and the engine rebuilt from what is committed.
   */
  ordered<T>(source: string, work: (tx: OrderedTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.orderedNow(source, work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async orderedNow<T>(source: string, work: (tx: OrderedTx) => Promise<T>): Promise<T> {
    if (this.stale) {
      await this.restore();
      this.stale = false;
    }
    const client = await this.pool.connect();
    try {
      // Most of what the others logged is replayed before taking the lock, so that the lock is held for
      // this process's own records (and the few logged meanwhile) only. Committed log rows always form a
      // prefix of the order (rows are numbered and committed under the lock), so this reads no gap.
      await this.replay(client);
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCREEN_LOCK]);
      await this.replay(client);
      const log: { kind: string; line: number; body: string }[] = [];
      const screener = this.screener;
      const tx: OrderedTx = {
        client,
        apply(p, text, line, sink) {
          screener.apply(p, sink);
          log.push({ kind: 'record', line, body: text });
        },
        log(kind, body) {
          log.push({ kind, line: 0, body });
        },
      };
      const out = await work(tx);
      let position = this.position;
      if (log.length > 0) {
        const inserted = await insertValues<{ seq: number }>(
          client,
          'INSERT INTO screen_log (source, kind, line, body)',
          log.map((r) => [source, r.kind, r.line, r.body]),
          'RETURNING seq',
        );
        position = Math.max(...inserted.map((r) => r.seq));
      }
      await client.query('UPDATE screen_position SET seq = $1 WHERE id = 1', [position]);
      await client.query('COMMIT');
      this.position = position;
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      // The engine may hold records the store refused: rebuild it from what is committed, now or (when
      // the database is unreachable) before the next transaction.
      this.stale = true;
      await this.restore().then(
        () => {
          this.stale = false;
        },
        () => undefined,
      );
      throw e;
    } finally {
      client.release();
    }
  }

  /** Replays, without writing, what the others logged after this process's position. */
  private async replay(client: pg.PoolClient): Promise<void> {
    const others = await client.query<{ seq: number; line: number; body: string; kind: string }>(
      'SELECT seq, line, body, kind FROM screen_log WHERE seq > $1 ORDER BY seq',
      [this.position],
    );
    for (const r of others.rows) {
      if (r.kind === 'record')
        this.screener.apply(prepare(JSON.parse(r.body), r.line, this.ref, r.body), DISCARD);
      else if (r.kind === 'suspension') this.hooks?.replayed(JSON.parse(r.body) as SuspensionPeriod);
      this.position = r.seq;
    }
  }

  async decision(filingId: string): Promise<Decision | undefined> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT d.body FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       WHERE s.id = $1`,
      [filingId],
    );
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].body) as Decision);
  }

  async decisionHistory(filingId: string): Promise<Decision[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      'SELECT body FROM decisions WHERE filing_id = $1 ORDER BY version',
      [filingId],
    );
    return rows.map((r) => JSON.parse(r.body) as Decision);
  }

  async messages(recipient: string | undefined, afterId: number, limit: number): Promise<StoredMessage[]> {
    const { rows } =
      recipient === undefined
        ? await this.pool.query('SELECT * FROM messages WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit])
        : await this.pool.query(
            'SELECT * FROM messages WHERE recipient = $1 AND id > $2 ORDER BY id LIMIT $3',
            [recipient, afterId, limit],
          );
    return rows.map((r) => ({
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

  async currentDecisions(): Promise<Decision[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT d.body FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       ORDER BY s.seq`,
    );
    return rows.map((r) => JSON.parse(r.body) as Decision);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.end();
  }

  /** Loads the engine state and the log position it belongs to, from one consistent snapshot. */
  private async restore(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const pos = await client.query<{ seq: number }>('SELECT seq FROM screen_position WHERE id = 1');
      const variants = await client.query('SELECT * FROM party_variants ORDER BY ord');
      const conveyances = await client.query('SELECT * FROM conveyances');
      // A filing's rule results are in the decision of its current version, not in its state row.
      const filings = await client.query(
        `SELECT s.*, (d.body::json -> 'risk')::text AS decision_risk FROM filing_state s
         LEFT JOIN decisions d ON d.filing_id = s.id AND d.version = s.version ORDER BY s.seq`,
      );
      const suspensions = await client.query<{ body: string }>(
        'SELECT body FROM suspensions ORDER BY filer, from_at',
      );
      await client.query('COMMIT');
      this.hooks?.loaded(suspensions.rows.map((r) => JSON.parse(r.body) as SuspensionPeriod));
      const snapshot: ScreenSnapshot = {
        variants: variants.rows.map((r) => ({
          addressKey: r.address_key,
          nameKey: r.name_key,
          raw: r.raw,
          partyKey: r.party_key,
          match: r.match,
          reason: r.reason,
        })),
        conveyances: conveyances.rows.map((r) => ({
          conveyanceId: r.conveyance_id,
          arrivedAt: r.arrived_at,
          arrivedAtMs: r.arrived_at_ms,
          port: r.port,
        })),
        filings: filings.rows.map(fromStateRow),
      };
      const screener = new Screener(this.policy, this.targeting);
      screener.restore(snapshot);
      this.screener = screener;
      this.position = pos.rows[0]?.seq ?? 0;
    } finally {
      client.release();
    }
  }
}

export async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several processes may start at once against a new database: one migrates, the others wait.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await client.query<{ id: string }>('SELECT id FROM migrations')).rows.map((r) => r.id),
    );
    for (const m of PG_MIGRATIONS) {
      if (done.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO migrations (id, applied_at) VALUES ($1, $2)', [
        m.id,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * `INSERT … VALUES (…), (…)` of many rows, a statement per chunk of about 30,000 parameters (the protocol
 * allows 65,535). Values go as separate parameters rather than in arrays: node-postgres would escape every
 * array element (bodies full of quotes) into one literal, which costs more than the rest of the write.
 * Rows are inserted in the order given (serial ids follow it). Returns the rows of `returning`.
 */
export async function insertValues<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.PoolClient,
  head: string,
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<R[]> {
  const out: R[] = [];
  if (rows.length === 0) return out;
  const width = rows[0]!.length;
  const per = Math.max(1, Math.floor(30_000 / width));
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows.slice(start, start + per);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const first = params.length;
      params.push(...r);
      return `(${r.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    const res = await client.query<R>(`${head} VALUES ${tuples.join(', ')} ${tail}`, params);
    out.push(...res.rows);
  }
  return out;
}

/** Writes one buffer of effects, a statement (or a few) per table. */
export async function writeEffects(client: pg.PoolClient, b: EffectBuffer, source: string): Promise<void> {
  await insertValues(
    client,
    'INSERT INTO filing_versions (id, version, seq, source, line, body)',
    b.versions.map((v) => [v.id, v.version, v.seq, source, v.line, v.body]),
    'ON CONFLICT DO NOTHING',
  );
  await insertValues(
    client,
    'INSERT INTO conveyances (conveyance_id, arrived_at, arrived_at_ms, port)',
    // One row per conveyance in a statement (ON CONFLICT cannot touch a row twice); the first stays.
    [...new Map(b.conveyances.map((c) => [c.conveyanceId, c] as const)).values()].map((c) => [
      c.conveyanceId,
      c.arrivedAt,
      c.arrivedAtMs,
      c.port,
    ]),
    'ON CONFLICT DO NOTHING',
  );
  await insertValues(
    client,
    'INSERT INTO party_variants (address_key, name_key, raw, party_key, match, reason)',
    uniqueBy(b.variants, (v) => `${v.addressKey}\u0000${v.nameKey}`).map((v) => [
      v.addressKey,
      v.nameKey,
      v.raw,
      v.partyKey,
      v.match,
      v.reason,
    ]),
    'ON CONFLICT DO NOTHING',
  );
  const states = [...b.states.values()];
  if (states.length > 0) await upsertStates(client, states);
  await insertValues(
    client,
    'INSERT INTO decisions (filing_id, version, status, codes, party_key, body)',
    [...b.decisions.values()].map((d) => [
      d.filingId,
      d.version,
      d.status,
      d.codes.join(' '),
      d.party?.key ?? null,
      JSON.stringify(d),
    ]),
    `ON CONFLICT (filing_id, version) DO UPDATE SET status = EXCLUDED.status, codes = EXCLUDED.codes,
       party_key = EXCLUDED.party_key, body = EXCLUDED.body`,
  );
  await insertValues(
    client,
    'INSERT INTO messages (filing_id, version, role, recipient, code, text, at)',
    b.messages.map((m) => [m.filingId, m.version, m.role, m.recipient, m.code, m.text, m.at]),
  );
  await insertValues(
    client,
    'INSERT INTO ingest_findings (source, line, code, path, severity, message, ace_code, filing_id)',
    uniqueFindings(b.findings).map((f) => [
      source,
      f.line,
      f.code,
      f.path,
      f.severity,
      f.message,
      f.aceCode ?? null,
      f.filingId,
    ]),
    `ON CONFLICT (source, line, code, path) DO UPDATE SET severity = EXCLUDED.severity,
       message = EXCLUDED.message, ace_code = EXCLUDED.ace_code, filing_id = EXCLUDED.filing_id`,
  );
}

/** The first of each key, in order (as INSERT OR IGNORE keeps the first). */
function uniqueBy<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function upsertStates(client: pg.PoolClient, rows: readonly FilingStateRow[]): Promise<void> {
  await insertValues(
    client,
    `INSERT INTO filing_state (id, version, seq, kind, mode, filer, broker, conveyance_id, filed_at, filed_at_ms,
       eda_day, value_cents, party_key, variant, match, reason, provisional_cents, rejected, cancelled,
       findings, hashes, facts, risk)`,
    rows.map((r) => filingStateValues(r, (b) => b)),
    `ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, seq = EXCLUDED.seq, kind = EXCLUDED.kind,
       mode = EXCLUDED.mode, filer = EXCLUDED.filer, broker = EXCLUDED.broker,
       conveyance_id = EXCLUDED.conveyance_id, filed_at = EXCLUDED.filed_at, filed_at_ms = EXCLUDED.filed_at_ms,
       eda_day = EXCLUDED.eda_day, value_cents = EXCLUDED.value_cents, party_key = EXCLUDED.party_key,
       variant = EXCLUDED.variant, match = EXCLUDED.match, reason = EXCLUDED.reason,
       provisional_cents = EXCLUDED.provisional_cents, rejected = EXCLUDED.rejected,
       cancelled = EXCLUDED.cancelled, findings = EXCLUDED.findings, hashes = EXCLUDED.hashes,
       facts = EXCLUDED.facts, risk = EXCLUDED.risk`,
  );
}

/** One row per (line, code, path): the last finding wins, as the SQLite store's INSERT OR REPLACE. */
function uniqueFindings(findings: readonly IngestFinding[]): IngestFinding[] {
  const byKey = new Map<string, IngestFinding>();
  for (const f of findings) byKey.set(`${f.line}\u0000${f.code}\u0000${f.path}`, f);
  return [...byKey.values()];
}

// biome-ignore lint/suspicious/noExplicitAny: rows as node-postgres returns them
function fromStateRow(r: any): FilingStateRow {
  return {
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
    rejected: r.rejected,
    cancelled: r.cancelled,
    findings: JSON.parse(r.findings),
    hashes: JSON.parse(r.hashes),
    facts: r.facts === null ? null : JSON.parse(r.facts),
    risk:
      r.risk === null
        ? null
        : {
            ...JSON.parse(r.risk),
            ...(r.decision_risk === null ? {} : { outcome: JSON.parse(r.decision_risk) }),
          },
  };
}
