/**
 * Consignees and shippers. A person is derived from (seed, index) alone, so the generator keeps no
 * person objects: the same index always gives the same name and home. Each person writes their name and
 * address one way (their "style"); split orders use the variants below to look like several people.
 */
import type { Address, Party } from '../core/filing/schema.js';
import * as C from './catalog.js';
import { hash32, QuickRandom, Random } from './random.js';

export interface Person {
  readonly index: number;
  readonly first: string;
  readonly last: string;
  readonly female: boolean;
  readonly house: number;
  readonly predir: readonly [string, string] | undefined;
  readonly street: string;
  readonly suffix: readonly [string, string];
  readonly unit: string | undefined;
  readonly city: C.City;
  readonly plus4: string;
  readonly phone: string | undefined;
  readonly email: string | undefined;
  /** How this person writes the address. */
  readonly suffixFull: boolean;
  readonly dirFull: boolean;
  readonly unitWord: UnitWord;
  readonly unitOnLine2: boolean;
  readonly zip4: boolean;
}

type UnitWord = 'Apt' | '#' | 'Unit' | 'Apartment';
const UNIT_WORDS: readonly UnitWord[] = ['Apt', 'Apt', '#', 'Unit', 'Apartment'];

const cumulative = (weights: readonly number[]): Float64Array => {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
};

