import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultRiskDir,
  loadLaneConfig,
  loadRuleSet,
  parseLaneConfig,
  parseRuleSet,
} from './load-rule-set.js';

const rulesText = readFileSync(join(defaultRiskDir(), 'rules.yaml'), 'utf8');
const lanesText = readFileSync(join(defaultRiskDir(), 'lanes.yaml'), 'utf8');
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

describe('loadRuleSet', () => {
  it('loads and compiles the shipped rules.yaml', () => {
    const r = loadRuleSet();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.rules.label).toBe(`default@${r.value.ruleSet.version}`);
    expect(r.value.ruleSet.chemicals.length).toBeGreaterThanOrEqual(17);
  });

  it('names the file and line of a value of the wrong type', () => {
    const text = rulesText.replace('maxScore: 100', 'maxScore: lots');
    const r = parseRuleSet(text, 'rules.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({
      code: 'RISK_SCHEMA',
      file: 'rules.yaml',
      line: lineOf(text, 'maxScore:'),
    });
  });

  it('rejects a CAS number that fails its check digit, at its line', () => {
    const text = rulesText.replace("cas: ['39742-60-4']", "cas: ['39742-60-5']");
    const r = parseRuleSet(text, 'rules.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'RISK_CAS_CHECK_DIGIT', line: lineOf(text, "'39742-60-5'") });
  });

  it('rejects a misspelt key and a broken pattern', () => {
    const typo = parseRuleSet(rulesText.replace('heavyKg: 15', 'heavyKgs: 15'), 'rules.yaml');
    expect(typo.ok ? [] : typo.errors.map((e) => e.code)).toContain('RISK_SCHEMA');
    const text = rulesText.replace("patterns: ['\\bTDP", "patterns: ['(TDP");
    const bad = parseRuleSet(text, 'rules.yaml');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[0]).toMatchObject({ code: 'RISK_PATTERN', line: lineOf(text, "patterns: ['(TDP") });
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parseRuleSet('name: x\nrules: [unclosed\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.code).toBe('RISK_YAML');
    expect(r.errors[0]!.line).toBeGreaterThan(0);
  });

  it('returns a read error as a value', () => {
    const r = loadRuleSet('/nonexistent/rules.yaml');
    expect(r.ok ? '' : r.errors[0]!.code).toBe('RISK_FILE_READ');
  });
});

describe('loadLaneConfig', () => {
  it('loads the shipped lanes.yaml', () => {
    const r = loadLaneConfig();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.randomSelection.share).toBe(0.01);
  });

  it('rejects thresholds out of order and rates that do not add up', () => {
    const text = lanesText
      .replace('yellow: 25, red: 50', 'yellow: 60, red: 50')
      .replace('green: 0.9,', 'green: 0.8,');
    const r = parseLaneConfig(text, 'lanes.yaml');
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.line])).toEqual([
      ['LANE_THRESHOLDS', lineOf(text, 'thresholds:')],
      ['LANE_RATES', lineOf(text, 'expectedRates:')],
    ]);
  });
});
