import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadKcsDeclarations } from '../adapters/kcs/kcs-csv.js';
import type { KcsRevenueBasis } from '../core/model/kcs-declaration.js';
import { checkKcsPipeline, evaluateKcs, kcsScorer, trainKcsModel } from '../core/model/kcs-model.js';
import type { Evaluation } from '../core/model/metrics.js';
import { parseModel, serializeModel } from '../core/model/model-format.js';

/** A model file that cannot be used, with the stable code of why. */
export class ModelFileError extends Error {
  constructor(
    readonly code: string,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${code}: ${detail}`);
    this.name = 'ModelFileError';
  }
}

export interface ModelTrainOptions {
  kcs: string;
  valid?: string;
  out: string;
  seed?: number;
  rounds?: number;
  json?: boolean;
}

export interface ModelEvaluateOptions {
  kcs: string;
  model: string;
  revenue?: KcsRevenueBasis;
  json?: boolean;
}

export interface TrainSummary {
  readonly out: string;
  readonly trainRows: number;
  readonly earlyStoppingRows: number;
  readonly earlyStoppingOn: string;
  readonly trees: number;
  readonly features: number;
  readonly seconds: number;
  readonly topFeatures: readonly { readonly feature: string; readonly gain: number }[];
}

function requireFile(path: string): void {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
}

/**
 * `minimis model train --kcs FILE`: fits the encoders and the trees on the file's labelled declarations
 * and writes one JSON model. Early stopping uses `--valid` when given, else a seeded slice of FILE.
 */
export async function runModelTrain(opts: ModelTrainOptions): Promise<TrainSummary> {
  requireFile(opts.kcs);
  if (opts.valid !== undefined) requireFile(opts.valid);
  const train = await loadKcsDeclarations(opts.kcs);
  const valid = opts.valid === undefined ? undefined : await loadKcsDeclarations(opts.valid);
  const unlabelled = [...train, ...(valid ?? [])].find((d) => d.fraud === undefined);
  if (unlabelled !== undefined)
    throw new Error(
      `declaration ${unlabelled.declarationId} has no Fraud label: training needs the Fraud column`,
    );
  const t = performance.now();
  const trained = trainKcsModel(train, {
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.rounds === undefined ? {} : { rounds: opts.rounds }),
    ...(valid === undefined ? {} : { valid }),
  });
  const seconds = Math.round((performance.now() - t) / 10) / 100;
  const summary: TrainSummary = {
    out: opts.out,
    trainRows: trained.log.trainRows,
    earlyStoppingRows: trained.log.validRows,
    earlyStoppingOn: opts.valid ?? `a ${trained.model.params.validFraction} slice of ${opts.kcs}`,
    trees: trained.model.trees.length,
    features: trained.model.features.length,
    seconds,
    topFeatures: trained.model.importance
      .slice(0, 10)
      .map((i) => ({ feature: i.feature, gain: Math.round(i.gain * 100) / 100 })),
  };
  const text = serializeModel(trained.model, {
    pipeline: trained.pipeline,
    meta: {
      source: 'kcs',
      trainFile: opts.kcs,
      trainRows: summary.trainRows,
      earlyStoppingOn: summary.earlyStoppingOn,
      bestValidLoss: trained.log.validLoss[trained.log.bestRounds - 1] ?? null,
    },
  });
  // Written beside and renamed, so an interrupted run never leaves half a model under the final name.
  const tmp = `${opts.out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, opts.out);
  process.stdout.write(
    opts.json === true
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `Trained ${summary.trees} trees on ${summary.trainRows.toLocaleString('en-US')} declarations ` +
          `(${summary.features} features, early stopping on ${summary.earlyStoppingOn}) in ${seconds} s; wrote ${opts.out}\n`,
  );
  return summary;
}

/** `minimis model evaluate --kcs FILE --model FILE`: targeting metrics of the model on FILE's labels. */
export async function runModelEvaluate(
  opts: ModelEvaluateOptions,
): Promise<Evaluation & { readonly revenueBasis: KcsRevenueBasis }> {
  requireFile(opts.model);
  requireFile(opts.kcs);
  const loaded = parseModel(readFileSync(opts.model, 'utf8'));
  if (!loaded.ok) throw new ModelFileError(loaded.code, opts.model, loaded.message);
  const pipeline = checkKcsPipeline(loaded.pipeline);
  if (!pipeline.ok) throw new ModelFileError(pipeline.code, opts.model, pipeline.message);
  const decls = await loadKcsDeclarations(opts.kcs);
  const unlabelled = decls.find((d) => d.fraud === undefined);
  if (unlabelled !== undefined)
    throw new Error(`${opts.kcs}: no Fraud label (declaration ${unlabelled.declarationId}); cannot evaluate`);
  const scores = kcsScorer(loaded.model, pipeline.pipeline)(decls);
  const revenueBasis = opts.revenue ?? 'duty';
  const result = { ...evaluateKcs(decls, scores, revenueBasis), revenueBasis };
  process.stdout.write(
    opts.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatEvaluation(result, opts.kcs),
  );
  return result;
}

function formatEvaluation(e: Evaluation & { revenueBasis: KcsRevenueBasis }, file: string): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
  const head = `${file}: ${e.rows.toLocaleString('en-US')} declarations, ${e.positives.toLocaleString('en-US')} fraudulent; AUC ${e.auc === null ? '—' : e.auc.toFixed(3)}\n`;
  const rows = e.at.map(
    (a) =>
      `top ${String(a.percent).padStart(3)} % (${String(a.inspected).padStart(5)}): precision ${pct(a.precision).padStart(7)}  recall ${pct(a.recall).padStart(7)}  revenue (${e.revenueBasis}) ${pct(a.revenue).padStart(7)}\n`,
  );
  return head + rows.join('');
}

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
    return n;
  };
}

function integer(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be an integer');
  return n;
}

export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('learned risk model: gradient-boosted trees trained from labelled outcomes');

  model
    .command('train')
    .description('train on labelled declarations and write the model as JSON')
    .requiredOption(
      '--kcs <file>',
      'training declarations in the Korea Customs Service CSV format (label: Fraud)',
    )
    .option('--valid <file>', 'declarations to stop early on (default: a seeded slice of the training file)')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .option('--seed <n>', 'seed for subsampling and folds', integer)
    .option('--rounds <n>', 'boosting rounds at most', positiveInt('--rounds'))
    .option('--json', 'print the training summary as JSON')
    .action(async (opts: ModelTrainOptions) => {
      await runModelTrain(opts);
    });

  model
    .command('evaluate')
    .description('precision, recall and revenue at 1/2/5/10 % inspected, and AUC, on labelled declarations')
    .requiredOption('--kcs <file>', 'declarations in the Korea Customs Service CSV format (label: Fraud)')
    .requiredOption('--model <file>', 'a model written by `minimis model train`')
    .addOption(
      new Option(
        '--revenue <basis>',
        'revenue of a caught fraud: duty at the declared rate, or declared value',
      )
        .choices(['duty', 'value'])
        .default('duty'),
    )
    .option('--json', 'print the metrics as JSON')
    .action(async (opts: ModelEvaluateOptions) => {
      await runModelEvaluate(opts);
    });
}
