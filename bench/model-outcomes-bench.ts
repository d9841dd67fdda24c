/**
 * `npm run bench:model-outcomes`: the learned model trained from exam outcomes stored in the system.
 *   1. generates a day (`minimis generate`), screens it with the rules into a SQLite store;
 *   2. works the case of every held shipment through the case workflow: planted precursors and pill
 *      presses are seized, planted mail drops and weight/value outliers found with a discrepancy (denied
 *      entry), everything else released clean — the random selection's exams included;
 *   3. trains the model from the store (as `minimis model train --db`);
 *   4. generates a second day (another seed and date) and measures how the model alone ranks its planted
 *      risky filings against the ground truth, and what the model changes in the lanes when it takes part
 *      in scoring (`minimis screen --model`), beside the same screening without it.
 * Prints one JSON document. Usage: node dist/bench/model-outcomes-bench.js [--filings N] [--seed S] [--workers W]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFilingModel } from '../src/adapters/model/model-file.js';
import { readSqliteOutcomes, sqlitePopulation } from '../src/adapters/model/sqlite-outcomes.js';
import { loadDefaultReferenceData } from '../src/adapters/refdata/default-reference-data.js';
import { DEFAULT_RULES, loadTargeting } from '../src/adapters/risk/load-targeting.js';
import { SqliteStore } from '../src/adapters/storage/sqlite/sqlite-store.js';
import { choosePolicy } from '../src/cli/policy-command.js';
import type { Decision } from '../src/core/decision/index.js';
import { checkRecord } from '../src/core/filing/check-record.js';
import type { FilingLike } from '../src/core/filing/schema.js';
import { outcomeRows, trainFromOutcomes } from '../src/core/model/filing-outcomes.js';
import { evaluateRanking, inspectedCount, inspectionOrder } from '../src/core/model/metrics.js';
import { serializeModel } from '../src/core/model/model-format.js';
import { type PlantedKind, type Truth, writeGeneratedDay } from '../src/generate/index.js';
import { screenFiles } from '../src/ingest/screen-files.js';
import { plantedCaseQuality } from './planted-case-quality.js';
import { type ExamFinding, recordExams } from './record-exams.js';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const FILINGS = Number(arg('filings') ?? 30_000);
const SEED = Number(arg('seed') ?? 7);
const WORKERS = Number(arg('workers') ?? Math.max(1, availableParallelism() - 1));

/** What the officer finds when examining a planted filing; every other filing is clean. */
export const PLANTED_FINDINGS: Readonly<Partial<Record<PlantedKind, ExamFinding>>> = {
  precursor: 'seizure-worthy',
  'pill-press': 'seizure-worthy',
  'private-mailbox': 'discrepancy',
  'weight-value-outlier': 'discrepancy',
};

const policy = choosePolicy('ace-2025-08-12').policy;
const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

function risky(truth: Truth): Map<string, { kind: PlantedKind; finding: ExamFinding }> {
  const m = new Map<string, { kind: PlantedKind; finding: ExamFinding }>();
  for (const p of truth.planted) {
    const finding = PLANTED_FINDINGS[p.kind];
    if (finding !== undefined) for (const id of p.filingIds) m.set(id, { kind: p.kind, finding });
  }
  return m;
}

async function screen(
  day: string,
  db: string,
  model?: string,
): Promise<{ decisions: Decision[]; seconds: number }> {
  const refFiles = { riskRules: DEFAULT_RULES(), ...(model === undefined ? {} : { riskModel: model }) };
  const store = new SqliteStore(db);
  try {
    const counts = await screenFiles([day], {
      store,
      ref: loadDefaultReferenceData(refFiles),
      refFiles,
      policy,
      workers: WORKERS,
      targeting: loadTargeting(undefined, undefined, [], model),
    });
    return { decisions: [...store.decisions()], seconds: counts.seconds };
  } finally {
    store.close();
  }
}

