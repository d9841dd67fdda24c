import type { Disposition, ExamResult } from '../cases/schema.js';
import type { RiskOutcome } from '../decision/schema.js';
import type { FilingLike } from '../filing/schema.js';
import type { FeatureRow } from './features.js';
import {
  FILING_FEATURES,
  type FilingTrainingRow,
  filingFeatures,
  filingTrainingRow,
} from './filing-features.js';
import {
  type BandThresholds,
  FILING_PIPELINE_KIND,
  FILING_PIPELINE_VERSION,
  type FilingPipeline,
  MODEL_BANDS,
  type ModelBand,
} from './filing-model.js';
import { type GbdtModel, type GbdtParams, scorer, type TrainingLog, trainGbdt } from './gbdt.js';
import { DEFAULT_PERCENTS, type Evaluation, evaluateRanking } from './metrics.js';
import { createRng } from './prng.js';

/**
 * Exam outcomes stored by the case workflow, turned into training rows for the filing risk model.
 *
 * Label — at fault (positive): the latest exam found a discrepancy or seizure-worthy goods, or the case
 * closed seized, destroyed or denied-entry. Clean (negative): the latest exam found no discrepancy, or the
 * case closed released (after an exam or a document review). Anything else is not an outcome: an open
 * case without exam, or goods the filer gave up (abandoned, exported, returned to sender) unexamined.
 *
 * Weights — the rules choose most exams, so the cases are a biased sample of the traffic: what the rules
 * never flag is seen only through the random selection. An exam is `targeted` (the rules or another
 * check held the shipment; weight 1) or `random` (held only because the lane's random selection drew
 * it); a random exam stands for every filing the rules let through, so it weighs
 * (filings not held by the rules) ÷ (random exams with an outcome), unless a weight is given.
 */
export type Selection = 'random' | 'targeted';

/**
 * How a decision's exam was chosen: `random` when the lane's random selection is what held it (the lane
 * reason is then the selection's: see core/lanes assignLane), else `targeted`.
 */
export function selectionOf(risk: Pick<RiskOutcome, 'randomlySelected' | 'reasons'>): Selection {
  return risk.randomlySelected && (risk.reasons[0] ?? '').startsWith('random selection')
    ? 'random'
    : 'targeted';
}

/** One case with what the store knows of it, as the outcome reader hands it over. */
export interface StoredOutcome {
  readonly caseId: string;
  /** The filing version the case is about, as filed. */
  readonly filing: FilingLike;
  /** The latest exam's result, or null when none is on record. */
  readonly exam: ExamResult | null;
  readonly disposition: Disposition | null;
  /** Penalties assessed on the case, USD. */
  readonly penaltiesUsd: number;
  /** Declared value of the shipment in USD (from the decision), null when it could not be converted. */
  readonly valueUsd: number | null;
  readonly selection: Selection;
}

export type OutcomeLabel =
  | { readonly label: boolean; readonly basis: string }
  | { readonly label: null; readonly basis: string };

const ADVERSE: ReadonlySet<string> = new Set(['seized', 'destroyed', 'denied-entry']);

export function labelOf(o: Pick<StoredOutcome, 'exam' | 'disposition'>): OutcomeLabel {
  if (o.exam === 'discrepancy' || o.exam === 'seizure-worthy')
    return { label: true, basis: `exam ${o.exam}` };
  if (o.disposition !== null && ADVERSE.has(o.disposition))
    return { label: true, basis: `closed ${o.disposition}` };
  if (o.exam === 'no-discrepancy') return { label: false, basis: 'exam no-discrepancy' };
  if (o.disposition === 'released') return { label: false, basis: 'closed released' };
  return {
    label: null,
    basis: o.disposition === null ? 'open, no exam on record' : `closed ${o.disposition}, no exam`,
  };
}

/** What revenue@n% counts for a caught shipment: its declared value, or the penalties assessed. */
export type OutcomeRevenueBasis = 'value' | 'penalty';

