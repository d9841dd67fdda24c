import type { Address } from '../filing/schema.js';
import {
  COUNTRY_ALIASES,
  DIRECTIONALS,
  GLUED_UNIT,
  NUMBERED_ROAD_SUFFIXES,
  ORDINALS,
  STANDARD_SUFFIXES,
  STATE_CODES,
  SUFFIX_ANYWHERE,
  SUFFIX_LAST,
  UNIT_DESIGNATORS,
  UNIT_NUMBER_MARKERS,
  ZIP_COUNTRIES,
} from './address-words.js';
import { addressWords, foldedText, foldUpper } from './fold.js';

export interface NormalizedAddress {
  /** Stable key of the delivery point: country|zip5|street|unit (street and unit in USPS standard form). */
  readonly key: string;
  readonly street: string; // e.g. "123 N MAIN ST"
  readonly unit: string; // unit NUMBER only, designator dropped: "#4", "Apt 4", "APT. 4", "Unit 4", "Suite 4" -> "4"; "" when none
  readonly city: string;
  readonly state: string;
  readonly zip5: string; // "10001-1234" -> "10001"; for non-US the postal code upper-cased without spaces
  readonly country: string;
}

const HAS_DIGIT = /\d/;
const SINGLE_LETTER = /^[A-Z]$/;
const ORDINAL_NUMBER = /^(\d+)(?:ST|ND|RD|TH)$/;
const LEADING_ZEROS = /^0+(?=\d)/;
const ALL_DIGITS = /^\d+$/;
const NOT_ALNUM = /[^A-Z0-9]/g;
const FLOOR_WORDS: ReadonlySet<string> = new Set(['FLOOR', 'FL', 'FLR']);
const DIRECTIONAL_ABBREVIATIONS: ReadonlySet<string> = new Set(DIRECTIONALS.values());
// One lookup per word on the hot path instead of one per table.
const WORD_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([...ORDINALS, ...SUFFIX_ANYWHERE]);

/** Normalizes a delivery address to USPS standard form and a key of the delivery point. */
export function normalizeAddress(address: Address): NormalizedAddress {
  const country = normalizeCountry(address.country);
  const units: string[] = [];
  const first = takeUnits(addressWords(address.line1), units);
  let second = address.line2 === undefined ? [] : takeUnits(addressWords(address.line2), units);
  // A second line holding only "4B" is the unit written without its designator.
  if (second.length === 1 && HAS_DIGIT.test(second[0]!)) {
    units.push(second[0]!);
    second = [];
  }
  const street = standardStreet(second.length === 0 ? first : first.concat(second), units);
  const unit = units.length === 1 ? unitNumber(units[0]!) : units.map(unitNumber).join(' ');
  const zip5 = postalCode(address.postalCode ?? '', country);
  const city = placeText(address.city);
  const stateText = address.state === undefined ? '' : placeText(address.state);
  const state = ZIP_COUNTRIES.has(country) ? (STATE_CODES.get(stateText) ?? stateText) : stateText;
  return { key: `${country}|${zip5}|${street}|${unit}`, street, unit, city, state, zip5, country };
}

// Cities, states and countries repeat across filings: fold each spelling once. Capped so that
// junk input cannot grow it without bound; past the cap, spellings are folded every time.
const PLACE_CACHE_MAX = 50_000;
const placeCache = new Map<string, string>();

function placeText(text: string): string {
  let folded = placeCache.get(text);
  if (folded === undefined) {
    folded = foldedText(text);
    if (placeCache.size < PLACE_CACHE_MAX) placeCache.set(text, folded);
  }
  return folded;
}

function normalizeCountry(country: string): string {
  const text = placeText(country);
  return COUNTRY_ALIASES.get(text) ?? text.replace(NOT_ALNUM, '');
}

