import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { openPgServeStorage } from '../../adapters/storage/postgres/pg-serve-storage.js';
import { PG_URL, pgSchemaName } from '../../adapters/storage/postgres/test-support/pg-test-db.js';
import type { ServeStorage } from '../../adapters/storage/serve-storage.js';
import type { Role } from '../../adapters/storage/sqlite/server-store.js';
import { ServerStore } from '../../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../../adapters/storage/sqlite/sqlite-store.js';
import type { Filing } from '../../core/filing/index.js';
import { defaultPolicy } from '../../core/policy/index.js';
import { aFiling } from '../../core/validation/test-support/filing-builder.js';
import { aReferenceData } from '../../core/validation/test-support/reference-builder.js';
import { createApiKey, createKey, hashKey, newKey } from '../api-keys.js';
import { buildServer, type ServerOptions } from '../build-server.js';

/** A server under test on any store. */
export interface ApiHarness {
  readonly app: FastifyInstance;
  /** A new key for an organization and role. */
  newKey(org: string, role?: Role): Promise<string>;
  /** An injected request with the key as bearer token; `body` objects are sent as JSON. */
  call(
    key: string | undefined,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A server under test on SQLite, whose tables a test may look at directly. */
export interface Harness extends ApiHarness {
  readonly store: SqliteStore;
  readonly server: ServerStore;
  /** A new key for an organization and role. */
  key(org: string, role?: Role): string;
}

const caller =
  (app: FastifyInstance): ApiHarness['call'] =>
  (key, method, url, body) => {
    const opts: InjectOptions = {
      method,
      url,
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    return app.inject(opts) as unknown as Promise<LightMyRequestResponse>;
  };

const TEST_ACTOR = { actor: 'test', org: null, role: null };

/** A server on a fresh store (in memory unless `path`), with the test reference data and the ACE policy. */
export async function aServer(
  opts: Partial<Omit<ServerOptions, 'store'>> & { path?: string } = {},
): Promise<Harness> {
  const store = new SqliteStore(opts.path ?? ':memory:');
  const server = new ServerStore(store.db);
  const app = await buildServer({
    policy: defaultPolicy,
    ref: aReferenceData(),
    ...opts,
    limits: { groupMs: 1, ...opts.limits },
    store,
    keys: server,
  });
  const key = (org: string, role: Role = 'filer') =>
    createKey(server, { org, role }, TEST_ACTOR, new Date().toISOString()).key;
  return {
    app,
    store,
    server,
    key,
    newKey: async (org, role) => key(org, role),
    call: caller(app),
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** Whether the test PostgreSQL answers (tests that need it skip, saying so, when it does not). */
export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    process.stderr.write(`PostgreSQL at ${PG_URL} is unreachable: skipping the tests that need it\n`);
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A server on PostgreSQL, in a fresh schema of the test database (dropped on close), with the test
 * reference data and the ACE policy.
 */
export async function aPgServer(opts: Partial<Omit<ServerOptions, 'store' | 'storage'>> = {}): Promise<
  ApiHarness & {
    readonly storage: ServeStorage;
    readonly schema: string;
    /** A key at once; it is stored before the next call is sent. */
    key(org: string, role?: Role): string;
  }
> {
  const schema = pgSchemaName('serve');
  const storage = await openPgServeStorage(PG_URL, { schema, maxConnections: 4 });
  const app = await buildServer({
    policy: defaultPolicy,
    ref: aReferenceData(),
    ...opts,
    limits: { groupMs: 1, ...opts.limits },
    storage,
  });
  // Keys are stored one after another, so their ids are in the order they were made (as on SQLite).
  let pending: Promise<unknown> = Promise.resolve();
  const call = caller(app);
  return {
    app,
    storage,
    schema,
    newKey: async (org, role = 'filer') =>
      (await createApiKey(storage.data, { org, role }, TEST_ACTOR, new Date().toISOString())).key,
    key: (org, role = 'filer') => {
      const key = newKey();
      const at = new Date().toISOString();
      pending = pending.then(() =>
        storage.data.createKey({ hash: hashKey(key), org, role, label: null, at }, (id) => ({
          at,
          ...TEST_ACTOR,
          action: 'key.create',
          target: `key:${id}`,
          before: null,
          after: { id, org, role, label: null },
        })),
      );
      return key;
    },
    call: async (...args) => {
      await pending;
      return call(...args);
    },
    close: async () => {
      await app.close();
      await storage.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A filing of `filer` (its filer code) with the given id; brokered by BRK900 unless overridden. */
export function filingOf(filer: string, id: string, overrides: Partial<Filing> = {}): Filing {
  return aFiling({
    id,
    filer: { code: filer, name: `Filer ${filer}`, role: 'broker' },
    broker: { code: 'BRK900', name: 'Broker 900', role: 'broker' },
    conveyanceId: `CV-${filer}`,
    ...overrides,
  });
}
