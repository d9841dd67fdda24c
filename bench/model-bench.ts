/**
 * `npm run bench:model`: trains the learned risk model on the Korea Customs Service training split
 * (`kcs_train.csv`, 2020) and evaluates it on the validation split (`kcs_valid.csv`, 2021 Q1), which
 * training never sees (early stopping holds out a slice of the training file instead). Prints one JSON
 * document: precision, recall and revenue at 1/2/5/10 %, AUC, training time, scoring throughput, and
 * the published LightGBM figures for comparison (measured on the held-back 2021 Q2 test split).
 * Usage: node dist/bench/model-bench.js [--data DIR] [--seed S] [--rounds N] [--runs R]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadKcsDeclarations } from '../src/adapters/kcs/kcs-csv.js';
import { evaluateKcs, kcsScorer, trainKcsModel } from '../src/core/model/kcs-model.js';
import { serializeModel } from '../src/core/model/model-format.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const DATA = resolve(arg('data') ?? join(process.cwd(), '..', 'shared', 'data', 'declarations'));
const SEED = Number(arg('seed') ?? 1);
const ROUNDS = arg('rounds') === undefined ? undefined : Number(arg('rounds'));
const RUNS = Number(arg('runs') ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

async function main(): Promise<void> {
  const trainFile = join(DATA, 'kcs_train.csv');
  const validFile = join(DATA, 'kcs_valid.csv');
  if (!existsSync(trainFile) || !existsSync(validFile)) {
    console.error(`no KCS declarations in ${DATA} (kcs_train.csv, kcs_valid.csv); pass --data DIR`);
    process.exitCode = 2;
    return;
  }
  let t = performance.now();
  const train = await loadKcsDeclarations(trainFile);
  const valid = await loadKcsDeclarations(validFile);
  const readSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const trained = trainKcsModel(train, { seed: SEED, ...(ROUNDS === undefined ? {} : { rounds: ROUNDS }) });
  const trainSeconds = (performance.now() - t) / 1000;

  const score = kcsScorer(trained.model, trained.pipeline);
  const rates: number[] = [];
  let scores: ArrayLike<number> = [];
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    scores = score(valid);
    rates.push(valid.length / ((performance.now() - t) / 1000));
  }
  const e = evaluateKcs(valid, scores, 'duty');
  const byValue = evaluateKcs(valid, scores, 'value');
  const at = (p: number) => e.at.find((a) => a.percent === p)!;
  const report = {
    data: { train: train.length, valid: valid.length, validFraudRate: round3(e.positives / e.rows) },
    model: {
      trees: trained.model.trees.length,
      features: trained.model.features.length,
      earlyStoppingRows: trained.log.validRows,
      bytes: serializeModel(trained.model, { pipeline: trained.pipeline }).length,
      topFeatures: trained.model.importance.slice(0, 10).map((i) => i.feature),
    },
    valid: {
      auc: round3(e.auc),
      precision: Object.fromEntries(e.at.map((a) => [`${a.percent}%`, round3(a.precision)])),
      recall: Object.fromEntries(e.at.map((a) => [`${a.percent}%`, round3(a.recall)])),
      revenueDuty: Object.fromEntries(e.at.map((a) => [`${a.percent}%`, round3(a.revenue)])),
      revenueValue: Object.fromEntries(byValue.at.map((a) => [`${a.percent}%`, round3(a.revenue)])),
    },
    published: {
      split: 'test (2021 Q2, held back)',
      lightgbm: { '5%': 0.762, '10%': 0.641 },
      xgboost: { '5%': 0.675, '10%': 0.579 },
    },
    vsLightgbm: { '5%': round3(at(5).precision - 0.762), '10%': round3(at(10).precision - 0.641) },
    timing: {
      readSeconds: round3(readSeconds),
      trainSeconds: round3(trainSeconds),
      scoredPerSecond: Math.round(median(rates)),
      runs: RUNS,
      seed: SEED,
      node: process.version,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
