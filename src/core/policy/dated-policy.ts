import type { FilingKind, Mode } from '../filing/schema.js';
import type { ParameterValue } from './catalog.js';
import { type Eligibility, evaluateEligibility, type ShipmentFacts } from './eligibility.js';
import type { DatedValue, ParameterHistory, ParameterSet } from './parameters.js';
import { valueAt } from './parameters.js';
import type { AggregationRule, Policy } from './policy.js';

export interface PolicyDefinition {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly params: ParameterSet;
}

export interface DatedPolicy extends Policy {
  readonly description: string;
  readonly params: ParameterSet;
}

const NO_CHECK: Omit<AggregationRule, 'thresholdCents' | 'citation'> = {
  keyParty: 'consignee',
  atFiling: 'off',
  atArrival: 'off',
  excludedModes: ['mail'],
  excludedKinds: ['postal', 'informal', 'formal'],
};

/** A policy whose every rule reads its dated parameters at the shipment's instant. */
export function datedPolicy(def: PolicyDefinition): DatedPolicy {
  const check = def.params.get('aggregation-check') as
    | ParameterHistory<ParameterValue<'aggregation-check'>>
    | undefined;
  const threshold = def.params.get('threshold-usd') as ParameterHistory<number | null> | undefined;
  // Rules change a handful of times in ten years: one frozen rule object per pair of entries in force.
  const memo = new Map<
    DatedValue<unknown> | undefined,
    Map<DatedValue<unknown> | undefined, AggregationRule>
  >();
  return {
    name: def.name,
    version: def.version,
    description: def.description,
    params: def.params,
    aggregation(atMs: number): AggregationRule {
      const c = check === undefined ? undefined : valueAt(check, atMs);
      const t = threshold === undefined ? undefined : valueAt(threshold, atMs);
      let inner = memo.get(c);
      if (inner === undefined) {
        inner = new Map();
        memo.set(c, inner);
      }
      let rule = inner.get(t);
      if (rule === undefined) {
        rule = aggregationRule(c, t);
        inner.set(t, rule);
      }
      return rule;
    },
    eligibility(facts: ShipmentFacts, atMs: number): Eligibility {
      return evaluateEligibility(def.params, facts, atMs);
    },
  };
}

function aggregationRule(
  c: DatedValue<ParameterValue<'aggregation-check'>> | undefined,
  t: DatedValue<number | null> | undefined,
): AggregationRule {
  const citation = [t?.citation, c?.citation].filter((x) => x !== undefined && x !== '').join('; ');
  if (t === undefined || t.value === null || c === undefined)
    return Object.freeze({ ...NO_CHECK, thresholdCents: Math.round((t?.value ?? 0) * 100), citation });
  return Object.freeze({
    keyParty: 'consignee',
    thresholdCents: Math.round(t.value * 100),
    atFiling: c.value.atFiling,
    atArrival: c.value.atArrival,
    excludedModes: Object.freeze([...c.value.excludedModes]) as readonly Mode[],
    excludedKinds: Object.freeze([...c.value.excludedKinds]) as readonly FilingKind[],
    citation,
  });
}

/**
 * A scenario's parameters over its base: an override history takes over from its first value's
 * instant (from the beginning when that value has no date); before it the base values stay in force.
 */
export function overlay(base: ParameterSet, overrides: ParameterSet): ParameterSet {
  const out = new Map(base);
  for (const [name, o] of overrides) {
    const b = base.get(name);
    const start = o.values[0]?.fromMs ?? Number.NEGATIVE_INFINITY;
    const kept = b === undefined ? [] : b.values.filter((v) => v.fromMs < start);
    out.set(name, {
      name,
      description: o.description || b?.description || '',
      values: [...kept, ...o.values],
    });
  }
  return out;
}
