/**
 * The $800 aggregation check as CBP runs it at arrival: one consignee, one actual arrival day
 * (U.S. Eastern), filings in manifest order; the filing that takes the running total above the
 * threshold and every later one that day are withheld (4M). Exactly the threshold is within it.
 */
export interface DayMember {
  readonly id: string;
  readonly arrivedAtMs: number;
  readonly filedAtMs: number;
  readonly valueCents: number;
}

export interface DayOutcome {
  readonly id: string;
  /** Running total of the day including this filing, in cents. */
  readonly runningCents: number;
  readonly overLimit: boolean;
}

/** Manifest order: earlier arrival first, then earlier filing, then id for a total order. */
export function manifestOrder(a: DayMember, b: DayMember): number {
  return (
    a.arrivedAtMs - b.arrivedAtMs || a.filedAtMs - b.filedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Runs the definitive check for one consignee-day. Does not reorder or mutate `members`. */
export function checkConsigneeDay(members: readonly DayMember[], thresholdCents: number): DayOutcome[] {
  const ordered = members.length > 1 ? [...members].sort(manifestOrder) : members;
  const out: DayOutcome[] = [];
  let running = 0;
  let met = false;
  for (const m of ordered) {
    running += m.valueCents;
    if (running > thresholdCents) met = true;
    out.push({ id: m.id, runningCents: running, overLimit: met });
  }
  return out;
}

/** The provisional check at filing: would this filing take the estimated day total above the limit? */
export function mayExceed(dayTotalBeforeCents: number, valueCents: number, thresholdCents: number): boolean {
  return dayTotalBeforeCents + valueCents > thresholdCents;
}
