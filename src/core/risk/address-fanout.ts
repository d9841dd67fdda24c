import type { RiskMemory } from './memory.js';
import type { RuleParams } from './rule-set.js';
import type { RiskKeys } from './static-risk.js';
import type { Hit, RiskBand } from './types.js';

/**
 * Many distinct consignees at one delivery point, and one consignee at many delivery points, over a
 * rolling window of days. Both are design heuristics without a public source (domain brief §7 [U]),
 * hence thresholds in the configuration. The counts include the filing being scored.
 */
export function consigneesPerAddress(
  keys: RiskKeys,
  memory: RiskMemory,
  p: RuleParams<'consignees-per-address'>,
  day: number,
): Hit {
  const n = memory.consigneesPerAddress.countWith(keys.addressKey, keys.consigneeKey, day);
  const band = bandOf(n, p.counts);
  // A miss names no address: the filing has it, and a reason shared by many filings is stored once.
  const what = `${n} distinct consignee${n === 1 ? '' : 's'} at the delivery point within ${p.windowDays} days`;
  return {
    band,
    reason: band === 'none' ? what : `${what} (${keys.addressKey}; ${band} from ${p.counts[band]})`,
    path: band === 'none' ? '' : '/consignee/address',
  };
}

export function addressesPerConsignee(
  keys: RiskKeys,
  memory: RiskMemory,
  p: RuleParams<'addresses-per-consignee'>,
  day: number,
): Hit {
  const n = memory.addressesPerConsignee.countWith(keys.consigneeKey, keys.addressKey, day);
  const band = bandOf(n, p.counts);
  const what = `consignee at ${n} delivery point${n === 1 ? '' : 's'} within ${p.windowDays} days`;
  return {
    band,
    reason:
      band === 'none'
        ? what
        : `consignee "${keys.consigneeName}" at ${n} delivery points within ${p.windowDays} days (${band} from ${p.counts[band]})`,
    path: band === 'none' ? '' : '/consignee',
  };
}

function bandOf(n: number, c: { low: number; medium: number; high: number }): Exclude<RiskBand, 'critical'> {
  return n >= c.high ? 'high' : n >= c.medium ? 'medium' : n >= c.low ? 'low' : 'none';
}
