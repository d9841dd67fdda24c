import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { defaultPolicy } from '../core/policy/index.js';
import { prepare } from '../core/screen/index.js';
import { aReferenceData } from '../core/validation/test-support/reference-builder.js';
import { GroupWriter, StoreFailed } from './group-writer.js';
import { filingOf } from './test-support/harness.js';

const ref = aReferenceData();
const rec = (id: string) => prepare(filingOf('FLR1', id), 1, ref);
const audit = (target: string) => () => ({
  at: '2025-08-20T10:00:00Z',
  actor: 'test',
  org: 'FLR1',
  role: 'filer',
  action: 'filing.submit',
  target,
  before: null,
  after: null,
});

let store: SqliteStore;
let server: ServerStore;
beforeEach(() => {
  store = new SqliteStore(':memory:');
  server = new ServerStore(store.db);
});
afterEach(() => store.close());

describe('GroupWriter', () => {
  it('commits the records of a window in one transaction and answers only after it', async () => {
    let commits = 0;
    const writer = new GroupWriter(store, server, defaultPolicy, { groupMs: 20, maxGroup: 1000 });
    const write = store.write.bind(store);
    store.write = (b) => {
      commits++;
      write(b);
    };
    let answered = 0;
    const all = ['A', 'B', 'C'].map((id) => writer.apply(rec(id), audit(id)).then(() => answered++));
    // Applied in order, visible to access checks, but not stored and not answered yet.
    expect(writer.access('C')).toMatchObject({ filer: 'FLR1', version: 1 });
    expect(store.count('filing_state')).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(0);
    await Promise.all(all);
    expect(commits).toBe(1);
    expect(store.count('filing_state')).toBe(3);
    expect(server.auditLog(0, 10).map((a) => a.target)).toEqual(['A', 'B', 'C']);
  });

  it('commits at once when a group is full', async () => {
    const writer = new GroupWriter(store, server, defaultPolicy, { groupMs: 60_000, maxGroup: 2 });
    const both = Promise.all([writer.apply(rec('A'), audit('A')), writer.apply(rec('B'), audit('B'))]);
    await both;
    expect(store.count('filing_state')).toBe(2);
  });

  it('a failed commit answers every request of the group with StoreFailed and rebuilds the engine from the store', async () => {
    const writer = new GroupWriter(store, server, defaultPolicy, { groupMs: 1, maxGroup: 1000 });
    await writer.apply(rec('A'), audit('A'));
    store.db.exec(
      "CREATE TRIGGER no_b BEFORE INSERT ON decisions WHEN NEW.filing_id = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const results = await Promise.allSettled([
      writer.apply(rec('C'), audit('C')),
      writer.apply(rec('B'), audit('B')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreFailed);
    expect(store.count('filing_state')).toBe(1);
    expect(server.auditLog(0, 10)).toHaveLength(1);
    store.db.exec('DROP TRIGGER no_b');
    // The engine forgot C and B with the lost group: sending C again screens it as new.
    const again = await writer.apply(rec('C'), audit('C'));
    expect(again.decisions.map((d) => d.filingId)).toEqual(['C']);
    expect(store.count('filing_state')).toBe(2);
  });
});
