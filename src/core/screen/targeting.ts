import type { RiskOutcome } from '../decision/index.js';
import { assignLane, type Lane, type LaneConfig, LaneMemory } from '../lanes/index.js';
import {
  type CompiledRuleSet,
  dayNumber,
  type RiskKeys,
  RiskMemory,
  type RuleResult,
  type StaticRisk,
  scoreWithMemory,
  type WatchList,
} from '../risk/index.js';

/** The live targeting configuration: the rule set (the same the workers run), the lanes, watch lists. */
export interface Targeting {
  readonly rules: CompiledRuleSet;
  readonly lanes: LaneConfig;
  readonly watchLists?: readonly WatchList[];
}

/**
 * What targeting concluded on one filing version, kept in the filing's state (and store) so the decision
 * can be written again at arrival and after a restart. `learned` is what the risk memory observed from the
 * filing (its first version), so the memory can be rebuilt from the store in filing order.
 */
export interface FilingRisk {
  /** 'unassigned' for a rejected filing: it will not be released under this version. */
  readonly lane: Lane | 'unassigned';
  readonly outcome: RiskOutcome;
  /**
   * `learnedText` of what the memory learned. Kept for every filing but read only when the memory is
   * rebuilt, so it is one flat string rather than a tree of small objects: a string costs the garbage
   * collector nothing to trace, which measured about 0.4 KB less heap per filing and fewer long major pauses.
   */
  readonly learned: string | null;
}

/** The day and keys the risk memory observed from a filing, as rows written before 2026-11-23 keep it. */
export interface Learned {
  readonly day: string;
  readonly keys: RiskKeys;
}

/**
 * What the memory reads of a filing, as a JSON array: [day, address key, consignee key, [[role, name key,
 * country]…], [[heading, value per kg]…]]. Names shown in reasons and watch-list parties are left out:
 * the memory does not read them. Positional rather than the `Learned` object: about a third of its size in
 * every state row, and several times quicker to write, which the engine does for every filing.
 */
type LearnedRow = [string, string, string, [string, string, string][], [string, number][]];

export function learnedTextOf(day: string, k: RiskKeys): string {
  const row: LearnedRow = [
    day,
    k.addressKey,
    k.consigneeKey,
    k.parties.map((p) => [p.role, p.nameKey, p.country]),
    k.samples.map((v) => [v.heading, v.perKg]),
  ];
  return JSON.stringify(row);
}

/** The day and keys of a stored `learned`, in either form it was written. */
export function parseLearned(text: string): Learned {
  const v = JSON.parse(text) as LearnedRow | Learned;
  if (!Array.isArray(v)) return v;
  const [day, addressKey, consigneeKey, parties, samples] = v;
  return {
    day,
    keys: {
      addressKey,
      consigneeKey,
      consigneeName: '',
      parties: parties.map(([role, nameKey, country]) => ({
        role: role as RiskKeys['parties'][number]['role'],
        name: '',
        nameKey,
        country,
      })),
      watch: [],
      samples: samples.map(([heading, perKg], line) => ({ heading, perKg, line })),
    },
  };
}

/**
 * A filing's risk as its state row keeps it: the lane and what the memory learned. The rule results are
 * in the decision written with it, which the store joins back in (`outcome`) when it restores the state,
 * so the largest part is written once per version, not twice.
 */
export interface StoredRisk {
  readonly lane: FilingRisk['lane'];
  /** Rows written before it was kept as a string hold the object. */
  readonly learned: string | Learned | null;
  readonly outcome?: RiskOutcome;
}

/** The stored form of what was learned, as the engine keeps it. */
export function learnedText(l: StoredRisk['learned']): string | null {
  return l === null || typeof l === 'string' ? l : learnedTextOf(l.day, l.keys);
}

/** The decision's risk when targeting is off. */
export const NO_RISK: RiskOutcome = Object.freeze({
  score: null,
  band: null,
  reasons: [],
  rules: [],
  laneSteps: [],
  randomlySelected: false,
  ruleSet: null,
  laneConfig: null,
}) as RiskOutcome;

/**
 * The stateful half of targeting: the risk memory (rolling windows, first seen, learned value baselines)
 * and the lanes' daily counts. Rule results are shared between filings that have the same result, since
 * most rules miss on most filings and a decision carries every result.
 */
