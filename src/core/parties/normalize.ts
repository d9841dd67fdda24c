import { nameWords } from '../identity/fold.js';
import { HONORIFICS } from '../identity/name-words.js';

/**
 * Names as restricted-party lists and filings write them, reduced to comparable tokens: Cyrillic and
 * Greek transliterated, Latin diacritics folded, punctuation dropped, legal forms and titles removed.
 * The same function runs on list names and on queries, so whatever it removes cannot create a mismatch.
 */
export interface PartyName {
  readonly raw: string;
  /** Upper-case ASCII tokens left for matching, in written order. */
  readonly tokens: readonly string[];
  /** Words taken out (legal forms, titles), for the explanation. */
  readonly removed: readonly string[];
}

/** Legal-form words that are never part of a name: removed wherever they stand. */
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'LTD',
  'LTDA',
  'LIMITED',
  'LLC',
  'LLP',
  'PLLC',
  'INC',
  'INCORPORATED',
  'CORP',
  'CORPORATION',
  'COMPANY',
  'CIA',
  'GMBH',
  'MBH',
  'PLC',
  'SRL',
  'SARL',
  'SAS',
  'SPA',
  'PTE',
  'PTY',
  'PVT',
  'OOO',
  'ZAO',
  'OAO',
  'PAO',
  'TOO',
  'JSC',
  'CJSC',
  'OJSC',
  'PJSC',
  'FZE',
  'FZCO',
  'FZC',
  'DMCC',
  'BHD',
  'SIRKETI',
  'AKTIENGESELLSCHAFT',
  'TRADING',
]);

/**
 * Short forms that are also syllables of names ("SA", "CO", "AO"): removed only from the end, where legal
 * forms are written, repeatedly ("CO LTD", "SA DE CV").
 */
const TRAILING_FORMS: ReadonlySet<string> = new Set([
  'CO',
  'SA',
  'CV',
  'RL',
  'SAPI',
  'AG',
  'AB',
  'AS',
  'AO',
  'BV',
  'NV',
  'KG',
  'KK',
  'OY',
  'LP',
  'SL',
  'SE',
  'EST',
  'SDN',
]);

/**
 * Legal forms written out in words. Their words are common in the list and carry no identity, and a
 * filing writes "LLC" where the list writes "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU".
 */
const LEGAL_PHRASES: readonly (readonly string[])[] = [
  ['OBSHCHESTVO', 'S', 'OGRANICHENNOI', 'OTVETSTVENNOSTYU'],
  ['OBSHCHESTVO', 'S', 'OGRANICHENNOY', 'OTVETSTVENNOSTYU'],
  ['ZAKRYTOE', 'AKTSIONERNOE', 'OBSHCHESTVO'],
  ['OTKRYTOE', 'AKTSIONERNOE', 'OBSHCHESTVO'],
  ['PUBLICHNOE', 'AKTSIONERNOE', 'OBSHCHESTVO'],
  ['AKTSIONERNOE', 'OBSHCHESTVO'],
  ['LIMITED', 'LIABILITY', 'COMPANY'],
  ['LIMITED', 'LIABILITY', 'PARTNERSHIP'],
  ['JOINT', 'STOCK', 'COMPANY'],
  ['PUBLIC', 'JOINT', 'STOCK', 'COMPANY'],
  ['CLOSED', 'JOINT', 'STOCK', 'COMPANY'],
  ['OPEN', 'JOINT', 'STOCK', 'COMPANY'],
  ['SOCIEDAD', 'ANONIMA'],
  ['ANONIM', 'SIRKETI'],
  ['SDN', 'BHD'],
  ['PRIVATE', 'LIMITED'],
  ['S', 'DE', 'RL'],
];

/** "S.A.", "L.L.C.": runs of one-letter words that spell a legal form are that form. */
const DOTTED_FORMS: ReadonlySet<string> = new Set([
  'SA',
  'CV',
  'LLC',
  'LLP',
  'PLC',
  'SRL',
  'SPA',
  'SARL',
  'SAS',
  'BV',
  'NV',
  'AG',
  'OOO',
  'ZAO',
  'OAO',
  'PAO',
  'JSC',
  'RL',
]);

const FILLERS: ReadonlySet<string> = new Set(['THE', 'AND', 'OF', 'FOR']);

/** Normalizes a person, company, vessel or aircraft name for screening. */
export function normalizePartyName(raw: string): PartyName {
  const words = joinDottedForms(nameWords(transliterate(raw)));
  const removed: string[] = [];
  let kept = withoutPhrases(words, removed);
  kept = kept.filter((w) => {
    if (LEGAL_FORMS.has(w) || HONORIFICS.has(w) || FILLERS.has(w)) {
      removed.push(w);
      return false;
    }
    return true;
  });
  // "SA DE CV": DE goes only with a form removed after it, so that "BANCO DE" keeps its DE.
  let poppedForm = false;
  while (kept.length > 1) {
    const last = kept[kept.length - 1]!;
    if (TRAILING_FORMS.has(last) || (poppedForm && last === 'DE')) {
      removed.push(last);
      kept.pop();
      poppedForm = true;
    } else break;
  }
  // A name that is nothing but removable words ("Trading Company") keeps them rather than vanishing.
  if (kept.length === 0) return { raw, tokens: words, removed: [] };
  return { raw, tokens: kept, removed };
}

