import { addressAgreement, countryAgreement, informativeAddressWords } from './adjust.js';
import { alignNames } from './align.js';
import { countryCode } from './country.js';
import { explain } from './explain.js';
import { normalizePartyName, spellingKey } from './normalize.js';
import { compareWords, type TokenSimilarity, type Word } from './similarity.js';
import type { ListEntry, PartyMatch, PartyQuery, ScreeningResult } from './types.js';

/** Chosen on the labelled bench (bench/parties-bench.ts): recall and precision both ≥ 0.95 around it. */
export const DEFAULT_THRESHOLD = 0.85;
/** List names scored in full per query, best blocking estimates first. */
export const DEFAULT_CANDIDATES = 24;
/** One-letter words are initials: little evidence whichever side they are on. */
const INITIAL_WEIGHT = 1.5;
/** Words this long or longer are found through one deleted letter (typos, dropped vowels, swapped letters). */
const DELETION_MIN = 4;
/** A query word whose similar list words hold more names than this only credits names found already. */
const COMMON_POSTINGS = 1000;

export interface ScreenOptions {
  /** Score at or above which the best match is a hit (default DEFAULT_THRESHOLD). */
  readonly threshold?: number;
  /** List names scored in full (default DEFAULT_CANDIDATES). */
  readonly candidates?: number;
}

interface IndexedName {
  readonly entry: number;
  /** Index into the entry's names. */
  readonly name: number;
  readonly words: Int32Array;
  readonly weights: readonly number[];
  readonly totalWeight: number;
}

/**
 * The screening index over one or more lists. Blocking works word by word: each query word finds the
 * list words it may be (equal, equal under `spellingKey`, or one deleted letter apart, then Jaro-Winkler),
 * each such word credits the names that contain it with its weight, and only the names with the best
 * estimated score — a few dozen of ~30,000 — are aligned in full. The similarities found while
 * blocking are reused by the alignment, so a word pair is compared once per query.
 */
