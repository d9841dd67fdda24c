import type pg from 'pg';
import type { CaseEvent } from '../../../core/cases/index.js';
import type { Decision } from '../../../core/decision/index.js';
import { ScoreTally } from '../../../core/scorecards/index.js';
import type { SuspensionPeriod } from '../../../core/suspensions/index.js';
import { easternDay, parseInstant } from '../../../core/time/index.js';
import {
  type ApiKeyRow,
  type AuditDbRow,
  type AuditEntry,
  type AuditFilter,
  type AuditRow,
  auditRow,
  auditWhere,
  type CaseFilter,
  type DeliveryRow,
  type DeliveryState,
  type FilingAccess,
  type NewKey,
  type Role,
  SCORED_STATUSES,
  type ServerData,
  type StoredCase,
  type StoredMessage,
  type WebhookRow,
} from '../server-data.js';
import { SCREEN_LOCK } from './pg-screening.js';

/** Held for a session by the one process that delivers webhooks. */
const DELIVERY_LOCK = 0x6d6e6d77;

/** Bytewise comparison of text, as SQLite compares, whatever collation the database has. */
export const C = (col: string): string => `${col} COLLATE "C"`;

// biome-ignore lint/suspicious/noExplicitAny: rows as node-postgres returns them
type Row = any;

/**
 * `ServerData` on PostgreSQL, shared by every `minimis serve` process on the database. Every statement is
 * parameterized. Rows that readers page through by id (audit log) are written under the screening lock,
 * so their ids are in commit order and a cursor never skips a row committed late; messages are written only
 * by ordered commits, which hold that lock too.
 */
export class PgServerData implements ServerData {
  readonly kind = 'postgres' as const;
  private lease: pg.PoolClient | undefined;
  private leaseTried = 0;
  private closed = false;

