import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ExamFinding, recordExams } from '../../bench/record-exams.js';
import { loadFilingModel, ModelFileError } from '../adapters/model/model-file.js';
import { loadDefaultReferenceData } from '../adapters/refdata/default-reference-data.js';
import { DEFAULT_RULES, loadRiskRules, loadTargeting } from '../adapters/risk/load-targeting.js';
import { SqliteStore } from '../adapters/storage/sqlite/sqlite-store.js';
import { runModelEvaluate, runModelTrain } from '../cli/model-command.js';
import { type DbTrainSummary, TooFewOutcomesError } from '../cli/model-db-command.js';
import { choosePolicy } from '../cli/policy-command.js';
import { runShadow } from '../cli/shadow-command.js';
import type { Decision } from '../core/decision/index.js';
import { checkRecord } from '../core/filing/check-record.js';
import type { FilingLike } from '../core/filing/schema.js';
import { evaluateRanking } from '../core/model/metrics.js';
import { type PlantedKind, type Truth, writeGeneratedDay } from '../generate/index.js';
import { screenFiles } from '../ingest/screen-files.js';

/**
 * The learned model improves from exam outcomes stored in the system: a generated day is screened by the
 * rules, the held shipments (targeted and randomly selected) are examined through the case workflow and
 * the case store, a model is trained from the store, and on a second generated day it ranks the planted
 * risky filings above the clean ones and takes part in screening as the `model` rule.
 */
const FILINGS = 12_000;
const RISKY: Readonly<Partial<Record<PlantedKind, ExamFinding>>> = {
  precursor: 'seizure-worthy',
  'pill-press': 'seizure-worthy',
  'private-mailbox': 'discrepancy',
  'weight-value-outlier': 'discrepancy',
};

const dir = mkdtempSync(join(tmpdir(), 'minimis-model-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The ACE aggregation check alone, so that the dated law's suspensions do not reject most of the day.
const policy = choosePolicy('ace-2025-08-12').policy;
const modelFile = join(dir, 'model.json');

function findings(truth: Truth): Map<string, ExamFinding> {
  const m = new Map<string, ExamFinding>();
  for (const p of truth.planted) {
    const f = RISKY[p.kind];
    if (f !== undefined) for (const id of p.filingIds) m.set(id, f);
  }
  return m;
}

async function screen(day: string, db: string, model?: string): Promise<Map<string, Decision>> {
  const refFiles = { riskRules: DEFAULT_RULES(), ...(model === undefined ? {} : { riskModel: model }) };
  const store = new SqliteStore(db);
  try {
    await screenFiles([day], {
      store,
      ref: loadDefaultReferenceData(refFiles),
      refFiles,
      policy,
      targeting: loadTargeting(undefined, undefined, [], model),
    });
    return new Map([...store.decisions()].map((d) => [d.filingId, d]));
  } finally {
    store.close();
  }
}

/** Runs a CLI function with stdout captured. */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return await f();
  } finally {
    spy.mockRestore();
  }
}

let trained: DbTrainSummary;
let day2: { file: string; truth: Truth; risky: Map<string, ExamFinding> };
const db1 = join(dir, 'day1.db');

beforeAll(async () => {
  const file1 = join(dir, 'day1.ndjson');
  const truth1 = await writeGeneratedDay({ filings: FILINGS, seed: 31, day: '2025-08-20' }, file1);
  const risky1 = findings(truth1);
  await screen(file1, db1);
  recordExams(db1, (id) => risky1.get(id) ?? 'no-discrepancy');
  trained = (await quietly(() => runModelTrain({ db: db1, out: modelFile, json: true }))) as DbTrainSummary;
  const file2 = join(dir, 'day2.ndjson');
  const truth2 = await writeGeneratedDay({ filings: FILINGS, seed: 32, day: '2025-08-21' }, file2);
  day2 = { file: file2, truth: truth2, risky: findings(truth2) };
});

