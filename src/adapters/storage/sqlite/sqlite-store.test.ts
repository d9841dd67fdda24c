import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../core/decision/index.js';
import { defaultPolicy } from '../../../core/policy/index.js';
import { prepare, Screener } from '../../../core/screen/index.js';
import { MemorySink } from '../../../core/screen/test-support/memory-sink.js';
import { writeGeneratedDay } from '../../../generate/write.js';
import { readRecords } from '../../../ingest/read-records.js';
import { screenFiles } from '../../../ingest/screen-files.js';
import { loadDefaultReferenceData } from '../../refdata/default-reference-data.js';
import { DEFAULT_RULES, loadTargeting } from '../../risk/load-targeting.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'minimis-sqlite-store-'));
const day = join(dir, 'day.ndjson');
const refFiles = { riskRules: DEFAULT_RULES() };
const ref = loadDefaultReferenceData(refFiles);
const targeting = loadTargeting();
/** The engine's decisions for the day, straight from the engine: what the store must give back. */
let expected: Map<string, Decision>;

beforeAll(async () => {
  await writeGeneratedDay({ filings: 600, seed: 5 }, day);
  const sink = new MemorySink();
  const screener = new Screener(defaultPolicy, targeting);
  for await (const item of readRecords(day))
    if (item.error === undefined) screener.apply(prepare(item.value, item.line, ref, item.text), sink);
  expected = new Map([...sink.current()].map(([id, d]) => [id, d]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function screened(name: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, name));
  await screenFiles([day], { store, ref, refFiles, policy: defaultPolicy, targeting, batchSize: 97 });
  return store;
}

const scalar = (store: SqliteStore, sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;

describe('decisions with their rule results kept once per distinct outcome', () => {
  it('read back exactly as the engine made them, rule results in place', async () => {
    const store = await screened('read-back.db');
    const read = new Map([...store.decisions()].map((d) => [d.filingId, d]));
    expect(read.size).toBe(expected.size);
    for (const [id, d] of expected) expect(read.get(id)).toEqual(d);
    // Key order too: the API and webhooks hand the body on as stored.
    const first = [...expected.values()][0]!;
    expect(Object.keys(store.decisionHistory(first.filingId).at(-1)!)).toEqual(Object.keys(first));
    store.close();
  });

  it('stores a result shared by many filings once, and no decision carries its rule results twice', async () => {
    const store = await screened('shared.db');
    const decisions = scalar(store, 'SELECT count(*) AS n FROM decisions');
    const outcomes = scalar(store, 'SELECT count(*) AS n FROM risk_outcomes');
    expect(outcomes).toBeGreaterThan(0);
    expect(outcomes).toBeLessThan(decisions / 2);
    expect(
      scalar(
        store,
        `SELECT count(*) AS n FROM decisions WHERE risk_id IS NOT NULL AND body NOT LIKE '%"risk":0,%'`,
      ),
    ).toBe(0);
    store.close();
  });

  it('restores filings that shared a result as sharing one object again, which is not written anew', async () => {
    const store = await screened('restore.db');
    store.close();
    const again = new SqliteStore(join(dir, 'restore.db'));
    const byRiskId = new Map<number, unknown>();
    const riskIds = new Map(
      (
        again.db.prepare('SELECT filing_id, risk_id FROM decisions').all() as {
          filing_id: string;
          risk_id: number;
        }[]
      ).map((r) => [r.filing_id, r.risk_id]),
    );
    let shared = 0;
    const snapshot = again.snapshot();
    // Each part holds the connection until read to the end, as a restore does.
    for (const _ of [...snapshot.variants, ...snapshot.conveyances]);
    for (const row of snapshot.filings) {
      const outcome = row.risk?.outcome;
      const id = riskIds.get(row.id);
      if (outcome === undefined || id === undefined) continue;
      const seen = byRiskId.get(id);
      if (seen === undefined) byRiskId.set(id, outcome);
      else {
        expect(outcome).toBe(seen);
        shared++;
      }
    }
    expect(shared).toBeGreaterThan(100);
    // A restored result written again under a new filing keeps its row.
    const before = scalar(again, 'SELECT count(*) AS n FROM risk_outcomes');
    const [id, outcome] = [...byRiskId][0]!;
    const d = { ...[...expected.values()][0]!, filingId: 'NEW-1', risk: outcome as Decision['risk'] };
    const batch = again.batch('test', 'fp');
    batch.decision(d);
    batch.commit();
    expect(scalar(again, 'SELECT count(*) AS n FROM risk_outcomes')).toBe(before);
    expect(scalar(again, `SELECT risk_id AS n FROM decisions WHERE filing_id = 'NEW-1'`)).toBe(id);
    expect(again.decisionHistory('NEW-1')).toEqual([d]);
    again.close();
  });

  it('a batch that fails leaves no decision pointing at rule results that were rolled back', async () => {
    const store = new SqliteStore(join(dir, 'rollback.db'));
    const withHits = [...expected.values()].find((d) => d.risk.score !== null && d.risk.score > 0)!;
    const d = { ...withHits, risk: structuredClone(withHits.risk) };
    const failing = store.batch('test', 'fp');
    failing.decision(d);
    // NOT NULL on the finding's code fails the transaction after the decision and its results were written.
    failing.ingestFinding({ code: null, line: 1 } as never);
    expect(() => failing.commit()).toThrow();
    expect(scalar(store, 'SELECT count(*) AS n FROM risk_outcomes')).toBe(0);
    const ok = store.batch('test', 'fp');
    ok.decision(d);
    ok.commit();
    expect(store.decisionHistory(d.filingId)).toEqual([d]);
    store.close();
  });
});
