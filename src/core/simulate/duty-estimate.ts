import {
  type ComponentKind,
  type DutyComponent,
  type EntryKind,
  type EstimateContext,
  type EstimateLine,
  estimateShipment,
} from '../duty/index.js';

export { INFORMAL_ENTRY_LIMIT_USD } from '../duty/index.js';

/**
 * A shipment's duty and fee estimate as the simulation totals it: amounts in USD (sums of components
 * rounded to the cent), the components by kind, and how many components could not be computed, so
 * that a report never shows a lower bound as if it were the whole duty.
 */
export interface DutySummary {
  readonly entry: EntryKind;
  readonly dutyUsd: number;
  readonly feesUsd: number;
  /** Components without an amount (specific rate without a quantity, reference rate, missing list). */
  readonly notComputed: number;
  readonly byKind: Readonly<Partial<Record<ComponentKind, number>>>;
  readonly notComputedByKind: Readonly<Partial<Record<ComponentKind, number>>>;
  /** The distinct sources of the amounts. */
  readonly basis: readonly string[];
}

export interface DutyEstimate extends DutySummary {
  readonly components: readonly DutyComponent[];
}

export function estimateDuty(
  lines: readonly EstimateLine[],
  shipment: { readonly kind: string; readonly mode: string },
  ctx: EstimateContext,
): DutyEstimate {
  const e = estimateShipment(lines, shipment, ctx);
  const centsByKind: Partial<Record<ComponentKind, number>> = {};
  const notComputedByKind: Partial<Record<ComponentKind, number>> = {};
  const basis = new Set<string>();
  for (const c of e.components) {
    if (c.computed) {
      centsByKind[c.kind] = (centsByKind[c.kind] ?? 0) + c.cents;
      basis.add(c.kind === 'general' ? 'HTSUS column 1 general rates' : c.citation);
    } else notComputedByKind[c.kind] = (notComputedByKind[c.kind] ?? 0) + 1;
  }
  const byKind: Partial<Record<ComponentKind, number>> = {};
  for (const [k, cents] of Object.entries(centsByKind)) byKind[k as ComponentKind] = cents / 100;
  return {
    entry: e.entry,
    dutyUsd: e.dutyCents / 100,
    feesUsd: e.feesCents / 100,
    notComputed: e.notComputed,
    byKind,
    notComputedByKind,
    basis: [...basis],
    components: e.components,
  };
}

/** The estimate without its components, for totals kept over many filings. */
export function summarize(e: DutyEstimate): DutySummary {
  const { components: _components, ...summary } = e;
  return summary;
}
