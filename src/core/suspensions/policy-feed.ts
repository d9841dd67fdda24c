import { overlay } from '../policy/dated-policy.js';
import { type DatedValue, type ParameterHistory, type ParameterSet, valueAt } from '../policy/parameters.js';
import { parseInstant } from '../time/index.js';
import { covers, type SuspensionLedger } from './ledger.js';
import type { SuspensionPeriod } from './schema.js';

const PARAMETER = 'suspended-filers';
const DEFAULT_BASE: ParameterHistory<readonly string[]> = {
  name: PARAMETER,
  description: 'Filers suspended from the Type 86 test for unacceptable compliance risk',
  values: [
    {
      fromMs: Number.NEGATIVE_INFINITY,
      from: 'origin',
      value: [],
      citation: '84 FR 40079 (misconduct and suspension from the test)',
    },
  ],
};

/**
 * The dated `suspended-filers` value history that the eligibility rules read: the policy's own
 * history (a scenario may name filers) joined, at every instant, with the filers the ledger has
 * suspended then. A new entry starts at each instant where either changes, so a rule read at a
 * shipment's instant sees exactly the filers suspended at that instant, with their reasons cited.
 */
export function suspendedFilersHistory(
  ledger: SuspensionLedger,
  base: ParameterHistory<readonly string[]> = DEFAULT_BASE,
): ParameterHistory<readonly string[]> {
  const periods = [...ledger.values()].flat();
  const points = new Set<number>(base.values.map((v) => v.fromMs));
  for (const p of periods) {
    points.add(parseInstant(p.from));
    if (p.until !== null) points.add(parseInstant(p.until));
  }
  const labels = new Map<number, string>();
  for (const v of base.values) labels.set(v.fromMs, v.from);
  for (const p of periods) {
    labels.set(parseInstant(p.from), p.from);
    if (p.until !== null) labels.set(parseInstant(p.until), p.until);
  }

  const values: DatedValue<readonly string[]>[] = [];
  // Before the base's first entry there is no value at all, and suspensions alone do not invent one.
  const firstBase = base.values[0]?.fromMs ?? Number.POSITIVE_INFINITY;
  for (const t of [...points].sort((a, b) => a - b)) {
    if (t < firstBase) continue;
    const b = valueAt(base, t)!;
    const active = periods.filter((p) => covers(p, t)).sort((x, y) => (x.filer < y.filer ? -1 : 1));
    const filers = [...new Set([...b.value, ...active.map((p) => p.filer)])].sort();
    const citation = [b.citation, ...active.map(cite)].join('; ');
    const prev = values.at(-1);
    if (prev !== undefined && sameList(prev.value, filers) && prev.citation === citation) continue;
    values.push({
      fromMs: t,
      from: labels.get(t) ?? new Date(t).toISOString(),
      value: filers,
      citation,
      ...(b.confidence === undefined ? {} : { confidence: b.confidence }),
    });
  }
  return { name: PARAMETER, description: base.description, values };
}

/**
 * The policy's parameters with recorded suspensions fed into `suspended-filers`, ready for
 * `datedPolicy` or `evaluateEligibility`. The history is complete from the base's first entry, so
 * the overlay replaces the parameter over its whole span.
 */
export function withRecordedSuspensions(params: ParameterSet, ledger: SuspensionLedger): ParameterSet {
  const base = (params.get(PARAMETER) as ParameterHistory<readonly string[]> | undefined) ?? DEFAULT_BASE;
  return overlay(params, new Map([[PARAMETER, suspendedFilersHistory(ledger, base)]]));
}

function cite(p: SuspensionPeriod): string {
  return `${p.filer} suspended from ${p.from} (${p.reason.category}: ${p.reason.text}; remedial plan: ${p.remedialPlan.summary})`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
