import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import { aConsignee, aFiling, aLine, aShipper } from '../validation/test-support/filing-builder.js';
import { RiskMemory } from './memory.js';
import { RollingDistinct } from './rolling.js';
import { combine, type RiskAssessment, scoreWithMemory } from './score.js';
import { staticRiskFacts } from './static-risk.js';
import { aRuleSet, compiled, RATES } from './test-support/rule-set-fixture.js';
import { RISK_BANDS, RULE_IDS, type RuleId } from './types.js';
import { ValueSketch } from './value-sketch.js';

const rules = compiled();

function score(f: Filing, memory: RiskMemory, day = '2025-08-20', observe = true): RiskAssessment {
  const r = scoreWithMemory(staticRiskFacts(f, rules, RATES), memory, { rules, day, observe });
  if (!r.ok) throw new Error(r.error.message);
  return r.assessment;
}
const bandOf = (a: RiskAssessment, rule: RuleId) => a.results.find((r) => r.rule === rule)!.band;

describe('scoreWithMemory', () => {
  it('stores every enabled rule with its weight, points and reason, in rule order', () => {
    const a = score(aFiling(), new RiskMemory(rules));
    // The model rule runs only when a model is loaded (see model-rule.test.ts).
    expect(a.results.map((r) => r.rule)).toEqual(RULE_IDS.filter((id) => id !== 'model'));
    expect(a.results.every((r) => r.reason.length > 0 && r.weight >= 0)).toBe(true);
    expect(a.ruleSet).toBe('test@1');
  });

  it('adds weighted band points and caps the score', () => {
    const f = aFiling({
      lines: [aLine({ hts: '2933.37.00.00', description: 'computer keyboard', cas: '39742-60-4' })],
    });
    const a = score(f, new RiskMemory(rules));
    expect(a.band).toBe('critical');
    expect(a.score).toBe(100);
    expect(a.reasons[0]).toMatch(/^precursor-(hts|cas) critical \+100: /);
    const light = score(
      aFiling({ consignee: aConsignee({ address: { line1: '2810 N Church St #123', line2: undefined } }) }),
      new RiskMemory(rules),
    );
    // a bare "#" unit (low, 10) and a first-seen shipper (low ×0.5 = 5)
    expect(light.score).toBe(15);
  });

  it('refuses a static result from another rule set, as a value', () => {
    const other = compiled({ ...aRuleSet(), version: '2' });
    const r = scoreWithMemory(staticRiskFacts(aFiling(), other, RATES), new RiskMemory(rules), {
      rules,
      day: '2025-08-20',
    });
    expect(r.ok ? '' : r.error.code).toBe('RISK_RULE_SET_MISMATCH');
    const bad = scoreWithMemory(staticRiskFacts(aFiling(), rules, RATES), new RiskMemory(rules), {
      rules,
      day: '20/08/2025',
    });
    expect(bad.ok ? '' : bad.error.code).toBe('RISK_DAY_INVALID');
  });

  it('matches the rule set watch list on the normalized name and country', () => {
    const listed = aFiling({ shipper: aShipper({ name: 'WUHAN SHINE CHEMICAL CO., LTD.' }) });
    const a = score(listed, new RiskMemory(rules));
    expect(bandOf(a, 'watch-list')).toBe('high');
    expect(a.results.find((r) => r.rule === 'watch-list')!.path).toBe('/shipper/name');
    const elsewhere = aFiling({
      shipper: aShipper({ name: 'Wuhan Shine Chemical Co', address: { country: 'VN' } }),
    });
    expect(bandOf(score(elsewhere, new RiskMemory(rules)), 'watch-list')).toBe('none');
  });

  it('takes extra watch lists from the context', () => {
    const memory = new RiskMemory(rules);
    const s = staticRiskFacts(aFiling(), rules, RATES);
    const r = scoreWithMemory(s, memory, {
      rules,
      day: '2025-08-20',
      watchLists: [
        {
          match: (p) =>
            p.role === 'consignee' ? { band: 'critical', list: 'sanctions', entry: p.name } : undefined,
        },
      ],
    });
    expect(r.ok && bandOf(r.assessment, 'watch-list')).toBe('critical');
  });
});

