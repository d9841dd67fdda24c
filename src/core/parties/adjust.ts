import { STANDARD_SUFFIXES, SUFFIX_ANYWHERE, UNIT_DESIGNATORS } from '../identity/address-words.js';
import { addressWords } from '../identity/fold.js';

/** A listed country that the query shares: supporting evidence. */
export const COUNTRY_AGREES = 0.04;
/**
 * A query country the entry is not tied to. Kept small enough that a near-exact name still hits:
 * listed parties ship through third countries (Hong Kong, the UAE, Turkey).
 */
export const COUNTRY_DIFFERS = -0.08;
/** Per informative address word shared with one of the entry's addresses, up to ADDRESS_MAX. */
export const ADDRESS_WORD = 0.02;
export const ADDRESS_MAX = 0.04;

export interface CountryAgreement {
  readonly adjustment: number;
  readonly detail: string;
}

/** The query's country (alpha-2) against the countries the entry is tied to. */
export function countryAgreement(
  queryCountry: string | undefined,
  listed: readonly string[],
): CountryAgreement {
  if (queryCountry === undefined) return { adjustment: 0, detail: 'no query country' };
  if (listed.length === 0) return { adjustment: 0, detail: 'list gives no country' };
  if (listed.includes(queryCountry))
    return { adjustment: COUNTRY_AGREES, detail: `country ${queryCountry} agrees` };
  return {
    adjustment: COUNTRY_DIFFERS,
    detail: `country ${queryCountry} not among listed ${listed.join('/')}`,
  };
}

const ADDRESS_NOISE: ReadonlySet<string> = new Set([
  'NO',
  'FLOOR',
  'BUILDING',
  'BLDG',
  'STREET',
  'ROAD',
  'AVENUE',
  'DISTRICT',
  'CITY',
  'PROVINCE',
  'BLOCK',
  'OFFICE',
  'ROOM',
  'TOWER',
  'AREA',
  'ZONE',
  'P',
  'O',
  'BOX',
  'THE',
  'OF',
  'DE',
  'LA',
  'EL',
  'AL',
]);

/** Address words that say something about a place: not street types, unit words or particles. */
export function informativeAddressWords(text: string): string[] {
  const out: string[] = [];
  for (const w of addressWords(text)) {
    if (w.length < 2 || w === '#' || ADDRESS_NOISE.has(w) || UNIT_DESIGNATORS.has(w)) continue;
    if (SUFFIX_ANYWHERE.has(w) || STANDARD_SUFFIXES.has(w)) continue;
    out.push(w);
  }
  return out;
}

export interface AddressAgreement {
  readonly adjustment: number;
  readonly shared: readonly string[];
}

/** Words of the query address found in one of the entry's addresses (the one sharing most). */
export function addressAgreement(
  queryWords: readonly string[],
  addresses: readonly ReadonlySet<string>[],
): AddressAgreement {
  if (queryWords.length === 0 || addresses.length === 0) return { adjustment: 0, shared: [] };
  let best: string[] = [];
  for (const words of addresses) {
    const shared = [...new Set(queryWords)].filter((w) => words.has(w));
    if (shared.length > best.length) best = shared;
  }
  return { adjustment: Math.min(ADDRESS_MAX, ADDRESS_WORD * best.length), shared: best };
}
