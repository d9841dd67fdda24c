import { describe, expect, it } from 'vitest';
import type { LaneConfig } from '../lanes/index.js';
import type { RiskKeys, StaticRisk } from '../risk/index.js';
import { compiled } from '../risk/test-support/rule-set-fixture.js';
import { type FilingRisk, learnedText, learnedTextOf, parseLearned, TargetingState } from './targeting.js';

const lanes: LaneConfig = {
  name: 'test',
  version: '1',
  thresholds: { blue: 10, yellow: 25, red: 50 },
  bandFloors: [],
  doNotLoad: [],
  expectedRates: { green: 0.9, blue: 0.05, yellow: 0.03, red: 0.0195, 'do-not-load': 0.0005 },
  quotasPerDay: {},
  randomSelection: { share: 0, lane: 'red', seed: 's1' },
};
const rules = compiled();

const keys = (consignee: string, address: string, shipper: string): RiskKeys => ({
  addressKey: address,
  consigneeKey: consignee,
  consigneeName: consignee,
  parties: [{ role: 'shipper', name: shipper, nameKey: shipper, country: 'CN' }],
  watch: [{ role: 'shipper', name: shipper, nameKey: shipper, country: 'CN' }],
  samples: [{ heading: '9405', perKg: 38.25, line: 0 }],
});
const risk = (id: string, k: RiskKeys): StaticRisk => ({
  filingId: id,
  version: 1,
  ruleSet: rules.label,
  outcomes: [],
  keys: k,
});

describe('what the risk memory learned from a filing, as stored', () => {
  it('keeps every key the memory reads, and text with quotes, pipes and non-ASCII survives', () => {
    const k = keys('ZOË "Z" O\'NEIL|T3035550185', 'US|80202|480 MEADOW CT|#4', 'SHENZHEN ½ TRADING');
    const back = parseLearned(learnedTextOf('2025-08-20', k));
    expect(back.day).toBe('2025-08-20');
    expect(back.keys.addressKey).toBe(k.addressKey);
    expect(back.keys.consigneeKey).toBe(k.consigneeKey);
    expect(back.keys.parties.map((p) => [p.role, p.nameKey, p.country])).toEqual([
      ['shipper', 'SHENZHEN ½ TRADING', 'CN'],
    ]);
    expect(back.keys.samples.map((s) => [s.heading, s.perKg])).toEqual([['9405', 38.25]]);
  });

  it('rows written in the earlier object form rebuild the same memory and lane counts as the compact form', () => {
    const day = '2025-08-20';
    const earlier = [
      risk('A', keys('SMITH JOHN|1', 'US|10001|1 MAIN ST|', 'ACME')),
      risk('B', keys('DOE JANE|2', 'US|10001|1 MAIN ST|', 'ACME')),
      risk('C', keys('ROE RICH|3', 'US|10001|1 MAIN ST|', 'GLOBEX')),
    ];
    const live = new TargetingState({ rules, lanes });
    const assessed = earlier.map((s) => [s, live.assess(s, day, null, true)] as const);
    const compact = new TargetingState({ rules, lanes });
    const asText = new TargetingState({ rules, lanes });
    const asObject = new TargetingState({ rules, lanes });
    for (const [s, r] of assessed) {
      compact.restore(s.filingId, 1, r);
      // Rows hold the object as JSON text (2026-11-22) or, older still, as an object in the row's JSON.
      const old: FilingRisk = { ...r, learned: JSON.stringify({ day, keys: s.keys }) };
      asText.restore(s.filingId, 1, old);
      asObject.restore(s.filingId, 1, { ...old, learned: learnedText({ day, keys: s.keys }) });
    }
    // A fourth consignee at the same address: the rolling count and first-seen read the rebuilt memory.
    const next = risk('D', keys('POE EDGAR|4', 'US|10001|1 MAIN ST|', 'ACME'));
    const expected = live.assess(next, day, null, true);
    expect(compact.assess(next, day, null, true)).toEqual(expected);
    expect(asText.assess(next, day, null, true)).toEqual(expected);
    expect(asObject.assess(next, day, null, true)).toEqual(expected);
    expect(expected.outcome.rules.find((r) => r.rule === 'consignees-per-address')?.reason).toMatch(
      /^4 distinct/,
    );
  });
});
