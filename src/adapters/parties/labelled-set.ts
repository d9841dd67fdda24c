import type { ListEntry, PartyIndex, PartyQuery } from '../../core/parties/index.js';
import { normalizePartyName } from '../../core/parties/index.js';
import { FEMALE_FIRST, LAST_NAMES, MALE_FIRST, SHIPPER_NAMING } from '../../generate/catalog.js';
import { Random } from '../../generate/random.js';

/**
 * A labelled screening set built from a real list: variants of listed names as filings write them
 * (positives, labelled with the entry they must find) and names of people and companies that are not
 * listed (negatives), some of them near misses that share a word with a listed name.
 */
export type VariantKind =
  | 'transliteration'
  | 'reorder'
  | 'initials'
  | 'punctuation'
  | 'suffix'
  | 'typo'
  | 'drop-middle'
  | 'alias'
  | 'cyrillic';

export type NegativeKind = 'person' | 'company' | 'near-person' | 'near-company';

export interface LabelledItem {
  readonly query: PartyQuery;
  /** `listId:entryId` a positive must find; undefined for a negative. */
  readonly expected?: string;
  readonly kind: VariantKind | NegativeKind;
  /** The list name a positive was made from. */
  readonly source?: string;
}

export interface LabelledSetOptions {
  readonly positives: number;
  readonly negatives: number;
  readonly seed: number;
}

const LEGAL_SUFFIXES = [
  'LLC',
  'Co., Ltd.',
  'LIMITED',
  'Ltd',
  'Inc.',
  'CO',
  'S.A.',
  'GmbH',
  'Corp.',
  'Trading Co., Ltd',
];

/** Spellings of one name that romanizations of Arabic, Persian and Russian produce. */
const SPELLINGS: readonly (readonly string[])[] = [
  ['MUHAMMAD', 'MOHAMMED', 'MOHAMMAD', 'MOHAMED', 'MUHAMMED', 'MOHAMAD'],
  ['AHMAD', 'AHMED'],
  ['HUSSEIN', 'HUSSAIN', 'HUSAYN', 'HOSSEIN', 'HUSEIN'],
  ['HASAN', 'HASSAN'],
  ['YUSUF', 'YOUSEF', 'YOUSSEF', 'YOUSIF'],
  ['ABDUL', 'ABDEL', 'ABDOUL'],
  ['ABU', 'ABOU'],
  ['OSAMA', 'USAMA'],
  ['OMAR', 'UMAR'],
  ['KHALID', 'KHALED'],
  ['MAHMOUD', 'MAHMUD'],
  ['MUSTAFA', 'MOSTAFA'],
  ['IBRAHIM', 'EBRAHIM'],
  ['JAVAD', 'JAWAD'],
  ['QASIM', 'QASEM', 'KASIM'],
  ['SERGEY', 'SERGEI'],
  ['ALEKSANDR', 'ALEXANDER', 'ALEKSANDER'],
  ['ALEKSEY', 'ALEXEI', 'ALEKSEI'],
  ['YURIY', 'YURI', 'IURII'],
  ['DMITRIY', 'DMITRY', 'DMITRI'],
  ['ANDREY', 'ANDREI'],
  ['NIKOLAY', 'NIKOLAI'],
  ['EVGENIY', 'YEVGENY', 'EVGENY'],
  ['VIKTOR', 'VICTOR'],
  ['MIKHAIL', 'MICHAIL'],
];
const SPELLING_OF = new Map<string, readonly string[]>();
for (const group of SPELLINGS) for (const s of group) SPELLING_OF.set(s, group);

