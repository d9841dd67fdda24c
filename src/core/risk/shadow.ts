import { assignLane, type LaneDecision } from '../lanes/assign-lane.js';
import { LANES, type Lane, type LaneConfig } from '../lanes/lane-config.js';
import { LaneMemory } from '../lanes/lane-memory.js';
import type { CompiledRuleSet } from './compile.js';
import { RiskMemory } from './memory.js';
import { type RiskAssessment, type ScoreResult, scoreWithMemory } from './score.js';
import type { StaticRisk } from './static-risk.js';
import type { WatchList } from './watch-list.js';

/**
 * Shadow mode: a draft rule set (or a model) decides beside the live one on the same traffic, with
 * its own memories, and the differences are reported. Nothing here reads or writes the live state,
 * so the live decisions cannot change.
 */

/** One side's decision on a filing, as compared. */
export interface SideDecision {
  readonly lane: Lane;
  readonly score: number;
  /** The lane reason. */
  readonly reason: string;
  /** The rule reasons behind the score (a model may give its own explanation, or none). */
  readonly reasons: readonly string[];
}

export interface ShadowDifference {
  readonly filingId: string;
  readonly version: number;
  readonly live: SideDecision;
  readonly shadow: SideDecision;
}

export interface ShadowReport {
  readonly live: string;
  readonly shadow: string;
  readonly total: number;
  readonly sameLane: number;
  readonly differentLane: number;
  /** counts[liveLane][shadowLane]. */
  readonly matrix: Readonly<Record<Lane, Readonly<Record<Lane, number>>>>;
  /** Filings the shadow sends to a stricter lane, and to a laxer one. */
  readonly stricter: number;
  readonly laxer: number;
  readonly meanAbsScoreDelta: number;
  /** The differing filings in input order, at most `maxDifferences`. */
  readonly differences: readonly ShadowDifference[];
  /** Differing filings not listed because of the cap. */
  readonly omitted: number;
}

const emptyRow = (): Record<Lane, number> => ({ green: 0, blue: 0, yellow: 0, red: 0, 'do-not-load': 0 });

/** Accumulates pairs of decisions on the same filings. */
export class ShadowComparison {
  private readonly matrix = Object.fromEntries(LANES.map((l) => [l, emptyRow()])) as Record<
    Lane,
    Record<Lane, number>
  >;
  private readonly differences: ShadowDifference[] = [];
  private total = 0;
  private differing = 0;
  private stricter = 0;
  private laxer = 0;
  private absDelta = 0;

  constructor(
    readonly liveLabel: string,
    readonly shadowLabel: string,
    readonly maxDifferences = 1000,
  ) {}

  add(filingId: string, version: number, live: SideDecision, shadow: SideDecision): void {
    this.total++;
    this.matrix[live.lane][shadow.lane]++;
    this.absDelta += Math.abs(shadow.score - live.score);
    if (live.lane === shadow.lane) return;
    this.differing++;
    if (LANES.indexOf(shadow.lane) > LANES.indexOf(live.lane)) this.stricter++;
    else this.laxer++;
    if (this.differences.length < this.maxDifferences)
      this.differences.push({ filingId, version, live, shadow });
  }

  report(): ShadowReport {
    return {
      live: this.liveLabel,
      shadow: this.shadowLabel,
      total: this.total,
      sameLane: this.total - this.differing,
      differentLane: this.differing,
      matrix: Object.fromEntries(LANES.map((l) => [l, { ...this.matrix[l] }])) as Record<
        Lane,
        Record<Lane, number>
      >,
      stricter: this.stricter,
      laxer: this.laxer,
      meanAbsScoreDelta: this.total === 0 ? 0 : Math.round((this.absDelta / this.total) * 100) / 100,
      differences: [...this.differences],
      omitted: this.differing - this.differences.length,
    };
  }
}

/** A side's decision from a rule-set assessment and its lane decision. */
export function sideOf(a: Pick<RiskAssessment, 'score' | 'reasons'>, d: LaneDecision): SideDecision {
  return { lane: d.lane, score: a.score, reason: d.reason, reasons: a.reasons };
}

/**
 * A draft rule set and lane configuration with memories of their own. Feed it the draft's static
 * results (staticRiskFacts with the draft rules: the stateless rules may differ too) in the live order.
 */
export class ShadowRun {
  readonly memory: RiskMemory;
  readonly laneMemory = new LaneMemory();

  constructor(
    readonly rules: CompiledRuleSet,
    readonly lanes: LaneConfig,
    private readonly watchLists: readonly WatchList[] = [],
  ) {
    this.memory = new RiskMemory(rules);
  }

  decide(
    s: StaticRisk,
    day: string,
  ): { ok: true; assessment: RiskAssessment; decision: LaneDecision } | Extract<ScoreResult, { ok: false }> {
    const r = scoreWithMemory(s, this.memory, { rules: this.rules, day, watchLists: this.watchLists });
    if (!r.ok) return r;
    return {
      ok: true,
      assessment: r.assessment,
      decision: assignLane(r.assessment, this.lanes, this.laneMemory, day),
    };
  }
}
