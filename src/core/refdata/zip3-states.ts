/**
 * USPS ZIP Code prefixes (first three digits) by state or territory, as inclusive ranges
 * [first, last, code]: the 50 states, DC, PR, VI, GU, AS, MP, the freely associated states (PW, FM, MH)
 * and the military "states" AA, AE, AP. Some prefixes serve more than one (967 Hawaii and American
 * Samoa; 969 Guam, Northern Marianas and the freely associated states); 733 (Austin IRS) and 885
 * (El Paso) are Texas inside other states' runs. Source: USPS ZIP Code prefix list (L002/L005).
 */
const RANGES: readonly [number, number, string][] = [
  [5, 5, 'NY'],
  [6, 7, 'PR'],
  [8, 8, 'VI'],
  [9, 9, 'PR'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [90, 99, 'AE'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [340, 340, 'AA'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 732, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [962, 966, 'AP'],
  [967, 968, 'HI'],
  [967, 967, 'AS'],
  [969, 969, 'GU'],
  [969, 969, 'MP'],
  [969, 969, 'PW'],
  [969, 969, 'FM'],
  [969, 969, 'MH'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

export const ZIP3_RANGES: readonly (readonly [first: number, last: number, state: string])[] = RANGES;

// Expanded once at load into a 1000-slot array: a lookup is one index.
const BY_PREFIX: (readonly string[] | undefined)[] = new Array(1000).fill(undefined);
for (const [from, to, state] of RANGES) {
  for (let p = from; p <= to; p++) BY_PREFIX[p] = [...(BY_PREFIX[p] ?? []), state];
}

/** USPS state and territory codes, including DC and the military "states" AA, AE, AP. */
export const US_STATES: ReadonlySet<string> = new Set(RANGES.map((r) => r[2]));

const FIVE_DIGITS = /^\d{5}$/;

/** The states a 5-digit ZIP code can belong to: `statesForZip('62701')` is `['IL']`; undefined if not in use. */
export function statesForZip(zip5: string): readonly string[] | undefined {
  if (!FIVE_DIGITS.test(zip5)) return undefined;
  return BY_PREFIX[Number(zip5.slice(0, 3))];
}