describe('first-seen-party', () => {
  it('fires for a new shipper, not for one seen before, and not while warming up', () => {
    const memory = new RiskMemory(rules);
    expect(bandOf(score(aFiling(), memory), 'first-seen-party')).toBe('low');
    expect(bandOf(score(aFiling({ id: 'B2' }), memory), 'first-seen-party')).toBe('none');
    const seller = aFiling({ id: 'B3', seller: aShipper({ name: 'New Seller Ltd' }) });
    expect(score(seller, memory).results.find((r) => r.rule === 'first-seen-party')!.reason).toContain(
      'New Seller',
    );
    const warm = compiled({
      ...aRuleSet(),
      rules: {
        ...aRuleSet().rules,
        'first-seen-party': {
          enabled: true,
          weight: 1,
          params: { roles: ['shipper'], band: 'low', warmUpFilings: 3, maxParties: 10 },
        },
      },
    });
    const m2 = new RiskMemory(warm);
    const r = scoreWithMemory(staticRiskFacts(aFiling(), warm, RATES), m2, {
      rules: warm,
      day: '2025-08-20',
    });
    expect(r.ok && r.assessment.results.find((x) => x.rule === 'first-seen-party')!.reason).toContain(
      'warming up',
    );
  });

  it('does not learn when observe is false', () => {
    const memory = new RiskMemory(rules);
    score(aFiling(), memory, '2025-08-20', false);
    expect(memory.filings).toBe(0);
    expect(bandOf(score(aFiling(), memory), 'first-seen-party')).toBe('low');
  });
});

describe('address fan-out', () => {
  const to = (i: number, name: string, line1 = '9 Elm Street') =>
    aFiling({
      id: `F${i}`,
      consignee: aConsignee({
        name,
        phone: `+1 217 555 ${String(1000 + i)}`,
        address: { line1, line2: undefined },
      }),
    });

  it('counts distinct consignees at one delivery point, including the filing scored', () => {
    const memory = new RiskMemory(rules);
    const names = ['Ann Lee', 'Bo Chan', 'Cy Diaz', 'Di Evans', 'Ed Fox'];
    const bands = names.map((n, i) => bandOf(score(to(i, n), memory), 'consignees-per-address'));
    expect(bands).toEqual(['none', 'none', 'low', 'low', 'medium']);
    // The same consignee again adds nothing.
    expect(bandOf(score(to(4, 'Ed Fox'), memory), 'consignees-per-address')).toBe('medium');
  });

  it('counts delivery points per consignee (same name and phone)', () => {
    const memory = new RiskMemory(rules);
    const one = (i: number) =>
      aFiling({
        id: `G${i}`,
        consignee: aConsignee({ address: { line1: `${10 + i} Oak Street`, line2: undefined } }),
      });
    expect([0, 1, 2].map((i) => bandOf(score(one(i), memory), 'addresses-per-consignee'))).toEqual([
      'none',
      'none',
      'low',
    ]);
  });

  it('forgets what left the rolling window', () => {
    const memory = new RiskMemory(rules);
    score(to(0, 'Ann Lee'), memory, '2025-08-01');
    score(to(1, 'Bo Chan'), memory, '2025-08-02');
    expect(bandOf(score(to(2, 'Cy Diaz'), memory, '2025-08-07'), 'consignees-per-address')).toBe('low');
    // 7-day window ending 2025-08-09 starts 2025-08-03: Ann and Bo are gone.
    expect(bandOf(score(to(3, 'Di Evans'), memory, '2025-08-09'), 'consignees-per-address')).toBe('none');
  });
});

describe('RollingDistinct', () => {
  it('drops members when their day leaves the window and keys past the cap', () => {
    const r = new RollingDistinct(2, 2);
    r.add('a', 'x', 10);
    r.add('a', 'y', 11);
    expect(r.countWith('a', 'z', 11)).toBe(3);
    r.add('b', 'x', 12);
    expect(r.countWith('a', 'x', 12)).toBe(2); // x (day 10) is out, y in, x counted as new
    r.add('c', 'x', 12);
    expect(r.size).toBe(2);
    expect(r.countWith('a', 'q', 12)).toBe(1); // 'a' forgotten: least recently touched
  });
});

