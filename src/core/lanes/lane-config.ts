import { type Static, Type as T } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HitBandSchema } from '../risk/rule-set.js';
import { RULE_IDS } from '../risk/types.js';

/**
 * Lanes as configuration (policy/risk/lanes.yaml): ASYCUDA's green/blue/yellow/red plus ICS2's
 * do-not-load (domain brief §5), score thresholds, band floors, do-not-load conditions, expected
 * rates per lane, per-lane daily quotas and the random selection share.
 */
export const LANES = ['green', 'blue', 'yellow', 'red', 'do-not-load'] as const;
export type Lane = (typeof LANES)[number];
export const laneRank = (l: Lane): number => LANES.indexOf(l);

const closed = { additionalProperties: false } as const;
const LaneSchema = T.Union(LANES.map((l) => T.Literal(l)));
const RuleIdSchema = T.Union(RULE_IDS.map((r) => T.Literal(r)));
const Share = T.Number({ minimum: 0, maximum: 1 });

export const LaneConfigSchema = T.Object(
  {
    name: T.String({ pattern: '^[a-z0-9-]+$' }),
    version: T.String({ minLength: 1 }),
    description: T.Optional(T.String()),
    /** A score at or above a threshold puts the filing at least in that lane. */
    thresholds: T.Object({ blue: T.Number(), yellow: T.Number(), red: T.Number() }, closed),
    /** A rule reaching a band puts the filing at least in this lane, whatever the score. */
    bandFloors: T.Array(
      T.Object({ band: HitBandSchema, rules: T.Optional(T.Array(RuleIdSchema)), lane: LaneSchema }, closed),
    ),
    /** Do-not-load when every clause holds: one of `rules` reached at least `band`. */
    doNotLoad: T.Array(
      T.Object(
        {
          label: T.String(),
          allOf: T.Array(
            T.Object({ rules: T.Array(RuleIdSchema, { minItems: 1 }), band: HitBandSchema }, closed),
            {
              minItems: 1,
            },
          ),
        },
        closed,
      ),
    ),
    /** Shares of traffic each lane is expected to take, for monitoring (they need not be met exactly). */
    expectedRates: T.Object(
      { green: Share, blue: Share, yellow: Share, red: Share, 'do-not-load': Share },
      closed,
    ),
    /** Filings per lane per day; past it the filing moves one lane down. Do-not-load never moves. */
    quotasPerDay: T.Object(
      {
        blue: T.Optional(T.Integer({ minimum: 0 })),
        yellow: T.Optional(T.Integer({ minimum: 0 })),
        red: T.Optional(T.Integer({ minimum: 0 })),
      },
      closed,
    ),
    /**
     * A share of all traffic chosen at random (by a seeded hash of the filing id, so reproducible) and
     * sent at least to `lane`, so that exam outcomes stay an unbiased sample for training and audit.
     */
    randomSelection: T.Object({ share: Share, lane: LaneSchema, seed: T.String() }, closed),
  },
  closed,
);
export type LaneConfig = Static<typeof LaneConfigSchema>;

export type LaneConfigProblem = {
  readonly code: 'LANE_SCHEMA' | 'LANE_THRESHOLDS' | 'LANE_RATES';
  readonly path: string;
  readonly message: string;
};
export type LaneConfigResult =
  | { ok: true; config: LaneConfig }
  | { ok: false; problems: LaneConfigProblem[] };

const check = TypeCompiler.Compile(LaneConfigSchema);

export function checkLaneConfig(value: unknown): LaneConfigResult {
  if (!check.Check(value))
    return {
      ok: false,
      problems: [...check.Errors(value)]
        .slice(0, 10)
        .map((e) => ({ code: 'LANE_SCHEMA', path: e.path, message: `${e.path || '/'} ${e.message}` })),
    };
  const c = value as LaneConfig;
  const problems: LaneConfigProblem[] = [];
  const t = c.thresholds;
  if (!(t.blue <= t.yellow && t.yellow <= t.red))
    problems.push({
      code: 'LANE_THRESHOLDS',
      path: '/thresholds',
      message: 'thresholds must grow: blue ≤ yellow ≤ red',
    });
  const sum = LANES.reduce((s, l) => s + c.expectedRates[l], 0);
  if (Math.abs(sum - 1) > 0.001)
    problems.push({
      code: 'LANE_RATES',
      path: '/expectedRates',
      message: `expected rates add up to ${sum}, not 1`,
    });
  return problems.length === 0 ? { ok: true, config: c } : { ok: false, problems };
}
