import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../adapters/storage/sqlite/server-store.js';
import { ServerStore } from '../../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../../adapters/storage/sqlite/sqlite-store.js';
import type { Filing } from '../../core/filing/index.js';
import { defaultPolicy } from '../../core/policy/index.js';
import { aFiling } from '../../core/validation/test-support/filing-builder.js';
import { aReferenceData } from '../../core/validation/test-support/reference-builder.js';
import { createKey } from '../api-keys.js';
import { buildServer, type ServerOptions } from '../build-server.js';

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: SqliteStore;
  readonly server: ServerStore;
  /** A new key for an organization and role. */
  key(org: string, role?: Role): string;
  /** An injected request with the key as bearer token; `body` objects are sent as JSON. */
  call(
    key: string | undefined,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

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
  return {
    app,
    store,
    server,
    key: (org, role = 'filer') =>
      createKey(server, { org, role }, { actor: 'test', org: null, role: null }, new Date().toISOString())
        .key,
    call: (key, method, url, body) => {
      const opts: InjectOptions = {
        method,
        url,
        headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      };
      return app.inject(opts) as unknown as Promise<LightMyRequestResponse>;
    },
    close: async () => {
      await app.close();
      store.close();
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
