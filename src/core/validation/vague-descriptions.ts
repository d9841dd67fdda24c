import type { FilingLike } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';

/**
 * Descriptions CBP rejects as too vague (ACAS MISSING_CARGO_DESC; truck hold 8H): the words named in
 * CSMS 60011750 / 60144714 and CBP's list of unacceptable descriptions, and filler that names nothing.
 * Only the WHOLE description is compared, so "auto parts: ceramic brake pads" passes while "Auto parts."
 * does not. Entries are in normalized form (lower case, words separated by one space, singular where a
 * trailing "s" would make the plural).
 */
const VAGUE: ReadonlySet<string> = new Set([
  // named by CBP
  'gift',
  'present',
  'daily necessities',
  'daily necessity',
  'daily use',
  'daily use item',
  'accessories',
  'accessory',
  'part',
  'spare part',
  'consolidated',
  'consolidation',
  'freight of all kinds',
  'fak',
  'f a k',
  'said to contain',
  'stc',
  's t c',
  'general cargo',
  'general merchandise',
  'cargo',
  'sample',
  'personal use',
  'personal item',
  'personal effect',
  'pharmaceutical',
  'medicine',
  'wearing apparel',
  'apparel',
  'clothing',
  'clothe',
  'garment',
  'foodstuff',
  'food',
  'electronic',
  'electronic product',
  'electrical component',
  'machinery',
  'industrial machinery',
  'machine',
  'auto part',
  'automotive part',
  'car part',
  'household good',
  'plastic product',
  'chemical',
  'chemical product',
  'construction material',
  'equipment',
  'hardware',
  'textile',
  'tool',
  'toy',
  'powder',
  'company business',
  // filler that names nothing
  'item',
  'good',
  'merchandise',
  'stuff',
  'thing',
  'various',
  'various item',
  'misc',
  'miscellaneous',
  'product',
  'commodity',
  'package',
  'parcel',
  'other',
  'sundry',
  'sundries',
  'n a',
  'na',
  'none',
  'unknown',
  'tbd',
  'test',
]);

/** Words that introduce a product number: "SKU 88213", "P/N A1234-5", "Model X200". */
const NUMBER_PREFIXES: ReadonlySet<string> = new Set([
  'sku',
  'item',
  'part',
  'pn',
  'p',
  'n',
  'no',
  'nr',
  'model',
  'ref',
  'art',
  'article',
  'style',
  'code',
  'product',
  'number',
  'id',
]);

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const DIGIT = /\p{N}/u;
const WORD_RUN = /\p{L}{4}/u;

/** Lower case, every run of punctuation and spaces as one space, trimmed: "  Apparel. " → "apparel". */
export function normalizeDescription(text: string): string {
  return text.toLowerCase().replace(NON_WORD, ' ').trim();
}

/**
 * True when the whole description says nothing about what the goods are: empty, a vague word or
 * phrase (singular or plural), or a bare product/part number ("SKU-88213", "A1234-5").
 * @example isVagueDescription(' GIFT ') === true; isVagueDescription("women's cotton dresses") === false
 */
export function isVagueDescription(text: string): boolean {
  const d = normalizeDescription(text);
  if (d.length < 2) return true;
  if (VAGUE.has(d)) return true;
  if (d.charCodeAt(d.length - 1) === 115 /* s */ && VAGUE.has(d.slice(0, -1))) return true;
  return DIGIT.test(d) && isBareNumber(d);
}

/** Every word (after an optional "SKU"/"Part no." prefix) holds a digit and no real word: a code. */
function isBareNumber(d: string): boolean {
  const words = d.split(' ');
  let start = 0;
  while (start < words.length - 1 && start < 2 && NUMBER_PREFIXES.has(words[start]!)) start++;
  for (let i = start; i < words.length; i++) {
    const w = words[i]!;
    if (!DIGIT.test(w) || WORD_RUN.test(w)) return false;
  }
  return true;
}

export function checkDescriptions(f: FilingLike, out: Finding[]): void {
  const code = f.mode === 'truck' ? 'DESCRIPTION_VAGUE_TRUCK' : 'DESCRIPTION_VAGUE';
  const lines = f.lines;
  for (let i = 0; i < lines.length; i++) {
    const description = lines[i]!.description;
    if (isVagueDescription(description))
      out.push(
        finding(
          code,
          `/lines/${i}/description`,
          `'${description}': say what it is, what it is made of and what it is for`,
        ),
      );
  }
}
