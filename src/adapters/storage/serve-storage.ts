import type { Policy } from '../../core/policy/index.js';
import type { ReferenceData } from '../../core/refdata/reference-data.js';
import type { Targeting } from '../../core/screen/targeting.js';
import type { OrderedHooks, OrderedStore } from './ordered-store.js';
import type { ConsoleReads, ServerData } from './server-data.js';

/**
 * Everything `minimis serve` stores, on one database: the server's data, the console's reads, and the
 * ordered commit with the engine. SQLite (`sqliteServeStorage`) or PostgreSQL (`openPgServeStorage`).
 */
export interface ServeStorage {
  readonly kind: 'sqlite' | 'postgres';
  readonly data: ServerData;
  readonly reads: ConsoleReads;
  /** Restores the engine from the store (with the suspensions, through `hooks`) and opens the write path. */
  ordered(
    policy: Policy,
    ref: ReferenceData,
    hooks: OrderedHooks,
    targeting?: Targeting,
  ): Promise<OrderedStore>;
  /** Closes what the storage opened (a PostgreSQL pool; an SQLite store belongs to its opener). */
  close(): Promise<void>;
}
