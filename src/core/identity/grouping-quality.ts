/** Pairwise precision and recall of a grouping against ground truth. */
export interface GroupingQuality {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs of items in the same true group. */
  truePairs: number;
  /** Pairs of items in the same predicted group. */
  predictedPairs: number;
  /** Pairs in the same group in both. */
  correctPairs: number;
  items: number;
}

/** Pairwise grouping quality against ground truth, computed from a contingency table in O(n) (no n^2 pair loop). */
export function groupingQuality(items: Iterable<{ predicted: string; truth: string }>): GroupingQuality {
  // Pair counts follow from group sizes: a group of n holds n(n-1)/2 pairs.
  const predicted = new Map<string, number>();
  const truth = new Map<string, number>();
  const cells = new Map<string, Map<string, number>>();
  let n = 0;
  for (const { predicted: p, truth: t } of items) {
    n++;
    predicted.set(p, (predicted.get(p) ?? 0) + 1);
    truth.set(t, (truth.get(t) ?? 0) + 1);
    let row = cells.get(p);
    if (row === undefined) {
      row = new Map();
      cells.set(p, row);
    }
    row.set(t, (row.get(t) ?? 0) + 1);
  }
  const predictedPairs = pairsIn(predicted.values());
  const truePairs = pairsIn(truth.values());
  let correctPairs = 0;
  for (const row of cells.values()) correctPairs += pairsIn(row.values());
  // No pairs claimed means no wrong pair claimed (and likewise for recall): 0/0 counts as 1.
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs, items: n };
}

function pairsIn(sizes: Iterable<number>): number {
  let pairs = 0;
  for (const s of sizes) pairs += (s * (s - 1)) / 2;
  return pairs;
}
