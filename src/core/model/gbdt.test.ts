import { describe, expect, it } from 'vitest';
import type { FeatureDef, FeatureRow } from './features.js';
import { scorer, trainGbdt } from './gbdt.js';
import { auc } from './metrics.js';
import { parseModel, serializeModel } from './model-format.js';
import { createRng } from './prng.js';

const XY: FeatureDef[] = [
  { name: 'x', kind: 'numeric' },
  { name: 'y', kind: 'numeric' },
  { name: 'noise', kind: 'numeric' },
];

/** Label = x > 0.5 XOR y > 0.5, which no single split (and no linear model) separates. */
function xor(n: number, seed: number): { rows: FeatureRow[]; labels: boolean[] } {
  const rng = createRng(seed);
  const rows: FeatureRow[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next();
    const y = rng.next();
    rows.push({ x, y, noise: rng.next() });
    labels.push(x > 0.5 !== y > 0.5);
  }
  return { rows, labels };
}

const accuracy = (p: Float64Array, labels: readonly boolean[]) =>
  labels.filter((l, i) => p[i]! > 0.5 === l).length / labels.length;

const FAST = { rounds: 60, learningRate: 0.3, minLeaf: 5, earlyStoppingRounds: 0 } as const;

describe('trainGbdt', () => {
  it('learns XOR, which a constant model cannot', () => {
    const train = xor(2000, 1);
    const test = xor(1000, 2);
    const { model } = trainGbdt(XY, train, FAST);
    const p = scorer(model).probabilities(test.rows);
    expect(accuracy(p, test.labels)).toBeGreaterThan(0.95);
    const majority = Math.max(...[true, false].map((v) => test.labels.filter((l) => l === v).length));
    expect(majority / test.labels.length).toBeLessThan(0.6);
    expect(
      model.importance
        .slice(0, 2)
        .map((i) => i.feature)
        .sort(),
    ).toEqual(['x', 'y']);
  });

  it('finds a threshold and sends missing values the way the data says', () => {
    // Positive when v > 3, and every missing v is positive too.
    const rows: FeatureRow[] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 600; i++) {
      const v = i % 10 === 0 ? null : (i % 7) - 1;
      rows.push({ v });
      labels.push(v === null || v > 3);
    }
    const { model } = trainGbdt([{ name: 'v', kind: 'numeric' }], { rows, labels }, FAST);
    const p = scorer(model).probabilities([{ v: 3 }, { v: 3.9 }, { v: 5 }, { v: null }, { v: -1 }, {}]);
    expect(Array.from(p, (x) => x > 0.5)).toEqual([false, true, true, true, false, true]);
  });

  it('splits categorical levels into groups and sends unseen levels one way', () => {
    const levels = ['a', 'b', 'c', 'd', 'e', 'f'];
    const bad = new Set(['b', 'e']);
    const rows: FeatureRow[] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < 1200; i++) {
      const c = levels[i % levels.length]!;
      rows.push({ c });
      labels.push(bad.has(c));
    }
    const { model } = trainGbdt([{ name: 'c', kind: 'categorical' }], { rows, labels }, FAST);
    const p = scorer(model).probabilities([...levels.map((c) => ({ c })), { c: 'never-seen' }]);
    expect(Array.from(p.slice(0, 6), (x) => x > 0.5)).toEqual([false, true, false, false, true, false]);
    expect(Number.isFinite(p[6]!)).toBe(true);
  });

  it('ranks better than the constant prior on a noisy threshold', () => {
    const rng = createRng(9);
    const mk = (n: number) => {
      const rows: FeatureRow[] = [];
      const labels: boolean[] = [];
      for (let i = 0; i < n; i++) {
        const a = rng.next();
        rows.push({ x: a, y: rng.next(), noise: rng.next() });
        labels.push(rng.next() < 0.1 + 0.8 * a);
      }
      return { rows, labels };
    };
    const train = mk(3000);
    const test = mk(1000);
    const { model, log } = trainGbdt(XY, train, { seed: 3 });
    expect(log.validRows).toBe(300);
    expect(log.bestRounds).toBeLessThan(400);
    const p = scorer(model).probabilities(test.rows);
    const score = auc(test.labels.map((label, i) => ({ label, score: p[i]! })))!;
    const constant = auc(test.labels.map((label) => ({ label, score: 0.5 })))!;
    expect(constant).toBe(0.5);
    expect(score).toBeGreaterThan(0.75);
  });

  it('is deterministic for a seed and differs across seeds when subsampling', () => {
    const train = xor(800, 4);
    const opts = { ...FAST, rounds: 20, rowSample: 0.7, colSample: 0.67 };
    const a = trainGbdt(XY, train, { ...opts, seed: 5 }).model;
    const b = trainGbdt(XY, train, { ...opts, seed: 5 }).model;
    const c = trainGbdt(XY, train, { ...opts, seed: 6 }).model;
    expect(serializeModel(a)).toBe(serializeModel(b));
    expect(serializeModel(a)).not.toBe(serializeModel(c));
  });

  it('saves and loads to identical predictions', () => {
    const train = xor(1000, 7);
    const rows: FeatureRow[] = [...xor(200, 8).rows, { x: null, y: 0.2 }, {}];
    const { model } = trainGbdt(XY, train, { ...FAST, seed: 11 });
    const text = serializeModel(model, { pipeline: { kind: 'test' }, meta: { rows: 1000 } });
    const loaded = parseModel(text);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.pipeline).toEqual({ kind: 'test' });
    expect(Array.from(scorer(loaded.model).margins(rows))).toEqual(Array.from(scorer(model).margins(rows)));
    expect(loaded.model.importance).toEqual(model.importance);
  });

  it('refuses bad parameters', () => {
    const train = xor(50, 1);
    expect(() => trainGbdt(XY, train, { rowSample: 0 })).toThrow(/rowSample/);
    expect(() => trainGbdt(XY, train, { rounds: 0 })).toThrow(/rounds/);
  });
});

describe('parseModel', () => {
  const { model } = trainGbdt(XY, xor(300, 1), { ...FAST, rounds: 3 });
  const good = JSON.parse(serializeModel(model)) as Record<string, unknown>;
  const code = (doc: unknown) => {
    const r = parseModel(typeof doc === 'string' ? doc : JSON.stringify(doc));
    return r.ok ? 'ok' : r.code;
  };

  it('tells why a file is not a model', () => {
    expect(code(good)).toBe('ok');
    expect(code('{"format": ')).toBe('MODEL_JSON');
    expect(code({ format: 'lightgbm' })).toBe('MODEL_FORMAT');
    expect(code({ ...good, version: 2 })).toBe('MODEL_VERSION');
    expect(code({ ...good, baseScore: 'x' })).toBe('MODEL_SHAPE');
    expect(code({ ...good, binnings: [] })).toBe('MODEL_SHAPE');
  });

  it('refuses a tree that points backwards or at a bin the feature does not have', () => {
    const loop = {
      ...good,
      trees: [{ nodes: [{ feature: 0, bin: 1, missingLeft: true, left: 0, right: 1 }, { leaf: 0 }] }],
    };
    expect(code(loop)).toBe('MODEL_SHAPE');
    const bin = {
      ...good,
      trees: [
        { nodes: [{ feature: 0, bin: 999, missingLeft: true, left: 1, right: 2 }, { leaf: 0 }, { leaf: 1 }] },
      ],
    };
    expect(code(bin)).toBe('MODEL_SHAPE');
  });
});
