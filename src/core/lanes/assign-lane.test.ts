import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskBand, RuleId } from '../risk/types.js';
import { assignLane, type Scored } from './assign-lane.js';
import { checkLaneConfig, type LaneConfig } from './lane-config.js';
import { LaneMemory } from './lane-memory.js';
import { randomlySelected, selectionDraw } from './random-selection.js';

function aLaneConfig(overrides: Partial<LaneConfig> = {}): LaneConfig {
  return {
    name: 'test',
    version: '1',
    thresholds: { blue: 10, yellow: 25, red: 50 },
    bandFloors: [
      { band: 'critical', lane: 'red' },
      { band: 'high', rules: ['precursor-cas'], lane: 'red' },
      { band: 'high', lane: 'yellow' },
    ],
    doNotLoad: [
      {
        label: 'precursor for a watch-listed party',
        allOf: [
          { rules: ['precursor-cas', 'press-wording'], band: 'critical' },
          { rules: ['watch-list'], band: 'high' },
        ],
      },
    ],
    expectedRates: { green: 0.9, blue: 0.05, yellow: 0.03, red: 0.0195, 'do-not-load': 0.0005 },
    quotasPerDay: {},
    randomSelection: { share: 0, lane: 'red', seed: 's1' },
    ...overrides,
  };
}

const scored = (filingId: string, score: number, results: [RuleId, RiskBand][] = []): Scored => ({
  filingId,
  score,
  results: results.map(([rule, band]) => ({ rule, band })),
});
const DAY = '2025-08-20';

