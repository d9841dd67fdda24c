import { ModelFileError, readModelFile } from '../adapters/model/model-file.js';
import { readSqliteOutcomes, sqlitePopulation } from '../adapters/model/sqlite-outcomes.js';
import { checkFilingPipeline, filingFeaturesMismatch } from '../core/model/filing-model.js';
import {
  evaluateOutcomes,
  type OutcomeRevenueBasis,
  type OutcomeSummary,
  outcomeRows,
  tooFewOutcomes,
  trainFromOutcomes,
} from '../core/model/filing-outcomes.js';
import { scorer } from '../core/model/gbdt.js';
import type { Evaluation } from '../core/model/metrics.js';
import { serializeModel } from '../core/model/model-format.js';

/** Labelled outcomes of the store, or the reason there are too few, with the counts. */
export class TooFewOutcomesError extends Error {
  readonly code = 'MODEL_TOO_FEW_OUTCOMES';
  constructor(
    message: string,
    readonly summary: OutcomeSummary,
  ) {
    super(message);
    this.name = 'TooFewOutcomesError';
  }
}

export type RevenueBasis = 'duty' | 'value' | 'penalty';

/** The evaluation as a table; `head` says what was scored. */
export function formatEvaluation(e: Evaluation & { revenueBasis: RevenueBasis }, head: string): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
  const first = `${head}; AUC ${e.auc === null ? '—' : e.auc.toFixed(3)}\n`;
  const rows = e.at.map(
    (a) =>
      `top ${String(a.percent).padStart(3)} % (${String(a.inspected).padStart(5)}): precision ${pct(a.precision).padStart(7)}  recall ${pct(a.recall).padStart(7)}  revenue (${e.revenueBasis}) ${pct(a.revenue).padStart(7)}\n`,
  );
  return first + rows.join('');
}

export interface DbTrainSummary {
  readonly out: string;
  readonly source: 'db';
  readonly db: string;
  /** Filings with a lane in the store, and those the rules did not hold (what random exams stand for). */
  readonly screened: number;
  readonly outcomes: OutcomeSummary;
  /** Cases whose filing version is not stored (skipped). */
  readonly skipped: number;
  readonly trees: number;
  readonly features: number;
  readonly seconds: number;
  readonly thresholds: Readonly<Record<string, number | null>>;
  readonly precisionTargets: Readonly<Record<string, number>>;
  /** Filings of the screened traffic in the store that would reach each band. */
  readonly bandCounts: Readonly<Record<string, number>> | null;
  /** Each outcome scored by a model trained without its fold: an honest view of the ranking. */
  readonly outOfFold: Evaluation;
  readonly topFeatures: readonly { readonly feature: string; readonly gain: number }[];
}

/**
 * `minimis model train --db FILE`: every case of the store with an outcome (see core/model
 * filing-outcomes for the labels and weights), joined to the filing version it is about.
 */
export async function runDbTrain(opts: {
  db: string;
  out: string;
  seed?: number;
  rounds?: number;
  randomWeight?: number;
  json?: boolean;
  write: (out: string, text: string) => void;
}): Promise<DbTrainSummary> {
  const stored = readSqliteOutcomes(opts.db);
  const { rows, summary } = outcomeRows(
    stored.outcomes,
    { notTargeted: stored.notTargeted },
    opts.randomWeight === undefined ? {} : { randomWeight: opts.randomWeight },
  );
  const few = tooFewOutcomes(summary);
  if (few !== undefined) throw new TooFewOutcomesError(`${opts.db}: ${few}`, summary);
  const t = performance.now();
  const trained = trainFromOutcomes(rows, {
    population: sqlitePopulation(opts.db),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.rounds === undefined ? {} : { rounds: opts.rounds }),
  });
  const seconds = Math.round((performance.now() - t) / 10) / 100;
  const result: DbTrainSummary = {
    out: opts.out,
    source: 'db',
    db: opts.db,
    screened: stored.screened,
    outcomes: summary,
    skipped: stored.skipped,
    trees: trained.model.trees.length,
    features: trained.model.features.length,
    seconds,
    thresholds: trained.pipeline.thresholds,
    precisionTargets: trained.pipeline.precisionTargets,
    bandCounts: trained.population?.perBand ?? null,
    outOfFold: trained.outOfFold,
    topFeatures: trained.model.importance
      .filter((i) => i.gain > 0)
      .slice(0, 10)
      .map((i) => ({ feature: i.feature, gain: Math.round(i.gain * 100) / 100 })),
  };
  opts.write(
    opts.out,
    serializeModel(trained.model, {
      pipeline: trained.pipeline,
      meta: {
        source: 'db',
        db: opts.db,
        outcomes: summary,
        screened: stored.screened,
        bestValidLoss: trained.log.validLoss[trained.log.bestRounds - 1] ?? null,
        outOfFoldAuc: trained.outOfFold.auc,
      },
    }),
  );
  process.stdout.write(opts.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatTrain(result));
  return result;
}