describe('a model trained from the exam outcomes in the store', () => {
  it('learns from the targeted exams and from the random selection, weighing the latter for the traffic it stands for', () => {
    const o = trained.outcomes;
    expect(o.targeted.outcomes).toBeGreaterThan(40);
    expect(o.targeted.positives).toBeGreaterThan(40);
    expect(o.random.outcomes).toBeGreaterThan(60);
    // Random exams stand for the filings the rules let through: about 1 / (1 % selection) each.
    expect(o.random.weight).toBeGreaterThan(60);
    expect(o.random.weight).toBeLessThan(160);
    expect(o.labelled).toBe(o.targeted.outcomes + o.random.outcomes);
    expect(o.labelled).toBe(o.cases);
    // Bands were fitted: a high band that flags a few hundred filings of the day at most.
    expect(trained.thresholds.high).not.toBeNull();
    expect(trained.bandCounts!.high).toBeLessThan(0.05 * trained.screened);
  });

  it('ranks the planted risky filings of another day above the clean ones', () => {
    const model = loadFilingModel(modelFile);
    const filings: FilingLike[] = [];
    for (const line of readFileSync(day2.file, 'utf8').split('\n')) {
      if (line === '') continue;
      const r = checkRecord(JSON.parse(line));
      if (r.ok && r.record.type === 'filing') filings.push(r.record);
    }
    const e = evaluateRanking(
      filings.map((f) => ({ score: model.probability(f), label: day2.risky.has(f.id), revenue: 0 })),
    );
    const base = e.positives / e.rows;
    const at = Object.fromEntries(e.at.map((a) => [a.percent, a]));
    expect(e.positives).toBeGreaterThan(50);
    // At most 0.7 / 0.35 / 0.14 are possible at 1 / 2 / 5 % with 0.7 % planted.
    expect(at[5]!.precision).toBeGreaterThan(10 * base);
    expect(at[1]!.precision).toBeGreaterThan(0.4);
    expect(e.auc).toBeGreaterThan(0.9);
  });

  it('takes part in screening as the model rule, with its band, weight and reasons', async () => {
    const db2 = join(dir, 'day2.db');
    const decisions = await screen(day2.file, db2, modelFile);
    const id = loadFilingModel(modelFile).id;
    const assigned = [...decisions.values()].filter((d) => d.lane !== 'unassigned');
    expect(assigned.length).toBeGreaterThan(FILINGS * 0.9);
    for (const d of assigned) {
      expect(d.risk.ruleSet).toBe(`default@2025-09-1+model:${id}`);
      const m = d.risk.rules.find((r) => r.rule === 'model');
      expect(m, d.filingId).toMatchObject({ weight: 0.5 });
      expect(m!.reason).toMatch(new RegExp(`^learned model ${id}: [01]\\.\\d{3} `));
      if (m!.band !== 'none')
        expect(m!.reason).toMatch(/ ≥ (low|medium|high|critical) [01]\.\d{3}; top features: \w+=/);
    }
    const banded = [...day2.risky.keys()].filter((fid) => {
      const m = decisions.get(fid)?.risk.rules.find((r) => r.rule === 'model');
      return m !== undefined && m.band !== 'none';
    });
    expect(banded.length / day2.risky.size).toBeGreaterThan(0.8);

    // Exams of the second day, evaluated from the store: the same JSON as for --kcs.
    recordExams(db2, (fid) => day2.risky.get(fid) ?? 'no-discrepancy');
    const e = await quietly(() => runModelEvaluate({ db: db2, model: modelFile, json: true }));
    expect(e).toMatchObject({ revenueBasis: 'value' });
    expect(e.at.map((a) => a.percent)).toEqual([1, 2, 5, 10]);
    expect(e.rows).toBeGreaterThan(100);
    expect(e.auc).toBeGreaterThan(0.9);
    expect(e.at[3]!.revenue).toBeGreaterThan(0);
  });

  it('runs as a draft in shadow mode beside the live rules without it', async () => {
    // The first 4,000 records of the day are enough to see lanes move.
    const part = join(dir, 'day2-part.ndjson');
    writeFileSync(part, `${readFileSync(day2.file, 'utf8').split('\n').slice(0, 4000).join('\n')}\n`);
    const report = await quietly(() => runShadow([part], { model: modelFile, json: true, max: 3 }));
    expect(report.shadow).toMatch(/\+model:[0-9a-f]{10}$/);
    expect(report.differentLane).toBeGreaterThan(0);
    expect(report.stricter).toBe(report.differentLane);
    expect(report.differences[0]!.shadow.reasons.join(' ')).toMatch(
      /^model|; model|model (low|medium|high|critical)/,
    );
  });

  it('says how many outcomes there are and how many it needs when there are too few', async () => {
    const empty = join(dir, 'empty.db');
    new SqliteStore(empty).close();
    const err = await quietly(() => runModelTrain({ db: empty, out: join(dir, 'x.json') })).catch((e) => e);
    expect(err).toBeInstanceOf(TooFewOutcomesError);
    expect(err.message).toMatch(
      /too few labelled outcomes to train: 0 \(0 at fault, 0 clean\) from 0 cases; training needs at least 50, with at least 10 at fault and 10 clean/,
    );
  });

  it('refuses a model of another version, shape or source with its code, leaving the configuration as it was', () => {
    const text = readFileSync(modelFile, 'utf8');
    const write = (name: string, doc: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
      return path;
    };
    const doc = JSON.parse(text);
    const cases: [string, unknown, string][] = [
      ['v2.json', { ...doc, version: 2 }, 'MODEL_VERSION'],
      [
        'shape.json',
        { ...doc, trees: [{ nodes: [{ feature: 999, bin: 1, left: 1, right: 2 }] }] },
        'MODEL_SHAPE',
      ],
      ['kcs.json', { ...doc, pipeline: { kind: 'kcs', version: 1 } }, 'MODEL_PIPELINE'],
      [
        'features.json',
        { ...doc, features: [{ name: 'Net Mass', kind: 'numeric' }, ...doc.features.slice(1)] },
        'MODEL_PIPELINE',
      ],
      ['junk.json', '{"format": "minimis-gbdt", ', 'MODEL_JSON'],
    ];
    const before = loadRiskRules();
    for (const [name, bad, code] of cases) {
      const path = write(name, bad);
      let err: unknown;
      try {
        loadTargeting(undefined, undefined, [], path);
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(ModelFileError);
      expect(err, name).toMatchObject({ code, file: path });
      expect(() => loadRiskRules(DEFAULT_RULES(), path), name).toThrow(code);
    }
    expect(before.label).toBe('default@2025-09-1');
    expect(before.enabled('model')).toBe(false);
    expect(loadRiskRules().label).toBe(before.label);
  });
});
