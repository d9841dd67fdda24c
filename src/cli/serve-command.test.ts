import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { hashKey } from '../server/index.js';
import { registerServeCommand, runServe } from './serve-command.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function minimis(...args: string[]): Promise<void> {
  const program = new Command().name('minimis').exitOverride();
  registerServeCommand(program);
  await program.parseAsync(['node', 'minimis', ...args]);
}

let out: string;
let stdout: MockInstance;
let stderr: MockInstance;
let db: string;
let n = 0;
beforeEach(() => {
  out = '';
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  db = join(dir, `serve-${++n}.db`);
});
afterEach(() => {
  stdout.mockRestore();
  stderr.mockRestore();
});

const withServer = <T>(f: (s: ServerStore) => T): T => {
  const store = new SqliteStore(db);
  try {
    return f(new ServerStore(store.db));
  } finally {
    store.close();
  }
};

describe('minimis serve keys', () => {
  it('create prints the key once and stores only its hash, with the org and role, and an audit row', async () => {
    await minimis('serve', 'keys', 'create', '--org', 'BRK001', '--role', 'filer', '--db', db);
    const key = out.trim();
    expect(key).toMatch(/^mm_[\w-]{43}$/);
    withServer((s) => {
      expect(s.keyByHash(hashKey(key))).toMatchObject({ org: 'BRK001', role: 'filer', revokedAt: null });
      expect(s.auditLog(0, 10)).toEqual([
        expect.objectContaining({
          actor: 'cli',
          action: 'key.create',
          after: expect.objectContaining({ org: 'BRK001' }),
        }),
      ]);
    });
  });

  it('refuses an unknown role', async () => {
    await expect(
      minimis('serve', 'keys', 'create', '--org', 'X', '--role', 'root', '--db', db),
    ).rejects.toThrow(/one of filer, officer, analyst, admin/);
  });

  it('list shows keys without them; revoke ends a key', async () => {
    await minimis('serve', 'keys', 'create', '--org', 'CBP', '--role', 'officer', '--db', db);
    const key = out.trim();
    out = '';
    await minimis('serve', 'keys', 'list', '--db', db);
    expect(JSON.parse(out)).toMatchObject({ id: 1, org: 'CBP', role: 'officer' });
    expect(out).not.toContain(key);
    await minimis('serve', 'keys', 'revoke', '1', '--db', db);
    withServer((s) => expect(s.keyByHash(hashKey(key))).toBeUndefined());
  });
});

describe('minimis serve', () => {
  it('listens on the port given and answers with the API', async () => {
    const s = await runServe({ db, port: 0, host: '127.0.0.1', hts: false, tariffs: false });
    try {
      const r = await fetch(`${s.url}/v1/messages`);
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect((await fetch(`${s.url}/openapi.json`)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
