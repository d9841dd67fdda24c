import type { ServeStorage } from '../serve-storage.js';
import { PgConsoleReads } from './pg-console-reads.js';
import { PgOrdered } from './pg-ordered.js';
import { openPgPool, PgScreening } from './pg-screening.js';
import { PgServerData } from './pg-server-data.js';

export interface PgServeOptions {
  /** Schema to create the tables in and to use (default: the connection's search_path). */
  readonly schema?: string;
  /** Connections of this process (default 8): one for the ordered commit, the others for reads. */
  readonly maxConnections?: number;
}

/**
 * `minimis serve` on PostgreSQL: one pool for the process, the tables migrated at open (by one process at
 * a time), any number of processes on the same database.
 */
export async function openPgServeStorage(url: string, opts: PgServeOptions = {}): Promise<ServeStorage> {
  const pool = await openPgPool(url, {
    maxConnections: opts.maxConnections ?? 8,
    ...(opts.schema === undefined ? {} : { schema: opts.schema }),
  });
  const data = new PgServerData(pool);
  let screening: PgScreening | undefined;
  let closing: Promise<void> | undefined;
  return {
    kind: 'postgres',
    data,
    reads: new PgConsoleReads(pool),
    ordered: async (policy, ref, hooks, targeting) => {
      screening = await PgScreening.on(pool, policy, ref, {
        hooks,
        ...(targeting === undefined ? {} : { targeting }),
      });
      return new PgOrdered(screening);
    },
    close: () => {
      closing ??= (async () => {
        await data.close();
        if (screening !== undefined) await screening.close();
        else await pool.end();
      })();
      return closing;
    },
  };
}
