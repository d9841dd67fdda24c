import { LANES, type Lane } from './lane-config.js';

interface Day {
  readonly counts: Record<Lane, number>;
  /** Lane each filing holds today, so that a later version replaces its count instead of adding one. */
  readonly byFiling: Map<string, Lane>;
  random: number;
}

const zero = (): Record<Lane, number> => ({ green: 0, blue: 0, yellow: 0, red: 0, 'do-not-load': 0 });

/** Lane counts per day for quotas and rate monitoring; keeps the last `keepDays` days seen. */
export class LaneMemory {
  private readonly days = new Map<string, Day>();

  constructor(readonly keepDays = 3) {}

  count(day: string, lane: Lane): number {
    return this.days.get(day)?.counts[lane] ?? 0;
  }

  /** The lane the filing already holds on `day`, if any. */
  laneOf(day: string, filingId: string): Lane | undefined {
    return this.days.get(day)?.byFiling.get(filingId);
  }

  record(day: string, filingId: string, lane: Lane, random: boolean): void {
    let d = this.days.get(day);
    if (d === undefined) {
      d = { counts: zero(), byFiling: new Map(), random: 0 };
      this.days.set(day, d);
      while (this.days.size > this.keepDays) this.days.delete(this.days.keys().next().value as string);
    }
    const before = d.byFiling.get(filingId);
    if (before !== undefined) d.counts[before]--;
    else if (random) d.random++;
    d.counts[lane]++;
    d.byFiling.set(filingId, lane);
  }

  /** Counts and shares of a day per lane, beside the expected rates. */
  report(
    day: string,
    expected: Readonly<Record<Lane, number>>,
  ): {
    total: number;
    random: number;
    lanes: { lane: Lane; count: number; share: number; expected: number }[];
  } {
    const d = this.days.get(day);
    const counts = d?.counts ?? zero();
    const total = LANES.reduce((s, l) => s + counts[l], 0);
    return {
      total,
      random: d?.random ?? 0,
      lanes: LANES.map((lane) => ({
        lane,
        count: counts[lane],
        share: total === 0 ? 0 : counts[lane] / total,
        expected: expected[lane],
      })),
    };
  }
}
