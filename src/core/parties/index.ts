export { COUNTRY_AGREES, COUNTRY_DIFFERS } from './adjust.js';
export { countryCode } from './country.js';
export { normalizePartyName, type PartyName, spellingKey, transliterate } from './normalize.js';
export { DEFAULT_CANDIDATES, DEFAULT_THRESHOLD, PartyIndex, type ScreenOptions } from './party-index.js';
export { jaroWinkler, type TokenMatchKind } from './similarity.js';
export type {
  ListAddress,
  ListEntry,
  ListEntryType,
  ListName,
  ListNameKind,
  PartyMatch,
  PartyQuery,
  ScreeningResult,
  TokenPair,
} from './types.js';
