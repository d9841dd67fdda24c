import type { FeatureRow } from './features.js';
import { type GbdtModel, type GbdtParams, scorer, type TrainingLog, trainGbdt } from './gbdt.js';
import { type KcsDeclaration, type KcsRevenueBasis, kcsRevenue } from './kcs-declaration.js';
import { fitKcsPipeline, KCS_KEYS, type KcsPipeline, kcsFeatureDefs, kcsFeatures } from './kcs-features.js';
import { DEFAULT_PERCENTS, type Evaluation, evaluateRanking } from './metrics.js';

/**
 * Tuned on kcs_train with early stopping on a slice of it (never on kcs_valid): shallow-ish trees with
 * strong L2 and bagging, because most features are already rates and the trees mainly combine them.
 */
export const KCS_GBDT_PARAMS: Partial<GbdtParams> = {
  rounds: 600,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minLeaf: 20,
  lambda: 5,
  rowSample: 0.8,
  colSample: 0.5,
  earlyStoppingRounds: 60,
  validFraction: 0.1,
};

export interface KcsTrainOptions {
  readonly seed?: number;
  readonly rounds?: number;
  /** Declarations to stop early on; without them a seeded slice of the training rows is held out. */
  readonly valid?: readonly KcsDeclaration[];
  readonly params?: Partial<GbdtParams>;
}

export interface KcsTrained {
  readonly model: GbdtModel;
  readonly pipeline: KcsPipeline;
  readonly log: TrainingLog;
}

export function trainKcsModel(train: readonly KcsDeclaration[], opts: KcsTrainOptions = {}): KcsTrained {
  const seed = opts.seed ?? 1;
  const { pipeline, rows } = fitKcsPipeline(train, { seed });
  const defs = kcsFeatureDefs(pipeline);
  const labels = train.map((d) => d.fraud === true);
  const valid =
    opts.valid === undefined
      ? undefined
      : { rows: kcsFeatures(pipeline, opts.valid), labels: opts.valid.map((d) => requireLabel(d)) };
  const { model, log } = trainGbdt(
    defs,
    { rows, labels },
    {
      ...KCS_GBDT_PARAMS,
      ...opts.params,
      seed,
      ...(opts.rounds === undefined ? {} : { rounds: opts.rounds }),
      ...(valid === undefined ? {} : { valid }),
    },
  );
  return { model, pipeline, log };
}

function requireLabel(d: KcsDeclaration): boolean {
  if (d.fraud === undefined) throw new Error(`declaration ${d.declarationId} has no Fraud label`);
  return d.fraud;
}

/** Fraud probability per declaration. */
export function kcsScorer(
  model: GbdtModel,
  pipeline: KcsPipeline,
): (d: readonly KcsDeclaration[]) => Float64Array {
  const s = scorer(model);
  return (decls) => s.probabilities(kcsFeatures(pipeline, decls));
}

export function kcsFeatureRows(pipeline: KcsPipeline, decls: readonly KcsDeclaration[]): FeatureRow[] {
  return kcsFeatures(pipeline, decls);
}

/** Targeting metrics of `scores` against the declarations' `Fraud` labels. */
export function evaluateKcs(
  decls: readonly KcsDeclaration[],
  scores: ArrayLike<number>,
  basis: KcsRevenueBasis = 'duty',
  percents: readonly number[] = DEFAULT_PERCENTS,
): Evaluation {
  return evaluateRanking(
    decls.map((d, i) => ({ score: scores[i]!, label: requireLabel(d), revenue: kcsRevenue(d, basis) })),
    percents,
  );
}

export type KcsPipelineCheck =
  | { readonly ok: true; readonly pipeline: KcsPipeline }
  | { readonly ok: false; readonly code: 'MODEL_PIPELINE'; readonly message: string };

/** Checks the pipeline section of a loaded model before it encodes declarations. */
export function checkKcsPipeline(v: unknown): KcsPipelineCheck {
  const fail = (message: string): KcsPipelineCheck => ({ ok: false, code: 'MODEL_PIPELINE', message });
  if (typeof v !== 'object' || v === null)
    return fail('the model has no KCS pipeline (was it trained with --kcs?)');
  const p = v as Partial<KcsPipeline>;
  if (p.kind !== 'kcs' || p.version !== 1) return fail('the model pipeline is not a version 1 KCS pipeline');
  if (typeof p.prior !== 'number' || typeof p.smoothing !== 'number')
    return fail('pipeline prior or smoothing');
  if (!Array.isArray(p.keys) || !Array.isArray(p.tables) || p.keys.length !== p.tables.length)
    return fail('pipeline keys and tables do not match');
  for (const k of p.keys)
    if (KCS_KEYS[k] === undefined) return fail(`pipeline encodes an unknown key '${k}'`);
  for (const [j, t] of p.tables.entries())
    if (
      !Array.isArray(t?.values) ||
      !Array.isArray(t.counts) ||
      !Array.isArray(t.positives) ||
      t.values.length !== t.counts.length ||
      t.values.length !== t.positives.length
    )
      return fail(`pipeline table ${p.keys[j]} is malformed`);
  if (typeof p.unitValue?.hs6 !== 'object' || typeof p.unitValue?.hs4 !== 'object')
    return fail('pipeline unit values are missing');
  return { ok: true, pipeline: p as KcsPipeline };
}