/** Rewrites romanizations make: [pattern, replacement], tried in random order. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/OU/, 'U'],
  [/([^AEIOU])U([^AEIOU])/, '$1OU$2'],
  [/KH/, 'H'],
  [/^H/, 'KH'],
  [/IY$/, 'I'],
  [/Y$/, 'I'],
  [/EI/, 'EY'],
  [/SS/, 'S'],
  [/([AEIOU])S([AEIOU])/, '$1SS$2'],
  [/Q/, 'K'],
  [/OV$/, 'OFF'],
  [/EE/, 'I'],
  [/([AEIOU])Y([AEIOU])/, '$1I$2'],
  [/J/, 'DZH'],
  [/X/, 'KS'],
  [/KS/, 'X'],
  [/W/, 'V'],
  [/AI/, 'AY'],
];

/** Latin to Cyrillic for the script variant, longest letters first. */
const TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['SHCH', 'Щ'],
  ['SH', 'Ш'],
  ['CH', 'Ч'],
  ['ZH', 'Ж'],
  ['KH', 'Х'],
  ['TS', 'Ц'],
  ['YU', 'Ю'],
  ['YA', 'Я'],
  ['IY', 'ИЙ'],
  ['A', 'А'],
  ['B', 'Б'],
  ['V', 'В'],
  ['G', 'Г'],
  ['D', 'Д'],
  ['E', 'Е'],
  ['Z', 'З'],
  ['I', 'И'],
  ['Y', 'Й'],
  ['K', 'К'],
  ['L', 'Л'],
  ['M', 'М'],
  ['N', 'Н'],
  ['O', 'О'],
  ['P', 'П'],
  ['R', 'Р'],
  ['S', 'С'],
  ['T', 'Т'],
  ['U', 'У'],
  ['F', 'Ф'],
];

const VARIANTS: readonly (readonly [VariantKind, number])[] = [
  ['transliteration', 3],
  ['reorder', 2],
  ['initials', 2],
  ['punctuation', 2],
  ['suffix', 2],
  ['typo', 3],
  ['drop-middle', 2],
  ['alias', 2],
  ['cyrillic', 1],
];

interface Source {
  readonly entry: ListEntry;
  readonly name: string;
  readonly tokens: readonly string[];
}

/**
 * Builds the set with a fixed seed: the same list and seed give the same items. Only individuals and
 * entities are used (filings name people and companies, not vessels), and only names of two words or
 * more, or one word of six letters or more: a three-letter acronym has no variant a screener should find.
 * Negatives whose words all appear in one listed name are dropped, since they are that name for any
 * screener ("Ali Hassan" within "HASSAN, Ali Mohammed").
 */
export function labelledSet(entries: readonly ListEntry[], opts: LabelledSetOptions): LabelledItem[] {
  const r = new Random(opts.seed);
  const people = entries.filter((e) => e.type === 'individual');
  const firms = entries.filter((e) => e.type === 'entity');
  const countries = [...new Set(entries.flatMap((e) => e.countries))].sort();
  const byToken = new Map<string, Set<number>>();
  const sdnNames: string[][] = [];
  for (const e of entries)
    for (const n of e.names) {
      const tokens = normalizePartyName(n.name).tokens;
      const id = sdnNames.length;
      sdnNames.push([...tokens]);
      for (const t of tokens) {
        const s = byToken.get(t);
        if (s === undefined) byToken.set(t, new Set([id]));
        else s.add(id);
      }
    }
  const items: LabelledItem[] = [];
  let guard = 0;
  while (
    items.filter((i) => i.expected !== undefined).length < opts.positives &&
    guard++ < opts.positives * 20
  ) {
    const entry = r.chance(0.5) ? r.pick(people) : r.pick(firms);
    const kind = r.weighted(VARIANTS);
    const item = positive(r, entry, kind, countries);
    if (item !== undefined) items.push(item);
  }
  // First and last names of listed people: the words a near miss shares.
  const givenNames = people.map((p) => givenAndFamily(p.names[0]!.name));
  const firmWords = firms.flatMap((f) =>
    normalizePartyName(f.names[0]!.name).tokens.filter((t) => t.length >= 4),
  );
  const shippers = Object.values(SHIPPER_NAMING);
  guard = 0;
  let negatives = 0;
  while (negatives < opts.negatives && guard++ < opts.negatives * 20) {
    const kind = r.weighted<NegativeKind>([
      ['person', 1],
      ['company', 1],
      ['near-person', 1],
      ['near-company', 1],
    ]);
    let name: string;
    switch (kind) {
      case 'person':
        name = `${r.pick(r.chance(0.5) ? MALE_FIRST : FEMALE_FIRST)} ${r.pick(LAST_NAMES)}`;
        break;
      case 'company': {
        const [prefixes, businesses, suffix] = r.pick(shippers);
        name = `${r.pick(prefixes)} ${r.pick(businesses)} ${suffix}`;
        break;
      }
      case 'near-person': {
        const [given, family] = r.pick(givenNames);
        // A listed given name with an unlisted surname, or the reverse, or two listed people's halves.
        const roll = r.next();
        name =
          roll < 0.4
            ? `${given} ${r.pick(LAST_NAMES)}`
            : roll < 0.7
              ? `${r.pick(r.chance(0.5) ? MALE_FIRST : FEMALE_FIRST)} ${family}`
              : `${given} ${r.pick(givenNames)[1]}`;
        break;
      }
      case 'near-company': {
        const [, businesses, suffix] = r.pick(shippers);
        name = `${titleCase(r.pick(firmWords))} ${r.pick(businesses)} ${suffix}`;
        break;
      }
    }
    if (listedWithin(normalizePartyName(name).tokens, byToken, sdnNames)) continue;
    negatives++;
    items.push({
      query: { name, ...(r.chance(0.7) ? { country: r.pick(countries) } : {}) },
      kind,
    });
  }
  // Interleave so that a prefix of the set is a fair sample of both classes.
  return shuffle(r, items);
}