export class PartyIndex {
  private readonly entries: readonly ListEntry[];
  private readonly words: Word[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly weight: number[] = [];
  private readonly names: IndexedName[] = [];
  private readonly postings: Int32Array[] = [];
  private readonly byKey = new Map<string, number[]>();
  /**
   * Word ids by each spelling with one letter deleted (a symmetric deletion neighbourhood): a query word
   * and a list word one substitution, insertion, deletion or swap apart share an entry, found with a
   * dozen lookups instead of a scan of the vocabulary.
   */
  private readonly byDeletion = new Map<string, number[]>();
  private readonly unknownWeight: number;
  private readonly entryAddressWords: (readonly ReadonlySet<string>[] | undefined)[];
  // Scratch space reused by every query; screening is single-threaded per index.
  private readonly acc: Float64Array;
  private readonly stamp: Int32Array;
  private base = 1;
  /** Query countries as written, resolved: a few hundred spellings cover all traffic. */
  private readonly countries = new Map<string, string | undefined>();

  private constructor(entries: readonly ListEntry[]) {
    this.entries = entries;
    const df: number[] = [];
    const nameWords: number[][] = [];
    entries.forEach((entry, e) => {
      entry.names.forEach((n, k) => {
        const tokens = normalizePartyName(n.name).tokens;
        if (tokens.length === 0) return;
        const ids = tokens.map((t) => this.intern(t, df));
        for (const id of new Set(ids)) df[id]! += 1;
        nameWords.push(ids);
        this.names.push({ entry: e, name: k, words: Int32Array.from(ids), weights: [], totalWeight: 0 });
      });
    });
    const total = Math.max(1, this.names.length);
    for (let id = 0; id < this.words.length; id++)
      this.weight[id] = this.words[id]!.text.length === 1 ? INITIAL_WEIGHT : Math.log(total / df[id]!) + 1;
    this.unknownWeight = Math.log(total) + 1;
    const lists: number[][] = this.words.map(() => []);
    this.names.forEach((name, n) => {
      const weights = [...name.words].map((id) => this.weight[id]!);
      this.names[n] = { ...name, weights, totalWeight: weights.reduce((a, b) => a + b, 0) };
      for (const id of new Set(name.words)) lists[id]!.push(n);
    });
    for (const l of lists) this.postings.push(Int32Array.from(l));
    this.words.forEach((w, id) => {
      push(this.byKey, w.key, id);
      if (w.text.length >= DELETION_MIN) for (const d of deletions(w.text)) push(this.byDeletion, d, id);
    });
    this.entryAddressWords = new Array(entries.length);
    this.acc = new Float64Array(this.names.length);
    this.stamp = new Int32Array(this.names.length);
  }

  /** Builds the index; the entries are kept and returned in matches by reference. */
  static build(entries: readonly ListEntry[]): PartyIndex {
    return new PartyIndex(entries);
  }

  get entryCount(): number {
    return this.entries.length;
  }

  get nameCount(): number {
    return this.names.length;
  }

  private intern(token: string, df: number[]): number {
    let id = this.vocab.get(token);
    if (id === undefined) {
      id = this.words.length;
      this.vocab.set(token, id);
      this.words.push({ text: token, key: spellingKey(token) });
      df.push(0);
    }
    return id;
  }

  /** Screens one party against every list in the index; returns the best entry and whether it is a hit. */
  screen(query: PartyQuery, opts: ScreenOptions = {}): ScreeningResult {
    const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    const limit = opts.candidates ?? DEFAULT_CANDIDATES;
    const norm = normalizePartyName(query.name);
    const tokens = norm.tokens;
    const m = tokens.length;
    const qWords: Word[] = new Array(m);
    const qWeights: number[] = new Array(m);
    let qTotal = 0;
    for (let i = 0; i < m; i++) {
      const t = tokens[i]!;
      const id = this.vocab.get(t);
      qWords[i] = id === undefined ? { text: t, key: spellingKey(t) } : this.words[id]!;
      qWeights[i] =
        t.length === 1 ? INITIAL_WEIGHT : id === undefined ? this.unknownWeight : this.weight[id]!;
      qTotal += qWeights[i]!;
    }
    const touched: number[] = [];
    const sims: (Map<number, TokenSimilarity> | undefined)[] = new Array(m);
    for (let i = 0; i < m; i++) sims[i] = this.similarWords(qWords[i]!);
    // Blocking also looks for two query words the list writes as one, and one it writes as two; the
    // alignment then pairs them (see alignNames).
    const blocks = [...sims, ...this.joinedWords(tokens)];
    const postingSizes = blocks.map((similar) => {
      let size = 0;
      if (similar !== undefined) for (const id of similar.keys()) size += this.postings[id]!.length;
      return size;
    });
    if (this.base + blocks.length + 1 > 0x7fff0000) {
      this.stamp.fill(0);
      this.base = 1;
    }
    const base = this.base;
    this.base += blocks.length + 1;
    // Rare words first: they find the candidates; a common word (AL, BANK) then only adds to those.
    const order = [...blocks.keys()].sort((a, b) => postingSizes[a]! - postingSizes[b]!);
    for (const i of order) {
      const similar = blocks[i];
      if (similar === undefined || similar.size === 0) continue;
      const mark = base + 1 + i;
      if (postingSizes[i]! > COMMON_POSTINGS && touched.length > 0) {
        this.creditFound(touched, similar, mark);
        continue;
      }
      // Heaviest credit first, so that a name holding two variants of one word is credited once, with the better.
      const credits = [...similar].sort(
        (a, b) => b[1].score * this.weight[b[0]]! - a[1].score * this.weight[a[0]]!,
      );
      for (const [id, sim] of credits) {
        const credit = sim.score * this.weight[id]!;
        const list = this.postings[id]!;
        for (let k = 0; k < list.length; k++) {
          const n = list[k]!;
          const s = this.stamp[n]!;
          if (s === mark) continue;
          if (s < base) {
            this.acc[n] = credit;
            touched.push(n);
          } else this.acc[n]! += credit;
          this.stamp[n] = mark;
        }
      }
    }
    const picked = this.best(touched, qTotal, limit);
    const similarity = (i: number, j: number, name: IndexedName): TokenSimilarity | undefined => {
      const id = name.words[j]!;
      const q = qWords[i]!;
      const l = this.words[id]!;
      if (q.text.length <= 3 || l.text.length <= 3) return compareWords(q, l);
      return sims[i]?.get(id);
    };
    const qCountry = query.country === undefined ? undefined : this.countryOf(query.country);
    const qAddress = query.address === undefined ? [] : informativeAddressWords(query.address);
    let best: PartyMatch | undefined;
    const byEntry = new Map<number, number>();
    for (const n of picked) {
      const name = this.names[n]!;
      const words = [...name.words].map((id) => this.words[id]!);
      const a = alignNames(qWords, qWeights, words, name.weights, (i, j) => similarity(i, j, name));
      const previous = byEntry.get(name.entry);
      if (previous !== undefined && previous >= a.score) continue;
      byEntry.set(name.entry, a.score);
      const entry = this.entries[name.entry]!;
      const country =
        query.country !== undefined && qCountry === undefined
          ? { adjustment: 0, detail: `country '${query.country}' not recognised` }
          : countryAgreement(qCountry, entry.countries);
      const address = addressAgreement(qAddress, this.addressWordsOf(name.entry));
      const score = clamp01(a.score + country.adjustment + address.adjustment);
      if (best !== undefined && best.score >= score) continue;
      const listedName = entry.names[name.name]!;
      best = {
        listId: entry.listId,
        entryId: entry.entryId,
        entryType: entry.type,
        programs: entry.programs,
        listName: entry.names[0]!.name,
        matchedName: listedName.name,
        matchedNameKind: listedName.kind,
        nameScore: round4(a.score),
        countryAdjustment: country.adjustment,
        addressAdjustment: address.adjustment,
        score: round4(score),
        pairs: a.pairs,
        unmatchedList: a.unmatchedList,
        unmatchedQuery: a.unmatchedQuery,
        explanation: explain({
          entry,
          listedName,
          alignment: a,
          removed: norm.removed,
          country: country.detail,
          countryAdjustment: country.adjustment,
          sharedAddress: address.shared,
          addressAdjustment: address.adjustment,
          score,
        }),
      };
    }
    return {
      query,
      hit: best !== undefined && best.score >= threshold,
      threshold,
      ...(best === undefined ? {} : { best }),
      candidates: picked.length,
    };
  }

  /**
   * List words that are two adjacent query words written together (ABDUL AZIZ / ABDULAZIZ), and list
   * words that are the halves of one query word (ALZOMOR / AL ZOMOR), as blocks of their own.
   */
  private joinedWords(tokens: readonly string[]): Map<number, TokenSimilarity>[] {
    const out: Map<number, TokenSimilarity>[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      const joined = tokens[i]! + tokens[i + 1]!;
      if (joined.length < 5) continue;
      const found = this.similarWords({ text: joined, key: spellingKey(joined) });
      if (found !== undefined && found.size > 0) out.push(found);
    }
    for (const t of tokens) {
      if (t.length < 5) continue;
      for (let k = 2; k <= t.length - 2; k++) {
        const head = this.vocab.get(t.slice(0, k));
        const tail = this.vocab.get(t.slice(k));
        if (head === undefined || tail === undefined) continue;
        // The rarer half finds the names; the alignment checks that the other half stands next to it.
        const rarer = this.postings[head]!.length < this.postings[tail]!.length ? head : tail;
        out.push(new Map([[rarer, { score: 1, kind: 'joined' }]]));
      }
    }
    return out;
  }

  /** Credits names already found that hold one of `similar`, by looking in each name rather than the postings. */
  private creditFound(touched: readonly number[], similar: Map<number, TokenSimilarity>, mark: number): void {
    for (const n of touched) {
      const words = this.names[n]!.words;
      let credit = 0;
      for (let j = 0; j < words.length; j++) {
        const sim = similar.get(words[j]!);
        if (sim !== undefined) credit = Math.max(credit, sim.score * this.weight[words[j]!]!);
      }
      if (credit > 0) {
        this.acc[n]! += credit;
        this.stamp[n] = mark;
      }
    }
  }

  /** List words a query word may be, with their similarity; undefined for initials, which do not block. */
  private similarWords(q: Word): Map<number, TokenSimilarity> | undefined {
    const t = q.text;
    if (t.length === 1) return undefined;
    const out = new Map<number, TokenSimilarity>();
    const exact = this.vocab.get(t);
    if (exact !== undefined) out.set(exact, { score: 1, kind: 'exact' });
    const sameKey = this.byKey.get(q.key);
    if (sameKey !== undefined)
      for (const id of sameKey) {
        if (id === exact) continue;
        const sim = compareWords(q, this.words[id]!);
        if (sim !== undefined) out.set(id, sim);
      }
    if (t.length < DELETION_MIN) return out;
    const consider = (ids: readonly number[] | undefined) => {
      if (ids === undefined) return;
      for (const id of ids) {
        if (out.has(id)) continue;
        const sim = compareWords(q, this.words[id]!);
        if (sim !== undefined) out.set(id, sim);
      }
    };
    consider(this.byDeletion.get(t));
    for (const d of deletions(t)) {
      const id = this.vocab.get(d);
      if (id !== undefined) consider([id]);
      consider(this.byDeletion.get(d));
    }
    return out;
  }

  /** The `limit` names with the best estimated score: credited weight as matched, the rest as unmatched. */
  private best(touched: readonly number[], qTotal: number, limit: number): number[] {
    const top: number[] = [];
    const topEst: number[] = [];
    for (const n of touched) {
      const acc = this.acc[n]!;
      const est = (2 * acc) / (0.5 * acc + qTotal + 0.5 * this.names[n]!.totalWeight);
      let k: number;
      if (top.length < limit) {
        k = top.length;
        top.push(n);
        topEst.push(est);
      } else {
        if (est <= topEst[limit - 1]!) continue;
        k = limit - 1;
        top[k] = n;
        topEst[k] = est;
      }
      for (; k > 0 && topEst[k - 1]! < est; k--) {
        top[k] = top[k - 1]!;
        topEst[k] = topEst[k - 1]!;
        top[k - 1] = n;
        topEst[k - 1] = est;
      }
    }
    return top;
  }

  private countryOf(text: string): string | undefined {
    if (this.countries.has(text)) return this.countries.get(text);
    const code = countryCode(text);
    if (this.countries.size < 10_000) this.countries.set(text, code);
    return code;
  }

  private addressWordsOf(e: number): readonly ReadonlySet<string>[] {
    let words = this.entryAddressWords[e];
    if (words === undefined) {
      words = this.entries[e]!.addresses.map((a) => new Set(informativeAddressWords(a.text)));
      this.entryAddressWords[e] = words;
    }
    return words;
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, [id]);
  else if (ids[ids.length - 1] !== id) ids.push(id);
}

/** The distinct spellings of `text` with one letter deleted. */
function deletions(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    // Deleting either letter of a double gives the same spelling.
    if (i > 0 && text.charCodeAt(i) === text.charCodeAt(i - 1)) continue;
    out.push(text.slice(0, i) + text.slice(i + 1));
  }
  return out;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
