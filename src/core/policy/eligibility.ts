import type { FilingKind, Mode } from '../filing/schema.js';
import type { ParameterName, ParameterValue } from './catalog.js';
import { type DatedValue, type ParameterSet, valueAt } from './parameters.js';

/**
 * What the eligibility rules need to know about a shipment. Everything here is independent of the
 * date, so it is worked out once per filing (on a worker thread); the rules then run at the
 * shipment's instant, which can change when the conveyance arrives.
 */
export interface ShipmentFacts {
  readonly kind: FilingKind;
  readonly mode: Mode;
  readonly claim: 'section321' | 'gift' | 'traveler' | 'none';
  readonly filer: string;
  readonly filerRole: 'broker' | 'carrier' | 'marketplace';
  /** The carrier's code when the filing names one (release from manifest is the carrier's claim). */
  readonly carrier: string | null;
  /** Declared value in USD cents; null when it could not be converted. */
  readonly valueCents: number | null;
  /** Distinct countries of origin of the lines. */
  readonly origins: readonly string[];
  readonly shipperCountry: string;
  /** Sold through a marketplace listing (the filing carries marketplace data, or the filer is one). */
  readonly ecommerce: boolean;
  /** Goods categories the lines fall in (excluded-goods ids, and adcvd / pga / section201/232/301). */
  readonly goods: readonly string[];
}

export type EligibilityOutcome = 'eligible' | 'ineligible' | 'dutiable-postal' | 'not-claimed';

/** One rule as it was applied: what it read, from which dated value, and what it concluded. */
export interface RuleStep {
  readonly rule: string;
  readonly result: 'pass' | 'fail' | 'info';
  readonly detail: string;
  readonly parameter?: string;
  /** When the value read took effect. */
  readonly since?: string;
  readonly citation: string;
}

export interface Eligibility {
  readonly outcome: EligibilityOutcome;
  /** Stable code of the deciding rule when not eligible (also the decision code). */
  readonly code?: string;
  /** ACE code CBP uses for it, where there is one. */
  readonly aceCode?: string;
  readonly steps: readonly RuleStep[];
}

/** Reads dated parameters at one instant and remembers which entry each read used. */
export class ParameterReader {
  constructor(
    private readonly params: ParameterSet,
    readonly atMs: number,
  ) {}

  entry<N extends ParameterName>(name: N): DatedValue<ParameterValue<N>> | undefined {
    const h = this.params.get(name);
    return h === undefined ? undefined : (valueAt(h, this.atMs) as DatedValue<ParameterValue<N>> | undefined);
  }

  value<N extends ParameterName>(name: N, fallback: ParameterValue<N>): ParameterValue<N> {
    const e = this.entry(name);
    return e === undefined ? fallback : e.value;
  }
}

const INSULAR_DEFAULT = { standard: 100, insular: 200, insularOrigins: ['VI', 'GU', 'AS'] };

/**
 * The Section 321 eligibility of one shipment at one instant, with every rule consulted. The
 * per-person-per-day aggregate is not decided here: it needs the other shipments of the day and runs
 * in the screening engine from `aggregation-check` and `threshold-usd`.
 */