function positive(
  r: Random,
  entry: ListEntry,
  kind: VariantKind,
  countries: readonly string[],
): LabelledItem | undefined {
  const aliases = entry.names.filter((n) => n.kind === 'aka' || n.kind === 'fka' || n.kind === 'nka');
  if (kind === 'alias' && aliases.length === 0) return undefined;
  const listed = kind === 'alias' ? r.pick(aliases) : entry.names[0]!;
  const tokens = normalizePartyName(listed.name).tokens;
  if (!screenable(tokens)) return undefined;
  const src: Source = { entry, name: listed.name, tokens };
  const words = variant(r, src, kind);
  if (words === undefined || !screenable(normalizePartyName(words).tokens)) return undefined;
  const roll = r.next();
  const country =
    entry.countries.length > 0 && roll < 0.7
      ? r.pick(entry.countries)
      : roll < 0.8 && countries.length > 0
        ? r.pick(countries)
        : undefined;
  const address = entry.addresses.length > 0 && r.chance(0.3) ? r.pick(entry.addresses).text : undefined;
  return {
    query: {
      name: words,
      ...(country === undefined ? {} : { country }),
      ...(address === undefined || address === '' ? {} : { address }),
    },
    expected: `${entry.listId}:${entry.entryId}`,
    kind,
    source: listed.name,
  };
}

function screenable(tokens: readonly string[]): boolean {
  const long = tokens.filter((t) => t.length >= 2);
  return long.length >= 2 || (long.length === 1 && long[0]!.length >= 6);
}

function variant(r: Random, s: Source, kind: VariantKind): string | undefined {
  const t = [...s.tokens];
  const person = s.entry.type === 'individual';
  switch (kind) {
    case 'alias':
      return render(r, t, person);
    case 'transliteration': {
      const order = shuffle(
        r,
        t.map((_, i) => i),
      );
      for (const i of order) {
        const group = SPELLING_OF.get(t[i]!);
        if (group !== undefined) {
          t[i] = r.pick(group.filter((g) => g !== t[i]));
          return render(r, t, person);
        }
      }
      for (const i of order) {
        if (t[i]!.length < 4) continue;
        for (const [re, to] of shuffle(r, [...REWRITES])) {
          const next = t[i]!.replace(re, to);
          if (next !== t[i]) {
            t[i] = next;
            return render(r, t, person);
          }
        }
      }
      return undefined;
    }
    case 'reorder':
      if (t.length < 2) return undefined;
      return plain(shuffleUntilMoved(r, t));
    case 'initials': {
      if (!person || t.length < 3) return undefined;
      // A given name after the family name (OFAC writes "FAMILY, Given Middle"), never the family name.
      const i = r.int(1, t.length - 1);
      t[i] = t[i]![0]! + (r.chance(0.5) ? '.' : '');
      return plain(r.chance(0.5) ? [...t.slice(1), t[0]!] : t);
    }
    case 'punctuation': {
      const out = t.map((w) => titleCase(w));
      const i = r.int(0, Math.max(0, out.length - 2));
      if (out.length >= 2 && r.chance(0.6)) out.splice(i, 2, `${out[i]}-${out[i + 1]}`);
      return person && r.chance(0.5)
        ? `${out[0]}, ${out.slice(1).join(' ')}`
        : out.join(r.chance(0.3) ? '  ' : ' ');
    }
    case 'suffix':
      if (person) return undefined;
      return `${render(r, t, false)} ${r.pick(LEGAL_SUFFIXES)}`;
    case 'typo': {
      const long = t.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
      if (long.length === 0) return undefined;
      const [w, i] = r.pick(long);
      t[i] = typo(r, w);
      return render(r, t, person);
    }
    case 'drop-middle':
      if (t.length < 3) return undefined;
      t.splice(r.int(1, t.length - 2), 1);
      return render(r, t, person);
    case 'cyrillic': {
      if (!person || !t.every((w) => /^[A-Z]+$/.test(w))) return undefined;
      return t.map(toCyrillic).join(' ');
    }
  }
}

