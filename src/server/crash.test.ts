import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgServeStorage } from '../adapters/storage/postgres/pg-serve-storage.js';
import { PG_URL } from '../adapters/storage/postgres/test-support/pg-test-db.js';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createApiKey, createKey } from './api-keys.js';
import { filingOf, pgReachable } from './test-support/harness.js';
import { builtCli, spawnServe } from './test-support/spawn-serve.js';

// End-to-end against the built command (npm test builds first): `minimis serve` in a child process.
const dir = mkdtempSync(join(tmpdir(), 'minimis-serve-crash-'));
const pgUp = await pgReachable();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `store`: `--db FILE` or `--database-url URL`. */
const serve = (store: string[]) =>
  spawnServe([...store, '--port', '0', '--no-hts', '--no-tariffs', '--rate-limit', '100000']);

/**
 * Eight clients send filings one after another until the server dies under them (SIGKILL); a second server
 * on the same store must hold every filing acknowledged with 201, with its decision.
 */
async function killUnderLoad(store: string[], key: string): Promise<void> {
  const first = await serve(store);
  const acked: string[] = [];
  let sent = 0;
  let killed = false;
  const exited = new Promise<NodeJS.Signals | null>((r) => first.child.on('exit', (_c, s) => r(s)));
  const client = async () => {
    while (!killed) {
      const id = `K${++sent}`;
      try {
        const r = await fetch(`${first.url}/v1/filings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(filingOf('FLR1', id)),
        });
        if (r.status === 201) acked.push(id);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
      if (acked.length >= 300 && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
  expect(await exited).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(300);

  const second = await serve(store);
  try {
    for (const id of acked) {
      const r = await fetch(`${second.url}/v1/filings/${id}/decision`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(r.status, id).toBe(200);
      expect(
        ((await r.json()) as { decision: { filingId: string; version: number } }).decision,
      ).toMatchObject({ filingId: id, version: 1 });
    }
    // The restarted engine knows them: sending one again is the same version, not a new filing.
    const again = await fetch(`${second.url}/v1/filings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(filingOf('FLR1', acked[0]!)),
    });
    expect(again.status).toBe(200);
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.on('exit', r));
  }
}

describe.skipIf(!existsSync(builtCli))('crash safety of `minimis serve`', () => {
  it('a server killed with SIGKILL under load has stored every filing it acknowledged, with its decision', async () => {
    const db = join(dir, 'crash.db');
    const setup = new SqliteStore(db);
    const key = createKey(
      new ServerStore(setup.db),
      { org: 'FLR1', role: 'filer' },
      { actor: 'test', org: null, role: null },
      'now',
    ).key;
    setup.close();
    await killUnderLoad(['--db', db], key);
  });

  it.skipIf(!pgUp)('on PostgreSQL too', async () => {
    const name = `minimis_t_crash_${process.pid}_${Date.now().toString(36)}`;
    const url = PG_URL.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(sql).finally(() => c.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    try {
      const storage = await openPgServeStorage(url, { maxConnections: 1 });
      const { key } = await createApiKey(
        storage.data,
        { org: 'FLR1', role: 'filer' },
        { actor: 'test', org: null, role: null },
        'now',
      );
      await storage.close();
      await killUnderLoad(['--database-url', url], key);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
