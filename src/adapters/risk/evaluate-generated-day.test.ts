import { describe, expect, it } from 'vitest';
import { evaluateGeneratedDay } from './evaluate-generated-day.js';
import { loadLaneConfig, loadRuleSet } from './load-rule-set.js';

describe('risk rules on a generated day', () => {
  it('flags the planted precursors, presses and mailboxes, and few clean filings', () => {
    const rules = loadRuleSet();
    const lanes = loadLaneConfig();
    if (!rules.ok || !lanes.ok) throw new Error('shipped risk files do not load');
    const e = evaluateGeneratedDay({
      filings: 30_000,
      seed: 7,
      rules: rules.value.rules,
      lanes: lanes.value,
    });
    console.log(JSON.stringify(e, null, 1));
    const g = e.groups;
    expect(g.precursor!.filings).toBeGreaterThan(10);
    expect(g.precursor!.flagged).toBeGreaterThanOrEqual(0.95);
    expect(g['pill-press']!.flagged).toBeGreaterThanOrEqual(0.9);
    // A bare "#123" after a CMRA's street (a third of the generator's forms when there is no suite) is
    // not flagged by default: apartments are written the same way.
    expect(g['private-mailbox']!.ruleHits['cmra-address']).toBeGreaterThanOrEqual(0.85);
    expect(g['weight-value-outlier']!.ruleHits['weight-value']).toBeGreaterThanOrEqual(0.9);
    // The random 1 % goes to red; the rules add little on top for clean traffic.
    expect(g.clean!.flagged).toBeLessThan(0.02);
    expect(g.clean!.byLane.green / g.clean!.filings).toBeGreaterThan(0.95);
  });
});
