import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import { filingFeatures, trainFilingModel, unitShape } from './filing-features.js';
import {
  bandOf,
  checkFilingPipeline,
  checkThresholds,
  FILING_PIPELINE_KIND,
  FilingModel,
  type FilingPipeline,
  filingFeaturesMismatch,
} from './filing-model.js';
import { scorer } from './gbdt.js';
import { createRng } from './prng.js';

const filing = (id: string, hts: string, line1: string, usd = 40): Filing => ({
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
    address: { line1, city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  },
  grossWeightKg: 1,
  declaredValue: usd,
  currency: 'USD',
  claim: 'section321',
  lines: [{ hts, description: 'goods', quantity: 1, unit: 'PCS', value: usd, currency: 'USD', origin: 'CN' }],
});

const PIPELINE: FilingPipeline = {
  kind: FILING_PIPELINE_KIND,
  version: 1,
  thresholds: { low: 0.2, medium: 0.4, high: 0.6, critical: null },
  precisionTargets: { low: 0.1, medium: 0.25, high: 0.5, critical: 0.8 },
};

/** A model where chapter-29 lines to a private mailbox are at fault. */
function trained() {
  const rng = createRng(5);
  const rows = Array.from({ length: 800 }, (_, i) => {
    const chem = rng.next() < 0.3;
    const pmb = rng.next() < 0.3;
    const f = filing(
      `F${i}`,
      chem ? '2933.39.99.00' : '6109.10.00.40',
      pmb ? '30 N Gould St PMB 77' : '5 Elm St',
    );
    return {
      features: filingFeatures(f),
      label: chem && pmb ? rng.next() < 0.9 : rng.next() < 0.03,
      revenueUsd: 0,
    };
  });
  return trainFilingModel(rows, { rounds: 60, earlyStoppingRounds: 0, seed: 1 }).model;
}

describe('unitShape', () => {
  it('reads the shape of a consignee unit from the address as written', () => {
    expect(unitShape(['30 N Gould St Ste R', 'PMB 6077'])).toBe('pmb');
    expect(unitShape(['1 Main St', 'Private Mailbox 12'])).toBe('pmb');
    expect(unitShape(['5900 Balcones Dr Ste 100 #4180'])).toBe('suite-box');
    expect(unitShape(['8 Park Ave Suite 300'])).toBe('suite');
    expect(unitShape(['2137 N 3rd Ln', 'Apt 33'])).toBe('apartment');
    expect(unitShape(['2810 N Church St #123'])).toBe('hash');
    expect(unitShape(['5 Elm Street', undefined])).toBe('none');
  });
});

describe('FilingModel', () => {
  const model = trained();
  const m = new FilingModel(model, PIPELINE, 'abc');
  const risky = filing('R', '2933.39.99.00', '30 N Gould St PMB 77');
  const clean = filing('C', '6109.10.00.40', '5 Elm St');

  it('scores one filing exactly as the batch scorer does', () => {
    const batch = scorer(model).probabilities([filingFeatures(risky), filingFeatures(clean)]);
    expect(m.probability(risky)).toBe(batch[0]);
    expect(m.probability(clean)).toBe(batch[1]);
    expect(m.probability(risky)).toBeGreaterThan(0.6);
    expect(m.probability(clean)).toBeLessThan(0.1);
  });

  it('names the features that pushed a score up', () => {
    const e = m.explain(risky, 2);
    expect(e.probability).toBe(m.probability(risky));
    expect(e.top).toHaveLength(2);
    expect(e.top.map((t) => t.feature).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(consigneeUnit|hts\w+)$/)]),
    );
    expect(e.top[0]!.effect).toBeGreaterThanOrEqual(e.top[1]!.effect);
    expect(e.top.every((t) => t.effect > 0)).toBe(true);
  });

  it('bands a probability by its thresholds; a null band is never given', () => {
    const t = PIPELINE.thresholds;
    expect(bandOf(0.1, t)).toBe('none');
    expect(bandOf(0.2, t)).toBe('low');
    expect(bandOf(0.59, t)).toBe('medium');
    expect(bandOf(0.99, t)).toBe('high');
  });
});

describe('checkFilingPipeline', () => {
  it('accepts the pipeline of a model trained on filings', () => {
    expect(checkFilingPipeline(PIPELINE)).toEqual({ ok: true, pipeline: PIPELINE });
  });

  it('refuses another source, version or thresholds with MODEL_PIPELINE', () => {
    const bad = [
      undefined,
      { kind: 'kcs', version: 1 },
      { ...PIPELINE, version: 2 },
      { ...PIPELINE, thresholds: { low: 0.5, medium: 0.4, high: 0.6, critical: null } },
      { ...PIPELINE, thresholds: { low: 0.2, medium: null, high: 0.6, critical: null } },
      { ...PIPELINE, thresholds: { low: 2, medium: null, high: null, critical: null } },
      { ...PIPELINE, precisionTargets: { low: 0 } },
    ];
    for (const p of bad) expect(checkFilingPipeline(p)).toMatchObject({ ok: false, code: 'MODEL_PIPELINE' });
    expect(checkThresholds({ low: null, medium: null, high: null, critical: null }, 't')).toEqual({
      low: null,
      medium: null,
      high: null,
      critical: null,
    });
  });

  it('refuses a model reading features filings do not have', () => {
    expect(filingFeaturesMismatch(trained().features)).toBeUndefined();
    expect(filingFeaturesMismatch([{ name: 'Net Mass', kind: 'numeric' }])).toMatch(/Net Mass/);
    expect(filingFeaturesMismatch([{ name: 'origin', kind: 'numeric' }])).toMatch(/as numeric/);
  });
});
