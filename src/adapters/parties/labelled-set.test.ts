import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../core/parties/index.js';
import { PartyIndex } from '../../core/parties/index.js';
import { labelledSet, qualityAt, scoreSet } from './labelled-set.js';
import { loadSdnLegacy } from './sdn-legacy.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SDN = resolve(REPO, '..', 'shared', 'data', 'parties', 'ofac-sdn-2022-01');
const present = existsSync(join(SDN, 'sdn.csv'));

describe('labelledSet', () => {
  const list: ListEntry[] = [
    {
      listId: 't',
      entryId: '1',
      type: 'individual',
      programs: [],
      names: [
        { name: 'AL-ZOMOR, Abboud Abdul Latif Hassan', kind: 'primary' },
        { name: 'AL-ZUMAR, Abbud', kind: 'aka' },
      ],
      countries: ['EG'],
      addresses: [],
    },
    {
      listId: 't',
      entryId: '2',
      type: 'entity',
      programs: [],
      names: [{ name: 'GOLDEN STAR TRADING CO., LTD.', kind: 'primary' }],
      countries: ['KP'],
      addresses: [],
    },
  ];

  it('is the same for the same seed, and labels positives with their entry', () => {
    const a = labelledSet(list, { positives: 20, negatives: 20, seed: 5 });
    expect(labelledSet(list, { positives: 20, negatives: 20, seed: 5 })).toEqual(a);
    expect(labelledSet(list, { positives: 20, negatives: 20, seed: 6 })).not.toEqual(a);
    expect(a.filter((i) => i.expected !== undefined)).toHaveLength(20);
    expect(a.filter((i) => i.expected === undefined)).toHaveLength(20);
    for (const i of a) if (i.expected !== undefined) expect(['t:1', 't:2']).toContain(i.expected);
  });

  it('leaves out negatives whose words all belong to one listed name', () => {
    for (const i of labelledSet(list, { positives: 0, negatives: 200, seed: 9 })) {
      expect(i.query.name.toUpperCase()).not.toMatch(/^(GOLDEN|STAR|GOLDEN STAR)( TRADING)?$/);
    }
  });

  it('counts a hit on the wrong entry against precision', () => {
    const index = PartyIndex.build(list);
    const items = [{ query: { name: 'Golden Star Co' }, expected: 't:1', kind: 'alias' as const }];
    const scored = scoreSet(index, items);
    expect(scored[0]).toMatchObject({ correct: false });
    expect(qualityAt(scored, 0.5)).toMatchObject({ precision: 0, recall: 0 });
  });
});

describe.skipIf(!present)(
  present
    ? 'screening quality on a labelled sample of the real SDN list'
    : `screening quality on a labelled sample of the real SDN list — SKIPPED: ${SDN} not found (shared reference data absent)`,
  () => {
    it('reaches recall ≥ 0.95 at precision ≥ 0.95 at the default threshold', () => {
      const { entries } = loadSdnLegacy(SDN);
      const index = PartyIndex.build(entries);
      const items = labelledSet(entries, { positives: 600, negatives: 600, seed: 2024 });
      const q = qualityAt(scoreSet(index, items), index.screen({ name: 'x' }).threshold);
      expect(q.recall).toBeGreaterThanOrEqual(0.95);
      expect(q.precision).toBeGreaterThanOrEqual(0.95);
    });
  },
);
