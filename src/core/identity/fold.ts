/**
 * Text folding shared by name and address normalization: upper case, Latin diacritics removed,
 * split into words. Most filings are plain ASCII, so that path skips Unicode normalization.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Letters that NFKD does not decompose into a base letter plus a mark.
const STANDALONE_LETTERS = /[ØøÆæŒœŁłĐđÐðÞþıŊŋĦħ]/g;
const STANDALONE: Readonly<Record<string, string>> = {
  Ø: 'O',
  ø: 'o',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  ı: 'i',
  Ŋ: 'N',
  ŋ: 'n',
  Ħ: 'H',
  ħ: 'h',
};
const APOSTROPHES = /['`\u00b4\u2018\u2019\u02bc]/g;
// Non-Latin scripts are kept rather than dropped: dropping them would give every such name the same empty key.
const ANY_WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ANY_WORD_OR_HASH = /[\p{L}\p{M}\p{N}]+|#/gu;

/** Upper-cases `text` and removes Latin diacritics ("Jöhn" -> "JOHN"); other scripts pass through. */
export function foldUpper(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toUpperCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(STANDALONE_LETTERS, (c) => STANDALONE[c] ?? c)
    .toUpperCase();
}

/** Folded words of a personal or company name; apostrophes join ("O'Brien" -> "OBRIEN"). */
export function nameWords(text: string): string[] {
  return asciiWords(text.toUpperCase(), false, true) ?? foldedWords(text, false);
}

/** Folded words of an address line; `#` is kept as a word of its own because it designates a unit. */
export function addressWords(text: string): string[] {
  return asciiWords(text.toUpperCase(), true, true) ?? foldedWords(text, true);
}

/** Folded words joined by one space ("  St. Louis " -> "ST LOUIS"). */
export function foldedText(text: string): string {
  return nameWords(text).join(' ');
}

function foldedWords(text: string, hash: boolean): string[] {
  const folded = foldUpper(text).replace(APOSTROPHES, '');
  return asciiWords(folded, hash, false) ?? folded.match(hash ? ANY_WORD_OR_HASH : ANY_WORD) ?? [];
}

/**
 * The hot path: one pass over upper-cased ASCII, splitting on anything but letters and digits
 * without a regex. Returns undefined at the first non-ASCII character, for the Unicode path.
 */
function asciiWords(upper: string, hash: boolean, apostrophes: boolean): string[] | undefined {
  const out: string[] = [];
  let start = -1;
  // The part of a word before an apostrophe: "O'BRIEN" is one word.
  let head = '';
  for (let i = 0; i < upper.length; i++) {
    const c = upper.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (c > 127) return undefined;
    if (apostrophes && (c === 39 || c === 96)) {
      if (start >= 0) head += upper.slice(start, i);
      start = -1;
      continue;
    }
    if (start >= 0) out.push(head + upper.slice(start, i));
    else if (head !== '') out.push(head);
    start = -1;
    head = '';
    if (hash && c === 35) out.push('#');
  }
  if (start >= 0) out.push(head + upper.slice(start));
  else if (head !== '') out.push(head);
  return out;
}
