import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { policy, ref, screeningStoreSuite } from '../test-support/screening-store-suite.js';
import { SqliteScreening } from './sqlite-screening.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-sqlite-screening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
let current = '';
screeningStoreSuite('SQLite', {
  fresh: async () => {
    current = join(dir, `s${++n}.db`);
    return SqliteScreening.open(current, policy, ref);
  },
  reopen: async () => SqliteScreening.open(current, policy, ref),
});
