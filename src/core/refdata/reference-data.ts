import type { CompiledRuleSet } from '../risk/index.js';
import type { TariffLists } from './tariff-lists.js';

/**
 * The reference data the core reads on the hot path. Adapters load it (files, npm packages);
 * the core only sees these lookups, all in memory and synchronous.
 */
export interface HtsEntry {
  /** 10 digits, no dots. */
  readonly hts10: string;
  readonly description: string;
  readonly unit: string;
  readonly generalRate: string;
}

export interface HtsSchedule {
  /** Edition label, e.g. "2026 Basic Edition". */
  readonly edition: string;
  get(hts10: string): HtsEntry | undefined;
  readonly size: number;
  entries(): Iterable<HtsEntry>;
}

export interface ReferenceData {
  /** Absent when no schedule is loaded: then only the 10-digit format is checked. */
  readonly hts?: HtsSchedule;
  /** PGA flags, Section 301/232 and AD/CVD hints; absent when no list is loaded. */
  readonly tariffs?: TariffLists;
  isCountry(alpha2: string): boolean;
  isCurrency(code: string): boolean;
  /** USD per one unit of `currency`; undefined when the rate table has none. */
  usdPerUnit(currency: string): number | undefined;
  /** USPS state/territory codes that a ZIP code's first three digits belong to; undefined if unknown. */
  statesForZip(zip5: string): readonly string[] | undefined;
  isUsState(code: string): boolean;
  /** The targeting rules the stateless stage runs on each filing; absent when targeting is off. */
  readonly riskRules?: CompiledRuleSet;
  /** Excluded-goods categories of a shipment's lines (from the policy files and tariff lists). */
  classifyGoods?(lines: readonly { hts: string; origin: string }[]): string[];
}
