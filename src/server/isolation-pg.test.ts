import { describe } from 'vitest';
import { aPgServer, pgReachable } from './test-support/harness.js';
import { isolationSuite } from './test-support/isolation-suite.js';

// The same guarantees with every read and write on PostgreSQL (ownership is decided inside the ordered
// commit there too). Skips, saying so, only when the test database is unreachable.
describe.skipIf(!(await pgReachable()))('PostgreSQL', () => {
  isolationSuite('PostgreSQL', () => aPgServer());
});
