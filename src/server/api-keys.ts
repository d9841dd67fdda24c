import { createHash, randomBytes } from 'node:crypto';
import type { Role, ServerData } from '../adapters/storage/server-data.js';
import type { ServerStore } from '../adapters/storage/sqlite/server-store.js';

/** The caller behind a request: its key, organization (filer or broker code) and role. */
export interface Principal {
  readonly keyId: number;
  readonly org: string;
  readonly role: Role;
}

/** Keys are stored only as this hash; a key leaked from a backup of the database is of no use. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random key: `mm_` and 32 bytes in base64url. */
export function newKey(): string {
  return `mm_${randomBytes(32).toString('base64url')}`;
}

/**
 * Creates a key and its audit row in one transaction. The key itself is returned once and never stored.
 * `actor` is who asked: `cli`, or `key:<id>` for an admin key.
 */
export function createKey(
  server: ServerStore,
  req: { org: string; role: Role; label?: string | undefined },
  actor: { actor: string; org: string | null; role: string | null },
  at: string,
): { id: number; key: string } {
  const key = newKey();
  const id = server.db.transaction(() => {
    const id = server.insertKey(hashKey(key), req.org, req.role, req.label ?? null, at);
    server.audit({
      at,
      ...actor,
      action: 'key.create',
      target: `key:${id}`,
      before: null,
      after: { id, org: req.org, role: req.role, label: req.label ?? null },
    });
    return id;
  })();
  return { id, key };
}

/** Revokes a key and records it; false when there was no live key with that id. */
export function revokeKey(
  server: ServerStore,
  id: number,
  actor: { actor: string; org: string | null; role: string | null },
  at: string,
): boolean {
  return server.db.transaction(() => {
    const before = server.key(id);
    if (before === undefined || !server.revokeKey(id, at)) return false;
    server.audit({
      at,
      ...actor,
      action: 'key.revoke',
      target: `key:${id}`,
      before: { revokedAt: null },
      after: { revokedAt: at },
    });
    return true;
  })();
}

/** As `createKey`, on any store (the API and `serve keys` on PostgreSQL). */
export async function createApiKey(
  data: ServerData,
  req: { org: string; role: Role; label?: string | undefined },
  actor: { actor: string; org: string | null; role: string | null },
  at: string,
): Promise<{ id: number; key: string }> {
  const key = newKey();
  const id = await data.createKey(
    { hash: hashKey(key), org: req.org, role: req.role, label: req.label ?? null, at },
    (id) => ({
      at,
      ...actor,
      action: 'key.create',
      target: `key:${id}`,
      before: null,
      after: { id, org: req.org, role: req.role, label: req.label ?? null },
    }),
  );
  return { id, key };
}

/** As `revokeKey`, on any store. */
export function revokeApiKey(
  data: ServerData,
  id: number,
  actor: { actor: string; org: string | null; role: string | null },
  at: string,
): Promise<boolean> {
  return data.revokeKey(id, at, {
    at,
    ...actor,
    action: 'key.revoke',
    target: `key:${id}`,
    before: { revokedAt: null },
    after: { revokedAt: at },
  });
}

/** The key of a request: `Authorization: Bearer KEY` or `X-API-Key: KEY`. */
export function keyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer +(\S+)$/i.exec(auth);
    return m?.[1];
  }
  const k = headers['x-api-key'];
  return typeof k === 'string' && k !== '' ? k : undefined;
}

/**
 * Authenticates keys; undefined for an unknown or revoked one. With `ttlMs` > 0 a key found is remembered
 * that long (a store shared by several processes: a key revoked by another process stops working here
 * within `ttlMs`; one revoked through this process stops at once).
 */
export class Authenticator {
  private readonly known = new Map<string, { who: Principal; until: number }>();

  constructor(
    private readonly data: ServerData,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async principal(key: string): Promise<Principal | undefined> {
    const hash = hashKey(key);
    const hit = this.known.get(hash);
    if (hit !== undefined && hit.until > this.now()) return hit.who;
    const row = await this.data.keyByHash(hash);
    if (row === undefined) {
      this.known.delete(hash);
      return undefined;
    }
    const who: Principal = { keyId: row.id, org: row.org, role: row.role };
    if (this.ttlMs > 0) {
      if (this.known.size > 10_000) this.known.clear();
      this.known.set(hash, { who, until: this.now() + this.ttlMs });
    }
    return who;
  }

  /** Forgets a key revoked through this process. */
  forget(keyId: number): void {
    for (const [h, k] of this.known) if (k.who.keyId === keyId) this.known.delete(h);
  }
}

export const actorOf = (p: Principal) => ({ actor: `key:${p.keyId}`, org: p.org, role: p.role });
