import type { Decision } from '../src/core/decision/index.js';
import type { Planted, PlantedKind } from '../src/generate/truth.js';

/** The targeting rules that look for each planted kind. */
const RULES_FOR: Partial<Record<PlantedKind, readonly string[]>> = {
  precursor: ['precursor-hts', 'precursor-cas', 'precursor-name'],
  'pill-press': ['press-hts', 'press-wording'],
  'private-mailbox': ['cmra-address'],
  'weight-value-outlier': ['weight-value', 'undervaluation'],
};

const FLAGGED_LANES = new Set(['yellow', 'red', 'do-not-load']);

export interface KindQuality {
  readonly planted: number;
  /** Planted filings on which one of the kind's rules hit (any band above none). */
  readonly ruleRecall: number;
  /** Of the filings where one of the kind's rules hit, the share planted as that kind. */
  readonly rulePrecision: number;
  /** Planted filings sent to documents, exam or do-not-load. */
  readonly laneRecall: number;
}

/**
 * Recall and precision of targeting on the generator's planted cases, from the decisions of a run:
 * per kind by its own rules and by lane, overall for the lanes (a yellow-or-worse lane that was not a
 * random selection counts as a flag), and for split orders whether every filing of a planted split met
 * in one consignee group.
 */
export function plantedCaseQuality(decisions: readonly Decision[], planted: readonly Planted[]) {
  const byId = new Map(decisions.map((d) => [d.filingId, d]));
  const kindOf = new Map<string, PlantedKind>();
  for (const p of planted)
    if (RULES_FOR[p.kind] !== undefined) for (const id of p.filingIds) kindOf.set(id, p.kind);
  const kinds: Record<string, KindQuality> = {};
  for (const [kind, rules] of Object.entries(RULES_FOR) as [PlantedKind, readonly string[]][]) {
    const ids = planted.filter((p) => p.kind === kind).flatMap((p) => p.filingIds);
    const hit = (d: Decision) => d.risk.rules.some((r) => rules.includes(r.rule) && r.band !== 'none');
    const hits = decisions.filter(hit);
    const found = ids.filter((id) => {
      const d = byId.get(id);
      return d !== undefined && hit(d);
    }).length;
    const laned = ids.filter((id) => FLAGGED_LANES.has(byId.get(id)?.lane ?? '')).length;
    kinds[kind] = {
      planted: ids.length,
      ruleRecall: ratio(found, ids.length),
      rulePrecision: ratio(hits.filter((d) => kindOf.get(d.filingId) === kind).length, hits.length),
      laneRecall: ratio(laned, ids.length),
    };
  }
  const flagged = decisions.filter((d) => FLAGGED_LANES.has(d.lane) && !d.risk.randomlySelected);
  const risky = [...kindOf.keys()].filter((id) => byId.has(id));
  const splits = planted.filter((p) => p.kind === 'split-order');
  const joined = splits.filter((p) => {
    const keys = new Set(p.filingIds.map((id) => byId.get(id)?.party?.key));
    return keys.size === 1 && !keys.has(undefined);
  });
  return {
    byKind: kinds,
    lanes: {
      flagged: flagged.length,
      recall: ratio(risky.filter((id) => FLAGGED_LANES.has(byId.get(id)!.lane)).length, risky.length),
      precision: ratio(flagged.filter((d) => kindOf.has(d.filingId)).length, flagged.length),
      randomlySelected: decisions.filter((d) => d.risk.randomlySelected).length,
    },
    splitOrders: { planted: splits.length, groupedTogether: ratio(joined.length, splits.length) },
  };
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : Number((n / d).toFixed(4));
}
