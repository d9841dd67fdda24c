import type { Policy } from '../policy/index.js';

/**
 * The same traffic replayed as if it had happened `deltaMs` later: every rule is read at the shifted
 * instant, while days, arrivals and manifest order stay those of the traffic itself.
 */
export function shiftedPolicy(p: Policy, deltaMs: number): Policy {
  if (deltaMs === 0) return p;
  const eligibility = p.eligibility;
  return {
    name: p.name,
    version: p.version,
    aggregation: (at) => p.aggregation(at + deltaMs),
    ...(eligibility === undefined ? {} : { eligibility: (f, at) => eligibility.call(p, f, at + deltaMs) }),
  };
}
