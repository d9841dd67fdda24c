import type Database from 'better-sqlite3';

type Db = Database.Database;

import type {
  ApiKeyRow,
  AuditEntry,
  AuditRow,
  DecisionSummary,
  DeliveryRow,
  DeliveryState,
  FilingAccess,
  Role,
  WebhookRow,
} from '../server-data.js';

export type {
  ApiKeyRow,
  AuditEntry,
  AuditRow,
  DecisionSummary,
  DeliveryRow,
  DeliveryState,
  FilingAccess,
  Role,
  WebhookRow,
} from '../server-data.js';
export { ROLES } from '../server-data.js';

interface DeliveryDbRow {
  id: number;
  webhook_id: number;
  first_message: number;
  last_message: number;
  body: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_ms: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * SQL of the HTTP API's own tables (keys, audit log, webhooks and their deliveries) and the read-side
 * lookups it needs on the screening tables. Every statement is prepared once and parameterized.
 */
export class ServerStore {
  private readonly s: ReturnType<typeof statements>;

  constructor(readonly db: Db) {
    this.s = statements(db);
  }

  insertKey(hash: string, org: string, role: Role, label: string | null, at: string): number {
    return Number(this.s.insertKey.run(hash, org, role, label, at).lastInsertRowid);
  }

  /** The live key with this hash; revoked keys are not found. */
  keyByHash(hash: string): ApiKeyRow | undefined {
    const r = this.s.keyByHash.get(hash) as KeyDbRow | undefined;
    return r === undefined ? undefined : keyRow(r);
  }

  key(id: number): ApiKeyRow | undefined {
    const r = this.s.keyById.get(id) as KeyDbRow | undefined;
    return r === undefined ? undefined : keyRow(r);
  }

  keys(): ApiKeyRow[] {
    return (this.s.keys.all() as KeyDbRow[]).map(keyRow);
  }

  revokeKey(id: number, at: string): boolean {
    return this.s.revokeKey.run(at, id).changes === 1;
  }

  audit(e: AuditEntry): void {
    this.s.insertAudit.run(
      e.at,
      e.actor,
      e.org,
      e.role,
      e.action,
      e.target,
      e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    );
  }

  auditLog(afterId: number, limit: number): AuditRow[] {
    return (this.s.auditLog.all(afterId, limit) as AuditDbRow[]).map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      org: r.org,
      role: r.role,
      action: r.action,
      target: r.target,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    }));
  }

  filingAccess(id: string): FilingAccess | undefined {
    const r = this.s.filingAccess.get(id) as
      | { version: number; filer: string; broker: string | null; cancelled: number }
      | undefined;
    return r === undefined
      ? undefined
      : { version: r.version, filer: r.filer, broker: r.broker, cancelled: r.cancelled === 1 };
  }

  decisionSummary(id: string, version: number): DecisionSummary | undefined {
    const r = this.s.decisionSummary.get(id, version) as { status: string; codes: string } | undefined;
    return r === undefined
      ? undefined
      : { version, status: r.status, codes: r.codes === '' ? [] : r.codes.split(' ') };
  }

  /** The stored decision of a filing's current version, as JSON text. */
  currentDecisionText(id: string): string | undefined {
    return (this.s.currentDecision.get(id) as { body: string } | undefined)?.body;
  }

  /** Whether `org` files or brokers any filing on the conveyance. */
  hasFilingOnConveyance(conveyanceId: string, org: string): boolean {
    return this.s.onConveyance.get(conveyanceId, org, org) !== undefined;
  }

  lastMessageId(): number {
    return (this.s.lastMessage.get() as { id: number | null }).id ?? 0;
  }

  insertWebhook(org: string, url: string, secret: string, cursor: number, at: string): number {
    return Number(this.s.insertWebhook.run(org, url, secret, cursor, at).lastInsertRowid);
  }

  webhook(id: number): WebhookRow | undefined {
    const r = this.s.webhook.get(id) as WebhookDbRow | undefined;
    return r === undefined ? undefined : webhookRow(r);
  }

  webhooks(org?: string): WebhookRow[] {
    const rows = (org === undefined ? this.s.webhooks.all() : this.s.webhooksOf.all(org)) as WebhookDbRow[];
    return rows.map(webhookRow);
  }

  /** Records a delivery of messages `first..last` and moves the webhook's cursor past them, atomically. */
  enqueueDelivery(
    webhookId: number,
    first: number,
    last: number,
    body: string,
    nowMs: number,
    at: string,
  ): number {
    return this.db.transaction(() => {
      const id = Number(
        this.s.insertDelivery.run(webhookId, first, last, body, nowMs, at, at).lastInsertRowid,
      );
      this.s.moveCursor.run(last, webhookId);
      return id;
    })();
  }

  /**
   * As `enqueueDelivery`, only when the webhook's cursor still is `fromCursor`; false (nothing written)
   * when it moved.
   */
  enqueueDeliveryFrom(
    webhookId: number,
    fromCursor: number,
    first: number,
    last: number,
    body: string,
    nowMs: number,
    at: string,
  ): boolean {
    return this.db.transaction(() => {
      if (this.s.moveCursorFrom.run(last, webhookId, fromCursor).changes !== 1) return false;
      this.s.insertDelivery.run(webhookId, first, last, body, nowMs, at, at);
      return true;
    })();
  }

  /** The oldest pending delivery of each webhook: later ones wait, so a receiver sees messages in order. */
  headDeliveries(): DeliveryRow[] {
    return (this.s.heads.all() as DeliveryDbRow[]).map(deliveryRow);
  }

  deliveries(webhookId: number, state: DeliveryState | undefined, limit: number): DeliveryRow[] {
    const rows =
      state === undefined
        ? this.s.deliveriesOf.all(webhookId, limit)
        : this.s.deliveriesIn.all(webhookId, state, limit);
    return (rows as DeliveryDbRow[]).map(deliveryRow);
  }

  recordAttempt(
    id: number,
    state: DeliveryState,
    attempts: number,
    nextAttemptMs: number,
    status: number | null,
    error: string | null,
    at: string,
  ): void {
    this.s.updateDelivery.run(state, attempts, nextAttemptMs, status, error, at, id);
  }
}

