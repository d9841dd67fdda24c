/**
 * The HTS column-1 "General Rate of Duty" as typed data. The schedule writes rates as text: "Free",
 * "6.5%", "2.2¢/kg", "$1.05/doz.", "37.5¢/kg + 3%", watch rates with parts "on the case" and "on the
 * battery", Chapter 99 rates that point at another subheading, and a few sliding scales. Each text
 * becomes one of the forms below; a text that reads as a rate but does not parse is an error value with
 * a stable code, so that a bad schedule row never becomes a silent zero or a throw on the hot path.
 */

/** Units a specific rate is charged per, normalized from the schedule's spellings. */
export type RateUnit =
  | 'kg'
  | 'g'
  | 't'
  | 'liter'
  | 'proof liter'
  | 'bbl'
  | 'm3'
  | 'm2'
  | 'm'
  | 'each'
  | 'doz.'
  | 'pair'
  | 'gross'
  | 'thousand'
  | 'head'
  | 'jewel'
  | 'line/gross';

export interface AdValoremPart {
  readonly kind: 'ad-valorem';
  readonly percent: number;
  /** The part of the value the percent applies to ("the case", "the battery"); absent: the whole value. */
  readonly on?: string;
}

export interface SpecificPart {
  readonly kind: 'specific';
  readonly usdPerUnit: number;
  readonly unit: RateUnit;
  /** The quantity is not the article's own ("drained weight", "lead content", "total sugars"). */
  readonly on?: string;
}

export type RatePart = AdValoremPart | SpecificPart;

export type GeneralRate =
  | { readonly form: 'free'; readonly text: string; readonly condition?: string }
  | { readonly form: 'ad-valorem'; readonly text: string; readonly parts: readonly [AdValoremPart] }
  | { readonly form: 'specific'; readonly text: string; readonly parts: readonly [SpecificPart] }
  /** Two or more parts; the duty is the sum of the parts. */
  | { readonly form: 'compound'; readonly text: string; readonly parts: readonly RatePart[] }
  /**
   * The rate is another line's (Chapter 99 "the duty provided in the applicable subheading", "the
   * rate applicable to the article of which it is a part", "See additional U.S. note 1"), possibly
   * plus a percent of its own.
   */
  | {
      readonly form: 'reference';
      readonly text: string;
      readonly reason: string;
      readonly additionalPercent?: number;
    }
  /** A rate the schedule states but that needs facts a filing never has (sliding scales, repair costs). */
  | { readonly form: 'not-computable'; readonly text: string; readonly reason: string };

export type RateForm = GeneralRate['form'];

export type RateErrorCode = 'RATE_MALFORMED' | 'RATE_EMPTY';

