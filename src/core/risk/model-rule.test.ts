import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import { filingFeatures, trainFilingModel } from '../model/filing-features.js';
import { FILING_PIPELINE_KIND, FilingModel, type FilingPipeline } from '../model/filing-model.js';
import { createRng } from '../model/prng.js';
import { aConsignee, aFiling, aLine } from '../validation/test-support/filing-builder.js';
import { compileRuleSet } from './compile.js';
import { RiskMemory } from './memory.js';
import { scoreWithMemory } from './score.js';
import { staticRiskFacts } from './static-risk.js';
import { aRuleSet, compiled, RATES } from './test-support/rule-set-fixture.js';

const PIPELINE: FilingPipeline = {
  kind: FILING_PIPELINE_KIND,
  version: 1,
  thresholds: { low: 0.1, medium: 0.3, high: 0.6, critical: null },
  precisionTargets: { low: 0.1, medium: 0.25, high: 0.5, critical: 0.8 },
};

const chem = (id: string): Filing =>
  aFiling({ id, lines: [aLine({ hts: '2933.39.99.00', description: 'organic intermediate' })] });
const shirt = (id: string): Filing => aFiling({ id, consignee: aConsignee({ name: 'Mary Jones' }) });

/** A model where chapter-29 lines are at fault. */
const model = (() => {
  const rng = createRng(2);
  const rows = Array.from({ length: 600 }, (_, i) => {
    const risky = rng.next() < 0.3;
    return {
      features: filingFeatures(risky ? chem(`R${i}`) : shirt(`C${i}`)),
      label: risky ? rng.next() < 0.9 : rng.next() < 0.02,
      revenueUsd: 0,
    };
  });
  return new FilingModel(
    trainFilingModel(rows, { rounds: 60, earlyStoppingRounds: 0, seed: 1 }).model,
    PIPELINE,
    '0123456789',
  );
})();

describe('the model rule', () => {
  const rules = compiled();

  it('runs only with a model, on the stateless stage, and names the model in the rule set label', () => {
    expect(rules.enabled('model')).toBe(false);
    expect(staticRiskFacts(chem('A'), rules, RATES).outcomes.map((o) => o.rule)).not.toContain('model');
    const withModel = rules.withModel(model);
    expect(withModel.label).toBe('test@1+model:0123456789');
    expect(rules.label).toBe('test@1');
    expect(withModel.enabled('model')).toBe(true);
    const s = staticRiskFacts(chem('A'), withModel, RATES);
    const m = s.outcomes.find((o) => o.rule === 'model')!;
    expect(m.band).toBe('high');
    expect(m.reason).toMatch(
      /^learned model 0123456789: 0\.\d{3} ≥ high 0\.600; top features: \w+=\S+ \+\d\.\d{2}/,
    );
    const miss = staticRiskFacts(shirt('B'), withModel, RATES).outcomes.find((o) => o.rule === 'model')!;
    expect(miss).toMatchObject({ band: 'none', path: '' });
    expect(miss.reason).toMatch(/^learned model 0123456789: 0\.0\d{2} < low 0\.100$/);
  });

  it('adds its band points times its weight (1 without a model entry in the rule set) to the score', () => {
    const withModel = rules.withModel(model);
    const r = scoreWithMemory(staticRiskFacts(chem('A'), withModel, RATES), new RiskMemory(withModel), {
      rules: withModel,
      day: '2025-08-20',
    });
    if (!r.ok) throw new Error(r.error.message);
    const m = r.assessment.results.find((x) => x.rule === 'model')!;
    expect(m).toMatchObject({ band: 'high', weight: 1, points: 50 });
    expect(r.assessment.reasons.some((x) => x.startsWith('model high +50: learned model'))).toBe(true);
  });

  it('reads its weight, thresholds and feature count from the rule set when given, and can be switched off', () => {
    const rs = aRuleSet();
    const configured = compileRuleSet({
      ...rs,
      rules: {
        ...rs.rules,
        model: {
          enabled: true,
          weight: 0.5,
          params: { thresholds: { low: 0.05, medium: 0.1, high: 0.2, critical: 0.5 }, topFeatures: 1 },
        },
      },
    });
    if (!configured.ok) throw new Error(JSON.stringify(configured.problems));
    const m = configured.rules.withModel(model);
    expect(m.weight('model')).toBe(0.5);
    const o = staticRiskFacts(chem('A'), m, RATES).outcomes.find((x) => x.rule === 'model')!;
    expect(o.band).toBe('critical');
    expect(o.reason).toMatch(/≥ critical 0\.500; top features: \w+=[^,]+$/);

    const off = compileRuleSet({
      ...rs,
      rules: { ...rs.rules, model: { enabled: false, weight: 1, params: {} } },
    });
    if (!off.ok) throw new Error('refused');
    expect(off.rules.withModel(model).enabled('model')).toBe(false);
    expect(
      staticRiskFacts(chem('A'), off.rules.withModel(model), RATES).outcomes.map((x) => x.rule),
    ).not.toContain('model');
  });

  it('refuses model thresholds that decrease, with the path to them', () => {
    const rs = aRuleSet();
    const r = compileRuleSet({
      ...rs,
      rules: {
        ...rs.rules,
        model: {
          enabled: true,
          weight: 1,
          params: { thresholds: { low: 0.3, medium: 0.2, high: 0.5, critical: null } },
        },
      },
    });
    expect(r).toMatchObject({
      ok: false,
      problems: [{ code: 'RISK_THRESHOLDS', path: '/rules/model/params/thresholds/medium' }],
    });
    const unknown = compileRuleSet({
      ...rs,
      rules: { ...rs.rules, model: { enabled: true, weight: 1, params: { thresholds: { low: 2 } } } },
    });
    expect(unknown.ok).toBe(false);
  });
});