function typo(r: Random, w: string): string {
  // Not the first letter: typos there are rarer and first letters anchor every name matcher.
  const i = r.int(1, w.length - 1);
  const letter = String.fromCharCode(65 + r.int(0, 25));
  switch (r.int(0, 3)) {
    case 0:
      return w.slice(0, i) + letter + w.slice(i + 1);
    case 1:
      return w.slice(0, i) + w.slice(i + 1);
    case 2:
      return w.slice(0, i) + letter + w.slice(i);
    default:
      return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i);
  }
}

function render(r: Random, t: readonly string[], person: boolean): string {
  const words = r.chance(0.5) ? t.map(titleCase) : [...t];
  return person && r.chance(0.5) && words.length >= 2
    ? [...words.slice(1), words[0]!].join(' ')
    : words.join(' ');
}

function plain(t: readonly string[]): string {
  return t.map(titleCase).join(' ');
}

function titleCase(w: string): string {
  return w.length <= 1 ? w : w[0] + w.slice(1).toLowerCase();
}

function toCyrillic(w: string): string {
  let out = '';
  let i = 0;
  outer: while (i < w.length) {
    for (const [lat, cyr] of TO_CYRILLIC)
      if (w.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    out += w[i];
    i++;
  }
  return out;
}

/** Given and family name of an OFAC individual ("FAMILY, Given Middle"). */
function givenAndFamily(name: string): [string, string] {
  const [family = '', given = ''] = name.split(',').map((s) => s.trim());
  const first = given.split(/\s+/)[0] ?? '';
  return [first === '' ? titleCase(family) : first, titleCase(family.split(/\s+/).pop() ?? family)];
}

function listedWithin(
  tokens: readonly string[],
  byToken: Map<string, Set<number>>,
  names: string[][],
): boolean {
  const long = tokens.filter((t) => t.length >= 2);
  if (long.length === 0) return true;
  let common: Set<number> | undefined;
  for (const t of long) {
    const ids = byToken.get(t);
    if (ids === undefined) return false;
    common = common === undefined ? new Set(ids) : new Set([...common].filter((id) => ids.has(id)));
    if (common.size === 0) return false;
  }
  return common !== undefined && [...common].some((id) => names[id]!.length > 0);
}

function shuffle<T>(r: Random, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

function shuffleUntilMoved(r: Random, t: string[]): string[] {
  const original = t.join(' ');
  for (let k = 0; k < 5; k++) {
    const s = shuffle(r, [...t]);
    if (s.join(' ') !== original) return s;
  }
  return [...t.slice(1), t[0]!];
}

export interface QualityPoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ScoredItem {
  readonly item: LabelledItem;
  readonly score: number;
  /** The best match is the expected entry (or an entry listing the same name). */
  readonly correct: boolean;
}

/** Screens every item; a positive is correct when its best match is the expected entry or lists the same name. */
export function scoreSet(index: PartyIndex, items: readonly LabelledItem[]): ScoredItem[] {
  return items.map((item) => {
    const r = index.screen(item.query);
    const best = r.best;
    if (best === undefined) return { item, score: 0, correct: false };
    const correct =
      item.expected !== undefined &&
      (`${best.listId}:${best.entryId}` === item.expected ||
        (item.source !== undefined && sameName(best.matchedName, item.source)));
    return { item, score: best.score, correct };
  });
}

function sameName(a: string, b: string): boolean {
  const k = (s: string) => [...normalizePartyName(s).tokens].sort().join(' ');
  return k(a) === k(b);
}

/**
 * Precision and recall at a threshold: a hit is a true positive when it found the expected entry; a
 * negative's hit, or a positive's hit on another entry, is a false positive; a positive without a
 * correct hit is a false negative.
 */
export function qualityAt(scored: readonly ScoredItem[], threshold: number): QualityPoint {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const s of scored) {
    if (s.item.expected !== undefined) positives++;
    if (s.score < threshold) continue;
    if (s.correct) tp++;
    else fp++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = positives === 0 ? 1 : tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1 };
}
