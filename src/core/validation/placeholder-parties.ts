import type { FilingLike, Party } from '../filing/schema.js';
import { type Finding, finding } from '../findings/index.js';

/** Words filers put where a name or address is unknown; normalized (upper case, one space between words). */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'N A',
  'NA',
  'NOT AVAILABLE',
  'NOT APPLICABLE',
  'NONE',
  'NULL',
  'NIL',
  'UNKNOWN',
  'UNK',
  'TBD',
  'TBA',
  'TEST',
  'XXX',
  'CONSIGNEE',
  'CONSIGNEE NAME',
  'SHIPPER',
  'SHIPPER NAME',
  'CUSTOMER',
  'CUSTOMER NAME',
  'RECEIVER',
  'RECIPIENT',
  'BUYER',
  'SELLER',
  'NAME',
  'ADDRESS',
  'TO WHOM IT MAY CONCERN',
  'SAME',
  'SAME AS ABOVE',
  'DEFAULT',
  'NO NAME',
  'NO ADDRESS',
  'ASDF',
  'QWERTY',
]);

const NON_WORD = /[^\p{L}\p{N}]+/gu;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function normalize(text: string): string {
  return text.toUpperCase().replace(NON_WORD, ' ').trim();
}

/** "AAAA", "x x x", "0000": one character repeated (spaces and punctuation ignored). */
function isOneRepeatedChar(normalized: string): boolean {
  const first = normalized.charCodeAt(0);
  for (let i = 1; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c !== first && c !== 32) return false;
  }
  return true;
}

/**
 * A name or city that identifies no one: empty, a placeholder word ("N/A", "Customer", "TBD"), one
 * repeated character, or no letters at all ("12345", "---"). Letters of any script count.
 * @example isPlaceholder('N/A') === true; isPlaceholder('李伟') === false
 */
export function isPlaceholder(text: string | undefined): boolean {
  const t = normalize(text ?? '');
  if (t === '' || PLACEHOLDERS.has(t) || isOneRepeatedChar(t)) return true;
  return !LETTER.test(t);
}

/** Street lines may be digits only ("1-2-3" in Japan) but not empty, a placeholder or one repeated character. */
export function isPlaceholderStreet(text: string | undefined): boolean {
  const t = normalize(text ?? '');
  if (t === '' || PLACEHOLDERS.has(t) || isOneRepeatedChar(t)) return true;
  return !LETTER_OR_DIGIT.test(t);
}

function checkParty(p: Party, role: 'consignee' | 'shipper', out: Finding[]): void {
  const code = role === 'consignee' ? 'CONSIGNEE_PLACEHOLDER' : 'SHIPPER_PLACEHOLDER';
  if (isPlaceholder(p.name)) out.push(finding(code, `/${role}/name`, `name '${p.name}'`));
  if (isPlaceholderStreet(p.address.line1))
    out.push(finding(code, `/${role}/address/line1`, `address line '${p.address.line1}'`));
  if (isPlaceholder(p.address.city))
    out.push(finding(code, `/${role}/address/city`, `city '${p.address.city}'`));
}

/** Consignee and shipper must be identifiable (ACE 9H invalid consignee, 4H invalid shipper). */
export function checkParties(f: FilingLike, out: Finding[]): void {
  checkParty(f.consignee, 'consignee', out);
  checkParty(f.shipper, 'shipper', out);
}
