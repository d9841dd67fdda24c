/**
 * Targeting metrics as the customs literature reports them: inspect the k % of declarations the model
 * ranks riskiest, and ask what share of those are at fault (precision), what share of all faults they
 * hold (recall) and what share of the revenue at stake they recover (revenue). AUC is given too, for
 * comparison with classifiers, though it weighs the whole ranking while inspectors only see its top.
 */
export interface RankedOutcome {
  readonly score: number;
  readonly label: boolean;
  /** Revenue recovered when this row is inspected and found at fault; ignored on negatives. */
  readonly revenue: number;
}

export interface AtK {
  /** Percent of rows inspected. */
  readonly percent: number;
  /** Rows inspected: floor(n × percent / 100), at least 1. */
  readonly inspected: number;
  readonly precision: number;
  readonly recall: number;
  /** Share of the positives' revenue caught; null when the positives carry no revenue. */
  readonly revenue: number | null;
}

export interface Evaluation {
  readonly rows: number;
  readonly positives: number;
  readonly auc: number | null;
  readonly at: readonly AtK[];
}

export const DEFAULT_PERCENTS = [1, 2, 5, 10] as const;

export function inspectedCount(n: number, percent: number): number {
  return Math.min(n, Math.max(1, Math.floor((n * percent) / 100 + 1e-9)));
}

/**
 * Rows in inspection order: highest score first, ties in input order so that a constant model scores
 * what a reader would expect (the first rows) rather than something that depends on the sort.
 */
export function inspectionOrder(scores: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order;
}

export function evaluateRanking(
  outcomes: readonly RankedOutcome[],
  percents: readonly number[] = DEFAULT_PERCENTS,
): Evaluation {
  const n = outcomes.length;
  const order = inspectionOrder(outcomes.map((o) => o.score));
  let positives = 0;
  let totalRevenue = 0;
  for (const o of outcomes)
    if (o.label) {
      positives++;
      totalRevenue += positiveRevenue(o.revenue);
    }
  const at = percents.map((percent): AtK => {
    if (n === 0) return { percent, inspected: 0, precision: 0, recall: 0, revenue: null };
    const k = inspectedCount(n, percent);
    let hits = 0;
    let caught = 0;
    for (let j = 0; j < k; j++) {
      const o = outcomes[order[j]!]!;
      if (o.label) {
        hits++;
        caught += positiveRevenue(o.revenue);
      }
    }
    return {
      percent,
      inspected: k,
      precision: hits / k,
      recall: positives === 0 ? 0 : hits / positives,
      revenue: totalRevenue > 0 ? caught / totalRevenue : null,
    };
  });
  return { rows: n, positives, auc: auc(outcomes), at };
}

function positiveRevenue(r: number): number {
  return Number.isFinite(r) && r > 0 ? r : 0;
}

/** Area under the ROC curve by the rank-sum formula, ties counted half; null without both classes. */
export function auc(outcomes: readonly Pick<RankedOutcome, 'score' | 'label'>[]): number | null {
  const n = outcomes.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => outcomes[a]!.score - outcomes[b]!.score);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && outcomes[idx[j + 1]!]!.score === outcomes[idx[i]!]!.score) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (outcomes[idx[k]!]!.label) {
        pos++;
        rankSum += midRank;
      }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
