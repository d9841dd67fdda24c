import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadKcsDeclarations } from '../adapters/kcs/kcs-csv.js';
import { ModelFileError } from '../adapters/model/model-file.js';
import { checkKcsPipeline, evaluateKcs, kcsScorer, trainKcsModel } from '../core/model/kcs-model.js';
import type { Evaluation } from '../core/model/metrics.js';
import { parseModel, serializeModel } from '../core/model/model-format.js';
import {
  type DbTrainSummary,
  formatEvaluation,
  type RevenueBasis,
  runDbEvaluate,
  runDbTrain,
} from './model-db-command.js';

export { ModelFileError };

export interface ModelTrainOptions {
  kcs?: string;
  /** Train on the exam outcomes stored in this SQLite database instead. */
  db?: string;
  valid?: string;
  out: string;
  seed?: number;
  rounds?: number;
  /** --db: weight of a random-selection exam (default: filings not held by the rules ÷ random exams). */
  randomWeight?: number;
  json?: boolean;
}

export type { RevenueBasis };

export interface ModelEvaluateOptions {
  kcs?: string;
  db?: string;
  model: string;
  revenue?: RevenueBasis;
  json?: boolean;
}

/** Exactly one source of labelled rows: a KCS file or a minimis database. */
function source(opts: { kcs?: string | undefined; db?: string | undefined }): 'kcs' | 'db' {
  if (opts.kcs !== undefined && opts.db !== undefined)
    throw new Error('give either --kcs <file> or --db <file>, not both');
  if (opts.kcs !== undefined) return 'kcs';
  if (opts.db !== undefined) return 'db';
  throw new Error(
    'one of --kcs <file> (Korea Customs Service CSV) or --db <file> (minimis database) is required',
  );
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
export async function runModelTrain(opts: ModelTrainOptions): Promise<TrainSummary | DbTrainSummary> {
  if (source(opts) === 'db') {
    if (opts.valid !== undefined)
      throw new Error('--valid goes with --kcs; with --db the outcomes are split by the trainer');
    return runDbTrain({ ...opts, db: opts.db!, write: writeModel });
  }
  const kcs = opts.kcs!;
  if (opts.randomWeight !== undefined) throw new Error('--random-weight goes with --db');
  requireFile(kcs);
  if (opts.valid !== undefined) requireFile(opts.valid);
  const train = await loadKcsDeclarations(kcs);
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
    earlyStoppingOn: opts.valid ?? `a ${trained.model.params.validFraction} slice of ${kcs}`,
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
      trainFile: kcs,
      trainRows: summary.trainRows,
      earlyStoppingOn: summary.earlyStoppingOn,
      bestValidLoss: trained.log.validLoss[trained.log.bestRounds - 1] ?? null,
    },
  });
  writeModel(opts.out, text);
  process.stdout.write(
    opts.json === true
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `Trained ${summary.trees} trees on ${summary.trainRows.toLocaleString('en-US')} declarations ` +
          `(${summary.features} features, early stopping on ${summary.earlyStoppingOn}) in ${seconds} s; wrote ${opts.out}\n`,
  );
  return summary;
}

/** Written beside and renamed, so an interrupted run never leaves half a model under the final name. */
function writeModel(out: string, text: string): void {
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
}

/** `minimis model evaluate --kcs FILE --model FILE`: targeting metrics of the model on FILE's labels. */
export async function runModelEvaluate(
  opts: ModelEvaluateOptions,
): Promise<Evaluation & { readonly revenueBasis: RevenueBasis }> {
  if (source(opts) === 'db') {
    if (opts.revenue === 'duty')
      throw new Error('--revenue duty goes with --kcs; with --db: value or penalty');
    return runDbEvaluate({
      db: opts.db!,
      model: opts.model,
      revenue: opts.revenue === 'penalty' ? 'penalty' : 'value',
      ...(opts.json === undefined ? {} : { json: opts.json }),
    });
  }
  if (opts.revenue === 'penalty')
    throw new Error('--revenue penalty goes with --db; with --kcs: duty or value');
  const kcsFile = opts.kcs!;
  requireFile(opts.model);
  requireFile(kcsFile);
  const loaded = parseModel(readFileSync(opts.model, 'utf8'));
  if (!loaded.ok) throw new ModelFileError(loaded.code, opts.model, loaded.message);
  const pipeline = checkKcsPipeline(loaded.pipeline);
  if (!pipeline.ok) throw new ModelFileError(pipeline.code, opts.model, pipeline.message);
  const decls = await loadKcsDeclarations(kcsFile);
  const unlabelled = decls.find((d) => d.fraud === undefined);
  if (unlabelled !== undefined)
    throw new Error(`${kcsFile}: no Fraud label (declaration ${unlabelled.declarationId}); cannot evaluate`);
  const scores = kcsScorer(loaded.model, pipeline.pipeline)(decls);
  const revenueBasis = opts.revenue ?? 'duty';
  const result = { ...evaluateKcs(decls, scores, revenueBasis), revenueBasis };
  process.stdout.write(
    opts.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : formatEvaluation(
          result,
          `${kcsFile}: ${result.rows.toLocaleString('en-US')} declarations, ${result.positives.toLocaleString('en-US')} fraudulent`,
        ),
  );
  return result;
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
    .description(
      'train on labelled outcomes (stored exam results, or KCS declarations) and write the model as JSON',
    )
    .option('--db <file>', 'train on the exam outcomes stored in this minimis SQLite database')
    .option('--kcs <file>', 'train on declarations in the Korea Customs Service CSV format (label: Fraud)')
    .option(
      '--valid <file>',
      '--kcs: declarations to stop early on (default: a seeded slice of the training file)',
    )
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .option('--seed <n>', 'seed for subsampling and folds', integer)
    .option('--rounds <n>', 'boosting rounds at most', positiveInt('--rounds'))
    .option(
      '--random-weight <w>',
      '--db: weight of a random-selection exam (default: filings the rules let through ÷ random exams)',
      positiveNumber,
    )
    .option('--json', 'print the training summary as JSON')
    .action(async (opts: ModelTrainOptions) => {
      await runModelTrain(opts);
    });

  model
    .command('evaluate')
    .description('precision, recall and revenue at 1/2/5/10 % inspected, and AUC, on labelled outcomes')
    .option('--db <file>', 'the exam outcomes stored in this minimis SQLite database')
    .option('--kcs <file>', 'declarations in the Korea Customs Service CSV format (label: Fraud)')
    .requiredOption('--model <file>', 'a model written by `minimis model train`')
    .addOption(
      new Option(
        '--revenue <basis>',
        'revenue of a caught shipment: --kcs duty (default) or declared value; --db declared value (default) or penalties assessed',
      ).choices(['duty', 'value', 'penalty']),
    )
    .option('--json', 'print the metrics as JSON')
    .action(async (opts: ModelEvaluateOptions) => {
      await runModelEvaluate(opts);
    });
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('must be a positive number');
  return n;
}
