import type { CasePolicy } from '../core/cases/index.js';
import {
  type DatedPolicy,
  datedPolicy,
  ParameterReader,
  type ParameterSet,
  type Policy,
} from '../core/policy/index.js';
import { type SuspensionLedger, withRecordedSuspensions } from '../core/suspensions/index.js';
import { parseInstant } from '../core/time/index.js';

const isDated = (p: Policy): p is DatedPolicy => (p as Partial<DatedPolicy>).params instanceof Map;

/**
 * The policy the running engine reads, with the recorded suspensions fed into it. The engine holds
 * `engine`, a stable object that delegates to the current dated policy, so recording a suspension takes
 * effect on the next record without rebuilding the engine or its state. A policy without dated
 * parameters (the aggregation-only ACE policy) has nothing to feed: suspensions are stored, not applied.
 */
export class LivePolicy {
  readonly engine: Policy;
  private current: Policy;

  constructor(
    private readonly base: Policy,
    ledger: SuspensionLedger = new Map(),
  ) {
    this.current = this.build(ledger);
    const eligibility: Pick<Policy, 'eligibility'> =
      base.eligibility === undefined
        ? {}
        : { eligibility: (facts, atMs) => this.current.eligibility!(facts, atMs) };
    this.engine = {
      name: base.name,
      version: base.version,
      aggregation: (atMs) => this.current.aggregation(atMs),
      ...eligibility,
    };
  }

  /** Whether recorded suspensions change what the engine decides. */
  get feedsSuspensions(): boolean {
    return isDated(this.base);
  }

  /** Replaces the suspensions the policy includes (the whole ledger, as recorded). */
  setLedger(ledger: SuspensionLedger): void {
    this.current = this.build(ledger);
  }

  /** What the case workflow reads: the dated parameters, liquidated damages at the decision's instant. */
  casePolicy(decidedAt: string): CasePolicy {
    const params: ParameterSet = isDated(this.current) ? this.current.params : new Map();
    const ms = parseInstant(decidedAt);
    const entry = Number.isNaN(ms)
      ? undefined
      : new ParameterReader(params, ms).entry('liquidated-damages-multiple');
    return {
      params,
      liquidatedDamages:
        entry === undefined
          ? { multiple: 0, citation: 'no liquidated-damages-multiple in the policy' }
          : { multiple: entry.value, citation: entry.citation },
    };
  }

  private build(ledger: SuspensionLedger): Policy {
    const b = this.base;
    if (!isDated(b) || ledger.size === 0) return b;
    return datedPolicy({
      name: b.name,
      version: b.version,
      description: b.description,
      params: withRecordedSuspensions(b.params, ledger),
    });
  }
}