export interface OutcomeRow extends FilingTrainingRow {
  readonly caseId: string;
  readonly selection: Selection;
  readonly weight: number;
}

export interface SelectionCount {
  readonly outcomes: number;
  readonly positives: number;
  /** Weight of each of these outcomes in the fit. */
  readonly weight: number;
}

export interface OutcomeSummary {
  readonly cases: number;
  readonly labelled: number;
  readonly positives: number;
  readonly targeted: SelectionCount;
  readonly random: SelectionCount & {
    /** Filings the rules did not hold (green, blue, or held only by the random selection). */
    readonly population: number;
  };
  /** Cases without an outcome, by why. */
  readonly unlabelled: Readonly<Record<string, number>>;
}

export interface OutcomeOptions {
  /** Weight of a random-selection exam; default population ÷ random outcomes (at least 1). */
  readonly randomWeight?: number;
  readonly revenue?: OutcomeRevenueBasis;
}

/** Labels and weighs the stored outcomes. */
export function outcomeRows(
  outcomes: readonly StoredOutcome[],
  population: { readonly notTargeted: number },
  opts: OutcomeOptions = {},
): { rows: OutcomeRow[]; summary: OutcomeSummary } {
  const labelled: { o: StoredOutcome; label: boolean }[] = [];
  const unlabelled: Record<string, number> = {};
  for (const o of outcomes) {
    const l = labelOf(o);
    if (l.label === null) unlabelled[l.basis] = (unlabelled[l.basis] ?? 0) + 1;
    else labelled.push({ o, label: l.label });
  }
  const random = labelled.filter((x) => x.o.selection === 'random');
  const randomWeight =
    opts.randomWeight ?? (random.length === 0 ? 1 : Math.max(1, population.notTargeted / random.length));
  const basis = opts.revenue ?? 'value';
  const rows = labelled.map(({ o, label }): OutcomeRow => {
    const weight = o.selection === 'random' ? randomWeight : 1;
    const revenueUsd = basis === 'value' ? (o.valueUsd ?? 0) : o.penaltiesUsd;
    return {
      ...filingTrainingRow(o.filing, { label, revenueUsd, weight }),
      weight,
      caseId: o.caseId,
      selection: o.selection,
    };
  });
  const count = (sel: Selection, weight: number): SelectionCount => {
    const of = rows.filter((r) => r.selection === sel);
    return { outcomes: of.length, positives: of.filter((r) => r.label).length, weight: round(weight, 3) };
  };
  return {
    rows,
    summary: {
      cases: outcomes.length,
      labelled: rows.length,
      positives: rows.filter((r) => r.label).length,
      targeted: count('targeted', 1),
      random: { ...count('random', randomWeight), population: population.notTargeted },
      unlabelled,
    },
  };
}

/** Training needs this many labelled outcomes, and this many of each class. */
export const MIN_OUTCOMES = 50;
export const MIN_PER_CLASS = 10;

/** Why there is no model: too few outcomes, said with the counts. */
export function tooFewOutcomes(
  s: Pick<OutcomeSummary, 'labelled' | 'positives' | 'cases'>,
): string | undefined {
  const negatives = s.labelled - s.positives;
  if (s.labelled >= MIN_OUTCOMES && s.positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS)
    return undefined;
  return (
    `too few labelled outcomes to train: ${s.labelled} (${s.positives} at fault, ${negatives} clean) ` +
    `from ${s.cases} cases; training needs at least ${MIN_OUTCOMES}, with at least ${MIN_PER_CLASS} at fault ` +
    `and ${MIN_PER_CLASS} clean. Record exam results and close cases, then train again`
  );
}

/**
 * Small, noisy data: shallow trees, 5 rows a leaf at least, strong L2, and early stopping on a fifth of
 * the outcomes.
 */
export const FILING_GBDT_PARAMS: Partial<GbdtParams> = {
  rounds: 300,
  learningRate: 0.05,
  maxLeaves: 15,
  maxDepth: 6,
  minLeaf: 5,
  lambda: 5,
  rowSample: 0.8,
  colSample: 0.8,
  earlyStoppingRounds: 40,
  validFraction: 0.2,
};

