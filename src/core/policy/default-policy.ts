import type { AggregationRule, Policy } from './policy.js';

/**
 * ACE as it runs from 2025-08-12: a warning to the filer and broker at filing, and a 4M
 * "Withhold Entry Release – De Minimis Met" once the consignee's actual-arrival-day total passes
 * $800. The full date history (and the 2025-08-29 suspension) comes with the dated policies.
 */
const RULE_2025_08_12: AggregationRule = Object.freeze({
  thresholdCents: 80_000,
  keyParty: 'consignee',
  atFiling: 'warn',
  atArrival: 'withhold',
  excludedModes: Object.freeze(['mail'] as const),
  excludedKinds: Object.freeze(['postal', 'informal', 'formal'] as const),
  citation:
    '19 U.S.C. 1321(a)(2)(C); 19 CFR 10.151; CBP ACE "Section 321 – Does Not Exceed $800 in Aggregated Shipments", production 2025-08-12 (4M)',
});

export const defaultPolicy: Policy = Object.freeze({
  name: 'ace-2025-08-12',
  version: '1',
  aggregation: () => RULE_2025_08_12,
});