  constructor(
    readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  async createKey(k: NewKey, audit: (id: number) => AuditEntry): Promise<number> {
    return this.locked(async (c) => {
      const { rows } = await c.query<{ id: number }>(
        'INSERT INTO api_keys (hash, org, role, label, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [k.hash, k.org, k.role, k.label, k.at],
      );
      const id = rows[0]!.id;
      await insertAudit(c, audit(id));
      return id;
    });
  }
  async keyByHash(hash: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM api_keys WHERE hash = $1 AND revoked_at IS NULL', [
      hash,
    ]);
    return rows[0] === undefined ? undefined : keyRow(rows[0]);
  }
  async key(id: number): Promise<ApiKeyRow | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : keyRow(rows[0]);
  }
  async keys(): Promise<ApiKeyRow[]> {
    return (await this.pool.query('SELECT * FROM api_keys ORDER BY id')).rows.map(keyRow);
  }
  async revokeKey(id: number, at: string, audit: AuditEntry): Promise<boolean> {
    return this.locked(async (c) => {
      const done = await c.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ]);
      if (done.rowCount !== 1) return false;
      await insertAudit(c, audit);
      return true;
    });
  }
  async auditLog(afterId: number, limit: number): Promise<AuditRow[]> {
    const { rows } = await this.pool.query<AuditDbRow>(
      'SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2',
      [afterId, limit],
    );
    return rows.map(auditRow);
  }
  async auditSearch(f: AuditFilter): Promise<AuditRow[]> {
    const { where, args } = auditWhere(f, (i) => `$${i}`, C);
    const { rows } = await this.pool.query<AuditDbRow>(
      `SELECT * FROM audit_log ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
       ORDER BY id DESC LIMIT $${args.length + 1}`,
      [...args, f.limit],
    );
    return rows.map(auditRow);
  }

  async filingAccess(id: string): Promise<FilingAccess | undefined> {
    const { rows } = await this.pool.query(
      'SELECT version, filer, broker, cancelled FROM filing_state WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r === undefined
      ? undefined
      : { version: r.version, filer: r.filer, broker: r.broker, cancelled: r.cancelled };
  }
  async currentDecisionText(id: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT d.body FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version
       WHERE s.id = $1`,
      [id],
    );
    return rows[0]?.body;
  }
  async decisionHistory(id: string): Promise<Decision[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      'SELECT body FROM decisions WHERE filing_id = $1 ORDER BY version',
      [id],
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
    return rows.map(messageRow);
  }

  async createWebhook(
    w: { org: string; url: string; secret: string; at: string },
    audit: (id: number) => AuditEntry,
  ): Promise<number> {
    // Under the lock, so that no message is committed between reading the newest one and the insert.
    return this.locked(async (c) => {
      const { rows } = await c.query<{ id: number }>(
        `INSERT INTO webhooks (org, url, secret, cursor, created_at)
         VALUES ($1, $2, $3, (SELECT coalesce(max(id), 0) FROM messages), $4) RETURNING id`,
        [w.org, w.url, w.secret, w.at],
      );
      const id = rows[0]!.id;
      await insertAudit(c, audit(id));
      return id;
    });
  }
  async webhook(id: number): Promise<WebhookRow | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM webhooks WHERE id = $1', [id]);
    return rows[0] === undefined ? undefined : webhookRow(rows[0]);
  }
  async webhooks(org?: string): Promise<WebhookRow[]> {
    const { rows } =
      org === undefined
        ? await this.pool.query('SELECT * FROM webhooks ORDER BY id')
        : await this.pool.query('SELECT * FROM webhooks WHERE org = $1 ORDER BY id', [org]);
    return rows.map(webhookRow);
  }
  async enqueueDelivery(
    d: { webhookId: number; fromCursor: number; first: number; last: number; body: string },
    nowMs: number,
    at: string,
  ): Promise<boolean> {
    return this.tx(async (c) => {
      const moved = await c.query('UPDATE webhooks SET cursor = $1 WHERE id = $2 AND cursor = $3', [
        d.last,
        d.webhookId,
        d.fromCursor,
      ]);
      if (moved.rowCount !== 1) return false;
      await c.query(
        `INSERT INTO webhook_deliveries (webhook_id, first_message, last_message, body, state, attempts,
           next_attempt_ms, created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $6)`,
        [d.webhookId, d.first, d.last, d.body, nowMs, at],
      );
      return true;
    });
  }
  async headDeliveries(): Promise<DeliveryRow[]> {
    const { rows } = await this.pool.query(
      `SELECT d.* FROM webhook_deliveries d
         JOIN (SELECT min(id) AS id FROM webhook_deliveries WHERE state = 'pending' GROUP BY webhook_id) h
         ON h.id = d.id ORDER BY d.next_attempt_ms`,
    );
    return rows.map(deliveryRow);
  }
  async deliveries(
    webhookId: number,
    state: DeliveryState | undefined,
    limit: number,
  ): Promise<DeliveryRow[]> {
    const { rows } =
      state === undefined
        ? await this.pool.query(
            'SELECT * FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2',
            [webhookId, limit],
          )
        : await this.pool.query(
            'SELECT * FROM webhook_deliveries WHERE webhook_id = $1 AND state = $2 ORDER BY id DESC LIMIT $3',
            [webhookId, state, limit],
          );
    return rows.map(deliveryRow);
  }
  async recordAttempt(
    id: number,
    a: {
      state: DeliveryState;
      attempts: number;
      nextAttemptMs: number;
      status: number | null;
      error: string | null;
    },
    at: string,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries SET state = $1, attempts = $2, next_attempt_ms = $3, last_status = $4,
         last_error = $5, updated_at = $6 WHERE id = $7`,
      [a.state, a.attempts, a.nextAttemptMs, a.status, a.error, at, id],
    );
  }
  /**
   * A session-level advisory lock on a connection of its own: the process holding it delivers; when that
   * process (or its connection) goes away, the lock is released and the next to ask takes it over.
   */
  async deliveryLease(): Promise<boolean> {
    if (this.lease !== undefined) return true;
    // Asking costs a connection for a moment: not more than once a second.
    if (this.closed || this.now() - this.leaseTried < 1000) return false;
    this.leaseTried = this.now();
    const c = await this.pool.connect();
    try {
      const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
        DELIVERY_LOCK,
      ]);
      // Closed while asking: give it back, or the pool would wait for this connection for ever.
      if (rows[0]?.ok === true && this.closed)
        await c.query('SELECT pg_advisory_unlock($1)', [DELIVERY_LOCK]);
      else if (rows[0]?.ok === true) {
        this.lease = c;
        c.on('error', () => {
          this.lease = undefined;
        });
        return true;
      }
    } catch {
      // Not now; asked again later.
    }
    c.release();
    return false;
  }

  async caseById(id: string): Promise<StoredCase | undefined> {
    const { rows } = await this.pool.query<{ body: string; lane: string | null }>(
      'SELECT body, lane FROM cases WHERE id = $1',
      [id],
    );
    return rows[0] === undefined ? undefined : storedCase(rows[0]);
  }
  async cases(f: CaseFilter): Promise<StoredCase[]> {
    const args: unknown[] = [f.after ?? ''];
    const where: string[] = [`${C('id')} > $1`];
    const eq = (sql: (p: string) => string, v: unknown) => {
      args.push(v);
      where.push(sql(`$${args.length}`));
    };
    if (f.state !== undefined) eq((p) => `state = ${p}`, f.state);
    if (f.filer !== undefined) eq((p) => `filer = ${p}`, f.filer);
    if (f.lane !== undefined) eq((p) => `lane = ${p}`, f.lane);
    if (f.visibleTo !== undefined) eq((p) => `(filer = ${p} OR broker = ${p})`, f.visibleTo);
    args.push(f.limit);
    const { rows } = await this.pool.query<{ body: string; lane: string | null }>(
      `SELECT body, lane FROM cases WHERE ${where.join(' AND ')} ORDER BY ${C('id')} LIMIT $${args.length}`,
      args,
    );
    return rows.map(storedCase);
  }
  async caseEvents(caseId: string): Promise<CaseEvent[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      'SELECT body FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return rows.map((r) => JSON.parse(r.body) as CaseEvent);
  }
  async suspensionPeriods(): Promise<SuspensionPeriod[]> {
    const { rows } = await this.pool.query<{ body: string }>(
      `SELECT body FROM suspensions ORDER BY ${C('filer')}, ${C('from_at')}`,
    );
    return rows.map((r) => JSON.parse(r.body) as SuspensionPeriod);
  }
  async scoreTally(): Promise<ScoreTally> {
    const tally = new ScoreTally();
    const decisions = await this.pool.query<{
      filer: string;
      broker: string | null;
      status: string;
      at: string;
    }>(
      `SELECT s.filer, s.broker,
         coalesce(d.body::json #>> '{case,screened,status}', d.status) AS status,
         coalesce(d.body::json #>> '{case,screened,decidedAt}', d.body::json ->> 'decidedAt') AS at
       FROM filing_state s JOIN decisions d ON d.filing_id = s.id AND d.version = s.version`,
    );
    for (const r of decisions.rows) {
      if (!SCORED_STATUSES.has(r.status)) continue;
      const ms = parseInstant(r.at);
      if (Number.isNaN(ms)) continue;
      tally.add({
        type: 'decision',
        filer: r.filer,
        broker: r.broker,
        day: easternDay(ms),
        status: r.status as 'rejected',
      });
    }
    const events = await this.pool.query<{
      filer: string;
      broker: string | null;
      at: string;
      command: string;
      result: string | null;
    }>(
      `SELECT c.filer, c.broker, e.at, e.command, e.body::json #>> '{payload,result}' AS result
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.command = 'record-exam' OR e.to_state = 'closed-seized'`,
    );
    for (const r of events.rows) {
      const ms = parseInstant(r.at);
      if (Number.isNaN(ms)) continue;
      const who = { filer: r.filer, broker: r.broker, day: easternDay(ms) };
      tally.add(
        r.command === 'record-exam'
          ? { type: 'exam', ...who, result: r.result as 'discrepancy' }
          : { type: 'seizure', ...who },
      );
    }
    return tally;
  }

  /** Gives up the delivery lease; the pool belongs to whoever opened it. */
  async close(): Promise<void> {
    this.closed = true;
    const lease = this.lease;
    this.lease = undefined;
    if (lease === undefined) return;
    await lease.query('SELECT pg_advisory_unlock($1)', [DELIVERY_LOCK]).catch(() => undefined);
    lease.release();
  }

  private async tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** A transaction under the screening lock (see the class comment). */
  private locked<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [SCREEN_LOCK]);
      return work(c);
    });
  }
}

