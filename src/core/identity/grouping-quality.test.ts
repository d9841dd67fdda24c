import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupingQuality } from './grouping-quality.js';

const of = (predicted: string[], truth: string[]) =>
  groupingQuality(predicted.map((p, i) => ({ predicted: p, truth: truth[i]! })));

describe('groupingQuality', () => {
  const truth = ['p1', 'p1', 'p2', 'p2', 'p3'];

  it('is perfect for the true grouping, whatever the labels', () => {
    expect(of(['a', 'a', 'b', 'b', 'c'], truth)).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      truePairs: 2,
      predictedPairs: 2,
      correctPairs: 2,
      items: 5,
    });
  });

  it('keeps recall and loses precision when everything is merged', () => {
    const q = of(['all', 'all', 'all', 'all', 'all'], truth);
    expect(q).toMatchObject({ recall: 1, predictedPairs: 10, correctPairs: 2 });
    expect(q.precision).toBeCloseTo(0.2);
    expect(q.f1).toBeCloseTo((2 * 0.2) / 1.2);
  });

  it('keeps precision and loses recall when everything is split', () => {
    expect(of(['a', 'b', 'c', 'd', 'e'], truth)).toMatchObject({
      precision: 1,
      recall: 0,
      f1: 0,
      predictedPairs: 0,
    });
  });

  it('counts 0/0 as 1', () => {
    expect(of([], [])).toMatchObject({ precision: 1, recall: 1, f1: 1, items: 0 });
    expect(of(['a', 'b'], ['x', 'y'])).toMatchObject({ precision: 1, recall: 1 });
  });

  it('scores a partial split', () => {
    // Truth: one person with 4 filings (6 pairs); predicted: 3 + 1 (3 pairs, all correct).
    expect(of(['a', 'a', 'a', 'b'], ['p', 'p', 'p', 'p'])).toMatchObject({
      precision: 1,
      recall: 0.5,
      correctPairs: 3,
    });
  });

  it('property: agrees with counting the pairs one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('x', 'y', 'z')), {
          maxLength: 30,
        }),
        (rows) => {
          let predictedPairs = 0;
          let truePairs = 0;
          let correctPairs = 0;
          for (let i = 0; i < rows.length; i++)
            for (let j = i + 1; j < rows.length; j++) {
              const sameP = rows[i]![0] === rows[j]![0];
              const sameT = rows[i]![1] === rows[j]![1];
              if (sameP) predictedPairs++;
              if (sameT) truePairs++;
              if (sameP && sameT) correctPairs++;
            }
          const q = groupingQuality(rows.map(([predicted, truth]) => ({ predicted, truth })));
          expect(q).toMatchObject({ predictedPairs, truePairs, correctPairs, items: rows.length });
        },
      ),
    );
  });
});
