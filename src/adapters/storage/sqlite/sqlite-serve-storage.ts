import type { ServeStorage } from '../serve-storage.js';
import type { ServerStore } from './server-store.js';
import { SqliteConsoleReads } from './sqlite-console-reads.js';
import { SqliteOrdered } from './sqlite-ordered.js';
import { SqliteServerData } from './sqlite-server-data.js';
import type { SqliteStore } from './sqlite-store.js';

/** `minimis serve` on an SQLite store (which stays open until its opener closes it). */
export function sqliteServeStorage(store: SqliteStore, server?: ServerStore): ServeStorage {
  return {
    kind: 'sqlite',
    data: new SqliteServerData(store, server),
    reads: new SqliteConsoleReads(store.db),
    ordered: async (policy, _ref, hooks, targeting) => new SqliteOrdered(store, policy, hooks, targeting),
    close: async () => undefined,
  };
}