/** Inserts an audit row in the caller's transaction (which must hold the screening lock). */
export async function insertAudit(c: pg.PoolClient, e: AuditEntry): Promise<void> {
  await c.query(
    'INSERT INTO audit_log (at, actor, org, role, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    auditParams(e),
  );
}

export function auditParams(e: AuditEntry): unknown[] {
  return [
    e.at,
    e.actor,
    e.org,
    e.role,
    e.action,
    e.target,
    e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
    e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
  ];
}

const storedCase = (r: { body: string; lane: string | null }): StoredCase => ({
  case: JSON.parse(r.body),
  lane: r.lane,
});

const keyRow = (r: Row): ApiKeyRow => ({
  id: r.id,
  org: r.org,
  role: r.role as Role,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const webhookRow = (r: Row): WebhookRow => ({
  id: r.id,
  org: r.org,
  url: r.url,
  secret: r.secret,
  cursor: r.cursor,
  createdAt: r.created_at,
});

const deliveryRow = (r: Row): DeliveryRow => ({
  id: r.id,
  webhookId: r.webhook_id,
  firstMessage: r.first_message,
  lastMessage: r.last_message,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  nextAttemptMs: r.next_attempt_ms,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const messageRow = (r: Row): StoredMessage => ({
  id: r.id,
  filingId: r.filing_id,
  version: r.version,
  role: r.role,
  recipient: r.recipient,
  code: r.code,
  text: r.text,
  at: r.at,
});
