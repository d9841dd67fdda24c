/**
 * Realistic identifiers that encode the filing's position in the day, so that the ground truth can
 * be kept in typed arrays and an id turned back into its index without a lookup table:
 *   - Type 86 entry number: filer code, 7-digit number, check digit ("A7K-4821937-6");
 *   - house bill of a manifest release: carrier code, 8-digit serial, mod-7 check digit ("SKYX482193712");
 *   - postal item: UPU S10 identifier ("LX48219371 5 CN" without spaces).
 * Serial numbers are a bijective scramble of the index, so they look issued, not counted.
 */

const M7 = 10_000_000;
const M8 = 100_000_000;
/** House bills of Type 86 entries scramble index + this, so they never equal a manifest release's number. */
const ENTRY_BILLS = 50_000_000;

/**
 * A keyed bijection of [0, 2^bits): xorshifts and odd multiplications, each invertible. Restricted to
 * [0, m) by cycle walking (apply again until the value falls inside), which keeps it a bijection.
 */
interface Mixer {
  readonly mask: number;
  readonly bits: number;
  readonly s1: number;
  readonly s2: number;
  readonly k1: number;
  readonly k2: number;
  readonly k1inv: number;
  readonly k2inv: number;
  /** Xored in first, so that index 0 does not stay 0. */
  readonly key: number;
}

function oddInverse(k: number): number {
  let inv = k;
  for (let n = 0; n < 5; n++) inv = Math.imul(inv, 2 - Math.imul(k, inv));
  return inv;
}

function mixer(bits: number, s1: number, s2: number, k1: number, k2: number, key: number): Mixer {
  const mask = 2 ** bits - 1;
  return { mask, bits, s1, s2, k1, k2, k1inv: oddInverse(k1), k2inv: oddInverse(k2), key: key & mask };
}

const MIX7 = mixer(24, 12, 11, 0x2c1b3d, 0x5e3a97, 0x9e3779);
const MIX8 = mixer(27, 13, 14, 0x45d9f3b, 0x119de1f3 & 0x7ffffff, 0x3c6ef372);

function unxorshift(y: number, s: number, bits: number): number {
  let x = y;
  for (let done = s; done < bits; done += s) x = y ^ (x >>> s);
  return x;
}

/** Two rounds of multiply and xorshift after a keyed xor: every input bit reaches every output bit. */
function mix(x: number, m: Mixer): number {
  x ^= m.key;
  for (let round = 0; round < 2; round++) {
    x = Math.imul(x, m.k1) & m.mask;
    x ^= x >>> m.s1;
    x = Math.imul(x, m.k2) & m.mask;
    x ^= x >>> m.s2;
  }
  return x >>> 0;
}

function unmix(x: number, m: Mixer): number {
  for (let round = 0; round < 2; round++) {
    x = unxorshift(x, m.s2, m.bits);
    x = Math.imul(x, m.k2inv) & m.mask;
    x = unxorshift(x, m.s1, m.bits);
    x = Math.imul(x, m.k1inv) & m.mask;
  }
  return (x ^ m.key) >>> 0;
}

function scramble(i: number, m: Mixer, limit: number): number {
  let x = i;
  do x = mix(x, m);
  while (x >= limit);
  return x;
}

function unscramble(s: number, m: Mixer, limit: number): number {
  let x = s;
  do x = unmix(x, m);
  while (x >= limit);
  return x;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Largest number of filings the id formats can tell apart. */
export const MAX_FILINGS = M7;

/** Luhn-style mod-10 check digit over the filer code (letters as their alphabet position) and number. */
export function entryCheckDigit(filer: string, number: string): number {
  let sum = 0;
  let double = true;
  const chars = filer + number;
  for (let k = chars.length - 1; k >= 0; k--) {
    const c = chars.charCodeAt(k);
    let d = c >= 65 ? (c - 64) % 10 : c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** UPU S10 check digit of an 8-digit serial. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let k = 0; k < 8; k++) sum += (serial.charCodeAt(k) - 48) * weights[k]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export function entryNumber(filerCode: string, index: number): string {
  const n = pad(scramble(index, MIX7, M7), 7);
  return `${filerCode}-${n}-${entryCheckDigit(filerCode, n)}`;
}

/** A house bill: carrier code, 8-digit serial and its mod-7 check digit (as on air waybills). */
export function houseBill(carrierCode: string, index: number, forEntry = false): string {
  const serial = scramble(forEntry ? index + ENTRY_BILLS : index, MIX8, M8);
  return `${carrierCode}${pad(serial, 8)}${serial % 7}`;
}

const S10_SERVICES = ['LX', 'LP', 'LZ', 'UA', 'UB', 'RB', 'CP'];

export function postalItemId(index: number, originCountry: string): string {
  const serial = pad(scramble(index, MIX8, M8), 8);
  const service = S10_SERVICES[index % S10_SERVICES.length]!;
  return `${service}${serial}${s10CheckDigit(serial)}${originCountry}`;
}

const ENTRY = /^[A-Z0-9]{3}-(\d{7})-\d$/;
const HOUSE = /^[A-Z]{4}(\d{8})\d$/;
const S10 = /^[A-Z]{2}(\d{8})\d[A-Z]{2}$/;

/**
 * The index a filing id was made from, or -1 when it is none of the formats. The caller still
 * compares the id rebuilt from the index: the regular expressions accept more than was issued.
 */
export function indexOfId(id: string): number {
  let m = ENTRY.exec(id);
  if (m !== null) return unscramble(Number(m[1]), MIX7, M7);
  m = HOUSE.exec(id);
  if (m !== null) return unscramble(Number(m[1]), MIX8, M8);
  m = S10.exec(id);
  if (m !== null) return unscramble(Number(m[1]), MIX8, M8);
  return -1;
}

/** Master air waybill: airline prefix, 7-digit serial and mod-7 check digit ("160-12345675"). */
export function masterAirWaybill(prefix: string, serial7: number): string {
  return `${prefix}-${pad(serial7, 7)}${serial7 % 7}`;
}
