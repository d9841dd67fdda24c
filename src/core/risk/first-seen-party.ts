import { partyKey, type RiskMemory } from './memory.js';
import type { RuleParams } from './rule-set.js';
import type { RiskKeys } from './static-risk.js';
import type { Hit } from './types.js';

/**
 * A shipper or seller never seen before (or forgotten since, past the memory's cap). Every party is
 * new when the memory is empty, so the rule stays silent until `warmUpFilings` filings were observed.
 */
export function firstSeenParty(keys: RiskKeys, memory: RiskMemory, p: RuleParams<'first-seen-party'>): Hit {
  if (memory.filings < p.warmUpFilings)
    return {
      band: 'none',
      // No running count in the reason: a miss shared by thousands of filings is stored once.
      reason: `memory warming up (fewer than ${p.warmUpFilings} filings seen)`,
      path: '',
    };
  const fresh = keys.parties.filter((x, i) => {
    const key = partyKey(x);
    return memory.partySeen(key) === undefined && keys.parties.findIndex((y) => partyKey(y) === key) === i;
  });
  if (fresh.length === 0) return { band: 'none', reason: 'shipper and seller seen before', path: '' };
  const names = fresh.map((x) => `${x.role} "${x.name}" (${x.country})`).join(', ');
  return { band: p.band, reason: `first time seen: ${names}`, path: `/${fresh[0]!.role}/name` };
}