/** Index picked by weight from a cumulative table (binary search). */
export function pickCumulative(table: Float64Array, u: number): number {
  const target = u * table[table.length - 1]!;
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const CITY_TABLE = cumulative(C.CITIES.map((c) => c.weight));
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

export const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const emailWords = new Map<string, string>();
/** A name as it can appear in an e-mail address: "Núñez" → "nunez", "O'Brien" → "obrien". */
function emailWord(name: string): string {
  let w = emailWords.get(name);
  if (w === undefined) {
    w = ascii(name)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    emailWords.set(name, w);
  }
  return w;
}

/** The person behind ground-truth id `index`: name, home, and writing habits. */
export function personAt(seed: number, index: number): Person {
  const r = new QuickRandom(hash32(seed, index, 0x9e11));
  const female = r.chance(0.5);
  const first = r.pick(female ? C.FEMALE_FIRST : C.MALE_FIRST);
  const last = r.pick(C.LAST_NAMES);
  const city = C.CITIES[pickCumulative(CITY_TABLE, r.next())]!;
  const house = r.chance(0.7) ? r.int(1, 2999) : r.int(3000, 19999);
  const predir = r.chance(0.18) ? r.pick(C.DIRECTIONALS) : undefined;
  const street = r.pick(C.STREET_NAMES);
  const suffix = r.pick(C.SUFFIXES);
  const unit = r.chance(0.38)
    ? r.chance(0.8)
      ? String(r.int(1, 42))
      : `${r.int(1, 12)}${r.pick(['A', 'B', 'C', 'D'])}`
    : undefined;
  const plus4 = String(r.int(1000, 9899));
  const suffixFull = r.chance(0.35);
  const dirFull = r.chance(0.3);
  const unitWord = r.pick(UNIT_WORDS);
  const unitOnLine2 = r.chance(0.55);
  const zip4 = r.chance(0.2);
  const phone = r.chance(0.75) ? `+1-${city.area}-555-01${String(r.int(0, 99)).padStart(2, '0')}` : undefined;
  const email = r.chance(0.55)
    ? `${emailWord(first)}.${emailWord(last)}${r.int(1, 99)}@${r.pick(EMAIL_DOMAINS)}`
    : undefined;
  return {
    index,
    first,
    last,
    female,
    house,
    predir,
    street,
    suffix,
    unit,
    city,
    plus4,
    phone,
    email,
    suffixFull,
    dirFull,
    unitWord,
    unitOnLine2,
    zip4,
  };
}

export const NAME_VARIANTS = [
  'typo',
  'initial',
  'reversed',
  'honorific',
  'upper',
  'lower',
  'diacritic',
] as const;
export type NameVariant = 'canonical' | (typeof NAME_VARIANTS)[number];
export const ADDRESS_VARIANTS = ['suffix', 'unit', 'zip', 'upper', 'directional'] as const;
export type AddressVariant = 'canonical' | (typeof ADDRESS_VARIANTS)[number];

/** The name as written under a variant, or undefined when the variant does not apply to this name. */
export function nameVariant(p: Person, v: NameVariant): string | undefined {
  const { first, last } = p;
  switch (v) {
    case 'canonical':
      return `${first} ${last}`;
    case 'typo': {
      const f = C.NAME_TYPOS[first];
      if (f !== undefined) return `${f} ${last}`;
      const l = C.NAME_TYPOS[last];
      if (l !== undefined) return `${first} ${l}`;
      // A slip in the longer of the two names, where one letter changes little.
      return first.length > last.length ? `${typo(first)} ${last}` : `${first} ${typo(last)}`;
    }
    case 'initial':
      return `${first[0]}. ${last}`;
    case 'reversed':
      return (p.index & 1) === 0 ? `${last.toUpperCase()} ${first.toUpperCase()}` : `${last}, ${first}`;
    case 'honorific':
      return `${p.female ? ((p.index & 2) === 0 ? 'Ms.' : 'Mrs.') : 'Mr.'} ${first} ${last}`;
    case 'upper':
      return `${first} ${last}`.toUpperCase();
    case 'lower':
      return `${first} ${last}`.toLowerCase();
    case 'diacritic': {
      const plain = `${ascii(first)} ${ascii(last)}`;
      if (plain !== `${first} ${last}`) return plain;
      const f = C.ACCENTED[first];
      const l = C.ACCENTED[last];
      if (f === undefined && l === undefined) return undefined;
      return `${f ?? first} ${l ?? last}`;
    }
  }
}

/** A one-letter slip: a doubled letter written once, two inner letters swapped, or a letter doubled. */
function typo(word: string): string {
  for (let k = 1; k < word.length; k++) {
    if (word[k] === word[k - 1]) return word.slice(0, k) + word.slice(k + 1);
  }
  const k = Math.floor(word.length / 2);
  if (word.length >= 6) return word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
  return word.slice(0, k + 1) + word.slice(k);
}

function streetLine(p: Person, suffixForm: 'full' | 'abbr' | 'dot' | 'upper', dirFull: boolean): string {
  const dir = p.predir === undefined ? '' : `${dirFull ? p.predir[0] : p.predir[1]} `;
  const [full, abbr] = p.suffix;
  const suffix =
    suffixForm === 'full'
      ? full
      : suffixForm === 'abbr'
        ? abbr
        : suffixForm === 'dot'
          ? `${abbr}.`
          : abbr.toUpperCase();
  return `${p.house} ${dir}${p.street} ${suffix}`;
}

const unitText = (word: UnitWord, unit: string) => (word === '#' ? `#${unit}` : `${word} ${unit}`);

/** The address as written under a variant, or undefined when the variant does not apply. */
export function addressVariant(p: Person, v: AddressVariant): Address | undefined {
  let suffixForm: 'full' | 'abbr' | 'dot' | 'upper' = p.suffixFull ? 'full' : 'abbr';
  let dirFull = p.dirFull;
  let unitWord = p.unitWord;
  let onLine2 = p.unitOnLine2;
  let zip4 = p.zip4;
  let upper = false;
  switch (v) {
    case 'canonical':
      break;
    case 'suffix':
      suffixForm = p.suffixFull ? ((p.house & 1) === 0 ? 'dot' : 'upper') : 'full';
      break;
    case 'unit':
      if (p.unit === undefined) return undefined;
      unitWord = unitWord === '#' ? 'Unit' : unitWord === 'Unit' ? 'Apt' : '#';
      onLine2 = !onLine2;
      break;
    case 'zip':
      zip4 = !zip4;
      break;
    case 'upper':
      upper = true;
      break;
    case 'directional':
      if (p.predir === undefined) return undefined;
      dirFull = !dirFull;
      break;
  }
  const street = streetLine(p, suffixForm, dirFull);
  const u = p.unit === undefined ? undefined : unitText(unitWord, p.unit);
  let line1 = u === undefined || onLine2 ? street : `${street} ${u}`;
  let line2 = u !== undefined && onLine2 ? u : undefined;
  let city = p.city.city;
  if (upper) {
    line1 = line1.toUpperCase();
    line2 = line2?.toUpperCase();
    city = city.toUpperCase();
  }
  return usAddress(line1, line2, city, p.city.state, zip4 ? `${p.city.zip}-${p.plus4}` : p.city.zip);
}

/** A U.S. address object with its keys in schema order and no line 2 key when there is none. */
function usAddress(
  line1: string,
  line2: string | undefined,
  city: string,
  state: string,
  postalCode: string,
): Address {
  return line2 === undefined
    ? { line1, city, state, postalCode, country: 'US' }
    : { line1, line2, city, state, postalCode, country: 'US' };
}

/** A private mailbox at a commercial mail receiving agency. */
export interface Mailbox {
  readonly cmra: (typeof C.CMRA)[number];
  readonly box: number;
  /** 'PMB 123' on line 1, on line 2, or '#123' on line 1. */
  readonly form: 0 | 1 | 2;
}

export function consignee(
  p: Person,
  name: NameVariant = 'canonical',
  address: AddressVariant = 'canonical',
  mailbox?: Mailbox,
): Party {
  const written = nameVariant(p, name) ?? `${p.first} ${p.last}`;
  let addr = addressVariant(p, address) ?? addressVariant(p, 'canonical')!;
  if (mailbox !== undefined) {
    const { cmra, box, form } = mailbox;
    const line1 = form === 0 ? `${cmra.line1} PMB ${box}` : form === 2 ? `${cmra.line1} #${box}` : cmra.line1;
    addr = usAddress(line1, form === 1 ? `PMB ${box}` : undefined, cmra.city, cmra.state, cmra.zip);
  }
  const party: Party = { name: written, address: addr };
  if (p.phone !== undefined) party.phone = p.phone;
  if (p.email !== undefined) party.email = p.email;
  return party;
}

const EXTRA_WORDS = [
  'Group',
  'International',
  'Global',
  'Industrial',
  'Home',
  'Sourcing',
  'Direct',
  'Online',
];

/** Shippers abroad, by origin country; a few large sellers ship most parcels (pick with a Zipf draw). */
export function makeShippers(seed: number, country: string, count: number): Party[] {
  const r = new Random(hash32(seed, 0x5419, country.charCodeAt(0), country.charCodeAt(1)));
  const towns = C.SHIPPER_TOWNS[country] ?? C.SHIPPER_TOWNS.CN!;
  const naming = C.SHIPPER_NAMING[country] ?? C.SHIPPER_NAMING.CN!;
  const out: Party[] = [];
  const seen = new Set<string>();
  for (let k = 0; out.length < count && k < count * 20; k++) {
    const town = r.pick(towns);
    const [prefixes, words, legal] = naming;
    const extra = r.chance(0.5) ? ` ${r.pick(EXTRA_WORDS)}` : '';
    const name =
      country === 'MX'
        ? `${r.pick(words)} ${r.pick(prefixes)}${extra} ${legal}`
        : `${country === 'CN' || country === 'TW' ? `${town.city} ` : ''}${r.pick(prefixes)} ${r.pick(words)}${extra} ${legal}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const district = r.pick(town.districts);
    const address: Address = {
      ...shipperLines(r, country, district),
      city: town.city,
      ...(town.region === undefined ? {} : { state: town.region }),
      ...(town.postalCode === undefined ? {} : { postalCode: town.postalCode }),
      country,
    };
    out.push({
      name,
      address,
      ...(r.chance(0.4) ? { phone: shipperPhone(r, country) } : {}),
    });
  }
  return out;
}

function shipperLines(r: Random, country: string, district: string): { line1: string; line2?: string } {
  switch (country) {
    case 'CN':
    case 'TW':
      return {
        line1: `Room ${r.int(1, 28)}${String(r.int(1, 20)).padStart(2, '0')}, Building ${r.pick(['A', 'B', 'C', '2', '5'])}, No. ${r.int(1, 388)} ${r.pick(C.CN_ROADS)} Road`,
        line2: `${district} District`,
      };
    case 'HK':
      return {
        line1: `Unit ${r.int(1, 20)}${r.pick(['A', 'B', 'C', 'D'])}, ${r.int(2, 28)}/F, ${r.pick(['Wing Hing', 'Kwai Fung', 'Golden Dragon', 'Laws'])} Industrial Building`,
        line2: `${r.int(1, 120)} ${r.pick(['Hoi Bun', 'How Ming', 'Castle Peak', 'Tai Yip'])} Road, ${district}`,
      };
    case 'GB':
    case 'CA':
      return {
        line1: `Unit ${r.int(1, 40)}, ${r.int(1, 400)} ${r.pick(['King', 'Queen', 'Commercial', 'Industrial', 'Station'])} ${r.pick(['Street', 'Road', 'Way'])}`,
      };
    case 'DE':
      return { line1: `${r.pick(['Industrie', 'Haupt', 'Bahnhof', 'Hafen'])}straße ${r.int(1, 180)}` };
    default:
      return {
        line1: `${r.int(1, 400)} ${r.pick(['Industrial', 'Commerce', 'Export', 'Market', 'Central'])} ${r.pick(['Road', 'Street', 'Avenue'])}`,
        line2: district,
      };
  }
}

const DIAL: Readonly<Record<string, string>> = {
  CN: '+86',
  HK: '+852',
  VN: '+84',
  IN: '+91',
  TR: '+90',
  GB: '+44',
  DE: '+49',
  KR: '+82',
  JP: '+81',
  TW: '+886',
  TH: '+66',
  CA: '+1',
  MX: '+52',
};

function shipperPhone(r: Random, country: string): string {
  return `${DIAL[country] ?? '+86'} ${r.int(10, 999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)}`;
}
