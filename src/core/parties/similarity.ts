import { doubleMetaphone } from 'double-metaphone';

/** How two words were found to be the same word. */
export type TokenMatchKind = 'exact' | 'transliteration' | 'spelling' | 'phonetic' | 'initial' | 'joined';

export interface TokenSimilarity {
  readonly score: number;
  readonly kind: TokenMatchKind;
}

/** Below this, two words are different words; the labelled bench puts typos of 5+ letters above it. */
export const WORD_MATCH = 0.84;
/** Score of an initial against the word it abbreviates: evidence, but weaker than the word. */
export const INITIAL_SCORE = 0.8;
const TRANSLITERATION_SCORE = 0.95;
const PHONETIC_SCORE = 0.88;
const KEY_MIN_JARO_WINKLER = 0.78;

const matchedA = new Uint8Array(64);
const matchedB = new Uint8Array(64);

/**
 * Jaro-Winkler similarity (prefix scale 0.1, up to 4 letters). Words longer than 64 letters compare
 * as equal or not, which no name reaches.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > 64 || lb > 64) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** A word with the keys that comparisons need, computed once per list word. */
export interface Word {
  readonly text: string;
  readonly key: string;
  /** Double metaphone codes, computed on first use (most comparisons are settled without them). */
  sounds?: readonly [string, string];
}

export function soundsOf(w: Word): readonly [string, string] {
  w.sounds ??= doubleMetaphone(w.text);
  return w.sounds;
}

/**
 * How alike two words are, as names: equal; equal under transliteration (see `spellingKey`); an
 * initial of the other; Jaro-Winkler for typos; double metaphone for sound-alikes the others miss.
 * Returns undefined when they are different words.
 */
export function compareWords(a: Word, b: Word): TokenSimilarity | undefined {
  if (a.text === b.text) return { score: 1, kind: 'exact' };
  const la = a.text.length;
  const lb = b.text.length;
  if (la === 1 || lb === 1) {
    if (la !== lb && a.text[0] === b.text[0]) return { score: INITIAL_SCORE, kind: 'initial' };
    return undefined;
  }
  if (Math.min(la, lb) <= 3) {
    // Two- and three-letter words (AL, ABU, LI, WU) are one edit from many others: only a key match counts.
    return a.key === b.key && Math.min(la, lb) === 3 && jaroWinkler(a.text, b.text) >= KEY_MIN_JARO_WINKLER
      ? { score: TRANSLITERATION_SCORE, kind: 'transliteration' }
      : undefined;
  }
  const jw = jaroWinkler(a.text, b.text);
  // The key merges all vowels, so short different names share one (SEOUL / SOL, THAMES / TAMAYOZ,
  // HASAN / HUSSEIN); romanizations of one name stay close in spelling as well (MOHAMED / MUHAMMAD 0.80).
  if (a.key === b.key && jw >= KEY_MIN_JARO_WINKLER)
    return { score: TRANSLITERATION_SCORE, kind: 'transliteration' };
  if (jw >= WORD_MATCH) return { score: jw, kind: 'spelling' };
  if (jw >= 0.7) {
    const [a1, a2] = soundsOf(a);
    const [b1, b2] = soundsOf(b);
    if (a1.length >= 3 && (a1 === b1 || a1 === b2 || (a2 === b1 && a2.length >= 3)))
      return { score: Math.max(PHONETIC_SCORE, jw), kind: 'phonetic' };
  }
  return undefined;
}
