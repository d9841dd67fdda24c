import {
  type Comparison,
  type Counts,
  METRICS,
  type Metric,
  type Period,
  type Proportion,
  type ScorecardRow,
  type SubjectKind,
} from './schema.js';
import { periodKey, wilson } from './stats.js';
import { addCounts, type ScoreTally, subtractCounts, zeroCounts } from './tally.js';

export interface ScorecardOptions {
  readonly subject: SubjectKind;
  readonly period: Period;
  /** Only these filer or broker codes (default: all). */
  readonly codes?: readonly string[];
  /** z of the Wilson intervals (default 1.96, ~95 %). */
  readonly z?: number;
}

/** Numerator and denominator of each metric. */
const METRIC_FIELDS: Readonly<Record<Metric, readonly [keyof Counts, keyof Counts]>> = {
  rejection: ['rejected', 'decisions'],
  withhold: ['withheld', 'decisions'],
  hold: ['held', 'decisions'],
  examDiscrepancy: ['examDiscrepancies', 'exams'],
  seizure: ['seizures', 'decisions'],
};

/**
 * One row per filer (or broker) and period, with its counts, the all-filer counts of that period
 * and, per metric, the rates, the ratio to the all-filer rate and a significance flag. The flag
 * compares the subject with all *other* filers: a filer carrying most of the traffic would
 * otherwise be compared mostly with itself and never stand out. Rows are sorted by code, then period.
 */
export function scorecard(tally: ScoreTally, options: ScorecardOptions): ScorecardRow[] {
  const z = options.z ?? 1.96;
  const only = options.codes === undefined ? undefined : new Set(options.codes);
  const subjects = new Map<string, Counts>();
  const baselines = new Map<string, Counts>();
  for (const [scope, code, day, c] of tally.entries()) {
    const pk = periodKey(day, options.period);
    if (scope === 'all') accumulate(baselines, pk, c);
    else if (scope === options.subject && (only === undefined || only.has(code)))
      accumulate(subjects, `${code}\t${pk}`, c);
  }
  const rows: ScorecardRow[] = [];
  for (const [k, counts] of subjects) {
    const [code, pk] = k.split('\t') as [string, string];
    const baseline = baselines.get(pk) ?? zeroCounts();
    // Brokers are a grouping of the same filings, so "others" is the rest of the traffic either way.
    const others = subtractCounts(baseline, counts);
    const metrics = Object.fromEntries(
      METRICS.map((m) => [m, compare(METRIC_FIELDS[m], counts, baseline, others, z)]),
    ) as ScorecardRow['metrics'];
    rows.push({ subject: options.subject, code, period: options.period, key: pk, counts, baseline, metrics });
  }
  return rows.sort((a, b) => (a.code === b.code ? cmp(a.key, b.key) : cmp(a.code, b.code)));
}

function accumulate(into: Map<string, Counts>, k: string, c: Counts): void {
  const prev = into.get(k);
  into.set(k, prev === undefined ? { ...c } : addCounts(prev, c));
}

function proportion(count: number, of: number, z: number): Proportion {
  return { count, of, rate: of === 0 ? null : count / of, interval: wilson(count, of, z) };
}

function compare(
  [num, den]: readonly [keyof Counts, keyof Counts],
  subject: Counts,
  baseline: Counts,
  others: Counts,
  z: number,
): Comparison {
  const s = proportion(subject[num], subject[den], z);
  const b = proportion(baseline[num], baseline[den], z);
  const o = proportion(others[num], others[den], z);
  const ratio = s.rate === null || b.rate === null || b.rate === 0 ? null : s.rate / b.rate;
  let flag: Comparison['flag'] = 'insufficient';
  if (s.interval !== null && o.interval !== null)
    flag = s.interval[0] > o.interval[1] ? 'above' : s.interval[1] < o.interval[0] ? 'below' : 'similar';
  return { subject: s, baseline: b, others: o, ratio, flag };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
