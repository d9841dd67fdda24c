import type { FilingLike } from '../filing/schema.js';
import { binCount, binner } from './binning.js';
import type { FeatureDef, FeatureRow, FeatureValue } from './features.js';
import { FILING_FEATURES, filingFeatures } from './filing-features.js';
import { type CompiledTree, compileTree, type GbdtModel } from './gbdt.js';

/**
 * A filing risk model as screening uses it: one filing at a time (on the worker threads, beside the
 * stateless rules), its probability of an adverse exam outcome, the band that probability reaches and
 * the features that pushed it there. The model file's `pipeline` says it was trained on minimis filings
 * and holds the band thresholds fitted when it was trained.
 */
export const FILING_PIPELINE_KIND = 'minimis-filing';
export const FILING_PIPELINE_VERSION = 1;

export const MODEL_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type ModelBand = (typeof MODEL_BANDS)[number];

/** Probability at or above which each band applies; null: no score reached it in training, never given. */
export type BandThresholds = Readonly<Record<ModelBand, number | null>>;

export interface FilingPipeline {
  readonly kind: typeof FILING_PIPELINE_KIND;
  readonly version: typeof FILING_PIPELINE_VERSION;
  readonly thresholds: BandThresholds;
  /** The precision each threshold was fitted to reach on out-of-fold scores (weighted outcomes). */
  readonly precisionTargets: Readonly<Record<ModelBand, number>>;
}

export type FilingPipelineCheck =
  | { readonly ok: true; readonly pipeline: FilingPipeline }
  | { readonly ok: false; readonly code: 'MODEL_PIPELINE'; readonly message: string };

/** Checks the pipeline section of a loaded model before it scores filings. */
export function checkFilingPipeline(v: unknown): FilingPipelineCheck {
  const fail = (message: string): FilingPipelineCheck => ({ ok: false, code: 'MODEL_PIPELINE', message });
  if (typeof v !== 'object' || v === null)
    return fail('the model has no filing pipeline (was it trained with --db?)');
  const p = v as Partial<FilingPipeline> & { kind?: unknown };
  if (p.kind !== FILING_PIPELINE_KIND)
    return fail(
      `the model was trained on ${typeof p.kind === 'string' ? `'${p.kind}' data` : 'other data'}, not on minimis filings (train it with --db)`,
    );
  if (p.version !== FILING_PIPELINE_VERSION)
    return fail(`filing pipeline version ${String(p.version)} is not supported (this build reads 1)`);
  const t = checkThresholds(p.thresholds, 'pipeline thresholds');
  if (typeof t === 'string') return fail(t);
  const targets = p.precisionTargets;
  if (
    typeof targets !== 'object' ||
    targets === null ||
    !MODEL_BANDS.every((b) => typeof targets[b] === 'number' && targets[b] > 0 && targets[b] <= 1)
  )
    return fail('pipeline precisionTargets is not {low, medium, high, critical} in (0, 1]');
  return { ok: true, pipeline: { ...(p as FilingPipeline), thresholds: t } };
}

/** Why a model's features are not the filing features this build produces (undefined: they are). */
export function filingFeaturesMismatch(features: readonly FeatureDef[]): string | undefined {
  const known = new Map(FILING_FEATURES.map((d) => [d.name, d.kind]));
  for (const f of features) {
    const kind = known.get(f.name);
    if (kind === undefined) return `the model reads a feature '${f.name}' that filings do not have`;
    if (kind !== f.kind) return `the model reads '${f.name}' as ${f.kind}; filings give it as ${kind}`;
  }
  return undefined;
}

/** Thresholds as given (a model file or a rule set): probabilities in [0, 1] or null, not decreasing. */
export function checkThresholds(v: unknown, what: string): BandThresholds | string {
  if (typeof v !== 'object' || v === null) return `${what} is not {low, medium, high, critical}`;
  const t = v as Record<string, unknown>;
  let last = Number.NEGATIVE_INFINITY;
  for (const b of MODEL_BANDS) {
    const x = t[b];
    if (x === null) {
      last = Number.POSITIVE_INFINITY;
      continue;
    }
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) return `${what}.${b} is not a probability or null`;
    if (x < last) return `${what}.${b} ${x} is below a lower band's threshold`;
    last = x;
  }
  return { low: t.low, medium: t.medium, high: t.high, critical: t.critical } as BandThresholds;
}

