import type { HtsEntry, HtsSchedule, ReferenceData } from './reference-data.js';
import { statesForZip, US_STATES } from './zip3-states.js';

/** An HTS schedule held in memory, keyed by the 10-digit number (a later duplicate replaces an earlier one). */
export function createHtsSchedule(edition: string, entries: Iterable<HtsEntry>): HtsSchedule {
  const map = new Map<string, HtsEntry>();
  for (const e of entries) map.set(e.hts10, e);
  return { edition, get: (hts10) => map.get(hts10), size: map.size, entries: () => map.values() };
}

/**
 * Reference data from already loaded code lists and rates; every lookup is an in-memory hash. The
 * inputs are copied, so later changes to them do not leak into a screening run.
 */
export function createReferenceData(parts: {
  countries: Iterable<string>;
  currencies: Iterable<string>;
  usdPerUnit: ReadonlyMap<string, number>;
  hts?: HtsSchedule;
}): ReferenceData {
  const countries = new Set(parts.countries);
  const currencies = new Set(parts.currencies);
  const rates = new Map(parts.usdPerUnit);
  return {
    ...(parts.hts === undefined ? {} : { hts: parts.hts }),
    isCountry: (c) => countries.has(c),
    isCurrency: (c) => currencies.has(c),
    usdPerUnit: (c) => rates.get(c),
    statesForZip,
    isUsState: (c) => US_STATES.has(c),
  };
}
