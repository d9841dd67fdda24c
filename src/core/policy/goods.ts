import type { ParameterValue } from './catalog.js';
import type { ParameterSet } from './parameters.js';

/** Reference-data questions about one line (from the HTS–PGA report, 301/232 lists, AD/CVD hints). */
export interface GoodsLookups {
  pgaRequired?(hts10: string): boolean;
  adcvd?(hts10: string, origin: string): boolean;
  section301?(hts10: string): boolean;
  section232?(hts10: string): boolean;
}

/**
 * The excluded-goods categories a shipment's lines fall in. Prefix lists are taken from every value
 * the `excluded-goods` history ever had, so the facts hold at any date; the rules then decide which
 * categories are excluded at the shipment's instant.
 */
export function classifyGoods(
  lines: readonly { hts: string; origin: string }[],
  params: ParameterSet,
  lookups: GoodsLookups = {},
): string[] {
  const found = new Set<string>();
  const cats = categoryPrefixes(params);
  const s201 = section201Prefixes(params);
  for (const l of lines) {
    const hts = l.hts.replace(/\D/g, '');
    for (const [id, prefixes] of cats) if (prefixes.some((p) => hts.startsWith(p))) found.add(id);
    if (lookups.pgaRequired?.(hts)) found.add('pga');
    if (lookups.adcvd?.(hts, l.origin)) found.add('adcvd');
    // Section 301 duties apply to goods of Chinese origin only.
    if (l.origin === 'CN' && lookups.section301?.(hts)) found.add('section301');
    if (lookups.section232?.(hts)) found.add('section232');
    if (s201.some((p) => hts.startsWith(p))) found.add('section201');
  }
  return [...found].sort();
}

const prefixCache = new WeakMap<ParameterSet, Map<string, string[]>>();

function categoryPrefixes(params: ParameterSet): Map<string, string[]> {
  let m = prefixCache.get(params);
  if (m !== undefined) return m;
  m = new Map();
  for (const v of params.get('excluded-goods')?.values ?? [])
    for (const g of v.value as ParameterValue<'excluded-goods'>) {
      const list = m.get(g.id) ?? [];
      for (const p of g.htsPrefixes) if (!list.includes(p)) list.push(p);
      m.set(g.id, list);
    }
  prefixCache.set(params, m);
  return m;
}

function section201Prefixes(params: ParameterSet): string[] {
  const out = new Set<string>();
  for (const v of params.get('lookup-exclusions')?.values ?? [])
    for (const p of (v.value as ParameterValue<'lookup-exclusions'>).section201Prefixes) out.add(p);
  return [...out];
}
