import type { FilingLike } from '../../core/filing/schema.js';
import { assignLane, type Lane, type LaneConfig, LaneMemory, laneRank } from '../../core/lanes/index.js';
import {
  type CompiledRuleSet,
  type RiskBand,
  RiskMemory,
  type RuleId,
  scoreWithMemory,
  staticRiskFacts,
} from '../../core/risk/index.js';
import { easternDay, parseInstant } from '../../core/time/index.js';
import { generateDay, type PlantedKind } from '../../generate/index.js';
import { DEFAULT_USD_RATES } from '../refdata/usd-rates.js';

/** How one group of filings (a planted kind, or the clean ones) came out. */
export interface GroupOutcome {
  readonly filings: number;
  readonly byLane: Record<Lane, number>;
  /** Share sent to yellow or worse (documents, exam, do-not-load). */
  readonly flagged: number;
  /** Share where each rule reached at least low. */
  readonly ruleHits: Partial<Record<RuleId, number>>;
  readonly meanScore: number;
}

export interface Evaluation {
  readonly filings: number;
  readonly ruleSet: string;
  readonly lanes: string;
  readonly groups: Record<string, GroupOutcome>;
}

const usdRates = { usdPerUnit: (c: string) => DEFAULT_USD_RATES.get(c) };

/**
 * Runs a rule set and lanes over a generated day (src/generate) in file order, the way the pipeline
 * will, and tallies the outcome per planted kind (precursor, pill-press, private-mailbox, …) against
 * the filings the generator left clean. Only the first version of a filing teaches the memory.
 */
export function evaluateGeneratedDay(opts: {
  filings: number;
  seed: number;
  rules: CompiledRuleSet;
  lanes: LaneConfig;
}): Evaluation {
  const day = generateDay({ filings: opts.filings, seed: opts.seed });
  const memory = new RiskMemory(opts.rules);
  const laneMemory = new LaneMemory();
  const outcomes = new Map<string, { lane: Lane; score: number; bands: Map<RuleId, RiskBand> }>();
  const seen = new Set<string>();
  for (const r of day.records) {
    if (r.type !== 'filing' && r.type !== 'amendment') continue;
    const f = r as FilingLike;
    const s = staticRiskFacts(f, opts.rules, usdRates);
    const scored = scoreWithMemory(s, memory, { rules: opts.rules, day: dayOf(f), observe: !seen.has(f.id) });
    seen.add(f.id);
    if (!scored.ok) throw new Error(scored.error.message);
    const d = assignLane(scored.assessment, opts.lanes, laneMemory, dayOf(f));
    outcomes.set(f.id, {
      lane: d.lane,
      score: scored.assessment.score,
      bands: new Map(scored.assessment.results.map((x) => [x.rule, x.band])),
    });
  }
  const truth = day.truth();
  const kindOf = new Map<string, PlantedKind>();
  for (const p of truth.planted) for (const id of p.filingIds) kindOf.set(id, p.kind);
  const tallies = new Map<
    string,
    { n: number; byLane: Record<Lane, number>; hits: Map<RuleId, number>; score: number }
  >();
  for (const [id, o] of outcomes) {
    const group = kindOf.get(id) ?? 'clean';
    let t = tallies.get(group);
    if (t === undefined) {
      t = {
        n: 0,
        byLane: { green: 0, blue: 0, yellow: 0, red: 0, 'do-not-load': 0 },
        hits: new Map(),
        score: 0,
      };
      tallies.set(group, t);
    }
    t.n++;
    t.byLane[o.lane]++;
    t.score += o.score;
    for (const [rule, band] of o.bands) if (band !== 'none') t.hits.set(rule, (t.hits.get(rule) ?? 0) + 1);
  }
  const groups: Record<string, GroupOutcome> = {};
  for (const [g, t] of [...tallies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const flagged = (Object.keys(t.byLane) as Lane[])
      .filter((l) => laneRank(l) >= laneRank('yellow'))
      .reduce((s, l) => s + t.byLane[l], 0);
    groups[g] = {
      filings: t.n,
      byLane: t.byLane,
      flagged: round(flagged / t.n),
      ruleHits: Object.fromEntries([...t.hits].map(([r, k]) => [r, round(k / t.n)])),
      meanScore: round(t.score / t.n),
    };
  }
  return {
    filings: outcomes.size,
    ruleSet: opts.rules.label,
    lanes: `${opts.lanes.name}@${opts.lanes.version}`,
    groups,
  };
}

function dayOf(f: FilingLike): string {
  const eda = Array.isArray(f.estimatedArrival) ? f.estimatedArrival[0] : f.estimatedArrival;
  const ms = parseInstant(eda ?? f.filedAt);
  return easternDay(Number.isNaN(ms) ? parseInstant(f.filedAt) : ms);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
