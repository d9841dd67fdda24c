import type { FilingLike } from '../filing/schema.js';
import { normalizeName } from '../identity/normalize-name.js';
import { htsDigitsOf, words } from './text.js';

/** Currency conversion the static stage needs (the reference data's `usdPerUnit`). */
export interface UsdRates {
  usdPerUnit(currency: string): number | undefined;
}

/** A filing line with what several rules read, worked out once. */
export interface LineView {
  readonly index: number;
  readonly hts: string;
  readonly digits: string;
  readonly chapter: string;
  readonly description: string;
  readonly words: readonly string[];
  /** Line value in USD; NaN when the currency is unknown. */
  readonly usd: number;
  /** Line weight in kg when filed and positive. */
  readonly kg: number | undefined;
  readonly cas: string | undefined;
}

export interface FilingView {
  readonly filing: FilingLike;
  readonly lines: readonly LineView[];
  /** Declared value in USD; NaN when it cannot be converted. */
  readonly usd: number;
  /** The consignee is written as a person, not a company: the usual sign of a residence. */
  readonly consigneeIsPerson: boolean;
}

export function filingView(f: FilingLike, rates: UsdRates): FilingView {
  const lines = f.lines.map((l, index): LineView => {
    const digits = htsDigitsOf(l.hts);
    const rate = rates.usdPerUnit(l.currency);
    const kg =
      l.weightKg !== undefined && l.weightKg > 0 && Number.isFinite(l.weightKg) ? l.weightKg : undefined;
    return {
      index,
      hts: l.hts,
      digits,
      chapter: digits.slice(0, 2),
      description: l.description,
      words: words(l.description),
      usd: rate === undefined ? Number.NaN : l.value * rate,
      kg,
      cas: l.cas,
    };
  });
  const rate = rates.usdPerUnit(f.currency);
  return {
    filing: f,
    lines,
    usd: rate === undefined ? Number.NaN : f.declaredValue * rate,
    consigneeIsPerson: !normalizeName(f.consignee.name).isOrganization,
  };
}
