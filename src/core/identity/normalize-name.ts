import { nameWords } from './fold.js';
import {
  DOTTED_LEGAL_FORMS,
  HONORIFICS,
  LEGAL_FORMS,
  NAME_SUFFIXES,
  ORGANIZATION_FILLERS,
  ORGANIZATION_WORDS,
  TRAILING_LEGAL_FORMS,
} from './name-words.js';

export interface NormalizedName {
  readonly raw: string;
  /** Upper-case ASCII tokens after removing diacritics, punctuation, honorifics (MR, MRS, MS, MISS, DR, PROF, SIR, MADAM...), generational suffixes (JR, SR, II, III, IV) and, for organizations, legal-form words (LLC, INC, LTD, LIMITED, CO, CORP, CORPORATION, COMPANY, GMBH, SA, SRL, PLC, LLP...). */
  readonly tokens: readonly string[];
  /** Tokens sorted and joined with one space: the same for "John Smith" and "SMITH, JOHN". */
  readonly key: string;
  readonly isOrganization: boolean;
}

/** Normalizes a consignee name into tokens and an order-free key. */
export function normalizeName(name: string): NormalizedName {
  const words = joinDottedLegalForms(nameWords(name));
  const isOrganization = looksLikeOrganization(words);
  const kept = isOrganization ? withoutLegalForms(words) : withoutTitles(words);
  // A name made only of removable words ("Mr", "Company") keeps them rather than becoming empty.
  const tokens = kept.length === 0 ? words : kept;
  return { raw: name, tokens, key: keyOf(tokens), isOrganization };
}

function keyOf(tokens: readonly string[]): string {
  if (tokens.length === 0) return '';
  if (tokens.length === 1) return tokens[0]!;
  return [...tokens].sort().join(' ');
}

/** "L.L.C." arrives as the words L, L, C; a whole run of one-letter words spelling a legal form becomes it. */
function joinDottedLegalForms(words: string[]): string[] {
  let out: string[] | undefined;
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && words[j]!.length === 1) j++;
    if (j - i >= 3 && DOTTED_LEGAL_FORMS.has(words.slice(i, j).join(''))) {
      out ??= words.slice(0, i);
      out.push(words.slice(i, j).join(''));
      i = j;
      continue;
    }
    const end = Math.max(j, i + 1);
    if (out !== undefined) for (let k = i; k < end; k++) out.push(words[k]!);
    i = end;
  }
  return out ?? words;
}

function looksLikeOrganization(words: readonly string[]): boolean {
  for (const w of words) if (LEGAL_FORMS.has(w) || ORGANIZATION_WORDS.has(w)) return true;
  return words.length > 1 && TRAILING_LEGAL_FORMS.has(words[words.length - 1]!);
}

function withoutLegalForms(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) if (!LEGAL_FORMS.has(w) && !ORGANIZATION_FILLERS.has(w)) out.push(w);
  // "ACME CO LTD", "ACME SA": short forms are dropped from the end only, where they are written.
  while (out.length > 1 && TRAILING_LEGAL_FORMS.has(out[out.length - 1]!)) out.pop();
  return out;
}

function withoutTitles(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) if (!HONORIFICS.has(w) && !NAME_SUFFIXES.has(w)) out.push(w);
  return out;
}
