import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { createKey } from './api-keys.js';
import { filingOf } from './test-support/harness.js';
import { builtCli, spawnServe } from './test-support/spawn-serve.js';

// End-to-end against the built command (npm test builds first): `minimis serve` in a child process.
const dir = mkdtempSync(join(tmpdir(), 'minimis-serve-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = (db: string) =>
  spawnServe(['--db', db, '--port', '0', '--no-hts', '--no-tariffs', '--rate-limit', '100000']);

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

    const first = await serve(db);
    const acked: string[] = [];
    let sent = 0;
    let killed = false;
    const exited = new Promise<NodeJS.Signals | null>((r) => first.child.on('exit', (_c, s) => r(s)));
    // Eight clients send filings one after another until the server dies under them.
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

    const second = await serve(db);
    try {
      for (const id of acked) {
        const r = await fetch(`${second.url}/v1/filings/${id}/decision`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(r.status, id).toBe(200);
        expect(
          ((await r.json()) as { decision: { filingId: string; version: number } }).decision,
        ).toMatchObject({
          filingId: id,
          version: 1,
        });
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
  });
});
