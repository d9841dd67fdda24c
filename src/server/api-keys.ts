import { createHash, randomBytes } from 'node:crypto';
import type { Role, ServerStore } from '../adapters/storage/sqlite/server-store.js';

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

/** Authenticates a key; undefined for an unknown or revoked one. */
export function principalOf(server: ServerStore, key: string): Principal | undefined {
  const row = server.keyByHash(hashKey(key));
  return row === undefined ? undefined : { keyId: row.id, org: row.org, role: row.role };
}

export const actorOf = (p: Principal) => ({ actor: `key:${p.keyId}`, org: p.org, role: p.role });
