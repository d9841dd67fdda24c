import { aServer } from './test-support/harness.js';
import { isolationSuite } from './test-support/isolation-suite.js';

isolationSuite('SQLite', () => aServer());
