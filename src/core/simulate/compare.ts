import type { Decision } from '../decision/index.js';
import type { DutySummary } from './duty-estimate.js';
import { INFORMAL_ENTRY_LIMIT_USD } from './duty-estimate.js';

/** One filing's outcome under one policy, with what the simulation needs to total it. */
export interface Outcome {
  readonly id: string;
  readonly status: Decision['status'];
  readonly eligibility: string;
  readonly code: string | null;
  readonly valueUsd: number;
  readonly origin: string;
  readonly chapter: string;
  /** Present when the shipment is not eligible and owes duty (or would need an entry). */
  readonly duty?: DutySummary;
}

export interface PolicySide {
  readonly policy: string;
  readonly byStatus: Record<string, number>;
  readonly eligible: number;
  readonly withheld4M: number;
  readonly entriesNeeded: { readonly informal: number; readonly formal: number };
  readonly dutyUsd: number;
  readonly feesUsd: number;
  /** Duty components without an amount (a lower bound follows), in total and by kind. */
  readonly dutyNotComputed: number;
  readonly dutyNotComputedByKind: Record<string, number>;
  /** Estimated USD by component kind (general, section301, section232, ieepa, postal, mpf). */
  readonly dutyByKind: Record<string, number>;
  readonly dutyByOrigin: Record<string, number>;
  readonly dutyByChapter: Record<string, number>;
}

export interface Change {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly count: number;
  readonly examples: readonly string[];
}

export interface Comparison {
  readonly a: PolicySide;
  readonly b: PolicySide;
  readonly filings: number;
  readonly changed: number;
  readonly changes: readonly Change[];
}

/** Needs an entry of its own: refused a Section 321 claim (rejected for eligibility) or withheld (4M). */
export function needsEntry(o: Outcome): boolean {
  return o.status === 'withheld' || (o.status === 'rejected' && o.eligibility === 'ineligible');
}

export function side(policy: string, outcomes: Iterable<Outcome>): PolicySide {
  const byStatus: Record<string, number> = {};
  const dutyByOrigin: Record<string, number> = {};
  const dutyByChapter: Record<string, number> = {};
  const byKindCents: Record<string, number> = {};
  const notComputedByKind: Record<string, number> = {};
  let eligible = 0;
  let withheld = 0;
  let informal = 0;
  let formal = 0;
  let duty = 0;
  let fees = 0;
  let notComputed = 0;
  for (const o of outcomes) {
    byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    if (o.eligibility === 'eligible' && (o.status === 'released' || o.status === 'accepted')) eligible++;
    if (o.status === 'withheld') withheld++;
    if (needsEntry(o)) {
      if (o.valueUsd > INFORMAL_ENTRY_LIMIT_USD) formal++;
      else informal++;
    }
    if (o.duty !== undefined) {
      duty += o.duty.dutyUsd;
      fees += o.duty.feesUsd;
      notComputed += o.duty.notComputed;
      for (const [k, usd] of Object.entries(o.duty.byKind))
        byKindCents[k] = (byKindCents[k] ?? 0) + Math.round((usd ?? 0) * 100);
      for (const [k, n] of Object.entries(o.duty.notComputedByKind))
        notComputedByKind[k] = (notComputedByKind[k] ?? 0) + (n ?? 0);
      dutyByOrigin[o.origin] = round((dutyByOrigin[o.origin] ?? 0) + o.duty.dutyUsd);
      dutyByChapter[o.chapter] = round((dutyByChapter[o.chapter] ?? 0) + o.duty.dutyUsd);
    }
  }
  return {
    policy,
    byStatus,
    eligible,
    withheld4M: withheld,
    entriesNeeded: { informal, formal },
    dutyUsd: round(duty),
    feesUsd: round(fees),
    dutyNotComputed: notComputed,
    dutyNotComputedByKind: notComputedByKind,
    dutyByKind: Object.fromEntries(Object.entries(byKindCents).map(([k, c]) => [k, c / 100])),
    dutyByOrigin,
    dutyByChapter,
  };
}

/** Filings whose outcome differs, grouped by (status under A → status under B, reason under B). */
export function compare(
  a: { policy: string; outcomes: ReadonlyMap<string, Outcome> },
  b: { policy: string; outcomes: ReadonlyMap<string, Outcome> },
): Comparison {
  const groups = new Map<
    string,
    { from: string; to: string; reason: string; count: number; examples: string[] }
  >();
  let changed = 0;
  for (const [id, oa] of a.outcomes) {
    const ob = b.outcomes.get(id);
    // A different reason for the same outcome (suspended vs repealed) is not a change of outcome.
    if (ob === undefined || (ob.status === oa.status && ob.eligibility === oa.eligibility)) continue;
    changed++;
    const reason = ob.code ?? (ob.status === 'withheld' ? '4M' : (oa.code ?? ob.status));
    const key = `${oa.status}|${ob.status}|${reason}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { from: oa.status, to: ob.status, reason, count: 0, examples: [] };
      groups.set(key, g);
    }
    g.count++;
    if (g.examples.length < 5) g.examples.push(id);
  }
  return {
    a: side(a.policy, a.outcomes.values()),
    b: side(b.policy, b.outcomes.values()),
    filings: a.outcomes.size,
    changed,
    changes: [...groups.values()].sort((x, y) => y.count - x.count),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
