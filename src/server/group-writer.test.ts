import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitNeeds } from '../adapters/storage/ordered-store.js';
import { ServerStore } from '../adapters/storage/sqlite/server-store.js';
import { SqliteOrdered } from '../adapters/storage/sqlite/sqlite-ordered.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { defaultPolicy } from '../core/policy/index.js';
import { prepare } from '../core/screen/index.js';
import { aReferenceData } from '../core/validation/test-support/reference-builder.js';
import { AnsweredOp, type Applied, type CommitContext, GroupWriter, StoreFailed } from './group-writer.js';
import { filingOf } from './test-support/harness.js';

const ref = aReferenceData();
const hooks = { loaded: () => undefined, replayed: () => undefined };

/** A filing applied in the writer's order, with an audit row naming it. */
class FilingOp extends AnsweredOp<Applied> {
  constructor(private readonly id: string) {
    super();
  }
  needs(n: CommitNeeds): void {
    n.filings.push(this.id);
  }
  run(c: CommitContext): void {
    const p = prepare(filingOf('FLR1', this.id), 1, ref);
    if (p.type === 'invalid') throw new Error('invalid');
    this.result = c.apply(p);
    c.audits.push({
      at: '2025-08-20T10:00:00Z',
      actor: 'test',
      org: 'FLR1',
      role: 'filer',
      action: 'filing.submit',
      target: this.id,
      before: null,
      after: null,
    });
  }
}

let store: SqliteStore;
let server: ServerStore;
beforeEach(() => {
  store = new SqliteStore(':memory:');
  server = new ServerStore(store.db);
});
afterEach(() => store.close());

const submit = (w: GroupWriter, id: string) => {
  const op = new FilingOp(id);
  w.submit(op);
  return op.answer;
};

describe('GroupWriter', () => {
  it('commits the operations of a window in one transaction and answers only after it', async () => {
    let commits = 0;
    const ordered = new SqliteOrdered(store, defaultPolicy, hooks);
    const commit = ordered.commit.bind(ordered);
    ordered.commit = (steps) => {
      commits++;
      return commit(steps);
    };
    const writer = new GroupWriter(ordered, { groupMs: 20, maxGroup: 1000 });
    let answered = 0;
    const all = ['A', 'B', 'C'].map((id) => submit(writer, id).then(() => answered++));
    await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(0);
    expect(store.count('filing_state')).toBe(0);
    await Promise.all(all);
    expect(commits).toBe(1);
    expect(store.count('filing_state')).toBe(3);
    expect(server.auditLog(0, 10).map((a) => a.target)).toEqual(['A', 'B', 'C']);
  });

  it('commits at once when a group is full, and a group waiting for a commit keeps growing', async () => {
    const ordered = new SqliteOrdered(store, defaultPolicy, hooks);
    const sizes: number[] = [];
    const commit = ordered.commit.bind(ordered);
    ordered.commit = async (steps) => {
      sizes.push(steps.needs().filings.length);
      // A slow store: what arrives meanwhile waits in the next group.
      await new Promise((r) => setTimeout(r, 30));
      return commit(steps);
    };
    const writer = new GroupWriter(ordered, { groupMs: 1, maxGroup: 2 });
    const first = Promise.all([submit(writer, 'A'), submit(writer, 'B')]);
    await new Promise((r) => setTimeout(r, 5));
    const later = ['C', 'D', 'E'].map((id) => submit(writer, id));
    await Promise.all([first, ...later]);
    expect(sizes).toEqual([2, 2, 1]);
    expect(store.count('filing_state')).toBe(5);
  });

  it('a failed commit answers every operation of the group with StoreFailed and rebuilds the engine from the store', async () => {
    const writer = new GroupWriter(new SqliteOrdered(store, defaultPolicy, hooks), {
      groupMs: 1,
      maxGroup: 1000,
    });
    await submit(writer, 'A');
    store.db.exec(
      "CREATE TRIGGER no_b BEFORE INSERT ON decisions WHEN NEW.filing_id = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const results = await Promise.allSettled([submit(writer, 'C'), submit(writer, 'B')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreFailed);
    expect(store.count('filing_state')).toBe(1);
    expect(server.auditLog(0, 10)).toHaveLength(1);
    store.db.exec('DROP TRIGGER no_b');
    // The engine forgot C and B with the lost group: sending C again screens it as new.
    const again = await submit(writer, 'C');
    expect(again.decisions.map((d) => d.filingId)).toEqual(['C']);
    expect(store.count('filing_state')).toBe(2);
  });
});