describe('assignLane', () => {
  it('maps the score to a lane with the threshold in the reason', () => {
    const cfg = aLaneConfig();
    const m = new LaneMemory();
    expect(assignLane(scored('a', 5), cfg, m, DAY)).toMatchObject({
      lane: 'green',
      reason: 'score 5 < blue 10',
    });
    expect(assignLane(scored('b', 10), cfg, m, DAY).lane).toBe('blue');
    expect(assignLane(scored('c', 30), cfg, m, DAY).reason).toBe('score 30 ≥ yellow 25');
    expect(assignLane(scored('d', 83), cfg, m, DAY)).toMatchObject({
      lane: 'red',
      reason: 'score 83 ≥ red 50',
    });
  });

  it('lifts a filing to the floor of a strong band, whatever the score', () => {
    const cfg = aLaneConfig();
    const m = new LaneMemory();
    expect(assignLane(scored('a', 0, [['description-fit', 'high']]), cfg, m, DAY)).toMatchObject({
      lane: 'yellow',
      reason: 'description-fit high puts it at least in yellow',
    });
    expect(assignLane(scored('b', 0, [['precursor-cas', 'high']]), cfg, m, DAY).lane).toBe('red');
  });

  it('sends a critical precursor for a watch-listed party to do-not-load, and only then', () => {
    const cfg = aLaneConfig();
    const m = new LaneMemory();
    const both = assignLane(
      scored('a', 100, [
        ['precursor-cas', 'critical'],
        ['watch-list', 'high'],
      ]),
      cfg,
      m,
      DAY,
    );
    expect(both.lane).toBe('do-not-load');
    expect(both.reason).toContain('precursor-cas critical + watch-list high');
    expect(assignLane(scored('b', 100, [['precursor-cas', 'critical']]), cfg, m, DAY).lane).toBe('red');
  });

  it('moves filings down a lane once the quota of the day is reached, and starts again the next day', () => {
    const cfg = aLaneConfig({ quotasPerDay: { red: 2, yellow: 1 } });
    const m = new LaneMemory();
    const lanes = ['a', 'b', 'c', 'd'].map((id) => assignLane(scored(id, 90), cfg, m, DAY));
    expect(lanes.map((d) => d.lane)).toEqual(['red', 'red', 'yellow', 'blue']);
    expect(lanes[2]!.reason).toBe('quota for red reached (2/day), moved to yellow');
    expect(lanes[3]!).toMatchObject({
      demotedFrom: 'red',
      reason: 'quota for yellow reached (1/day), moved to blue',
    });
    expect(assignLane(scored('e', 90), cfg, m, '2025-08-21').lane).toBe('red');
  });

  it('does not count a new version of a filing twice against the quota', () => {
    const cfg = aLaneConfig({ quotasPerDay: { red: 1 } });
    const m = new LaneMemory();
    expect(assignLane(scored('a', 90), cfg, m, DAY).lane).toBe('red');
    expect(assignLane(scored('a', 95), cfg, m, DAY).lane).toBe('red');
    expect(m.count(DAY, 'red')).toBe(1);
    expect(assignLane(scored('b', 90), cfg, m, DAY).lane).toBe('yellow');
  });

  it('never moves do-not-load or a random selection for a quota', () => {
    const cfg = aLaneConfig({
      quotasPerDay: { red: 0 },
      randomSelection: { share: 1, lane: 'red', seed: 's' },
    });
    const d = assignLane(scored('a', 0), cfg, new LaneMemory(), DAY);
    expect(d).toMatchObject({ lane: 'red', randomlySelected: true, reason: 'random selection 100 %: red' });
  });

  it('keeps the random share within tolerance over 10,000 filings, reproducibly', () => {
    const cfg = aLaneConfig({ randomSelection: { share: 0.01, lane: 'red', seed: 'minimis-random-1' } });
    const m = new LaneMemory();
    let picked = 0;
    let red = 0;
    for (let i = 0; i < 10_000; i++) {
      const d = assignLane(scored(`BRK${String(i).padStart(10, '0')}`, 0), cfg, m, DAY);
      if (d.randomlySelected) picked++;
      if (d.lane === 'red') red++;
    }
    // Binomial(10,000, 1 %): sd ≈ 10, so ±40 is four standard deviations.
    expect(picked).toBeGreaterThanOrEqual(60);
    expect(picked).toBeLessThanOrEqual(140);
    expect(red).toBe(picked);
    const report = m.report(DAY, cfg.expectedRates);
    expect(report).toMatchObject({ total: 10_000, random: picked });
    expect(report.lanes.find((l) => l.lane === 'red')!.count).toBe(picked);
  });

  it('measures lane shares against the expected rates on synthetic scores', () => {
    const cfg = aLaneConfig({ randomSelection: { share: 0.01, lane: 'red', seed: 'x' } });
    const m = new LaneMemory();
    // Scores: 90 % zero, 5 % blue, 3 % yellow, 2 % red, in a fixed interleaving.
    for (let i = 0; i < 10_000; i++) {
      const k = i % 100;
      const s = k < 90 ? 0 : k < 95 ? 12 : k < 98 ? 30 : 60;
      assignLane(scored(`F${i}`, s), cfg, m, DAY);
    }
    const shares = Object.fromEntries(m.report(DAY, cfg.expectedRates).lanes.map((l) => [l.lane, l.share]));
    expect(Math.abs(shares.green! - 0.9)).toBeLessThan(0.015);
    expect(Math.abs(shares.red! - 0.03)).toBeLessThan(0.005); // 2 % by score + ~1 % random
  });
});

describe('random selection', () => {
  it('is a property of the filing id and the seed', () => {
    expect(selectionDraw('A1', 's')).toBe(selectionDraw('A1', 's'));
    expect(selectionDraw('A1', 's')).not.toBe(selectionDraw('A1', 't'));
  });

  it('selects a share of any id population within binomial bounds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.005, max: 0.5, noNaN: true }),
        (prefix, share) => {
          const n = 4000;
          let k = 0;
          for (let i = 0; i < n; i++) if (randomlySelected(`${prefix}${i}`, 'seed', share)) k++;
          const sd = Math.sqrt(n * share * (1 - share));
          return Math.abs(k - n * share) <= 5 * sd + 1;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('selects nothing at share 0 and everything at share 1', () => {
    fc.assert(
      fc.property(fc.string(), (id) => !randomlySelected(id, 's', 0) && randomlySelected(id, 's', 1)),
    );
  });
});

describe('checkLaneConfig', () => {
  it('accepts the fixture and rejects misordered thresholds as a value', () => {
    expect(checkLaneConfig(aLaneConfig()).ok).toBe(true);
    const r = checkLaneConfig(aLaneConfig({ thresholds: { blue: 30, yellow: 20, red: 50 } }));
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['LANE_THRESHOLDS']);
  });
});