function withoutPhrases(words: string[], removed: string[]): string[] {
  let out: string[] | undefined;
  let i = 0;
  outer: while (i < words.length) {
    for (const p of LEGAL_PHRASES) {
      if (p[0] !== words[i] || i + p.length > words.length) continue;
      let k = 1;
      while (k < p.length && words[i + k] === p[k]) k++;
      if (k < p.length) continue;
      out ??= words.slice(0, i);
      removed.push(...p);
      i += p.length;
      continue outer;
    }
    out?.push(words[i]!);
    i++;
  }
  return out ?? words;
}

function joinDottedForms(words: string[]): string[] {
  let out: string[] | undefined;
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && words[j]!.length === 1) j++;
    if (j - i >= 2) {
      // Longest run first: "S A DE C V" gives SA, then later CV.
      const joined = words.slice(i, j).join('');
      if (DOTTED_FORMS.has(joined)) {
        out ??= words.slice(0, i);
        out.push(joined);
        i = j;
        continue;
      }
    }
    const end = Math.max(j, i + 1);
    if (out !== undefined) for (let k = i; k < end; k++) out.push(words[k]!);
    i = end;
  }
  return out ?? words;
}

/** Romanization of Cyrillic (close to BGN/PCGN, as OFAC writes Russian names) and Greek. */
const TRANSLIT: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'Y',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: '',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
  І: 'I',
  Ї: 'YI',
  Є: 'YE',
  Ґ: 'G',
  Ў: 'U',
  Α: 'A',
  Β: 'V',
  Γ: 'G',
  Δ: 'D',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'I',
  Θ: 'TH',
  Ι: 'I',
  Κ: 'K',
  Λ: 'L',
  Μ: 'M',
  Ν: 'N',
  Ξ: 'X',
  Ο: 'O',
  Π: 'P',
  Ρ: 'R',
  Σ: 'S',
  Τ: 'T',
  Υ: 'Y',
  Φ: 'F',
  Χ: 'CH',
  Ψ: 'PS',
  Ω: 'O',
};
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u04ff]/;
const CYRILLIC_OR_GREEK_ALL = /[\u0370-\u03ff\u0400-\u04ff]/g;

/** Cyrillic and Greek letters to Latin; other text unchanged (Latin diacritics are folded later). */
export function transliterate(text: string): string {
  if (!CYRILLIC_OR_GREEK.test(text)) return text;
  // Letters first, while Й is still one letter; accented Greek vowels then lose their accent and map.
  const once = text.toUpperCase().replace(CYRILLIC_OR_GREEK_ALL, (c) => TRANSLIT[c] ?? c);
  if (!CYRILLIC_OR_GREEK.test(once)) return once;
  return once
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(CYRILLIC_OR_GREEK_ALL, (c) => TRANSLIT[c] ?? c);
}

const VOWEL = 0x56; // 'V', the one class every vowel falls in

/**
 * A spelling-tolerant key of one word, for names romanized from Arabic, Persian or Russian by different
 * hands: every run of vowels (Y included) becomes one V, doubled letters collapse, and letters that
 * transliterations swap for one another fall together (KH/H, Q/K/C, Z/S, PH/F, TH/T, DH/D, W/V, X/KS,
 * J/ZH/DZH). MOHAMMED, MUHAMMAD and MOHAMAD share MVHVMVD; YOUSSEF and YUSUF share VSVF; MAHMOUD
 * (MVHMVD) stays apart from them because vowel positions are kept.
 */
export function spellingKey(word: string): string {
  let out = '';
  let prev = -1;
  const n = word.length;
  for (let i = 0; i < n; i++) {
    let c = word.charCodeAt(i);
    const next = i + 1 < n ? word.charCodeAt(i + 1) : 0;
    let emit = c;
    let extra = -1;
    switch (c) {
      case 65:
      case 69:
      case 73:
      case 79:
      case 85:
      case 89:
        emit = VOWEL;
        break;
      case 75: // K, KH
        if (next === 72) {
          emit = 72;
          i++;
        }
        break;
      case 81: // Q
        emit = 75;
        break;
      case 67: // C, CH, CK
        if (next === 72) {
          emit = 67;
          i++;
        } else emit = 75;
        break;
      case 80: // PH
        if (next === 72) {
          emit = 70;
          i++;
        }
        break;
      case 84: // TH, TS
        if (next === 72) i++;
        break;
      case 68: // DH, DJ, DZH
        if (next === 72) i++;
        else if (next === 74) {
          emit = 74;
          i++;
        } else if (next === 90 && i + 2 < n && word.charCodeAt(i + 2) === 72) {
          emit = 74;
          i += 2;
        }
        break;
      case 71: // GH
        if (next === 72) i++;
        break;
      case 83: // SH stays apart from S
        if (next === 72) {
          emit = 0x24; // '$'
          i++;
        }
        break;
      case 90: // Z, ZH
        if (next === 72) {
          emit = 74;
          i++;
        } else emit = 83;
        break;
      case 86: // V and W are one consonant, kept apart from the vowel class V
      case 87:
        emit = 0x2a; // '*'
        break;
      case 88: // X
        emit = 75;
        extra = 83;
        break;
    }
    c = emit;
    if (c !== prev) out += String.fromCharCode(c);
    prev = c;
    if (extra >= 0) {
      out += String.fromCharCode(extra);
      prev = extra;
    }
  }
  return out;
}
