import type { CaseEvent } from '../../../core/cases/index.js';
import type { Decision } from '../../../core/decision/index.js';
import { ScoreTally } from '../../../core/scorecards/index.js';
import type { SuspensionPeriod } from '../../../core/suspensions/index.js';
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
  type ServerData,
  type StoredCase,
  type StoredMessage,
  type WebhookRow,
} from '../server-data.js';
import { SqliteCaseStore } from './case-store.js';
import { ServerStore } from './server-store.js';
import type { SqliteStore } from './sqlite-store.js';

/**
 * `ServerData` on the embedded store: the synchronous SQLite calls of `ServerStore` and `SqliteCaseStore`,
 * answered as resolved promises. One process writes; compound writes are one SQLite transaction each.
 */
export class SqliteServerData implements ServerData {
  readonly kind = 'sqlite' as const;
  readonly server: ServerStore;
  readonly caseStore: SqliteCaseStore;

  constructor(
    readonly store: SqliteStore,
    server?: ServerStore,
  ) {
    this.server = server ?? new ServerStore(store.db);
    this.caseStore = new SqliteCaseStore(store.db);
  }

  async createKey(k: NewKey, audit: (id: number) => AuditEntry): Promise<number> {
    return this.store.db.transaction(() => {
      const id = this.server.insertKey(k.hash, k.org, k.role, k.label, k.at);
      this.server.audit(audit(id));
      return id;
    })();
  }
  async keyByHash(hash: string): Promise<ApiKeyRow | undefined> {
    return this.server.keyByHash(hash);
  }
  async key(id: number): Promise<ApiKeyRow | undefined> {
    return this.server.key(id);
  }
  async keys(): Promise<ApiKeyRow[]> {
    return this.server.keys();
  }
  async revokeKey(id: number, at: string, audit: AuditEntry): Promise<boolean> {
    return this.store.db.transaction(() => {
      if (!this.server.revokeKey(id, at)) return false;
      this.server.audit(audit);
      return true;
    })();
  }
  async auditLog(afterId: number, limit: number): Promise<AuditRow[]> {
    return this.server.auditLog(afterId, limit);
  }

  async auditSearch(f: AuditFilter): Promise<AuditRow[]> {
    const { where, args } = auditWhere(f, () => '?');
    const rows = this.store.db
      .prepare(
        `SELECT * FROM audit_log ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args, f.limit) as AuditDbRow[];
    return rows.map(auditRow);
  }

  async filingAccess(id: string): Promise<FilingAccess | undefined> {
    return this.server.filingAccess(id);
  }
  async currentDecisionText(id: string): Promise<string | undefined> {
    return this.server.currentDecisionText(id);
  }
  async decisionHistory(id: string): Promise<Decision[]> {
    return this.store.decisionHistory(id);
  }
  async messages(recipient: string | undefined, afterId: number, limit: number): Promise<StoredMessage[]> {
    return this.store.messages(recipient, afterId, limit);
  }

  async createWebhook(
    w: { org: string; url: string; secret: string; at: string },
    audit: (id: number) => AuditEntry,
  ): Promise<number> {
    return this.store.db.transaction(() => {
      // Only messages from now on: a new webhook is not a replay of the organization's history.
      const id = this.server.insertWebhook(w.org, w.url, w.secret, this.server.lastMessageId(), w.at);
      this.server.audit(audit(id));
      return id;
    })();
  }
  async webhook(id: number): Promise<WebhookRow | undefined> {
    return this.server.webhook(id);
  }
  async webhooks(org?: string): Promise<WebhookRow[]> {
    return this.server.webhooks(org);
  }
  async enqueueDelivery(
    d: { webhookId: number; fromCursor: number; first: number; last: number; body: string },
    nowMs: number,
    at: string,
  ): Promise<boolean> {
    return this.server.enqueueDeliveryFrom(d.webhookId, d.fromCursor, d.first, d.last, d.body, nowMs, at);
  }
  async headDeliveries(): Promise<DeliveryRow[]> {
    return this.server.headDeliveries();
  }
  async deliveries(
    webhookId: number,
    state: DeliveryState | undefined,
    limit: number,
  ): Promise<DeliveryRow[]> {
    return this.server.deliveries(webhookId, state, limit);
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
    this.server.recordAttempt(id, a.state, a.attempts, a.nextAttemptMs, a.status, a.error, at);
  }
  /** One process writes an SQLite store: it always delivers. */
  async deliveryLease(): Promise<boolean> {
    return true;
  }

  async caseById(id: string): Promise<StoredCase | undefined> {
    return this.caseStore.get(id);
  }
  async cases(f: CaseFilter): Promise<StoredCase[]> {
    return this.caseStore.list(f);
  }
  async caseEvents(caseId: string): Promise<CaseEvent[]> {
    return this.caseStore.events(caseId);
  }
  async suspensionPeriods(): Promise<SuspensionPeriod[]> {
    return this.caseStore.suspensionPeriods();
  }
  async scoreTally(): Promise<ScoreTally> {
    return new ScoreTally().addAll(this.caseStore.scoreRecords());
  }

  /** The SQLite store belongs to whoever opened it. */
  async close(): Promise<void> {}
}
