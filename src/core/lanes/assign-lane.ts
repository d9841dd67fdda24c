import { atLeast, type RuleResult } from '../risk/types.js';
import { LANES, type Lane, type LaneConfig, laneRank } from './lane-config.js';
import type { LaneMemory } from './lane-memory.js';
import { randomlySelected } from './random-selection.js';

/** What lane assignment reads of a risk assessment (a rule set's or a model's). */
export interface Scored {
  readonly filingId: string;
  readonly score: number;
  readonly results: readonly Pick<RuleResult, 'rule' | 'band'>[];
}

export interface LaneDecision {
  readonly lane: Lane;
  /** The step that decided the lane, as one sentence. */
  readonly reason: string;
  /** Every step that moved the lane, in order. */
  readonly steps: readonly string[];
  readonly score: number;
  /** The lane the score alone gave. */
  readonly scoreLane: Lane;
  readonly randomlySelected: boolean;
  /** The lane a quota moved the filing out of, or null. */
  readonly demotedFrom: Lane | null;
  readonly config: string;
}

const percent = (share: number): string => `${Number((share * 100).toPrecision(3))} %`;

/**
 * The lane of one filing version: score thresholds, then band floors and do-not-load conditions, then
 * the random selection, then quotas of the day. Records the lane in `memory` (a later version of the
 * same filing on the same day replaces its count). Deterministic: the random draw is a seeded hash of
 * the filing id.
 */
export function assignLane(a: Scored, cfg: LaneConfig, memory: LaneMemory, day: string): LaneDecision {
  const steps: string[] = [];
  const t = cfg.thresholds;
  let scoreLane: Lane = 'green';
  let reason: string;
  if (a.score >= t.red) scoreLane = 'red';
  else if (a.score >= t.yellow) scoreLane = 'yellow';
  else if (a.score >= t.blue) scoreLane = 'blue';
  if (scoreLane === 'green') reason = `score ${a.score} < blue ${t.blue}`;
  else reason = `score ${a.score} ≥ ${scoreLane} ${t[scoreLane as 'blue' | 'yellow' | 'red']}`;
  steps.push(reason);
  let lane: Lane = scoreLane;

  for (const f of cfg.bandFloors) {
    if (laneRank(f.lane) <= laneRank(lane)) continue;
    const hit = a.results.find(
      (r) => atLeast(r.band, f.band) && (f.rules === undefined || f.rules.includes(r.rule)),
    );
    if (hit === undefined) continue;
    lane = f.lane;
    reason = `${hit.rule} ${hit.band} puts it at least in ${f.lane}`;
    steps.push(reason);
  }

  for (const d of cfg.doNotLoad) {
    if (lane === 'do-not-load') break;
    const met = d.allOf.map((clause) =>
      a.results.find((r) => clause.rules.includes(r.rule) && atLeast(r.band, clause.band)),
    );
    if (met.some((m) => m === undefined)) continue;
    lane = 'do-not-load';
    reason = `do-not-load: ${d.label} (${met.map((m) => `${m!.rule} ${m!.band}`).join(' + ')})`;
    steps.push(reason);
  }

  const rs = cfg.randomSelection;
  const random = randomlySelected(a.filingId, rs.seed, rs.share);
  if (random) {
    const r = `random selection ${percent(rs.share)}`;
    if (laneRank(rs.lane) > laneRank(lane)) {
      lane = rs.lane;
      reason = `${r}: ${rs.lane}`;
    }
    steps.push(`${r} (the selection stands whatever the score)`);
  }

  let demotedFrom: Lane | null = null;
  // Random selections stay where they are: moving them would bias the sample they exist for.
  if (!random && lane !== 'do-not-load') {
    const held = memory.laneOf(day, a.filingId);
    while (lane !== 'green') {
      const quota = cfg.quotasPerDay[lane as 'blue' | 'yellow' | 'red'];
      // A filing already counted in this lane today keeps its place when a new version arrives.
      if (quota === undefined || held === lane || memory.count(day, lane) < quota) break;
      const lower: Lane = LANES[laneRank(lane) - 1]!;
      demotedFrom ??= lane;
      reason = `quota for ${lane} reached (${quota}/day), moved to ${lower}`;
      steps.push(reason);
      lane = lower;
    }
  }
  memory.record(day, a.filingId, lane, random);
  return {
    lane,
    reason,
    steps,
    score: a.score,
    scoreLane,
    randomlySelected: random,
    demotedFrom,
    config: `${cfg.name}@${cfg.version}`,
  };
}
