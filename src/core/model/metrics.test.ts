import { describe, expect, it } from 'vitest';
import { auc, evaluateRanking, inspectedCount } from './metrics.js';

describe('evaluateRanking', () => {
  // 20 rows scored 20..1; positives at ranks 1, 2, 4 and 11 with revenue 10, 0, 30 and 60.
  const labels = new Set([1, 2, 4, 11]);
  const revenue: Record<number, number> = { 1: 10, 2: 0, 4: 30, 11: 60, 3: 999 };
  const rows = Array.from({ length: 20 }, (_, i) => ({
    score: 20 - i,
    label: labels.has(i + 1),
    revenue: revenue[i + 1] ?? 0,
  }));

  it('counts precision, recall and revenue in the top k %', () => {
    const e = evaluateRanking(rows, [5, 10, 20, 50]);
    expect(e.positives).toBe(4);
    expect(e.at).toEqual([
      { percent: 5, inspected: 1, precision: 1, recall: 0.25, revenue: 0.1 },
      { percent: 10, inspected: 2, precision: 1, recall: 0.5, revenue: 0.1 },
      // Row 3 is a negative: its revenue is never counted.
      { percent: 20, inspected: 4, precision: 0.75, recall: 0.75, revenue: 0.4 },
      { percent: 50, inspected: 10, precision: 0.3, recall: 0.75, revenue: 0.4 },
    ]);
  });

  it('ranks ties in input order and inspects at least one row', () => {
    const flat = rows.map((r) => ({ ...r, score: 0 }));
    expect(evaluateRanking(flat, [1]).at[0]).toEqual({
      percent: 1,
      inspected: 1,
      precision: 1,
      recall: 0.25,
      revenue: 0.1,
    });
    expect(inspectedCount(8134, 5)).toBe(406);
    expect(inspectedCount(3, 100)).toBe(3);
  });

  it('reports no revenue share when positives carry no revenue', () => {
    expect(
      evaluateRanking(
        rows.map((r) => ({ ...r, revenue: 0 })),
        [10],
      ).at[0]!.revenue,
    ).toBeNull();
  });
});

describe('auc', () => {
  it('is the share of positive–negative pairs ranked right, ties half', () => {
    expect(
      auc([
        { score: 0.9, label: true },
        { score: 0.8, label: false },
        { score: 0.7, label: true },
        { score: 0.1, label: false },
      ]),
    ).toBe(0.75);
    expect(
      auc([
        { score: 0.5, label: true },
        { score: 0.5, label: false },
      ]),
    ).toBe(0.5);
    expect(auc([{ score: 1, label: true }])).toBeNull();
  });
});
