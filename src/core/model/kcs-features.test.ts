import { describe, expect, it } from 'vitest';
import type { KcsDeclaration } from './kcs-declaration.js';
import { kcsRevenue } from './kcs-declaration.js';
import { fitKcsPipeline, kcsFeatureDefs, kcsFeatures } from './kcs-features.js';
import { checkKcsPipeline, evaluateKcs, kcsScorer, trainKcsModel } from './kcs-model.js';
import { parseModel, serializeModel } from './model-format.js';
import { createRng } from './prng.js';

const decl = (i: number, extra: Partial<KcsDeclaration> = {}): KcsDeclaration => ({
  declarationId: String(10000000 + i),
  date: '2020-03-04',
  officeId: '30',
  processType: 'B',
  importType: '11',
  importUse: '21',
  paymentType: '11',
  transportMode: '10',
  declarantId: `D${i % 7}`,
  importerId: `I${i % 50}`,
  sellerId: i % 3 === 0 ? '' : `S${i % 11}`,
  courierId: '',
  hsCode: '440890',
  departureCountry: 'CN',
  originCountry: 'CN',
  taxRate: 8,
  taxType: 'A',
  originIndicator: 'G',
  netMassKg: 100,
  itemPriceKrw: 50000,
  fraud: false,
  criticalFraud: 0,
  ...extra,
});

/** Fraud only on HS 610910 from VN declared under tax type FVN1: a cross no single column shows. */
function synthetic(n: number, seed: number): KcsDeclaration[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const hsCode = rng.next() < 0.5 ? '610910' : '440890';
    const originCountry = rng.next() < 0.5 ? 'VN' : 'CN';
    const taxType = rng.next() < 0.5 ? 'FVN1' : 'A';
    const hot = hsCode === '610910' && originCountry === 'VN' && taxType === 'FVN1';
    const fraud = rng.next() < (hot ? 0.85 : 0.08);
    return decl(i, {
      hsCode,
      originCountry,
      taxType,
      itemPriceKrw: 1000 + rng.int(100000),
      netMassKg: 1 + rng.int(500),
      fraud,
      criticalFraud: fraud ? 1 : 0,
    });
  });
}

describe('KCS features', () => {
  it('never uses the labels as features', () => {
    const train = synthetic(400, 1);
    const { pipeline } = fitKcsPipeline(train);
    const names = kcsFeatureDefs(pipeline).map((d) => d.name.toLowerCase());
    expect(names.filter((n) => n.includes('fraud'))).toEqual([]);
    // Flipping a new declaration's labels changes nothing in its features.
    const a = kcsFeatures(pipeline, [decl(1, { fraud: true, criticalFraud: 2 })]);
    const b = kcsFeatures(pipeline, [decl(1, { fraud: false, criticalFraud: 0 })]);
    expect(a).toEqual(b);
  });

  it("encodes a training row's key out of fold: its own label does not move its encoding", () => {
    // One key seen once: out of fold it has no other rows, so it encodes as the prior whatever its label.
    const train = [...synthetic(200, 2), decl(999, { importerId: 'ONLY-ONCE', fraud: true })];
    const { pipeline, rows } = fitKcsPipeline(train);
    const last = rows[rows.length - 1]!;
    expect(last['te:importer']).toBeCloseTo(pipeline.prior, 12);
    expect(last['n:importer']).toBe(0);
    // For a new row the full training table is used: the importer's one fraud shows.
    const [fresh] = kcsFeatures(pipeline, [decl(5, { importerId: 'ONLY-ONCE' })]);
    expect(fresh!['te:importer']).toBeCloseTo((1 + 2 * pipeline.prior) / 3, 12);
    expect(fresh!['n:importer']).toBe(1);
  });

  it('derives unit values and date parts without the labels', () => {
    const train = [
      decl(1, { itemPriceKrw: 1000, netMassKg: 10 }),
      decl(2, { itemPriceKrw: 4000, netMassKg: 10 }),
    ];
    const { pipeline } = fitKcsPipeline(train);
    const [f] = kcsFeatures(pipeline, [decl(3, { itemPriceKrw: 200, netMassKg: 10, date: '2021-01-03' })]);
    expect(f!.logUnitValue).toBeCloseTo(Math.log(20), 12);
    expect(f!.relUnitValueHs6).toBeCloseTo(Math.log(20) - (Math.log(100) + Math.log(400)) / 2, 12);
    expect([f!.month, f!.weekday, f!.dayOfMonth]).toEqual([1, 0, 3]);
  });

  it('estimates revenue as the duty at the declared rate, or the declared value', () => {
    expect(kcsRevenue(decl(1), 'duty')).toBe(4000);
    expect(kcsRevenue(decl(1), 'value')).toBe(50000);
  });
});

describe('trainKcsModel', () => {
  it('finds the fraudulent cross and scores it the same after a save and load', () => {
    const train = synthetic(3000, 3);
    const valid = synthetic(1000, 4);
    const trained = trainKcsModel(train, { seed: 7, rounds: 40 });
    const scores = kcsScorer(trained.model, trained.pipeline)(valid);
    const e = evaluateKcs(valid, scores);
    const at5 = e.at.find((a) => a.percent === 5)!;
    // About 1 in 8 rows is in the hot cross and 85 % of those are fraud; the base rate is ~17 %.
    expect(at5.precision).toBeGreaterThan(0.7);
    const loaded = parseModel(serializeModel(trained.model, { pipeline: trained.pipeline }));
    if (!loaded.ok) throw new Error(loaded.message);
    const pipeline = checkKcsPipeline(loaded.pipeline);
    if (!pipeline.ok) throw new Error(pipeline.message);
    expect(Array.from(kcsScorer(loaded.model, pipeline.pipeline)(valid))).toEqual(Array.from(scores));
  });

  it('refuses a model without a KCS pipeline', () => {
    expect(checkKcsPipeline(undefined)).toMatchObject({ ok: false, code: 'MODEL_PIPELINE' });
    expect(
      checkKcsPipeline({ kind: 'kcs', version: 1, prior: 0.2, smoothing: 2, keys: ['nope'], tables: [{}] }),
    ).toMatchObject({
      ok: false,
      code: 'MODEL_PIPELINE',
    });
  });
});