/** ZIP+4 and ZIPs that lost their leading zero in a spreadsheet both come down to five digits. */
function postalCode(code: string, country: string): string {
  const compact = foldUpper(code).replace(NOT_ALNUM, '');
  if (!ZIP_COUNTRIES.has(country) || !ALL_DIGITS.test(compact)) return compact;
  if (compact.length === 8) return `0${compact}`.slice(0, 5);
  if (compact.length === 3 || compact.length === 4) return compact.padStart(5, '0');
  return compact.slice(0, 5);
}

/** Moves "APT 4", "# 4", "SUITE NO 4", "APT4", "2ND FLOOR" from `words` to `units`; returns the rest. */
function takeUnits(words: readonly string[], units: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (UNIT_DESIGNATORS.has(w)) {
      let j = i + 1;
      while (j < words.length && UNIT_NUMBER_MARKERS.has(words[j]!)) j++;
      const value = words[j];
      // Only a number or a single letter is a unit: "Mud Flat Rd" keeps its FLAT.
      if (value !== undefined && (HAS_DIGIT.test(value) || SINGLE_LETTER.test(value))) {
        units.push(value);
        i = j;
        continue;
      }
      const ordinal =
        FLOOR_WORDS.has(w) && rest.length > 0 ? ORDINAL_NUMBER.exec(rest[rest.length - 1]!) : null;
      if (ordinal !== null) {
        rest.pop();
        units.push(ordinal[1]!);
        continue;
      }
      if (w === '#') continue;
    }
    const glued = mayBeGluedUnit(w) ? GLUED_UNIT.exec(w) : null;
    if (glued !== null) {
      units.push(glued[1]!);
      continue;
    }
    rest.push(w);
  }
  return rest;
}

/** Cheap pre-check for GLUED_UNIT: a letter first and a digit among the last two characters. */
function mayBeGluedUnit(w: string): boolean {
  const first = w.charCodeAt(0);
  const last = w.charCodeAt(w.length - 1);
  const beforeLast = w.charCodeAt(w.length - 2);
  return first >= 65 && first <= 90 && ((last >= 48 && last <= 57) || (beforeLast >= 48 && beforeLast <= 57));
}

function unitNumber(unit: string): string {
  return ALL_DIGITS.test(unit) ? unit.replace(LEADING_ZEROS, '') : unit;
}

/** Directionals, ordinals and suffixes in their USPS abbreviations; a bare trailing unit moves to `units`. */
function standardStreet(words: readonly string[], units: string[]): string {
  const out: string[] = [];
  let prevWord = '';
  for (const w of words) {
    const prev = out.length === 0 ? '' : out[out.length - 1]!;
    const dir = DIRECTIONALS.get(w);
    if (dir !== undefined) {
      // "N.W." arrives as N, W: one directional. "N West St" keeps its street name WEST -> W apart.
      if (
        w.length === 1 &&
        (w === 'E' || w === 'W') &&
        (prev === 'N' || prev === 'S') &&
        prevWord.length === 1
      )
        out[out.length - 1] = prev + dir;
      else out.push(dir);
      prevWord = w;
      continue;
    }
    prevWord = w;
    if ((w === 'O' && prev === 'P') || (w === 'OFFICE' && prev === 'POST')) {
      out[out.length - 1] = 'PO';
      continue;
    }
    out.push(WORD_ABBREVIATIONS.get(w) ?? w);
  }
  let last = out.length - 1;
  while (last > 0 && DIRECTIONAL_ABBREVIATIONS.has(out[last]!)) last--;
  // "123 MAIN ST 4B": a number after the suffix is the unit, unless the road is numbered (COUNTY RD 45).
  if (units.length === 0 && last === out.length - 1 && last >= 3 && HAS_DIGIT.test(out[last]!)) {
    const before = SUFFIX_LAST.get(out[last - 1]!) ?? out[last - 1]!;
    if (STANDARD_SUFFIXES.has(before) && !NUMBERED_ROAD_SUFFIXES.has(before)) {
      units.push(out.pop()!);
      last--;
    }
  }
  if (last > 0) {
    const suffix = SUFFIX_LAST.get(out[last]!);
    if (suffix !== undefined) out[last] = suffix;
  }
  return out.join(' ');
}