/** The precision (weighted, out of fold) each band's threshold is fitted to reach. */
export const DEFAULT_PRECISION_TARGETS: Readonly<Record<ModelBand, number>> = {
  low: 0.1,
  medium: 0.25,
  high: 0.5,
  critical: 0.8,
};
/** A threshold must have at least this many at-fault outcomes at or above it. */
export const MIN_POSITIVES_ABOVE = 3;

export interface OutcomeTrainOptions {
  readonly seed?: number;
  readonly rounds?: number;
  readonly folds?: number;
  readonly targets?: Readonly<Record<ModelBand, number>>;
  readonly params?: Partial<GbdtParams>;
  /**
   * The screened traffic the outcomes come from (every filing with a lane, examined or not). With it a
   * band's precision is estimated against how many filings of the traffic would reach the threshold,
   * which the random exams alone know only coarsely.
   */
  readonly population?: Iterable<FilingLike>;
}

export interface OutcomeTrained {
  readonly model: GbdtModel;
  readonly pipeline: FilingPipeline;
  readonly log: TrainingLog;
  /** Targeting metrics of out-of-fold scores on the labelled outcomes (each scored by a model that never saw it). */
  readonly outOfFold: Evaluation;
  /** Filings of the population scored, and how many reach each band. */
  readonly population: {
    readonly filings: number;
    readonly perBand: Readonly<Record<ModelBand, number>>;
  } | null;
}

/**
 * Trains the filing model on weighted outcomes and fits each band's threshold as the lowest score at which
 * the estimated precision reaches the band's target. Outcomes are scored out of fold (k models, each
 * scoring the fold it did not see). With a population, precision at a threshold t is the number of
 * at-fault outcomes scoring ≥ t over the number of the population's filings the final model scores ≥ t
 * (a lower bound: of the traffic that would be flagged, at least that share was found at fault); without
 * one, the weighted share of at-fault outcomes among the outcomes scoring ≥ t.
 */
export function trainFromOutcomes(
  rows: readonly OutcomeRow[],
  opts: OutcomeTrainOptions = {},
): OutcomeTrained {
  const seed = opts.seed ?? 1;
  const params: Partial<GbdtParams> = {
    ...FILING_GBDT_PARAMS,
    ...opts.params,
    seed,
    ...(opts.rounds === undefined ? {} : { rounds: opts.rounds }),
  };
  const folds = opts.folds ?? 5;
  const fold = stratifiedFolds(
    rows.map((r) => r.label),
    folds,
    seed,
  );
  const oof = new Float64Array(rows.length);
  for (let k = 0; k < folds; k++) {
    const inFold = rows.filter((_, i) => fold[i] !== k);
    const { model } = fitModel(inFold, params);
    const held = rows.map((_, i) => i).filter((i) => fold[i] === k);
    const p = scorer(model).probabilities(held.map((i) => rows[i]!.features));
    held.forEach((i, j) => {
      oof[i] = p[j]!;
    });
  }
  const { model, log } = fitModel(rows, params);
  const population = opts.population === undefined ? undefined : scorePopulation(model, opts.population);
  const targets = opts.targets ?? DEFAULT_PRECISION_TARGETS;
  const thresholds = fitThresholds(
    oof,
    rows.map((r) => r.label),
    rows.map((r) => r.weight),
    targets,
    population === undefined ? {} : { population },
  );
  return {
    model,
    log,
    pipeline: {
      kind: FILING_PIPELINE_KIND,
      version: FILING_PIPELINE_VERSION,
      thresholds,
      precisionTargets: targets,
    },
    outOfFold: evaluateOutcomes(rows, oof),
    population:
      population === undefined
        ? null
        : {
            filings: population.length,
            perBand: Object.fromEntries(
              MODEL_BANDS.map((b) => {
                const t = thresholds[b];
                return [b, t === null ? 0 : countAtLeast(population, t)];
              }),
            ) as Record<ModelBand, number>,
          },
  };
}

