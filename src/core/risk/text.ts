import { foldUpper } from '../identity/fold.js';

/**
 * Text helpers for the wording rules: descriptions are folded to upper-case ASCII words once, and
 * phrases are matched as word sequences so that "press" inside "press-on nails" is only the word PRESS.
 */

const WORD = /[A-Z0-9]+/g;

/** Upper-case words of `text`, diacritics removed, split on anything but letters and digits. */
export function words(text: string): string[] {
  return foldUpper(text).match(WORD) ?? [];
}

export interface PhraseHit<T> {
  readonly value: T;
  readonly phrase: string;
  /** Word positions [start, end) in the text. */
  readonly start: number;
  readonly end: number;
}

interface Entry<T> {
  readonly words: readonly string[];
  readonly phrase: string;
  readonly value: T;
}

/**
 * Finds configured phrases in a word list: longest match first at each position, matches do not
 * overlap. A phrase also matches when written as one glued word ("4-piperidone" in "4PIPERIDONE").
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private readonly glued = new Map<string, Entry<T>>();
  readonly size: number;

  constructor(entries: readonly { phrase: string; value: T }[]) {
    let n = 0;
    for (const { phrase, value } of entries) {
      const w = words(phrase);
      if (w.length === 0) continue;
      const e: Entry<T> = { words: w, phrase, value };
      const list = this.byFirst.get(w[0]!);
      if (list === undefined) this.byFirst.set(w[0]!, [e]);
      else list.push(e);
      if (w.length > 1 && !this.glued.has(w.join(''))) this.glued.set(w.join(''), e);
      n++;
    }
    // Longest first, so "4-anilinopiperidine" wins over "piperidine" at the same start.
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.size = n;
  }

  find(text: readonly string[]): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    let i = 0;
    while (i < text.length) {
      const hit = this.at(text, i);
      if (hit === undefined) {
        i++;
        continue;
      }
      out.push(hit);
      i = hit.end;
    }
    return out;
  }

  private at(text: readonly string[], i: number): PhraseHit<T> | undefined {
    const candidates = this.byFirst.get(text[i]!);
    if (candidates !== undefined)
      for (const e of candidates) {
        if (i + e.words.length > text.length) continue;
        let k = 1;
        while (k < e.words.length && text[i + k] === e.words[k]) k++;
        if (k === e.words.length) return { value: e.value, phrase: e.phrase, start: i, end: i + k };
      }
    const g = this.glued.get(text[i]!);
    return g === undefined ? undefined : { value: g.value, phrase: g.phrase, start: i, end: i + 1 };
  }
}

// A CAS number: 2–7 digits, 2 digits, 1 check digit, not part of a longer run of digit groups
// (dates such as 2025-08-20 stay out), but hyphens to words are fine ("cas-79-03-8-buy" in a URL).
const CAS_IN_TEXT = /(?<!\d)(?<!\d-)\d{2,7}-\d{2}-\d(?!\d)(?!-\d)/g;

/** Every CAS-shaped number in `text`, as written (the check digit is not verified here). */
export function casNumbersIn(text: string): string[] {
  return text.match(CAS_IN_TEXT) ?? [];
}

/** True when the last digit of a CAS number is its check digit (weighted sum of the others, mod 10). */
export function casCheckDigitOk(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (m === null) return false;
  const digits = m[1]! + m[2]!;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.length - i) * (digits.charCodeAt(i) - 48);
  return sum % 10 === Number(m[3]);
}

/** HTS digits without dots or spaces. */
export const htsDigitsOf = (hts: string): string => hts.replace(/[^0-9]/g, '');

/** Looks up the longest configured HTS prefix of a line's digits. */
export class HtsPrefixTable<T> {
  private readonly byPrefix = new Map<string, T>();
  private readonly lengths: number[];

  constructor(entries: readonly { hts: string; value: T }[]) {
    const lengths = new Set<number>();
    for (const { hts, value } of entries) {
      const d = htsDigitsOf(hts);
      if (!this.byPrefix.has(d)) this.byPrefix.set(d, value);
      lengths.add(d.length);
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  get(digits: string): { prefix: string; value: T } | undefined {
    for (const n of this.lengths) {
      if (n > digits.length) continue;
      const prefix = digits.slice(0, n);
      const value = this.byPrefix.get(prefix);
      if (value !== undefined) return { prefix, value };
    }
    return undefined;
  }
}

/** "2933370000" → "2933.37.00.00"; shorter prefixes keep their own length. */
export function dottedHts(digits: string): string {
  if (digits.length <= 4) return digits;
  const parts = [digits.slice(0, 4)];
  for (let i = 4; i < digits.length; i += 2) parts.push(digits.slice(i, i + 2));
  return parts.join('.');
}

/** Short, quoted excerpt of filed text for a reason. */
export function quote(text: string, max = 60): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `"${t}"`;
}

/** $1,234 · $42.50 · $0.031 */
export function usd(n: number): string {
  if (!Number.isFinite(n)) return `$${n}`;
  if (n >= 1000) return `$${Math.round(n).toLocaleString('en-US')}`;
  if (n >= 1) return `$${n.toFixed(2).replace(/\.00$/, '')}`;
  return n === 0 ? '$0' : `$${Number(n.toPrecision(2))}`;
}
