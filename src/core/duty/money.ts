/**
 * Money in the estimate is whole cents. Every component is rounded once, to the nearest cent (halves
 * up), from its exact product; totals are sums of the rounded components, so a total always equals the
 * sum of the amounts shown beside it. `toPrecision(12)` first drops binary noise such as
 * 0.1 × 3 = 0.30000000000000004, so that a product that is exactly half a cent in decimal rounds up.
 */
export function toCents(usd: number): number {
  return Math.round(Number((usd * 100).toPrecision(12)));
}

export function centsToUsd(cents: number): number {
  return cents / 100;
}

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(2)}`;
}
