import { describe, expect, it } from 'vitest';
import { applyCaseCommand, type Case } from '../../../core/cases/index.js';
import { SqliteCaseStore } from './case-store.js';
import { SqliteStore } from './sqlite-store.js';

const policy = { params: new Map(), liquidatedDamages: { multiple: 0, citation: '' } };
const officer = { id: 'o1', role: 'officer' as const, organization: 'CBP' };
const origin = {
  filingId: 'F1',
  version: 1,
  status: 'withheld' as const,
  codes: ['4M'],
  filer: 'FLR1',
  broker: null,
  valueUsd: 500,
  decidedAt: '2025-08-20T17:00:00Z',
};

function opened(store: SqliteCaseStore): Case {
  const r = applyCaseCommand(
    null,
    { kind: 'open', caseId: 'F1.v1', decision: origin },
    officer,
    '2025-08-21T00:00:00Z',
    policy,
  );
  if (!r.ok) throw new Error(r.code);
  expect(store.insert(r.case, 'yellow', r.event)).toBe(true);
  return r.case;
}

describe('SqliteCaseStore', () => {
  it('replaces a case only when its seq is still the one read: the second of two writers loses', () => {
    const db = new SqliteStore(':memory:');
    const store = new SqliteCaseStore(db.db);
    const c = opened(store);
    expect(store.insert(c, 'yellow', { ...store.events('F1.v1')[0]! })).toBe(false);
    const at = '2025-08-21T01:00:00Z';
    const first = applyCaseCommand(c, { kind: 'assign', assignee: 'a' }, officer, at, policy);
    const second = applyCaseCommand(c, { kind: 'assign', assignee: 'b' }, officer, at, policy);
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(store.update(first.case, c.seq, first.event)).toBe(true);
    expect(store.update(second.case, c.seq, second.event)).toBe(false);
    expect(store.get('F1.v1')).toMatchObject({ lane: 'yellow', case: { assignee: 'a', seq: 2 } });
    expect(store.events('F1.v1').map((e) => [e.seq, e.command])).toEqual([
      [1, 'open'],
      [2, 'assign'],
    ]);
    expect(store.list({ state: 'open', limit: 10 })).toHaveLength(1);
    expect(store.list({ visibleTo: 'FLR2', limit: 10 })).toHaveLength(0);
    db.close();
  });

  it('keeps case events append-only', () => {
    const db = new SqliteStore(':memory:');
    opened(new SqliteCaseStore(db.db));
    expect(() => db.db.prepare('UPDATE case_events SET at = ?').run('x')).toThrow(/append-only/);
    expect(() => db.db.prepare('DELETE FROM case_events').run()).toThrow(/append-only/);
    db.close();
  });
});