export class TargetingState {
  private readonly memory: RiskMemory;
  private readonly lanes = new LaneMemory();
  private readonly misses = new Map<string, Map<string, RuleResult>>();
  /** Ids of the shared miss objects, so a filing's whole outcome can be shared when it hit nothing. */
  private readonly missIds = new Map<RuleResult, number>();
  private readonly outcomes = new Map<string, RiskOutcome>();

  constructor(readonly config: Targeting) {
    this.memory = new RiskMemory(config.rules);
  }

  /**
   * Scores a filing version and assigns its lane. The memory learns from a filing once, at its first
   * version, so an amendment does not count its consignee twice; `learned` carries that over.
   */
  assess(s: StaticRisk, day: string, previous: FilingRisk | null, assignable: boolean): FilingRisk {
    const first = previous === null;
    const scored = scoreWithMemory(s, this.memory, {
      rules: this.config.rules,
      day,
      ...(this.config.watchLists === undefined ? {} : { watchLists: this.config.watchLists }),
      observe: first,
    });
    // Both errors mean the workers ran another rule set or the day is not a date: a fault of the run.
    if (!scored.ok) throw new Error(`${scored.error.code}: ${scored.error.message}`);
    const a = scored.assessment;
    const rules = a.results.map((r) => this.intern(r));
    const learned = first ? learnedTextOf(day, s.keys) : previous.learned;
    if (!assignable)
      return {
        lane: 'unassigned',
        learned,
        outcome: {
          score: a.score,
          band: a.band,
          reasons: ['not assigned a lane: the filing is rejected', ...a.reasons],
          rules,
          laneSteps: [],
          randomlySelected: false,
          ruleSet: a.ruleSet,
          laneConfig: null,
        },
      };
    const lane = assignLane(a, this.config.lanes, this.lanes, day);
    return {
      lane: lane.lane,
      learned,
      outcome: this.shared({
        score: a.score,
        band: a.band,
        reasons: [lane.reason, ...a.reasons],
        rules,
        laneSteps: [...lane.steps],
        randomlySelected: lane.randomlySelected,
        ruleSet: a.ruleSet,
        laneConfig: lane.config,
      }),
    };
  }

  /** Rebuilds the memory and lane counts from a stored filing, in filing order. */
  restore(filingId: string, version: number, risk: FilingRisk): void {
    if (risk.learned === null) return;
    const learned = parseLearned(risk.learned);
    const day = dayNumber(learned.day);
    const s: StaticRisk = {
      filingId,
      version,
      ruleSet: this.config.rules.label,
      outcomes: [],
      keys: learned.keys,
    };
    if (!Number.isNaN(day)) this.memory.observe(s, day);
    if (risk.lane !== 'unassigned')
      this.lanes.record(learned.day, filingId, risk.lane, risk.outcome.randomlySelected);
  }

  /**
   * Misses are the same few objects for every filing (a rule's miss reason rarely varies), so they are
   * shared; hits are kept as they are.
   */
  private intern(r: RuleResult): RuleResult {
    if (r.band !== 'none' || r.points !== 0 || r.path !== '') return r;
    let byReason = this.misses.get(r.rule);
    if (byReason === undefined) {
      byReason = new Map();
      this.misses.set(r.rule, byReason);
    }
    const hit = byReason.get(r.reason);
    if (hit !== undefined && hit.weight === r.weight) return hit;
    if (byReason.size < 1000) {
      byReason.set(r.reason, r);
      this.missIds.set(r, this.missIds.size);
    }
    return r;
  }

  /**
   * An outcome made only of shared misses (most filings: green, nothing hit) is itself shared; one with a
   * hit is the filing's own.
   */
  private shared(o: RiskOutcome): RiskOutcome {
    let key = `${o.score}|${o.band}|${o.randomlySelected}|${o.laneConfig}|${o.reasons.join('\u0001')}|${o.laneSteps.join('\u0001')}|`;
    for (const r of o.rules) {
      const id = this.missIds.get(r as RuleResult);
      if (id === undefined) return o;
      key += `${id},`;
    }
    const hit = this.outcomes.get(key);
    if (hit !== undefined) return hit;
    if (this.outcomes.size < 100_000) this.outcomes.set(key, o);
    return o;
  }
}
