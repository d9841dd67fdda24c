import type { Case, CaseEvent, CaseState } from '../../core/cases/index.js';
import type { Decision, Message } from '../../core/decision/index.js';
import type { ScoreTally } from '../../core/scorecards/index.js';
import type { VariantRow } from '../../core/screen/index.js';
import type { SuspensionPeriod } from '../../core/suspensions/index.js';

/**
 * What `minimis serve` reads and writes beyond the screening engine's own records: API keys, the audit
 * log, webhooks and their deliveries, the messages feed, cases and their events, suspensions, the rows the
 * scorecards count, and the decision reads. One interface, implemented over SQLite (synchronous calls
 * wrapped) and PostgreSQL (node-postgres, every statement parameterized); one shared test suite runs
 * against both (test-support/server-data-suite.ts).
 *
 * Writes here are the ones that are not part of the screening order (keys, webhooks, delivery state).
 * Everything that changes what the engine decides or what the messages feed holds (records, case
 * commands, suspensions) is committed through the ordered commit (see `OrderedStore`).
 */

export const ROLES = ['filer', 'officer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyRow {
  readonly id: number;
  readonly org: string;
  readonly role: Role;
  readonly label: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface AuditEntry {
  readonly at: string;
  /** `key:<id>` for an API key, `cli` for the command line. */
  readonly actor: string;
  readonly org: string | null;
  readonly role: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
}

export interface WebhookRow {
  readonly id: number;
  readonly org: string;
  readonly url: string;
  readonly secret: string;
  readonly cursor: number;
  readonly createdAt: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'dead';

export interface DeliveryRow {
  readonly id: number;
  readonly webhookId: number;
  readonly firstMessage: number;
  readonly lastMessage: number;
  readonly body: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptMs: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Who may see a filing: its current version, filer and broker codes. */
export interface FilingAccess {
  readonly version: number;
  readonly filer: string;
  readonly broker: string | null;
  readonly cancelled: boolean;
}

/** A decision's outcome without its body: what the audit log keeps as "before" and "after". */
export interface DecisionSummary {
  readonly version: number;
  readonly status: string;
  readonly codes: readonly string[];
}

export interface StoredMessage extends Message {
  readonly id: number;
}

/** A case as stored, with the lane of the decision it started from (officers filter on it). */
export interface StoredCase {
  readonly case: Case;
  readonly lane: string | null;
}

export interface CaseFilter {
  readonly state?: CaseState;
  readonly filer?: string;
  readonly lane?: string;
  /** Only cases of filings this organization files or brokers (filer keys). */
  readonly visibleTo?: string;
  /** Cursor: case ids after this one. */
  readonly after?: string;
  readonly limit: number;
}

export interface AuditFilter {
  /** An action (`key.revoke`), or a family ending in `.` (`key.`). */
  readonly action?: string | undefined;
  readonly actor?: string | undefined;
  readonly org?: string | undefined;
  readonly target?: string | undefined;
  /** ISO instants (UTC), compared as text: `fromAt` ≤ at < `toAt`. */
  readonly fromAt?: string | undefined;
  readonly toAt?: string | undefined;
  /** Cursor: ids below this one. */
  readonly before?: number | undefined;
  readonly limit: number;
}

export interface NewKey {
  readonly hash: string;
  readonly org: string;
  readonly role: Role;
  readonly label: string | null;
  readonly at: string;
}

export interface ServerData {
  readonly kind: 'sqlite' | 'postgres';

  /** Stores a key with its audit row in one transaction; returns its id. */
  createKey(k: NewKey, audit: (id: number) => AuditEntry): Promise<number>;
  /** The live key with this hash; revoked keys are not found. */
  keyByHash(hash: string): Promise<ApiKeyRow | undefined>;
  key(id: number): Promise<ApiKeyRow | undefined>;
  keys(): Promise<ApiKeyRow[]>;
  /** Revokes a live key with its audit row; false (nothing written) when there is none with that id. */
  revokeKey(id: number, at: string, audit: AuditEntry): Promise<boolean>;
  /** The audit log after a cursor, oldest first. */
  auditLog(afterId: number, limit: number): Promise<AuditRow[]>;
  /** The audit log filtered, newest first, before a cursor. */
  auditSearch(f: AuditFilter): Promise<AuditRow[]>;

  filingAccess(id: string): Promise<FilingAccess | undefined>;
  /** The stored decision of a filing's current version, as JSON text. */
  currentDecisionText(id: string): Promise<string | undefined>;
  /** Every decision of one filing, version by version. */
  decisionHistory(id: string): Promise<Decision[]>;
  /** Messages to one filer or broker (all when undefined), oldest first, after a cursor. */
  messages(recipient: string | undefined, afterId: number, limit: number): Promise<StoredMessage[]>;

  /** A webhook whose cursor starts at the newest message, with its audit row; returns its id. */
  createWebhook(
    w: { org: string; url: string; secret: string; at: string },
    audit: (id: number) => AuditEntry,
  ): Promise<number>;
  webhook(id: number): Promise<WebhookRow | undefined>;
  webhooks(org?: string): Promise<WebhookRow[]>;
  /**
   * Records a delivery of messages `first..last` and moves the webhook's cursor past them, atomically,
   * when the cursor still is `fromCursor`; false (nothing written) when another process moved it.
   */
  enqueueDelivery(
    d: { webhookId: number; fromCursor: number; first: number; last: number; body: string },
    nowMs: number,
    at: string,
  ): Promise<boolean>;
  /** The oldest pending delivery of each webhook: later ones wait, so a receiver sees messages in order. */
  headDeliveries(): Promise<DeliveryRow[]>;
  deliveries(webhookId: number, state: DeliveryState | undefined, limit: number): Promise<DeliveryRow[]>;
  recordAttempt(
    id: number,
    a: {
      state: DeliveryState;
      attempts: number;
      nextAttemptMs: number;
      status: number | null;
      error: string | null;
    },
    at: string,
  ): Promise<void>;
  /**
   * Whether this process should deliver webhooks now. On a store shared by several processes only one
   * holds the lease at a time (another takes over when it goes away), so nothing is delivered twice.
   */
  deliveryLease(): Promise<boolean>;

  caseById(id: string): Promise<StoredCase | undefined>;
  cases(f: CaseFilter): Promise<StoredCase[]>;
  caseEvents(caseId: string): Promise<CaseEvent[]>;
  suspensionPeriods(): Promise<SuspensionPeriod[]>;
  /**
   * What the scorecards count: each shipment's latest screening outcome (a case that released or
   * disposed of it does not change how it was screened) and every exam and seizure, tallied.
   */
  scoreTally(): Promise<ScoreTally>;

  close(): Promise<void>;
}

/** One row of the console's lists: a filing's current version with what the lists show. */
export interface ConsoleRow {
  readonly filingId: string;
  readonly version: number;
  readonly status: Decision['status'];
  readonly codes: string[];
  readonly lane: string;
  readonly score: number | null;
  readonly kind: string;
  readonly mode: string;
  readonly filer: string;
  readonly broker: string | null;
  readonly port: string | null;
  readonly origin: string | null;
  readonly consignee: string | null;
  readonly valueUsd: number | null;
  readonly filedAt: string;
  readonly arrivedAt: string | null;
}

export interface QueueFilter {
  readonly statuses: readonly string[];
  readonly lane?: string | undefined;
  readonly code?: string | undefined;
  readonly port?: string | undefined;
  readonly filer?: string | undefined;
  readonly origin?: string | undefined;
}

export interface RowsPage {
  readonly rows: ConsoleRow[];
  readonly next: string | null;
}

/**
 * What the analysts' dashboard aggregates: the current versions of the stored filings, grouped by everything
 * the dashboard counts by (a few thousand groups for a million filings), `n` filings in each.
 */
export interface DashboardRow {
  readonly kind: string;
  readonly mode: string;
  readonly filer: string;
  readonly broker: string | null;
  /** The U.S. Eastern day the shipment counts on: its arrival, else its estimated arrival, else its filing. */
  readonly day: string;
  readonly status: string;
  /** `unassigned` without targeting. */
  readonly lane: string;
  readonly origin: string | null;
  /** How a case ended when it ended other than in release (`seized`, `abandoned` …); else null. */
  readonly disposition: string | null;
  /** The first line's HTS number of a seized shipment (the seizures are counted by chapter); else null. */
  readonly hts: string | null;
  readonly n: number;
}

/** A stored filing version of a day, for the what-if replay. */
export interface DayVersion {
  readonly body: string;
  readonly id: string;
  readonly cancelled: boolean;
  /** The filing's current version. */
  readonly current: number;
}

/** The console's reads over the screening tables (SQL dialects differ; the answers do not). */
export interface ConsoleReads {
  /** Shipments of the statuses by risk score, highest first (no score last), then id. */
  queue(f: QueueFilter, limit: number, after: string | undefined): Promise<RowsPage>;
  /** Filings newest first; `org` limits them to those the organization files or brokers. */
  filings(org: string | undefined, limit: number, after: string | undefined): Promise<RowsPage>;
  /** Every filing of a consignee group, in filing order (at most 1,000). */
  partyFilings(partyKey: string): Promise<ConsoleRow[]>;
  /** The name/address variants behind a party key, with why each joined. */
  partyVariants(partyKey: string): Promise<VariantRow[]>;
  /** The filed record of a filing's current version. */
  filedBody(id: string): Promise<string | undefined>;
  /** The current decisions of a consignee group's day (any order), with when each was filed. */
  consigneeDay(partyKey: string, day: string): Promise<{ decision: Decision; filedAtMs: number }[]>;
  /** Other consignee groups at a delivery point, with their names and how many filings each has. */
  sharedAddress(
    addressKey: string,
    exceptParty: string,
  ): Promise<{ partyKey: string; names: string[]; filings: number }[]>;
  /** The dashboard's groups; every current filing version is in exactly one. */
  dashboardRows(): Promise<DashboardRow[]>;
  /** Stored filings by estimated arrival day. */
  datasets(): Promise<{ day: string; filings: number }[]>;
  dayCount(day: string): Promise<number>;
  /** The filing versions of filings of a day, in the order they were applied. */
  dayVersions(day: string): Promise<DayVersion[]>;
  /** Arrivals of conveyances carrying filings of a day, in time order. */
  dayArrivals(day: string): Promise<{ conveyanceId: string; arrivedAt: string; port: string }[]>;
}

/** A page cursor: the last row's sort key, so a page never repeats or skips a row while data is added. */
export const encodeCursor = (n: number, id: string): string => `${n}|${id}`;
export function decodeCursor(cursor: string | undefined): { n: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const bar = cursor.indexOf('|');
  const n = Number(cursor.slice(0, bar));
  return bar < 0 || !Number.isFinite(n) ? undefined : { n, id: cursor.slice(bar + 1) };
}
export const validCursor = (cursor: string | undefined): boolean =>
  cursor === undefined || decodeCursor(cursor) !== undefined;

/** Statuses a screening decision can end in that the scorecards count (see core/scorecards). */
export const SCORED_STATUSES: ReadonlySet<string> = new Set(['rejected', 'withheld', 'held', 'released']);

/** An audit row as both stores return it. */
export interface AuditDbRow {
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

export const auditRow = (r: AuditDbRow): AuditRow => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  org: r.org,
  role: r.role,
  action: r.action,
  target: r.target,
  before: r.before === null ? null : JSON.parse(r.before),
  after: r.after === null ? null : JSON.parse(r.after),
});

/** The WHERE terms of an audit search; `param(i)` writes the i-th (1-based) placeholder of the dialect. */
export function auditWhere(
  f: AuditFilter,
  param: (i: number) => string,
  /** A text column as compared (PostgreSQL: in byte order, like SQLite, whatever the database's collation). */
  col: (name: string) => string = (name) => name,
): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const term = (sql: (p: string) => string, v: unknown) => {
    args.push(v);
    where.push(sql(param(args.length)));
  };
  if (f.action !== undefined && f.action !== '') {
    if (f.action.endsWith('.')) {
      // A family as a range, so an (action, id) index serves it: 'key.' ≤ action < 'key/'.
      term((p) => `${col('action')} >= ${p}`, f.action);
      term((p) => `${col('action')} < ${p}`, `${f.action.slice(0, -1)}/`);
    } else term((p) => `${col('action')} = ${p}`, f.action);
  }
  if (f.actor !== undefined && f.actor !== '') term((p) => `${col('actor')} = ${p}`, f.actor);
  if (f.org !== undefined && f.org !== '') term((p) => `${col('org')} = ${p}`, f.org);
  if (f.target !== undefined && f.target !== '') term((p) => `${col('target')} = ${p}`, f.target);
  if (f.fromAt !== undefined) term((p) => `${col('at')} >= ${p}`, f.fromAt);
  if (f.toAt !== undefined) term((p) => `${col('at')} < ${p}`, f.toAt);
  if (f.before !== undefined) term((p) => `id < ${p}`, f.before);
  return { where, args };
}
