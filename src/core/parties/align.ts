import { spellingKey } from './normalize.js';
import { compareWords, type TokenSimilarity, type Word } from './similarity.js';
import type { TokenPair } from './types.js';

/** Share of a list word's weight charged when the query lacks it: filings drop middle names and aliases. */
export const MISSING_LIST_WORD = 0.5;

/** Similarity of query word `i` to list word `j` (the index supplies one that reuses its blocking work). */
export type WordSimilarity = (i: number, j: number) => TokenSimilarity | undefined;

export interface Alignment {
  /** Weighted name similarity, 0 to 1. */
  readonly score: number;
  readonly pairs: readonly TokenPair[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedList: readonly string[];
  /** Matched pairs appear in a different order in the two names. */
  readonly reordered: boolean;
}

interface Candidate {
  i: number;
  j: number;
  sim: TokenSimilarity;
}

/**
 * Token-set alignment of a query name with a list name. Words pair greedily, best similarity first,
 * each word at most once, so order is free; a word left over may still match two adjacent words of the
 * other side written as one (ABDULAZIZ / ABDUL AZIZ). The score is a weighted Dice coefficient:
 *
 *   Σ s·2w(list word) / (Σ 2w(list word) + Σ w(unmatched query) + ½·Σ w(unmatched list))
 *
 * with w the word's rarity in the list (inverse document frequency), so that AL, MUHAMMAD or BANK
 * count for less than a surname. Unmatched list words cost half: a filing naming "Abboud Al-Zomor"
 * for the listed "AL-ZOMOR, Abboud Abdul Latif Hassan" is a lead, not a miss.
 */
export function alignNames(
  query: readonly Word[],
  queryWeights: readonly number[],
  list: readonly Word[],
  listWeights: readonly number[],
  similarity: WordSimilarity,
): Alignment {
  const m = query.length;
  const n = list.length;
  const candidates: Candidate[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const sim = similarity(i, j);
      if (sim !== undefined) candidates.push({ i, j, sim });
    }
  // Best first; between equals the heavier list word, so that a shared AL does not take a surname's partner.
  candidates.sort((a, b) => b.sim.score - a.sim.score || listWeights[b.j]! - listWeights[a.j]!);
  const qUsed = new Array<boolean>(m).fill(false);
  const lUsed = new Array<boolean>(n).fill(false);
  const pairs: TokenPair[] = [];
  let matched = 0;
  let matchedWeight = 0;
  const order: [number, number][] = [];
  for (const c of candidates) {
    if (qUsed[c.i] || lUsed[c.j]) continue;
    qUsed[c.i] = true;
    lUsed[c.j] = true;
    const w = 2 * listWeights[c.j]!;
    matched += c.sim.score * w;
    matchedWeight += w;
    order.push([c.i, c.j]);
    pairs.push({ query: query[c.i]!.text, list: list[c.j]!.text, kind: c.sim.kind, score: c.sim.score });
  }
  if (pairs.length < Math.min(m, n)) {
    const j2 = joinedPairs(query, list, qUsed, lUsed, pairs, false);
    for (const [i, j, s] of j2) {
      // Weighed as one word, the heavier of the two: AL in AL ZAWAHIRI adds nothing to ALZAWAHIRI.
      const w = 2 * Math.max(listWeights[j]!, listWeights[j + 1]!);
      matched += s * w;
      matchedWeight += w;
      order.push([i, j]);
    }
    const j3 = joinedPairs(list, query, lUsed, qUsed, pairs, true);
    for (const [j, i, s] of j3) {
      const w = 2 * listWeights[j]!;
      matched += s * w;
      matchedWeight += w;
      order.push([i, j]);
    }
  }
  let missingQuery = 0;
  const unmatchedQuery: string[] = [];
  for (let i = 0; i < m; i++)
    if (!qUsed[i]) {
      missingQuery += queryWeights[i]!;
      unmatchedQuery.push(query[i]!.text);
    }
  let missingList = 0;
  const unmatchedList: string[] = [];
  for (let j = 0; j < n; j++)
    if (!lUsed[j]) {
      missingList += listWeights[j]!;
      unmatchedList.push(list[j]!.text);
    }
  const den = matchedWeight + missingQuery + MISSING_LIST_WORD * missingList;
  order.sort((a, b) => a[0] - b[0]);
  let reordered = false;
  for (let k = 1; k < order.length; k++) if (order[k]![1] < order[k - 1]![1]) reordered = true;
  return { score: den === 0 ? 0 : matched / den, pairs, unmatchedQuery, unmatchedList, reordered };
}

/**
 * Leftover words of `single` that match two adjacent leftover words of `double` written together.
 * Returns [index in single, index of the first of the two in double, similarity] and marks them used.
 */
function joinedPairs(
  single: readonly Word[],
  double: readonly Word[],
  sUsed: boolean[],
  dUsed: boolean[],
  pairs: TokenPair[],
  singleIsList: boolean,
): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < single.length; i++) {
    if (sUsed[i]) continue;
    const s = single[i]!;
    if (s.text.length < 5) continue;
    for (let j = 0; j + 1 < double.length; j++) {
      if (dUsed[j] || dUsed[j + 1]) continue;
      const text = double[j]!.text + double[j + 1]!.text;
      // Cheap reject: the joined word must be about as long as the single one.
      if (Math.abs(text.length - s.text.length) > 2) continue;
      const sim = compareWords(s, { text, key: spellingKey(text) });
      if (sim === undefined || sim.score < 0.88) continue;
      sUsed[i] = true;
      dUsed[j] = true;
      dUsed[j + 1] = true;
      const joined = `${double[j]!.text} ${double[j + 1]!.text}`;
      pairs.push({
        query: singleIsList ? joined : s.text,
        list: singleIsList ? s.text : joined,
        kind: 'joined',
        score: sim.score,
      });
      out.push([i, j, sim.score]);
      break;
    }
  }
  return out;
}
