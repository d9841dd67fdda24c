import { type FeatureDef, type FeatureRow, type FeatureValue, isMissing } from './features.js';

/**
 * Features are cut into at most 255 bins so that split finding works on small integer histograms rather
 * than sorted values, as LightGBM and XGBoost's `hist` do. Bin 0 always holds the missing values, so a
 * split can learn on which side they belong.
 */
export const MAX_BINS = 255;

/** Numeric: bin = 1 + the number of cut points strictly below the value (values equal to a cut go low). */
export interface NumericBinning {
  readonly kind: 'numeric';
  readonly cuts: readonly number[];
}

/**
 * Categorical: bin i + 1 is `levels[i]` (the most frequent training levels); the last bin takes every
 * other level, including ones never seen in training.
 */
export interface CategoricalBinning {
  readonly kind: 'categorical';
  readonly levels: readonly string[];
}

export type Binning = NumericBinning | CategoricalBinning;

export function binCount(b: Binning): number {
  return b.kind === 'numeric' ? b.cuts.length + 2 : b.levels.length + 2;
}

export interface BinOptions {
  /** Bins per feature including the missing bin; at most 255. */
  readonly maxBins?: number;
  /** A categorical level seen fewer times than this in training shares the "other" bin. */
  readonly minLevelCount?: number;
}

/** Cut points and level tables from the training rows only. */
export function fitBinning(
  defs: readonly FeatureDef[],
  rows: readonly FeatureRow[],
  opts: BinOptions = {},
): Binning[] {
  const maxBins = Math.min(MAX_BINS, opts.maxBins ?? MAX_BINS);
  const minLevelCount = opts.minLevelCount ?? 3;
  return defs.map((d) =>
    d.kind === 'numeric'
      ? fitNumeric(rows, d.name, maxBins - 2)
      : fitCategorical(rows, d.name, maxBins - 2, minLevelCount),
  );
}

function fitNumeric(rows: readonly FeatureRow[], name: string, maxCuts: number): NumericBinning {
  const values: number[] = [];
  for (const r of rows) {
    const v = r[name];
    if (!isMissing(v)) {
      const x = Number(v);
      if (Number.isFinite(x)) values.push(x);
    }
  }
  values.sort((a, b) => a - b);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of values) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]!++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  if (distinct.length <= 1) return { kind: 'numeric', cuts: [] };
  if (distinct.length <= maxCuts + 1) {
    const cuts: number[] = [];
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(midpoint(distinct[i]!, distinct[i + 1]!));
    return { kind: 'numeric', cuts };
  }
  // Equal-frequency cuts placed between distinct values, so a heavy value never straddles two bins.
  const cuts: number[] = [];
  const per = values.length / (maxCuts + 1);
  let seen = 0;
  let next = per;
  for (let i = 0; i + 1 < distinct.length && cuts.length < maxCuts; i++) {
    seen += counts[i]!;
    if (seen >= next) {
      cuts.push(midpoint(distinct[i]!, distinct[i + 1]!));
      while (next <= seen) next += per;
    }
  }
  return { kind: 'numeric', cuts };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Adjacent doubles have no midpoint; the lower value keeps them apart since values equal to a cut go low.
  return m > a && m < b ? m : a;
}

function fitCategorical(
  rows: readonly FeatureRow[],
  name: string,
  maxLevels: number,
  minCount: number,
): CategoricalBinning {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = r[name];
    if (!isMissing(v)) {
      const k = String(v);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const levels = [...counts]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxLevels)
    .map(([k]) => k);
  return { kind: 'categorical', levels };
}

/** Turns a binning into a fast value → bin function. */
export function binner(b: Binning): (v: FeatureValue) => number {
  if (b.kind === 'numeric') {
    const cuts = Float64Array.from(b.cuts);
    return (v) => {
      if (isMissing(v)) return 0;
      const x = Number(v);
      if (Number.isNaN(x)) return 0;
      let lo = 0;
      let hi = cuts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cuts[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo + 1;
    };
  }
  const index = new Map(b.levels.map((l, i) => [l, i + 1]));
  const other = b.levels.length + 1;
  return (v) => (isMissing(v) ? 0 : (index.get(String(v)) ?? other));
}

/** Column-major bins: `columns[f][i]` is row i's bin for feature f. */
export interface BinnedMatrix {
  readonly rows: number;
  readonly columns: readonly Uint8Array[];
}

export function binRows(
  binnings: readonly Binning[],
  defs: readonly FeatureDef[],
  rows: readonly FeatureRow[],
): BinnedMatrix {
  const fns = binnings.map(binner);
  const columns = defs.map((d, f) => {
    const col = new Uint8Array(rows.length);
    const fn = fns[f]!;
    for (let i = 0; i < rows.length; i++) col[i] = fn(rows[i]![d.name]);
    return col;
  });
  return { rows: rows.length, columns };
}
