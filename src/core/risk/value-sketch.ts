/**
 * A streaming quantile sketch for value per kilogram: counts in log-spaced bins (20 per decade, about
 * 12 % wide), from $0.001/kg to $10,000,000/kg. Bounded (one small array per HTS heading), the same
 * whatever the order of the samples, and mergeable. Halving every count from time to time forgets old
 * traffic gradually, so the baseline follows the prices of the season.
 */
const MIN_LOG10 = -3;
const PER_DECADE = 20;
const DECADES = 10;
const BINS = PER_DECADE * DECADES;

export class ValueSketch {
  /** bins[0] holds values below the range, bins[BINS + 1] values above it. */
  private readonly bins = new Float64Array(BINS + 2);
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(value: number, weight = 1): void {
    if (!(value > 0) || !Number.isFinite(value)) return;
    const x = (Math.log10(value) - MIN_LOG10) * PER_DECADE;
    const i = x < 0 ? 0 : x >= BINS ? BINS + 1 : 1 + Math.floor(x);
    this.bins[i]! += weight;
    this.total += weight;
  }

  /** Multiplies every count by `factor` (0.5: old samples weigh half). */
  scale(factor: number): void {
    for (let i = 0; i < this.bins.length; i++) this.bins[i]! *= factor;
    this.total *= factor;
  }

  /** The q-quantile, interpolated geometrically inside its bin; NaN when empty. */
  quantile(q: number): number {
    if (this.total <= 0) return Number.NaN;
    const target = Math.min(Math.max(q, 0), 1) * this.total;
    let acc = 0;
    for (let i = 0; i < this.bins.length; i++) {
      const c = this.bins[i]!;
      if (c === 0) continue;
      if (acc + c >= target) {
        if (i === 0) return 10 ** MIN_LOG10;
        if (i === BINS + 1) return 10 ** (MIN_LOG10 + DECADES);
        const frac = (target - acc) / c;
        return 10 ** (MIN_LOG10 + (i - 1 + frac) / PER_DECADE);
      }
      acc += c;
    }
    return 10 ** (MIN_LOG10 + DECADES);
  }

  /** Plain numbers, for a snapshot: [total, then index/count pairs of the non-empty bins]. */
  toJSON(): number[] {
    const out = [this.total];
    for (let i = 0; i < this.bins.length; i++) if (this.bins[i] !== 0) out.push(i, this.bins[i]!);
    return out;
  }

  static fromJSON(data: readonly number[]): ValueSketch {
    const s = new ValueSketch();
    s.total = data[0] ?? 0;
    for (let k = 1; k + 1 < data.length; k += 2) s.bins[data[k]!] = data[k + 1]!;
    return s;
  }
}