interface KeyDbRow {
  id: number;
  org: string;
  role: Role;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}
interface AuditDbRow {
  id: number;
  at: string;
  actor: string;
  org: string | null;
  role: string | null;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
}
interface WebhookDbRow {
  id: number;
  org: string;
  url: string;
  secret: string;
  cursor: number;
  created_at: string;
}

const keyRow = (r: KeyDbRow): ApiKeyRow => ({
  id: r.id,
  org: r.org,
  role: r.role,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const webhookRow = (r: WebhookDbRow): WebhookRow => ({
  id: r.id,
  org: r.org,
  url: r.url,
  secret: r.secret,
  cursor: r.cursor,
  createdAt: r.created_at,
});

const deliveryRow = (r: DeliveryDbRow): DeliveryRow => ({
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

function statements(db: Db) {
  return {
    insertKey: db.prepare('INSERT INTO api_keys (hash, org, role, label, created_at) VALUES (?, ?, ?, ?, ?)'),
    keyByHash: db.prepare('SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL'),
    keyById: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
    keys: db.prepare('SELECT * FROM api_keys ORDER BY id'),
    revokeKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    insertAudit: db.prepare(
      'INSERT INTO audit_log (at, actor, org, role, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    auditLog: db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?'),
    filingAccess: db.prepare('SELECT version, filer, broker, cancelled FROM filing_state WHERE id = ?'),
    decisionSummary: db.prepare('SELECT status, codes FROM decisions WHERE filing_id = ? AND version = ?'),
    currentDecision: db.prepare(
      'SELECT d.body FROM filing_state s JOIN decision_bodies d ON d.filing_id = s.id AND d.version = s.version WHERE s.id = ?',
    ),
    onConveyance: db.prepare(
      'SELECT 1 FROM filing_state WHERE conveyance_id = ? AND (filer = ? OR broker = ?) LIMIT 1',
    ),
    lastMessage: db.prepare('SELECT max(id) AS id FROM messages'),
    insertWebhook: db.prepare(
      'INSERT INTO webhooks (org, url, secret, cursor, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    webhook: db.prepare('SELECT * FROM webhooks WHERE id = ?'),
    webhooks: db.prepare('SELECT * FROM webhooks ORDER BY id'),
    webhooksOf: db.prepare('SELECT * FROM webhooks WHERE org = ? ORDER BY id'),
    insertDelivery: db.prepare(
      `INSERT INTO webhook_deliveries (webhook_id, first_message, last_message, body, state, attempts,
         next_attempt_ms, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    ),
    moveCursor: db.prepare('UPDATE webhooks SET cursor = ? WHERE id = ?'),
    moveCursorFrom: db.prepare('UPDATE webhooks SET cursor = ? WHERE id = ? AND cursor = ?'),
    heads: db.prepare(
      `SELECT d.* FROM webhook_deliveries d
         JOIN (SELECT min(id) AS id FROM webhook_deliveries WHERE state = 'pending' GROUP BY webhook_id) h
         ON h.id = d.id ORDER BY d.next_attempt_ms`,
    ),
    deliveriesOf: db.prepare(
      'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?',
    ),
    deliveriesIn: db.prepare(
      'SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND state = ? ORDER BY id DESC LIMIT ?',
    ),
    updateDelivery: db.prepare(
      `UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_ms = ?, last_status = ?, last_error = ?,
         updated_at = ? WHERE id = ?`,
    ),
  };
}
