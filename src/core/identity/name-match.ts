import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import { oneEditApart } from './edit-distance.js';
import { areDifferentGivenNames, areRelatedNames, nicknameOf } from './given-names.js';
import type { NormalizedName } from './normalize-name.js';

/**
 * How a record joined its group. 'token-order' is part of the shared vocabulary but the grouper
 * never reports it: keys are order-free, so "SMITH JOHN" is the variant "JOHN SMITH" ('same-name').
 */
export type MatchKind =
  | 'new-group'
  | 'same-name'
  | 'token-order'
  | 'initial'
  | 'nickname'
  | 'spelling'
  | 'phonetic';

/** Why two names at one address are taken for one person; `detail` is the officer-facing explanation. */
export interface NameMatch {
  readonly kind: 'initial' | 'nickname' | 'spelling' | 'phonetic';
  readonly detail: string;
}

/** Two names that differ in one word that cannot be one person's: "JOHN SMITH" / "MARY SMITH", "J SMITH" / "M SMITH". */
export interface NameConflict {
  readonly kind: 'different';
  readonly detail: string;
}

/**
 * Compares two person or organization names whose keys differ. Token sets are compared, so word
 * order is free; at most one word may differ, and it must be an initial, nickname, one-letter
 * spelling difference or sound-alike of the other.
 */
export function compareNames(a: NormalizedName, b: NormalizedName): NameMatch | NameConflict | undefined {
  if (a.isOrganization || b.isOrganization) return compareOrganizations(a.key, b.key);
  if (a.tokens.length === 0 || b.tokens.length === 0) return undefined;
  const d = diffTokens(a.tokens, b.tokens);
  // The shared words must include a full word (a surname), not only initials.
  if (d.onlyA === 1 && d.onlyB === 1 && d.sharedFull >= 1) return compareWords(d.wordA, d.wordB);
  if (d.onlyA + d.onlyB === 1 && d.sharedFull >= 2) {
    const extra = d.onlyA === 1 ? d.wordA : d.wordB;
    if (extra.length === 1) return { kind: 'initial', detail: `extra middle initial ${extra}` };
  }
  return undefined;
}

function compareOrganizations(a: string, b: string): NameMatch | undefined {
  // Company names are short on distinguishing words; only a typo in a long name is forgiven.
  if (Math.min(a.length, b.length) >= 10 && oneEditApart(a, b))
    return { kind: 'spelling', detail: spellingDetail(a, b) };
  return undefined;
}

interface TokenDiff {
  onlyA: number;
  onlyB: number;
  wordA: string;
  wordB: string;
  sharedFull: number;
}

/** Multiset difference of two short token lists (names have a handful of words). */
function diffTokens(a: readonly string[], b: readonly string[]): TokenDiff {
  const used: boolean[] = new Array(b.length).fill(false);
  const d: TokenDiff = { onlyA: 0, onlyB: 0, wordA: '', wordB: '', sharedFull: 0 };
  for (const t of a) {
    let j = 0;
    while (j < b.length && (used[j] || b[j] !== t)) j++;
    if (j < b.length) {
      used[j] = true;
      if (t.length >= 2) d.sharedFull++;
    } else {
      d.onlyA++;
      d.wordA = t;
    }
  }
  for (let j = 0; j < b.length; j++) {
    if (used[j]) continue;
    d.onlyB++;
    d.wordB = b[j]!;
  }
  return d;
}

function compareWords(x: string, y: string): NameMatch | NameConflict | undefined {
  if (x.length === 1 && y.length > 1 && y[0] === x)
    return { kind: 'initial', detail: `initial ${x} of ${y}` };
  if (y.length === 1 && x.length > 1 && x[0] === y)
    return { kind: 'initial', detail: `initial ${y} of ${x}` };
  const formal = nicknameOf(x, y);
  if (formal !== undefined) {
    const detail =
      formal === y
        ? `${x} is a nickname of ${y}`
        : formal === x
          ? `${y} is a nickname of ${x}`
          : `${x} and ${y} are both short for ${formal}`;
    return { kind: 'nickname', detail };
  }
  // JOHN / JOAN are one letter apart but two people: known different given names are never typos.
  const different = areDifferentGivenNames(x, y);
  if (!different) {
    if (closeSpelling(x, y)) return { kind: 'spelling', detail: spellingDetail(x, y) };
    const code = commonSound(x, y);
    if (code !== undefined)
      return { kind: 'phonetic', detail: `${x} and ${y} sound alike (double metaphone ${code})` };
  }
  if (different || clearlyApart(x, y))
    return { kind: 'different', detail: `${x} and ${y} are different names` };
  return undefined;
}

/**
 * Words that cannot be one person's: two initials, an initial of another letter, or words too far
 * apart to be a typo of each other. Words the name tables tie together (JON, JOHNNY) are never apart,
 * nor are two typos of one word (SMYTH, SMITHE), so a group can hold all of them.
 */
function clearlyApart(x: string, y: string): boolean {
  if (x.length === 1 || y.length === 1) return true;
  if (areRelatedNames(x, y)) return false;
  return distance(x, y) > (Math.min(x.length, y.length) >= 5 ? 2 : 1);
}

function closeSpelling(x: string, y: string): boolean {
  const shorter = Math.min(x.length, y.length);
  // Three-letter words are one edit from many others (DAN / JAN); the first letter must agree.
  if (shorter >= 4) return oneEditApart(x, y);
  return shorter === 3 && x[0] === y[0] && oneEditApart(x, y);
}

function spellingDetail(x: string, y: string): string {
  return x.length === y.length && differingPositions(x, y) === 2
    ? `${x} and ${y} differ by two swapped letters`
    : `${x} and ${y} differ by one letter`;
}

function differingPositions(x: string, y: string): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

/** A shared double-metaphone code of at least two sounds, for words at most two edits apart. */
function commonSound(x: string, y: string): string | undefined {
  if (Math.min(x.length, y.length) < 3 || distance(x, y) > 2) return undefined;
  const cx = doubleMetaphone(x);
  const cy = doubleMetaphone(y);
  for (const c of cx) if (c.length >= 2 && (c === cy[0] || c === cy[1])) return c;
  return undefined;
}
