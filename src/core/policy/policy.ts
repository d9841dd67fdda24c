import type { FilingKind, Mode } from '../filing/schema.js';
import type { Eligibility, ShipmentFacts } from './eligibility.js';

/**
 * How the $800 aggregation check runs at one instant. The "Policy as code" work fills these from
 * dated parameter files; the engine only ever asks `policy.aggregation(at)`.
 */
export interface AggregationRule {
  /** Fair retail value one person may import free on one day, in USD cents (19 U.S.C. 1321(a)(2)(C)). */
  readonly thresholdCents: number;
  /** Which party the day total is kept for. */
  readonly keyParty: 'consignee';
  /** At filing, on the estimated arrival day: warn the filer and broker, or say nothing. */
  readonly atFiling: 'warn' | 'off';
  /** At arrival, on the actual arrival day: withhold release (4M), only warn, or say nothing. */
  readonly atArrival: 'withhold' | 'warn' | 'off';
  /** Modes and kinds outside the check (mail is not in the ACE aggregation check). */
  readonly excludedModes: readonly Mode[];
  readonly excludedKinds: readonly FilingKind[];
  /** Legal or operational source of the rule, shown in explanations. */
  readonly citation: string;
}

export interface Policy {
  readonly name: string;
  readonly version: string;
  /** The rule in force at `atMs` (the shipment's arrival, or its filing when it has not arrived). */
  aggregation(atMs: number): AggregationRule;
  /**
   * Whether the shipment may enter under Section 321 at `atMs`, with the rules that decided it.
   * A policy without it (the aggregation-only ACE policy) treats every claim as eligible.
   */
  eligibility?(facts: ShipmentFacts, atMs: number): Eligibility;
}

/** True when a filing of this kind and mode is outside the aggregation check. */
export function isExcluded(rule: AggregationRule, kind: FilingKind, mode: Mode): boolean {
  return rule.excludedModes.includes(mode) || rule.excludedKinds.includes(kind);
}
