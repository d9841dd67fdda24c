import { describe, expect, it } from 'vitest';
import type { Filing } from '../filing/schema.js';
import { assignLane } from '../lanes/assign-lane.js';
import type { LaneConfig } from '../lanes/lane-config.js';
import { LaneMemory } from '../lanes/lane-memory.js';
import { aConsignee, aFiling, aLine } from '../validation/test-support/filing-builder.js';
import { RiskMemory } from './memory.js';
import { scoreWithMemory } from './score.js';
import { ShadowComparison, ShadowRun, sideOf } from './shadow.js';
import { staticRiskFacts } from './static-risk.js';
import { aRuleSet, compiled, RATES } from './test-support/rule-set-fixture.js';

const lanes: LaneConfig = {
  name: 'test',
  version: '1',
  thresholds: { blue: 10, yellow: 25, red: 50 },
  bandFloors: [{ band: 'critical', lane: 'red' }],
  doNotLoad: [],
  expectedRates: { green: 0.9, blue: 0.05, yellow: 0.03, red: 0.02, 'do-not-load': 0 },
  quotasPerDay: {},
  randomSelection: { share: 0, lane: 'red', seed: 's' },
};

const traffic: Filing[] = [
  aFiling({ id: 'T1' }),
  aFiling({ id: 'T2', consignee: aConsignee({ address: { line1: '5 Pine St', line2: 'PMB 77' } }) }),
  aFiling({ id: 'T3', lines: [aLine({ hts: '2933.37.00.00', description: 'computer keyboard' })] }),
  aFiling({ id: 'T4', consignee: aConsignee({ address: { line1: '6 Pine St #12', line2: undefined } }) }),
];

describe('shadow mode', () => {
  it('reports where a draft rule set decides differently, without touching the live memories', () => {
    const live = compiled();
    const base = aRuleSet();
    // The draft weighs private mailboxes three times as much.
    const draft = compiled({
      ...base,
      version: 'draft',
      rules: { ...base.rules, 'cmra-address': { ...base.rules['cmra-address'], weight: 3 } },
    });
    const liveMemory = new RiskMemory(live);
    const liveLanes = new LaneMemory();
    const shadow = new ShadowRun(draft, lanes);
    const cmp = new ShadowComparison(live.label, draft.label);
    for (const f of traffic) {
      const r = scoreWithMemory(staticRiskFacts(f, live, RATES), liveMemory, {
        rules: live,
        day: '2025-08-20',
      });
      if (!r.ok) throw new Error(r.error.message);
      const d = assignLane(r.assessment, lanes, liveLanes, '2025-08-20');
      const s = shadow.decide(staticRiskFacts(f, draft, RATES), '2025-08-20');
      if (!s.ok) throw new Error(s.error.message);
      cmp.add(f.id, f.version, sideOf(r.assessment, d), sideOf(s.assessment, s.decision));
    }
    const report = cmp.report();
    expect(report).toMatchObject({
      live: 'test@1',
      shadow: 'test@draft',
      total: 4,
      sameLane: 2,
      differentLane: 2,
      stricter: 2,
      laxer: 0,
    });
    expect(report.differences.map((d) => d.filingId)).toEqual(['T2', 'T4']);
    const t2 = report.differences[0]!;
    expect([t2.live.lane, t2.shadow.lane]).toEqual(['yellow', 'red']);
    expect(t2.live.reason).toBe('score 25 ≥ yellow 25');
    expect(t2.shadow.reasons[0]).toContain('cmra-address medium +75');
    expect(report.matrix.yellow.red).toBe(1);
    expect(report.matrix.red.red).toBe(1);
    // Each side learned from the four filings in its own memory.
    expect(liveMemory.filings).toBe(4);
    expect(shadow.memory.filings).toBe(4);
  });

  it('compares a model beside the rule set and caps the listed differences', () => {
    const cmp = new ShadowComparison('rules', 'model', 1);
    const side = (lane: 'green' | 'red', score: number) => ({ lane, score, reason: lane, reasons: [] });
    cmp.add('a', 1, side('green', 0), side('red', 90));
    cmp.add('b', 1, side('red', 80), side('green', 5));
    cmp.add('c', 1, side('green', 0), side('green', 2));
    const r = cmp.report();
    expect(r).toMatchObject({
      differentLane: 2,
      stricter: 1,
      laxer: 1,
      omitted: 1,
      meanAbsScoreDelta: 55.67,
    });
    expect(r.differences).toHaveLength(1);
  });
});