export type RateParse =
  | { readonly ok: true; readonly rate: GeneralRate }
  | { readonly ok: false; readonly code: RateErrorCode; readonly text: string; readonly message: string };

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?|\.\d+)`;
const PERCENT_PART = new RegExp(String.raw`^${NUMBER}\s*(?:%|percent\b)(?:\s+(?:on|of|upon)\s+(.+))?$`, 'i');
// The unit is matched lazily so that a trailing "on drained weight" or "of total sugars" is split off,
// while "jewel over 7" or "1,000 pins" (no on/of) stays whole.
const SPECIFIC_PART = new RegExp(
  String.raw`^(?:\$\s*${NUMBER}|${NUMBER}\s*(?:¢|cents?\b))\s*(?:\/\s*(.+?)|\s+(each))(?:\s+(?:on|of|upon)\s+(.+))?$`,
  'i',
);
const PART_SEPARATOR = /\s*\+\s*|\s+plus\s+/i;
const FOOTNOTE = /(?<=[\p{L}\d%.)\s])\s*\d{1,2}\/\s*$/u;
const SPACES = /\s+/g;
const RANGE = new RegExp(String.raw`^(?:free|${NUMBER}\s*%?)\s*(?:-|–|to)\s*${NUMBER}\s*%$`, 'i');
const WHOLE_VALUE = /^(?:the\s+)?(?:value|entire\s+set|fair\s+retail\s+value|value\s+of\s+the\s+article)$/i;

const UNIT_ALIASES: Readonly<Record<string, { unit: RateUnit; on?: string }>> = {
  kg: { unit: 'kg' },
  kgs: { unit: 'kg' },
  'clean kg': { unit: 'kg', on: 'clean yield' },
  g: { unit: 'g' },
  gram: { unit: 'g' },
  t: { unit: 't' },
  liter: { unit: 'liter' },
  litre: { unit: 'liter' },
  l: { unit: 'liter' },
  'pf.liter': { unit: 'proof liter' },
  'pf. liter': { unit: 'proof liter' },
  'proof liter': { unit: 'proof liter' },
  bbl: { unit: 'bbl' },
  m3: { unit: 'm3' },
  'm³': { unit: 'm3' },
  m2: { unit: 'm2' },
  'm²': { unit: 'm2' },
  m: { unit: 'm' },
  each: { unit: 'each' },
  article: { unit: 'each' },
  'no.': { unit: 'each' },
  pcs: { unit: 'each' },
  'doz.': { unit: 'doz.' },
  doz: { unit: 'doz.' },
  dozen: { unit: 'doz.' },
  'pr.': { unit: 'pair' },
  pr: { unit: 'pair' },
  pair: { unit: 'pair' },
  'prs.': { unit: 'pair' },
  gross: { unit: 'gross' },
  '1000': { unit: 'thousand' },
  '1,000': { unit: 'thousand' },
  thousand: { unit: 'thousand' },
  '1,000 pins': { unit: 'thousand' },
  head: { unit: 'head' },
  jewel: { unit: 'jewel' },
  'jewel over 7': { unit: 'jewel', on: 'jewels over 7' },
  'line/gross': { unit: 'line/gross' },
  'line/ gross': { unit: 'line/gross' },
};

/**
 * Parses one general-rate text. Never throws: an empty text is RATE_EMPTY, a text that is neither a
 * known phrase nor a sum of percent and amount-per-unit parts is RATE_MALFORMED, with the part that
 * failed in the message.
 */
export function parseGeneralRate(raw: string): RateParse {
  const text = normalize(raw);
  if (text === '') return { ok: false, code: 'RATE_EMPTY', text: raw, message: 'no general rate of duty' };
  const phrase = phraseRate(text, raw);
  if (phrase !== undefined) return { ok: true, rate: phrase };
  const pieces = text.split(PART_SEPARATOR);
  const parts: RatePart[] = [];
  for (const piece of pieces) {
    const part = parsePart(piece);
    if (typeof part === 'string') return { ok: false, code: 'RATE_MALFORMED', text: raw, message: part };
    parts.push(part);
  }
  const [first] = parts;
  if (parts.length === 1 && first !== undefined)
    return {
      ok: true,
      rate:
        first.kind === 'ad-valorem'
          ? { form: 'ad-valorem', text: raw, parts: [first] }
          : { form: 'specific', text: raw, parts: [first] },
    };
  return { ok: true, rate: { form: 'compound', text: raw, parts } };
}

const cache = new Map<string, RateParse>();
const CACHE_LIMIT = 10_000;

/**
 * `parseGeneralRate` memoized by text: a schedule has under a thousand distinct rate texts, and the
 * same few are read for every line of every filing.
 */
export function parseGeneralRateCached(text: string): RateParse {
  let r = cache.get(text);
  if (r === undefined) {
    r = parseGeneralRate(text);
    // A bound, not an eviction policy: past it, arbitrary texts (a fuzzer, a bad file) are not kept.
    if (cache.size < CACHE_LIMIT) cache.set(text, r);
  }
  return r;
}

function normalize(raw: string): string {
  let t = raw.replace(SPACES, ' ').trim();
  // Footnote markers ("6.5%1/", "Free 2/") belong to the printed edition, not to the rate.
  while (FOOTNOTE.test(t)) t = t.replace(FOOTNOTE, '').trim();
  return t.replace(/\.$/, '').trim();
}

/** The phrases the schedule uses instead of a rate, recognised before the rate grammar. */
function phraseRate(text: string, raw: string): GeneralRate | undefined {
  const lower = text.toLowerCase();
  if (lower === 'free') return { form: 'free', text: raw };
  const freeWith = /^free\s*[,;]\s*(.+)$/i.exec(text);
  if (freeWith !== null) return { form: 'free', text: raw, condition: freeWith[1]! };
  if (/^the duty (?:rate )?provided\b/i.test(text)) return applicableSubheading(text, raw);
  if (/^the rate (?:of duty )?applicable\b/i.test(text))
    return { form: 'reference', text: raw, reason: `the rate of another article: ${lowerFirst(text)}` };
  if (/^see\b/i.test(text))
    return { form: 'reference', text: raw, reason: `the schedule refers elsewhere: ${lowerFirst(text)}` };
  if (lower === 'no change')
    return {
      form: 'reference',
      text: raw,
      reason: 'no change: the rate of the applicable subheading applies',
    };
  if (/^a duty\b/i.test(text))
    return { form: 'not-computable', text: raw, reason: `a duty on facts a filing does not give: ${text}` };
  if (/\bfor each degree\b/i.test(text))
    return {
      form: 'not-computable',
      text: raw,
      reason: 'a sliding scale by degree (polarization or strength), with a floor',
    };
  if (/\bfor each other piece or part\b/i.test(text))
    return {
      form: 'not-computable',
      text: raw,
      reason: 'per jewel and per piece, capped at the rate of the complete movement',
    };
  if (RANGE.test(text))
    return { form: 'not-computable', text: raw, reason: 'a range of rates, not one rate' };
  return undefined;
}

/** Chapter 99: "The duty provided in the applicable subheading + 25%" (or "minus 0.5%", or nothing). */
function applicableSubheading(text: string, raw: string): GeneralRate {
  const plus = new RegExp(
    String.raw`(?:\+|\bplus\b)\s*(?:a duty of\s*)?${NUMBER}\s*%(?:\s+(?:upon|on)\s+(?:the\s+)?(.+))?$`,
    'i',
  ).exec(text);
  const minus = new RegExp(String.raw`\bminus\s+${NUMBER}\s*%$`, 'i').exec(text);
  const target = /subheadings? ([\d.,\s]+(?:or [\d.]+)?)/i.exec(text)?.[1]?.trim();
  const base = `the duty of ${target !== undefined && /\d/.test(target) ? `subheading ${target}` : 'the applicable subheading (chapters 1–97)'}`;
  if (plus !== null) {
    const percent = toNumber(plus[1]!);
    const on = plus[2] === undefined ? '' : ` on ${plus[2]}`;
    return {
      form: 'reference',
      text: raw,
      reason: `${base} plus ${percent}%${on}`,
      additionalPercent: percent,
    };
  }
  if (minus !== null) {
    const percent = toNumber(minus[1]!);
    return { form: 'reference', text: raw, reason: `${base} minus ${percent}%`, additionalPercent: -percent };
  }
  return { form: 'reference', text: raw, reason: base };
}

function parsePart(piece: string): RatePart | string {
  const p = piece.trim();
  if (p === '') return 'an empty part between "+" signs';
  const pct = PERCENT_PART.exec(p);
  if (pct !== null) {
    const percent = toNumber(pct[1]!);
    const on = pct[2]?.trim();
    return on === undefined || WHOLE_VALUE.test(on)
      ? { kind: 'ad-valorem', percent }
      : { kind: 'ad-valorem', percent, on: stripThe(on) };
  }
  const sp = SPECIFIC_PART.exec(p);
  if (sp !== null) {
    const dollars = sp[1];
    const cents = sp[2];
    const unitText = (sp[3] ?? sp[4] ?? '').trim().toLowerCase().replace(SPACES, ' ');
    const alias = UNIT_ALIASES[unitText] ?? UNIT_ALIASES[unitText.replace(/ /g, '')];
    if (alias === undefined) return `unknown unit '${unitText}' in '${p}'`;
    const usdPerUnit =
      dollars !== undefined ? toNumber(dollars) : Number((toNumber(cents!) / 100).toPrecision(12));
    const on = sp[5]?.trim() ?? alias.on;
    return on === undefined
      ? { kind: 'specific', usdPerUnit, unit: alias.unit }
      : { kind: 'specific', usdPerUnit, unit: alias.unit, on: stripThe(on) };
  }
  return `'${p}' is neither a percent ("6.5%") nor an amount per unit ("2.2¢/kg", "$1.05/doz.", "30¢ each")`;
}

function toNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function stripThe(s: string): string {
  return s.replace(/^the\s+/i, '');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** The rate as the schedule would print it, from its parts (for bases and explanations). */
export function formatPart(p: RatePart): string {
  if (p.kind === 'ad-valorem') return `${p.percent}%${p.on === undefined ? '' : ` on ${p.on}`}`;
  const amount = p.usdPerUnit < 1 ? `${Number((p.usdPerUnit * 100).toPrecision(12))}¢` : `$${p.usdPerUnit}`;
  const per = p.unit === 'each' ? ' each' : `/${p.unit}`;
  return `${amount}${per}${p.on === undefined ? '' : ` on ${p.on}`}`;
}
