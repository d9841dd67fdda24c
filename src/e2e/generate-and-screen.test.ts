import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSharedHtsFile, loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import type { Decision } from '../core/decision/index.js';
import { groupingQuality } from '../core/identity/index.js';
import { defaultPolicy } from '../core/policy/index.js';
import { type Truth, writeGeneratedDay } from '../generate/index.js';
import { screenFiles } from '../ingest/screen-files.js';

// `minimis generate` + `minimis screen`, checked against the generator's ground truth.
const FILINGS = 20_000;
let truth: Truth;
const decisions = new Map<string, Decision>();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'minimis-e2e-'));
  const day = join(dir, 'day.ndjson');
  truth = await writeGeneratedDay({ filings: FILINGS, seed: 5 }, day);
  const htsPath = findSharedHtsFile();
  const refFiles = htsPath === undefined ? {} : { htsPath };
  const store = new SqliteStore(':memory:');
  await screenFiles([day], {
    store,
    ref: loadDefaultReferenceData(refFiles),
    refFiles,
    policy: defaultPolicy,
  });
  for (const d of store.decisions()) decisions.set(d.filingId, d);
  store.close();
});

const plantedIds = (kind: string) => truth.planted.filter((p) => p.kind === kind).flatMap((p) => p.filingIds);

describe('generate + screen against the ground truth', () => {
  it('decides every filing, and agrees with the expected status and codes for at least 99.5 %', () => {
    expect(decisions.size).toBe(Object.keys(truth.expected).length);
    let agree = 0;
    for (const [id, e] of Object.entries(truth.expected)) {
      const d = decisions.get(id);
      if (d !== undefined && d.status === e.status && e.codes.every((c) => d.codes.includes(c))) agree++;
    }
    expect(agree / decisions.size).toBeGreaterThanOrEqual(0.995);
  });

  it('rejects every planted data-quality defect with its ACE code', () => {
    for (const kind of [
      'vague-description',
      'late-filing',
      'bad-hts',
      'missing-eda',
      'duplicate-eda',
      'placeholder-consignee',
    ]) {
      const ids = plantedIds(kind);
      expect(ids.length, kind).toBeGreaterThan(0);
      for (const id of ids) {
        expect(decisions.get(id)?.status, `${kind} ${id}`).toBe('rejected');
        for (const c of truth.expected[id]!.codes)
          expect(decisions.get(id)?.codes, `${kind} ${id}`).toContain(c);
      }
    }
  });

  it('flags every planted weight/value outlier', () => {
    const ids = plantedIds('weight-value-outlier');
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(decisions.get(id)?.codes).toContain('WEIGHT_VALUE_IMPLAUSIBLE');
  });

  it('ties the parcels of a split order together under their name and address variants, and withholds past $800', () => {
    const groups = truth.planted.filter((p) => p.kind === 'split-order');
    expect(groups.length).toBeGreaterThan(10);
    let joined = 0;
    for (const g of groups) {
      const keys = new Set(g.filingIds.map((id) => decisions.get(id)?.party?.key));
      if (keys.size === 1) joined++;
      expect(g.filingIds.some((id) => decisions.get(id)?.status === 'withheld')).toBe(true);
    }
    expect(joined / groups.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never withholds mail, and every withheld filing is above the limit', () => {
    for (const d of decisions.values()) {
      if (d.mode === 'mail') expect(d.status).not.toBe('withheld');
      if (d.status === 'withheld') expect(d.party!.totalUsd).toBeGreaterThan(800);
    }
  });

  it('groups consignees with pairwise precision and recall of at least 0.99 against the persons behind them', () => {
    const pairs = [...decisions.values()]
      .filter((d) => d.party !== null)
      .map((d) => ({ predicted: d.party!.key, truth: truth.person[d.filingId]! }));
    const q = groupingQuality(pairs);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.recall).toBeGreaterThanOrEqual(0.99);
  });
});
