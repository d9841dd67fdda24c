import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import { checkFilingPipeline } from './filing-model.js';
import {
  fitThresholds,
  labelOf,
  outcomeRows,
  type StoredOutcome,
  selectionOf,
  stratifiedFolds,
  tooFewOutcomes,
  trainFromOutcomes,
} from './filing-outcomes.js';
import { type FeatureDef, trainGbdt } from './index.js';
import { parseModel, serializeModel } from './model-format.js';
import { createRng } from './prng.js';

const filing = (id: string, hts: string, usd = 40): Filing => ({
  type: 'filing',
  id,
  version: 1,
  kind: 'type86',
  mode: 'air',
  filer: { code: 'BRK9', name: 'Test Brokerage', role: 'broker' },
  conveyanceId: 'FL1',
  portOfEntry: '4701',
  filedAt: '2025-08-20T10:00:00Z',
  shipper: { name: 'Bright Star', address: { line1: '12 Industrial Rd', city: 'Shenzhen', country: 'CN' } },
  consignee: {
    name: 'Ann Lee',
    address: { line1: '5 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  },
  grossWeightKg: 1,
  declaredValue: usd,
  currency: 'USD',
  claim: 'section321',
  lines: [{ hts, description: 'goods', quantity: 1, unit: 'PCS', value: usd, currency: 'USD', origin: 'CN' }],
});

const outcome = (id: string, o: Partial<StoredOutcome> = {}): StoredOutcome => ({
  caseId: `${id}.v1`,
  filing: filing(id, '6109.10.00.40'),
  exam: null,
  disposition: null,
  penaltiesUsd: 0,
  valueUsd: 40,
  selection: 'targeted',
  ...o,
});

describe('labelOf', () => {
  it('labels what an exam found or how the case ended, and leaves the rest out', () => {
    const cases: [Partial<StoredOutcome>, boolean | null][] = [
      [{ exam: 'discrepancy', disposition: 'released' }, true],
      [{ exam: 'seizure-worthy', disposition: 'seized' }, true],
      [{ exam: null, disposition: 'denied-entry' }, true],
      [{ exam: 'no-discrepancy', disposition: 'denied-entry' }, true],
      [{ exam: 'no-discrepancy', disposition: null }, false],
      [{ exam: 'no-discrepancy', disposition: 'released' }, false],
      [{ exam: null, disposition: 'released' }, false],
      [{ exam: null, disposition: 'abandoned' }, null],
      [{ exam: null, disposition: 'returned-to-sender' }, null],
      [{ exam: null, disposition: null }, null],
    ];
    for (const [o, label] of cases) expect(labelOf(outcome('X', o)).label, JSON.stringify(o)).toBe(label);
    expect(labelOf(outcome('X', { disposition: 'abandoned' })).basis).toBe('closed abandoned, no exam');
  });

  it('tells a random-selection exam from a targeted one by the lane reason', () => {
    expect(selectionOf({ randomlySelected: true, reasons: ['random selection 1 %: red'] })).toBe('random');
    // Selected, but the rules had put it in red already: the rules chose this exam.
    expect(
      selectionOf({ randomlySelected: true, reasons: ['precursor-cas critical puts it at least in red'] }),
    ).toBe('targeted');
    expect(selectionOf({ randomlySelected: false, reasons: ['score 30 ≥ yellow 25'] })).toBe('targeted');
  });
});

describe('outcomeRows', () => {
  const outcomes = [
    outcome('A', { exam: 'discrepancy', disposition: 'denied-entry', valueUsd: 120, penaltiesUsd: 5000 }),
    outcome('B', { exam: 'no-discrepancy', disposition: 'released', selection: 'random' }),
    outcome('C', { exam: 'no-discrepancy', disposition: 'released', selection: 'random' }),
    outcome('D', { disposition: 'abandoned' }),
  ];

  it('weighs a random exam for the filings the rules let through, and counts each kind', () => {
    const { rows, summary } = outcomeRows(outcomes, { notTargeted: 500 });
    expect(rows.map((r) => [r.caseId, r.label, r.weight, r.revenueUsd])).toEqual([
      ['A.v1', true, 1, 120],
      ['B.v1', false, 250, 40],
      ['C.v1', false, 250, 40],
    ]);
    expect(summary).toEqual({
      cases: 4,
      labelled: 3,
      positives: 1,
      targeted: { outcomes: 1, positives: 1, weight: 1 },
      random: { outcomes: 2, positives: 0, weight: 250, population: 500 },
      unlabelled: { 'closed abandoned, no exam': 1 },
    });
    const given = outcomeRows(outcomes, { notTargeted: 500 }, { randomWeight: 3, revenue: 'penalty' });
    expect(given.rows.map((r) => [r.weight, r.revenueUsd])).toEqual([
      [1, 5000],
      [3, 0],
      [3, 0],
    ]);
  });

  it('says how many outcomes there are and how many training needs', () => {
    const { summary } = outcomeRows(outcomes, { notTargeted: 500 });
    expect(tooFewOutcomes(summary)).toBe(
      'too few labelled outcomes to train: 3 (1 at fault, 2 clean) from 4 cases; training needs at least 50, with at least 10 at fault and 10 clean. Record exam results and close cases, then train again',
    );
    expect(tooFewOutcomes({ cases: 60, labelled: 60, positives: 10 })).toBeUndefined();
    expect(tooFewOutcomes({ cases: 60, labelled: 60, positives: 55 })).toMatch(/55 at fault, 5 clean/);
  });
});

describe('fitThresholds', () => {
  const targets = { low: 0.2, medium: 0.5, high: 0.75, critical: 1 };

  it('puts each band at the lowest score whose outcomes above reach its precision', () => {
    // Scores 0.9 … 0.1; at fault: 0.9, 0.8, 0.7, 0.5, 0.3. Precision at or above each score, from 0.7
    // (three at fault): 1, 0.75, 0.8, 0.67, 0.71, 0.63, 0.56.
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const labels = [true, true, true, false, true, false, true, false, false];
    const w = labels.map(() => 1);
    expect(fitThresholds(scores, labels, w, targets)).toEqual({
      low: 0.1,
      medium: 0.1,
      high: 0.5,
      critical: 0.7,
    });
    // A clean outcome weighing 10 (a random exam) at 0.6 pulls precision below it down hard.
    const heavy = w.map((x, i) => (i === 3 ? 10 : x));
    expect(fitThresholds(scores, labels, heavy, targets)).toEqual({
      low: 0.1,
      medium: 0.7,
      high: 0.7,
      critical: 0.7,
    });
    // Fewer than 3 at-fault outcomes above a score: no threshold there.
    expect(fitThresholds([0.9, 0.8], [true, true], [1, 1], targets)).toEqual({
      low: null,
      medium: null,
      high: null,
      critical: null,
    });
  });

  it('with the screened population, counts how many filings a threshold would flag', () => {
    const scores = [0.9, 0.8, 0.7, 0.6];
    const labels = [true, true, true, false];
    const population = Float64Array.from([0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.1]);
    // At 0.7: 3 at fault of the 6 filings scoring ≥ 0.7 (0.5); at 0.6: 3 of 7 (0.43).
    expect(fitThresholds(scores, labels, [1, 1, 1, 1], targets, { population })).toEqual({
      low: 0.6,
      medium: 0.7,
      high: null,
      critical: null,
    });
  });
});

describe('sample weights', () => {
  it('a row of weight 2 counts as the row twice', () => {
    const defs: FeatureDef[] = [
      { name: 'x', kind: 'numeric' },
      { name: 'y', kind: 'numeric' },
    ];
    const rng = createRng(4);
    const rows = Array.from({ length: 300 }, () => ({ x: rng.int(40), y: rng.int(7) }));
    const labels = rows.map((r) => (r.x > 25 && r.y > 2 ? rng.next() < 0.8 : rng.next() < 0.1));
    const weights = rows.map((_, i) => (i % 3 === 0 ? 2 : 1));
    const twice = rows.flatMap((r, i) => (weights[i] === 2 ? [r, r] : [r]));
    const twiceLabels = labels.flatMap((l, i) => (weights[i] === 2 ? [l, l] : [l]));
    const p = {
      rounds: 20,
      earlyStoppingRounds: 0,
      validFraction: 0,
      rowSample: 1,
      colSample: 1,
      minLeaf: 1,
    };
    const a = trainGbdt(defs, { rows, labels, weights }, p).model;
    const b = trainGbdt(defs, { rows: twice, labels: twiceLabels }, p).model;
    expect(a.baseScore).toBeCloseTo(b.baseScore, 12);
    expect(a.trees.length).toBe(b.trees.length);
    for (let t = 0; t < a.trees.length; t++) expect(a.trees[t]!.nodes.length).toBe(b.trees[t]!.nodes.length);
    expect(() => trainGbdt(defs, { rows, labels, weights: weights.map(() => 0) }, p)).toThrow(
      /weight of row 0/,
    );
    expect(() => trainGbdt(defs, { rows, labels, weights: [1] }, p)).toThrow(/differ in length/);
  });
});

describe('trainFromOutcomes', () => {
  it('trains, fits the bands out of fold, and writes a model that loads back as a filing model', () => {
    const rng = createRng(8);
    const outcomes = Array.from({ length: 300 }, (_, i) => {
      const chem = rng.next() < 0.3;
      const atFault = chem ? rng.next() < 0.85 : rng.next() < 0.05;
      return outcome(`F${i}`, {
        filing: filing(`F${i}`, chem ? '2933.39.99.00' : '6109.10.00.40', 5 + rng.int(300)),
        exam: atFault ? 'discrepancy' : 'no-discrepancy',
        selection: i % 4 === 0 ? 'random' : 'targeted',
      });
    });
    const { rows } = outcomeRows(outcomes, { notTargeted: 3000 });
    const t = trainFromOutcomes(rows, { seed: 2, rounds: 80 });
    expect(t.outOfFold.rows).toBe(300);
    expect(t.outOfFold.auc).toBeGreaterThan(0.85);
    const b = t.pipeline.thresholds;
    expect(b.low).not.toBeNull();
    expect(b.low!).toBeLessThanOrEqual(b.medium ?? 1);
    const loaded = parseModel(serializeModel(t.model, { pipeline: t.pipeline }));
    if (!loaded.ok) throw new Error(loaded.message);
    expect(checkFilingPipeline(loaded.pipeline)).toMatchObject({ ok: true, pipeline: t.pipeline });
    // Deterministic for a seed.
    expect(serializeModel(trainFromOutcomes(rows, { seed: 2, rounds: 80 }).model)).toBe(
      serializeModel(t.model),
    );
  });

  it('splits folds with each class spread evenly', () => {
    const labels = Array.from({ length: 100 }, (_, i) => i < 20);
    const f = stratifiedFolds(labels, 5, 1);
    for (let k = 0; k < 5; k++) {
      expect(labels.filter((l, i) => l && f[i] === k)).toHaveLength(4);
      expect(labels.filter((l, i) => !l && f[i] === k)).toHaveLength(16);
    }
  });
});