export function evaluateEligibility(params: ParameterSet, facts: ShipmentFacts, atMs: number): Eligibility {
  const r = new ParameterReader(params, atMs);
  const steps: RuleStep[] = [];
  const step = (
    rule: string,
    result: RuleStep['result'],
    detail: string,
    e?: DatedValue<unknown>,
    citation?: string,
  ): void => {
    steps.push({
      rule,
      result,
      detail,
      ...(e === undefined ? {} : { parameter: rule, since: e.from }),
      citation: citation ?? e?.citation ?? '',
    });
  };
  const fail = (code: string, aceCode?: string): Eligibility => ({
    outcome: 'ineligible',
    code,
    ...(aceCode === undefined ? {} : { aceCode }),
    steps,
  });
  const valueUsd = facts.valueCents === null ? null : facts.valueCents / 100;

  if (facts.kind === 'informal' || facts.kind === 'formal' || facts.claim === 'none') {
    step(
      'claim',
      'info',
      `a ${facts.kind} entry claims no exemption`,
      undefined,
      '19 CFR 143.21; 19 CFR 141',
    );
    return { outcome: 'not-claimed', steps };
  }

  // Gifts and travelers' articles are separate exemptions that outlive the 2027 repeal of (C).
  if (facts.claim === 'gift' || facts.claim === 'traveler') {
    const name = facts.claim === 'gift' ? 'gift-limit-usd' : 'traveler-limit-usd';
    const e = r.entry(name);
    const limit =
      facts.claim === 'gift'
        ? giftLimit((e?.value as ParameterValue<'gift-limit-usd'>) ?? INSULAR_DEFAULT, facts.shipperCountry)
        : ((e?.value as number | undefined) ?? 200);
    if (valueUsd === null || valueUsd > limit) {
      step(name, 'fail', `${facts.claim} worth $${valueUsd ?? '?'} is over the $${limit} limit`, e);
      return fail(facts.claim === 'gift' ? 'GIFT_OVER_LIMIT' : 'TRAVELER_OVER_LIMIT');
    }
    step(name, 'pass', `${facts.claim} value within the $${limit} limit`, e);
    return { outcome: 'eligible', steps };
  }

  const threshold = r.entry('threshold-usd');
  if (threshold === undefined || threshold.value === null) {
    step('threshold-usd', 'fail', 'Section 321(a)(2)(C) is not in force', threshold);
    return postalOr(fail('DE_MINIMIS_REPEALED'), facts, r, steps, step);
  }

  const suspended = r.entry('suspended-origins');
  const hit = suspendedOrigin(suspended?.value ?? [], facts.origins);
  if (hit !== undefined) {
    const all = hit === '*';
    step(
      'suspended-origins',
      'fail',
      all
        ? 'de minimis treatment is suspended for goods of every country'
        : `de minimis treatment is suspended for goods of ${hit}`,
      suspended,
    );
    return postalOr(
      all ? fail('DE_MINIMIS_SUSPENDED') : fail('ORIGIN_SUSPENDED', '318'),
      facts,
      r,
      steps,
      step,
    );
  }
  if (suspended !== undefined && suspended.value.length === 0)
    step('suspended-origins', 'pass', 'no origin is suspended', suspended);
  else if (suspended !== undefined)
    step('suspended-origins', 'pass', `origins ${facts.origins.join(', ')} are not suspended`, suspended);

  if (facts.kind === 'type86') {
    const available = r.entry('type86-available');
    if (available !== undefined && !available.value) {
      step('type86-available', 'fail', 'Entry Type 86 is paused', available);
      return fail('TYPE86_PAUSED', '318');
    }
    const filers = r.entry('suspended-filers');
    if (filers?.value.includes(facts.filer)) {
      step('suspended-filers', 'fail', `filer ${facts.filer} is suspended from the Type 86 test`, filers);
      return fail('FILER_SUSPENDED');
    }
  }

  if (facts.kind === 'manifest321') {
    const carriers = r.entry('manifest-carriers');
    if (carriers !== undefined && carriers.value !== null) {
      const code = facts.carrier ?? facts.filer;
      if (!carriers.value.includes(code)) {
        step(
          'manifest-carriers',
          'fail',
          `carrier ${code} is not one allowed to claim by manifest`,
          carriers,
        );
        return fail('CARRIER_NOT_ALLOWED');
      }
      step('manifest-carriers', 'pass', `carrier ${code} may claim by manifest`, carriers);
    }
  }

  const ecommerce = r.entry('ecommerce-eligible');
  if (ecommerce !== undefined && !ecommerce.value && facts.ecommerce) {
    step('ecommerce-eligible', 'fail', 'e-commerce sales are delinked from Section 321', ecommerce);
    return fail('ECOMMERCE_EXCLUDED');
  }

  const excluded = excludedGoods(r, facts, valueUsd);
  if (excluded !== undefined) {
    step('excluded-goods', 'fail', excluded.detail, excluded.entry, excluded.citation);
    return fail('GOODS_EXCLUDED');
  }

  if (valueUsd === null || valueUsd > threshold.value) {
    step(
      'threshold-usd',
      'fail',
      `value $${valueUsd ?? '?'} is over the $${threshold.value} limit for one shipment`,
      threshold,
    );
    return fail('VALUE_OVER_THRESHOLD');
  }
  // A pass names the limit, not the value (the decision carries it), so that filings share the chain.
  step('threshold-usd', 'pass', `value within the $${threshold.value} limit`, threshold);
  return { outcome: 'eligible', steps };
}

