import type { FilingView, LineView } from './filing-view.js';
import type { Chemical, RuleParams } from './rule-set.js';
import { strongest } from './strongest.js';
import { casNumbersIn, dottedHts, HtsPrefixTable, PhraseMatcher, quote, words } from './text.js';
import { bandRank, type Hit, type HitBand } from './types.js';

/**
 * Fentanyl precursors and other drug chemicals (domain brief §7), found three ways that are weighted
 * apart: the HTS line they are classified under, their CAS number anywhere in the filing, and their
 * names, synonyms and salts in the descriptions. The chemical list is shared by the three rules.
 */
export interface CompiledChemicals {
  readonly byHts: HtsPrefixTable<readonly Chemical[]>;
  readonly byCas: ReadonlyMap<string, { readonly chemical: Chemical; readonly misprint: boolean }>;
  readonly names: PhraseMatcher<{ readonly chemical: Chemical; readonly acronym: boolean }>;
  readonly notWith: ReadonlyMap<string, ReadonlySet<string>>;
  readonly salts: PhraseMatcher<string>;
  readonly chemicalChapters: ReadonlySet<string>;
  readonly chemicalWords: PhraseMatcher<string>;
}

export function compileChemicals(
  chemicals: readonly Chemical[],
  nameParams: RuleParams<'precursor-name'>,
): CompiledChemicals {
  const htsEntries = new Map<string, Chemical[]>();
  for (const c of chemicals)
    for (const h of c.hts) {
      const key = h.replace(/\./g, '');
      const list = htsEntries.get(key);
      if (list === undefined) htsEntries.set(key, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  const byCas = new Map<string, { chemical: Chemical; misprint: boolean }>();
  for (const c of chemicals) {
    for (const n of c.cas) if (!byCas.has(n)) byCas.set(n, { chemical: c, misprint: false });
    for (const n of c.casMisprints ?? []) if (!byCas.has(n)) byCas.set(n, { chemical: c, misprint: true });
  }
  const names = chemicals.flatMap((c) => [
    ...c.names.map((phrase) => ({ phrase, value: { chemical: c, acronym: false } })),
    ...(c.acronyms ?? []).map((phrase) => ({ phrase, value: { chemical: c, acronym: true } })),
  ]);
  return {
    byHts: new HtsPrefixTable([...htsEntries].map(([hts, value]) => ({ hts, value }))),
    byCas,
    names: new PhraseMatcher(names),
    notWith: new Map(chemicals.map((c) => [c.id, new Set((c.notWith ?? []).flatMap(words))])),
    salts: new PhraseMatcher(nameParams.salts.map((s) => ({ phrase: s, value: s }))),
    chemicalChapters: new Set(nameParams.chemicalChapters),
    chemicalWords: new PhraseMatcher(nameParams.chemicalWords.map((w) => ({ phrase: w, value: w }))),
  };
}

const higher = (a: HitBand, b: HitBand): HitBand => (bandRank(a) >= bandRank(b) ? a : b);

/** A line classified under an HTS line of a listed chemical. */
export function precursorHts(v: FilingView, c: CompiledChemicals): Hit {
  const hits: Hit[] = [];
  for (const l of v.lines) {
    const m = c.byHts.get(l.digits);
    if (m === undefined) continue;
    const band = m.value.map((x) => x.htsBand).reduce(higher);
    const labels = m.value.map((x) => x.label).join(', ');
    hits.push({
      band,
      reason: `line ${l.index + 1} HTS ${l.hts} falls under ${dottedHts(m.prefix)}, the line of ${labels}`,
      path: `/lines/${l.index}/hts`,
    });
  }
  return strongest(hits, 'no line under a precursor HTS line');
}

/** A listed CAS number in the line's CAS field, a description, or (textFields) any text of the filing. */
export function precursorCas(v: FilingView, c: CompiledChemicals, params: RuleParams<'precursor-cas'>): Hit {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const look = (text: string, path: string, where: string) => {
    for (const n of casNumbersIn(text)) {
      const m = c.byCas.get(n);
      if (m === undefined || seen.has(`${n}${path}`)) continue;
      seen.add(`${n}${path}`);
      const misprint = m.misprint ? ` (a misprint of ${m.chemical.cas.join(' / ')})` : '';
      hits.push({
        band: m.chemical.band,
        reason: `CAS ${n}${misprint} = ${m.chemical.label}, in ${where}`,
        path,
      });
    }
  };
  for (const l of v.lines) {
    if (l.cas !== undefined) look(l.cas, `/lines/${l.index}/cas`, `line ${l.index + 1} CAS field`);
    look(l.description, `/lines/${l.index}/description`, `line ${l.index + 1} description`);
  }
  if (params.textFields)
    walkStrings(v.filing, '', (text, path) => {
      if (path.startsWith('/lines/') && (path.endsWith('/cas') || path.endsWith('/description'))) return;
      if (text.includes('-')) look(text, path, path);
    });
  return strongest(hits, 'no listed CAS number in the filing');
}

/** A listed name or synonym (acronyms only in a chemical context) in a description. */
export function precursorName(v: FilingView, c: CompiledChemicals): Hit {
  const hits: Hit[] = [];
  for (const l of v.lines) {
    for (const m of c.names.find(l.words)) {
      const { chemical, acronym } = m.value;
      const excluded = c.notWith.get(chemical.id)!;
      if (excluded.size > 0 && l.words.some((w) => excluded.has(w))) continue;
      if (acronym && !chemicalContext(l, c)) continue;
      const salt = c.salts.find(l.words.slice(m.end, m.end + 4))[0];
      hits.push({
        band: chemical.band,
        reason:
          `line ${l.index + 1} description names ${chemical.label} ("${m.phrase}"` +
          `${salt === undefined ? '' : `, as a salt: ${salt.value}`}) in ${quote(l.description)}`,
        path: `/lines/${l.index}/description`,
      });
    }
  }
  return strongest(hits, 'no precursor name or synonym in the descriptions');
}

function chemicalContext(l: LineView, c: CompiledChemicals): boolean {
  return c.chemicalChapters.has(l.chapter) || l.cas !== undefined || c.chemicalWords.find(l.words).length > 0;
}

/** Calls `visit` with every string in `value` and its JSON pointer. */
export function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) walkStrings(value[i], `${path}/${i}`, visit);
  else if (typeof value === 'object' && value !== null)
    for (const [k, x] of Object.entries(value)) walkStrings(x, `${path}/${k}`, visit);
}
