import { addressesPerConsignee, consigneesPerAddress } from './address-fanout.js';
import type { CompiledRuleSet } from './compile.js';
import { firstSeenParty } from './first-seen-party.js';
import type { RiskMemory } from './memory.js';
import { dayNumber } from './rolling.js';
import type { StaticRisk } from './static-risk.js';
import {
  type MemoryRuleId,
  maxBand,
  type RiskBand,
  RULE_IDS,
  type RuleOutcome,
  type RuleResult,
} from './types.js';
import { undervaluation } from './undervaluation.js';
import { type WatchList, watchList } from './watch-list.js';

/** What the stateful stage needs besides the static result and the memory. */
export interface ScoreContext {
  /** The rule set that produced the static result (same name@version). */
  readonly rules: CompiledRuleSet;
  /** U.S. Eastern day of the shipment, YYYY-MM-DD (estimated arrival, else filing): the rolling windows' clock. */
  readonly day: string;
  /** Lists beyond the rule set's own watch-list entries (e.g. a sanctions matcher). */
  readonly watchLists?: readonly WatchList[];
  /** false: score without learning (re-scoring, amendments, what-if). Default true. */
  readonly observe?: boolean;
}

/** The risk verdict on one filing version: every rule result, its weight and reason, and the score. */
export interface RiskAssessment {
  readonly filingId: string;
  readonly version: number;
  readonly ruleSet: string;
  /** Weighted sum of the rules' band points, capped at the rule set's maxScore; one decimal. */
  readonly score: number;
  /** The highest band any rule reached. */
  readonly band: RiskBand;
  /** Every enabled rule, in the rule set's order, hits and misses alike. */
  readonly results: readonly RuleResult[];
  /** The hits as sentences, most points first: "precursor-cas high +50: CAS 79-03-8 …". */
  readonly reasons: readonly string[];
}

export type ScoreError = {
  readonly code: 'RISK_RULE_SET_MISMATCH' | 'RISK_DAY_INVALID';
  readonly message: string;
};
export type ScoreResult = { ok: true; assessment: RiskAssessment } | { ok: false; error: ScoreError };

/**
 * The stateful stage (main thread, in input order): runs the memory rules, combines them with the
 * static outcomes into the score, then lets the memory learn from the filing (unless observe is false).
 * Rolling counts and first-seen are judged before the filing is learned, counts including it.
 */
export function scoreWithMemory(s: StaticRisk, memory: RiskMemory, ctx: ScoreContext): ScoreResult {
  const { rules } = ctx;
  if (s.ruleSet !== rules.label)
    return {
      ok: false,
      error: {
        code: 'RISK_RULE_SET_MISMATCH',
        message: `static result from ${s.ruleSet}, scoring with ${rules.label}`,
      },
    };
  const day = dayNumber(ctx.day);
  if (Number.isNaN(day))
    return { ok: false, error: { code: 'RISK_DAY_INVALID', message: `'${ctx.day}' is not YYYY-MM-DD` } };
  const k = s.keys;
  const memoryOutcomes: RuleOutcome[] = [];
  const run = (rule: MemoryRuleId, evaluate: () => { band: RiskBand; reason: string; path: string }) => {
    if (!rules.enabled(rule)) return;
    memoryOutcomes.push({ rule, ...evaluate() });
  };
  run('undervaluation', () => undervaluation(k, memory, rules.params('undervaluation')));
  run('consignees-per-address', () =>
    consigneesPerAddress(k, memory, rules.params('consignees-per-address'), day),
  );
  run('addresses-per-consignee', () =>
    addressesPerConsignee(k, memory, rules.params('addresses-per-consignee'), day),
  );
  run('first-seen-party', () => firstSeenParty(k, memory, rules.params('first-seen-party')));
  run('watch-list', () => watchList(k.watch, [rules.compiled.watchList, ...(ctx.watchLists ?? [])]));
  const assessment = combine(s.filingId, s.version, rules, [...s.outcomes, ...memoryOutcomes]);
  if (ctx.observe !== false) memory.observe(s, day);
  return { ok: true, assessment };
}

/** Weights the outcomes into results and the score; outcomes come back in the rule set's rule order. */
export function combine(
  filingId: string,
  version: number,
  rules: CompiledRuleSet,
  outcomes: readonly RuleOutcome[],
): RiskAssessment {
  const ordered = inRuleOrder(outcomes) ? outcomes : sortByRule(outcomes);
  const results: RuleResult[] = [];
  const hits: RuleResult[] = [];
  let sum = 0;
  let band: RiskBand = 'none';
  for (const o of ordered) {
    const weight = rules.weight(o.rule);
    const points = o.band === 'none' ? 0 : Math.round(weight * rules.points(o.band) * 10) / 10;
    sum += points;
    band = maxBand(band, o.band);
    const r = { rule: o.rule, band: o.band, reason: o.reason, path: o.path, weight, points };
    results.push(r);
    if (o.band !== 'none') hits.push(r);
  }
  const score = Math.min(rules.source.maxScore, Math.round(sum * 10) / 10);
  const reasons =
    hits.length === 0
      ? NO_REASONS
      : hits.sort((a, b) => b.points - a.points).map((r) => `${r.rule} ${r.band} +${r.points}: ${r.reason}`);
  return { filingId, version, ruleSet: rules.label, score, band, results, reasons };
}

const NO_REASONS: readonly string[] = Object.freeze([]);
const RULE_RANK = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

/** The scorer's own outcomes come in rule order already (static rules, then memory rules). */
function inRuleOrder(outcomes: readonly RuleOutcome[]): boolean {
  let last = -1;
  for (const o of outcomes) {
    const rank = RULE_RANK.get(o.rule) ?? -1;
    if (rank <= last) return false;
    last = rank;
  }
  return true;
}

/** Outcomes from elsewhere (tests, shadow runs): one per rule, in rule order, the last of a rule winning. */
function sortByRule(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  const byRule = new Map(outcomes.map((o) => [o.rule, o]));
  return RULE_IDS.flatMap((id) => {
    const o = byRule.get(id);
    return o === undefined ? [] : [o];
  });
}