function giftLimit(v: ParameterValue<'gift-limit-usd'>, shipperCountry: string): number {
  return v.insularOrigins.includes(shipperCountry) ? v.insular : v.standard;
}

function suspendedOrigin(list: readonly string[], origins: readonly string[]): string | undefined {
  if (list.includes('*')) return '*';
  return origins.find((o) => list.includes(o));
}

/** Postal items are not rejected when de minimis is unavailable: the postal duty applies to them. */
function postalOr(
  otherwise: Eligibility,
  facts: ShipmentFacts,
  r: ParameterReader,
  steps: RuleStep[],
  step: (rule: string, result: RuleStep['result'], detail: string, e?: DatedValue<unknown>) => void,
): Eligibility {
  if (facts.kind !== 'postal' && facts.mode !== 'mail') return otherwise;
  const postal = r.entry('postal-duty');
  const applies =
    postal !== undefined &&
    postal.value !== null &&
    (postal.value.origins.includes('*') || facts.origins.some((o) => postal.value!.origins.includes(o)));
  if (applies) {
    step('postal-duty', 'info', 'the postal item pays duty instead', postal);
    return { outcome: 'dutiable-postal', code: 'POSTAL_DUTY', steps };
  }
  // No postal duty table covers the item: it needs an entry like any other shipment.
  return otherwise;
}

function excludedGoods(
  r: ParameterReader,
  facts: ShipmentFacts,
  valueUsd: number | null,
): { detail: string; citation: string; entry: DatedValue<unknown> | undefined } | undefined {
  if (facts.goods.length === 0) return undefined;
  const lists = r.entry('excluded-goods');
  for (const g of lists?.value ?? []) {
    if (!facts.goods.includes(g.id)) continue;
    if (g.kinds !== undefined && !g.kinds.includes(facts.kind)) continue;
    if (g.unlessShipmentAtMostUsd !== undefined && valueUsd !== null && valueUsd <= g.unlessShipmentAtMostUsd)
      continue;
    return { detail: `${g.label} cannot enter under Section 321`, citation: g.citation, entry: lists };
  }
  const lookups = r.entry('lookup-exclusions');
  if (lookups === undefined) return undefined;
  const v = lookups.value;
  const c = lookups.citation;
  if (v.adcvd && facts.goods.includes('adcvd'))
    return {
      detail: 'goods subject to an antidumping or countervailing duty order',
      citation: c,
      entry: lookups,
    };
  if (v.pgaOnManifest && facts.kind === 'manifest321' && facts.goods.includes('pga'))
    return {
      detail: 'goods for which a partner agency requires data cannot be released from manifest',
      citation: c,
      entry: lookups,
    };
  if (v.tradeRemedy) {
    const remedy = ['section201', 'section232', 'section301'].find((k) => facts.goods.includes(k));
    if (remedy !== undefined)
      return {
        detail: `goods subject to a ${remedy.replace('section', 'Section ')} action`,
        citation: c,
        entry: lookups,
      };
  }
  return undefined;
}
