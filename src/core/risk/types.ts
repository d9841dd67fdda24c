/**
 * Vocabulary shared by the risk rules, the scorer and the lanes. Everything here is plain data so that
 * a static result crosses a worker boundary by structured clone and a decision stores it as JSON.
 */

export const RISK_BANDS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export type HitBand = Exclude<RiskBand, 'none'>;

const RANK: Readonly<Record<RiskBand, number>> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };
export const bandRank = (b: RiskBand): number => RANK[b];
export const maxBand = (a: RiskBand, b: RiskBand): RiskBand => (RANK[a] >= RANK[b] ? a : b);
export const atLeast = (b: RiskBand, min: RiskBand): boolean => RANK[b] >= RANK[min];

/** Rules evaluated from the filing alone (worker thread). */
export const STATIC_RULE_IDS = [
  'precursor-hts',
  'precursor-cas',
  'precursor-name',
  'press-hts',
  'press-wording',
  'description-fit',
  'weight-value',
  'cmra-address',
  'residential-industrial',
  /** The learned model (`--model FILE`): runs only when a model is loaded. */
  'model',
] as const;
/** Rules that read or learn from the traffic seen so far, or from lists that change (main thread). */
export const MEMORY_RULE_IDS = [
  'undervaluation',
  'consignees-per-address',
  'addresses-per-consignee',
  'first-seen-party',
  'watch-list',
] as const;
export const RULE_IDS = [...STATIC_RULE_IDS, ...MEMORY_RULE_IDS] as const;
export type StaticRuleId = (typeof STATIC_RULE_IDS)[number];
export type MemoryRuleId = (typeof MEMORY_RULE_IDS)[number];
export type RuleId = (typeof RULE_IDS)[number];

/** What one rule concluded about one filing; `path` is a JSON pointer to the evidence ('' when none). */
export interface RuleOutcome {
  readonly rule: RuleId;
  readonly band: RiskBand;
  readonly reason: string;
  readonly path: string;
}

/** A rule outcome as stored with the decision: with the weight it had and the points it added. */
export interface RuleResult extends RuleOutcome {
  readonly weight: number;
  readonly points: number;
}

/** The outcome a rule module returns before the scorer names it. */
export interface Hit {
  readonly band: RiskBand;
  readonly reason: string;
  readonly path: string;
}

export const noHit = (reason: string): Hit => ({ band: 'none', reason, path: '' });