describe('undervaluation', () => {
  const tee = (i: number, value: number, kg: number) =>
    aFiling({
      id: `U${i}`,
      lines: [aLine({ value, weightKg: kg })],
      declaredValue: value,
      grossWeightKg: kg + 0.1,
    });

  it('needs a baseline, then fires far below the heading’s low quantile', () => {
    const memory = new RiskMemory(rules);
    const cheap = score(tee(0, 1, 4), memory, '2025-08-20', false);
    expect(bandOf(cheap, 'undervaluation')).toBe('none');
    expect(cheap.results.find((r) => r.rule === 'undervaluation')!.reason).toContain(
      'fewer than the 20 weighed lines',
    );
    // T-shirts at $40–80/kg.
    for (let i = 1; i <= 30; i++) score(tee(i, 20 + i, 0.5), memory);
    const a = score(tee(100, 1, 4), memory, '2025-08-20', false);
    expect(bandOf(a, 'undervaluation')).toBe('high');
    expect(a.results.find((r) => r.rule === 'undervaluation')!.reason).toContain('heading 6109');
    expect(bandOf(score(tee(101, 25, 0.5), memory, '2025-08-20', false), 'undervaluation')).toBe('none');
  });
});

describe('ValueSketch', () => {
  it('estimates quantiles within a bin width, whatever the order', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1 + i);
    const a = new ValueSketch();
    const b = new ValueSketch();
    for (const v of values) a.add(v);
    for (const v of [...values].reverse()) b.add(v);
    expect(a.quantile(0.5)).toBe(b.quantile(0.5));
    expect(a.quantile(0.5) / 500).toBeGreaterThan(0.88);
    expect(a.quantile(0.5) / 500).toBeLessThan(1.13);
    expect(ValueSketch.fromJSON(a.toJSON()).quantile(0.1)).toBe(a.quantile(0.1));
    a.scale(0.5);
    expect(a.count).toBe(500);
  });
});

describe('properties', () => {
  const band = fc.constantFrom(...RISK_BANDS);
  const outcomes = fc.array(band, { minLength: RULE_IDS.length, maxLength: RULE_IDS.length });

  it('the score never falls when a rule’s band rises', () => {
    fc.assert(
      fc.property(outcomes, fc.nat(RULE_IDS.length - 1), (bands, k) => {
        const o = bands.map((b, i) => ({ rule: RULE_IDS[i]!, band: b, reason: '', path: '' }));
        const before = combine('x', 1, rules, o).score;
        const idx = RISK_BANDS.indexOf(bands[k]!);
        const up = [...o];
        up[k] = { ...up[k]!, band: RISK_BANDS[Math.min(idx + 1, 4)]! };
        return combine('x', 1, rules, up).score >= before;
      }),
    );
  });

  it('the same filings in the same order give the same assessments', () => {
    const filing = fc.record({
      i: fc.nat(50),
      hts: fc.constantFrom('6109.10.00.12', '2933.37.00.00', '8479.89.95.99', '6204.42.00.10'),
      value: fc.integer({ min: 1, max: 700 }),
      kg: fc.double({ min: 0.05, max: 60, noNaN: true }),
      street: fc.constantFrom('1 A St', '2 B St', '3 C St PMB 9'),
      name: fc.constantFrom('Ann Lee', 'Bo Chan', 'Cy Diaz'),
      day: fc.constantFrom('2025-08-19', '2025-08-20', '2025-08-28'),
    });
    fc.assert(
      fc.property(fc.array(filing, { maxLength: 40 }), (list) => {
        const run = () => {
          const memory = new RiskMemory(rules);
          return list.map((x) =>
            score(
              aFiling({
                id: `P${x.i}`,
                lines: [aLine({ hts: x.hts, value: x.value, weightKg: x.kg })],
                declaredValue: x.value,
                grossWeightKg: x.kg,
                consignee: aConsignee({ name: x.name, address: { line1: x.street, line2: undefined } }),
              }),
              memory,
              x.day,
            ),
          );
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 30 },
    );
  });
});
