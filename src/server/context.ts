import type { ConsoleReads, ServerData } from '../adapters/storage/server-data.js';
import type { ReferenceData } from '../core/refdata/reference-data.js';
import type { Authenticator, Principal } from './api-keys.js';
import { type ApiError, apiError } from './errors.js';
import type { GroupWriter } from './group-writer.js';
import type { LivePolicy } from './live-policy.js';
import type { PrepareStage } from './prepare-stage.js';
import type { SuspensionService } from './suspensions.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

export interface Limits {
  /** Largest JSON body, bytes (413 BODY_TOO_LARGE above). Also the longest line of a batch. */
  readonly bodyBytes: number;
  /** Largest NDJSON batch body, bytes. */
  readonly batchBytes: number;
  /** Requests per second per key, and the burst a key may spend at once. */
  readonly ratePerSecond: number;
  readonly rateBurst: number;
  /** Group commit: how long a group stays open, and how many records it takes at most. */
  readonly groupMs: number;
  readonly maxGroup: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1024 * 1024,
  batchBytes: 512 * 1024 * 1024,
  ratePerSecond: 1000,
  rateBurst: 2000,
  groupMs: 2,
  maxGroup: 2000,
};

/** What the routes share; built once by `buildServer`. */
export interface Context {
  /** Keys, audit log, webhooks, decisions, messages, cases: SQLite or PostgreSQL. */
  readonly data: ServerData;
  /** The console's queries over the screening tables. */
  readonly reads: ConsoleReads;
  readonly auth: Authenticator;
  readonly writer: GroupWriter;
  readonly ref: ReferenceData;
  readonly dispatcher: WebhookDispatcher;
  /** The policy the engine reads, with recorded suspensions. */
  readonly policy: LivePolicy;
  readonly suspensions: SuspensionService;
  /** Worker threads for the stateless stage; without it records are prepared on the server's thread. */
  readonly stage?: PrepareStage;
  readonly limits: Limits;
  readonly now: () => number;
  /** Where unexpected errors go (never to a client). */
  readonly report: (e: unknown) => void;
}

export const isoNow = (ctx: Context): string => new Date(ctx.now()).toISOString();

/** FORBIDDEN unless the caller has one of the roles. */
export function requireRole(who: Principal, ...roles: Principal['role'][]): ApiError | undefined {
  return roles.includes(who.role)
    ? undefined
    : apiError('FORBIDDEN', `a ${who.role} key may not do this (needs ${roles.join(' or ')})`);
}

/** Whether the caller may see a filing: filer keys see only filings they file or broker. */
export function maySee(who: Principal, filing: { filer: string; broker: string | null }): boolean {
  return who.role !== 'filer' || filing.filer === who.org || filing.broker === who.org;
}