function formatTrain(r: DbTrainSummary): string {
  const o = r.outcomes;
  const n = (x: number) => x.toLocaleString('en-US');
  const t = Object.entries(r.thresholds)
    .map(
      ([b, x]) =>
        `${b} ${x === null ? 'never' : `≥ ${x}`}${r.bandCounts === null ? '' : ` (${n(r.bandCounts[b] ?? 0)} of ${n(r.screened)} filings)`}`,
    )
    .join(', ');
  const at = r.outOfFold.at.map((a) => `@${a.percent} % ${a.precision.toFixed(3)}`).join(', ');
  return (
    `Trained ${r.trees} trees on ${n(o.labelled)} exam outcomes from ${r.db} ` +
    `(${n(o.targeted.outcomes)} targeted, ${n(o.targeted.positives)} at fault; ` +
    `${n(o.random.outcomes)} random-selection, ${n(o.random.positives)} at fault, weight ${o.random.weight} each ` +
    `for ${n(o.random.population)} filings the rules let through) in ${r.seconds} s; wrote ${r.out}\n` +
    `Bands: ${t}\n` +
    `Out of fold: AUC ${r.outOfFold.auc === null ? '—' : r.outOfFold.auc.toFixed(3)}; precision ${at}\n`
  );
}

/**
 * `minimis model evaluate --db FILE --model FILE`: the model's ranking of the stored exam outcomes (each
 * counts once), and of the random-selection ones alone, which are a fair sample of the traffic.
 */
export async function runDbEvaluate(opts: {
  db: string;
  model: string;
  revenue: OutcomeRevenueBasis;
  json?: boolean;
}): Promise<
  Evaluation & {
    readonly revenueBasis: OutcomeRevenueBasis;
    readonly outcomes: OutcomeSummary;
    readonly randomSelection: Evaluation | null;
  }
> {
  const loaded = readModelFile(opts.model);
  const pipeline = checkFilingPipeline(loaded.pipeline);
  if (!pipeline.ok) throw new ModelFileError(pipeline.code, opts.model, pipeline.message);
  const mismatch = filingFeaturesMismatch(loaded.model.features);
  if (mismatch !== undefined) throw new ModelFileError('MODEL_PIPELINE', opts.model, mismatch);
  const stored = readSqliteOutcomes(opts.db);
  const { rows, summary } = outcomeRows(
    stored.outcomes,
    { notTargeted: stored.notTargeted },
    { revenue: opts.revenue },
  );
  if (rows.length === 0)
    throw new TooFewOutcomesError(
      `${opts.db}: no labelled outcomes to evaluate on (${summary.cases} cases, none with an exam result or a closing that says)`,
      summary,
    );
  const scores = scorer(loaded.model).probabilities(rows.map((r) => r.features));
  const random = rows.flatMap((r, i) => (r.selection === 'random' ? [i] : []));
  const result = {
    ...evaluateOutcomes(rows, scores),
    revenueBasis: opts.revenue,
    outcomes: summary,
    randomSelection:
      random.length === 0
        ? null
        : evaluateOutcomes(
            random.map((i) => rows[i]!),
            random.map((i) => scores[i]!),
          ),
  };
  process.stdout.write(
    opts.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : formatEvaluation(
          result,
          `${opts.db}: ${result.rows.toLocaleString('en-US')} exam outcomes, ${result.positives.toLocaleString('en-US')} at fault (${summary.random.outcomes} by random selection)`,
        ),
  );
  return result;
}
