export { groupingQuality } from './grouping-quality.js';
export type { MatchKind } from './name-match.js';
export { type NormalizedAddress, normalizeAddress } from './normalize-address.js';
export { type NormalizedName, normalizeName } from './normalize-name.js';
export { type GroupAssignment, PartyGrouper } from './party-grouper.js';