/** One feature's push on a filing's score, in log-odds (positive: towards an adverse outcome). */
export interface FeatureEffect {
  readonly feature: string;
  readonly value: FeatureValue;
  readonly effect: number;
}

export interface FilingExplanation {
  readonly probability: number;
  /** Features that pushed the score up most, largest first. */
  readonly top: readonly FeatureEffect[];
}

/**
 * A loaded model compiled for scoring filings one by one. Explanations follow each tree's path: a split
 * is credited with the change from the mean of the leaves under the node to the mean of the leaves
 * under the branch taken (leaves weighted equally, since the file keeps no leaf counts), so the effects
 * of all features plus the trees' root means add up to the filing's log-odds.
 */
export class FilingModel {
  private readonly binners: readonly ((v: FeatureValue) => number)[];
  private readonly trees: readonly CompiledTree[];
  private readonly means: readonly Float64Array[];
  private readonly bins: Uint8Array;

  constructor(
    readonly model: GbdtModel,
    readonly pipeline: FilingPipeline,
    /** Short identity of the model file (a content hash), shown in decisions. */
    readonly id: string,
  ) {
    this.binners = model.binnings.map(binner);
    const nBins = model.binnings.map(binCount);
    this.trees = model.trees.map((t) => compileTree(t, nBins));
    this.means = this.trees.map(subtreeMeans);
    this.bins = new Uint8Array(model.features.length);
  }

  private binFiling(f: FilingLike): FeatureRow {
    const row = filingFeatures(f);
    const defs = this.model.features;
    for (let k = 0; k < defs.length; k++) this.bins[k] = this.binners[k]!(row[defs[k]!.name]);
    return row;
  }

  /** Probability of an adverse outcome. */
  probability(f: FilingLike): number {
    this.binFiling(f);
    let m = this.model.baseScore;
    for (const t of this.trees) m += t.value[leafOf(t, this.bins)]!;
    return sigmoid(m);
  }

  explain(f: FilingLike, top = 3): FilingExplanation {
    const row = this.binFiling(f);
    const effects = new Float64Array(this.model.features.length);
    let m = this.model.baseScore;
    for (let k = 0; k < this.trees.length; k++) {
      const t = this.trees[k]!;
      const mean = this.means[k]!;
      let j = 0;
      while (t.feature[j]! >= 0) {
        const next = step(t, this.bins, j);
        effects[t.feature[j]!]! += mean[next]! - mean[j]!;
        j = next;
      }
      m += t.value[j]!;
    }
    const defs = this.model.features;
    const ranked = [...effects.keys()]
      .filter((k) => effects[k]! > 1e-9)
      .sort((a, b) => effects[b]! - effects[a]! || a - b)
      .slice(0, top)
      .map((k) => ({ feature: defs[k]!.name, value: row[defs[k]!.name], effect: effects[k]! }));
    return { probability: sigmoid(m), top: ranked };
  }
}

/** The highest band whose threshold the probability reaches, or 'none'. */
export function bandOf(p: number, t: BandThresholds): ModelBand | 'none' {
  for (let k = MODEL_BANDS.length - 1; k >= 0; k--) {
    const x = t[MODEL_BANDS[k]!];
    if (x !== null && p >= x) return MODEL_BANDS[k]!;
  }
  return 'none';
}

function sigmoid(m: number): number {
  return 1 / (1 + Math.exp(-m));
}

function step(t: CompiledTree, bins: Uint8Array, j: number): number {
  const b = bins[t.feature[j]!]!;
  const mask = t.cats[j];
  const left = mask !== undefined ? mask[b] === 1 : b === 0 ? t.missingLeft[j] === 1 : b <= t.bin[j]!;
  return left ? t.left[j]! : t.right[j]!;
}

function leafOf(t: CompiledTree, bins: Uint8Array): number {
  let j = 0;
  while (t.feature[j]! >= 0) j = step(t, bins, j);
  return j;
}

/** Mean leaf value under each node; children come after their parent, so one backward pass does it. */
function subtreeMeans(t: CompiledTree): Float64Array {
  const n = t.feature.length;
  const sum = new Float64Array(n);
  const count = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    if (t.feature[j]! < 0) {
      sum[j] = t.value[j]!;
      count[j] = 1;
    } else {
      sum[j] = sum[t.left[j]!]! + sum[t.right[j]!]!;
      count[j] = count[t.left[j]!]! + count[t.right[j]!]!;
    }
  }
  return sum.map((s, j) => s / count[j]!);
}