/** Scores of the population, sorted descending, in batches so that a large store is not held as rows. */
function scorePopulation(model: GbdtModel, filings: Iterable<FilingLike>): Float64Array {
  const s = scorer(model);
  const parts: Float64Array[] = [];
  let batch: FeatureRow[] = [];
  for (const f of filings) {
    batch.push(filingFeatures(f));
    if (batch.length === 10_000) {
      parts.push(s.probabilities(batch));
      batch = [];
    }
  }
  if (batch.length > 0) parts.push(s.probabilities(batch));
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all.sort().reverse();
}

/** How many of the descending scores are ≥ t. */
function countAtLeast(desc: Float64Array, t: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid]! >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function fitModel(rows: readonly OutcomeRow[], params: Partial<GbdtParams>) {
  return trainGbdt(
    FILING_FEATURES,
    {
      rows: rows.map((r) => r.features),
      labels: rows.map((r) => r.label),
      weights: rows.map((r) => r.weight),
    },
    params,
  );
}

/** Fold of each row, so that every fold holds about the same share of each class. */
export function stratifiedFolds(labels: readonly boolean[], folds: number, seed: number): Uint8Array {
  const rng = createRng(seed ^ 0x5f0d);
  const out = new Uint8Array(labels.length);
  for (const cls of [true, false]) {
    const idx = labels.flatMap((l, i) => (l === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((i, k) => {
      out[i] = k % folds;
    });
  }
  return out;
}

/** See trainFromOutcomes; a band no score reaches gets null (never given). */
export function fitThresholds(
  scores: ArrayLike<number>,
  labels: readonly boolean[],
  weights: readonly number[],
  targets: Readonly<Record<ModelBand, number>>,
  opts: { readonly population?: Float64Array; readonly minPositives?: number } = {},
): BandThresholds {
  const minPositives = opts.minPositives ?? MIN_POSITIVES_ABOVE;
  const pop = opts.population;
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => scores[b]! - scores[a]! || a - b,
  );
  const out: Record<ModelBand, number | null> = { low: null, medium: null, high: null, critical: null };
  let wPos = 0;
  let wAll = 0;
  let nPos = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    wAll += weights[i]!;
    if (labels[i]) {
      wPos += weights[i]!;
      nPos++;
    }
    // Only where the next score is lower: a threshold cannot split rows of equal score.
    if (k + 1 < order.length && scores[order[k + 1]!] === scores[i]) continue;
    if (nPos < minPositives) continue;
    const t = round(scores[i]!, 6, 'down');
    // Against the population, the at-fault outcomes count once each: a lower bound on the at-fault
    // filings above t (unexamined ones may be at fault too), where one random exam's weight would make
    // a single find stand for a hundred.
    const precision = pop === undefined ? wPos / wAll : nPos / Math.max(countAtLeast(pop, t), nPos);
    for (const b of MODEL_BANDS) if (precision >= targets[b]) out[b] = t;
  }
  // A stricter band never sits below a laxer one.
  for (let k = 1; k < MODEL_BANDS.length; k++) {
    const lower = out[MODEL_BANDS[k - 1]!];
    const here = out[MODEL_BANDS[k]!];
    if (here !== null && lower !== null && here < lower) out[MODEL_BANDS[k]!] = lower;
  }
  return out;
}

/** Targeting metrics of scores on labelled outcomes (unweighted: each exam counts once). */
export function evaluateOutcomes(
  rows: readonly Pick<OutcomeRow, 'label' | 'revenueUsd'>[],
  scores: ArrayLike<number>,
  percents: readonly number[] = DEFAULT_PERCENTS,
): Evaluation {
  return evaluateRanking(
    rows.map((r, i) => ({ score: scores[i]!, label: r.label, revenue: r.revenueUsd })),
    percents,
  );
}

function round(x: number, digits: number, mode: 'near' | 'down' = 'near'): number {
  const f = 10 ** digits;
  return (mode === 'down' ? Math.floor(x * f) : Math.round(x * f)) / f;
}
