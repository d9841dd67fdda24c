import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { serveStorageSuite } from '../test-support/serve-storage-suite.js';
import { sqliteServeStorage } from './sqlite-serve-storage.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-sqlite-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: SqliteStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

let n = 0;
let current = '';
const open = (path: string) => {
  const store = new SqliteStore(path);
  stores.push(store);
  return sqliteServeStorage(store);
};
serveStorageSuite('SQLite', {
  fresh: async () => {
    current = join(dir, `s${++n}.db`);
    return open(current);
  },
  reopen: async () => open(current),
});