function filingsOf(path: string): FilingLike[] {
  const out: FilingLike[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = checkRecord(JSON.parse(line));
    if (r.ok && r.record.type === 'filing') out.push(r.record);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'minimis-model-outcomes-'));
  try {
    const day1 = join(dir, 'day1.ndjson');
    const truth1 = await writeGeneratedDay({ filings: FILINGS, seed: SEED, day: '2025-08-20' }, day1);
    const risky1 = risky(truth1);
    const db1 = join(dir, 'day1.db');
    await screen(day1, db1);
    const exams = recordExams(db1, (id) => risky1.get(id)?.finding ?? 'no-discrepancy');

    let t = performance.now();
    const stored = readSqliteOutcomes(db1);
    const { rows, summary } = outcomeRows(stored.outcomes, { notTargeted: stored.notTargeted });
    const trained = trainFromOutcomes(rows, { seed: 1, population: sqlitePopulation(db1) });
    const trainSeconds = (performance.now() - t) / 1000;
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, serializeModel(trained.model, { pipeline: trained.pipeline }));

    const day2 = join(dir, 'day2.ndjson');
    const truth2 = await writeGeneratedDay({ filings: FILINGS, seed: SEED + 1, day: '2025-08-21' }, day2);
    const risky2 = risky(truth2);

    // The model alone, over every filing of day 2 against the ground truth.
    const model = loadFilingModel(modelFile);
    const filings = filingsOf(day2);
    t = performance.now();
    const scores = filings.map((f) => model.probability(f));
    const scoringPerSecond = filings.length / ((performance.now() - t) / 1000);
    const ranking = evaluateRanking(
      filings.map((f, i) => ({ score: scores[i]!, label: risky2.has(f.id), revenue: 0 })),
    );
    const order = inspectionOrder(scores);
    const byKind: Record<string, Record<string, number>> = {};
    for (const percent of [1, 5]) {
      const top = new Set(
        Array.from(order.subarray(0, inspectedCount(filings.length, percent)), (i) => filings[i]!.id),
      );
      for (const kind of Object.keys(PLANTED_FINDINGS)) {
        const ids = [...risky2].filter(([, v]) => v.kind === kind).map(([id]) => id);
        byKind[kind] ??= { planted: ids.length };
        byKind[kind]![`recallAt${percent}`] = round3(ids.filter((id) => top.has(id)).length / ids.length)!;
      }
    }

    // The rules alone, and the rules with the model taking part, over day 2.
    const rulesOnly = await screen(day2, join(dir, 'day2-rules.db'));
    const withModel = await screen(day2, join(dir, 'day2-model.db'), modelFile);
    const laneOf = new Map(rulesOnly.decisions.map((d) => [d.filingId, d.lane]));
    const moved: Record<string, number> = {};
    let modelHits = 0;
    for (const d of withModel.decisions) {
      const before = laneOf.get(d.filingId);
      if (before !== undefined && before !== d.lane)
        moved[`${before}→${d.lane}`] = (moved[`${before}→${d.lane}`] ?? 0) + 1;
      if (d.risk.rules.some((r) => r.rule === 'model' && r.band !== 'none')) modelHits++;
    }
    const quality = (ds: Decision[]) => plantedCaseQuality(ds, truth2.planted).lanes;

    console.log(
      JSON.stringify(
        {
          filingsPerDay: FILINGS,
          seed: SEED,
          day1: { exams, outcomes: summary, screened: stored.screened },
          training: {
            seconds: round3(trainSeconds),
            trees: trained.model.trees.length,
            thresholds: trained.pipeline.thresholds,
            bandCounts: trained.population?.perBand,
            outOfFoldAuc: round3(trained.outOfFold.auc),
            topFeatures: trained.model.importance.slice(0, 8).map((i) => i.feature),
          },
          day2ModelAlone: {
            filings: ranking.rows,
            plantedRisky: ranking.positives,
            baseRate: round3(ranking.positives / ranking.rows),
            auc: round3(ranking.auc),
            at: ranking.at.map((a) => ({
              percent: a.percent,
              inspected: a.inspected,
              precision: round3(a.precision),
              recall: round3(a.recall),
            })),
            byKind,
            scoringPerSecond: Math.round(scoringPerSecond),
          },
          day2Lanes: {
            rulesOnly: {
              ...quality(rulesOnly.decisions),
              filingsPerSecond: Math.round(FILINGS / rulesOnly.seconds),
            },
            withModel: {
              ...quality(withModel.decisions),
              modelHits,
              filingsPerSecond: Math.round(FILINGS / withModel.seconds),
            },
            moved,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
