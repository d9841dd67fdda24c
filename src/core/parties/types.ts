import type { TokenMatchKind } from './similarity.js';

/** How a list writes the name: its primary name, or an alias (OFAC alt types; remark-aka = quoted in the remarks). */
export type ListNameKind = 'primary' | 'aka' | 'fka' | 'nka' | 'remark-aka';

export type ListEntryType = 'individual' | 'entity' | 'vessel' | 'aircraft';

export interface ListName {
  readonly name: string;
  readonly kind: ListNameKind;
}

export interface ListAddress {
  /** Street, city and postal code as one line. */
  readonly text: string;
  /** ISO 3166-1 alpha-2 when the list's country name is recognised. */
  readonly country?: string;
}

/** One listed party: an SDN entry or a row of a user list. */
export interface ListEntry {
  /** Which list: `ofac-sdn` or the name the user list was loaded under. */
  readonly listId: string;
  /** The list's own id (OFAC ent_num). */
  readonly entryId: string;
  readonly type: ListEntryType;
  readonly programs: readonly string[];
  /** The primary name first. */
  readonly names: readonly ListName[];
  /** ISO alpha-2 codes the entry is tied to (addresses, nationality, citizenship). */
  readonly countries: readonly string[];
  readonly addresses: readonly ListAddress[];
}

/** A party to screen, as a filing carries it. */
export interface PartyQuery {
  readonly name: string;
  /** A code (CN, CHN) or an English name; unrecognised countries are neutral. */
  readonly country?: string;
  readonly address?: string;
}

export interface TokenPair {
  /** The query word(s); two words joined by a space when the list writes them as one. */
  readonly query: string;
  readonly list: string;
  readonly kind: TokenMatchKind;
  readonly score: number;
}

export interface PartyMatch {
  readonly listId: string;
  readonly entryId: string;
  readonly entryType: ListEntryType;
  readonly programs: readonly string[];
  /** The entry's primary name. */
  readonly listName: string;
  /** The name (primary or alias) that matched best. */
  readonly matchedName: string;
  readonly matchedNameKind: ListNameKind;
  /** Name similarity, 0 to 1, before the country and address adjustments. */
  readonly nameScore: number;
  readonly countryAdjustment: number;
  readonly addressAdjustment: number;
  /** Final score, 0 to 1. */
  readonly score: number;
  readonly pairs: readonly TokenPair[];
  /** List words the query lacks (missing middle names are common). */
  readonly unmatchedList: readonly string[];
  /** Query words the list name lacks. */
  readonly unmatchedQuery: readonly string[];
  readonly explanation: string;
}

export interface ScreeningResult {
  readonly query: PartyQuery;
  /** True when the best match reaches the threshold. */
  readonly hit: boolean;
  readonly threshold: number;
  /** The best-scoring entry, hit or not; undefined when no list name shares a word with the query. */
  readonly best?: PartyMatch;
  /** How many list names were scored in full after blocking. */
  readonly candidates: number;
}
